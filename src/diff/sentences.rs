//! Paragraphs and sentences of a text, and what makes two sentences "the same".
//!
//! Paragraphs are blocks between blank lines (a line holding only spaces is blank); a
//! sentence ends at `.` `!` `?` or an ellipsis (with closing quotes or brackets) when
//! whitespace and an upper-case letter, a digit or a caseless letter follow, except after a
//! short list of abbreviations, single initials and dotted tokens ("U.S."); `。！？` always end
//! one. Line breaks inside a paragraph are not boundaries, so a re-wrapped copy has the same
//! sentences. This is the splitter the diff contract's scorer uses, so a "sentence" means the
//! same thing to the user reading the ops and to the score.

use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

static PARA_SEP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\n[^\S\n]*\n\s*").expect("valid regex"));
static END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "[.!?\u{2026}]+[\"'\u{201d}\u{2019})\\]]*|[\u{3002}\u{ff01}\u{ff1f}]+[\"'\u{201d}\u{2019})\\]\u{300d}\u{300f}]*",
    )
    .expect("valid regex")
});
static NEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^\\s+[\"'\u{201c}\u{2018}(\\[]*(\\w)").expect("valid regex"));

/// Lowercased words after which a single "." does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "cmdr",
    "adm", "maj", "mt", "ft", "rev", "hon", "pres", "vs", "no", "nos", "inc", "corp", "co", "ltd", "bros", "dept",
    "est", "approx", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Byte spans of the paragraphs of `text`, outer whitespace stripped, empty ones skipped.
pub(crate) fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut push = |s: usize, e: usize| {
        let part = &text[s..e];
        let t = part.trim_start();
        let s2 = s + (part.len() - t.len());
        let e2 = s2 + t.trim_end().len();
        if s2 < e2 {
            spans.push((s2, e2));
        }
    };
    let mut start = 0;
    for m in PARA_SEP.find_iter(text) {
        push(start, m.start());
        start = m.end();
    }
    push(start, text.len());
    spans
}

fn is_boundary(text: &str, ms: usize, me: usize, ps: usize, pe: usize) -> bool {
    if me >= pe {
        return false;
    }
    if text[ms..].starts_with(['\u{3002}', '\u{ff01}', '\u{ff1f}']) {
        return true;
    }
    let Some(c) = NEXT.captures(&text[me..pe]).and_then(|c| c.get(1)).and_then(|m| m.as_str().chars().next()) else {
        return false;
    };
    if !(c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase())) {
        return false;
    }
    if text[ms..me].trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']']) == "." {
        let before = &text[ps..ms];
        let j =
            before.rfind(char::is_whitespace).map_or(0, |k| k + before[k..].chars().next().map_or(1, char::len_utf8));
        let tok = before[j..].trim_start_matches(['"', '\'', '\u{201c}', '\u{2018}', '(', '[']);
        let lower = tok.to_lowercase();
        let single_initial = {
            let mut it = tok.chars();
            matches!((it.next(), it.next()), (Some(c), None) if c.is_alphabetic() && c.is_uppercase())
        };
        if ABBREVIATIONS.contains(&lower.as_str()) || tok.contains('.') || single_initial {
            return false;
        }
    }
    true
}

/// Byte spans of the sentences of `text`, in order, each with its paragraph's index.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::new();
    for (p, (ps, pe)) in paragraphs(text).into_iter().enumerate() {
        let p = p.min(u32::MAX as usize) as u32;
        let mut start = ps;
        for m in END.find_iter(&text[ps..pe]) {
            let (ms, me) = (ps + m.start(), ps + m.end());
            if is_boundary(text, ms, me, ps, pe) {
                out.push((start, me, p));
                start = me + (text[me..pe].len() - text[me..pe].trim_start().len());
            }
        }
        if start < pe {
            out.push((start, pe, p));
        }
    }
    out
}

const FNV: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn feed(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(0x0100_0000_01b3)
}

/// Folds typography that is not a change: curly quotes to straight, hyphen-like dashes and
/// minus to '-', soft hyphens dropped (`None`); the ellipsis is expanded by the callers.
#[inline]
pub(crate) fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => '\'',
        '\u{201c}'..='\u{201f}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{ad}' => return None,
        _ => c,
    })
}

/// Hash of a sentence as the user reads it: NFC, typography folded, any run of whitespace one
/// space, outer whitespace ignored. Equal keys = the same sentence.
pub(crate) fn key(s: &str) -> u64 {
    let mut h = FNV;
    let (mut any, mut space) = (false, false);
    for c in s.nfc() {
        let Some(c) = fold(c) else { continue };
        if c.is_whitespace() {
            space = any;
            continue;
        }
        if space {
            h = feed(h, ' ');
            space = false;
        }
        if c == '\u{2026}' {
            h = feed(feed(feed(h, '.'), '.'), '.');
        } else {
            h = feed(h, c);
        }
        any = true;
    }
    h
}

/// Hash of one word for word-level comparison (case kept, typography folded).
pub(crate) fn word_key(w: &str) -> u64 {
    let mut h = FNV;
    for c in w.chars() {
        if let Some(c) = fold(c) {
            h = feed(h, c);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(s, e, _)| &t[s..e]).collect()
    }

    #[test]
    fn splits_like_the_contract() {
        let t = "Mr. Smith went to Washington. He met the U.S. envoy on Jan. 5! Then \u{201c}nothing.\u{201d} And 3 more\u{2026} \
                 J. Doe said so.\n\nNew paragraph? yes it is.";
        assert_eq!(
            texts(t),
            [
                "Mr. Smith went to Washington.",
                "He met the U.S. envoy on Jan. 5!",
                "Then \u{201c}nothing.\u{201d}",
                "And 3 more\u{2026}",
                "J. Doe said so.",
                "New paragraph? yes it is."
            ]
        );
        assert_eq!(sentences("")[..], []);
        assert_eq!(sentences("  \n \n  ")[..], []);
        assert_eq!(texts("她来了。他走了"), ["她来了。", "他走了"]);
    }

    #[test]
    fn keys_ignore_typography_and_wrapping() {
        assert_eq!(key("It\u{2019}s \u{201c}fine\u{201d} \u{2013} really\u{2026}"), key("It's \"fine\" - really..."));
        assert_eq!(key("a  b\n c\u{a0}d"), key("a b c d"));
        assert_eq!(key("co\u{ad}operate"), key("cooperate"));
        assert_ne!(key("The cat"), key("the cat"));
    }
}
