//! Repairs inside a line: missing spaces after punctuation, Unicode clean-up, mojibake,
//! lowercased proper names and sentence starts; spinner wording is flagged, never changed.

use super::{Edit, Rule};
use std::collections::HashSet;
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// Characters removed as invisible junk: zero-width space, word joiner, BOM, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Odd spaces replaced by a plain space.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}')
}

/// Stray control characters (C0 other than tab, C1 outside mojibake).
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n' && c != '\r') || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// A gap between two words that is only spaces once cleaned (odd spaces count as spaces).
fn is_space_gap(gap: &str) -> bool {
    gap.chars().any(|c| c == ' ' || is_odd_space(c)) && gap.chars().all(|c| c == ' ' || is_odd_space(c) || is_invisible(c))
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || is_invisible(c) || is_odd_space(c) || is_control(c)
}

/// Document-wide evidence for capitalisation repairs.
#[derive(Debug, Default)]
pub struct Context {
    /// Lowercase forms of words seen capitalised in mid-sentence (proper names).
    proper: HashSet<String>,
    /// "donald Trump" pairs: a lowercase word and the capitalised word after it, seen as
    /// "Donald Trump" in mid-sentence.
    pairs: HashSet<String>,
}

const STOP: [&str; 40] = [
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "on", "with", "as", "was", "he",
    "she", "be", "by", "at", "this", "are", "from", "have", "not", "or", "an", "but", "his", "they",
    "you", "we", "their", "has", "had", "were", "which", "will", "its", "been", "who",
];

impl Context {
    /// Collects evidence from the given prose lines (never from title-case lines). Only the
    /// lines kept in the article are passed, so cleaning the result again sees the same
    /// evidence.
        pub fn new<'a>(lines: impl Iterator<Item = &'a str>) -> Self {
        use std::collections::HashMap;
        let mut caps: HashMap<String, usize> = HashMap::new();
        let mut lower: HashMap<String, usize> = HashMap::new();
        let mut pairs: HashSet<String> = HashSet::new();
        for line in lines {
            let ws: Vec<(usize, usize)> = super::words(line).collect();
            if ws.len() < 8 {
                continue;
            }
            let capitalised = |w: &str| {
                let mut cs = w.chars();
                cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
            };
            let n_caps = ws.iter().filter(|&&(s, e)| capitalised(&line[s..e])).count();
            if n_caps * 2 > ws.len() {
                continue; // a headline, not prose
            }
            for (k, &(s, e)) in ws.iter().enumerate() {
                let w = &line[s..e];
                let mid = k > 0 && is_space_gap(&line[ws[k - 1].1..s]);
                if !mid || w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
                    continue;
                }
                let next = ws.get(k + 1).map(|&(ns, ne)| &line[ns..ne]);
                let adjacent = ws.get(k + 1).is_some_and(|&(ns, _)| is_space_gap(&line[e..ns]));
                if capitalised(w) {
                    match next {
                        Some(nw) if adjacent && capitalised(nw) => {
                            pairs.insert(format!("{} {}", w.to_lowercase(), nw));
                        }
                        _ => *caps.entry(w.to_lowercase()).or_default() += 1,
                    }
                } else if w.chars().all(char::is_lowercase) {
                    *lower.entry(w.to_string()).or_default() += 1;
                }
            }
        }
        let proper = caps
            .iter()
            .filter(|(w, &n)| !STOP.contains(&w.as_str()) && lower.get(*w).copied().unwrap_or(0) <= n)
            .map(|(w, _)| w.clone())
            .collect();
        Context { proper, pairs }
    }
}

fn push(edits: &mut Vec<Edit>, start: usize, end: usize, rep: String, rule: Rule, reason: &str) {
    edits.push(Edit { id: 0, start, end, replacement: rep, rule, reason: reason.into() });
}

/// Windows-1252 byte for `c`, if `c` is how that byte decodes (Latin-1 fallback for the
/// five undefined bytes).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0xA0..=0xFF).contains(&u) || (0x80..=0x9F).contains(&u) {
        return Some(u as u8);
    }
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80), ('‚', 0x82), ('ƒ', 0x83), ('„', 0x84), ('…', 0x85), ('†', 0x86), ('‡', 0x87),
        ('ˆ', 0x88), ('‰', 0x89), ('Š', 0x8A), ('‹', 0x8B), ('Œ', 0x8C), ('Ž', 0x8E), ('‘', 0x91),
        ('’', 0x92), ('“', 0x93), ('”', 0x94), ('•', 0x95), ('–', 0x96), ('—', 0x97), ('˜', 0x98),
        ('™', 0x99), ('š', 0x9A), ('›', 0x9B), ('œ', 0x9C), ('ž', 0x9E), ('Ÿ', 0x9F),
    ];
    HIGH.iter().find(|(h, _)| *h == c).map(|&(_, b)| b)
}

/// Repairs mojibake runs in `token`: maximal runs of non-ASCII characters whose
/// Windows-1252 bytes are valid UTF-8 with at least one multi-byte character.
fn fix_mojibake(token: &str) -> Option<String> {
    let mut out = String::with_capacity(token.len());
    let mut changed = false;
    let mut rest = token;
    while let Some(i) = rest.find(|c: char| !c.is_ascii()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let run_end = rest.find(|c: char| c.is_ascii() || cp1252_byte(c).is_none()).unwrap_or(rest.len());
        let run_end = if run_end == 0 { rest.chars().next().map_or(0, char::len_utf8) } else { run_end };
        let run = &rest[..run_end];
        let bytes: Option<Vec<u8>> = run.chars().map(cp1252_byte).collect();
        match bytes.as_deref().map(std::str::from_utf8) {
            Some(Ok(s)) if s.len() < run.len() && !s.chars().any(|c| c.is_control()) => {
                out.push_str(s);
                changed = true;
            }
            _ => out.push_str(run),
        }
        rest = &rest[run_end..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

const SPINNER: [(&str, &str); 4] = [
    ("thru", "spinner spelling (\"through\")"),
    ("ther", "spinner spelling (\"there\" / \"their\")"),
    ("thes", "spinner spelling (\"these\")"),
    ("frequently enough", "spinner phrase (\"often\")"),
];

const ABBREV: [&str; 24] = [
    "mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "no", "approx", "jr", "sr", "inc",
    "ltd", "co", "corp", "gen", "gov", "sen", "rep", "fig", "al", "p",
];

/// Proposes the repairs and flags inside one line (`line` starts at byte `base`).
pub fn propose_line(text: &str, base: usize, line: &str, ctx: &Context, edits: &mut Vec<Edit>) {
    let _ = text;
    let mut changed_tokens: Vec<(usize, usize)> = Vec::new();
    // Per character: odd spaces, invisible and control characters.
    let mut tok_start: Option<usize> = None;
    let flush = |s: usize, e: usize, edits: &mut Vec<Edit>, changed: &mut Vec<(usize, usize)>| {
        let tok = &line[s..e];
        if tok.is_ascii() {
            return;
        }
        if let Some(fixed) = fix_mojibake(tok) {
            let fixed: String = fixed.chars().filter(|&c| !is_separator(c)).nfc().collect();
            push(edits, base + s, base + e, fixed, Rule::Mojibake, "mojibake (UTF-8 read as Windows-1252)");
            changed.push((s, e));
        } else if !is_nfc(tok) {
            push(edits, base + s, base + e, tok.nfc().collect(), Rule::Unicode, "Unicode normalisation (NFC)");
            changed.push((s, e));
        }
    };
    // ASCII lines only need the control-character check.
    let needs_scan = !line.is_ascii() || line.bytes().any(|b| b < 0x20 && b != b'\t' || b == 0x7f);
    for (i, c) in line.char_indices().filter(|_| needs_scan) {
        if is_separator(c) {
            if let Some(s) = tok_start.take() {
                flush(s, i, edits, &mut changed_tokens);
            }
            let end = i + c.len_utf8();
            if is_odd_space(c) {
                push(edits, base + i, base + end, " ".into(), Rule::Unicode, "no-break or odd space");
            } else if is_invisible(c) {
                push(edits, base + i, base + end, String::new(), Rule::Unicode, "zero-width or soft hyphen");
            } else if is_control(c) {
                push(edits, base + i, base + end, String::new(), Rule::Unicode, "control character");
            }
        } else if tok_start.is_none() {
            tok_start = Some(i);
        }
    }
    if let Some(s) = tok_start {
        flush(s, line.len(), edits, &mut changed_tokens);
    }
    let in_changed = |p: usize| changed_tokens.iter().any(|&(s, e)| p >= s && p <= e);

    // Missing space after punctuation.
    let puncts = line.bytes().enumerate().filter(|&(i, b)| i > 0 && matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?'));
    for (i, _) in puncts {
        let Some(prev) = line[..i].chars().next_back() else { continue };
        let Some(next) = line[i + 1..].chars().next() else { continue };
        if !(prev.is_alphabetic() || matches!(prev, ')' | '”' | '’' | '"')) || !(next.is_alphabetic() || next == '“') {
            continue;
        }
        let cut = i + 1;
        if in_changed(cut) || glue_is_legit(line, i, cut) {
            continue;
        }
        push(edits, base + cut, base + cut, " ".into(), Rule::Spacing, "missing space after punctuation");
    }

    // Capitalisation and spinner flags, word by word.
    let line_words = line.split_whitespace().count();
    let ws: Vec<(usize, usize)> = super::words(line).collect();
    let mut prev: Option<(usize, usize)> = None;
    for (k, &(s, e)) in ws.iter().enumerate() {
        let w = &line[s..e];
        let first = w.chars().next().unwrap_or(' ');
        let last_prev = prev;
        prev = Some((s, e));
        if !first.is_lowercase() || !w.chars().all(char::is_lowercase) || in_changed(s) {
            continue;
        }
        let sentence_start = match last_prev {
            None => true,
            Some((ps, pe)) => {
                let gap = &line[pe..s];
                gap.starts_with(['.', '?', '!']) && is_space_gap(&gap[1..]) && {
                    let pw = line[ps..pe].to_lowercase();
                    pw.chars().count() > 2 && !ABBREV.contains(&pw.as_str())
                }
            }
        };
        {
            let pair = ws.get(k + 1).is_some_and(|&(ns, ne)| {
                line[ns..].starts_with(char::is_uppercase)
                    && is_space_gap(&line[e..ns])
                    && ctx.pairs.contains(&format!("{w} {}", &line[ns..ne]))
            });
            let proper = w.chars().count() >= 3 && (ctx.proper.contains(w) || pair);
            let starts = sentence_start && (last_prev.is_some() || line_words >= 3) && w.chars().all(char::is_alphabetic);
            if proper || starts {
                let mut rep: String = first.to_uppercase().collect();
                rep.push_str(&w[first.len_utf8()..]);
                if rep.chars().count() == w.chars().count() {
                    let why = if proper { "proper name written lowercase" } else { "sentence starts lowercase" };
                    push(edits, base + s, base + e, rep, Rule::Capitalisation, why);
                }
            }
        }
    }
    // Spinner wording: whole words (or a two-word phrase), compared case-insensitively.
    for (k, &(s, e)) in ws.iter().enumerate() {
        let w = &line[s..e];
        if !(4..=10).contains(&w.len()) || !w.starts_with(['t', 'T', 'f', 'F']) {
            continue;
        }
        for (pat, why) in SPINNER {
            let (p1, p2) = pat.split_once(' ').unwrap_or((pat, ""));
            if !w.eq_ignore_ascii_case(p1) {
                continue;
            }
            let end = if p2.is_empty() {
                e
            } else {
                match ws.get(k + 1) {
                    Some(&(ns, ne)) if line[ns..ne].eq_ignore_ascii_case(p2) && line[e..ns] == *" " => ne,
                    _ => continue,
                }
            };
            push(edits, base + s, base + end, line[s..end].to_string(), Rule::Spinner, why);
        }
    }
}

/// Abbreviations, initials, numbers, domains, URLs and e-mails keep their glued
/// punctuation; so does a full stop before a lowercase letter (file names, domains), since
/// only a capital after it makes a sentence boundary certain.
fn glue_is_legit(line: &str, at: usize, cut: usize) -> bool {
    let word_start = line[..at].rfind(char::is_whitespace).map_or(0, |i| i + line[i..].chars().next().map_or(1, char::len_utf8));
    let word_end = line[cut..].find(char::is_whitespace).map_or(line.len(), |i| cut + i);
    let word = line[word_start..word_end].trim_end_matches(|c: char| !c.is_alphanumeric());
    let word_end = word_start + word.len();
    let before = &line[word_start..at];
    let after = &line[cut..word_end.max(cut)];
    let punct = line[at..].chars().next();
    let next = line[cut..].chars().next().unwrap_or(' ');
    if word.contains('@') || word.contains('/') || word.contains("www.") {
        return true;
    }
    if matches!(punct, Some('.' | '?' | '!')) {
        // Initials: U.S.A., e.g. — legit while the next part is one letter too.
        let tail = before.rsplit(|c: char| !c.is_alphabetic() && c != '.').next().unwrap_or("");
        let initials = tail.split('.').all(|p| p.chars().count() <= 1);
        let next_part = after.split('.').next().unwrap_or("");
        if initials && punct == Some('.') {
            return next_part.chars().count() <= 1;
        }
        if next.is_lowercase() {
            return true;
        }
        // Domains written with capitals (HoustonChronicle.com) and acronyms (ASP.NET).
        if after.chars().all(|c| c.is_ascii_lowercase()) {
            return true;
        }
        if before.chars().all(|c| c.is_uppercase()) && next_part.chars().all(|c| c.is_uppercase()) {
            return true;
        }
    }
    false
}
