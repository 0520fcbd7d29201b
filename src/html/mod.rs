//! HTML input: the page's visible text, one line per block, with the structure's verdict on
//! each line (article or not, and why), plus the metadata the page declares.
//!
//! The visible text is what the reader of the page sees, so it is the document's "original":
//! cleaning ([`crate::clean::clean_html`]) runs its line rules and repairs on it as on any
//! page text, and the structural verdicts become removal edits with their reasons, shown
//! and restorable like every other edit. See DESIGN.md ("HTML input").

mod parse;
mod score;

pub use parse::MAX_DEPTH;
use score::Verdict;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The author(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The publication date as the page writes it (ISO 8601 in most pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The site's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The canonical URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Metadata {
    /// True when the page declared nothing.
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }
}

/// A page read for its article.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The visible text: one line per block, `\n` after each line.
    pub text: String,
    /// For each line of `text`: `None` when it is article text, else the rule and reason
    /// that remove it.
    pub verdicts: Vec<Verdict>,
    /// Title, byline, date, site, URL.
    pub metadata: Metadata,
    /// Why nothing is kept, when the page has no article.
    pub empty_reason: Option<String>,
}

/// Reads a page: visible lines, their verdicts, metadata. Linear in the page's length.
pub fn extract(html: &str) -> Extracted {
    let parsed = parse::parse(html);
    let metadata = metadata(&parsed);
    let mut titles: Vec<String> = Vec::new();
    titles.extend(metadata.title.clone());
    for key in ["og:title", "twitter:title", "headline"] {
        titles.extend(meta(&parsed, key).map(str::to_owned));
    }
    if !parsed.title.is_empty() {
        titles.push(parsed.title.clone());
        titles.extend(title_parts(&parsed.title));
    }
    let (verdicts, empty_reason) = score::select(&parsed, &titles);
    let mut text = String::with_capacity(parsed.lines.iter().map(|l| l.text.len() + 1).sum());
    for l in &parsed.lines {
        text.push_str(&l.text);
        text.push('\n');
    }
    Extracted { text, verdicts, metadata, empty_reason }
}

/// The pieces of a `<title>` around " | ", " - ", " – ", " — " (site names).
fn title_parts(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((a, b)) = title.split_once(sep) {
            out.push(a.trim().to_owned());
            if let Some((b, _)) = title.rsplit_once(sep) {
                out.push(b.trim().to_owned());
            }
            let _ = b;
        }
    }
    out
}

fn meta<'p>(p: &'p parse::Parsed, key: &str) -> Option<&'p str> {
    p.metas.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.as_str())
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Metadata from JSON-LD first (the most structured), then `<meta>`, `<time>`, `<title>`.
fn metadata(p: &parse::Parsed) -> Metadata {
    let mut m = Metadata::default();
    for block in &p.json_ld {
        if let Ok(v) = serde_json::from_str::<Value>(block.trim()) {
            json_ld(&v, &mut m);
        }
    }
    let first = |keys: &[&str]| keys.iter().find_map(|k| meta(p, k)).and_then(nonempty);
    m.title = m.title.or_else(|| first(&["og:title", "twitter:title", "headline"])).or_else(|| nonempty(&p.title));
    m.byline = m
        .byline
        .or_else(|| first(&["author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"]));
    // An author given as a profile URL is not a byline.
    if m.byline.as_deref().is_some_and(|b| b.starts_with("http")) {
        m.byline = None;
    }
    m.date = m
        .date
        .or_else(|| {
            first(&[
                "article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "sailthru.date",
                "parsely-pub-date",
                "article:published",
            ])
        })
        .or_else(|| p.time.as_deref().and_then(nonempty));
    m.site_name = m.site_name.or_else(|| first(&["og:site_name", "application-name", "twitter:site"]));
    m.url = m.url.or_else(|| p.canonical.as_deref().and_then(nonempty)).or_else(|| first(&["og:url"]));
    m
}

/// An article object's fields, wherever it sits in the JSON-LD (`@graph`, arrays). The walk
/// is iterative over an explicit stack (serde_json already caps nesting at 128 levels).
fn json_ld(root: &Value, m: &mut Metadata) {
    let mut stack = vec![root];
    let mut seen = 0usize;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 10_000 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
                let is_article = match o.get("@type") {
                    Some(Value::String(t)) => is_article_type(t),
                    Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(is_article_type)),
                    _ => false,
                };
                if !is_article {
                    continue;
                }
                let s = |k: &str| o.get(k).and_then(Value::as_str).and_then(ld_text);
                m.title = m.title.take().or_else(|| s("headline")).or_else(|| s("name"));
                m.date = m.date.take().or_else(|| s("datePublished")).or_else(|| s("dateCreated"));
                if m.byline.is_none() {
                    m.byline = o.get("author").and_then(names);
                }
                if m.site_name.is_none() {
                    m.site_name = o.get("publisher").and_then(names);
                }
                if m.url.is_none() {
                    m.url = s("url").or_else(|| match o.get("mainEntityOfPage") {
                        Some(Value::String(u)) => ld_text(u),
                        Some(Value::Object(e)) => e.get("@id").and_then(Value::as_str).and_then(ld_text),
                        _ => None,
                    });
                }
            }
            _ => {}
        }
    }
}

/// A JSON-LD string as text. Publishing systems write these strings HTML-escaped more often
/// than not ("Trump &amp; Putin", "Putin&#8217;s"), and the HTML tokenizer never sees inside
/// a script, so character references are decoded here (once: "&amp;amp;" gives "&amp;").
fn ld_text(s: &str) -> Option<String> {
    nonempty(&decode_references(s))
}

/// Decodes HTML character references: numeric (`&#8217;`, `&#x2019;`) and named with their
/// semicolon (`&amp;`, `&rsquo;`, from html5ever's table of the HTML standard's names).
/// Anything else, and references to nothing or to a surrogate, stays as written.
fn decode_references(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // The reference's body up to its ';', looked for in the next 33 bytes only (the
        // longest name is 31): a long string of '&'s stays linear.
        let body = rest.as_bytes()[1..].iter().take(33).position(|&c| c == b';').map(|j| &rest[1..1 + j]);
        let decoded: Option<String> = body.and_then(|b| {
            if let Some(num) = b.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                n.filter(|&n| n != 0).and_then(char::from_u32).map(String::from)
            } else {
                html5ever::data::NAMED_ENTITIES.get(&*format!("{b};")).and_then(|&(a, c)| {
                    let mut t: String = char::from_u32(a).filter(|_| a != 0)?.into();
                    t.extend(char::from_u32(c).filter(|_| c != 0));
                    Some(t)
                })
            }
        });
        match (decoded, body) {
            (Some(t), Some(b)) => {
                out.push_str(&t);
                rest = &rest[b.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "Report" | "LiveBlogPosting" | "Blog" | "WebPage")
}

/// A person or organisation (or a list of them) as names joined by commas.
fn names(v: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) if !s.starts_with("http") => ld_text(s),
        Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(ld_text),
        _ => None,
    };
    match v {
        Value::Array(a) => {
            let all: Vec<String> = a.iter().take(20).filter_map(one).collect();
            (!all.is_empty()).then(|| all.join(", "))
        }
        v => one(v),
    }
}

/// Decodes the bytes of an HTML page: UTF-8 when they are valid UTF-8 (whatever the page
/// declares: saved pages are re-encoded without updating their `<meta>`), else the charset
/// the page declares when `encoding_rs` knows it, else Windows-1252. Returns the text and
/// the encoding's name.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), "utf-8");
    }
    let declared = declared_charset(&bytes[..bytes.len().min(4096)]);
    let enc = declared
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
        // A page that declares UTF-8 (or UTF-16, which cannot be declared in ASCII) but is
        // not valid UTF-8 was re-encoded: Windows-1252 is the usual culprit.
        .filter(|e| *e != encoding_rs::UTF_8 && *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc.name())
}

/// The charset a page's head declares (`<meta charset>`, `http-equiv` content), read from
/// the raw bytes (ASCII-compatible encodings declare it in ASCII).
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let value: String = lower[at..]
        .iter()
        .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':' || b == b'.')
        .map(|&b| b as char)
        .collect();
    (!value.is_empty()).then_some(value)
}

/// True when text starts like an HTML page (a doctype, `<html>`, `<head>` or `<body>`; an
/// XML declaration or a comment before `<html>`). Text that merely mentions tags is text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || head.starts_with("<!--") && head.contains("<html")
        || head.starts_with("<head")
        || head.starts_with("<body")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(e: &Extracted) -> Vec<&str> {
        e.text.lines().zip(&e.verdicts).filter(|(_, v)| v.is_none()).map(|(l, _)| l).collect()
    }

    #[test]
    fn article_in_chrome() {
        let html = r#"<!doctype html><html><head><title>Big news - The Site</title>
            <meta property="og:site_name" content="The Site"><meta name="author" content="Jo Bloggs">
            <script>var x = "<p>not text</p>";</script></head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <article><h1>Big news</h1><p>The first paragraph of the story, with enough words, commas, and length to count.
            <p>A second paragraph follows it, also long enough to be scored as article text here.</p>
            <div class="share"><a href="/s">Share on Facebook</a></div></article>
            <footer>Copyright 2024 The Site</footer></body></html>"#;
        let e = extract(html);
        assert_eq!(
            kept(&e),
            [
                "The first paragraph of the story, with enough words, commas, and length to count.",
                "A second paragraph follows it, also long enough to be scored as article text here."
            ]
        );
        assert_eq!(e.metadata.title.as_deref(), Some("Big news - The Site"));
        assert_eq!(e.metadata.byline.as_deref(), Some("Jo Bloggs"));
        assert_eq!(e.metadata.site_name.as_deref(), Some("The Site"));
        assert!(!e.text.contains("not text"));
        let why: Vec<String> = e.verdicts.iter().flatten().map(|(_, w)| w.clone()).collect();
        assert!(why.iter().any(|w| w.contains("navigation block (<nav>)")), "{why:?}");
    }

    #[test]
    fn json_ld_strings_are_unescaped() {
        let html = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle",
            "headline":"Trump &amp; Putin&#8217;s talks &#x2014; &rsquo;what&lsquo; next &bogus; &amp;amp; AT&T",
            "author":{"name":"Ana &Aacute;lvarez"}}</script></head><body><p>x</p></body></html>"#;
        let m = metadata(&parse::parse(html));
        assert_eq!(m.title.as_deref(), Some("Trump & Putin’s talks — ’what‘ next &bogus; &amp; AT&T"));
        assert_eq!(m.byline.as_deref(), Some("Ana Álvarez"));
        assert_eq!(decode_references("&#0; &#xD800; &#99999999; & ;"), "&#0; &#xD800; &#99999999; & ;");
    }

    #[test]
    fn json_ld_metadata() {
        let html = r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"x"},
            {"@type":["NewsArticle"],"headline":"H &amp; L","datePublished":"2024-01-02","author":[{"name":"A"},{"name":"B"}],
            "publisher":{"@type":"Organization","name":"Pub"}}]}</script></head><body><p>x</p></body></html>"#;
        let m = extract(html).metadata;
        assert_eq!(m.title.as_deref(), Some("H & L"));
        assert_eq!(m.byline.as_deref(), Some("A, B"));
        assert_eq!(m.date.as_deref(), Some("2024-01-02"));
        assert_eq!(m.site_name.as_deref(), Some("Pub"));
    }

    #[test]
    fn no_article_is_empty_with_a_reason() {
        let e = extract("<html><body><nav><a href=/>Home</a></nav><p>Hi</p></body></html>");
        assert!(kept(&e).is_empty());
        assert!(e.empty_reason.is_some());
    }

    #[test]
    fn deep_nesting_is_flat() {
        let n = 100_000;
        let html = format!(
            "<html><body>{}<p>Deep text, with a comma, and enough length to score.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let e = extract(&html);
        assert_eq!(kept(&e), ["Deep text, with a comma, and enough length to score."]);
    }

    #[test]
    fn html_is_recognised_by_its_start_only() {
        assert!(looks_like_html("\n <!DOCTYPE html><p>x"));
        assert!(looks_like_html("<!-- saved --><html><body>x"));
        assert!(!looks_like_html("Notes: put the script before <body> closes."));
    }

    #[test]
    fn declared_charset_decodes() {
        let (t, enc) = decode(b"<meta charset=\"iso-8859-2\"><p>\xb1</p>");
        assert_eq!(enc, "ISO-8859-2");
        assert!(t.contains('ą'));
        let (t, enc) = decode(b"<meta charset=\"bogus-42\"><p>caf\xe9</p>");
        assert_eq!(enc, "windows-1252");
        assert!(t.contains("café"));
    }
}
