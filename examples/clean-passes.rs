//! Cleans each dev page a given number of times, for counting instructions under callgrind:
//! the cost of one pass is the run with N passes minus the run with N - 1 (start-up, reading
//! the pages and the lexicon's first use excluded by the difference).
//!
//!     cargo run --release --example clean-passes -- PASSES [PAGES_DIR]

use article_analyzer::clean;
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let passes: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = args.get(1).map_or("../shared/data/cleaning-dev/pages", String::as_str);
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    pages.sort();
    let pages: Vec<String> = pages.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let mut total = 0;
    for _ in 0..passes {
        for t in &pages {
            total += black_box(clean::clean(black_box(t))).text.len();
        }
    }
    println!("{} pages, {passes} passes, {total} bytes out", pages.len());
}
