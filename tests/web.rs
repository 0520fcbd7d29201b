//! The shared checks compiled to wasm32 and run in headless Chromium
//! (`wasm-pack test --headless --chrome -- --test web`, from scripts/test.sh).
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn case_table() {
    let failures = common::case_table();
    assert!(failures.is_empty(), "failed cases:\n{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn diff_case_table() {
    let failures = common::diff_case_table();
    assert!(failures.is_empty(), "failed diff cases:\n{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn quote_case_table() {
    let failures = common::quote_case_table();
    assert!(failures.is_empty(), "failed quote cases:\n{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn seeds_quotes() {
    common::seeds_quotes();
}

#[wasm_bindgen_test]
fn alias_case_table() {
    let failures = common::alias_case_table();
    assert!(failures.is_empty(), "failed alias cases:\n{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn seeds_clean_idempotent_and_aligned() {
    common::seeds_clean_idempotent_and_aligned();
}

#[wasm_bindgen_test]
fn seeds_lose_their_chrome() {
    common::seeds_lose_their_chrome();
}

#[wasm_bindgen_test]
fn offsets_match_js_and_python() {
    common::offsets_match_js_and_python();
}

#[wasm_bindgen_test]
fn dedup_finds_copies_not_related_stories() {
    common::dedup_finds_copies_not_related_stories();
}

#[wasm_bindgen_test]
fn pipeline_on_seeds() {
    common::pipeline_on_seeds();
}

#[wasm_bindgen_test]
fn corpus_quotes_utf16() {
    common::corpus_quotes_utf16();
}
