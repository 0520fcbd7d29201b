//! The crate's one error type. It is opaque (a private kind plus a message) so that new
//! failure modes never break callers; the wasm boundary maps it once to a JS `Error` and
//! the CLI prints its `Display` text.

use std::fmt;

/// An error from any stage. Display gives a message fit to show a user as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ErrorKind {
    Binary,
    TooLarge,
    Input,
}

impl Error {
    /// The input is not text (an image, PDF, archive, executable...).
    pub fn binary(what: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Binary, message: what.into() }
    }
    /// The input is over a documented size limit.
    pub fn too_large(what: impl Into<String>) -> Self {
        Error { kind: ErrorKind::TooLarge, message: what.into() }
    }
    /// Any other malformed input (bad JSON line, bad option...).
    pub fn input(what: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Input, message: what.into() }
    }
    /// True when the input was refused as binary.
    pub fn is_binary(&self) -> bool {
        self.kind == ErrorKind::Binary
    }
    /// True when the input was refused for its size.
    pub fn is_too_large(&self) -> bool {
        self.kind == ErrorKind::TooLarge
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Result with the crate's error.
pub type Result<T> = std::result::Result<T, Error>;
