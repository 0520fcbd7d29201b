//! Quotes: who said what. Direct quotes (between quotation marks) and indirect attributions
//! ("Peskov stated that ...", "... according to Interfax"), each with its content, its cue
//! (the reporting words) and its speaker (the mention as written, resolved to a name).
//!
//! # How
//!
//! Rules, in one pass over words and one over quotation marks, both linear in the text:
//!
//! 1. **Words** ([`tokenize`]): alphanumeric runs, joined over inner apostrophes, hyphens
//!    and dots ("U.S.", "don't", "J."); the gap between two words tells whether a phrase may
//!    continue across it (only spaces) and whether a sentence ends there.
//! 2. **Quotation marks** per paragraph (a line): curly marks by their glyph (unless their
//!    context says they were curled the wrong way), straight ones by context. A mark that
//!    cannot close while a quote is open restarts it (the earlier mark was stray); a quote
//!    still open at the end of its paragraph continues only if the next paragraph reopens
//!    with a mark (multi-paragraph quotes), and otherwise ends with its paragraph. So a
//!    lone mark never swallows more than one paragraph, whatever the length of the text.
//! 3. **Scare quotes and titles** (“Respectful”, “Patriots-Only”, as “substantive.”): one to
//!    three words, or up to six title-case words without a sentence mark, are not quotes,
//!    unless they are a whole sentence on their own ("“No,” he said.").
//! 4. **Attribution** of a direct quote: the words right after it (`"...," X said`,
//!    `"...," said X`, `"...," X, the Y, told reporters`) or right before it in its sentence
//!    (`X said: "..."`, `According to X, "..."`), found by a cue from [`lexicon`] (general
//!    English reporting verbs). A quote split by its attribution (`"X," he said, "Y."`) is one
//!    quote with two fragments; a quote opening a paragraph with no cue of its own continues
//!    the speaker of the quote just before it.
//! 5. **Indirect attributions**: in a sentence without a direct quote, a speaker phrase then a
//!    cue (`Peskov stated that CLAUSE`, `X told reporters CLAUSE`), a trailing cue
//!    (`CLAUSE, X said.`) or `according to X`; the content is the clause.
//! 6. **Speakers**: a noun phrase of capitalised words, a pronoun or a person noun ("the
//!    Kremlin aide", "a White House official"). Its name is the person (or organisation) the
//!    entity tagger finds inside it; a pronoun or a description resolves to the nearest
//!    person mentioned before it.
//!
//! # Why rules
//!
//! They are exact where punctuation speaks (direct quotes, their attributions), cost nothing
//! in the wasm, and run at many MB/s; paraphrases are the hard part and get the simple
//! sentence patterns above. Offsets are bytes of the text as given; views convert them.

pub mod corpus;
pub mod lexicon;

use crate::entities::{Entity, Label};
use lexicon::*;
use serde::Serialize;

/// How a speaker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A name ("Yury Ushakov", "Kremlin aide Yury Ushakov", "Reuters").
    Name,
    /// A pronoun ("he", "she").
    Pronoun,
    /// A description ("the Kremlin aide", "a White House official").
    Description,
}

/// The speaker of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// Start byte of the mention as written.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// How it is written.
    pub kind: SpeakerKind,
    /// The byte span of the name it resolves to (inside the mention, or an earlier mention
    /// for a pronoun or a description); `None` when nothing resolves it.
    pub name: Option<(usize, usize)>,
}

/// One quote or attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Start byte of the content (a direct quote's opening mark).
    pub start: usize,
    /// End byte (exclusive; after the closing mark if there is one).
    pub end: usize,
    /// The pieces of a quote interrupted by its attribution (empty when in one piece).
    pub fragments: Vec<(usize, usize)>,
    /// Between quotation marks.
    pub direct: bool,
    /// The reporting words ("said", "according to").
    pub cue: Option<(usize, usize)>,
    /// Who said it.
    pub speaker: Option<Speaker>,
}

/// Finds the quotes of `text`, tagging its entities first.
pub fn find(text: &str) -> Vec<Quote> {
    find_with(text, &crate::entities::recognize(text))
}

/// Finds the quotes of `text` given its entities (byte spans, sorted by start).
pub fn find_with(text: &str, entities: &[Entity]) -> Vec<Quote> {
    let words = tokenize(text);
    let cx = Cx { text, words: &words, entities };
    let mut out = cx.direct_quotes();
    cx.indirect(&mut out);
    out.sort_by_key(|q| (q.start, q.end));
    cx.fill_speakers(&mut out);
    for q in &mut out {
        if let Some(s) = &mut q.speaker {
            s.name = cx.resolve(s);
        }
    }
    out
}

/// A word: a byte range.
#[derive(Debug, Clone, Copy)]
struct W {
    s: usize,
    e: usize,
}

fn is_abbrev(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Jr"
            | "Sr"
            | "St"
            | "Inc"
            | "Co"
            | "Corp"
            | "Ltd"
            | "vs"
            | "Pres"
            | "Prof"
            | "Rev"
            | "Sgt"
            | "Capt"
            | "Adm"
            | "Maj"
            | "Sens"
            | "Reps"
            | "No"
    )
}

/// Words of `text` (see the module doc), in order.
fn tokenize(text: &str) -> Vec<W> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut it = text.char_indices().peekable();
    let mut start: Option<usize> = None;
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let next_alnum = it.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if matches!(c, '\'' | '’' | '-' | '.' | '&') && next_alnum {
                continue;
            }
            if c == '.' {
                let w = &text[s..i];
                let last = w.rsplit('.').next().unwrap_or(w);
                let single_cap = last.len() == 1 && b[i - 1].is_ascii_uppercase();
                if is_abbrev(w) || single_cap {
                    out.push(W { s, e: i + 1 });
                    start = None;
                    continue;
                }
            }
            out.push(W { s, e: i });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(W { s, e: text.len() });
    }
    out
}

/// A quotation mark's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Either,
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

fn classify(prev: Option<char>, c: char, next: Option<char>) -> Mark {
    let space_before = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
    let space_after = next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–-".contains(n));
    match c {
        '“' | '„' | '«' | '‟' => {
            if !space_before && space_after && prev.is_some_and(|p| p.is_alphanumeric() || ".,!?".contains(p)) {
                Mark::Close
            } else {
                Mark::Open
            }
        }
        '”' | '»' => {
            if space_before && !space_after && next.is_some_and(char::is_alphanumeric) {
                Mark::Open
            } else {
                Mark::Close
            }
        }
        _ => match (space_before, space_after) {
            (true, false) => Mark::Open,
            (false, true) => Mark::Close,
            _ => Mark::Either,
        },
    }
}

/// A quotation found by the marks: the whole span and the words inside.
#[derive(Debug, Clone, Copy)]
struct Raw {
    s: usize,
    e: usize,
    inner_s: usize,
    inner_e: usize,
}

/// An attribution found for a quote: cue, speaker, and the byte where it ends.
#[derive(Debug, Clone, Copy)]
struct Attr {
    cue: (usize, usize),
    speaker: (usize, usize),
    end: usize,
    /// Where the content starts when the quote is part of a reported clause ('Cruz said he
    /// had "areas of disagreement" with Trump'): the clause after the cue.
    clause: Option<usize>,
}

struct Cx<'a> {
    text: &'a str,
    words: &'a [W],
    entities: &'a [Entity],
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

impl<'a> Cx<'a> {
    fn w(&self, i: usize) -> &'a str {
        &self.text[self.words[i].s..self.words[i].e]
    }

    fn lw(&self, i: usize) -> String {
        lower(self.w(i))
    }

    /// Whether word `i` is a cue: a reporting verb written in lower case ("States" in
    /// "United States" is not one), or "According".
    fn cue_at(&self, i: usize) -> bool {
        let w = self.w(i);
        // "dismiss these claims", "the report": after a determiner the word is a noun.
        let noun = i > 0 && self.joined(i - 1) && is_determiner(&self.lw(i - 1)) && self.lw(i - 1) != "that";
        (w == "According" || !w.chars().any(char::is_uppercase)) && is_cue(w) && !noun
    }

    /// "Putin was also asked if ...": a verb that takes a hearer, in the passive, makes its
    /// subject the one spoken to, not the speaker.
    fn passive_hearer(&self, k: usize) -> bool {
        if !takes_hearer(&self.lw(k)) {
            return false;
        }
        let mut j = k;
        while j > 0 && k - j < 4 && self.joined(j - 1) && is_aux(&self.lw(j - 1)) {
            j -= 1;
            if matches!(self.lw(j).as_str(), "was" | "were" | "is" | "are" | "been" | "being" | "be") {
                return true;
            }
        }
        false
    }

    /// The text between word `i` and word `i + 1`.
    fn gap(&self, i: usize) -> &'a str {
        &self.text[self.words[i].e..self.words[i + 1].s]
    }

    /// Whether a phrase may run from word `i` to word `i + 1` (only spaces between).
    fn joined(&self, i: usize) -> bool {
        self.gap(i).chars().all(|c| c.is_whitespace() && c != '\n')
    }

    /// Whether a sentence ends between word `i` and word `i + 1`.
    fn sentence_break(&self, i: usize) -> bool {
        let g = self.gap(i);
        g.char_indices().any(|(j, c)| match c {
            '!' | '?' | '\n' => true,
            // "R-Ky., said", "(R-Fla.) said", "U.S.-Russia": not an end.
            '.' => !g[j + 1..].starts_with([',', ')', '-']),
            _ => false,
        })
    }

    /// Index of the first word starting at or after byte `b`.
    fn word_at(&self, b: usize) -> usize {
        self.words.partition_point(|w| w.s < b)
    }

    // ------------------------------------------------------------ direct quotes

    /// Quotations by their marks (see the module doc).
    fn marks(&self) -> Vec<Raw> {
        let text = self.text;
        let mut out = Vec::new();
        // The open quote: (start of its mark, end of its mark).
        let mut open: Option<(usize, usize)> = None;
        let mut prev_line_end = 0;
        let mut line_start = 0;
        while line_start <= text.len() {
            let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
            let line = &text[line_start..line_end];
            let trimmed = line.trim_start();
            if trimmed.is_empty() {
                if line_end == text.len() {
                    break;
                }
                line_start = line_end + 1;
                continue;
            }
            let mut skip_first = false;
            if let Some((o, oe)) = open {
                let first = trimmed.chars().next();
                if first.is_some_and(is_quote_char) {
                    skip_first = true; // the paragraph reopens the quote
                } else {
                    out.push(Raw { s: o, e: prev_line_end, inner_s: oe, inner_e: prev_line_end });
                    open = None;
                }
            }
            let mut prev: Option<char> = None;
            let mut chars = line.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if is_quote_char(c) {
                    let pos = line_start + i;
                    let end = pos + c.len_utf8();
                    if skip_first {
                        skip_first = false;
                    } else {
                        let mark = classify(prev, c, chars.peek().map(|&(_, n)| n));
                        match (open, mark) {
                            (None, Mark::Open | Mark::Either) => open = Some((pos, end)),
                            (None, Mark::Close) => {}
                            (Some((o, oe)), Mark::Close | Mark::Either) => {
                                out.push(Raw { s: o, e: end, inner_s: oe, inner_e: pos });
                                open = None;
                            }
                            (Some(_), Mark::Open) => open = Some((pos, end)),
                        }
                    }
                } else if !c.is_whitespace() {
                    skip_first = false;
                }
                prev = Some(c);
            }
            prev_line_end = line_start + line.trim_end().len();
            if line_end == text.len() {
                break;
            }
            line_start = line_end + 1;
        }
        if let Some((o, oe)) = open {
            out.push(Raw { s: o, e: prev_line_end.max(oe), inner_s: oe, inner_e: prev_line_end.max(oe) });
        }
        out
    }

    /// Whether a quotation is a scare quote or a title rather than a quote.
    fn is_scare(&self, r: &Raw) -> bool {
        let a = self.word_at(r.inner_s);
        let b = self.word_at(r.inner_e);
        let n = b - a;
        if n == 0 {
            return true;
        }
        let inner = self.text[r.inner_s..r.inner_e].trim_end();
        let ends_sentence = inner.ends_with(['.', '!', '?', ',', '…']);
        if n >= 7 {
            return false;
        }
        let title = (a..b).all(|i| is_cap(self.w(i)) || matches!(self.w(i), "of" | "the" | "and" | "a" | "in"));
        if n >= 4 {
            return title && !ends_sentence;
        }
        // One to three words: a quote only as a sentence of its own.
        let before = self.text[..r.s].trim_end();
        let starts_sentence = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n', '"', '”']);
        !(ends_sentence && starts_sentence && !title)
    }

    fn direct_quotes(&self) -> Vec<Quote> {
        let raws = self.marks();
        let mut out: Vec<Quote> = Vec::new();
        // The attribution end of the previous kept quote and its index in `out`.
        let mut last: Option<(usize, usize)> = None;
        for r in raws.iter().filter(|r| !self.is_scare(r)) {
            if out.last().is_some_and(|p| r.s < p.end) {
                continue; // inside the reported clause of the quote before
            }
            let floor = out.last().map_or(0, |p| p.end);
            // A quote ending its sentence is attributed before it first ('X insisted
            // that Y "stop it." The agency said ...'), other quotes after it first.
            let ends = self.text[r.inner_s..r.inner_e].trim_end().ends_with(['.', '!', '?']);
            // A cue right before the quote ('saying, "...," according to X') wins.
            let b = self.word_at(r.s);
            let tight = (b > 0 && self.cue_at(b - 1) && self.text[self.words[b - 1].e..r.s].trim().len() <= 1)
                .then(|| self.attr_before(r, floor))
                .flatten();
            let (after, before) = if tight.is_some() {
                (None, tight)
            } else if ends {
                match self.attr_before(r, floor) {
                    Some(b) => (None, Some(b)),
                    None => (self.attr_after(r), None),
                }
            } else {
                match self.attr_after(r) {
                    Some(a) => (Some(a), None),
                    None => (None, self.attr_before(r, floor)),
                }
            };
            // A quote split by its attribution: "X," he said, "Y."
            if let Some((attr_end, k)) = last {
                let between = &self.text[attr_end.min(r.s)..r.s];
                let prev = &out[k];
                if attr_end <= r.s
                    && before.is_none_or(|b| Some(b.cue) == prev.cue)
                    && after.is_none()
                    && prev.fragments.len() < 2
                    && between.chars().all(|c| c.is_whitespace() && c != '\n' || ",.:;".contains(c))
                {
                    let q = &mut out[k];
                    q.fragments = vec![(q.start, q.end), (r.s, r.e)];
                    q.end = r.e;
                    last = None;
                    continue;
                }
            }
            let attr = after.or(before);
            let (start, end) = match before.and_then(|b| b.clause) {
                Some(c) => (c, self.sentence_end_after(r.e).max(r.e)),
                None => (r.s, r.e),
            };
            let mut q = Quote {
                start,
                end,
                fragments: Vec::new(),
                direct: true,
                cue: attr.map(|a| a.cue),
                speaker: attr.map(|a| self.speaker(a.speaker)),
            };
            if attr.is_none() {
                // A paragraph opening with a quote continues the previous speaker.
                let line_start = self.text[..r.s].rfind('\n').map_or(0, |i| i + 1);
                if self.text[line_start..r.s].trim().is_empty() {
                    if let Some(p) = out.last() {
                        if p.speaker.is_some() && self.text[p.end..r.s].matches('\n').count() <= 3 {
                            q.speaker = p.speaker.clone();
                            q.cue = p.cue;
                        }
                    }
                }
            }
            last = after.map(|a| (a.end, out.len()));
            out.push(q);
        }
        out
    }

    /// `"...," X said` / `"...," said X` right after the quotation.
    fn attr_after(&self, r: &Raw) -> Option<Attr> {
        let tail = &self.text[r.e..];
        let lead: &str = &tail[..tail.len() - tail.trim_start_matches([',', ' ', '\u{a0}', '—', '–', '-']).len()];
        if lead.contains('\n') {
            return None;
        }
        let a = self.word_at(r.e);
        if a >= self.words.len() || self.words[a].s != r.e + lead.len() {
            // “...” ― Stephanie Egan
            let lead2 = &tail[..tail.len() - tail.trim_start_matches([' ', '\u{a0}', '―', '—', '–']).len()];
            if a < self.words.len() && lead2.contains(['―', '—', '–']) && self.words[a].s == r.e + lead2.len() {
                let d = r.e + lead2.find(['―', '—', '–'])?;
                let dl = self.text[d..].chars().next()?.len_utf8();
                let sp = self.np_forward_at(a)?;
                return Some(Attr { cue: (d, d + dl), speaker: sp, end: sp.1, clause: None });
            }
            return None;
        }
        if lead.contains(['―', '—', '–']) {
            if let Some(sp) = self.np_forward_at(a) {
                let d = r.e + lead.find(['―', '—', '–'])?;
                let dl = self.text[d..].chars().next()?.len_utf8();
                if !(a..(a + 8).min(self.words.len())).any(|i| is_cue(&self.lw(i))) {
                    return Some(Attr { cue: (d, d + dl), speaker: sp, end: sp.1, clause: None });
                }
            }
        }
        // The cue within the next few words of one clause.
        let mut k = a;
        while k < self.words.len() && k < a + 12 {
            if self.cue_at(k) {
                break;
            }
            if k + 1 >= self.words.len() || self.sentence_break(k) || self.gap(k).contains(['"', '“', '”', ':', ';'])
            {
                return None;
            }
            k += 1;
        }
        if k >= self.words.len() || k >= a + 12 {
            return None;
        }
        let cue_lw = self.lw(k);
        if cue_lw == "according" {
            let sp = self.np_forward(k + 2)?;
            return Some(Attr { cue: (self.words[k].s, self.words[k + 1].e), speaker: sp, end: sp.1, clause: None });
        }
        let cue = (self.words[k].s, self.words[k].e);
        if k > a {
            // Everything between the quote and the cue, minus auxiliaries.
            let mut j = k;
            while j > a && is_aux(&self.lw(j - 1)) {
                j -= 1;
            }
            // "To which she said": from after the last conjunction.
            let a = (a..j).rev().find(|&i| is_stop(&self.lw(i))).map_or(a, |i| i + 1);
            if j <= a {
                return None;
            }
            // After a quote that ends its sentence, the words before the cue are one phrase
            // ('...him.” Of course, Clinton said' is not "Of course, Clinton").
            let ends = self.text[r.inner_s..r.inner_e].trim_end().ends_with(['.', '!', '?']);
            if ends && (a..j - 1).any(|i| !self.joined(i)) {
                return None;
            }
            let ok = (a..j).any(|i| {
                let w = self.w(i);
                is_cap(w) || is_pronoun(&lower(w)) || is_person_noun(&lower(w))
            }) || is_determiner(&self.lw(a));
            if !ok {
                return None;
            }
            let mut end = cue.1;
            if takes_hearer(&cue_lw) {
                if let Some(h) = self.np_forward(k + 1) {
                    end = h.1;
                }
            }
            return Some(Attr { cue, speaker: (self.words[a].s, self.words[j - 1].e), end, clause: None });
        }
        let sp = self.np_forward(k + 1).or_else(|| self.np_described(k + 1))?;
        Some(Attr { cue, speaker: sp, end: sp.1, clause: None })
    }

    /// "said the ruling": any determiner phrase after a cue that follows a quote.
    fn np_described(&self, k: usize) -> Option<(usize, usize)> {
        if k >= self.words.len() || !is_determiner(&self.lw(k)) || !self.joined(k - 1) {
            return None;
        }
        let mut e = k + 1;
        while e < self.words.len() && e - k < 6 && self.joined(e - 1) && !is_stop(&self.lw(e)) {
            e += 1;
        }
        (e > k + 1).then(|| (self.words[k].s, self.words[e - 1].e))
    }

    /// `X said: "..."` / `According to X, "..."` before the quotation, in its sentence.
    fn attr_before(&self, r: &Raw, floor: usize) -> Option<Attr> {
        let b = self.word_at(r.s);
        if b == 0 {
            return None;
        }
        let gap_to_quote = &self.text[self.words[b - 1].e..r.s];
        // "He said:\n\n“...": a colon may end the paragraph before.
        let colon_para = gap_to_quote.trim_start().starts_with(':') && gap_to_quote.matches('\n').count() <= 2;
        if !colon_para && gap_to_quote.contains(['\n', '.', '!', '?', '"', '“', '”']) {
            return None;
        }
        // The sentence before the quote (at most 30 words, not into the quote before).
        let mut a = b - 1;
        while a > 0 && b - a < 30 && !self.sentence_break(a - 1) && self.words[a - 1].s >= floor {
            a -= 1;
        }
        if self.words[a].s < floor {
            return None;
        }
        // "When asked if he thought so, Devine responded: “...”": not in the opening clause.
        if matches!(
            self.lw(a).as_str(),
            "when" | "if" | "as" | "after" | "while" | "before" | "although" | "though" | "because" | "since" | "asked"
        ) {
            if let Some(c) = (a..b - 1).find(|&i| self.gap(i).contains(',')) {
                a = c + 1;
            }
        }
        // The outermost attribution: "Lynch said she recalled thinking, “...”" is Lynch's.
        for k in a..b {
            let lw = self.lw(k);
            if lw == "according" && k + 1 < b && self.lw(k + 1) == "to" {
                if let Some(sp) = self.np_forward(k + 2) {
                    return Some(Attr {
                        cue: (self.words[k].s, self.words[k + 1].e),
                        speaker: sp,
                        end: r.s,
                        clause: None,
                    });
                }
            } else if self.cue_at(k) {
                let cue = (self.words[k].s, self.words[k].e);
                let sp = self
                    .subject_of(k)
                    .or_else(|| self.np_back(k))
                    .or_else(|| self.np_forward(k + 1).filter(|_| b - k <= 5));
                if let Some(sp) = sp {
                    let clause = self.clause_start(k, b);
                    return Some(Attr { cue, speaker: sp, end: r.s, clause });
                }
            }
        }
        None
    }

    /// The first word of the clause a cue at word `k` reports, when it starts before the
    /// quote at word `b` (so the quote is only part of the content).
    fn clause_start(&self, k: usize, b: usize) -> Option<usize> {
        let mut c = k + 1;
        if takes_hearer(&self.lw(k)) {
            if let Some(h) = self.np_forward(c) {
                c = self.word_at(h.1);
            }
        }
        if let Some(t) = (c..(c + 4).min(b)).find(|&i| self.lw(i) == "that") {
            c = t + 1;
        }
        if c > b || b >= self.words.len() {
            return None;
        }
        let gap = &self.text[self.words[b - 1].e..self.words[b].s.min(self.text.len())];
        (!gap.contains([':', ','])).then(|| self.words[c].s)
    }

    /// The end of the sentence that goes on after byte `e`.
    fn sentence_end_after(&self, e: usize) -> usize {
        let mut j = self.word_at(e);
        if j >= self.words.len() || j == 0 || self.text[e..self.words[j].s].contains(['\n', '.', '!', '?']) {
            return e;
        }
        while j + 1 < self.words.len() && !self.sentence_break(j) && self.words[j].s - e < 600 {
            j += 1;
        }
        self.words[j].e
    }

    // ------------------------------------------------------------ speaker phrases

    /// The speaker phrase ending right before the cue at word `k`, as a byte span.
    fn np_back(&self, k: usize) -> Option<(usize, usize)> {
        // "Sen. Elizabeth Warren (D-MA) said": the name and its parenthesis.
        if k > 1 && self.gap(k - 1).trim() == ")" {
            let j = (k.saturating_sub(5).max(1)..k).rev().find(|&j| self.gap(j - 1).trim() == "(")?;
            let (s, _) = self.segment_back(j)?;
            let close = self.words[k - 1].e + self.gap(k - 1).find(')')? + 1;
            return self.np_ok(s, j).then(|| (self.words[s].s, close));
        }
        let mut end = k;
        let mut skipped = 0;
        while end > 0 && skipped < 4 && self.joined(end - 1) && is_aux(&self.lw(end - 1)) {
            end -= 1;
            skipped += 1;
        }
        if end > 0 && skipped > 0 && self.joined(end - 1) && self.lw(end - 1) == "on" && is_time(&self.lw(end)) {
            end -= 1;
        }
        if end == 0 || end == k && !self.joined(k - 1) && !self.gap(k - 1).trim().is_empty() {
            // "X, the Y, said": the name and its apposition.
            if end > 0 && self.gap(end - 1).trim() == "," {
                // The comma-delimited piece before the cue.
                let mut p = end - 1;
                while p > 0 && end - p < 10 && self.joined(p - 1) {
                    p -= 1;
                }
                let piece_ok = !is_stop(&self.lw(p)) && self.np_ok(p, end);
                if p > 0 && self.gap(p - 1).trim() == "," {
                    if let Some((n_s, n_e)) = self.segment_back(p) {
                        if self.np_ok(n_s, n_e) {
                            let last = if piece_ok { end } else { n_e };
                            return Some((self.words[n_s].s, self.words[last - 1].e));
                        }
                    }
                }
                return piece_ok.then(|| (self.words[p].s, self.words[end - 1].e));
            }
            return None;
        }
        if !self.joined(end - 1) {
            return None;
        }
        let (s, _) = self.segment_back(end)?;
        self.np_ok(s, end).then(|| (self.words[s].s, self.words[end - 1].e))
    }

    /// "X chimed in on Twitter, saying ...": the subject opening the sentence of a participle
    /// cue that follows a comma.
    fn subject_of(&self, k: usize) -> Option<(usize, usize)> {
        if k == 0 {
            return None;
        }
        let participle = self.lw(k).ends_with("ing") && self.gap(k - 1).contains(',');
        // "... and vowed", "but now said": a conjunction before the verb and its adverbs.
        let mut j = k;
        while j > 1 && k - j < 3 && self.joined(j - 1) && is_aux(&self.lw(j - 1)) {
            j -= 1;
        }
        let coordinated = j >= 2 && matches!(self.lw(j - 1).as_str(), "and" | "but") && self.joined(j - 1);
        if !participle && !coordinated {
            return None;
        }
        let mut a = k;
        while a > 0 && k - a < 40 && !self.sentence_break(a - 1) {
            a -= 1;
        }
        // "In August, several groups ...": past an opening phrase. The sentence's first word
        // follows the end of the one before, so whatever precedes it.
        let np = self.np_forward_at(a).or_else(|| {
            let c = (a..(a + 6).min(k)).find(|&i| self.gap(i).contains(','))?;
            self.np_forward(c + 1)
        })?;
        (np.1 < self.words[k].s).then_some(np)
    }

    /// The words joined to word `end - 1` going back (at most 7), trimmed on the left to a
    /// plausible phrase start.
    fn segment_back(&self, end: usize) -> Option<(usize, usize)> {
        if end == 0 {
            return None;
        }
        let mut s = end - 1;
        if is_stop(&self.lw(s)) || is_cue(&self.lw(s)) {
            return None;
        }
        while s > 0 && end - s < 7 && self.joined(s - 1) {
            let lw = self.lw(s - 1);
            if is_stop(&lw) || is_cue(&lw) || is_aux(&lw) && !is_cap(self.w(s - 1)) {
                break;
            }
            s -= 1;
        }
        // Trim lowercase words that cannot start a phrase.
        while s < end - 1 {
            let w = self.w(s);
            let lw = lower(w);
            if is_cap(w) || is_determiner(&lw) || is_pronoun(&lw) || is_person_noun(&lw) {
                break;
            }
            s += 1;
        }
        Some((s, end))
    }

    /// Whether words `s..e` can be a speaker.
    fn np_ok(&self, s: usize, e: usize) -> bool {
        if s >= e {
            return false;
        }
        let head = self.lw(e - 1);
        if head.chars().next().is_some_and(|c| c.is_numeric())
            || is_time(&head)
            || is_determiner(&head) && e - s == 1 && head != "this"
        {
            return false;
        }
        if e - s == 1 && head == "it" {
            return false;
        }
        // "the announcer", "one questioner", "the ruling".
        if e - s >= 2 && e - s <= 4 && is_determiner(&self.lw(s)) && !is_stop(&head) {
            return true;
        }
        (s..e).any(|i| {
            let w = self.w(i);
            let lw = lower(w);
            (is_cap(w) && !is_time(&lw) && !(i == s && is_determiner(&lw))) || is_pronoun(&lw) || is_person_noun(&lw)
        })
    }

    /// The speaker phrase starting at word `k` ("said Yury Ushakov, ..."), as a byte span.
    fn np_forward(&self, k: usize) -> Option<(usize, usize)> {
        if k >= self.words.len() {
            return None;
        }
        if k > 0 && !self.joined(k - 1) && !self.gap(k - 1).trim().is_empty() {
            return None;
        }
        self.np_forward_at(k)
    }

    /// [`Self::np_forward`] whatever precedes word `k`.
    fn np_forward_at(&self, k: usize) -> Option<(usize, usize)> {
        let first = self.w(k);
        let lf = lower(first);
        if !(is_cap(first) || is_determiner(&lf) || is_pronoun(&lf) || is_person_noun(&lf)) || is_time(&lf) {
            return None;
        }
        let mut e = k + 1;
        while e < self.words.len() && e - k < 8 && self.joined(e - 1) {
            let w = self.w(e);
            let lw = lower(w);
            if is_stop(&lw) && lw != "of" || is_cue(&lw) || is_aux(&lw) && !is_cap(w) {
                break;
            }
            e += 1;
        }
        // Do not end on "of" or a determiner.
        while e > k + 1 && matches!(self.lw(e - 1).as_str(), "of" | "the" | "a" | "an") {
            e -= 1;
        }
        self.np_ok(k, e).then(|| (self.words[k].s, self.words[e - 1].e))
    }

    fn speaker(&self, (s, e): (usize, usize)) -> Speaker {
        let t = &self.text[s..e];
        let lt = lower(t);
        let kind = if is_pronoun(&lt) {
            SpeakerKind::Pronoun
        } else if self.entities.iter().any(|x| x.start < e && s < x.end && matches!(x.label, Label::Per | Label::Org))
            || t.split_whitespace().any(|w| is_cap(w) && !is_determiner(&lower(w)))
        {
            SpeakerKind::Name
        } else {
            SpeakerKind::Description
        };
        Speaker { start: s, end: e, kind, name: None }
    }

    /// The name a speaker resolves to (see [`Speaker::name`]).
    fn resolve(&self, sp: &Speaker) -> Option<(usize, usize)> {
        let lo = self.entities.partition_point(|x| x.end <= sp.start);
        let inside: Vec<&Entity> = self.entities[lo..].iter().take_while(|x| x.start < sp.end).collect();
        if let Some(p) = inside.iter().rev().find(|x| x.label == Label::Per) {
            return Some(self.without_title(p.start, p.end));
        }
        if sp.kind == SpeakerKind::Name {
            if let Some(o) = inside.iter().rev().find(|x| matches!(x.label, Label::Org | Label::Misc | Label::Loc)) {
                return Some((o.start, o.end));
            }
            return Some((sp.start, sp.end));
        }
        let lt = lower(&self.text[sp.start..sp.end]);
        if sp.kind == SpeakerKind::Pronoun && !matches!(lt.as_str(), "he" | "she" | "i") {
            return None;
        }
        // "according to a statement released by ...", "the ministry said": a description
        // names someone met earlier only if it has a noun for a person ("the Kremlin aide",
        // "the former president"), not only one for a document or an institution.
        if sp.kind == SpeakerKind::Description
            && !lt.split(|c: char| !c.is_alphanumeric()).any(|w| is_person_noun(w) && !is_nonperson_source(w))
        {
            return None;
        }
        // A pronoun or a description names someone already met: the first person of the
        // nearest sentence naming one ("Putin was asked if he could meet Zelenskyy. He
        // said ..." is Putin), this sentence's part before the speaker first.
        let mut hi = lo;
        let mut bound = sp.start;
        for _ in 0..6 {
            let w = self.word_at(bound);
            let mut a = w;
            while a > 0 && !self.sentence_break(a - 1) {
                a -= 1;
            }
            let from = if a < self.words.len() { self.words[a].s } else { bound };
            let first = self.entities[..hi].partition_point(|x| x.start < from);
            if let Some(x) = self.entities[first..hi].iter().find(|x| x.label == Label::Per) {
                return Some((x.start, x.end));
            }
            if a == 0 {
                return None;
            }
            hi = first;
            bound = self.words[a - 1].s;
        }
        self.entities[..hi].iter().rev().find(|x| x.label == Label::Per).map(|x| (x.start, x.end))
    }

    /// A direct quote with no attribution of its own: a transcript's "NAME:", else the
    /// speaker of the quote just before it (a quote running on), else the nearest person
    /// named shortly before it in its paragraph or the one before.
    fn fill_speakers(&self, out: &mut [Quote]) {
        for i in 0..out.len() {
            if !out[i].direct || out[i].speaker.is_some() || out[i].cue.is_some() {
                continue;
            }
            let s = out[i].start;
            if let Some(sp) = self.transcript_speaker(s) {
                out[i].speaker = Some(self.speaker(sp));
                continue;
            }
            if let Some(sp) = self.sentence_subject(s) {
                out[i].speaker = Some(self.speaker(sp));
                continue;
            }
            if i > 0 {
                let p = &out[i - 1];
                let between = &self.text[p.end.min(s)..s];
                if p.speaker.is_some()
                    && (p.direct && between.len() < 400 || between.len() < 120)
                    && between.matches('\n').count() <= 4
                {
                    out[i].speaker = p.speaker.clone();
                    continue;
                }
            }
            let floor = s.saturating_sub(300);
            let floor = out[..i].last().map_or(floor, |p| floor.max(p.end));
            let lo = self.entities.partition_point(|x| x.end <= floor);
            let hi = self.entities.partition_point(|x| x.end <= s);
            if let Some(x) = self.entities[lo..hi].iter().rev().find(|x| x.label == Label::Per) {
                out[i].speaker = Some(self.speaker((x.start, x.end)));
            }
        }
    }

    /// 'Moore thanked him for “stepping up ...”': the subject of the sentence a quote is
    /// part of, when it opens the sentence and a lower-case word (its verb) follows it.
    fn sentence_subject(&self, at: usize) -> Option<(usize, usize)> {
        let b = self.word_at(at);
        if b == 0 || self.text[self.words[b - 1].e..at].contains(['\n', '.', '!', '?', ':']) {
            return None;
        }
        let mut a = b - 1;
        while a > 0 && b - a < 40 && !self.sentence_break(a - 1) {
            if self.gap(a - 1).contains(['"', '“', '”']) {
                return None;
            }
            a -= 1;
        }
        let np = self.np_forward_at(a)?;
        let e = self.word_at(np.1);
        let verb = e < b && self.joined(e - 1) && !self.w(e).chars().any(char::is_uppercase);
        (verb && !is_time(&self.lw(e - 1)) && np.1 - np.0 < 80).then_some(np)
    }

    /// "PENCE: ..." at the start of the quote's line: the speaker of a transcript.
    fn transcript_speaker(&self, at: usize) -> Option<(usize, usize)> {
        let ls = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.text[ls..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let lead = line.len() - line.trim_start_matches([' ', '"', '“', '\'']).len();
        let colon = line[lead..].find(':')? + lead;
        let name = &line[lead..colon];
        let words = name.split_whitespace().count();
        let caps = name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        ((1..=3).contains(&words) && caps && name.chars().any(char::is_alphabetic) && ls + colon <= at + 60)
            .then(|| (ls + lead, ls + lead + name.trim_end().len()))
    }

    /// A name without the titles the tagger may include ("Mayor Tom Reed" is "Tom Reed").
    fn without_title(&self, s: usize, e: usize) -> (usize, usize) {
        let mut i = self.word_at(s);
        // A name that starts inside a word ("Wall" of "NBC-Wall Street Journal", split off
        // a compound by the tagger) has no title word before it: `word_at` gives the next
        // word, whose start lies past the name's end (a clean political news text made the
        // CLI's `analyze` panic slicing such a span).
        if self.words.get(i).is_none_or(|w| w.s != s) {
            return (s, e);
        }
        while i + 1 < self.words.len() && self.words[i + 1].e <= e {
            let w = self.w(i).trim_end_matches('.');
            if !(is_person_noun(&lower(w)) || is_abbrev(w)) {
                break;
            }
            i += 1;
        }
        (self.words[i].s.max(s), e)
    }

    // ------------------------------------------------------------ indirect attributions

    fn indirect(&self, out: &mut Vec<Quote>) {
        let n = self.words.len();
        // Byte spans taken by direct quotes (sorted by start).
        let mut taken: Vec<(usize, usize)> = out.iter().map(|q| (q.start, q.end)).collect();
        taken.sort_unstable();
        let mut ti = 0;
        let mut a = 0;
        let mut found = Vec::new();
        while a < n {
            let mut b = a + 1;
            while b < n && !self.sentence_break(b - 1) {
                b += 1;
            }
            let (ss, se) = (self.words[a].s, self.words[b - 1].e);
            while ti < taken.len() && taken[ti].1 <= ss {
                ti += 1;
            }
            let overlaps = taken[ti..].iter().take_while(|t| t.0 < se).any(|t| t.1 > ss);
            if !overlaps && b - a >= 5 {
                if let Some(q) = self.sentence_attr(a, b) {
                    found.push(q);
                }
            }
            a = b;
        }
        out.extend(found);
    }

    fn sentence_attr(&self, a: usize, b: usize) -> Option<Quote> {
        let span = |s: usize, e: usize| (self.words[s].s, self.words[e - 1].e);
        if let Some(q) = self.headline_colon(a, b) {
            return Some(q);
        }
        for k in a..b {
            let lw = self.lw(k);
            if !self.cue_at(k) {
                continue;
            }
            // 'Bush called Trump “unhinged.”': such cues only before a quotation mark.
            if is_quote_only_cue(&lw) && !self.text[self.words[k].e..self.words[b - 1].e].contains(is_quote_char) {
                continue;
            }
            if lw == "according" {
                if k + 1 >= b || self.lw(k + 1) != "to" {
                    continue;
                }
                let sp = self.np_forward(k + 2)?;
                let cue = (self.words[k].s, self.words[k + 1].e);
                let sp_end = self.word_at(sp.1);
                let (cs, ce) = if k == a {
                    // According to X, CLAUSE.
                    if sp_end + 3 > b {
                        return None;
                    }
                    span(sp_end, b)
                } else {
                    if k - a < 3 {
                        return None;
                    }
                    span(a, k)
                };
                return Some(self.indirect_quote(cs, ce, cue, sp));
            }
            let Some(sp) = self.subject_of(k).or_else(|| self.np_back(k)) else { continue };
            let sp_start = self.word_at(sp.0);
            if sp_start < a {
                continue;
            }
            let cue = (self.words[k].s, self.words[k].e);
            // CLAUSE, X said.
            if b - (k + 1) <= 4 && sp_start >= a + 4 && self.gap(sp_start - 1).contains(',') {
                return Some(self.indirect_quote(self.words[a].s, self.words[sp_start - 1].e, cue, sp));
            }
            let mut c = k + 1;
            if takes_hearer(&lw) {
                if let Some(h) = self.np_forward(c) {
                    c = self.word_at(h.1);
                }
            }
            if let Some(t) = (c..(c + 7).min(b)).find(|&i| self.lw(i) == "that") {
                c = t + 1;
            }
            // (Written so that a hearer running past the sentence, `c` beyond `b`, is no
            // clause: `b - c` wrapped around and the clause was sliced backwards.)
            if c + 3 > b {
                continue;
            }
            // "While X stated his desire to end the war, he has yet to ...": a subordinate
            // clause opening the sentence reports up to its comma; the main clause is not
            // what X said.
            let mut end = b;
            if sp_start > a && sp_start <= a + 2 && is_subordinator(&self.lw(a)) {
                if let Some(i) = (c..b - 1).find(|&i| self.gap(i).contains(',')) {
                    end = i + 1;
                }
            }
            if c + 3 > end {
                continue;
            }
            let mut q = self.indirect_quote(self.words[c].s, self.words[end - 1].e, cue, sp);
            if self.passive_hearer(k) {
                // "Putin was asked if ...": reported, but not Putin's words; the asker is
                // not named.
                q.speaker = None;
            }
            return Some(q);
        }
        None
    }

    /// "Carly Fiorina Endorses Cruz: I Am Horrified By Trump." A line opening with a short
    /// title-case phrase that holds a person, then a colon: the person said the rest.
    fn headline_colon(&self, a: usize, b: usize) -> Option<Quote> {
        let line_start = a == 0 || self.gap(a - 1).contains('\n');
        if !line_start {
            return None;
        }
        let c = (a..(a + 8).min(b - 1)).find(|&i| self.gap(i).trim() == ":")?;
        if b - (c + 1) < 3 || !(a..=c).all(|i| is_cap(self.w(i)) || self.w(i).len() <= 3) {
            return None;
        }
        let (s, e) = (self.words[a].s, self.words[c].e);
        let lo = self.entities.partition_point(|x| x.end <= s);
        let per = self.entities[lo..].iter().take_while(|x| x.start < e).find(|x| x.label == Label::Per)?;
        let colon = self.words[c].e + self.gap(c).find(':')?;
        let mut q = self.indirect_quote(self.words[c + 1].s, self.words[b - 1].e, (colon, colon + 1), (s, e));
        if let Some(sp) = &mut q.speaker {
            sp.kind = SpeakerKind::Name;
            sp.start = per.start;
            sp.end = per.end;
        }
        Some(q)
    }

    fn indirect_quote(&self, s: usize, e: usize, cue: (usize, usize), sp: (usize, usize)) -> Quote {
        // Keep a closing quotation mark that ends the clause ('were “substantive.”').
        let rest = &self.text[e..];
        let t = rest.trim_start_matches(['.', ',', '!', '?']);
        let e = match t.chars().next() {
            Some(c) if is_quote_char(c) && rest.len() - t.len() <= 1 => e + (rest.len() - t.len()) + c.len_utf8(),
            _ => e,
        };
        // A paraphrase with quoted words in it ('... were “substantive.”') is partly direct.
        let direct = self.text[s..e].contains(is_quote_char);
        Quote { start: s, end: e, fragments: Vec::new(), direct, cue: Some(cue), speaker: Some(self.speaker(sp)) }
    }
}

#[cfg(test)]
mod tests;
