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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
