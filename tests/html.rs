//! HTML input: real-world breakage and hostile pages. Every case must read without a panic,
//! in time linear in the page, and keep what a reader of the page would call the article.
//! Fixtures are in tests/fixtures/html/ (written for these tests, no dev data).

#[path = "common/invariants.rs"]
mod invariants;

use article_analyzer::clean::{self, CleanOptions};
use article_analyzer::html::{self, Extracted};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

/// The article text of a page as `clean --html` prints it, and the extraction.
fn article(bytes: &[u8]) -> (String, Extracted) {
    invariants::check_html(bytes);
    let (source, _) = html::decode(bytes);
    let page = html::extract(&source);
    (clean::clean_html(&page, &CleanOptions::default()).text, page)
}

/// (fixture, text the article must hold, text it must not hold)
const CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "news-page.html",
        &["Harbour Town opened its new public library", "Paid for by the town", "closed on Sundays."],
        &["Share on Facebook", "Related stories", "Great news for the town", "All rights reserved", "not article text"],
    ),
    // Cut in the middle of the article: what was received is read.
    ("truncated.html", &["Harbour Town opened its new public library"], &["Share on Facebook", "Sport"]),
    // Unclosed and misnested tags, stray end tags, entities, a lone "<", an unclosed script.
    (
        "broken.html",
        &["Unclosed paragraph one", "bold and italic misnested", "& entities ééé ¬anentity; and a lone < sign"],
        &["written by script"],
    ),
    // A charset no decoder knows, on bytes that are not UTF-8: read as Windows-1252.
    ("bad-charset.html", &["The café on the corner reopened", "Zoë Martin"], &[]),
];

#[test]
fn fixtures_keep_the_article() {
    for (name, keep, drop) in CASES {
        let (text, _) = article(&fixture(name));
        for k in *keep {
            assert!(text.contains(k), "{name}: {k:?} missing from:\n{text}");
        }
        for d in *drop {
            assert!(!text.contains(d), "{name}: {d:?} kept in:\n{text}");
        }
    }
}

#[test]
fn metadata_from_json_ld_meta_and_link() {
    let (_, page) = article(&fixture("news-page.html"));
    let m = page.metadata;
    assert_eq!(m.title.as_deref(), Some("Harbour Town Opens Its New Library"));
    assert_eq!(m.byline.as_deref(), Some("Mara Lindqvist"));
    assert_eq!(m.date.as_deref(), Some("2024-05-14T09:30:00Z"));
    assert_eq!(m.site_name.as_deref(), Some("The Coastal Courier"));
    assert_eq!(m.url.as_deref(), Some("https://courier.example/2024/05/harbour-library"));
}

#[test]
fn no_article_is_empty_with_a_reason() {
    let (text, page) = article(&fixture("no-article.html"));
    assert_eq!(text.trim(), "", "a guess was made: {text:?}");
    let why = page.empty_reason.expect("a reason");
    assert!(why.contains("no article"), "{why}");
    assert_eq!(page.metadata.title.as_deref(), Some("Sign in - Example Portal"));
}

/// Reads `html` within `limit`, returning the article text.
fn timed(html: &str, limit: Duration) -> String {
    let t = Instant::now();
    let (text, _) = article(html.as_bytes());
    assert!(t.elapsed() < limit, "{} bytes took {:?}", html.len(), t.elapsed());
    text
}

const PARAGRAPH: &str = "<p>The article's own paragraph, with commas, clauses, and enough words to count as prose.</p>";

#[test]
fn deep_nesting_is_linear_and_does_not_overflow_the_stack() {
    for tag in ["div", "span", "b", "li", "table", "p", "section class=x"] {
        let end = tag.split(' ').next().unwrap_or(tag);
        let n = 100_000;
        let html = format!(
            "<html><body>{}{PARAGRAPH}{}</body></html>",
            format!("<{tag}>").repeat(n),
            format!("</{end}>").repeat(n)
        );
        let text = timed(&html, Duration::from_secs(10));
        assert!(text.contains("The article's own paragraph"), "<{tag}> x {n}: {text:?}");
        // Unclosed too: the stack is capped, nothing is dropped recursively.
        let _ = timed(&format!("{}{PARAGRAPH}", format!("<{tag}>").repeat(n)), Duration::from_secs(10));
    }
}

#[test]
fn huge_scripts_and_inline_images_are_skipped_in_linear_time() {
    let blob = "QUJD".repeat(2_000_000); // 8 MB of base64
    let html = format!(
        "<html><head><script>var x = \"{blob}</p><p>\";</script><style>{blob}</style></head><body>\
         <img src=\"data:image/png;base64,{blob}\"><article>{PARAGRAPH}{PARAGRAPH}</article>\
         <noscript>{blob}</noscript></body></html>"
    );
    let text = timed(&html, Duration::from_secs(20));
    assert!(text.contains("The article's own paragraph"));
    assert!(!text.contains("QUJD"), "a blob leaked into the text");
    // A blob as text (no tags around it) is cut to a bounded line, not kept whole.
    let text = timed(&format!("<body><p>{blob}</p>{PARAGRAPH}</body>"), Duration::from_secs(20));
    assert!(text.len() < 200_000, "{} bytes", text.len());
}

#[test]
fn many_elements_scale_linearly() {
    // 4x the elements must not take much more than 4x the time (quadratic would be 16x).
    let page = |n: usize| {
        format!("<body>{}</body>", format!("<div class=\"c\"><a href=\"/x\">link</a>{PARAGRAPH}</div>").repeat(n))
    };
    let (small, big) = (page(5_000), page(20_000));
    let t = Instant::now();
    let _ = article(small.as_bytes());
    let t_small = t.elapsed();
    let t = Instant::now();
    let _ = article(big.as_bytes());
    let t_big = t.elapsed();
    assert!(t_big < t_small * 10 + Duration::from_millis(200), "{t_small:?} for 5k, {t_big:?} for 20k");
}
