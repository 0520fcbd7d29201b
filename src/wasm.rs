//! The only WebAssembly boundary. Everything here is glue: bytes and plain options in,
//! serde views out (UTF-16 offsets, what JavaScript strings index), and the crate's one
//! error type mapped once to a JS `Error`. No DOM work happens in Rust.

use crate::clean::{self, CleanOptions, Rule};
use crate::dedup::{self, DedupOptions};
use crate::document::Document;
use crate::handoff::Handoff;
use crate::pipeline::{self, Unit};
use crate::session::{parse_rules, Choices, Session};
use crate::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The last panic's message, for the worker's report (the trap only says "unreachable").
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Panics print their message to the console and keep it for `lastPanic` before the instance
/// traps; the worker then reports the failed document and starts a fresh instance.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let msg = info.payload_as_str().unwrap_or("panic").to_string();
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = format!("{msg}{at}"));
    }));
}

/// The message of the last panic, once (empty if the last trap was not a panic, e.g. OOM).
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

/// The page's corpus, held in the worker: glue over [`Session`], with UTF-16 views.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Analyzer(Session);

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
        self.0.len()
    }

    /// Decodes and analyses a dropped file; its view. Throws a message fit for the user on
    /// binary or oversized input (the corpus is unchanged then).
    #[wasm_bindgen(js_name = addBytes)]
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8], disabled: Vec<String>) -> Result<JsValue, JsError> {
        let index = self.0.add_bytes(name, bytes, parse_rules(&disabled).map_err(js)?).map_err(js)?;
        self.document(index)
    }

    /// Analyses pasted (already decoded) text; its view.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(&mut self, name: &str, text: &str, disabled: Vec<String>) -> Result<JsValue, JsError> {
        let index = self.0.add_text(name, text, parse_rules(&disabled).map_err(js)?);
        self.document(index)
    }

    /// Adds a document analysed by a worker of the pool ([`analyse_bytes`]) without
    /// analysing it again. Returns `[index, view]`: `view` is null when the pool's view
    /// stands, or the document's new view when it had to be re-analysed (the corpus's shared
    /// lines changed while it was in the pool).
    pub fn adopt(&mut self, handoff: &[u8]) -> Result<js_sys::Array, JsError> {
        let (index, redone) = self.0.adopt(Handoff::from_bytes(handoff).map_err(js)?).map_err(js)?;
        let view = if redone { self.document(index)? } else { JsValue::NULL };
        Ok(js_sys::Array::of2(&JsValue::from(index as f64), &view))
    }

    /// Replaces document `index` with its re-cleaning by a worker of the pool
    /// ([`analyse_text`] of its decoded text with the new switches and restorations); its view.
    pub fn replace(&mut self, index: usize, handoff: &[u8]) -> Result<JsValue, JsError> {
        self.0.replace(index, Handoff::from_bytes(handoff).map_err(js)?).map_err(js)?;
        self.document(index)
    }

    /// The hashes of the lines shared across the corpus, which workers of the pool clean
    /// new documents with (a `BigUint64Array`).
    #[wasm_bindgen(js_name = commonLines)]
    pub fn common_lines(&self) -> Vec<u64> {
        self.0.common_lines()
    }

    /// Analyses a pasted page's HTML (the clipboard's `text/html`); its view.
    #[wasm_bindgen(js_name = addHtml)]
    pub fn add_html(&mut self, name: &str, html: &str, disabled: Vec<String>) -> Result<JsValue, JsError> {
        let index = self.0.add_html(name, html, parse_rules(&disabled).map_err(js)?);
        self.document(index)
    }

    /// Re-cleans document `index` with the user's switches and restorations; its view.
    pub fn reclean(&mut self, index: usize, disabled: Vec<String>, restored: Vec<u32>) -> Result<JsValue, JsError> {
        let choices =
            Choices { disabled: parse_rules(&disabled).map_err(js)?, restored: restored.into_iter().collect() };
        self.0.reclean(index, choices).map_err(js)?;
        self.document(index)
    }

    /// The view of document `index`.
    pub fn document(&self, index: usize) -> Result<JsValue, JsError> {
        to_js(&pipeline::document_view(self.0.document(index).map_err(js)?, Unit::Utf16))
    }

    /// Runs the corpus stages (see [`Session::finish`]). Returns `{ corpus, changed }` where
    /// `changed` lists the documents whose cleaning changed.
    pub fn finish(&mut self, threshold: f32) -> Result<JsValue, JsError> {
        let changed = self.0.finish(&DedupOptions { threshold, ..DedupOptions::default() });
        to_js(&pipeline::FinishedView { corpus: self.0.corpus_view(Unit::Utf16), changed })
    }

    /// Clusters for another threshold, from the stored pairs (no re-hashing).
    pub fn recluster(&self, threshold: f32) -> Vec<usize> {
        self.0.recluster(threshold)
    }

    /// Each duplicate cluster at `threshold`: its source and every copy's diff against it
    /// (ops with word changes and a one-line summary; UTF-16 offsets).
    #[wasm_bindgen(js_name = clusterDiffs)]
    pub fn cluster_diffs(&self, threshold: f32) -> Result<JsValue, JsError> {
        to_js(&self.0.cluster_diffs(threshold, Unit::Utf16))
    }

    /// Every copy's diff against its source at `threshold`, one row per copy (code points,
    /// span text on both sides): the rows of the JSONL export.
    #[wasm_bindgen(js_name = diffExport)]
    pub fn diff_export(&self, threshold: f32) -> Result<JsValue, JsError> {
        to_js(&self.0.diff_export(threshold))
    }
}

/// The per-document stages for a worker of the page's pool, on a dropped file: decodes,
/// cleans with the rules `disabled` and the corpus's shared lines `common` (from
/// [`Analyzer::common_lines`]), finds entities. Returns `[view, handoff]`: the document's
/// view (UTF-16) and the bytes [`Analyzer::adopt`] takes. Binary or oversized input throws a
/// message fit for the user.
#[wasm_bindgen(js_name = analyseBytes)]
pub fn analyse_bytes(
    name: &str,
    bytes: &[u8],
    disabled: Vec<String>,
    common: Vec<u64>,
) -> Result<js_sys::Array, JsError> {
    let options = pool_options(&disabled, common)?;
    handed(&Document::from_bytes(name, bytes, &options).map_err(js)?, &options)
}

/// [`analyse_bytes`] on pasted (already decoded) text, or on a document's decoded text to
/// re-clean it with the edits `restored` ([`Analyzer::replace`]).
#[wasm_bindgen(js_name = analyseText)]
pub fn analyse_text(
    name: &str,
    text: &str,
    disabled: Vec<String>,
    common: Vec<u64>,
    restored: Vec<u32>,
) -> Result<js_sys::Array, JsError> {
    let mut options = pool_options(&disabled, common)?;
    options.restored = restored.into_iter().collect();
    handed(&Document::from_text(name, text, &options), &options)
}

/// [`analyse_bytes`] on a pasted page's HTML (the clipboard's `text/html`).
#[wasm_bindgen(js_name = analyseHtml)]
pub fn analyse_html(name: &str, html: &str, disabled: Vec<String>, common: Vec<u64>) -> Result<js_sys::Array, JsError> {
    let options = pool_options(&disabled, common)?;
    handed(&Document::from_html(name, html, "utf-8", &options), &options)
}

fn pool_options(disabled: &[String], common: Vec<u64>) -> Result<CleanOptions, JsError> {
    let disabled = parse_rules(disabled).map_err(js)?;
    Ok(CleanOptions { disabled, restored: Default::default(), common_lines: common.into_iter().collect() })
}

fn handed(doc: &Document, options: &CleanOptions) -> Result<js_sys::Array, JsError> {
    let view = to_js(&pipeline::document_view(doc, Unit::Utf16))?;
    let handoff = js_sys::Uint8Array::from(Handoff::new(doc, options).to_bytes().as_slice());
    Ok(js_sys::Array::of2(&view, &handoff))
}

/// The rule names, kinds and labels the page shows as switches.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&Rule::ALL.iter().map(|r| (r.name(), r.kind())).collect::<Vec<_>>())
}

/// Panics on purpose: the worker's fault handling is tested with it.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("debugPanic called: simulated fault");
}

/// Runs out of memory on purpose, as a huge input could: 1 GiB blocks until wasm32's 4 GiB
/// are full and the allocator fails (a trap, like a panic). The blocks are never written, so
/// the browser commits almost none of it.
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

/// The cluster id of every text, dedup alone (for scripts/bench-page.mjs).
#[wasm_bindgen(js_name = dedupTexts)]
pub fn dedup_texts(texts: Vec<String>, threshold: f32) -> Vec<usize> {
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    dedup::dedup(&refs, &DedupOptions { threshold, ..DedupOptions::default() }).cluster
}

/// One page text cleaned with the default rules (for scripts/bench-wasm.mjs).
#[wasm_bindgen(js_name = cleanText)]
pub fn clean_text(text: &str) -> String {
    clean::clean(text).text
}

/// Entities of `text` as given: `[{start, end, label, text}]`, UTF-16 offsets.
#[wasm_bindgen(js_name = recognize)]
pub fn recognize_js(text: &str) -> Result<JsValue, JsError> {
    to_js(&pipeline::entity_spans(text, Unit::Utf16))
}
