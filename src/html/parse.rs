//! HTML to a flat tree and visible lines, in one linear pass over html5ever's tokenizer.
//!
//! html5ever's tokenizer does the spec work (character references, attribute quoting, the
//! raw-text states of `<script>`, `<style>`, `<textarea>`, `<title>`); the tree is built here
//! by a small builder instead of html5ever's tree builder, whose scope checks cost O(depth)
//! per tag (100,000 nested tags would be quadratic) and whose DOM is dropped recursively.
//! The builder keeps a stack of open elements capped at [`MAX_DEPTH`], matches an end tag
//! against at most [`END_TAG_SEARCH`] open elements, and closes the implied end tags that
//! matter for text (`<p>` before a block, `<li>`, `<dt>`/`<dd>`, table cells and rows), so
//! every tag costs O(1). Nodes are stored in document order with a parent index, so every
//! later pass is a loop over a vector, never a recursion.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::cell::RefCell;

/// Open elements kept on the stack; deeper start tags are ignored (their text still counts).
pub const MAX_DEPTH: usize = 256;
/// How many open elements an end tag is matched against before it is ignored.
const END_TAG_SEARCH: usize = 48;
/// Lines longer than this many bytes are cut (a base64 blob as text, a minified dump).
const MAX_LINE: usize = 64 * 1024;

/// Structural facts about an element, as bit flags.
pub mod flag {
    /// `<nav>`, `role=navigation` or `role=menu`.
    pub const NAV: u16 = 1;
    /// `<footer>` or `role=contentinfo`.
    pub const FOOTER: u16 = 1 << 1;
    /// `<aside>` or `role=complementary`.
    pub const ASIDE: u16 = 1 << 2;
    /// `<header>` or `role=banner`.
    pub const HEADER: u16 = 1 << 3;
    /// `<article>`.
    pub const ARTICLE: u16 = 1 << 4;
    /// `<main>` or `role=main`.
    pub const MAIN: u16 = 1 << 5;
    /// `itemprop=articleBody`.
    pub const BODY_PROP: u16 = 1 << 6;
    /// Not rendered: script, style, hidden, `display:none`, ... (its text is dropped).
    pub const SKIP: u16 = 1 << 7;
    /// `<a href>`.
    pub const LINK: u16 = 1 << 8;
    /// `<form>`, `role=search`, `role=dialog`.
    pub const FORM: u16 = 1 << 9;
    /// A block-level element (starts a new line).
    pub const BLOCK: u16 = 1 << 10;
    /// `<figcaption>` or `<figure>`.
    pub const FIGURE: u16 = 1 << 11;
    /// `<ul>`, `<ol>`, `<dl>`, `<menu>`.
    pub const LIST: u16 = 1 << 12;
    /// `<li>`, `<dd>`, `<dt>`.
    pub const ITEM: u16 = 1 << 13;
    /// `<table>` and its parts.
    pub const TABLE: u16 = 1 << 14;
}

/// One element.
#[derive(Debug, Clone)]
pub struct Node {
    /// The parent's index (the root, index 0, is its own parent).
    pub parent: u32,
    /// The tag name, lowercase.
    pub tag: String,
    /// [`flag`] bits.
    pub flags: u16,
    /// `class` and `id` joined, lowercase (empty for most elements).
    pub hints: String,
}

/// One visible line: the text of a block between two block boundaries or `<br>`s.
#[derive(Debug, Clone)]
pub struct Line {
    /// The text, whitespace collapsed, never empty, no line break.
    pub text: String,
    /// The innermost element holding it (a block, or the nearest open element).
    pub node: u32,
    /// Characters of the text inside links.
    pub link_chars: usize,
}

/// What the tokenizer pass collected.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Elements in document order; `nodes[0]` is the document root.
    pub nodes: Vec<Node>,
    /// Visible lines in document order.
    pub lines: Vec<Line>,
    /// The `<title>` text.
    pub title: String,
    /// `<meta>` name/property (lowercase) and content, in order.
    pub metas: Vec<(String, String)>,
    /// `<link rel=canonical>` href.
    pub canonical: Option<String>,
    /// The `datetime` of the first `<time>`.
    pub time: Option<String>,
    /// JSON-LD blocks' text.
    pub json_ld: Vec<String>,
    /// The charset declared by `<meta charset>` or `http-equiv`.
    pub charset: Option<String>,
}

/// What is being read in a raw-text element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    None,
    Title,
    JsonLd,
    Ignored,
}

#[derive(Debug)]
struct Builder {
    out: Parsed,
    stack: Vec<u32>,
    /// Start tags ignored because the stack was full; their end tags are ignored too.
    overflow: usize,
    /// Open elements with [`flag::SKIP`] / [`flag::LINK`].
    skipping: usize,
    linking: usize,
    line: String,
    line_links: usize,
    pre: usize,
    raw: Raw,
    raw_text: String,
}

fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "td"
            | "th"
            | "tr"
            | "ul"
            | "caption"
            | "legend"
            | "option"
            | "listing"
            | "xmp"
    )
}

/// Elements whose content is never rendered as page text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "select"
            | "button"
            | "textarea"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "datalist"
            | "noembed"
            | "noframes"
    )
}

/// Block starts that close an open `<p>` (the spec's list, the common part).
fn closes_p(tag: &str) -> bool {
    is_block(tag) && !matches!(tag, "li" | "dd" | "dt" | "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption")
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

impl Builder {
    fn new() -> Self {
        let root = Node { parent: 0, tag: "#root".into(), flags: flag::BLOCK, hints: String::new() };
        Builder {
            out: Parsed { nodes: vec![root], ..Parsed::default() },
            stack: vec![0],
            overflow: 0,
            skipping: 0,
            linking: 0,
            line: String::new(),
            line_links: 0,
            pre: 0,
            raw: Raw::None,
            raw_text: String::new(),
        }
    }

    fn top(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    /// Ends the current line (at a block boundary or `<br>`).
    fn flush(&mut self) {
        let text = self.line.trim();
        if !text.is_empty() {
            let node = self
                .stack
                .iter()
                .rev()
                .copied()
                .find(|&n| self.out.nodes[n as usize].flags & flag::BLOCK != 0)
                .unwrap_or(0);
            let chars = text.chars().count();
            self.out.lines.push(Line { text: text.to_owned(), node, link_chars: self.line_links.min(chars) });
        }
        self.line.clear();
        self.line_links = 0;
    }

    fn text(&mut self, s: &str) {
        if self.raw != Raw::None {
            if self.raw != Raw::Ignored && self.raw_text.len() < MAX_LINE * 16 {
                self.raw_text.push_str(s);
            }
            return;
        }
        if self.skipping > 0 {
            return;
        }
        for c in s.chars() {
            if self.line.len() >= MAX_LINE {
                break;
            }
            if c == '\n' && self.pre > 0 {
                self.flush();
                continue;
            }
            if c.is_whitespace() && c != '\u{a0}' {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
                continue;
            }
            if c == '\0' || (c.is_control() && c != '\t') {
                continue;
            }
            self.line.push(c);
            if self.linking > 0 {
                self.line_links += 1;
            }
        }
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(n) = self.stack.pop() {
            let f = self.out.nodes[n as usize].flags;
            if f & flag::SKIP != 0 {
                self.skipping = self.skipping.saturating_sub(1);
            }
            if f & flag::LINK != 0 {
                self.linking = self.linking.saturating_sub(1);
            }
            if self.out.nodes[n as usize].tag == "pre" {
                self.pre = self.pre.saturating_sub(1);
            }
        }
    }

    /// Position in the stack of the nearest open `want` element, looking through at most
    /// [`END_TAG_SEARCH`] elements and stopping at a `barrier` element.
    fn find_open(&self, want: &[&str], barrier: &[&str]) -> Option<usize> {
        for (k, &n) in self.stack.iter().enumerate().rev().take(END_TAG_SEARCH) {
            let tag = self.out.nodes[n as usize].tag.as_str();
            if want.contains(&tag) {
                return Some(k);
            }
            if barrier.contains(&tag) || k == 0 {
                return None;
            }
        }
        None
    }

    fn pop_to(&mut self, k: usize) {
        while self.stack.len() > k.max(1) {
            self.pop();
        }
    }

    fn start(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        // Metadata from the head (and anywhere else: pages put it in the body too).
        match name {
            "meta" => {
                let key = attr(&tag, "property").or_else(|| attr(&tag, "name")).or_else(|| attr(&tag, "itemprop"));
                if let (Some(k), Some(v)) = (key, attr(&tag, "content")) {
                    self.out.metas.push((k.to_ascii_lowercase(), v.trim().to_owned()));
                }
                if let Some(c) = attr(&tag, "charset") {
                    self.out.charset.get_or_insert_with(|| c.trim().to_ascii_lowercase());
                } else if attr(&tag, "http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-type")) {
                    if let Some(c) = attr(&tag, "content")
                        .and_then(|c| c.to_ascii_lowercase().split("charset=").nth(1).map(str::to_owned))
                    {
                        self.out.charset.get_or_insert_with(|| c.trim().trim_matches(['"', '\'', ';']).to_owned());
                    }
                }
                return TokenSinkResult::Continue;
            }
            "link" => {
                let rel = attr(&tag, "rel").unwrap_or("");
                if rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) {
                    if let Some(h) = attr(&tag, "href") {
                        self.out.canonical.get_or_insert_with(|| h.trim().to_owned());
                    }
                }
                return TokenSinkResult::Continue;
            }
            "time" if self.out.time.is_none() => {
                if let Some(d) = attr(&tag, "datetime") {
                    self.out.time = Some(d.trim().to_owned());
                }
            }
            _ => {}
        }
        let raw = match name {
            "title" if self.out.title.is_empty() && self.skipping == 0 => Some((Raw::Title, RawKind::Rcdata)),
            "script" if attr(&tag, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                Some((Raw::JsonLd, RawKind::ScriptData))
            }
            "script" => Some((Raw::Ignored, RawKind::ScriptData)),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some((Raw::Ignored, RawKind::Rawtext)),
            "textarea" | "title" => Some((Raw::Ignored, RawKind::Rcdata)),
            "plaintext" => Some((Raw::Ignored, RawKind::Rawtext)),
            _ => None,
        };
        if let Some((r, kind)) = raw {
            // Raw text ends at its own end tag; nothing is pushed.
            self.raw = r;
            self.raw_text.clear();
            return TokenSinkResult::RawData(kind);
        }
        if name == "br" {
            if self.pre == 0 {
                self.flush();
            }
            return TokenSinkResult::Continue;
        }
        let block = is_block(name);
        if block {
            self.flush();
            // Implied end tags.
            if closes_p(name) {
                if let Some(k) =
                    self.find_open(&["p"], &["div", "td", "th", "li", "table", "body", "article", "section"])
                {
                    self.pop_to(k);
                }
            }
            let implied: Option<(&[&str], &[&str])> = match name {
                "li" => Some((&["li"], &["ul", "ol", "menu", "table"])),
                "dt" | "dd" => Some((&["dt", "dd"], &["dl", "table"])),
                "td" | "th" => Some((&["td", "th"], &["tr", "table"])),
                "tr" => Some((&["tr"], &["table", "tbody", "thead", "tfoot"])),
                "option" => Some((&["option"], &["select", "datalist"])),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    Some((&["h1", "h2", "h3", "h4", "h5", "h6"], &["div", "section", "article", "body"]))
                }
                _ => None,
            };
            if let Some((want, barrier)) = implied {
                if let Some(k) = self.find_open(want, barrier) {
                    self.pop_to(k);
                }
            }
        } else if name == "a" {
            // An `<a>` inside an `<a>` closes the first one (the adoption agency, simplified).
            if let Some(k) = self.find_open(&["a"], &["div", "p", "li", "td", "body"]) {
                self.pop_to(k);
            }
        }
        if is_void(name) || tag.self_closing && !block {
            if name == "hr" {
                self.flush();
            }
            return TokenSinkResult::Continue;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
            return TokenSinkResult::Continue;
        }
        let mut flags = if block { flag::BLOCK } else { 0 };
        flags |= match name {
            "nav" => flag::NAV,
            "footer" => flag::FOOTER,
            "aside" => flag::ASIDE,
            "header" => flag::HEADER,
            "article" => flag::ARTICLE,
            "main" => flag::MAIN,
            "form" => flag::FORM,
            "figure" | "figcaption" => flag::FIGURE,
            "ul" | "ol" | "dl" | "menu" | "dir" => flag::LIST,
            "li" | "dd" | "dt" => flag::ITEM,
            "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" => flag::TABLE,
            "a" if attr(&tag, "href").is_some() => flag::LINK,
            _ => 0,
        };
        if is_skipped(name) {
            flags |= flag::SKIP;
        }
        match attr(&tag, "role").map(str::to_ascii_lowercase).as_deref() {
            Some("navigation" | "menu" | "menubar") => flags |= flag::NAV,
            Some("contentinfo") => flags |= flag::FOOTER,
            Some("complementary") => flags |= flag::ASIDE,
            Some("banner") => flags |= flag::HEADER,
            Some("main") => flags |= flag::MAIN,
            Some("search" | "dialog" | "alertdialog") => flags |= flag::FORM,
            _ => {}
        }
        if attr(&tag, "itemprop")
            .is_some_and(|p| p.split_ascii_whitespace().any(|p| p.eq_ignore_ascii_case("articlebody")))
        {
            flags |= flag::BODY_PROP;
        }
        // Not rendered: the `hidden` attribute, `aria-hidden`, inline `display:none`.
        let style = attr(&tag, "style").map(|s| s.to_ascii_lowercase().replace(' ', "")).unwrap_or_default();
        if attr(&tag, "hidden").is_some()
            || attr(&tag, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || style.contains("display:none")
            || style.contains("visibility:hidden")
        {
            flags |= flag::SKIP;
        }
        let mut hints = String::new();
        for key in ["class", "id"] {
            if let Some(v) = attr(&tag, key) {
                if !hints.is_empty() {
                    hints.push(' ');
                }
                hints.extend(v.chars().take(256).map(|c| c.to_ascii_lowercase()));
            }
        }
        let id = self.out.nodes.len() as u32;
        self.out.nodes.push(Node { parent: self.top(), tag: name.to_owned(), flags, hints });
        self.stack.push(id);
        if flags & flag::SKIP != 0 {
            self.skipping += 1;
        }
        if flags & flag::LINK != 0 {
            self.linking += 1;
        }
        if name == "pre" {
            self.pre += 1;
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, tag: Tag) {
        let name: &str = &tag.name;
        if self.raw != Raw::None {
            let text = std::mem::take(&mut self.raw_text);
            match self.raw {
                Raw::Title => self.out.title = text.split_whitespace().collect::<Vec<_>>().join(" "),
                Raw::JsonLd => self.out.json_ld.push(text),
                _ => {}
            }
            self.raw = Raw::None;
            return;
        }
        if name == "br" {
            // `</br>` is a `<br>` for browsers.
            self.flush();
            return;
        }
        if is_block(name) {
            self.flush();
        }
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        let barrier: &[&str] =
            if is_block(name) { &[] } else { &["div", "p", "li", "td", "table", "body", "article", "section"] };
        if let Some(k) = self.find_open(&[name], barrier) {
            self.pop_to(k);
        }
    }
}

#[derive(Debug)]
struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return b.start(tag),
                TagKind::EndTag => b.end(tag),
            },
            Token::CharacterTokens(t) => b.text(&t),
            Token::EOFToken => {
                if b.raw != Raw::None {
                    // A truncated page: the raw text never ended.
                    b.raw = Raw::None;
                    b.raw_text.clear();
                }
                b.flush();
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Reads a whole page.
pub fn parse(html: &str) -> Parsed {
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Builder::new())), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    // The sink never asks to run a script, so one feed reads everything.
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut b = tokenizer.sink.0.borrow_mut();
    b.flush();
    std::mem::take(&mut b.out)
}
