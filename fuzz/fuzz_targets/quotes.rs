//! Fuzz target `quotes`: see check_target("quotes", ..) in tests/common/invariants.rs.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check_target("quotes", data);
});
