//! The crate's hash functions, all fixed and seedless so that results never depend on the run:
//!
//! - [`Fx`], the hasher of every map and set keyed by words, lines or hashes ([`FastMap`],
//!   [`FastSet`]);
//! - [`fnv1a`], the 64-bit key of a normalised line (cleaning's chrome lines);
//! - [`word_hash`], the key of one word for dedup and repeated passages (case and apostrophe
//!   style folded, no allocation);
//! - [`mix`], the splitmix64 finaliser that combines and re-seeds those keys.
//!
//! The entity model hashes its features with its own function (in `entities/tagger.rs`):
//! it is part of the model file's format, so it stays beside the model and never changes.
//!
//! [`Fx`] is the multiply-rotate of rustc's FxHash. SipHash, std's default, was a tenth of the run
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

/// 64-bit FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_iter(bytes.iter().copied())
}

/// 64-bit FNV-1a of a byte sequence given piecewise (the lexicon hashes a word with one
/// letter left out without writing it down).
pub fn fnv1a_iter(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The splitmix64 finaliser: a bijective mix of all 64 bits.
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a of one word, lowercased, with curly apostrophes folded to straight ones; no
/// allocation.
#[inline]
pub fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars() {
        if c.is_ascii() {
            h = (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
        } else if c == '’' || c == '‘' {
            h = (h ^ b'\'' as u64).wrapping_mul(0x0100_0000_01b3);
        } else {
            for l in c.to_lowercase() {
                h = (h ^ l as u64).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_hash_folds_case_and_apostrophes() {
        assert_eq!(word_hash("Putin’s"), word_hash("putin's"));
        assert_eq!(word_hash("ÉTÉ"), word_hash("été"));
        assert_ne!(word_hash("putin"), word_hash("putins"));
        // FNV-1a of the lowercased ASCII bytes, so old keys stay valid.
        assert_eq!(word_hash("Share"), fnv1a(b"share"));
    }

    #[test]
    fn known_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix(0), 0);
    }
}
