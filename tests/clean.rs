//! Cleaning: golden cases (data in tests/fixtures/clean-cases.txt), the five seeds, and
//! properties (idempotence, no panic, alignment) on seeds and generated text.
//! Fixtures are embedded with include_str!, so the same tests can run under wasm.
// proptest does not build for wasm32; the wasm run of shared checks is tests/web.rs.
#![cfg(not(target_arch = "wasm32"))]

use article_analyzer::clean::{clean, clean_with, CleanOptions, Cleaned, EditKind, Rule};
use proptest::prelude::*;

const CASES: &str = include_str!("fixtures/clean-cases.txt");
const SEEDS: [(&str, &str); 5] = [
    ("000", include_str!("fixtures/000_e333c4edac6b7551.txt")),
    ("001", include_str!("fixtures/001_c0c8706f269b1a0d.txt")),
    ("002", include_str!("fixtures/002_98689cd0ccb280cd.txt")),
    ("003", include_str!("fixtures/003_8905e8ea8f63e6ce.txt")),
    ("004", include_str!("fixtures/004_ba1aded1c17315ae.txt")),
];

/// Replaces `\u{XXXX}` escapes.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u{") {
        out.push_str(&rest[..i]);
        let close = rest[i..].find('}').expect("closed escape") + i;
        let code = u32::from_str_radix(&rest[i + 3..close], 16).expect("hex escape");
        out.push(char::from_u32(code).expect("scalar"));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// (name, input, expected) from the cases file.
fn cases() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for block in CASES.split("\n=== ").skip(1) {
        let (name, body) = block.split_once('\n').expect("case name");
        let body = body.strip_prefix("--- input\n").expect("input block");
        let (input, expected) = body.split_once("--- expected\n").expect("expected block");
        let expected = expected.strip_suffix('\n').unwrap_or(expected);
        out.push((name.to_string(), unescape(input), unescape(expected) + "\n"));
    }
    out
}

/// Every cleaned word maps back into the original; a word from a copied run maps to equal
/// bytes, a word touched by an applied edit maps to the edited range.
fn check_alignment(original: &str, c: &Cleaned) {
    for (s, e) in article_analyzer::text::words(&c.text) {
        let (os, oe) = c.alignment.to_original(s, e);
        assert!(os <= oe && oe <= original.len(), "range {os}..{oe}");
        assert!(original.is_char_boundary(os) && original.is_char_boundary(oe));
        if original.get(os..oe) != Some(&c.text[s..e]) {
            let edited = c.edits.iter().zip(&c.applied).any(|(ed, &a)| a && ed.start <= oe && ed.end >= os);
            assert!(edited, "word {:?} maps to {:?}", &c.text[s..e], &original[os..oe]);
        }
    }
}

fn check_properties(input: &str) {
    let once = clean(input);
    let twice = clean(&once.text);
    assert_eq!(twice.text, once.text, "not idempotent on {input:?}");
    check_alignment(input, &once);
    for (e, &applied) in once.edits.iter().zip(&once.applied) {
        assert!(e.start <= e.end && e.end <= input.len());
        assert!(!e.reason.is_empty(), "edit without a reason: {e:?}");
        if e.rule.kind() == EditKind::Flag {
            assert!(!applied && e.replacement == input[e.start..e.end]);
        }
    }
}

#[test]
fn golden_cases() {
    let all = cases();
    assert!(all.len() >= 10);
    for (name, input, expected) in all {
        let c = clean(&input);
        assert_eq!(c.text, expected, "case: {name}");
        check_properties(&input);
    }
}

#[test]
fn spinner_is_flagged_not_rewritten() {
    let c = clean("The talks went thru the night and ther was frequently enough no agreement at all.\n");
    let flagged: Vec<&str> =
        c.edits.iter().filter(|e| e.rule == Rule::Spinner).map(|e| e.replacement.as_str()).collect();
    assert_eq!(flagged, ["thru", "ther", "frequently enough"]);
}

/// Each phrase is found by its longest word (`flags::propose`), whatever its place in the
/// phrase, at a line's start or end, in any case, and flagged in the order of the text.
#[test]
fn spinner_phrases_are_found_by_any_word_in_text_order() {
    let c = clean(
        "At the cease of the day thes were Us Of A a lot much less.\nIn spite of the truth that it rained, on the identical time\nthey met thru profound learning at some point of the year.\n",
    );
    let flagged: Vec<&str> =
        c.edits.iter().filter(|e| e.rule == Rule::Spinner).map(|e| e.replacement.as_str()).collect();
    assert_eq!(
        flagged,
        [
            "At the cease of",
            "thes",
            "Us Of A",
            "a lot much less",
            "In spite of the truth that",
            "on the identical time",
            "thru",
            "profound learning",
            "at some point of"
        ]
    );
    // Not across a line, nor with a word between.
    let c = clean("It was a lot\nmuch less than that, on the very identical time.\n");
    assert!(c.edits.iter().all(|e| e.rule != Rule::Spinner));
}

#[test]
fn seeds_keep_properties() {
    for (name, text) in SEEDS {
        let c = clean(text);
        assert!(c.text.split_whitespace().count() > 100, "seed {name} lost its article");
        check_properties(text);
    }
}

#[test]
fn seed_000_loses_its_related_headlines() {
    let c = clean(SEEDS[0].1);
    assert!(c.text.contains("Putin could be meeting with Donald Trump later this month"));
    assert!(c.text.contains("informal conversation"));
    assert!(!c.text.contains("Taiwan Opposition Criticizes"));
    assert!(!c.text.contains("Antifa"));
}

#[test]
fn seed_001_loses_chrome_and_gets_repaired() {
    let c = clean(SEEDS[1].1);
    for gone in ["Home »", "You may also like", "Leave a Comment", "Akismet", "Adblock", "AdBlocker"] {
        assert!(!c.text.contains(gone), "{gone} kept");
    }
    // The title appears once at most (it was repeated three times).
    assert!(c.text.matches("Trump-Putin Meeting Possible Next Week").count() <= 1);
    for fixed in [
        "in the works, according",
        "himself. The potential",
        "U.S. and Russian leaders",
        "President Donald Trump",
        "from the Kremlin",
    ] {
        assert!(c.text.contains(fixed), "{fixed} not repaired");
    }
    assert!(c.text.contains("Wall street Journal") || c.text.contains("Wall Street Journal"));
    let flags: Vec<&str> = c.edits.iter().filter(|e| e.rule == Rule::Spinner).map(|e| e.replacement.as_str()).collect();
    for word in ["ther", "frequently enough", "thru", "thes"] {
        assert!(flags.contains(&word), "{word} not flagged");
    }
}

/// Repairs only (the CLI's `--repairs-only`): every rule that removes lines is off.
fn repairs_only(text: &str) -> Cleaned {
    let disabled = Rule::ALL.into_iter().filter(|r| r.kind() == EditKind::Remove).collect();
    clean_with(text, &CleanOptions { disabled, ..CleanOptions::default() })
}

/// (input, expected) with `--repairs-only`: the doubled title is a repair-kind rule, and the
/// kept copy takes back the capitals the other copy had; mojibake of closing quotes and
/// emoji whose last byte Windows-1252 leaves undefined; a title-case heading gets back a
/// lost capital, a sentence-case one with names keeps its lowercase words; a capital after
/// a comma is evidence of a name; a word English lacks that the entity model's clusters hold among people's
/// names is one, but not a coinage made of English words ("frontrunner"); a line opening
/// with a lowercase compound is read without reaching before its first word; a headline in
/// title case that ends with a full stop is no evidence that its capitalised common words are
/// names; a word that pairs repair counts as the capital it becomes, so a lone one is
/// repaired in the same cleaning (the next cleaning read three more capitals and did it);
/// hard-wrapped lines the body test would remove keep their lowercase first words, since
/// with no line removed each goes on from the line before it.
const REPAIRS_ONLY: [(&str, &str); 13] = [
    (
        "The company said on Monday that it had plans to launch a net-based phone\nservice for some of its members within the month. Customers\nwill continue to use their traditional phones, but they\nwill plug them into adapters connected to their broadband lines.\n",
        "The company said on Monday that it had plans to launch a net-based phone\nservice for some of its members within the month. Customers\nwill continue to use their traditional phones, but they\nwill plug them into adapters connected to their broadband lines.\n",
    ),
    (
        "Kremlin Aide Says summit Planned For Next Week\n\nkremlin Aide Says Summit Planned For next Week\n\nThe aide said so.\n",
        "Kremlin Aide Says Summit Planned For Next Week\n\n\nThe aide said so.\n",
    ),
    ("He said it was â€œdoneâ€\u{9d}\n", "He said it was “done”\n"),
    ("It took a lot of time. ðŸ™\u{81} And more.\n", "It took a lot of time. 🙁 And more.\n"),
    ("Text here.\nâ€‹\nMore text.\n", "Text here.\n\u{200b}\nMore text.\n"),
    (
        "Fact Check: Is An Oxygen Bar In Delhi offering Fresh Air For Rupees?\n\nThe claim is false.\n",
        "Fact Check: Is An Oxygen Bar In Delhi Offering Fresh Air For Rupees?\n\nThe claim is false.\n",
    ),
    (
        "Nadal keeps Spain alive against Russia in Davis Cup Finals\n\nThe match was long.\n",
        "Nadal keeps Spain alive against Russia in Davis Cup Finals\n\nThe match was long.\n",
    ),
    (
        "On Monday, Zorblat beat the champion in three long sets.\n\nThe player zorblat had won his own match earlier in the week.\n\nLater on, Zorblat said that the crowd had helped him.\n",
        "On Monday, Zorblat beat the champion in three long sets.\n\nThe player Zorblat had won his own match earlier in the week.\n\nLater on, Zorblat said that the crowd had helped him.\n",
    ),
    (
        "The match ended late.\n\nLater that day the champion beat feliciano in two long sets at the club.\n",
        "The match ended late.\n\nLater that day the champion beat Feliciano in two long sets at the club.\n",
    ),
    ("e-mail and x-ray are words we all use every single day now.\n", "e-mail and x-ray are words we all use every single day now.\n"),
    (
        "The vote was held on Tuesday in the state.\n\nThe Republican frontrunner said the campaign would go on until the end of the summer.\n",
        "The vote was held on Tuesday in the state.\n\nThe Republican frontrunner said the campaign would go on until the end of the summer.\n",
    ),
    (
        "Bill Clinton: Hillary Better Qualified to Be President for This Time Than I Was When I Ran.\n\nClinton said she is better qualified to be president for this time than I was when I ran.\n",
        "Bill Clinton: Hillary Better Qualified to Be President for This Time Than I Was When I Ran.\n\nClinton said she is better qualified to be president for this time than I was when I ran.\n",
    ),
    (
        "The new Zorblax Widgets were shown at the fair in the city on Monday.\n\nBuyers said the zorblax Widgets looked cheap but worked well enough for them.\n\nA dealer said zorblax Widgets sold out within the first hour of the day.\n\nOthers said zorblax Widgets would be back in the shops soon enough.\n\nThe maker zorblax said that zorblax had planned for more demand this year.\n",
        "The new Zorblax Widgets were shown at the fair in the city on Monday.\n\nBuyers said the Zorblax Widgets looked cheap but worked well enough for them.\n\nA dealer said Zorblax Widgets sold out within the first hour of the day.\n\nOthers said Zorblax Widgets would be back in the shops soon enough.\n\nThe maker Zorblax said that Zorblax had planned for more demand this year.\n",
    ),
];

#[test]
fn repairs_only_table() {
    for (input, expected) in REPAIRS_ONLY {
        let once = repairs_only(input);
        assert_eq!(once.text, expected, "on {input:?}");
        assert_eq!(repairs_only(&once.text).text, once.text, "not idempotent on {input:?}");
    }
}

#[test]
fn a_sentence_start_capital_follows_the_lines_the_user_keeps() {
    // The body test removes the first three wrapped lines, so the last one opens the
    // cleaned text and gets a capital. Undoing the removal of the line before it, which
    // goes on ("but they"), takes the capital back: the sentence continues.
    let text = REPAIRS_ONLY[0].0;
    let c = clean(text);
    assert!(c.text.starts_with("Will plug them"), "{:?}", c.text);
    let before =
        c.edits.iter().find(|e| e.rule.kind() == EditKind::Remove && text[e.start..].starts_with("will continue"));
    let before = before.expect("the wrapped line before is removed");
    let restored = [before.id].into_iter().collect();
    let undone = clean_with(text, &CleanOptions { restored, ..CleanOptions::default() });
    assert!(undone.text.contains("but they\nwill plug them"), "{:?}", undone.text);
}

#[test]
fn seed_001_typos_and_casing() {
    let c = clean(SEEDS[1].1);
    for fixed in ["there was a", "these long-standing"] {
        assert!(c.text.contains(fixed), "{fixed} not repaired");
    }
    let typos: Vec<&str> = c.edits.iter().filter(|e| e.rule == Rule::Typo).map(|e| e.reason.as_ref()).collect();
    assert!(typos.iter().all(|r| r.starts_with("typo: ")), "{typos:?}");
    // Casing reasons name their evidence.
    assert!(c.edits.iter().any(|e| e.rule == Rule::Capitalisation && e.reason.contains("elsewhere")));
    // The closing paragraph before "You may also like" is kept.
    assert!(c.text.contains("Russia’s willingness to engage with Trump"));
}

#[test]
fn seed_004_stuffing_is_flagged_not_rewritten() {
    let c = clean(SEEDS[4].1);
    let flags: Vec<&str> =
        c.edits.iter().filter(|e| e.rule == Rule::Stuffing).map(|e| e.replacement.as_str()).collect();
    assert!(flags.contains(&"Trump Putin meeting 2025"), "{flags:?}");
    assert!(flags.contains(&"international relations 2025"), "{flags:?}");
    assert!(flags.contains(&"US Russia"), "{flags:?}");
    assert!(flags.contains(&"Russia US"), "{flags:?}");
    assert!(c.text.contains("a Trump Putin meeting 2025 is on the way"), "flags never change the text");
}

#[test]
fn a_recurring_name_and_a_year_in_plain_english_are_not_stuffing() {
    // "Taylor Swift" recurs and both its words also stand alone, as "Trump Putin"'s do in
    // seed 004, but the recogniser reads one person; and without names run together a
    // year after a word ("well into 2020", "the original 2016 model") is English.
    let text = "Taylor Swift said on Monday that the dispute over her early albums was far from over.\n\
        Swift wrote that she had tried for years to buy the recordings back, well into 2020.\n\
        Fans of Taylor Swift filled the comments, and Taylor thanked them for the support.\n\
        Her label said the original 2016 model of the contract had never been changed at all.\n\
        Swift plans to record the albums again, Taylor said, a plan Taylor Swift first described.\n";
    let c = clean(text);
    let flags: Vec<&str> =
        c.edits.iter().filter(|e| e.rule == Rule::Stuffing).map(|e| e.replacement.as_str()).collect();
    assert!(flags.is_empty(), "{flags:?}");
}

#[test]
fn seed_002_loses_the_comment_policy() {
    let c = clean(SEEDS[2].1);
    assert!(!c.text.contains("refrain from using derogatory"));
    assert!(c.text.contains("Russian-U.S. relations"));
    assert!(c.text.trim_end().ends_with("dismissed such warnings as unfounded."));
}

#[test]
fn seed_003_loses_chrome() {
    let c = clean(SEEDS[3].1);
    for gone in [
        "Connect with us",
        "Hi, what are you looking for?",
        "Advertisement",
        "You May Also Like",
        "Hegseth",
        "Written By",
    ] {
        assert!(!c.text.contains(gone), "{gone} kept");
    }
    assert!(c.text.contains("The Kremlin said Thursday that a meeting"));
}

#[test]
fn seed_004_loses_chrome() {
    let c = clean(SEEDS[4].1);
    assert!(!c.text.contains("Next Story"));
    assert!(!c.text.contains("Share it"));
    assert!(c.text.contains("The former president has maintained"));
}

#[test]
fn removals_carry_rules_and_reasons() {
    let c = clean(SEEDS[1].1);
    let removed: Vec<_> =
        c.edits.iter().zip(&c.applied).filter(|(e, &a)| a && e.rule.kind() == EditKind::Remove).collect();
    assert!(removed.iter().any(|(e, _)| e.rule == Rule::Navigation && e.reason == "breadcrumb"));
    assert!(removed.iter().any(|(e, _)| e.rule == Rule::Repeated && e.reason.starts_with("repeats line")));
}

#[test]
fn empty_and_tiny_inputs() {
    for t in ["", "\n", "x", "\u{feff}", "   \n\n  ", "Hello.", "\r\n\r\n"] {
        check_properties(t);
    }
    assert_eq!(clean("").text, "");
}

/// Text that looks like pages: words, punctuation, odd spaces, mojibake, blank lines.
fn page_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("the".to_string()),
        Just("Kremlin".to_string()),
        Just("kremlin".to_string()),
        Just("said".to_string()),
        Just("U.S.".to_string()),
        Just("donald".to_string()),
        Just("Trump".to_string()),
        Just("3.5".to_string()),
        Just("â€™".to_string()),
        Just("Ã©".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("e\u{301}".to_string()),
        Just(".".to_string()),
        Just(",".to_string()),
        Just("?".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("Advertisement\n".to_string()),
        Just("thru".to_string()),
        Just("example.com".to_string()),
        "[a-zA-Z]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec((token, prop_oneof![Just(""), Just(" "), Just(" "), Just(" ")]), 0..200)
        .prop_map(|v| v.into_iter().map(|(t, s)| t + s).collect())
}

/// Text filled to a width, as an e-mail or a wire feed is: paragraphs of words (some that
/// repairs change, and with them a line's length or its first letter: mojibake, glued
/// punctuation, sentence starts), each filled greedily to `width` columns, among chrome
/// lines, unwrapped headlines and blank lines of spaces or marks.
fn hard_wrapped() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("the".to_string()),
        Just("with".to_string()),
        Just("said".to_string()),
        Just("council".to_string()),
        Just("bridge".to_string()),
        Just("Trump".to_string()),
        Just("Kremlin".to_string()),
        Just("thru".to_string()),
        Just("Itâ€™s".to_string()),
        Just("works,according".to_string()),
        Just("U.S.".to_string()),
        Just("talks.".to_string()),
        Just("end.".to_string()),
        Just("more?".to_string()),
        Just("repairs,".to_string()),
        Just("Advertisement".to_string()),
        "[a-z]{1,12}".prop_map(String::from),
        "[A-Z][a-z]{1,9}".prop_map(String::from),
    ];
    let paragraph = (prop::collection::vec(word, 1..60), 20usize..90).prop_map(|(words, width)| {
        let mut out = String::new();
        let mut line = String::new();
        for w in words {
            if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&w);
        }
        out + &line + "\n"
    });
    let block = prop_oneof![
        4 => paragraph,
        1 => Just("Advertisement\n".to_string()),
        1 => Just("Share this article\n".to_string()),
        1 => Just("Council votes to close the old bridge for six weeks of repairs\n".to_string()),
        1 => Just("  \n".to_string()),
        1 => Just("* * *\n".to_string()),
    ];
    prop::collection::vec((block, prop::bool::ANY), 0..12)
        .prop_map(|v| v.into_iter().map(|(b, blank)| if blank { b + "\n" } else { b }).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn hard_wrapped_text_is_idempotent_and_aligned(s in hard_wrapped()) {
        check_properties(&s);
    }

    #[test]
    fn arbitrary_unicode_is_idempotent_and_aligned(s in any::<String>()) {
        check_properties(&s);
    }

    #[test]
    fn page_like_text_is_idempotent_and_aligned(s in page_like()) {
        check_properties(&s);
    }
}

/// Inputs that used to take minutes (work per line or per punctuation mark that grew with
/// the page): a page of thousands of copies of an article, megabyte runs without spaces,
/// and a megabyte line full of repairs. Not a timing test: quadratic code would not finish in any reasonable time.
#[test]
fn huge_repetitive_and_spaceless_inputs_stay_linear() {
    let page = SEEDS[1].1.repeat(500); // ~4 MB, every paragraph repeated 500 times
    let c = clean(&page);
    assert!(c.text.len() < SEEDS[1].1.len(), "the copies are removed");
    assert!(c.text.contains("Donald Trump"));
    for spaceless in ["Word,another.Thing;".repeat(60_000), "a.B".repeat(400_000)] {
        let c = clean(&spaceless);
        // A run that long is not text to repair: no space is inserted (a capital at the
        // start of the line may be).
        assert!(!c.text.trim_end().contains(' '), "a space was inserted into a spaceless run");
        assert_eq!(c.text.trim_end().len(), spaceless.len());
        check_properties(&spaceless[..10_000]);
    }
    // One 5 MB line with 320,000 glued punctuation marks to repair.
    let glued = "the talks,then more talks.Then ".repeat(160_000);
    let c = clean(&glued);
    assert_eq!(c.text.matches("talks, then").count(), 160_000);
    assert_eq!(c.text.matches("talks. Then").count(), 160_000);
}

/// Every applied edit's view says where it landed: the cleaned text has its replacement at
/// `clean_start` (code points), insertions included (a space after punctuation landed one
/// character late in the page's Cleaned view: "works,  ccording").
#[test]
fn edit_views_land_where_the_cleaned_text_has_them() {
    use article_analyzer::pipeline::{edit_views, Unit};
    let glued = "The talks went well,according to officials.The summit,in Helsinki, ended.\n";
    for (name, text) in SEEDS.iter().copied().chain([("glued", glued)]) {
        let c = clean(text);
        let cleaned: Vec<char> = c.text.chars().collect();
        let mut inserts = 0;
        for e in edit_views(text, &c, Unit::Chars).iter().filter(|e| e.applied && e.kind == EditKind::Repair) {
            let after: Vec<char> = e.after.chars().collect();
            let at = &cleaned[e.clean_start..(e.clean_start + after.len()).min(cleaned.len())];
            assert_eq!(at, &after[..], "{name}: edit {} ({}) lands at {}", e.id, e.rule, e.clean_start);
            inserts += usize::from(e.before.is_empty());
        }
        if name == "glued" {
            assert!(inserts >= 3, "the glued text has three inserted spaces");
        }
    }
}
