//! `bench-dedup N [CORPUS]`: synthesises N articles deterministically from the dev corpus
//! (read at run time, default `../shared/data/dedup-dev/corpus.jsonl`) and times `dedup()`.
//!
//! About 60% of the articles are new "bases": a corpus text with its paragraphs rotated and
//! 30% of its words replaced by other corpus words and
//! 60% respelled with a random suffix (so bases are distinct stories); the rest are copies of an
//! earlier article: exact, truncated to 40-90%, or with word edits and a paragraph dropped.
//! Printed: input MB, the baseline (hashing every text's shingles, `dedup::shingles`), the
//! dedup time, MB/s, clusters, pairs, and peak RSS (VmHWM) before and after dedup.

use article_analyzer::dedup::{self, DedupOptions};
use std::time::Instant;

#[path = "shared/rng.rs"]
mod rng;
use rng::Rng;

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// Rewrites words of `text` (keeping line structure), replacing each with probability
/// `percent` by a vocabulary word.
fn edit_words(text: &str, percent: u64, vocab: &[&str], rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (li, line) in text.split('\n').enumerate() {
        if li > 0 {
            out.push('\n');
        }
        for (wi, w) in line.split(' ').enumerate() {
            if wi > 0 {
                out.push(' ');
            }
            if !w.is_empty() && rng.chance(percent) {
                out.push_str(vocab[rng.below(vocab.len())]);
            } else {
                out.push_str(w);
            }
        }
    }
    out
}

/// Gives a new story its own spelling: each word, with probability `percent`, gets a
/// random two-letter suffix, so bases drawn from the same source share few shingles.
fn respell(text: &str, percent: u64, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut in_word = false;
    for c in text.chars() {
        let alnum = c.is_alphanumeric();
        if in_word && !alnum && rng.chance(percent) {
            out.push((b'a' + rng.below(26) as u8) as char);
            out.push((b'a' + rng.below(26) as u8) as char);
        }
        in_word = alnum;
        out.push(c);
    }
    out
}

fn truncate(text: &str, percent: usize) -> &str {
    let mut cut = text.len() * percent / 100;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

fn drop_paragraph(text: &str, rng: &mut Rng) -> String {
    let paras: Vec<&str> = text.split("\n\n").collect();
    if paras.len() < 3 {
        return text.to_string();
    }
    let skip = 1 + rng.below(paras.len() - 1);
    paras.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, p)| *p).collect::<Vec<_>>().join("\n\n")
}

/// The wire-copy shape (`bench-dedup wire N`): each new story has a lead paragraph of its
/// own, then body paragraphs mostly drawn from a shared pool, each pool paragraph recurring
/// in about 7 unrelated stories (wire copy, quoted paragraphs); then planted copies as in the
/// default shape (exact, cut to 40-90%, a paragraph dropped and 2% of words edited). Returns
/// the texts and their gold clusters (the index of each one's first story).
fn wire_corpus(
    n: usize,
    sources: &[String],
    vocab: &[&str],
    rng: &mut Rng,
) -> (Vec<String>, Vec<(usize, &'static str)>) {
    // Paragraphs of 30-100 words, so no one paragraph is most of a story.
    let paras: Vec<&str> = sources
        .iter()
        .flat_map(|s| s.split("\n\n"))
        .filter(|p| (30..=100).contains(&p.split_whitespace().count()))
        .collect();
    let variant = |rng: &mut Rng| {
        let p = paras[rng.below(paras.len())];
        respell(&edit_words(p, 30, vocab, rng), 60, rng)
    };
    // New stories are ~60% of n: a lead paragraph of their own, then ~3.5 body paragraphs,
    // ~70% of them from the pool: pool uses ~0.6 * 3.5 * 0.7 * n, so a pool of 0.21 n
    // paragraphs gives each ~7 stories.
    let pool: Vec<String> = (0..(n * 21 / 100).max(1)).map(|_| variant(rng)).collect();
    let mut texts: Vec<String> = Vec::with_capacity(n);
    let mut gold: Vec<(usize, &str)> = Vec::with_capacity(n);
    for i in 0..n {
        if i < 10 || rng.chance(60) {
            let k = 2 + rng.below(6);
            let story: Vec<String> = (0..k)
                .map(|p| if p > 0 && rng.chance(70) { pool[rng.below(pool.len())].clone() } else { variant(rng) })
                .collect();
            texts.push(story.join("\n\n"));
            gold.push((i, "base"));
        } else {
            let j = rng.below(i);
            let orig = &texts[j];
            let (t, level) = match rng.below(3) {
                0 => (orig.clone(), "exact"),
                1 => (truncate(orig, 40 + rng.below(51)).to_string(), "truncated"),
                _ => (edit_words(&drop_paragraph(orig, rng), 2, vocab, rng), "edited"),
            };
            texts.push(t);
            gold.push((gold[j].0, level));
        }
    }
    (texts, gold)
}

/// Adjusted Rand Index of two clusterings (as `score-dedup.py` computes it).
fn ari(gold: &[usize], pred: &[usize]) -> f64 {
    use std::collections::HashMap;
    let c2 = |v: u64| (v * v.saturating_sub(1) / 2) as f64;
    let mut both: HashMap<(usize, usize), u64> = HashMap::new();
    let (mut a, mut b): (HashMap<usize, u64>, HashMap<usize, u64>) = (HashMap::new(), HashMap::new());
    for (&g, &p) in gold.iter().zip(pred) {
        *both.entry((g, p)).or_default() += 1;
        *a.entry(g).or_default() += 1;
        *b.entry(p).or_default() += 1;
    }
    let index: f64 = both.values().map(|&v| c2(v)).sum();
    let (sa, sb): (f64, f64) = (a.values().map(|&v| c2(v)).sum(), b.values().map(|&v| c2(v)).sum());
    let expected = sa * sb / c2(gold.len() as u64).max(1.0);
    let max = (sa + sb) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

/// Runs `cmd` (stdin from `input`) under python3 and returns (wall seconds, peak RSS MB of
/// the child, its stdout): the same measure for the Python baseline and the CLI.
fn timed(cmd: &[&str], input: &str) -> Option<(f64, f64, String)> {
    const WRAP: &str = "import resource,subprocess,sys,time\n\
        t=time.perf_counter()\n\
        r=subprocess.run(sys.argv[2:],stdin=open(sys.argv[1],'rb'),stdout=subprocess.PIPE)\n\
        w=time.perf_counter()-t\n\
        sys.stderr.write(f'{w} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024}\\n')\n\
        sys.stdout.buffer.write(r.stdout)\n\
        sys.exit(r.returncode)";
    let out = std::process::Command::new("python3").args(["-c", WRAP, input]).args(cmd).output().ok()?;
    if !out.status.success() {
        eprintln!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let mut it = err.lines().last()?.split_whitespace().map(|x| x.parse::<f64>().ok());
    Some((it.next()??, it.next()??, String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// The baseline the issue names: an exact-duplicate pass in Python (lower-case the words of
/// each document and hash them), reading the same JSONL file.
const PY_EXACT: &str = "import json,sys\n\
    seen={}\n\
    for line in open(sys.argv[1],encoding='utf-8'):\n\
    \x20   d=json.loads(line)\n\
    \x20   seen.setdefault(hash(tuple(d['text'].lower().split())),d['id'])\n\
    print(len(seen))";

/// `bench-dedup wire N [CORPUS]`: writes the wire-copy corpus to `target/bench-wire-N.jsonl`
/// and times, on that file: the Python exact pass, `dedup()` in this process, and the CLI (`target/release/article-analyzer dedup
/// --jsonl`, when built), with ARI against the planted clusters.
fn run_wire(n: usize, sources: &[String], vocab: &[&str]) {
    let mut rng = Rng(0x5157_1e55_c0de_f00d);
    let (texts, labels) = wire_corpus(n, sources, vocab, &mut rng);
    let gold: Vec<usize> = labels.iter().map(|l| l.0).collect();
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let path = format!("target/bench-wire-{n}.jsonl");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap_or_else(|e| panic!("{path}: {e}")));
        for (i, (t, (g, level))) in texts.iter().zip(&labels).enumerate() {
            let line = serde_json::json!({ "id": i.to_string(), "text": t, "cluster": g, "level": level });
            writeln!(f, "{line}").expect("write");
        }
    }
    let py = timed(&["python3", "-c", PY_EXACT, &path], &path);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let t1 = Instant::now();
    let d = dedup::dedup(&refs, &DedupOptions::default());
    let dedup_s = t1.elapsed().as_secs_f64();
    let clusters = d.cluster.iter().enumerate().filter(|&(i, &c)| i == c).count();
    println!(
        "wire n={n} input={mb:.1}MB dedup()={dedup_s:.2}s ARI={:.4} clusters={clusters} (gold {}) pairs={}",
        ari(&gold, &d.cluster),
        gold.iter().enumerate().filter(|&(i, &c)| i == c).count(),
        d.pairs.len()
    );
    drop(d);
    let Some((py_s, py_mb, _)) = py else { return };
    println!("python exact pass: {py_s:.2}s peakRSS={py_mb:.0}MB");
    let cli = "target/release/article-analyzer";
    if std::path::Path::new(cli).exists() {
        if let Some((s, rss, out)) = timed(&[cli, "dedup", "--jsonl"], &path) {
            let pred: Vec<usize> = out
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .map(|v| v["cluster"].as_u64().unwrap_or(u64::MAX) as usize)
                .collect();
            println!(
                "cli dedup --jsonl: {s:.2}s ({:.2}x the python exact pass) peakRSS={rss:.0}MB ARI={:.4}",
                s / py_s,
                ari(&gold, &pred)
            );
        }
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let wire = args.first().is_some_and(|a| a == "wire");
    if wire {
        args.remove(0);
    }
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let path = args.get(1).map_or("../shared/data/dedup-dev/corpus.jsonl", String::as_str);
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let sources: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("level").and_then(|l| l.as_str()) == Some("base"))
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();
    assert!(!sources.is_empty(), "no base articles in {path}");
    let vocab: Vec<&str> = {
        let mut v: Vec<&str> = sources.iter().flat_map(|s| s.split_whitespace()).filter(|w| w.len() > 2).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    if wire {
        return run_wire(n, &sources, &vocab);
    }

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut texts: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let t = if i < 10 || rng.chance(60) {
            // A new story: a source with its paragraphs rotated, 30% of its words replaced, 60% respelled.
            let src = &sources[rng.below(sources.len())];
            let paras: Vec<&str> = src.split("\n\n").collect();
            let r = rng.below(paras.len());
            let rotated = [&paras[r..], &paras[..r]].concat().join("\n\n");
            let edited = edit_words(&rotated, 30, &vocab, &mut rng);
            respell(&edited, 60, &mut rng)
        } else {
            let orig = &texts[rng.below(i)];
            match rng.below(3) {
                0 => orig.clone(),
                1 => truncate(orig, 40 + rng.below(51)).to_string(),
                _ => edit_words(&drop_paragraph(orig, &mut rng), 2, &vocab, &mut rng),
            }
        };
        texts.push(t);
    }
    drop(raw);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mb = refs.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let rss_before = vm_hwm_kb();

    let opts = DedupOptions::default();
    let t0 = Instant::now();
    let mut sink = 0u64;
    for t in &refs {
        sink ^= dedup::shingles(t, opts.shingle).len() as u64;
    }
    let base_s = t0.elapsed().as_secs_f64();

    let t1 = Instant::now();
    let d = dedup::dedup(&refs, &opts);
    let dedup_s = t1.elapsed().as_secs_f64();
    let rss_after = vm_hwm_kb();
    let clusters = d.cluster.iter().enumerate().filter(|&(i, &c)| i == c).count();
    println!(
        "n={n} input={mb:.1}MB baseline(shingles)={base_s:.2}s ({:.0} MB/s) dedup={dedup_s:.2}s ({:.0} MB/s, {:.1}x baseline) \
         clusters={clusters} pairs={} peakRSS before={}MB after={}MB (sink {sink})",
        mb / base_s,
        mb / dedup_s,
        dedup_s / base_s,
        d.pairs.len(),
        rss_before / 1024,
        rss_after / 1024,
    );
}
