//! Which lines of the page are the article: structure decides, every removal says why.
//!
//! The approach is readability's, on the flat tree of [`super::parse`]: each paragraph-like
//! line of 25+ characters scores (1 + commas + length / 100, capped) into its block's
//! ancestors (parent fully, grandparent half, further ancestors a third by level); each
//! element starts from its tag (div +5, lists -3, headings -5) and its class/id wording
//! (article, content, story, ... +25; comment, share, sidebar, ... -25), and its score is
//! discounted by its link density. The best element is the article's container; its
//! siblings join when they score well or hold plain prose. Inside the container, lines
//! under navigation, footers, asides, forms, share/comment/related wording, and link-dense
//! lines and lists are removed. All passes are loops over the node vector in document order
//! (parents come before children), so the whole is linear in the page.

use super::parse::{flag, Node, Parsed};
use crate::clean::Rule;
use regex::Regex;
use std::sync::LazyLock;

/// Class/id wording of page chrome (readability's `negative` and `unlikelyCandidates`).
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(^|[^a-z])(ad|ads|advert\w*|banner|breadcrumbs?|combx|comments?|commenting|community|contact|disqus|foot|footer|footnote|gdpr|masthead|menu|meta|outbrain|taboola|promo\w*|related|recirc\w*|remark|replies|rss|share\w*|sharing|shoutbox|sidebar|skyscraper|social|sponsor\w*|shopping|subscribe|subscription|newsletter|tags?|tool|tools|toolbar|widget|popup|pagination|pager|signup|login|cookie\w*|consent|trending|recommend\w*|most-?popular|more-?stories|read-?more|byline|author|caption|credit|teaser|nav|navbar|navigation)($|[^a-z])",
    )
    .expect("valid pattern")
});

/// Class/id wording of article containers (readability's `positive`).
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose")
        .expect("valid pattern")
});

/// Wording that marks a removal's kind (which rule and why).
static FURNITURE: &[(&str, Rule, &str)] = &[
    ("comment", Rule::Furniture, "comments block"),
    ("disqus", Rule::Furniture, "comments block"),
    ("share", Rule::Prompt, "share block"),
    ("sharing", Rule::Prompt, "share block"),
    ("social", Rule::Prompt, "social block"),
    ("newsletter", Rule::Prompt, "newsletter block"),
    ("subscri", Rule::Prompt, "subscription block"),
    ("related", Rule::Related, "related-links block"),
    ("recirc", Rule::Related, "related-links block"),
    ("recommend", Rule::Related, "recommendations block"),
    ("outbrain", Rule::Related, "recommendations block"),
    ("taboola", Rule::Related, "recommendations block"),
    ("trending", Rule::Related, "related-links block"),
    ("popular", Rule::Related, "related-links block"),
    ("more-stories", Rule::Related, "related-links block"),
    ("sponsor", Rule::Advertisement, "sponsored block"),
    ("advert", Rule::Advertisement, "advertisement block"),
    ("promo", Rule::Advertisement, "promotion block"),
    ("breadcrumb", Rule::Navigation, "breadcrumbs"),
    ("menu", Rule::Navigation, "menu"),
    ("nav", Rule::Navigation, "navigation block"),
    ("sidebar", Rule::Related, "sidebar"),
    ("footer", Rule::Furniture, "footer"),
    ("byline", Rule::Byline, "byline"),
    ("author", Rule::Byline, "author block"),
    ("caption", Rule::Caption, "caption"),
    ("credit", Rule::Caption, "credit"),
    ("tags", Rule::Navigation, "tag list"),
    ("cookie", Rule::Prompt, "cookie notice"),
    ("consent", Rule::Prompt, "cookie notice"),
];

/// A line's verdict: `None` keeps it.
pub type Verdict = Option<(Rule, String)>;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Readability's class weight of one element.
fn class_weight(n: &Node) -> f32 {
    if n.hints.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if NEGATIVE.is_match(&n.hints) {
        w -= 25.0;
    }
    if POSITIVE.is_match(&n.hints) {
        w += 25.0;
    }
    w
}

fn tag_weight(n: &Node) -> f32 {
    match n.tag.as_str() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Why a structural element is not article text, if it is not.
fn chrome_of(n: &Node, hints: bool) -> Option<(Rule, String)> {
    let f = n.flags;
    if matches!(n.tag.as_str(), "html" | "body" | "#root") {
        return None;
    }
    let tagged = |rule: Rule, what: &str| Some((rule, format!("{what} (<{}>)", n.tag)));
    if f & flag::NAV != 0 {
        return tagged(Rule::Navigation, "navigation block");
    }
    if f & flag::FOOTER != 0 {
        return tagged(Rule::Furniture, "page footer");
    }
    if f & flag::ASIDE != 0 {
        return tagged(Rule::Related, "aside");
    }
    if f & flag::FORM != 0 {
        return tagged(Rule::Prompt, "form");
    }
    if n.tag == "figcaption" || n.tag == "figure" {
        return tagged(Rule::Caption, "caption");
    }
    if hints && !n.hints.is_empty() && NEGATIVE.is_match(&n.hints) && !POSITIVE.is_match(&n.hints) {
        let (rule, what) = FURNITURE
            .iter()
            .find(|(w, _, _)| n.hints.contains(w))
            .map_or((Rule::Furniture, "page furniture"), |&(_, r, w)| (r, w));
        let class: String = n.hints.split_whitespace().next().unwrap_or("").chars().take(40).collect();
        return Some((rule, format!("{what} (class or id \"{class}\")")));
    }
    None
}

/// Per-line verdicts for a parsed page, and why nothing was kept when nothing was.
/// `titles` are the page's title as its metadata gives it: the first heading equal to one
/// is the headline, shown as the document's title rather than in its text.
pub fn select(p: &Parsed, titles: &[String]) -> (Vec<Verdict>, Option<String>) {
    // Class and id wording is a weaker clue than tags: a page whose article it hides (a
    // wrapper named "has-sidebar") is read again without it, as readability does.
    let (verdicts, why) = select_with(p, titles, true);
    let kept: usize = p.lines.iter().zip(&verdicts).filter(|(_, v)| v.is_none()).map(|(l, _)| chars(&l.text)).sum();
    if kept >= RETRY_BELOW {
        return (verdicts, why);
    }
    let (again, why_again) = select_with(p, titles, false);
    let kept_again: usize = p.lines.iter().zip(&again).filter(|(_, v)| v.is_none()).map(|(l, _)| chars(&l.text)).sum();
    if kept_again > kept {
        (again, why_again)
    } else {
        (verdicts, why)
    }
}

/// Most elements sharing the article container's class for them all to be article text.
const MAX_SAME_CLASS: usize = 12;

/// Characters of article text under which the page is read again with fewer clues.
const RETRY_BELOW: usize = 500;

fn select_with(p: &Parsed, titles: &[String], hints: bool) -> (Vec<Verdict>, Option<String>) {
    let nodes = &p.nodes;
    let n = nodes.len();
    // Text and link characters under each element (children before parents: reverse order).
    let mut text = vec![0usize; n];
    let mut links = vec![0usize; n];
    for l in &p.lines {
        let c = chars(&l.text);
        text[l.node as usize] += c;
        links[l.node as usize] += l.link_chars;
    }
    for i in (1..n).rev() {
        let par = nodes[i].parent as usize;
        text[par] += text[i];
        links[par] += links[i];
    }
    let density = |i: usize| if text[i] == 0 { 0.0 } else { links[i] as f32 / text[i] as f32 };
    // An element holding most of the page's text is a wrapper, whatever its tag or class
    // says (ASP.NET pages wrap the whole body in a <form>; themes name it "has-sidebar").
    let chrome = |i: usize| if text[i] * 2 > text[0] { None } else { chrome_of(&nodes[i], hints) };

    // Chrome on the path from the root: computed top-down (parents first).
    let mut under: Vec<Option<u32>> = vec![None; n];
    let mut hidden_in_chrome = vec![false; n];
    for i in 1..n {
        let par = nodes[i].parent as usize;
        under[i] = under[par];
        if under[i].is_none() && chrome(i).is_some() {
            under[i] = Some(i as u32);
        }
        hidden_in_chrome[i] = under[i].is_some();
    }

    // Readability scores.
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    for l in &p.lines {
        let node = l.node as usize;
        let c = chars(&l.text);
        if c < 25 || hidden_in_chrome[node] {
            continue;
        }
        let s = 1.0 + l.text.matches([',', '，', '、']).count() as f32 + (c as f32 / 100.0).min(3.0);
        let mut a = node;
        for level in 0..5 {
            let par = nodes[a].parent as usize;
            if par == a {
                break;
            }
            // The paragraph's own element counts as its parent's child (readability scores
            // the parent of a <p>); a text-holding div scores itself as a <p> would.
            let target = if nodes[node].tag == "p" || level > 0 { par } else { node };
            if !scored[target] {
                scored[target] = true;
                score[target] += tag_weight(&nodes[target]) + class_weight(&nodes[target]);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[target] += s / div;
            a = target;
        }
    }
    let mut best: Option<usize> = None;
    let mut best_score = 0.0f32;
    for i in 0..n {
        if !scored[i] || hidden_in_chrome[i] {
            continue;
        }
        let mut s = score[i] * (1.0 - density(i));
        if nodes[i].flags & (flag::BODY_PROP | flag::ARTICLE) != 0 {
            s *= 1.25;
        }
        score[i] = s;
        if best.is_none() || s > best_score {
            best = Some(i);
            best_score = s;
        }
    }
    let mut verdicts: Vec<Verdict> = vec![None; p.lines.len()];
    let Some(top) = best else {
        let why = "no article text on the page (no paragraph of 25+ characters outside page chrome)";
        for v in &mut verdicts {
            *v = Some((Rule::Furniture, why.to_owned()));
        }
        return (verdicts, Some(why.to_owned()));
    };
    let top = climb(nodes, &score, &scored, &hidden_in_chrome, top);
    // The container: the top element plus siblings that score well or hold plain prose.
    let par = nodes[top].parent as usize;
    let threshold = (score[top] * 0.2).max(10.0);
    let mut in_article = vec![false; n];
    in_article[top] = true;
    let mut last_line: Vec<Option<usize>> = vec![None; n];
    for (k, l) in p.lines.iter().enumerate() {
        last_line[l.node as usize] = Some(k);
    }
    let ends_sentence =
        |i: usize| last_line[i].is_some_and(|k| p.lines[k].text.trim_end().ends_with(['.', '!', '?', '"', '”']));
    for i in 1..n {
        if i == top || nodes[i].parent as usize != par || par == top || hidden_in_chrome[i] {
            continue;
        }
        let mut bonus = 0.0;
        if !nodes[i].hints.is_empty() && nodes[i].hints == nodes[top].hints {
            bonus += score[top] * 0.2;
        }
        let ok = (scored[i] && score[i] + bonus >= threshold)
            || (nodes[i].tag == "p" && {
                let d = density(i);
                (text[i] > 80 && d < 0.25) || (text[i] > 0 && d == 0.0 && text[i] <= 80 && ends_sentence(i))
            });
        if ok {
            in_article[i] = true;
        }
    }
    // An article cut into sections by figures or embeds: elements of the top's own tag and
    // class elsewhere in the page hold the rest of its text (CMSs repeat the body's class on
    // every chunk). Only for a class that names few elements and text that is not links.
    if !nodes[top].hints.is_empty() {
        let same = |i: usize| nodes[i].tag == nodes[top].tag && nodes[i].hints == nodes[top].hints;
        let count = (1..n).filter(|&i| same(i)).count();
        if count <= MAX_SAME_CLASS {
            for i in 1..n {
                if i != top && same(i) && !hidden_in_chrome[i] && text[i] > 0 && density(i) < 0.3 {
                    in_article[i] = true;
                }
            }
        }
    }
    // Propagate top-down: an element is in the article when its parent is.
    let mut reason: Vec<Option<u32>> = vec![None; n];
    for i in 1..n {
        let parent = nodes[i].parent as usize;
        if in_article[parent] && i != top {
            in_article[i] = true;
        }
        // Chrome inside the article container: the first chrome element under it.
        reason[i] = reason[parent];
        if reason[i].is_none() && in_article[i] && i != top && chrome(i).is_some() {
            reason[i] = Some(i as u32);
        }
    }
    let mut title_line = None;
    let title_keys: Vec<String> = titles.iter().map(|t| norm(t)).filter(|t| !t.is_empty()).collect();
    for (k, l) in p.lines.iter().enumerate() {
        let node = l.node as usize;
        let c = chars(&l.text);
        verdicts[k] = if !in_article[node] {
            Some(match under[node].and_then(|u| chrome(u as usize)) {
                Some((rule, why)) => (rule, format!("{why}, outside the article")),
                None => (Rule::Furniture, "outside the article's main content".to_owned()),
            })
        } else if let Some(r) = reason[node].and_then(|u| chrome(u as usize)) {
            Some(r)
        } else if c > 0 && l.link_chars * 10 >= c * 6 && (c < 200 || l.link_chars * 10 >= c * 9) {
            Some((Rule::Navigation, format!("link-dense line {:.1}", l.link_chars as f32 / c as f32)))
        } else if let Some(list) = link_dense_list(nodes, &in_article, node, &density) {
            Some((Rule::Related, format!("link-dense list {list:.1}")))
        } else if title_line.is_none() && is_heading(&nodes[node]) && title_keys.contains(&norm(&l.text)) {
            title_line = Some(k);
            Some((Rule::Furniture, "headline (the document's title)".to_owned()))
        } else {
            None
        };
    }
    (verdicts, None)
}

/// Readability's three moves up from the best element: to an ancestor holding three of the
/// five best elements (paragraphs wrapped one per element), to a parent that scores more
/// (without falling under a third of the score on the way), and out of single-child wrappers.
/// Each walk is bounded by the stack depth cap, so the whole is linear.
fn climb(nodes: &[Node], score: &[f32], scored: &[bool], chrome: &[bool], top: usize) -> usize {
    let up = |i: usize| {
        let par = nodes[i].parent as usize;
        (par != i && par != 0 && !chrome[par] && !matches!(nodes[par].tag.as_str(), "body" | "html")).then_some(par)
    };
    // The five best, then ancestors of the top holding three of those scoring >= 75%.
    let mut best: Vec<usize> = Vec::with_capacity(6);
    for i in 0..nodes.len() {
        if scored[i] && !chrome[i] {
            best.push(i);
            best.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
            best.truncate(5);
        }
    }
    let strong: Vec<usize> = best.into_iter().filter(|&i| i != top && score[i] >= score[top] * 0.75).collect();
    let mut top = top;
    if strong.len() >= 3 {
        let chains: Vec<Vec<usize>> = strong
            .iter()
            .map(|&c| {
                let mut chain = Vec::new();
                let mut a = c;
                while let Some(p) = up(a) {
                    chain.push(p);
                    a = p;
                    if chain.len() > super::parse::MAX_DEPTH {
                        break;
                    }
                }
                chain
            })
            .collect();
        let mut a = top;
        while let Some(p) = up(a) {
            if chains.iter().filter(|c| c.contains(&p)).count() >= 3 {
                top = p;
                break;
            }
            a = p;
        }
    }
    // A parent scoring more than the top (its other children add to it) is the article.
    let threshold = score[top] / 3.0;
    let mut last = score[top];
    let mut a = top;
    while let Some(p) = up(a) {
        if !scored[p] {
            a = p;
            continue;
        }
        if score[p] < threshold {
            break;
        }
        if score[p] > last {
            top = p;
            break;
        }
        last = score[p];
        a = p;
    }
    top
}

/// A list (or list item's list) inside the article whose text is mostly links.
fn link_dense_list(nodes: &[Node], in_article: &[bool], node: usize, density: &dyn Fn(usize) -> f32) -> Option<f32> {
    let mut a = node;
    for _ in 0..4 {
        if !in_article[a] {
            return None;
        }
        if nodes[a].flags & flag::LIST != 0 {
            let d = density(a);
            return (d >= 0.5).then_some(d);
        }
        let par = nodes[a].parent as usize;
        if par == a {
            return None;
        }
        a = par;
    }
    None
}

fn is_heading(n: &Node) -> bool {
    matches!(n.tag.as_str(), "h1" | "h2" | "h3" | "header" | "div" | "span" | "p")
}

/// Lowercase letters and digits, single-spaced (for comparing a heading with the title).
pub fn norm(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}
