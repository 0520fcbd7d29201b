//! Properties of the whole core on generated text: arbitrary Unicode with combining marks,
//! bidi controls, CJK, emoji and ZWJ sequences, NULs, huge lines and empty input. The
//! invariants themselves are in tests/common/invariants.rs (shared with the fuzz targets).
// proptest does not build for wasm32.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/invariants.rs"]
mod invariants;

use article_analyzer::decode;
use article_analyzer::pipeline::{self, Options, Unit};
use proptest::prelude::*;

/// Pieces of hard text: names and dates the recogniser tags, marks and controls around them.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<char>().prop_map(String::from),
        2 => "[\u{300}-\u{36f}]{1,3}",                         // combining marks
        2 => "[\u{200e}\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{61c}]", // bidi controls
        2 => "[\u{4e00}-\u{9fff}\u{3040}-\u{30ff}]{1,4}",      // CJK
        1 => "[\u{5d0}-\u{5ea}\u{627}-\u{64a}]{1,5}",          // Hebrew, Arabic
        2 => prop_oneof![
            Just("👩\u{200d}👩\u{200d}👧".to_string()), Just("🇺🇦".to_string()),
            Just("👍🏽".to_string()), Just("\u{200d}".to_string()), Just("😀".to_string()),
            Just("\u{fe0f}".to_string()),
        ],
        1 => Just("\0".to_string()),
        1 => Just("\u{feff}".to_string()),
        2 => prop_oneof![Just("\n".to_string()), Just("\n\n".to_string()), Just("\r\n".to_string())],
        4 => prop_oneof![
            Just("Vladimir Putin".to_string()), Just("Donald Trump".to_string()),
            Just("June 28, 2019".to_string()), Just("$5 million".to_string()),
            Just("3.5%".to_string()), Just("@putin".to_string()), Just("https://x.org/a".to_string()),
            Just("Advertisement\n".to_string()), Just("Share this story".to_string()),
            Just("U.S.".to_string()), Just("himself.The".to_string()), Just("â€™".to_string()),
            Just("Zelenske\u{301}".to_string()),
        ],
        // The words and marks the quote finder reads (cues, hearers, "that", quotation
        // marks, colons): a hearer after "told" running past its sentence made it slice a
        // clause backwards on a news text with lines broken mid-sentence.
        3 => prop_oneof![
            Just("said".to_string()), Just("told".to_string()), Just("according to".to_string()),
            Just("that".to_string()), Just("“".to_string()), Just("”".to_string()), Just("\"".to_string()),
            Just(":".to_string()), Just(",".to_string()), Just(".".to_string()), Just("Mr.".to_string()),
            Just("she".to_string()), Just("lawmakers".to_string()), Just("While".to_string()),
        ],
        4 => "[a-zA-Z]{1,9}",
    ]
}

fn hard_text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop_oneof![Just(""), Just(" "), Just(" ")]), 0..120)
        .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

/// The literal JavaScript and Python views of offsets, without any shared helper.
fn check_views_literally(texts: &[String]) {
    let inputs: Vec<(String, String)> = texts.iter().enumerate().map(|(i, t)| (format!("d{i}"), t.clone())).collect();
    let (docs, _) = pipeline::analyze(&inputs, &Options::default());
    for doc in &docs {
        let clean = &doc.cleaned.text;
        let utf16 = pipeline::document_view(doc, Unit::Utf16);
        let chars = pipeline::document_view(doc, Unit::Chars);
        for ((u, c), e) in utf16.entities.iter().zip(&chars.entities).zip(&doc.entities) {
            assert_eq!(u.start, clean[..e.start].encode_utf16().count());
            assert_eq!(u.end, clean[..e.end].encode_utf16().count());
            assert_eq!(c.start, clean[..e.start].chars().count());
            assert_eq!(c.end, clean[..e.end].chars().count());
            let (os, oe) = doc.cleaned.alignment.to_original(e.start, e.end);
            assert_eq!(u.orig_start, doc.original[..os].encode_utf16().count());
            assert_eq!(u.orig_end, doc.original[..oe].encode_utf16().count());
            assert_eq!(c.orig_end, doc.original[..oe].chars().count());
        }
        for (u, e) in utf16.edits.iter().zip(&doc.cleaned.edits) {
            assert_eq!(u.start, doc.original[..e.start].encode_utf16().count());
            assert_eq!(u.end, doc.original[..e.end].encode_utf16().count());
        }
    }
}

/// UTF-16 bytes with a byte-order mark.
fn utf16_bytes(units: &[u16], little: bool) -> Vec<u8> {
    let bom: &[u8] = if little { b"\xFF\xFE" } else { b"\xFE\xFF" };
    let body = units.iter().flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() });
    bom.iter().copied().chain(body).collect()
}

/// UTF-16 code units, often unpaired surrogates.
fn units() -> impl Strategy<Value = Vec<u16>> {
    let unit = prop_oneof![
        4 => 0x20u16..0x7f,
        2 => 0xD800u16..0xDC00, // high surrogates
        2 => 0xDC00u16..0xE000, // low surrogates
        2 => any::<u16>(),
        1 => Just(0u16),
    ];
    prop::collection::vec(unit, 0..200)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_keeps_its_invariants(s in hard_text()) {
        invariants::check_clean(&s);
    }

    #[test]
    fn entity_spans_are_in_bounds_on_boundaries(s in hard_text()) {
        invariants::check_entities(&s);
    }

    #[test]
    fn pipeline_offsets_match_javascript_and_python(texts in prop::collection::vec(hard_text(), 1..4)) {
        check_views_literally(&texts);
        let inputs: Vec<(String, String)> = texts.iter().map(|t| ("d".to_string(), t.clone())).collect();
        invariants::check_pipeline(&inputs);
    }

    #[test]
    fn diff_keeps_its_invariants(a in hard_text(), b in hard_text()) {
        invariants::check_diff(&a, &b);
    }

    #[test]
    fn diff_of_an_edited_copy_keeps_its_invariants(
        sentences in prop::collection::vec(prop_oneof![
            Just("The council met on Monday."), Just("It approved the plan."), Just("Critics said no."),
            Just("\u{201c}We won,\u{201d} she said."), Just("Rain fell all day\u{2026}"), Just("\n\n"),
            Just("Advertisement\n"), Just("A 3.5% rise \u{2013} the first."), Just("Mr. Smith left."),
        ], 0..40),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        // b: a with some sentences dropped, one moved to the end, and quotes straightened.
        let a: String = sentences.iter().map(|s| format!("{s} ")).collect();
        let mut kept: Vec<&str> = sentences.clone();
        for c in &cuts {
            if !kept.is_empty() {
                let i = c.index(kept.len());
                let s = kept.remove(i);
                if c.index(3) == 0 {
                    kept.push(s);
                }
            }
        }
        let b: String = kept.iter().map(|s| format!("{s} ").replace('\u{201c}', "\"")).collect();
        invariants::check_diff(&a, &b);
    }

    #[test]
    fn corpus_keeps_its_invariants(texts in prop::collection::vec(hard_text(), 0..6), dup in any::<prop::sample::Index>()) {
        let mut texts = texts;
        if !texts.is_empty() {
            let copy = texts[dup.index(texts.len())].clone();
            texts.push(copy);
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        invariants::check_dedup(&refs, &Default::default());
    }

    #[test]
    fn utf16_with_unpaired_surrogates_decodes(u in units(), little in any::<bool>()) {
        let bytes = utf16_bytes(&u, little);
        let d = decode::decode(&bytes, "a.txt").expect("UTF-16 is never refused");
        prop_assert_eq!(d.encoding, if little { "utf-16le" } else { "utf-16be" });
        let want: String = char::decode_utf16(u.iter().copied())
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        if !d.html {
            prop_assert_eq!(&d.text, &want);
        }
        invariants::check_decode(&bytes);
    }

    #[test]
    fn arbitrary_bytes_decode_without_panic(b in prop::collection::vec(any::<u8>(), 0..300)) {
        invariants::check_decode(&b);
    }
}

#[test]
fn empty_input() {
    invariants::check_clean("");
    assert!(invariants::check_entities("").is_empty());
    invariants::check_pipeline(&[]);
    invariants::check_pipeline(&[("empty".to_string(), String::new())]);
    invariants::check_dedup(&[], &Default::default());
    invariants::check_decode(b"");
}

/// One 200 KB line of hard text (no newline): every stage, every invariant.
#[test]
fn huge_single_line() {
    let unit = "Vladimir Putin met Donald Trump on June 28, 2019 \u{202e}in\u{202c} 北京 \
                👩\u{200d}👩\u{200d}👧 e\u{301}\u{302} \0 $5 million, 3.5%. ";
    let line = unit.repeat(200 * 1024 / unit.len() + 1);
    assert!(!line.contains('\n') && line.len() > 200 * 1024);
    invariants::check_clean(&line);
    invariants::check_entities(&line);
    invariants::check_pipeline(&[("a".to_string(), line.clone()), ("b".to_string(), line)]);
}
