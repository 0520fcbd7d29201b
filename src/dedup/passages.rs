//! Repeated passages: paragraphs (lines) and sentences repeated within one document or
//! shared across documents, found by hashing normalised words (lowercased, curly apostrophes
//! folded; no string per line). A sentence is reported on its own only where it repeats
//! outside an already repeated line, so a repeated paragraph is not listed again sentence by
//! sentence.

use crate::hash::word_hash;
use serde::Serialize;
use std::collections::HashMap;

/// Where a passage occurs: (document index, start byte, end byte).
pub type Occurrence = (usize, usize, usize);

/// A passage that occurs more than once in the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    /// The passage text (its first occurrence).
    pub text: String,
    /// Every occurrence, in document order.
    pub occurrences: Vec<Occurrence>,
    /// True when some document holds it more than once.
    pub within: bool,
    /// True when it occurs in more than one document.
    pub across: bool,
}

/// Fingerprint of the words of `s` and their count.
fn fingerprint(s: &str) -> (u64, usize) {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut n = 0;
    for (a, b) in crate::text::words(s) {
        h = (h ^ word_hash(&s[a..b])).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
        n += 1;
    }
    (h, n)
}

/// Sentence spans (byte ranges relative to `line`): split after `.`, `!` or `?` (and any
/// closing quotes) followed by a space.
fn sentences(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            if j < b.len() && b[j] == b' ' {
                out.push((start, j));
                start = j + 1;
                i = j;
            }
        }
        i += 1;
    }
    if start < line.len() {
        out.push((start, line.len()));
    }
    out
}

#[derive(Default)]
struct Table {
    by_key: HashMap<u64, Vec<Occurrence>>,
    order: Vec<u64>,
}

impl Table {
    fn add(&mut self, key: u64, occ: Occurrence) {
        let v = self.by_key.entry(key).or_default();
        if v.is_empty() {
            self.order.push(key);
        }
        v.push(occ);
    }
}

/// Lines, and sentences, of at least `min_words` words that occur more than once in `texts`.
/// Repeated lines come first (in order of first occurrence), then repeated sentences.
pub fn repeated(texts: &[&str], min_words: usize) -> Vec<Passage> {
    let mut lines = Table::default();
    let mut sents = Table::default();
    for (d, t) in texts.iter().enumerate() {
        let mut off = 0;
        for raw in t.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            let lead = line.len() - line.trim_start().len();
            let body = line.trim();
            let base = off + lead;
            let (h, n) = fingerprint(body);
            if n >= min_words.max(1) {
                lines.add(h, (d, base, base + body.len()));
                let ss = sentences(body);
                if ss.len() > 1 {
                    for (s, e) in ss {
                        let part = &body[s..e];
                        let trimmed = part.trim();
                        let s = s + (part.len() - part.trim_start().len());
                        let (h, n) = fingerprint(trimmed);
                        if n >= min_words.max(1) {
                            sents.add(h, (d, base + s, base + s + trimmed.len()));
                        }
                    }
                }
            }
            off += raw.len();
        }
    }
    let mut out = Vec::new();
    let mut covered: Vec<Occurrence> = Vec::new();
    for h in &lines.order {
        let occ = &lines.by_key[h];
        if occ.len() >= 2 {
            covered.extend(occ.iter().copied());
            out.push(passage(texts, occ.clone()));
        }
    }
    covered.sort_unstable();
    let inside = |&(d, s, e): &Occurrence| {
        let i = covered.partition_point(|c| (c.0, c.1) <= (d, s));
        i > 0 && covered[i - 1].0 == d && covered[i - 1].2 >= e
    };
    for h in &sents.order {
        let occ = &sents.by_key[h];
        // Only where the sentence repeats outside repeated lines.
        if occ.len() >= 2 && occ.iter().any(|o| !inside(o)) {
            out.push(passage(texts, occ.clone()));
        }
    }
    out
}

fn passage(texts: &[&str], occ: Vec<Occurrence>) -> Passage {
    let (d, s, e) = occ[0];
    let within = occ.windows(2).any(|w| w[0].0 == w[1].0);
    let across = occ.iter().any(|o| o.0 != d);
    Passage { text: texts[d][s..e].to_string(), occurrences: occ, within, across }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_sentences() {
        let a = "Share this story with your friends today\nThe minister resigned on Monday after weeks of pressure. Officials declined to comment further on the matter.\nShare this story with your friends today\n";
        let b = "Elsewhere, the minister resigned on Monday after weeks of pressure from colleagues.\nOfficials declined to comment further on the matter. A new minister is expected soon.\n";
        let p = repeated(&[a, b], 4);
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Share this story with your friends today", "Officials declined to comment further on the matter."]
        );
        assert!(p[0].within && !p[0].across);
        assert!(!p[1].within && p[1].across);
        for x in &p {
            for &(d, s, e) in &x.occurrences {
                assert_eq!([a, b][d][s..e].to_lowercase(), x.text.to_lowercase());
            }
        }
    }
}
