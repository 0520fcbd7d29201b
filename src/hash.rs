//! A fast, seedless hasher for the core's maps and sets keyed by words and lines.
//!
//! The multiply-rotate of rustc's FxHash. SipHash, std's default, was a tenth of the run
//! time of alias merging and of cleaning. Seedless keeps the core deterministic; the maps
//! are only looked up, never iterated into an output whose order could depend on the hash.
//! Trade-off: unlike SipHash it has no secret key, so a page crafted to collide could slow
//! the tab that analyses it (only that tab, on the user's own machine); no such input is
//! known to the tests or the fuzzers.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher (see the module documentation).
#[derive(Default)]
pub struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A `HashMap` with [`Fx`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A `HashSet` with [`Fx`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fx>>;
