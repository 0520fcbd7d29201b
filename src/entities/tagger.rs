//! The trained name tagger: an averaged perceptron over hashed features, decoded with
//! Viterbi over BILOU tags for PER / ORG / LOC / MISC.
//!
//! Features of a token: its form, lowercase, prefixes, suffixes, shape, capitalisation,
//! the ±2 window, sentence position, an all-caps-line (headline) flag, document-level facts
//! about the same word elsewhere in the document, and gazetteer matches (names seen in the
//! training data with their types). Each feature is hashed into a fixed table of rows, one
//! weight per tag; weights are quantised to `i8` in the shipped model. Word clusters and
//! external place names ([`Lexicon`]) come from registry packages (model/README.md).
//!
//! The model file (little-endian): `b"NER4"`, `bits: u32`, `stages: u32`, per stage
//! (`scale: f32`, `trans: [f32; (T+1)*T]` (row T is the start state),
//! `weights: [i8; 2^bits * T]`),
//! the gazetteer's table (`hash: u32` → `types: u8`), its word parts' table (`hash: u32` →
//! `positions: u16`); then the [`Lexicon`]: `n_fine: u32`,
//! `n_fine` × (`mid: u8`, `coarse: u8`), the words' table (`key: u32` → `fine: u16`), the
//! external names' table (`hash: u32` → `types: u8`), `n_usage: u32` and `n_usage` ×
//! `usage: u8` (per fine cluster, learnt in training). Every table is written by
//! `put_table`: sorted by key, keys as LEB128 deltas, then the values.

use crate::hash::FastMap as HashMap;

/// Number of tags: O plus B/I/L/U for each of the 4 types.
pub const NT: usize = 17;
/// Entity types in tag order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
const MAGIC: &[u8; 4] = b"NER4";

/// Tag index: 0 = O, 1 + 4*type + pos with pos 0=B 1=I 2=L 3=U.
#[inline]
pub fn tag(ty: usize, pos: usize) -> usize {
    1 + 4 * ty + pos
}
#[inline]
fn tag_pos(t: usize) -> Option<(usize, usize)> {
    (t > 0).then(|| ((t - 1) / 4, (t - 1) % 4))
}

/// Whether tag `b` may follow tag `a` (`a == NT` = sentence start).
fn allowed(a: usize, b: usize) -> bool {
    let open = a < NT && matches!(tag_pos(a), Some((_, 0 | 1)));
    match (open, tag_pos(b)) {
        (true, Some((tb, 1 | 2))) => tag_pos(a).map(|p| p.0) == Some(tb),
        (true, _) => false,
        (false, Some((_, 1 | 2))) => false,
        (false, _) => true,
    }
}
/// Whether a sentence may end in tag `a`.
fn can_end(a: usize) -> bool {
    !matches!(tag_pos(a), Some((_, 0 | 1)))
}

/// Entity spans (token ranges, type) from a BILOU tag sequence.
pub fn spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match tag_pos(t) {
            None => open = None,
            Some((ty, 0)) => open = Some((i, ty)),
            Some((ty, 1)) => {
                if open.map(|o| o.1) != Some(ty) {
                    open = Some((i, ty));
                }
            }
            Some((ty, 2)) => {
                let s = open.filter(|o| o.1 == ty).map_or(i, |o| o.0);
                out.push((s, i + 1, ty));
                open = None;
            }
            Some((ty, _)) => {
                out.push((i, i + 1, ty));
                open = None;
            }
        }
    }
    out
}

/// BILOU tags from entity spans over `n` tokens.
pub fn bilou(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut t = vec![0; n];
    for &(s, e, ty) in spans {
        if e - s == 1 {
            t[s] = tag(ty, 3);
        } else {
            t[s] = tag(ty, 0);
            for x in &mut t[s + 1..e - 1] {
                *x = tag(ty, 1);
            }
            t[e - 1] = tag(ty, 2);
        }
    }
    t
}

// ---------------------------------------------------------------- hashing

const FNV_PRIME: u64 = 0x0000_0100_0000_01B3;

#[derive(Clone, Copy)]
struct H(u64);
impl H {
    #[inline]
    fn new(template: u8) -> H {
        H((0xcbf2_9ce4_8422_2325 ^ template as u64).wrapping_mul(FNV_PRIME))
    }
    #[inline]
    fn bytes(mut self, b: &[u8]) -> H {
        for &x in b {
            self.0 = (self.0 ^ x as u64).wrapping_mul(FNV_PRIME);
        }
        self
    }
    #[inline]
    fn sep(self) -> H {
        self.bytes(&[0xff])
    }
    #[inline]
    fn done(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// Hash of a gazetteer key (normalised lowercase tokens joined by spaces). 32 bits: with
/// 10^5 entries a false match is one lookup in 40,000, and sorted 32-bit keys pack to about
/// 3 bytes each in the model file.
fn gaz_hash(words: &[&str]) -> u32 {
    let mut h = H::new(250);
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            h = h.bytes(b" ");
        }
        h = h.bytes(w.as_bytes());
    }
    h.done() as u32
}

// ---------------------------------------------------------------- token facts

/// Word form normalised for features: ’ ‘ → ', “ ” → ", digits → 0.
fn norm(w: &str) -> String {
    // Sized up front: every mapping keeps or shortens a character's bytes, and collecting
    // into a `String` grew it from a quarter of the word (a reallocation per word tagged).
    let mut s = String::with_capacity(w.len());
    s.extend(w.chars().map(|c| norm_char(c).unwrap_or(c)));
    s
}

/// What [`norm`] writes for `c` when it maps it (quotes, dashes, digits), else `None`.
#[inline]
fn norm_char(c: char) -> Option<char> {
    match c {
        '’' | '‘' | '`' => Some('\''),
        '“' | '”' | '«' | '»' => Some('"'),
        '–' | '—' => Some('-'),
        c if c.is_ascii_digit() => Some('0'),
        _ => None,
    }
}

/// `norm(w).to_lowercase()`, lowercased in place when ASCII (the common case: one
/// `String`, not two). Cleaning asks the model about many words (`cluster_usage`,
/// `knows_word`, `name_types`).
fn norm_lower(w: &str) -> String {
    if w.is_ascii() {
        // Byte by byte (see `feed_norm_lower`), into a vector sized once.
        let b: Vec<u8> = w
            .bytes()
            .map(|c| match c {
                b'0'..=b'9' => b'0',
                b'`' => b'\'',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        // ASCII throughout, so UTF-8 (the fallback never runs).
        return String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
    // Without a capital sigma (whose lowercase depends on its neighbours), lowercasing goes
    // character by character, and every character `norm` maps becomes ASCII punctuation
    // or a digit, which lowercasing leaves: the runs between them are lowercased and the
    // mapped characters written, into one `String` (`norm`, then lowercasing, made two).
    // (A sigma's first byte, 0xCE, leads only Greek letters: no other text has it.)
    if !w.as_bytes().contains(&0xce) {
        let mut out = String::with_capacity(w.len());
        let mut done = 0;
        for (i, c) in w.char_indices() {
            let Some(m) = norm_char(c) else { continue };
            crate::text::push_str_lowercase(&mut out, &w[done..i]);
            out.push(m);
            done = i + c.len_utf8();
        }
        crate::text::push_str_lowercase(&mut out, &w[done..]);
        return out;
    }
    let mut s = norm(w);
    if s.is_ascii() {
        s.make_ascii_lowercase();
        s
    } else {
        crate::text::to_lowercase(&s)
    }
}

/// `h` fed the bytes of `norm_lower(w)`. An ASCII word's are made byte by byte as `norm`
/// and the lowercasing make them (a digit is '0', a backquote an apostrophe, a letter
/// lowercase), with no `String` built: cleaning asks the model about many words
/// (`name_types`, `cluster_usage`, `knows_word`, `name_parts`), nearly all ASCII.
/// (Each byte read from a table, the word's ASCII test made in the same pass: -1.9 M
/// instructions a pass over the dev pages, where cleaning asks `name_types` about 9,000
/// times.)
fn feed_norm_lower(h: H, w: &str) -> H {
    let mut fed = h;
    for &b in w.as_bytes() {
        let Some(&c) = NORM_LOWER_ASCII.get(usize::from(b)) else {
            return h.bytes(norm_lower(w).as_bytes());
        };
        fed = fed.bytes(&[c]);
    }
    fed
}

/// What `norm_lower` writes for each ASCII byte: a digit is '0', a backquote an
/// apostrophe, a letter lowercase, any other byte itself.
const NORM_LOWER_ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b as usize] = match b {
            b'0'..=b'9' => b'0',
            b'`' => b'\'',
            b => b.to_ascii_lowercase(),
        };
        b += 1;
    }
    t
};

/// `gaz_hash` of the words normalised and lowercased (`norm_lower`), without building them.
fn gaz_hash_norm_lower(words: &[&str]) -> u32 {
    let mut h = H::new(250);
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            h = h.bytes(b" ");
        }
        h = feed_norm_lower(h, w);
    }
    h.done() as u32
}

fn shape(w: &str, collapse: bool) -> String {
    // At most as long as the word (each character maps to itself or one ASCII letter).
    let mut s = String::with_capacity(w.len());
    let mut last = ' ';
    let mut run = 0;
    for c in w.chars() {
        // An ASCII character's class without the Unicode tables (the same answers: among
        // ASCII only the letters are alphabetic, the digits numeric; a unit test checks).
        let k = if c.is_ascii() { char::from(ascii_class(c as u8)) } else { unicode_class(c) };
        if k == last {
            run += 1;
            if collapse || run > 3 {
                continue;
            }
        } else {
            run = 0;
        }
        s.push(k);
        last = k;
    }
    s
}

/// A character's class in a word's shape: 'X' uppercase, 'x' lowercase, 'd' numeric, 'a'
/// another letter, else the character itself (by the Unicode tables).
fn unicode_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// [`unicode_class`] of an ASCII byte, by ranges.
fn ascii_class(c: u8) -> u8 {
    match c {
        b'A'..=b'Z' => b'X',
        b'a'..=b'z' => b'x',
        b'0'..=b'9' => b'd',
        c => c,
    }
}

/// A token's forms (normalised, lowercase, shape, collapsed shape) one after the other in
/// one `String`, and its capitals: one allocation per token, where four were (their
/// allocation and release were a fifth of the features' cost).
struct Tok {
    text: String,
    /// Where the form, the lowercase form and the shape end in `text` (the collapsed shape
    /// runs to its end).
    ends: [usize; 3],
    init_cap: bool,
    all_caps: bool,
}

impl Tok {
    fn new(w: &str) -> Tok {
        if w.is_ascii() {
            return Tok::new_ascii(w);
        }
        let form = norm(w);
        // (`text::to_lowercase`: by bytes when ASCII, the same text, one pass less.)
        let lower = crate::text::to_lowercase(&form);
        let has_alpha = w.chars().any(char::is_alphabetic);
        Tok::of_forms(
            [&form, &lower, &shape(w, false), &shape(w, true)],
            w.chars().next().is_some_and(char::is_uppercase),
            has_alpha && !w.chars().any(char::is_lowercase),
        )
    }

    fn of_forms(forms: [&str; 4], init_cap: bool, all_caps: bool) -> Tok {
        let mut text = String::with_capacity(forms.iter().map(|f| f.len()).sum());
        let mut ends = [0; 3];
        for (k, f) in forms.iter().enumerate() {
            text.push_str(f);
            if let Some(e) = ends.get_mut(k) {
                *e = text.len();
            }
        }
        Tok { text, ends, init_cap, all_caps }
    }

    /// The word normalised (`norm`).
    fn form(&self) -> &str {
        &self.text[..self.ends[0]]
    }
    /// The normalised word lowercased.
    fn lower(&self) -> &str {
        &self.text[self.ends[0]..self.ends[1]]
    }
    /// `shape(w, false)`.
    fn shape(&self) -> &str {
        &self.text[self.ends[1]..self.ends[2]]
    }
    /// `shape(w, true)`.
    fn short(&self) -> &str {
        &self.text[self.ends[2]..]
    }

    /// [`Tok::new`] of an ASCII word (nearly every word), byte by byte: `norm` maps only a
    /// digit (to '0') and a backquote (to an apostrophe) among ASCII characters, and among
    /// them only the letters A-Z are uppercase, a-z lowercase, and alphabetic at all.
    fn new_ascii(w: &str) -> Tok {
        let b = w.as_bytes();
        let normed = |c: u8| match c {
            b'0'..=b'9' => b'0',
            b'`' => b'\'',
            c => c,
        };
        let mut text = Vec::with_capacity(4 * b.len());
        text.extend(b.iter().map(|&c| normed(c)));
        let form_end = text.len();
        text.extend(b.iter().map(|&c| normed(c).to_ascii_lowercase()));
        let lower_end = text.len();
        // `shape` of each byte, and the runs it keeps: up to four of a class (`shape`), or
        // one (`short`, collapsed, written after).
        let mut short = Vec::with_capacity(b.len());
        let (mut last, mut run) = (b' ', 0);
        for &c in b {
            let k = ascii_class(c);
            if k == last {
                run += 1;
                if run <= 3 {
                    text.push(k);
                }
                continue;
            }
            run = 0;
            text.push(k);
            short.push(k);
            last = k;
        }
        let shape_end = text.len();
        text.extend_from_slice(&short);
        // Every byte is ASCII, so the text is UTF-8 (the fallback never runs).
        let text = String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Tok {
            text,
            ends: [form_end, lower_end, shape_end],
            init_cap: b.first().is_some_and(u8::is_ascii_uppercase),
            all_caps: b.iter().any(u8::is_ascii_alphabetic) && !b.iter().any(u8::is_ascii_lowercase),
        }
    }
}

/// Per-document facts about words, keyed by lowercase form.
#[derive(Default, Clone, Copy)]
struct DocWord {
    /// Seen all-lowercase.
    lower: bool,
    /// Seen capitalised, not sentence-initial, in a mixed-case sentence.
    cap_mid: bool,
    /// Seen capitalised sentence-initially or in a headline only.
    count: u16,
}

/// The gazetteer: normalised lowercase name → bitmask of types (bit `ty`).
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    map: HashMap<u32, u8>,
    /// Single words of names → bitmask of (type, B/I/L/U position), bit `4*type + pos`.
    parts: HashMap<u32, u16>,
}

impl Gazetteer {
    /// Adds a name of type `ty`, given as its tokens.
    pub fn add(&mut self, words: &[&str], ty: usize) {
        let ws: Vec<String> = words.iter().map(|w| norm(w).to_lowercase()).collect();
        let refs: Vec<&str> = ws.iter().map(String::as_str).collect();
        *self.map.entry(gaz_hash(&refs)).or_default() |= 1 << ty;
        let n = refs.len();
        for (k, w) in refs.iter().enumerate() {
            let pos = if n == 1 {
                3
            } else if k == 0 {
                0
            } else if k + 1 == n {
                2
            } else {
                1
            };
            *self.parts.entry(gaz_hash(&[w])).or_default() |= 1 << (4 * ty + pos);
        }
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }
    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Key of a word (normalised lowercase form) in the cluster table; `scripts/ner-data.py`
/// computes the same hash.
pub fn cluster_key(w: &str) -> u32 {
    H::new(249).bytes(w.as_bytes()).done() as u32
}

/// Knowledge from outside the training data, fixed before training and shipped in the model:
/// word clusters distilled from word vectors trained on billions of words of text (so a
/// name unseen in 1996 news still lands beside the names it behaves like) and gazetteers of
/// places from registry packages. Sources and licences: model/README.md; regenerated by
/// `scripts/ner-data.py`.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// `cluster_key` of a word → its fine cluster.
    words: HashMap<u32, u16>,
    /// Fine cluster → (mid, coarse): the coarser clusters contain whole fine ones.
    up: Vec<(u8, u8)>,
    /// External names: `gaz_hash` of the lowercase tokens → bitmask of types.
    names: HashMap<u32, u8>,
    /// Per fine cluster, how the training data used its capitalised words (computed by
    /// `train`): [`SURNAME_LIKE`], [`FIRST_NAME_LIKE`]. Empty before training.
    usage: Vec<u8>,
}

/// A cluster whose capitalised training words are mostly the last or only word of a
/// person's name, rarely the first ("Yeltsin", "Putin" are in one).
pub const SURNAME_LIKE: u8 = 1;
/// A cluster whose capitalised training words are mostly first names.
pub const FIRST_NAME_LIKE: u8 = 2;
/// A cluster whose words the training text nearly always writes as (part of) a name, of
/// any type, in mid-sentence: surnames, places, firms ("Monfils", "Pixar", "Stratfor").
pub const NAME_LIKE: u8 = 4;

/// Cluster ids of a token with no letters / of a word absent from the table.
const NO_WORD: [u16; 3] = [0xfffe; 3];
const UNKNOWN: [u16; 3] = [0xffff; 3];

impl Lexicon {
    /// Reads a cluster table written by `scripts/ner-data.py` (format in its docstring).
    pub fn read_clusters(&mut self, b: &[u8]) -> Option<()> {
        if b.get(..4)? != b"CLU1" {
            return None;
        }
        let mut p = 4;
        let nf = u32::from_le_bytes(rd(b, &mut p)?) as usize;
        let nw = u32::from_le_bytes(rd(b, &mut p)?) as usize;
        self.up = (0..nf).map(|_| rd::<2>(b, &mut p).map(|x| (x[0], x[1]))).collect::<Option<_>>()?;
        self.words.clear();
        self.words.reserve(nw);
        for _ in 0..nw {
            let k = u32::from_le_bytes(rd(b, &mut p)?);
            let f = u16::from_le_bytes(rd(b, &mut p)?);
            if f as usize >= nf {
                return None;
            }
            self.words.insert(k, f);
        }
        (p == b.len()).then_some(())
    }
    /// Adds an external name of type `ty`, given as its tokens.
    pub fn add_name(&mut self, words: &[&str], ty: usize) {
        let ws: Vec<String> = words.iter().map(|w| norm(w).to_lowercase()).collect();
        let refs: Vec<&str> = ws.iter().map(String::as_str).collect();
        *self.names.entry(gaz_hash(&refs)).or_default() |= 1 << ty;
    }
    /// (words with clusters, external names).
    pub fn len(&self) -> (usize, usize) {
        (self.words.len(), self.names.len())
    }
    /// [`Lexicon::cluster`] of `norm_lower(w)`, without building it for an ASCII word (its
    /// letters are the normalised form's: `norm` maps only digits and a backquote).
    fn cluster_norm_lower(&self, w: &str) -> [u16; 3] {
        if !w.is_ascii() {
            return self.cluster(&norm_lower(w));
        }
        if !w.bytes().any(|b| b.is_ascii_alphabetic()) {
            return NO_WORD;
        }
        match self.words.get(&(feed_norm_lower(H::new(249), w).done() as u32)) {
            Some(&f) => {
                let (m, c) = self.up[f as usize];
                [f, m as u16, c as u16]
            }
            None => UNKNOWN,
        }
    }
    /// Fine, mid and coarse cluster of a normalised lowercase word.
    #[inline]
    fn cluster(&self, lower: &str) -> [u16; 3] {
        // (`text::is_alphabetic`: Latin and Cyrillic letters without the Unicode tables.)
        if !lower.chars().any(crate::text::is_alphabetic) {
            return NO_WORD;
        }
        match self.words.get(&cluster_key(lower)) {
            Some(&f) => {
                let (m, c) = self.up[f as usize];
                [f, m as u16, c as u16]
            }
            None => UNKNOWN,
        }
    }
}

const GAZ_MAX: usize = 6;

/// Longest match of known names from each capitalised (or digit-initial) token, in each of
/// `maps` (`gaz_hash` → types) separately, hashing each candidate span once: per map, token
/// and type, 0 or the position 1=B 2=I 3=L 4=U.
fn longest_matches<const M: usize>(sent: &[&Tok], lowers: &[&str], maps: [&HashMap<u32, u8>; M]) -> [Vec<[u8; 4]>; M] {
    let n = sent.len();
    let mut out: [Vec<[u8; 4]>; M] = std::array::from_fn(|_| vec![[0; 4]; n]);
    for i in 0..n {
        if !(sent[i].init_cap || sent[i].lower().starts_with(|c: char| c.is_ascii_digit())) {
            continue;
        }
        // `gaz_hash` of the spans from `i`, of 1 to 6 tokens, in one pass over them: the
        // hash is a running state over the span's bytes, so each span's is the state after
        // the shorter span's bytes, a space and its last token (the same keys as hashing
        // each span from its start, where the six spans were hashed over 21 tokens).
        let longest = GAZ_MAX.min(n - i);
        let mut keys = [0u32; GAZ_MAX];
        let mut state = H::new(250);
        for (len, key) in keys.iter_mut().enumerate().take(longest) {
            if len > 0 {
                state = state.bytes(b" ");
            }
            state = state.bytes(lowers[i + len].as_bytes());
            *key = state.done() as u32;
        }
        let mut done = [false; M];
        for len in (1..=longest).rev() {
            let h = keys[len - 1];
            for (k, map) in maps.iter().enumerate() {
                if done[k] {
                    continue;
                }
                let Some(&m) = map.get(&h) else { continue };
                done[k] = true;
                for ty in (0..4).filter(|ty| m & (1 << ty) != 0) {
                    for (j, g) in out[k][i..i + len].iter_mut().enumerate() {
                        let pos = if len == 1 {
                            4
                        } else if j == 0 {
                            1
                        } else if j + 1 == len {
                            3
                        } else {
                            2
                        };
                        if g[ty] == 0 {
                            g[ty] = pos;
                        }
                    }
                }
            }
            if done.iter().all(|&d| d) {
                break;
            }
        }
    }
    out
}

/// A sentence's tokens as features: row indices, `offsets[i]..offsets[i+1]` for token i.
#[derive(Debug, Default, Clone)]
pub struct SentFeats {
    /// Row indices.
    pub rows: Vec<u32>,
    /// Offsets into `rows`, one per token plus one.
    pub offsets: Vec<u32>,
}

/// A distinct word of a document, as [`doc_features`] reads it: its token forms and what
/// depends on the word alone, worked out once however often the word occurs (most tokens
/// of a text repeat an earlier word: "the", the names it is about).
struct DocTok {
    tok: Tok,
    /// The features of the word alone (templates 0 to 5), hashed and masked, in the order a
    /// token's rows list them: `rows[start..end]` of the table.
    rows: (u32, u32),
    /// Characters in the lowercase form.
    chars: usize,
    /// Fine, mid and coarse cluster.
    clu: [u16; 3],
    /// Name-part positions seen in the gazetteer (capitalised words only, else 0).
    parts: u16,
    /// No capital and some letter (as written): counts as a lowercase use in [`DocWord`].
    lowercase: bool,
}

/// Feature extraction for one document (sentences of words).
pub fn doc_features(doc: &[Vec<&str>], gaz: &Gazetteer, lex: &Lexicon, bits: u32) -> Vec<SentFeats> {
    let mask = (1u64 << bits) - 1;
    // The document's distinct words (`words`, each token's index into them in `ids`), and
    // the rows of each word's own features (`own`).
    let mut index: HashMap<&str, u32> = HashMap::default();
    let mut lower_index: HashMap<&str, u32> = HashMap::default();
    let mut words: Vec<DocTok> = Vec::new();
    let mut own: Vec<u32> = Vec::new();
    let mut ids: Vec<Vec<u32>> = Vec::with_capacity(doc.len());
    for sent in doc {
        let mut sent_ids = Vec::with_capacity(sent.len());
        for &w in sent {
            let id = *index.entry(w).or_insert_with(|| {
                words.push(doc_tok(w, gaz, lex, mask, &mut own));
                (words.len() - 1) as u32
            });
            sent_ids.push(id);
        }
        ids.push(sent_ids);
    }
    // Each distinct word's lowercase form, numbered ("The" and "the" share one): the
    // index of its [`DocWord`].
    let lower_ids: Vec<u32> = words
        .iter()
        .map(|d| {
            let next = lower_index.len() as u32;
            *lower_index.entry(d.tok.lower()).or_insert(next)
        })
        .collect();
    let caps_line: Vec<bool> = ids
        .iter()
        .map(|s| {
            let alpha: Vec<&Tok> = s
                .iter()
                .map(|&d| &words[d as usize].tok)
                .filter(|t| t.lower().chars().any(char::is_alphabetic))
                .collect();
            alpha.len() >= 2 && alpha.iter().filter(|t| t.all_caps).count() * 10 >= alpha.len() * 7
        })
        .collect();
    let mut dw: Vec<DocWord> = vec![DocWord::default(); lower_index.len()];
    for (s, sent) in ids.iter().enumerate() {
        for (i, &d) in sent.iter().enumerate() {
            let w = &words[d as usize];
            let t = &w.tok;
            let e = &mut dw[lower_ids[d as usize] as usize];
            e.count = e.count.saturating_add(1);
            if w.lowercase {
                e.lower = true;
            } else if t.init_cap && i > 0 && !caps_line[s] && !t.all_caps {
                e.cap_mid = true;
            }
        }
    }
    let mut out = Vec::with_capacity(doc.len());
    for (s, sent_ids) in ids.iter().enumerate() {
        let n = sent_ids.len();
        let dts: Vec<&DocTok> = sent_ids.iter().map(|&d| &words[d as usize]).collect();
        let sent: Vec<&Tok> = dts.iter().map(|d| &d.tok).collect();
        // Gazetteers: longest match from each start; tokens get B/I/L/U per type.
        let lowers: Vec<&str> = sent.iter().map(|t| t.lower()).collect();
        let [gz, ext] = longest_matches(&sent, &lowers, [&gaz.map, &lex.names]);
        let clu: Vec<[u16; 3]> = dts.iter().map(|d| d.clu).collect();
        let parts: Vec<u16> = dts.iter().map(|d| d.parts).collect();
        let mut f = SentFeats { rows: Vec::with_capacity(n * 48), offsets: Vec::with_capacity(n + 1) };
        let cl = caps_line[s] as u8;
        // A field of the token at offset k, with sentence-boundary markers outside it.
        let at = |k: isize, lower: bool| -> &[u8] {
            if k < 0 {
                b"<S>"
            } else if k as usize >= n {
                b"</S>"
            } else if lower {
                sent[k as usize].lower().as_bytes()
            } else {
                sent[k as usize].short().as_bytes()
            }
        };
        let word = |k: isize| at(k, true);
        let short = |k: isize| at(k, false);
        for i in 0..n {
            f.offsets.push(f.rows.len() as u32);
            let d = dts[i];
            let t = &d.tok;
            let ii = i as isize;
            f.rows.extend_from_slice(&own[d.rows.0 as usize..d.rows.1 as usize]);
            let nc = d.chars;
            let mut push = |h: H| f.rows.push((h.done() & mask) as u32);
            push(H::new(6).bytes(t.short().as_bytes()).bytes(&[(i == 0) as u8, cl]));
            push(H::new(7).bytes(&[t.init_cap as u8, t.all_caps as u8, (i == 0) as u8, cl]));
            push(H::new(8).bytes(&[(nc.min(8)) as u8, t.init_cap as u8]));
            for (tpl, d) in [(10u8, -2isize), (11, -1), (12, 1), (13, 2)] {
                push(H::new(tpl).bytes(word(ii + d)));
            }
            push(H::new(14).bytes(short(ii - 1)));
            push(H::new(15).bytes(short(ii + 1)));
            push(H::new(16).bytes(short(ii - 1)).sep().bytes(t.short().as_bytes()));
            push(H::new(17).bytes(t.short().as_bytes()).sep().bytes(short(ii + 1)));
            push(H::new(18).bytes(word(ii - 1)).sep().bytes(t.lower().as_bytes()));
            push(H::new(19).bytes(t.lower().as_bytes()).sep().bytes(word(ii + 1)));
            push(H::new(20).bytes(word(ii - 1)).sep().bytes(t.short().as_bytes()));
            push(H::new(21).bytes(t.short().as_bytes()).sep().bytes(word(ii + 1)));
            push(H::new(22).bytes(short(ii - 1)).sep().bytes(t.short().as_bytes()).sep().bytes(short(ii + 1)));
            if cl == 1 {
                push(H::new(23).bytes(t.lower().as_bytes()));
            }
            // Document-level: the same word elsewhere in the document.
            if t.init_cap || t.all_caps {
                let d = dw[lower_ids[sent_ids[i] as usize] as usize];
                let ctx = [(i == 0) as u8, cl, t.all_caps as u8];
                push(H::new(24).bytes(&[d.lower as u8, d.cap_mid as u8]).bytes(&ctx));
                push(H::new(25).bytes(&[d.lower as u8, d.cap_mid as u8, (d.count > 1) as u8]));
            }
            // Gazetteer.
            let g = gz[i];
            let prev = if i > 0 { gz[i - 1] } else { [0; 4] };
            let next = if i + 1 < n { gz[i + 1] } else { [0; 4] };
            for ty in 0..4 {
                if g[ty] != 0 {
                    push(H::new(26).bytes(&[ty as u8, g[ty]]));
                    push(H::new(27).bytes(&[ty as u8, g[ty], t.init_cap as u8, cl, (i == 0) as u8]));
                }
                if prev[ty] != 0 {
                    push(H::new(28).bytes(&[ty as u8, prev[ty]]));
                }
                if next[ty] != 0 {
                    push(H::new(29).bytes(&[ty as u8, next[ty]]));
                }
            }
            // External names (places from GeoNames / ISO 3166): own templates, so the model
            // learns how far to trust them apart from names seen in training.
            let (e, ep, en) =
                (ext[i], if i > 0 { ext[i - 1] } else { [0; 4] }, if i + 1 < n { ext[i + 1] } else { [0; 4] });
            for ty in 0..4 {
                if e[ty] != 0 {
                    push(H::new(50).bytes(&[ty as u8, e[ty], g[ty].min(1)]));
                    push(H::new(51).bytes(&[ty as u8, e[ty], t.init_cap as u8, cl, (i == 0) as u8]));
                }
                if ep[ty] != 0 {
                    push(H::new(52).bytes(&[ty as u8, ep[ty]]));
                }
                if en[ty] != 0 {
                    push(H::new(53).bytes(&[ty as u8, en[ty]]));
                }
            }
            // Word clusters: the token's fine and mid clusters (with its capitalisation, since
            // the vectors are lowercase), the neighbours' mid clusters, and the coarse trigram.
            // (Also the token's coarse cluster and the ±2 words' coarse clusters were tried:
            // 0.25 better on eng.testa, 1.0 worse on conllpp-dev over two seeds, 3 more
            // weight rows per token; left out.)
            let c = clu[i];
            let cap = [t.init_cap as u8, t.all_caps as u8, (i == 0) as u8 | cl << 1];
            push(H::new(54).bytes(&c[0].to_le_bytes()).bytes(&cap[..2]));
            push(H::new(55).bytes(&c[1].to_le_bytes()).bytes(&cap));
            let cw = |k: isize, g: usize| -> [u8; 2] {
                if k < 0 {
                    [0xfd, 0xff]
                } else if k as usize >= n {
                    [0xfc, 0xff]
                } else {
                    clu[k as usize][g].to_le_bytes()
                }
            };
            push(H::new(57).bytes(&cw(ii - 1, 1)).bytes(&[t.init_cap as u8]));
            push(H::new(58).bytes(&cw(ii + 1, 1)).bytes(&[t.init_cap as u8]));
            push(H::new(61).bytes(&cw(ii - 1, 2)).bytes(&c[2].to_le_bytes()).bytes(&cw(ii + 1, 2)));
            let gm: u8 = (0..4).map(|ty| ((g[ty] != 0) as u8) << ty).sum();
            push(H::new(30).bytes(&[gm, t.init_cap as u8]));
            // Name parts: how this word and its neighbours were used inside names.
            let pm = parts[i];
            if pm != 0 {
                push(H::new(31).bytes(&pm.to_le_bytes()).bytes(&[t.init_cap as u8]));
                let mut set = pm;
                while set != 0 {
                    let b = set.trailing_zeros() as u8;
                    set &= set - 1;
                    push(H::new(32).bytes(&[b, t.init_cap as u8, cl]));
                }
            }
            let pp = if i > 0 { parts[i - 1] } else { 0 };
            let pn = if i + 1 < n { parts[i + 1] } else { 0 };
            // The bits set in either, ascending (most words have none).
            let mut either = pp | pn;
            while either != 0 {
                let b = either.trailing_zeros() as u8;
                either &= either - 1;
                if pp & (1 << b) != 0 {
                    push(H::new(33).bytes(&[b, t.init_cap as u8]));
                }
                if pn & (1 << b) != 0 {
                    push(H::new(34).bytes(&[b, t.init_cap as u8]));
                }
            }
        }
        f.offsets.push(f.rows.len() as u32);
        out.push(f);
    }
    out
}

/// A distinct word's [`DocTok`]: its own features' rows are appended to `own`.
fn doc_tok(w: &str, gaz: &Gazetteer, lex: &Lexicon, mask: u64, own: &mut Vec<u32>) -> DocTok {
    let tok = Tok::new(w);
    let start = own.len() as u32;
    let mut push = |h: H| own.push((h.done() & mask) as u32);
    push(H::new(0));
    push(H::new(1).bytes(tok.form().as_bytes()));
    push(H::new(2).bytes(tok.lower().as_bytes()));
    // Prefixes and suffixes of 1 to 4 characters: `ends[k]` is where the first k
    // characters end, `starts[k]` where the last k begin (byte offsets; an ASCII
    // word's are its byte counts). Found without collecting the word's characters
    // into a vector per token.
    let lower = tok.lower().as_bytes();
    let (nc, mut ends, mut starts) = (tok.lower().chars().count(), [lower.len(); 5], [0usize; 5]);
    if tok.lower().is_ascii() {
        for k in 1..=4.min(nc) {
            ends[k] = k;
            starts[k] = lower.len() - k;
        }
    } else {
        for (k, (at, _)) in tok.lower().char_indices().enumerate().skip(1).take(4) {
            ends[k] = at;
        }
        for (k, (at, _)) in tok.lower().char_indices().rev().enumerate().take(4) {
            starts[k + 1] = at;
        }
    }
    for k in 1..=4.min(nc) {
        push(H::new(3).bytes(&[k as u8]).bytes(&lower[..ends[k]]));
        push(H::new(4).bytes(&[k as u8]).bytes(&lower[starts[k]..]));
    }
    push(H::new(5).bytes(tok.shape().as_bytes()));
    let end = own.len() as u32;
    let capital = tok.init_cap || tok.all_caps;
    DocTok {
        rows: (start, end),
        chars: nc,
        clu: lex.cluster(tok.lower()),
        parts: if capital { gaz.parts.get(&gaz_hash(&[tok.lower()])).copied().unwrap_or(0) } else { 0 },
        lowercase: !tok.form().chars().any(char::is_uppercase) && tok.form().chars().any(char::is_alphabetic),
        tok,
    }
}

// ---------------------------------------------------------------- decoding

/// The tags allowed before a tag that opens a name or stands outside one (O, B, U): O and
/// the L and U of each type, ascending. Before an I or L tag only the B and I of its type
/// are allowed. Viterbi tries only these, 9 or 2 of the 17 (`allowed` says the same:
/// tested): the same best path, since a path through a disallowed transition scores about
/// -1e30 while the best path (all O at worst) scores a finite sum, and among the allowed
/// predecessors the first best wins, as it did over all 17.
const PREDS_OUTSIDE: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// The best of `prev[a] + tb[a]` over the predecessors `preds` (ascending) and the first
/// `a` that gives it.
#[inline(always)]
fn best_of<const K: usize>(prev: &[f32; NT], tb: &[f32; NT + 1], preds: [usize; K]) -> (f32, usize) {
    let mut arg = preds[0];
    let mut best = prev[arg] + tb[arg];
    for &a in &preds[1..] {
        let v = prev[a] + tb[a];
        if v > best {
            best = v;
            arg = a;
        }
    }
    (best, arg)
}

/// Viterbi over emission scores `em[i*NT + t]` with transitions `trans[(a)*NT + b]`
/// (`a == NT`: start). Returns the best allowed tag sequence.
pub fn viterbi(em: &[f32], n: usize, trans: &[f32]) -> Vec<usize> {
    Folded::new(trans).viterbi(em, n)
}

/// Transitions with the BILOU constraints folded in (-1e30 where a transition is not
/// allowed), column-major: `t[b][a]` for `a` before `b`, `a == NT` the start.
fn fold(trans: &[f32]) -> [[f32; NT + 1]; NT] {
    let mut t = [[VITERBI_NEG; NT + 1]; NT];
    for a in 0..=NT {
        for b in 0..NT {
            if allowed(a, b) {
                t[b][a] = trans[a * NT + b];
            }
        }
    }
    t
}

const VITERBI_NEG: f32 = -1e30;

/// The tags that open a name or stand outside one (O, B, U), ascending: their allowed
/// predecessors are the same nine, [`PREDS_OUTSIDE`].
const OUTSIDE_TAGS: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
/// [`OUTSIDE_TAGS`] padded to a whole number of 4-lane vectors (the padding is computed
/// and never read).
const LANES: usize = 12;

/// A stage's transitions arranged for [`Folded::viterbi`], made once per stage (they were
/// folded per sentence decoded).
#[derive(Clone)]
struct Folded {
    /// As [`fold`] gives them (the start column, the I and L tags' predecessors).
    t: [[f32; NT + 1]; NT],
    /// `outside[j][m]`: from predecessor `PREDS_OUTSIDE[j]` to tag `OUTSIDE_TAGS[m]`.
    outside: [[f32; LANES]; 9],
}

impl Folded {
    fn new(trans: &[f32]) -> Folded {
        let t = fold(trans);
        let mut outside = [[0.0; LANES]; 9];
        for (j, row) in outside.iter_mut().enumerate() {
            for (m, &b) in OUTSIDE_TAGS.iter().enumerate() {
                row[m] = t[b][PREDS_OUTSIDE[j]];
            }
        }
        Folded { t, outside }
    }

    /// [`viterbi`]. The nine opening or outside tags share their nine predecessors, so
    /// their scores are found a predecessor at a time for all nine tags at once, as lanes
    /// (the compiler vectorises them): the same sums, compared in the same order with the
    /// same strict test (the first best wins), so the same path as one tag at a time
    /// (tested against trying every tag).
    // Index loops over the tag matrix: the hot loop of decoding, kept as plain indexing.
    #[allow(clippy::needless_range_loop)]
    fn viterbi(&self, em: &[f32], n: usize) -> Vec<usize> {
        if n == 0 {
            return Vec::new();
        }
        let t = &self.t;
        let mut back = vec![0u8; n * NT];
        let mut prev = [VITERBI_NEG; NT];
        for b in 0..NT {
            prev[b] = em[b] + t[b][NT];
        }
        for i in 1..n {
            let mut cur = [VITERBI_NEG; NT];
            // Opening and outside tags: the first predecessor's sums, then each later one
            // where it does strictly better.
            let mut best = [0.0f32; LANES];
            let mut arg = [0u8; LANES];
            let p0 = prev[PREDS_OUTSIDE[0]];
            for m in 0..LANES {
                best[m] = p0 + self.outside[0][m];
            }
            for j in 1..9 {
                let p = prev[PREDS_OUTSIDE[j]];
                let row = &self.outside[j];
                for m in 0..LANES {
                    let v = p + row[m];
                    let better = v > best[m];
                    best[m] = if better { v } else { best[m] };
                    arg[m] = if better { j as u8 } else { arg[m] };
                }
            }
            for (m, &b) in OUTSIDE_TAGS.iter().enumerate() {
                cur[b] = best[m] + em[i * NT + b];
                back[i * NT + b] = PREDS_OUTSIDE[arg[m] as usize] as u8;
            }
            // Inside and last tags: the B and I of their type.
            for ty in 0..4 {
                for b in [tag(ty, 1), tag(ty, 2)] {
                    let (best, arg) = best_of(&prev, &t[b], [tag(ty, 0), tag(ty, 1)]);
                    cur[b] = best + em[i * NT + b];
                    back[i * NT + b] = arg as u8;
                }
            }
            prev = cur;
        }
        best_path(&prev, &back, n)
    }
}

/// The path a Viterbi decoder ends on: the best final tag that may end a sentence (the
/// first best wins), followed back through `back` (per token and tag, its predecessor) over
/// the `n` tokens.
fn best_path(prev: &[f32; NT], back: &[u8], n: usize) -> Vec<usize> {
    let mut last = 0;
    let mut best = f32::NEG_INFINITY;
    for (a, &score) in prev.iter().enumerate() {
        if can_end(a) && score > best {
            best = score;
            last = a;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i * NT + out[i]] as usize;
    }
    out
}

/// [`viterbi`] trying every tag as a predecessor: the decoder as it was before
/// `PREDS_OUTSIDE`, the tests' reference.
#[cfg(test)]
#[allow(clippy::needless_range_loop)]
fn viterbi_all(em: &[f32], n: usize, trans: &[f32]) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let t = fold(trans);
    let mut back = vec![0u8; n * NT];
    let mut prev = [VITERBI_NEG; NT];
    for b in 0..NT {
        prev[b] = em[b] + t[b][NT];
    }
    for i in 1..n {
        let mut cur = [VITERBI_NEG; NT];
        for b in 0..NT {
            let (best, arg) = best_of(&prev, &t[b], std::array::from_fn::<usize, NT, _>(|a| a));
            cur[b] = best + em[i * NT + b];
            back[i * NT + b] = arg as u8;
        }
        prev = cur;
    }
    best_path(&prev, &back, n)
}

/// One decoding stage: quantised weights and transitions.
///
/// The shipped weights are `i8` with one scale per stage (linear, symmetric). Measured against
/// `i16` on the train-only model: eng.testa 92.4 against 92.3, conllpp-dev 81.9 against 82.0;
/// a mu-law and a k-means codebook of 256 levels did no better. Half the bytes: the page's
/// wasm is 0.7 MB of gzip smaller, and each feature reads a row of 17 bytes instead of 34
/// (decoding is bound by those random reads). Training's jackknifed first stages, which only
/// tag the training folds, stay `i16`: with them in `i8` too, conllpp-dev lost 1.4 points.
#[derive(Clone)]
struct Stage<W = i8> {
    scale: f32,
    trans: Vec<f32>,
    /// `trans` arranged for decoding (see [`Folded`]).
    folded: Folded,
    weights: Vec<W>,
}

/// A quantised weight type.
trait Weight: Copy + Into<i32> {
    const MAX: f32;
    /// Quantised weights of this magnitude or less are written as 0 (see [`train_stage`]).
    const PRUNE: f32;
    fn round(x: f32) -> Self;
    /// `acc[t]` = the sum over `rows` of `weights[r * NT + t]`.
    fn sum_rows(weights: &[Self], rows: &[u32], acc: &mut [i32; NT]) {
        acc.fill(0);
        for &r in rows {
            let row = &weights[r as usize * NT..r as usize * NT + NT];
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += w.into();
            }
        }
    }
}

/// Most rows a token may have for [`Weight::sum_rows`] of `i8` weights to sum in `i16`:
/// 255 weights of magnitude 128 or less sum to 32,640 at most, so no sum overflows and
/// every sum is the `i32` one. Tokens have about 50 rows; a longer list sums in `i32`.
const I16_SUM_ROWS: usize = 32_767 / 128;

// `<i8 as Weight>::sum_rows` sums the first 16 tags as a block and the 17th alone.
const _: () = assert!(NT == 17);

impl Weight for i8 {
    const MAX: f32 = i8::MAX as f32;
    const PRUNE: f32 = 1.0;
    fn round(x: f32) -> i8 {
        x.round() as i8
    }
    /// Summed in `i16` lanes (see [`I16_SUM_ROWS`]): twice the lanes of a vector register
    /// as `i32`, and no widening to 32 bits per weight. Summing the rows was half of
    /// decoding's instructions.
    fn sum_rows(weights: &[i8], rows: &[u32], acc: &mut [i32; NT]) {
        if rows.len() > I16_SUM_ROWS {
            acc.fill(0);
            for &r in rows {
                for (a, &w) in acc.iter_mut().zip(&weights[r as usize * NT..r as usize * NT + NT]) {
                    *a += i32::from(w);
                }
            }
            return;
        }
        // The first 16 tags as one block (two vector registers of i16), the last alone.
        let mut head = [0i16; 16];
        let mut last = 0i16;
        for &r in rows {
            let row = &weights[r as usize * NT..r as usize * NT + NT];
            let (first, rest) = row.split_at(16);
            for (a, &w) in head.iter_mut().zip(first) {
                *a += i16::from(w);
            }
            last += rest.first().map_or(0, |&w| i16::from(w));
        }
        for (a, &h) in acc.iter_mut().zip(&head) {
            *a = i32::from(h);
        }
        acc[16] = i32::from(last);
    }
}

impl Weight for i16 {
    const MAX: f32 = i16::MAX as f32;
    const PRUNE: f32 = 0.0;
    fn round(x: f32) -> i16 {
        x.round() as i16
    }
}

impl<W: Weight> Stage<W> {
    /// Best tag sequence for one sentence's features.
    fn decode(&self, f: &SentFeats, em: &mut Vec<f32>) -> Vec<usize> {
        let n = f.offsets.len() - 1;
        em.clear();
        em.resize(n * NT, 0.0);
        let mut acc = [0i32; NT];
        // Weight rows are random reads from a table larger than the caches: ask for the
        // next token's rows while summing this one's.
        let prefetch = |i: usize| {
            #[cfg(target_arch = "x86_64")]
            if i < n {
                for &r in &f.rows[f.offsets[i] as usize..f.offsets[i + 1] as usize] {
                    let p = self.weights.as_ptr().wrapping_add(r as usize * NT) as *const i8;
                    // SAFETY: prefetch is a hint; the address is inside `weights`.
                    unsafe { std::arch::x86_64::_mm_prefetch(p, std::arch::x86_64::_MM_HINT_T0) };
                }
            }
            #[cfg(not(target_arch = "x86_64"))]
            let _ = i;
        };
        prefetch(0);
        for i in 0..n {
            prefetch(i + 1);
            W::sum_rows(&self.weights, &f.rows[f.offsets[i] as usize..f.offsets[i + 1] as usize], &mut acc);
            for (e, &a) in em[i * NT..i * NT + NT].iter_mut().zip(&acc) {
                *e = a as f32 * self.scale;
            }
        }
        self.folded.viterbi(em, n)
    }
}

/// A shipped model: one or two stages (the second sees the first's tags across the
/// document) and the gazetteer.
pub struct Model {
    bits: u32,
    stages: Vec<Stage>,
    gaz: Gazetteer,
    lex: Lexicon,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Model {{ bits: {}, stages: {}, gazetteer: {}, lexicon: {:?} }}",
            self.bits,
            self.stages.len(),
            self.gaz.len(),
            self.lex.len()
        )
    }
}

/// Writes a hash table sorted by key: `n: u32`, the keys as LEB128 deltas from the previous
/// key, then the `n` values (columns compress better than rows: the keys are random, the
/// values repetitive).
fn put_table<V: Copy>(out: &mut Vec<u8>, map: &HashMap<u32, V>, put: impl Fn(&mut Vec<u8>, V)) {
    let mut kv: Vec<(u32, V)> = map.iter().map(|(&k, &v)| (k, v)).collect();
    kv.sort_unstable_by_key(|x| x.0);
    out.extend_from_slice(&(kv.len() as u32).to_le_bytes());
    let mut prev = 0u32;
    for &(k, _) in &kv {
        let mut d = k - prev;
        prev = k;
        while d >= 0x80 {
            out.push(d as u8 | 0x80);
            d >>= 7;
        }
        out.push(d as u8);
    }
    for &(_, v) in &kv {
        put(out, v);
    }
}

/// Reads a table written by [`put_table`]; `None` if truncated or keys not ascending.
fn get_table<V>(b: &[u8], p: &mut usize, get: impl Fn(&[u8], &mut usize) -> Option<V>) -> Option<HashMap<u32, V>> {
    let n = u32::from_le_bytes(rd(b, p)?) as usize;
    let mut keys = Vec::with_capacity(n.min(b.len()));
    let mut prev = 0u32;
    for i in 0..n {
        let (mut d, mut shift) = (0u32, 0);
        loop {
            let x = *b.get(*p)?;
            *p += 1;
            d |= ((x & 0x7f) as u32).checked_shl(shift)?;
            if x < 0x80 {
                break;
            }
            shift += 7;
            if shift > 28 {
                return None;
            }
        }
        if i > 0 && d == 0 {
            return None;
        }
        prev = prev.checked_add(d)?;
        keys.push(prev);
    }
    let mut map = HashMap::default();
    map.reserve(n);
    for k in keys {
        map.insert(k, get(b, p)?);
    }
    Some(map)
}

fn rd<const K: usize>(b: &[u8], p: &mut usize) -> Option<[u8; K]> {
    let s = b.get(*p..*p + K)?;
    *p += K;
    s.try_into().ok()
}

impl Model {
    /// Parses a model file.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        if b.get(..4)? != MAGIC {
            return None;
        }
        let mut p = 4;
        let bits = u32::from_le_bytes(rd(b, &mut p)?);
        let nstages = u32::from_le_bytes(rd(b, &mut p)?) as usize;
        if !(8..=24).contains(&bits) || !(1..=2).contains(&nstages) {
            return None;
        }
        let mut stages = Vec::new();
        for _ in 0..nstages {
            let scale = f32::from_le_bytes(rd(b, &mut p)?);
            let mut trans = Vec::with_capacity((NT + 1) * NT);
            for _ in 0..(NT + 1) * NT {
                trans.push(f32::from_le_bytes(rd(b, &mut p)?));
            }
            let nw = (1usize << bits) * NT;
            let raw = b.get(p..p + nw)?;
            p += nw;
            let weights = raw.iter().map(|&c| c as i8).collect();
            stages.push(Stage { scale, folded: Folded::new(&trans), trans, weights });
        }
        let map = get_table(b, &mut p, |b, p| rd::<1>(b, p).map(|x| x[0]))?;
        let parts = get_table(b, &mut p, |b, p| rd::<2>(b, p).map(u16::from_le_bytes))?;
        let gaz = Gazetteer { map, parts };
        let nf = u32::from_le_bytes(rd(b, &mut p)?) as usize;
        let up = (0..nf).map(|_| rd::<2>(b, &mut p).map(|x| (x[0], x[1]))).collect::<Option<_>>()?;
        let words = get_table(b, &mut p, |b, p| rd::<2>(b, p).map(u16::from_le_bytes))?;
        if words.values().any(|&f| f as usize >= nf) {
            return None;
        }
        let names = get_table(b, &mut p, |b, p| rd::<1>(b, p).map(|x| x[0]))?;
        let nu = u32::from_le_bytes(rd(b, &mut p)?) as usize;
        let usage = b.get(p..p + nu)?.to_vec();
        p += nu;
        let lex = Lexicon { words, up, names, usage };
        (p == b.len()).then_some(Model { bits, stages, gaz, lex })
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.stages.len() as u32).to_le_bytes());
        for s in &self.stages {
            out.extend_from_slice(&s.scale.to_le_bytes());
            for t in &s.trans {
                out.extend_from_slice(&t.to_le_bytes());
            }
            out.extend(s.weights.iter().map(|&w| w as u8));
        }
        put_table(&mut out, &self.gaz.map, |o, v| o.push(v));
        put_table(&mut out, &self.gaz.parts, |o, v| o.extend_from_slice(&v.to_le_bytes()));
        out.extend_from_slice(&(self.lex.up.len() as u32).to_le_bytes());
        for &(m, c) in &self.lex.up {
            out.extend_from_slice(&[m, c]);
        }
        put_table(&mut out, &self.lex.words, |o, v| o.extend_from_slice(&v.to_le_bytes()));
        put_table(&mut out, &self.lex.names, |o, v| o.push(v));
        out.extend_from_slice(&(self.lex.usage.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.lex.usage);
        out
    }

    /// How `word` was used inside known names: bit `4*type + pos` (pos 0=B 1=I 2=L 3=U).
    pub fn name_parts(&self, word: &str) -> u16 {
        self.gaz.parts.get(&gaz_hash_norm_lower(&[word])).copied().unwrap_or(0)
    }

    /// How the training data used capitalised words of `word`'s cluster
    /// ([`SURNAME_LIKE`], [`FIRST_NAME_LIKE`]); 0 for a word without a cluster.
    pub fn cluster_usage(&self, word: &str) -> u8 {
        let f = self.lex.cluster_norm_lower(word)[0];
        self.lex.usage.get(f as usize).copied().unwrap_or(0)
    }

    /// Whether `word` is among the words of the cluster table.
    pub fn knows_word(&self, word: &str) -> bool {
        self.lex.cluster_norm_lower(word)[0] < 0xfffe
    }

    /// Types (bit `ty`) of the known names that are exactly these tokens: names seen in
    /// training and the external place names.
    pub fn name_types(&self, words: &[&str]) -> u8 {
        let h = gaz_hash_norm_lower(words);
        self.gaz.map.get(&h).copied().unwrap_or(0) | self.lex.names.get(&h).copied().unwrap_or(0)
    }

    /// Adds names (as tokens, with type index) to the gazetteer.
    pub fn add_names(&mut self, names: &[(Vec<&str>, usize)]) {
        for (ws, ty) in names {
            self.gaz.add(ws, *ty);
        }
    }

    /// Tags a document (sentences of words): BILOU tag indices per sentence.
    pub fn tag_doc(&self, doc: &[Vec<&str>]) -> Vec<Vec<usize>> {
        let mut feats = doc_features(doc, &self.gaz, &self.lex, self.bits);
        let mut em = Vec::new();
        let mut tags: Vec<Vec<usize>> = feats.iter().map(|f| self.stages[0].decode(f, &mut em)).collect();
        if let Some(st) = self.stages.get(1) {
            add_prior_features(doc, &tags, &mut feats, self.bits);
            tags = feats.iter().map(|f| st.decode(f, &mut em)).collect();
        }
        tags
    }
}

/// Second-stage features: the first stage's tags of this token and its neighbours, and how
/// the same word was tagged elsewhere in the document (counts per type, first mention).
pub fn add_prior_features(doc: &[Vec<&str>], prior: &[Vec<usize>], feats: &mut [SentFeats], bits: u32) {
    let mask = (1u64 << bits) - 1;
    // Each token's normalised lowercase form (`norm_lower`), as a number: the form is made
    // and keyed once per distinct word of the document, not once per token.
    let mut by_word: HashMap<&str, u32> = HashMap::default();
    let mut by_lower: HashMap<String, u32> = HashMap::default();
    let lowers: Vec<Vec<u32>> = doc
        .iter()
        .map(|s| {
            s.iter()
                .map(|&w| {
                    *by_word.entry(w).or_insert_with(|| {
                        let next = by_lower.len() as u32;
                        *by_lower.entry(norm_lower(w)).or_insert(next)
                    })
                })
                .collect()
        })
        .collect();
    // Per lowercase form: entity-type counts (index 4 = capitalised but outside names),
    // first label; `None` where the form was never counted.
    let mut stats: Vec<Option<([u16; 5], u8)>> = vec![None; by_lower.len()];
    for (s, sent) in doc.iter().enumerate() {
        for (i, w) in sent.iter().enumerate() {
            let ty = tag_pos(prior[s][i]).map_or(4, |p| p.0);
            if ty == 4 && !w.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let e = stats[lowers[s][i] as usize].get_or_insert(([0; 5], ty as u8));
            e.0[ty] = e.0[ty].saturating_add(1);
        }
    }
    for (s, sent) in doc.iter().enumerate() {
        let f = &feats[s];
        let n = sent.len();
        let mut rows = Vec::with_capacity(f.rows.len() + n * 8);
        let mut offsets = Vec::with_capacity(n + 1);
        for i in 0..n {
            offsets.push(rows.len() as u32);
            rows.extend_from_slice(&f.rows[f.offsets[i] as usize..f.offsets[i + 1] as usize]);
            let mut push = |h: H| rows.push((h.done() & mask) as u32);
            let t = prior[s][i] as u8;
            let tp = if i > 0 { prior[s][i - 1] as u8 } else { NT as u8 };
            let tn = if i + 1 < n { prior[s][i + 1] as u8 } else { NT as u8 };
            push(H::new(40).bytes(&[t]));
            push(H::new(41).bytes(&[tp, t]));
            push(H::new(42).bytes(&[t, tn]));
            let own = tag_pos(prior[s][i]).map_or(4, |p| p.0);
            if let Some((counts, first)) = &stats[lowers[s][i] as usize] {
                let mut others = *counts;
                if own < 4 || sent[i].chars().next().is_some_and(char::is_uppercase) {
                    others[own] = others[own].saturating_sub(1);
                }
                let total: u16 = others.iter().sum();
                if total > 0 {
                    let maj = (0..5).max_by_key(|&k| (others[k], 5 - k)).unwrap_or(4);
                    push(H::new(43).bytes(&[maj as u8, own as u8]));
                    for (ty, &c) in others.iter().enumerate().take(4) {
                        if c > 0 {
                            push(H::new(44).bytes(&[ty as u8, (c > 1) as u8, own as u8]));
                        }
                    }
                    push(H::new(45).bytes(&[*first, own as u8]));
                }
            }
        }
        offsets.push(rows.len() as u32);
        feats[s] = SentFeats { rows, offsets };
    }
}

// ---------------------------------------------------------------- training

/// Entity spans of a sentence: (token start, end, type).
pub type Spans = Vec<(usize, usize, usize)>;

/// One training document: sentences of (word, gold entity spans).
#[derive(Debug, Clone, Default)]
pub struct TrainDoc {
    /// Sentences: words and their entity spans (token start, end, type).
    pub sents: Vec<(Vec<String>, Spans)>,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// log2 of the number of feature rows.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Folds for the jackknifed gazetteer and first-stage tags seen by training documents.
    pub folds: usize,
    /// Train the second (document-context) stage.
    pub two_stage: bool,
    /// Parameter mixing: each stage is the average of this many perceptrons trained on the
    /// same data in different shuffled orders (seeds `seed`, `seed + 0x1000_0001`, ...).
    pub mix: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { bits: 17, epochs: 10, seed: 20260101, folds: 4, two_stage: true, mix: 5 }
    }
}

fn gazetteer(docs: &[&TrainDoc]) -> Gazetteer {
    let mut g = Gazetteer::default();
    for d in docs {
        for (ws, sp) in &d.sents {
            for &(s, e, ty) in sp {
                let words: Vec<&str> = ws[s..e].iter().map(String::as_str).collect();
                g.add(&words, ty);
            }
        }
    }
    g
}

/// A stage's weights: the mean of `cfg.mix` averaged perceptrons that differ only in the
/// order they visit the sentences (parameter mixing; the same features, so the same size and
/// speed), quantised.
///
/// One perceptron's weights depend on the shuffle: over four seeds conllpp-dev ranged
/// 85.0-85.6 with the train-only model. Their mean is steadier and better: five mixed, 85.7-85.9
/// on the same four seeds (85.83 against 85.2 on average) and eng.testa 92.83 against 92.75.
/// Three mixed gave 85.57, eight 85.57 (three seeds): five, for five times the training time.
///
/// The mean has fewer zero weights than one perceptron (a row one shuffle touched once is a
/// small non-zero in the mean): 84% zeros in `i8` against 90%, +0.25 MB of gzip in the page.
/// So the shipped `i8` weights of magnitude 1 (of 127) are written as 0: back to 90% zeros,
/// the model 0.06 MB of gzip smaller than before the mixing, and no loss (four seeds, against
/// the five mixed unpruned: eng.testa 92.80 against 92.83, conllpp-dev 85.98 against 85.83;
/// pruning magnitude 2 too, 92.80 / 85.88 and 0.1 MB smaller again).
/// (Form dropout, hiding a training token's form, lowercase and word-bigram rows with
/// probability 0.1-0.5, or always / half the time for words seen once or twice, gave nothing
/// beyond the seed noise: conllpp-dev 84.4-85.4 on average over three seeds.)
fn train_stage<W: Weight>(data: &[(&SentFeats, &[usize])], cfg: &TrainConfig, log: &mut dyn FnMut(String)) -> Stage<W> {
    let mix = cfg.mix.max(1);
    let (mut w, mut tw) = train_perceptron(data, cfg.seed, cfg, log);
    for m in 1..mix {
        let (w2, tw2) = train_perceptron(data, cfg.seed.wrapping_add(m as u64 * 0x1000_0001), cfg, log);
        w.iter_mut().zip(&w2).for_each(|(a, b)| *a += b);
        tw.iter_mut().zip(&tw2).for_each(|(a, b)| *a += b);
    }
    w.iter_mut().for_each(|a| *a /= mix as f32);
    tw.iter_mut().for_each(|a| *a /= mix as f32);
    let max = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
    let scale = max / W::MAX;
    let weights: Vec<W> =
        w.iter().map(|x| x / scale).map(|q| W::round(if q.round().abs() <= W::PRUNE { 0.0 } else { q })).collect();
    Stage { scale, folded: Folded::new(&tw), trans: tw, weights }
}

/// Averaged perceptron over sentences `(features, gold tags)`, visited in an order shuffled
/// with `seed`: (weights, transitions) in `f32`.
fn train_perceptron(
    data: &[(&SentFeats, &[usize])],
    seed: u64,
    cfg: &TrainConfig,
    log: &mut dyn FnMut(String),
) -> (Vec<f32>, Vec<f32>) {
    let rows = 1usize << cfg.bits;
    let mut w = vec![0f32; rows * NT];
    let mut u = vec![0f32; rows * NT];
    let mut tw = vec![0f32; (NT + 1) * NT];
    let mut tu = vec![0f32; (NT + 1) * NT];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed | 1;
    let mut em = Vec::new();
    for epoch in 0..cfg.epochs {
        // Fisher-Yates with xorshift64.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut errs, mut total) = (0usize, 0usize);
        for &si in &order {
            let (f, gold) = data[si];
            let n = gold.len();
            em.clear();
            em.resize(n * NT, 0.0);
            for i in 0..n {
                for &r in &f.rows[f.offsets[i] as usize..f.offsets[i + 1] as usize] {
                    let row = &w[r as usize * NT..r as usize * NT + NT];
                    for (e, &x) in em[i * NT..i * NT + NT].iter_mut().zip(row) {
                        *e += x;
                    }
                }
            }
            let pred = viterbi(&em, n, &tw);
            total += n;
            for i in 0..n {
                let (g, p) = (gold[i], pred[i]);
                let (gp, pp) = if i == 0 { (NT, NT) } else { (gold[i - 1], pred[i - 1]) };
                if g != p {
                    errs += 1;
                    for &r in &f.rows[f.offsets[i] as usize..f.offsets[i + 1] as usize] {
                        let r = r as usize * NT;
                        w[r + g] += 1.0;
                        u[r + g] += c;
                        w[r + p] -= 1.0;
                        u[r + p] -= c;
                    }
                }
                if g != p || gp != pp {
                    tw[gp * NT + g] += 1.0;
                    tu[gp * NT + g] += c;
                    tw[pp * NT + p] -= 1.0;
                    tu[pp * NT + p] -= c;
                }
            }
            c += 1.0;
        }
        log(format!("epoch {}: token error {:.4}", epoch + 1, errs as f64 / total as f64));
    }
    // Average, quantise.
    for (x, y) in w.iter_mut().zip(&u) {
        *x -= y / c;
    }
    for (x, y) in tw.iter_mut().zip(&tu) {
        *x -= y / c;
    }
    (w, tw)
}

/// Trains a model. `log` receives progress lines.
pub fn train(docs: &[TrainDoc], lex: Lexicon, cfg: &TrainConfig, log: &mut dyn FnMut(String)) -> Model {
    let k = cfg.folds.max(2);
    let fold_of = |d: usize| d % k;
    // Base features of every document, with its gazetteer built from the other folds.
    let mut words: Vec<Vec<Vec<&str>>> = Vec::with_capacity(docs.len());
    let mut feats: Vec<Vec<SentFeats>> = vec![Vec::new(); docs.len()];
    let mut gold: Vec<Vec<Vec<usize>>> = Vec::with_capacity(docs.len());
    for d in docs {
        words.push(d.sents.iter().map(|(ws, _)| ws.iter().map(String::as_str).collect()).collect());
        gold.push(d.sents.iter().map(|(ws, sp)| bilou(ws.len(), sp)).collect());
    }
    for fold in 0..k {
        let others: Vec<&TrainDoc> =
            docs.iter().enumerate().filter(|(i, _)| fold_of(*i) != fold).map(|(_, d)| d).collect();
        let g = gazetteer(&others);
        for d in (0..docs.len()).filter(|&d| fold_of(d) == fold) {
            feats[d] = doc_features(&words[d], &g, &lex, cfg.bits);
        }
    }
    let pairs = |sel: &dyn Fn(usize) -> bool, feats: &[Vec<SentFeats>]| -> Vec<(usize, usize)> {
        (0..docs.len()).filter(|&d| sel(d)).flat_map(|d| (0..feats[d].len()).map(move |s| (d, s))).collect()
    };
    let all_idx = pairs(&|_| true, &feats);
    log(format!("{} sentences, features ready", all_idx.len()));
    let data: Vec<(&SentFeats, &[usize])> =
        all_idx.iter().map(|&(d, s)| (&feats[d][s], gold[d][s].as_slice())).collect();
    let first = train_stage(&data, cfg, log);
    let mut stages = vec![first];
    if cfg.two_stage {
        // First-stage tags of each training document from a stage trained without its fold.
        let mut prior: Vec<Vec<Vec<usize>>> = vec![Vec::new(); docs.len()];
        for fold in 0..k {
            let idx = pairs(&|d| fold_of(d) != fold, &feats);
            let data: Vec<(&SentFeats, &[usize])> =
                idx.iter().map(|&(d, s)| (&feats[d][s], gold[d][s].as_slice())).collect();
            log(format!("fold {}: first stage on {} sentences", fold + 1, data.len()));
            let st = train_stage::<i16>(&data, cfg, &mut |_| {});
            let mut em = Vec::new();
            for d in (0..docs.len()).filter(|&d| fold_of(d) == fold) {
                prior[d] = feats[d].iter().map(|f| st.decode(f, &mut em)).collect();
            }
        }
        let mut feats2 = feats.clone();
        for d in 0..docs.len() {
            add_prior_features(&words[d], &prior[d], &mut feats2[d], cfg.bits);
        }
        let data: Vec<(&SentFeats, &[usize])> =
            all_idx.iter().map(|&(d, s)| (&feats2[d][s], gold[d][s].as_slice())).collect();
        log("second stage".to_string());
        stages.push(train_stage(&data, cfg, log));
    }
    let all: Vec<&TrainDoc> = docs.iter().collect();
    let mut lex = lex;
    lex.usage = cluster_usage(docs, &lex);
    Model { bits: cfg.bits, stages, gaz: gazetteer(&all), lex }
}

/// Per fine cluster, how the training documents use its capitalised words: a cluster with at
/// least 10 such tokens, half or more of them the last or only word of a person's name and
/// under a quarter a first word, is [`SURNAME_LIKE`]; half or more first words,
/// [`FIRST_NAME_LIKE`]. A cluster with at least 20 tokens in mid-sentence (not a sentence's
/// first word, not in a line of capitals), 95% or more of them capitalised words inside a
/// name, is [`NAME_LIKE`].
fn cluster_usage(docs: &[TrainDoc], lex: &Lexicon) -> Vec<u8> {
    // Per cluster: capitalised tokens, first words of people, last or only words of people;
    // tokens in mid-sentence, those of them capitalised inside a name.
    let mut n = vec![[0u32; 5]; lex.up.len()];
    for d in docs {
        for (ws, sp) in &d.sents {
            let mut role = vec![0u8; ws.len()];
            let mut named = vec![false; ws.len()];
            for &(s, e, ty) in sp {
                named[s..e].iter_mut().for_each(|x| *x = true);
                if ty == 0 {
                    if e - s > 1 {
                        role[s] = 1;
                    }
                    role[e - 1] = 2;
                }
            }
            // A line in capitals (a headline, a dateline) says nothing of case.
            let shouted = !ws.iter().any(|w| w.chars().any(char::is_lowercase));
            for (k, (w, &r)) in ws.iter().zip(&role).enumerate() {
                let capital = w.starts_with(char::is_uppercase);
                // (Capitalised words for the first counts; words of letters in
                // mid-sentence for the last two.)
                let mid_word = k > 0 && w.chars().any(char::is_alphabetic);
                if !capital && !mid_word {
                    continue;
                }
                let f = lex.cluster(&norm(w).to_lowercase())[0] as usize;
                if let Some(c) = n.get_mut(f) {
                    if capital {
                        c[0] += 1;
                        if r > 0 {
                            c[r as usize] += 1;
                        }
                    }
                    if k > 0 && !shouted {
                        c[3] += 1;
                        if capital && named[k] {
                            c[4] += 1;
                        }
                    }
                }
            }
        }
    }
    n.iter()
        .map(|&[all, first, last, mid, mid_named]| {
            let mut u = 0;
            if all >= 10 && last * 2 >= all && first * 4 < all {
                u |= SURNAME_LIKE;
            }
            if all >= 10 && first * 2 >= all {
                u |= FIRST_NAME_LIKE;
            }
            if mid >= 20 && mid_named * 20 >= mid * 19 {
                u |= NAME_LIKE;
            }
            u
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i8_rows_sum_as_in_i32() {
        // Extreme weights, with a token's usual number of rows, the most summed in i16, and
        // more.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || crate::text::xorshift(&mut seed);
        let weights: Vec<i8> = (0..NT * 64).map(|k| if k % 5 == 0 { -128 } else { next() as i8 }).collect();
        for n in [0, 1, 50, I16_SUM_ROWS, I16_SUM_ROWS + 1, 600] {
            let rows: Vec<u32> = (0..n).map(|k| if k % 2 == 0 { 0 } else { (next() % 64) as u32 }).collect();
            let mut expected = [0i32; NT];
            for &r in &rows {
                for t in 0..NT {
                    expected[t] += i32::from(weights[r as usize * NT + t]);
                }
            }
            let mut acc = [7i32; NT];
            <i8 as Weight>::sum_rows(&weights, &rows, &mut acc);
            assert_eq!(acc, expected, "{n} rows");
        }
    }

    #[test]
    fn ascii_tokens_are_the_general_path() {
        // `Tok::new`'s general path (for any word) against its ASCII one.
        let general = |w: &str| {
            let form = norm(w);
            let lower = form.to_lowercase();
            let has_alpha = w.chars().any(char::is_alphabetic);
            let all_caps = has_alpha && !w.chars().any(char::is_lowercase);
            let init_cap = w.chars().next().is_some_and(char::is_uppercase);
            (form, lower, init_cap, all_caps)
        };
        let printable: String = (' '..='~').collect();
        let words = ["", "The", "U.S.", "G-20", "1990s", "`quoted'", "McDONALD", "--", "a1B2", "AAAAAAbb", "x.....yy"];
        for w in words.into_iter().chain([printable.as_str()]) {
            let t = Tok::new_ascii(w);
            assert_eq!((t.shape(), t.short()), (shape(w, false).as_str(), shape(w, true).as_str()), "{w}");
            let (form, lower, init_cap, all_caps) = general(w);
            assert_eq!(
                (t.form(), t.lower(), t.init_cap, t.all_caps),
                (form.as_str(), lower.as_str(), init_cap, all_caps),
                "{w}"
            );
        }
        // Shapes: the ASCII classes are the Unicode tables' answers.
        for c in (0u8..0x80).map(char::from) {
            assert_eq!(shape(&c.to_string(), false), unicode_class(c).to_string(), "{c:?}");
        }
    }

    #[test]
    fn bilou_round_trip() {
        let sp = vec![(0, 2, 0), (2, 3, 0), (4, 7, 2)];
        let t = bilou(8, &sp);
        assert_eq!(spans(&t), sp);
        for w in t.windows(2) {
            assert!(allowed(w[0], w[1]));
        }
    }

    #[test]
    fn cluster_key_matches_the_data_script() {
        // Values printed by scripts/ner-data.py's cluster_key(norm(w)).
        assert_eq!(cluster_key("putin"), 1321766910);
        assert_eq!(cluster_key(&norm("Zelenskyy").to_lowercase()), 3157793904);
        assert_eq!(norm("Covid-19").to_lowercase(), "covid-00");
        for w in ["Covid-19", "ÉTÉ", "Straße", "ΟΔΟΣ", "“Hi”", "K\u{212a}", "«МОСКВА»—2024’Ё", "Σ’Σ", "a`b–ǅ"]
        {
            assert_eq!(norm_lower(w), norm(w).to_lowercase(), "{w}");
        }
    }

    /// The model's queries hash a word's normalised lowercase form without building it:
    /// the same keys as hashing the built form, for every ASCII character and some others.
    #[test]
    fn hashing_the_normalised_form_in_place_gives_the_built_forms_keys() {
        let ascii: String = (1u8..0x80).map(char::from).collect();
        let words = ["Putin", "COVID-19", "don`t", "o'Neill", "", "x", &ascii, "Zürich", "ÉTÉ", "K\u{212a}", "“Hi”"];
        for w in words {
            let built = norm_lower(w);
            assert_eq!(feed_norm_lower(H::new(249), w).done() as u32, cluster_key(&built), "{w}");
            assert_eq!(gaz_hash_norm_lower(&[w]), gaz_hash(&[&built]), "{w}");
            assert_eq!(gaz_hash_norm_lower(&[w, "New", "York"]), gaz_hash(&[&built, "new", "york"]), "{w}");
            let lex = Lexicon {
                words: [(cluster_key(&built), 0)].into_iter().collect(),
                up: vec![(1, 2)],
                ..Default::default()
            };
            assert_eq!(lex.cluster_norm_lower(w), lex.cluster(&built), "{w}");
        }
    }

    #[test]
    fn lexicon_reads_clusters_and_survives_the_model_file() {
        let mut b = b"CLU1".to_vec();
        b.extend_from_slice(&2u32.to_le_bytes());
        b.extend_from_slice(&1u32.to_le_bytes());
        b.extend_from_slice(&[7, 1, 9, 0]);
        b.extend_from_slice(&cluster_key("oslo").to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        let mut lex = Lexicon::default();
        assert!(lex.read_clusters(&b).is_some());
        assert_eq!(lex.cluster("oslo"), [1, 9, 0]);
        assert_eq!(lex.cluster("bergen"), UNKNOWN);
        assert_eq!(lex.cluster("1996"), NO_WORD);
        // A fine id out of range is refused.
        let mut bad = b.clone();
        let n = bad.len();
        bad[n - 2] = 5;
        assert!(Lexicon::default().read_clusters(&bad).is_none());
        lex.add_name(&["New", "York"], 2);
        let docs = vec![TrainDoc {
            sents: vec![(
                ["Anna", "Berg", "flew", "to", "Oslo", "."].iter().map(|w| w.to_string()).collect(),
                vec![(0, 2, 0), (4, 5, 2)],
            )],
        }];
        let cfg = TrainConfig { bits: 10, epochs: 2, two_stage: false, ..TrainConfig::default() };
        let m = train(&docs, lex, &cfg, &mut |_| {});
        let back = Model::from_bytes(&m.to_bytes()).expect("parses");
        assert_eq!(back.to_bytes(), m.to_bytes());
        assert_eq!(back.lex.cluster("oslo"), [1, 9, 0]);
        assert_eq!(back.name_types(&["new", "york"]), 1 << 2);
    }

    /// The features of a document, summed into one checksum: the value the implementation
    /// before the per-document word table gave (features must never change: the shipped
    /// model's weights are indexed by them). The document repeats words in several cases,
    /// has a line of capitals, digits, non-ASCII words, gazetteer and external names, and
    /// cluster and name-part hits; the second stage's features are checked too.
    #[test]
    fn features_are_unchanged() {
        let mut gaz = Gazetteer::default();
        gaz.add(&["Anna", "Berg"], 0);
        gaz.add(&["New", "York", "Times"], 1);
        gaz.add(&["Berg"], 2);
        let mut lex = Lexicon {
            words: [("oslo", 3u16), ("anna", 1), ("the", 0), ("zürich", 2), ("covid-00", 1)]
                .iter()
                .map(|&(w, f)| (cluster_key(w), f))
                .collect(),
            up: vec![(0, 0), (1, 0), (2, 1), (3, 1)],
            ..Default::default()
        };
        lex.add_name(&["Oslo"], 2);
        lex.add_name(&["New", "York"], 2);
        let text = [
            "Anna Berg flew to Oslo on Monday , the New York Times said .",
            "ANNA BERG IN OSLO : COVID-19 TALKS",
            "Berg said the talks in Zürich were “ good ” and that anna would return in 2025 .",
            "The Times , Berg and the BERG family met `Anna' in New York .",
            "Übermäßig STRAßE straße — Ürün 1990s don`t x",
        ];
        let doc: Vec<Vec<&str>> = text.iter().map(|l| l.split(' ').collect()).collect();
        let mut feats = doc_features(&doc, &gaz, &lex, 18);
        let sum = |feats: &[SentFeats]| {
            let mut h = H::new(0);
            for f in feats {
                for x in f.rows.iter().chain(&f.offsets) {
                    h = h.bytes(&x.to_le_bytes());
                }
                h = h.sep();
            }
            h.done()
        };
        let first = sum(&feats);
        let prior: Vec<Vec<usize>> =
            doc.iter().map(|s| (0..s.len()).map(|i| [0, 4, 1, 9, 12, 0, 16][i % 7]).collect()).collect();
        add_prior_features(&doc, &prior, &mut feats, 18);
        assert_eq!((first, sum(&feats)), (5_208_452_215_582_342_157, 13_384_787_424_020_274_491));
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Emissions prefer I-PER alone, which is not allowed at the start.
        let mut em = vec![0.0; 2 * NT];
        em[tag(0, 1)] = 5.0;
        em[NT + tag(0, 1)] = 5.0;
        let trans = vec![0.0; (NT + 1) * NT];
        let t = viterbi(&em, 2, &trans);
        assert!(allowed(NT, t[0]) && allowed(t[0], t[1]) && can_end(t[1]), "{t:?}");
    }

    /// Trying only the allowed predecessors finds the path that trying all 17 finds (the
    /// decoder as it was), on random scores.
    #[test]
    fn viterbi_over_allowed_predecessors_finds_the_same_path() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        // Scores on a coarse grid, so ties happen too.
        let mut next = |scale: f32| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ((x % 21) as f32 - 10.0) * scale
        };
        for round in 0..400 {
            let n = 1 + round % 40;
            let scale = if round % 3 == 0 { 1.0 } else { 0.37 };
            let em: Vec<f32> = (0..n * NT).map(|_| next(scale)).collect();
            let trans: Vec<f32> = (0..(NT + 1) * NT).map(|_| next(scale * 0.5)).collect();
            assert_eq!(viterbi(&em, n, &trans), viterbi_all(&em, n, &trans), "round {round}");
        }
        for b in 0..NT {
            let preds: Vec<usize> = (0..NT).filter(|&a| allowed(a, b)).collect();
            match tag_pos(b) {
                Some((ty, 1 | 2)) => assert_eq!(preds, [tag(ty, 0), tag(ty, 1)]),
                _ => assert_eq!(preds, PREDS_OUTSIDE),
            }
        }
        // The tags decoded as lanes are those whose predecessors are `PREDS_OUTSIDE`.
        let outside: Vec<usize> = (0..NT).filter(|&b| !matches!(tag_pos(b), Some((_, 1 | 2)))).collect();
        assert_eq!(outside, OUTSIDE_TAGS);
    }
}
