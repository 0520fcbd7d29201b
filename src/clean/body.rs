//! Line-level page analysis: which lines are page chrome, and where the article body is.
//!
//! Every content line gets a score from general signals only (word count, terminal
//! punctuation, title case, date / time stamps, legal and comment-section wording,
//! repetition within the page, whether a prose line stands alone between short lines).
//! The article body is the contiguous run of lines with the highest total score (Kadane's
//! maximum subarray): prose lines pull it in, runs of short or headline-like lines push it
//! apart, and short headings inside the body cost little, so they stay. When no run has a
//! positive score (no prose at all, e.g. a short note or a table) nothing is cut for position.

use super::lexicon::WordKey;
use super::Rule;
use crate::hash::FastMap;
use std::borrow::Cow;
use std::rc::Rc;
use std::sync::LazyLock;

/// What a line looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line without any letter or digit (blank, rules, zero-width space).
    Blank,
    /// Page chrome recognised by its wording: removed wherever it is.
    Chrome(Rule, &'static str),
    /// Running text: enough words and terminal punctuation.
    Prose,
    /// Many words without terminal punctuation.
    Long,
    /// A headline-like line in title case.
    Title,
    /// A medium line (5+ words) without terminal punctuation.
    Medium,
    /// A short line: menus, labels, names.
    Short,
}

/// One line of the page.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Byte range of the line including its line break.
    pub start: usize,
    /// End of the line including the line break.
    pub end: usize,
    /// The line without its line break.
    pub text: &'a str,
    /// The line without trailing spaces, invisible or control characters
    /// ([`super::repair::trim_end`]), trimmed once: the rules ask for it many times a line.
    pub trimmed: &'a str,
    /// Character-level repairs of the line (without trailing spaces), if it needs any.
    pub norm: Option<super::repair::Normalized>,
    pub kind: Kind,
    /// Byte ranges of the words of [`Line::view`], found once: every rule reads them.
    pub words: Shared<(usize, usize)>,
    /// When the line is written in title case ([`title_case`]): where its lowercase words
    /// start (in the view), to be capitalised.
    pub title: Option<Vec<usize>>,
    /// Whether the line's capitals are its style, as a title's are (see `styled_words`):
    /// a title whether or not it is repaired as one. Such a line is no casing evidence.
    pub styled: bool,
    /// The line (trimmed) is all printable ASCII and tabs, as the character-level repairs'
    /// first test found: then its view is ASCII, which `classify` and [`Measures`] would
    /// test again (`false`: not known, they test it).
    pub ascii: bool,
    /// The lexicon's flags of each word ([`super::lexicon::flags_lower`]), asked once: the
    /// repeated-line key, the typo rule and the flags read them, and each question to the
    /// lexicon (megabytes, out of cache) cost more than the rule that asked.
    pub flags: Shared<u8>,
    /// The [`shape`] bits of each word ([`word_shape`]), found once per distinct word.
    pub shapes: Shared<u16>,
    /// See [`caps_budget`].
    budget: usize,
}

/// A line's part of a vector kept for the whole page ([`Line::words`], [`Line::flags`],
/// [`Line::shapes`]), read as a slice. One vector per page, not three per line: their
/// allocations and frees were a tenth of splitting a page into lines (every line is kept
/// until the page is cleaned, so each allocation went the allocator's slow way).
/// (The page's vector itself is shared, not copied into an `Rc<[T]>`: the three copies of
/// the page's words, flags and shapes, with their allocations, cost 1.8 M instructions a
/// pass over the dev pages, against an indirection more per access.)
#[derive(Clone)]
pub struct Shared<T> {
    all: Rc<Vec<T>>,
    start: usize,
    end: usize,
}

impl<T> Shared<T> {
    /// Items `start..end` of `all`.
    fn new(all: &Rc<Vec<T>>, start: usize, end: usize) -> Self {
        Shared { all: Rc::clone(all), start, end }
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.all[self.start..self.end]
    }
}

impl<'s, T> IntoIterator for &'s Shared<T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;
    fn into_iter(self) -> Self::IntoIter {
        self[..].iter()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Line<'_> {
    /// The line as the rules read it: repaired at character level, trailing spaces off.
    pub fn view(&self) -> &str {
        self.norm.as_ref().map_or(self.trimmed, |n| n.text.as_str())
    }
}

/// Whole-line chrome recognised by wording: (pattern on the lowercased trimmed line, max
/// word count, rule, reason). The first match wins. (An ASCII line is matched as written,
/// ignoring case, which is the same: see [`CHROME_SET_ASCII`].)
static CHROME: LazyLock<Vec<(String, usize, Rule, &'static str)>> = LazyLock::new(|| {
    let month = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
    let table: Vec<(String, usize, Rule, &str)> = vec![
        (
            r"\bcookies?\b.*\b(use|uses|using|accept|consent|policy|settings|browser|website|site|experience)\b|\bjavascript\b|privacy policy|terms (of|and conditions of) (use|service)|©\s*\d{4}|all rights reserved|registered trademarks?|\bad ?blocke?r?\b|disabling your"
                .into(),
            usize::MAX,
            Rule::Furniture,
            "cookie, legal or adblock notice",
        ),
        (
            r"^(\d+\s+)?(comments?|responses?|replies|reactions)(\s*\(\d+\))?:?$|^\d+\s+(comments|responses|replies)\b|^(leave a (reply|comment)|post a comment|add a comment|comments are closed|join the (discussion|conversation)|(show|view|load) (all )?comments|\d+ (responses?|comments?|thoughts?) (to|on) )|\b\d+ comments\b"
                .into(),
            15,
            Rule::Prompt,
            "comment section",
        ),
        (
            r"\b(this|our) (web ?site|site)\b|\bnot (been )?(evaluated|intended)\b|\bconsult (your|a) (physician|doctor)".into(),
            usize::MAX,
            Rule::Furniture,
            "site notice or disclaimer",
        ),
        (
            r"this site uses akismet|comments posted here are not|refrain from using derogatory|learn how your comment data|comments are moderated|your email address will not be published".into(),
            usize::MAX,
            Rule::Furniture,
            "comment policy",
        ),
        (r"^(advertisement|sponsored|ad|ads)\b.{0,40}$|^scroll to continue|^continue reading".into(), 8, Rule::Advertisement, "ad marker"),
        (r"^(home|news)\s*(»|>|/|›|\|)".into(), 30, Rule::Navigation, "breadcrumb"),
        (r"^hi, what are you looking for|^(search|menu|skip to (main )?content|close|toggle navigation)\b.{0,20}$".into(), 6, Rule::Navigation, "search box or menu"),
        (r"^(connect|follow) (with )?us\b|^(share|share it|share this|share on|tweet|email|print|pin it)\b.{0,40}$|^click to (share|email|print)".into(), 10, Rule::Prompt, "share or follow prompt"),
        (r"newsletter|sign up for|subscribe\b|^get (the|our) .{0,30}(app|alerts)".into(), 25, Rule::Prompt, "newsletter prompt"),
        (
            r"^(you (may|might) (also )?(like|enjoy)|related( stories| articles| posts| content| news| reading| coverage)?\b|read (more|next|also)\b|more (from|in|on|stories|news|articles)\b|next (story|article|post)\b|previous (story|article|post)\b|recommended|trending|most (popular|read|viewed|shared)|popular (stories|posts|articles)|latest (news|stories|posts|articles)|see also|also read|tags?:|filed under|categories:|prev(ious)?( post)?$|next( post)?$)"
                .into(),
            10,
            Rule::Related,
            "related-stories heading",
        ),
        (r"^(©|copyright\b|\(c\) ?\d{4})".into(), 15, Rule::Furniture, "copyright line"),
        (r"^(photo|image|picture|credit|source|caption)s?\s*(:|by\b)|^(getty images|ap photo|reuters)$".into(), 15, Rule::Caption, "photo credit"),
        (r"^(written by|posted by|by [\w.’'-]+( [\w.’'-]+){0,3}$|author:)".into(), 8, Rule::Byline, "byline"),
        (r"^editor’?'?s note:".into(), 40, Rule::Furniture, "editor's note"),
        (
            format!(
                r"\b\d{{1,2}}:\d{{2}}\b|\b\d+\s*(min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|years?|[mhd])\s+ago\b|\bago$|\b(says|said|wrote|writes):$|^(posted|published|updated|last updated)\b|\b{month}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{month},?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
            ),
            15,
            Rule::Byline,
            "date or byline line",
        ),
    ];
    // Lines are lowercased before matching; ASCII word boundaries keep the DFA fast.
    table.into_iter().map(|(p, n, r, why)| (p.replace(r"\b", r"(?-u:\b)"), n, r, why)).collect()
});

/// All chrome patterns at once, to find the first match in one scan.
static CHROME_SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSetBuilder::new(CHROME.iter().map(|(p, _, _, _)| p.as_str()))
        .dfa_size_limit(16 << 20)
        .build()
        .expect("static patterns")
});

/// [`CHROME_SET`] ignoring case, for ASCII lines: on ASCII text a pattern on the lowercased
/// line matches exactly where it matches the line as written ignoring case (its literals
/// are lowercase; the only case-folding pairs beyond ASCII, the Kelvin sign and the long
/// s, cannot occur), so an ASCII line is searched as it is, not copied and lowercased
/// first (a copy of every line of the page).
static CHROME_SET_ASCII: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSetBuilder::new(CHROME.iter().map(|(p, _, _, _)| p.as_str()))
        .case_insensitive(true)
        .dfa_size_limit(16 << 20)
        .build()
        .expect("static patterns")
});

/// Score of each kind of chrome in the body search: comment sections and legal lines are
/// strong barriers, ad markers are nearly transparent.
fn chrome_score(rule: Rule, why: &str) -> f64 {
    match (rule, why) {
        (Rule::Prompt, "comment section") => -8.0,
        (Rule::Furniture, "copyright line") => -8.0,
        (Rule::Furniture, "cookie, legal or adblock notice" | "comment policy" | "site notice or disclaimer") => -5.0,
        (Rule::Related, _) | (Rule::Byline, _) => -3.0,
        (Rule::Advertisement, _) => -0.2,
        _ => -1.0,
    }
}

const SMALL: [&str; 18] =
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by", "from", "as", "is", "vs"];

/// [`SMALL`] packed for [`super::lexicon::in_short_list`].
const SMALL8: [u64; 18] = super::lexicon::short_list(SMALL);

/// Facts about a word's letters that the line rules read (`classify`, [`caps_budget`],
/// [`title_case`], the casing evidence, the stuffing flags): found once per distinct word
/// of the page by [`Vocab`] and kept per word of each line ([`Line::shapes`]), where each
/// rule decoded the word's characters again at every occurrence. Each bit is exactly the
/// test named beside it.
pub mod shape {
    /// `text::is_alphabetic` of the first character.
    pub const ALPHA_FIRST: u16 = 1 << 0;
    /// The first character is uppercase (`char::is_uppercase`).
    pub const UPPER_FIRST: u16 = 1 << 1;
    /// One of `body::SMALL`, ASCII case ignored.
    pub const SMALL: u16 = 1 << 2;
    /// One of `body::MINOR`, ASCII case ignored.
    pub const MINOR: u16 = 1 << 3;
    /// Every character a letter, an apostrophe or a hyphen (`title_case`'s words).
    pub const LETTERS: u16 = 1 << 4;
    /// The word is its own first part (`casing::parts`: no hyphen, no apostrophe).
    pub const HEAD_WHOLE: u16 = 1 << 5;
    /// The first part has three characters or more.
    pub const HEAD_LONG: u16 = 1 << 6;
    /// `casing::capitalised` of the first part.
    pub const HEAD_CAPITALISED: u16 = 1 << 7;
    /// Every character of the first part lowercase (`char::is_lowercase`; true when empty).
    pub const HEAD_LOWER: u16 = 1 << 8;
    /// `casing::capitalised` of the word.
    pub const CAPITALISED: u16 = 1 << 9;
    /// `casing::upper_start` of the word.
    pub const UPPER_START: u16 = 1 << 10;
    /// An acronym: two or more bytes, every character uppercase ("GE", "BBC"; the casing
    /// evidence reads it as part of a longer name).
    pub const ACRONYM: u16 = 1 << 11;
    /// Two or more characters, all ASCII capitals (the stuffing flags' acronym).
    pub const ASCII_ACRONYM: u16 = 1 << 12;
    /// Every byte an ASCII lowercase letter.
    pub const ASCII_LOWER: u16 = 1 << 13;
    /// A function word of `casing::STOP` or one with a letter left out, ASCII case ignored
    /// (`casing::stop_or_slip`): the English test of the casing evidence counts them.
    pub const STOP_OR_SLIP: u16 = 1 << 14;
    /// One of the function words of `casing::STOP` as written (`casing::is_stop`).
    pub const STOP: u16 = 1 << 15;
}

/// The [`shape`] bits of word `w` (not empty). An ASCII word's come from one scan of its
/// bytes; any other word's from the tests themselves (the unit test checks that both
/// agree).
pub fn word_shape(w: &str) -> u16 {
    use shape::*;
    // Both short lists from one packing of the word.
    let packed = super::lexicon::pack_short(w, true);
    let mut bits = 0;
    if packed.is_some_and(|p| SMALL8.contains(&p)) {
        bits |= SMALL;
    }
    if packed.is_some_and(|p| MINOR8.contains(&p)) {
        bits |= MINOR;
    }
    if packed.is_some_and(|p| super::casing::stop_or_slip_packed(w.len(), p)) {
        bits |= STOP_OR_SLIP;
    }
    if super::casing::is_stop(w) {
        bits |= STOP;
    }
    if !w.is_ascii() {
        // A word with no hyphen or apostrophe (nor 0xE2, the curly one's lead byte) is its
        // own first part (`casing::parts`): its bits from one pass over its characters.
        // (Tested over every byte without stopping, which the compiler takes sixteen bytes at
        // a time: a search stopping at the first such byte read them one by one. With the
        // letter test asked only of a character without case in `word_shape_whole`: -1.2 M
        // instructions a pass over the dev pages.)
        let whole = !w.bytes().fold(false, |any, c| any | matches!(c, b'-' | b'\'' | 0xE2));
        return bits | if whole { word_shape_whole(w) } else { word_shape_slow(w) };
    }
    // Counted without branches: capitals, lowercase letters, joiners (an apostrophe or a
    // hyphen). The first part ends at the first joiner.
    let b = w.as_bytes();
    let (mut upper, mut lower, mut joiners) = (0usize, 0usize, 0usize);
    for &c in b {
        upper += usize::from(c.is_ascii_uppercase());
        lower += usize::from(c.is_ascii_lowercase());
        joiners += usize::from(c == b'\'' || c == b'-');
    }
    let head = if joiners == 0 { b.len() } else { b.iter().position(|&c| c == b'\'' || c == b'-').unwrap_or(b.len()) };
    let first = b.first().copied().unwrap_or(b' ');
    let (head_lower, head_capitalised) = if head == b.len() {
        (lower == b.len(), first.is_ascii_uppercase() && lower + 1 == b.len())
    } else {
        let h = &b[..head];
        let lower_all = |h: &[u8]| h.iter().all(u8::is_ascii_lowercase);
        (lower_all(h), h.first().is_some_and(u8::is_ascii_uppercase) && lower_all(h.get(1..).unwrap_or_default()))
    };
    // Each bit set without a branch (a word table holds tens of thousands of words a page).
    let bit = |on: bool, bit: u16| u16::from(on) * bit;
    bits | bit(first.is_ascii_alphabetic(), ALPHA_FIRST)
        | bit(first.is_ascii_uppercase(), UPPER_FIRST)
        | bit(upper + lower + joiners == b.len(), LETTERS)
        | bit(head == b.len(), HEAD_WHOLE)
        | bit(head >= 3, HEAD_LONG)
        | bit(head_capitalised, HEAD_CAPITALISED)
        | bit(head_lower, HEAD_LOWER)
        | bit(first.is_ascii_uppercase() && lower + 1 == b.len(), CAPITALISED)
        | bit(first.is_ascii_uppercase() && lower > 0, UPPER_START)
        | bit(b.len() >= 2 && upper == b.len(), ACRONYM | ASCII_ACRONYM)
        | bit(lower == b.len(), ASCII_LOWER)
}

/// [`word_shape`] of a word held as a packed key (`lexicon::WordKey::Packed`: an ASCII word
/// of `len` bytes, 1 to 16, no NUL, zero-padded into `a` and `b`, little-endian), with
/// `lower_a` the first half of its lowercase key: the page's word table has both, so no
/// byte is read again. Its bytes are classified eight at a time (SWAR: every byte
/// is below 0x80, so adding up to 0x7F to it never carries into the next, and the sum's
/// high bit tells whether the byte reached a bound): one word in the word table cost as
/// much as ten of its occurrences before.
fn word_shape_packed(a: u64, b: u64, lower_a: u64, len: usize) -> u16 {
    use shape::*;
    // Capitals, lowercase letters and joiners of eight bytes: the high bit of each such
    // byte. A zero byte (padding) is none of them, so the second half of a word of eight
    // bytes or less (nearly all) is not classified.
    let classes = |x: u64| {
        const ONES: u64 = u64::MAX / 0xFF;
        // The high bit of each byte that is `k` or more (`k` at least 1).
        let ge = |k: u8| (x + ONES * u64::from(0x80 - k)) & (ONES * 0x80);
        let between = |lo: u8, hi: u8| ge(lo) & !ge(hi + 1);
        [between(b'A', b'Z'), between(b'a', b'z'), between(b'\'', b'\'') | between(b'-', b'-')]
    };
    let [up_a, lo_a, joiner_a] = classes(a);
    // The bits read from the three classes, in integers of type `$t` (the high bits of a
    // word's bytes, as many as `$t` holds). A word of eight bytes or less (most) is read
    // in a `u64`, a longer one in a `u128`: the `u128` arithmetic, two instructions for
    // one, was a fifth of a new word's shape (-2.9 M instructions a pass over the dev
    // pages).
    macro_rules! scanned {
        ($t:ty, $up:expr, $lo:expr, $joiner:expr) => {{
            let (up, lo, joiner): ($t, $t, $t) = ($up, $lo, $joiner);
            const HIGH: $t = <$t>::MAX / 0xFF * 0x80;
            const BYTES: usize = std::mem::size_of::<$t>();
            // The high bits of the first `n` bytes. The counts of the scan are compared
            // with these masks, not counted (no popcount instruction on the baseline
            // x86-64): "every byte lowercase" is `lo == all`, "all but the first" is
            // `lo == all & !0x80`.
            let first_bytes = |n: usize| if n >= BYTES { HIGH } else { HIGH & ((1 << (8 * n)) - 1) };
            let all = first_bytes(len);
            // The first part ends at the first joiner.
            let head = if joiner == 0 { len } else { joiner.trailing_zeros() as usize / 8 };
            let head_mask = first_bytes(head);
            let first_upper = up & 0x80 != 0;
            let rest_mask = head_mask & !0x80;
            let bit = |on: bool, bit: u16| u16::from(on) * bit;
            bit(first_upper, UPPER_FIRST)
                | bit(up | lo | joiner == all, LETTERS)
                | bit(head == len, HEAD_WHOLE)
                | bit(head >= 3, HEAD_LONG)
                | bit(head >= 1 && first_upper && lo & rest_mask == rest_mask, HEAD_CAPITALISED)
                | bit(lo & head_mask == head_mask, HEAD_LOWER)
                | bit(first_upper && lo == all & !0x80, CAPITALISED)
                | bit(first_upper && lo != 0, UPPER_START)
                | bit(len >= 2 && up == all, ACRONYM | ASCII_ACRONYM)
                | bit(lo == all, ASCII_LOWER)
        }};
    }
    let scan = if b == 0 {
        scanned!(u64, up_a, lo_a, joiner_a)
    } else {
        let [up_b, lo_b, joiner_b] = classes(b);
        let wide = |x: u64, y: u64| u128::from(x) | u128::from(y) << 64;
        scanned!(u128, wide(up_a, up_b), wide(lo_a, lo_b), wide(joiner_a, joiner_b))
    };
    // Both short lists hold words of at most 8 bytes: a longer word's lowercase key is in
    // neither (`pack_short` gives `None`). A word the filter of the four lists rules out
    // (most) is looked for in none of them.
    let mut bits = 0;
    if len <= 8 && may_be_listed(lower_a) {
        if SMALL8.contains(&lower_a) {
            bits |= SMALL;
        }
        if MINOR8.contains(&lower_a) {
            bits |= MINOR;
        }
        if super::casing::stop_or_slip_packed(len, lower_a) {
            bits |= STOP_OR_SLIP;
        }
        if super::casing::is_stop_packed(len, a) {
            bits |= STOP;
        }
    }
    let first = (a & 0xFF) as u8;
    bits | scan | (u16::from(first.is_ascii_alphabetic()) * ALPHA_FIRST)
}

/// A Bloom filter (one bit of 4,096 per word) of the lowercase packed words of the four
/// short lists that [`word_shape_packed`] asks ([`SMALL`], [`MINOR`], `casing::STOP` and
/// those less a letter; a function word as written, `casing::is_stop_packed`, is its own
/// lowercase form, so it is in the third): a word whose bit is clear is in none of them.
/// About 250 words set a twentieth of the bits; the lists' scans and bisection were a
/// third of a new word's shape (-3.5 M instructions a pass over the dev pages).
static LISTED: LazyLock<[u64; 64]> = LazyLock::new(|| {
    let mut bloom = [0u64; 64];
    for &w in SMALL8.iter().chain(&MINOR8).chain(super::casing::stop_or_slip_list()) {
        let h = listed_bit(w);
        bloom[h / 64] |= 1 << (h % 64);
    }
    bloom
});

/// The bit of [`LISTED`] of a packed word: the top 12 bits of a multiplicative hash.
fn listed_bit(w: u64) -> usize {
    (w.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) as usize
}

/// Whether the lowercase packed word `lower_a` may be in one of the short lists of
/// [`LISTED`] (`false`: in none).
fn may_be_listed(lower_a: u64) -> bool {
    let h = listed_bit(lower_a);
    LISTED[h / 64] >> (h % 64) & 1 != 0
}

/// Whether `c` is uppercase and whether it is lowercase (`char::is_uppercase`,
/// `char::is_lowercase`), answered without the Unicode tables for ASCII, the Latin-1
/// letters and the basic Cyrillic letters (U+0400..=U+045F: capitals, then small letters),
/// and the kana, CJK ideographs and Hangul syllables (no case); other characters ask the
/// tables. (The unit test checks every character.)
#[inline]
fn case_of(c: char) -> (bool, bool) {
    match c {
        'A'..='Z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' | '\u{400}'..='\u{42f}' => (true, false),
        'a'..='z' | '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' | '\u{430}'..='\u{45f}' => (false, true),
        '\0'..='\x7f' | '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' => (false, false),
        _ => (c.is_uppercase(), c.is_lowercase()),
    }
}

/// [`word_shape_slow`] of a word (not empty) that is its own first part (no hyphen, no
/// apostrophe, no byte 0xE2: see `casing::parts`), from one pass over its characters,
/// each one's case read once ([`case_of`]). The words of the page's word table that do
/// not pack (a word in Cyrillic or with an accent, or longer than 16 bytes) came to the
/// tests one by one: eight passes over the word, most of them asking the Unicode tables for
/// each character's case (the unit test checks both agree).
fn word_shape_whole(w: &str) -> u16 {
    use shape::*;
    let mut cs = w.chars();
    let first = cs.next().unwrap_or(' ');
    let (first_upper, first_lower) = case_of(first);
    let (mut rest_lower, mut any_lower, mut all_upper) = (true, first_lower, first_upper);
    // A character with case is a letter (Unicode's Alphabetic holds Uppercase and
    // Lowercase): only the others ask the letter test.
    let first_alphabetic = first_upper || first_lower || crate::text::is_alphabetic(first);
    let mut letters = first_alphabetic;
    let mut n = 1;
    for c in cs {
        let (up, lo) = case_of(c);
        rest_lower &= lo;
        any_lower |= lo;
        all_upper &= up;
        letters &= up || lo || crate::text::is_alphabetic(c);
        n += 1;
    }
    let capitalised = first_upper && rest_lower;
    let bit = |on: bool, bit: u16| u16::from(on) * bit;
    bit(first_alphabetic, ALPHA_FIRST)
        | bit(first_upper, UPPER_FIRST)
        | bit(letters, LETTERS)
        | HEAD_WHOLE
        | bit(n >= 3, HEAD_LONG)
        | bit(capitalised, HEAD_CAPITALISED | CAPITALISED)
        | bit(first_lower && rest_lower, HEAD_LOWER)
        | bit(first_upper && any_lower, UPPER_START)
        | bit(w.len() >= 2 && all_upper, ACRONYM)
        | bit(w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()), ASCII_ACRONYM)
        | bit(w.bytes().all(|b| b.is_ascii_lowercase()), ASCII_LOWER)
}

/// The [`shape`] bits other than [`shape::SMALL`] and [`shape::MINOR`], from the tests
/// themselves.
fn word_shape_slow(w: &str) -> u16 {
    use shape::*;
    let first = w.chars().next().unwrap_or(' ');
    let head = super::casing::parts(w).next().map_or(w, |(_, p)| p);
    let tests = [
        (ALPHA_FIRST, crate::text::is_alphabetic(first)),
        (UPPER_FIRST, first.is_uppercase()),
        (LETTERS, w.chars().all(|c| crate::text::is_alphabetic(c) || matches!(c, '\'' | '’' | '-'))),
        (HEAD_WHOLE, head.len() == w.len()),
        (HEAD_LONG, head.chars().count() >= 3),
        (HEAD_CAPITALISED, super::casing::capitalised(head)),
        (HEAD_LOWER, head.chars().all(char::is_lowercase)),
        (CAPITALISED, super::casing::capitalised(w)),
        (UPPER_START, super::casing::upper_start(w)),
        (ACRONYM, w.len() >= 2 && w.chars().all(char::is_uppercase)),
        (ASCII_ACRONYM, w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())),
        (ASCII_LOWER, w.bytes().all(|b| b.is_ascii_lowercase())),
    ];
    tests.iter().filter(|t| t.1).fold(0, |bits, t| bits | t.0)
}

/// Whether the gap `g` between two words starts, once white space is skipped, with a
/// sentence's closing mark (`g.trim_start().starts_with(['.', '?', '!'])`): the word after
/// it opens a sentence. Read by bytes up to the first non-ASCII one (a gap is nearly always
/// a space, or a mark and a space); the generic char searchers cost more than the test.
/// A gap of one space (most gaps) is answered where the test is asked, without a call
/// (the test is asked of every word of every line; -2 M instructions a pass).
#[inline(always)]
fn closes_sentence(g: &str) -> bool {
    g.as_bytes() != b" " && closes_sentence_gap(g)
}

/// [`closes_sentence`] of any gap.
fn closes_sentence_gap(g: &str) -> bool {
    for (i, &b) in g.as_bytes().iter().enumerate() {
        match b {
            // ASCII white space as `char::is_whitespace` has it.
            b' ' | b'\t'..=b'\r' => continue,
            b'.' | b'?' | b'!' => return true,
            0x80.. => return g[i..].trim_start().starts_with(['.', '?', '!']),
            _ => return false,
        }
    }
    false
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

/// `t` lowercased into `lower` exactly as `str::to_lowercase` writes it
/// ([`crate::text::push_str_lowercase`]: runs that lowercasing leaves as they are copied in
/// one piece), and how many characters and CJK characters it has. CJK characters are
/// looked for only when a byte could lead one (0xE3 and up).
fn lower_counted(t: &str, lower: &mut String) -> (usize, usize) {
    lower.clear();
    crate::text::push_str_lowercase(lower, t);
    let cjk = if t.bytes().any(|b| b >= 0xe3) { t.chars().filter(|&c| is_cjk(c)).count() } else { 0 };
    (t.chars().count(), cjk)
}

/// How many characters `t` has when each is ASCII, general punctuation (U+2000..=U+206F,
/// written E2 80 xx or E2 81 80..=AF: curly quotes, dashes, the ellipsis, odd spaces), a
/// Latin-1 character (U+0080..=U+00FF, lead byte C2 or C3: accented letters, signs, the
/// no-break space) or a plain Cyrillic letter (U+0400..=U+04FF without the combining marks
/// U+0483..=U+0489, `repair::plain_cyrillic`: lead byte D0..=D3), else `None`. Such a line
/// is searched for chrome as an ASCII line is, ignoring case ([`CHROME_SET_ASCII`]), not
/// lowercased into a copy first:
/// - general punctuation has no case, so lowercasing leaves it as it is and ignoring case
///   matches it only as itself;
/// - a Latin-1 or Cyrillic capital lowercases to a letter of as many bytes (in its own
///   block), so the ASCII bytes (which the ASCII word boundaries read) stay where they
///   were; no pattern holds a Latin-1 letter or a Cyrillic literal (the one Latin-1
///   literal, "©", has no case), and what can match such a letter (`.`, `\w`, the classes
///   around them) matches either case, with or without ignoring case; ignoring case adds
///   no such letter to an ASCII one (its only foreign folds are the Kelvin sign and the
///   long s, neither of them here), and the other folds of these letters ("µ" and the Greek
///   mu, "ß" and U+1E9E, "ÿ" and U+0178, "å" and the angstrom sign) are letters no pattern
///   holds either.
///
/// Its first `from` bytes are known to be ASCII (the line splitting's printable test) and
/// are not read again.
///
/// (A unit test runs both sets on lines with each of these characters.) Their lead bytes
/// are below 0xE3: no CJK. (The Cyrillic letters: a page in Russian lowercased every line
/// into a copy for the search. The Latin-1 characters and the rest of the punctuation
/// block since the twenty-second round: 668 lines of the dev pages with an accented letter
/// were lowercased into a copy, -1.1 M instructions a pass over the dev pages.)
fn ascii_or_punctuation_chars(t: &str, from: usize) -> Option<usize> {
    let b = t.as_bytes();
    // Characters of three bytes (the punctuation) and of two (Latin-1, the Cyrillic letters).
    let (mut i, mut wide, mut two) = (from, 0, 0);
    while i < b.len() {
        // ASCII runs eight bytes at a time.
        if let Some(x) = b.get(i..i + 8) {
            if u64::from_le_bytes([x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]]) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        match b[i] {
            ..0x80 => i += 1,
            0xD0 | 0xD1 | 0xD3 => {
                two += 1;
                i += 2;
            }
            0xD2 if b.get(i + 1).is_some_and(|c| !(0x83..=0x89).contains(c)) => {
                two += 1;
                i += 2;
            }
            0xC2 | 0xC3 => {
                two += 1;
                i += 2;
            }
            0xE2 if b[i + 1] == 0x80 || (b[i + 1] == 0x81 && b[i + 2] <= 0xAF) => {
                wide += 1;
                i += 3;
            }
            _ => return None,
        }
    }
    Some(b.len() - 2 * wide - two)
}

/// Whether the line `view` (as the rules read it, without trailing spaces) is chrome by
/// its wording, as [`classify`] finds it. The word repairs ask it of a line they would
/// change (see `repair::propose_line`): a typo repair may complete a chrome pattern's
/// wording, and the next cleaning would remove a line the first one kept.
pub(crate) fn chrome_wording(view: &str) -> bool {
    let ws: Vec<(usize, usize)> = crate::text::words(view).collect();
    let shapes: Vec<u16> = ws.iter().map(|&(s, e)| word_shape(&view[s..e])).collect();
    matches!(classify(view, 0, &ws, &shapes, false, &mut String::new()).0, Kind::Chrome(..))
}

/// Classifies one line (`view`, without trailing spaces) from its words `ws`, and counts
/// its [`caps_budget`]; `lower` is a buffer for its lowercased text; `printable`: how many
/// bytes the view is known to start with that are printable ASCII or tabs (all of them:
/// the view is ASCII, its only white space spaces and tabs).
fn classify(
    view: &str,
    printable: usize,
    ws: &[(usize, usize)],
    shapes: &[u16],
    title_cased: bool,
    lower: &mut String,
) -> (Kind, usize) {
    if ws.is_empty() {
        return (Kind::Blank, usize::MAX);
    }
    // (A printable line trimmed at its start by bytes, and a line's printable start not
    // read again by `ascii_or_punctuation_chars`: -0.6 M instructions a pass over the dev
    // pages.)
    let known_ascii = printable == view.len();
    let t = if known_ascii { view.trim_ascii_start() } else { view.trim_start() };
    // An ASCII line (most lines) has as many characters as bytes and no CJK character, and
    // is searched for chrome as it is (see `CHROME_SET_ASCII`). So is a line whose other
    // characters are all general punctuation (most other lines of English pages: see
    // `ascii_or_punctuation_chars`), not lowercased into a copy first (-4.5 M instructions a
    // pass over the dev pages), and since the fifteenth round one whose letters are plain
    // Cyrillic too (the lines of a page in Russian: -1.1 M).
    let ascii = known_ascii || t.is_ascii();
    let from = printable.saturating_sub(view.len() - t.len());
    let plain = if ascii { Some(t.len()) } else { ascii_or_punctuation_chars(t, from) };
    let (n, cjk, set, searched) = if let Some(n) = plain {
        (n, 0, &*CHROME_SET_ASCII, t)
    } else {
        let (n, cjk) = lower_counted(t, lower);
        (n, cjk, &*CHROME_SET, lower.as_str())
    };
    let mut words = ws.len();
    let is_cjk_line = cjk * 3 > n;
    if is_cjk_line {
        words = words.max(n / 2);
    }
    // The capitalised words (`big`, of them `caps`), counted only for a line the title
    // test reaches: running text (most words of a page) is told by its length and its
    // closing mark alone, and each word's gap was read for nothing (-6.7 M instructions a
    // pass over the dev pages).
    let title_counts = || {
        let (mut big, mut caps) = (0usize, 0usize);
        let mut prev_end = None;
        for (&(s, e), &bits) in ws.iter().zip(shapes) {
            // Sentence starts do not count for title case: capitalising them is a repair.
            let sentence_start = prev_end.is_none_or(|p: usize| closes_sentence(&view[p..s]));
            prev_end = Some(e);
            if !sentence_start && bits & shape::ALPHA_FIRST != 0 && bits & shape::SMALL == 0 {
                big += 1;
                if bits & shape::UPPER_FIRST != 0 {
                    caps += 1;
                }
            }
        }
        (big, caps)
    };
    // The line's [`caps_budget`], from the same counts where the title test counted them
    // (a line of fewer than four words has none).
    let budget = |(big, caps): (usize, usize)| {
        if ws.len() < 4 {
            usize::MAX
        } else {
            // The largest n with (caps + n) * 5 < big * 4.
            (big * 4).saturating_sub(caps * 5 + 1) / 5
        }
    };
    if !set.is_match(searched) {
        // fall through to the shape of the line
    } else if let Some(k) =
        set.matches(searched).iter().find(|&k| (n < 400 || CHROME[k].1 == usize::MAX) && words <= CHROME[k].1)
    {
        let (_, _, rule, why) = &CHROME[k];
        return (Kind::Chrome(*rule, why), if ws.len() < 4 { usize::MAX } else { budget(title_counts()) });
    }
    let last = t.chars().next_back().unwrap_or(' ');
    let term = matches!(last, '.' | '!' | '?' | '"' | '”' | '’' | '…' | '。' | '！' | '？' | '」' | '』')
        && !t.ends_with("...");
    if words >= 8 && term {
        (Kind::Prose, usize::MAX)
    } else if words >= 15 {
        (Kind::Long, usize::MAX)
    } else {
        let counts = if words >= 4 { Some(title_counts()) } else { None };
        match counts {
            Some((big, caps)) if big > 0 && (caps * 5 >= big * 4 || title_cased) => (Kind::Title, usize::MAX),
            _ => (if words >= 5 { Kind::Medium } else { Kind::Short }, counts.map_or(usize::MAX, budget)),
        }
    }
}

/// How many more words of a line may be capitalised without its kind changing: a line of
/// four or more words becomes a [`Kind::Title`] when four fifths of its words are
/// capitalised, and a title or running text stays what it is (`usize::MAX`). Counted by
/// `classify` with the title test's counts (the same capitalised words, sentence starts
/// left out), where the word repairs counted them again for every line (-0.4 M instructions
/// a pass over the dev pages).
pub fn caps_budget(line: &Line<'_>) -> usize {
    line.budget
}

/// Longer prepositions and conjunctions, which many title-case styles leave lowercase
/// ("Working against Trump"): in [`title_case`] they go with the small words.
const MINOR: [&str; 24] = [
    "about", "above", "across", "after", "against", "along", "among", "around", "before", "behind", "below", "beneath",
    "beside", "between", "beyond", "despite", "during", "into", "onto", "over", "than", "that", "through", "under",
];

/// [`MINOR`] packed for [`super::lexicon::in_short_list`].
const MINOR8: [u64; 24] = super::lexicon::short_list(MINOR);

/// Whether a line is written in title case although some of its words are lowercase
/// ("Republicans Are Following Trump To nowhere"), and if so the offsets (in `view`) of the
/// words to capitalise.
///
/// Capitals on names say nothing about the style (a sentence-case headline has them too);
/// capitals on common English words do ("Are", "Following"), those capitalised not at a
/// sentence start and English words that are not names. So a [`heading`] qualifies with
/// - two such capitalised words or more, twice as many as lowercase common words of three
///   or more letters, or
/// - two such capitalised words or more and a function word capitalised inside the line
///   ([`strong_title_word`]), which a sentence-case line never has, and as many
///   capitalised words (those and the function words) as lowercase ones ("Google bets on
///   the Future With launch of Stadia Game streaming Service"), or
/// - two such capitalised words or more, one of them on its own (no capitalised word
///   beside it, nor beyond a small word beside it), and more capitalised words than
///   lowercase ones ("Spiced Honey pear Jam recipe for the Holidays"): a sentence-case line
///   capitalises common words inside names of several words only ("Supreme Court",
///   "Institute for Geography and Statistics").
///
/// A sentence-case headline with names ("Nadal keeps Spain alive against Russia in Davis
/// Cup Finals") has as many lowercase words as common capitalised ones, and no function
/// word capitalised. Then every lowercase common word of three or more letters is
/// capitalised (with a function word capitalised, a word English writes both ways too:
/// "trump", "bill"), and the small words ("of", "the", "against") only where the line
/// capitalises its small words too ("Is An Oxygen Bar In Delhi"), three times as often as
/// not.
///
/// Once repaired, the line qualifies again (it has only gained capitals, none of them
/// after anything but a space, and none of a word it does not count; by the third test, a
/// word repaired leaves two capitalised common words and no lowercase one, which the first
/// test takes even where the word on its own now has capitalised neighbours) and has
/// nothing left to repair: it is classified [`Kind::Title`] either way, so the repair never
/// changes a line's kind (idempotence).
///
/// (`body::lines` asks [`styled_words`] with the words' lexicon flags and [`shape`] bits it
/// has, then [`heading`]: the same answer, each word counted once.)
pub fn title_case(view: &str, ws: &[(usize, usize)]) -> Option<Vec<usize>> {
    if !heading(view, ws) {
        return None;
    }
    title_words(view, ws, None, || true)
}

/// Whether the word at `at` of a line stands inside quotation marks: a quote mark opens
/// after white space, an opening bracket or a dash (or at the line's start) and closes
/// before white space, punctuation or the line's end; an apostrophe inside a word
/// ("Trump’s") is neither.
fn quoted_at(view: &str, at: usize) -> bool {
    let mut open = false;
    let mut prev: Option<char> = None;
    let mut cs = view[..at].chars().peekable();
    while let Some(c) = cs.next() {
        if matches!(c, '"' | '\'' | '‘' | '’' | '“' | '”') {
            let before_space = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'));
            let after_word = cs.peek().is_none_or(|n| !n.is_alphanumeric());
            if before_space {
                open = true;
            } else if after_word {
                open = false;
            }
        }
        prev = Some(c);
    }
    open
}

/// Whether `w` is a function word written with a capital and nothing else ("Has", "Its",
/// "With"): inside a line, title case, as a sentence-case line writes such words lowercase
/// even among names. The function words of `casing::STOP` but "The", "A" and "An", which
/// names hold in any style ("The Hague", "The Associated Press"), "Will" and "Who", which
/// are names too, and "Which"; "IT" and "US" are not written so.
fn strong_title_word(w: &str) -> bool {
    // (Every function word is ASCII of at most five letters: the bytes say it all.)
    let b = w.as_bytes();
    (2..=5).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b[1..].iter().all(u8::is_ascii_lowercase)
        && super::casing::is_stop_lower(w)
        && !["an", "the", "will", "who", "which"].iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Whether a line is shaped as a heading: a few words, one sentence not closed by a full
/// stop, not a caption in brackets nor a label before a list ("Tour dates:"). A sentence
/// listing song titles is no heading.
/// No sentence mark inside it but the full stops of abbreviations ("U.S.", "Dr.", "Calif."):
/// the spacing repair turns "Monday.The" into two sentences, and the line must read the
/// same before and after it. An abbreviation's stop is one whatever follows it, so the
/// repair does not change which stops are allowed.
fn heading(view: &str, ws: &[(usize, usize)]) -> bool {
    let end = view.trim_end_matches(['"', '”', '’', '\'', ')']);
    let inside = end.strip_suffix(['?', '!']).unwrap_or(end);
    (4..=25).contains(&ws.len())
        && !end.ends_with(['.', ',', ';', ':'])
        && !view.trim_start().starts_with('(')
        && !inside.bytes().any(|b| matches!(b, b'?' | b'!'))
        && inside.match_indices('.').all(|(i, _)| abbreviation_stop(&inside[..i]))
}

/// Whether a full stop after `before` ends an abbreviation: initials ("U.S.", "John F.
/// Kennedy"), or an abbreviation the sentence-start capital also reads so
/// ([`super::repair::abbreviation`]: "Dr.", "Inc.", "Jan.", "Gen.", "Calif.").
fn abbreviation_stop(before: &str) -> bool {
    // The token before the stop, from the last space or opening mark: initials are single
    // capitals between stops ("U.S", "F"), not the end of a longer word ("Jay-Z").
    let token =
        before.rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '\'')).next().unwrap_or("");
    let word = token.rsplit('.').next().unwrap_or("");
    let initials = !token.is_empty()
        && token.split('.').all(|p| {
            let mut cs = p.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
        });
    initials || super::repair::abbreviation(word)
}

/// [`title_words`] of a line of 4 to 25 words, whatever its punctuation: when some, the
/// line's capitals are its style rather than names ([`Line::styled`]), and when it is also
/// a [`heading`], the line is in title case ([`Line::title`]: the same words to capitalise,
/// counted once). Headlines kept in a text's body often end with a full stop or hold a
/// colon ("Bill Clinton: Hillary 'Better Qualified to Be President for This Time Than I Was
/// When I Ran.'"), which [`title_case`] leaves alone (it repairs headings only), but their
/// capitals are no evidence that "this time than I was when" holds names. Lines of more
/// than 25 words are prose.
fn styled_words(view: &str, ws: &[(usize, usize)], known: Option<(&[u8], &[u16])>) -> Option<Vec<usize>> {
    if !(4..=25).contains(&ws.len()) {
        return None;
    }
    title_words(view, ws, known, || heading(view, ws))
}

/// Whether a line's capitals are its style ([`Line::styled`]), from its text alone.
pub fn styled(view: &str, ws: &[(usize, usize)]) -> bool {
    styled_words(view, ws, None).is_some()
}

/// The counting half of [`title_case`]: whether the line's common words are
/// capitalised as a title's are, and if so the offsets of the words to capitalise.
/// `is_heading` tells whether the line is a [`heading`], asked only of a line that needs
/// the third test of [`title_case`] (a common word capitalised on its own), which only a
/// heading may pass.
fn title_words(
    view: &str,
    ws: &[(usize, usize)],
    known: Option<(&[u8], &[u16])>,
    is_heading: impl Fn() -> bool,
) -> Option<Vec<usize>> {
    // A line qualifies only with two capitalised common words or more (`common` below).
    // Told from the words' bits and flags alone, most lines (running text) have fewer
    // candidates than that, whatever the gaps between the words say: then neither the gaps
    // (`closes_sentence`) nor the words are read. A candidate is a word of the count below
    // but for the sentence start (never the first word, always a sentence start); a word
    // with parts is one whatever its first part's flags.
    if let Some((flags, shapes)) = known {
        const NEEDED: u16 = shape::LETTERS | shape::HEAD_LONG | shape::HEAD_CAPITALISED;
        let candidate = |(&bits, &f): (&u16, &u8)| {
            bits & NEEDED == NEEDED
                && bits & (shape::SMALL | shape::MINOR) == 0
                && (bits & shape::HEAD_WHOLE == 0 || super::lexicon::english_only_flags(f))
        };
        if shapes.iter().zip(flags).skip(1).filter(|&x| candidate(x)).take(2).count() < 2 {
            return None;
        }
    }
    // Each word that counts: (offset, the word or its first part, small word, capitalised,
    // the lexicon's flags of that word or part when known).
    let mut prev_end = None;
    let counted = ws.iter().enumerate().filter_map(move |(k, &(s, e))| {
        let w = &view[s..e];
        let sentence_start = prev_end.is_none_or(|p: usize| closes_sentence(&view[p..s]));
        prev_end = Some(e);
        if sentence_start {
            return None;
        }
        let bits = known.map_or_else(|| word_shape(w), |(_, shapes)| shapes[k]);
        let has = |bit: u16| bits & bit != 0;
        if !has(shape::LETTERS) {
            return None;
        }
        if has(shape::SMALL) || has(shape::MINOR) {
            return Some((s, w, true, has(shape::UPPER_FIRST), None));
        }
        if !has(shape::HEAD_LONG) {
            return None;
        }
        let (head, flags) = if has(shape::HEAD_WHOLE) {
            (w, known.map(|(f, _)| f[k]))
        } else {
            (super::casing::parts(w).next().map_or(w, |(_, p)| p), None)
        };
        if has(shape::HEAD_CAPITALISED) {
            Some((s, head, false, true, flags))
        } else if has(shape::HEAD_LOWER) {
            Some((s, head, false, false, flags))
        } else {
            None
        }
    });
    // Only common English words count, capitalised or not, and only they (and the small
    // words) are repaired: a name or an unknown word may be capitalised by the name
    // repairs of this very cleaning ("orem" -> "Orem"), and the line must qualify alike
    // before and after them (idempotence); names are the name repairs' business.
    // (`lexicon::english_only`, from the flags when known.)
    let common_word = |head: &str, known: Option<u8>| {
        super::lexicon::english_only_flags(known.unwrap_or_else(|| super::lexicon::flags_lower(head)))
    };
    let (mut common, mut lower, mut small_caps, mut small_lower) = (0usize, 0usize, 0usize, 0usize);
    // (Word `k`, not the first, after white space alone and outside quotation marks: the
    // capital of such a word is the line's style, not a sentence's start or a quoted
    // title's. Words hold no punctuation, so a colon, a dash or a quote mark before one is
    // in its gap.)
    let spaced_unquoted = |k: usize| {
        let s = ws[k].0;
        view[ws[k - 1].1..s].chars().all(char::is_whitespace) && !quoted_at(view, s)
    };
    // Capitalised function words ("Has", "Its", "With"), after a space only (not after a
    // colon, a dash or a quote mark, which may open a sentence: "2016 Nerdcast: Was firing
    // ...") and not inside quotation marks (a title quoted in a sentence-case headline:
    // "Steve Jobs' 'Thoughts On Flash' gave iPad a head start").
    // (Counted when a test reads it, once: most lines qualify by the first test, or not at
    // all, and have no lowercase word the second repairs.)
    let strong_words = std::cell::OnceCell::new();
    let strong = || {
        *strong_words.get_or_init(|| {
            (1..ws.len()).filter(|&k| strong_title_word(&view[ws[k].0..ws[k].1]) && spaced_unquoted(k)).count()
        })
    };
    for (_, head, small, capital, known) in counted.clone() {
        match (small, capital) {
            (true, true) => small_caps += 1,
            (true, false) => small_lower += 1,
            (false, _) => {
                if common_word(head, known) {
                    if capital {
                        common += 1;
                    } else {
                        lower += 1;
                    }
                }
            }
        }
    }
    // Two capitalised common words for each lowercase one; or, with a function word
    // capitalised inside the line ([`strong_title_word`]), which a sentence-case line never
    // has, as many capitalised words as lowercase ones; or, in a heading, more capitalised
    // words than lowercase ones with one of them capitalised on its own, after a space and
    // outside quotation marks, not after a colon or a dash (which may open a sentence, as
    // for `strong_title_word`). A sentence-case line capitalises a common word only inside a
    // name of several words ("Supreme Court", "Institute for Geography and Statistics");
    // names of one common word are the exception ("Moya clinches Cup for Spain", "Beckham
    // relief as Real go": with as many capitalised words as lowercase ones allowed, 9 words
    // of the 1.0 M of clean news changed, and PolNeAR's headlines gained 1.8 points more).
    // PolNeAR's 924 headlines with the scorer's defect: 60.2% -> 62.2% of the lowercased
    // words repaired, no clean headline changed, nor any line of the clean news.
    // (Asked last, and only of a heading: most lines qualify by the counts or fail them.)
    let alone_capital = || {
        // A neighbour in a name: its first letter or digit a capital, or a small word with
        // such a word beyond it ("Institute for Geography and Statistics"); after the word,
        // a number too ("heading into Week 12").
        let first = |j: usize| view[ws[j].0..ws[j].1].chars().find(|c| c.is_alphanumeric());
        let upper = |j: usize| first(j).is_some_and(char::is_uppercase);
        let small = |j: usize| super::lexicon::in_short_list(&view[ws[j].0..ws[j].1], &SMALL8, true);
        let named_before = |k: usize| upper(k - 1) || (k >= 2 && small(k - 1) && upper(k - 2));
        let named_after = |k: usize| {
            k + 1 < ws.len()
                && (upper(k + 1)
                    || first(k + 1).is_some_and(|c| c.is_ascii_digit())
                    || (k + 2 < ws.len() && small(k + 1) && upper(k + 2)))
        };
        // The word: capitalised, three letters or more and nothing else, a common word (its
        // bits and flags, when known, as `counted` reads them).
        const WORD: u16 = shape::CAPITALISED | shape::LETTERS | shape::HEAD_WHOLE | shape::HEAD_LONG;
        (1..ws.len()).any(|k| {
            let w = &view[ws[k].0..ws[k].1];
            let bits = known.map_or_else(|| word_shape(w), |(_, shapes)| shapes[k]);
            bits & WORD == WORD
                && common_word(w, known.map(|(f, _)| f[k]))
                && !named_before(k)
                && !named_after(k)
                && spaced_unquoted(k)
        })
    };
    let ok = (common >= 2 && common >= 2 * lower)
        || (common >= 2 && strong() >= 1 && common + strong() >= lower)
        || (common >= 2 && common + strong() > lower && is_heading() && alone_capital());
    if !ok {
        return None;
    }
    let smalls = small_caps >= 3 && small_caps >= 3 * small_lower;
    Some(
        counted
            .filter(|&(_, head, small, capital, known)| {
                !capital
                    && if small {
                        smalls
                    } else {
                        // With a function word capitalised, the line's style is sure enough
                        // for the words English writes both ways too ("trump", "bill",
                        // "post": 57.7% -> 59.3% of the scorer's defect repaired on PolNeAR's
                        // headlines, no clean line changed); they are not counted, so the
                        // line qualifies alike once they are repaired. Words the lexicon
                        // lacks (other languages, code) are left to the name rules.
                        common_word(head, known)
                            || (known.unwrap_or_else(|| super::lexicon::flags_lower(head)) & super::lexicon::CAPITAL
                                != 0
                                && strong() >= 1)
                    }
            })
            .map(|(s, ..)| s)
            .collect(),
    )
}

/// The page's words, each distinct word (as written) once. What the cleaning asks of a
/// word that depends on the word alone is asked here once per distinct word, not once per
/// occurrence: its lexicon flags (a lookup among 70,000 words, out of cache) and its form
/// in a line's repeat key (lowercased, a typo read as its repair). On the dev pages a
/// little under half the words of a page are distinct.
#[derive(Default)]
pub struct Vocab<'a> {
    /// Each distinct word as written of at most 16 bytes (nearly every word), packed
    /// (`lexicon::pack_at`: an ASCII word as its [`WordKey`]), and its number.
    ids: PackedIds,
    /// Each other distinct word as written, and its number.
    text_ids: FastMap<Cow<'a, str>, u32>,
    /// Per word number: what the lines read of the word ([`WordInfo`]), in one vector: a
    /// word of a line is one index and one bounds check, not three (-2.4 M instructions a
    /// pass over the dev pages).
    info: Vec<WordInfo>,
    /// The distinct key forms that pack, and the others, numbered together (`forms`).
    key_ids: PackedIds,
    text_key_ids: FastMap<String, u32>,
    forms: u32,
    /// The size the two text tables take at their first word (a sixteenth of the packed
    /// tables'): grown from empty, a page's few long or accented words rehashed them
    /// three times a page, and a page in Russian many more (-2.6 M instructions a pass).
    text_capacity: usize,
}

/// What the page's word table keeps of one distinct word.
#[derive(Clone, Copy)]
struct WordInfo {
    /// The number of its form in a repeat key (see [`Keys`]).
    key_word: u32,
    /// Its [`shape`] bits.
    shape: u16,
    /// The lexicon's flags of the word ([`super::lexicon::flags_lower`]).
    flags: u8,
}

/// The page word table's numbers of packed words ([`WordKey::Packed`]: two integers, the
/// first never 0 for a word, whose first byte is not NUL), an open-addressed table of its
/// own: a slot holds a number (plus one; 0 is an empty slot), the words' integers are kept
/// by number, and a word is sought from its hash's slot onwards (linear probing, at most
/// half the slots full). Every word of every line is looked up here: the general table
/// (`FastMap`) hashed a key twice (a splitmix round, then Fx) and matched control bytes
/// before comparing it, where this multiplies once and compares the key at once: the
/// lookups cost 14.3 M instructions a pass over the dev pages before, 6.1 M after; -1.8 M
/// in all, for the slots zeroed per page (2 M) and the keys' vector. Slots of four bytes:
/// slots holding the keys (24 bytes) cost more to clear for each page (12 M) than the
/// lookups saved; sized for fewer words (three quarters), the tables grew and rehashed
/// on more pages (+1.2 M). Nothing to drop: the tables are freed without visiting each
/// entry. The few words that do not pack have tables of their own.
#[derive(Debug)]
pub(crate) struct PackedIds {
    /// A power of two of slots, sixteen or more: each a number plus one, or 0.
    slots: Vec<u32>,
    /// Per number: the word's two integers (`(0, 0)` for a number not in this table).
    keys: Vec<(u64, u64)>,
    /// How many slots are full.
    len: usize,
    /// 64 less the binary logarithm of the slot count: a hash's top bits are its slot.
    shift: u32,
}

/// An empty table of sixteen slots.
impl Default for PackedIds {
    fn default() -> Self {
        PackedIds::with_capacity(0)
    }
}

impl PackedIds {
    /// A table that holds `n` words before it grows. (Never without slots: a lookup does
    /// not ask: -1.20 M instructions a pass over the dev pages.)
    pub(crate) fn with_capacity(n: usize) -> Self {
        let mut t = PackedIds { slots: Vec::new(), keys: Vec::with_capacity(n), len: 0, shift: 0 };
        t.resize((2 * n).next_power_of_two().max(16));
        t
    }

    /// The first slot of word `(a, b)`: the top bits of a multiplicative (Fibonacci) hash
    /// of both integers, in which every bit of the word counts.
    #[inline]
    fn slot(&self, a: u64, b: u64) -> usize {
        ((a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The number of word `(a, b)`, or `None` when it is new: then it is given `id`.
    /// (Inlined: as a call, its entry and exit cost a third of a lookup.)
    #[inline(always)]
    pub(crate) fn get_or_insert(&mut self, a: u64, b: u64, id: u32) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(a, b);
        loop {
            let n = self.slots[i];
            if n == 0 {
                self.slots[i] = id + 1;
                self.keep(a, b, id);
                return None;
            }
            if self.keys[n as usize - 1] == (a, b) {
                return Some(n - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// The number of word `(a, b)`, or `None` when it is not in the table.
    pub(crate) fn get(&self, a: u64, b: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(a, b);
        loop {
            let n = self.slots[i];
            if n == 0 {
                return None;
            }
            if self.keys[n as usize - 1] == (a, b) {
                return Some(n - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// Each word of the table as its two integers, with its number.
    pub(crate) fn entries(&self) -> impl Iterator<Item = ((u64, u64), u32)> + '_ {
        self.slots.iter().filter(|&&n| n != 0).map(|&n| (self.keys[n as usize - 1], n - 1))
    }

    /// Keeps the integers of word `(a, b)`, just given number `id` in a slot, and grows the
    /// table when more than half full.
    #[inline(always)]
    fn keep(&mut self, a: u64, b: u64, id: u32) {
        let id = id as usize;
        if self.keys.len() == id {
            self.keys.push((a, b));
        } else {
            self.keep_apart(a, b, id);
        }
        self.len += 1;
        if 2 * self.len > self.slots.len() {
            self.resize(2 * self.slots.len());
        }
    }

    /// [`PackedIds::keep`] of a number not next in line (after numbers given to words of
    /// the other tables).
    #[cold]
    fn keep_apart(&mut self, a: u64, b: u64, id: usize) {
        if self.keys.len() <= id {
            self.keys.resize(id + 1, (0, 0));
        }
        self.keys[id] = (a, b);
    }

    /// The table moved into `size` slots (a power of two).
    #[cold]
    fn resize(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.shift = 64 - size.trailing_zeros();
        let mask = size - 1;
        for n in old.into_iter().filter(|&n| n != 0) {
            let (a, b) = self.keys[n as usize - 1];
            let mut i = self.slot(a, b);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = n;
        }
    }
}

impl<'a> Vocab<'a> {
    /// A table sized for a page of `bytes` bytes: the dev pages have a distinct word per
    /// 14.5 bytes, so a table sized for one per 12 is rarely grown (each growth rehashes
    /// every word).
    fn for_page(bytes: usize) -> Self {
        let n = bytes / 12;
        Vocab {
            ids: PackedIds::with_capacity(n),
            text_ids: FastMap::default(),
            info: Vec::with_capacity(n),
            key_ids: PackedIds::with_capacity(n),
            text_key_ids: FastMap::default(),
            forms: 0,
            text_capacity: n / 16,
        }
    }

    /// The number of word `w` (`borrowed`: `w` as a slice of the page, when it is one),
    /// interned with its flags and key form when it is new. (`borrowed` is asked only of a
    /// new word that does not pack: sliced out of the page for every word, it checked both
    /// ends for a character boundary each time; -1.3 M instructions a pass.)
    ///
    /// The word is bytes `s..e` of `view` (a line), packed from the bytes `page` (the
    /// line's, or the page's from the line's start on: see [`lines_with`]) by
    /// `lexicon::pack_at` (two loads and masks where `page` has 16 bytes from the word's
    /// start on), and sliced as text only when it is new or does not pack (-0.9 M
    /// instructions a pass over the dev pages).
    fn intern(
        &mut self,
        view: &str,
        (s, e): (usize, usize),
        page: &[u8],
        borrowed: impl FnOnce() -> Option<&'a str>,
    ) -> u32 {
        let id = self.info.len() as u32;
        // One lookup: a new word (nearly half of them) is inserted where it was not found,
        // not hashed and sought a second time. A word of at most 16 bytes is sought by its
        // bytes packed, ASCII or not; a longer word by its text, copied only when new and
        // not a slice of the page. (A word with a letter beyond ASCII or a curly
        // apostrophe, "Trump’s", a page in Russian's every word, was sought by its text:
        // hashed, compared, and for a new word inserted in the text table, grown on the
        // pages with many; -2.3 M instructions a pass over the dev pages.)
        let bytes = super::lexicon::pack_at(page, s, e);
        if let Some((a, b, _)) = bytes {
            if let Some(known) = self.ids.get_or_insert(a, b, id) {
                return known;
            }
        }
        // A new word seen on a page before: its facts from the table of [`Facts`].
        let slot = bytes.map(|(a, b, _)| ((a, b), Facts::slot(a, b)));
        if let Some(f) = slot.and_then(|(word, at)| FACTS.with(|t| Some(t.borrow()[at]).filter(|f| f.word == word))) {
            let next = self.forms;
            let form_id = self.key_ids.get_or_insert(f.form.0, f.form.1, next).unwrap_or(next);
            self.forms += u32::from(form_id == next);
            self.info.push(WordInfo { key_word: form_id, shape: f.shape, flags: f.flags });
            return id;
        }
        // Its key: packed when ASCII (`WordKey::of`), else its text.
        let packed = bytes.filter(|&(_, _, ascii)| ascii);
        let w = &view[s..e];
        let key = match packed {
            Some((a, b, _)) => WordKey::Packed(a, b),
            None => WordKey::Text(Cow::Borrowed(w)),
        };
        let key = &key;
        match *key {
            WordKey::Packed(..) => {}
            WordKey::Text(_) if bytes.is_some() => {}
            WordKey::Text(_) => {
                if let Some(&known) = self.text_ids.get(w) {
                    return known;
                }
                if self.text_ids.capacity() == 0 {
                    self.text_ids.reserve(self.text_capacity);
                }
                self.text_ids.insert(borrowed().map_or_else(|| Cow::Owned(w.to_string()), Cow::Borrowed), id);
            }
        }
        // A packed word's lowercase form is packed once: it is the lexicon's key, and the
        // word's key form unless the typo rule repairs the word.
        let lower = key.packed_lowercase();
        let lower_a = match lower {
            Some(WordKey::Packed(a, _)) => Some(a),
            _ => None,
        };
        // A word that does not pack (not ASCII, or longer than 16 bytes) is lowercased once,
        // for its lexicon flags and its key form (each lowercased it again: a tenth of
        // splitting a page in Russian into lines).
        let lowered = if lower.is_none() { Some(crate::text::to_lowercase(w)) } else { None };
        let flags = match (&lower, &lowered) {
            (Some(k), _) => super::lexicon::flags_of_lowercase(k, w),
            (None, Some(l)) => super::lexicon::flags_lower_given(w, l),
            (None, None) => super::lexicon::flags_lower(w),
        };
        // The word's form in a repeat key, exactly as `repair::repeat_key_known` writes it.
        let form = match (key, lower) {
            // The typo rule reads only a word the lexicon lacks, of 4 to 12 letters
            // (`repair::typo_repair`): any other word's form is the word lowercased, packed
            // without building that `String`.
            (WordKey::Packed(..), Some(lower)) => {
                let may_be_typo =
                    flags == 0 && (4..=12).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_alphabetic());
                // (Offered lowercase as spelled out from its packed key, on the stack: a
                // `String` per candidate, about 10,000 a pass over the dev pages, cost 1.7 M
                // instructions.)
                let fix = match lower {
                    WordKey::Packed(la, lb) if may_be_typo => {
                        let spelled = (u128::from(la) | u128::from(lb) << 64).to_le_bytes();
                        std::str::from_utf8(&spelled[..w.len()]).ok().and_then(|l| super::repair::typo_repair(l, flags))
                    }
                    _ => None,
                };
                fix.map_or(lower, |f| WordKey::of_owned(&f))
            }
            // `repeat_key_known` of the word alone lowercases it character by character,
            // which is its `to_lowercase` unless a capital sigma became a final "ς" (lead
            // byte 0xCF, which no Latin or Cyrillic letter has), then offers it to the typo
            // rule.
            _ => match lowered {
                Some(l) if !l.as_bytes().contains(&0xcf) => {
                    WordKey::of_string(super::repair::typo_repair(&l, flags).unwrap_or(l))
                }
                _ => WordKey::of_owned(&super::repair::repeat_key_known(w, &[(0, w.len())], &[flags])),
            },
        };
        let next = self.forms;
        // A form beyond ASCII of at most 16 bytes (no NUL: a word's, lowercased) by its
        // bytes packed, as a word as written is (-1.8 M).
        let packed_form = match &form {
            &WordKey::Packed(a, b) => Some((a, b)),
            WordKey::Text(t) => super::lexicon::pack_at(t.as_bytes(), 0, t.len()).map(|(a, b, _)| (a, b)),
        };
        let form_id = match (packed_form, form) {
            (_, WordKey::Packed(a, b)) | (Some((a, b)), WordKey::Text(_)) => {
                self.key_ids.get_or_insert(a, b, next).unwrap_or(next)
            }
            (None, WordKey::Text(t)) => match self.text_key_ids.get(&*t) {
                Some(&known) => known,
                None => {
                    if self.text_key_ids.capacity() == 0 {
                        self.text_key_ids.reserve(self.text_capacity);
                    }
                    *self.text_key_ids.entry(t.into_owned()).or_insert(next)
                }
            },
        };
        self.forms += u32::from(form_id == next);
        let shape = match (key, lower_a) {
            (&WordKey::Packed(a, b), Some(lower_a)) => word_shape_packed(a, b, lower_a, w.len()),
            _ => word_shape(w),
        };
        if let (Some((word, at)), Some(form)) = (slot, packed_form) {
            FACTS.with(|t| t.borrow_mut()[at] = Facts { word, form, shape, flags });
        }
        self.info.push(WordInfo { key_word: form_id, shape, flags });
        id
    }
}

/// What the page's word table finds of a new word of at most 16 bytes (`word`, packed)
/// that depends on the word alone: its key form (`form`, packed), [`shape`] bits
/// and lexicon flags. Kept across pages in a small table per thread ([`FACTS`], one entry
/// per slot of a hash of the word, the last word seen there): a page's common words
/// ("the", "said", "president") were new on every page, and looked up in the lexicon,
/// shaped and offered to the typo rule again. The facts are the word's alone, so a page's
/// words are what a fresh table finds. -10.1 M instructions a pass over the dev pages as
/// `examples/clean-passes` counts it (a pass after others: some of the words are the
/// previous pass's, on the same pages), -7.1 M in a first pass from an empty table (the
/// words of the pages before); 16,384 entries of 40 bytes (655 kB a thread); with 4,096,
/// -3.4 M and -2.9 M; with 8,192, -6.6 M and -5.3 M. A page cleaned alone gains nothing.
/// (First the ASCII words only; the others, a curly apostrophe's "Trump’s" or an accented
/// or Cyrillic word, whose forms pack too, -2.1 M and -1.1 M more.)
#[derive(Clone, Copy, Default)]
struct Facts {
    /// The word (`(0, 0)` in an empty entry: no word packs so).
    word: (u64, u64),
    form: (u64, u64),
    shape: u16,
    flags: u8,
}

impl Facts {
    /// How many entries [`FACTS`] has: a power of two.
    const SLOTS: usize = 16384;

    /// The entry of word `(a, b)`: the top bits of a multiplicative hash of both integers.
    fn slot(a: u64, b: u64) -> usize {
        ((a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Facts::SLOTS.trailing_zeros())) as usize
    }
}

thread_local! {
    /// See [`Facts`].
    static FACTS: std::cell::RefCell<Vec<Facts>> = std::cell::RefCell::new(vec![Facts::default(); Facts::SLOTS]);
}

/// The repeat key of every line ([`super::repair::repeat_key_known`]: the line's words
/// lowercased, typos read as their repairs) as the numbers of its words' key forms: two
/// lines have equal keys exactly when they have equal number sequences (a key form holds
/// no space, so the joined text is the sequence's). Numbers, not a `String` per line: the
/// body search only compares keys; only the cross-document test needs a key's text.
#[derive(Debug, Default)]
pub struct Keys {
    /// All lines' key numbers one after the other.
    words: Vec<u32>,
    /// Per line: where its key starts and ends in `words` (blank lines: empty).
    spans: Vec<(u32, u32)>,
    /// All lines' words as their numbers in the page's word table (`Vocab`: equal words as
    /// written, equal numbers, counted from 0), one per word of each line, at the line's
    /// span: the casing evidence counts a word by its number, where it hashed each
    /// occurrence again. (Kept for the page, not per line: a vector per line cost more in
    /// allocations than the hashing saved.)
    numbers: Vec<u32>,
    /// How many distinct words (as written) the page's word table numbered.
    distinct: usize,
    /// Per number in the page's word table: the word as written packed
    /// (`lexicon::pack_at`), `(0, 0)` for a word that does not pack (beyond this vector's
    /// end too). The casing evidence keys an ASCII word by these integers
    /// (`lexicon::WordKey::Packed`), where it packed it again. (The word table's own
    /// vector of them, moved here once the page is split.)
    packed: Vec<(u64, u64)>,
}

impl Keys {
    /// Line `i`'s key as numbers (empty for a blank line or a line without words).
    pub fn of(&self, i: usize) -> &[u32] {
        let (s, e) = self.spans[i];
        &self.words[s as usize..e as usize]
    }

    /// Line `i`'s words as their numbers in the page's word table (see [`Keys::numbers`];
    /// empty for a blank line).
    pub fn numbers_of(&self, i: usize) -> &[u32] {
        let (s, e) = self.spans[i];
        &self.numbers[s as usize..e as usize]
    }

    /// How many distinct words the page's word table holds (its numbers are below).
    pub fn distinct_words(&self) -> usize {
        self.distinct
    }

    /// The words of the page's word table packed, by number (see [`Keys::packed`]).
    pub fn packed(&self) -> &[(u64, u64)] {
        &self.packed
    }
}

/// A page split into classified lines, and each line's repeat key ([`Keys`]).
pub struct Page<'a> {
    pub lines: Vec<Line<'a>>,
    pub keys: Keys,
    /// The page's word table, kept for a second lining of the same words ([`relined`]);
    /// its packed words are in `keys` ([`Keys::packed`]).
    pub vocab: Vocab<'a>,
}

/// Splits `text` into classified lines, each word looked up once in the page's [`Vocab`].
pub fn lines(text: &str) -> Page<'_> {
    lines_with(text, Vocab::for_page(text.len()))
}

/// [`lines`] of `text`, a page's text written again (its hard-wrapped paragraphs unwrapped:
/// the same words), with the word table `vocab` of that page: each of its words is found
/// there, not looked up in the lexicon, shaped and given its key form again (the second
/// lining of a wrapped page cost as much as the first). A word's entry depends on the word
/// alone, and the key numbers of one lining all come from one table, so the lines, kinds
/// and keys are those of a fresh table. (Its `Keys::distinct_words` then counts the first
/// page's words too: only the word repairs read it, on the first lining.) `keys` are the
/// first lining's, which hold the table's packed words ([`Keys::packed`]).
pub fn relined<'a>(text: &'a str, mut vocab: Vocab<'a>, keys: &Keys) -> Page<'a> {
    // (The packed words, moved into the first lining's `keys`, back in the table.)
    vocab.ids.keys = keys.packed.clone();
    lines_with(text, vocab)
}

/// Where the first line break (`\n`) is in `b`: eight bytes at a time, a word holding one
/// found by the borrow of a zero byte in the word xor'd with line breaks (the first such
/// borrow is the first line break: a borrow runs only upwards), the tail byte by byte.
/// (-2.2 M instructions a pass over the dev pages; the unit test compares it with the
/// bytewise search.)
fn line_break(b: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::MAX / 0xFF;
    const HIGH: u64 = ONES * 0x80;
    let mut i = 0;
    while let Some(w) = b.get(i..i + 8) {
        let y = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]) ^ (ONES * u64::from(b'\n'));
        let zero = y.wrapping_sub(ONES) & !y & HIGH;
        if zero != 0 {
            return Some(i + zero.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    b[i..].iter().position(|&c| c == b'\n').map(|at| i + at)
}

/// [`lines`] with the word table `vocab` (empty, or a page's of the same words).
fn lines_with<'a>(text: &'a str, mut vocab: Vocab<'a>) -> Page<'a> {
    // Sized from the line count (one byte scan): grown push by push, the vectors of lines
    // (large records) were copied over several times per page.
    // (Counted in chunks into a byte-wide counter, which the compiler vectorises: a count
    // over `bytes().filter()` took five instructions a byte.)
    let n_lines = text
        .as_bytes()
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n'))))
        .sum::<usize>()
        + 1;
    let mut out = Vec::with_capacity(n_lines);
    let mut keys = Keys {
        words: Vec::with_capacity(text.len() / 5),
        spans: Vec::with_capacity(n_lines),
        numbers: Vec::with_capacity(text.len() / 5),
        distinct: 0,
        packed: Vec::new(),
    };
    let mut offset = 0;
    let mut lower = String::new();
    // Every line's words, flags and shapes, one after the other (each line's at its key's
    // span: a word, a key entry), shared by the lines once the page is split ([`Shared`]).
    let mut words_all: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 5);
    let mut flags_all: Vec<u8> = Vec::with_capacity(text.len() / 5);
    let mut shapes_all: Vec<u16> = Vec::with_capacity(text.len() / 5);
    // Lines found by a byte search (as `split_inclusive('\n')` splits them: each with its
    // line break, none empty at the end), their breaks stripped by bytes: the generic char
    // searchers cost more per line than the search itself.
    // A line's printable-ASCII prefix (`repair::printable_prefix`) is measured from its
    // start over the page's bytes: a line break is no printable byte, so a line all
    // printable (most lines) ends where its prefix ends, and the line break is sought only
    // from the first other byte on, not over the line a second time (-3.3 M instructions a
    // pass over the dev pages).
    let mut rest = text;
    while !rest.is_empty() {
        let b = rest.as_bytes();
        let prefix = super::repair::printable_prefix(b);
        let len = if b.get(prefix) == Some(&b'\n') {
            prefix + 1
        } else {
            line_break(&b[prefix..]).map_or(rest.len(), |i| prefix + i + 1)
        };
        let (raw, tail) = rest.split_at(len);
        rest = tail;
        let start = offset;
        offset += raw.len();
        let cut = raw.as_bytes().iter().rposition(|&b| b != b'\n' && b != b'\r').map_or(0, |i| i + 1);
        let line = &raw[..cut];
        let trimmed = super::repair::trim_end(line);
        // (`repair::normalize`, its first test kept: the line is ASCII when it passes. The
        // trimmed line is a prefix of the page's bytes from the line's start on.)
        let printable = prefix.min(trimmed.len());
        let ascii = printable == trimmed.len();
        let norm = super::repair::normalize(trimmed, printable);
        let view = norm.as_ref().map_or(trimmed, |n| n.text.as_str());
        let first = words_all.len();
        if ascii {
            crate::text::words_into_ascii(view, &mut words_all);
        } else {
            crate::text::words_into(view, &mut words_all);
        }
        let words = &words_all[first..];
        // Words of a line without character-level repairs are slices of the page, and are
        // packed from the page's bytes from the line's start on: a word near the line's end
        // (the last word or two of every line) has the 16 bytes `lexicon::pack_at` loads
        // there too (the next lines'), masked off, where the line alone has not, and was
        // packed piece by piece (-2 M instructions a pass over the dev pages).
        let page_view = if norm.is_none() { Some(trimmed) } else { None };
        let page = if norm.is_none() { &text.as_bytes()[start..] } else { view.as_bytes() };
        for &(s, e) in words {
            let id = vocab.intern(view, (s, e), page, || page_view.map(|v| &v[s..e]));
            keys.numbers.push(id);
            let id = id as usize;
            let info = vocab.info[id];
            keys.words.push(info.key_word);
            flags_all.push(info.flags);
            shapes_all.push(info.shape);
        }
        let (flags, shapes) = (&flags_all[first..], &shapes_all[first..]);
        let styled_as = styled_words(view, words, Some((flags, shapes)));
        let styled = styled_as.is_some();
        let title = styled_as.filter(|_| heading(view, words));
        let (kind, budget) =
            classify(view, if norm.is_none() { printable } else { 0 }, words, shapes, title.is_some(), &mut lower);
        // (A blank line has no words, so no key: `classify` finds a line blank exactly
        // when it has none.)
        keys.spans.push((first as u32, words_all.len() as u32));
        out.push((start, offset, line, trimmed, norm, kind, title, styled, ascii, budget));
    }
    keys.distinct = vocab.info.len();
    // (Moved, not copied: a copy per page cost 1 M instructions a pass over the dev pages;
    // a second lining takes them back, [`relined`].)
    keys.packed = std::mem::take(&mut vocab.ids.keys);
    let (words_all, flags_all, shapes_all) = (Rc::new(words_all), Rc::new(flags_all), Rc::new(shapes_all));
    let lines = out
        .into_iter()
        .zip(&keys.spans)
        .map(|((start, end, text, trimmed, norm, kind, title, styled, ascii, budget), &(s, e))| {
            let (s, e) = (s as usize, e as usize);
            Line {
                start,
                end,
                text,
                trimmed,
                norm,
                kind,
                words: Shared::new(&words_all, s, e),
                title,
                styled,
                ascii,
                flags: Shared::new(&flags_all, s, e),
                shapes: Shared::new(&shapes_all, s, e),
                budget,
            }
        })
        .collect();
    Page { lines, keys, vocab }
}

/// The body region among the content lines `content` (indices into `lines`, blank lines
/// left out): `(first, last)` line indices (inclusive), or `None` when the page has no
/// positive-scoring run (then nothing is removed for position).
///
/// The first copy of a line repeated far apart (header and footer) scores nothing. When
/// that leaves no positive run, the first copies are scored as ordinary lines: all of them
/// would be kept (nothing is removed for position) and their later copies removed, and the
/// cleaned text, where they occur once, must find the same region (idempotence).
pub fn body_region(lines: &[Line<'_>], m: &Measures, content: &[usize]) -> Option<(usize, usize)> {
    scored_region(lines, m, content, true).or_else(|| scored_region(lines, m, content, false))
}

/// What the body search reads of each line besides its kind, found once per page: the
/// search runs twice in each round of settling the region, and hashing every line's key
/// and counting its characters in each was most of its time.
pub struct Measures {
    /// Each line's key (see `propose`) as a number: equal keys, equal numbers.
    pub ids: Vec<usize>,
    /// How many distinct keys.
    pub distinct: usize,
    /// Per line: characters and bytes of its view trimmed, and whether it is CJK text
    /// (a third of its characters or more).
    chars: Vec<usize>,
    bytes: Vec<usize>,
    cjk: Vec<bool>,
}

impl Measures {
    /// Measures `lines`, whose keys are `keys`.
    pub fn new(lines: &[Line<'_>], keys: &Keys) -> Measures {
        let mut intern: FastMap<&[u32], usize> = FastMap::with_capacity_and_hasher(lines.len(), Default::default());
        let ids = (0..lines.len())
            .map(|i| {
                let next = intern.len();
                *intern.entry(keys.of(i)).or_insert(next)
            })
            .collect();
        let n = lines.len();
        let (mut chars, mut bytes, mut cjk) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for l in lines {
            // A line all printable ASCII (most lines) is its own view, without trailing
            // white space (`repair::trim_end`), and its only white space is spaces and
            // tabs: trimmed at its start by bytes, not by the generic char searcher at both
            // ends (-1.0 M instructions a pass over the dev pages).
            if l.ascii {
                let t = l.trimmed.trim_ascii_start();
                chars.push(t.len());
                bytes.push(t.len());
                cjk.push(false);
                continue;
            }
            let t = l.view().trim();
            if t.is_ascii() {
                chars.push(t.len());
                bytes.push(t.len());
                cjk.push(false);
                continue;
            }
            let n = t.chars().count();
            chars.push(n);
            bytes.push(t.len());
            // Every CJK character (U+3040 and up) is written with a lead byte of 0xE3 or
            // more: a line without one (Cyrillic, accented Latin) has none to count. (Its
            // largest byte: a search for one stopped at each byte, where the maximum is
            // taken sixteen bytes at a time.)
            let may_have_cjk = t.bytes().max().is_some_and(|b| b >= 0xE3);
            cjk.push(may_have_cjk && t.chars().filter(|&c| is_cjk(c)).count() * 3 > n);
        }
        Measures { ids, distinct: intern.len(), chars, bytes, cjk }
    }
}

/// [`body_region`], with or without the penalty on first copies of far-apart repeats.
fn scored_region(lines: &[Line<'_>], m: &Measures, content: &[usize], far_first: bool) -> Option<(usize, usize)> {
    // Per key: (count, first and last index among content lines).
    let mut counts = vec![(0usize, 0usize, 0usize); m.distinct];
    for (j, &i) in content.iter().enumerate() {
        let c = &mut counts[m.ids[i]];
        if c.0 == 0 {
            c.1 = j;
        }
        c.0 += 1;
        c.2 = j;
    }
    let is_text = |k: Kind| matches!(k, Kind::Prose | Kind::Long);
    // Neighbours, looking through ad markers (they sit inside articles) and later copies of
    // repeated lines (always removed, so the cleaned text, where they are gone, sees the
    // same neighbours): the nearest such line before and after each content line, found in
    // two linear passes (a page of thousands of copies must not rescan them per line).
    let seen: Vec<bool> = content
        .iter()
        .enumerate()
        .map(|(j, &i)| {
            let is_ad = matches!(lines[i].kind, Kind::Chrome(Rule::Advertisement, _));
            let c = counts[m.ids[i]];
            let later_copy = c.0 > 1 && j > c.1;
            !is_ad && !later_copy
        })
        .collect();
    // (Each neighbour kept as its place among the content lines, `NONE` for none, and its
    // kind read where a line's score asks, not copied into three vectors of kinds for every
    // line: -1.0 M instructions a pass over the dev pages.)
    const NONE: u32 = u32::MAX;
    let mut prev_seen = vec![NONE; content.len()];
    // And the one before that: a heading between body text and a paragraph opens a section.
    let mut prev2_seen = vec![NONE; content.len()];
    let (mut last, mut last2) = (NONE, NONE);
    for j in 0..content.len() {
        prev_seen[j] = last;
        prev2_seen[j] = last2;
        if seen[j] {
            last2 = last;
            last = j as u32;
        }
    }
    let mut next_seen = vec![NONE; content.len()];
    last = NONE;
    for j in (0..content.len()).rev() {
        next_seen[j] = last;
        if seen[j] {
            last = j as u32;
        }
    }
    let kind_at = |k: u32| (k != NONE).then(|| lines[content[k as usize]].kind);
    let mut scores = Vec::with_capacity(content.len());
    let mut prose_chars = 0usize;
    let mut cut = false;
    for (j, &i) in content.iter().enumerate() {
        let l = &lines[i];
        let n = m.chars[i] as f64;
        let mul = if m.cjk[i] { 2.5 } else { 1.0 };
        let base = match l.kind {
            Kind::Chrome(rule, why) => chrome_score(rule, why),
            Kind::Prose => n / 40.0 * mul,
            Kind::Long => n / 80.0 * mul,
            Kind::Title => -1.5,
            Kind::Medium => -0.5,
            Kind::Short | Kind::Blank => -1.0,
        };
        let mut v = base;
        if l.kind == Kind::Prose && n < 200.0 {
            let (prev, next) = (kind_at(prev_seen[j]), kind_at(next_seen[j]));
            // A paragraph under a heading that follows body text is the body's last section
            // (its closing paragraph, before the footer), not a lone teaser: a closing
            // paragraph gets the care an opening one gets.
            let section = matches!(prev, Some(Kind::Title | Kind::Short))
                && kind_at(prev2_seen[j]).is_some_and(is_text)
                && next.is_none_or(|k| matches!(k, Kind::Chrome(..)));
            if !prev.is_some_and(is_text) && !next.is_some_and(is_text) && !section {
                v *= 0.3; // a lone teaser or comment between short lines
            }
        }
        // Repeats: chrome or a duplicated title. A paragraph repeated close by keeps its
        // first copy's score; lines repeated far apart (header and footer) lose all.
        let (count, first, last) = counts[m.ids[i]];
        if count > 1 && (j > first || (far_first && last - first > 10)) {
            v = v.min(0.0);
        }
        if l.kind == Kind::Prose && v == base {
            prose_chars += m.bytes[i];
        }
        if matches!(l.kind, Kind::Chrome(Rule::Prompt, "comment section")) && prose_chars >= 400 {
            cut = true; // the comment section after an article: never part of the body
        }
        scores.push(if cut && v > 0.0 { -1.0 } else { v });
    }
    let (mut best, mut best_range) = (0.0f64, None);
    let (mut cur, mut st) = (0.0f64, 0usize);
    for (j, &v) in scores.iter().enumerate() {
        if cur <= 0.0 {
            cur = 0.0;
            st = j;
        }
        cur += v;
        if cur > best {
            best = cur;
            best_range = Some((content[st], content[j]));
        }
    }
    best_range
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_shortcuts_skip_only_lines_without_repairs() {
        // Every character `repair::normalize` lets through without testing (ASCII, general
        // punctuation, plain Cyrillic), alone and beside the others: the full tests find
        // nothing to repair either.
        use super::super::repair::{normalize_each, plain_cyrillic};
        let chars = (' '..='~')
            .chain(['\t'])
            .chain('\u{2010}'..='\u{2027}')
            .chain(('\u{400}'..='\u{4FF}').filter(|&c| plain_cyrillic(c)));
        for c in chars {
            for line in [format!("{c}"), format!("Слово{c}ы"), format!("a{c}{c}b"), format!("“{c}” —\t{c}ё")]
            {
                assert!(normalize_each(&line).is_none(), "{line:?}");
            }
        }
        // Latin-1 (without the no-break space, the soft hyphen and the C1 controls), beside
        // every character the shortcut lets through: every line it lets through needs no
        // repair (a mojibake pair such as "Ã©" or "Ã’" it does not let through).
        use super::super::repair::quiet;
        let others: Vec<char> =
            (' '..='~').chain('\u{a1}'..='\u{ff}').chain('\u{2010}'..='\u{2027}').chain(['Ж', 'ё']).collect();
        for c in ('\u{a1}'..='\u{ff}').filter(|&c| c != '\u{ad}') {
            assert!(quiet(format!("{c}").as_bytes()), "{c:?}");
            for &d in &others {
                for line in [format!("{c}{d}"), format!("{d}{c}"), format!("a{c}{d}{c}b"), format!("“{c}” {d}")] {
                    if quiet(line.as_bytes()) {
                        assert!(normalize_each(&line).is_none(), "{line:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn plain_cyrillic_is_nfc_whatever_surrounds_it() {
        // What `repair::normalize_each` assumes of a token of them: combining class 0 and
        // the NFC quick check's "yes", so no neighbour composes with them.
        use super::super::repair::plain_cyrillic;
        use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized};
        for c in ('\u{400}'..='\u{4FF}').filter(|&c| plain_cyrillic(c)) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
    }

    #[test]
    fn word_shape_ascii_scan_is_the_tests() {
        let words = [
            "a",
            "I",
            "The",
            "the",
            "THE",
            "of",
            "Of",
            "against",
            "AGAINST",
            "Trump",
            "trump",
            "TRUMP",
            "McDonald",
            "iPhone",
            "US",
            "U",
            "GE",
            "G-20",
            "don't",
            "Don't",
            "trump's",
            "Trump-putin",
            "trump-Putin",
            "cross-network",
            "x-ray",
            "ab-cd",
            "Ab'cd",
            "'tis",
            "-x",
            "covid19",
            "2025",
            "Covid-19",
            "ABC123",
            "abc",
            "Abc",
            "aBC",
            "whic",
            "Te",
            "WHICH",
            "an",
            "tht",
            "thee",
        ];
        for w in words {
            let mut expected = word_shape_slow(w);
            if super::super::lexicon::in_short_list(w, &SMALL8, true) {
                expected |= shape::SMALL;
            }
            if super::super::lexicon::in_short_list(w, &MINOR8, true) {
                expected |= shape::MINOR;
            }
            if super::super::casing::stop_or_slip(w) {
                expected |= shape::STOP_OR_SLIP;
            }
            if super::super::casing::is_stop(w) {
                expected |= shape::STOP;
            }
            assert_eq!(word_shape(w), expected, "{w}");
        }
    }

    #[test]
    fn word_shape_whole_is_the_tests() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(case_of(c), (c.is_uppercase(), c.is_lowercase()), "{c:?}");
            // A character with case is a letter (`word_shape_whole` asks no more of it).
            assert!(!(c.is_uppercase() || c.is_lowercase()) || crate::text::is_alphabetic(c), "{c:?}");
        }
        let samples = ['A', 'a', 'Z', 'é', 'É', 'Ж', 'ж', 'ß', 'ǅ', '1', '×', 'ª', 'Ѣ', 'ѣ', '中', 'Ω', 'ω'];
        let mut words = Vec::new();
        for c in
            ('\0'..='\u{600}').chain('\u{3040}'..='\u{3100}').chain(['\u{1e9e}', '\u{2160}', '\u{24b6}', '\u{4e2d}'])
        {
            for d in samples {
                words.extend([
                    format!("{c}"),
                    format!("{c}{d}"),
                    format!("{d}{c}"),
                    format!("{d}{c}{d}"),
                    format!("{c}{c}{c}"),
                    format!("{d}ab{c}"),
                ]);
            }
        }
        for w in words.iter().map(String::as_str).chain(["Москва", "МОСКВА", "москва", "Émile", "ÉTÉ", "été", "Straße"])
        {
            if w.bytes().any(|c| matches!(c, b'-' | b'\'' | 0xE2)) {
                continue;
            }
            assert_eq!(word_shape_whole(w), word_shape_slow(w), "{w:?}");
        }
    }

    #[test]
    fn packed_ids_are_a_map() {
        // Words numbered as a map numbers them, from an empty table and from a sized one
        // (both grow), with numbers skipped (given to words of the other tables), and
        // keys that differ only in their second integer or in one bit.
        for mut t in [PackedIds::default(), PackedIds::with_capacity(10)] {
            let mut map: FastMap<(u64, u64), u32> = FastMap::default();
            let mut seed = 0x2545_f491_4f6c_dd1du64;
            let mut next = 0u32;
            for k in 0..5000u64 {
                let seed = crate::text::xorshift(&mut seed);
                let key = match k % 4 {
                    0 => (u64::from(b'a') | (seed % 64) << 8, 0),
                    1 => (u64::from(b'x'), seed % 300),
                    2 => (1 << (seed % 64) | 1, 0),
                    _ => (seed | 1, seed >> 3),
                };
                let expected = map.get(&key).copied();
                assert_eq!(t.get_or_insert(key.0, key.1, next), expected, "{key:?}");
                if expected.is_none() {
                    map.insert(key, next);
                    next += 1 + u32::from(k % 7 == 0);
                }
            }
        }
    }

    #[test]
    fn word_shape_packed_is_word_shape() {
        // The test words above, and every word of up to 16 bytes over an alphabet of the
        // bytes the bits tell apart, each length and position tried (pseudo-random).
        let alphabet = b"aAzZ'-0@[`{/mM";
        let mut words: Vec<String> = ["a", "I", "The", "against", "AGAINST", "Trump-putin", "don't", "'tis", "-x"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 1..=16 {
            for _ in 0..400 {
                let w: String = (0..len).map(|_| crate::text::xorshift_pick(&mut seed, alphabet) as char).collect();
                words.push(w);
            }
        }
        words.extend(SMALL.iter().chain(&MINOR).flat_map(|w| [w.to_string(), w.to_uppercase()]));
        // The filter in front of the short lists lets each of their words through.
        for &w in SMALL8.iter().chain(&MINOR8).chain(crate::clean::casing::stop_or_slip_list()) {
            assert!(may_be_listed(w), "{w:x}");
        }
        for w in &words {
            let Some(WordKey::Packed(a, b)) = Some(WordKey::of(w)) else { panic!("{w} packs") };
            let Some(WordKey::Packed(lower_a, _)) = WordKey::of(w).packed_lowercase() else { panic!() };
            assert_eq!(word_shape_packed(a, b, lower_a, w.len()), word_shape(w), "{w}");
        }
    }

    #[test]
    fn ascii_lines_match_chrome_as_their_lowercase_does() {
        // The case-insensitive set reads an ASCII line as the set reads it lowercased only
        // while no pattern holds a capital (a literal one would never match a lowercased
        // line; an escape such as `\S` means something else).
        for (p, ..) in CHROME.iter() {
            assert!(!p.bytes().any(|b| b.is_ascii_uppercase()), "{p}");
        }
        for line in [
            "Leave a Reply",
            "SHARE THIS",
            "Posted by John Smith",
            "By Jane O'Neil-Smith",
            "Copyright 2024 Acme",
            "(C) 2024",
            "Updated 5 Mins Ago",
            "Published Nov 29, 2018",
            "12 November 2018",
            "ADVERTISEMENT",
            "Related Stories",
            "We use Cookies to improve your Experience",
            "Please enable JavaScript",
            "Home > News > World",
            "Read More",
            "Getty Images",
            "Photo: AP",
            "Sign Up for our Newsletter",
            "The Kremlin said on Tuesday that talks would go on.",
            "KELVIN and LONG S: K s",
        ] {
            let lower = line.to_ascii_lowercase();
            let want: Vec<usize> = CHROME_SET.matches(&lower).into_iter().collect();
            let got: Vec<usize> = CHROME_SET_ASCII.matches(line).into_iter().collect();
            assert_eq!(got, want, "{line}");
            // And with each general punctuation or Latin-1 character in it (`classify`
            // searches such a line as it is too), at its start, between its words and at
            // its end.
            for c in ('\u{2000}'..='\u{206f}').chain('\u{80}'..='\u{ff}') {
                for line in [format!("{c}{}{c}", line.replace(' ', &format!(" {c}"))), format!("{line}{c}")] {
                    assert_eq!(ascii_or_punctuation_chars(&line, 0), Some(line.chars().count()), "{line}");
                    let want: Vec<usize> = CHROME_SET.matches(&line.to_lowercase()).into_iter().collect();
                    let got: Vec<usize> = CHROME_SET_ASCII.matches(&line).into_iter().collect();
                    assert_eq!(got, want, "{line}");
                }
            }
        }
        // Each plain Cyrillic letter and each Latin-1 letter (`classify` searches a line of
        // them as it is too), in both cases, in lines that match and lines that do not.
        let cyrillic: Vec<char> = ('\u{400}'..='\u{4ff}')
            .filter(|&c| super::super::repair::plain_cyrillic(c))
            .chain('\u{c0}'..='\u{ff}')
            .collect();
        for line in [
            "Leave a Reply",
            "SHARE THIS",
            "Posted by Ivan",
            "By Jane O'Neil",
            "Advertisement",
            "Read More",
            "Photo: AP",
            "Updated 5 mins ago",
            "Привет мир",
        ] {
            for &c in &cyrillic {
                for line in [
                    format!("{c}{}{c}", line.replace(' ', &format!(" {c}"))),
                    format!("{line}{c}"),
                    format!("By {c}{c} {c}."),
                ] {
                    assert_eq!(ascii_or_punctuation_chars(&line, 0), Some(line.chars().count()), "{line}");
                    let want: Vec<usize> = CHROME_SET.matches(&line.to_lowercase()).into_iter().collect();
                    let got: Vec<usize> = CHROME_SET_ASCII.matches(&line).into_iter().collect();
                    assert_eq!(got, want, "{line}");
                }
            }
        }
        for line in ["Ā dijo", "a \u{2070} b", "a \u{20ac}", "ő", "a\u{100}", "При\u{483}вет", "\u{17f}", "\u{212a}"]
        {
            assert_eq!(ascii_or_punctuation_chars(line, 0), None, "{line}");
        }
        for line in [
            "",
            "plain",
            "a\u{2019}s \u{2014} fine and long enough to step over",
            "\u{2026}",
            "Él dijo",
            "a \u{2028} b",
            "a \u{200f}",
            "ü",
            "a\u{e2}",
            "\u{206f}",
        ] {
            assert_eq!(ascii_or_punctuation_chars(line, 0), Some(line.chars().count()), "{line}");
            // Read from any byte of its ASCII start on: the same count.
            let ascii_start = line.bytes().position(|b| !b.is_ascii()).unwrap_or(line.len());
            for from in 0..=ascii_start {
                assert_eq!(ascii_or_punctuation_chars(line, from), Some(line.chars().count()), "{line} from {from}");
            }
        }
    }

    #[test]
    fn quoted_at_reads_quotation_marks_not_apostrophes() {
        let line = "How Steve Jobs' 'Thoughts On Flash' gave Trump’s iPad (“a Head Start”) a lead";
        let at = |w: &str| line.find(w).unwrap();
        for w in ["Thoughts", "On", "Flash", "Head"] {
            assert!(quoted_at(line, at(w)), "{w}");
        }
        for w in ["How", "Steve", "gave", "iPad", "lead"] {
            assert!(!quoted_at(line, at(w)), "{w}");
        }
        assert!(strong_title_word("With") && strong_title_word("Its"));
        assert!(!strong_title_word("with") && !strong_title_word("IT") && !strong_title_word("The"));
    }

    #[test]
    fn closes_sentence_is_the_char_test() {
        let spaces = ["", " ", "\t", "\u{a0}", "\u{2009}", "\u{b}", "\r\n", "\u{3000}"];
        let marks = ["", ".", "?", "!", ",", "…", "“", "a", ". ", "’."];
        for a in spaces {
            for b in spaces {
                for m in marks {
                    let g = format!("{a}{b}{m}");
                    assert_eq!(closes_sentence(&g), g.trim_start().starts_with(['.', '?', '!']), "{g:?}");
                }
            }
        }
        // Nothing in General Punctuation has a lowercase other than itself (`lower_counted`).
        assert!(('\u{2000}'..='\u{206f}').all(|c| c.to_lowercase().eq([c])));
    }

    #[test]
    fn line_break_is_the_bytewise_search() {
        let mut texts: Vec<Vec<u8>> = vec![Vec::new(), b"\n".to_vec(), b"no break at all in this line".to_vec()];
        // A break (or two) at each place of the first words, among every other byte value.
        for v in 0u8..=255 {
            for at in 0..18 {
                let mut t = vec![v; 20];
                t[at] = b'\n';
                texts.push(t.clone());
                t[(at + 3) % 20] = b'\n';
                texts.push(t);
            }
            texts.push(vec![v; 17]);
        }
        for t in &texts {
            for from in 0..=t.len() {
                let b = &t[from..];
                assert_eq!(line_break(b), b.iter().position(|&c| c == b'\n'), "{t:?} from {from}");
            }
        }
    }

    #[test]
    fn lines_are_split_inclusive_with_their_printable_test() {
        // Lines all printable, with a tab, a carriage return, trailing spaces, a control
        // byte or a non-ASCII character at the start, inside or at the end, and the last
        // line with or without its break.
        let parts = ["plain words", "\ttabbed", "cr\r", "spaces  ", "ctl\u{1}x", "é start", "mid ’ quote", "end é", ""];
        for a in parts {
            for b in parts {
                for end in ["", "\n", "\r\n"] {
                    let text = format!("{a}\n{b}\n\n{a} {b}{end}");
                    let page = lines(&text);
                    let want: Vec<&str> = text.split_inclusive('\n').collect();
                    assert_eq!(page.lines.len(), want.len(), "{text:?}");
                    let mut at = 0;
                    for (l, w) in page.lines.iter().zip(want) {
                        assert_eq!((l.start, l.end), (at, at + w.len()), "{text:?}");
                        assert_eq!(l.text, w.trim_end_matches(['\n', '\r']), "{text:?}");
                        let printable = l.trimmed.bytes().all(|c| matches!(c, b' '..=b'~' | b'\t'));
                        assert_eq!(l.ascii, printable, "{text:?}");
                        at += w.len();
                    }
                }
            }
        }
    }

    #[test]
    fn lower_counted_is_str_to_lowercase() {
        let mut buf = String::from("left over");
        for t in [
            "",
            "Plain ASCII Line.",
            "“Quoted” — ÉCOLE Straße İstanbul ΑΘΗΝΑ ΟΔΟΣ",
            "東京 Tokyo 서울 Seoul",
            "ǅ ǈ Ǳ ﬀ ẞ",
            "ΣΑΣ Σ",
        ] {
            let (n, cjk) = lower_counted(t, &mut buf);
            assert_eq!(buf, t.to_lowercase(), "{t}");
            assert_eq!(n, t.chars().count(), "{t}");
            assert_eq!(cjk, t.chars().filter(|&c| is_cjk(c)).count(), "{t}");
        }
    }
}
