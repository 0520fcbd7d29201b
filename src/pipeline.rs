//! The whole pipeline over a corpus, and the serialisable views of its results.
//!
//! Views carry offsets in one chosen [`Unit`]: code points for the CLI and exports, UTF-16
//! code units for JavaScript. They are built here, once, so the CLI and the page agree.

use crate::clean::{self, CleanOptions, Cleaned, EditKind, Rule};
use crate::dedup::{self, passages, Dedup, DedupOptions};
use crate::diff::{self, OpKind};
use crate::document::Document;
use crate::entities::alias::{self, Canonical};
use crate::session::Session;
use crate::text::OffsetIndex;
use serde::Serialize;
use std::collections::HashSet;

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
    /// Cleaning rules switched off for every document.
    pub disabled: HashSet<Rule>,
    /// Near-duplicate search.
    pub dedup: DedupOptions,
}

/// Results across the corpus (the documents themselves are kept by the caller).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Duplicate clusters over the original texts.
    pub dedup: Dedup,
    /// Same-story pairs that are not duplicates: (a, b, score).
    pub related: Vec<(usize, usize, f32)>,
    /// Passages repeated within or across the original texts.
    pub passages: Vec<passages::Passage>,
    /// Canonical entities across all documents.
    pub entities: Vec<Canonical>,
    /// Quotes per document, on the cleaned text (byte offsets into `cleaned.text`).
    pub quotes: Vec<Vec<crate::quotes::Quote>>,
    /// The canonical entity (index into `entities`) each quote's speaker resolves to.
    pub quote_speakers: Vec<Vec<Option<usize>>>,
    /// Quotes found in several documents, or attributed to different speakers.
    pub shared_quotes: Vec<crate::quotes::corpus::SharedQuote>,
}

/// Runs every stage over `(name, text)` inputs: a [`Session`] given them as one batch.
pub fn analyze(inputs: &[(String, String)], options: &Options) -> (Vec<Document>, Corpus) {
    let mut session = Session::new();
    session.add_texts(inputs, &options.disabled);
    session.finish(&options.dedup);
    session.into_parts()
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
    let (quotes, quote_speakers, shared_quotes) = corpus_quotes(documents, &entities);
    Corpus { dedup, related, passages, entities, quotes, quote_speakers, shared_quotes }
}

type QuoteStage = (Vec<Vec<crate::quotes::Quote>>, Vec<Vec<Option<usize>>>, Vec<crate::quotes::corpus::SharedQuote>);

/// Quotes of every document (on its cleaned text, with its entities), their speakers'
/// canonical entities, and the quotes shared across documents.
fn corpus_quotes(documents: &[Document], entities: &[Canonical]) -> QuoteStage {
    use crate::quotes;
    // (document, mention index) -> canonical entity.
    let mut canonical_of: std::collections::HashMap<(usize, usize), usize> = std::collections::HashMap::new();
    for (ci, c) in entities.iter().enumerate() {
        for &m in &c.mentions {
            canonical_of.insert(m, ci);
        }
    }
    let quotes: Vec<Vec<quotes::Quote>> =
        documents.iter().map(|d| quotes::find_with(&d.cleaned.text, &d.entities)).collect();
    let mut speakers = Vec::with_capacity(documents.len());
    let mut names = Vec::with_capacity(documents.len());
    for (di, (d, qs)) in documents.iter().zip(&quotes).enumerate() {
        let mut sp = Vec::with_capacity(qs.len());
        let mut nm = Vec::with_capacity(qs.len());
        for q in qs {
            let name = q.speaker.as_ref().and_then(|s| s.name);
            let canon = name.and_then(|(a, b)| {
                let i = d.entities.iter().position(|e| e.start == a && e.end == b)?;
                canonical_of.get(&(di, i)).copied()
            });
            sp.push(canon);
            nm.push(match (canon, name) {
                (Some(c), _) => Some(entities[c].name.clone()),
                (None, Some((a, b))) => Some(d.cleaned.text[a..b].to_string()),
                _ => None,
            });
        }
        speakers.push(sp);
        names.push(nm);
    }
    let input: Vec<quotes::corpus::DocQuotes<'_>> = documents
        .iter()
        .zip(&quotes)
        .zip(names)
        .map(|((d, q), n)| (d.cleaned.text.as_str(), q.as_slice(), n))
        .collect();
    let shared = quotes::corpus::group(&input).into_iter().filter(|g| g.documents.len() > 1 || g.conflict).collect();
    (quotes, speakers, shared)
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
    /// For HTML input: title, byline, date, site name, URL (absent fields left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<crate::html::Metadata>,
    /// For HTML input without an article: why nothing was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty_reason: Option<String>,
}

/// One cleaned page, as `clean --jsonl` answers each record and the Python package returns
/// it: the article, every proposed edit (offsets into `original` for HTML, else into the
/// text given) and, for HTML input, the page's visible text, its metadata and why nothing
/// was kept when nothing was.
#[derive(Debug, Clone, Serialize)]
pub struct CleanedView {
    pub text: String,
    pub edits: Vec<EditView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<crate::html::Metadata>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty_reason: Option<String>,
}

/// [`CleanedView`] of a page's text.
pub fn cleaned_text_view(text: &str, options: &CleanOptions, unit: Unit) -> CleanedView {
    let cleaned = clean::clean_with(text, options);
    let edits = edit_views(text, &cleaned, unit);
    CleanedView { text: cleaned.text, edits, original: None, metadata: None, empty_reason: None }
}

/// [`CleanedView`] of a page's HTML: its article found from its structure.
pub fn cleaned_html_view(html: &str, options: &CleanOptions, unit: Unit) -> CleanedView {
    let page = crate::html::extract(html);
    let cleaned = clean::clean_html(&page, options);
    let edits = edit_views(&page.text, &cleaned, unit);
    CleanedView {
        text: cleaned.text,
        edits,
        original: Some(page.text),
        metadata: Some(page.metadata),
        empty_reason: page.empty_reason,
    }
}

/// The views of every proposed edit of `cleaned`, the cleaning of `original`.
pub fn edit_views(original: &str, cleaned: &Cleaned, unit: Unit) -> Vec<EditView> {
    edits_of(original, cleaned, &OffsetIndex::new(original), &OffsetIndex::new(&cleaned.text), unit)
}

/// [`edit_views`] with the offset indexes of both texts already built.
fn edits_of(
    original: &str,
    cleaned: &Cleaned,
    oi: &OffsetIndex<'_>,
    ci: &OffsetIndex<'_>,
    unit: Unit,
) -> Vec<EditView> {
    cleaned
        .edits
        .iter()
        .zip(&cleaned.applied)
        .map(|(e, &applied)| EditView {
            id: e.id,
            start: convert(oi, unit, e.start),
            end: convert(oi, unit, e.end),
            // Where the edit lands: the cleaned offset of the edit's start. The original
            // offset of an applied insertion (a space after punctuation) is the character
            // after it, which the cleaned text has after the inserted text.
            clean_start: convert(ci, unit, {
                let at = cleaned.alignment.to_cleaned(e.start);
                if applied && e.start == e.end {
                    at.saturating_sub(e.replacement.len())
                } else {
                    at
                }
            }),
            kind: e.rule.kind(),
            rule: e.rule.name(),
            reason: e.reason.to_string(),
            before: original[e.start..e.end].to_string(),
            after: e.replacement.clone(),
            applied,
        })
        .collect()
}

/// An entity span of a text as given (the CLI's `entities`, the page's `recognize`).
#[derive(Debug, Clone, Serialize)]
pub struct SpanView {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The type ("PER").
    pub label: &'static str,
    /// The span's text.
    pub text: String,
}

/// Tags `text` as it is (not cleaned) and returns its entities with offsets in `unit`.
pub fn entity_spans(text: &str, unit: Unit) -> Vec<SpanView> {
    let idx = OffsetIndex::new(text);
    crate::entities::recognize(text)
        .iter()
        .map(|e| SpanView {
            start: convert(&idx, unit, e.start),
            end: convert(&idx, unit, e.end),
            label: e.label.as_str(),
            text: text[e.start..e.end].to_string(),
        })
        .collect()
}

/// Builds the view of one document with offsets in `unit`.
pub fn document_view(doc: &Document, unit: Unit) -> DocumentView {
    let oi = OffsetIndex::new(&doc.original);
    let ci = OffsetIndex::new(&doc.cleaned.text);
    let align = &doc.cleaned.alignment;
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
        edits: edits_of(&doc.original, &doc.cleaned, &oi, &ci, unit),
        entities,
        metadata: doc.metadata.clone(),
        empty_reason: doc.empty_reason.clone(),
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
    /// Every quote of every document, offsets into its cleaned text.
    pub quotes: Vec<CorpusQuoteView>,
    /// Quotes found in several documents (occurrences index `quotes` by document and
    /// position in that document), or flagged for different speakers.
    pub shared_quotes: Vec<crate::quotes::corpus::SharedQuote>,
}

/// A quote of one document in the corpus view.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusQuoteView {
    /// The document.
    pub document: usize,
    /// The quote (offsets into the cleaned text).
    #[serde(flatten)]
    pub quote: QuoteView,
    /// The canonical speaker (alias merging), if the speaker resolves to one.
    pub canonical: Option<String>,
}

/// What finishing a session gives the page: the corpus view and the documents whose
/// cleaning changed (see [`Session::finish`]).
#[derive(Debug, Clone, Serialize)]
pub struct FinishedView {
    /// The corpus results.
    pub corpus: CorpusView,
    /// Indices of the documents to show again.
    pub changed: Vec<usize>,
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
        quotes: c
            .quotes
            .iter()
            .enumerate()
            .flat_map(|(d, qs)| {
                let views = quote_views(&documents[d].cleaned.text, qs, unit);
                views.into_iter().enumerate().map(move |(i, quote)| CorpusQuoteView {
                    document: d,
                    quote,
                    canonical: c.quote_speakers[d][i].map(|k| c.entities[k].name.clone()),
                })
            })
            .collect(),
        shared_quotes: c.shared_quotes.clone(),
    }
}

/// A word-level change inside an edited sentence, offsets in a [`Unit`].
#[derive(Debug, Clone, Serialize)]
pub struct WordChangeView {
    /// "delete", "insert" or "replace".
    pub op: OpKind,
    /// [start, end) in the source.
    pub a: [usize; 2],
    /// [start, end) in the copy.
    pub b: [usize; 2],
}

/// One diff op as shown to users: offsets in a [`Unit`], outer whitespace trimmed.
#[derive(Debug, Clone, Serialize)]
pub struct DiffOpView {
    /// "equal", "delete", "insert", "replace", "move" or "skip" (chrome, not a change).
    pub op: OpKind,
    /// [start, end) in the source.
    pub a: [usize; 2],
    /// [start, end) in the copy.
    pub b: [usize; 2],
    /// Word-level changes of a "replace" (empty otherwise, and when not asked for).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordChangeView>,
}

/// A copy's diff against its source as shown to users.
#[derive(Debug, Clone, Serialize)]
pub struct DiffView {
    /// The ops; "equal" and "skip" are left out unless `all` was asked for.
    pub ops: Vec<DiffOpView>,
    /// One line: "cut after paragraph 6 · 3 sentences edited · 1 paragraph added".
    pub summary: String,
}

fn trimmed(text: &str, (s, e): (usize, usize)) -> (usize, usize) {
    let t = text[s..e].trim_start();
    let s2 = e - t.len();
    (s2, s2 + t.trim_end().len())
}

/// The diff of source `a` and copy `b` with offsets in `unit`; with `all`, equal and skipped
/// spans too; with `words`, the word-level changes of each edit.
pub fn diff_view(a: &str, b: &str, unit: Unit, all: bool, words: bool) -> DiffView {
    let d = diff::diff(a, b);
    let (ia, ib) = (OffsetIndex::new(a), OffsetIndex::new(b));
    let span = |idx: &OffsetIndex<'_>, text: &str, sp: (usize, usize)| {
        let (s, e) = if sp.0 < sp.1 { trimmed(text, sp) } else { sp };
        [convert(idx, unit, s), convert(idx, unit, e)]
    };
    let ops = d
        .ops
        .iter()
        .filter(|o| all || !matches!(o.kind, OpKind::Equal | OpKind::Skip))
        .map(|o| DiffOpView {
            op: o.kind,
            a: span(&ia, a, o.a),
            b: span(&ib, b, o.b),
            words: if words && o.kind == OpKind::Replace {
                diff::word_changes(a, o.a, b, o.b)
                    .into_iter()
                    .map(|w| WordChangeView { op: w.kind, a: span(&ia, a, w.a), b: span(&ib, b, w.b) })
                    .collect()
            } else {
                Vec::new()
            },
        })
        .collect();
    DiffView { ops, summary: d.summary.to_string() }
}

/// One line of `diff --jsonl`: `{"id","a","b"}` in, `{"id","ops"}` out (code points, changes
/// only), or an error saying what is wrong with the line.
pub fn diff_jsonl_line(line: &[u8]) -> Result<String, crate::Error> {
    let text =
        std::str::from_utf8(line).map_err(|e| crate::Error::input(format!("not UTF-8 (byte {})", e.valid_up_to())))?;
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| crate::Error::input(format!("not JSON: {e}")))?;
    let field = |k: &str| {
        v.get(k).and_then(serde_json::Value::as_str).ok_or_else(|| crate::Error::input(format!("no \"{k}\" string")))
    };
    let (a, b) = (field("a")?, field("b")?);
    let view = diff_view(a, b, Unit::Chars, false, false);
    let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
    Ok(serde_json::json!({ "id": id, "ops": view.ops }).to_string())
}

/// A copy as compared with its cluster's source.
#[derive(Debug, Clone, Serialize)]
pub struct CopyDiffView {
    /// The copy (document index).
    pub doc: usize,
    /// The similarity of its pair with the source (none when it joined through a close copy).
    pub similarity: Option<f32>,
    /// What changed from the source to the copy: ops with word changes, and the summary.
    pub diff: DiffView,
}

/// A duplicate cluster: its source and what changed in each other member.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterDiffView {
    /// The cluster id (as in [`CorpusView::clusters`]: its smallest document index).
    pub id: usize,
    /// The source: the most complete member, the one every copy is compared with.
    pub source: usize,
    /// The other members, in document order.
    pub copies: Vec<CopyDiffView>,
}

/// Members of each cluster of two or more documents: (id, source, copies in order).
fn clusters_with_sources(n: usize, pairs: &[dedup::Pair], threshold: f32) -> Vec<(usize, usize, Vec<usize>)> {
    let ids = dedup::cluster(n, pairs, threshold);
    let roots = dedup::sources(n, pairs, threshold);
    let mut out: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    let mut slot = vec![usize::MAX; n];
    for d in 0..n {
        if ids[d] == d {
            continue;
        }
        let id = ids[d];
        if slot[id] == usize::MAX {
            slot[id] = out.len();
            out.push((id, roots[d], Vec::new()));
        }
        out[slot[id]].2.push(d);
    }
    for (id, source, members) in &mut out {
        // The id itself is a member too; list every member but the source.
        members.insert(0, *id);
        members.retain(|&m| m != *source);
    }
    out
}

fn pair_similarity(pairs: &[dedup::Pair], x: usize, y: usize) -> Option<f32> {
    let key = (x.min(y), x.max(y));
    pairs.binary_search_by(|p| (p.a, p.b).cmp(&key)).ok().map(|i| pairs[i].similarity)
}

/// For each duplicate cluster (at `threshold`, from the stored pairs), its source and every
/// other member's diff against it (changes only, with word changes), offsets in `unit`.
/// `texts` are the texts dedup compared (the documents' original texts).
pub fn cluster_diffs(texts: &[&str], pairs: &[dedup::Pair], threshold: f32, unit: Unit) -> Vec<ClusterDiffView> {
    clusters_with_sources(texts.len(), pairs, threshold)
        .into_iter()
        .map(|(id, source, copies)| ClusterDiffView {
            id,
            source,
            copies: copies
                .into_iter()
                .map(|doc| CopyDiffView {
                    doc,
                    similarity: pair_similarity(pairs, source, doc),
                    diff: diff_view(texts[source], texts[doc], unit, false, true),
                })
                .collect(),
        })
        .collect()
}

/// A speaker as shown to users: the mention as written and whom it resolves to.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerView {
    /// Start of the mention.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The mention as written ("he", "Kremlin aide Yury Ushakov").
    pub text: String,
    /// Whom it resolves to ("Yury Ushakov"), if anyone.
    pub name: Option<String>,
}

/// A cue as shown to users.
#[derive(Debug, Clone, Serialize)]
pub struct CueView {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The words ("said").
    pub text: String,
}

/// A quote as shown to users (the CLI's `quotes --jsonl`, the page's Quotes view).
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// Start of the content.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The content as written.
    pub text: String,
    /// Who said it.
    pub speaker: Option<SpeakerView>,
    /// The reporting words.
    pub cue: Option<CueView>,
    /// The pieces of a quote split by its attribution.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<(usize, usize)>,
    /// Between quotation marks.
    pub direct: bool,
}

/// Views of quotes found on `text` with offsets in `unit`.
pub fn quote_views(text: &str, quotes: &[crate::quotes::Quote], unit: Unit) -> Vec<QuoteView> {
    let idx = OffsetIndex::new(text);
    let c = |b: usize| convert(&idx, unit, b);
    quotes
        .iter()
        .map(|q| QuoteView {
            start: c(q.start),
            end: c(q.end),
            text: text[q.start..q.end].to_string(),
            speaker: q.speaker.as_ref().map(|s| SpeakerView {
                start: c(s.start),
                end: c(s.end),
                text: text[s.start..s.end].to_string(),
                name: s.name.map(|(a, b)| text[a..b].to_string()),
            }),
            cue: q.cue.map(|(a, b)| CueView { start: c(a), end: c(b), text: text[a..b].to_string() }),
            fragments: q.fragments.iter().map(|&(a, b)| (c(a), c(b))).collect(),
            direct: q.direct,
        })
        .collect()
}

/// One op of an exported diff: code point offsets and the text on each side.
#[derive(Debug, Clone, Serialize)]
pub struct DiffOpExport {
    /// "delete", "insert", "replace" or "move".
    pub op: OpKind,
    /// [start, end) in the source (code points).
    pub a: [usize; 2],
    /// [start, end) in the copy (code points).
    pub b: [usize; 2],
    /// The source's text of the op.
    pub a_text: String,
    /// The copy's text of the op.
    pub b_text: String,
}

/// One line of the diff export: a copy against its cluster's source.
#[derive(Debug, Clone, Serialize)]
pub struct DiffExportRow {
    /// The cluster id.
    pub cluster: usize,
    /// The source's name.
    pub source: String,
    /// The copy's name.
    pub copy: String,
    /// The one-line summary.
    pub summary: String,
    /// The changes.
    pub ops: Vec<DiffOpExport>,
}

/// Every copy's diff against its source, one row per copy (the JSONL export): offsets in
/// code points with the span text on both sides. `docs` are (name, text) pairs.
pub fn diff_export(docs: &[(&str, &str)], pairs: &[dedup::Pair], threshold: f32) -> Vec<DiffExportRow> {
    let char_at = |text: &str, i: usize| text.char_indices().nth(i).map_or(text.len(), |(b, _)| b);
    let mut rows = Vec::new();
    for (id, source, copies) in clusters_with_sources(docs.len(), pairs, threshold) {
        let (sname, a) = docs[source];
        for doc in copies {
            let (cname, b) = docs[doc];
            let view = diff_view(a, b, Unit::Chars, false, false);
            // Code points back to bytes for the span text: one walk per op side (ops are few).
            let slice = |t: &str, s: [usize; 2]| {
                let start = char_at(t, s[0]);
                let end = start + char_at(&t[start..], s[1] - s[0]);
                t[start..end].to_string()
            };
            let ops = view
                .ops
                .iter()
                .map(|o| DiffOpExport { op: o.op, a: o.a, b: o.b, a_text: slice(a, o.a), b_text: slice(b, o.b) })
                .collect();
            rows.push(DiffExportRow {
                cluster: id,
                source: sname.to_string(),
                copy: cname.to_string(),
                summary: view.summary,
                ops,
            });
        }
    }
    rows
}

/// Finds the quotes of `text` as it is (not cleaned), offsets in `unit`.
pub fn quote_spans(text: &str, unit: Unit) -> Vec<QuoteView> {
    quote_views(text, &crate::quotes::find(text), unit)
}
