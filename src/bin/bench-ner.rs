//! Speed benchmark of the name tagger (not a test): rebuilds documents from a CoNLL-2003
//! file read at run time (default `../shared/data/ner/eng.testa`, never committed), tags
//! them `--repeat` times on one thread, and prints tokens/s and MB/s. It also reports how
//! often the tokenizer disagrees with the CoNLL tokens of a line (a check that training
//! features match what the tagger sees on text).
//!
//! ```text
//! cargo run --release --bin bench-ner -- [CONLL_FILE] [--repeat N]
//! ```

use article_analyzer::entities::{names, tokenize::tokenize};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

/// The CoNLL document-start marker (in pieces: see `train-ner.rs`).
const DOC_START: &str = concat!("-", "DOC", "START", "-");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = "../shared/data/ner/eng.testa".to_string();
    let mut repeat = 5usize;
    let mut k = 0;
    while k < args.len() {
        if args[k] == "--repeat" && k + 1 < args.len() {
            repeat = args[k + 1].parse().unwrap_or(5);
            k += 2;
        } else {
            path = args[k].clone();
            k += 1;
        }
    }
    let raw = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    // Documents: tokens joined by spaces, sentences by newlines (as the scorer does).
    let mut docs: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut ntok = 0usize;
    for line in raw.lines().chain(std::iter::once("")) {
        let w = line.split(' ').next().unwrap_or("");
        if w.is_empty() || w == DOC_START {
            if !cur.is_empty() {
                lines.push(cur.join(" "));
                cur.clear();
            }
            if w == DOC_START && !lines.is_empty() {
                docs.push(lines.join("\n"));
                lines.clear();
            }
        } else {
            cur.push(w);
            ntok += 1;
        }
    }
    if !lines.is_empty() {
        docs.push(lines.join("\n"));
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let (mut bad, mut total) = (0usize, 0usize);
    for d in &docs {
        for l in d.lines() {
            total += 1;
            let got: Vec<&str> = tokenize(l).into_iter().map(|(s, e)| &l[s..e]).collect();
            if got != l.split(' ').collect::<Vec<_>>() {
                bad += 1;
                if bad <= 400 && std::env::var_os("TOKDIFF").is_some() {
                    eprintln!("tokenizer differs: {got:?}\n          conll: {:?}", l.split(' ').collect::<Vec<_>>());
                }
            }
        }
    }
    println!("tokenizer: {bad} of {total} lines differ from the CoNLL tokens");
    black_box(names::find("warm up"));
    let mut best = f64::MAX;
    let mut nent = 0;
    for _ in 0..repeat {
        let t0 = Instant::now();
        nent = docs.iter().map(|d| black_box(names::find(d)).len()).sum::<usize>();
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "{} docs, {ntok} tokens, {:.2} MB, {nent} names: best of {repeat} {:.3}s = {:.0} tokens/s, {:.2} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        best,
        ntok as f64 / best,
        bytes as f64 / 1e6 / best
    );
    ExitCode::SUCCESS
}
