//! The one document type that flows through the pipeline.

use crate::clean::{self, CleanOptions, Cleaned};
use crate::decode::{self, Decoded};
use crate::entities::{self, Entity};
use crate::error::Result;
use crate::html::{self, Metadata};

/// A document after decoding, cleaning and entity recognition.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name, or a name given to pasted text.
    pub name: String,
    /// The decoded text, before cleaning.
    pub original: String,
    /// How the bytes were decoded.
    pub encoding: &'static str,
    /// True when the input was HTML rendered to text.
    pub html: bool,
    /// The cleaned text, its edits and the alignment back to `original`.
    pub cleaned: Cleaned,
    /// Entities on the cleaned text (byte offsets into `cleaned.text`).
    pub entities: Vec<Entity>,
    /// For HTML input: the structure's verdict on each line of `original` (the page's
    /// visible text), kept so that re-cleaning keeps them.
    pub dom: Option<Vec<Option<(clean::Rule, String)>>>,
    /// For HTML input: what the page declares about itself (title, byline, date, ...).
    pub metadata: Option<Metadata>,
    /// For HTML input without an article: why nothing was kept.
    pub empty_reason: Option<String>,
}

impl Document {
    /// Decodes `bytes` and runs the per-document stages.
    /// HTML (a `.html`/`.htm` name or an HTML start) is read for its article
    /// ([`Document::from_html`]).
    pub fn from_bytes(name: &str, bytes: &[u8], options: &CleanOptions) -> Result<Self> {
        let lower = name.to_ascii_lowercase();
        let head = &bytes[..bytes.len().min(4096)];
        let sniffed = std::str::from_utf8(head)
            .map(html::looks_like_html)
            .unwrap_or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]).is_ok_and(html::looks_like_html));
        if (lower.ends_with(".html") || lower.ends_with(".htm") || sniffed)
            && !bytes.starts_with(b"\xFF\xFE")
            && !bytes.starts_with(b"\xFE\xFF")
        {
            // Refuse binary data and oversized files as for text.
            decode::check(bytes, name)?;
            let (source, encoding) = html::decode(bytes);
            return Ok(Self::from_html(name, &source, encoding, options));
        }
        let Decoded { text, encoding, html } = decode::decode(bytes, name)?;
        Ok(Self::build(name, text, encoding, html, options))
    }

    /// Reads an HTML page for its article: the original is the page's visible text, the
    /// structure's verdicts are removal edits beside the line rules' edits.
    pub fn from_html(name: &str, source: &str, encoding: &'static str, options: &CleanOptions) -> Self {
        let page = html::extract(source);
        let cleaned = clean::clean_html(&page, options);
        let entities = entities::recognize(&cleaned.text);
        Document {
            name: name.to_owned(),
            original: page.text,
            encoding,
            html: true,
            cleaned,
            entities,
            dom: Some(page.verdicts),
            metadata: Some(page.metadata),
            empty_reason: page.empty_reason,
        }
    }

    /// A page's visible text cleaned again with its structure's verdicts (the metadata is
    /// the caller's to keep): [`Document::from_html`] without parsing the page again.
    pub fn from_lines(
        name: &str,
        text: &str,
        verdicts: Vec<Option<(clean::Rule, String)>>,
        options: &CleanOptions,
    ) -> Self {
        let cleaned = clean::clean_lines(text, &verdicts, options);
        let entities = entities::recognize(&cleaned.text);
        Document {
            name: name.to_owned(),
            original: text.to_owned(),
            encoding: "utf-8",
            html: true,
            cleaned,
            entities,
            dom: Some(verdicts),
            metadata: None,
            empty_reason: None,
        }
    }

    /// Runs the per-document stages on text that is already decoded.
    pub fn from_text(name: &str, text: &str, options: &CleanOptions) -> Self {
        Self::build(name, text.to_owned(), "utf-8", false, options)
    }

    fn build(name: &str, text: String, encoding: &'static str, html: bool, options: &CleanOptions) -> Self {
        let cleaned = clean::clean_with(&text, options);
        let entities = entities::recognize(&cleaned.text);
        Document {
            name: name.to_owned(),
            original: text,
            encoding,
            html,
            cleaned,
            entities,
            dom: None,
            metadata: None,
            empty_reason: None,
        }
    }

    /// Re-cleans with new options (rule switches, restored edits) and re-runs entities.
    pub fn reclean(&mut self, options: &CleanOptions) {
        self.cleaned = match &self.dom {
            Some(dom) => clean::clean_lines(&self.original, dom, options),
            None => clean::clean_with(&self.original, options),
        };
        self.entities = entities::recognize(&self.cleaned.text);
    }
}
