//! One document's dedup signature, for engines that spread dedup over many machines (the
//! Python package's Spark job). It holds what [`super::dedup`] keeps of a document (its
//! shingles with their paragraphs, and its exact key), computed by the same code, so a
//! distributed job that follows the same steps finds the same pairs:
//!
//! 1. [`Signature::of`] on every document;
//! 2. furniture: count in how many documents each shingle occurs and drop, from every
//!    signature, those found in more than [`super::furniture_df`]`(n)` documents
//!    ([`Signature::retain`]);
//! 3. candidates: documents sharing at least `min_shared` sampled shingles
//!    ([`Signature::keys`]), a long run of documents on one key linking each document to its
//!    next [`super::RUN_WINDOW`] only, plus documents with equal [`Signature::exact`] keys;
//!    (the core also leaves out pairs that share one passage, see
//!    [`super::ONE_PASSAGE_JACCARD`]: their similarity is under 0.2, so a job that verifies
//!    them keeps a few more low pairs and the same clusters);
//! 4. [`verify`] each candidate pair; the pairs whose similarity reaches the threshold and
//!    that read as copies are the edges of the clusters ([`super::cluster`] builds them around
//!    sources; connected components of the same edges differ only where copies chain).
//!
//! (The core counts shingle frequencies in a saturating sketch that can only over-count, so
//! an exact count drops at most a few shingles fewer.)

use super::{compare, doc_shingles, DedupOptions, ParagraphScratch, Scratch};

/// What dedup keeps of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    /// Distinct 32-bit shingle hashes, ascending.
    pub shingles: Vec<u32>,
    /// The paragraph (0-based, capped at 65,535) where each shingle first occurs.
    pub paragraphs: Vec<u16>,
    /// All the words in order, hashed: equal keys are exact copies; 0 for a text without
    /// words.
    pub exact: u64,
}

impl Signature {
    /// The signature of `text` with the shingle size and seed of `opts`.
    pub fn of(text: &str, opts: &DedupOptions) -> Signature {
        let (mut buf, mut doc) = (ParagraphScratch::default(), Vec::new());
        let exact = doc_shingles(text, opts.shingle, opts.seed, &mut buf, &mut doc);
        let (shingles, paragraphs) = doc.into_iter().map(|x| ((x >> 16) as u32, x as u16)).unzip();
        Signature { shingles, paragraphs, exact }
    }

    /// The sampled shingles that index the document for candidate pairs.
    pub fn keys(&self, opts: &DedupOptions) -> impl Iterator<Item = u32> + '_ {
        let sample = opts.sample.max(1);
        self.shingles.iter().copied().filter(move |h| h % sample == 0)
    }

    /// Keeps the shingles for which `keep` is true (drops furniture).
    pub fn retain(&mut self, mut keep: impl FnMut(u32) -> bool) {
        let mut w = 0;
        for i in 0..self.shingles.len() {
            if keep(self.shingles[i]) {
                self.shingles[w] = self.shingles[i];
                self.paragraphs[w] = self.paragraphs[i];
                w += 1;
            }
        }
        self.shingles.truncate(w);
        self.paragraphs.truncate(w);
    }
}

/// Similarities of two documents, as [`super::Pair`] carries them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// Jaccard similarity of the shingle sets.
    pub jaccard: f32,
    /// Share of the smaller set found in the larger.
    pub containment: f32,
    /// The similarity clusters are cut on.
    pub similarity: f32,
    /// The second document is the more complete (the source of the pair).
    pub b_is_source: bool,
    /// One reads as a copy of the other ([`super::Pair::copy`]).
    pub copy: bool,
}

/// Compares two signatures exactly as [`super::dedup`] verifies a candidate pair.
pub fn verify(a: &Signature, b: &Signature) -> Similarity {
    let mut scratch = Scratch::default();
    let m = compare((&a.shingles, &a.paragraphs, a.exact), (&b.shingles, &b.paragraphs, b.exact), &mut scratch);
    Similarity {
        jaccard: m.jaccard,
        containment: m.containment,
        similarity: m.similarity,
        b_is_source: m.b_larger,
        copy: m.copy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{dedup, Dedup};

    fn texts() -> Vec<String> {
        let story = "The council approved the budget after a long debate about schools and roads.\n\n\
                     Engineers said the bridge would reopen in May once its pillars were repaired.\n\n\
                     The mayor thanked residents for their patience during the months of work.";
        vec![
            story.to_string(),
            format!("{story}\n\nRead more stories from the valley."),
            story.split("\n\n").take(2).collect::<Vec<_>>().join("\n\n"),
            "A different story about apples and frost, told in a paragraph of its own here.".into(),
            String::new(),
        ]
    }

    #[test]
    fn signatures_reproduce_the_cores_pairs() {
        let texts = texts();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let opts = DedupOptions::default();
        let Dedup { pairs, .. } = dedup(&refs, &opts);
        assert!(pairs.len() >= 3, "{pairs:?}");
        let sigs: Vec<Signature> = refs.iter().map(|t| Signature::of(t, &opts)).collect();
        for p in &pairs {
            let s = verify(&sigs[p.a], &sigs[p.b]);
            assert_eq!((s.jaccard, s.containment, s.similarity), (p.jaccard, p.containment, p.similarity));
            assert_eq!((s.copy, if s.b_is_source { p.b } else { p.a }), (p.copy, p.source));
        }
        assert_eq!(sigs[4], Signature::default());
        assert!(sigs[0].keys(&opts).all(|h| h % 4 == 0));
        assert!(sigs[0].keys(&opts).count() < sigs[0].shingles.len());
    }

    #[test]
    fn retain_keeps_shingles_and_paragraphs_together() {
        let opts = DedupOptions::default();
        let mut s = Signature::of(&texts()[1], &opts);
        let before: Vec<(u32, u16)> = s.shingles.iter().copied().zip(s.paragraphs.iter().copied()).collect();
        s.retain(|h| h % 2 == 0);
        let after: Vec<(u32, u16)> = s.shingles.iter().copied().zip(s.paragraphs.iter().copied()).collect();
        assert_eq!(after, before.into_iter().filter(|(h, _)| h % 2 == 0).collect::<Vec<_>>());
    }
}
