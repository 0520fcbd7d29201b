//! The only WebAssembly boundary. Everything here is glue: bytes and plain options in,
//! serde views out (UTF-16 offsets, what JavaScript strings index), and the crate's one
//! error type mapped once to a JS `Error`. No DOM work happens in Rust.

use crate::clean::{self, CleanOptions, Rule};
use crate::dedup::{self, DedupOptions};
use crate::document::Document;
use crate::pipeline::{self, Unit};
use crate::Error;
use serde::Serialize;
use std::collections::HashSet;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The message of the last panic, kept for the worker's report (the trap itself only
    /// says "unreachable").
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Panics print their message to the console and keep it for `lastPanic` before the
/// instance traps; the worker then reports the failed document and starts a fresh instance.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let msg = info.payload_as_str().unwrap_or("panic").to_string();
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = format!("{msg}{at}"));
    }));
}

/// The message of the last panic, once (empty if the last trap was not a panic, e.g. out of
/// memory).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> String {
    LAST_PANIC.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// The one mapping of core errors to JS errors (a real `Error` whose message is ours).
fn js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // json_compatible: tuples and maps arrive as plain arrays and objects.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("internal: {e}")))
}

/// A corpus held in the worker: documents are added one by one (so the page can show
/// progress), then the corpus-level stages run once.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Analyzer {
    docs: Vec<Document>,
    /// Per-document user choices: disabled rules and restored edit ids.
    choices: Vec<(HashSet<Rule>, HashSet<u32>)>,
    /// Lines recurring across documents (site chrome), from the last `finish`.
    common: HashSet<u64>,
    corpus: Option<pipeline::Corpus>,
}

fn parse_rules(names: Vec<String>) -> Result<HashSet<Rule>, Error> {
    names
        .iter()
        .map(|n| Rule::from_name(n).ok_or_else(|| Error::input(format!("unknown rule {n:?}"))))
        .collect()
}

#[wasm_bindgen]
impl Analyzer {
    /// An empty corpus.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// Number of documents.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.docs.len()
    }

    /// Decodes and analyses a dropped file. Throws (with a message fit for the user) on
    /// binary or oversized input; the corpus is unchanged then.
    #[wasm_bindgen(js_name = addBytes)]
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8], disabled: Vec<String>) -> Result<JsValue, JsError> {
        let rules = parse_rules(disabled).map_err(js)?;
        let options = self.options(&rules, &HashSet::new());
        let doc = Document::from_bytes(name, bytes, &options).map_err(js)?;
        self.push(doc, rules)
    }

    /// Analyses pasted (already decoded) text.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(&mut self, name: &str, text: &str, disabled: Vec<String>) -> Result<JsValue, JsError> {
        let rules = parse_rules(disabled).map_err(js)?;
        let options = self.options(&rules, &HashSet::new());
        let doc = Document::from_text(name, text, &options);
        self.push(doc, rules)
    }

    /// Re-cleans document `index` with the user's switches and restorations.
    pub fn reclean(&mut self, index: usize, disabled: Vec<String>, restored: Vec<u32>) -> Result<JsValue, JsError> {
        let rules = parse_rules(disabled).map_err(js)?;
        let restored: HashSet<u32> = restored.into_iter().collect();
        let options = self.options(&rules, &restored);
        let doc = self.docs.get_mut(index).ok_or_else(|| js(Error::input("no such document")))?;
        doc.reclean(&options);
        self.choices[index] = (rules, restored);
        to_js(&pipeline::document_view(&self.docs[index], Unit::Utf16))
    }

    /// The view of document `index`.
    pub fn document(&self, index: usize) -> Result<JsValue, JsError> {
        let doc = self.docs.get(index).ok_or_else(|| js(Error::input("no such document")))?;
        to_js(&pipeline::document_view(doc, Unit::Utf16))
    }

    /// Removes document `index`.
    pub fn remove(&mut self, index: usize) {
        if index < self.docs.len() {
            self.docs.remove(index);
            self.choices.remove(index);
            self.corpus = None;
        }
    }

    /// Runs the corpus stages: cross-document chrome (re-cleaning the documents it touches),
    /// dedup, repeated passages, alias merging. Returns `{ corpus, changed }` where `changed`
    /// lists the documents whose cleaned text changed.
    pub fn finish(&mut self, threshold: f32) -> Result<JsValue, JsError> {
        let originals: Vec<&str> = self.docs.iter().map(|d| d.original.as_str()).collect();
        let common = clean::common_lines(&originals, 3);
        let mut changed = Vec::new();
        if common != self.common {
            self.common = common;
            for i in 0..self.docs.len() {
                let (rules, restored) = self.choices[i].clone();
                let options = self.options(&rules, &restored);
                let before = self.docs[i].cleaned.text.len();
                let had = self.docs[i].cleaned.edits.len();
                self.docs[i].reclean(&options);
                if self.docs[i].cleaned.text.len() != before || self.docs[i].cleaned.edits.len() != had {
                    changed.push(i);
                }
            }
        }
        let opts = DedupOptions { threshold, ..DedupOptions::default() };
        let corpus = pipeline::corpus(&self.docs, &opts);
        let view = pipeline::corpus_view(&self.docs, &corpus, Unit::Utf16);
        self.corpus = Some(corpus);
        #[derive(Serialize)]
        struct Finished {
            corpus: pipeline::CorpusView,
            changed: Vec<usize>,
        }
        to_js(&Finished { corpus: view, changed })
    }

    /// Clusters for another similarity threshold, from the stored pairs (no re-hashing).
    pub fn recluster(&self, threshold: f32) -> Vec<usize> {
        match &self.corpus {
            Some(c) => dedup::cluster(c.dedup.cluster.len(), &c.dedup.pairs, threshold),
            None => (0..self.docs.len()).collect(),
        }
    }
}

impl Analyzer {
    fn options(&self, disabled: &HashSet<Rule>, restored: &HashSet<u32>) -> CleanOptions {
        CleanOptions { disabled: disabled.clone(), restored: restored.clone(), common_lines: self.common.clone() }
    }

    fn push(&mut self, doc: Document, rules: HashSet<Rule>) -> Result<JsValue, JsError> {
        let view = pipeline::document_view(&doc, Unit::Utf16);
        self.docs.push(doc);
        self.choices.push((rules, HashSet::new()));
        to_js(&view)
    }
}

/// The rule names, kinds and labels the page shows as switches.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    let rules: Vec<(&str, clean::EditKind)> = Rule::ALL.iter().map(|r| (r.name(), r.kind())).collect();
    to_js(&rules)
}

/// Panics on purpose: the worker's fault handling is tested with it.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("debugPanic called: simulated fault");
}

/// Runs out of memory on purpose, as a huge input could: asks for 1 GiB blocks until wasm32's
/// 4 GiB address space is full, when the allocator fails and Rust aborts (a trap, like a
/// panic). The blocks are never written, so the browser commits almost none of it.
#[wasm_bindgen(js_name = debugOom)]
pub fn debug_oom() -> usize {
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    loop {
        blocks.push(Vec::with_capacity(1 << 30));
        if blocks.len() > 8 {
            return blocks.len(); // unreachable on wasm32: more than its whole address space
        }
    }
}

/// Clusters of near-duplicate texts (dedup alone, no cleaning or entities): the cluster id
/// of every text. For the in-page benchmark (scripts/bench-page.mjs) and scripts.
#[wasm_bindgen(js_name = dedupTexts)]
pub fn dedup_texts(texts: Vec<String>, threshold: f32) -> Vec<usize> {
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    dedup::dedup(&refs, &DedupOptions { threshold, ..DedupOptions::default() }).cluster
}

/// Cleans one page text with the default rules (for scripts and benchmarks; the page uses
/// `Analyzer`, which also keeps the edits).
#[wasm_bindgen(js_name = cleanText)]
pub fn clean_text(text: &str) -> String {
    clean::clean(text).text
}

/// Entities of `text` as it is (not cleaned): `[{start, end, label}]`, UTF-16 offsets.
#[wasm_bindgen(js_name = recognize)]
pub fn recognize_js(text: &str) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Span {
        start: usize,
        end: usize,
        label: &'static str,
    }
    let idx = crate::text::OffsetIndex::new(text);
    let spans: Vec<Span> = crate::entities::recognize(text)
        .iter()
        .map(|e| Span { start: idx.utf16(e.start), end: idx.utf16(e.end), label: e.label.as_str() })
        .collect();
    to_js(&spans)
}
