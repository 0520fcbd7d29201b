//! CoNLL-style tokenizer: byte-offset tokens and sentence breaks for the tagger.
//!
//! The tagger is trained on CoNLL-2003 tokens, so real text is cut the same way:
//! punctuation split off, possessive `'s` / `’s` its own token, abbreviations ("U.S.",
//! "Mr.", "J.") and hyphenated words ("G-20", "U.S.-Russia") kept whole, numbers with
//! inner `.` `,` `:` kept whole, `@handle` / `#tag` kept whole. Text that already is
//! CoNLL tokens joined by spaces comes back as exactly those tokens.

/// Abbreviations that keep their final period (lowercase, without the period).
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "bros", "no",
    "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "ft", "rev", "hon", "pres", "dept", "univ", "assn", "ave", "blvd", "calif", "conn",
    "fla", "ill", "mass", "mich", "minn", "penn", "tenn", "tex", "wash", "wis", "ariz",
    "colo", "ind", "kan", "nev", "okla", "ore", "pa", "va", "vt", "del", "md",
];

/// Contractions and possessives that follow an apostrophe as their own token.
const CLITICS: &[&str] = &["s", "re", "ll", "d", "ve", "m"];

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

/// Characters that glue onto the previous symbol (emoji modifiers, joiners, selectors).
fn is_modifier(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{20E3}')
        || ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Byte ranges of the tokens of `text`, in order. Ranges are on char boundaries.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let cs: Vec<(usize, char)> = text.char_indices().collect();
    let n = cs.len();
    let at = |k: usize| -> Option<char> { cs.get(k).map(|&(_, c)| c) };
    let off = |k: usize| -> usize { cs.get(k).map_or(text.len(), |&(i, _)| i) };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let mut i = 0;
    let mut line_start = true;
    while i < n {
        let c = cs[i].1;
        if c.is_whitespace() {
            line_start |= c == '\n';
            i += 1;
            continue;
        }
        let start = i;
        if c.is_alphanumeric()
            || ((c == '@' || c == '#') && word(at(i + 1)))
            || ((c == '.' || c == '+') && digit(at(i + 1)) && (i == 0 || at(i - 1).is_some_and(char::is_whitespace)))
        {
            i += 1;
            'word: loop {
            loop {
                let c = at(i);
                if word(c) {
                    i += 1;
                    continue;
                }
                let Some(c) = c else { break };
                let next = at(i + 1);
                if is_apos(c) && word(next) {
                    // "Putin's" -> "Putin" + "'s"; "O'Neill" and "don't" stay whole.
                    let mut j = i + 1;
                    while word(at(j)) {
                        j += 1;
                    }
                    let tail: String = cs[i + 1..j].iter().map(|&(_, c)| c.to_ascii_lowercase()).collect();
                    if CLITICS.contains(&tail.as_str()) {
                        break;
                    }
                    i += 1;
                } else if (matches!(c, '-' | '.' | '&' | '/' | '_' | '+') && word(next))
                    || (matches!(c, ',' | ':') && digit(at(i - 1)) && digit(next))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            // A final period stays on abbreviations: "U.S.", "J.", "Mr.", and a hyphen
            // after one continues the word: "U.S.-Russia".
            if at(i) == Some('.') {
                let tok = &text[off(start)..off(i)];
                let letters = tok.chars().all(|c| c.is_alphabetic() || c == '.');
                let abbrev = letters
                    && (tok.contains('.')
                        || tok.chars().count() == 1
                        || ABBREV.contains(&tok.to_lowercase().as_str()));
                // "1." numbering a list line.
                let ordinal = line_start
                    && tok.len() <= 3
                    && tok.bytes().all(|b| b.is_ascii_digit())
                    && at(i + 1).is_none_or(char::is_whitespace);
                if abbrev || ordinal {
                    i += 1;
                    if at(i) == Some('-') && word(at(i + 1)) {
                        i += 1;
                        continue 'word;
                    }
                }
            }
            // Currencies: "C$", "US$".
            if at(i) == Some('$') && off(i) - off(start) <= 2 && text[off(start)..off(i)].bytes().all(|b| b.is_ascii_uppercase()) {
                i += 1;
            }
            break;
            }
        } else if is_apos(c) && word(at(i + 1)) {
            // A clitic after a space ("Bitar 's") or after a word ("Putin’s").
            let mut j = i + 1;
            while word(at(j)) {
                j += 1;
            }
            let tail: String = cs[i + 1..j].iter().map(|&(_, c)| c.to_ascii_lowercase()).collect();
            i += if CLITICS.contains(&tail.as_str()) || tail == "t" { j - i } else { 1 };
        } else if matches!(c, '.' | '-' | '!' | '?' | '=' | '*') {
            // Runs of one punctuation mark: "...", "--", "!!".
            while at(i) == Some(c) {
                i += 1;
            }
        } else {
            i += 1;
            while at(i).is_some_and(is_modifier) {
                // A joiner also glues the next symbol: family emoji.
                let zwj = at(i) == Some('\u{200D}');
                i += 1;
                if zwj && i < n && !at(i).is_some_and(char::is_whitespace) {
                    i += 1;
                }
            }
        }
        out.push((off(start), off(i)));
        line_start = false;
    }
    out
}

/// Splits `tokens` (from [`tokenize`] on `text`) into sentences: ranges of token indices.
/// A sentence ends at a line break or after a standalone `.` `!` `?` token (and any
/// closing quotes or brackets right after it).
pub fn sentences(text: &str, tokens: &[(usize, usize)]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < tokens.len() {
        let tok = &text[tokens[k].0..tokens[k].1];
        let mut end_here = false;
        if matches!(tok, "." | "!" | "?" | "..." | "?!" | "!!") || tok.starts_with("..") {
            while k + 1 < tokens.len()
                && matches!(&text[tokens[k + 1].0..tokens[k + 1].1], "\"" | "”" | "’" | "'" | ")" | "]")
                && !text[tokens[k].1..tokens[k + 1].0].contains('\n')
            {
                k += 1;
            }
            end_here = true;
        }
        if k + 1 < tokens.len() && text[tokens[k].1..tokens[k + 1].0].contains('\n') {
            end_here = true;
        }
        if end_here || k + 1 == tokens.len() {
            out.push(start..k + 1);
            start = k + 1;
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn splits_news_text() {
        assert_eq!(
            toks("“Putin’s U.S.-Russia talks,” said Mr. Smith (@realDonaldTrump) at the G-20."),
            [
                "“", "Putin", "’s", "U.S.-Russia", "talks", ",", "”", "said", "Mr.", "Smith", "(",
                "@realDonaldTrump", ")", "at", "the", "G-20", "."
            ]
        );
    }

    #[test]
    fn keeps_conll_tokens() {
        let t = "Bitar 's goal gave S. Korea a 2-1 win , 1,000.5 fans -- U.S. officials said .";
        assert_eq!(toks(t), t.split(' ').collect::<Vec<_>>());
    }

    #[test]
    fn emoji_and_offsets_on_char_boundaries() {
        let t = "Merkel 👍🏽 met Macron 👨‍👩‍👧 in Paris… “Great!” é’s";
        let ts = tokenize(t);
        for &(s, e) in &ts {
            assert!(s < e && t.is_char_boundary(s) && t.is_char_boundary(e));
        }
        assert_eq!(
            toks(t),
            ["Merkel", "👍🏽", "met", "Macron", "👨‍👩‍👧", "in", "Paris", "…", "“", "Great", "!", "”", "é", "’s"]
        );
    }

    #[test]
    fn sentence_breaks() {
        let t = "He left. She stayed.\nNew line here";
        let ts = tokenize(t);
        let ss = sentences(t, &ts);
        assert_eq!(ss, vec![0..3, 3..6, 6..9]);
    }
}
