//! Proposing edits: every rule reads the page text and proposes edits; none applies them.
//!
//! Line removals come from [`super::body`] (chrome wording, the article-body region,
//! repetition); repairs inside lines come from [`super::repair`]. Repairs are proposed for
//! every line, also removed ones, so restoring a line brings it back repaired.

use super::body::{self, Kind};
use super::{repair, Edit, Rule};
use crate::hash::fnv1a;
use std::collections::HashSet;

fn remove(edits: &mut Vec<Edit>, start: usize, end: usize, rule: Rule, reason: impl Into<String>) {
    edits.push(Edit { id: 0, start, end, replacement: String::new(), rule, reason: reason.into() });
}

/// Why each line is removed (`None`: kept) for a given body region.
fn decide(
    lines: &[body::Line<'_>],
    keys: &body::Keys,
    m: &body::Measures,
    region: Option<(usize, usize)>,
    common: &dyn Fn(usize) -> bool,
) -> Vec<Option<(Rule, String)>> {
    let mut out = Vec::with_capacity(lines.len());
    // Per key (by its number): the content line that has it first.
    let mut first_seen: Vec<Option<usize>> = vec![None; m.distinct];
    let mut content_no = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if l.kind == Kind::Blank {
            out.push(None);
            continue;
        }
        content_no += 1;
        let key = keys.of(i);
        let earlier = first_seen[m.ids[i]];
        first_seen[m.ids[i]].get_or_insert(content_no);
        let inside = region.is_none_or(|(a, b)| i >= a && i <= b);
        let why: Option<(Rule, String)> = if let Kind::Chrome(rule, why) = l.kind {
            Some((rule, why.to_string()))
        } else if content_no == 2 && earlier == Some(1) && !key.is_empty() {
            // The first line (the title) written twice in a row: a defect of the scrape,
            // undone as a repair (see `Rule::kind`), wherever the body is.
            Some((Rule::DoubledTitle, "the title doubled (repeats line 1)".into()))
        } else if !inside {
            let before = region.is_some_and(|(a, _)| i < a);
            Some(match (l.kind, before) {
                (Kind::Title, true) => (Rule::Furniture, "headline (before the article body)".into()),
                (Kind::Title, false) => (Rule::Related, "related-headline list (after the article body)".into()),
                (Kind::Short, true) => (Rule::Navigation, "menu or label (before the article body)".into()),
                (Kind::Short, false) => (Rule::Navigation, "menu or label (after the article body)".into()),
                (_, true) => (Rule::Furniture, "before the article body".into()),
                (_, false) => (Rule::Furniture, "after the article body".into()),
            })
        } else if let Some(n) = earlier.filter(|_| !key.is_empty()) {
            Some((Rule::Repeated, format!("repeats line {n}")))
        } else if !key.is_empty() && common(i) {
            Some((Rule::CrossDocument, "recurs across documents".into()))
        } else {
            None
        };
        out.push(why);
    }
    out
}

/// The first line and its doubled copy, when the doubled-title rule removed the copy.
fn why_doubled(lines: &[body::Line<'_>], edits: &[Edit]) -> Option<(usize, usize)> {
    let e = edits.iter().find(|e| e.rule == Rule::DoubledTitle)?;
    let second = lines.iter().position(|l| l.start == e.start)?;
    let first = lines.iter().position(|l| l.kind != Kind::Blank)?;
    Some((first, second))
}

/// Offsets (in the first copy's view) of letters the first copy writes lowercase where the
/// second copy writes them capitalised, word by word (the copies have the same words).
fn title_capitals(first: &body::Line<'_>, second: &body::Line<'_>) -> Vec<usize> {
    let (a, b) = (first.view(), second.view());
    let mut out = Vec::new();
    if first.words.len() != second.words.len() {
        return out;
    }
    for (&(s, e), &(s2, e2)) in first.words.iter().zip(&second.words) {
        let (wa, wb) = (&a[s..e], &b[s2..e2]);
        if wa == wb || wa.len() != wb.len() {
            continue;
        }
        for ((i, ca), cb) in wa.char_indices().zip(wb.chars()) {
            let starts_part = i == 0 || wa[..i].ends_with('-');
            if starts_part && ca.is_lowercase() && cb.is_uppercase() && ca.to_uppercase().eq(std::iter::once(cb)) {
                out.push(s + i);
            }
        }
    }
    out
}

/// Bound on the rounds of [`propose`]'s body-region settling (each round is linear).
const SETTLE_ROUNDS: usize = 16;

/// Proposes every edit for `text`. `common` holds hashes of lines seen across documents.
pub fn propose(text: &str, common: &HashSet<u64>) -> Vec<Edit> {
    propose_with(text, common, None)
}

/// Proposes every edit for `text`; `dom`, when the text is a page's visible text (see
/// [`crate::html`]), gives the structure's verdict on each line: its removals replace the
/// line rules' verdict, and where it keeps a line, the page's structure has already found
/// the article, so the text's own guess at the body region (by position) does not apply;
/// wording rules (chrome, repeats, cross-document lines) and every repair still do.
pub(crate) fn propose_with(text: &str, common: &HashSet<u64>, dom: Option<&[Option<(Rule, String)>]>) -> Vec<Edit> {
    let body::Page { lines, keys } = body::lines(text);
    // The cross-document test hashes a line's key as text: spelled out only when there are
    // shared lines to test against (most cleanings have none).
    let common_key = |i: usize| {
        let l = &lines[i];
        !common.is_empty() && common.contains(&fnv1a(repair::repeat_key_known(l.view(), &l.words, &l.flags).as_bytes()))
    };
    let content: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kind != Kind::Blank).collect();
    let measures = body::Measures::new(&lines, &keys);
    let mut region = if dom.is_some() { None } else { body::body_region(&lines, &measures, &content) };
    let mut why = decide(&lines, &keys, &measures, region, &common_key);
    if let Some(dom) = dom {
        for (i, l) in lines.iter().enumerate() {
            match dom.get(i) {
                Some(Some(v)) if l.kind != Kind::Blank => why[i] = Some(v.clone()),
                // A line the structure keeps may repeat an earlier one (table cells, a
                // recipe's repeated steps): the structure knows it is article text.
                Some(None) if matches!(why[i], Some((Rule::Repeated, _))) => why[i] = None,
                _ => {}
            }
        }
    }
    // Settle the region: the lines kept must find the same region on their own (as they
    // will when the cleaned text is cleaned again). Scores look at neighbours and repeats,
    // so removing lines around the body can move it; each round only narrows it.
    for _ in 0..SETTLE_ROUNDS {
        if region.is_none() {
            break;
        }
        let kept: Vec<usize> = content.iter().copied().filter(|&i| why[i].is_none()).collect();
        let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else { break };
        match body::body_region(&lines, &measures, &kept) {
            Some(r) if r != (first, last) => {
                region = Some(r);
                why = decide(&lines, &keys, &measures, region, &common_key);
            }
            _ => break,
        }
    }
    let mut edits = Vec::with_capacity(lines.len());
    let mut removed = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if l.kind == Kind::Blank {
            continue;
        }
        if let Some((rule, reason)) = why[i].take() {
            removed[i] = true;
            remove(&mut edits, l.start, l.end, rule, reason);
        } else {
            // Trailing spaces of a kept line. A tail holding control or zero-width
            // characters (the lost last byte of a mojibake closing quote, "â€\u{9d}") is
            // junk inside the text rather than layout: a Unicode repair, so that
            // `--repairs-only` takes it too.
            let trimmed = l.trimmed;
            if trimmed.len() < l.text.len() {
                let tail = &l.text[trimmed.len()..];
                let (rule, why) = if tail.chars().all(char::is_whitespace) {
                    (Rule::Whitespace, "trailing spaces")
                } else {
                    (Rule::Unicode, "control or zero-width characters at the end of the line")
                };
                remove(&mut edits, l.start + trimmed.len(), l.start + l.text.len(), rule, why);
            }
        }
    }
    let ctx = repair::Context::new(
        // Running text, and headings of eight words or more in sentence case, whose
        // capitals are names ("Browns player on Mason Rudolph's role in fight with Myles
        // Garrett"); not a line in title case, which capitalises common words
        // ("Republicans Are Following Trump"), and has them capitalised once repaired, nor a
        // line styled so whatever its punctuation (a headline kept with its full stop: on 1M
        // words of clean news, its "This Time Than I Was" capitalised the same words in the
        // article's quote).
        lines
            .iter()
            .zip(&removed)
            .filter(|(l, &r)| !r && matches!(l.kind, Kind::Prose | Kind::Long | Kind::Medium) && !l.styled)
            .map(|(l, _)| (l.view(), &l.words[..], &l.flags[..], &l.shapes[..])),
    );
    // A doubled title: where one copy has a capital the other lost, the kept copy gets it
    // back (a word lowercased in one copy is a name or a title word either way).
    let doubled = why_doubled(&lines, &edits);
    // Whether each line goes on from the kept content line before it: that line ends
    // without a sentence's closing mark ("... our current top charities, or" / "if ...",
    // list items "baby carrier" / "healthy snack bars", items after "could occur:"), so a lowercase first word is
    // not a sentence start. Read on kept lines only, so a second cleaning decides the same.
    let mut goes_on = vec![false; lines.len()];
    let mut last_kept: Option<&str> = None;
    for (i, l) in lines.iter().enumerate() {
        if l.kind == Kind::Blank || removed[i] {
            continue;
        }
        goes_on[i] = last_kept.is_some_and(|t| !t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', '…']));
        last_kept = Some(l.view().trim_end());
    }
    for (i, l) in lines.iter().enumerate().filter(|(_, l)| l.kind != Kind::Blank) {
        // Names are repaired in headings too, within the budget that keeps the heading the
        // same kind of line (a menu line turned title would be scored, and cut, otherwise).
        let names = body::caps_budget(l);
        let mut forced: Vec<(usize, &'static str)> = match doubled {
            Some((first, second)) if first == i => title_capitals(&lines[first], &lines[second])
                .into_iter()
                .map(|at| (at, "capitalised in the doubled title"))
                .collect(),
            _ => Vec::new(),
        };
        // A heading in title case gets the capitals its words lost.
        for &at in l.title.iter().flatten() {
            if !forced.iter().any(|f| f.0 == at) {
                forced.push((at, "the line is in title case (its other words are capitalised)"));
            }
        }
        forced.sort_unstable();
        repair::propose_line(
            l.start,
            l.trimmed,
            l.norm.as_ref(),
            (&l.words, &l.flags, &l.shapes),
            &ctx,
            names,
            (&forced, l.title.is_some()),
            goes_on[i],
            &mut edits,
        );
    }
    super::flags::propose(&lines, &removed, &mut edits);
    // Blank lines: keep one plain empty line between kept content lines, drop the rest.
    let mut prev_content = false;
    let next_kept: Vec<bool> = {
        let mut v = vec![false; lines.len() + 1];
        for i in (0..lines.len()).rev() {
            v[i] = v[i + 1] || (lines[i].kind != Kind::Blank && !removed[i]);
        }
        v
    };
    for (i, l) in lines.iter().enumerate() {
        if l.kind != Kind::Blank {
            if !removed[i] {
                prev_content = true;
            }
            continue;
        }
        let plain = l.text.is_empty();
        if plain && prev_content && next_kept[i + 1] {
            prev_content = false;
            continue;
        }
        // Mojibake of invisible characters: repaired in place (a repair, nested in the
        // line's removal), so that `--repairs-only` leaves the line as it was meant.
        // Pushed after the removal, which must come first when both cover the same bytes
        // (a last line without a line break).
        let nested = repair::fix_mojibake_keep(l.text).map(|fixed| Edit {
            id: 0,
            start: l.start,
            end: l.start + l.text.len(),
            replacement: fixed,
            rule: Rule::Mojibake,
            reason: "mojibake (UTF-8 read as Windows-1252)".into(),
        });
        let visible = l.text.chars().any(|c| !c.is_whitespace() && !repair::is_invisible(c));
        if visible {
            remove(&mut edits, l.start, l.end, Rule::Furniture, "line without words");
        } else {
            remove(&mut edits, l.start, l.end, Rule::Whitespace, "blank line");
        }
        edits.extend(nested);
        removed[i] = true;
    }
    // Line breaks are never edited on their own: a removal takes its line with the break, so
    // the last kept line ends as it did in the page.
    edits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    for (i, e) in edits.iter_mut().enumerate() {
        e.id = i as u32;
    }
    edits
}

#[cfg(test)]
mod tests {
    use crate::clean::clean;

    #[test]
    fn glued_punctuation_gets_a_space() {
        let c = clean("It works,according to him.The end. The U.S. team and example.com stay.\n");
        assert_eq!(c.text, "It works, according to him. The end. The U.S. team and example.com stay.\n");
    }

    /// `text` cleaned, checked to clean to the same text again.
    fn cleaned_for_good(text: &str) -> crate::clean::Cleaned {
        let once = clean(text);
        assert_eq!(clean(&once.text).text, once.text, "a second cleaning changed {text:?}");
        once
    }

    #[test]
    fn a_pair_made_by_a_name_repair_is_evidence_in_the_same_cleaning() {
        // "Wall street Journal" becomes "Wall Street Journal" (a known name), which makes
        // the pair "Street Journal": the other "street Journal" is repaired now, not on the
        // next cleaning (the fuzz target found the second cleaning differing).
        let once = cleaned_for_good("He reads the Wall street Journal daily, and then the l street Journal too.\n");
        assert_eq!(once.text, "He reads the Wall Street Journal daily, and then the l Street Journal too.\n");
        let why: Vec<&str> = once.edits.iter().map(|e| e.reason.as_str()).collect();
        assert!(why.iter().all(|r| *r == "part of a known name written lowercase"), "{why:?}");
    }

    #[test]
    fn a_name_after_a_repaired_first_name_is_evidence_in_the_same_cleaning() {
        // "donald kremnald" becomes "Donald Kremnald" (a lexicon name, then a word English
        // lacks beside it): the capital counts now, so the sentence-start "kremnald" after
        // "o" is repaired in this cleaning, not in the next (found by the fuzz target).
        let once = cleaned_for_good("o kremnald s donald kremnald s donald kremnald\n");
        assert_eq!(once.text, "O Kremnald s Donald Kremnald s Donald Kremnald\n");
    }

    #[test]
    fn a_pair_of_two_repaired_names_is_evidence_in_the_same_cleaning() {
        // "ald donald" becomes "Ald Donald" (a word beside a lexicon name, then the name):
        // that pair must count now, or the next cleaning repairs "ald" before "Donald"
        // where this one did not (found by the fuzz target).
        cleaned_for_good("i\u{FFFD}d ald donald ald donald n n\n");
    }

    #[test]
    fn a_title_glued_to_a_name_is_repaired_in_one_cleaning() {
        // The spacing rule inserts the space the title rule reads ("dr.N" -> "Dr. N"); the
        // fuzz target found "dr. N" left for the next cleaning to capitalise.
        let once = cleaned_for_good("dr.N");
        assert_eq!(once.text, "Dr. N");
    }

    #[test]
    fn chrome_lines_go() {
        let c = clean("Connect with us\nPutin met Trump.\nAdvertisement\n");
        assert_eq!(c.text, "Putin met Trump.\n");
    }
}
