//! A document analysed in one place and adopted by a session elsewhere: the page's pool of
//! workers runs the per-document stages (decode, clean, entities) and hands each result to
//! the one worker that holds the [`Session`](crate::session::Session), which must not redo
//! them.
//!
//! What crosses is what cannot be recomputed cheaply: the decoded text, the *proposed*
//! edits (finding them is most of cleaning) and the entities (recognising them is the other
//! expensive part). The session rebuilds the cleaned text and its alignment by applying the
//! edits ([`clean::apply`], one linear copy), so the adopted document is the one the
//! session would have built itself (a test checks it field by field). Edits are proposed
//! with the corpus's shared lines as known when the worker started; the handoff carries
//! them, and a session whose shared lines have changed since re-analyses the document
//! instead (rare: only when a corpus step ran while the document was in a worker).
//!
//! The encoding is JSON (serde_json, already a dependency): measured on 5,000 small files
//! it is a few per cent of the analysis, and it is plain to debug.

use crate::clean::{self, CleanOptions, Edit, Rule};
use crate::document::Document;
use crate::entities::{Entity, Label};
use crate::error::{Error, Result};
use crate::html::Metadata;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One analysed document in transit between workers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    name: String,
    original: String,
    encoding: String,
    html: bool,
    /// Rules switched off when it was cleaned (the adopting session keeps them as its choices).
    disabled: Vec<String>,
    /// Edits restored by the user when it was cleaned (a re-cleaned document), sorted.
    restored: Vec<u32>,
    /// The corpus's shared lines it was cleaned with, sorted.
    common: Vec<u64>,
    /// Every proposed edit: (id, start, end, replacement, rule, reason).
    edits: Vec<(u32, usize, usize, String, String, String)>,
    /// Entities on the cleaned text: (start, end, label).
    entities: Vec<(usize, usize, String)>,
    /// For an HTML page: the structure's verdict on each line, (rule, reason) or none.
    #[serde(default)]
    dom: Option<Vec<Option<(String, String)>>>,
    /// For an HTML page: its metadata, and why nothing was kept when nothing was.
    #[serde(default)]
    metadata: Option<Metadata>,
    #[serde(default)]
    empty_reason: Option<String>,
}

/// The sorted form of a set of shared-line hashes (what crosses, and what is compared).
pub fn sorted(common: &HashSet<u64>) -> Vec<u64> {
    let mut v: Vec<u64> = common.iter().copied().collect();
    v.sort_unstable();
    v
}

impl Handoff {
    /// The handoff of `doc`, cleaned with `options`.
    pub fn new(doc: &Document, options: &CleanOptions) -> Handoff {
        let mut disabled: Vec<String> = options.disabled.iter().map(|r| r.name().to_string()).collect();
        disabled.sort_unstable();
        let mut restored: Vec<u32> = options.restored.iter().copied().collect();
        restored.sort_unstable();
        Handoff {
            name: doc.name.clone(),
            original: doc.original.clone(),
            encoding: doc.encoding.to_string(),
            html: doc.html,
            disabled,
            restored,
            common: sorted(&options.common_lines),
            edits: doc
                .cleaned
                .edits
                .iter()
                .map(|e| (e.id, e.start, e.end, e.replacement.clone(), e.rule.name().to_string(), e.reason.to_string()))
                .collect(),
            entities: doc.entities.iter().map(|e| (e.start, e.end, e.label.as_str().to_string())).collect(),
            dom: doc.dom.as_ref().map(|lines| {
                lines.iter().map(|v| v.as_ref().map(|(rule, why)| (rule.name().to_string(), why.clone()))).collect()
            }),
            metadata: doc.metadata.clone(),
            empty_reason: doc.empty_reason.clone(),
        }
    }

    /// JSON bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serialising plain strings, numbers and vectors cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads [`Handoff::to_bytes`] back.
    pub fn from_bytes(bytes: &[u8]) -> Result<Handoff> {
        serde_json::from_slice(bytes).map_err(|e| Error::input(format!("internal: bad handoff: {e}")))
    }

    /// The rules it was cleaned without.
    pub fn disabled(&self) -> Result<HashSet<Rule>> {
        crate::session::parse_rules(&self.disabled)
    }

    /// The edits the user had restored.
    pub fn restored(&self) -> HashSet<u32> {
        self.restored.iter().copied().collect()
    }

    /// The decoded text.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The document, for a session whose shared lines are `common`.
    /// Returns it and whether it had to be analysed again (its shared lines were stale).
    pub fn into_document(self, common: &HashSet<u64>) -> Result<(Document, bool)> {
        let options =
            CleanOptions { disabled: self.disabled()?, restored: self.restored(), common_lines: common.clone() };
        // The decoder's names, then any a page may declare (encoding_rs's canonical names).
        let encoding = ["utf-8", "utf-16le", "utf-16be", "windows-1252"]
            .into_iter()
            .find(|e| *e == self.encoding)
            .or_else(|| encoding_rs::Encoding::for_label(self.encoding.as_bytes()).map(|e| e.name()))
            .filter(|e| *e == self.encoding)
            .ok_or_else(|| Error::input(format!("internal: unknown encoding {:?}", self.encoding)))?;
        let dom = match self.dom {
            Some(lines) => Some(
                lines
                    .into_iter()
                    .map(|v| match v {
                        Some((rule, why)) => Rule::from_name(&rule)
                            .map(|r| Some((r, why)))
                            .ok_or_else(|| Error::input(format!("internal: bad rule {rule:?} in handoff"))),
                        None => Ok(None),
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
            None => None,
        };
        if self.common != sorted(common) {
            let mut doc = match &dom {
                Some(verdicts) => Document::from_lines(&self.name, &self.original, verdicts.clone(), &options),
                None => Document::from_text(&self.name, &self.original, &options),
            };
            doc.encoding = encoding;
            doc.html = self.html;
            (doc.metadata, doc.empty_reason) = (self.metadata, self.empty_reason);
            return Ok((doc, true));
        }
        let text = &self.original;
        let mut edits = Vec::with_capacity(self.edits.len());
        for (id, start, end, replacement, rule, reason) in self.edits {
            let ok = start <= end && text.is_char_boundary(start) && text.is_char_boundary(end);
            let rule = Rule::from_name(&rule).filter(|_| ok);
            let rule = rule.ok_or_else(|| Error::input(format!("internal: bad edit {id} in handoff")))?;
            edits.push(Edit { id, start, end, replacement, rule, reason: reason.into() });
        }
        let cleaned = clean::apply(text, edits, &options);
        let mut ents = Vec::with_capacity(self.entities.len());
        for (start, end, label) in self.entities {
            let label = Label::ALL.into_iter().find(|l| l.as_str() == label);
            let ok = start <= end && cleaned.text.is_char_boundary(start) && cleaned.text.is_char_boundary(end);
            let label = label.filter(|_| ok).ok_or_else(|| Error::input("internal: bad entity in handoff"))?;
            ents.push(Entity { start, end, label });
        }
        let doc = Document {
            name: self.name,
            original: self.original,
            encoding,
            html: self.html,
            cleaned,
            entities: ents,
            dom,
            metadata: self.metadata,
            empty_reason: self.empty_reason,
        };
        Ok((doc, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Document, b: &Document) {
        // Debug prints every field, the alignment's private segments included.
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    fn texts() -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
            .collect();
        // HTML pages too: their structure's verdicts and metadata cross with them.
        let html = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
        for e in std::fs::read_dir(html).unwrap().filter_map(|e| e.ok()) {
            out.push((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()));
        }
        out.sort();
        out.push(("odd.txt".into(), "caf\u{e9} \u{201c}quoted\u{201d} \u{1f600} Angela Merkel said.\n".into()));
        out
    }

    #[test]
    fn adopted_document_is_the_one_the_session_builds() {
        let common: HashSet<u64> = [1u64, 2, 3].into_iter().collect();
        let disabled: HashSet<Rule> = [Rule::ALL[0]].into_iter().collect();
        for (name, bytes) in texts() {
            let restored: HashSet<u32> = [0, 2].into_iter().collect();
            let options = CleanOptions { disabled: disabled.clone(), restored, common_lines: common.clone() };
            let Ok(doc) = Document::from_bytes(&name, &bytes, &options) else { continue };
            let h = Handoff::from_bytes(&Handoff::new(&doc, &options).to_bytes()).unwrap();
            assert_eq!(h.disabled().unwrap(), disabled);
            let (back, redone) = h.into_document(&common).unwrap();
            assert!(!redone, "{name}");
            same(&doc, &back);
        }
    }

    #[test]
    fn stale_shared_lines_mean_analysing_again() {
        let text = "Site menu line one two\nThe council met on Monday in Berlin.\n";
        let stale = CleanOptions::default();
        let doc = Document::from_text("a", text, &stale);
        let now: HashSet<u64> =
            [crate::hash::fnv1a(crate::text::line_key("Site menu line one two").as_bytes())].into_iter().collect();
        let (back, redone) = Handoff::new(&doc, &stale).into_document(&now).unwrap();
        assert!(redone);
        let options = CleanOptions { common_lines: now, ..CleanOptions::default() };
        same(&Document::from_text("a", text, &options), &back);
    }

    #[test]
    fn damaged_handoffs_are_errors_not_panics() {
        let doc = Document::from_text("a", "Angela Merkel met Emmanuel Macron in Paris.", &CleanOptions::default());
        let h = Handoff::new(&doc, &CleanOptions::default());
        assert!(Handoff::from_bytes(b"{").is_err());
        let mut bad = h.clone();
        bad.entities.push((3, 999, "PER".into()));
        assert!(bad.into_document(&HashSet::new()).is_err());
        let mut bad = h.clone();
        bad.edits.push((9, 5, 2, String::new(), "spacing".into(), String::new()));
        assert!(bad.into_document(&HashSet::new()).is_err());
        let mut bad = h;
        bad.encoding = "koi8-r".into();
        assert!(bad.into_document(&HashSet::new()).is_err());
    }
}
