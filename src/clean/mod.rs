//! Cleaning: page text in, article text out, with every change recorded as an [`Edit`].
//!
//! The stage never rewrites text in place. It *proposes* edits on the original text (each
//! with a [`Rule`] and a human reason), then [`apply`] applies the subset the user has not
//! switched off or restored. Because every edit is a replacement of an original byte range,
//! the cleaned text carries an [`Alignment`] back to the original, so highlights and diffs
//! can be drawn on either text (the idea of tokenizers' `NormalizedString`).
//!
//! Edits are either disjoint or nested: a repair may sit inside a removed line, so that
//! restoring the line brings it back repaired. When an enclosing edit is applied, the edits
//! inside it are moot.

mod body;
mod casing;
mod flags;
pub(crate) mod lexicon;
mod propose;
mod repair;

use crate::hash::fnv1a;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;

/// The English function words, for the name tagger's test of a document's language.
pub(crate) use casing::is_stop_lower;
pub use propose::propose;

/// Why an edit was made. Each rule can be switched off by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Breadcrumbs, menus, section labels, search boxes.
    Navigation,
    /// "Advertisement", "Sponsored", ad slots.
    Advertisement,
    /// Share / follow / comment / newsletter / adblock / cookie prompts.
    Prompt,
    /// Lists of related headlines and teasers.
    Related,
    /// Photo credits and captions.
    Caption,
    /// Bylines, "Written by", author boxes.
    Byline,
    /// Notes about comments, editor's notes, other page furniture around the article.
    Furniture,
    /// A title or paragraph repeated within the document (the first is kept).
    Repeated,
    /// A line that recurs across several documents of the corpus (site chrome).
    CrossDocument,
    /// A missing space after punctuation ("himself.The").
    Spacing,
    /// Unicode clean-up: NFC, odd spaces, zero-width and control characters.
    Unicode,
    /// UTF-8 that was read as Windows-1252 or Latin-1 ("â€™" for "’").
    Mojibake,
    /// A lowercased proper name or sentence start.
    Capitalisation,
    /// Runs of blank lines and trailing spaces.
    Whitespace,
    /// Suspicious spinner wording, flagged only (never rewritten).
    Spinner,
    /// The title doubled on the next line (a scraping defect, undone like a repair).
    DoubledTitle,
    /// A misspelt word one edit away from a frequent English word ("ther" for "there").
    Typo,
    /// A keyword string inserted into a sentence (SEO stuffing), flagged only.
    Stuffing,
}

impl Rule {
    /// Every rule, in display order.
    pub const ALL: [Rule; 18] = [
        Rule::Navigation,
        Rule::Advertisement,
        Rule::Prompt,
        Rule::Related,
        Rule::Caption,
        Rule::Byline,
        Rule::Furniture,
        Rule::Repeated,
        Rule::CrossDocument,
        Rule::Spacing,
        Rule::Unicode,
        Rule::Mojibake,
        Rule::Capitalisation,
        Rule::Whitespace,
        Rule::Spinner,
        Rule::DoubledTitle,
        Rule::Typo,
        Rule::Stuffing,
    ];

    /// What kind of change the rule makes.
    ///
    /// A doubled title is a repair although it takes a line out: the scrape wrote the title
    /// twice in a row, a defect of the text like a missing space, not page chrome; undoing
    /// it keeps every word of the article (`clean --repairs-only` removes it, and only it).
    pub fn kind(self) -> EditKind {
        match self {
            Rule::Spacing | Rule::Unicode | Rule::Mojibake | Rule::Capitalisation | Rule::DoubledTitle | Rule::Typo => {
                EditKind::Repair
            }
            Rule::Spinner | Rule::Stuffing => EditKind::Flag,
            _ => EditKind::Remove,
        }
    }

    /// The rule's name as used by the CLI and the page (`"related"`, `"cross-document"`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Navigation => "navigation",
            Rule::Advertisement => "advertisement",
            Rule::Prompt => "prompt",
            Rule::Related => "related",
            Rule::Caption => "caption",
            Rule::Byline => "byline",
            Rule::Furniture => "furniture",
            Rule::Repeated => "repeated",
            Rule::CrossDocument => "cross-document",
            Rule::Spacing => "spacing",
            Rule::Unicode => "unicode",
            Rule::Mojibake => "mojibake",
            Rule::Capitalisation => "capitalisation",
            Rule::Whitespace => "whitespace",
            Rule::Spinner => "spinner",
            Rule::DoubledTitle => "doubled-title",
            Rule::Typo => "typo",
            Rule::Stuffing => "stuffing",
        }
    }

    /// Parses a rule name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// The three kinds of edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EditKind {
    /// Text removed from the article.
    Remove,
    /// Text replaced by a repaired form.
    Repair,
    /// Text left as is but marked for the reader.
    Flag,
}

impl EditKind {
    /// The kind's name, as serialized ("remove", "repair", "flag").
    pub fn name(self) -> &'static str {
        match self {
            EditKind::Remove => "remove",
            EditKind::Repair => "repair",
            EditKind::Flag => "flag",
        }
    }
}

/// One proposed change: replace `original[start..end]` by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Stable id within the document (the index in proposal order).
    pub id: u32,
    /// Byte range in the original text.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// The new text ("" for a removal; the original slice for a flag).
    pub replacement: String,
    /// The rule that proposed it.
    pub rule: Rule,
    /// A short human reason ("share prompt", "repeats line 3"). Most reasons are fixed
    /// phrases, borrowed: a `String` per edit was an allocation and a free for every blank
    /// line and every line removed, a hundredth of cleaning's instructions.
    pub reason: Cow<'static, str>,
}

/// What the user switched off.
#[derive(Debug, Clone, Default)]
pub struct CleanOptions {
    /// Rules whose edits are not applied.
    pub disabled: HashSet<Rule>,
    /// Ids of edits the user restored (undid) one by one.
    pub restored: HashSet<u32>,
    /// Hashes of normalised lines that recur across several documents of the corpus
    /// (see [`common_lines`]); such lines are removed as site chrome.
    pub common_lines: HashSet<u64>,
}

/// A cleaned document: the text, all proposed edits, which were applied, and the map back.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// The cleaned text.
    pub text: String,
    /// Every proposed edit, sorted by position, ids in order.
    pub edits: Vec<Edit>,
    /// `applied[i]` tells whether `edits[i]` took effect.
    pub applied: Vec<bool>,
    /// Cleaned offsets to original offsets.
    pub alignment: Alignment,
}

/// A run of cleaned text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    clean_start: usize,
    orig_start: usize,
    orig_end: usize,
    /// True when the run was copied byte for byte (else it is an edit's replacement).
    copied: bool,
    /// Length of the replacement in the cleaned text (for copied runs, the run's length).
    replacement_len: usize,
}

impl Segment {
    fn len(&self) -> usize {
        if self.copied {
            self.orig_end - self.orig_start
        } else {
            self.replacement_len
        }
    }
}

/// Maps byte offsets of the cleaned text back to byte offsets of the original.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    segments: Vec<Segment>,
}

impl Alignment {
    /// The original byte range a cleaned byte range came from. Offsets inside a copied run
    /// map exactly; a range touching a replacement widens to the whole replaced range.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.map(start, false), self.map(end, true))
    }

    /// The cleaned offset where original offset `orig` lands (for a removed range: where
    /// the removal happened).
    pub fn to_cleaned(&self, orig: usize) -> usize {
        let i = self.segments.partition_point(|s| s.orig_end <= orig);
        match self.segments.get(i) {
            Some(s) if s.copied && s.orig_start <= orig => s.clean_start + (orig - s.orig_start),
            Some(s) => s.clean_start,
            None => self.segments.last().map_or(0, |s| s.clean_start + s.len()),
        }
    }

    fn map(&self, off: usize, is_end: bool) -> usize {
        if self.segments.is_empty() {
            return off;
        }
        // The last segment starting at or before `off` (for an end, strictly before).
        let i = self
            .segments
            .partition_point(|s| if is_end { s.clean_start < off } else { s.clean_start <= off })
            .saturating_sub(1);
        let s = self.segments[i];
        if s.copied {
            (s.orig_start + off.saturating_sub(s.clean_start)).min(s.orig_end)
        } else if is_end {
            s.orig_end
        } else {
            s.orig_start
        }
    }
}

/// Cleans one page text with default options.
pub fn clean(text: &str) -> Cleaned {
    clean_with(text, &CleanOptions::default())
}

/// Cleans one page text: proposes every edit, then applies the ones the options allow.
pub fn clean_with(text: &str, options: &CleanOptions) -> Cleaned {
    let edits = propose(text, &options.common_lines);
    apply(text, edits, options)
}

/// Cleans a page's visible text (see [`crate::html::extract`]) with the structure's verdict
/// on each line: the same edits as [`clean_with`] would propose, the structural removals in
/// place of the line rules' guess at the article's region.
pub fn clean_html(page: &crate::html::Extracted, options: &CleanOptions) -> Cleaned {
    clean_lines(&page.text, &page.verdicts, options)
}

/// [`clean_html`] from the visible text and the verdicts on its lines.
pub fn clean_lines(text: &str, verdicts: &[Option<(Rule, String)>], options: &CleanOptions) -> Cleaned {
    let edits = propose::propose_with(text, &options.common_lines, Some(verdicts));
    apply(text, edits, options)
}

/// Applies the allowed subset of `edits` (sorted by start, nested or disjoint) to `text`.
pub fn apply(text: &str, mut edits: Vec<Edit>, options: &CleanOptions) -> Cleaned {
    // Enclosing edits first, so the cursor skips what they cover.
    edits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.id.cmp(&b.id)));
    let mut out = String::with_capacity(text.len());
    let mut segments = Vec::new();
    let mut applied = vec![false; edits.len()];
    let mut cursor = 0;
    let copy = |out: &mut String, segments: &mut Vec<Segment>, from: usize, to: usize| {
        if to > from {
            segments.push(Segment {
                clean_start: out.len(),
                orig_start: from,
                orig_end: to,
                copied: true,
                replacement_len: to - from,
            });
            out.push_str(&text[from..to]);
        }
    };
    for (i, e) in edits.iter().enumerate() {
        let allowed = !options.disabled.contains(&e.rule) && !options.restored.contains(&e.id);
        if !allowed || e.start < cursor || e.rule.kind() == EditKind::Flag {
            continue;
        }
        // A line's first word was given a sentence's capital because the content line
        // before it in the cleaned text closes a sentence, as proposed (all removals
        // applied). With a removal switched off or undone, the line before may be one
        // that goes on ("... to launch a net-based phone" / "service for"): then the
        // capital would break a sentence in two, and it is not applied.
        // (The line before is the last one with a word, as the proposal reads lines: one
        // of marks alone is blank.)
        if e.reason == repair::SENTENCE_START {
            let line_start = text[..e.start].rfind('\n').map_or(0, |k| k + 1);
            if crate::text::words(&text[line_start..e.start]).next().is_none() {
                let between = if cursor <= line_start { &text[cursor..line_start] } else { "" };
                // The last line of `t` with a word, trimmed at the end.
                fn content(t: &str) -> Option<&str> {
                    t.lines().rev().find(|l| crate::text::words(l).next().is_some()).map(str::trim_end)
                }
                // The written text's last line may go on in the part not yet copied.
                let tail = out.rfind('\n').map_or(0, |k| k + 1);
                let last = format!("{}{between}", &out[tail..]);
                if content(&last).or_else(|| content(&out[..tail])).is_some_and(|l| !repair::closes_line(l)) {
                    continue;
                }
            }
        }
        copy(&mut out, &mut segments, cursor, e.start);
        segments.push(Segment {
            clean_start: out.len(),
            orig_start: e.start,
            orig_end: e.end,
            copied: false,
            replacement_len: e.replacement.len(),
        });
        out.push_str(&e.replacement);
        cursor = e.end;
        applied[i] = true;
    }
    copy(&mut out, &mut segments, cursor, text.len());
    Cleaned { text: out, edits, applied, alignment: Alignment { segments } }
}

/// Lines (by [`repair::repeat_key`] hash) that appear in at least `min_docs` of the given documents
/// and at least a third of them: chrome shared by pages of one site. Short keys are
/// ignored so common one-word lines ("Advertisement" is caught by its own rule) do not
/// spread to articles.
pub fn common_lines(texts: &[&str], min_docs: usize) -> HashSet<u64> {
    use std::collections::HashMap;
    let mut counts: HashMap<u64, usize> = HashMap::new();
    for t in texts {
        let mut seen = HashSet::new();
        for line in t.lines() {
            // The key propose.rs looks shared lines up with.
            let key = repair::repeat_key(line, crate::text::words(line));
            if key.split(' ').count() >= 2 && seen.insert(fnv1a(key.as_bytes())) {
                *counts.entry(fnv1a(key.as_bytes())).or_default() += 1;
            }
        }
    }
    let need = min_docs.max(texts.len().div_ceil(3)).max(2);
    counts.into_iter().filter(|&(_, n)| n >= need).map(|(h, _)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(id: u32, start: usize, end: usize, rep: &str, rule: Rule) -> Edit {
        Edit { id, start, end, replacement: rep.into(), rule, reason: Cow::Borrowed("") }
    }

    #[test]
    fn nested_edits_and_alignment() {
        let t = "Ad line\nHello,world “x” 😀\n";
        let edits = vec![
            edit(0, 0, 8, "", Rule::Advertisement),
            edit(1, 14, 14, " ", Rule::Spacing),
            edit(2, 1, 2, "X", Rule::Capitalisation),
        ];
        let c = apply(t, edits.clone(), &CleanOptions::default());
        assert_eq!(c.text, "Hello, world “x” 😀\n");
        assert_eq!(c.applied, [true, false, true]);
        // "world" in the cleaned text maps back to "world" in the original.
        let s = c.text.find("world").unwrap();
        let (os, oe) = c.alignment.to_original(s, s + 5);
        assert_eq!(&t[os..oe], "world");
        let s = c.text.find('😀').unwrap();
        let (os, oe) = c.alignment.to_original(s, s + 4);
        assert_eq!(&t[os..oe], "😀");

        let mut opts = CleanOptions::default();
        opts.restored.insert(0);
        let c = apply(t, edits, &opts);
        assert_eq!(c.text, "AX line\nHello, world “x” 😀\n");
    }

    #[test]
    fn edit_kind_names_are_their_serialized_names() {
        for k in [EditKind::Remove, EditKind::Repair, EditKind::Flag] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
    }

    #[test]
    fn common_lines_need_several_documents() {
        let a = "Share this story\nBody one.";
        let b = "Share this story\nBody two.";
        let c = "Other.";
        let common = common_lines(&[a, b, c], 2);
        assert!(common.contains(&fnv1a(crate::text::line_key("Share this story").as_bytes())));
        assert_eq!(common.len(), 1);
    }
}
