//! Replays every saved fuzz input (tests/fuzz-regressions/<target>/*) through the same
//! invariant checks as the fuzz target of that name (tests/common/invariants.rs). New
//! inputs are added by scripts/fuzz.sh when a target crashes, and by hand.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/invariants.rs"]
mod invariants;

use std::path::Path;

const TARGETS: [&str; 8] = ["decode", "clean", "entities", "dedup", "pipeline", "diff", "quotes", "html"];

#[test]
fn every_saved_input_keeps_the_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    let mut failed = Vec::new();
    for dir in std::fs::read_dir(&root).expect("tests/fuzz-regressions") {
        let dir = dir.unwrap().path();
        let target = dir.file_name().unwrap().to_str().unwrap().to_string();
        assert!(TARGETS.contains(&target.as_str()), "unknown target directory {dir:?}");
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|f| f.unwrap().path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| invariants::check_target(&target, &data));
            if let Err(e) = outcome {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failed.push(format!("{}: {msg}", file.display()));
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 10, "only {replayed} saved inputs replayed");
    assert!(failed.is_empty(), "saved fuzz inputs break invariants:\n{}", failed.join("\n"));
}
