//! Repairs inside a line: missing spaces after punctuation, Unicode clean-up, mojibake,
//! lowercased proper names and sentence starts, typos (flags are in flags.rs).

use super::body::shape;
pub use super::casing::Context;
use super::{casing, lexicon};
use super::{Edit, Rule};
use std::borrow::Cow;

/// A word-level edit of a line: (start, end, replacement, rule, reason), line offsets.
type WordEdit = (usize, usize, String, Rule, Cow<'static, str>);

/// The words of a line as `body::Line` holds them: byte ranges in the line's view, each
/// word's lexicon flags ([`lexicon::flags_lower`]) and its shape bits (`body::word_shape`),
/// found once per distinct word of the page. The word rules read a word's letters through
/// the bits where one answers their question, not by decoding its characters again.
pub type Words<'w> = (&'w [(usize, usize)], &'w [u8], &'w [u16]);

use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What the word repairs keep from one line of a page to the next (one per page, see
/// [`PageMemo::new`]).
pub struct PageMemo {
    /// Per word of the page's word table (`body::Keys::numbers_of` gives a line's words'
    /// numbers): the name rules' reason for the word (`Context::name_reason` of its first
    /// part) is known to be `None`. It depends on the word alone, and the rules ask it of
    /// every lowercase word of three letters or more: a page repeats its words, and the
    /// evidence, the lexicon and the entity model were asked again for a word already
    /// answered (a page in Russian, whose words all take the slow path, most of all).
    /// (Only `None` is kept: a reason is rare, and built again.)
    no_reason: Vec<bool>,
    /// The name rules' decisions on the words of the line at hand ([`Named`]), cleared for
    /// each line: one vector per page, where one was allocated (and freed) per line.
    named: Vec<Named>,
}

impl PageMemo {
    /// A memo for a page whose word table holds `distinct_words` words.
    pub fn new(distinct_words: usize) -> Self {
        PageMemo { no_reason: vec![false; distinct_words], named: Vec::new() }
    }
}

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
/// A gap of one space (most gaps) is answered where it is asked, without a call.
#[inline(always)]
pub(super) fn is_space_gap(gap: &str) -> bool {
    gap.as_bytes() == b" " || space_gap_slow(gap)
}

/// [`is_space_gap`] of any gap.
fn space_gap_slow(gap: &str) -> bool {
    // Nearly every gap is ASCII (odd spaces and invisible characters are not): then it is
    // one or more plain spaces.
    if gap.is_ascii() {
        return !gap.is_empty() && gap.bytes().all(|b| b == b' ');
    }
    gap.chars().any(|c| c == ' ' || is_odd_space(c))
        && gap.chars().all(|c| c == ' ' || is_odd_space(c) || is_invisible(c))
}

/// True when `s` ends with a lone letter (an initial: "U.S" before its final full stop).
fn ends_with_initial(s: &str) -> bool {
    let mut it = s.chars().rev();
    it.next().is_some_and(crate::text::is_alphabetic) && !it.next().is_some_and(crate::text::is_alphabetic)
}

/// `line` without trailing spaces, invisible or control characters.
///
/// A C1 control right after a character that may be mojibake stays: it is the undefined
/// last byte of a mis-decoded character ("â€\u{9d}" is "”"), repaired with it.
pub fn trim_end(line: &str) -> &str {
    let t = line.trim_end_matches(is_separator);
    match line[t.len()..].chars().next() {
        Some(c)
            if ('\u{80}'..='\u{9f}').contains(&c)
                && t.chars().next_back().and_then(cp1252_byte).is_some_and(|b| b >= 0x80) =>
        {
            &line[..t.len() + c.len_utf8()]
        }
        _ => t,
    }
}

/// `line` with its mojibake repaired token by token, invisible characters kept (a line of
/// "â€‹" is a line of zero-width spaces): for lines that hold no word once repaired.
pub fn fix_mojibake_keep(line: &str) -> Option<String> {
    // Every repair starts at a lead U+00C2..=U+00F4 (see `fix_mojibake_once`): a line
    // without one (every blank line of nearly every page) is answered before it is split
    // into tokens copied into a vector (-1.0 M instructions a pass over the dev pages).
    if line.is_ascii() || !line.chars().any(|c| ('\u{C2}'..='\u{F4}').contains(&c)) {
        return None;
    }
    let mut changed = false;
    let out: Vec<String> = line
        .split(' ')
        .map(|t| match fix_mojibake(t) {
            Some(f) => {
                changed = true;
                f
            }
            None => t.to_string(),
        })
        .collect();
    changed.then(|| out.join(" "))
}

/// Characters the Unicode rule deletes (rather than replaces).
fn is_removed(c: char) -> bool {
    !is_odd_space(c) && (is_invisible(c) || is_control(c))
}

/// True when `c` can combine with the character before it under NFC (a combining mark, or
/// a character whose NFC quick check is not "yes", such as a Hangul vowel), so a text
/// cannot be normalised in two pieces split just before `c`.
fn joins_previous(c: char) -> bool {
    !c.is_ascii()
        && (unicode_normalization::char::canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || is_invisible(c) || is_odd_space(c) || is_control(c)
}

fn push(
    edits: &mut Vec<Edit>,
    start: usize,
    end: usize,
    rep: String,
    rule: Rule,
    reason: impl Into<Cow<'static, str>>,
) {
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
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    HIGH.iter().find(|(h, _)| *h == c).map(|&(_, b)| b)
}

/// Lead characters of two-byte mojibake that are common and rarely meant: "Ã©" for "é",
/// "Â£" for "£", "Ä…" for "ą", "Ð¿" for "п", "Ø§" for "ا". Others ("É’") are left alone.
const TWO_BYTE_LEADS: [char; 9] = ['Ã', 'Â', 'Ä', 'Å', 'Ð', 'Ñ', 'Ø', 'Ù', '×'];

/// Repairs mojibake in `token`, one UTF-8 sequence at a time: a run of characters whose
/// Windows-1252 bytes form a valid multi-byte UTF-8 character (three or four bytes, or two
/// with a typical lead) is replaced by it. Repeated until stable (double encoding).
fn fix_mojibake(token: &str) -> Option<String> {
    let mut cur = fix_mojibake_once(token)?;
    for _ in 0..3 {
        match fix_mojibake_once(&cur) {
            Some(next) => cur = next,
            None => break,
        }
    }
    Some(cur)
}

/// Whether a decodable sequence is likely mojibake rather than meant: "â€™" (punctuation),
/// two-byte sequences with a typical lead, other three- and four-byte sequences unless
/// they are a letter followed by typographic punctuation ("é’’").
fn plausible(seq: &[char]) -> bool {
    const TYPO: [char; 9] = ['‘', '’', '“', '”', '–', '—', '…', '•', '\u{a0}'];
    match seq.len() {
        2 => TWO_BYTE_LEADS.contains(&seq[0]),
        _ => seq[0] == 'â' || !seq[1..].iter().all(|c| TYPO.contains(c)),
    }
}

fn fix_mojibake_once(token: &str) -> Option<String> {
    // Every repair starts at a lead byte 0xC2..=0xF4, which Windows-1252 reads as
    // U+00C2..=U+00F4, followed at once by a continuation byte 0x80..=0xBF (no ASCII
    // character): most tokens ("don’t", "“quoted”") have no lead, and most that have one
    // ("café", "Pokémon", "José") have no continuation after it, and cost one scan, where
    // each was read into two vectors with a vector per character (-1.0 M instructions a
    // pass over the dev pages; the "â€" of a lost closing quote is such a pair too).
    let mut after_lead = false;
    let pair = token.chars().any(|c| {
        let cont = after_lead && !c.is_ascii() && cp1252_byte(c).is_some_and(|b| (0x80..=0xBF).contains(&b));
        after_lead = ('\u{C2}'..='\u{F4}').contains(&c);
        cont
    });
    if !pair {
        return None;
    }
    let chars: Vec<char> = token.chars().collect();
    let bytes: Vec<Option<u8>> = chars.iter().map(|&c| cp1252_byte(c)).collect();
    let mut out = String::with_capacity(token.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let len = match bytes[i] {
            Some(0xC2..=0xDF) => 2,
            Some(0xE0..=0xEF) => 3,
            Some(0xF0..=0xF4) => 4,
            _ => 0,
        };
        let mut seq: Vec<u8> = Vec::with_capacity(4);
        if len > 0 && i + len <= chars.len() {
            seq.extend(bytes[i + 1..i + len].iter().map_while(|&b| b.filter(|b| (0x80..=0xBF).contains(b))));
            if seq.len() == len - 1 {
                seq.insert(0, bytes[i].unwrap_or(0));
            } else {
                seq.clear();
            }
        }
        // "â€" whose last byte (0x9D, undefined in Windows-1252) was lost: a closing quote.
        if seq.is_empty()
            && chars[i] == 'â'
            && chars.get(i + 1) == Some(&'€')
            && chars.get(i + 2).is_none_or(|c| cp1252_byte(*c).is_none_or(|b| !(0x80..=0xBF).contains(&b)))
        {
            out.push('”');
            changed = true;
            i += 2;
            continue;
        }
        let decoded = std::str::from_utf8(&seq).ok().and_then(|s| s.chars().next());
        match decoded {
            Some(c) if !c.is_control() && plausible(&chars[i..i + len]) => {
                out.push(c);
                changed = true;
                i += len;
            }
            _ => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    changed.then_some(out)
}

/// Abbreviations whose full stop ends no sentence (lowercase, without the stop): see
/// [`abbreviation`].
const ABBREV: [&str; 36] = [
    "mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "no", "approx", "jr", "sr", "inc", "ltd", "co", "corp",
    "gen", "gov", "sen", "rep", "fig", "al", "p", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec",
];

/// Whether a full stop after `word` (as written) ends an abbreviation, not a sentence: one
/// of [`ABBREV`] or a title ("Sgt.", "Prof.": "sgt. n" would become "sgt. N", and the title
/// before a name "Sgt. N" on the next cleaning), case ignored, or a state's abbreviation as
/// written ("Calif. may raise"; "ill. she" is a sentence's start). The sentence-start
/// capital and the title test of a heading (`body::abbreviation_stop`) read it.
pub(super) fn abbreviation(word: &str) -> bool {
    let lower = crate::text::to_lowercase(word);
    ABBREV.contains(&lower.as_str())
        || casing::is_title(&lower)
        || crate::text::US_STATE_ABBREVIATIONS.iter().any(|a| a.strip_suffix('.') == Some(word))
}

/// Whether the word at `s..e` of `line` stands as a word of prose: after a space, the
/// line's start or an opening mark, and not part of a URL, a handle, a domain or code
/// ("pic.twitter.com/x", "@handle", "min[ute]"). Casing leaves anything else as written.
///
/// The token is read up to `limit`, where the spacing rule inserts a space (the next
/// cleaning reads the token that far only); `spaced`: a space is inserted before the word.
///
/// Most words stand between plain spaces (or a line's ends): then nothing is glued to them,
/// and the tests of [`glued_free_standing`] would all pass. That is answered where it is
/// asked, without a call (asked of most words, up to twice).
#[inline(always)]
fn free_standing(line: &str, s: usize, e: usize, limit: usize, spaced: bool) -> bool {
    let b = line.as_bytes();
    ((spaced || s == 0 || b[s - 1] == b' ') && b.get(e).is_none_or(|&c| c == b' '))
        || glued_free_standing(line, s, e, limit, spaced)
}

/// [`free_standing`] of a word with something other than a space beside it.
fn glued_free_standing(line: &str, s: usize, e: usize, limit: usize, spaced: bool) -> bool {
    // (The casing evidence asks the same of a word it reads as repaired.)
    let ok_before = spaced || casing::stands_after(&line[..s]);
    let token_end = line[e..].find(char::is_whitespace).map_or(line.len(), |i| e + i).min(limit.max(e));
    let tail = &line[e..token_end];
    let codey = tail.contains(['/', '@', '[', '_', '=']) || {
        // ".com": a full stop before a lowercase letter or a digit inside the token (the
        // spacing rule leaves those glued).
        let mut cs = tail.chars();
        cs.next() == Some('.') && cs.next().is_some_and(|c| c.is_lowercase() || c.is_numeric())
    };
    ok_before && !codey
}

/// A run of the normalised line and where it came from.
#[derive(Debug, Clone, Copy)]
struct Seg {
    /// Range in the normalised line.
    n_start: usize,
    n_end: usize,
    /// Range in the original line.
    o_start: usize,
    o_end: usize,
    /// Index of the character-level edit that produced it, or `None` for a copied run.
    edit: Option<usize>,
}

/// A line after the character-level repairs (odd spaces, invisible and control characters,
/// mojibake, NFC): the text later rules read, and the map back to the original line.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The repaired line.
    pub text: String,
    segs: Vec<Seg>,
    /// The character-level edits, offsets relative to the line.
    edits: Vec<(usize, usize, String, Rule, &'static str)>,
}

/// Character-level repairs of one line; `None` when the line needs none. The line starts
/// with `printable` bytes of printable ASCII or tabs ([`printable_prefix`], asked by the
/// line splitting first: a line all of them is ASCII, which it tells the rules that tested
/// it again).
pub fn normalize(line: &str, printable: usize) -> Option<Normalized> {
    // ASCII lines only need the control-character check: printable ASCII and tabs, in one
    // pass over the bytes (an ASCII test, then a control test, read each line twice).
    let b = line.as_bytes();
    if printable == b.len() {
        return None;
    }
    // Nor do lines whose only non-ASCII characters are general punctuation (U+2010..=U+2027:
    // curly quotes, dashes, the ellipsis; most non-ASCII lines of English pages): none of
    // them is a separator, removed or an odd space, a token of them is NFC (see `nfc` below)
    // and holds no mojibake lead (U+00C2..=U+00F4), so every test below would pass. One scan
    // instead of those tests on every character (a tenth of splitting a page into lines).
    // Likewise Cyrillic letters (U+0400..=U+04FF without the combining marks U+0483..=U+0489;
    // a page in Russian sent every line through the tests below, character by character):
    // none is a separator or removed, none composes with a neighbour under NFC, and none
    // is a mojibake lead, so every test would pass (the unit test runs them on each).
    // Likewise Latin-1 (U+00A1..=U+00FF without the soft hyphen U+00AD: accented letters,
    // "©", "£", "«»"): none is a separator or removed, each is NFC whatever surrounds it
    // (below U+0300), and a mojibake repair needs a lead (U+00C2..=U+00F4) followed at
    // once by a character whose Windows-1252 byte continues it (0x80..=0xBF: U+0080..=U+00BF,
    // or a character of U+2000.. such as a curly quote), which `quiet` turns away.
    // (Read from the first byte that is not printable ASCII: the bytes before it pass.)
    if quiet(&b[printable..]) {
        return None;
    }
    normalize_each(line)
}

/// Whether every character of `b` (a line's UTF-8) is printable ASCII or a tab, general
/// punctuation, plain Cyrillic or Latin-1 but for a mojibake pair (see [`normalize`]), read
/// from its bytes: U+2010..=U+2027 is E2 80 90..=A7, U+0400..=U+04FF a lead byte D0..=D3,
/// without D2 83..=D2 89 ([`plain_cyrillic`]); U+00A1..=U+00BF is C2 A1..=BF (without C2
/// AD, the soft hyphen), U+00C0..=U+00FF is C3 80..=BF, and of them a mojibake lead
/// (U+00C2..=U+00F4, C3 82..=B4) is let through only when no character that may continue
/// it follows (one led by C2, U+0080..=U+00BF, or by E2, U+2000..=U+2FFF: the Windows-1252
/// bytes 0x80..=0xBF of such characters are among them). (Decoding each character first
/// cost 1.3 M instructions more a pass; a unit test compares the two on every character
/// the test lets through and around.) Lines with an accented letter or a copyright sign
/// went through `normalize_each`'s tests character by character (-3.4 M instructions a
/// pass over the dev pages).
pub(super) fn quiet(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' '..=b'~' | b'\t' => i += 1,
            0xE2 if crate::text::general_punctuation_at(b, i) => i += 3,
            0xD0 | 0xD1 | 0xD3 => i += 2,
            0xD2 if b.get(i + 1).is_some_and(|c| !(0x83..=0x89).contains(c)) => i += 2,
            0xC2 if b.get(i + 1).is_some_and(|&c| c >= 0xA1 && c != 0xAD) => i += 2,
            0xC3 if b.get(i + 1).is_some_and(|c| !(0x82..=0xB4).contains(c))
                || !matches!(b.get(i + 2), Some(0xC2 | 0xE2)) =>
            {
                i += 2
            }
            _ => return false,
        }
    }
    true
}

/// How many bytes `b` starts with that are printable ASCII or a tab (`b' '..=b'~' |
/// b'\t'`; `b.len()` when all are), tested eight bytes at a time: a byte below 0x20 or from
/// 0x7F up in a word of eight is found by two carries (exact for "any"); such a word, or
/// the tail, is tested byte by byte (a tab passes there). Every line of every page is
/// asked; a line that fails is read by [`quiet`] from that byte on, not from its start
/// again (most are English lines whose first curly quote or dash is well inside them).
pub(super) fn printable_prefix(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let byte_ok = |c: &u8| matches!(c, b' '..=b'~' | b'\t');
    let mut words = b.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        // A byte below 0x20 (borrows through it); one from 0x7F up (its high bit, or
        // after adding one: no carry leaves a byte below 0x80).
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        let above = (x | x.wrapping_add(ONES)) & HIGH;
        if below | above != 0 {
            if let Some(i) = w.iter().position(|c| !byte_ok(c)) {
                return at + i;
            }
        }
        at += 8;
    }
    let tail = words.remainder();
    at + tail.iter().position(|c| !byte_ok(c)).unwrap_or(tail.len())
}

/// A Cyrillic letter or sign that is not a combining mark (see [`normalize`]).
pub(super) fn plain_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{482}' | '\u{48A}'..='\u{4FF}')
}

/// Whether `c` lies between the characters [`normalize_each`] removes, replaces or splits
/// tokens at (U+00AD, the soft hyphen, and U+1680, the Ogham space; U+3000, the
/// ideographic space, and U+FEFF, the byte-order mark; beyond U+FFFF): Latin, Greek,
/// Cyrillic, Hebrew, Arabic and Indic letters, CJK. (A unit test checks every character.)
fn plain_letter(c: char) -> bool {
    matches!(c, '\u{AE}'..='\u{167F}' | '\u{3001}'..='\u{FEFE}' | '\u{10000}'..)
}

/// [`normalize`] without its shortcuts: every character and token tested.
pub(super) fn normalize_each(line: &str) -> Option<Normalized> {
    let mut edits: Vec<(usize, usize, String, Rule, &'static str)> = Vec::new();
    let token = |s: usize, e: usize, edits: &mut Vec<(usize, usize, String, Rule, &'static str)>| {
        let tok = &line[s..e];
        // ASCII with no removed character: among ASCII characters only the controls other
        // than tab, newline and return are removed (one byte test each).
        if tok.bytes().all(|b| matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r')) {
            return;
        }
        // A token may hold removed characters that were glued into it (see below).
        let glued = tok.chars().any(is_removed);
        let kept: Cow<str> =
            if glued { tok.chars().filter(|&c| !is_removed(c)).collect::<String>().into() } else { tok.into() };
        // Characters below U+0300, general punctuation and plain Cyrillic (no combining
        // mark: every one has combining class 0 and passes the NFC quick check, see the
        // unit test) are NFC whatever surrounds them. (A token of a page in Russian next
        // to a no-break space or guillemets came here, and the quick check's table was a
        // third of this closure.)
        let nfc = kept.chars().all(|c| c < '\u{300}' || ('\u{2010}'..='\u{2027}').contains(&c) || plain_cyrillic(c))
            || is_nfc(&kept);
        let composed: Cow<str> = if nfc { kept } else { kept.nfc().collect::<String>().into() };
        // A glued C1 control may be the last byte of a mis-decoded character: tried first.
        let raw_fix = if glued { fix_mojibake(tok).filter(|f| !f.chars().any(is_control)) } else { None };
        if let Some(fixed) = raw_fix.or_else(|| fix_mojibake(&composed)) {
            let fixed: String = fixed.chars().filter(|&c| !is_separator(c)).nfc().collect();
            edits.push((s, e, fixed, Rule::Mojibake, "mojibake (UTF-8 read as Windows-1252)"));
        } else if glued {
            edits.push((
                s,
                e,
                composed.into_owned(),
                Rule::Unicode,
                "control or zero-width character before a combining mark",
            ));
        } else if !nfc {
            edits.push((s, e, composed.into_owned(), Rule::Unicode, "Unicode normalisation (NFC)"));
        }
    };
    let mut tok_start: Option<usize> = None;
    // Removing a control or zero-width character joins its neighbours; when the character
    // after such a run is a combining mark (or composes with what precedes it), the join
    // would leave text that is not NFC, and a second cleaning would change it. Such runs are
    // glued into the surrounding token instead, which is then normalised as a whole.
    let (mut scanned, mut glue_end) = (0, 0);
    for (i, c) in line.char_indices() {
        // Printable ASCII and tabs, most characters even of the lines that come here: none
        // is removed, odd or invisible, and only a space or a tab separates tokens (the
        // general tests below give the same answers; the unit test `ascii_fast_path_answers_as_the_tests`
        // runs both).
        if matches!(c, ' '..='~' | '\t') && i >= glue_end {
            if c == ' ' || c == '\t' {
                if let Some(s) = tok_start.take() {
                    token(s, i, &mut edits);
                }
            } else if tok_start.is_none() {
                tok_start = Some(i);
            }
            continue;
        }
        // Likewise a character of a block without removed, odd, invisible or white-space
        // characters ([`plain_letter`]: letters of other scripts, most characters of the
        // other lines that come here): part of a token, as the tests below find it (-1.43 M
        // instructions a pass over the dev pages; the unit test runs both).
        if plain_letter(c) {
            tok_start.get_or_insert(i);
            continue;
        }
        if is_removed(c) && i >= scanned {
            let rest = &line[i..];
            scanned = i + rest.find(|d: char| !is_removed(d)).unwrap_or(rest.len());
            // Likewise when the join would make a mojibake pair ("â", a control, "€"): the
            // next cleaning would repair the pair, so this one repairs the glued token.
            // (Or inside one: "ã€", a control, "™" joins into the three bytes of "〙".)
            let lead = line[..i].chars().next_back().and_then(cp1252_byte).is_some_and(|b| (0x80..=0xF4).contains(&b));
            let next = line[scanned..].chars().next();
            let cont = next.and_then(cp1252_byte).is_some_and(|b| (0x80..=0xBF).contains(&b));
            // And a C1 control after a character that may be mojibake: the bytes Windows-1252
            // leaves undefined pass through as controls ("ðŸ™\u{81}" is "🙁"), so the
            // control belongs to the token it ends.
            let c1_tail = ('\u{80}'..='\u{9f}').contains(&c)
                && line[..i].chars().next_back().and_then(cp1252_byte).is_some_and(|b| b >= 0x80);
            if next.is_some_and(joins_previous) || (lead && cont) || c1_tail {
                glue_end = scanned;
            }
        }
        if i < glue_end {
            tok_start.get_or_insert(i);
            continue;
        }
        if is_separator(c) {
            if let Some(s) = tok_start.take() {
                token(s, i, &mut edits);
            }
            let end = i + c.len_utf8();
            if is_odd_space(c) {
                edits.push((i, end, " ".into(), Rule::Unicode, "no-break or odd space"));
            } else if is_invisible(c) {
                edits.push((i, end, String::new(), Rule::Unicode, "zero-width or soft hyphen"));
            } else if is_control(c) {
                edits.push((i, end, String::new(), Rule::Unicode, "control character"));
            }
        } else if tok_start.is_none() {
            tok_start = Some(i);
        }
    }
    if let Some(s) = tok_start {
        token(s, line.len(), &mut edits);
    }
    if edits.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(line.len());
    let mut segs = Vec::with_capacity(edits.len() * 2 + 1);
    let mut cursor = 0;
    for (k, (s, e, rep, _, _)) in edits.iter().enumerate() {
        if *s > cursor {
            segs.push(Seg {
                n_start: text.len(),
                n_end: text.len() + s - cursor,
                o_start: cursor,
                o_end: *s,
                edit: None,
            });
            text.push_str(&line[cursor..*s]);
        }
        segs.push(Seg { n_start: text.len(), n_end: text.len() + rep.len(), o_start: *s, o_end: *e, edit: Some(k) });
        text.push_str(rep);
        cursor = *e;
    }
    if cursor < line.len() {
        segs.push(Seg {
            n_start: text.len(),
            n_end: text.len() + line.len() - cursor,
            o_start: cursor,
            o_end: line.len(),
            edit: None,
        });
        text.push_str(&line[cursor..]);
    }
    Some(Normalized { text, segs, edits })
}

impl Normalized {
    /// The segment holding normalised offset `n` (for `n` at the end: the last segment).
    fn seg_at(&self, n: usize) -> Option<usize> {
        let i = self.segs.partition_point(|s| s.n_end <= n);
        if i < self.segs.len() {
            Some(i)
        } else {
            self.segs.len().checked_sub(1)
        }
    }

    /// Original offset of normalised offset `n` (exact in copied runs; edges of edits).
    pub(super) fn to_original(&self, n: usize, is_end: bool) -> usize {
        match self.seg_at(n) {
            Some(i) => {
                let s = self.segs[i];
                if s.edit.is_none() {
                    s.o_start + (n.min(s.n_end) - s.n_start)
                } else if is_end && n > s.n_start {
                    s.o_end
                } else {
                    s.o_start
                }
            }
            None => n,
        }
    }
}

/// Proposes the repairs inside one line: `line` is the original line (without trailing
/// spaces) starting at byte `base`, `norm` its character-level repairs, `names` how many
/// names may be capitalised (see `body::caps_budget`), `forced` letters to capitalise (from
/// a doubled title, or a line in title case), sorted, each with its reason, with whether
/// the line is in title case, `goes_on` whether it continues the sentence of the line
/// before (nine arguments: each is one fact about the line). Word-level rules read
/// the repaired line, so cleaning the result again finds nothing more to do.
#[allow(clippy::too_many_arguments)]
pub fn propose_line(
    base: usize,
    line: &str,
    norm: Option<&Normalized>,
    (words, numbers, memo): (Words<'_>, &[u32], &mut PageMemo),
    ctx: &Context,
    names: usize,
    (forced, title): (&[(usize, &'static str)], bool),
    goes_on: bool,
    edits: &mut Vec<Edit>,
) {
    let view: &str = norm.map_or(line, |n| n.text.as_str());
    let mut word_edits: Vec<WordEdit> = Vec::new();
    propose_words(view, (words, numbers, memo), ctx, names, (forced, title), goes_on, &mut word_edits);
    // Case and typo repairs that would put the line in title case, or make its capitals
    // read as its style, are left out (see `changes_style`); the capitals a doubled title
    // gives back are kept.
    let own = |e: &WordEdit| {
        matches!(e.3, Rule::Capitalisation | Rule::Typo) && forced.binary_search_by_key(&e.0, |f| f.0).is_err()
    };
    if !title && word_edits.iter().any(own) && changes_style(view, &word_edits) {
        let others: Vec<WordEdit> = word_edits.iter().filter(|e| !own(e)).cloned().collect();
        if !changes_style(view, &others) {
            word_edits = others;
        }
    }
    // Typo repairs that would complete a chrome pattern's wording are left out too: the
    // next cleaning would remove the line as chrome ("refrain from using derogator" ->
    // "derogatory", the wording of a comment policy; found by the clean fuzz target). Asked
    // only of a line with a typo repair (few), on every cleaning alike (idempotence).
    if word_edits.iter().any(|e| e.3 == Rule::Typo)
        && super::body::chrome_wording(&repaired(view, &word_edits))
        && !super::body::chrome_wording(view)
    {
        word_edits.retain(|e| e.3 != Rule::Typo);
    }
    // A space inserted where a capital is also restored: one edit (" K"), since two edits
    // starting at the same offset would not both apply.
    // Offsets of both kinds are ascending (proposed left to right): binary searches keep a
    // megabyte line with thousands of repairs linear-ish.
    // Likewise a space inserted before a typo (" entry").
    let inserts: Vec<usize> = word_edits.iter().filter(|e| e.3 == Rule::Spacing).map(|e| e.0).collect();
    let folds = |r: Rule| matches!(r, Rule::Capitalisation | Rule::Typo);
    for e in word_edits.iter_mut().filter(|e| folds(e.3) && inserts.binary_search(&e.0).is_ok()) {
        e.2.insert(0, ' ');
        e.4 = format!("missing space after punctuation; {}", e.4).into();
    }
    let mut merged: Vec<usize> =
        word_edits.iter().filter(|e| folds(e.3) && e.2.starts_with(' ')).map(|e| e.0).collect();
    merged.sort_unstable();
    word_edits.retain(|e| !(e.3 == Rule::Spacing && merged.binary_search(&e.0).is_ok()));
    // Right to left, so folding several changes into one replacement keeps offsets valid.
    word_edits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let Some(norm) = norm else {
        for (s, e, rep, rule, why) in word_edits {
            push(edits, base + s, base + e, rep, rule, why);
        }
        return;
    };
    let mut char_edits = norm.edits.clone();
    let mut reasons: Vec<Option<Cow<'static, str>>> = vec![None; char_edits.len()];
    for (s, e, rep, rule, why) in word_edits {
        if rule.kind() == super::EditKind::Flag {
            let (os, oe) = (norm.to_original(s, false), norm.to_original(e, true));
            if os < oe {
                push(edits, base + os, base + oe, line[os..oe].to_string(), rule, why);
            }
            continue;
        }
        if rule == Rule::Typo {
            // A typo may span removed characters ("an\u{1}er"): one edit over the whole
            // original word, enclosing the character-level edits inside it (nested edits),
            // unless one of them reaches out of the word.
            let (os, oe) = (norm.to_original(s, false), norm.to_original(e, true));
            let nested = norm.edits.iter().all(|c| c.1 <= os || c.0 >= oe || (c.0 >= os && c.1 <= oe));
            if nested && os < oe && norm.seg_at(s).is_some_and(|i| norm.segs[i].edit.is_none()) {
                push(edits, base + os, base + oe, rep, rule, why);
                continue;
            }
        }
        let Some(i) = norm.seg_at(s) else { continue };
        let seg = norm.segs[i];
        if e > seg.n_end && s != e {
            continue; // crosses a repaired run: left out (rare)
        }
        match seg.edit {
            None => {
                let os = seg.o_start + (s.min(seg.n_end) - seg.n_start);
                let oe = seg.o_start + (e.min(seg.n_end) - seg.n_start);
                push(edits, base + os, base + oe, rep, rule, why);
            }
            Some(k) => {
                // Inside a repaired run: fold the change into that run's replacement.
                let r = &mut char_edits[k].2;
                let (a, b) = (s - seg.n_start, e.min(seg.n_end) - seg.n_start);
                if a <= b && b <= r.len() && r.is_char_boundary(a) && r.is_char_boundary(b) {
                    r.replace_range(a..b, &rep);
                    reasons[k] = Some(why);
                }
            }
        }
    }
    for ((s, e, rep, rule, why), extra) in char_edits.into_iter().zip(reasons) {
        let reason = match extra {
            Some(x) => format!("{why}; {x}").into(),
            None => Cow::Borrowed(why),
        };
        edits.push(Edit { id: 0, start: base + s, end: base + e, replacement: rep, rule, reason });
    }
}

/// Whether the word-level repairs `edits` of a line that is not in title case would put it
/// in title case (`body::title_case`). A pair repair ("met Donald" -> "Met Donald", from the
/// pair seen elsewhere) or a typo repair can give a line its second capitalised common word;
/// the next cleaning would then read it as a heading in title case and capitalise its other
/// words. Such a line keeps those repairs out, on every cleaning alike: the evidence and the
/// line are the same each time, so the test is too (idempotence).
/// The same holds for a line whose capitals the repairs would make its style
/// (`body::styled`, found by the fuzz target: "e Wall street Journal. kremnald s kremnald"
/// with "street" repaired from the pair became a styled line, which is no casing evidence,
/// and the next cleaning lost the lowercase "kremnald" that had kept the sentence-start
/// one lowercase).
fn changes_style(view: &str, edits: &[WordEdit]) -> bool {
    let after = repaired(view, edits);
    let ws: Vec<(usize, usize)> = crate::text::words(&after).collect();
    super::body::title_case(&after, &ws).is_some()
        || (super::body::styled(&after, &ws)
            && !super::body::styled(view, &crate::text::words(view).collect::<Vec<_>>()))
}

/// `view` with the word-level `edits` applied (flags left out).
fn repaired(view: &str, edits: &[WordEdit]) -> String {
    let mut changes: Vec<&WordEdit> = edits.iter().filter(|e| e.3.kind() != super::EditKind::Flag).collect();
    changes.sort_by_key(|e| (e.0, e.1));
    let mut after = String::with_capacity(view.len() + 8);
    let mut at = 0;
    for (s, e, rep, ..) in changes {
        if *s < at || *e > view.len() {
            continue;
        }
        after.push_str(&view[at..*s]);
        after.push_str(rep);
        at = *e;
    }
    after.push_str(&view[at..]);
    after
}

/// What the name rules of [`propose_words`] decide about one word of a line.
/// (Nothing to drop: the vector of them is cleared and refilled for every line, 1.9 M
/// instructions a pass over the dev pages while the reason was a `Cow`, -1.0 M since.)
#[derive(Debug, Clone, Copy, Default)]
struct Named {
    /// Why a name rule capitalises the word (`None`: none does).
    why: Option<Why>,
    /// The word is capitalised, as written or once repaired.
    capital: bool,
    /// A lowercase word that a name rule may capitalise.
    eligible: bool,
}

/// Why a name rule capitalises a word ([`Named::why`]): a fixed phrase, or a reason built
/// for the word (the count of its capitalised uses: rare), kept in the line's list of such
/// reasons by its index there.
#[derive(Debug, Clone, Copy)]
enum Why {
    Fixed(&'static str),
    Owned(usize),
}

impl Why {
    /// The reason `why`, an owned one kept in `owned`.
    fn keep(why: Cow<'static, str>, owned: &mut Vec<String>) -> Why {
        match why {
            Cow::Borrowed(s) => Why::Fixed(s),
            Cow::Owned(s) => {
                owned.push(s);
                Why::Owned(owned.len() - 1)
            }
        }
    }

    /// The reason itself (an owned one taken out of `owned`: each is read once).
    fn reason(self, owned: &mut [String]) -> Cow<'static, str> {
        match self {
            Why::Fixed(s) => Cow::Borrowed(s),
            Why::Owned(i) => Cow::Owned(std::mem::take(&mut owned[i])),
        }
    }
}

/// The first part of word `w` with shape bits `bits`: the whole word unless it has a hyphen
/// or an apostrophe (the bits tell; most words have neither), else as `casing::parts`
/// splits it.
fn first_part(w: &str, bits: u16) -> &str {
    if bits & shape::HEAD_WHOLE != 0 {
        w
    } else {
        casing::parts(w).next().map_or(w, |(_, p)| p)
    }
}

/// The reason of a capital given to a sentence's first word. A line's first word gets it
/// when the content line before it in the cleaned text closes a sentence, which depends on
/// the lines the user keeps: [`super::apply`] checks it against the text it writes.
pub(crate) const SENTENCE_START: &str = "sentence starts lowercase";

/// Whether a line ending in `t` (trimmed) closes its sentence, so that the next line's
/// first word opens one.
pub(crate) fn closes_line(t: &str) -> bool {
    t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', '…'])
}

/// The six marks the spacing repair reads (`,` `.` `;` `:` `!` `?`), as bits by byte: all
/// are ASCII bytes below 64, so a byte is tested with one shift of a mask.
const MARKS: u64 = 1 << b',' | 1 << b'.' | 1 << b';' | 1 << b':' | 1 << b'!' | 1 << b'?';

/// Where the first of [`MARKS`] is in `b` from byte `from` on. Every byte of every line is
/// read here: eight bytes at a time, a word without a byte from 0x21 to 0x3F (the marks'
/// range, with digits, quotes and brackets; a run of letters and spaces has none) is
/// stepped over whole, found by carries on the bytes' low seven bits (no carry crosses a
/// byte) with the bytes of 0x80 and up masked out; other words are read byte by byte.
/// (-5.5 M instructions a pass over the dev pages; the unit test compares it with the bytewise
/// search.) Each word of eight read as an array (`[u8; 8]`): built from the slice's eight
/// bytes by index, each index was checked (1.7 M instructions a pass more).
fn next_mark(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::MAX / 0xFF;
    const HIGH: u64 = ONES * 0x80;
    let is_mark = |c: &u8| *c < 64 && MARKS >> *c & 1 != 0;
    let mut i = from;
    while let Some(w) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let x = u64::from_le_bytes(w);
        let low = x & !HIGH;
        // The high bit of each byte whose low seven bits are `k` or more.
        let ge = |k: u64| (low + ONES * (0x80 - k)) & HIGH;
        if ge(0x21) & !ge(0x40) & !x != 0 {
            if let Some(at) = w.iter().position(is_mark) {
                return Some(i + at);
            }
        }
        i += 8;
    }
    b.get(i..)?.iter().position(is_mark).map(|at| i + at)
}

/// Word-level repairs on a (normalised) line with words `ws` (and their lexicon flags and
/// shape bits), offsets relative to it.
fn propose_words(
    line: &str,
    ((ws, flags, shapes), numbers, memo): (Words<'_>, &[u32], &mut PageMemo),
    ctx: &Context,
    names: usize,
    (forced, title): (&[(usize, &'static str)], bool),
    goes_on: bool,
    edits: &mut Vec<WordEdit>,
) {
    // Missing space after punctuation.
    // Most marks are followed by a space or another ASCII character that is no letter:
    // rejected on that byte, before the characters around the mark are decoded (no byte of
    // a longer character is ASCII).
    let bytes = line.as_bytes();
    let mut last_insert = 0;
    let mut from = 1;
    while let Some(i) = next_mark(bytes, from) {
        from = i + 1;
        if bytes.get(i + 1).is_some_and(|&n| n.is_ascii() && !n.is_ascii_alphabetic()) {
            continue;
        }
        let Some(prev) = line[..i].chars().next_back() else { continue };
        let Some(next) = line[i + 1..].chars().next() else { continue };
        if !(crate::text::is_alphabetic(prev) || matches!(prev, ')' | '”' | '’' | '"'))
            || !(crate::text::is_alphabetic(next) || next == '“')
        {
            continue;
        }
        let cut = i + 1;
        if glue_is_legit(line, i, cut, last_insert) {
            continue;
        }
        last_insert = cut;
        edits.push((cut, cut, " ".into(), Rule::Spacing, "missing space after punctuation".into()));
    }

    // Ascending (proposed left to right), searched by bisection.
    let inserted: Vec<usize> = edits.iter().filter(|e| e.3 == Rule::Spacing).map(|e| e.0).collect();
    // Capitalisation and spinner flags, word by word.
    let line_words = ws.len();
    // Not right after glued punctuation ("the.kremlin", or "’?é" at a line start): the
    // spacing rule reads the case of that letter, so a capital there would make the next
    // cleaning insert a space.
    // (A byte test: the marks are ASCII, and no byte of a longer character equals one.)
    let glued_at = |s: usize| {
        s > 0
            && matches!(line.as_bytes()[s - 1], b',' | b'.' | b';' | b':' | b'!' | b'?')
            && inserted.binary_search(&s).is_err()
    };
    // A capital must not complete a mojibake pair with the next character ("â¡" would
    // become "Â¡", which the next cleaning reads as a mis-decoded "¡").
    // (An ASCII character has no Windows-1252 byte of 0x80 or more: most words answer
    // without the table.)
    let makes_mojibake = |s: usize| {
        let mut cs = line[s..].chars();
        cs.next();
        cs.next().filter(|c| !c.is_ascii()).and_then(cp1252_byte).is_some_and(|b| (0x80..=0xBF).contains(&b))
    };
    // Proper-name repairs, decided right to left so that each word sees the next one as it
    // will read once repaired: "donald Trump" when "Donald Trump" is in the text (a pair),
    // and the pair "met Donald" only applies where "donald" itself becomes "Donald". Names
    // are repaired only in running text.
    // Where the spacing rule inserts its next space after offset `e`.
    let limit_after = |e: usize| inserted.get(inserted.partition_point(|&i| i <= e)).copied().unwrap_or(line.len());
    let forced_at = |at: usize| -> Option<Cow<'static, str>> {
        forced.binary_search_by_key(&at, |f| f.0).ok().map(|i| Cow::Borrowed(forced[i].1))
    };
    let upper_first = |p: &str| -> Option<String> {
        let mut u = p.chars().next()?.to_uppercase();
        let c = u.next()?;
        u.next().is_none().then(|| c.to_string())
    };
    // Per word: why a name rule capitalises it, whether it is (or becomes) capitalised, and
    // whether a name rule may capitalise it (checked in the right-to-left pass). One vector
    // of the three (a line's allocations were a tenth of these rules' cost), the page's,
    // cleared for each line (as a slice: reached through the memo's vector, the rules' code
    // read its length and pointer again, and cost more than the allocation it saved).
    let PageMemo { no_reason, named } = memo;
    named.clear();
    named.resize(ws.len(), Named::default());
    let named = &mut named[..];
    // The reasons built for a word of the line ([`Why::Owned`]).
    let mut owned: Vec<String> = Vec::new();
    // The key of a pair, built in one buffer for the line (see `casing::pair_key_into`).
    let mut key = String::new();
    // Whether a lowercase word stands where a capital may be given it: a first part of two
    // characters or more, not glued to a mark before it, no mojibake pair made, a first
    // letter with one capital, free-standing. The rules decide first and this is asked
    // after, only of a word one of them capitalises (or that the names-after-a-name pass
    // reads): most words are capitalised by none, and were placed all the same (-7.2 M
    // instructions a pass over the dev pages). Every rule is a pure test of the line and
    // the decisions to its right, so the order changes nothing else.
    let placed_at = |k: usize| {
        let (s, e) = ws[k];
        let w = &line[s..e];
        let bits = shapes[k];
        let base = first_part(w, bits);
        let first = w.chars().next().unwrap_or(' ');
        !((bits & shape::HEAD_LONG == 0 && base.chars().count() < 2)
            || glued_at(s)
            || makes_mojibake(s)
            || (!first.is_ascii() && first.to_uppercase().count() != 1)
            || !free_standing(line, s, e, limit_after(e), inserted.binary_search(&s).is_ok()))
    };
    'words: for k in (0..ws.len()).rev() {
        let (s, e) = ws[k];
        let bits = shapes[k];
        // Parts after a hyphen ("Trump-putin"), on their own evidence: never a sentence
        // start, so only a name makes them capital.
        // Only after a capitalised first part: "Trump-putin", not "cross-network".
        // (The shape bits tell which words have later parts, a hyphen or an apostrophe: most
        // have none. The word is sliced out of the line, which checks both ends for a
        // character boundary, only when its text is read: a capitalised word, and any word
        // of a line without a budget for names, is answered by its bits. -3.1 M instructions
        // a pass over the dev pages.)
        if names != 0 && bits & shape::HEAD_CAPITALISED != 0 && bits & shape::HEAD_WHOLE == 0 {
            for (off, p) in casing::parts(&line[s..e]).skip(1) {
                let at = s + off;
                if p.chars().count() < 2 || !p.chars().all(char::is_lowercase) || makes_mojibake(at) {
                    continue;
                }
                let why = forced_at(at).or_else(|| if p.chars().count() >= 3 { ctx.name_reason(p) } else { None });
                if let (Some(why), Some(rep)) = (why, upper_first(p)) {
                    let end = at + p.chars().next().map_or(0, char::len_utf8);
                    edits.push((at, end, rep, Rule::Capitalisation, why));
                }
            }
        }
        if bits & shape::UPPER_FIRST != 0 {
            named[k].capital = true;
            continue;
        }
        // Only a word whose first part is all lowercase, on a line with a budget for names;
        // where it stands is asked once a rule capitalises it (`placed_at`).
        if names == 0 || bits & shape::HEAD_LOWER == 0 {
            continue;
        }
        // A function word ("the", "to") is capitalised in titles, never as a name.
        // (The whole word's shape bits tell, found once per distinct word of the page.)
        // (A word of one part is whole by its bits, and the word is sliced out of the line,
        // which checks both ends for a character boundary, only where its text is read:
        // most words are answered by their number and their neighbours' bits. -0.8 M
        // instructions a pass over the dev pages.)
        let whole = bits & shape::STOP == 0
            && (bits & shape::HEAD_WHOLE != 0 || {
                let w = &line[s..e];
                first_part(w, bits).len() == w.len()
            });
        let long = bits & shape::HEAD_LONG != 0;
        // The rules in order, the first that gives a reason deciding; each a pure test of
        // the line and the decisions to its right.
        // (As one block with early exits, not a chain of `Option::or_else` closures: every
        // rule after the word's own evidence reads a capitalised neighbour, the next word
        // (capitalised as written or once repaired) or the word before (an upper start),
        // and most lowercase words have neither: they are answered there, before the pair
        // and first-name tests are set up. The chain moved its `Option<Cow>` through each
        // closure: -5.2 M instructions a pass over the dev pages.)
        let why: Option<Cow<'static, str>> = 'why: {
            if let Some(why) = forced_at(s) {
                break 'why Some(why);
            }
            // The reason depends on the word alone (its first part is found from it): a
            // `None` is kept by the word's number, and not asked again.
            // (Its length first: a short word's number is not read.)
            let ask = long && !no_reason[numbers[k] as usize];
            let next_is_capital = named.get(k + 1).is_some_and(|n| n.capital);
            let beside_capital = whole && (next_is_capital || (k > 0 && shapes[k - 1] & shape::UPPER_START != 0));
            if !ask && !beside_capital {
                // (No reason, as most words: its decision is the default one but for its
                // eligibility, written at once rather than through the steps below: -0.60 M
                // instructions a pass over the dev pages.)
                named[k].eligible = whole;
                continue 'words;
            }
            let w = &line[s..e];
            let base = first_part(w, bits);
            if ask {
                // The whole word, lowercase ASCII: its flags are the line's (see `body::Line`).
                // (ASCII by its bits when all lowercase ASCII letters, most such words.)
                // (Its counts by its number in the page's word table: -1.7 M instructions a pass
                // over the dev pages.)
                let why = if base.len() == w.len() && (bits & shape::ASCII_LOWER != 0 || w.is_ascii()) {
                    ctx.name_reason_numbered(base, flags[k], numbers[k])
                } else {
                    ctx.name_reason(base)
                };
                no_reason[numbers[k] as usize] = why.is_none();
                if why.is_some() {
                    break 'why why;
                }
            }
            if !beside_capital {
                break 'why None;
            }
            let next_capital = ws
                .get(k + 1)
                .filter(|&&(ns, _)| next_is_capital && is_space_gap(&line[e..ns]))
                .map(|&(ns, ne)| &line[ns..ne]);
            // A name beside the next word, or part of a known name with it
            // (`casing::name_beside`, `casing::known_name`), as the casing evidence found it
            // for the same words (`Context::reason_before`: -1.6 M instructions a pass over
            // the dev pages).
            if let Some(why) = next_capital.and_then(|nw| ctx.reason_before(w, nw)) {
                break 'why Some(Cow::Borrowed(why));
            }
            // Why a pair with the next word repairs this one: seen capitalised, or made by a
            // name repair of this cleaning (then that repair's reason).
            if let Some(nw) = next_capital.filter(|_| long) {
                casing::pair_key_into(&mut key, w, nw);
                if ctx.pairs.contains(key.as_str()) {
                    break 'why Some(Cow::Borrowed(
                        "proper name written lowercase (the pair is capitalised elsewhere)",
                    ));
                }
                if let Some(&why) = ctx.made.get(key.as_str()) {
                    break 'why Some(Cow::Borrowed(why));
                }
            }
            // A first name or a title before a name.
            // (The next word's capital first: most words have none after them.)
            let before_name = next_is_capital
                && (long || casing::is_title(w))
                && ws.get(k + 1).is_some_and(|&(ns, ne)| {
                    let gap = &line[e..ns];
                    // A title's full stop with a space after it, or with the space the
                    // spacing rule inserts there ("dr.N" -> "Dr. N" in one cleaning, not two).
                    let title_stop = gap.starts_with('.')
                        && (is_space_gap(&gap[1..]) || (gap.len() == 1 && inserted.binary_search(&(e + 1)).is_ok()));
                    (is_space_gap(gap) || (title_stop && casing::is_title(w)))
                        && casing::names_before_flagged(w, Some(flags[k]), &line[ns..ne])
                });
            if before_name && !ctx.lowercase_by_choice(base) {
                break 'why Some(Cow::Borrowed("first name before a name (a name in the English lexicon)"));
            }
            // "White house" where "White House" is in the text; not after a sentence start,
            // whose capital says nothing (the pair may be one this cleaning makes, "sa? Donald
            // kremnald" beside "s donald kremnald": the next cleaning would repair it).
            // (The word before's shape first: most words are not after an upper start.)
            let after_pair = long
                && k > 0
                && shapes[k - 1] & shape::UPPER_START != 0
                && is_space_gap(&line[ws[k - 1].1..s])
                && !casing::opens_sentence(line, ws, k - 1)
                && ctx.after_repairs(casing::after_key(&mut key, &line[ws[k - 1].0..ws[k - 1].1], w));
            after_pair.then_some(Cow::Borrowed("name written lowercase (the pair is capitalised elsewhere)"))
        };
        // (Kept as a `Why`: a fixed phrase, or a reason built for the word in the line's list.)
        named[k].why = why.map(|why| Why::keep(why, &mut owned));
        // A word a rule capitalises must stand where it may take a capital; one none does is
        // eligible for the names-after-a-name pass, which asks its place itself.
        if named[k].why.is_some() && !placed_at(k) {
            named[k].why = None;
        } else {
            named[k].eligible = whole;
        }
        named[k].capital = named[k].why.is_some();
    }
    // Names after a name ("Larry ogunjobi", "United states"), left to right so that each
    // word sees the word before it as it will read once repaired ("donald ogunjobi"
    // becomes "Donald Ogunjobi" in one cleaning, not two).
    // (The decisions first, the words after: most words are not eligible, or follow no
    // capital.)
    for k in 1..ws.len() {
        if !named[k].eligible || named[k].why.is_some() || !named[k - 1].capital {
            continue;
        }
        let ((ps, pe), (s, e)) = (ws[k - 1], ws[k]);
        if !is_space_gap(&line[pe..s]) {
            continue;
        }
        // A capital at a sentence start says nothing ("Ho nno": on the next cleaning the
        // capital a sentence start gets would count).
        if casing::opens_sentence(line, ws, k - 1) || !placed_at(k) {
            continue;
        }
        let w = &line[s..e];
        let prev = crate::text::to_lowercase(&line[ps..pe]);
        let next_capital = ws
            .get(k + 1)
            .filter(|&&(ns, _)| named[k + 1].capital && is_space_gap(&line[e..ns]))
            .map(|&(ns, ne)| &line[ns..ne]);
        named[k].why = if casing::name_beside_flagged(w, Some(flags[k]), Some(&prev), None, ctx.english) {
            Some(Why::Fixed(casing::BESIDE_A_NAME))
        } else if casing::known_name(w, Some(&prev), next_capital)
            && !ctx.known_name_by_style(w, Some(&prev), next_capital)
        {
            Some(Why::Fixed(casing::PART_OF_A_KNOWN_NAME))
        } else {
            None
        };
        named[k].capital = named[k].why.is_some();
    }
    // A heading must read as the same kind of line once repaired (see `propose`): past its
    // budget of new capitals, none of its names is repaired.
    // Counted as the line's kind counts capitals: not at a sentence start (see body.rs).
    // (Only a budget below the line's word count can be passed: running text and titles,
    // most lines, have none (`usize::MAX`), and are not counted: -1.6 M instructions a pass.)
    if names < ws.len() {
        let new_capitals = (0..ws.len())
            .filter(|&k| named[k].why.is_some())
            .filter(|&k| k > 0 && !line[ws[k - 1].1..ws[k].0].trim_start().starts_with(['.', '?', '!']))
            .count();
        if new_capitals > names {
            named.iter_mut().for_each(|n| n.why = None);
        }
    }
    // Whether the gap before the word opens with a closing mark (the line's first word: as
    // if it did), read from the byte after the word before, carried from one word to the
    // next with the decisions beside the words (indexing both per word cost 0.5 M
    // instructions more a pass over the dev pages).
    let mut after_mark = true;
    for (k, (&(s, e), decision)) in ws.iter().zip(named.iter_mut()).enumerate() {
        // A word no name rule capitalises is capitalised only at a sentence's start: the
        // line's first word, or one after a gap that opens with a closing mark (the test of
        // `sentence_start` below, by its first byte: the marks are ASCII). Most words are
        // neither, and are passed over before their characters are read (-12.5 M instructions
        // a pass over the dev pages; the gap's byte asked before the decision, -0.5 M more).
        let opens = std::mem::replace(&mut after_mark, matches!(line.as_bytes().get(e), Some(b'.' | b'?' | b'!')));
        if !opens && decision.why.is_none() {
            continue;
        }
        let w = &line[s..e];
        let first = w.chars().next().unwrap_or(' ');
        let last_prev = k.checked_sub(1).map(|j| ws[j]);
        let proper = decision.why.take();
        let all_lower = || shapes[k] & shape::ASCII_LOWER != 0 || w.chars().all(char::is_lowercase);
        if !first.is_lowercase() || (proper.is_none() && !all_lower()) {
            continue;
        }
        let sentence_start = match last_prev {
            None => !goes_on,
            Some((ps, pe)) => {
                let gap = &line[pe..s];
                gap.starts_with(['.', '?', '!']) && is_space_gap(&gap[1..]) && !ends_with_initial(&line[..pe]) && {
                    // Nor after an abbreviation's stop ("Dr.", "Sgt.", "Calif.").
                    let pw = &line[ps..pe];
                    crate::text::to_lowercase(pw).chars().count() > 2 && !abbreviation(pw)
                }
            }
        };
        let glued = glued_at(s);
        // A line that opens with an ellipsis goes on with a sentence; a URL, a handle or a
        // file name keeps its case.
        let continued = last_prev.is_none() && line[..s].contains(['…', '.']);
        let starts = sentence_start
            && !continued
            && free_standing(line, s, e, limit_after(e), inserted.binary_search(&s).is_ok())
            && !glued
            && (last_prev.is_some() || line_words >= 3)
            && w.chars().all(crate::text::is_alphabetic)
            && !ctx.lowercase_brand(w);
        if (proper.is_some() || starts) && !makes_mojibake(s) {
            if let Some(rep) = upper_first(w) {
                let why = proper.map_or(Cow::Borrowed(SENTENCE_START), |p| p.reason(&mut owned));
                edits.push((s, s + first.len_utf8(), rep, Rule::Capitalisation, why));
            }
        }
    }
    // Typos: a lowercase word the lexicon does not know, one letter short of a frequent word.
    // Not in a line in title case: the word repaired would be a lowercase common word
    // there, which the next cleaning capitalises ("Sit Plan, ities" -> "cities" -> "Cities").
    // Only a line with a word of a typo's shape has one to repair: asked first, since the
    // English-line test reads every word's letters and most lines have no such word.
    // (The flags before the word is sliced out of the line, which checks both ends for a
    // character boundary: most words have some flags. -2.3 M instructions a pass.)
    // (And by its shape bits and length, without slicing it at all: `shaped` is every byte
    // an ASCII lowercase letter, `shape::ASCII_LOWER`, and 4 to 12 bytes. With the name
    // rules' two reorderings above, -0.9 M instructions a pass.)
    let typo_shaped_word = || {
        ws.iter()
            .zip(flags)
            .zip(shapes)
            .any(|((&(s, e), &f), &b)| f == 0 && b & shape::ASCII_LOWER != 0 && (4..=12).contains(&(e - s)))
    };
    if !title && typo_shaped_word() && english_line(line, ws, flags, shapes) {
        for (k, &(s, e)) in ws.iter().enumerate() {
            let w = &line[s..e];
            // `w` is lowercase ASCII here: its flags as written are its flags.
            if !typo_shaped(w, flags[k]) {
                continue;
            }
            // Beside a capitalised word in mid-sentence it may be part of a name ("Caja magica").
            let name_part = |(ns, ne): (usize, usize)| {
                let x = &line[ns..ne];
                casing::upper_start(x) && !casing::is_stop_lower(x)
            };
            let beside_capital = (k > 0 && name_part(ws[k - 1]) && is_space_gap(&line[ws[k - 1].1..s]))
                || ws.get(k + 1).is_some_and(|&(ns, ne)| name_part((ns, ne)) && is_space_gap(&line[e..ns]));
            if beside_capital {
                continue;
            }
            if !ctx.may_be_typo(w) || !free_standing(line, s, e, limit_after(e), inserted.binary_search(&s).is_ok()) {
                continue;
            }
            // Not where a capital is restored: two edits at one offset would not both apply,
            // and the next cleaning would make the other. (An inserted space before it is
            // folded into the typo's edit by `propose_line`.)
            if glued_at(s) || edits.iter().any(|x| x.0 == s && x.3 != Rule::Spacing) {
                continue;
            }
            // Nor before a character that combines with the one before it: the letter the
            // repair adds would take it ("charit\u{301}t" -> "charity\u{301}t", which the
            // next cleaning normalises to "charitýt"; found by the fuzz target).
            if line[e..].chars().next().is_some_and(joins_previous) {
                continue;
            }
            // Nor the second half of a word broken at a line's end ("mesmer- ized", "wel-
            // comed": "ized" is no slip for "sized"), nor a word whose last letter is
            // elided ("lyin’ Ted", "nothin' doing"; a possessive, "goverment’s", is read).
            let broken = line[..s].strip_suffix("- ").is_some_and(|b| b.ends_with(|c: char| c.is_ascii_lowercase()));
            let elided =
                line[e..].strip_prefix(['\'', '\u{2019}']).is_some_and(|t| !t.starts_with(char::is_alphabetic));
            if broken || elided {
                continue;
            }
            if let Some(fix) = typo_repair(w, flags[k]) {
                let why = format!("typo: \u{201c}{w}\u{201d} is not an English word; \u{201c}{fix}\u{201d} is one letter longer and among the most frequent words");
                edits.push((s, e, fix.to_string(), Rule::Typo, why.into()));
            }
        }
    }
}

/// The key of a line for finding repeats (as [`crate::text::key_of_words`]: lowercase words,
/// one space apart), with each word the typo rule could repair read as its repair: two
/// copies of a line that differ by such a slip are one line on the first cleaning as on
/// the next, where the slip is gone (else the first would keep both copies and the second
/// remove one). The lexicon alone decides, not the document, so both cleanings agree.
pub(crate) fn repeat_key(line: &str, words: impl Iterator<Item = (usize, usize)>) -> String {
    // The lexicon is asked only about words of a typo's shape (most are not).
    crate::text::key_of_words_with(line, words, |_, w| shaped(w).then(|| typo_repair(w, lexicon::flags(w))).flatten())
}

/// [`repeat_key`] of a line whose words' lexicon flags ([`lexicon::flags_lower`]) are known
/// (see `body::Line::flags`). A word lowercased into the key that can be a typo is lowercase
/// ASCII, and then its flags are those of the word as written.
pub(crate) fn repeat_key_known(line: &str, words: &[(usize, usize)], flags: &[u8]) -> String {
    crate::text::key_of_words_with(line, words.iter().copied(), |k, w| typo_repair(w, flags[k]))
}

/// Whether `w`, whose lexicon flags are `flags`, may be a typo by its shape alone: 4 to 12
/// lowercase ASCII letters, not a word of the lexicon.
fn typo_shaped(w: &str, flags: u8) -> bool {
    flags == 0 && shaped(w) // the flags first: most words have some
}

/// 4 to 12 lowercase ASCII letters: the shape of the words the typo rule repairs.
fn shaped(w: &str) -> bool {
    (4..=12).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase())
}

/// The repair the typo rule makes of `w` (lexicon flags `flags`) as far as the lexicon
/// tells (the document's own evidence aside): a typo-shaped word one letter short of a
/// frequent word, unless it is a common word of its own that is not short of a function word.
/// It is also the form the word takes in a line's repeat key ([`repeat_key_known`]).
pub(crate) fn typo_repair(w: &str, flags: u8) -> Option<String> {
    if !typo_shaped(w, flags) {
        return None; // cheap, and most words fail it: before the ~300 lookups of `typo_fix`
    }
    typo_fix(w).filter(|fix| (lexicon::rank(fix) != usize::MAX || !common_word(w)) && !inflected(w, fix))
}

/// Whether `w` is a regular inflection of a lowercase English word that the lexicon does
/// not list ("wised" of "wise", "leaners" of "leaner", "binging" of "binge": a word, not
/// a slip for "wished", "cleaners", "bringing"), unless `fix` is that inflection with the
/// stem's last letter doubled, the commonest slip of all ("occured" -> "occurred",
/// "begining" -> "beginning"). A stem has four letters at least: "thes" is "these"
/// mistyped, not "the" inflected. Found on clean political news, where the typo rule's
/// eight repairs made five such words.
fn inflected(w: &str, fix: &str) -> bool {
    const SUFFIXES: [&str; 5] = ["s", "es", "d", "ed", "ing"];
    let lower_word = |x: &str| lexicon::flags(x) & lexicon::LOWER != 0;
    SUFFIXES.iter().any(|&suffix| {
        let Some(stem) = w.strip_suffix(suffix).filter(|stem| stem.len() >= 4) else {
            return false;
        };
        let last = stem.as_bytes()[stem.len() - 1];
        let doubled = fix.len() == w.len() + 1
            && fix.starts_with(stem)
            && fix.as_bytes()[stem.len()] == last
            && fix.ends_with(suffix);
        !doubled && (lower_word(stem) || (suffix == "ing" && lower_word(&format!("{stem}e"))))
    })
}

/// Whether `w` is among the 100,000 commonest words of news and Wikipedia text (the word
/// table of the entity model, model/README.md): then it is a word of its own that SCOWL
/// leaves out ("tech", "capita", "en masse"), not a slip, and only a correction to one of
/// the most frequent function words ("ther" -> "there") is still made.
fn common_word(w: &str) -> bool {
    crate::entities::names::MODEL.as_ref().is_some_and(|m| m.knows_word(w))
}

/// Whether a line reads as English: at least four words in lower or title case, three quarters of them
/// in the lexicon (typos are not looked for in other languages, code or lists of names).
/// (`shapes`: the words' shape bits. A word all lowercase ASCII letters, or capitalised,
/// with a letter first, passes the test by its bits, without being sliced out of the line
/// and decoded: a capital is a letter, and an ASCII word with a letter first passes it
/// exactly when it is one of those; any other word is read. -1.5 M instructions a pass.)
fn english_line(line: &str, ws: &[(usize, usize)], flags: &[u8], shapes: &[u16]) -> bool {
    let (mut known, mut all) = (0usize, 0usize);
    for ((&(s, e), &f), &b) in ws.iter().zip(flags).zip(shapes) {
        let by_bits = b & shape::ALPHA_FIRST != 0 && b & (shape::ASCII_LOWER | shape::CAPITALISED) != 0;
        // Case of the first letter ignored: capital repairs must not change the decision.
        if by_bits || {
            let w = &line[s..e];
            w.chars().skip(1).all(char::is_lowercase) && w.chars().next().is_some_and(crate::text::is_alphabetic)
        } {
            all += 1;
            known += usize::from(f != 0);
        }
    }
    all >= 4 && known * 4 >= all * 3
}

/// The frequent word a typo stands for: the word with one letter added ("ther" ->
/// "there", "thes" -> "these"; dropping a letter is the commonest slip and the safest to
/// undo), among the most frequent lowercase words of the lexicon; when several fit, the
/// most frequent by [`lexicon::rank`], and none when that does not decide (so the order
/// in which the candidates are found does not matter).
fn typo_fix(w: &str) -> Option<String> {
    let mut found: Vec<&str> = lexicon::one_letter_longer(w).collect();
    match found.len() {
        0 => None,
        1 => found.pop().map(str::to_string),
        _ => {
            found.sort_by_key(|c| lexicon::rank(c));
            (lexicon::rank(found[0]) < lexicon::rank(found[1])).then(|| found[0].to_string())
        }
    }
}

/// Longest run without whitespace, in bytes, that [`glue_is_legit`] reads as a word.
const MAX_WORD: usize = 128;

/// Abbreviations, initials, numbers, domains, URLs and e-mails keep their glued
/// punctuation; so does a full stop before a lowercase letter (file names, domains), since
/// only a capital after it makes a sentence boundary certain.
///
/// A run without whitespace longer than [`MAX_WORD`] bytes as written (minified code,
/// base64, "a.b.c..." for pages on end) is not text to repair: its punctuation stays as it
/// is. The decision is the same for every mark of the run, and the run is the same when
/// cleaned again (nothing was inserted), so it is idempotent. It also bounds the work per
/// punctuation mark: a megabyte line without spaces stays linear.
fn glue_is_legit(line: &str, at: usize, cut: usize, min_start: usize) -> bool {
    let mut lo = at.saturating_sub(MAX_WORD);
    while !line.is_char_boundary(lo) {
        lo -= 1;
    }
    let run_start = match line[lo..at].rfind(char::is_whitespace) {
        Some(i) => lo + i + line[lo + i..].chars().next().map_or(1, char::len_utf8),
        None if lo == 0 => 0,
        None => return true,
    };
    let mut hi = (at + MAX_WORD).min(line.len()).max(cut);
    while !line.is_char_boundary(hi) {
        hi += 1;
    }
    let run_end = match line[cut..hi].find(char::is_whitespace) {
        Some(i) => cut + i,
        None if hi == line.len() => line.len(),
        None => return true,
    };
    if run_end - run_start > MAX_WORD {
        return true;
    }
    let word_end = run_end;
    // A space inserted earlier in the word starts a new word, as it will on the next run.
    let word_start = run_start.max(min_start);
    let word = line[word_start..word_end].trim_end_matches(|c: char| !c.is_alphanumeric());
    let word_end = word_start + word.len();
    let before = &line[word_start..at];
    let after = &line[cut..word_end.max(cut)];
    let punct = line[at..].chars().next();
    let next = line[cut..].chars().next().unwrap_or(' ');
    // Case-blind: a capitalised sentence start ("Www.site.com") must stay glued on the next run.
    if word.contains('@') || word.contains('/') || word.to_ascii_lowercase().contains("www.") {
        return true;
    }
    // A declaration of a style sheet that a page's style element left in its text
    // ("float:left;", "text-align:center;"): code, not prose.
    if punct == Some(':') && line[word_start..run_end].ends_with(';') {
        return true;
    }
    if matches!(punct, Some('.' | '?' | '!')) {
        // Initials: U.S.A., e.g. — legit while the next part is one letter too.
        let tail = before.rsplit(|c: char| !crate::text::is_alphabetic(c) && c != '.').next().unwrap_or("");
        let initials = tail.split('.').all(|p| p.chars().count() <= 1);
        let next_part = after.split('.').next().unwrap_or("");
        if initials && punct == Some('.') {
            return next_part.chars().count() <= 1;
        }
        // An abbreviation ending in a letter and a full stop ("Ph.D.", "thatU.S." glued
        // before it, where a space after the first full stop made "Ph. D." and "thatU. S."
        // in clean political news).
        if punct == Some('.') && next_part.chars().count() == 1 && line[cut + next_part.len()..].starts_with('.') {
            return true;
        }
        if next.is_lowercase() {
            return true;
        }
        // Domains written with capitals (HoustonChronicle.com, PanARMENIAN.Net) and
        // acronyms (ASP.NET).
        const TLD: [&str; 8] = ["com", "net", "org", "gov", "edu", "info", "io", "uk"];
        if after.chars().all(|c| c.is_ascii_lowercase()) || TLD.contains(&after.to_ascii_lowercase().as_str()) {
            return true;
        }
        if before.chars().all(|c| c.is_uppercase()) && next_part.chars().all(|c| c.is_uppercase()) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_line_bits_pass_only_words_the_text_test_passes() {
        // The bits `english_line` reads first never pass a word its text test would not.
        let text_test = |w: &str| {
            w.chars().skip(1).all(char::is_lowercase) && w.chars().next().is_some_and(crate::text::is_alphabetic)
        };
        for w in [
            "the",
            "The",
            "THE",
            "tHe",
            "x",
            "X",
            "über",
            "Über",
            "ÜBER",
            "McDonald",
            "2024",
            "4th",
            "\u{1c5}emal",
            "it's",
            "Élan",
            "naïve",
            "кремль",
            "Кремль",
            "КРЕМЛЬ",
            "e-mail",
            "E-mail",
            "co2",
            "Ab1",
            "ß",
            "ſt",
        ] {
            let b = super::super::body::word_shape(w);
            let by_bits = b & shape::ALPHA_FIRST != 0 && b & (shape::ASCII_LOWER | shape::CAPITALISED) != 0;
            assert!(!by_bits || text_test(w), "{w}");
        }
    }

    #[test]
    fn next_mark_is_the_bytewise_search() {
        let bytewise = |b: &[u8], from: usize| {
            b.get(from..)?.iter().position(|&c| c < 64 && MARKS >> c & 1 != 0).map(|at| from + at)
        };
        let mut texts: Vec<String> = vec![
            String::new(),
            "plain words and spaces only here".into(),
            "one,two.three;four:five!six?seven".into(),
            "digits 0123456789 and \"quotes\" (brackets) / - + = < > @ [ ] _ ` { } ~".into(),
            "accents é à ü “curly” — dash… and Кремль, Москва.".into(),
            "\u{7f}\u{80}\u{a1}\u{bf}\u{ff} \u{2c}\u{ac}\u{ae}".into(),
        ];
        // Every byte value at each place of an eight-byte word, between letters.
        for v in 0u8..0x80 {
            for at in 0..9 {
                let mut t = "abcdefghijklmnopq".to_string();
                t.insert(at, char::from(v));
                texts.push(t);
            }
        }
        for v in 0x80u32..0x800 {
            if let Some(c) = char::from_u32(v) {
                texts.push(format!("abcde{c}fghijklm,"));
            }
        }
        for t in &texts {
            let b = t.as_bytes();
            for from in 0..=b.len() + 1 {
                assert_eq!(next_mark(b, from), bytewise(b, from), "{t:?} from {from}");
            }
        }
    }

    #[test]
    fn quiet_is_the_character_test() {
        // The test `normalize` made character by character, on every character up to the
        // CJK blocks, alone and between others.
        let by_chars = |l: &str| {
            let cs: Vec<char> = l.chars().collect();
            cs.iter().enumerate().all(|(k, &c)| match c {
                '\t' | ' '..='~' => true,
                // Latin-1, a mojibake lead only before a character below U+0080, from
                // U+00C0 up or from U+3000 up.
                '\u{a1}'..='\u{ff}' if c != '\u{ad}' => {
                    !('\u{c2}'..='\u{f4}').contains(&c)
                        || cs.get(k + 1).is_none_or(|&d| {
                            !('\u{80}'..='\u{bf}').contains(&d) && !('\u{2000}'..='\u{2fff}').contains(&d)
                        })
                }
                c => ('\u{2010}'..='\u{2027}').contains(&c) || plain_cyrillic(c),
            })
        };
        for c in (0..0x3000u32).chain([0xFEFF, 0x1F600]).filter_map(char::from_u32) {
            for line in [format!("{c}"), format!("a{c}b"), format!("\u{0416}{c}\u{201c}"), format!("{c}{c}")] {
                assert_eq!(quiet(line.as_bytes()), by_chars(&line), "{line:?}");
            }
        }
        // Each Latin-1 character before and after each character that may continue a
        // mojibake lead, and others.
        for c in '\u{80}'..='\u{ff}' {
            for d in ('\u{80}'..='\u{ff}').chain('\u{2000}'..='\u{2030}').chain(['\u{20ac}', '\u{2122}', 'a', ' ', 'Ж'])
            {
                for line in [format!("{c}{d}"), format!("{d}{c}"), format!("x{c}{d}y")] {
                    assert_eq!(quiet(line.as_bytes()), by_chars(&line), "{line:?}");
                }
            }
        }
    }

    /// `normalize_each` passes printable ASCII and tabs without the character tests: they
    /// must answer as the tests do (not removed, odd or invisible; a separator only as a
    /// space or a tab), and a token of such characters must need no repair.
    #[test]
    fn printable_prefix_is_the_byte_test() {
        // Every byte at every position of a 17-byte line, over a printable background.
        for b in 0..=255u8 {
            for at in 0..17 {
                let mut line = *b"The quick brown f";
                line[at] = b;
                let prefix = |l: &[u8]| l.iter().position(|c| !matches!(c, b' '..=b'~' | b'\t')).unwrap_or(l.len());
                assert_eq!(printable_prefix(&line), prefix(&line), "{b:#x} at {at}");
                assert_eq!(printable_prefix(&line[at..]), prefix(&line[at..]));
                assert_eq!(printable_prefix(&line[..at]), prefix(&line[..at]));
            }
        }
    }

    #[test]
    fn ascii_fast_path_answers_as_the_tests() {
        for c in (' '..='~').chain(['\t']) {
            assert!(!is_removed(c) && !is_odd_space(c) && !is_invisible(c) && !is_control(c), "{c:?}");
            assert_eq!(is_separator(c), c == ' ' || c == '\t', "{c:?}");
        }
        for b in 0u8..0x80 {
            let c = char::from(b);
            let quick = matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r');
            assert_eq!(quick, !is_removed(c), "{c:?}");
        }
        // The other characters `normalize_each` passes without the tests.
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| plain_letter(c)) {
            assert!(!is_removed(c) && !is_separator(c), "{c:?}");
        }
        // Around removed and odd characters, the tokens are still found and repaired.
        let n = normalize_each("ab\u{200B}cd e\u{00A0}f \u{1}x").expect("edits");
        assert_eq!(n.text, "abcd e f x");
    }
}
