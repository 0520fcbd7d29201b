//! Shared text utilities: offset conversion, word iteration and line keys.
//!
//! Inside Rust every offset is a byte offset into a `&str`. Two other units leave the core:
//! UTF-16 code units (what JavaScript's `String` indexes and the DOM's `Range` use) and
//! Unicode code points (what Python, spaCy, doccano and our exports use). [`OffsetIndex`]
//! converts byte offsets to both in O(1) amortised time with a small checkpoint table, so
//! converting every entity of a 100 MB text stays linear.

/// Bytes between checkpoints. Conversions scan at most this many bytes.
const BLOCK: usize = 64;

/// Converts byte offsets of one text into code point and UTF-16 offsets.
#[derive(Debug)]
pub struct OffsetIndex<'a> {
    bytes: &'a [u8],
    /// `chars[i]` = code points before byte `i * BLOCK`.
    chars: Vec<u32>,
    /// `utf16[i]` = UTF-16 code units before byte `i * BLOCK`.
    utf16: Vec<u32>,
}

/// True for bytes that start a code point (not UTF-8 continuation bytes).
#[inline]
fn is_lead(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

impl<'a> OffsetIndex<'a> {
    /// Builds the index for `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let n = bytes.len() / BLOCK + 1;
        let mut chars = Vec::with_capacity(n);
        let mut utf16 = Vec::with_capacity(n);
        let (mut c, mut u) = (0u32, 0u32);
        for (i, &b) in bytes.iter().enumerate() {
            if i % BLOCK == 0 {
                chars.push(c);
                utf16.push(u);
            }
            if is_lead(b) {
                c += 1;
                // A 4-byte sequence is outside the BMP: a surrogate pair in UTF-16.
                u += if b >= 0xF0 { 2 } else { 1 };
            }
        }
        if bytes.len().is_multiple_of(BLOCK) {
            chars.push(c);
            utf16.push(u);
        }
        OffsetIndex { bytes, chars, utf16 }
    }

    /// Code points before byte offset `byte` (which must be a char boundary or the end).
    pub fn chars(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let block = byte / BLOCK;
        let start = block * BLOCK;
        self.chars[block] as usize + self.bytes[start..byte].iter().filter(|&&b| is_lead(b)).count()
    }

    /// UTF-16 code units before byte offset `byte`.
    pub fn utf16(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let block = byte / BLOCK;
        let start = block * BLOCK;
        self.utf16[block] as usize
            + self.bytes[start..byte]
                .iter()
                .map(|&b| {
                    if !is_lead(b) {
                        0
                    } else if b >= 0xF0 {
                        2
                    } else {
                        1
                    }
                })
                .sum::<usize>()
    }
}

/// Byte offset of code point number `n` in `text` (the end if `n` is past it).
pub fn char_to_byte(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// Whether `c` is in Unicode's General Punctuation block (U+2000 to U+206F: curly quotes,
/// dashes, the ellipsis, odd spaces), which holds no letter or digit: the word iterator
/// answers for these, the commonest non-ASCII characters of English text, without the
/// Unicode tables.
#[inline]
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// The AP stylebook's abbreviations of US states, as datelines and news copy write them
/// ("Boulder, Colo."): a place to the entity rules, and no sentence's end to the casing
/// repair ("Calif. may raise" goes on). States the stylebook spells out (Texas, Ohio) have
/// none.
pub(crate) const US_STATE_ABBREVIATIONS: [&str; 42] = [
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.", "Ky.", "La.",
    "Mass.", "Md.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "N.C.", "N.D.", "N.H.", "N.J.", "N.M.", "N.Y.", "Neb.",
    "Nev.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Va.", "Vt.", "W.Va.", "Wash.", "Wis.", "Wyo.",
];

/// [`char::is_alphabetic`], answered without the Unicode tables for the letters of the
/// scripts the pages are mostly written in: ASCII, Latin-1 and Latin Extended-A, Cyrillic,
/// CJK ideographs and Hangul syllables, which are letters throughout (the unit test checks
/// every character against the standard library). The tables' binary search was a twentieth
/// of cleaning's instructions on a page in Russian.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{c0}'..='\u{d6}'
        | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{17f}'
        | '\u{400}'..='\u{481}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Per byte: whether it is an ASCII letter or digit (`u8::is_ascii_alphanumeric`; false for
/// every byte of 0x80 and up). One table read per byte where the test made three range
/// checks: [`words`] steps over every byte of every line the cleaning splits.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Whether `b[i..]` starts with a character of U+2010..=U+2027, general punctuation (dashes,
/// curly quotes, the ellipsis: no case, no composition), read from its UTF-8, E2 80 90..=A7.
/// The cleaning's fast paths let a line of ASCII and such characters through by its bytes.
#[inline]
pub fn general_punctuation_at(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&0xE2) && b.get(i + 1) == Some(&0x80) && b.get(i + 2).is_some_and(|c| (0x90..=0xA7).contains(c))
}

/// Byte ranges of the words of `text`: maximal runs of alphanumeric characters, where an
/// apostrophe or hyphen between two alphanumerics stays inside the word ("don't", "G-20").
///
/// The one word iterator of the crate (cleaning, dedup, passages and line keys all use it),
/// with a fast path for ASCII: cleaning walks every line several times.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            // ASCII spaces and punctuation stepped over byte by byte, without decoding.
            if b[i] < 0x80 {
                if ASCII_ALNUM[usize::from(b[i])] {
                    break;
                }
                i += 1;
                continue;
            }
            let (c, n) = char_at(text, i);
            if word_char(c) {
                break;
            }
            i += n;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        i = word_end(text, start);
        Some((start, i))
    })
}

/// The ranges [`words`] gives for `text`, appended to `out`: the same steps as one loop
/// over the bytes, not an iterator (its per-word overhead cost more than the bytes' own
/// tests, on every line the cleaning splits; the unit test checks both agree).
pub fn words_into(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Spaces and punctuation skipped (ASCII by a table read, without decoding).
        if b[i] < 0x80 {
            if !ASCII_ALNUM[usize::from(b[i])] {
                i += 1;
                continue;
            }
        } else {
            let (c, n) = char_at(text, i);
            if !word_char(c) {
                i += n;
                continue;
            }
        }
        let start = i;
        i = word_end(text, start);
        out.push((start, i));
    }
}

/// [`words_into`] of an ASCII `text` (the caller knows it is: the line splitting's
/// printable test): byte by byte, without the decoding of the other characters, and a
/// joiner only an apostrophe or a hyphen before a letter or digit (the unit test checks both
/// agree on ASCII text). Most lines are ASCII (-3.1 M instructions a pass over the dev
/// pages).
pub fn words_into_ascii(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let alnum = |i: usize| b.get(i).is_some_and(|&c| ASCII_ALNUM[usize::from(c)]);
    let mut i = 0;
    while i < b.len() {
        if !ASCII_ALNUM[usize::from(b[i])] {
            i += 1;
            continue;
        }
        let start = i;
        loop {
            while alnum(i) {
                i += 1;
            }
            if matches!(b.get(i), Some(b'\'' | b'-')) && alnum(i + 1) {
                i += 1;
                continue;
            }
            break;
        }
        out.push((start, i));
    }
}

/// The char at byte `i` of `text` (a char boundary) and its length (also the dedup
/// scanner's, `dedup::scan_lines`).
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().unwrap_or('\0');
        (c, c.len_utf8())
    }
}

/// The end of the word of [`words`] that starts at byte `start` of `text`. (Always inlined:
/// as a call it cost 2M instructions more a pass over the dev pages.)
///
/// An ASCII byte other than a letter or digit ends the word unless it is a joiner (an
/// apostrophe or a hyphen) before a word character, read from its byte; a basic Cyrillic
/// letter (U+0400..=U+047F, lead byte D0 or D1: all of them letters) is stepped over by
/// its lead byte; only the other characters are decoded. (Every byte that ended a word was
/// decoded and tested as a joiner and a word character, and each Cyrillic letter likewise:
/// -2.15 M instructions a pass over the dev pages.)
#[inline(always)]
fn word_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    while i < b.len() {
        // Most of a word is ASCII letters and digits: stepped over byte by byte, one
        // table read each (the joiner test below is for the other characters). (Eight
        // bytes at a time by their bits cost more: most words are shorter than that.)
        let x = b[i];
        if ASCII_ALNUM[usize::from(x)] {
            i += 1;
            continue;
        }
        if x < 0x80 {
            // A joiner stays inside the word only when a letter or digit follows it.
            if matches!(x, b'\'' | b'-') && i + 1 < b.len() && word_char_at(text, i + 1) {
                i += 1;
                continue;
            }
            break;
        }
        if matches!(x, 0xD0 | 0xD1) {
            i += 2;
            continue;
        }
        let (c, n) = char_at(text, i);
        let joined = c == '’' && i + n < b.len() && word_char_at(text, i + n);
        if !(word_char(c) || joined) {
            break;
        }
        i += n;
    }
    i
}

/// [`word_char`] of the character at byte `i` of `text` (a char boundary), an ASCII one
/// read by its byte.
#[inline(always)]
fn word_char_at(text: &str, i: usize) -> bool {
    let x = text.as_bytes()[i];
    if x < 0x80 {
        ASCII_ALNUM[usize::from(x)]
    } else {
        word_char(char_at(text, i).0)
    }
}

/// A letter or digit as [`words`] reads them.
#[inline]
fn word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_general_punctuation(c) && (is_alphabetic(c) || c.is_numeric())
    }
}

/// Normalises a line for cross-line and cross-document comparison: its words, lowercased,
/// joined by single spaces. Cleaning keys lines with it; alias merging keys names with it.
pub fn line_key(line: &str) -> String {
    key_of_words(line, words(line))
}

/// Appends `s.to_lowercase()` (`str::to_lowercase`, the same text) to `out`, copying the
/// runs that lowercasing leaves as they are (lowercase letters, digits, punctuation) in one
/// piece. ASCII, Latin-1, the basic Cyrillic letters (U+0400..=U+045F) and general
/// punctuation are read from their bytes, without the Unicode tables, whose binary search
/// per character was most of lowercasing a word of a page in Russian (the lexicon, the
/// line keys and the entity model's word table each lowercase it); other characters ask
/// `char::to_lowercase`. A capital sigma, the one mapping that depends on its neighbours,
/// leaves the whole text to the standard library. The unit test checks every character
/// and mixed texts against `str::to_lowercase`.
pub fn push_str_lowercase(out: &mut String, s: &str) {
    push_lowercase_as(out, s, true);
}

/// Appends `s` lowercased character by character (`char::to_lowercase` of each, a capital
/// sigma always "σ"), as [`push_str_lowercase`] reads it.
pub fn push_chars_lowercase(out: &mut String, s: &str) {
    push_lowercase_as(out, s, false);
}

/// [`push_str_lowercase`] (`sigma_in_context`: a capital sigma as `str::to_lowercase`
/// writes it) or [`push_chars_lowercase`].
fn push_lowercase_as(out: &mut String, s: &str, sigma_in_context: bool) {
    if s.is_ascii() {
        let at = out.len();
        out.push_str(s);
        out[at..].make_ascii_lowercase();
        return;
    }
    let b = s.as_bytes();
    let start = out.len();
    // `s[done..i]` is copied as it is when a character that changes (or the end) is met.
    let (mut done, mut i) = (0, 0);
    while i < b.len() {
        let x = b[i];
        // ASCII other than capitals (most bytes of an English line with a curly quote, the
        // spaces and marks of a line in Russian) stepped over first, eight bytes at a time
        // while no byte is a capital (0x40 < byte < 0x5B, found by carries: exact for
        // "any") or from 0x80 up, then byte by byte.
        if x < 0x80 && !x.is_ascii_uppercase() {
            const ONES: u64 = 0x0101_0101_0101_0101;
            const HIGH: u64 = 0x8080_8080_8080_8080;
            i += 1;
            while let Some(w) = b.get(i..i + 8) {
                let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
                let low = x & (ONES * 0x7f);
                let caps =
                    (ONES * (0x7f + 0x5b)).wrapping_sub(low) & !x & low.wrapping_add(ONES * (0x7f - 0x40)) & HIGH;
                if x & HIGH != 0 || caps != 0 {
                    break;
                }
                i += 8;
            }
            continue;
        }
        // The byte after a lead byte (a valid string has one); 0 at the end.
        let y = b.get(i + 1).copied().unwrap_or(0);
        let (len, lower) = match x {
            b'A'..=b'Z' => (1, Some(char::from(x + 0x20))),
            0..=0x7f => (1, None),
            // U+0080..=U+00BF: no capitals.
            0xc2 => (2, None),
            // U+00C0..=U+00DE but the multiplication sign: +0x20; the rest lowercase.
            0xc3 if y <= 0x9e && y != 0x97 => (2, char::from_u32(0xc0 + u32::from(y - 0x80) + 0x20)),
            0xc3 => (2, None),
            // U+0400..=U+040F: +0x50; U+0410..=U+042F: +0x20; U+0430..=U+045F lowercase.
            0xd0 if y < 0x90 => (2, char::from_u32(0x400 + u32::from(y - 0x80) + 0x50)),
            0xd0 if y < 0xb0 => (2, char::from_u32(0x400 + u32::from(y - 0x80) + 0x20)),
            0xd0 => (2, None),
            0xd1 if y < 0xa0 => (2, None),
            // General punctuation (U+2000..=U+206F): no letters.
            0xe2 if y == 0x80 || y == 0x81 => (3, None),
            _ => {
                let Some(c) = s[i..].chars().next() else { break };
                if c == 'Σ' && sigma_in_context {
                    out.truncate(start);
                    out.push_str(&s.to_lowercase());
                    return;
                }
                let mut l = c.to_lowercase();
                if l.len() == 1 && l.next() == Some(c) {
                    i += c.len_utf8();
                    continue;
                }
                out.push_str(&s[done..i]);
                out.extend(c.to_lowercase());
                i += c.len_utf8();
                done = i;
                continue;
            }
        };
        if let Some(l) = lower {
            out.push_str(&s[done..i]);
            out.push(l);
            done = i + len;
        }
        i += len;
    }
    out.push_str(&s[done..]);
}

/// `s.to_lowercase()`, by [`push_str_lowercase`].
pub fn to_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_str_lowercase(&mut out, s);
    out
}

/// [`line_key`] from the line's words, already found.
pub(crate) fn key_of_words(line: &str, words: impl Iterator<Item = (usize, usize)>) -> String {
    key_of_words_with(line, words, |_, _| None)
}

/// [`key_of_words`] with each lowercased word first offered to `read_as` (with its number
/// in the line), which may give the word to key it by instead (the cleaning's repeated-line
/// key reads a typo as its repair).
pub(crate) fn key_of_words_with(
    line: &str,
    words: impl Iterator<Item = (usize, usize)>,
    read_as: impl Fn(usize, &str) -> Option<String>,
) -> String {
    let mut key = String::with_capacity(line.len());
    for (k, (s, e)) in words.enumerate() {
        if !key.is_empty() {
            key.push(' ');
        }
        let w = &line[s..e];
        let start = key.len();
        if w.is_ascii() {
            key.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            // (Character by character: a capital sigma is "σ" wherever it is.)
            push_chars_lowercase(&mut key, w);
        }
        if let Some(other) = read_as(k, &key[start..]) {
            key.truncate(start);
            key.push_str(&other);
        }
    }
    key
}

/// One step of the xorshift generator that the tests draw their pseudo-random inputs from
/// (seeded: every run tries the same inputs).
#[cfg(test)]
pub(crate) fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// An element of `alphabet` drawn by one [`xorshift`] step.
#[cfg(test)]
pub(crate) fn xorshift_pick<T: Copy>(seed: &mut u64, alphabet: &[T]) -> T {
    alphabet[(xorshift(seed) % alphabet.len() as u64) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_lowercase_steps_over_ascii_as_the_standard_library() {
        // Every byte below 0x80, and a few characters, at each position of a line long
        // enough for the eight-byte steps (and not ASCII, which is lowercased whole).
        for c in (0u8..0x80).map(char::from).chain(['É', 'ж', 'Ж', '’', 'Σ']) {
            for at in 0..24 {
                let mut line: Vec<char> = "the quick brown fox jumps over é".chars().collect();
                line[at] = c;
                let line: String = line.into_iter().collect();
                assert_eq!(to_lowercase(&line), line.to_lowercase(), "{line:?}");
            }
        }
    }

    #[test]
    fn to_lowercase_is_the_standard_librarys() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let one = c.to_string();
            assert_eq!(to_lowercase(&one), one.to_lowercase(), "{c:?}");
            let many = format!("aÉ{c}Жж{c}x");
            assert_eq!(to_lowercase(&many), many.to_lowercase(), "{c:?}");
            let mut buf = String::new();
            push_chars_lowercase(&mut buf, &many);
            assert_eq!(buf, many.chars().flat_map(char::to_lowercase).collect::<String>(), "{c:?}");
        }
        for s in
            ["", "Hello", "ΟΔΟΣ Σ ΣΑ", "Москва ЁЖИК Ђ ѢѣӀ", "İstanbul", "ÉTÉ Straße ×Þ", "K\u{212a}", "ǅ ǈ", "a—“B”"]
        {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s}");
            let mut buf = String::from("kept ");
            push_str_lowercase(&mut buf, s);
            assert_eq!(buf, format!("kept {}", s.to_lowercase()), "{s}");
        }
    }

    #[test]
    fn is_alphabetic_is_the_standard_librarys() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn general_punctuation_has_no_alphanumerics() {
        assert!(('\u{2000}'..='\u{206f}').all(|c| is_general_punctuation(c) && !c.is_alphanumeric()));
    }

    #[test]
    fn offsets_with_curly_quotes_and_emoji() {
        let t = "“Hi” 😀 Putin’s é";
        let idx = OffsetIndex::new(t);
        for (b, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            assert_eq!(idx.chars(b), t[..b].chars().count());
            assert_eq!(idx.utf16(b), t[..b].encode_utf16().count());
        }
    }

    #[test]
    fn offsets_across_blocks() {
        let t = "😀a’".repeat(100);
        let idx = OffsetIndex::new(&t);
        for (b, _) in t.char_indices() {
            assert_eq!(idx.chars(b), t[..b].chars().count());
            assert_eq!(idx.utf16(b), t[..b].encode_utf16().count());
        }
        assert_eq!(idx.utf16(t.len()), t.encode_utf16().count());
    }

    #[test]
    fn words_keep_inner_joiners() {
        let t = "Putin’s G-20 talk - don't stop.";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["Putin’s", "G-20", "talk", "don't", "stop"]);
        let t = "a--b 'x' é’ ’’ x- -y 😀ab c’ Ünïcode’s";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["a", "b", "x", "é", "x", "y", "ab", "c", "Ünïcode’s"]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words("-").count(), 0);
    }

    #[test]
    fn words_are_runs_of_word_characters() {
        // The words of `t` by their definition, character by character: maximal runs of
        // letters and digits, a joiner kept between two of them.
        fn oracle(t: &str) -> Vec<(usize, usize)> {
            let cs: Vec<(usize, char)> = t.char_indices().collect();
            let (mut out, mut k) = (Vec::new(), 0);
            while k < cs.len() {
                if !word_char(cs[k].1) {
                    k += 1;
                    continue;
                }
                let start = cs[k].0;
                k += 1;
                loop {
                    if k < cs.len() && word_char(cs[k].1) {
                        k += 1;
                    } else if k + 1 < cs.len() && matches!(cs[k].1, '\'' | '’' | '-') && word_char(cs[k + 1].1) {
                        k += 2;
                    } else {
                        break;
                    }
                }
                out.push((start, cs.get(k).map_or(t.len(), |c| c.0)));
            }
            out
        }
        // Texts of up to 40 characters over the bytes at the edges of each class (digits,
        // capitals, lowercase letters), joiners and non-ASCII letters (pseudo-random), so
        // that words cross the eight-byte steps at every offset.
        let alphabet = [
            '/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', '\u{7f}', ' ', '\'', '-', '’', 'é', 'ж', 'Ѐ',
            'ѿ', 'Ҁ', '҃', '×',
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..=40 {
            for _ in 0..500 {
                let t: String = (0..len)
                    .map(|_| {
                        let seed = super::xorshift(&mut seed);
                        // Mostly letters, so that words are long.
                        let k = (seed % (2 * alphabet.len() as u64)) as usize;
                        if k < alphabet.len() {
                            alphabet[k]
                        } else {
                            ['a', 'Z', '0', 'q'][k % 4]
                        }
                    })
                    .collect();
                let mut got = Vec::new();
                words_into(&t, &mut got);
                assert_eq!(got, oracle(&t), "{t:?}");
                assert_eq!(words(&t).collect::<Vec<_>>(), oracle(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn words_into_is_words() {
        // Every string of up to 6 characters over letters, digits, joiners, spaces and
        // punctuation, ASCII or not, and a few others.
        let alphabet = ['a', 'Z', '0', '\'', '-', ' ', '.', '’', 'é', '—', 'ж'];
        let mut texts: Vec<String> =
            ["Putin’s G-20 talk - don't stop.", "é-ü x", "", "a--b 'x' é’ ’’ x- -y 😀ab c’ Ünïcode’s"]
                .map(String::from)
                .to_vec();
        for len in 1..=6u32 {
            for mut k in 0..alphabet.len().pow(len) {
                let mut t = String::new();
                for _ in 0..len {
                    t.push(alphabet[k % alphabet.len()]);
                    k /= alphabet.len();
                }
                texts.push(t);
            }
        }
        for t in &texts {
            let mut got = vec![(9, 9)];
            words_into(t, &mut got);
            let expected: Vec<(usize, usize)> = std::iter::once((9, 9)).chain(words(t)).collect();
            assert_eq!(got, expected, "{t:?}");
            if t.is_ascii() {
                let mut got = vec![(9, 9)];
                words_into_ascii(t, &mut got);
                assert_eq!(got, expected, "{t:?}");
            }
        }
    }

    #[test]
    fn line_keys_are_lowercase_words() {
        assert_eq!(line_key("  Share THIS story! "), "share this story");
        assert_eq!(line_key("G-20: Zelenskyy’s Ü"), "g-20 zelenskyy’s ü");
        assert_eq!(line_key("—"), "");
    }
}
