//! Fuzz target `html`: see check_target("html", ..) in tests/common/invariants.rs.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check_target("html", data);
});
