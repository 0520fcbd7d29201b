//! A corpus session: the documents of one analysis, each user's choices about them, and the
//! corpus-level results. It is the one place where the flow over a corpus lives; the CLI's
//! `analyze` ([`crate::pipeline::analyze`]), the page's worker (`src/wasm.rs`) and any other
//! boundary are glue over it.
//!
//! Documents are added one at a time (the page shows each as it is ready) or as a batch;
//! [`Session::finish`] runs the corpus stages. Cleaning depends on the corpus through one
//! input only, the lines that recur across documents (site chrome), so `finish` recomputes
//! them and re-cleans the documents when they changed, reporting which documents' cleaning
//! changed so a caller can refresh just those. A batch computes them before cleaning, so
//! each document of a batch is cleaned once.

use crate::clean::{self, CleanOptions, Rule};
use crate::dedup::{self, Dedup, DedupOptions};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::handoff::Handoff;
use crate::pipeline::{self, Corpus, CorpusView, Unit};
use std::collections::HashSet;

/// Lines recurring in at least this many documents (and a third of the corpus) are chrome.
pub const CROSS_DOC_MIN: usize = 3;

/// One document's cleaning choices: rules switched off, edits restored one by one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Rules whose edits are not applied.
    pub disabled: HashSet<Rule>,
    /// Ids of edits the user restored.
    pub restored: HashSet<u32>,
}

/// Parses rule names ("navigation", "spacing", ...) as the page and the CLI give them.
pub fn parse_rules<S: AsRef<str>>(names: &[S]) -> Result<HashSet<Rule>> {
    names
        .iter()
        .map(|n| {
            let n = n.as_ref();
            Rule::from_name(n).ok_or_else(|| Error::input(format!("unknown rule {n:?}")))
        })
        .collect()
}

/// The documents of one analysis and what is known across them.
#[derive(Debug, Default)]
pub struct Session {
    docs: Vec<Document>,
    choices: Vec<Choices>,
    /// Hashes of the lines recurring across the documents, as of the last batch or finish.
    common: HashSet<u64>,
    /// The corpus stages' results, from the last `finish` (cleared when documents change).
    corpus: Option<Corpus>,
}

impl Session {
    /// An empty session.
    pub fn new() -> Self {
        Session::default()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no document was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> &[Document] {
        &self.docs
    }

    /// Document `index`, or an error a user can read.
    pub fn document(&self, index: usize) -> Result<&Document> {
        self.docs.get(index).ok_or_else(|| Error::input(format!("no document {index}")))
    }

    /// The corpus results of the last [`Session::finish`], if the documents have not changed
    /// since.
    pub fn corpus(&self) -> Option<&Corpus> {
        self.corpus.as_ref()
    }

    /// Splits the session into its documents and corpus results, running
    /// [`Session::finish`] with default options first if the results are not current.
    pub fn into_parts(mut self) -> (Vec<Document>, Corpus) {
        let corpus = match self.corpus.take() {
            Some(c) => c,
            None => {
                self.finish(&DedupOptions::default());
                self.corpus.take().unwrap_or_default()
            }
        };
        (self.docs, corpus)
    }

    /// The view of the corpus results with offsets in `unit` (empty results before the
    /// first [`Session::finish`]: every document its own cluster).
    pub fn corpus_view(&self, unit: Unit) -> CorpusView {
        let fresh;
        let corpus = match &self.corpus {
            Some(c) => c,
            None => {
                fresh = Corpus {
                    dedup: Dedup { cluster: (0..self.docs.len()).collect(), pairs: Vec::new() },
                    ..Corpus::default()
                };
                &fresh
            }
        };
        pipeline::corpus_view(&self.docs, corpus, unit)
    }

    fn options(&self, choices: &Choices) -> CleanOptions {
        CleanOptions {
            disabled: choices.disabled.clone(),
            restored: choices.restored.clone(),
            common_lines: self.common.clone(),
        }
    }

    fn push(&mut self, doc: Document, choices: Choices) -> usize {
        self.docs.push(doc);
        self.choices.push(choices);
        self.corpus = None;
        self.docs.len() - 1
    }

    /// Decodes and analyses a file's bytes; returns its index. Binary or oversized input is
    /// refused with a message fit for the user, and the session is unchanged then.
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8], disabled: HashSet<Rule>) -> Result<usize> {
        let choices = Choices { disabled, restored: HashSet::new() };
        let doc = Document::from_bytes(name, bytes, &self.options(&choices))?;
        Ok(self.push(doc, choices))
    }

    /// Analyses text that is already decoded (pasted); returns its index.
    pub fn add_text(&mut self, name: &str, text: &str, disabled: HashSet<Rule>) -> usize {
        let choices = Choices { disabled, restored: HashSet::new() };
        let doc = Document::from_text(name, text, &self.options(&choices));
        self.push(doc, choices)
    }

    /// Adds a document analysed elsewhere (a worker of the page's pool) without redoing its
    /// analysis; returns its index and whether it had to be analysed again after all (the
    /// corpus's shared lines changed while it was away; see [`crate::handoff`]).
    pub fn adopt(&mut self, handoff: Handoff) -> Result<(usize, bool)> {
        let choices = Choices { disabled: handoff.disabled()?, restored: handoff.restored() };
        let (doc, redone) = handoff.into_document(&self.common)?;
        Ok((self.push(doc, choices), redone))
    }

    /// [`Session::reclean`] done elsewhere: document `index` re-cleaned by a worker of the
    /// page's pool (from its decoded text, with new switches or restorations). Keeps its name,
    /// encoding and HTML flag; returns whether it had to be analysed again here after all.
    pub fn replace(&mut self, index: usize, handoff: Handoff) -> Result<bool> {
        let old = self.document(index)?;
        if old.original != handoff.original() {
            return Err(Error::input(format!("internal: the handoff for document {index} is another text")));
        }
        let (name, encoding, html) = (old.name.clone(), old.encoding, old.html);
        let (dom, metadata, empty_reason) = (old.dom.clone(), old.metadata.clone(), old.empty_reason.clone());
        let choices = Choices { disabled: handoff.disabled()?, restored: handoff.restored() };
        let (mut doc, mut redone) = handoff.into_document(&self.common)?;
        if let (Some(verdicts), None) = (dom, &doc.dom) {
            // An HTML page re-cleaned elsewhere as plain text: cleaned here with its
            // structure's verdicts (the page re-cleans such pages here in the first place).
            doc = Document::from_lines(&name, &doc.original, verdicts, &self.options(&choices));
            redone = true;
        }
        (doc.name, doc.encoding, doc.html) = (name, encoding, html);
        (doc.metadata, doc.empty_reason) = (metadata, empty_reason);
        self.docs[index] = doc;
        self.choices[index] = choices;
        self.corpus = None;
        Ok(redone)
    }

    /// The hashes of the lines shared across the documents as of the last batch or finish,
    /// sorted: what documents analysed elsewhere must be cleaned with ([`Session::adopt`]).
    pub fn common_lines(&self) -> Vec<u64> {
        crate::handoff::sorted(&self.common)
    }

    /// Analyses an HTML page (pasted with its markup, or a decoded `.html` file): the
    /// article is found from the page's structure; returns its index.
    pub fn add_html(&mut self, name: &str, html: &str, disabled: HashSet<Rule>) -> usize {
        let choices = Choices { disabled, restored: HashSet::new() };
        let doc = Document::from_html(name, html, "utf-8", &self.options(&choices));
        self.push(doc, choices)
    }

    /// Adds `(name, text)` documents with the same switches, knowing the lines they share
    /// before cleaning them, so each is cleaned once (documents added earlier are re-cleaned
    /// if the shared lines change). Returns the index of the first.
    pub fn add_texts(&mut self, inputs: &[(String, String)], disabled: &HashSet<Rule>) -> usize {
        let texts: Vec<&str> = inputs.iter().map(|(_, t)| t.as_str()).collect();
        let options = self.batch_options(&texts, disabled);
        let docs = inputs.iter().map(|(name, text)| Document::from_text(name, text, &options)).collect();
        self.extend(docs, disabled)
    }

    /// The first half of [`Session::add_texts`], for callers that build the documents
    /// themselves (the CLI, on all cores): takes the lines shared by the session's documents
    /// and `texts` as the corpus's, re-cleaning the session's documents if they changed, and
    /// returns the options to clean each of `texts` with (`Document::from_text`). Add the
    /// documents with [`Session::extend`], in the order of `texts`.
    pub fn batch_options(&mut self, texts: &[&str], disabled: &HashSet<Rule>) -> CleanOptions {
        let mut originals: Vec<&str> = self.docs.iter().map(|d| d.original.as_str()).collect();
        originals.extend_from_slice(texts);
        let common = clean::common_lines(&originals, CROSS_DOC_MIN);
        self.set_common(common);
        self.options(&Choices { disabled: disabled.clone(), restored: HashSet::new() })
    }

    /// Adds documents built with the options of [`Session::batch_options`]; returns the
    /// index of the first.
    pub fn extend(&mut self, docs: Vec<Document>, disabled: &HashSet<Rule>) -> usize {
        let first = self.docs.len();
        for doc in docs {
            self.push(doc, Choices { disabled: disabled.clone(), restored: HashSet::new() });
        }
        first
    }

    /// Re-cleans document `index` with new switches and restorations (and re-tags it).
    pub fn reclean(&mut self, index: usize, choices: Choices) -> Result<()> {
        self.document(index)?;
        let options = self.options(&choices);
        self.docs[index].reclean(&options);
        self.choices[index] = choices;
        self.corpus = None;
        Ok(())
    }

    /// Takes `common` as the corpus's shared lines; re-cleans every document if they
    /// changed. Returns the documents whose cleaning (text or edits) changed.
    fn set_common(&mut self, common: HashSet<u64>) -> Vec<usize> {
        if common == self.common {
            return Vec::new();
        }
        self.common = common;
        let mut changed = Vec::new();
        for i in 0..self.docs.len() {
            let options = self.options(&self.choices[i]);
            let doc = &mut self.docs[i];
            let before = std::mem::take(&mut doc.cleaned);
            doc.reclean(&options);
            let after = &doc.cleaned;
            if after.text != before.text || after.edits != before.edits || after.applied != before.applied {
                changed.push(i);
            }
        }
        changed
    }

    /// Runs the corpus stages: the lines shared across documents (re-cleaning the documents
    /// they touch), dedup, related stories, repeated passages, alias merging. Returns the
    /// documents whose cleaning changed.
    pub fn finish(&mut self, dedup: &DedupOptions) -> Vec<usize> {
        let originals: Vec<&str> = self.docs.iter().map(|d| d.original.as_str()).collect();
        let common = clean::common_lines(&originals, CROSS_DOC_MIN);
        let changed = self.set_common(common);
        self.corpus = Some(pipeline::corpus(&self.docs, dedup));
        changed
    }

    /// For each duplicate cluster at `threshold`, its source and every copy's diff against it
    /// (offsets in `unit`); empty before the first `finish`.
    pub fn cluster_diffs(&self, threshold: f32, unit: Unit) -> Vec<pipeline::ClusterDiffView> {
        let Some(c) = &self.corpus else { return Vec::new() };
        let texts: Vec<&str> = self.docs.iter().map(|d| d.original.as_str()).collect();
        pipeline::cluster_diffs(&texts, &c.dedup.pairs, threshold, unit)
    }

    /// Every copy's diff against its cluster's source at `threshold`, one row per copy (the
    /// JSONL export; code points); empty before the first `finish`.
    pub fn diff_export(&self, threshold: f32) -> Vec<pipeline::DiffExportRow> {
        let Some(c) = &self.corpus else { return Vec::new() };
        let docs: Vec<(&str, &str)> = self.docs.iter().map(|d| (d.name.as_str(), d.original.as_str())).collect();
        pipeline::diff_export(&docs, &c.dedup.pairs, threshold)
    }

    /// Cluster ids for another similarity threshold, from the verified pairs of the last
    /// `finish` (no re-hashing); every document alone when `finish` has not run.
    pub fn recluster(&self, threshold: f32) -> Vec<usize> {
        match &self.corpus {
            Some(c) => dedup::cluster(c.dedup.cluster.len(), &c.dedup.pairs, threshold),
            None => (0..self.docs.len()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site's line inside the article body: only the corpus shows it is chrome.
    const CHROME: &str = "Riverside Gazette morning edition for the valley\n";

    /// Four pages of one site, each a story of two paragraphs with the site's line between.
    fn pages() -> Vec<String> {
        let paragraphs = [
            "The council approved the new budget on Tuesday after a long debate about schools and roads in the city.",
            "Floods closed the main bridge for three days while engineers inspected its pillars and the river fell.",
            "The museum reopened its east wing with a show of maps drawn by sailors during the last two centuries.",
            "Farmers said the late frost had cut the apple harvest by a third compared with the average of past years.",
        ];
        (0..4).map(|i| format!("{}\n\n{CHROME}\n{}\n", paragraphs[i], paragraphs[(i + 1) % 4])).collect()
    }

    #[test]
    fn one_by_one_equals_batch() {
        let texts = pages();
        let inputs: Vec<(String, String)> =
            texts.iter().enumerate().map(|(i, t)| (format!("d{i}"), t.clone())).collect();
        let mut one = Session::new();
        for (n, t) in &inputs {
            one.add_text(n, t, HashSet::new());
        }
        // Added one by one, nothing is known across documents yet; finish re-cleans them all.
        let changed = one.finish(&DedupOptions::default());
        assert_eq!(changed, [0, 1, 2, 3]);
        let mut batch = Session::new();
        batch.add_texts(&inputs, &HashSet::new());
        assert_eq!(batch.finish(&DedupOptions::default()), Vec::<usize>::new());
        for (a, b) in one.documents().iter().zip(batch.documents()) {
            assert_eq!(a.cleaned.text, b.cleaned.text);
            assert!(!a.cleaned.text.contains("Gazette"), "{:?}", a.cleaned.text);
        }
        assert_eq!(one.corpus().map(|c| c.entities.len()), batch.corpus().map(|c| c.entities.len()));
    }

    #[test]
    fn choices_survive_finish_and_errors_name_the_document() {
        let mut s = Session::new();
        let texts = pages();
        for t in &texts {
            s.add_text("d", t, HashSet::new());
        }
        s.finish(&DedupOptions::default());
        let at = texts[0].find(CHROME).unwrap();
        let removal = s.documents()[0].cleaned.edits.iter().find(|e| e.start == at).map(|e| e.id);
        let restored: HashSet<u32> = removal.into_iter().collect();
        assert!(!restored.is_empty(), "the shared line is proposed for removal");
        s.reclean(0, Choices { disabled: HashSet::new(), restored }).unwrap();
        assert!(s.documents()[0].cleaned.text.contains(CHROME));
        assert!(s.corpus().is_none(), "a re-clean invalidates the corpus results");
        // A later finish keeps the user's restoration.
        assert!(s.finish(&DedupOptions::default()).is_empty());
        assert!(s.documents()[0].cleaned.text.contains(CHROME));
        assert!(!s.documents()[1].cleaned.text.contains(CHROME));
        assert_eq!(s.reclean(9, Choices::default()).unwrap_err().to_string(), "no document 9");
        assert!(s.document(4).is_err());
    }

    #[test]
    fn recluster_uses_stored_pairs() {
        let mut s = Session::new();
        let texts = pages();
        s.add_text("a", &texts[0], HashSet::new());
        s.add_text("b", &texts[0], HashSet::new());
        // "c" shares no paragraph with "a" (pages 0 and 2 tell different stories).
        s.add_text("c", &texts[2], HashSet::new());
        assert_eq!(s.recluster(0.5), [0, 1, 2], "before finish every document is alone");
        s.finish(&DedupOptions::default());
        assert_eq!(s.recluster(0.5), [0, 0, 2]);
        assert_eq!(s.recluster(1.01), [0, 1, 2]);
    }

    #[test]
    fn adopted_documents_equal_documents_added_here() {
        let texts = pages();
        let mut here = Session::new();
        let mut pooled = Session::new();
        for s in [&mut here, &mut pooled] {
            for t in &texts[..3] {
                s.add_text("d", t, HashSet::new());
            }
            s.finish(&DedupOptions::default());
        }
        assert!(!pooled.common_lines().is_empty(), "the site's line is known as shared");
        let disabled: HashSet<Rule> = [Rule::ALL[1]].into_iter().collect();
        for t in &texts[3..] {
            here.add_text("e", t, disabled.clone());
            // As a worker of the pool does: clean with the session's shared lines, hand over.
            let options = CleanOptions {
                disabled: disabled.clone(),
                restored: HashSet::new(),
                common_lines: pooled.common_lines().into_iter().collect(),
            };
            let doc = Document::from_text("e", t, &options);
            let (index, redone) = pooled.adopt(Handoff::new(&doc, &options)).unwrap();
            assert_eq!((index, redone), (3, false));
        }
        assert_eq!(format!("{:?}", here.documents()), format!("{:?}", pooled.documents()));
        assert_eq!(here.choices, pooled.choices);
        assert_eq!(here.finish(&DedupOptions::default()), pooled.finish(&DedupOptions::default()));
        // A rule switched and an edit restored: re-cleaned here, or in a worker and replaced.
        let edit = here.documents()[1].cleaned.edits.first().map(|e| e.id);
        let choices = Choices { disabled: [Rule::ALL[2]].into_iter().collect(), restored: edit.into_iter().collect() };
        here.reclean(1, choices.clone()).unwrap();
        let options = CleanOptions {
            disabled: choices.disabled.clone(),
            restored: choices.restored.clone(),
            common_lines: pooled.common_lines().into_iter().collect(),
        };
        let doc = Document::from_text("elsewhere", &texts[1], &options);
        assert!(!pooled.replace(1, Handoff::new(&doc, &options)).unwrap());
        assert!(pooled.replace(2, Handoff::new(&doc, &options)).is_err(), "another text");
        assert_eq!(format!("{:?}", here.documents()), format!("{:?}", pooled.documents()));
        assert_eq!(here.choices, pooled.choices);
        let (a, b) = (here.corpus_view(Unit::Chars), pooled.corpus_view(Unit::Chars));
        assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }

    #[test]
    fn rule_names_parse_or_fail_clearly() {
        assert_eq!(parse_rules(&["navigation"]).unwrap().len(), 1);
        assert_eq!(parse_rules(&["nope"]).unwrap_err().to_string(), "unknown rule \"nope\"");
        assert!(parse_rules::<&str>(&[]).unwrap().is_empty());
    }

    #[test]
    fn binary_input_leaves_the_session_unchanged() {
        let mut s = Session::new();
        assert!(s.add_bytes("x.png", b"\x89PNG\r\n\x1a\n\0\0\0", HashSet::new()).is_err());
        assert!(s.is_empty());
        assert_eq!(s.add_bytes("a.txt", b"Plain text.", HashSet::new()).unwrap(), 0);
    }
}
