//! Evidence for the casing repairs: which lowercase words are names, and why.
//!
//! A name's evidence is the whole document: every running-text line and sentence-case
//! heading kept in the article (never a title-case headline: title case is no evidence that
//! a common word is a name, so "Previous meetings" stays). The repair then applies wherever
//! the word is written lowercase, in headings as in prose, and to the parts of a word
//! ("trump’s", "Trump-putin"); a heading in title case also gets back the capitals its
//! other words lost (`body::title_case`).
//!
//! Three sources, from strongest to weakest, each named in the repair's reason:
//! 1. The document capitalises the word in mid-sentence ("capitalised 31 times elsewhere";
//!    after a comma or a title's full stop too: "Mr. Trump").
//!    How much evidence is needed depends on what the word is in English: a word the
//!    lexicon does not know (Gershkovich) or knows as a name too (Trump, Bill) needs one
//!    capitalised use and no more lowercase ones; a common word (army) needs two and
//!    twice as many as lowercase ones, and the last word of a longer name ("Liberation
//!    Army") does not count for it.
//! 2. A pair: "donald Trump" where "Donald Trump" is in the text.
//! 3. The lexicon writes the word capitalised only (Helsinki, Monday, American), unless the
//!    document writes it lowercase three times and never capitalised (a deliberate style).
//! 4. Beside a name, the entity model's knowledge: a name it knows ("United states") and a
//!    word English lacks next to a first name or before a surname ("Larry ogunjobi")
//!    ([`known_name`], [`name_beside`]).
//!
//! Evidence is counted on kept lines only, and every repair only moves counts from
//! "lowercase" to "capitalised", so a decision made once is made again on the cleaned text
//! (idempotence).

use super::body::{shape, Keys, Line, PackedIds};
use super::lexicon::{self, WordKey};
use crate::hash::{FastMap, FastSet};
use std::borrow::Cow;

/// Words never taken for names whatever the evidence (titles capitalise them).
const STOP: [&str; 40] = [
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "on", "with", "as", "was", "he", "she", "be", "by",
    "at", "this", "are", "from", "have", "not", "or", "an", "but", "his", "they", "you", "we", "their", "has", "had",
    "were", "which", "will", "its", "been", "who",
];

/// [`STOP`] packed for [`lexicon::in_short_list`].
const STOP8: [u64; 40] = lexicon::short_list(STOP);

/// A lowercase word with the capitalised word after it and the one before it (as written).
type Neighbours<'w> = (&'w str, Option<&'w str>, Option<&'w str>);

/// Document-wide evidence for capitalisation repairs, borrowing the words of the lines it
/// was built from (a lowercase word is its own key: no `String` per word of the document).
#[derive(Debug, Default)]
pub struct Context<'a> {
    /// Each lowercase word the evidence has seen, numbered: its counts are in
    /// [`Context::uses`] at that number. Keyed by [`WordKey`]: a capitalised ASCII word's
    /// lowercase form is packed, not built. One lookup per distinct word of the page while
    /// counting when the words' numbers in the page's word table are known ([`Evidence`]),
    /// else one per occurrence; the counts themselves, and every later pass over the words
    /// kept, go by the number.
    /// (Numbered by `usize`, not `u32` as in `body::Vocab`: a lookup in a map of the same
    /// type here made the compiler stop inlining the word table's lookup in `body::lines`,
    /// 7M instructions a pass over the dev pages. A packed word is numbered in a table of
    /// the word table's own kind, [`WordIds`].)
    ids: WordIds<'a>,
    /// Per word number: what the document does with the word ([`Uses`]).
    uses: Vec<Uses>,
    /// Per number in the page's word table (when the lines came with theirs, [`Evidence`]):
    /// the number in [`Context::ids`] of the word's lowercase form, `usize::MAX` when the
    /// count did not reach it by that number. The word repairs read a word's counts by it
    /// ([`Context::name_reason_numbered`]), without hashing the word.
    numbered: Vec<usize>,
    /// "donald Trump" pairs: a lowercase word and the capitalised word after it, seen as
    /// "Donald Trump" in mid-sentence.
    pub pairs: FastSet<String>,
    /// Pairs that name repairs make ("Wall street Journal" -> "Street Journal"), with the
    /// reason of the repair that makes them: the cleaned text has them in [`Context::pairs`],
    /// so this cleaning must count them too, or the next one would repair "l street
    /// Journal" (found by the fuzz target). The word that makes one keeps its own reason.
    pub made: FastMap<String, &'static str>,
    /// "white house": two capitalised words seen together in mid-sentence, lowercased; a
    /// lowercase word after the first one ("White house") is repaired into the pair.
    /// (Each with the number of times it is seen: a later round of the count takes a line's
    /// pairs out again, see `Tally::recount`.)
    pub after: FastMap<String, u32>,
    /// How often the document writes a lowercase word in mid-sentence after a capitalised
    /// one ("republican party": the first lowercased), as the last count left them: the
    /// document's own style, which a pair of [`Context::after`] or a known name does not
    /// overrule ([`Context::after_repairs`], [`Context::known_name_by_style`]).
    after_lower: FastMap<String, u32>,
    /// Whether the document reads as English ([`english_share_shaped`]): the rules that take an
    /// unknown word for a name by the entity model's word table alone apply only then (in
    /// German, Portuguese or Russian text, the table's clusters of foreign names hold the
    /// language's common words too: "richtige", "seus", "версии").
    pub english: bool,
    /// Whether the document may be English ([`english_counts`]: a tenth of its words or more
    /// function words, or too few words to tell): the rule that takes a name of the English
    /// lexicon for a name wherever it stands applies only then. In other languages such
    /// words are their own common words ("mit", "como", "durante", "della", "ada").
    pub lexicon_names: bool,
    /// The name rules' answers for a lowercase word and the word after it, with no name
    /// before it ([`name_beside`], then [`known_name`]), as the count found them: the word
    /// repairs ask the same of a word before a capital, most often of the same words in the
    /// same lines (see [`Context::reason_before`]).
    before_capital: FastMap<(&'a str, &'a str), Option<&'static str>>,
}

/// A lowercase word in mid-sentence: the word (its own lowercase form), the capitalised word right after it, the capitalised word right before it
/// (as written: lowercased only where a rule reads it), the word's number (see [`Context::ids`]), its place,
/// and its lexicon flags (the line's, `lexicon::flags` of the word: the name rules read them).
type Lowercase<'a> = (&'a str, Option<&'a str>, Option<&'a str>, usize, Place, u8);

/// A word's place in the evidence: its line's number and its number in the line.
type Place = (u32, u32);

/// A lowercase word at `at` beside the lowercase word numbered `of` in the same line, whose
/// reading may change if the first were capitalised (see `Context::build`).
/// (With the first word's number in the counts when it was counted by it, `usize::MAX` when
/// not: read without a lookup.)
struct Neighbour {
    at: Place,
    of: u32,
    id: usize,
}

/// What a former count of the evidence found the repair capitalises (see `Context::build`):
/// lowercase words by their place, and lowercase words wherever they are.
#[derive(Default, Clone)]
struct Foreseen<'a> {
    at: FastSet<Place>,
    words: FastSet<&'a str>,
}

/// A count of the evidence before the name rules decide its lowercase words beside a
/// capital ([`Context::count`], then [`Context::decide`]). What a line adds to it depends on
/// that line alone and on the words foreseen in it, so a round that foresees more capitals
/// counts again only the lines they are in ([`Tally::recount`]).
struct Tally<'a> {
    /// As [`Context::ids`].
    ids: WordIds<'a>,
    /// As [`Context::uses`], without the lowercase words below.
    uses: Vec<Uses>,
    /// As [`Context::numbered`] (a line counted again adds no number: its new words are
    /// read by their key).
    numbered: Vec<usize>,
    /// As [`Context::pairs`].
    pairs: FastSet<String>,
    /// As [`Context::after`].
    after: FastMap<String, u32>,
    /// Lowercase words in mid-sentence beside a capital, in the order of their lines.
    lowercase: Vec<Lowercase<'a>>,
    /// The lowercase neighbours whose capital would change how a word is read (see
    /// `Context::build`), in the order of their lines.
    neighbours: Vec<Neighbour>,
    /// The name rules' answers a former round of [`Context::decide`] found, by the word and
    /// its neighbours, and as [`Context::before_capital`].
    answers: Answers<'a>,
}

/// The name rules' answers for lowercase words beside a capital (see `Context::decide`).
type Answers<'a> = (FastMap<Neighbours<'a>, Option<&'static str>>, FastMap<(&'a str, &'a str), Option<&'static str>>);

impl<'a> Tally<'a> {
    /// The tally back from the context [`Context::decide`] made of it, which counted each
    /// lowercase word beside a capital as capitalised when `decided` holds its place, else
    /// as lowercase.
    fn undo(&mut self, ctx: Context<'a>, decided: &FastSet<Place>) {
        let Context { ids, mut uses, numbered, pairs, after, before_capital, .. } = ctx;
        self.numbered = numbered;
        self.answers.1 = before_capital;
        for &(_, _, _, id, at, _) in &self.lowercase {
            if decided.contains(&at) {
                uses[id].caps -= 1;
            } else {
                uses[id].lower -= 1;
            }
        }
        (self.ids, self.uses, self.pairs, self.after) = (ids, uses, pairs, after);
    }

    /// Line `li`'s part of the tally, counted as `old`, replaced by its count as `new`.
    /// `false` when a pair of `pairs` (a set) is no longer made there: then whether another
    /// line makes it is unknown, and the whole count is made again. (A capital foreseen
    /// only adds pairs; it may end one of `after`, "Foo Bar" in "Foo Bar Baz", which is why
    /// those are counted.)
    fn recount(&mut self, li: u32, old: Tally<'a>, new: Tally<'a>) -> bool {
        if old.pairs.iter().any(|k| !new.pairs.contains(k)) {
            return false;
        }
        self.pairs.extend(new.pairs);
        for (k, n) in old.after {
            let c = self.after.get_mut(&k).expect("a pair the tally counted");
            *c -= n;
            if *c == 0 {
                self.after.remove(&k);
            }
        }
        for (k, n) in new.after {
            *self.after.entry(k).or_insert(0) += n;
        }
        for (w, id) in old.ids.entries() {
            let c = &mut self.uses[self.ids.get(&w).expect("a word the tally counted")];
            let o = old.uses[id];
            (c.caps, c.alone, c.lower, c.written) =
                (c.caps - o.caps, c.alone - o.alone, c.lower - o.lower, c.written - o.written);
        }
        let mut global = vec![usize::MAX; new.uses.len()];
        for (w, id) in new.ids.entries() {
            let n = new.uses[id];
            let g = intern(&mut self.ids, &mut self.uses, w);
            let c = &mut self.uses[g];
            (c.caps, c.alone, c.lower, c.written) =
                (c.caps + n.caps, c.alone + n.alone, c.lower + n.lower, c.written + n.written);
            global[id] = g;
        }
        let of = |id: usize| if id == usize::MAX { id } else { global[id] };
        let s = self.lowercase.partition_point(|l| l.4 .0 < li);
        let e = self.lowercase.partition_point(|l| l.4 .0 <= li);
        self.lowercase.splice(s..e, new.lowercase.into_iter().map(|(w, n, p, id, at, f)| (w, n, p, of(id), at, f)));
        let s = self.neighbours.partition_point(|l| l.at.0 < li);
        let e = self.neighbours.partition_point(|l| l.at.0 <= li);
        self.neighbours.splice(s..e, new.neighbours.into_iter().map(|n| Neighbour { id: of(n.id), ..n }));
        true
    }
}

/// A line of evidence for [`Context::new`]: its text, its words' byte ranges, lexicon flags
/// and shape bits, and when known their numbers in the page's word table. From a tuple of
/// the first four (no numbers), or from a line of a page split by `body::lines`, as
/// `(&keys, index, &line)`: then each word is counted by its number
/// (`body::Keys::numbers_of`), and hashed once per page, not at each of its occurrences
/// (its key the word table's packing, `body::Keys::packed`).
pub struct Evidence<'a> {
    text: &'a str,
    words: &'a [(usize, usize)],
    flags: &'a [u8],
    shapes: &'a [u16],
    numbers: Option<Numbers<'a>>,
}

/// A line's words' numbers in the page's word table, and the words of that table packed by
/// number (`body::Keys::numbers_of`, `body::Keys::packed`).
type Numbers<'a> = (&'a [u32], &'a [(u64, u64)]);

impl<'a> From<(&'a str, &'a [(usize, usize)], &'a [u8], &'a [u16])> for Evidence<'a> {
    fn from((text, words, flags, shapes): (&'a str, &'a [(usize, usize)], &'a [u8], &'a [u16])) -> Self {
        Evidence { text, words, flags, shapes, numbers: None }
    }
}

impl<'a> From<(&'a Keys, usize, &'a Line<'a>)> for Evidence<'a> {
    fn from((keys, i, l): (&'a Keys, usize, &'a Line<'a>)) -> Self {
        Evidence {
            text: l.view(),
            words: &l.words,
            flags: &l.flags,
            shapes: &l.shapes,
            numbers: Some((keys.numbers_of(i), keys.packed())),
        }
    }
}

/// [`Evidence`] as its parts.
type EvidenceLine<'a> = (&'a str, &'a [(usize, usize)], &'a [u8], &'a [u16], Option<Numbers<'a>>);

/// What the document does with one lowercase word (all zero: a word it never has so).
#[derive(Debug, Default, Clone, Copy)]
struct Uses {
    /// Capitalised uses in mid-sentence.
    caps: u32,
    /// Those of them standing alone (no capitalised neighbour: not in a longer name or a
    /// title-case phrase).
    alone: u32,
    /// Lowercase uses in mid-sentence.
    lower: u32,
    /// How often the word, all-lowercase ASCII of 4 to 12 letters, occurs in running text:
    /// a typo is a slip made once, a word written twice is meant ("canner", "tech").
    written: u32,
}

/// One more sight of the pair `key` in `after` (see [`Context::after`]).
/// (Not inlined: inlined into `Context::count`, it made the compiler lay the count's
/// per-word code out otherwise, 3 M instructions a pass more over the dev pages.)
#[inline(never)]
fn see_pair(after: &mut FastMap<String, u32>, key: &str) {
    if let Some(n) = after.get_mut(key) {
        *n += 1;
    } else {
        after.insert(key.to_string(), 1);
    }
}

/// The numbers of the lowercase words the evidence counts ([`Context::ids`]): a packed
/// word (nearly every word) in an open-addressed table of its own (`body::PackedIds`, as
/// the page's word table numbers its words: one multiply and the key compared at once),
/// any other by its text. (A `FastMap` of [`WordKey`]s hashed each key by a splitmix round
/// and Fx, matched control bytes, and visited every entry to drop it: -0.97 M instructions
/// a pass over the dev pages. Sized for a third of the words, it grew on more pages:
/// +0.41 M. Words beyond ASCII packed into the same table too: +0.77 M, for the code of
/// the packing and of a key of either kind.)
#[derive(Debug, Default)]
struct WordIds<'a> {
    packed: PackedIds,
    text: FastMap<Cow<'a, str>, usize>,
}

impl<'a> WordIds<'a> {
    /// A table that holds `n` packed words before it grows.
    fn with_capacity(n: usize) -> Self {
        WordIds { packed: PackedIds::with_capacity(n), text: FastMap::default() }
    }

    /// The number of word `w`, if it has one.
    fn get(&self, w: &WordKey<'_>) -> Option<usize> {
        match w {
            WordKey::Packed(a, b) => self.packed.get(*a, *b).map(|n| n as usize),
            WordKey::Text(t) => self.text.get(t.as_ref()).copied(),
        }
    }

    /// The number of word `w`, `next` when it is new (then given it).
    fn get_or_insert(&mut self, w: WordKey<'a>, next: usize) -> usize {
        match w {
            WordKey::Packed(a, b) => self.packed.get_or_insert(a, b, next as u32).map_or(next, |n| n as usize),
            WordKey::Text(t) => *self.text.entry(t).or_insert(next),
        }
    }

    /// Each word with its number.
    fn entries(&self) -> impl Iterator<Item = (WordKey<'a>, usize)> + '_ {
        let packed = self.packed.entries().map(|((a, b), n)| (WordKey::Packed(a, b), n as usize));
        packed.chain(self.text.iter().map(|(t, &n)| (WordKey::Text(t.clone()), n)))
    }
}

/// The number of word `w` in `ids`, numbered (its [`Uses`] pushed) when new (most words
/// recur: one lookup, and a borrowed `w` is no copy).
fn intern<'a>(ids: &mut WordIds<'a>, uses: &mut Vec<Uses>, w: WordKey<'a>) -> usize {
    let next = uses.len();
    let id = ids.get_or_insert(w, next);
    if id == next {
        uses.push(Uses::default());
    }
    id
}

/// The number in `ids` of a word's lowercase form, `key` (interned as by [`intern`]); when
/// the word's number in the page's word table is known (`n`), by that number in `numbered`
/// (see `Context::build`), `key` built and hashed only at the word's first use.
fn intern_lower<'a>(
    ids: &mut WordIds<'a>,
    uses: &mut Vec<Uses>,
    numbered: &mut Vec<usize>,
    n: Option<u32>,
    key: impl FnOnce() -> WordKey<'a>,
) -> usize {
    let Some(n) = n.map(|n| n as usize) else { return intern(ids, uses, key()) };
    if n >= numbered.len() {
        numbered.resize(n + 1, usize::MAX);
    }
    if numbered[n] == usize::MAX {
        numbered[n] = intern(ids, uses, key());
    }
    numbered[n]
}

/// Whether `w` (lowercase) is one of the function words never taken for a name.
pub fn is_stop(w: &str) -> bool {
    // A longer word is none of them: answered without packing it (asked of most lowercase
    // words of the page).
    w.len() <= STOP_MAX && lexicon::in_short_list(w, &STOP8, false)
}

/// [`is_stop`] of a word of `len` bytes packed as written (`lexicon::pack_short` without
/// folding; `body::word_shape` has it so).
pub(crate) fn is_stop_packed(len: usize, packed: u64) -> bool {
    len <= STOP_MAX && STOP8.contains(&packed)
}

/// The length of the longest word of [`STOP`] ("which", "their"; a unit test checks it).
const STOP_MAX: usize = 5;

/// [`is_stop`] of `w` lowercased, without allocating for an ASCII word (a non-ASCII one
/// may lowercase to ASCII: the Kelvin sign to "k").
pub fn is_stop_lower(w: &str) -> bool {
    if w.is_ascii() {
        w.len() <= STOP_MAX && lexicon::in_short_list(w, &STOP8, true)
    } else {
        is_stop(&crate::text::to_lowercase(w))
    }
}

/// `w` starts with a capital and has a lowercase letter ("MacBook", not "NATO"): the
/// first word of a name pair.
pub fn upper_start(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
}

/// `w` is capitalised: an uppercase letter, then lowercase ones.
pub fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
}

/// Whether a word after `before` (the line up to it) stands as a word of prose on that
/// side: at the line's start, after a space, or after an opening mark that is itself at
/// the start or after a space (the left half of `repair::free_standing`).
pub fn stands_after(before: &str) -> bool {
    let mut cs = before.chars().rev();
    match cs.next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some('(' | '"' | '“' | '‘' | '\'' | '«') => cs.next().is_none_or(char::is_whitespace),
        Some(_) => false,
    }
}

/// A gap between two words that is only spaces once cleaned.
fn space_gap(gap: &str) -> bool {
    super::repair::is_space_gap(gap)
}

/// Whether word `k` of `line` (words `ws`) opens a sentence for the name rules: the line's
/// first word, or one after a sentence's closing mark, a colon or a quote. Its capital
/// says nothing, so no name rule reads it as a name's ("Ho nno", "sa? Donald kremnald").
pub fn opens_sentence(line: &str, ws: &[(usize, usize)], k: usize) -> bool {
    k == 0 || line[..ws[k].0].trim_end().ends_with(['.', '!', '?', ':', '"', '“', '”'])
}

/// A comma, then a gap that is only spaces once cleaned; the comma may close a quote first
/// (`,” Esper said`, `," she said`): a comma inside closing quotes says the sentence goes
/// on, as news writes every attribution after a quote, so the capital after it is a name's.
/// A comma glued to the word counts too ("thru,Kremlin"): the spacing repair puts a space
/// there, and the next cleaning must read the same evidence as this one.
fn comma_gap(gap: &str) -> bool {
    gap.strip_prefix(',').is_some_and(|rest| {
        let rest = rest.strip_prefix(['”', '"', '’', '\'']).unwrap_or(rest);
        rest.is_empty() || space_gap(rest)
    })
}

/// A title ("Mr", "dr"; see [`is_title`]) and its full stop, then a gap that is only
/// spaces once cleaned, or none (the spacing repair puts one there, as after a comma in
/// [`comma_gap`]): the word after it is a name's, not a sentence's first.
fn title_gap(prev: &str, gap: &str) -> bool {
    gap.strip_prefix('.').is_some_and(|rest| rest.is_empty() || space_gap(rest))
        && prev.len() <= 4
        && is_title(&crate::text::to_lowercase(prev))
}

/// `p` up to its first apostrophe, straight or curly ("trump’s" -> "trump"), by a byte
/// scan (a split at either character went through the generic char searcher, for every
/// word of the page). 0xE2 only ever leads a UTF-8 sequence, so the cut is a boundary.
fn before_apostrophe(p: &str) -> &str {
    let b = p.as_bytes();
    let cut = (0..b.len()).find(|&i| b[i] == b'\'' || (b[i] == 0xE2 && b.get(i + 1..i + 3) == Some(&[0x80, 0x99])));
    cut.map_or(p, |i| &p[..i])
}

/// The parts of a word that casing reads: split at hyphens, each without a possessive or
/// contraction tail ("trump’s" -> "trump"): (offset in the word, the part).
///
/// A byte scan for the hyphen, as in [`before_apostrophe`]: `str::split` set up the generic
/// char searcher for every word of the page, 4% of cleaning's instructions.
pub fn parts(w: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = w.as_bytes();
    // Most words have neither a hyphen nor an apostrophe (0xE2 leads the curly one): one
    // scan tells, and the word is its only part.
    let mut at = if b.iter().any(|&c| matches!(c, b'-' | b'\'' | 0xE2)) { Some(0) } else { None };
    let mut whole = at.is_none();
    std::iter::from_fn(move || {
        if std::mem::take(&mut whole) {
            return Some((0, w));
        }
        let start = at?;
        let end = b[start..].iter().position(|&c| c == b'-').map(|i| start + i);
        at = end.map(|e| e + 1);
        Some((start, before_apostrophe(&w[start..end.unwrap_or(b.len())])))
    })
}

impl<'a> Context<'a> {
    /// Collects evidence from the given lines: the running-text lines and sentence-case
    /// headings kept in the article (never title-case headlines), so cleaning the result
    /// again sees the same evidence. Each line comes with the byte ranges of its words,
    /// their lexicon flags ([`lexicon::flags_lower`] of each word, see `body::Line::flags`)
    /// and their shape bits (`body::word_shape`, see `body::Line::shapes`), and when the
    /// line is one of a page split by `body::lines`, with its words' numbers in the page's
    /// word table (see [`Evidence`]).
    pub fn new<L: Into<Evidence<'a>>>(lines: impl Iterator<Item = L>) -> Self {
        Self::build(lines.map(|l| {
            let e: Evidence<'a> = l.into();
            (e.text, e.words, e.flags, e.shapes, e.numbers)
        }))
    }

    /// [`Context::new`], each line as its parts.
    ///
    /// The repair capitalises a lowercase word beside a word that it capitalises itself in
    /// the same cleaning ("d krememnald kremnald": "kremnald" is a name elsewhere, and the
    /// two rare words make a first name and a surname; "zorvak quemblin Traxworth": a chain
    /// of them), so the evidence must count that word as the capital it becomes, or the next
    /// cleaning counts it so and repairs another of its uses (found by the clean fuzz
    /// target). Which words the repair capitalises depends on the evidence itself, so it is
    /// found by rounds: a count records the lowercase neighbours whose capital would change
    /// how a word is read ([`Foreseen`]); those that the count decides to capitalise, by
    /// their place (a name rule, a pair) or by the word (`name_reason`), are read as
    /// capitals by the next count, until no more are found. A neighbour that makes no name
    /// of the word beside it is not read again, so most pages need one count (101 of the
    /// 111 dev pages; the others two, in which only the lines with a word foreseen are
    /// counted again, [`Tally::recount`]).
    fn build(lines: impl Iterator<Item = EvidenceLine<'a>>) -> Self {
        let lines: Vec<_> = lines.collect();
        let (all, stops) = english_counts(lines.iter().map(|l| l.3));
        let english = all >= 8 && stops * 10 >= all;
        let lexicon_names = all < 8 || stops * 10 >= all;
        let languages = (english, lexicon_names);
        let mut foreseen = Foreseen::default();
        let mut t = Self::count(&lines, 0, languages, &foreseen);
        // (A chain grows by one word a round; a cap keeps a pathological page bounded.)
        for _ in 0..8 {
            let (ctx, decided) = Self::decide(&mut t, languages);
            let old = foreseen.clone();
            let mut grew = false;
            // A lowercase word beside a capital that the repair capitalises, by its place or
            // as a word, makes two capitals side by side in the cleaned text: a pair the
            // next cleaning records (`pairs`, `after`) and may repair another use from. The
            // next count reads it as that capital, in the pairs it records too.
            for &(_, _, _, id, at, _) in &t.lowercase {
                let (line, ws, flags, _, _) = lines[at.0 as usize];
                let k = at.1 as usize;
                let word = &line[ws[k].0..ws[k].1];
                if foreseen.at.contains(&at) || foreseen.words.contains(word) {
                    continue;
                }
                if decided.contains(&at) {
                    foreseen.at.insert(at);
                    grew = true;
                } else if ctx.is_name(word, flags[k], id) {
                    foreseen.words.insert(word);
                    grew = true;
                }
            }
            for &Neighbour { at, of, id } in &t.neighbours {
                // A neighbour the repair capitalises, by its place or as a word, that makes
                // a name of the word beside it: the next count reads it so. (One that
                // makes no name changes nothing: no count again for it.)
                let (line, ws, flags, bits, _) = lines[at.0 as usize];
                let (k, of) = (at.1 as usize, of as usize);
                let word = &line[ws[k].0..ws[k].1];
                if (!foreseen.at.is_empty() && foreseen.at.contains(&at))
                    || (!foreseen.words.is_empty() && foreseen.words.contains(word))
                {
                    continue;
                }
                let by_place = !decided.is_empty() && decided.contains(&at);
                if !(by_place || ctx.is_name(word, flags[k], id)) || (k < of && opens_sentence(line, ws, k)) {
                    continue;
                }
                // The word read, with the neighbour capitalised, and its other neighbour when
                // capitalised as written, read as the count reads it: a word with a capital
                // first letter, the word before not at a sentence start.
                let w = &line[ws[of].0..ws[of].1];
                let beyond = |i: usize| {
                    (bits[i] & shape::UPPER_FIRST != 0
                        && super::repair::is_space_gap(&line[ws[i.min(of)].1..ws[i.max(of)].0]))
                    .then(|| &line[ws[i].0..ws[i].1])
                };
                let (next, prev) = if k > of {
                    let before = of.checked_sub(1).filter(|&i| !opens_sentence(line, ws, i)).and_then(beyond);
                    (Some(word), before.map(crate::text::to_lowercase))
                } else {
                    ((of + 1 < ws.len()).then(|| beyond(of + 1)).flatten(), Some(word.to_string()))
                };
                if ctx.makes_a_name(w, next, prev.as_deref()) {
                    grew = true;
                    if by_place {
                        foreseen.at.insert(at);
                    } else {
                        foreseen.words.insert(word);
                    }
                }
            }
            if !grew {
                return ctx;
            }
            // The next count: only the lines with a word foreseen in this round counted
            // again (as they were counted, and as they are now), the rest kept, and the name
            // rules' decisions made again on the whole, their answers kept: the same as a
            // count from scratch (a line adds to the count what its own words and the words
            // foreseen in it make), which 10 of the 111 dev pages made, 6.4 M instructions a
            // pass over the dev pages more.
            t.undo(ctx, &decided);
            let mut again: Vec<u32> = foreseen.at.difference(&old.at).map(|at| at.0).collect();
            let words: Vec<&str> = foreseen.words.difference(&old.words).copied().collect();
            if !words.is_empty() {
                again.extend((0..lines.len() as u32).filter(|&li| {
                    let (line, ws, ..) = lines[li as usize];
                    ws.iter().any(|&(s, e)| words.contains(&&line[s..e]))
                }));
            }
            again.sort_unstable();
            again.dedup();
            for li in again {
                let one = &lines[li as usize..=li as usize];
                let (was, is) = (Self::count(one, li, languages, &old), Self::count(one, li, languages, &foreseen));
                if !t.recount(li, was, is) {
                    t = Self::count(&lines, 0, languages, &foreseen);
                    break;
                }
            }
        }
        Self::decide(&mut t, languages).0
    }

    /// Whether the lowercase `w` beside the capitalised `next` and/or `prev` (lowercased)
    /// is capitalised by the name rules or a pair, as [`Context::count`] decides it (a
    /// title or first name before a name is taken as one here even when the document writes
    /// it lowercase by choice: then a count more finds it is not).
    fn makes_a_name(&self, w: &str, next: Option<&str>, prev: Option<&str>) -> bool {
        name_beside(w, prev, next, self.english)
            || (known_name(w, prev, next) && !self.known_name_by_style(w, prev, next))
            || next.is_some_and(|nw| names_before(w, nw))
            || pair_repairs(
                (&self.pairs, &self.made, &self.after, &self.after_lower),
                &mut String::new(),
                w,
                next,
                prev,
            )
    }

    /// One count of the evidence over `lines` (the first of them numbered `first` in the
    /// evidence), reading the words of `foreseen` as the capitals the repair makes of them,
    /// up to the name rules' decisions ([`Context::decide`]): the counts, the pairs, the
    /// lowercase words beside a capital and the lowercase neighbours whose capital would
    /// change the count (by their place: line and word number, and their text).
    fn count(
        lines: &[EvidenceLine<'a>],
        first: u32,
        (_, lexicon_names): (bool, bool),
        foreseen: &Foreseen<'a>,
    ) -> Tally<'a> {
        // The maps sized from the number of words up front: grown entry by entry, they
        // rehashed every key several times (a tenth of building the evidence). About a
        // quarter of a page's words are distinct lowercase words of 4-12 letters; the counts
        // hold every distinct lowercase word of the longer lines and the capitalised ones,
        // so sized for a quarter they still grew once on most dev pages: sized for half
        // (a table's unused slots cost one control byte each to clear), -1.6 M instructions
        // a pass over the dev pages. The pair sets, grown from empty, likewise start at a
        // 64th (-0.25 M).
        let n: usize = lines.iter().map(|l| l.1.len()).sum();
        let mut ids = WordIds::with_capacity(n / 2);
        let mut uses: Vec<Uses> = Vec::with_capacity(n / 2);
        let mut pairs: FastSet<String> = FastSet::with_capacity_and_hasher(n / 64, Default::default());
        let mut after: FastMap<String, u32> = FastMap::with_capacity_and_hasher(n / 64, Default::default());
        // Lowercase words in mid-sentence, with the capitalised word right after them and
        // the capitalised word right before them (lowercased), and the word's number. A
        // lowercase word is its own lowercase form, borrowed from its line: no `String` per
        // word of the document.
        let mut lowercase: Vec<Lowercase<'a>> = Vec::with_capacity(n / 8);
        // Those without either neighbour (most of them) are not kept: no name rule reads
        // them and no pair repairs them, so each is one lowercase use, counted at once (a
        // count towards `by_choice` too, which reads the counts once all are made; nothing
        // before it reads `Uses::lower`). (Kept apart as the word and its number and counted
        // at the end, they cost a vector the size of the page's words and a pass over it:
        // -0.1 M instructions a pass over the dev pages counted at once.)
        // The number of each word of a line counted as written (below), for the rules
        // that read the same word (`usize::MAX`: not counted).
        let mut written: Vec<usize> = Vec::new();
        // The key of a pair, built in place (see below).
        let mut key = String::new();
        // Per word of a line: a space-only gap before it, capitalised, upper start, part of
        // a name as a neighbour (capitalised, or an acronym: "GE Healthcare", "BBC News").
        let mut shapes: Vec<(bool, bool, bool, bool)> = Vec::new();
        // Per number in the page's word table: the number here of the word's lowercase form
        // (`usize::MAX`: not asked yet). Only a whole word is asked by its number (a part
        // of a word is not in the table).
        let mut numbered: Vec<usize> = Vec::new();
        // Lowercase neighbours whose capital would change how a word is read (see `build`).
        let mut neighbours: Vec<Neighbour> = Vec::new();
        let foreseeing = !foreseen.at.is_empty() || !foreseen.words.is_empty();
        // Per word of a line: a lowercase word a former round foresaw capitalised (see
        // `build`), read with the shape bits of the capital it becomes.
        let mut over_at: Vec<bool> = Vec::new();
        for (li, &(line, ws, flags, bits, numbers)) in lines.iter().enumerate() {
            let li = first + li as u32;
            over_at.clear();
            let over: Vec<u16>;
            let bits: &[u16] = if foreseeing {
                over_at.extend(ws.iter().zip(bits).enumerate().map(|(k, (&(s, e), &b))| {
                    b & shape::ASCII_LOWER != 0
                        && b & shape::HEAD_WHOLE != 0
                        && (foreseen.at.contains(&(li, k as u32)) || foreseen.words.contains(&line[s..e]))
                }));
                if over_at.contains(&true) {
                    over = ws
                        .iter()
                        .zip(bits)
                        .zip(&over_at)
                        .map(|((&(s, e), &b), &o)| {
                            if o {
                                let mut w = line[s..e].to_string();
                                w[..1].make_ascii_uppercase();
                                super::body::word_shape(&w)
                            } else {
                                b
                            }
                        })
                        .collect();
                    &over
                } else {
                    bits
                }
            } else {
                bits
            };
            let over_next = |k: usize| over_at.get(k).copied().unwrap_or(false);
            let number = |k: usize| numbers.and_then(|n| n.0.get(k).copied());
            // The key of an ASCII word of the line as written, from its number: packed by
            // the page's word table (`body::Keys::packed`), not packed again (-2.0 M
            // instructions a pass over the dev pages; the lowercase and capitalised words of
            // the parts' loop below likewise, +3.5 M: that loop compiled otherwise).
            let ascii_key = |k: usize, w: &'a str| match numbers.and_then(|(n, p)| p.get(*n.get(k)? as usize)) {
                Some(&(a, b)) if a != 0 => WordKey::Packed(a, b),
                _ => WordKey::of(w),
            };
            written.clear();
            written.extend(ws.iter().zip(bits).enumerate().map(|(k, (&(s, e), &b))| {
                // (Its length and bits before the word is sliced out of the line, which
                // checks both ends for a character boundary: most words are counted by
                // neither branch. -0.8 M instructions a pass over the dev pages.)
                if !(4..=12).contains(&(e - s)) || b & (shape::ASCII_LOWER | shape::CAPITALISED) == 0 {
                    return usize::MAX;
                }
                let w = &line[s..e];
                if b & shape::ASCII_LOWER != 0 {
                    // (A lowercase ASCII word is its own lowercase form.)
                    let id = intern_lower(&mut ids, &mut uses, &mut numbered, number(k), || ascii_key(k, w));
                    uses[id].written += 1;
                    id
                } else if b & shape::CAPITALISED != 0 && w.is_ascii() {
                    // A capitalised word is the word written too (its lowercase form): the
                    // sentence-start repair capitalises a lowercase one ("thes" -> "Thes"),
                    // and the next cleaning must find the word written as often (the fuzz
                    // target found a second "thes" repaired as a typo only then).
                    let key = || ascii_key(k, w).packed_lowercase().unwrap_or_else(|| WordKey::lowercase(w));
                    let id = intern_lower(&mut ids, &mut uses, &mut numbered, number(k), key);
                    uses[id].written += 1;
                    usize::MAX
                } else {
                    usize::MAX
                }
            }));
            if ws.len() < 8 {
                continue;
            }
            // Each word's shape and the gap before it, found once: the rules below read a
            // word's neighbours too, and asked each question up to three times per word.
            shapes.clear();
            shapes.extend(ws.iter().zip(bits).enumerate().map(|(k, (&(s, _), &b))| {
                // (A gap of one space, most gaps, read by its byte, not sliced out of the
                // line: -1.0 M instructions a pass.)
                let spaced = k > 0 && {
                    let pe = ws[k - 1].1;
                    (s == pe + 1 && line.as_bytes()[pe] == b' ') || space_gap(&line[pe..s])
                };
                let caps = b & shape::CAPITALISED != 0;
                (spaced, caps, b & shape::UPPER_START != 0, caps || b & shape::ACRONYM != 0)
            }));
            let caps_at = |k: usize| shapes[k].1;
            let upper_first_at = |k: usize| bits.get(k).is_some_and(|b| b & shape::UPPER_FIRST != 0);
            let upper_at = |k: usize| shapes[k].2;
            let space_before = |k: usize| shapes.get(k).is_some_and(|x| x.0);
            // Read alike by the words' own rules below and by the neighbours recorded after
            // them:
            // Right after the word before, or after a comma: never a sentence start
            // ("Later on, Nadal said" is evidence as much as "the Spaniard Nadal").
            // Nor after a title's full stop ("Mr. Trump"): news writes most surnames
            // after one, and a page that only ever writes "Mr. Trump" had no evidence
            // for its "trump" at all.
            // (The gap's test apart, given where word `k` starts: the words' loop has both
            // the space test and the start already.)
            let after_comma_or_title = |k: usize, s: usize| {
                k > 0 && {
                    let gap = &line[ws[k - 1].1..s];
                    comma_gap(gap) || title_gap(&line[ws[k - 1].0..ws[k - 1].1], gap)
                }
            };
            let mid_at = |k: usize| space_before(k) || after_comma_or_title(k, ws[k].0);
            // A word the lexicon knows only capitalised ("kremlin"), read as the capital the
            // repair gives it in this same cleaning, as the name rules read the repaired line
            // ("ethru kremlin" -> "Ethru Kremlin"). (Its flags are the line's: no second
            // lookup; its length is its range's, and it is sliced only when it qualifies.)
            // (Only where the document may be English, as the rule itself: `lexicon_names`.)
            let lexicon_name_at = |i: usize| lexicon_names && ws[i].1 - ws[i].0 >= 3 && flags[i] == lexicon::CAPITAL;
            // The same word before another, read so only where the repair capitalises it:
            // standing as prose, not glued to a mark before it ("*donald alld": the repair
            // leaves "donald", and counting "alld" as capitalised here made the next cleaning
            // repair it; found by the fuzz target). The test of `repair::free_standing` for
            // what comes before the word (after it is the space to the next).
            let lexicon_name_before_at = |i: usize| {
                lexicon_names
                    && flags[i] == lexicon::CAPITAL
                    && bits[i] & shape::ASCII_LOWER != 0
                    && stands_after(&line[..ws[i].0])
            };
            // A word a former round found the repair capitalises (see `build`).
            let foreseen_at = |i: usize| {
                foreseeing
                    && (foreseen.at.contains(&(li, i as u32)) || foreseen.words.contains(&line[ws[i].0..ws[i].1]))
            };
            for (k, &(s, e)) in ws.iter().enumerate() {
                let w = &line[s..e];
                let joined = space_before(k);
                let mid = joined || after_comma_or_title(k, s);
                // (Sliced out of the line only where a rule reads it: most words are
                // answered before. With the next word's test below read by its range:
                // -2.9 M instructions a pass over the dev pages.)
                let next = || ws.get(k + 1).map(|&(ns, ne)| &line[ns..ne]);
                let adjacent = space_before(k + 1);
                // A capital beside another name's word, an acronym's too, is part of a longer
                // name ("GE Healthcare"), no evidence that the word alone is one.
                let name_at = |k: usize| shapes[k].3;
                // (Asked of a capital only, where it is counted: asked of every word, it cost
                // 2.1 M instructions a pass more over the dev pages.)
                let alone = || !((joined && name_at(k - 1)) || (adjacent && name_at(k + 1)));
                // Each part of the word in turn: the word itself when it has neither a hyphen
                // nor an apostrophe (its shape bits tell; most words), read through its bits,
                // else each part of `parts`, read through its characters.
                let b = bits[k];
                let mut on_part = |j: usize, p: &'a str, known: Option<u16>| {
                    // The part: three letters or more, capitalised, upper start, all lowercase.
                    // (An ASCII part's characters are its bytes.)
                    let (letters3, caps, upper, all_lower) = match known {
                        Some(b) => (
                            b & shape::HEAD_LONG != 0 && b & shape::LETTERS != 0,
                            b & shape::CAPITALISED != 0,
                            b & shape::UPPER_START != 0,
                            b & shape::HEAD_LOWER != 0,
                        ),
                        None => (
                            if p.is_ascii() {
                                p.len() >= 3 && p.bytes().all(|b| b.is_ascii_alphabetic())
                            } else {
                                p.chars().count() >= 3 && p.chars().all(crate::text::is_alphabetic)
                            },
                            capitalised(p),
                            upper_start(p),
                            p.chars().all(char::is_lowercase),
                        ),
                    };
                    // A part after a hyphen is never a sentence start.
                    if (j == 0 && !mid) || !letters3 {
                        return;
                    }
                    let whole = j == 0 && p.len() == w.len();
                    // Only a name of exactly two words ("the White House"): in "American
                    // Farm Bureau" or "Ukrainian President Zelensky" the pair is part of a
                    // longer name, and "American farm" / "Ukrainian president" stay.
                    let longer =
                        (joined && upper_at(k - 1)) || (k + 2 < ws.len() && space_before(k + 2) && upper_at(k + 2));
                    let next_capitalised = k + 1 < ws.len() && caps_at(k + 1);
                    // (Both keys built in one buffer, kept only when new: a page names the
                    // same pair again and again.)
                    if upper && whole && adjacent && next_capitalised && !longer {
                        key.clear();
                        crate::text::push_str_lowercase(&mut key, p);
                        key.push(' ');
                        crate::text::push_str_lowercase(&mut key, next().unwrap_or_default());
                        see_pair(&mut after, &key);
                    }
                    if caps {
                        if whole && adjacent && next_capitalised {
                            key.clear();
                            crate::text::push_str_lowercase(&mut key, p);
                            key.push(' ');
                            // (A next word foreseen capitalised, as the cleaned text has it.)
                            let nw = next().unwrap_or_default();
                            if over_next(k + 1) {
                                key.push_str(&nw[..1].to_ascii_uppercase());
                                key.push_str(&nw[1..]);
                            } else {
                                key.push_str(nw);
                            }
                            if !pairs.contains(key.as_str()) {
                                pairs.insert(key.clone());
                            }
                        }
                        // The whole word by its number, when known (`p` is `w`).
                        let n = number(k).filter(|_| whole && known.is_some());
                        let id = intern_lower(&mut ids, &mut uses, &mut numbered, n, || WordKey::lowercase(p));
                        let c = &mut uses[id];
                        c.caps += 1;
                        c.alone += u32::from(j == 0 && alone());
                    } else if all_lower {
                        // A next word that this cleaning capitalises, as a lexicon name or as
                        // a former round foresaw, is read as capitalised.
                        // Written capitalised is read as the repair reads it: a word whose
                        // first letter is a capital, whatever follows ("Kremlin3.5", "McDonald"
                        // before "donald": the repair's first-name rule takes both for a
                        // capital, and the evidence that counted them lowercase made a second
                        // cleaning differ; found by the property test).
                        let nxt = (whole
                            && adjacent
                            && (upper_first_at(k + 1) || lexicon_name_at(k + 1) || foreseen_at(k + 1)))
                        .then(next)
                        .flatten();
                        // The word before as a name only where the repair reads it so: not
                        // at a sentence start (the first word of the line, or after a
                        // sentence's closing mark), whose capital says nothing (see
                        // `repair::propose_words`). Else "Donald kremnald" after "sa?" would
                        // count as capitalised, and a second cleaning repair it.
                        // A word before it that the lexicon knows only capitalised ("donald")
                        // reads as the name the repair makes of it in this same cleaning, as
                        // the repair reads it ("donald kremnald" -> "Donald Kremnald"); else
                        // the next cleaning would count "Kremnald" and repair a "kremnald"
                        // elsewhere (found by the fuzz target).
                        // A word before with a capital first letter reads as the repair reads
                        // it, whatever follows ("LARRY ogunjobi", "ANGELA cooper": counted
                        // lowercase here while the repair made them names, so that a second
                        // cleaning repaired the word's other uses).
                        let name_before = || upper_first_at(k - 1) || lexicon_name_before_at(k - 1);
                        let prv = (whole
                            && joined
                            && (name_before() || (foreseen_at(k - 1) && stands_after(&line[..ws[k - 1].0])))
                            && !opens_sentence(line, ws, k - 1))
                        .then(|| &line[ws[k - 1].0..ws[k - 1].1]);
                        // (As written: lowercased by `decide` where a rule reads it, once per
                        // distinct neighbours, in one buffer; lowercased here into a `String`
                        // per use, 0.7 M instructions a pass more over the dev pages.)
                        // The part is its own lowercase form: no character that is lowercase
                        // lowercases to another (every `char` checked with this toolchain's
                        // Unicode tables), and the final-sigma rule of `str::to_lowercase` only
                        // maps the capital sigma. So it is borrowed, never built (a page in
                        // Russian built a `String` per lowercase word here).
                        let lw = p;
                        // The whole word counted as written is the same word, numbered.
                        // (A whole word by its number when known: `lw` is `w`, its own
                        // lowercase form.)
                        let id = match written[k] {
                            id if whole && id != usize::MAX => id,
                            _ => {
                                let n = number(k).filter(|_| whole && known.is_some());
                                intern_lower(&mut ids, &mut uses, &mut numbered, n, || WordKey::of(lw))
                            }
                        };
                        // (Kept for the neighbours below, which read the word's counts by it.)
                        if whole {
                            written[k] = id;
                        }
                        if nxt.is_none() && prv.is_none() {
                            uses[id].lower += 1;
                        } else {
                            lowercase.push((lw, nxt, prv, id, (li, k as u32), flags[k]));
                        }
                    }
                };
                // (One call of `on_part`, which is then inlined: called from two places,
                // it was a call per word with its many captures spilled: -3.5 M instructions a
                // pass over the dev pages; the same as a chain of iterators, `once` and the
                // parts, measured 1.7 M more.)
                let mut split = if b & shape::HEAD_WHOLE != 0 { None } else { Some(parts(w).enumerate()) };
                let mut whole_word = split.is_none();
                loop {
                    let (j, p, known) = if std::mem::take(&mut whole_word) {
                        (0, w, Some(b))
                    } else if let Some((j, (_, p))) = split.as_mut().and_then(Iterator::next) {
                        (j, p, None)
                    } else {
                        break;
                    };
                    on_part(j, p, known);
                }
            }
            // The lowercase neighbours whose capital would change how a word is read (see
            // `build`): two lowercase words of three letters or more side by side, neither
            // read as capitalised by this count, the word read being one that the name rules
            // can capitalise beside a capital (a word English lacks, `name_beside`; a name
            // in the English lexicon, `names_before`). In English text few pairs qualify;
            // in other languages most do (their words are not in the English lexicon).
            // (A pass of its own over the line's words, the neighbour's own tests asked in
            // `build`, its counts read by its number: recorded inside the per-word code
            // above, the recording alone cost 7 M instructions a pass over the dev pages;
            // all of this foresight now costs 3.9 M, 1.1% of cleaning.)
            let lower_word = |i: usize| {
                const WORD: u16 = shape::HEAD_WHOLE | shape::HEAD_LONG | shape::HEAD_LOWER | shape::LETTERS;
                bits[i] & (WORD | shape::STOP) == WORD
            };
            let may_be_read = |i: usize| {
                let f = flags[i];
                f == 0 || (f & lexicon::CAPITAL != 0 && f & lexicon::FREQUENT == 0)
            };
            // (Each word's two tests asked once, the word before's carried to the next: asked
            // of both words of each pair, 0.9 M instructions a pass more over the dev pages.)
            // Word `b - 1`: `Some(may_be_read)` when it is a lowercase word.
            let mut before: Option<bool> = None;
            for b in 0..ws.len() {
                let here = lower_word(b).then(|| may_be_read(b));
                let (Some(read_a), Some(read_b)) = (std::mem::replace(&mut before, here), here) else {
                    continue;
                };
                let a = b - 1;
                if !(read_a || read_b) || !space_before(b) {
                    continue;
                }
                // `b` after `a`, when `a` is not a sentence's first word, nor read as a name
                // already (`lexicon_name_before_at`).
                // (Whether `a` opens a sentence is asked once `a` is found capitalised, in
                // `build`: most neighbours are not.)
                if read_b && !lexicon_name_before_at(a) && !foreseen_at(a) {
                    neighbours.push(Neighbour { at: (li, a as u32), of: b as u32, id: written[a] });
                }
                // `a` before `b`, when `a` is in mid-sentence, and `b` not read as a name
                // already.
                if read_a && !lexicon_name_at(b) && !foreseen_at(b) && mid_at(a) {
                    neighbours.push(Neighbour { at: (li, b as u32), of: a as u32, id: written[b] });
                }
            }
        }
        Tally { ids, uses, numbered, pairs, after, lowercase, neighbours, answers: Default::default() }
    }

    /// The name rules' decisions on the lowercase words beside a capital of a count, `t`:
    /// the context (`t`'s counts and pair sets moved into it, the decided words counted as
    /// capitalised or lowercase), and the places of the lowercase words taken for
    /// capitalised by their place (a name rule or a pair). [`Tally::undo`] gives the counts
    /// back as they were.
    fn decide(t: &mut Tally<'a>, (english, lexicon_names): (bool, bool)) -> (Self, FastSet<Place>) {
        let (ids, mut uses, numbered, pairs, after) = (
            std::mem::take(&mut t.ids),
            std::mem::take(&mut t.uses),
            std::mem::take(&mut t.numbered),
            std::mem::take(&mut t.pairs),
            std::mem::take(&mut t.after),
        );
        let lowercase = &t.lowercase;
        let mut key = String::new();
        // The name rules' answer per word and neighbours, asked once (they read the lexicon
        // and the entity model; a page repeats its phrases).
        // (Those with a next word and none before kept apart, by the two words, for the
        // word repairs, which ask them again: `Context::reason_before`.)
        // (Both sized for every lowercase word kept, at most one key each: grown from empty,
        // they rehashed their keys as they grew, -1.1 M instructions a pass over the dev
        // pages.)
        // (Kept from a former round when there was one: the answers depend on the words
        // alone, and a round counts again only a few lines. -1.2 M instructions a pass over
        // the dev pages.)
        let (mut beside, mut before_capital) = std::mem::take(&mut t.answers);
        if beside.is_empty() && before_capital.is_empty() {
            beside.reserve(lowercase.len());
            before_capital.reserve(lowercase.len());
        }
        // Most lowercase words have no capitalised neighbour: then neither name rule applies
        // (both read a neighbour) and nothing repairs them.
        // (The word before lowercased in one buffer, for the rules only.)
        let mut lower = String::new();
        let mut names: Vec<Option<&'static str>> = lowercase
            .iter()
            .map(|(lw, next, prev, _, _, flags)| {
                let w = *lw;
                let reason = || {
                    let prev = prev.map(|p| {
                        lower.clear();
                        crate::text::push_str_lowercase(&mut lower, p);
                        lower.as_str()
                    });
                    if name_beside_flagged(w, Some(*flags), prev, *next, english) {
                        Some(BESIDE_A_NAME)
                    } else if known_name(w, prev, *next) {
                        Some(PART_OF_A_KNOWN_NAME)
                    } else {
                        None
                    }
                };
                match (next, prev) {
                    (None, None) => None,
                    (Some(nw), None) => *before_capital.entry((w, nw)).or_insert_with(reason),
                    _ => *beside.entry((w, *next, *prev)).or_insert_with(reason),
                }
            })
            .collect();
        // The lowercase words after a capital, as pairs ("Democratic convention" four times
        // beside one "Democratic Convention": the document's own style, which neither the
        // pair repair nor a known name may overrule, see `after_repairs` and `pair_by_style`),
        // counted for the pairs those two rules ask about: the pairs of `after`, and those
        // of a known name above (a map of every such pair, a `String` each, cost 3.3 M
        // instructions a pass over the dev pages; these few, with the rest of the style
        // test, 1.2 M).
        // Counted before the repairs below decide: a rule that repairs such uses makes
        // capitals of them, which the next round counts in `after` (see `build`), so the
        // rule goes on repairing them; one that does not leaves them as they are. Either
        // way a second cleaning counts the same.
        let mut after_lower: FastMap<String, u32> = FastMap::default();
        for ((w, _, prev, ..), why) in lowercase.iter().zip(&names) {
            if let (Some(p), Some(PART_OF_A_KNOWN_NAME)) = (prev, why) {
                after_lower.insert(after_key(&mut key, p, w).to_string(), 0);
            }
        }
        if !after.is_empty() || !after_lower.is_empty() {
            for &(w, _, prev, ..) in lowercase {
                let Some(p) = prev else { continue };
                let k = after_key(&mut key, p, w);
                if let Some(n) = after_lower.get_mut(k) {
                    *n += 1;
                } else if after.contains_key(k) {
                    after_lower.insert(k.to_string(), 1);
                }
            }
        }
        // A known name's word that the document writes lowercase by style after the word
        // before is not repaired (see `style_vetoes`).
        for ((w, next, prev, ..), why) in lowercase.iter().zip(names.iter_mut()) {
            if *why == Some(PART_OF_A_KNOWN_NAME)
                && style_vetoes(|p| pair_by_style(&after, &after_lower, &mut key, p, w), w, *prev, *next)
            {
                *why = None;
            }
        }
        // The pairs those repairs make with a capitalised next word, as the cleaned text
        // gives them ("Wall street Journal" -> "Street Journal", evidence for "l street
        // Journal" on the next cleaning; found by the fuzz target).
        let mut made: FastMap<String, &'static str> = FastMap::default();
        // A next word still lowercase is one the lexicon knows only capitalised (see
        // `lexicon_name_at` above), or one a former round foresaw, which the repair
        // capitalises too ("ald donald" -> "Ald Donald").
        for ((lw, next, ..), why) in lowercase.iter().zip(&names) {
            let next = next.filter(|nw| capitalised(nw) || nw.bytes().all(|b| b.is_ascii_lowercase()));
            if let (Some(why), Some(nw)) = (why, next) {
                let pair = pair_key(lw, nw);
                if !pairs.contains(&pair) {
                    made.entry(pair).or_insert(why);
                }
            }
        }
        // The places of the words capitalised here, read by the next round when a neighbour
        // was recorded (see `build`).
        let mut decided: FastSet<Place> = FastSet::default();
        // The uses a first name or a title before a name would repair (see below).
        let mut before_a_name: Vec<usize> = Vec::new();
        for (i, ((lw, next, prev, id, at, flags), why)) in lowercase.iter().zip(&names).enumerate() {
            let (w, next, id) = (*lw, *next, *id);
            // A name beside a name is repaired by `name_beside` and counted as the
            // capitalised word it becomes, on either pass.
            if why.is_some() {
                uses[id].caps += 1;
                decided.insert(*at);
                continue;
            }
            // (Each key built in the one buffer.)
            let repaired = pair_repairs((&pairs, &made, &after, &after_lower), &mut key, w, next, *prev);
            // A word a pair repairs is capitalised in the cleaned text, and counts so here
            // as well: the next cleaning reads it capitalised ("Seus Filhos" repaired from a
            // capitalised pair made "Seus" a capital ten times over, and the next cleaning
            // capitalised a lone "seus").
            if repaired {
                uses[id].caps += 1;
                decided.insert(*at);
            } else if next.is_some_and(|nw| names_before_flagged(w, Some(*flags), nw)) {
                before_a_name.push(i);
            } else {
                uses[id].lower += 1;
            }
        }
        // A first name or a title before a name ("donald Trump", "tom Johnston") is repaired
        // unless the document writes the word lowercase by choice, as the repair reads it
        // from these counts once made (`lowercase_by_choice`): never capitalised, and
        // lowercase three times or more, these uses included. So it is decided once every
        // other use is counted: by choice, none of them is repaired and the counts stay as
        // read; else all are, and the word stays capitalised somewhere. (Decided before the
        // other rules' capitals were counted, a word that a known name capitalised ("donald
        // Trump" as "Donald Trump") was taken as lowercase by choice here and not by the
        // repair: the property test found it once the lexicon's names no longer applied to
        // every such word in other languages.)
        let mut waiting: Vec<u32> = vec![0; if before_a_name.is_empty() { 0 } else { uses.len() }];
        for &i in &before_a_name {
            waiting[lowercase[i].3] += 1;
        }
        let by_choice: Vec<bool> = before_a_name
            .iter()
            .map(|&i| {
                let (w, id) = (lowercase[i].0, lowercase[i].3);
                let u = uses[id];
                by_choice(u.caps, u.lower + waiting[id], || lexicon::flags(w))
            })
            .collect();
        for (&i, by_choice) in before_a_name.iter().zip(by_choice) {
            let (id, at) = (lowercase[i].3, lowercase[i].4);
            if by_choice {
                uses[id].lower += 1;
            } else {
                uses[id].caps += 1;
                decided.insert(at);
            }
        }
        t.answers.0 = beside;
        (
            Context { ids, uses, numbered, pairs, made, after, after_lower, english, lexicon_names, before_capital },
            decided,
        )
    }

    /// The reason the name rules give the lowercase `w` before `next` (capitalised, or a
    /// word this cleaning capitalises), with no name before it: [`name_beside`], then
    /// [`known_name`]. Read from the count's answers where it asked them
    /// ([`Context::before_capital`]: the same words, nearly always in the same lines), else
    /// asked. (The answer depends on the two words alone and on [`Context::english`]; the
    /// model's `name_types` is about 700 instructions a call, a lookup of the two words a
    /// tenth of that.)
    pub fn reason_before(&self, w: &str, next: &str) -> Option<&'static str> {
        if let Some(&why) = self.before_capital.get(&(w, next)) {
            return why;
        }
        if name_beside(w, None, Some(next), self.english) {
            Some(BESIDE_A_NAME)
        } else if known_name(w, None, Some(next)) {
            Some(PART_OF_A_KNOWN_NAME)
        } else {
            None
        }
    }

    /// Whether a [`known_name`] of the lowercase `w` beside `prev` and `next` is no reason
    /// to capitalise it: see [`style_vetoes`].
    pub fn known_name_by_style(&self, w: &str, prev: Option<&str>, next: Option<&str>) -> bool {
        style_vetoes(|p| pair_by_style(&self.after, &self.after_lower, &mut String::new(), p, w), w, prev, next)
    }

    /// Whether the pair `key` (the capitalised word before, lowercased, a space and the
    /// lowercase word: "white house") repairs the lowercase word ("White house" -> "White
    /// House"): see [`Context::after_lower`].
    pub fn after_repairs(&self, key: &str) -> bool {
        after_repairs(&self.after, &self.after_lower, key)
    }

    /// What the document does with `w` (lowercase; all zero for a word it does not have).
    fn uses_of(&self, w: &str) -> Uses {
        self.ids.get(&WordKey::of(w)).map_or_else(Uses::default, |id| self.uses[id])
    }

    /// Whether `w` (lowercase) may be a typo as far as the document tells: never
    /// capitalised in mid-sentence (a name), not written twice (meant).
    pub fn may_be_typo(&self, w: &str) -> bool {
        let u = self.uses_of(w);
        u.caps == 0 && u.written <= 1
    }

    /// Whether the document writes `w` (lowercase) in lowercase by choice: a name the
    /// lexicon knows only capitalised, never capitalised here and lowercase three times or
    /// more. Then no rule capitalises it, not even before a name: repairing one occurrence
    /// would make it capitalised evidence for the others on a second cleaning.
    pub fn lowercase_by_choice(&self, w: &str) -> bool {
        let Uses { caps, lower, .. } = self.uses_of(w);
        by_choice(caps, lower, || lexicon::flags(w))
    }

    /// Whether `w` is a name written lowercase by its owners ("ecobee", "iPhone"-style
    /// brands): not an English word, written in running text, never capitalised standing
    /// alone. Such a word keeps its case at a sentence start too. A capital beside another
    /// capitalised word does not count: the name repairs give one ("ethru kremlin" ->
    /// "Ethru Kremlin"), and the next cleaning must decide the same.
    pub fn lowercase_brand(&self, w: &str) -> bool {
        let Uses { caps, alone, lower, .. } = self.uses_of(w);
        alone == 0 && caps + lower >= 1 && lexicon::flags(w) == 0
    }

    /// Why the lowercase word `w` (a part, lowercase, 3+ letters) is a name, or `None`.
    pub fn name_reason(&self, w: &str) -> Option<Cow<'static, str>> {
        self.name_reason_known(w, lexicon::flags(w))
    }

    /// Whether the frequent word `w` (lexicon flags `flags`) is a name in this document: one
    /// English writes both ways ("apple", "cook", "union"), capitalised standing alone three
    /// times or more and twice as often as lowercase ("Apple had done away", 11 times, beside
    /// "apple did"). Not "may" and "march" (the only months the lexicon marks frequent),
    /// the points of the compass and "democratic", whose lowercase twins are as common
    /// ("May" beside "may", "the West" beside "west of the city", "Democratic lawmakers"
    /// beside "a democratic socialist").
    /// If so, the number of those capitalised uses (the repair's reason names it).
    fn frequent_name(&self, w: &str, flags: u8, uses: impl FnOnce() -> Uses) -> Option<u32> {
        const BOTH_WAYS: [&str; 9] =
            ["may", "march", "north", "south", "east", "west", "eastern", "western", "democratic"];
        if flags & (lexicon::LOWER | lexicon::CAPITAL) != lexicon::LOWER | lexicon::CAPITAL
            || is_stop(w)
            || BOTH_WAYS.contains(&w)
        {
            return None;
        }
        let Uses { alone, lower, .. } = uses();
        (alone >= 3 && alone >= 2 * lower).then_some(alone)
    }

    /// [`Context::name_reason`] of a word whose lexicon flags are known to be `flags`.
    pub fn name_reason_known(&self, w: &str, flags: u8) -> Option<Cow<'static, str>> {
        Self::reason_of(self.name_evidence(w, flags)?)
    }

    /// [`Context::name_reason_known`] of a whole word of the page, lowercase, whose number in
    /// the page's word table is `n` (its counts read by that number when the count reached
    /// it so, see [`Context::numbered`]).
    pub fn name_reason_numbered(&self, w: &str, flags: u8, n: u32) -> Option<Cow<'static, str>> {
        let uses = || match self.numbered.get(n as usize) {
            Some(&id) if id != usize::MAX => self.uses[id],
            _ => self.uses_of(w),
        };
        Self::reason_of(self.name_evidence_of(w, flags, true, uses)?)
    }

    /// The repair's reason for a name, naming its evidence.
    fn reason_of(evidence: NameEvidence) -> Option<Cow<'static, str>> {
        let times = |n: u32| if n == 1 { "once".to_string() } else { format!("{n} times") };
        Some(match evidence {
            NameEvidence::Capitalised(n) => {
                format!("proper name written lowercase (capitalised {} elsewhere)", times(n)).into()
            }
            NameEvidence::Alone(n) => {
                format!("proper name written lowercase (capitalised {} on its own elsewhere)", times(n)).into()
            }
            NameEvidence::Lexicon => "proper name written lowercase (a name in the English lexicon)".into(),
            NameEvidence::Cluster => {
                "proper name written lowercase (the entity model's word clusters hold it among names)".into()
            }
        })
    }

    /// Whether the name rules take the lowercase word `w` (a part, lowercase, 3+ letters)
    /// for a name ([`Context::name_reason`] without its wording: the evidence asks it of the
    /// neighbours it records, see `build`).
    /// (The word's lexicon flags are the line's, and its number in the counts is known when
    /// it was counted by it: no lookup of either.)
    /// (Not a function word: the neighbours' shape bits say so.)
    fn is_name(&self, w: &str, flags: u8, id: usize) -> bool {
        let uses = || self.uses.get(id).copied().unwrap_or_else(|| self.uses_of(w));
        self.name_evidence_of(w, flags, false, uses).is_some()
    }

    /// The evidence that the lowercase word `w`, with lexicon flags `flags`, is a name.
    fn name_evidence(&self, w: &str, flags: u8) -> Option<NameEvidence> {
        self.name_evidence_of(w, flags, true, || self.uses_of(w))
    }

    /// [`Context::name_evidence`] with the word's counts read by `uses`, and whether it is a
    /// function word asked only when `may_be_stop`.
    fn name_evidence_of(
        &self,
        w: &str,
        flags: u8,
        may_be_stop: bool,
        uses: impl FnOnce() -> Uses,
    ) -> Option<NameEvidence> {
        // A frequent word ("house", "president", "more") is capitalised in titles, in names
        // and for emphasis: only a pair seen in the text repairs it (`propose_words`), or,
        // when English writes it both ways, the document's capitals on it standing alone
        // ([`Context::frequent_name`]). (The lexicon is asked before the stop list, a
        // linear scan: most words asked about are frequent.)
        if flags & lexicon::FREQUENT != 0 {
            return self.frequent_name(w, flags, uses).map(NameEvidence::Alone);
        }
        if may_be_stop && is_stop(w) {
            return None;
        }
        let Uses { caps, alone, lower, .. } = uses();
        if flags & lexicon::LOWER != 0 && flags & lexicon::CAPITAL != 0 {
            // A word that is also a name in English ("trump", "ford", "china"): twice
            // capitalised, at least as often as lowercase, once standing alone.
            return (caps >= 2 && caps >= lower && alone >= 1).then_some(NameEvidence::Capitalised(caps));
        }
        if flags & lexicon::LOWER != 0 {
            // A common word: only capitals standing alone count (not "MacBook Pro", not "Buy
            // All The Things"), twice at least and twice as often as lowercase.
            return (alone >= 2 && alone >= 2 * lower).then_some(NameEvidence::Alone(alone));
        }
        // A word English lacks, capitalised as often as lowercase: twice, or once standing
        // alone, or once inside a longer name when it has four letters or more and the
        // document is English ("Arvind Kejriwal" beside "kejriwal turned to Twitter"; not
        // the particles of other languages' names, "Académie des Arts" beside "Des Moines",
        // nor German's adjectives beside a name, "deutsche" beside "Deutsche Bank").
        let inside_a_name = flags == 0 && w.len() >= 4 && self.english;
        if caps >= 1 && caps >= lower && (caps >= 2 || alone >= 1 || flags != 0 || inside_a_name) {
            return Some(NameEvidence::Capitalised(caps));
        }
        // A name the English lexicon knows, unless written lowercase by choice
        // (`lowercase_by_choice` of these counts), in a document that may be English: other
        // languages' common words are English names ("mit", "como", "della", "ada").
        if self.lexicon_names && flags == lexicon::CAPITAL && !by_choice(caps, lower, || flags) {
            return Some(NameEvidence::Lexicon);
        }
        // A word English lacks, never capitalised here and written lowercase once or twice,
        // in a cluster of the entity model's word table whose capitalised words are people's
        // names ("nadal", "kejriwal"), or whose words are names nearly always ("monfils",
        // "huawei"): a name, in an English document (`name_cluster`). Coinages ("hanbok",
        // "uncrewed") sit in other clusters, or in none.
        (flags == 0 && caps == 0 && lower <= 2 && w.len() >= 4 && name_cluster(w, self.english) && !english_compound(w))
            .then_some(NameEvidence::Cluster)
    }
}

/// Whether a word with lexicon flags `flags`, capitalised `caps` times and lowercase `lower`
/// times in the document, is written lowercase by choice: a name the lexicon knows only
/// capitalised, never capitalised here and lowercase three times or more. The one test of
/// the repair ([`Context::lowercase_by_choice`]), of the evidence's first names before a
/// name (`Context::count`) and of the lexicon's names ([`Context::name_evidence`]): a
/// cleaning is idempotent only while the three agree. (The lexicon asked last: most words
/// fail the counts.)
fn by_choice(caps: u32, lower: u32, flags: impl FnOnce() -> u8) -> bool {
    caps == 0 && lower >= 3 && flags() == lexicon::CAPITAL
}

/// Whether the document writes the lowercase `w` after the capitalised `prev` (as written)
/// so by its style: twice or more, and more than [`STYLE_RATIO`] times as often as with
/// `w` capitalised ([`Context::after_lower`], [`Context::after`]). Then the entity model's
/// knowing a name of the two words ("Republican Party", "Democratic Convention") is no
/// reason to capitalise it. (Without the known names, the repairs changed 43 fewer of the
/// 280 words they changed in 840 clean political news articles, and lost 3 points of
/// lowercased names on the repair check: the style test keeps the names and drops the
/// pairs a document writes lowercase.) The key is built in `key`.
fn pair_by_style(
    after: &FastMap<String, u32>,
    after_lower: &FastMap<String, u32>,
    key: &mut String,
    prev: &str,
    w: &str,
) -> bool {
    let key = after_key(key, prev, w);
    let lower = after_lower.get(key).copied().unwrap_or(0);
    lower >= 2 && lower > STYLE_RATIO * after.get(key).copied().unwrap_or(0)
}

/// Whether the known name of the lowercase `w` (a [`known_name`] with `prev` and `next`) is
/// vetoed by the document's style (`styled`, [`pair_by_style`] of the word before and `w`):
/// only a name the word makes with the word before ("Democratic convention"), not one it
/// makes with the next word alone ("Kremlin donald Trump": "Donald Trump" is known whatever
/// the document does with "Kremlin donald"; vetoed by the first, the evidence counted
/// "donald" lowercase there while the word repairs, asking of "donald" and "Trump" alone,
/// capitalised it, and the next cleaning differed: found by the property test).
fn style_vetoes(styled: impl FnOnce(&str) -> bool, w: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    prev.is_some_and(styled) && !known_name(w, None, next)
}

/// The key of a pair of [`Context::after`] and [`Context::after_lower`] in `key`: the
/// capitalised word before (`prev`, as written), lowercased, a space and the lowercase `w`.
pub(crate) fn after_key<'k>(key: &'k mut String, prev: &str, w: &str) -> &'k str {
    key.clear();
    crate::text::push_str_lowercase(key, prev);
    key.push(' ');
    key.push_str(w);
    key
}

/// Why the name rules take a lowercase word for a name ([`Context::name_evidence`]).
enum NameEvidence {
    /// Capitalised this many times elsewhere.
    Capitalised(u32),
    /// Capitalised this many times on its own elsewhere.
    Alone(u32),
    /// A name in the English lexicon.
    Lexicon,
    /// Among names in the entity model's word clusters.
    Cluster,
}

/// Whether a lowercase word English lacks is made of English words: two words of three
/// letters or more ("frontrunner", "superdelegate", "policymaker"), or a prefix and a word
/// ("unforced"). News coins such words faster than a dictionary lists them, and their
/// clusters sit near people's (a frontrunner is someone), so the cluster test alone
/// capitalised them; a surname made of two words and unknown to the lexicon ("westbrook")
/// is left as written.
fn english_compound(w: &str) -> bool {
    const PREFIXES: [&str; 12] =
        ["un", "non", "re", "pre", "co", "mid", "anti", "over", "under", "super", "counter", "multi"];
    // (`w` is lowercase, so are its parts: looked up as they are.)
    let lower_word = |p: &str| lexicon::flags(p) & lexicon::LOWER != 0;
    let split = (3..w.len().saturating_sub(2))
        .filter(|&i| w.is_char_boundary(i))
        .any(|i| lower_word(&w[..i]) && lower_word(&w[i..]));
    split || PREFIXES.iter().any(|p| w.strip_prefix(p).is_some_and(|rest| rest.len() >= 4 && lower_word(rest)))
}

/// Whether `w` (lowercase) is an English word with one letter too many ("tthe", "witth"):
/// a slip of the keyboard, not a name.
fn slip_of_a_word(w: &str) -> bool {
    w.char_indices().any(|(i, c)| {
        let mut v = String::with_capacity(w.len());
        v.push_str(&w[..i]);
        v.push_str(&w[i + c.len_utf8()..]);
        lexicon::flags(&v) & lexicon::LOWER != 0
    })
}

/// Whether, in an English document, the entity model's word table puts `w` (lowercase) in a
/// cluster of first names or surnames, or of words the training text writes as names
/// nearly always (`tagger::NAME_LIKE`: "monfils", "huawei", "bridgestone"). Not in other
/// languages: the clusters of foreign names hold their common words too (Portuguese "onde",
/// "deve", Indonesian "adil" were capitalised).
fn name_cluster(w: &str, english: bool) -> bool {
    use crate::entities::tagger::{FIRST_NAME_LIKE, NAME_LIKE, SURNAME_LIKE};
    english
        && w.chars().all(crate::text::is_alphabetic)
        && crate::entities::names::MODEL
            .as_ref()
            .is_some_and(|m| m.cluster_usage(w) & (FIRST_NAME_LIKE | SURNAME_LIKE | NAME_LIKE) != 0)
}

/// Whether a document's lines (text and word ranges) read as English: a tenth or more of
/// their words of letters are English function words ([`STOP`]; `score-repair.py` and
/// `score-cleaning.py --english` use the same measure), over 8 such words at least (a
/// pasted paragraph).
/// A word one letter short of a function word counts as one: the typo repair adds that
/// letter ("whic" -> "which"), and the cleaned text must read the same (idempotence).
/// Capital repairs change no word's count (case is ignored).
/// (The definition over the words' text; cleaning asks it of their shape bits,
/// [`english_share_shaped`], and this is kept for the tests, which compare the two.)
#[cfg(test)]
pub(crate) fn english_share<'l>(lines: impl Iterator<Item = (&'l str, &'l [(usize, usize)])>) -> bool {
    let (mut stops, mut all) = (0usize, 0usize);
    for (line, ws) in lines {
        for &(s, e) in ws {
            let w = &line[s..e];
            if !w.chars().next().is_some_and(crate::text::is_alphabetic) {
                continue;
            }
            all += 1;
            if stop_or_slip(w) {
                stops += 1;
            }
        }
    }
    all >= 8 && stops * 10 >= all
}

/// Whether a document's lines read as English (`english_share`, the definition), read from
/// their words' shape bits (`body::shape`): a word of letters is one with `ALPHA_FIRST`, a
/// function word or its slip one with `STOP_OR_SLIP`, both found once per distinct word of
/// the page by its word table, where each occurrence was decoded, packed and sought again
/// (-6.2 M instructions a pass over the dev pages for the casing evidence, -1.0 M for the
/// stuffing flags).
pub(crate) fn english_share_shaped<'l>(lines: impl Iterator<Item = &'l [u16]>) -> bool {
    let (all, stops) = english_counts(lines);
    all >= 8 && stops * 10 >= all
}

/// The counts [`english_share_shaped`] reads: words of letters, and those of them that are
/// function words or their slips.
pub(crate) fn english_counts<'l>(lines: impl Iterator<Item = &'l [u16]>) -> (usize, usize) {
    let (mut stops, mut all) = (0usize, 0usize);
    for &bits in lines.flatten() {
        all += usize::from(bits & shape::ALPHA_FIRST != 0);
        stops += usize::from(bits & shape::ALPHA_FIRST != 0 && bits & shape::STOP_OR_SLIP != 0);
    }
    (all, stops)
}

/// The function words of [`STOP`] and each of them with one letter left out, packed as
/// `lexicon::short_list` packs words, sorted: [`stop_or_slip_packed`] looks a word up by
/// bisection.
static STOP_OR_SLIP: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<u64> = Vec::new();
    for t in STOP {
        v.extend(lexicon::pack_short(t, false));
        for i in 0..t.len() {
            let slip = format!("{}{}", &t[..i], &t[i + 1..]);
            v.extend(lexicon::pack_short(&slip, false));
        }
    }
    v.sort_unstable();
    v.dedup();
    v
});

/// The packed words of [`STOP_OR_SLIP`] (for `body::word_shape_packed`'s filter).
pub(crate) fn stop_or_slip_list() -> &'static [u64] {
    &STOP_OR_SLIP
}

/// Whether `w` (ASCII case ignored) is a function word of [`STOP`], or one with a letter
/// left out ("whic", "te"). (Every function word is ASCII, and so is any word one letter
/// short of one; a word with other characters packs to none of them.) The tests' reference:
/// cleaning reads it from the words' shape bits (`body::shape::STOP_OR_SLIP`).
#[cfg(test)]
pub(crate) fn stop_or_slip(w: &str) -> bool {
    lexicon::pack_short(w, true).is_some_and(|p| stop_or_slip_packed(w.len(), p))
}

/// Whether a word of `len` bytes, packed lowercase as `lexicon::pack_short` packs it
/// (`body::word_shape` has it so), is a function word of [`STOP`] or one with a letter left
/// out (`stop_or_slip` of the word as text).
pub(crate) fn stop_or_slip_packed(len: usize, packed: u64) -> bool {
    len <= STOP_MAX && STOP_OR_SLIP.binary_search(&packed).is_ok()
}

/// Whether the lowercase `w`, right after the capitalised word `prev` (lowercased) or
/// right before the capitalised word `next`, is a name the English lexicon does not know
/// ("Larry ogunjobi", "feliciano Lopez"). The evidence is the entity model's word table
/// (the 100,000 commonest words of news and Wikipedia, in clusters, each cluster marked
/// by how the training data used its capitalised words): `w` is no English word, and
/// - after a first name (`prev` in a first-name cluster), `w` is in a surname cluster
///   or too rare for the table;
/// - before a surname (`next` in a surname cluster), `w` is in a first-name cluster or
///   too rare for the table.
///
/// So neither "Korean hanbok", "Yersinia pestis", "Beijing's diktats" nor "uncrewed
/// Starliner" qualify; name particles ("von", "van", "de") keep their case.
///
/// And a word English writes both ways ("cooper", "warren") right after a first name of
/// `lexicon::is_first_name` ("Angela cooper").
///
/// Without a neighbour there is nothing to be beside (asked of most lowercase words:
/// answered where it is asked, before the lexicon and the model are, without a call).
#[inline(always)]
pub fn name_beside(w: &str, prev: Option<&str>, next: Option<&str>, english: bool) -> bool {
    name_beside_flagged(w, None, prev, next, english)
}

/// [`name_beside`] of `w` whose lexicon flags are `flags` when known (the line's: not
/// looked up again).
/// (The flags from the line, in the casing evidence's decisions and the word repairs:
/// -0.73 M instructions a pass over the dev pages; the evidence's per-word code took 0.5 M
/// of the 1.3 M its lookups cost, whatever the size of the tuple that keeps them.)
pub(crate) fn name_beside_flagged(
    w: &str,
    flags: Option<u8>,
    prev: Option<&str>,
    next: Option<&str>,
    english: bool,
) -> bool {
    // A next word is read as the casing evidence reads it: capitalised, or lowercase (a
    // word this cleaning capitalises). One in mixed case ("EoE", "McDonald") the evidence
    // does not take for a name's word, so the repair must not either: "kremnald EoE" was
    // repaired while the evidence counted it lowercase, and the next cleaning, counting it
    // capitalised, repaired another "kremnald" (found by the clean fuzz target).
    let next = next.filter(|n| capitalised(n) || n.chars().all(char::is_lowercase));
    (prev.is_some() || next.is_some()) && name_beside_of(w, flags, prev, next, english)
}

/// [`name_beside`] of a word with a neighbour.
fn name_beside_of(w: &str, flags: Option<u8>, prev: Option<&str>, next: Option<&str>, english: bool) -> bool {
    use crate::entities::tagger::{FIRST_NAME_LIKE, SURNAME_LIKE};
    const PARTICLES: [&str; 16] =
        ["von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "dos", "das", "ter", "ten", "bin", "ibn"];
    if w.chars().count() < 3 || !w.chars().all(crate::text::is_alphabetic) || PARTICLES.contains(&w) {
        return false;
    }
    let Some(model) = crate::entities::names::MODEL.as_ref() else { return false };
    let flags = flags.unwrap_or_else(|| lexicon::flags(w));
    if flags != 0 {
        // A word English writes both ways, not among its most frequent ("cooper", "warren",
        // "levy", "spears"), right after a first name ("Angela cooper", "Elizabeth warren"):
        // a surname. Not after a first name that the entity model knows as another kind of
        // name alone (a place, a party: "Leicester hooker", "Tory fox" in the clean news).
        return flags == lexicon::LOWER | lexicon::CAPITAL
            && prev.is_some_and(|p| {
                lexicon::is_first_name(p) && {
                    let types = model.name_types(&[p]);
                    types == 0 || types & 1 != 0 // bit 0: PER (`tagger::TYPES`)
                }
            });
    }
    let usage = |x: &str| model.cluster_usage(x);
    let rare = !model.knows_word(w);
    let after_name = prev.is_some_and(|p| p.chars().all(crate::text::is_alphabetic) && usage(p) & FIRST_NAME_LIKE != 0)
        && (rare || usage(w) & SURNAME_LIKE != 0);
    let before_name = next.is_some_and(|n| n.chars().all(crate::text::is_alphabetic) && usage(n) & SURNAME_LIKE != 0)
        && (rare || usage(w) & FIRST_NAME_LIKE != 0);
    // Two words neither English nor the word table knows, the first lowercase, the second
    // capitalised: a first name and a surname too rare for either ("maurkice Pouncey",
    // "yasutaka Uchiyama"). Only before: a Latin species name puts its capital first
    // ("Yersinia pestis"). Not a coinage made of English words, and only in an English
    // document (German capitalises its nouns: "die richtige Entscheidung").
    let rare_pair = || {
        english
            && rare
            && w.chars().count() >= 4
            && next.is_some_and(|n| {
                n.chars().count() >= 3
                    && n.chars().all(crate::text::is_alphabetic)
                    && !model.knows_word(n)
                    && lexicon::flags_lower(n) == 0
            })
            && !english_compound(w)
            && !slip_of_a_word(w)
    };
    after_name || before_name || rare_pair()
}

/// Whether the lowercase `w` with the capitalised word before it (`prev`, lowercased)
/// and/or after it (`next`) makes a name the entity model knows ("United states", "USA
/// today", "new York"): a name of its training data or its place gazetteer, of two or
/// three words. Function words are never part of one here ("the", "of").
///
/// A name of one word is not asked about: a word without a neighbour is answered where it
/// is asked, without a call (most lowercase words).
#[inline(always)]
pub fn known_name(w: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    (prev.is_some() || next.is_some()) && known_name_of(w, prev, next)
}

/// [`known_name`] of a word with a neighbour.
fn known_name_of(w: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    if w.chars().count() < 3 || is_stop(w) || !w.chars().all(crate::text::is_alphabetic) {
        return false;
    }
    let Some(model) = crate::entities::names::MODEL.as_ref() else { return false };
    let known = |ws: &[&str]| model.name_types(ws) != 0;
    // A neighbour that is a function word ("The news", a sentence start) is no name part.
    let prev = prev.filter(|p| !is_stop(p));
    let next = next.filter(|n| !is_stop_lower(n));
    match (prev, next) {
        (Some(p), Some(n)) => known(&[p, w, n]) || known(&[p, w]) || known(&[w, n]),
        (Some(p), None) => known(&[p, w]),
        (None, Some(n)) => known(&[w, n]),
        (None, None) => false,
    }
}

/// The pair sets of a [`Context`] that [`pair_repairs`] reads: `pairs`, `made`, `after`,
/// `after_lower`.
type PairSets<'s> =
    (&'s FastSet<String>, &'s FastMap<String, &'static str>, &'s FastMap<String, u32>, &'s FastMap<String, u32>);

/// Whether a pair repairs the lowercase `w`: with the capitalised word after it (`next`) as
/// a pair seen capitalised or made by a name repair ([`Context::pairs`], [`Context::made`]),
/// or with the capitalised word before it (`prev`, lowercased here: it may be given as written) as two capitals seen
/// together ([`Context::after`]). The pair is read as the repair reads it, the next word
/// capitalised: a next word still lowercase is one this cleaning capitalises (a lexicon
/// name, or one a former round of the evidence foresaw). Each key is built in `key`.
fn pair_repairs(
    (pairs, made, after, after_lower): PairSets<'_>,
    key: &mut String,
    w: &str,
    next: Option<&str>,
    prev: Option<&str>,
) -> bool {
    next.is_some_and(|nw| {
        pair_key_into(key, w, nw);
        pairs.contains(key.as_str()) || made.contains_key(key.as_str())
    }) || prev.is_some_and(|pw| after_repairs(after, after_lower, after_key(key, pw, w)))
}

/// Whether the pair `key` ("republican party": the capitalised word before, lowercased, and
/// the lowercase word) repairs its lowercase word: the document writes it with two capitals
/// in mid-sentence ([`Context::after`]), and with the second lowercase
/// ([`Context::after_lower`]) at most [`STYLE_RATIO`] times as often.
fn after_repairs(after: &FastMap<String, u32>, after_lower: &FastMap<String, u32>, key: &str) -> bool {
    after.get(key).is_some_and(|&n| n * STYLE_RATIO >= after_lower.get(key).copied().unwrap_or(0))
}

/// How many times more often than capitalised a document must write a pair with its second
/// word lowercase for that to be its style ([`after_repairs`], [`pair_by_style`]). A
/// lowercased name ("Real madrid") is one slip among correct uses, and a scraped page's
/// slips are rarely most of its uses: one capitalised use among three lowercase ones is
/// the document's style ("the Democratic convention" three times, "the Democratic
/// Convention" once), not a name the document lowercased.
const STYLE_RATIO: u32 = 2;

/// The key of a pair in [`Context::pairs`] and [`Context::made`]: the lowercase word and the
/// next word with its first letter capitalised, as the repair reads the next word.
pub fn pair_key(w: &str, next: &str) -> String {
    let mut key = String::with_capacity(w.len() + next.len() + 2);
    pair_key_into(&mut key, w, next);
    key
}

/// [`pair_key`] written into `key` (cleared first): the rules that look a pair up for every
/// lowercase word before a capital reuse one buffer rather than build a `String` each.
pub fn pair_key_into(key: &mut String, w: &str, next: &str) {
    key.clear();
    key.push_str(w);
    key.push(' ');
    let mut cs = next.chars();
    if let Some(f) = cs.next() {
        key.extend(f.to_uppercase());
        key.push_str(cs.as_str());
    }
}

/// The reason of a [`name_beside`] repair.
pub const BESIDE_A_NAME: &str = "name written lowercase beside a name (not an English word)";

/// The reason of a [`known_name`] repair.
pub const PART_OF_A_KNOWN_NAME: &str = "part of a known name written lowercase";

/// Titles written before a name ("mr Smith").
const TITLES: [&str; 10] = ["mr", "mrs", "ms", "dr", "prof", "sen", "gov", "gen", "rep", "sgt"];

/// A title written before a name.
pub fn is_title(w: &str) -> bool {
    TITLES.contains(&w)
}

/// Whether a lowercase `w` right before a capitalised word is taken for a first name
/// ("tom Johnston", "north American"): the lexicon knows it capitalised too, and it is not
/// a word that often stands before a name ("may", "will", "bill").
pub fn names_before(w: &str, next: &str) -> bool {
    names_before_flagged(w, None, next)
}

/// [`names_before`] of `w` whose lexicon flags are `flags` when known (see
/// [`name_beside_flagged`]).
pub(crate) fn names_before_flagged(w: &str, flags: Option<u8>, next: &str) -> bool {
    if TITLES.contains(&w) {
        return true;
    }
    let next_flags = lexicon::flags_lower(next);
    if next_flags & lexicon::LOWER != 0 {
        return false; // the next word must look like a surname: a name or unknown
    }
    // Verbs and particles that stand before names, and the points of the compass ("in
    // northwest Syria", "south Texas"), which are names only as part of one.
    #[rustfmt::skip]
    const NOT: [&str; 24] = [
        "may", "will", "can", "might", "must", "bill", "said", "says", "told", "met", "see", "saw", "new", "van",
        "von", "del", "north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast",
    ];
    let flags = flags.unwrap_or_else(|| lexicon::flags(w));
    // A word that is also a common English word ("yanks", "rose") must look like a first
    // name to the entity model's word clusters ("tom", "mark" do). The lexicon is asked
    // first (cheap, and most words asked about fail it).
    // Or, before a capitalised word (a capital, then lowercase letters: not "FPS" after
    // "max"), a first name ("hunter Biden", "mason Rudolph", "hogan Gidley"). A next word
    // all lowercase is one this cleaning capitalises (the callers ask only beside a capital
    // as written or as repaired), read as the capital it becomes: "tad orel" is "Tad Orel"
    // in one cleaning, not two (found by the clean fuzz target).
    let first_name_like = || {
        crate::entities::names::MODEL
            .as_ref()
            .is_some_and(|m| m.cluster_usage(w) & crate::entities::tagger::FIRST_NAME_LIKE != 0)
            || (lexicon::is_first_name(w) && (capitalised(next) || next.chars().all(char::is_lowercase)))
    };
    flags & lexicon::CAPITAL != 0
        && flags & lexicon::FREQUENT == 0
        && w.chars().count() >= 3
        && !is_stop(w)
        && !NOT.contains(&w)
        && (flags & lexicon::LOWER == 0 || first_name_like())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_split_as_the_char_split_does() {
        for w in ["trump’s", "Trump-putin", "a-b-c", "-", "--x-", "", "x-", "-y", "don't-stop’s", "é-ü"] {
            let mut off = 0;
            let expected: Vec<(usize, &str)> = w
                .split('-')
                .map(|p| {
                    let at = off;
                    off += p.len() + 1;
                    (at, before_apostrophe(p))
                })
                .collect();
            assert_eq!(parts(w).collect::<Vec<_>>(), expected, "{w}");
        }
    }

    #[test]
    fn counting_by_word_number_is_counting_by_key() {
        // The evidence of a page's lines built from the words' numbers in the page's word
        // table is the evidence built by hashing each occurrence: capitalised, lowercase and
        // all-caps words, hyphens, possessives, non-ASCII and long words, pairs.
        let text = "The senator said Trump and trump’s aides met Donald Trump in the White House on Monday.\n\
            Later on, donald Trump told the white house staff that Trump-putin talks and the \
            Kremlin were fine, said GE Healthcare and BBC News and the ÉCOLE and école people.\n\
            Residents of helsinki and Helsinki say the gershkovich case and Gershkovich matter to \
            internationalisation and Internationalisation experts, and the canner tech canner.\n\
            Short line\n\
            Another line where nadal beat Nadal and Russia beat russia in Davis Cup Finals again today.\n";
        let page = crate::clean::body::lines(text);
        let lines = || page.lines.iter().enumerate().filter(|(_, l)| !l.words.is_empty());
        let by_key = Context::new(lines().map(|(_, l)| (l.view(), &l.words[..], &l.flags[..], &l.shapes[..])));
        let by_number = Context::new(lines().map(|(i, l)| (&page.keys, i, l)));
        assert_eq!((&by_key.pairs, &by_key.made, &by_key.after), (&by_number.pairs, &by_number.made, &by_number.after));
        assert_eq!(by_key.uses.len(), by_number.uses.len());
        // (The page is evidence at all: "Trump" capitalised, "trump" lowercase, "canner" twice.)
        let trump = by_number.uses_of("trump");
        assert!(trump.caps >= 3 && trump.lower >= 1 && by_number.uses_of("canner").written == 2);
        for (_, l) in lines() {
            for &(s, e) in &l.words {
                for (_, p) in parts(&l.view()[s..e]) {
                    let w = p.to_lowercase();
                    let (a, b) = (by_key.uses_of(&w), by_number.uses_of(&w));
                    assert_eq!((a.caps, a.alone, a.lower, a.written), (b.caps, b.alone, b.lower, b.written), "{w}");
                }
            }
        }
    }

    #[test]
    fn english_share_reads_function_words_and_their_slips() {
        let share = |t: &str| {
            let ws: Vec<(usize, usize)> = crate::text::words(t).collect();
            english_share(std::iter::once((t, &ws[..])))
        };
        let en = "The talks in Paris were over by Monday and the two leaders said that they had agreed on a plan.";
        let de =
            "Wir haben die richtige Entscheidung getroffen, sagte der Minister am Montag in Berlin vor der Presse.";
        assert!(share(en) && !share(de));
        // A word one letter short of a function word is counted as the typo repair makes it.
        assert!(stop_or_slip("whic") && stop_or_slip("Te") && stop_or_slip("WHICH") && !stop_or_slip("ä"));
        assert!(!stop_or_slip("whichh") && !stop_or_slip("x") && !stop_or_slip("hello"));
        // The function words, in any case, and each with a letter left out.
        for t in STOP {
            assert!(stop_or_slip(t) && stop_or_slip(&t.to_uppercase()), "{t}");
            for i in 0..t.len() {
                assert!(stop_or_slip(&format!("{}{}", &t[..i], &t[i + 1..])), "{t}");
            }
        }
        let slips = "Whic talks in Paris were over by Monday an then two leaders said tht they agreed on plans today.";
        assert_eq!(share(slips), share(&slips.replace("Whic", "Which").replace(" an ", " and ")));
        // Too few words to tell.
        assert!(!share("The talks were over.") && share("The talks were over in Paris by Monday."));
        // Read from the words' shape bits, the same answers.
        for t in [
            en,
            de,
            slips,
            "The talks were over.",
            "The talks were over in Paris by Monday.",
            "Он сказал, что это так.",
        ] {
            let page = crate::clean::body::lines(t);
            let shaped = english_share_shaped(page.lines.iter().map(|l| &l.shapes[..]));
            assert_eq!(shaped, share(t), "{t}");
        }
    }

    #[test]
    fn no_stop_word_is_longer_than_stop_max() {
        assert_eq!(STOP.iter().map(|w| w.len()).max(), Some(STOP_MAX));
    }

    #[test]
    fn a_lowercase_word_is_its_own_lowercase_form() {
        // `Context::new` borrows a lowercase word as its lowercase form (no `to_lowercase`).
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.is_lowercase()) {
            assert!(c.to_lowercase().eq(std::iter::once(c)), "{c:?}");
        }
        for w in ["σοφός", "straße", "ǆemal", "ﬁne", "ŉ"] {
            assert!(w.chars().all(char::is_lowercase), "{w}");
            assert_eq!(w.to_lowercase(), w);
        }
    }

    #[test]
    fn before_apostrophe_splits_as_the_char_split_does() {
        for p in ["trump’s", "don't", "plain", "", "’", "'s", "a‘b’c", "é’x", "\u{2018}x", "x\u{2019}", "€’"]
        {
            assert_eq!(before_apostrophe(p), p.split(['\'', '’']).next().unwrap_or(p), "{p}");
        }
    }
}
