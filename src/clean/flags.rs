//! Flags: wording a reader should look at, marked with a reason and never changed.
//!
//! - **Spinner phrases.** Article spinners swap words for "synonyms" and leave tell-tale
//!   phrases. The list holds phrases documented as spinner output: the "tortured phrases"
//!   of Cabanac, Labbé and Magazinov (2021, "Tortured phrases: A dubious writing style
//!   emerging in science", arXiv:2107.06751) that also occur in news, spinner spellings
//!   ("thru"), and synonym-swapped idioms of the kind found on the seed pages ("frequently
//!   enough" for "often"). Matched as whole words, case-insensitively.
//! - **Keyword stuffing.** SEO text inserts a keyword string where it does not fit
//!   grammatically. Two general signals, keyed to no name, page or site:
//!   1. Two names run together without a connector ("Trump Putin", "US Russia"): each also
//!      stands alone in the document, the pair (in either order) recurs, and the name
//!      recogniser, reading the lines where they occur, finds two people or two places, not one
//!      name ("Donald Trump", "Taylor Swift" are one name each).
//!   2. A year glued after a lowercase topic word ("meeting 2025", "international relations
//!      2025"), where English puts a preposition ("in 2025") or the year first; as English
//!      also writes "the original 2016 model" or "well into 2020", only in a document that
//!      signal 1 found stuffed, or where the same topic and year recur.
//!
//! On the 111 dev pages of `../shared/data/cleaning-dev` (none stuffed), the two signals
//! flagged 39 spans before the recogniser and the gate were added, every one a false alarm
//! ("Taylor Swift", "Elise Matthesen", "well into 2020", "their 2020"); now none. Seed
//! 004, which is stuffed, keeps its flags and gains "US Russia" and "Russia US".

use super::body::{shape, Keys, Kind, Line};
use super::{lexicon, Edit, Rule};
use crate::entities::Label;
use crate::hash::FastMap;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Spinner phrases (lowercase words) and what they stand for. Phrases a news writer also
/// uses ("the USA", "a whole lot of", "in the interim", "quite a number of", "haphazardly")
/// were taken out: on the dev pages they only ever flagged ordinary English.
const SPINNER: [(&str, &str); 17] = [
    ("thru", "spinner spelling (\"through\")"),
    ("ther", "spinner spelling (\"there\" / \"their\")"),
    ("thes", "spinner spelling (\"these\")"),
    ("frequently enough", "spinner phrase (\"often\")"),
    ("in spite of the truth that", "spinner phrase (\"despite the fact that\")"),
    ("on the identical time", "spinner phrase (\"at the same time\")"),
    ("us of a", "spinner phrase (\"USA\")"),
    ("a lot much less", "spinner phrase (\"much less\")"),
    ("counterfeit consciousness", "tortured phrase (\"artificial intelligence\")"),
    ("profound learning", "tortured phrase (\"deep learning\")"),
    ("colossal information", "tortured phrase (\"big data\")"),
    ("huge information", "tortured phrase (\"big data\")"),
    ("irregular woodland", "tortured phrase (\"random forest\")"),
    ("bosom peril", "tortured phrase (\"breast cancer\")"),
    ("flag to commotion", "tortured phrase (\"signal to noise\")"),
    ("at the cease of", "spinner phrase (\"at the end of\")"),
    ("at some point of", "spinner phrase (\"during\")"),
];

/// Words before which a year is normal English ("in 2025", "fiscal 2025", "May 2025").
const BEFORE_YEAR: [&str; 40] = [
    "in", "of", "since", "by", "until", "till", "from", "to", "for", "before", "after", "during", "around", "early",
    "late", "mid", "fiscal", "year", "years", "season", "class", "spring", "summer", "autumn", "fall", "winter", "and",
    "or", "through", "thru", "between", "about", "circa", "than", "as", "at", "on", "the", "is", "was",
];

/// One kept line as the flags read it: its view and word ranges, and the map back.
struct View<'a> {
    line: &'a Line<'a>,
    text: &'a str,
    /// The line's word ranges (its [`Line::words`], read once as a slice).
    words: &'a [(usize, usize)],
    /// [`namey`] of each word, asked once (the stuffing rules ask it of a word and of its
    /// neighbours, in two passes): the view's part of one vector for the document, not a
    /// vector per line.
    namey: &'a [bool],
    /// The words' numbers in the page's word table (`body::Keys::numbers_of`): equal words,
    /// equal numbers.
    numbers: &'a [u32],
}

impl<'a> View<'a> {
    /// The views of `lines`: [`namey`] of all their words written into `namey_all` (cleared
    /// first), each view given its part. A vector per line, and each word read through
    /// [`Line::words`] (which slices the page's vector at every access), cost 3.1 M
    /// instructions more a pass over the dev pages.
    fn all(lines: &[(&'a Line<'a>, &'a [u32])], namey_all: &'a mut Vec<bool>) -> Vec<Self> {
        namey_all.clear();
        namey_all.reserve(lines.iter().map(|l| l.0.words.len()).sum());
        for (l, _) in lines {
            namey_all.extend(l.flags.iter().zip(&l.shapes).map(|(&f, &bits)| namey(bits, f)));
        }
        let mut at = 0;
        lines
            .iter()
            .map(|&(line, numbers)| {
                let words = &line.words[..];
                let namey = &namey_all[at..at + words.len()];
                at += words.len();
                View { line, text: line.view(), words, namey, numbers }
            })
            .collect()
    }

    fn word(&self, k: usize) -> &str {
        let (s, e) = self.words[k];
        &self.text[s..e]
    }

    /// Only spaces between words `k` and `k + 1`.
    fn joined(&self, k: usize) -> bool {
        let gap = &self.text[self.words[k].1..self.words[k + 1].0];
        // (Byte by byte: a space is one byte, and no byte of another character is one.)
        !gap.is_empty() && gap.bytes().all(|b| b == b' ')
    }

    /// A flag over words `a..=b` of the line.
    fn flag(&self, a: usize, b: usize, rule: Rule, reason: Cow<'static, str>, edits: &mut Vec<Edit>) {
        let (s, e) = (self.words[a].0, self.words[b].1);
        let (os, oe) = match &self.line.norm {
            Some(n) => (n.to_original(s, false), n.to_original(e, true)),
            None => (s, e),
        };
        if os < oe && oe <= self.line.text.len() {
            let replacement = self.line.text[os..oe].to_string();
            edits.push(Edit {
                id: 0,
                start: self.line.start + os,
                end: self.line.start + oe,
                replacement,
                rule,
                reason,
            });
        }
    }
}

/// A name-like word for stuffing: capitalised, or an acronym ("US"), not a frequent
/// English word ("President"); `bits` are the word's shape bits (two or more ASCII
/// capitals; capitalised), `flags` its lexicon flags (lowercased).
fn namey(bits: u16, flags: u8) -> bool {
    bits & shape::ASCII_ACRONYM != 0 || (bits & shape::CAPITALISED != 0 && flags & lexicon::FREQUENT == 0)
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.bytes().all(|b| b.is_ascii_digit())
}

/// A spinner phrase: its words, its reason, its anchor's place among the words.
type Phrase = (Vec<&'static str>, &'static str, usize);

/// The [`SPINNER`] phrases indexed by their anchors, built once (it was built for every
/// document: a vector per phrase and per length, -2.0 M instructions a pass over the dev
/// pages).
struct Spinners {
    phrases: Vec<Phrase>,
    /// Per anchor length: the phrases (their numbers) whose anchor has it, in list order.
    by_len: Vec<Vec<usize>>,
    /// Per length, the first and the last bytes (ASCII-lowercased) of the phrases' anchors,
    /// as bits of two 256-bit sets: most words of an anchor's length start or end with
    /// another letter, and are rejected on two bytes.
    ends: Vec<[[u64; 4]; 2]>,
    /// The anchors' lengths, as bits (a word of another length is passed over by its range).
    anchor_lengths: u64,
}

/// Spinner phrases, each found by its longest word (the first of the longest), its
/// anchor: a word is tried only against the phrases whose anchor has its length (in list
/// order), not all of them. Found by their first words, every "a", "in", "on" and "at" of
/// the text was tried against each phrase of its length, and against the phrase's next
/// word (-2.3 M instructions a pass over the dev pages).
static SPINNERS: LazyLock<Spinners> = LazyLock::new(|| {
    let phrases: Vec<Phrase> = SPINNER
        .iter()
        .map(|(p, why)| {
            let words: Vec<&str> = p.split(' ').collect();
            let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
            let anchor = words.iter().position(|w| w.len() == longest).unwrap_or(0);
            (words, *why, anchor)
        })
        .collect();
    let longest = phrases.iter().map(|(ws, _, a)| ws[*a].len()).max().unwrap_or(0);
    let mut by_len: Vec<Vec<usize>> = vec![Vec::new(); longest + 1];
    let mut ends: Vec<[[u64; 4]; 2]> = vec![[[0; 4]; 2]; longest + 1];
    for (n, p) in phrases.iter().enumerate() {
        let anchor = p.0[p.2].as_bytes();
        let len = anchor.len();
        by_len[len].push(n);
        if let (Some(&a), Some(&b)) = (anchor.first(), anchor.last()) {
            for (set, b) in ends[len].iter_mut().zip([a, b]) {
                let b = b.to_ascii_lowercase();
                set[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
    }
    let anchor_lengths: u64 = (0..by_len.len().min(64)).filter(|&n| !by_len[n].is_empty()).map(|n| 1 << n).sum();
    Spinners { phrases, by_len, ends, anchor_lengths }
});

/// Proposes the spinner and stuffing flags of the document's non-blank lines.
/// Only kept lines (`removed[i]` false) are read and flagged. `keys` are the page's
/// (`body::Keys`): its words' numbers key the names' counts.
pub fn propose(lines: &[Line<'_>], keys: &Keys, removed: &[bool], edits: &mut Vec<Edit>) {
    let kept: Vec<(&Line<'_>, &[u32])> = lines
        .iter()
        .enumerate()
        .zip(removed)
        .filter(|((_, l), &r)| !r && l.kind != Kind::Blank)
        .map(|((i, l), _)| (l, keys.numbers_of(i)))
        .collect();
    let mut namey_all = Vec::new();
    let views = View::all(&kept, &mut namey_all);
    // Spinner phrases, each found by its longest word (see [`SPINNERS`]).
    let Spinners { phrases, by_len, ends, anchor_lengths } = &*SPINNERS;
    let anchor_lengths = *anchor_lengths;
    let has = |set: &[u64; 4], b: u8| set[usize::from(b >> 6)] >> (b & 63) & 1 != 0;
    // The phrases found: (view, first word, phrase), flagged once all are found, in the
    // order of their first words (then of the list), as when each phrase was found by its
    // first word.
    let mut spun: Vec<(usize, usize, usize)> = Vec::new();
    // Stuffing 1: names run together. Counts over the document: each name standing alone
    // (no name-like neighbour), and each unordered pair run together.
    // (The counts sized for the document's name-like words: grown from empty, they were
    // rehashed several times a page; with the names' vector sized likewise, -0.6 M
    // instructions a pass over the dev pages.)
    let names: usize = views.iter().map(|v| v.namey.iter().filter(|&&n| n).count()).sum();
    // Words and pairs by the words' numbers in the page's word table (equal words, equal
    // numbers): a name's count read by its number, a pair's key two numbers, where each
    // word's text was hashed and compared (-0.93 M instructions a pass over the dev pages;
    // -0.53 M with a count per word number, a vector four times the size to clear).
    // (Whether each stands alone somewhere: only that is read.)
    let mut alone = vec![false; keys.distinct_words()];
    // A pair's key: its words' numbers, the smaller first (a pair in either order).
    fn key(a: u32, b: u32) -> (u32, u32) {
        (a.min(b), a.max(b))
    }
    let mut pair_counts: FastMap<(u32, u32), usize> = FastMap::with_capacity_and_hasher(names / 2, Default::default());
    // The pairs counted in running text (headlines are keyword strings by nature), where
    // they are found: the candidates are among them (below).
    let mut in_text: Vec<(usize, usize)> = Vec::new();
    // Stuffing 2: a year glued after a lowercase topic word (see below): where, and how
    // often each topic and year.
    let mut glued: Vec<(usize, usize)> = Vec::new();
    let mut glued_counts: FastMap<(&str, &str), usize> = FastMap::default();
    // Each word read once by the three rules that read every word (the spinner phrases,
    // the names' counts and the years), in one pass: three passes over every word of the
    // document cost more in their loops than in their tests. The spinner phrases' flags
    // are still all proposed before the stuffing flags.
    for (i, v) in views.iter().enumerate() {
        let n = v.words.len();
        let text = matches!(v.line.kind, Kind::Prose | Kind::Long);
        for k in 0..n {
            // Spinner phrases: the word's length from its range, then its first and last
            // bytes, each read only when the test before passed: most words have no anchor
            // of their length with those letters, and are not sliced out of the line.
            // (`eq_ignore_ascii_case` below needs those bytes, lowercased, to match.)
            // (A word is not empty: its first and last bytes are in the line.)
            let (s, e) = v.words[k];
            let len = e - s;
            let lowered = |at: usize| v.text.as_bytes()[at].to_ascii_lowercase();
            if len < 64
                && anchor_lengths >> len & 1 != 0
                && has(&ends[len][0], lowered(s))
                && has(&ends[len][1], lowered(e - 1))
            {
                let candidates = &by_len[len];
                let w = &v.text[s..e];
                for &p in candidates {
                    let (words, _, anchor) = &phrases[p];
                    if k < *anchor || k - anchor + words.len() > n || !w.eq_ignore_ascii_case(words[*anchor]) {
                        continue;
                    }
                    let at = k - anchor;
                    let fits = (0..words.len()).all(|j| j == *anchor || v.word(at + j).eq_ignore_ascii_case(words[j]))
                        && (1..words.len()).all(|j| v.joined(at + j - 1));
                    if fits {
                        spun.push((i, at, p));
                    }
                }
            }
            // A year has four bytes: other words are not sliced out of the line.
            if text && k >= 1 && e - s == 4 {
                glued_year(v, k, &mut glued, &mut glued_counts, i);
            }
            // Name-like first: most words are not, and are not sliced out of the line.
            if !v.namey[k] {
                continue;
            }
            let w = v.numbers[k];
            let left = k > 0 && v.joined(k - 1) && v.namey[k - 1];
            let right = k + 1 < n && v.joined(k) && v.namey[k + 1];
            if !left && !right {
                alone[w as usize] = true;
            }
            if right && !(k + 2 < n && v.joined(k + 1) && v.namey[k + 2]) && !left {
                *pair_counts.entry(key(w, v.numbers[k + 1])).or_default() += 1;
                if text {
                    in_text.push((i, k));
                }
            }
        }
    }
    spun.sort_unstable();
    for (i, at, p) in spun {
        let (words, why, _) = &phrases[p];
        views[i].flag(at, at + words.len() - 1, Rule::Spinner, Cow::Borrowed(*why), edits);
    }
    // Candidates: two name-like words run together in running text, the pair recurring
    // and each word also standing alone. (A pair counted above in running text is two
    // name-like words run together with no name-like word run on either side: the
    // candidates' other tests, read where the counts found them, not over every word
    // again.)
    let mut cands: Vec<(usize, usize)> = Vec::new();
    for (i, k) in in_text {
        let v = &views[i];
        let (a, b) = (v.numbers[k], v.numbers[k + 1]);
        if a != b && alone[a as usize] && alone[b as usize] && pair_counts.get(&key(a, b)).copied().unwrap_or(0) >= 2 {
            cands.push((i, k));
        }
    }
    // A candidate is stuffing when the name recogniser, reading the running text where the
    // pair's words occur, finds two names there ("Trump Putin" -> Trump, Putin; "US Russia" -> US, Russia) and
    // not one ("Taylor Swift", "Elise Matthesen", "Google Stadia", which also recur and
    // whose words also stand alone). Only documents with a candidate pay for the tagging.
    // Only in English text (`casing::english_share_shaped`): the recogniser is an English one,
    // and a Russian or Portuguese page's capitalised pairs ("Диета Аткинса", "Eugênio
    // Tadeu") are no keyword strings it can tell.
    let mut stuffed_names = false;
    // (Read from the words' shape bits, as the casing evidence reads it.)
    if !cands.is_empty() && super::casing::english_share_shaped(views.iter().map(|v| &v.line.shapes[..])) {
        let split = two_names(&views, &cands);
        for (&(i, k), two) in cands.iter().zip(split) {
            if !two {
                continue;
            }
            let v = &views[i];
            let (a, b) = (v.word(k), v.word(k + 1));
            let n = v.words.len();
            // Already inside the keyword string flagged before it?
            let start = v.line.start + v.words[k].0;
            if edits.iter().any(|e| e.rule == Rule::Stuffing && e.start <= start && start < e.end) {
                continue;
            }
            // The keyword string goes on over a topic word or two and a year.
            let mut end = k + 1;
            for j in (k + 2)..(k + 5).min(n) {
                if !v.joined(j - 1) {
                    break;
                }
                if is_year(v.word(j)) {
                    end = j;
                    break;
                }
                if !v.word(j).chars().all(char::is_lowercase) {
                    break;
                }
            }
            let times = pair_counts.get(&key(v.numbers[k], v.numbers[k + 1])).copied().unwrap_or(0);
            let why = format!(
                "keyword stuffing: the names \u{201c}{a}\u{201d} and \u{201c}{b}\u{201d} run together without a word between them ({times} times in the text; two names, each also standing alone)"
            );
            v.flag(k, end, Rule::Stuffing, why.into(), edits);
            stuffed_names = true;
        }
    }
    // Stuffing 2: a year glued after a lowercase topic word. English writes such a thing
    // too ("the original 2016 model", "well into 2020", "their 2020 campaign"), so it is
    // flagged only in a document that stuffs names (signal 1), or where the same topic and
    // year recur glued together.
    for (i, k) in glued {
        let v = &views[i];
        let (prev, y) = (v.word(k - 1), v.word(k));
        let times = glued_counts[&(prev, y)];
        if !stuffed_names && times < 2 {
            continue;
        }
        // Already inside a flagged keyword string?
        let start = v.line.start + v.words[k].0;
        if edits.iter().any(|e| e.rule == Rule::Stuffing && e.start <= start && start < e.end) {
            continue;
        }
        let mut first = k - 1;
        if first > 0 && v.joined(first - 1) {
            let w = v.word(first - 1);
            if w.chars().all(char::is_lowercase) && !BEFORE_YEAR.contains(&w) && w.len() >= 4 {
                first -= 1;
            }
        }
        let context = if stuffed_names {
            "in a text that runs names together".to_string()
        } else {
            format!("{times} times in the text")
        };
        let why = format!("keyword stuffing: the year {y} glued to the topic \u{201c}{prev}\u{201d} ({context}; English writes \u{201c}in {y}\u{201d} or puts the year first)");
        v.flag(first, k, Rule::Stuffing, why.into(), edits);
    }
}

/// Stuffing 2's test of word `k` of view `i` (of four bytes, after another in running
/// text): a year glued after a lowercase topic word is kept in `glued`, and counted by
/// topic and year.
fn glued_year<'v>(
    v: &View<'v>,
    k: usize,
    glued: &mut Vec<(usize, usize)>,
    glued_counts: &mut FastMap<(&'v str, &'v str), usize>,
    i: usize,
) {
    let (s, e) = v.words[k];
    let y = &v.text[s..e];
    if !is_year(y) || !v.joined(k - 1) {
        return;
    }
    // Not inside a number or a date ("2025-26", "2025/26").
    let after = &v.text[e..];
    if after.starts_with(['-', '/', '–']) {
        return;
    }
    let (ps, pe) = v.words[k - 1];
    let prev = &v.text[ps..pe];
    let topic = prev.chars().count() >= 4
        && prev.chars().all(char::is_lowercase)
        && !BEFORE_YEAR.contains(&prev)
        && lexicon::flags(prev) & lexicon::LOWER != 0;
    if topic {
        glued.push((i, k));
        *glued_counts.entry((prev, y)).or_default() += 1;
    }
}

/// For each candidate (view, word k), whether the name recogniser, run over the views'
/// text joined by newlines, puts words `k` and `k + 1` in two different names of one kind,
/// two people or two places: the keywords of who and where. A brand before its product
/// ("Google Stadia", ORG and ORG) and a nickname the tagger misreads ("Scooter" ORG before
/// "Braun" PER) are no keyword string.
fn two_names(views: &[View<'_>], cands: &[(usize, usize)]) -> Vec<bool> {
    let Some(model) = crate::entities::names::MODEL.as_ref() else {
        return vec![false; cands.len()];
    };
    // A pair led by a first name ("Taylor Swift", "Julian Assange", "Adam Schiff") is one
    // person's name, never two keywords: the recogniser never splits a run after a first
    // name (see `entities::names::split_compounds`). Such pairs are answered here, without
    // tagging, and their lines are not tagged: most candidates on the dev pages are such
    // pairs, each of which the recogniser read as one name (2 of the 10 pages with a
    // candidate no longer run it, the other 8 run it on fewer lines). A first name
    // is one the gazetteer has as the first word of a person's name, or one of a cluster
    // of first names, and never a place ("Jordan Israel" is still tagged).
    // A first name that is also a place ("Adam", a town in Oman; "Taylor", Texas) still
    // leads a person's name before a surname that is no place ("Adam Schiff", "Taylor
    // Swift"), and the recogniser reads such a pair as one person; "Jordan Israel" is
    // still tagged.
    const PLACE: u8 = 1 << 2;
    let place = |w: &str| model.name_types(&[w]) & PLACE != 0;
    let surname = |w: &str| crate::entities::names::surname(model, w) && !place(w);
    let first_name = |a: &str, b: &str| crate::entities::names::first_name(model, a) && (!place(a) || surname(b));
    // Nor is a pair with a capitalised word English writes only in lowercase ("LC
    // Convertible"): the recogniser takes no such word alone for a person or a place. (Not
    // an acronym: "US" is no "us".)
    let common = |w: &str| w.chars().skip(1).any(char::is_lowercase) && lexicon::english_only(w);
    let one_name: Vec<bool> = cands
        .iter()
        .map(|&(i, k)| {
            let (a, b) = (views[i].word(k), views[i].word(k + 1));
            first_name(a, b) || common(a) || common(b)
        })
        .collect();
    if one_name.iter().all(|&f| f) {
        return vec![false; cands.len()];
    }
    // The lines that tell: those with a candidate, and those where a candidate's words
    // appear on their own (the recogniser splits a run by what the document names alone).
    // Reading only these keeps the cost down (bench-clean on the dev pages: 10.4 MB/s
    // without the recogniser, 8.3 with it on the whole text of pages with a candidate, 9.1
    // on these lines).
    let tagged = || cands.iter().zip(&one_name).filter(|(_, &f)| !f).map(|(c, _)| c);
    let words: crate::hash::FastSet<&str> =
        tagged().flat_map(|&(i, k)| [views[i].word(k), views[i].word(k + 1)]).collect();
    let mut doc = String::new();
    let mut at = vec![usize::MAX; views.len()];
    for (i, v) in views.iter().enumerate() {
        let tells = tagged().any(|c| c.0 == i) || (0..v.words.len()).any(|k| words.contains(v.word(k)));
        if tells {
            at[i] = doc.len();
            doc.push_str(v.text);
            doc.push('\n');
        }
    }
    let names = crate::entities::names::find_with(model, &doc);
    let name_of = |s: usize, e: usize| names.iter().position(|n| n.start <= s && e <= n.end);
    cands
        .iter()
        .zip(one_name)
        .map(|(&(i, k), one)| {
            if one {
                return false;
            }
            let v = &views[i];
            let (a, b) = (v.words[k], v.words[k + 1]);
            match (name_of(at[i] + a.0, at[i] + a.1), name_of(at[i] + b.0, at[i] + b.1)) {
                (Some(na), Some(nb)) => {
                    let (la, lb) = (names[na].label, names[nb].label);
                    na != nb && la == lb && matches!(la, Label::Per | Label::Loc)
                }
                _ => false,
            }
        })
        .collect()
}
