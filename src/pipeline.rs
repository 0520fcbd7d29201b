//! The whole pipeline over a corpus, and the serialisable views of its results.
//!
//! Views carry offsets in one chosen [`Unit`]: code points for the CLI and exports, UTF-16
//! code units for JavaScript. They are built here, once, so the CLI and the page agree.

use crate::clean::{self, CleanOptions, EditKind};
use crate::dedup::{self, passages, Dedup, DedupOptions};
use crate::document::Document;
use crate::entities::alias::{self, Canonical};
use crate::text::OffsetIndex;
use serde::Serialize;

/// The unit of offsets in a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Unicode code points (Python, spaCy, exports, CLI).
    Chars,
    /// UTF-16 code units (JavaScript strings, DOM ranges).
    Utf16,
}

fn convert(idx: &OffsetIndex<'_>, unit: Unit, byte: usize) -> usize {
    match unit {
        Unit::Chars => idx.chars(byte),
        Unit::Utf16 => idx.utf16(byte),
    }
}

/// Options of a whole-corpus run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Cleaning switches, shared by all documents (cross-document lines are added here).
    pub clean: CleanOptions,
    /// Near-duplicate search.
    pub dedup: DedupOptions,
}

/// Results across the corpus (the documents themselves are kept by the caller).
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Duplicate clusters over the original texts.
    pub dedup: Dedup,
    /// Same-story pairs that are not duplicates: (a, b, score).
    pub related: Vec<(usize, usize, f32)>,
    /// Passages repeated within or across the original texts.
    pub passages: Vec<passages::Passage>,
    /// Canonical entities across all documents.
    pub entities: Vec<Canonical>,
}

/// Lines recurring in at least this many documents (and a third of the corpus) are chrome.
const CROSS_DOC_MIN: usize = 3;

/// Runs every stage over `(name, text)` inputs.
pub fn analyze(inputs: &[(String, String)], options: &Options) -> (Vec<Document>, Corpus) {
    let texts: Vec<&str> = inputs.iter().map(|(_, t)| t.as_str()).collect();
    let mut clean_opts = options.clean.clone();
    clean_opts.common_lines.extend(clean::common_lines(&texts, CROSS_DOC_MIN));
    let documents: Vec<Document> =
        inputs.iter().map(|(n, t)| Document::from_text(n, t, &clean_opts)).collect();
    let corpus = corpus(&documents, &options.dedup);
    (documents, corpus)
}

/// The corpus-level stages over documents already cleaned and tagged.
pub fn corpus(documents: &[Document], dedup_opts: &DedupOptions) -> Corpus {
    let originals: Vec<&str> = documents.iter().map(|d| d.original.as_str()).collect();
    // Same input as the CLI's dedup: the page text (see cmd_dedup for the measurement).
    let dedup = dedup::dedup(&originals, dedup_opts);
    let related = dedup::related_excluding(&originals, &dedup.cluster);
    let passages = passages::repeated(&originals, 4);
    let pairs: Vec<(&str, &[crate::entities::Entity])> =
        documents.iter().map(|d| (d.cleaned.text.as_str(), d.entities.as_slice())).collect();
    let entities = alias::merge(&pairs);
    Corpus { dedup, related, passages, entities }
}

/// An edit as shown to users: offsets into the original text.
#[derive(Debug, Clone, Serialize)]
pub struct EditView {
    /// Stable id (for restoring it).
    pub id: u32,
    /// Start in the original text.
    pub start: usize,
    /// End in the original text.
    pub end: usize,
    /// Start of where the edit lands in the cleaned text.
    pub clean_start: usize,
    /// "remove", "repair" or "flag".
    pub kind: EditKind,
    /// The rule's name.
    pub rule: &'static str,
    /// Why.
    pub reason: String,
    /// The original text of the range.
    pub before: String,
    /// Its replacement.
    pub after: String,
    /// Whether it took effect.
    pub applied: bool,
}

/// An entity mention as shown to users.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// Start in the cleaned text.
    pub start: usize,
    /// End in the cleaned text.
    pub end: usize,
    /// Start in the original text.
    pub orig_start: usize,
    /// End in the original text.
    pub orig_end: usize,
    /// The type ("PER").
    pub label: &'static str,
    /// The span's text.
    pub text: String,
}

/// One document as shown to users.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// Its name.
    pub name: String,
    /// The encoding it was read with.
    pub encoding: &'static str,
    /// True when it was HTML.
    pub html: bool,
    /// The original text.
    pub original: String,
    /// The cleaned text.
    pub cleaned: String,
    /// Every proposed edit.
    pub edits: Vec<EditView>,
    /// Entities on the cleaned text.
    pub entities: Vec<EntityView>,
}

/// Builds the view of one document with offsets in `unit`.
pub fn document_view(doc: &Document, unit: Unit) -> DocumentView {
    let oi = OffsetIndex::new(&doc.original);
    let ci = OffsetIndex::new(&doc.cleaned.text);
    let align = &doc.cleaned.alignment;
    // Where each edit lands in the cleaned text: the first cleaned offset whose origin is
    // at or after the edit's start (found by a merge over the sorted edits).
    let edits = doc
        .cleaned
        .edits
        .iter()
        .zip(&doc.cleaned.applied)
        .map(|(e, &applied)| EditView {
            id: e.id,
            start: convert(&oi, unit, e.start),
            end: convert(&oi, unit, e.end),
            clean_start: convert(&ci, unit, align.to_cleaned(e.start)),
            kind: e.rule.kind(),
            rule: e.rule.name(),
            reason: e.reason.clone(),
            before: doc.original[e.start..e.end].to_string(),
            after: e.replacement.clone(),
            applied,
        })
        .collect();
    let entities = doc
        .entities
        .iter()
        .map(|e| {
            let (os, oe) = align.to_original(e.start, e.end);
            EntityView {
                start: convert(&ci, unit, e.start),
                end: convert(&ci, unit, e.end),
                orig_start: convert(&oi, unit, os),
                orig_end: convert(&oi, unit, oe),
                label: e.label.as_str(),
                text: doc.cleaned.text[e.start..e.end].to_string(),
            }
        })
        .collect();
    DocumentView {
        name: doc.name.clone(),
        encoding: doc.encoding,
        html: doc.html,
        original: doc.original.clone(),
        cleaned: doc.cleaned.text.clone(),
        edits,
        entities,
    }
}

/// A repeated passage as shown to users.
#[derive(Debug, Clone, Serialize)]
pub struct PassageView {
    /// The text.
    pub text: String,
    /// (document, start, end) in the original texts.
    pub occurrences: Vec<(usize, usize, usize)>,
    /// Repeated inside one document.
    pub within: bool,
    /// Shared by several documents.
    pub across: bool,
}

/// The corpus-level results as shown to users.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusView {
    /// Cluster id per document.
    pub clusters: Vec<usize>,
    /// Verified pairs with similarities.
    pub pairs: Vec<dedup::Pair>,
    /// Same-story pairs that are not duplicates: (a, b, score).
    pub related: Vec<(usize, usize, f32)>,
    /// Repeated passages.
    pub passages: Vec<PassageView>,
    /// Canonical entities.
    pub entities: Vec<Canonical>,
}

/// Builds the corpus view with passage offsets in `unit`.
pub fn corpus_view(documents: &[Document], c: &Corpus, unit: Unit) -> CorpusView {
    let idx: Vec<OffsetIndex<'_>> = documents.iter().map(|d| OffsetIndex::new(&d.original)).collect();
    CorpusView {
        clusters: c.dedup.cluster.clone(),
        pairs: c.dedup.pairs.clone(),
        related: c.related.clone(),
        passages: c
            .passages
            .iter()
            .map(|p| PassageView {
                text: p.text.clone(),
                occurrences: p
                    .occurrences
                    .iter()
                    .map(|&(d, s, e)| (d, convert(&idx[d], unit, s), convert(&idx[d], unit, e)))
                    .collect(),
                within: p.within,
                across: p.across,
            })
            .collect(),
        entities: c.entities.clone(),
    }
}
