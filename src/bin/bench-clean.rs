//! Throughput of `clean()` on the cleaning dev pages, against a baseline measured in the same
//! run (copy the text and split it into lines). Also checks, on every page, that cleaning is
//! idempotent and that the alignment maps copied runs back to equal original bytes.
//!
//!     cargo run --release --bin bench-clean [-- PAGES_DIR [SECONDS]]
//!
//! PAGES_DIR defaults to ../shared/data/cleaning-dev/pages (read at run time, never embedded).

use article_analyzer::clean;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().map_or("../shared/data/cleaning-dev/pages", String::as_str);
    let secs: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let mut pages: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    pages.sort();
    let bytes: usize = pages.iter().map(|(_, t)| t.len()).sum();
    println!("{} pages, {:.2} MB", pages.len(), bytes as f64 / 1e6);

    // Correctness checks first (also warms the lazily compiled patterns up).
    let mut not_idempotent = 0;
    for (name, text) in &pages {
        let once = clean::clean(text);
        let twice = clean::clean(&once.text);
        if twice.text != once.text {
            not_idempotent += 1;
            eprintln!("not idempotent: {name}");
        }
        // Every cleaned word maps back inside the original; copied runs are equal bytes.
        for (s, e) in article_analyzer::text::words(&once.text) {
            let (os, oe) = once.alignment.to_original(s, e);
            assert!(os <= oe && oe <= text.len(), "{name}: bad alignment");
            if text.get(os..oe) != Some(&once.text[s..e]) {
                // Only repaired words may differ.
                let repaired = once.edits.iter().zip(&once.applied).any(|(ed, &a)| a && ed.start < oe && ed.end >= os);
                assert!(repaired, "{name}: copied word {:?} maps to {:?}", &once.text[s..e], text.get(os..oe));
            }
        }
    }
    println!("idempotent on {}/{} pages", pages.len() - not_idempotent, pages.len());

    let run = |f: &dyn Fn(&str) -> usize| -> f64 {
        let start = Instant::now();
        let mut done = 0usize;
        while start.elapsed() < Duration::from_secs_f64(secs) {
            for (_, t) in &pages {
                done += black_box(f(black_box(t))).min(1) * t.len();
            }
        }
        done as f64 / 1e6 / start.elapsed().as_secs_f64()
    };
    let baseline = run(&|t| {
        let copy = t.to_owned();
        copy.lines().map(str::len).sum::<usize>() + 1
    });
    let cleaned = run(&|t| clean::clean(t).text.len() + 1);
    println!("baseline (copy + split lines): {baseline:8.1} MB/s");
    println!("clean():                       {cleaned:8.1} MB/s  ({:.1}x slower than baseline)", baseline / cleaned);
}
