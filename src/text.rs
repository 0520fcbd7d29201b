//! Shared text utilities: offset conversion and word iteration.
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
        if bytes.len() % BLOCK == 0 {
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
        self.chars[block] as usize
            + self.bytes[start..byte].iter().filter(|&&b| is_lead(b)).count()
    }

    /// UTF-16 code units before byte offset `byte`.
    pub fn utf16(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let block = byte / BLOCK;
        let start = block * BLOCK;
        self.utf16[block] as usize
            + self.bytes[start..byte]
                .iter()
                .map(|&b| if !is_lead(b) { 0 } else if b >= 0xF0 { 2 } else { 1 })
                .sum::<usize>()
    }
}

/// Byte offset of code point number `n` in `text` (the end if `n` is past it).
pub fn char_to_byte(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// Byte ranges of the words of `text`: maximal runs of alphanumeric characters, where an
/// apostrophe or hyphen between two alphanumerics stays inside the word ("don't", "G-20").
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = it.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = start;
        while let Some(&(i, c)) = it.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                it.next();
            } else if matches!(c, '\'' | '’' | '-') {
                // Keep the joiner only when a letter or digit follows it.
                let mut look = it.clone();
                look.next();
                match look.peek() {
                    Some(&(_, d)) if d.is_alphanumeric() => {
                        it.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        if end == start {
            end = start + text[start..].chars().next().map_or(0, char::len_utf8);
        }
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
