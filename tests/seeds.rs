//! Native run of the shared checks (the same ones run as wasm in tests/web.rs).
mod common;

#[test]
fn case_table() {
    let failures = common::case_table();
    assert!(failures.is_empty(), "failed cases:\n{}", failures.join("\n"));
}

#[test]
fn diff_case_table() {
    let failures = common::diff_case_table();
    assert!(failures.is_empty(), "failed diff cases:\n{}", failures.join("\n"));
}

#[test]
fn quote_case_table() {
    let failures = common::quote_case_table();
    assert!(failures.is_empty(), "failed quote cases:\n{}", failures.join("\n"));
}

#[test]
fn seeds_quotes() {
    common::seeds_quotes();
}

#[test]
fn alias_case_table() {
    let failures = common::alias_case_table();
    assert!(failures.is_empty(), "failed alias cases:\n{}", failures.join("\n"));
}

#[test]
fn seeds_clean_idempotent_and_aligned() {
    common::seeds_clean_idempotent_and_aligned();
}

#[test]
fn seeds_lose_their_chrome() {
    common::seeds_lose_their_chrome();
}

#[test]
fn offsets_match_js_and_python() {
    common::offsets_match_js_and_python();
}

#[test]
fn dedup_finds_copies_not_related_stories() {
    common::dedup_finds_copies_not_related_stories();
}

#[test]
fn pipeline_on_seeds() {
    common::pipeline_on_seeds();
}

#[test]
fn corpus_quotes_utf16() {
    common::corpus_quotes_utf16();
}
