//! The English lexicon of the typo and casing repairs: `model/lexicon.txt`, derived from
//! SCOWL (size 50 and below, English + American + British spellings; see model/README.md and
//! `scripts/make-lexicon.py`). Embedded in the library and parsed once, on first use.
//!
//! What the repairs read from it: whether a lowercase word is an English word at all (a word
//! that is not may be a typo or a lowercased name), whether it is one of the most frequent
//! words (the only targets a typo is corrected to), and whether SCOWL writes it capitalised
//! only ("helsinki", "monday": a name whatever the document says) or both ways ("trump",
//! "north": a name only with the document's evidence).

use crate::hash::FastMap;
use std::borrow::Cow;
use std::sync::LazyLock;

/// SCOWL lists the word lowercase.
pub const LOWER: u8 = 1;
/// ... among its most frequent words (sizes 10 and 20, about 11,000 words).
pub const FREQUENT: u8 = 2;
/// SCOWL lists the word capitalised (a name, a month, a nationality).
pub const CAPITAL: u8 = 4;

/// The lexicon's words, spelled out, and each word's span and flags. The file's lines are
/// front-coded ("53mp": flags 5, the first 3 characters of the word before, then "mp"),
/// which takes a third off the gzipped page; spelled out once per process, on first use.
/// All words one after the other, and each word's (start, end, flags) in it.
type Spelled = (String, Vec<(usize, usize, u8)>);

static SPELLED: LazyLock<Spelled> = LazyLock::new(|| {
    let mut all = String::with_capacity(800_000);
    let mut spans = Vec::with_capacity(75_000);
    let mut prev = 0..0;
    for line in include_str!("../../model/lexicon.txt").lines() {
        let mut cs = line.chars();
        let (Some(flags), Some(k)) = (cs.next().and_then(|c| c.to_digit(10)), cs.next().and_then(|c| c.to_digit(10)))
        else {
            continue;
        };
        let before = &all[prev.clone()];
        let keep = before.char_indices().nth(k as usize).map_or(before.len(), |(i, _)| i);
        let start = all.len();
        all.extend_from_within(prev.start..prev.start + keep);
        all.push_str(cs.as_str());
        spans.push((start, all.len(), flags as u8 & 7));
        prev = start..all.len();
    }
    (all, spans)
});

/// A word of at most [`PACKED`] bytes, zero-padded into two little-endian `u64`s: the key
/// of [`WORDS`]. Comparing two keys is two integer compares, where a `&str` key cost a
/// `memcmp` against the lexicon's text (another cache miss per lookup), and the key is
/// hashed by one splitmix round. Words hold no NUL byte, so the padding is unambiguous.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Packed(u64, u64);

/// Longest word [`Packed`] holds (the lexicon's longer words are in [`LONG_WORDS`]).
const PACKED: usize = 16;

impl Packed {
    /// `w` packed, lowercased when `lower` (ASCII only), or `None` when it does not fit or
    /// holds a NUL byte (no lexicon word does).
    #[inline]
    fn new(w: &[u8], lower: bool) -> Option<Packed> {
        let (a, b, _) = pack16(w, lower)?;
        Some(Packed(a, b))
    }
}

/// One in each byte.
const ONES: u64 = u64::MAX / 0xFF;
/// The high bit of each byte.
const HIGHS: u64 = ONES * 0x80;

/// `b` (at most 8 bytes) as a little-endian `u64`, zero-padded, read by at most three
/// loads of overlapping pieces (the bytes where two pieces overlap are the same, so OR-ing
/// them is exact), where a byte-by-byte loop cost a branch and a shift per byte, for every
/// word of the page, and a copy into a buffer a `memcpy` call.
#[inline]
fn load8(b: &[u8]) -> u64 {
    let n = b.len();
    let word = |i: usize| -> u32 { b.get(i..i + 4).and_then(|s| s.try_into().ok()).map_or(0, u32::from_le_bytes) };
    match n {
        0 => 0,
        1..=3 => u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1)),
        4..=7 => u64::from(word(0)) | u64::from(word(n - 4)) << (8 * (n - 4)),
        _ => b.get(..8).and_then(|s| s.try_into().ok()).map_or(0, u64::from_le_bytes),
    }
}

/// The high bit of each of the first `n` bytes of a `u64` (`n` at most 8), read from a
/// table: the computed mask took a branch (a shift by 64 bits overflows).
#[inline]
fn high_bits(n: usize) -> u64 {
    const TABLE: [u64; 9] = {
        let mut t = [0u64; 9];
        let mut n = 1;
        while n <= 8 {
            t[n] = t[n - 1] | 0x80 << (8 * (n - 1));
            n += 1;
        }
        t
    };
    TABLE[n.min(8)]
}

/// Eight bytes with their ASCII capitals lowercased (any other byte kept): the low seven
/// bits of a byte plus up to 0x3F never carry into the next byte, so adding 0x3F sets the
/// high bit exactly of `>= b'A'`, and adding 0x25 of `> b'Z'`; a capital (high bit clear)
/// gains 0x20.
#[inline]
fn lower8(x: u64) -> u64 {
    let low = x & !HIGHS;
    let at_least_a = low + ONES * (0x80 - u64::from(b'A'));
    let above_z = low + ONES * (0x80 - u64::from(b'Z') - 1);
    x | ((at_least_a & !above_z & !x & HIGHS) >> 2)
}

/// The high bit of each of the first `n` bytes of `x` that may be zero: none when none is
/// zero (the bytes below a zero byte never borrow from it, so a byte marked by
/// `(x - 1) & !x` above the first zero byte only ever sits above a zero one: exact as an
/// "any").
#[inline]
fn nul_bits(x: u64, n: usize) -> u64 {
    x.wrapping_sub(ONES) & !x & high_bits(n)
}

/// Whether one of the first `n` bytes of `x` is zero.
#[inline]
fn has_nul(x: u64, n: usize) -> bool {
    nul_bits(x, n) != 0
}

/// `w` (at most [`PACKED`] bytes, no NUL) packed into two zero-padded little-endian `u64`s,
/// ASCII-lowercased when `lower`, and whether it is ASCII; `None` when it is longer or
/// holds a NUL. The one packing of the crate's word keys ([`Packed`], [`WordKey`]).
#[inline]
fn pack16(w: &[u8], lower: bool) -> Option<(u64, u64, bool)> {
    let n = w.len();
    if n > PACKED {
        return None;
    }
    let (head, tail) = w.split_at(n.min(8));
    let (mut a, mut b) = (load8(head), load8(tail));
    // (Both halves tested at once, without a branch between them.)
    if nul_bits(a, head.len()) | nul_bits(b, tail.len()) != 0 {
        return None;
    }
    if lower {
        a = lower8(a);
        b = lower8(b);
    }
    Some((a, b, (a | b) & HIGHS == 0))
}

/// Bytes `s..e` of `line`, a word of [`crate::text::words`] (so no NUL: its bytes are ASCII
/// letters, digits and joiners, or a longer character's, all of them from 0x80 up), packed
/// into two zero-padded integers when it has at most 16 bytes, and whether it is ASCII: then
/// `WordKey::of` of `&line[s..e]` is `WordKey::Packed` of these two integers (a word that
/// is not ASCII keeps its text as its `WordKey`; its packed bytes are its identity in the
/// page's word table, `body::Vocab`). Where the line has 16 bytes from `s` on (most words),
/// loaded as two integers and masked to the word's length: the page's word table packs
/// every word of every line, and [`load8`]'s pieces by length cost a branch on the length
/// and three loads a half. (The NUL test of any other range, a word never needs: -1 M
/// instructions a pass over the dev pages.)
#[inline(always)]
pub(crate) fn pack_at(line: &[u8], s: usize, e: usize) -> Option<(u64, u64, bool)> {
    let n = e - s;
    let Some(c) = line.get(s..s + 16).filter(|_| n <= PACKED) else {
        return pack16(&line[s..e], false);
    };
    // The masks of each half's bytes of the word (read from a table: a computed mask took
    // a branch, a shift by 64 bits overflowing), also the NUL test's.
    const LOW: [u64; 9] = {
        let mut t = [0u64; 9];
        let mut k = 1;
        while k <= 8 {
            t[k] = t[k - 1] | 0xFF << (8 * (k - 1));
            k += 1;
        }
        t
    };
    let (ma, mb) = (LOW[n.min(8)], LOW[n.saturating_sub(8)]);
    let a = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) & ma;
    let b = u64::from_le_bytes([c[8], c[9], c[10], c[11], c[12], c[13], c[14], c[15]]) & mb;
    Some((a, b, (a | b) & HIGHS == 0))
}

impl std::hash::Hash for Packed {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        // Fx's multiply leaves its low bits (the bucket index) to the key's low bits, the
        // first letters: mixed first (one splitmix round over both halves).
        h.write_u64(crate::hash::mix(self.0 ^ self.1.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(32)));
    }
}

/// A word as the key of a per-page table (the page's words in `body::Vocab`, the casing
/// evidence in `casing::Context`): an ASCII word of up to 16 bytes (nearly every word)
/// packed into two integers, compared and hashed as such (no string hashed, nothing
/// allocated to lowercase it); any other word as its text. One word, one key: a text is
/// packed exactly when it is ASCII, at most 16 bytes long and without a NUL byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WordKey<'a> {
    Packed(u64, u64),
    Text(Cow<'a, str>),
}

impl std::hash::Hash for WordKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        match self {
            // Mixed as the lexicon's keys are (Fx alone leaves the bucket to the first letters).
            WordKey::Packed(a, b) => {
                h.write_u64(crate::hash::mix(a ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(32)))
            }
            WordKey::Text(t) => t.hash(h),
        }
    }
}

impl<'a> WordKey<'a> {
    /// `w` packed (ASCII-lowercased when `lower`), if it packs.
    fn pack(w: &str, lower: bool) -> Option<WordKey<'static>> {
        // (ASCII read from the packed bytes, not by a second pass over the word.)
        let (a, b, ascii) = pack16(w.as_bytes(), lower)?;
        ascii.then_some(WordKey::Packed(a, b))
    }

    /// The key of `w`, borrowing it when it does not pack.
    pub fn of(w: &'a str) -> WordKey<'a> {
        WordKey::pack(w, false).unwrap_or(WordKey::Text(Cow::Borrowed(w)))
    }

    /// The key of `w`, copying it when it does not pack.
    pub fn of_owned(w: &str) -> WordKey<'static> {
        WordKey::pack(w, false).unwrap_or_else(|| WordKey::Text(Cow::Owned(w.to_string())))
    }

    /// The key of `w`, keeping the `String` when it does not pack.
    pub fn of_string(w: String) -> WordKey<'static> {
        WordKey::pack(&w, false).unwrap_or(WordKey::Text(Cow::Owned(w)))
    }

    /// For a packed key, the key of the word lowercased: its bytes lowercased in place, eight
    /// at a time ([`lower8`]; the same key as [`WordKey::lowercase`] of the word, without
    /// packing it again).
    pub fn packed_lowercase(&self) -> Option<WordKey<'static>> {
        match self {
            WordKey::Packed(a, b) => Some(WordKey::Packed(lower8(*a), lower8(*b))),
            WordKey::Text(_) => None,
        }
    }

    /// The key of `w.to_lowercase()`, without building that string when `w` packs.
    pub fn lowercase(w: &str) -> WordKey<'static> {
        if w.is_ascii() {
            WordKey::pack(w, true).unwrap_or_else(|| WordKey::Text(Cow::Owned(w.to_ascii_lowercase())))
        } else {
            WordKey::of_owned(&crate::text::to_lowercase(w))
        }
    }
}

/// The lexicon's words and their flags. Built once per process, on first use (about
/// 70,000 entries, a few milliseconds): the casing rules ask about every word of every
/// English line, and a binary search over the sorted lines was a fifth of cleaning's time.
/// Words of up to [`PACKED`] bytes are keyed by their [`Packed`] form.
static WORDS: LazyLock<PackedFlags> = LazyLock::new(|| {
    let (all, spans) = &*SPELLED;
    PackedFlags::new(spans.iter().filter_map(|&(s, e, f)| Some((Packed::new(&all.as_bytes()[s..e], false)?, f))))
});

/// The table of [`WORDS`]: packed words and their flags, open-addressed (a word is sought
/// from its hash's slot onwards, linear probing, about half the slots full; a slot whose
/// first integer is 0 is empty: no word but the empty one packs so, and its flags are kept
/// apart). The general table (`FastMap`) hashed a key twice (a splitmix round, then Fx)
/// and matched control bytes before comparing it; this multiplies once and compares the
/// key at once (-1.4 M instructions a pass over the dev pages, most of it in the page word
/// table's lookup of each new word).
struct PackedFlags {
    /// A power of two of slots: a word's two integers.
    keys: Vec<(u64, u64)>,
    /// The flags of the word in each slot.
    flags: Vec<u8>,
    /// 64 less the binary logarithm of the slot count: a hash's top bits are its slot.
    shift: u32,
    /// The flags of the empty word, if the lexicon had one.
    empty: u8,
}

impl PackedFlags {
    /// The table of `words` (a word given twice keeps its last flags, as a map collected
    /// from them does).
    fn new(words: impl Iterator<Item = (Packed, u8)>) -> Self {
        let words: Vec<(Packed, u8)> = words.collect();
        let size = (words.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let mut t =
            PackedFlags { keys: vec![(0, 0); size], flags: vec![0; size], shift: 64 - size.trailing_zeros(), empty: 0 };
        for (Packed(a, b), f) in words {
            if a == 0 {
                t.empty = f;
                continue;
            }
            let mut i = t.slot(a, b);
            while t.keys[i].0 != 0 && t.keys[i] != (a, b) {
                i = (i + 1) & (size - 1);
            }
            t.keys[i] = (a, b);
            t.flags[i] = f;
        }
        t
    }

    /// The first slot of word `(a, b)`: the top bits of a multiplicative (Fibonacci) hash
    /// of both integers.
    #[inline]
    fn slot(&self, a: u64, b: u64) -> usize {
        ((a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The flags of packed word `k` (0: not in the lexicon).
    #[inline]
    fn get(&self, k: Packed) -> u8 {
        let Packed(a, b) = k;
        if a == 0 {
            return self.empty;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(a, b);
        loop {
            let (x, y) = self.keys[i];
            if x == a && y == b {
                return self.flags[i];
            }
            if x == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The lexicon's words longer than [`PACKED`] bytes ("internationalisation").
static LONG_WORDS: LazyLock<FastMap<&'static str, u8>> = LazyLock::new(|| {
    let (all, spans) = &*SPELLED;
    spans.iter().filter(|&&(s, e, _)| e - s > PACKED).map(|&(s, e, f)| (&all[s..e], f)).collect()
});

/// The lexicon's flags for a lowercase word (0: not an English word of the lexicon).
pub fn flags(lower: &str) -> u8 {
    match Packed::new(lower.as_bytes(), false) {
        Some(k) => WORDS.get(k),
        None if lower.len() > PACKED => LONG_WORDS.get(lower).copied().unwrap_or(0),
        None => 0,
    }
}

/// First names (`model/first-names.txt`: Moby's English first-name lists, those the lexicon
/// lists capitalised or lacks; see model/README.md), lowercase, each with the lists it is on
/// ([`first_name_gender`]). Asked only by the name rules beside a capitalised word
/// ([`is_first_name`]) and by the alias merging, so built on first use.
static FIRST_NAMES: LazyLock<FastMap<&'static str, u8>> = LazyLock::new(|| {
    include_str!("../../model/first-names.txt")
        .lines()
        .map(|l| match l.split_once(' ') {
            Some((w, "m")) => (w, MAN),
            Some((w, "f")) => (w, WOMAN),
            _ => (l, 0),
        })
        .collect()
});

/// [`first_name_gender`]: a man's name.
pub const MAN: u8 = 1;
/// [`first_name_gender`]: a woman's name.
pub const WOMAN: u8 = 2;

/// Whether the lowercase `w` is a first name of English-speaking countries ("angela",
/// "hunter", "tanner"): the name rules read a word English also writes lowercase as part of
/// a person's name only beside one.
pub fn is_first_name(w: &str) -> bool {
    FIRST_NAMES.contains_key(w)
}

/// Whether the lowercase first name `w` is on Moby's list of men's names only ([`MAN`]) or
/// of women's only ([`WOMAN`]); 0 for a name on both ("jordan", "kim") or on neither.
pub fn first_name_gender(w: &str) -> u8 {
    FIRST_NAMES.get(w).copied().unwrap_or(0)
}

/// [`flags`] of `word` lowercased, without allocating for an ASCII word (the common case:
/// the repairs ask about every word of every English-looking line).
pub fn flags_lower(word: &str) -> u8 {
    if word.is_ascii() && word.len() <= PACKED {
        return Packed::new(word.as_bytes(), true).map_or(0, |k| WORDS.get(k));
    }
    flags(&crate::text::to_lowercase(word))
}

/// [`flags_lower`] of `word`, given `lower`, `word.to_lowercase()` (not built again).
pub(crate) fn flags_lower_given(word: &str, lower: &str) -> u8 {
    if word.is_ascii() && word.len() <= PACKED {
        return flags_lower(word);
    }
    flags(lower)
}

/// [`flags_lower`] of `word`, given `lower`, its [`WordKey::lowercase`]: a packed key is
/// the lexicon's key as it is (the same packing), so the word is not packed again.
pub(crate) fn flags_of_lowercase(lower: &WordKey<'_>, word: &str) -> u8 {
    match lower {
        WordKey::Packed(a, b) => WORDS.get(Packed(*a, *b)),
        WordKey::Text(_) => flags_lower(word),
    }
}

/// Whether English writes `word` only in lowercase ("accords", "tensions", "following":
/// SCOWL lists it lowercase and never capitalised), so a capital on it is a title's or a
/// heading's, never a name's. Case ignored.
pub fn english_only(word: &str) -> bool {
    english_only_flags(flags_lower(word))
}

/// [`english_only`] of a word whose lexicon flags are `flags`.
pub fn english_only_flags(flags: u8) -> bool {
    flags & LOWER != 0 && flags & CAPITAL == 0
}

/// The typo rule's targets (words SCOWL lists lowercase and among its most frequent, of
/// lowercase ASCII letters only), indexed by each of their one-letter deletions: `(hash of
/// the word with one letter dropped, the word)`, sorted. The rule asks which targets are
/// `w` with one letter added: that was every insertion looked up in [`WORDS`] (26 letters
/// at each of up to 13 places, some 300 lookups an unknown word, a tenth of cleaning's
/// time); here it is one look into a bucket. Built on first use (some 80,000 entries, a
/// few milliseconds).
struct Deletions {
    /// `(hash, word)`, sorted by hash.
    entries: Vec<(u64, &'static str)>,
    /// Where each bucket (the top [`BUCKET_BITS`] bits of the hash) starts in `entries`,
    /// and the end: a binary search over all entries cost a cache miss per step.
    starts: Vec<u32>,
}

/// Bits of a deletion's hash that pick its bucket (about one entry a bucket).
const BUCKET_BITS: u32 = 16;

static DELETIONS: LazyLock<Deletions> = LazyLock::new(|| {
    let mut entries = Vec::with_capacity(100_000);
    let (all, spans) = &*SPELLED;
    for &(s, e, _) in spans {
        let word = &all[s..e];
        // The flags the lookups give (a word listed twice has its last line's).
        let f = flags(word);
        // Only such words can be `w` plus a letter: `w` is lowercase ASCII letters.
        if f & FREQUENT == 0 || f & LOWER == 0 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            continue;
        }
        let b = word.as_bytes();
        for i in 0..b.len() {
            // Dropping either letter of a double ("letter") gives the same word: once.
            if i > 0 && b[i] == b[i - 1] {
                continue;
            }
            entries.push((crate::hash::fnv1a_iter(b[..i].iter().chain(&b[i + 1..]).copied()), word));
        }
    }
    entries.sort_unstable();
    entries.dedup(); // a word listed twice
    let mut starts = Vec::with_capacity((1 << BUCKET_BITS) + 1);
    let mut at = 0;
    for bucket in 0..=(1u64 << BUCKET_BITS) {
        while at < entries.len() && entries[at].0 >> (64 - BUCKET_BITS) < bucket {
            at += 1;
        }
        starts.push(at as u32);
    }
    Deletions { entries, starts }
});

/// The typo targets one lowercase letter longer than `w` (`w` of lowercase ASCII letters):
/// the words `flags` marks [`FREQUENT`] and [`LOWER`] that are `w` with one letter `a`-`z`
/// inserted, each once, in no particular order.
pub fn one_letter_longer(w: &str) -> impl Iterator<Item = &'static str> + '_ {
    let h = crate::hash::fnv1a(w.as_bytes());
    let d = &*DELETIONS;
    let bucket = (h >> (64 - BUCKET_BITS)) as usize;
    let entries = &d.entries[d.starts[bucket] as usize..d.starts[bucket + 1] as usize];
    entries.iter().filter(move |&&(k, _)| k == h).map(|&(_, word)| word).filter(move |word| {
        // A hash match, checked: `word` is `w` with one letter inserted.
        let (a, b) = (word.as_bytes(), w.as_bytes());
        a.len() == b.len() + 1 && {
            let p = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(b.len());
            a[..p] == b[..p] && a[p + 1..] == b[p..]
        }
    })
}

/// `w` (at most 8 bytes) as a little-endian `u64`, zero-padded: the rules' short word
/// lists ([`short_list`]) are compared as integers, where `[&str]::contains` made a length
/// check and a `memcmp` per entry, for every word of the page.
pub const fn pack8(w: &str) -> u64 {
    let b = w.as_bytes();
    assert!(b.len() <= 8, "a short-list word is at most 8 bytes");
    let mut out = 0u64;
    let mut i = 0;
    while i < b.len() {
        out |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    out
}

/// A list of short words (at most 8 bytes each, no NUL) packed for [`in_short_list`].
pub const fn short_list<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = pack8(words[i]);
        i += 1;
    }
    out
}

/// Whether `w` is one of the words of `list` (made by [`short_list`]); with `fold`, ASCII
/// case ignored (as `eq_ignore_ascii_case` against lowercase list words).
pub fn in_short_list(w: &str, list: &[u64], fold: bool) -> bool {
    pack_short(w, fold).is_some_and(|packed| list.contains(&packed))
}

/// `w` packed as [`short_list`] packs its words (ASCII-lowercased with `fold`), or `None`
/// when it is longer than 8 bytes or holds a NUL (it is then in no short list): packed
/// once, a word can be looked for in several lists.
pub fn pack_short(w: &str, fold: bool) -> Option<u64> {
    let b = w.as_bytes();
    if b.len() > 8 {
        return None;
    }
    // Loaded as `Packed::new` packs (see `load8`). A NUL would pack like the padding: no
    // list word has one.
    let packed = load8(b);
    if has_nul(packed, b.len()) {
        return None;
    }
    Some(if fold { lower8(packed) } else { packed })
}

/// The most frequent English function and common words, most frequent first (general
/// knowledge of English word frequency, written for this rule): the tie-break between two
/// typo targets ("ther": "there" before "their" and "other").
const RANKED: [&str; 60] = [
    "the", "of", "and", "to", "in", "that", "for", "with", "this", "there", "they", "have", "from", "these", "their",
    "what", "which", "when", "will", "would", "about", "been", "were", "said", "then", "them", "than", "other", "more",
    "some", "could", "also", "into", "only", "time", "after", "over", "where", "those", "while", "should", "through",
    "because", "people", "before", "between", "under", "since", "during", "without", "against", "being", "often",
    "until", "though", "among", "within", "another", "whether", "although",
];

/// Rank of a word among [`RANKED`] (lower is more frequent), or `usize::MAX`.
pub fn rank(word: &str) -> usize {
    RANKED.iter().position(|&w| w == word).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pack16_is_the_byte_loop() {
        // The byte-by-byte packing `pack16` replaced, as the reference.
        fn reference(w: &[u8], lower: bool) -> Option<(u64, u64, bool)> {
            if w.len() > super::PACKED || w.contains(&0) {
                return None;
            }
            let (mut a, mut b) = (0u64, 0u64);
            for (i, &c) in w.iter().enumerate() {
                let c = u64::from(if lower { c.to_ascii_lowercase() } else { c });
                if i < 8 {
                    a |= c << (8 * i);
                } else {
                    b |= c << (8 * (i - 8));
                }
            }
            Some((a, b, w.is_ascii()))
        }
        // Every length up to 17 over bytes at the edges of each test (NUL, capitals, the
        // letters around them, high bytes whose low bits are capitals), pseudo-random.
        let alphabet = [0u8, 1, b'@', b'A', b'M', b'Z', b'[', b'`', b'a', b'z', b'{', 0x7F, 0x80, 0xC1, 0xDA, 0xFF];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..=17 {
            for _ in 0..2000 {
                let w: Vec<u8> = (0..len).map(|_| crate::text::xorshift_pick(&mut seed, &alphabet)).collect();
                for lower in [false, true] {
                    assert_eq!(super::pack16(&w, lower), reference(&w, lower), "{w:?} {lower}");
                }
                if len <= 8 {
                    let text = String::from_utf8_lossy(&w);
                    let r = reference(text.as_bytes(), true).filter(|_| text.len() <= 8).map(|p| p.0);
                    assert_eq!(super::pack_short(&text, true), r, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn packed_lowercase_is_lowercase() {
        let mut words: Vec<String> =
            ["", "a", "Z", "@[`{", "Trump", "McDONALD-Smith's", "ABCDEFGHIJKLMNOP", "azAZ09@[`{~"]
                .iter()
                .map(|w| w.to_string())
                .collect();
        words.extend((1u8..0x80).map(|b| char::from(b).to_string().repeat(3)));
        for w in &words {
            let key = super::WordKey::of(w);
            if let Some(lower) = key.packed_lowercase() {
                assert_eq!(lower, super::WordKey::lowercase(w), "{w:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn lexicon_knows_words_and_names() {
        assert_eq!(flags("there"), LOWER | FREQUENT);
        assert_eq!(flags("ther"), 0);
        assert_eq!(flags("helsinki"), CAPITAL);
        // Front coding spelled out: every word, the first, the last and one after a long shared prefix.
        // (SCOWL's 72,820 and the 29,943 names of the cased word probabilities: make-lexicon.py.)
        assert_eq!(SPELLED.1.len(), 102_763);
        // A name of the cased word probabilities that SCOWL lacks; a word SCOWL has
        // lowercase keeps its flags however the table writes it ("dean").
        assert_eq!(flags("comey"), CAPITAL);
        assert_eq!(flags("dean") & LOWER, LOWER);
        // First names: listed ones, not a common word of Moby's lists that SCOWL has only
        // lowercase ("sergeant").
        assert!(is_first_name("angela") && is_first_name("hunter") && !is_first_name("sergeant"));
        assert!(!is_first_name("Angela") && !is_first_name("my"));
        assert_eq!(first_name_gender("lena"), WOMAN);
        assert_eq!(first_name_gender("sergei"), MAN);
        assert_eq!(first_name_gender("jordan"), 0, "on both lists");
        assert_eq!(first_name_gender("sergeant"), 0, "no name");
        // A lowercase abbreviation is a word written lowercase ("a max of", "max out"), not a name.
        assert_eq!(flags("max"), LOWER | CAPITAL);
        assert_eq!(flags("a") & LOWER, LOWER);
        assert!(flags("aardvarks") != 0 && flags("zucchini") != 0);
        assert_eq!(rank("there"), 9);
        assert!(flags("trump") & CAPITAL != 0 && flags("trump") & LOWER != 0);
        for w in ["There", "HELSINKI", "Ther", "Été", "ÉTÉ", "x", "", "the\0", "Internationalisation"] {
            assert_eq!(flags_lower(w), flags(&w.to_lowercase()), "{w}");
            assert_eq!(flags_of_lowercase(&WordKey::lowercase(w), w), flags_lower(w), "{w}");
        }
    }

    /// Every word of the lexicon, short or long, is found with the flags of its last line
    /// (as a map of the spelled-out words has them), also asked in capitals.
    #[test]
    fn packed_keys_find_every_word() {
        let (all, spans) = &*SPELLED;
        let plain: std::collections::HashMap<&str, u8> = spans.iter().map(|&(s, e, f)| (&all[s..e], f)).collect();
        assert!(plain.keys().any(|w| w.len() > PACKED) && plain.keys().any(|w| w.len() == PACKED));
        for (w, &f) in &plain {
            assert_eq!(flags(w), f, "{w}");
            assert_eq!(flags_lower(&w.to_uppercase()), flags(&w.to_uppercase().to_lowercase()), "{w}");
        }
        for w in ["", "\0", "the\0", "thereabouts\0\0\0\0\0\0", "zzzzzzzzzzzzzzzzzzzz"] {
            assert_eq!(flags(w), 0, "{w:?}");
        }
    }

    #[test]
    fn pack_at_is_word_key_of() {
        // Every range without a NUL byte (a word's: no word holds one) of lines of up to 40
        // bytes over bytes at the edges of the tests (NUL, high bytes, letters),
        // pseudo-random, as `WordKey::of` packs the slice.
        let alphabet = [0u8, b' ', b'A', b'z', b'9', 0x7F, 0x80, 0xFF];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..=40 {
            for _ in 0..40 {
                let line: Vec<u8> = (0..len).map(|_| crate::text::xorshift_pick(&mut seed, &alphabet)).collect();
                for s in 0..=len {
                    for e in (s..=len).take_while(|&e| !line[s..e].contains(&0)) {
                        let expected = super::pack16(&line[s..e], false);
                        assert_eq!(super::pack_at(&line, s, e), expected, "{line:?} {s}..{e}");
                        let key = std::str::from_utf8(&line[s..e]).ok().map(super::WordKey::of);
                        if let (Some((a, b, true)), Some(key)) = (expected, key) {
                            assert_eq!(key, super::WordKey::Packed(a, b));
                        }
                    }
                }
            }
        }
        // No word holds a NUL byte, wherever the line has one.
        for line in ["a\0b", "\0", "x \0\0 y", "don\0t", "G-\0 20", "é\0é", "\0Слово\0"] {
            for (s, e) in crate::text::words(line) {
                assert!(!line.as_bytes()[s..e].contains(&0), "{line:?} {s}..{e}");
            }
        }
        let w = "Zelenskyy";
        let line = format!("{w} and more words after it");
        let Some(super::WordKey::Packed(a, b)) = Some(super::WordKey::of(w)) else { panic!() };
        assert_eq!(super::pack_at(line.as_bytes(), 0, w.len()), Some((a, b, true)));
    }

    #[test]
    fn packed_flags_are_the_map() {
        // Every lexicon word's flags, and words one letter off (mostly absent), as a map
        // collected from the same words gives them.
        let (all, spans) = &*super::SPELLED;
        let words =
            || spans.iter().filter_map(|&(s, e, f)| Some((super::Packed::new(&all.as_bytes()[s..e], false)?, f)));
        let map: crate::hash::FastMap<(u64, u64), u8> = words().map(|(k, f)| ((k.0, k.1), f)).collect();
        let table = super::PackedFlags::new(words());
        for (k, _) in words() {
            for (a, b) in [(k.0, k.1), (k.0 ^ 1 << 8, k.1), (k.0, k.1 ^ 1), (0, 0)] {
                let expected = map.get(&(a, b)).copied().unwrap_or(0);
                assert_eq!(table.get(super::Packed(a, b)), expected, "{a:x} {b:x}");
            }
        }
    }

    #[test]
    fn short_lists_match_as_contains_does() {
        const L: [&str; 4] = ["the", "of", "which", "a"];
        const P: [u64; 4] = short_list(L);
        for w in ["the", "of", "which", "a", "", "th", "thee", "The", "WHICH", "é", "the\0", "whichever", "ofof"] {
            assert_eq!(in_short_list(w, &P, false), L.contains(&w), "{w}");
            assert_eq!(in_short_list(w, &P, true), L.iter().any(|s| w.eq_ignore_ascii_case(s)), "{w}");
        }
    }

    /// The deletion index finds exactly what looking up every insertion finds.
    #[test]
    fn one_letter_longer_is_every_insertion() {
        let brute = |w: &str| -> Vec<String> {
            let mut out = Vec::new();
            for i in 0..=w.len() {
                for c in b'a'..=b'z' {
                    let cand = format!("{}{}{}", &w[..i], c as char, &w[i..]);
                    let f = flags(&cand);
                    if f & FREQUENT != 0 && f & LOWER != 0 && !out.contains(&cand) {
                        out.push(cand);
                    }
                }
            }
            out.sort();
            out
        };
        let (all, spans) = &*SPELLED;
        let mut tried = vec!["ther".to_string(), "thes".into(), "abot".into(), "lettr".into(), "xyzzy".into()];
        for &(s, e, _) in spans.iter().step_by(37) {
            let word = &all[s..e];
            if word.bytes().all(|b| b.is_ascii_lowercase()) && word.len() >= 2 {
                let k = word.len() / 2;
                tried.push(format!("{}{}", &word[..k], &word[k + 1..]));
            }
        }
        for w in &tried {
            let mut fast: Vec<String> = one_letter_longer(w).map(str::to_string).collect();
            fast.sort();
            assert_eq!(fast, brute(w), "{w}");
        }
        assert_eq!(one_letter_longer("ther").count(), 3); // there, their, other
    }
}
