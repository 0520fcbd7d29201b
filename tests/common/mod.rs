//! Checks shared by the native tests (tests/seeds.rs) and the wasm tests (tests/web.rs).
//! Fixtures are compiled in with include_str!, so the same cases run where there is no
//! file system (wasm in a browser).

use article_analyzer::clean;
use article_analyzer::dedup::{self, DedupOptions};
use article_analyzer::entities::{self, alias, Entity, Label};
use article_analyzer::pipeline::{self, Options, Unit};
use article_analyzer::quotes;
use article_analyzer::Document;

pub const SEEDS: [(&str, &str); 5] = [
    ("000", include_str!("../fixtures/000_e333c4edac6b7551.txt")),
    ("001", include_str!("../fixtures/001_c0c8706f269b1a0d.txt")),
    ("002", include_str!("../fixtures/002_98689cd0ccb280cd.txt")),
    ("003", include_str!("../fixtures/003_8905e8ea8f63e6ce.txt")),
    ("004", include_str!("../fixtures/004_ba1aded1c17315ae.txt")),
];

const CASES: &str = include_str!("../fixtures/cases.tsv");

const DIFF_CASES: &str = include_str!("../fixtures/diff-cases.txt");

/// Runs every case of tests/fixtures/diff-cases.txt (with the diff invariants); returns the
/// failures, each with what was wanted and what came.
pub fn diff_case_table() -> Vec<String> {
    use article_analyzer::diff::{self, OpKind};
    let mut failures = Vec::new();
    let mut cases = 0;
    for case in DIFF_CASES.split("\n=== ").skip(1) {
        let (name, rest) = case.split_once('\n').expect("a case name line");
        let part = |tag: &str| {
            let start =
                rest.find(&format!("--- {tag}\n")).unwrap_or_else(|| panic!("{name}: no --- {tag}")) + tag.len() + 5;
            let end = rest[start..].find("\n--- ").map_or(rest.len(), |e| start + e);
            rest[start..end].trim_end_matches('\n').to_string()
        };
        let (a, b, want) = (part("a"), part("b"), part("want"));
        cases += 1;
        let d = diff::diff(&a, &b);
        let mut got: Vec<String> = Vec::new();
        for o in &d.ops {
            let (ta, tb) = (a[o.a.0..o.a.1].trim(), b[o.b.0..o.b.1].trim());
            match o.kind {
                OpKind::Delete | OpKind::Move => {
                    got.push(format!("{} | {ta}", if o.kind == OpKind::Move { "move" } else { "delete" }))
                }
                OpKind::Insert => got.push(format!("insert | {tb}")),
                OpKind::Replace => got.push(format!("replace | {ta} => {tb}")),
                OpKind::Equal | OpKind::Skip => {}
            }
        }
        if got.is_empty() {
            got.push("none".into());
        }
        let mut wanted: Vec<String> = Vec::new();
        let mut summary = None;
        for line in want.lines().map(|l| l.replace("\\n", "\n")) {
            match line.strip_prefix("summary | ") {
                Some(s) => summary = Some(s.to_string()),
                None => wanted.push(line),
            }
        }
        if got != wanted {
            failures.push(format!("{name}:\n  want {wanted:#?}\n  got  {got:#?}"));
        }
        if let Some(s) = summary {
            if d.summary.to_string() != s {
                failures.push(format!("{name}: summary {:?}, want {s:?}", d.summary.to_string()));
            }
        }
    }
    assert!(cases >= 6, "only {cases} diff cases");
    failures
}

/// Runs every row of tests/fixtures/cases.tsv; returns the failures.
pub fn case_table() -> Vec<String> {
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in CASES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<String> = line.split('\t').map(|s| s.replace("\\n", "\n")).collect();
        assert_eq!(f.len(), 3, "bad case row: {line}");
        rows += 1;
        let (kind, input, want) = (f[0].as_str(), f[1].as_str(), f[2].as_str());
        let ok = match kind {
            "clean-drops" => !clean::clean(input).text.contains(want),
            "clean-keeps" => clean::clean(input).text.contains(want),
            "repair-keeps" => {
                // In-line repairs only (the CLI's `--repairs-only`, the page's removals off).
                let options = clean::CleanOptions {
                    disabled: clean::Rule::ALL.into_iter().filter(|r| r.kind() == clean::EditKind::Remove).collect(),
                    ..Default::default()
                };
                clean::clean_with(input, &options).text.contains(want)
            }
            "entity" | "no-entity" => {
                let (span, label) = want.split_once('|').unwrap_or((want, ""));
                let found = entities::recognize(input)
                    .iter()
                    .any(|e| &input[e.start..e.end] == span && (label.is_empty() || e.label.as_str() == label));
                found == (kind == "entity")
            }
            other => panic!("unknown case kind {other}"),
        };
        if !ok {
            failures.push(format!("{kind}: {input:?} -> {want:?}"));
        }
    }
    assert!(rows >= 10, "the case table was not read");
    failures
}

const ALIAS_CASES: &str = include_str!("../fixtures/alias-cases.tsv");

/// A canonical entity as the alias case table states it: name, label, mentions.
type Group = (String, Label, Vec<(usize, usize)>);

fn parse_label(s: &str) -> Label {
    *Label::ALL.iter().find(|l| l.as_str() == s).unwrap_or_else(|| panic!("unknown label {s:?}"))
}

/// Runs every row of tests/fixtures/alias-cases.tsv through alias::merge (documents built
/// from the listed mentions, no tagger); returns the failures.
pub fn alias_case_table() -> Vec<String> {
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in ALIAS_CASES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 3, "bad alias case row: {line}");
        rows += 1;
        let (name, docs, want) = (f[0], f[1], f[2]);
        // The documents: mentions joined by ". "; per document, (surface, entity index).
        let mut texts: Vec<(String, Vec<Entity>)> = Vec::new();
        let mut surfaces: Vec<Vec<String>> = Vec::new();
        for doc in docs.split(" || ") {
            let (mut text, mut ents, mut names) = (String::new(), Vec::new(), Vec::new());
            for m in doc.split(" | ") {
                let (surface, label) = m.rsplit_once('/').unwrap_or_else(|| panic!("{name}: bad mention {m:?}"));
                let start = text.len();
                text.push_str(surface);
                ents.push(Entity { start, end: text.len(), label: parse_label(label) });
                text.push_str(". ");
                names.push(surface.to_string());
            }
            texts.push((text, ents));
            surfaces.push(names);
        }
        let refs: Vec<(&str, &[Entity])> = texts.iter().map(|(t, e)| (t.as_str(), e.as_slice())).collect();
        let got = alias::merge(&refs);
        // Expected groups as (name, label, sorted mentions).
        let mut expected: Vec<Group> = Vec::new();
        for group in want.split(" ;; ") {
            let (head, members) = group.split_once(" = ").unwrap_or_else(|| panic!("{name}: bad group {group:?}"));
            let (gname, label) = head.rsplit_once('/').unwrap_or_else(|| panic!("{name}: bad group {head:?}"));
            let mut ms = Vec::new();
            for m in members.split(", ") {
                let (surface, at) = m.rsplit_once('@').unwrap_or_else(|| panic!("{name}: bad member {m:?}"));
                let (d, k) = match at.split_once('.') {
                    Some((d, k)) => (d.parse::<usize>().unwrap(), Some(k.parse::<usize>().unwrap())),
                    None => (at.parse::<usize>().unwrap(), None),
                };
                let found: Vec<usize> =
                    surfaces[d].iter().enumerate().filter(|(_, s)| *s == surface).map(|(i, _)| i).collect();
                assert!(!found.is_empty(), "{name}: {surface:?} is not in document {d}");
                match k {
                    Some(k) => ms.push((d, found[k])),
                    None => ms.extend(found.iter().map(|&i| (d, i))),
                }
            }
            ms.sort_unstable();
            expected.push((gname.to_string(), parse_label(label), ms));
        }
        let covered: usize = expected.iter().map(|g| g.2.len()).sum();
        let total: usize = surfaces.iter().map(Vec::len).sum();
        assert_eq!(covered, total, "{name}: the expected groups must list every mention once");
        let mut have: Vec<Group> = got.iter().map(|c| (c.name.clone(), c.label, c.mentions.clone())).collect();
        have.sort_by(|a, b| a.2.cmp(&b.2));
        expected.sort_by(|a, b| a.2.cmp(&b.2));
        if have != expected {
            failures.push(format!("{name}:\n  want {expected:?}\n  got  {have:?}"));
        }
    }
    assert!(rows >= 10, "the alias case table was not read");
    failures
}

const QUOTE_CASES: &str = include_str!("../fixtures/quote-cases.tsv");

/// Runs every row of tests/fixtures/quote-cases.tsv through quotes::find; returns the
/// failures.
pub fn quote_case_table() -> Vec<String> {
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in QUOTE_CASES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<String> = line.split('\t').map(|s| s.replace("\\n", "\n")).collect();
        assert_eq!(f.len(), 3, "bad quote case row: {line}");
        rows += 1;
        let (kind, text, want) = (f[0].as_str(), f[1].as_str(), f[2].as_str());
        let found = quotes::find(text);
        check_quote_spans(text, &found);
        let shown: Vec<String> = found
            .iter()
            .map(|q| {
                let sp = q.speaker.as_ref();
                format!(
                    "{:?} by {:?} = {:?}",
                    &text[q.start..q.end],
                    sp.map(|s| &text[s.start..s.end]),
                    sp.and_then(|s| s.name).map(|(a, b)| &text[a..b])
                )
            })
            .collect();
        let ok = match kind {
            "quote" => {
                let w: Vec<&str> = want.split('|').collect();
                found.iter().any(|q| {
                    let sp = q.speaker.as_ref();
                    let speaker = sp.map_or("-", |s| &text[s.start..s.end]);
                    let name = sp.and_then(|s| s.name).map_or("-", |(a, b)| &text[a..b]);
                    text[q.start..q.end].contains(w[0]) && speaker == w[1] && (w.len() < 3 || name == w[2])
                })
            }
            "exact" => {
                let w: Vec<&str> = want.split('|').collect();
                found.iter().any(|q| {
                    let speaker = q.speaker.as_ref().map_or("-", |s| &text[s.start..s.end]);
                    &text[q.start..q.end] == w[0] && speaker == w[1]
                })
            }
            "no-quote" => !found.iter().any(|q| text[q.start..q.end].trim_end_matches(['.', ',']) == want),
            "count" => found.len() == want.parse::<usize>().expect("a count"),
            other => panic!("unknown quote case kind {other}"),
        };
        if !ok {
            failures.push(format!("{kind}: {text:?} -> want {want:?}, got {shown:?}"));
        }
    }
    assert!(rows >= 10, "the quote case table was not read");
    failures
}

/// Spans in bounds, on character boundaries, and speakers outside their quotes (the same
/// rules as invariants::check_quotes, which the fuzz target runs).
fn check_quote_spans(text: &str, found: &[quotes::Quote]) {
    let ok = |s: usize, e: usize| s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    for q in found {
        assert!(ok(q.start, q.end), "bad quote span {}..{}", q.start, q.end);
        let pieces = if q.fragments.is_empty() { vec![(q.start, q.end)] } else { q.fragments.clone() };
        for &(s, e) in &pieces {
            assert!(ok(s, e) && q.start <= s && e <= q.end, "bad fragment {s}..{e}");
        }
        if let Some(sp) = &q.speaker {
            assert!(ok(sp.start, sp.end), "bad speaker span");
            assert!(pieces.iter().all(|&(s, e)| sp.end <= s || e <= sp.start), "speaker inside its quote");
        }
    }
}

/// The seeds' quotes: the speakers a reader would name, scare quotes left alone.
pub fn seeds_quotes() {
    let want: [(&str, &str, &str); 6] = [
        ("000", "hanging in the air", "Yuri Ushakov"),
        ("002", "This is just the beginning", "Peskov"),
        ("002", "Possibly. And possibly not", "Peskov"),
        ("003", "agreement in principle was made", "Ushakov"),
        ("003", "As for a three-way meeting", "Ushakov"),
        ("004", "Ukraine is not afraid of meetings", "Zelenskyy"),
    ];
    for (seed, content, speaker) in want {
        let text = SEEDS.iter().find(|s| s.0 == seed).unwrap().1;
        let found = quotes::find(text);
        check_quote_spans(text, &found);
        let q = found.iter().find(|q| text[q.start..q.end].contains(content));
        let q = q.unwrap_or_else(|| panic!("{seed}: no quote with {content:?}"));
        let name = q.speaker.as_ref().and_then(|s| s.name).map(|(a, b)| &text[a..b]).unwrap_or("");
        assert!(name.contains(speaker), "{seed}: {content:?} is {speaker}'s, got {name:?}");
    }
    for (seed, scare) in [("000", "“Respectful”"), ("000", "“Patriots-Only”"), ("000", "“Truly Friendly”")]
    {
        let text = SEEDS.iter().find(|s| s.0 == seed).unwrap().1;
        assert!(
            !quotes::find(text).iter().any(|q| text[q.start..q.end].trim_end_matches(['.', ',']) == scare),
            "{seed}: {scare} is not a quote"
        );
    }
}

/// Cleaning is idempotent on the seeds and the alignment maps copied text back exactly.
pub fn seeds_clean_idempotent_and_aligned() {
    for (name, text) in SEEDS {
        let once = clean::clean(text);
        let twice = clean::clean(&once.text);
        assert_eq!(once.text, twice.text, "seed {name}: clean(clean(x)) != clean(x)");
        assert!(!once.text.trim().is_empty(), "seed {name}: empty output");
        for (i, _) in once.text.char_indices().step_by(7) {
            let (os, _) = once.alignment.to_original(i, i);
            assert!(text.is_char_boundary(os), "seed {name}: offset {os} splits a character");
        }
    }
}

/// The chrome the issue names is gone from the seeds and the article stays.
pub fn seeds_lose_their_chrome() {
    let c = clean::clean(SEEDS[3].1).text;
    assert!(!c.contains("Connect with us"), "{c}");
    assert!(!c.contains("Advertisement"), "{c}");
    assert!(c.contains("Kremlin aide Yury Ushakov said both parties"), "{c}");
    let c = clean::clean(SEEDS[1].1).text;
    assert!(!c.contains("Adblock Detected"), "{c}");
    assert!(!c.contains("Home » News"), "{c}");
    assert!(c.contains("reportedly in the works, according to"), "{c}");
}

/// Offsets of every view agree with what JavaScript (UTF-16) and Python (code points) see.
pub fn offsets_match_js_and_python() {
    let mut text = SEEDS[0].1.to_string();
    text.push_str("\n“Quoted” 😀 Zelenskyy’s 🇺🇦 visit to Kyiv on Monday.\n");
    let doc = Document::from_text("t", &text, &Default::default());
    fn utf16(s: &str) -> usize {
        s.encode_utf16().count()
    }
    fn chars(s: &str) -> usize {
        s.chars().count()
    }
    for (unit, len) in [(Unit::Utf16, utf16 as fn(&str) -> usize), (Unit::Chars, chars)] {
        let view = pipeline::document_view(&doc, unit);
        assert!(!view.entities.is_empty());
        for (e, raw) in view.entities.iter().zip(&doc.entities) {
            assert_eq!(e.start, len(&doc.cleaned.text[..raw.start]));
            assert_eq!(e.end - e.start, len(&e.text));
        }
        for (e, raw) in view.edits.iter().zip(&doc.cleaned.edits) {
            assert_eq!(e.start, len(&doc.original[..raw.start]));
        }
    }
}

/// Exact and truncated copies of a seed cluster with it; the five seeds stay apart.
pub fn dedup_finds_copies_not_related_stories() {
    let base = clean::clean(SEEDS[2].1).text;
    let cut: String = base.chars().take(base.chars().count() * 6 / 10).collect();
    let copy = format!("  {}\n\n", base.replace('\n', "\n\n"));
    let mut texts: Vec<String> = SEEDS.iter().map(|(_, t)| clean::clean(t).text).collect();
    texts.push(copy);
    texts.push(cut);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let d = dedup::dedup(&refs, &DedupOptions::default());
    assert_eq!(d.cluster[5], d.cluster[2], "exact copy");
    assert_eq!(d.cluster[6], d.cluster[2], "truncated copy");
    let mut seeds: Vec<usize> = d.cluster[..5].to_vec();
    seeds.dedup();
    assert_eq!(seeds.len(), 5, "different articles are not duplicates: {:?}", d.cluster);
}

/// The whole pipeline: the repeated headline of seed 001 is a repeated passage, and the
/// people of the story merge across documents.
pub fn pipeline_on_seeds() {
    let inputs: Vec<(String, String)> = SEEDS.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let (docs, corpus) = pipeline::analyze(&inputs, &Options::default());
    assert_eq!(docs.len(), 5);
    let headline = "Trump-Putin Meeting Possible Next Week, Russia Official Says";
    assert!(
        corpus.passages.iter().any(|p| p.within && p.text.contains(headline)),
        "headline of seed 001 not reported as repeated"
    );
    let putin = corpus
        .entities
        .iter()
        .find(|c| c.name.contains("Putin") && c.label == entities::Label::Per)
        .expect("Putin as a person");
    assert!(putin.documents.len() >= 4, "{putin:?}");
    // Transliterations merge (seed 003 writes "Yury", the others "Yuri"), and the bare
    // "Trump"s of seed 000 go to Donald Trump although Melania Trump comes later there.
    let ushakov = corpus.entities.iter().find(|c| c.name.ends_with("Ushakov")).expect("Ushakov");
    let forms: Vec<&str> = ushakov.aliases.iter().map(|a| a.0.as_str()).collect();
    assert!(forms.contains(&"Yuri Ushakov") && forms.contains(&"Yury Ushakov"), "{ushakov:?}");
    let trump = corpus.entities.iter().find(|c| c.name == "Donald Trump").expect("Donald Trump");
    assert!(trump.documents.contains(&0) && trump.aliases.iter().any(|a| a.0 == "Trump"), "{trump:?}");
    assert!(!corpus.entities.iter().any(|c| c.name == "Trump"), "a bare Trump left over");
}

/// The page's corpus view of quotes (what the worker hands the Quotes view): UTF-16 offsets
/// into each cleaned text, the canonical speaker across spellings, and the same quote in two
/// documents grouped, here a reprint with an emoji before it (UTF-16 and bytes part ways).
pub fn corpus_quotes_utf16() {
    let mut inputs: Vec<(String, String)> = SEEDS.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let reprint = "Summit 🌍 watch\n\n“The idea of a Putin-Trump meeting in Osaka, within the framework of the G20, is hanging in the air,” Kremlin aide Yury Ushakov told reporters.\n";
    inputs.push(("reprint".to_string(), reprint.to_string()));
    let (docs, corpus) = pipeline::analyze(&inputs, &Options::default());
    let view = pipeline::corpus_view(&docs, &corpus, Unit::Utf16);
    let utf16: Vec<Vec<u16>> = docs.iter().map(|d| d.cleaned.text.encode_utf16().collect()).collect();
    let slice = |d: usize, s: usize, e: usize| String::from_utf16(&utf16[d][s..e]).expect("UTF-16 boundaries");
    assert!(!view.quotes.is_empty());
    for q in &view.quotes {
        assert_eq!(slice(q.document, q.quote.start, q.quote.end), q.quote.text);
        if let Some(sp) = &q.quote.speaker {
            assert_eq!(slice(q.document, sp.start, sp.end), sp.text);
        }
        if let Some(c) = &q.quote.cue {
            assert_eq!(slice(q.document, c.start, c.end), c.text);
        }
    }
    let osaka: Vec<_> = view.quotes.iter().filter(|q| q.quote.text.contains("is hanging in the air")).collect();
    assert_eq!(osaka.len(), 2, "{osaka:?}");
    let canon: Vec<_> = osaka.iter().map(|q| q.canonical.as_deref().unwrap_or("")).collect();
    assert!(canon[0] == canon[1] && canon[0].ends_with("Ushakov"), "one speaker for Yuri and Yury: {canon:?}");
    // Occurrences index each document's quotes; the shared quote holds both documents.
    let nth = |d: usize, i: usize| view.quotes.iter().filter(|q| q.document == d).nth(i).expect("occurrence");
    let shared = view
        .shared_quotes
        .iter()
        .find(|g| g.occurrences.iter().any(|&(d, i)| nth(d, i).quote.text.contains("hanging in the air")))
        .expect("the Osaka quote is shared");
    assert_eq!(shared.documents, vec![0, 5]);
    assert!(!shared.conflict, "{shared:?}");
}
