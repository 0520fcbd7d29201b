//! The cleaning rules: they read the page text and propose edits; they never apply them.

use super::{hash64, line_key, Edit, Rule};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Whole-line page chrome: (pattern on the lowercased, trimmed line, rule, reason).
static CHROME: LazyLock<Vec<(Regex, Rule, &'static str)>> = LazyLock::new(|| {
    let table: &[(&str, Rule, &str)] = &[
        (r"^(advertisement|sponsored|ad|ads)\b.{0,40}$", Rule::Advertisement, "ad marker"),
        (r"^(home|news)\s*(»|>|/|›|\|)", Rule::Navigation, "breadcrumb"),
        (r"^(connect|follow) (with )?us\b", Rule::Prompt, "follow prompt"),
        (r"^(share|share it|share this|tweet|email|print)\b.{0,30}$", Rule::Prompt, "share prompt"),
        (r"^(leave a (comment|reply)|comments?)\b.{0,30}$", Rule::Prompt, "comment prompt"),
        (r"adblock|ad blocker|disabling your", Rule::Prompt, "adblock prompt"),
        (r"^(you may also like|related( stories| articles)?|read more|more from|next story|recommended)\b", Rule::Related, "related-stories heading"),
        (r"^(photo|image|credit|source)s?\s*:", Rule::Caption, "photo credit"),
        (r"^(written by|by [a-z]+ [a-z]+$)", Rule::Byline, "byline"),
        (r"^hi, what are you looking for", Rule::Navigation, "search box"),
        (r"this site uses akismet|comments posted here are not|refrain from using derogatory", Rule::Furniture, "comment policy"),
        (r"^editor’?'?s note:", Rule::Furniture, "editor's note"),
        (r"newsletter|sign up for|subscribe", Rule::Prompt, "newsletter prompt"),
        (r"cookies?\b.*\b(accept|consent|policy)", Rule::Prompt, "cookie prompt"),
    ];
    table
        .iter()
        .map(|&(p, r, why)| (Regex::new(p).expect("static pattern"), r, why))
        .collect()
});

/// "word,word" / "word.Word": punctuation glued to the next word.
static GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{Ll}\p{Lu}\)”’][,;:!?.][\p{Lu}\p{Ll}“]").expect("static pattern"));

/// Proposes every edit for `text`. `common` holds hashes of lines seen across documents.
pub fn propose(text: &str, common: &HashSet<u64>) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut offset = 0;
    let mut line_no = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        line_no += 1;
        let lower = trimmed.to_lowercase();
        let key = line_key(trimmed);
        let mut removal = CHROME
            .iter()
            .find(|(re, _, _)| trimmed.chars().count() < 200 && re.is_match(&lower))
            .map(|(_, r, why)| (*r, why.to_string()));
        if removal.is_none() && !key.is_empty() {
            if let Some(&first) = seen.get(&key) {
                removal = Some((Rule::Repeated, format!("repeats line {first}")));
            } else if common.contains(&hash64(key.as_bytes())) {
                removal = Some((Rule::CrossDocument, "recurs across documents".into()));
            }
        }
        if !key.is_empty() {
            seen.entry(key).or_insert(line_no);
        }
        if let Some((rule, reason)) = removal {
            edits.push(Edit { id: 0, start, end: offset, replacement: String::new(), rule, reason });
        }
        for m in GLUED.find_iter(line) {
            let cut = m.start() + m.as_str().char_indices().nth(2).map_or(0, |(i, _)| i);
            if !glue_is_legit(line, m.start(), cut) {
                edits.push(Edit {
                    id: 0,
                    start: start + cut,
                    end: start + cut,
                    replacement: " ".into(),
                    rule: Rule::Spacing,
                    reason: "missing space after punctuation".into(),
                });
            }
        }
    }
    edits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    for (i, e) in edits.iter_mut().enumerate() {
        e.id = i as u32;
    }
    edits
}

/// Abbreviations, initials, domains and e-mails keep their glued punctuation.
fn glue_is_legit(line: &str, at: usize, cut: usize) -> bool {
    let word_start = line[..cut].rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
    let word_end = line[cut..].find(|c: char| c.is_whitespace()).map_or(line.len(), |i| cut + i);
    let word = &line[word_start..word_end];
    let before = &line[word_start..at + 1];
    let punct = line[at..].chars().nth(1);
    word.contains('@')
        || word.contains("://")
        || word.starts_with("www.")
        // U.S., U.K., e.g., i.e.: single letters between dots.
        || (punct == Some('.') && before.split('.').all(|p| p.chars().count() <= 1))
        // Domains: a dot followed by a lowercase TLD-like tail (example.com).
        || (punct == Some('.')
            && word[cut - word_start..].chars().all(|c| c.is_ascii_lowercase() || c == '/' || c == '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;

    #[test]
    fn glued_punctuation_gets_a_space() {
        let c = clean("It works,according to him.The end. The U.S. team and example.com stay.\n");
        assert_eq!(c.text, "It works, according to him. The end. The U.S. team and example.com stay.\n");
    }

    #[test]
    fn chrome_lines_go() {
        let c = clean("Connect with us\nPutin met Trump.\nAdvertisement\n");
        assert_eq!(c.text, "Putin met Trump.\n");
    }
}
