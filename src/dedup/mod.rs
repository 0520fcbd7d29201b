//! Dedup: exact and near-duplicate documents, and repeated passages.
//!
//! How it works (linear in the corpus size, apart from the candidate pairs themselves):
//!
//! 1. **Shingles.** Each document is split into paragraphs (blocks separated by blank lines, or
//!    lines when a text has no blank lines). Words are lowercased and hashed incrementally
//!    (no string per word or per shingle); `k` consecutive words of one paragraph make a
//!    shingle, hashed to 32 bits with a seeded mix. Each document keeps its sorted, distinct
//!    shingles and, for each, the paragraph it first occurs in.
//! 2. **Furniture.** Shingles found in very many documents (more than
//!    `max(32, n / 200)`, counted with a small saturating count sketch) are page furniture or
//!    boilerplate the cleaner missed ("Sign up for our newsletter"): they are ignored, so two
//!    unrelated articles with the same footer are not linked.
//! 3. **Candidates.** A fixed, content-defined sample of shingles (hash ≡ 0 mod `sample`) is
//!    indexed by sorting (hash, doc) postings; documents sharing at least `min_shared`
//!    sampled shingles become candidates. Unlike MinHash banding (which estimates Jaccard),
//!    this keeps pairs of very different length, so a copy cut to 40% still meets its source.
//!    Runs with equal lists of documents (the shingles of one passage) are paired once, with
//!    their count. A pair whose shared sampled shingles all lie in one paragraph of one of
//!    them (each having sampled shingles in two paragraphs or more) and whose Jaccard
//!    estimated on the sample is under [`ONE_PASSAGE_JACCARD`] is not verified: it shares
//!    one passage (wire copy, a quoted paragraph) and step 4 would demote it below 0.2.
//! 4. **Verification.** Each candidate is compared on its full shingle sets: Jaccard,
//!    containment (share of the smaller set found in the larger), and paragraph evidence: how
//!    many paragraphs of each document are at least half found in the other. A copy shares
//!    several paragraphs with its source; a page that merely quotes one paragraph of another
//!    article (a "related" box, a pasted foreign paragraph) shares one. When fewer than
//!    `min(2, paragraphs)` paragraphs match on either side and Jaccard is below 0.8, the
//!    similarity is demoted to `min(jaccard, containment) / 2`.
//! 5. **Copy or not.** Each verified pair names its source (the more complete: more
//!    non-furniture shingles, ties to the earlier document) and whether one *reads as a copy*
//!    of the other ([`Pair::copy`]): the copy's matches begin at the source's start, fill the
//!    run of paragraphs they span and cover a good share of the copy. A copy is the source
//!    cut at the tail (maybe a paragraph dropped, swapped, noise, a paragraph added); a
//!    write-through of an agency story, or a page quoting two paragraphs of another, matches
//!    paragraphs scattered through its own text.
//! 6. **Clusters are built around sources** ([`cluster`]): documents are taken from the most
//!    complete down; each joins the best-matching source more complete than itself (a
//!    document that joined no other), failing that the cluster of a close copy (similarity
//!    of at least 0.6), else it is a source; a source left without copies that matches a copy
//!    of another cluster as its source joins that cluster (a heavy copy is often larger than
//!    its source by the paragraphs inserted into it). So a copy joins by matching the source itself, never
//!    through a chain of pairs: on one event's coverage (many outlets sharing quotes and wire
//!    paragraphs) union-find put different articles together through shared paragraphs (pair
//!    precision 0.64, ARI 0.78); around sources both are 1.00 (broad news: ARI 0.993 ->
//!    0.992). Every verified pair
//!    with similarity of at least `keep` is returned, so a caller re-clusters at another
//!    threshold from them alone ([`cluster`], O(pairs log pairs)); [`components`] keeps the
//!    union-find reading. The diff of each copy against its source is `crate::diff`'s.
//!
//! Hashing is seeded with constants and every step sorts, so output is deterministic.

pub mod passages;
pub mod signature;

use crate::hash::{mix, word_hash};
use crate::text::char_at;
use crate::union_find::UnionFind;
use serde::Serialize;

/// Tuning of the near-duplicate search.
#[derive(Debug, Clone, Copy)]
pub struct DedupOptions {
    /// Words per shingle.
    pub shingle: usize,
    /// One shingle in `sample` (by hash) is indexed for candidate generation.
    pub sample: u32,
    /// Sampled shingles two documents must share to be compared.
    pub min_shared: usize,
    /// A pair is a duplicate when its similarity reaches this.
    pub threshold: f32,
    /// Verified pairs under this similarity are dropped from [`Dedup::pairs`].
    pub keep: f32,
    /// Seed of the shingle hash.
    pub seed: u64,
    /// Threads for shingling, the furniture count and filter, the postings and links of
    /// candidate generation and the verification of candidate pairs; 1 on the web (wasm
    /// has no threads here). The output does not depend on it: each thread takes a
    /// contiguous range (of documents, hashes or buckets) and the results are joined in order.
    pub threads: usize,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            shingle: 3,
            sample: 4,
            min_shared: 2,
            threshold: 0.3,
            keep: 0.1,
            seed: 0x5eed_0dd5_a11c_e5ed,
            threads: 1,
        }
    }
}

/// A verified candidate pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pair {
    /// Index of the first document (a < b).
    pub a: usize,
    /// Index of the second document.
    pub b: usize,
    /// Jaccard similarity of the (non-furniture) shingle sets.
    pub jaccard: f32,
    /// Share of the smaller shingle set found in the larger.
    pub containment: f32,
    /// The similarity used for clustering: the containment when the pair shares enough
    /// paragraphs (or is near-identical), else a demoted value; 1 for exact copies.
    pub similarity: f32,
    /// The more complete of the two, `a` or `b`: more non-furniture shingles, ties to the
    /// earlier document. A cluster is built around its most complete document.
    pub source: usize,
    /// Whether one reads as a copy of the other, not merely as another article sharing
    /// some of its text: its matches begin at the other's start (within the first
    /// [`COPY_START`] of its shingles), fill at least [`COPY_DENSITY`] of the run of
    /// paragraphs they span, and cover at least [`COPY_COVER`] of the copy (checked both
    /// ways round). A truncated copy passes; a write-through quoting the story's paragraphs
    /// among its own does not. Exact copies always pass.
    pub copy: bool,
}

/// Share of the source's shingles, at most, before the first paragraph a copy matches.
pub const COPY_START: f32 = 0.1;
/// Share of the matched run of the source's paragraphs that the copy must match.
pub const COPY_DENSITY: f32 = 0.3;
/// Share of the copy's shingles that must be found in the source.
pub const COPY_COVER: f32 = 0.3;
/// A document no source takes joins the cluster of a copy it matches at least this well.
const ADOPT_MIN: f32 = 0.6;

/// The result: a cluster id per document and every verified pair.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dedup {
    /// `cluster[i]`: documents with equal ids are duplicates of one another. Ids are the
    /// smallest document index of each cluster.
    pub cluster: Vec<usize>,
    /// Verified candidate pairs with similarity >= `keep` (including those under the
    /// threshold), sorted by (a, b).
    pub pairs: Vec<Pair>,
}

/// Calls `f(paragraph_index, word_hashes)` for each paragraph of `text`: blocks separated by
/// blank lines (only white space), or single lines when the text has no blank line between
/// two text lines. Words are [`crate::text::words`], hashed by [`word_hash`].
///
/// One pass over the bytes (shingling was a third of dedup's time, most of it here): the
/// words of every line are hashed as they are found (ASCII byte by byte, other characters
/// decoded where met), each line's end and blankness noted, and the paragraphs cut
/// afterwards, once it is known whether the text has blank separators. The same words and
/// hashes as `text.lines()`, `words` and `word_hash` (tested against them).
pub(crate) fn for_each_paragraph(text: &str, scratch: &mut ParagraphScratch, mut f: impl FnMut(usize, &[u64])) {
    let ParagraphScratch { words, lines } = scratch;
    scan_lines(text, words, lines);
    let blocks = {
        // A blank line after a text line and before another (`has_blank_separator`).
        let (mut seen_text, mut seen_blank) = (false, false);
        lines.iter().any(|&(_, blank)| {
            if blank {
                seen_blank = seen_text;
                false
            } else {
                let sep = seen_blank;
                seen_text = true;
                sep
            }
        })
    };
    let (mut para, mut group, mut line_start) = (0usize, 0usize, 0usize);
    for &(end, blank) in lines.iter() {
        if blank || !blocks {
            if line_start > group {
                f(para, &words[group..line_start]);
                para += 1;
            }
            group = line_start;
        }
        line_start = end as usize;
    }
    if words.len() > group {
        f(para, &words[group..]);
    }
}

/// Scratch space of [`for_each_paragraph`]: the word hashes of a text and, per line, the
/// end of its words in them and whether the line is blank.
#[derive(Debug, Default)]
pub(crate) struct ParagraphScratch {
    words: Vec<u64>,
    lines: Vec<(u32, bool)>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[inline]
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// [`word_hash`]'s step for one character of a word (an alphanumeric or a joiner).
#[inline]
fn fold_char(h: u64, c: char) -> u64 {
    if c.is_ascii() {
        (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(FNV_PRIME)
    } else if c == '’' || c == '‘' {
        (h ^ b'\'' as u64).wrapping_mul(FNV_PRIME)
    } else {
        c.to_lowercase().fold(h, |h, l| (h ^ l as u64).wrapping_mul(FNV_PRIME))
    }
}

/// The word hashes of `text` into `words` and, per line (split at `\n`), the end of its
/// words there and whether it is blank (only white space, as `str::trim` reads it).
/// Words never cross a line: `\n` is neither alphanumeric nor a joiner.
/// Per byte, its lowercase when it is an ASCII letter or digit, else 0: one load instead of
/// the range tests, in the loop over the letters of every word of the corpus.
const ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

fn scan_lines(text: &str, words: &mut Vec<u64>, lines: &mut Vec<(u32, bool)>) {
    words.clear();
    lines.clear();
    let b = text.as_bytes();
    let mut i = 0;
    let mut has_text = false;
    while i < b.len() {
        let x = b[i];
        let (c, n) = if x < 0x80 {
            if !x.is_ascii_alphanumeric() {
                if x == b'\n' {
                    lines.push((words.len() as u32, !has_text));
                    has_text = false;
                } else if !matches!(x, b' ' | b'\t' | b'\r' | 0x0b | 0x0c) {
                    has_text = true;
                }
                i += 1;
                continue;
            }
            (x as char, 1)
        } else {
            let (c, n) = char_at(text, i);
            if !c.is_alphanumeric() {
                has_text |= !c.is_whitespace();
                i += n;
                continue;
            }
            (c, n)
        };
        // A word starts at `i` with `c`: alphanumerics, and joiners followed by one.
        has_text = true;
        let mut h = fold_char(FNV_OFFSET, c);
        i += n;
        while i < b.len() {
            let x = b[i];
            let l = ASCII_WORD[x as usize];
            if l != 0 {
                h = (h ^ l as u64).wrapping_mul(FNV_PRIME);
                i += 1;
                continue;
            }
            let (c, n) = if x < 0x80 { (x as char, 1) } else { char_at(text, i) };
            let joined = matches!(c, '\'' | '’' | '-') && i + n < b.len() && alnum(char_at(text, i + n).0);
            if !(joined || (x >= 0x80 && c.is_alphanumeric())) {
                break;
            }
            h = fold_char(h, c);
            i += n;
        }
        words.push(h);
    }
    lines.push((words.len() as u32, !has_text));
}

#[inline]
fn shingle_hash(words: &[u64], seed: u64) -> u64 {
    let mut h = seed;
    for &w in words {
        h = mix(h ^ w);
    }
    h
}

/// Hashed word shingles (`k` words, within paragraphs) of a text, sorted and deduplicated.
/// Paragraphs shorter than `k` words give no shingle.
pub fn shingles(text: &str, k: usize) -> Vec<u64> {
    let k = k.max(1);
    let seed = DedupOptions::default().seed;
    let mut out = Vec::new();
    let mut buf = ParagraphScratch::default();
    for_each_paragraph(text, &mut buf, |_, w| {
        if w.len() >= k {
            out.extend(w.windows(k).map(|s| shingle_hash(s, seed)));
        }
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// MinHash signature with `n` seeded hash functions (kept for callers that want a compact
/// sketch; [`dedup`] itself does not use it).
pub fn signature(sh: &[u64], n: usize) -> Vec<u64> {
    (0..n)
        .map(|i| {
            let seed = mix(i as u64 + 1);
            sh.iter().map(|&h| mix(h ^ seed)).min().unwrap_or(u64::MAX)
        })
        .collect()
}

/// Clusters `n` documents around sources, from stored pairs (cheap: the page's slider calls
/// it on every move). Pairs count when their similarity reaches `threshold` and the one
/// [reads as a copy](Pair::copy) of the other. Documents are taken from the most complete
/// down (each pair says which of its two is the more complete, so any order that respects
/// that is the same order); a document joins the cluster of the best-matching *source*
/// (a document that joined no other) more complete than itself, else it is a source. So a
/// copy joins because it matches the source itself, never through a chain of pairs: two
/// different articles that each share a paragraph with a third stay apart. A source that no
/// document joined, and that reads as the source of a copy in another cluster, joins that
/// cluster (a copy larger than its cluster's source by paragraphs of its own). Each document
/// gets the smallest index of its cluster. O(n + pairs log pairs).
pub fn cluster(n: usize, pairs: &[Pair], threshold: f32) -> Vec<usize> {
    let root = sources(n, pairs, threshold);
    // Ids: the smallest index of each cluster.
    let mut smallest: Vec<usize> = (0..n).collect();
    for (d, &r) in root.iter().enumerate() {
        smallest[r] = smallest[r].min(d);
    }
    root.iter().map(|&r| smallest[r]).collect()
}

/// The source of each document's cluster as [`cluster`] builds it (a source is its own):
/// the document every other member was compared with.
pub fn sources(n: usize, pairs: &[Pair], threshold: f32) -> Vec<usize> {
    // Edges source -> copy, as (source, copy, similarity), grouped by copy.
    let mut edges: Vec<(usize, usize, f32)> = pairs
        .iter()
        .filter(|p| p.similarity >= threshold && p.copy && p.a < n && p.b < n && p.a != p.b)
        .map(|p| {
            let other = if p.source == p.a { p.b } else { p.a };
            (p.source, other, p.similarity)
        })
        .filter(|e| e.0 != e.1)
        .collect();
    edges.sort_unstable_by_key(|e| (e.1, e.0));
    // Kahn's order over the edges (acyclic: they follow the completeness order).
    let mut indegree = vec![0u32; n];
    let mut out_start = vec![0usize; n + 1];
    for e in &edges {
        indegree[e.1] += 1;
        out_start[e.0 + 1] += 1;
    }
    for i in 0..n {
        out_start[i + 1] += out_start[i];
    }
    let mut fill = out_start.clone();
    let mut out = vec![0usize; edges.len()];
    for (k, e) in edges.iter().enumerate() {
        out[fill[e.0]] = k;
        fill[e.0] += 1;
    }
    let mut in_start = vec![0usize; n + 1];
    for e in &edges {
        in_start[e.1 + 1] += 1;
    }
    for i in 0..n {
        in_start[i + 1] += in_start[i];
    }
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&d| indegree[d] == 0).collect();
    let mut root: Vec<usize> = (0..n).collect();
    let mut is_source = vec![true; n];
    while let Some(d) = queue.pop_front() {
        // Edges into d are edges[in_start[d]..in_start[d + 1]] (sorted by copy).
        // The best source more complete than d; failing that, the best close copy (which
        // joined a source of its own): d is a copy of a copy, nearly the same text.
        let mut best: Option<(f32, usize)> = None;
        let mut close: Option<(f32, usize)> = None;
        for e in &edges[in_start[d]..in_start[d + 1]] {
            let slot = if is_source[e.0] {
                &mut best
            } else if e.2 >= ADOPT_MIN {
                &mut close
            } else {
                continue;
            };
            if slot.is_none_or(|(s, m)| e.2 > s || (e.2 == s && e.0 < m)) {
                *slot = Some((e.2, e.0));
            }
        }
        if let Some((_, m)) = best {
            root[d] = m;
            is_source[d] = false;
        } else if let Some((_, m)) = close {
            root[d] = root[m];
            is_source[d] = false;
        }
        for &k in &out[out_start[d]..out_start[d + 1]] {
            let c = edges[k].1;
            indegree[c] -= 1;
            if indegree[c] == 0 {
                queue.push_back(c);
            }
        }
    }
    // A source nobody joined that a copy in another cluster reads as a copy of joins that
    // cluster: it is a copy itself, larger than its cluster's source only by paragraphs of its
    // own (a heavy copy with inserted paragraphs), or it reached the source under the
    // threshold. One step, from the clusters as they are: no chain.
    {
        let mut members = vec![0u32; n];
        for &r in &root {
            members[r] += 1;
        }
        let lonely = |d: usize| root[d] == d && members[d] == 1;
        let mut moves = Vec::new();
        for d in 0..n {
            if !lonely(d) {
                continue;
            }
            let mut best: Option<(f32, usize)> = None;
            for &k in &out[out_start[d]..out_start[d + 1]] {
                let (c, sim) = (edges[k].1, edges[k].2);
                if !lonely(root[c]) && best.is_none_or(|(s, m)| sim > s || (sim == s && c < m)) {
                    best = Some((sim, c));
                }
            }
            if let Some((_, c)) = best {
                moves.push((d, root[c]));
            }
        }
        for (d, r) in moves {
            root[d] = r;
        }
    }
    root
}

/// The connected components of the pairs whose similarity reaches `threshold` (union-find):
/// every chain of pairs is one cluster. Kept for callers that want that reading; [`dedup`]
/// and the page use [`cluster`].
pub fn components(n: usize, pairs: &[Pair], threshold: f32) -> Vec<usize> {
    let mut sets = UnionFind::new(n);
    for p in pairs {
        if p.similarity >= threshold && p.a < n && p.b < n {
            sets.union(p.a as u32, p.b as u32);
        }
    }
    (0..n as u32).map(|i| sets.find(i) as usize).collect()
}

/// Shingles of all documents, flat: document `d` owns `hash[off[d]..off[d + 1]]` (sorted,
/// distinct) and `para` gives each shingle's paragraph.
#[derive(Debug)]
struct Shingles {
    hash: Vec<u32>,
    para: Vec<u16>,
    off: Vec<usize>,
    /// Whole-text key (all word hashes), 0 for a text without words.
    exact: Vec<u64>,
    /// Shingles per paragraph: document `d`'s paragraph `p` has `plen[poff[d] + p]`
    /// (counted once, after furniture is dropped, instead of once per candidate pair).
    plen: Vec<u32>,
    poff: Vec<usize>,
}

impl Shingles {
    fn new() -> Shingles {
        Shingles {
            hash: Vec::new(),
            para: Vec::new(),
            off: vec![0],
            exact: Vec::new(),
            plen: Vec::new(),
            poff: Vec::new(),
        }
    }
}

/// Appends the shingles of `texts` to `c`.
fn shingle_into(c: &mut Shingles, texts: &[&str], k: usize, seed: u64, threads: usize) {
    // Rounds of a few thousand documents per thread, appended in order: the threads' own
    // buffers stay small, so peak memory is the corpus's shingles once, not twice.
    for round in texts.chunks(threads.max(1) * 4096) {
        let parts = par_chunks(round, threads, |chunk| {
            let mut hash = Vec::new();
            let mut para = Vec::new();
            let mut len = Vec::with_capacity(chunk.len());
            let mut exact = Vec::with_capacity(chunk.len());
            let mut buf = ParagraphScratch::default();
            let mut doc = Vec::new();
            for t in chunk {
                exact.push(doc_shingles(t, k, seed, &mut buf, &mut doc));
                hash.extend(doc.iter().map(|&x| (x >> 16) as u32));
                para.extend(doc.iter().map(|&x| x as u16));
                len.push(doc.len());
            }
            (hash, para, len, exact)
        });
        for (hash, para, len, exact) in parts {
            c.hash.extend_from_slice(&hash);
            c.para.extend_from_slice(&para);
            c.exact.extend_from_slice(&exact);
            for l in len {
                c.off.push(c.off[c.off.len() - 1] + l);
            }
        }
    }
}

/// Counts each document's shingles per paragraph (after [`drop_common`]), on `threads`
/// ranges of documents joined in order.
fn paragraph_lengths(c: &mut Shingles, threads: usize) {
    let (off, para) = (&c.off, &c.para);
    let parts = par_parts(doc_ranges(off, threads), |_, (d0, d1)| {
        let (mut plen, mut ends) = (Vec::new(), Vec::with_capacity(d1 - d0));
        for d in d0..d1 {
            let paras = &para[off[d]..off[d + 1]];
            let np = paras.iter().map(|&p| p as usize + 1).max().unwrap_or(0);
            let start = plen.len();
            plen.resize(start + np, 0u32);
            for &p in paras {
                plen[start + p as usize] += 1;
            }
            ends.push(plen.len());
        }
        (plen, ends)
    });
    let n = c.off.len() - 1;
    c.plen = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
    c.poff = Vec::with_capacity(n + 1);
    c.poff.push(0);
    for (plen, ends) in parts {
        let base = c.plen.len();
        c.plen.extend_from_slice(&plen);
        c.poff.extend(ends.iter().map(|e| base + e));
    }
}

/// `threads` contiguous ranges of documents `(first, end)`, covering all, with about equal
/// shares of the shingles (some may be empty).
fn doc_ranges(off: &[usize], threads: usize) -> Vec<(usize, usize)> {
    let n = off.len() - 1;
    let parts = thread_count(threads);
    let total = off[n];
    let bound = |t: usize| if t == parts { n } else { off.partition_point(|&o| o < total / parts * t).min(n) };
    (0..parts).map(|t| (bound(t), bound(t + 1))).collect()
}

/// Threads to use: `threads`, at least 1; always 1 on wasm.
fn thread_count(threads: usize) -> usize {
    if cfg!(target_arch = "wasm32") {
        1
    } else {
        threads.max(1)
    }
}

/// `f(index, part)` for each part, one thread each, results in order; with one part (and
/// always on wasm) on this thread. Parts are disjoint inputs (ranges, `&mut` slices), so
/// results do not depend on the number of threads the caller split the work into.
fn par_parts<P: Send, R: Send>(parts: Vec<P>, f: impl Fn(usize, P) -> R + Sync) -> Vec<R> {
    if parts.len() <= 1 || cfg!(target_arch = "wasm32") {
        return parts.into_iter().enumerate().map(|(i, p)| f(i, p)).collect();
    }
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = parts.into_iter().enumerate().map(|(i, p)| scope.spawn(move || f(i, p))).collect();
        // A panic in a worker is a bug of this module; re-raise it where it belongs.
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// `f` over `threads` contiguous chunks of `items` (one thread each), results in order; on
/// one thread (and always on wasm) `f` runs on the whole slice here.
fn par_chunks<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 || cfg!(target_arch = "wasm32") {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items.chunks(size).map(|chunk| scope.spawn(move || f(chunk))).collect();
        // A panic in a worker is a bug of this module; re-raise it where it belongs.
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// The shingles of one text into `doc`, each packed as `hash << 16 | paragraph` (32-bit
/// hash, first paragraph it occurs in), sorted, one per hash. Returns the text's exact key
/// (all its words in order), 0 for a text without words. `buf` is scratch space.
///
/// Packed in one `u64` so that a plain integer sort orders them (by hash, then paragraph:
/// the first paragraph is kept), cheaper than sorting `(u32, u16)` pairs.
pub(crate) fn doc_shingles(text: &str, k: usize, seed: u64, buf: &mut ParagraphScratch, doc: &mut Vec<u64>) -> u64 {
    let k = k.max(1);
    doc.clear();
    let mut key = 0u64;
    let mut words = 0usize;
    for_each_paragraph(text, buf, |p, w| {
        for &x in w {
            key = mix(key ^ x);
        }
        words += w.len();
        if w.len() >= k {
            let p = p.min(u16::MAX as usize) as u64;
            doc.extend(w.windows(k).map(|s| ((shingle_hash(s, seed) >> 32) << 16) | p));
        }
    });
    doc.sort_unstable();
    doc.dedup_by_key(|x| *x >> 16);
    if words == 0 {
        0
    } else {
        key | 1
    }
}

/// Shingles found in more than this many of `n` documents are furniture (module doc, step 2).
pub fn furniture_df(n: usize) -> usize {
    32.max(n / 200)
}

/// Drops shingles found in more than `max_df` documents, counted in a saturating sketch
/// (one byte per slot, at least one slot per shingle: collisions only ever over-count, and a
/// rare shingle would need to collide with a common one to be dropped).
///
/// The sketch (`slots`, a power of two, at least the number of shingles) is counted in two
/// steps, with the same counts: a coarse sketch of `slots / 16` slots (each the sum of 16
/// slots of the fine one, a few MB that stay in cache), then the fine counts of the slots
/// under a coarse slot over `max_df` only, by sorting their shingles' slots. A shingle whose
/// coarse slot is at most `max_df` is kept without more ado (its fine count can only be
/// lower); the others are dropped when their fine slot is over `max_df`. The one-step sketch
/// was a seventh of `dedup --jsonl`'s time on the 100k wire corpus, a cache and TLB miss per
/// shingle twice (count, then filter) in a table of 64 MB. Then each of `threads` threads
/// compacts its own range of documents in place and the ranges are moved together.
fn drop_common(c: &mut Shingles, max_df: usize, threads: usize) {
    let slots = c.hash.len().max(1024).next_power_of_two();
    let (mask, coarse_mask) = ((slots - 1) as u32, ((slots / 16).max(1024).min(slots) - 1) as u32);
    let max_df = max_df.min(254) as u8;
    // Coarse counts: each thread its share of the shingles into a table of its own, summed
    // (saturating, as one count would be).
    let coarse = {
        let parts = thread_count(threads);
        let hash = &c.hash;
        let size = hash.len().div_ceil(parts).max(1);
        let tables = par_parts(hash.chunks(size).collect(), |_, chunk: &[u32]| {
            let mut count = vec![0u8; coarse_mask as usize + 1];
            for &h in chunk {
                let x = &mut count[(h & coarse_mask) as usize];
                *x = x.saturating_add(1);
            }
            count
        });
        let mut tables = tables.into_iter();
        let mut sum = tables.next().unwrap_or_else(|| vec![0u8; coarse_mask as usize + 1]);
        for t in tables {
            for (x, y) in sum.iter_mut().zip(t) {
                *x = x.saturating_add(y);
            }
        }
        sum
    };
    // Fine slots over `max_df`, sorted.
    let common: Vec<u32> = {
        let mut fine: Vec<u32> =
            c.hash.iter().filter(|&&h| coarse[(h & coarse_mask) as usize] > max_df).map(|&h| h & mask).collect();
        fine.sort_unstable();
        let mut common = Vec::new();
        let mut i = 0;
        while i < fine.len() {
            let j = i + fine[i..].iter().take_while(|&&s| s == fine[i]).count();
            if j - i > max_df as usize {
                common.push(fine[i]);
            }
            i = j;
        }
        common
    };
    let keep = |h: u32| coarse[(h & coarse_mask) as usize] <= max_df || common.binary_search(&(h & mask)).is_err();
    let ranges = doc_ranges(&c.off, threads);
    // Each range's shingles, paragraphs and document ends, as disjoint slices.
    let spans: Vec<(usize, usize)> = ranges.iter().map(|&(d0, d1)| (c.off[d0], c.off[d1] - c.off[d0])).collect();
    let mut parts = Vec::with_capacity(ranges.len());
    {
        let (mut hash, mut para, mut ends) = (&mut c.hash[..], &mut c.para[..], &mut c.off[1..]);
        for (&(d0, d1), &(start, len)) in ranges.iter().zip(&spans) {
            let (h, rest_h) = std::mem::take(&mut hash).split_at_mut(len);
            let (p, rest_p) = std::mem::take(&mut para).split_at_mut(len);
            let (e, rest_e) = std::mem::take(&mut ends).split_at_mut(d1 - d0);
            parts.push((h, p, e, start));
            (hash, para, ends) = (rest_h, rest_p, rest_e);
        }
    }
    let kept = par_parts(parts, |_, (hash, para, ends, start)| {
        let (mut w, mut i) = (0, 0);
        for e in ends.iter_mut() {
            let end = *e - start;
            while i < end {
                if keep(hash[i]) {
                    hash[w] = hash[i];
                    para[w] = para[i];
                    w += 1;
                }
                i += 1;
            }
            *e = w;
        }
        (start, w)
    });
    // Move the ranges together; their document ends become absolute.
    let mut w = 0;
    for (&(d0, d1), &(start, len)) in ranges.iter().zip(&kept) {
        c.hash.copy_within(start..start + len, w);
        c.para.copy_within(start..start + len, w);
        for e in &mut c.off[d0 + 1..d1 + 1] {
            *e += w;
        }
        w += len;
    }
    c.hash.truncate(w);
    c.para.truncate(w);
    c.hash.shrink_to_fit();
    c.para.shrink_to_fit();
}

/// Posting runs up to this length give all their pairs.
pub const RUN_ALL: usize = 24;
/// Longer runs link each document to this many following ones.
pub const RUN_WINDOW: usize = 6;

/// A pair of documents sharing sampled shingles, while candidates are gathered: how many
/// (`shared`), and the one paragraph of each they lie in ([`MANY`] when more than one).
///
/// 16 bytes (the flag shares `shared`'s word), so the millions of links of a large corpus
/// sort with a third less memory traffic than with a field of its own.
#[derive(Clone, Copy)]
struct Link {
    key: u64,
    /// The count, and [`WINDOWED`].
    shared: u32,
    para_a: u16,
    para_b: u16,
}

/// [`Link::shared`]'s flag: some of the shared shingles are in runs longer than
/// [`RUN_ALL`], which link a document to its next few only: the count undercounts, so the
/// pair is verified.
const WINDOWED: u32 = 1 << 31;

/// [`Link`]'s paragraph when the shared shingles lie in more than one.
const MANY: u16 = u16::MAX;

/// A pair whose shared sampled shingles all lie in one paragraph of one of them, both having
/// sampled shingles in two paragraphs or more, is not verified when its estimated Jaccard
/// (on the sampled shingles) is under this: it shares one passage (wire copy, a quoted
/// paragraph), so verification would demote it to half its Jaccard, under the page's lowest
/// threshold (0.2); see the module documentation, step 3.
pub const ONE_PASSAGE_JACCARD: f32 = 0.3;

/// Candidate pairs `(a << 32) | b`, a < b, sorted: documents sharing at least `min_shared`
/// sampled shingles, plus exact copies (star-linked to the first copy).
///
/// Shingles of one passage share their posting list (the documents that carry the passage),
/// so runs with equal lists are taken once, with their count: the pairs of a paragraph found
/// in 12 documents are listed once, not once per shingle. Counts are as if every run gave its
/// pairs, so the candidates are the same; only the pairs [`ONE_PASSAGE_JACCARD`] describes
/// are left out.
fn candidates(c: &Shingles, opts: &DedupOptions, max_df: usize) -> Vec<u64> {
    let n = c.off.len() - 1;
    let sample = opts.sample.max(1);
    // A power-of-two sample (the default, 4) is a mask: `%` by a run-time divisor is a
    // division per shingle.
    let sampled = move |h: u32| if sample.is_power_of_two() { h & (sample - 1) == 0 } else { h.is_multiple_of(sample) };
    // Postings (hash << 32 | doc, paragraph) are sorted by bucket: a first pass counts the
    // sampled shingles of each bucket (the top `BUCKET_BITS` bits of the hash), a second
    // writes each posting to its bucket in document order, then each bucket (about a hundred
    // postings on the 100k wire corpus) is sorted on its own. One sort of the 6.5M postings
    // of that corpus was 0.24 s of cache misses; this is a third of it, and the buckets are
    // shared out to the threads. (hash, doc) is distinct, so the order is that of one sort.
    const BUCKET_BITS: u32 = 10;
    let bucket = |h: u32| (h >> (32 - BUCKET_BITS)) as usize;
    // Per document its sampled shingles and how many paragraphs they lie in; per range of
    // documents the sampled shingles of each bucket.
    // (Paragraphs are told apart by marking them with the document's number, not by sorting
    // them.)
    let per_range = par_parts(doc_ranges(&c.off, opts.threads), |_, (d0, d1)| {
        let mut mark: Vec<u32> = Vec::new();
        let mut hist = vec![0u32; 1 << BUCKET_BITS];
        let keyed: Vec<(u32, u16)> = (d0..d1)
            .map(|d| {
                let (mut count, mut paras) = (0u32, 0usize);
                for i in c.off[d]..c.off[d + 1] {
                    let h = c.hash[i];
                    if sampled(h) {
                        count += 1;
                        hist[bucket(h)] += 1;
                        let p = c.para[i] as usize;
                        if p >= mark.len() {
                            mark.resize(p + 1, u32::MAX);
                        }
                        paras += usize::from(mark[p] != d as u32);
                        mark[p] = d as u32;
                    }
                }
                (count, paras.min(MANY as usize) as u16)
            })
            .collect();
        (keyed, hist)
    });
    // Where each bucket starts in `post`.
    let mut starts = vec![0usize; (1 << BUCKET_BITS) + 1];
    for (_, hist) in &per_range {
        for (b, &k) in hist.iter().enumerate() {
            starts[b + 1] += k as usize;
        }
    }
    for b in 0..1 << BUCKET_BITS {
        starts[b + 1] += starts[b];
    }
    let keyed: Vec<(u32, u16)> = per_range.into_iter().flat_map(|(k, _)| k).collect();
    let mut post: Vec<(u64, u16)> = vec![(0, 0); starts[1 << BUCKET_BITS]];
    let mut runs = {
        // Each thread fills and sorts a range of buckets (a contiguous part of `post`),
        // reading every document for the shingles that fall in it, and finds the runs there
        // (a run is one hash, so it never crosses a bucket).
        let parts = thread_count(opts.threads);
        let mut slices = Vec::with_capacity(parts);
        let mut rest = &mut post[..];
        for t in 0..parts {
            let (b0, b1) = ((1 << BUCKET_BITS) * t / parts, (1 << BUCKET_BITS) * (t + 1) / parts);
            let (mine, more) = std::mem::take(&mut rest).split_at_mut(starts[b1] - starts[b0]);
            slices.push((b0, b1, mine));
            rest = more;
        }
        let starts = &starts;
        par_parts(slices, |_, (b0, b1, post): (usize, usize, &mut [(u64, u16)])| {
            let base = starts[b0];
            let mut fill: Vec<usize> = starts[b0..b1].iter().map(|s| s - base).collect();
            for d in 0..n {
                for i in c.off[d]..c.off[d + 1] {
                    let h = c.hash[i];
                    let b = bucket(h);
                    if sampled(h) && (b0..b1).contains(&b) {
                        let f = &mut fill[b - b0];
                        post[*f] = ((u64::from(h) << 32) | d as u64, c.para[i]);
                        *f += 1;
                    }
                }
            }
            for b in b0..b1 {
                post[starts[b] - base..starts[b + 1] - base].sort_unstable_by_key(|p| p.0);
            }
            // Runs (one shingle's documents) worth pairing, with a fingerprint of their list.
            let mut runs: Vec<(u64, u32, u32)> = Vec::new();
            let mut i = 0;
            while i < post.len() {
                let h = post[i].0 >> 32;
                let mut j = i + 1;
                while j < post.len() && post[j].0 >> 32 == h {
                    j += 1;
                }
                if j - i >= 2 && j - i <= max_df.max(2) {
                    let fp = post[i..j].iter().fold(0x51_7cc1_b727_220a, |fp, p| mix(fp ^ (p.0 & 0xffff_ffff)));
                    runs.push((fp, (base + i) as u32, (base + j) as u32));
                }
                i = j;
            }
            runs
        })
        .concat()
    };
    runs.sort_unstable();
    let docs = |r: (u64, u32, u32)| post[r.1 as usize..r.2 as usize].iter().map(|p| p.0 & 0xffff_ffff);
    // Groups: runs with the same list of documents, as (the first run's postings, how many
    // runs, where the paragraphs of its documents start in `paras`: one per document, MANY
    // when the runs lie in more than one).
    let mut groups: Vec<(u32, u32, u32, u32)> = Vec::new();
    let mut paras: Vec<u16> = Vec::new();
    let mut g = 0;
    while g < runs.len() {
        let first = runs[g];
        let start = paras.len();
        paras.extend(post[first.1 as usize..first.2 as usize].iter().map(|p| p.1));
        let mut e = g + 1;
        while e < runs.len() && runs[e].0 == first.0 && docs(runs[e]).eq(docs(first)) {
            for (q, p) in paras[start..].iter_mut().zip(&post[runs[e].1 as usize..runs[e].2 as usize]) {
                if *q != p.1 {
                    *q = MANY;
                }
            }
            e += 1;
        }
        groups.push((first.1, first.2, (e - g) as u32, start as u32));
        g = e;
    }
    drop(runs);
    // The links of each group, each thread taking the pairs whose first document is in its
    // range of documents: their candidates, sorted on their own, join in order.
    let ranges: Vec<(usize, usize)> = {
        let parts = thread_count(opts.threads);
        (0..parts).map(|t| (n * t / parts, n * (t + 1) / parts)).collect()
    };
    let mut out: Vec<u64> = par_parts(ranges, |_, (d0, d1)| {
        let mut links: Vec<Link> = Vec::new();
        for &(from, to, count, start) in &groups {
            let list = &post[from as usize..to as usize];
            let para = &paras[start as usize..start as usize + list.len()];
            // Short runs give all their pairs; a long run (a shingle in many documents, up
            // to `max_df`) links each document only to its next few, so the cost stays
            // linear while a large cluster of copies still chains together through
            // verified pairs.
            let windowed = list.len() > RUN_ALL;
            let window = if windowed { RUN_WINDOW + 1 } else { list.len() };
            let shared = count | if windowed { WINDOWED } else { 0 };
            let doc = |x: usize| list[x].0 & 0xffff_ffff;
            let first = list.partition_point(|p| (p.0 & 0xffff_ffff) < d0 as u64);
            let end = list.partition_point(|p| (p.0 & 0xffff_ffff) < d1 as u64);
            for x in first..end {
                let a = doc(x);
                for y in x + 1..list.len().min(x + window) {
                    links.push(Link { key: (a << 32) | doc(y), shared, para_a: para[x], para_b: para[y] });
                }
            }
        }
        links.sort_unstable_by_key(|l| l.key);
        let mut out = Vec::new();
        let mut i = 0;
        while i < links.len() {
            let mut l = links[i];
            let mut j = i + 1;
            while j < links.len() && links[j].key == l.key {
                let m = links[j];
                l.shared = ((l.shared & !WINDOWED) + (m.shared & !WINDOWED)) | ((l.shared | m.shared) & WINDOWED);
                if m.para_a != l.para_a {
                    l.para_a = MANY;
                }
                if m.para_b != l.para_b {
                    l.para_b = MANY;
                }
                j += 1;
            }
            i = j;
            let (shared, windowed) = (l.shared & !WINDOWED, l.shared & WINDOWED != 0);
            if (shared as usize) < opts.min_shared.max(1) {
                continue;
            }
            let (a, b) = ((l.key >> 32) as usize, (l.key & 0xffff_ffff) as usize);
            let one_passage = !windowed && (l.para_a != MANY || l.para_b != MANY) && keyed[a].1 >= 2 && keyed[b].1 >= 2;
            let union = (keyed[a].0 + keyed[b].0).saturating_sub(shared).max(1);
            if one_passage && (shared as f32) < ONE_PASSAGE_JACCARD * union as f32 {
                continue;
            }
            out.push(l.key);
        }
        out
    })
    .concat();
    drop(groups);
    drop(paras);
    drop(post);
    // Exact copies (same words in the same order), including texts too short to shingle.
    let mut ex: Vec<(u64, usize)> = (0..n).filter(|&d| c.exact[d] != 0).map(|d| (c.exact[d], d)).collect();
    ex.sort_unstable();
    let mut i = 0;
    while i < ex.len() {
        let mut j = i + 1;
        while j < ex.len() && ex[j].0 == ex[i].0 {
            out.push(((ex[i].1 as u64) << 32) | ex[j].1 as u64);
            j += 1;
        }
        i = j;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Scratch space for verification: per-paragraph shingle and match counts.
#[derive(Default)]
pub(crate) struct Scratch {
    hit_a: Vec<u32>,
    hit_b: Vec<u32>,
}

fn paragraph_stats(paras: &[u16], len: &mut Vec<u32>, hit: &mut Vec<u32>) {
    let np = paras.iter().map(|&p| p as usize + 1).max().unwrap_or(0);
    len.clear();
    len.resize(np, 0);
    hit.clear();
    hit.resize(np, 0);
    for &p in paras {
        len[p as usize] += 1;
    }
}

/// (substantial paragraphs, of which at least half found in the other document).
fn matched(len: &[u32], hit: &[u32]) -> (usize, usize) {
    let mut total = 0;
    let mut m = 0;
    for (&l, &h) in len.iter().zip(hit) {
        if l >= 2 {
            total += 1;
            if 2 * h >= l {
                m += 1;
            }
        }
    }
    (total, m)
}

fn verify(c: &Shingles, a: usize, b: usize, s: &mut Scratch) -> Pair {
    let (ha, pa) = (&c.hash[c.off[a]..c.off[a + 1]], &c.para[c.off[a]..c.off[a + 1]]);
    let (hb, pb) = (&c.hash[c.off[b]..c.off[b + 1]], &c.para[c.off[b]..c.off[b + 1]]);
    let (la, lb) = (&c.plen[c.poff[a]..c.poff[a + 1]], &c.plen[c.poff[b]..c.poff[b + 1]]);
    let m = compare_counted((ha, pa, c.exact[a], la), (hb, pb, c.exact[b], lb), s);
    let source = if m.b_larger { b } else { a };
    Pair { a, b, jaccard: m.jaccard, containment: m.containment, similarity: m.similarity, source, copy: m.copy }
}

/// What verification finds about two documents (see [`Pair`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Compared {
    pub jaccard: f32,
    pub containment: f32,
    pub similarity: f32,
    /// The second document has more shingles (it is the more complete, the source).
    pub b_larger: bool,
    /// One reads as a copy of the other ([`Pair::copy`]).
    pub copy: bool,
}

/// Compares two documents given as (sorted distinct shingle hashes, their paragraphs, exact
/// key); see the module documentation, step 4.
pub(crate) fn compare(a: (&[u32], &[u16], u64), b: (&[u32], &[u16], u64), s: &mut Scratch) -> Compared {
    let (mut len_a, mut len_b) = (Vec::new(), Vec::new());
    paragraph_stats(a.1, &mut len_a, &mut s.hit_a);
    paragraph_stats(b.1, &mut len_b, &mut s.hit_b);
    compare_counted((a.0, a.1, a.2, &len_a), (b.0, b.1, b.2, &len_b), s)
}

/// [`compare`] given each document's shingles per paragraph as well.
fn compare_counted(a: (&[u32], &[u16], u64, &[u32]), b: (&[u32], &[u16], u64, &[u32]), s: &mut Scratch) -> Compared {
    let ((ha, pa, exact_a, len_a), (hb, pb, exact_b, len_b)) = (a, b);
    if exact_a != 0 && exact_a == exact_b {
        return Compared { jaccard: 1.0, containment: 1.0, similarity: 1.0, b_larger: false, copy: true };
    }
    s.hit_a.clear();
    s.hit_a.resize(len_a.len(), 0);
    s.hit_b.clear();
    s.hit_b.resize(len_b.len(), 0);
    // Branch-free merge of the two sorted sets: on shingles shared by chance the branches of
    // a three-way compare are unpredictable, and verification was most of dedup's time on
    // wire copy (every hit slot is written, with 0 or 1).
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    let (hit_a, hit_b) = (&mut s.hit_a[..], &mut s.hit_b[..]);
    while i < ha.len() && j < hb.len() {
        let (x, y) = (ha[i], hb[j]);
        let eq = u32::from(x == y);
        if let (Some(h), Some(g)) = (hit_a.get_mut(pa[i] as usize), hit_b.get_mut(pb[j] as usize)) {
            *h += eq;
            *g += eq;
        }
        inter += eq as usize;
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    let (la, lb, x) = (ha.len() as f32, hb.len() as f32, inter as f32);
    let jaccard = if inter == 0 { 0.0 } else { x / (la + lb - x) };
    let containment = if inter == 0 { 0.0 } else { x / la.min(lb) };
    let (ta, ma) = matched(len_a, &s.hit_a);
    let (tb, mb) = matched(len_b, &s.hit_b);
    // Paragraph evidence: at least min(2, paragraphs) paragraphs half found on both sides;
    // or, for a copy cut inside its source's second paragraph (lead + part of the next, so
    // only one paragraph of the source is half found), every paragraph of the smaller one
    // (two or more) half found in the other.
    let need = 2.min(ta).min(tb).max(1);
    let (small, large) = if ha.len() <= hb.len() { ((ta, ma), mb) } else { ((tb, mb), ma) };
    let evidence = ma.min(mb) >= need || (small.0 >= 2 && small.1 == small.0 && large >= 1);
    let similarity = if evidence || jaccard >= 0.8 { containment } else { 0.5 * containment.min(jaccard) };
    let copy = inter > 0
        && (reads_as_copy(len_a, &s.hit_a, x / lb.max(1.0)) || reads_as_copy(len_b, &s.hit_b, x / la.max(1.0)));
    Compared { jaccard, containment, similarity, b_larger: hb.len() > ha.len(), copy }
}

/// The copy test of [`Pair::copy`] with the source's per-paragraph shingle counts and hits
/// and the share of the copy found in the source.
fn reads_as_copy(len: &[u32], hit: &[u32], cover: f32) -> bool {
    let matched = |p: usize| len[p] > 0 && 2 * hit[p] >= len[p];
    let (Some(first), Some(last)) = ((0..len.len()).find(|&p| matched(p)), (0..len.len()).rfind(|&p| matched(p)))
    else {
        return false;
    };
    let total: u32 = len.iter().sum();
    let before: u32 = len[..first].iter().sum();
    let run: u32 = len[first..=last].iter().sum();
    let found: u32 = hit[first..=last].iter().sum();
    (before as f32) <= COPY_START * total as f32 && found as f32 >= COPY_DENSITY * run as f32 && cover >= COPY_COVER
}

/// Finds duplicate clusters among `texts`.
pub fn dedup(texts: &[&str], opts: &DedupOptions) -> Dedup {
    let mut input = DedupInput::new(opts);
    input.add(texts);
    input.finish()
}

/// [`dedup`] fed batch by batch: each batch is shingled when added, so a caller reading a
/// large corpus (the CLI's `dedup --jsonl`) need not hold its texts, only what dedup keeps
/// of them (on the 100k wire-copy corpus: 214 MB of text the CLI no longer holds).
#[derive(Debug)]
pub struct DedupInput {
    opts: DedupOptions,
    c: Shingles,
}

impl DedupInput {
    /// An empty corpus.
    pub fn new(opts: &DedupOptions) -> DedupInput {
        DedupInput { opts: *opts, c: Shingles::new() }
    }

    /// Adds documents (numbered on from those already added).
    pub fn add(&mut self, texts: &[&str]) {
        let o = &self.opts;
        shingle_into(&mut self.c, texts, o.shingle, o.seed, o.threads);
    }

    /// Documents added so far.
    pub fn len(&self) -> usize {
        self.c.off.len() - 1
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Clusters and pairs of the documents added, as [`dedup`] gives them.
    pub fn finish(self) -> Dedup {
        finish(self.c, &self.opts)
    }
}

fn finish(mut c: Shingles, opts: &DedupOptions) -> Dedup {
    let n = c.off.len() - 1;
    let max_df = furniture_df(n);
    drop_common(&mut c, max_df, opts.threads);
    paragraph_lengths(&mut c, opts.threads);
    let cand = candidates(&c, opts, max_df);
    let keep = opts.keep.min(opts.threshold);
    let pairs: Vec<Pair> = par_chunks(&cand, opts.threads, |chunk| {
        let mut s = Scratch::default();
        chunk
            .iter()
            .map(|&k| verify(&c, (k >> 32) as usize, (k & 0xffff_ffff) as usize, &mut s))
            .filter(|p| p.similarity >= keep)
            .collect::<Vec<Pair>>()
    })
    .concat();
    let cluster = cluster(n, &pairs, opts.threshold);
    Dedup { cluster, pairs }
}

/// Related articles (the same story told differently, not copies): pairs `(a, b, score)`,
/// a < b, whose IDF-weighted word overlap reaches [`RELATED_MIN`] and which [`dedup`] does
/// not put in one cluster.
///
/// Terms are distinct lowercased words of at least three letters (numbers skipped) minus a
/// few function words; a term's weight is `ln((max(n, 100) + 1) / df)`, so words every document uses
/// count for little and rare names count most. The score is the cosine of the weighted term
/// sets: shared weight / sqrt(weight a × weight b). Terms in more than `max(16, n / 50)`
/// documents are not indexed, which keeps the pair enumeration small on large corpora.
pub fn related(texts: &[&str]) -> Vec<(usize, usize, f32)> {
    related_excluding(texts, &dedup(texts, &DedupOptions::default()).cluster)
}

/// [`related`] for a caller that already has the duplicate clusters (`cluster[i]` per
/// document), so dedup is not run twice.
pub fn related_excluding(texts: &[&str], dups: &[usize]) -> Vec<(usize, usize, f32)> {
    let n = texts.len();
    let stop: Vec<u64> = STOP.iter().map(|w| word_hash(w)).collect();
    let mut terms: Vec<Vec<u64>> = Vec::with_capacity(n);
    for t in texts {
        let mut v: Vec<u64> = crate::text::words(t)
            .map(|(s, e)| &t[s..e])
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .map(word_hash)
            .filter(|h| !stop.contains(h))
            .collect();
        v.sort_unstable();
        v.dedup();
        terms.push(v);
    }
    let mut post: Vec<(u64, u32)> =
        terms.iter().enumerate().flat_map(|(d, v)| v.iter().map(move |&h| (h, d as u32))).collect();
    post.sort_unstable();
    let max_df = 16.max(n / 50);
    let mut weight_of: Vec<(u64, f32)> = Vec::new();
    let mut shared: Vec<(u64, f32)> = Vec::new();
    let mut i = 0;
    while i < post.len() {
        let mut j = i + 1;
        while j < post.len() && post[j].0 == post[i].0 {
            j += 1;
        }
        let w = ((n.max(BACKGROUND) + 1) as f32 / (j - i) as f32).ln();
        weight_of.push((post[i].0, w));
        if j - i >= 2 && j - i <= max_df {
            for x in i..j {
                for y in x + 1..j {
                    shared.push((((post[x].1 as u64) << 32) | post[y].1 as u64, w));
                }
            }
        }
        i = j;
    }
    drop(post);
    let total: Vec<f32> = terms
        .iter()
        .map(|v| v.iter().map(|h| weight_of.binary_search_by_key(h, |x| x.0).map_or(0.0, |k| weight_of[k].1)).sum())
        .collect();
    shared.sort_unstable_by_key(|x| x.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < shared.len() {
        let key = shared[i].0;
        let mut s = 0.0;
        while i < shared.len() && shared[i].0 == key {
            s += shared[i].1;
            i += 1;
        }
        let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        let score = s / (total[a] * total[b]).sqrt().max(f32::MIN_POSITIVE);
        if score >= RELATED_MIN && dups[a] != dups[b] {
            out.push((a, b, score));
        }
    }
    out
}

/// [`related`] weighs terms as if the corpus had at least this many documents, so a small
/// corpus (five articles about one event) still counts the words its articles share.
const BACKGROUND: usize = 100;

/// Minimum [`related`] score.
pub const RELATED_MIN: f32 = 0.12;

/// Function words ignored by [`related`].
const STOP: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "not", "but", "this", "from",
    "they", "will", "would", "been", "which", "their", "said", "its", "his", "her", "who", "what", "when", "also",
    "more", "than", "there", "about", "after", "into", "over", "can", "could", "our", "you", "your", "all", "one",
    "out", "new", "other", "some", "such", "only",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `for_each_paragraph` as it was written before its one-pass scan: `text.lines()`,
    /// `words` and `word_hash`.
    fn paragraphs_reference(text: &str) -> Vec<(usize, Vec<u64>)> {
        let has_blank_separator = {
            let (mut seen_text, mut seen_blank, mut found) = (false, false, false);
            for line in text.lines() {
                if line.trim().is_empty() {
                    seen_blank = seen_text;
                } else {
                    found |= seen_blank;
                    seen_text = true;
                }
            }
            found
        };
        let (mut out, mut buf, mut para) = (Vec::new(), Vec::new(), 0);
        for line in text.lines() {
            let blank = line.trim().is_empty();
            if blank || !has_blank_separator {
                if !buf.is_empty() {
                    out.push((para, std::mem::take(&mut buf)));
                    para += 1;
                }
                if blank {
                    continue;
                }
            }
            buf.extend(crate::text::words(line).map(|(s, e)| word_hash(&line[s..e])));
        }
        if !buf.is_empty() {
            out.push((para, buf));
        }
        out
    }

    #[test]
    fn one_pass_paragraphs_equal_lines_words_and_word_hash() {
        // Pieces that exercise blank lines (ASCII and Unicode white space, CR LF), joiners
        // at line ends, curly apostrophes, non-ASCII letters and case, digits, symbols.
        let pieces = [
            "Putin’s",
            "G-20",
            "don't",
            "x-",
            "-y",
            "’’",
            "a--b",
            "ÉTÉ",
            "İstanbul",
            "ß",
            "Ǆ",
            "😀ab",
            "c’",
            "Ünïcode’s",
            "1,000",
            "U.S.",
            "--",
            "'",
            "’",
            "‘q’",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n",
            "\r\n",
            "\r\n\r\n",
            "\u{a0}",
            "\u{3000}",
            "\u{2028}",
            "\u{85}",
            "\n \u{a0}\n",
            "\x0b",
            "\x0c",
            "word",
            "Another",
            "x",
            "é",
            "\u{301}",
            "٣",
            "日本語",
            "-\n",
            "'\n",
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut scratch = ParagraphScratch::default();
        for _ in 0..20_000 {
            let mut text = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for _ in 0..x % 24 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push_str(pieces[(x % pieces.len() as u64) as usize]);
                if x.is_multiple_of(3) {
                    text.push(' ');
                }
            }
            let mut got = Vec::new();
            for_each_paragraph(&text, &mut scratch, |p, w| got.push((p, w.to_vec())));
            assert_eq!(got, paragraphs_reference(&text), "{text:?}");
        }
    }

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

    /// A paragraph of `words` made-up words (distinct per `seed`).
    fn paragraph(seed: u64, words: usize) -> String {
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..words)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("w{}", x % 100_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Wire copy: stories with leads of their own share body paragraphs (each pool
    /// paragraph in several stories), plus a copy cut inside its source's second paragraph.
    fn wire() -> Vec<String> {
        let pool: Vec<String> = (0..6).map(|i| paragraph(100 + i, 50)).collect();
        let mut docs: Vec<String> = (0..12u64)
            .map(|i| {
                // Pool paragraphs {k, k+1} for the first six, {k, k+2} for the others: no
                // two stories share two, each pool paragraph is in four.
                let k = i % 6;
                let body = [&pool[k as usize], &pool[((k + 1 + i / 6) % 6) as usize]];
                format!("{}\n\n{}\n\n{}", paragraph(i, 40), body[0], paragraph(200 + i, 45))
                    + &format!("\n\n{}", body[1])
            })
            .collect();
        let cut: String = {
            let d = &docs[3];
            let second = d.find("\n\n").unwrap_or(0) + 2;
            d[..second + (d.len() - second) / 6].to_string()
        };
        docs.push(cut);
        docs
    }

    #[test]
    fn shared_paragraphs_link_no_stories_and_a_cut_copy_joins_its_source() {
        let docs = wire();
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let d = dedup(&refs, &DedupOptions::default());
        let mut want: Vec<usize> = (0..12).collect();
        want.push(3);
        assert_eq!(d.cluster, want);
        assert!(d.pairs.iter().all(|p| p.b == 12), "{:?}", d.pairs);
        // Stories sharing one pool paragraph are not even verified (one passage, low
        // estimated Jaccard): the only candidate is the copy with its source.
        let opts = DedupOptions::default();
        let mut input = DedupInput::new(&opts);
        input.add(&refs);
        let mut c = input.c;
        let max_df = furniture_df(refs.len());
        drop_common(&mut c, max_df, opts.threads);
        let cand = candidates(&c, &opts, max_df);
        assert_eq!(cand, [(3 << 32) | 12]);
    }

    #[test]
    fn batches_and_threads_give_the_same_answer() {
        let docs = wire();
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let one = dedup(&refs, &DedupOptions::default());
        let mut input = DedupInput::new(&DedupOptions { threads: 3, ..DedupOptions::default() });
        for batch in refs.chunks(5) {
            input.add(batch);
        }
        assert_eq!(input.len(), refs.len());
        let many = input.finish();
        assert_eq!((one.cluster, one.pairs), (many.cluster, many.pairs));
    }
}
