//! Rule-based entity types: dates, times, money, percentages, quantities, handles, URLs and
//! e-mails. Patterns are compiled once.

use super::{Entity, Label};
use regex::Regex;
use std::sync::LazyLock;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

static PATTERNS: LazyLock<Vec<(Regex, Label)>> = LazyLock::new(|| {
    let date = format!(
        r"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+\d{{4}})?|{MONTH}\s+\d{{4}}|{WEEKDAY}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}|(?:last|next|this)\s+(?:week|month|year|{MONTH}|{WEEKDAY})|(?:in|since|until|by|from)\s+(?:19|20)\d{{2}})\b"
    );
    let table: Vec<(String, Label)> = vec![
        (r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b".into(), Label::Email),
        (r"\bhttps?://[^\s<>“”]+[^\s<>“”.,;:!?)]|\bwww\.[\w-]+(?:\.[\w-]+)+[^\s<>“”.,;:!?)]*".into(), Label::Url),
        (r"(?:^|[^\w@])(@\w{2,30})".into(), Label::Handle),
        (r"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|bn|m|k))?|\b\d[\d,]*(?:\.\d+)?\s?(?:million|billion|trillion)?\s?(?:dollars|euros|pounds|yen|rubles|roubles|USD|EUR|GBP))\b".into(), Label::Money),
        (r"\b\d+(?:[.,]\d+)?(?:\s?[-–]\s?\d+(?:[.,]\d+)?)?\s?(?:%|percent\b|per cent\b)".into(), Label::Percent),
        (r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b".into(), Label::Time),
        (r"\b\d+(?:[.,]\d+)?\s?(?:km|kilometres|kilometers|miles|kg|kilograms|tonnes|tons|metres|meters|feet|barrels)\b".into(), Label::Quantity),
        (date, Label::Date),
    ];
    table
        .into_iter()
        .map(|(p, l)| (Regex::new(&p).expect("static pattern"), l))
        .collect()
});

/// Finds rule-based entities, earlier patterns winning overlaps.
pub fn find(text: &str) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    for (re, label) in PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            let m = caps.get(1).unwrap_or_else(|| caps.get(0).expect("group 0 always matches"));
            let (start, end) = (m.start(), m.end());
            if start < end && !out.iter().any(|e| e.start < end && start < e.end) {
                out.push(Entity { start, end, label: *label });
            }
        }
    }
    out.sort_by_key(|e| e.start);
    out
}
