//! Dedup: exact and near-duplicate documents, and repeated passages.
//!
//! Documents are normalised (lowercase words), exact copies are grouped by hash, and near
//! copies are found with MinHash signatures over word shingles and LSH banding: only
//! documents that share a band become candidates (never all pairs). Every candidate is
//! verified on its shingle sets (Jaccard and containment, so a truncated copy still
//! matches), and clusters are the connected components (union-find) of verified pairs.
//! Hashing is seeded with constants, so output is deterministic.

pub mod passages;

use crate::clean::hash64;
use serde::Serialize;
use std::collections::HashMap;

/// Tuning of the near-duplicate search.
#[derive(Debug, Clone, Copy)]
pub struct DedupOptions {
    /// Words per shingle.
    pub shingle: usize,
    /// LSH bands.
    pub bands: usize,
    /// Rows per band (bands × rows hash functions).
    pub rows: usize,
    /// A pair is a duplicate when its similarity reaches this.
    pub threshold: f32,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions { shingle: 5, bands: 32, rows: 4, threshold: 0.5 }
    }
}

/// A verified candidate pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pair {
    /// Index of the first document (a < b).
    pub a: usize,
    /// Index of the second document.
    pub b: usize,
    /// Jaccard similarity of the shingle sets.
    pub jaccard: f32,
    /// Share of the smaller shingle set found in the larger.
    pub containment: f32,
    /// The similarity used for clustering (the larger of the two).
    pub similarity: f32,
}

/// The result: a cluster id per document and every verified pair.
#[derive(Debug, Clone, Serialize)]
pub struct Dedup {
    /// `cluster[i]`: documents with equal ids are duplicates of one another. Ids are the
    /// smallest document index of each cluster.
    pub cluster: Vec<usize>,
    /// Verified candidate pairs (including those under the threshold), sorted.
    pub pairs: Vec<Pair>,
}

/// Hashed word shingles of a text, sorted and deduplicated.
pub fn shingles(text: &str, k: usize) -> Vec<u64> {
    let words: Vec<String> = crate::text::words(text)
        .map(|(s, e)| text[s..e].to_lowercase())
        .collect();
    let mut out: Vec<u64> = if words.len() < k {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![hash64(words.join(" ").as_bytes())]
        }
    } else {
        words.windows(k).map(|w| hash64(w.join(" ").as_bytes())).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: a seeded permutation of shingle hashes.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// MinHash signature with `n` seeded hash functions.
pub fn signature(sh: &[u64], n: usize) -> Vec<u64> {
    (0..n)
        .map(|i| {
            let seed = mix(i as u64 + 1);
            sh.iter().map(|&h| mix(h ^ seed)).min().unwrap_or(u64::MAX)
        })
        .collect()
}

/// Size of the intersection of two sorted, deduplicated slices.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Union-find with path halving.
#[derive(Debug)]
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index is the root, so cluster ids are deterministic.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// Finds duplicate clusters among `texts`.
pub fn dedup(texts: &[&str], opts: &DedupOptions) -> Dedup {
    let n = texts.len();
    let sh: Vec<Vec<u64>> = texts.iter().map(|t| shingles(t, opts.shingle)).collect();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    // Exact copies after normalisation.
    let mut exact: HashMap<u64, usize> = HashMap::new();
    for (i, s) in sh.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        let key = hash64(&s.iter().flat_map(|h| h.to_le_bytes()).collect::<Vec<u8>>());
        if let Some(&j) = exact.get(&key) {
            candidates.push((j, i));
        } else {
            exact.insert(key, i);
        }
    }
    // LSH banding over MinHash signatures.
    let sigs: Vec<Vec<u64>> = sh.iter().map(|s| signature(s, opts.bands * opts.rows)).collect();
    for band in 0..opts.bands {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, sig) in sigs.iter().enumerate() {
            if sh[i].is_empty() {
                continue;
            }
            let rows = &sig[band * opts.rows..(band + 1) * opts.rows];
            let key = hash64(&rows.iter().flat_map(|h| h.to_le_bytes()).collect::<Vec<u8>>());
            buckets.entry(key).or_default().push(i);
        }
        for docs in buckets.values() {
            for (x, &a) in docs.iter().enumerate() {
                for &b in &docs[x + 1..] {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut pairs = Vec::with_capacity(candidates.len());
    for (a, b) in candidates {
        let inter = intersection(&sh[a], &sh[b]) as f32;
        let (la, lb) = (sh[a].len() as f32, sh[b].len() as f32);
        let jaccard = inter / (la + lb - inter).max(1.0);
        let containment = inter / la.min(lb).max(1.0);
        let similarity = jaccard.max(containment);
        pairs.push(Pair { a, b, jaccard, containment, similarity });
    }
    let cluster = cluster(n, &pairs, opts.threshold);
    Dedup { cluster, pairs }
}

/// Clusters `n` documents from verified pairs at a similarity threshold (used again by the
/// page's slider, without re-hashing). Cluster ids are the smallest member index.
pub fn cluster(n: usize, pairs: &[Pair], threshold: f32) -> Vec<usize> {
    let mut sets = Sets((0..n).collect());
    for p in pairs.iter().filter(|p| p.similarity >= threshold && p.a < n && p.b < n) {
        sets.union(p.a, p.b);
    }
    (0..n).map(|i| sets.find(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_truncated_and_different() {
        let base = "The Kremlin said on Thursday that a meeting between the two presidents had been agreed \
                    and could take place in the coming days, according to an aide who spoke to reporters \
                    in Moscow after talks with the American envoy about the war in Ukraine and sanctions.";
        let copy = base.to_uppercase();
        let cut = &base[..base.len() * 2 / 3];
        let other = "Heavy rain flooded the valley overnight and the river burst its banks near the old \
                     mill, forcing dozens of families to leave their homes before dawn on Sunday morning.";
        let d = dedup(&[base, &copy, cut, other], &DedupOptions::default());
        assert_eq!(d.cluster, [0, 0, 0, 3]);
    }
}
