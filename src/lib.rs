//! # article-analyzer
//!
//! Turns the text of scraped news pages into clean, annotated, de-duplicated articles.
//! The crate is a pure core (no I/O, no clock, no randomness that is not seeded) whose
//! modules mirror the pipeline:
//!
//! ```text
//!  bytes ──decode──▶ original text ──clean──▶ cleaned text + edits + alignment
//!                                               │
//!                        entities ◀─────────────┤  (spans on the cleaned text,
//!                                               │   mapped back to the original)
//!                        dedup ◀────────────────┘  (across all documents)
//! ```
//!
//! One [`Document`] flows through the stages; [`pipeline::analyze`] runs them all. Offsets
//! are **bytes** everywhere inside Rust; [`text::OffsetIndex`] converts them to UTF-16 code
//! units for JavaScript (`src/wasm.rs`, the only wasm boundary) and to Unicode code points
//! for exports and the CLI (`src/bin/article-analyzer.rs`). See DESIGN.md.
#![warn(missing_debug_implementations)]

pub mod clean;
pub mod decode;
pub mod dedup;
pub mod diff;
pub mod document;
pub mod entities;
pub mod error;
pub mod handoff;
pub(crate) mod hash;
pub mod html;
pub mod pipeline;
pub mod quotes;
pub mod session;
pub mod text;
pub(crate) mod union_find;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use document::Document;
pub use error::Error;
