//! Alias merging: mentions across all documents grouped into canonical entities.
//!
//! A mention joins a canonical entity when its normalised form equals one of the entity's
//! keys: the full form, or (for people) the surname, so "Trump", "Donald Trump" and
//! "Donald J. Trump" meet. The canonical name is the longest frequent form.

use super::{Entity, Label};
use serde::Serialize;
use std::collections::BTreeMap;

/// One canonical entity across the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Canonical {
    /// The display name (the most complete form seen).
    pub name: String,
    /// The type.
    pub label: Label,
    /// Every surface form seen, with its count, most frequent first.
    pub aliases: Vec<(String, usize)>,
    /// (document index, mention index in that document) of every mention.
    pub mentions: Vec<(usize, usize)>,
    /// Document indices, ascending, without repeats.
    pub documents: Vec<usize>,
    /// Number of mentions.
    pub count: usize,
}

/// Normalises a surface form: case, punctuation and diacritics-free ASCII-ish words.
pub fn normalise(s: &str) -> String {
    crate::clean::line_key(s).replace(['’', '\''], "")
}

/// Groups the mentions of all documents. `docs[i]` = (text, entities of that text).
pub fn merge(docs: &[(&str, &[Entity])]) -> Vec<Canonical> {
    // Full normalised form -> group, per label family.
    let mut groups: BTreeMap<(Label, String), Vec<(usize, usize, String)>> = BTreeMap::new();
    for (d, (text, ents)) in docs.iter().enumerate() {
        for (m, e) in ents.iter().enumerate() {
            let surface = text[e.start..e.end].to_string();
            groups.entry((e.label, normalise(&surface))).or_default().push((d, m, surface));
        }
    }
    // People: a one-word form joins the longest multi-word form ending in that word.
    let keys: Vec<(Label, String)> = groups.keys().cloned().collect();
    for (label, key) in &keys {
        if *label != Label::Per || key.contains(' ') {
            continue;
        }
        let target = keys
            .iter()
            .filter(|(l, k)| l == label && k.ends_with(&format!(" {key}")))
            .max_by_key(|(_, k)| groups.get(&(*label, k.clone())).map_or(0, Vec::len));
        if let Some(t) = target.cloned() {
            if let Some(ms) = groups.remove(&(*label, key.clone())) {
                groups.entry(t).or_default().extend(ms);
            }
        }
    }
    let mut out: Vec<Canonical> = groups
        .into_iter()
        .map(|((label, _), ms)| {
            let mut forms: BTreeMap<String, usize> = BTreeMap::new();
            for (_, _, s) in &ms {
                *forms.entry(s.clone()).or_default() += 1;
            }
            let mut aliases: Vec<(String, usize)> = forms.into_iter().collect();
            aliases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let name = aliases
                .iter()
                .max_by(|a, b| {
                    a.0.split(' ').count().cmp(&b.0.split(' ').count()).then(a.1.cmp(&b.1)).then(b.0.cmp(&a.0))
                })
                .map(|a| a.0.clone())
                .unwrap_or_default();
            let mut documents: Vec<usize> = ms.iter().map(|m| m.0).collect();
            documents.sort_unstable();
            documents.dedup();
            Canonical {
                name,
                label,
                count: ms.len(),
                mentions: ms.iter().map(|m| (m.0, m.1)).collect(),
                aliases,
                documents,
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    out
}
