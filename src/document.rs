//! The one document type that flows through the pipeline.

use crate::clean::{self, CleanOptions, Cleaned};
use crate::decode::{self, Decoded};
use crate::entities::{self, Entity};
use crate::error::Result;

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
}

impl Document {
    /// Decodes `bytes` and runs the per-document stages.
    pub fn from_bytes(name: &str, bytes: &[u8], options: &CleanOptions) -> Result<Self> {
        let Decoded { text, encoding, html } = decode::decode(bytes, name)?;
        Ok(Self::build(name, text, encoding, html, options))
    }

    /// Runs the per-document stages on text that is already decoded.
    pub fn from_text(name: &str, text: &str, options: &CleanOptions) -> Self {
        Self::build(name, text.to_owned(), "utf-8", false, options)
    }

    fn build(name: &str, text: String, encoding: &'static str, html: bool, options: &CleanOptions) -> Self {
        let cleaned = clean::clean_with(&text, options);
        let entities = entities::recognize(&cleaned.text);
        Document { name: name.to_owned(), original: text, encoding, html, cleaned, entities }
    }

    /// Re-cleans with new options (rule switches, restored edits) and re-runs entities.
    pub fn reclean(&mut self, options: &CleanOptions) {
        self.cleaned = clean::clean_with(&self.original, options);
        self.entities = entities::recognize(&self.cleaned.text);
    }
}
