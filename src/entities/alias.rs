//! Alias merging: mentions across all documents grouped into canonical entities.
//!
//! Every distinct (label, surface) is a *form*; forms are keyed (lower case, diacritics
//! folded, possessive and inner dots dropped, people's titles removed) and equal keys form a
//! *node*. Nodes are joined with a union-find, each join by an index lookup (never a scan
//! over all keys), in this order:
//!
//! 1. **Same key** within a label family: "TRUMP" = "Trump", "José" = "Jose",
//!    "Mr. Putin" = "Putin", "Kremlin" (ORG) = "Kremlin" (LOC).
//! 2. **Same compact key** (key without spaces, dots and hyphens) within a family:
//!    "G-20" = "G20", "U.S." = "US".
//! 3. **Same phonetic key** ([`phonetic`]) within one label: "Zelenskyy" = "Zelenskiy" =
//!    "Zelensky", "Yuri" = "Yury".
//! 4. **Middle initials** of people: "Donald J. Trump" = "Donald Trump" unless the corpus
//!    has two different initialled forms of the same name ("George W. Bush" and
//!    "George H. W. Bush" stay apart, and "George Bush" then joins neither); a middle name
//!    counts as its initial ("Hillary Rodham Clinton" = "Hillary Clinton", "George Walker
//!    Bush" = "George W. Bush").
//! 5. **Nicknames** of people: "Joe Biden" = "Joseph R. Biden", "Jim Mattis" = "James
//!    Mattis", when the corpus names one person with a formal name the nickname is short for
//!    and the same other words ([`NICKNAMES`]; "Chris Fox" stays apart from both
//!    "Christopher Fox" and "Christina Fox").
//!
//! Short forms are then resolved **per mention**, because the same short form can mean
//! different entities in different documents:
//!
//! - a one-word person ("Trump", "Mr. Trump") joins the multi-word person whose surname has
//!   the same phonetic key, and an acronym written in capitals ("UN", "U.S.") joins the
//!   multi-word name whose initials it is ("United Nations": of/the/and... ignored); in a
//!   document that names none of them, the one the corpus names in full at least twice as
//!   often as any other ("United States" against "U.S. Senate");
//! - a bare surname first goes to the person the corpus most plausibly means
//!   ([`resolve_person`]): the mention's cues ("Mr.", "Mrs.", "the first lady", "his
//!   daughter": gender; "President": role) narrow the candidates, then the one whose full name
//!   is mentioned most (a mention in the same document counting double) wins when it has at
//!   least twice the weight of the next, so "Trump" in coverage that names the president 600
//!   times is the president even in an article that names his daughter once; otherwise:
//! - the candidate introduced *earlier in the same document* wins ("Donald Trump ... Trump"
//!   is Donald even if "Melania Trump" appears later); then one mentioned anywhere in the
//!   document; when the document has none, the corpus's only candidate; when there are
//!   several at the deciding step ("Donald Trump" and "Melania Trump" both introduced before
//!   it, or both elsewhere in the corpus), the mention stays in its own entity rather than
//!   guess.
//! - a bare first name ("Melania", "Chuck") or a word that is both a first name and a
//!   surname ("Charles"): the document decides first, among the people it names with that
//!   first name or surname; in a document naming none of them, a person with that first
//!   name when no one has it as a surname or the corpus names those people in full at least
//!   four times as often as the surname ones ("Hillary": Hillary Clinton, not the nickname
//!   "Crooked Hillary"), the one named in full at least twice as often as any other. Never
//!   after a royal's title ("Prince Charles" is not Charles Kennedy).
//!
//! Label families: PER alone, MISC alone, ORG and LOC together. Taggers (ours included)
//! label the same geopolitical or institutional name either way by context ("the Kremlin
//! said" ORG, "at the Kremlin" LOC; "U.S." LOC, "UN" ORG; "EU" both), so separating them
//! splits one entity in two; a person and a place ("Georgia") never merge. The phonetic
//! key, the weakest evidence, needs the same label. The canonical entity takes the majority
//! label of its mentions and lists the others in `labels`.
//!
//! Rule types (dates, money, handles...) merge only on equal normalised text.
//!
//! Output is deterministic: groups are numbered by first mention, hash maps are used only
//! for lookups, and the result is sorted by count, name, label and first mention.

use super::{Entity, Label};
use crate::clean::lexicon;
use crate::hash::FastMap;
use crate::union_find::UnionFind;
use serde::Serialize;
use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One canonical entity across the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Canonical {
    /// The display name: the most complete well-written form (the full name rather than the
    /// surname, "United Nations" rather than "UN", "Trump" rather than "TRUMP"), the most
    /// frequent among equals; titles and middle initials do not count as more complete, and
    /// at equal counts the form without them wins.
    pub name: String,
    /// The majority label of its mentions.
    pub label: Label,
    /// Every label its mentions carry, with counts, most frequent first (usually one).
    pub labels: Vec<(Label, usize)>,
    /// Every surface form seen, with its count, most frequent first.
    pub aliases: Vec<(String, usize)>,
    /// (document index, mention index in that document) of every mention, ascending.
    pub mentions: Vec<(usize, usize)>,
    /// Document indices, ascending, without repeats.
    pub documents: Vec<usize>,
    /// Number of mentions.
    pub count: usize,
}

/// Normalises a surface form: case, punctuation and diacritics-free ASCII-ish words.
pub fn normalise(s: &str) -> String {
    crate::text::line_key(s).replace(['’', '\''], "")
}

/// Titles removed from the front of a person's name ("President", "Mr.").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "premier",
    "chancellor",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "mayor",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "capt",
    "captain",
    "adm",
    "admiral",
    "sgt",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "reverend",
    "sheikh",
    "judge",
    "justice",
    "ambassador",
    "chairman",
    "chairwoman",
    "speaker",
];
/// Words removed with a following title ("Prime Minister", "Vice President").
const TITLE_MODIFIERS: &[&str] =
    &["prime", "vice", "deputy", "former", "acting", "foreign", "crown", "first", "chief", "supreme", "grand"];
/// Generational suffixes: part of the name (Donald Trump Jr. is not Donald Trump), but not
/// the surname a bare mention refers to.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];
/// Words an acronym skips ("Organization for Security and Co-operation in Europe" = OSCE).
const ACRONYM_SKIP: &[&str] = &["of", "the", "and", "&", "for", "in", "on", "at", "to", "a", "an"];
/// Lower-case words that are part of well-written names ("Bank of England", "van Gogh").
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "&", "for", "in", "on", "at", "de", "da", "di", "du", "des", "del", "la", "le", "van", "von",
    "der", "den", "bin", "al", "el", "y", "e",
];

/// Titles of royals, who are named by their first name ("Prince Charles", "King Abdullah").
const ROYAL: &[&str] = &["prince", "princess", "king", "queen", "emperor", "empress", "crown", "duke", "duchess"];

/// Words before or in a person's name that say a man / a woman ("Mr. Trump", "the first
/// lady", "his daughter Ivanka Trump").
const MALE: &[&str] =
    &["mr", "sir", "lord", "king", "prince", "duke", "husband", "son", "father", "brother", "grandson"];
const FEMALE: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "madam",
    "madame",
    "lady",
    "dame",
    "queen",
    "princess",
    "duchess",
    "wife",
    "daughter",
    "mother",
    "sister",
    "widow",
    "granddaughter",
];

/// What the words around one person mention say about who it is: a man (bit 0), a woman
/// (bit 1), and the role titles used with it (bit i = `TITLES[i]`: "President Trump").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Cue {
    gender: u8,
    roles: u64,
    /// A royal's title before or in it ("Prince Charles").
    royal: bool,
}

impl Cue {
    /// Cues of a mention: the titles at the front of its surface and the two words before
    /// it on its line (`before`: the text up to the mention).
    fn of(surface: &str, before: &str) -> Cue {
        let line = before.rsplit('\n').next().unwrap_or("");
        let mut from = line.len().saturating_sub(40);
        while !line.is_char_boundary(from) {
            from += 1;
        }
        let tail = &line[from..];
        let prev = tail.split_whitespace().rev().take(2);
        let lead = surface.split_whitespace().take_while(|w| {
            let f = fold(w);
            TITLES.contains(&f.as_str())
                || TITLE_MODIFIERS.contains(&f.as_str())
                || MALE.contains(&f.as_str())
                || FEMALE.contains(&f.as_str())
        });
        let mut cue = Cue::default();
        for w in prev.chain(lead) {
            let f = fold(w);
            cue.royal |= ROYAL.contains(&f.as_str());
            if MALE.contains(&f.as_str()) {
                cue.gender |= 1;
            } else if FEMALE.contains(&f.as_str()) {
                cue.gender |= 2;
            } else if let Some(i) = TITLES.iter().position(|t| *t == f) {
                cue.roles |= 1 << i;
            }
        }
        cue
    }
}

/// What the corpus says about one candidate person (a group of multi-word names).
#[derive(Debug, Clone, Copy, Default)]
struct Profile {
    /// Mentions of its multi-word forms in the corpus.
    full: usize,
    /// Of those, with a man's / a woman's cue, and the bare surnames with one in documents
    /// that name this person alone in full with that surname.
    male: usize,
    female: usize,
    /// Role titles seen with it.
    roles: u64,
    /// The genders of the first names of its multi-word forms, as the first-name lists give
    /// them (`lexicon::first_name_gender`, bits [`lexicon::MAN`] and [`lexicon::WOMAN`]).
    named: u8,
}

impl Profile {
    /// How many of its mentions the corpus cues as a man's and as a woman's; when it cues
    /// none, its first name's gender counts as one cue ("Sergey Avilkin" and "Lena
    /// Avilkin", never cued: "Mr. Avilkin" is not Lena). A first name on both lists, or
    /// forms with first names of both, say nothing. Only to rule a candidate out
    /// ([`resolve_person`]): a first name is weaker evidence than the corpus's own cues, and
    /// "my father," Cruz" is Ted Cruz, whom the corpus never cues, not his father Rafael.
    fn genders(&self) -> (usize, usize) {
        if self.male + self.female > 0 {
            return (self.male, self.female);
        }
        match self.named {
            lexicon::MAN => (1, 0),
            lexicon::WOMAN => (0, 1),
            _ => (0, 0),
        }
    }
}

/// Lower case without diacritics ("José" -> "jose", "Łódź" -> "lodz"); letters, digits,
/// '-' and '&' kept, other punctuation (dots, apostrophes) dropped.
fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    if word.is_ascii() {
        // Most names: no decomposition needed.
        out.extend(
            word.chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '&'))
                .map(|c| c.to_ascii_lowercase()),
        );
        return out.trim_matches('-').to_string();
    }
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            '-' | '&' => out.push(c),
            _ => {}
        }
    }
    out.trim_matches('-').to_string()
}

/// A word without a possessive ending ("Trump's", "Reuters'").
fn strip_possessive(word: &str) -> &str {
    for end in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(w) = word.strip_suffix(end) {
            if !w.is_empty() {
                return w;
            }
        }
    }
    word
}

/// The key words of a name, and whether a title was removed. People lose leading titles
/// ("President", "Prime Minister", "Mr."); other names lose a leading "the".
fn key_words(surface: &str, label: Label) -> (Vec<String>, bool) {
    let mut words: Vec<String> =
        surface.split_whitespace().map(|w| fold(strip_possessive(w))).filter(|w| !w.is_empty()).collect();
    let mut titled = false;
    if label == Label::Per {
        loop {
            let n = if words.len() > 1 && TITLES.contains(&words[0].as_str()) {
                1
            } else if words.len() > 2
                && TITLE_MODIFIERS.contains(&words[0].as_str())
                && TITLES.contains(&words[1].as_str())
            {
                2
            } else {
                break;
            };
            words.drain(..n);
            titled = true;
        }
    } else if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    (words, titled)
}

/// True for a middle initial: one letter, neither the first nor the last word.
fn is_middle_initial(words: &[String], i: usize) -> bool {
    i > 0 && i + 1 < words.len() && words[i].chars().count() == 1 && words[i].chars().all(char::is_alphabetic)
}

/// The phonetic key of one folded word, for transliteration variants.
///
/// Conservative on purpose: it only folds what English-language transliterations of the
/// same name commonly disagree on and what rarely separates two real names:
/// - `y` after the first letter reads as `i` (Zelenskyy/Zelenskiy, Yury/Yuri, Dmitry/Dmitri,
///   Sergey/Sergei, Volodymyr/Volodimir);
/// - a doubled letter reads as one (Zelenskyy/Zelensky, Gennady/Genady, Mohammed/Mohamed),
///   which also folds the trailing -iy/-yy/-y endings to one -i;
/// - diacritics are already gone ([`fold`]).
///
/// Words of fewer than four letters are kept exact (and marked so they never equal a folded
/// word): in short names one letter is the whole difference (Ana/Anna, Li/Ly). Nothing more
/// aggressive (w/v, kh/h, j/y, ou/u) is folded, because those merge different surnames
/// (Ivanov/Iwanow are often different people in one corpus). Keys must match on every word
/// and the label must be equal, so a false merge needs two names differing only in these
/// letters.
pub fn phonetic(word: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphanumeric()).collect();
    if letters.len() < 4 {
        return format!("={word}");
    }
    let mut out = String::with_capacity(letters.len());
    let mut prev = None;
    for (i, &c) in letters.iter().enumerate() {
        let c = if c == 'y' && i > 0 { 'i' } else { c };
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// The acronym of a multi-word name: the first letter of each word, skipping
/// of/the/and/for/in/on/at/to/a/an and words without a leading letter ("United Nations" ->
/// "un", "Organization of the Petroleum Exporting Countries" -> "opec"). `None` for fewer
/// than two letters.
pub fn acronym(words: &[String]) -> Option<String> {
    let mut out = String::new();
    for w in words {
        if ACRONYM_SKIP.contains(&w.as_str()) {
            continue;
        }
        match w.chars().next() {
            Some(c) if c.is_alphabetic() => out.push(c),
            _ => {}
        }
    }
    (out.chars().count() >= 2).then_some(out)
}

/// The letters of a surface written as an acronym: capitals, optionally with dots or '&',
/// 2 to 6 letters ("UN", "U.S.", "NATO", "AT&T" -> "att"). Lower-case letters, digits and
/// spaces disqualify ("Us", "G20").
pub fn acronym_shape(surface: &str) -> Option<String> {
    let s = strip_possessive(surface.trim());
    let mut letters = String::new();
    for c in s.chars() {
        match c {
            'A'..='Z' => letters.push(c.to_ascii_lowercase()),
            '.' | '&' => {}
            _ => return None,
        }
    }
    (2..=6).contains(&letters.len()).then_some(letters)
}

/// Names (tagger labels) are aliased; rule types only merge on equal text.
fn is_name(label: Label) -> bool {
    matches!(label, Label::Per | Label::Org | Label::Loc | Label::Misc)
}

/// Labels whose names may merge: ORG and LOC share one family (see the module docs).
fn family(label: Label) -> u8 {
    match label {
        Label::Org | Label::Loc => 1,
        other => other as u8 + 10,
    }
}

/// How badly a surface is written for display: words starting in lower case (other than
/// connectors) and shouted words (five or more capitals, "TRUMP").
fn case_penalty(surface: &str) -> usize {
    surface
        .split_whitespace()
        .map(|w| {
            let lower_start = w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
                && !CONNECTORS.contains(&w.to_lowercase().as_str());
            let shouted = w.chars().filter(|c| c.is_alphabetic()).count() >= 5 && !w.chars().any(char::is_lowercase);
            usize::from(lower_start) + usize::from(shouted)
        })
        .sum()
}

/// What a short form may refer to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Short {
    /// Not a short form.
    No,
    /// A one-word person: the phonetic key of the word.
    Surname(String),
    /// An acronym: its family and letters.
    Acronym((u8, String)),
}

/// A distinct (label, surface).
struct Form<'a> {
    label: Label,
    surface: &'a str,
    node: u32,
    short: Short,
    titled: bool,
    count: usize,
}

/// A distinct (label, key).
struct Node {
    label: Label,
    words: Vec<String>,
    /// The words joined by spaces.
    key: String,
    /// The key without spaces, dots or hyphens.
    compact: String,
    /// The [`phonetic`] keys of the words, joined by spaces.
    phon: String,
    /// People of two words or more: the phonetic key of the first name, the surname and any
    /// suffix ("Jr."), and the initials of the middle names or initials between them ("r"
    /// for "Hillary Rodham Clinton", "h w" for "George H. W. Bush").
    base: Option<(String, String)>,
}

impl Node {
    fn new(label: Label, words: Vec<String>) -> Node {
        let key = words.join(" ");
        let compact = key.chars().filter(|c| c.is_alphanumeric() || *c == '&').collect();
        let phon = words.iter().map(|w| phonetic(w)).collect::<Vec<_>>().join(" ");
        // A middle name counts as its initial (session 24): "Hillary Rodham Clinton" is
        // "Hillary Clinton" and "Hillary R. Clinton", "Bashar al Assad" is "Bashar Assad",
        // "George Walker Bush" is "George W. Bush"; two different middles still keep a
        // corpus's forms apart (step 4 of `merge`). Kept whole, a middle name made a second
        // entity of the same person: PolNeAR's training texts had "Hillary Rodham Clinton"
        // (18 mentions) apart from "Hillary Clinton".
        let base = (label == Label::Per && words.len() >= 2).then(|| {
            let core = words.len() - words.iter().rev().take_while(|w| SUFFIXES.contains(&w.as_str())).count();
            let (mut base, mut initials) = (String::new(), String::new());
            for (j, w) in words.iter().enumerate() {
                if j > 0 && j + 1 < core {
                    // (A middle of two letters is initials run together, "H.W." folded to
                    // "hw": each letter counts; "George W.H. Bush" is not "George W. Bush".)
                    let letters = if w.chars().count() <= 2 { 2 } else { 1 };
                    for c in w.chars().take(letters) {
                        if !initials.is_empty() {
                            initials.push(' ');
                        }
                        initials.push(c);
                    }
                } else {
                    if !base.is_empty() {
                        base.push(' ');
                    }
                    base.push_str(&phonetic(w));
                }
            }
            (base, initials)
        });
        Node { label, words, key, compact, phon, base }
    }

    /// Words that make a name more complete: all but middle initials, and for a person the
    /// first name, the surname and any suffix (a middle name does not: "Hillary Clinton"
    /// named 200 times over "Hillary Rodham Clinton" named 10).
    fn rank_len(&self) -> usize {
        match &self.base {
            Some((base, _)) => base.split(' ').count(),
            None => (0..self.words.len()).filter(|&i| !is_middle_initial(&self.words, i)).count(),
        }
    }
}

/// Groups the mentions of all documents. `docs[i]` = (text, entities of that text).
pub fn merge(docs: &[(&str, &[Entity])]) -> Vec<Canonical> {
    // Forms and nodes, interned in order of first mention.
    let mut forms: Vec<Form<'_>> = Vec::new();
    let mut form_ids: FastMap<(Label, &str), u32> = FastMap::default();
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_ids: FastMap<(Label, String), u32> = FastMap::default();
    // The form of every mention, documents concatenated; doc_start[d] is where d begins.
    let mut mention_form: Vec<u32> = Vec::with_capacity(docs.iter().map(|d| d.1.len()).sum());
    let mut mention_cue: Vec<Cue> = Vec::with_capacity(mention_form.capacity());
    let mut doc_start: Vec<usize> = Vec::with_capacity(docs.len() + 1);
    for (text, ents) in docs {
        doc_start.push(mention_form.len());
        for e in ents.iter() {
            let surface = &text[e.start..e.end];
            let id = match form_ids.get(&(e.label, surface)) {
                Some(&id) => id,
                None => {
                    let (words, titled) =
                        if is_name(e.label) { key_words(surface, e.label) } else { (vec![normalise(surface)], false) };
                    let short = match (e.label, words.len()) {
                        (Label::Per, 1) if words[0].chars().count() > 1 => Short::Surname(phonetic(&words[0])),
                        (Label::Org | Label::Loc | Label::Misc, 1) => {
                            acronym_shape(surface).map_or(Short::No, |a| Short::Acronym((family(e.label), a)))
                        }
                        _ => Short::No,
                    };
                    let key = (e.label, words.join(" "));
                    let node = match node_ids.get(&key) {
                        Some(&n) => n,
                        None => {
                            let n = nodes.len() as u32;
                            nodes.push(Node::new(e.label, words));
                            node_ids.insert(key, n);
                            n
                        }
                    };
                    let id = forms.len() as u32;
                    forms.push(Form { label: e.label, surface, node, short, titled, count: 0 });
                    form_ids.insert((e.label, surface), id);
                    id
                }
            };
            forms[id as usize].count += 1;
            mention_form.push(id);
            mention_cue.push(if e.label == Label::Per { Cue::of(surface, &text[..e.start]) } else { Cue::default() });
        }
    }
    doc_start.push(mention_form.len());
    drop(form_ids);
    drop(node_ids);

    let mut sets = UnionFind::new(nodes.len());
    let names = || nodes.iter().enumerate().filter(|(_, n)| is_name(n.label)).map(|(i, n)| (i as u32, n));
    // 1. Same key within a family (ORG = LOC).
    sets.union_by(names().map(|(i, n)| ((family(n.label), n.key.as_str()), i)));
    // 2. Same compact key within a family ("G-20" = "G20", "U.S." = "US").
    sets.union_by(names().map(|(i, n)| ((family(n.label), n.compact.as_str()), i)));
    // 3. Same phonetic key, same label.
    sets.union_by(names().map(|(i, n)| ((n.label, n.phon.as_str()), i)));
    // 4. Middle initials: people grouped by the phonetic key without middle initials join
    // when at most one distinct set of initials is seen (see the module docs).
    {
        // base -> (initials seen, several different initials seen, nodes)
        let mut by_base: FastMap<&str, (&str, bool, Vec<u32>)> = FastMap::default();
        let mut order: Vec<&str> = Vec::new();
        for (i, n) in names() {
            let Some((base, initials)) = &n.base else {
                continue;
            };
            let entry = by_base.entry(base.as_str()).or_insert_with(|| {
                order.push(base);
                ("", false, Vec::new())
            });
            if !initials.is_empty() {
                if entry.0.is_empty() {
                    entry.0 = initials;
                } else if entry.0 != initials {
                    entry.1 = true;
                }
            }
            entry.2.push(i);
        }
        for base in order {
            let (_, conflicting, ids) = &by_base[base];
            if !conflicting {
                for w in ids.windows(2) {
                    sets.union(w[0], w[1]);
                }
            } else {
                // Several middles: forms with the same ones still join ("George W. Bush" and
                // "George Walker Bush" beside "George H. W. Bush"); one without any joins
                // none.
                let mut by_initials: Vec<(&str, u32)> = ids
                    .iter()
                    .filter_map(|&i| nodes[i as usize].base.as_ref().map(|(_, m)| (m.as_str(), i)))
                    .filter(|(m, _)| !m.is_empty())
                    .collect();
                by_initials.sort_unstable();
                for w in by_initials.windows(2) {
                    if w[0].0 == w[1].0 {
                        sets.union(w[0].1, w[1].1);
                    }
                }
            }
        }
    }

    // 5. Nicknames: a person named with a nickname joins the person named with its formal
    // name and the same rest ("Joe Biden" = "Joseph R. Biden", "Jim Mattis" = "James
    // Mattis"; [`NICKNAMES`]), when the corpus has one such person: the table is many to
    // many ("chris" is Christopher's and Christina's), and two candidates leave the
    // nickname's person apart. The rest must be the same words but middle initials:
    // "Donald Trump Jr." is not a "Don Trump".
    {
        let mut by_rest: FastMap<&str, Vec<u32>> = FastMap::default();
        let mut order: Vec<&str> = Vec::new();
        for (i, n) in names() {
            let Some((_, rest)) = n.base.as_ref().and_then(|(b, _)| b.split_once(' ')) else { continue };
            by_rest
                .entry(rest)
                .or_insert_with(|| {
                    order.push(rest);
                    Vec::new()
                })
                .push(i);
        }
        let mut roots: Vec<u32> = Vec::new();
        for rest in order {
            let ids = &by_rest[rest];
            for &i in ids {
                let Some(formal) = NICKNAMES.get(nodes[i as usize].words[0].as_str()) else { continue };
                roots.clear();
                roots.extend(
                    ids.iter()
                        .filter(|&&j| formal.contains(&nodes[j as usize].words[0].as_str()))
                        .map(|&j| sets.find(j)),
                );
                roots.sort_unstable();
                roots.dedup();
                if let [only] = roots[..] {
                    sets.union(i, only);
                }
            }
        }
    }

    // Candidate indexes for short forms, over the multi-word names' roots.
    let mut surnames: FastMap<String, Vec<u32>> = FastMap::default();
    let mut first_names: FastMap<String, Vec<u32>> = FastMap::default();
    let mut acronyms: FastMap<(u8, String), Vec<u32>> = FastMap::default();
    for (i, n) in nodes.iter().enumerate() {
        if !is_name(n.label) || n.words.len() < 2 {
            continue;
        }
        let root = sets.find(i as u32);
        if n.label == Label::Per {
            // The surname is the last word before any "Jr."; a name needs a word before it.
            let core = n.words.len() - n.words.iter().rev().take_while(|w| SUFFIXES.contains(&w.as_str())).count();
            if core >= 2 {
                surnames.entry(phonetic(&n.words[core - 1])).or_default().push(root);
                // The first name, for a bare one ("Melania"); an initial is none.
                if n.words[0].chars().count() > 1 {
                    first_names.entry(phonetic(&n.words[0])).or_default().push(root);
                }
            }
        } else if let Some(a) = acronym(&n.words) {
            acronyms.entry((family(n.label), a)).or_default().push(root);
        }
    }
    for v in surnames.values_mut().chain(first_names.values_mut()).chain(acronyms.values_mut()) {
        v.sort_unstable();
        v.dedup();
    }
    // Whether a form is a person named in full (a candidate's own mention).
    let full_person =
        |f: u32| forms[f as usize].label == Label::Per && nodes[forms[f as usize].node as usize].words.len() >= 2;
    // How often the corpus names each other multi-word name in full (an acronym's
    // candidates: "United States" against "U.S. Senate").
    let mut named: FastMap<u32, usize> = FastMap::default();
    for &f in &mention_form {
        let form = &forms[f as usize];
        if form.label != Label::Per && form.short == Short::No && nodes[form.node as usize].words.len() >= 2 {
            *named.entry(sets.find(form.node)).or_default() += 1;
        }
    }
    // What the corpus says about each candidate person.
    let mut profiles: FastMap<u32, Profile> = FastMap::default();
    for (&f, cue) in mention_form.iter().zip(&mention_cue) {
        if full_person(f) {
            let p = profiles.entry(sets.find(forms[f as usize].node)).or_default();
            p.full += 1;
            p.male += usize::from(cue.gender & 1 != 0);
            p.female += usize::from(cue.gender & 2 != 0);
            p.roles |= cue.roles;
            let form = &forms[f as usize];
            p.named |= lexicon::first_name_gender(&nodes[form.node as usize].words[0]);
        }
    }
    // A bare surname with a gender cue ("Mr. Blair", "Mrs. Trump") in a document that names
    // one person with that surname in full is a cue for that person too: news names a man
    // in full once ("Prime Minister Tony Blair") and then as "Mr Blair", so the cues of full
    // mentions alone left the most named people uncued, and a man named once with "Sir"
    // ("Sir Ian Blair") took every "Mr Blair" of the corpus (140 of them on the BBC dev
    // corpus).
    let mut in_doc: Vec<u32> = Vec::new();
    for d in 0..docs.len() {
        let span = doc_start[d]..doc_start[d + 1];
        in_doc.clear();
        in_doc.extend(
            mention_form[span.clone()].iter().filter(|&&f| full_person(f)).map(|&f| sets.find(forms[f as usize].node)),
        );
        in_doc.sort_unstable();
        in_doc.dedup();
        for (&f, cue) in mention_form[span.clone()].iter().zip(&mention_cue[span]) {
            let Short::Surname(k) = &forms[f as usize].short else { continue };
            if cue.gender == 0 || cue.gender == 3 {
                continue;
            }
            let mut here = surnames.get(k).into_iter().flatten().filter(|c| in_doc.binary_search(c).is_ok());
            if let (Some(&only), None) = (here.next(), here.next()) {
                let p = profiles.entry(only).or_default();
                // Not a cue its first name contradicts: "Mrs Howard" in an article that
                // names only Michael Howard in full is his wife, not him.
                if (cue.gender == 1 && p.named != lexicon::WOMAN) || (cue.gender == 2 && p.named != lexicon::MAN) {
                    p.male += usize::from(cue.gender == 1);
                    p.female += usize::from(cue.gender == 2);
                }
            }
        }
    }
    // How often the corpus names each candidate person in full.
    let full_count = |c: u32| profiles.get(&c).map_or(0, |p| p.full);
    let named_in_full = |c: &[u32]| c.iter().map(|&x| full_count(x)).sum::<usize>();
    // How often it names each person in full with a given first name (its phonetic key): a
    // person the nickname or middle-name joins made of several forms is a bare first name's
    // candidate by the forms with that first name only ("Rudolph W. Giuliani", twice, not
    // the hundred "Rudy Giuliani" that joined it: a bare "Rudolph" in coverage naming Mason
    // Rudolph went to Giuliani once the two forms were one person, 24 times on the dev
    // corpora taken together).
    // (A person's first name's phonetic key is the first word of its `Node::base`.)
    let first_key = |node: u32| nodes[node as usize].base.as_ref().and_then(|(b, _)| b.split(' ').next());
    let mut with_first: FastMap<(&str, u32), usize> = FastMap::default();
    for form in forms.iter().filter(|f| f.label == Label::Per) {
        if let Some(key) = first_key(form.node) {
            *with_first.entry((key, sets.find(form.node))).or_default() += form.count;
        }
    }
    let first_count = |k: &str, c: u32| with_first.get(&(k, c)).copied().unwrap_or(0);

    // Per-mention resolution: each mention's group root. `present` holds, per document, the
    // roots of its other mentions with the position of their first mention.
    let mut mention_root: Vec<u32> = Vec::with_capacity(mention_form.len());
    let mut present: Vec<(u32, usize)> = Vec::new();
    let mut full_here: Vec<u32> = Vec::new();
    // The people the document names in full, each with the first name it names them by.
    let mut first_here: Vec<(&str, u32)> = Vec::new();
    for d in 0..docs.len() {
        let ms = &mention_form[doc_start[d]..doc_start[d + 1]];
        full_here.clear();
        first_here.clear();
        for &f in ms.iter().filter(|&&f| full_person(f)) {
            let node = forms[f as usize].node;
            let root = sets.find(node);
            full_here.push(root);
            if let Some(key) = first_key(node) {
                first_here.push((key, root));
            }
        }
        full_here.sort_unstable();
        first_here.sort_unstable();
        first_here.dedup();
        present.clear();
        for (p, &f) in ms.iter().enumerate() {
            if forms[f as usize].short == Short::No {
                present.push((sets.find(forms[f as usize].node), p));
            }
        }
        present.sort_unstable();
        present.dedup_by_key(|x| x.0);
        for (p, &f) in ms.iter().enumerate() {
            let form = &forms[f as usize];
            let own = sets.find(form.node);
            let root = match &form.short {
                Short::No => None,
                Short::Surname(k) => {
                    let by_surname = surnames.get(k);
                    let cue = mention_cue[doc_start[d] + p];
                    let as_surname = |c: &Vec<u32>| resolve_person(c, &present, p, cue, &profiles, &full_here);
                    // A royal is named by a first name that is not the commoner's with it
                    // ("Prince Charles" is not Charles Kennedy); "Sir Alex" is Alex Ferguson.
                    match first_names.get(k).filter(|_| !cue.royal) {
                        None => by_surname.and_then(as_surname),
                        // A bare first name ("Melania", "Chuck"), or a word that is both
                        // ("Charles"): the document decides first, among the people it names
                        // with that surname or first name (Ray Charles in his article, Charles
                        // Kennedy in his); in a document naming none of them, the first-name
                        // candidates when no one has it as a surname or the corpus names them
                        // in full at least four times as often ("Hillary" is Hillary Clinton,
                        // named in full 52 times in the dev coverage, not the nickname
                        // "Crooked Hillary", 11; a surname is used bare far more often than a
                        // first name), the one named in full twice as often as any other.
                        Some(f) => {
                            let mut both: Vec<u32> =
                                f.iter().chain(by_surname.into_iter().flatten()).copied().collect();
                            both.sort_unstable();
                            both.dedup();
                            let in_doc = |x: &u32| present.binary_search_by_key(x, |y| y.0).is_ok();
                            let surname_of = |x: &u32| by_surname.is_some_and(|s| s.contains(x));
                            // (Named here by this first name: "Rudy Giuliani" in an article is
                            // no candidate for its bare "Rudolph" for being one person with
                            // "Rudolph W. Giuliani" elsewhere.)
                            let by_it_here = |x: &u32| first_here.binary_search(&(k.as_str(), *x)).is_ok();
                            if both.iter().any(|x| by_it_here(x) && !surname_of(x)) {
                                // (Among them, not a person named here by another first name:
                                // "Andy Murray" beside "Andrew Yang", though "Andrew Murray"
                                // elsewhere made him a candidate for a bare "Andrew".)
                                let named: Vec<u32> = both
                                    .iter()
                                    .copied()
                                    .filter(|x| surname_of(x) || by_it_here(x) || !in_doc(x))
                                    .collect();
                                resolve(&named, &present, p)
                            } else if both.iter().any(in_doc) {
                                // Only people with it as their surname are named here.
                                by_surname.and_then(as_surname)
                            } else if by_surname.is_none_or(|s| {
                                f.iter().map(|&x| first_count(k, x)).sum::<usize>() >= 4 * named_in_full(s).max(1)
                            }) {
                                dominant(f, |c| first_count(k, c))
                            } else {
                                by_surname.and_then(as_surname)
                            }
                        }
                    }
                }
                Short::Acronym(key) => acronyms.get(key).and_then(|c| {
                    // A document naming none of the candidates: the one the corpus names at
                    // least twice as often as any other ("U.S." is the United States when
                    // the coverage also names the "U.S. Senate" ten times).
                    let none_here = !c.iter().any(|x| present.binary_search_by_key(x, |y| y.0).is_ok());
                    resolve(c, &present, p).or_else(|| {
                        if none_here {
                            dominant(c, |x| named.get(&x).copied().unwrap_or(0))
                        } else {
                            None
                        }
                    })
                }),
            };
            mention_root.push(root.unwrap_or(own));
        }
    }

    // Groups, numbered by first mention.
    let mut group_of: FastMap<u32, usize> = FastMap::default();
    let mut groups: Vec<Vec<(usize, usize, u32)>> = Vec::new();
    for d in 0..docs.len() {
        for (m, k) in (doc_start[d]..doc_start[d + 1]).enumerate() {
            let g = *group_of.entry(mention_root[k]).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push((d, m, mention_form[k]));
        }
    }
    drop(group_of);

    let mut out: Vec<Canonical> = groups.into_iter().map(|ms| canonical(&ms, &forms, &nodes)).collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.name.cmp(&b.name))
            .then(a.label.cmp(&b.label))
            .then(a.mentions[0].cmp(&b.mentions[0]))
    });
    out
}

/// Nicknames and the formal given names they are short for, lowercase ("joe" -> "joseph",
/// "chris" -> "christopher", "christina"): `model/nicknames.txt`, from the PyPI package
/// `nicknames` (Apache-2.0; see model/README.md), one formal name a line followed by its
/// nicknames.
static NICKNAMES: LazyLock<FastMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut table: FastMap<&str, Vec<&str>> = FastMap::default();
    for line in include_str!("../../model/nicknames.txt").lines() {
        let mut words = line.split(' ');
        let Some(formal) = words.next() else { continue };
        for nickname in words {
            table.entry(nickname).or_default().push(formal);
        }
    }
    table
});

/// Weight of a full-name mention in the mention's own document against one elsewhere in
/// the corpus.
const DOC_WEIGHT: usize = 2;

/// The person a bare surname at position `pos` of a document refers to, among
/// `candidates` (sorted roots of multi-word people with that surname):
/// 1. the mention's cues narrow the candidates: a man's cue ("Mr.", "his son") drops the
///    candidates the corpus cues as women more than as men (or, never cued, whose first
///    name is a woman's only: [`Profile::genders`]), and the reverse; when some
///    candidates carry the cue's gender or one of its role titles ("President Trump"),
///    only they remain;
/// 2. the candidate whose full name is mentioned most (in the corpus, a mention in this
///    document counting [`DOC_WEIGHT`] times) wins if it has at least twice the weight of
///    the next: the president named 600 times across the coverage, not his daughter named
///    once in this article;
/// 3. else [`resolve`] (introduced earlier in the document, in the document, the corpus's
///    only one); `None`: ambiguous, the mention stays in its own entity.
fn resolve_person(
    candidates: &[u32],
    present: &[(u32, usize)],
    pos: usize,
    cue: Cue,
    profiles: &FastMap<u32, Profile>,
    full_here: &[u32],
) -> Option<u32> {
    let profile = |c: u32| profiles.get(&c).copied().unwrap_or_default();
    let mut cands: Vec<u32> = candidates.to_vec();
    let narrow = |cands: &mut Vec<u32>, keep: &dyn Fn(Profile) -> bool| {
        if cands.iter().any(|&c| keep(profile(c))) {
            cands.retain(|&c| keep(profile(c)));
        }
    };
    let genders = |c: u32| profile(c).genders();
    if cue.gender == 1 {
        cands.retain(|&c| genders(c).1 <= genders(c).0);
        narrow(&mut cands, &|p| p.male > p.female);
    } else if cue.gender == 2 {
        cands.retain(|&c| genders(c).0 <= genders(c).1);
        narrow(&mut cands, &|p| p.female > p.male);
    }
    if cue.roles != 0 {
        narrow(&mut cands, &|p| p.roles & cue.roles != 0);
    }
    let weight = |c: u32| {
        let here = full_here.partition_point(|&x| x < c)..full_here.partition_point(|&x| x <= c);
        profile(c).full + DOC_WEIGHT * here.len()
    };
    let mut ranked: Vec<(usize, u32)> = cands.iter().map(|&c| (weight(c), c)).collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    match ranked.as_slice() {
        [] => None,
        [(_, only)] => Some(*only),
        [(w0, best), (w1, _), ..] if *w0 >= 2 * *w1 && *w0 > 0 => Some(*best),
        _ => resolve(&cands, present, pos),
    }
}

/// Of `candidates` (sorted roots), the one with at least twice the weight of each other and
/// some weight, if any.
fn dominant(candidates: &[u32], weight: impl Fn(u32) -> usize) -> Option<u32> {
    let mut ranked: Vec<(usize, u32)> = candidates.iter().map(|&c| (weight(c), c)).collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    match ranked.as_slice() {
        [(w0, best), rest @ ..] if *w0 > 0 && rest.first().is_none_or(|(w1, _)| *w0 >= 2 * *w1) => Some(*best),
        _ => None,
    }
}

/// The entity a short form at position `pos` of a document refers to, among `candidates`
/// (sorted roots), given the document's `present` (root, first position), sorted by root:
/// 1. the candidates introduced earlier in the document: "Donald Trump ... Trump" is Donald,
///    also when "Melania Trump" comes later; two introduced earlier is ambiguous;
/// 2. else the candidates anywhere in the document (a headline's "Trump" before the body's
///    "Donald Trump"); two is ambiguous;
/// 3. else the corpus's only candidate.
///
/// `None` (ambiguous or unknown): the mention stays in its own entity.
fn resolve(candidates: &[u32], present: &[(u32, usize)], pos: usize) -> Option<u32> {
    let mut earlier = None;
    let mut anywhere = None;
    let (mut n_earlier, mut n_anywhere) = (0, 0);
    for &c in candidates {
        if let Ok(i) = present.binary_search_by_key(&c, |x| x.0) {
            n_anywhere += 1;
            anywhere = Some(c);
            if present[i].1 < pos {
                n_earlier += 1;
                earlier = Some(c);
            }
        }
    }
    match (n_earlier, n_anywhere) {
        (1, _) => earlier,
        (0, 1) => anywhere,
        (0, 0) if candidates.len() == 1 => Some(candidates[0]),
        _ => None,
    }
}

/// One group's canonical entity from its mentions (document, index, form).
fn canonical(ms: &[(usize, usize, u32)], forms: &[Form<'_>], nodes: &[Node]) -> Canonical {
    // Mention counts per form in this group (a form's mentions may be split between groups).
    let mut per_form: Vec<(u32, usize)> = Vec::new();
    {
        let mut ids: Vec<u32> = ms.iter().map(|m| m.2).collect();
        ids.sort_unstable();
        for id in ids {
            match per_form.last_mut() {
                Some((f, n)) if *f == id => *n += 1,
                _ => per_form.push((id, 1)),
            }
        }
    }
    let mut aliases: Vec<(String, usize)> = Vec::new();
    let mut labels: Vec<(Label, usize)> = Vec::new();
    {
        let mut by_surface: Vec<(&str, usize)> =
            per_form.iter().map(|&(f, n)| (forms[f as usize].surface, n)).collect();
        by_surface.sort_unstable();
        for (s, n) in by_surface {
            match aliases.last_mut() {
                Some((a, c)) if a == s => *c += n,
                _ => aliases.push((s.to_string(), n)),
            }
        }
        let mut by_label: Vec<(Label, usize)> = per_form.iter().map(|&(f, n)| (forms[f as usize].label, n)).collect();
        by_label.sort_unstable();
        for (l, n) in by_label {
            match labels.last_mut() {
                Some((a, c)) if *a == l => *c += n,
                _ => labels.push((l, n)),
            }
        }
    }
    aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // The display name: most complete, well written, untitled, then most frequent.
    let count_of = |s: &str| aliases.iter().find(|a| a.0 == s).map_or(0, |a| a.1);
    let name = per_form
        .iter()
        .map(|&(f, _)| {
            let form = &forms[f as usize];
            let rank = (
                nodes[form.node as usize].rank_len(),
                std::cmp::Reverse(case_penalty(form.surface)),
                !form.titled,
                count_of(form.surface),
                // At equal counts, "Donald Trump" over "Donald J. Trump".
                std::cmp::Reverse(form.surface.split_whitespace().count()),
            );
            (rank, form.surface)
        })
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, s)| s.to_string())
        .unwrap_or_default();
    let mut documents: Vec<usize> = ms.iter().map(|m| m.0).collect();
    documents.dedup();
    Canonical {
        name,
        label: labels[0].0,
        labels,
        aliases,
        mentions: ms.iter().map(|m| (m.0, m.1)).collect(),
        documents,
        count: ms.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn phonetic_folds_transliterations() {
        let key = |w: &str| phonetic(&fold(w));
        assert_eq!(key("Zelenskyy"), key("Zelenskiy"));
        assert_eq!(key("Zelenskyy"), key("Zelensky"));
        assert_eq!(key("Zelensky"), "zelenski");
        assert_eq!(key("Yury"), key("Yuri"));
        assert_eq!(key("Dmitry"), key("Dmitri"));
        assert_eq!(key("Sergey"), key("Sergei"));
        assert_eq!(key("José"), key("Jose"));
        assert_eq!(key("Volodymyr"), key("Volodimir"));
        // Not folded: different names.
        assert_ne!(key("Ana"), key("Anna"), "short words stay exact");
        assert_ne!(key("Kyiv"), key("Kiev"));
        assert_ne!(key("Ivanov"), key("Iwanow"));
        assert_ne!(key("Yuri"), key("Iuri"), "a leading y is a consonant");
        assert_ne!(key("Melania"), key("Donald"));
    }

    #[test]
    fn acronyms_from_initials() {
        assert_eq!(acronym(&words(&["united", "states"])).as_deref(), Some("us"));
        assert_eq!(acronym(&words(&["united", "nations"])).as_deref(), Some("un"));
        assert_eq!(acronym(&words(&["european", "union"])).as_deref(), Some("eu"));
        assert_eq!(acronym(&words(&["bank", "of", "england"])).as_deref(), Some("be"));
        assert_eq!(
            acronym(&words(&["organization", "of", "the", "petroleum", "exporting", "countries"])).as_deref(),
            Some("opec")
        );
        assert_eq!(acronym(&words(&["american", "telephone", "&", "telegraph"])).as_deref(), Some("att"));
        assert_eq!(acronym(&words(&["the", "kremlin"])), None);
        assert_eq!(acronym_shape("U.S.").as_deref(), Some("us"));
        assert_eq!(acronym_shape("UN").as_deref(), Some("un"));
        assert_eq!(acronym_shape("NATO's").as_deref(), Some("nato"));
        assert_eq!(acronym_shape("AT&T").as_deref(), Some("att"));
        assert_eq!(acronym_shape("Us"), None);
        assert_eq!(acronym_shape("G20"), None);
        assert_eq!(acronym_shape("U"), None);
        assert_eq!(acronym_shape("UNCTADX"), None);
    }

    #[test]
    fn keys_drop_titles_possessives_and_diacritics() {
        assert_eq!(key_words("President Donald J. Trump's", Label::Per), (words(&["donald", "j", "trump"]), true));
        assert_eq!(key_words("Prime Minister Modi", Label::Per), (words(&["modi"]), true));
        assert_eq!(key_words("Mr. Putin", Label::Per), (words(&["putin"]), true));
        assert_eq!(key_words("President", Label::Per), (words(&["president"]), false));
        assert_eq!(key_words("José Álvarez", Label::Per), (words(&["jose", "alvarez"]), false));
        assert_eq!(key_words("the United Nations", Label::Org), (words(&["united", "nations"]), false));
        assert_eq!(key_words("G-20", Label::Org), (words(&["g-20"]), false));
        assert_eq!(key_words("U.S.", Label::Loc), (words(&["us"]), false));
    }

    fn run(docs: &[&[(&str, Label)]]) -> Vec<Canonical> {
        let built: Vec<(String, Vec<Entity>)> = docs
            .iter()
            .map(|ms| {
                let mut text = String::new();
                let mut ents = Vec::new();
                for (s, l) in ms.iter() {
                    let start = text.len();
                    text.push_str(s);
                    ents.push(Entity { start, end: text.len(), label: *l });
                    text.push_str(". ");
                }
                (text, ents)
            })
            .collect();
        let refs: Vec<(&str, &[Entity])> = built.iter().map(|(t, e)| (t.as_str(), e.as_slice())).collect();
        merge(&refs)
    }

    #[test]
    fn surnames_follow_the_document() {
        use Label::Per;
        let out = run(&[
            &[("Donald Trump", Per), ("Trump", Per)],
            &[("Melania Trump", Per), ("Trump", Per)],
            &[("Trump", Per)],
        ]);
        let names: Vec<(&str, usize)> = out.iter().map(|c| (c.name.as_str(), c.count)).collect();
        assert_eq!(names, vec![("Donald Trump", 2), ("Melania Trump", 2), ("Trump", 1)]);
        assert_eq!(out[1].mentions, vec![(1, 0), (1, 1)]);
        // Introduced earlier wins; once both are introduced, a bare surname is ambiguous.
        let out = run(&[&[("Donald Trump", Per), ("Trump", Per), ("Melania Trump", Per), ("Trump", Per)]]);
        let got: Vec<(&str, &[(usize, usize)])> =
            out.iter().map(|c| (c.name.as_str(), c.mentions.as_slice())).collect();
        assert_eq!(
            got,
            vec![("Donald Trump", &[(0, 0), (0, 1)][..]), ("Melania Trump", &[(0, 2)]), ("Trump", &[(0, 3)])]
        );
    }

    #[test]
    fn canonical_fields() {
        use Label::{Loc, Org};
        let out = run(&[&[("U.S.", Loc), ("US", Org), ("United States", Loc)], &[("U.S.", Loc)]]);
        assert_eq!(out.len(), 1, "{out:?}");
        let c = &out[0];
        assert_eq!(c.name, "United States");
        assert_eq!(c.label, Loc);
        assert_eq!(c.labels, vec![(Loc, 3), (Org, 1)]);
        assert_eq!(c.aliases, vec![("U.S.".to_string(), 2), ("US".to_string(), 1), ("United States".to_string(), 1)]);
        assert_eq!(c.documents, vec![0, 1]);
        assert_eq!(c.mentions, vec![(0, 0), (0, 1), (0, 2), (1, 0)]);
    }
}
