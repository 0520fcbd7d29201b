//! Entities: named-entity spans with types, found on (cleaned) text, and alias merging
//! across documents.
//!
//! - [`names`]: PER / ORG / LOC / MISC, by the trained [`tagger`] on [`tokenize`]d text.
//! - [`rules`]: DATE, TIME, MONEY, PERCENT, QUANTITY, handles, URLs, e-mails.
//! - [`alias`]: canonical entities across all documents (Trump = Donald Trump).

pub mod alias;
pub mod names;
pub mod rules;
pub mod tagger;
pub mod tokenize;

use serde::Serialize;

/// An entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Label {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation.
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
    /// Other names: nationalities, events, works.
    #[serde(rename = "MISC")]
    Misc,
    /// A date or period.
    #[serde(rename = "DATE")]
    Date,
    /// A time of day.
    #[serde(rename = "TIME")]
    Time,
    /// An amount of money.
    #[serde(rename = "MONEY")]
    Money,
    /// A percentage.
    #[serde(rename = "PERCENT")]
    Percent,
    /// A measured quantity.
    #[serde(rename = "QUANTITY")]
    Quantity,
    /// A social-media handle (@name).
    #[serde(rename = "HANDLE")]
    Handle,
    /// A web address.
    #[serde(rename = "URL")]
    Url,
    /// An e-mail address.
    #[serde(rename = "EMAIL")]
    Email,
}

impl Label {
    /// Every label, in legend order.
    pub const ALL: [Label; 12] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
        Label::Handle,
        Label::Url,
        Label::Email,
    ];

    /// The label as text ("PER").
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Handle => "HANDLE",
            Label::Url => "URL",
            Label::Email => "EMAIL",
        }
    }
}

/// One entity mention: a byte range of the text it was found in, and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The type.
    pub label: Label,
}

/// Finds all entities in `text`, sorted by start, non-overlapping. Rule-based types win
/// where they overlap a name (a date is never part of a person).
pub fn recognize(text: &str) -> Vec<Entity> {
    match names::MODEL.as_ref() {
        Some(m) => recognize_with(m, text),
        None => rules::find(text),
    }
}

/// [`recognize`] with a given name model (for evaluating a model file before embedding it).
pub fn recognize_with(model: &tagger::Model, text: &str) -> Vec<Entity> {
    let mut out = rules::find(text);
    let names: Vec<Entity> = names::find_with(model, text)
        .into_iter()
        .filter(|n| !out.iter().any(|r| r.start < n.end && n.start < r.end))
        .collect();
    out.extend(names);
    out.sort_by_key(|e| (e.start, e.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_people_and_dates() {
        let t = "Russian President Vladimir Putin met Donald Trump on June 28, 2019 in Osaka.";
        let got: Vec<(&str, Label)> = recognize(t).iter().map(|e| (&t[e.start..e.end], e.label)).collect();
        assert!(got.contains(&("Vladimir Putin", Label::Per)), "{got:?}");
        assert!(got.contains(&("June 28, 2019", Label::Date)), "{got:?}");
    }
}
