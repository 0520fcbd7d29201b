//! Diff: what changed between a source text `a` and a copy `b`, sentence by sentence.
//!
//! The user compares *stories*, not files: a copy re-wrapped, re-typeset (curly or straight
//! quotes, dashes, "…", soft hyphens, no-break spaces) or wrapped in another site's chrome
//! is the same story. So the unit is the sentence, and the answer is a list of [`Op`]s that
//! tile both texts in order: sentences kept, deleted, inserted, edited (`Replace`: one
//! sentence and its counterpart, or 2:1 / 1:2 where sentences were merged or split),
//! paragraphs moved, and `Skip` for chrome and blank text that is not a change.
//!
//! How it works (linear-ish in the text length; no step is quadratic in the whole text):
//!
//! 1. **Sentences** (`sentences.rs`): paragraphs are blocks between blank lines; sentences
//!    end at `.!?…` before a capital or digit, with an abbreviation list. Each sentence gets a
//!    key (hash of its NFC text with typography folded and whitespace collapsed: equal keys
//!    = same sentence) and its sorted word hashes (for similarity).
//! 2. **Anchors** (patience diff): sentences whose key occurs exactly once in each side's
//!    range are paired, the longest increasing run of those pairs (LIS, O(k log k)) is kept
//!    as anchors, common prefixes and suffixes are taken, and the gaps between anchors are
//!    aligned again the same way (depth-bounded), where sentences unique only inside the gap
//!    become anchors. The LIS keeps the larger side of a move, so the moved paragraph is the
//!    smaller one.
//! 3. **Gaps** (bounded DP): what is left between anchors is small in real copies (an edited
//!    sentence, a dropped paragraph, inserted chrome). It is aligned by a dynamic programme
//!    over the gap only (at most [`MAX_CELLS`] cells, else everything in it is deleted and
//!    inserted): equal = 0, delete / insert = 1 per sentence, replace 1:1 = 2(1 - sim) when
//!    the word similarity (Dice over word multisets, case folded) reaches [`EDIT_MIN`],
//!    merge 2:1 / split 1:2 = 3(1 - sim) when each of the two sentences is mostly found in
//!    the one. A merge ("X, and y") thus wins over "X edited + Y deleted", which is what a
//!    line diff reports.
//! 4. **Chrome**: either copy may carry its own site's furniture. Each text is cleaned with
//!    [`crate::clean`] (the same judgement the page shows); a sentence at least half inside
//!    a line the cleaner removes is chrome. Chrome takes part in matching (shared chrome is
//!    simply equal) but never in an edit; an unmatched chrome sentence becomes `Skip`, not a
//!    delete or insert. Cleaning only ever answers "is this line furniture", and only for
//!    sentences that did not match: a story sentence the cleaner misjudges is still equal
//!    when both copies hold it. (Measured on diff-dev: this is what brings chrome pairs to
//!    no false change; comparing the cleaned texts instead loses story sentences that the
//!    cleaner drops in one copy only.)
//! 5. **Moves**: an unmatched sentence of `a` whose key is unmatched exactly once in `b`
//!    (and only once in `a`) moved; runs of them become one `Move` op (a paragraph).
//!
//! Decisions, measured on diff-dev (600 pairs, `score-diff.py`; final: deleted / inserted /
//! edited F1 0.967 / 0.970 / 0.997, 0.13% false changes, 0.14 s/MB):
//!
//! - The cleaner judges lines, and a re-wrapped copy is a column of short lines: its prose
//!   was taken for chrome (inserted F1 0.90) until wrapped lines were joined for it
//!   (`unwrap`: same length, so offsets hold).
//! - The cleaner keeps furniture it finds between story paragraphs ("Share this article",
//!   a list of headlines): `furniture` catches sentences without a sentence ending whose
//!   lines are short (inserted precision 0.90 -> 0.97). Inside a run of unmatched story (a
//!   cut tail with its subheadings) such lines are story again (`rescue`): deleted recall
//!   0.91 -> 0.94. What is left: a cut tail the cleaner takes for a footer ("Originally
//!   published on ...") and a site's full-sentence prompts it does not know.
//! - Chrome may pair in an edit only closely, and two chrome lines only with as many words
//!   and not the same words (OCR noise in a tweet's date line is an edit; "Contact Us" /
//!   "Contact us" from two sites is not).
//! - Not kept: taking the cleaner's lines in the source's cut tail for story (a copy cut
//!   short loses the story's last lines, which the cleaner may call a footer). Deleted F1
//!   0.967 -> 0.974 on diff-dev, but on a real page (a seed with a "You May Also Like" list
//!   of teaser sentences after the story) every teaser became a cut sentence.
//! - A moved sentence that was also edited is a delete and an insert (the contract counts a
//!   moved paragraph so anyway).
//! - Comparing the cleaned texts instead was not kept: the cleaner drops story lines in one
//!   copy and not the other, and every such line became a change.
//!
//! Offsets are bytes; [`Op`] spans tile each text (each byte in exactly one op's span on
//! that side; ops are in `b` order, and in `a` order too apart from moves). Word-level
//! changes inside an edit are computed on demand by [`word_changes`] (a bounded LCS over the
//! words of the two sentences). Everything is deterministic: hashes are unseeded FNV, ties in
//! the DP are broken by a fixed order.

mod sentences;

use serde::Serialize;
use std::collections::HashMap;

/// What happened to a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    /// The same sentences (up to whitespace and typography).
    Equal,
    /// Sentences of `a` missing from `b` (the `b` span is empty).
    Delete,
    /// Sentences of `b` not in `a` (the `a` span is empty).
    Insert,
    /// An edited sentence: one of `a` and its counterpart in `b`, or 2:1 / 1:2 where
    /// sentences were merged or split.
    Replace,
    /// A paragraph (run of sentences) found elsewhere in the other text.
    Move,
    /// Not a change: chrome (site furniture around the story) or blank text.
    Skip,
}

/// One op: byte spans `a.0..a.1` of the source and `b.0..b.1` of the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Op {
    /// What happened.
    pub kind: OpKind,
    /// Byte span in `a` (empty for an insert, or a skip of `b` text).
    pub a: (usize, usize),
    /// Byte span in `b` (empty for a delete, or a skip of `a` text).
    pub b: (usize, usize),
}

/// A sentence-level diff of two texts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Ops tiling both texts, in `b` order.
    pub ops: Vec<Op>,
    /// What changed, counted (its `Display` is the one-line summary).
    pub summary: Summary,
}

/// Counts of what changed in a copy, in story paragraphs and sentences (chrome not counted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The copy ends early: every story sentence after this paragraph (1-based) of the
    /// source is missing.
    pub cut_after: Option<usize>,
    /// Whole paragraphs of the source missing elsewhere.
    pub paragraphs_deleted: usize,
    /// Other sentences missing.
    pub sentences_deleted: usize,
    /// Whole paragraphs added in the copy.
    pub paragraphs_inserted: usize,
    /// Other sentences added.
    pub sentences_inserted: usize,
    /// Edited sentences (one per replace op: 1:1, merge or split).
    pub edited: usize,
    /// Moved paragraphs (runs of sentences).
    pub moved: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        let n = |k: usize, one: &str, many: &str, what: &str| format!("{k} {} {what}", if k == 1 { one } else { many });
        if let Some(p) = self.cut_after {
            parts.push(format!("cut after paragraph {p}"));
        }
        if self.paragraphs_deleted > 0 {
            parts.push(n(self.paragraphs_deleted, "paragraph", "paragraphs", "cut"));
        }
        if self.sentences_deleted > 0 {
            parts.push(n(self.sentences_deleted, "sentence", "sentences", "cut"));
        }
        if self.edited > 0 {
            parts.push(n(self.edited, "sentence", "sentences", "edited"));
        }
        if self.paragraphs_inserted > 0 {
            parts.push(n(self.paragraphs_inserted, "paragraph", "paragraphs", "added"));
        }
        if self.sentences_inserted > 0 {
            parts.push(n(self.sentences_inserted, "sentence", "sentences", "added"));
        }
        if self.moved > 0 {
            parts.push(n(self.moved, "paragraph", "paragraphs", "moved"));
        }
        if parts.is_empty() {
            f.write_str("no change")
        } else {
            f.write_str(&parts.join(" \u{b7} "))
        }
    }
}

/// Deleted (or inserted) sentences counted as whole paragraphs and loose sentences:
/// `gone[i]` for each sentence; chrome ignored. Sentences at `from..` are skipped.
fn count_gone(s: &[Sent], gone: &[bool], upto: usize) -> (usize, usize) {
    let (mut paras, mut sents) = (0, 0);
    let mut i = 0;
    while i < upto {
        let p = s[i].para;
        let mut j = i;
        let (mut story, mut g) = (0, 0);
        while j < upto && s[j].para == p {
            if !s[j].chrome() {
                story += 1;
                g += gone[j] as usize;
            }
            j += 1;
        }
        if story > 0 && g == story {
            paras += 1;
        } else {
            sents += g;
        }
        i = j;
    }
    (paras, sents)
}

/// Cells of one gap's dynamic programme, at most.
pub const MAX_CELLS: usize = 250_000;
/// Word similarity (Dice) from which two sentences count as one edited sentence.
pub const EDIT_MIN: f32 = 0.5;
/// Word similarity from which an edit involving a chrome sentence is one.
const CHROME_EDIT_MIN: f32 = 0.7;
/// Word similarity from which 2 sentences and 1 count as a merge or split.
const MERGE_MIN: f32 = 0.7;
/// Share of each merged sentence's words that must be in the one.
const PART_MIN: f32 = 0.6;
/// Recursion depth of the anchor search.
const MAX_DEPTH: u32 = 12;

#[derive(Debug, Clone)]
struct Sent {
    start: usize,
    para: u32,
    key: u64,
    /// Sorted word hashes (case folded).
    words: Vec<u64>,
    chrome: Chrome,
}

/// Why a sentence is taken for chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chrome {
    No,
    /// In a line the cleaner removes.
    Cleaner,
    /// Reads like furniture ([`furniture`]).
    Furniture,
}

impl Sent {
    fn chrome(&self) -> bool {
        self.chrome != Chrome::No
    }
}

/// Chrome inside a run of unmatched story is story: a sentence that only reads like
/// furniture (a subheading, a list item) in a run that holds prose, and one the cleaner
/// removed when prose of the run lies on both sides of it. A cut or an inserted passage
/// takes its headings with it; a site's furniture sits between kept paragraphs.
fn rescue(s: &mut [Sent], run: &[usize]) {
    let story: Vec<usize> = run.iter().copied().filter(|&i| !s[i].chrome()).collect();
    let (Some(&first), Some(&last)) = (story.first(), story.last()) else { return };
    for &i in run {
        match s[i].chrome {
            Chrome::Furniture => s[i].chrome = Chrome::No,
            Chrome::Cleaner if first < i && i < last => s[i].chrome = Chrome::No,
            _ => {}
        }
    }
}

fn analyse(text: &str) -> Vec<Sent> {
    let spans = sentences::sentences(text);
    if spans.is_empty() {
        return Vec::new();
    }
    let removed = chrome_ranges(text);
    let mut k = 0;
    spans
        .into_iter()
        .map(|(s, e, p)| {
            let t = &text[s..e];
            let mut words: Vec<u64> = crate::text::words(t).map(|(x, y)| crate::hash::word_hash(&t[x..y])).collect();
            words.sort_unstable();
            // Share of the sentence's bytes inside removed ranges (ranges sorted, disjoint).
            while k < removed.len() && removed[k].1 <= s {
                k += 1;
            }
            let mut inside = 0;
            let mut r = k;
            while r < removed.len() && removed[r].0 < e {
                inside += removed[r].1.min(e) - removed[r].0.max(s);
                r += 1;
            }
            let cleaner = 2 * inside >= e - s;
            let chrome = if cleaner {
                Chrome::Cleaner
            } else if furniture(t) {
                Chrome::Furniture
            } else {
                Chrome::No
            };
            Sent { start: s, para: p, key: sentences::key(t), words, chrome }
        })
        .collect()
}

/// A sentence that reads like a menu, a share bar or a headline list and not like prose:
/// it does not end as a sentence does (`.!?…:` or a closing quote) and none of its lines
/// has more than [`FURNITURE_WORDS`] words. The cleaner judges lines by their wording and
/// place in the page; this catches the furniture it keeps between story paragraphs.
fn furniture(sentence: &str) -> bool {
    let t = sentence.trim_end();
    let ends = t.ends_with(['.', '!', '?', ':', '\u{2026}', '"', '\u{201d}', '\'', '\u{2019}', ')', '\u{3002}']);
    !ends && t.lines().all(|l| crate::text::words(l).count() <= FURNITURE_WORDS)
}

/// Words per line, at most, of a sentence that [`furniture`] may call chrome.
const FURNITURE_WORDS: usize = 10;

/// `text` with the line breaks of re-wrapped prose made spaces (same length, same offsets),
/// so the cleaner, which judges lines, sees paragraphs and not a column of short lines. A
/// break is a wrap when the line before it does not end a sentence or a heading (no
/// `.!?:…` or closing quote at its end) and either the next line starts with a lower-case
/// letter or the line before is long (a wrapped line fills its column; a menu item does not).
fn unwrap(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let mut prev: Option<&str> = None;
    let mut off = 0;
    for line in text.split('\n') {
        if let Some(p) = prev {
            let (pt, lt) = (p.trim_end(), line.trim_start());
            let ends = pt.ends_with(['.', '!', '?', ':', ';', '\u{2026}', '"', '\u{201d}', '\'', '\u{2019}', ')', '|']);
            let lower = lt.chars().next().is_some_and(|c| c.is_lowercase());
            if !pt.is_empty() && !lt.is_empty() && !ends && (lower || pt.chars().count() >= WRAP_MIN) {
                out[off - 1] = b' ';
            }
        }
        prev = Some(line);
        off += line.len() + 1;
    }
    String::from_utf8(out).expect("a newline replaced by a space")
}

/// A line at least this long that breaks mid-sentence is taken for wrapped prose.
const WRAP_MIN: usize = 40;

/// Byte ranges of `text` the cleaner removes as lines of chrome, merged and sorted.
fn chrome_ranges(text: &str) -> Vec<(usize, usize)> {
    let cleaned = crate::clean::clean(&unwrap(text));
    let mut v: Vec<(usize, usize)> = cleaned
        .edits
        .iter()
        .zip(&cleaned.applied)
        .filter(|(e, &on)| on && e.rule.kind() == crate::clean::EditKind::Remove && e.end > e.start)
        .map(|(e, _)| (e.start, e.end))
        .collect();
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(l) if s <= l.1 => l.1 = l.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// A sentence found unmatched on both sides may be a move: story sentences, and chrome long
/// enough not to be furniture both sites happen to carry ("Advertisement").
fn movable(s: &Sent) -> bool {
    !s.chrome() || s.words.len() >= MOVE_CHROME_WORDS
}

/// Words a chrome sentence needs to count as moved.
const MOVE_CHROME_WORDS: usize = 6;

/// Alignment of sentence indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
    /// a[a0..a1] edited into b[b0..b1] (1:1, 2:1 or 1:2).
    Replace(usize, usize, usize, usize),
}

/// Multiset overlap of two sorted word lists.
fn overlap(x: &[u64], y: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
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

fn dice(x: &[u64], y: &[u64]) -> f32 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * overlap(x, y) as f32 / (x.len() + y.len()) as f32
}

/// Similarity of two sentences and one (merge or split), or None when it is not one.
fn group_sim(p: &Sent, q: &Sent, one: &Sent) -> Option<f32> {
    if p.para != q.para || p.words.is_empty() || q.words.is_empty() {
        return None;
    }
    let (lp, lq, lo) = (p.words.len(), q.words.len(), one.words.len());
    if 2 * (lp + lq).min(lo) < (MERGE_MIN * (lp + lq + lo) as f32) as usize {
        return None;
    }
    let (op, oq) = (overlap(&p.words, &one.words), overlap(&q.words, &one.words));
    if (op as f32) < PART_MIN * (lp as f32) || (oq as f32) < PART_MIN * (lq as f32) {
        return None;
    }
    let mut both: Vec<u64> = p.words.iter().chain(&q.words).copied().collect();
    both.sort_unstable();
    let s = dice(&both, &one.words);
    (s >= MERGE_MIN).then_some(s)
}

fn edit_sim(p: &Sent, q: &Sent) -> Option<f32> {
    // Chrome may be an edited story line the cleaner misjudged (an edited tweet's date
    // line): it needs a closer match, so that two sites' furniture is rarely paired.
    let min = if p.chrome() || q.chrome() { CHROME_EDIT_MIN } else { EDIT_MIN };
    let (lp, lq) = (p.words.len(), q.words.len());
    if lp == 0 || lq == 0 || ((2 * lp.min(lq)) as f32) < min * (lp + lq) as f32 {
        return None;
    }
    let s = dice(&p.words, &q.words);
    // Two chrome lines are one edited line only as OCR-style noise or word swaps leave it:
    // as many words, not all the same ("By X" / "By X, Staff Writer" and "Contact Us" /
    // "Contact us" are two sites' furniture).
    if p.chrome() && q.chrome() && (lp != lq || s >= 1.0) {
        return None;
    }
    (s >= min).then_some(s)
}

struct Aligner<'a> {
    a: &'a [Sent],
    b: &'a [Sent],
    out: Vec<Piece>,
}

impl Aligner<'_> {
    fn align(&mut self, mut a0: usize, a1: usize, mut b0: usize, b1: usize, depth: u32) {
        while a0 < a1 && b0 < b1 && self.a[a0].key == self.b[b0].key {
            self.out.push(Piece::Equal(a0, b0));
            a0 += 1;
            b0 += 1;
        }
        let mut suffix = 0;
        while a1 - suffix > a0 && b1 - suffix > b0 && self.a[a1 - suffix - 1].key == self.b[b1 - suffix - 1].key {
            suffix += 1;
        }
        let (a1m, b1m) = (a1 - suffix, b1 - suffix);
        if a0 == a1m || b0 == b1m || depth >= MAX_DEPTH {
            self.gap(a0, a1m, b0, b1m);
        } else {
            let anchors = self.anchors(a0, a1m, b0, b1m);
            if anchors.is_empty() {
                self.gap(a0, a1m, b0, b1m);
            } else {
                let (mut i, mut j) = (a0, b0);
                for (x, y) in anchors {
                    self.align(i, x, j, y, depth + 1);
                    self.out.push(Piece::Equal(x, y));
                    i = x + 1;
                    j = y + 1;
                }
                self.align(i, a1m, j, b1m, depth + 1);
            }
        }
        for k in 0..suffix {
            self.out.push(Piece::Equal(a1m + k, b1m + k));
        }
    }

    /// Pairs of sentences unique on both sides of the ranges, longest increasing subset.
    fn anchors(&self, a0: usize, a1: usize, b0: usize, b1: usize) -> Vec<(usize, usize)> {
        // key -> (count in a, position in a, count in b, position in b)
        let mut seen: HashMap<u64, (u32, usize, u32, usize)> = HashMap::with_capacity(a1 - a0);
        for i in a0..a1 {
            let e = seen.entry(self.a[i].key).or_insert((0, i, 0, 0));
            e.0 += 1;
        }
        for j in b0..b1 {
            if let Some(e) = seen.get_mut(&self.b[j].key) {
                e.2 += 1;
                e.3 = j;
            }
        }
        let cand: Vec<(usize, usize)> = (a0..a1)
            .filter_map(|i| seen.get(&self.a[i].key).filter(|e| e.0 == 1 && e.2 == 1).map(|e| (i, e.3)))
            .collect();
        lis(&cand)
    }

    fn gap(&mut self, a0: usize, a1: usize, b0: usize, b1: usize) {
        let (n, m) = (a1 - a0, b1 - b0);
        if n == 0 || m == 0 || (n + 1) * (m + 1) > MAX_CELLS {
            self.out.extend((a0..a1).map(Piece::Delete));
            self.out.extend((b0..b1).map(Piece::Insert));
            return;
        }
        let w = m + 1;
        let mut cost = vec![f32::INFINITY; (n + 1) * w];
        // Back pointers: 0 delete, 1 insert, 2 equal, 3 replace, 4 merge (2:1), 5 split (1:2).
        let mut back = vec![0u8; (n + 1) * w];
        cost[0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = f32::INFINITY;
                let mut how = 0u8;
                let mut try_ = |c: f32, h: u8| {
                    if c < best {
                        best = c;
                        how = h;
                    }
                };
                // Inserts are tried first: on a tie the path back takes the insert, so in text
                // order a gap's deleted sentences come before its inserted ones.
                if j > 0 {
                    try_(cost[i * w + j - 1] + 1.0, 1);
                }
                if i > 0 {
                    try_(cost[(i - 1) * w + j] + 1.0, 0);
                }
                if i > 0 && j > 0 {
                    let (p, q) = (&self.a[a0 + i - 1], &self.b[b0 + j - 1]);
                    let diag = cost[(i - 1) * w + j - 1];
                    if p.key == q.key {
                        try_(diag, 2);
                    } else if let Some(s) = edit_sim(p, q) {
                        try_(diag + 2.0 * (1.0 - s), 3);
                    }
                    if i > 1 {
                        if let Some(s) = group_sim(&self.a[a0 + i - 2], p, q) {
                            try_(cost[(i - 2) * w + j - 1] + 3.0 * (1.0 - s), 4);
                        }
                    }
                    if j > 1 {
                        if let Some(s) = group_sim(&self.b[b0 + j - 2], q, p) {
                            try_(cost[(i - 1) * w + j - 2] + 3.0 * (1.0 - s), 5);
                        }
                    }
                }
                cost[i * w + j] = best;
                back[i * w + j] = how;
            }
        }
        let mut rev = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (ai, bj) = (a0 + i, b0 + j);
            match back[i * w + j] {
                0 => {
                    rev.push(Piece::Delete(ai - 1));
                    i -= 1;
                }
                1 => {
                    rev.push(Piece::Insert(bj - 1));
                    j -= 1;
                }
                2 => {
                    rev.push(Piece::Equal(ai - 1, bj - 1));
                    i -= 1;
                    j -= 1;
                }
                3 => {
                    rev.push(Piece::Replace(ai - 1, ai, bj - 1, bj));
                    i -= 1;
                    j -= 1;
                }
                4 => {
                    rev.push(Piece::Replace(ai - 2, ai, bj - 1, bj));
                    i -= 2;
                    j -= 1;
                }
                _ => {
                    rev.push(Piece::Replace(ai - 1, ai, bj - 2, bj));
                    i -= 1;
                    j -= 2;
                }
            }
        }
        self.out.extend(rev.into_iter().rev());
    }
}

/// Longest subsequence of `pairs` (sorted by the first) increasing in the second.
fn lis(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index into pairs of the smallest tail of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; pairs.len()];
    for (x, &(_, y)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < y);
        if k > 0 {
            prev[x] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(x);
        } else {
            tails[k] = x;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut x = tails.last().copied().unwrap_or(usize::MAX);
    while x != usize::MAX {
        out.push(pairs[x]);
        x = prev[x];
    }
    out.reverse();
    out
}

/// Start of each sentence's unit: the units tile the text (the first starts at 0, each
/// runs to the next sentence's start, the last to the end).
fn unit_span(s: &[Sent], i: usize, len: usize) -> (usize, usize) {
    let start = if i == 0 { 0 } else { s[i].start };
    let end = s.get(i + 1).map_or(len, |n| n.start);
    (start, end)
}

/// The sentence-level diff of source `a` and copy `b`.
pub fn diff(a: &str, b: &str) -> Diff {
    let mut sa = analyse(a);
    let mut sb = analyse(b);
    let mut al = Aligner { a: &sa, b: &sb, out: Vec::with_capacity(sa.len().max(sb.len())) };
    al.align(0, sa.len(), 0, sb.len(), 0);
    let pieces = al.out;

    // Runs of unmatched sentences (between two matched ones), per side.
    let (mut run_a, mut run_b) = (Vec::new(), Vec::new());
    for p in pieces.iter().chain([&Piece::Equal(usize::MAX, usize::MAX)]) {
        match *p {
            Piece::Delete(i) => run_a.push(i),
            Piece::Insert(j) => run_b.push(j),
            _ => {
                rescue(&mut sa, &run_a);
                rescue(&mut sb, &run_b);
                run_a.clear();
                run_b.clear();
            }
        }
    }

    // Moves: unmatched, non-chrome sentences whose key is unmatched exactly once per side.
    let mut loose: HashMap<u64, (u32, usize, u32, usize)> = HashMap::new();
    for p in &pieces {
        match *p {
            Piece::Delete(i) if movable(&sa[i]) => {
                let e = loose.entry(sa[i].key).or_insert((0, i, 0, 0));
                e.0 += 1;
                e.1 = i;
            }
            Piece::Insert(j) if movable(&sb[j]) => {
                let e = loose.entry(sb[j].key).or_insert((0, 0, 0, j));
                e.2 += 1;
                e.3 = j;
            }
            _ => {}
        }
    }
    let mut moved_b: HashMap<usize, usize> = HashMap::new();
    let mut moved_a = vec![false; sa.len()];
    for &(ca, i, cb, j) in loose.values() {
        if ca == 1 && cb == 1 {
            moved_b.insert(j, i);
            moved_a[i] = true;
        }
    }

    let mut ops: Vec<Op> = Vec::with_capacity(pieces.len());
    // Where we are in each text (bytes), for the empty side of deletes and inserts.
    let (mut pa, mut pb) = (0usize, 0usize);
    let push = |ops: &mut Vec<Op>, kind: OpKind, a: (usize, usize), b: (usize, usize)| {
        if let Some(l) = ops.last_mut() {
            let mergeable = matches!(kind, OpKind::Equal | OpKind::Delete | OpKind::Insert | OpKind::Skip);
            if l.kind == kind && mergeable && l.a.1 == a.0 && l.b.1 == b.0 {
                l.a.1 = a.1;
                l.b.1 = b.1;
                return;
            }
        }
        ops.push(Op { kind, a, b });
    };
    let mut k = 0;
    while k < pieces.len() {
        match pieces[k] {
            Piece::Equal(i, j) => {
                let (ua, ub) = (unit_span(&sa, i, a.len()), unit_span(&sb, j, b.len()));
                push(&mut ops, OpKind::Equal, ua, ub);
                (pa, pb) = (ua.1, ub.1);
            }
            Piece::Delete(i) => {
                let ua = unit_span(&sa, i, a.len());
                if moved_a[i] {
                    // Emitted with its insert, as a move; the a position still advances.
                } else {
                    let kind = if sa[i].chrome() { OpKind::Skip } else { OpKind::Delete };
                    push(&mut ops, kind, ua, (pb, pb));
                }
                pa = ua.1;
            }
            Piece::Insert(j) => {
                let ub = unit_span(&sb, j, b.len());
                if let Some(&i) = moved_b.get(&j) {
                    // A run of moved sentences that follow each other on both sides.
                    let (mut ia, mut jb) = (i, j);
                    while let Some(Piece::Insert(nj)) = pieces.get(k + 1) {
                        match moved_b.get(nj) {
                            Some(&ni) if *nj == jb + 1 && ni == ia + 1 => {
                                ia = ni;
                                jb = *nj;
                                k += 1;
                            }
                            _ => break,
                        }
                    }
                    let span_a = (unit_span(&sa, i, a.len()).0, unit_span(&sa, ia, a.len()).1);
                    let span_b = (ub.0, unit_span(&sb, jb, b.len()).1);
                    ops.push(Op { kind: OpKind::Move, a: span_a, b: span_b });
                    pb = span_b.1;
                } else {
                    let kind = if sb[j].chrome() { OpKind::Skip } else { OpKind::Insert };
                    push(&mut ops, kind, (pa, pa), ub);
                    pb = ub.1;
                }
            }
            Piece::Replace(a0, a1, b0, b1) => {
                let ua = (unit_span(&sa, a0, a.len()).0, unit_span(&sa, a1 - 1, a.len()).1);
                let ub = (unit_span(&sb, b0, b.len()).0, unit_span(&sb, b1 - 1, b.len()).1);
                push(&mut ops, OpKind::Replace, ua, ub);
                (pa, pb) = (ua.1, ub.1);
            }
        }
        k += 1;
    }
    // Text without any sentence (empty or blank) is one skip, after every op of the other
    // side (which all sit at position 0 of it): the copy's first, so both orders hold.
    if sb.is_empty() && !b.is_empty() {
        let at = if sa.is_empty() { 0 } else { a.len() };
        ops.push(Op { kind: OpKind::Skip, a: (at, at), b: (0, b.len()) });
    }
    if sa.is_empty() && !a.is_empty() {
        ops.push(Op { kind: OpKind::Skip, a: (0, a.len()), b: (b.len(), b.len()) });
    }
    let summary = summarise(&sa, &sb, &pieces, &moved_a, &moved_b, &ops);
    Diff { ops, summary }
}

fn summarise(
    sa: &[Sent],
    sb: &[Sent],
    pieces: &[Piece],
    moved_a: &[bool],
    moved_b: &HashMap<usize, usize>,
    ops: &[Op],
) -> Summary {
    let mut del = vec![false; sa.len()];
    let mut ins = vec![false; sb.len()];
    let mut edited = 0;
    for p in pieces {
        match *p {
            Piece::Delete(i) => del[i] = !sa[i].chrome() && !moved_a[i],
            Piece::Insert(j) => ins[j] = !sb[j].chrome() && !moved_b.contains_key(&j),
            Piece::Replace(..) => edited += 1,
            Piece::Equal(..) => {}
        }
    }
    // A cut: the story sentences after the last one still there are all deleted.
    let last_there = (0..sa.len()).rev().find(|&i| !sa[i].chrome() && !del[i]);
    let mut upto = sa.len();
    let mut cut_after = None;
    if let Some(l) = last_there {
        if (l + 1..sa.len()).any(|i| del[i]) {
            upto = l + 1;
            let mut paras: Vec<u32> = sa[..=l].iter().filter(|s| !s.chrome()).map(|s| s.para).collect();
            paras.dedup();
            cut_after = Some(paras.len());
        }
    }
    let (paragraphs_deleted, sentences_deleted) = count_gone(sa, &del, upto);
    let (paragraphs_inserted, sentences_inserted) = count_gone(sb, &ins, sb.len());
    Summary {
        cut_after,
        paragraphs_deleted,
        sentences_deleted,
        paragraphs_inserted,
        sentences_inserted,
        edited,
        moved: ops.iter().filter(|o| o.kind == OpKind::Move).count(),
    }
}

/// A word-level change inside an edited span: byte spans in `a` and `b` (one may be empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WordChange {
    /// `Delete`, `Insert` or `Replace`.
    pub kind: OpKind,
    /// Byte span in `a`.
    pub a: (usize, usize),
    /// Byte span in `b`.
    pub b: (usize, usize),
}

/// Words compared by an edit's LCS, at most (n × m); over it the whole span is one change.
const MAX_WORD_CELLS: usize = 160_000;

/// Word-level changes between `a[sa.0..sa.1]` and `b[sb.0..sb.1]` (typically the spans of a
/// `Replace` op): the words not in their longest common subsequence, grouped into runs.
/// Case counts, typography does not. Offsets are bytes of `a` and `b`.
pub fn word_changes(a: &str, sa: (usize, usize), b: &str, sb: (usize, usize)) -> Vec<WordChange> {
    let wa: Vec<(usize, usize, u64)> = crate::text::words(&a[sa.0..sa.1])
        .map(|(s, e)| (sa.0 + s, sa.0 + e, sentences::word_key(&a[sa.0 + s..sa.0 + e])))
        .collect();
    let wb: Vec<(usize, usize, u64)> = crate::text::words(&b[sb.0..sb.1])
        .map(|(s, e)| (sb.0 + s, sb.0 + e, sentences::word_key(&b[sb.0 + s..sb.0 + e])))
        .collect();
    let (n, m) = (wa.len(), wb.len());
    if (n + 1) * (m + 1) > MAX_WORD_CELLS {
        return vec![WordChange { kind: OpKind::Replace, a: sa, b: sb }];
    }
    // lcs[i][j] = LCS length of wa[i..], wb[j..].
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if wa[i].2 == wb[j].2 {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut di, mut dj) = (None::<usize>, None::<usize>);
    let flush = |out: &mut Vec<WordChange>, di: &mut Option<usize>, dj: &mut Option<usize>, i: usize, j: usize| {
        if di.is_none() && dj.is_none() {
            return;
        }
        // Spans of the pending words; the empty side sits where the other's run is.
        let span_a = match *di {
            Some(s) => (wa[s].0, wa[i - 1].1),
            None => {
                let at = if i < n { wa[i].0 } else { wa.last().map_or(sa.0, |x| x.1) };
                (at, at)
            }
        };
        let span_b = match *dj {
            Some(s) => (wb[s].0, wb[j - 1].1),
            None => {
                let at = if j < m { wb[j].0 } else { wb.last().map_or(sb.0, |x| x.1) };
                (at, at)
            }
        };
        let kind = match (di.is_some(), dj.is_some()) {
            (true, true) => OpKind::Replace,
            (true, false) => OpKind::Delete,
            _ => OpKind::Insert,
        };
        out.push(WordChange { kind, a: span_a, b: span_b });
        *di = None;
        *dj = None;
    };
    while i < n || j < m {
        if i < n && j < m && wa[i].2 == wb[j].2 {
            flush(&mut out, &mut di, &mut dj, i, j);
            i += 1;
            j += 1;
        } else if j == m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            di.get_or_insert(i);
            i += 1;
        } else {
            dj.get_or_insert(j);
            j += 1;
        }
    }
    flush(&mut out, &mut di, &mut dj, i, j);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(a: &str, b: &str) -> Vec<(OpKind, String, String)> {
        diff(a, b)
            .ops
            .into_iter()
            .filter(|o| o.kind != OpKind::Equal)
            .map(|o| (o.kind, a[o.a.0..o.a.1].trim().to_string(), b[o.b.0..o.b.1].trim().to_string()))
            .collect()
    }

    #[test]
    fn identical_and_rewrapped_are_equal() {
        let a = "One sentence here. Another \u{201c}quoted\u{201d} one.\n\nSecond paragraph \u{2013} short.";
        let b = "One sentence\nhere.  Another \"quoted\" one.\n \n\n\nSecond paragraph - short.";
        assert!(kinds(a, a).is_empty());
        assert!(kinds(a, b).is_empty());
    }

    /// Prose paragraphs around the changes, so the page reads as an article to the cleaner.
    const TAIL: &str = "\n\nThe plan now goes to a second reading next month, when members will vote on the final \
                        figures. Officials expect the debate to last most of the evening.\n\nLocal businesses \
                        have welcomed the decision, saying the park will bring more visitors to the centre.";

    #[test]
    fn edits_deletes_inserts() {
        let a = format!(
            "The council met on Monday to discuss the budget for the coming year. It approved a new park \
             near the river. Residents had asked for it for years.{TAIL}\n\nThe mayor was pleased with the result."
        );
        let b = format!(
            "The council met on Tuesday to discuss the budget for the coming year. Residents had asked for it \
             for years.{TAIL}\n\nCritics said the vote had been rushed through without a proper debate.\n\n\
             The mayor was pleased with the result."
        );
        let k = kinds(&a, &b);
        assert_eq!(k[0].0, OpKind::Replace);
        assert_eq!(k[1], (OpKind::Delete, "It approved a new park near the river.".into(), String::new()));
        assert_eq!(
            k[2],
            (
                OpKind::Insert,
                String::new(),
                "Critics said the vote had been rushed through without a proper debate.".into()
            )
        );
        assert_eq!(k.len(), 3);
        let d = diff(&a, &b);
        assert_eq!(d.summary.to_string(), "1 sentence cut \u{b7} 1 sentence edited \u{b7} 1 paragraph added");
    }

    #[test]
    fn merge_is_one_replace() {
        let a = "The storm reached the coast early on Sunday morning. Thousands of homes lost power across the region.";
        let b =
            "The storm reached the coast early on Sunday morning, and thousands of homes lost power across the region.";
        let k = kinds(a, b);
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].0, OpKind::Replace);
        assert_eq!(k[0].1, a);
    }

    #[test]
    fn moved_paragraph() {
        let paras: Vec<String> =
            (0..8).map(|i| format!("Paragraph number {i} talks about topic {i}. It has a second line {i}.")).collect();
        let a = paras.join("\n\n");
        let mut p2 = paras.clone();
        let moved = p2.remove(1);
        p2.insert(6, moved);
        let b = p2.join("\n\n");
        let d = diff(&a, &b);
        let moves: Vec<&Op> = d.ops.iter().filter(|o| o.kind == OpKind::Move).collect();
        assert_eq!(moves.len(), 1);
        assert_eq!(a[moves[0].a.0..moves[0].a.1].trim(), paras[1]);
        assert!(d.ops.iter().all(|o| matches!(o.kind, OpKind::Equal | OpKind::Move)));
    }

    #[test]
    fn word_level() {
        let a = "The council met on Monday to discuss the budget.";
        let b = "The council met late on Tuesday to discuss budget.";
        let ch = word_changes(a, (0, a.len()), b, (0, b.len()));
        let shown: Vec<(OpKind, &str, &str)> =
            ch.iter().map(|c| (c.kind, &a[c.a.0..c.a.1], &b[c.b.0..c.b.1])).collect();
        assert_eq!(
            shown,
            [(OpKind::Insert, "", "late"), (OpKind::Replace, "Monday", "Tuesday"), (OpKind::Delete, "the", "")]
        );
    }

    #[test]
    fn lis_keeps_longest() {
        assert_eq!(lis(&[(0, 3), (1, 0), (2, 1), (3, 2)]), [(1, 0), (2, 1), (3, 2)]);
        assert!(lis(&[]).is_empty());
    }
}
