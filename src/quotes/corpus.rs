//! Quotes across the corpus: the same quote in several documents (also trimmed,
//! re-punctuated or re-wrapped) is one [`SharedQuote`] with its occurrences; a quote whose
//! occurrences name different speakers is flagged.
//!
//! Two quotes are the same when they share word 4-grams (lower case, punctuation and line
//! breaks ignored) covering at least half of the shorter one's 4-grams; shorter quotes (under
//! four words) only when their words are equal. Grouping is a union-find over an inverted
//! index of 4-gram hashes, so the cost grows with the number of shared 4-grams, not with the
//! square of the number of quotes.

use super::Quote;
use crate::hash::{word_hash, FastMap};
use crate::union_find::UnionFind;
use serde::Serialize;

/// One occurrence of a shared quote: document index and quote index in that document.
pub type Occurrence = (usize, usize);

/// A quote as found across documents.
#[derive(Debug, Clone, Serialize)]
pub struct SharedQuote {
    /// Every occurrence, in document order.
    pub occurrences: Vec<Occurrence>,
    /// Document indices, ascending, without repeats.
    pub documents: Vec<usize>,
    /// The speaker names (resolved, as written) its occurrences give, most frequent first.
    pub speakers: Vec<(String, usize)>,
    /// Occurrences attribute it to different speakers.
    pub conflict: bool,
}

/// One document's input to [`group`]: its text, its quotes and each quote's speaker name.
pub type DocQuotes<'a> = (&'a str, &'a [Quote], Vec<Option<String>>);

/// Lower-case words of a span (the pieces of a split quote joined).
fn words(text: &str, q: &Quote) -> Vec<u64> {
    let pieces: Vec<(usize, usize)> = if q.fragments.is_empty() { vec![(q.start, q.end)] } else { q.fragments.clone() };
    let mut out = Vec::new();
    for (s, e) in pieces {
        for w in text[s..e].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            out.push(word_hash(&w.to_lowercase()));
        }
    }
    out
}

fn grams(ws: &[u64]) -> Vec<u64> {
    if ws.len() < 4 {
        return vec![ws.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, &w| crate::hash::mix(h ^ w))];
    }
    let mut g: Vec<u64> = ws
        .windows(4)
        .map(|w| crate::hash::mix(w[0] ^ w[1].rotate_left(16) ^ w[2].rotate_left(32) ^ w[3].rotate_left(48)))
        .collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// Groups the quotes of several documents. `docs[i]` = (text, quotes, speaker name of each
/// quote); only direct quotes and quotes of at least six words are shared (a paraphrase of
/// "he said that ..." is its own).
pub fn group(docs: &[DocQuotes<'_>]) -> Vec<SharedQuote> {
    let mut items: Vec<Occurrence> = Vec::new();
    let mut gram_sets: Vec<Vec<u64>> = Vec::new();
    for (d, (text, quotes, _)) in docs.iter().enumerate() {
        for (i, q) in quotes.iter().enumerate() {
            let ws = words(text, q);
            if !q.direct && ws.len() < 6 || ws.is_empty() {
                continue;
            }
            items.push((d, i));
            gram_sets.push(grams(&ws));
        }
    }
    let mut index: FastMap<u64, Vec<u32>> = FastMap::default();
    for (i, g) in gram_sets.iter().enumerate() {
        for &h in g {
            index.entry(h).or_default().push(i as u32);
        }
    }
    let mut uf = UnionFind::new(items.len());
    for (i, g) in gram_sets.iter().enumerate() {
        let mut shared: FastMap<u32, usize> = FastMap::default();
        for h in g {
            for &j in &index[h] {
                if j as usize > i {
                    *shared.entry(j).or_default() += 1;
                }
            }
        }
        let mut pairs: Vec<(u32, usize)> = shared.into_iter().collect();
        pairs.sort_unstable();
        for (j, n) in pairs {
            let smaller = g.len().min(gram_sets[j as usize].len());
            if n * 2 >= smaller && items[i].0 != items[j as usize].0 {
                uf.union(i as u32, j);
            }
        }
    }
    let mut groups: FastMap<u32, Vec<usize>> = FastMap::default();
    let mut order = Vec::new();
    for i in 0..items.len() {
        let r = uf.find(i as u32);
        let e = groups.entry(r).or_default();
        if e.is_empty() {
            order.push(r);
        }
        e.push(i);
    }
    let mut out = Vec::new();
    for r in order {
        let members = &groups[&r];
        let occurrences: Vec<Occurrence> = members.iter().map(|&i| items[i]).collect();
        let mut documents: Vec<usize> = occurrences.iter().map(|o| o.0).collect();
        documents.dedup();
        let mut speakers: Vec<(String, usize)> = Vec::new();
        for &(d, i) in &occurrences {
            if let Some(name) = &docs[d].2[i] {
                match speakers.iter_mut().find(|(n, _)| n == name) {
                    Some(s) => s.1 += 1,
                    None => speakers.push((name.clone(), 1)),
                }
            }
        }
        speakers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let conflict = speakers.len() > 1 && !same_person(&speakers);
        out.push(SharedQuote { occurrences, documents, speakers, conflict });
    }
    out
}

/// Whether the names plausibly name one person ("Ushakov" and "Yury Ushakov"; "Yuri
/// Ushakov" and "Yury Ushakov": same surname).
fn same_person(names: &[(String, usize)]) -> bool {
    let last = |n: &str| n.split_whitespace().last().map(crate::entities::alias::normalise).unwrap_or_default();
    let first = last(&names[0].0);
    names.iter().all(|(n, _)| last(n) == first)
}
