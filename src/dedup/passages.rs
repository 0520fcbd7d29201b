//! Repeated passages: paragraphs (lines) repeated within one document or shared across
//! documents, found by hashing normalised lines.

use crate::clean::{hash64, line_key};
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Lines of at least `min_words` words that occur more than once in `texts`.
pub fn repeated(texts: &[&str], min_words: usize) -> Vec<Passage> {
    let mut by_key: BTreeMap<u64, Vec<Occurrence>> = BTreeMap::new();
    let mut order: Vec<u64> = Vec::new();
    for (d, t) in texts.iter().enumerate() {
        let mut off = 0;
        for raw in t.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            let lead = line.len() - line.trim_start().len();
            let body = line.trim();
            let key = line_key(body);
            if key.split(' ').count() >= min_words {
                let h = hash64(key.as_bytes());
                let occ = by_key.entry(h).or_default();
                if occ.is_empty() {
                    order.push(h);
                }
                occ.push((d, off + lead, off + lead + body.len()));
            }
            off += raw.len();
        }
    }
    order
        .into_iter()
        .filter_map(|h| {
            let occ = by_key.remove(&h)?;
            if occ.len() < 2 {
                return None;
            }
            let (d, s, e) = occ[0];
            let within = occ.windows(2).any(|w| w[0].0 == w[1].0);
            let across = occ.iter().any(|o| o.0 != d);
            Some(Passage { text: texts[d][s..e].to_string(), occurrences: occ, within, across })
        })
        .collect()
}
