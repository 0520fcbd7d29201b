//! The command-line tool as a user runs it: the built binary, stdin in, stdout out. Its JSON
//! uses the page's view types with code point offsets.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const SEED: &str = include_str!("fixtures/001_c0c8706f269b1a0d.txt");

/// Runs the CLI with `args` and `stdin`; (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-analyzer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    // A command that fails on its arguments exits before reading: a broken pipe here is fine.
    let _ = child.stdin.take().expect("stdin").write_all(stdin.as_bytes());
    let out = child.wait_with_output().expect("the CLI ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn clean_edits_are_the_pages_edit_views() {
    let (code, out, err) = run(&["clean", "--edits"], SEED);
    assert_eq!(code, 0, "{err}");
    let edits: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert!(edits.len() > 10, "{} edits", edits.len());
    for e in &edits {
        for key in ["id", "start", "end", "clean_start", "kind", "rule", "reason", "before", "after", "applied"] {
            assert!(e.get(key).is_some(), "{key} missing in {e}");
        }
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(chars(SEED, s, t), e["before"].as_str().unwrap(), "code point offsets of {e}");
    }
    assert!(edits.iter().any(|e| e["kind"] == "remove" && e["applied"] == true));
    assert!(edits.iter().any(|e| e["kind"] == "repair" && e["applied"] == true));
    // The applied edits, replayed on the input in their order, give `clean`'s output.
    let input: Vec<char> = SEED.chars().collect();
    let (mut replayed, mut cursor) = (String::new(), 0);
    for e in edits.iter().filter(|e| e["applied"] == true) {
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert!(s >= cursor, "applied edits do not overlap: {e}");
        replayed.extend(&input[cursor..s]);
        replayed.push_str(e["after"].as_str().unwrap());
        cursor = t;
    }
    replayed.extend(&input[cursor..]);
    let (code, cleaned, _) = run(&["clean"], SEED);
    assert_eq!(code, 0);
    assert_eq!(replayed, cleaned);
}

#[test]
fn entities_use_code_points_of_the_text_as_given() {
    let text = "“Zelenskyy’s” 😀 talks: Vladimir Putin met Donald Trump in Helsinki.";
    let line = serde_json::json!({ "id": 7, "text": text }).to_string();
    let (code, out, err) = run(&["entities", "--jsonl"], &line);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(out.trim()).expect("one JSON line");
    assert_eq!(v["id"], 7);
    let ents = v["entities"].as_array().expect("entities");
    assert!(ents.iter().any(|e| e["text"] == "Vladimir Putin" && e["label"] == "PER"), "{v}");
    for e in ents {
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(chars(text, s, t), e["text"].as_str().unwrap());
        assert_eq!(e.as_object().map(|o| o.len()), Some(4), "start, end, label, text: {e}");
    }
}

/// JSON Lines of the five seeds, repeated `copies` times, with a blank line among them.
#[test]
fn quotes_follow_the_scorers_contract() {
    let text = "😀 Talks. “This is just the beginning of the talks,” Kremlin spokesman Dmitry Peskov said.";
    let line = serde_json::json!({ "id": "a", "text": text }).to_string();
    let (code, out, err) = run(&["quotes", "--jsonl"], &line);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(out.trim()).expect("one JSON line");
    assert_eq!(v["id"], "a");
    let q = &v["quotes"][0];
    let (s, e) = (q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize);
    assert_eq!(chars(text, s, e), q["text"].as_str().unwrap());
    let sp = &q["speaker"];
    let (s, e) = (sp["start"].as_u64().unwrap() as usize, sp["end"].as_u64().unwrap() as usize);
    assert_eq!(chars(text, s, e), "Kremlin spokesman Dmitry Peskov");
    assert_eq!(sp["name"], "Dmitry Peskov");
    let (s, e) = (q["cue"]["start"].as_u64().unwrap() as usize, q["cue"]["end"].as_u64().unwrap() as usize);
    assert_eq!(chars(text, s, e), "said");
}

fn seed_lines(copies: usize) -> String {
    let seeds = [
        include_str!("fixtures/000_e333c4edac6b7551.txt"),
        SEED,
        include_str!("fixtures/002_98689cd0ccb280cd.txt"),
        include_str!("fixtures/003_8905e8ea8f63e6ce.txt"),
        include_str!("fixtures/004_ba1aded1c17315ae.txt"),
    ];
    let mut s = String::new();
    for k in 0..copies {
        for (i, t) in seeds.iter().enumerate() {
            s += &serde_json::json!({ "id": format!("{k}-{i}"), "text": t }).to_string();
            s += "\n";
        }
        s += "\n";
    }
    s
}

#[test]
fn parallel_output_is_byte_identical_to_one_thread() {
    let input = seed_lines(8);
    for cmd in [&["clean", "--jsonl"][..], &["entities", "--jsonl"]] {
        let (code1, one, err) = run(&[&["--jobs", "1"][..], cmd].concat(), &input);
        assert_eq!(code1, 0, "{err}");
        let (code4, four, err) = run(&[&["--jobs", "4"][..], cmd].concat(), &input);
        assert_eq!(code4, 0, "{err}");
        assert_eq!(one.lines().count(), 40);
        assert_eq!(one, four, "{cmd:?}");
    }
}

#[test]
fn clean_jsonl_gives_text_and_edits_like_clean() {
    let line = serde_json::json!({ "id": "s1", "text": SEED }).to_string();
    let (code, out, err) = run(&["clean", "--jsonl"], &line);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let (_, cleaned, _) = run(&["clean"], SEED);
    assert_eq!(v["id"], "s1");
    assert_eq!(v["text"], cleaned.as_str());
    let (_, edits, _) = run(&["clean", "--edits"], SEED);
    assert_eq!(v["edits"].as_array().map(Vec::len), Some(edits.lines().count()));
}

#[test]
fn rule_switches_pick_what_runs() {
    let page = "Home > World > Europe\nThe talks,which began on Monday,ended late.\nShare this article\n";
    let (_, all, _) = run(&["clean"], page);
    assert_eq!(all, "The talks, which began on Monday, ended late.\n");
    let (_, repairs, _) = run(&["clean", "--repairs-only"], page);
    assert_eq!(repairs, "Home > World > Europe\nThe talks, which began on Monday, ended late.\nShare this article\n");
    let (_, no_spacing, _) = run(&["clean", "--no-rule", "spacing"], page);
    assert_eq!(no_spacing, "The talks,which began on Monday,ended late.\n");
    let (_, only_spacing, _) = run(&["clean", "--rules", "spacing"], page);
    assert_eq!(only_spacing, repairs);
    let (code, _, err) = run(&["clean", "--no-rule", "nope"], page);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule \"nope\""), "{err}");
    let (code, rules, _) = run(&["rules"], "");
    assert_eq!(code, 0);
    assert!(rules.lines().any(|l| l == "spacing\trepair"), "{rules}");
    assert!(rules.lines().any(|l| l == "navigation\tremove"), "{rules}");
}

#[test]
fn bad_lines_stop_the_run_or_are_skipped_with_a_count() {
    let input =
        "{\"id\":1,\"text\":\"Putin spoke.\"}\nnot json\n{\"id\":3}\n\u{ff}\n{\"id\":5,\"text\":\"Biden too.\"}\n";
    let (code, out, err) = run(&["entities", "--jsonl"], input);
    assert_eq!(code, 2);
    assert_eq!(out.lines().count(), 1, "the lines before the bad one are answered: {out}");
    assert!(err.contains("line 2: not JSON"), "{err}");
    let (code, out, err) = run(&["entities", "--jsonl", "--skip-bad"], input);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<Value> = out.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone()).collect();
    assert_eq!(ids, [1, 5]);
    assert!(err.contains("skipped 3 bad line(s); the first, line 2: not JSON"), "{err}");
    let (code, _, err) = run(&["dedup", "--jsonl"], input);
    assert_eq!(code, 2);
    assert!(err.contains("line 2: not JSON"), "{err}");
    let (code, _, err) = run(&["dedup", "--jsonl", "--skip-bad"], input);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["nope"], "");
    assert_eq!(code, 2);
    assert!(err.contains("unrecognized subcommand"), "{err}");
}

#[test]
fn version_and_help_per_subcommand() {
    let (code, out, _) = run(&["--version"], "");
    assert_eq!(code, 0);
    assert_eq!(out.trim(), format!("article-analyzer {}", env!("CARGO_PKG_VERSION")));
    for cmd in ["clean", "entities", "dedup", "analyze", "rules"] {
        let (code, out, _) = run(&[cmd, "--help"], "");
        assert_eq!(code, 0, "{cmd}");
        assert!(out.contains("Usage: article-analyzer"), "{cmd}: {out}");
    }
    let (_, out, _) = run(&["clean", "--help"], "");
    assert!(out.contains("--repairs-only") && out.contains("--skip-bad") && out.contains("Exit status"), "{out}");
}

#[test]
fn diff_answers_every_good_line_and_names_the_bad_ones() {
    let a =
        "Talks on June 28 and \u{201c}July 4\u{201d} went well. The envoy left early.\n\nBoth sides will meet again.";
    let b = "Talks on June 28 and \"July 4\" went well.\n\nBoth sides will meet again. A date was not set.";
    let good = serde_json::json!({ "id": "x", "a": a, "b": b }).to_string();
    let input = format!("{good}\n\n{{\"id\": 2, \"a\": \"only a\"}}\nnot json\n{good}\n");
    let mut bytes = input.into_bytes();
    bytes.extend_from_slice(b"{\"id\": 5, \"a\": \"\xff\", \"b\": \"\"}\n");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_article-analyzer"))
        .args(["diff", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    child.stdin.take().expect("stdin").write_all(&bytes).expect("stdin written");
    let out = child.wait_with_output().expect("the CLI ends");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for line in [3, 4, 6] {
        assert!(stderr.contains(&format!("line {line}:")), "line {line} not named: {stderr}");
    }
    assert!(stderr.contains("no \"b\" string") && stderr.contains("not UTF-8"), "{stderr}");
    let rows: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    let ops = rows[0]["ops"].as_array().expect("ops");
    let kinds: Vec<&str> = ops.iter().map(|o| o["op"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["delete", "insert"], "{stdout}");
    // Code points: the curly quotes do not shift the offsets.
    let span =
        |o: &Value, k: &str, t: &str| chars(t, o[k][0].as_u64().unwrap() as usize, o[k][1].as_u64().unwrap() as usize);
    assert_eq!(span(&ops[0], "a", a), "The envoy left early.");
    assert_eq!(span(&ops[1], "b", b), "A date was not set.");
    // Only the bad lines fail: the same good input alone exits 0.
    let (code, _, err) = run(&["diff", "--jsonl"], &format!("{good}\n"));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn clean_html_prints_the_article_and_jsonl_takes_html_records() {
    let page =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html/news-page.html")).unwrap();
    let (code, out, _) = run(&["clean", "--html"], &page);
    assert_eq!(code, 0);
    assert!(out.starts_with("Harbour Town opened its new public library"), "{out}");
    assert!(!out.contains("Share on Facebook") && !out.contains("Great news"), "{out}");
    // A JSONL record with "html": the same text, the page's visible text as the original the
    // edits refer to, and the page's metadata.
    let line = serde_json::json!({ "id": "p1", "html": page }).to_string() + "\n";
    let (code, out, _) = run(&["clean", "--jsonl"], &line);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["id"], "p1");
    assert!(v["text"].as_str().unwrap().starts_with("Harbour Town opened"));
    assert_eq!(v["metadata"]["byline"], "Mara Lindqvist");
    assert_eq!(v["metadata"]["title"], "Harbour Town Opens Its New Library");
    let original = v["original"].as_str().unwrap();
    for e in v["edits"].as_array().unwrap() {
        let (s, en) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(
            chars(original, s, en),
            e["before"].as_str().unwrap(),
            "edit offsets are code points of the original"
        );
    }
    // The other JSONL modes read an HTML record's article.
    let (code, out, _) = run(&["entities", "--jsonl"], &line);
    assert_eq!(code, 0);
    assert!(out.contains("Ingrid Solberg"), "{out}");
    // A page with no article: empty output and the reason on stderr.
    let none =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html/no-article.html")).unwrap();
    let (code, out, err) = run(&["clean", "--html"], &none);
    assert_eq!((code, out.trim()), (0, ""));
    assert!(err.contains("no article"), "{err}");
}
