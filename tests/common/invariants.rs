//! Invariants of every stage, checked on any input. The one place these checks live:
//!
//! - the fuzz targets (`fuzz/fuzz_targets/*.rs` include this file with `#[path]`),
//! - the replay of found inputs (`tests/fuzz_regressions.rs`),
//! - the property tests (`tests/properties.rs`).
//!
//! Each `check_*` panics with a message naming the broken invariant. Only the crate's public
//! API is used, so the file builds in any crate that depends on `article_analyzer`.
#![allow(dead_code)]

use article_analyzer::clean::{self, Cleaned, EditKind};
use article_analyzer::decode;
use article_analyzer::dedup::{self, Dedup, DedupOptions};
use article_analyzer::diff::{self, Diff, OpKind};
use article_analyzer::entities::{self, Entity};
use article_analyzer::pipeline::{self, Corpus, Options, Unit};
use article_analyzer::Document;

/// Splits one fuzz input into documents: parts between ASCII record separators (`0x1E`,
/// a byte text files do not use and UTF-16 byte-order marks do not contain), at most `max`.
pub fn split_docs(data: &[u8], max: usize) -> Vec<&[u8]> {
    data.split(|&b| b == SEPARATOR).take(max).collect()
}

/// The byte between documents in dedup and pipeline fuzz inputs.
pub const SEPARATOR: u8 = 0x1E;

/// Offsets of every char boundary of `text` in one unit, computed independently of
/// `text::OffsetIndex`: `table[byte]` for each boundary (and the end), `u32::MAX` elsewhere.
/// `Unit::Utf16` counts as `str::encode_utf16` (what JavaScript sees), `Unit::Chars` as
/// `str::chars` (what Python sees).
pub fn reference_offsets(text: &str, unit: Unit) -> Vec<u32> {
    let mut table = vec![u32::MAX; text.len() + 1];
    let mut n = 0u32;
    for (i, c) in text.char_indices() {
        table[i] = n;
        n += match unit {
            Unit::Chars => 1,
            Unit::Utf16 => c.len_utf16() as u32,
        };
    }
    table[text.len()] = n;
    table
}

fn boundary(text: &str, off: usize, what: &str) {
    assert!(off <= text.len(), "{what}: offset {off} past the end ({})", text.len());
    assert!(text.is_char_boundary(off), "{what}: offset {off} splits a character");
}

/// Decoding arbitrary bytes never panics; a UTF-16 file is never refused; valid UTF-8
/// plain text comes back unchanged; HTML rendering always ends with a newline.
pub fn check_decode(bytes: &[u8]) {
    let txt = decode::decode(bytes, "fuzz.txt");
    let html = decode::decode(bytes, "fuzz.html");
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let d = txt.as_ref().expect("UTF-16 with a BOM is text");
        assert!(d.encoding.starts_with("utf-16"), "BOM ignored: {}", d.encoding);
        let units = (bytes.len() - 2) / 2;
        assert!(d.text.chars().count() <= units + 1, "more chars than UTF-16 units");
    }
    if let Ok(d) = &txt {
        if !d.html && !bytes.starts_with(b"\xEF\xBB\xBF") {
            if let Ok(s) = std::str::from_utf8(bytes) {
                if d.encoding == "utf-8" {
                    assert_eq!(d.text, s, "valid UTF-8 changed by decoding");
                }
            }
        }
    }
    if let Ok(d) = &html {
        assert!(d.html, "a .html file not rendered");
        assert!(d.text.ends_with('\n'), "HTML text without a final newline");
    }
    let h = decode::html_to_text(&String::from_utf8_lossy(bytes));
    assert!(h.ends_with('\n'));
}

/// Edits within bounds, on char boundaries, with reasons; flags never applied; applied
/// edits disjoint; the alignment maps every cleaned offset inside the original on char
/// boundaries, monotonically, and copied text back to equal text; cleaning is idempotent.
pub fn check_clean(original: &str) {
    let once = clean::clean(original);
    check_cleaned(original, &once);
    let twice = clean::clean(&once.text);
    assert_eq!(twice.text, once.text, "clean(clean(x)) != clean(x)");
}

/// The checks of [`check_clean`] on one cleaning result (any options).
pub fn check_cleaned(original: &str, c: &Cleaned) {
    assert_eq!(c.applied.len(), c.edits.len(), "applied flags per edit");
    let mut ids: Vec<u32> = c.edits.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), c.edits.len(), "edit ids are not unique");
    let mut last_end = 0;
    for (e, &applied) in c.edits.iter().zip(&c.applied) {
        assert!(e.start <= e.end, "edit {e:?} ends before it starts");
        boundary(original, e.start, "edit start");
        boundary(original, e.end, "edit end");
        assert!(!e.reason.is_empty(), "edit without a reason: {e:?}");
        if e.rule.kind() == EditKind::Flag {
            assert!(!applied, "a flag was applied: {e:?}");
            assert_eq!(e.replacement, original[e.start..e.end], "a flag rewrites text");
        }
        if applied {
            assert!(e.start >= last_end, "applied edits overlap at {e:?}");
            last_end = e.end;
        }
    }
    let text = &c.text;
    let mut prev = 0;
    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    offsets.push(text.len());
    for &i in &offsets {
        let (os, oe) = c.alignment.to_original(i, i);
        boundary(original, os, "alignment start");
        boundary(original, oe, "alignment end");
        assert!(os >= prev, "alignment goes backwards at cleaned offset {i}");
        prev = os;
    }
    for (s, e) in article_analyzer::text::words(text) {
        let (os, oe) = c.alignment.to_original(s, e);
        assert!(os <= oe, "word {s}..{e} maps to {os}..{oe}");
        boundary(original, os, "word start");
        boundary(original, oe, "word end");
        if original.get(os..oe) != Some(&text[s..e]) {
            let edited = c.edits.iter().zip(&c.applied).any(|(ed, &a)| a && ed.start <= oe && ed.end >= os);
            assert!(edited, "word {:?} maps to {:?} with no edit there", &text[s..e], &original[os..oe]);
        }
    }
    for e in &c.edits {
        boundary(text, c.alignment.to_cleaned(e.start), "edit start in the cleaned text");
    }
}

/// Entity spans are non-empty, within bounds, on char boundaries, sorted, non-overlapping.
pub fn check_entities(text: &str) -> Vec<Entity> {
    let ents = entities::recognize(text);
    check_spans(text, &ents);
    ents
}

fn check_spans(text: &str, ents: &[Entity]) {
    let mut last_end = 0;
    for e in ents {
        assert!(e.start < e.end, "empty or reversed entity {e:?}");
        boundary(text, e.start, "entity start");
        boundary(text, e.end, "entity end");
        assert!(e.start >= last_end, "entities overlap or are unsorted at {e:?}");
        last_end = e.end;
    }
}

/// Similarities in [0, 1]; pairs a < b < n sorted, each naming one of the two as its
/// source; cluster ids are the smallest index of each cluster built around a source.
pub fn check_dedup(texts: &[&str], opts: &DedupOptions) -> Dedup {
    let d = dedup::dedup(texts, opts);
    check_dedup_result(texts.len(), &d, opts.threshold);
    d
}

fn unit_interval(x: f32, what: &str) {
    assert!(x.is_finite() && (0.0..=1.0 + 1e-5).contains(&x), "{what} {x} not in [0, 1]");
}

fn check_dedup_result(n: usize, d: &Dedup, threshold: f32) {
    assert_eq!(d.cluster.len(), n, "one cluster id per document");
    let mut last = None;
    for p in &d.pairs {
        assert!(p.a < p.b && p.b < n, "bad pair {p:?}");
        assert!(last < Some((p.a, p.b)), "pairs unsorted or repeated at {p:?}");
        last = Some((p.a, p.b));
        unit_interval(p.jaccard, "jaccard");
        unit_interval(p.containment, "containment");
        unit_interval(p.similarity, "similarity");
        assert!(p.source == p.a || p.source == p.b, "source {} of {p:?} is neither", p.source);
    }
    // Clusters around sources, checked from their definition: each cluster has one source
    // (its most complete member, a document that joined no other), every other member
    // either matches the source itself (a copy pair at or over the threshold) or is a close
    // copy of a member; and re-clustering the stored pairs gives the same answer.
    assert_eq!(d.cluster, dedup::cluster(n, &d.pairs, threshold), "re-clustering the pairs differs");
    let linked = |x: usize, y: usize, min: f32| {
        d.pairs.iter().any(|p| (p.a, p.b) == (x.min(y), x.max(y)) && p.copy && p.similarity >= min.max(threshold))
    };
    for (i, &c) in d.cluster.iter().enumerate() {
        assert!(c <= i, "cluster id {c} of document {i} is not its smallest member");
        assert_eq!(d.cluster[c], c, "cluster id {c} is not a member of its own cluster");
        if c != i {
            let members: Vec<usize> = (0..n).filter(|&j| d.cluster[j] == c && j != i).collect();
            assert!(
                members.iter().any(|&j| linked(i, j, threshold)),
                "document {i} is in cluster {c} without a copy pair to any member"
            );
        }
    }
}

/// Every document's views agree with its byte offsets in both units, and the corpus results
/// are consistent. `inputs` are (name, text) as [`pipeline::analyze`] takes them.
pub fn check_pipeline(inputs: &[(String, String)]) {
    let opts = Options::default();
    let (docs, corpus) = pipeline::analyze(inputs, &opts);
    assert_eq!(docs.len(), inputs.len());
    for (doc, (_, text)) in docs.iter().zip(inputs) {
        assert_eq!(&doc.original, text);
        check_document(doc);
    }
    check_corpus(&docs, &corpus, &opts);
}

/// One document: its cleaning, its entities and both views.
pub fn check_document(doc: &Document) {
    check_cleaned(&doc.original, &doc.cleaned);
    check_spans(&doc.cleaned.text, &doc.entities);
    let align = &doc.cleaned.alignment;
    for unit in [Unit::Chars, Unit::Utf16] {
        let o = reference_offsets(&doc.original, unit);
        let c = reference_offsets(&doc.cleaned.text, unit);
        let view = pipeline::document_view(doc, unit);
        assert_eq!(view.entities.len(), doc.entities.len());
        assert_eq!(view.edits.len(), doc.cleaned.edits.len());
        for (v, e) in view.entities.iter().zip(&doc.entities) {
            let (os, oe) = align.to_original(e.start, e.end);
            let want = (c[e.start], c[e.end], o[os], o[oe]);
            let got = (v.start as u32, v.end as u32, v.orig_start as u32, v.orig_end as u32);
            assert_eq!(got, want, "{unit:?} offsets of entity {e:?}");
            assert_eq!(v.text, doc.cleaned.text[e.start..e.end]);
        }
        for ((v, e), &applied) in view.edits.iter().zip(&doc.cleaned.edits).zip(&doc.cleaned.applied) {
            // An applied insertion lands before the character at its original offset.
            let at = align.to_cleaned(e.start) - if applied && e.start == e.end { e.replacement.len() } else { 0 };
            let want = (o[e.start], o[e.end], c[at]);
            let got = (v.start as u32, v.end as u32, v.clean_start as u32);
            assert_eq!(got, want, "{unit:?} offsets of edit {e:?}");
        }
    }
}

/// Dedup, related pairs, repeated passages and canonical entities of a corpus.
pub fn check_corpus(docs: &[Document], corpus: &Corpus, opts: &Options) {
    let n = docs.len();
    check_dedup_result(n, &corpus.dedup, opts.dedup.threshold);
    for &(a, b, s) in &corpus.related {
        assert!(a < b && b < n, "bad related pair ({a}, {b})");
        unit_interval(s, "related score");
        assert_ne!(corpus.dedup.cluster[a], corpus.dedup.cluster[b], "related pair is a duplicate");
    }
    for p in &corpus.passages {
        assert!(p.occurrences.len() >= 2, "passage occurs once: {p:?}");
        for &(d, s, e) in &p.occurrences {
            assert!(d < n && s <= e, "bad occurrence ({d}, {s}, {e})");
            boundary(&docs[d].original, s, "passage start");
            boundary(&docs[d].original, e, "passage end");
        }
        let (d, s, e) = p.occurrences[0];
        assert_eq!(p.text, docs[d].original[s..e], "passage text is not its first occurrence");
    }
    for c in &corpus.entities {
        assert_eq!(c.count, c.mentions.len());
        // Mentions may carry several labels (ORG and LOC merge as one family); `labels`
        // counts them all and `label` is the most frequent.
        let mut labels: Vec<(entities::Label, usize)> = Vec::new();
        for &(d, m) in &c.mentions {
            assert!(d < n && m < docs[d].entities.len(), "bad mention ({d}, {m})");
            let l = docs[d].entities[m].label;
            match labels.iter_mut().find(|(x, _)| *x == l) {
                Some(x) => x.1 += 1,
                None => labels.push((l, 1)),
            }
        }
        let mut expected = c.labels.clone();
        expected.sort_by_key(|&(l, _)| l as u8);
        labels.sort_by_key(|&(l, _)| l as u8);
        assert_eq!(labels, expected, "label counts of {:?}", c.name);
        let top = c.labels.iter().map(|x| x.1).max().unwrap_or(0);
        assert!(c.labels.iter().any(|&(l, k)| l == c.label && k == top), "label is not the most frequent");
        assert!(c.documents.windows(2).all(|w| w[0] < w[1]), "documents unsorted");
    }
    for unit in [Unit::Chars, Unit::Utf16] {
        let refs: Vec<Vec<u32>> = docs.iter().map(|d| reference_offsets(&d.original, unit)).collect();
        let view = pipeline::corpus_view(docs, corpus, unit);
        for (pv, p) in view.passages.iter().zip(&corpus.passages) {
            for (&(d, vs, ve), &(_, s, e)) in pv.occurrences.iter().zip(&p.occurrences) {
                assert_eq!((vs as u32, ve as u32), (refs[d][s], refs[d][e]), "{unit:?} passage offsets");
            }
        }
    }
}

/// The bytes of a pipeline fuzz input: each part decoded (refused files are skipped), then
/// the whole pipeline checked. Also checks [`check_decode`] on every part.
pub fn check_pipeline_bytes(data: &[u8]) {
    let mut inputs = Vec::new();
    for (i, part) in split_docs(data, 8).into_iter().enumerate() {
        check_decode(part);
        if let Ok(d) = decode::decode(part, "doc.txt") {
            inputs.push((format!("doc{i}"), d.text));
        }
    }
    check_pipeline(&inputs);
}

/// A dedup fuzz input: documents split by [`SEPARATOR`], read lossily as UTF-8.
pub fn check_dedup_bytes(data: &[u8]) {
    let texts: Vec<String> = split_docs(data, 16).iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    check_dedup(&refs, &DedupOptions::default());
    let related = dedup::related(&refs);
    for &(a, b, s) in &related {
        assert!(a < b && b < refs.len(), "bad related pair ({a}, {b})");
        unit_interval(s, "related score");
    }
    for p in dedup::passages::repeated(&refs, 4) {
        for &(d, s, e) in &p.occurrences {
            assert!(d < refs.len() && s <= e);
            boundary(refs[d], s, "passage start");
            boundary(refs[d], e, "passage end");
        }
    }
}

/// Quotes: spans in bounds and on character boundaries, fragments inside their quote and in
/// order, speakers and cues outside the quoted words, quotes in order without overlap, and
/// the code point view's text equal to the span.
pub fn check_quotes(text: &str) -> Vec<article_analyzer::quotes::Quote> {
    let found = article_analyzer::quotes::find(text);
    let ok = |s: usize, e: usize| s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    let mut prev_end = 0;
    for q in &found {
        assert!(ok(q.start, q.end), "bad quote span {}..{}", q.start, q.end);
        assert!(q.start >= prev_end, "quotes overlap at {}", q.start);
        prev_end = q.end;
        let pieces = if q.fragments.is_empty() { vec![(q.start, q.end)] } else { q.fragments.clone() };
        let mut last = q.start;
        for &(s, e) in &pieces {
            assert!(ok(s, e) && last <= s && e <= q.end, "bad fragment {s}..{e}");
            last = e;
        }
        let outside = |(a, b): (usize, usize)| pieces.iter().all(|&(s, e)| b <= s || e <= a);
        if let Some(sp) = &q.speaker {
            assert!(ok(sp.start, sp.end), "bad speaker span");
            assert!(outside((sp.start, sp.end)), "speaker inside its quote");
            if let Some((a, b)) = sp.name {
                assert!(ok(a, b), "bad name span");
            }
        }
        if let Some((a, b)) = q.cue {
            assert!(ok(a, b), "bad cue span");
        }
    }
    for v in pipeline::quote_views(text, &found, Unit::Chars) {
        let chars: String = text.chars().skip(v.start).take(v.end - v.start).collect();
        assert_eq!(chars, v.text, "view text differs from its span");
    }
    found
}

/// Replays one saved input of `target` ("decode", "clean", "entities", "dedup",
/// "pipeline") exactly as the fuzz target runs it.
pub fn check_target(target: &str, data: &[u8]) {
    match target {
        "decode" => check_decode(data),
        "clean" => check_clean(&String::from_utf8_lossy(data)),
        "entities" => {
            check_entities(&String::from_utf8_lossy(data));
        }
        "dedup" => check_dedup_bytes(data),
        "pipeline" => check_pipeline_bytes(data),
        "diff" => check_diff_bytes(data),
        "quotes" => {
            check_quotes(&String::from_utf8_lossy(data));
        }
        "html" => check_html(data),
        other => panic!("unknown fuzz target {other}"),
    }
}

/// HTML input: decoding never fails; the visible text has one verdict per line and no empty
/// line; every verdict has a reason; cleaning it with the verdicts passes every check of
/// [`check_cleaned`]; a page whose lines are all removed says why.
pub fn check_html(bytes: &[u8]) {
    let (source, _) = article_analyzer::html::decode(bytes);
    let page = article_analyzer::html::extract(&source);
    assert_eq!(page.text.lines().count(), page.verdicts.len(), "one verdict per line");
    assert!(page.text.is_empty() || page.text.ends_with('\n'), "every line ends with a line break");
    for line in page.text.lines() {
        assert!(!line.trim().is_empty(), "an empty visible line");
        assert!(!line.contains('\r'), "a carriage return inside a line");
    }
    for (rule, why) in page.verdicts.iter().flatten() {
        assert!(!why.is_empty() && rule.kind() == EditKind::Remove, "a verdict without a reason or not a removal");
    }
    if page.empty_reason.is_some() {
        assert!(page.verdicts.iter().all(Option::is_some), "an empty page keeps a line");
    }
    let c = clean::clean_html(&page, &clean::CleanOptions::default());
    check_cleaned(&page.text, &c);
}

/// The ops of a diff tile both texts: on each side the non-empty spans, sorted, cover the
/// text exactly once; spans sit on char boundaries; ops are in `b` order (and in `a` order
/// apart from moves); a delete has an empty `b` span and an insert an empty `a` span; the
/// same text twice has no change; the views in both units agree with the byte spans; and
/// word changes stay inside their edit.
pub fn check_diff(a: &str, b: &str) -> Diff {
    let d = diff::diff(a, b);
    for (side, text) in [("a", a), ("b", b)] {
        let mut spans: Vec<(usize, usize)> =
            d.ops.iter().map(|o| if side == "a" { o.a } else { o.b }).filter(|s| s.0 < s.1).collect();
        spans.sort_unstable();
        let mut at = 0;
        for &(s, e) in &spans {
            assert_eq!(s, at, "side {side}: spans do not tile the text at {at}: {:?}", d.ops);
            boundary(text, s, "op start");
            boundary(text, e, "op end");
            at = e;
        }
        assert_eq!(at, text.len(), "side {side}: spans stop at {at} of {}", text.len());
    }
    let mut last_b = 0;
    let mut last_a = 0;
    for o in &d.ops {
        assert!(o.a.0 <= o.a.1 && o.b.0 <= o.b.1, "reversed span {o:?}");
        assert!(o.b.0 >= last_b, "ops out of b order at {o:?}");
        last_b = o.b.1;
        if o.kind != OpKind::Move {
            assert!(o.a.0 >= last_a, "ops out of a order at {o:?}");
            last_a = o.a.1;
        }
        match o.kind {
            OpKind::Delete => assert_eq!(o.b.0, o.b.1, "delete with b text {o:?}"),
            OpKind::Insert => assert_eq!(o.a.0, o.a.1, "insert with a text {o:?}"),
            OpKind::Replace => {
                for w in diff::word_changes(a, o.a, b, o.b) {
                    assert!(
                        o.a.0 <= w.a.0 && w.a.1 <= o.a.1 && o.b.0 <= w.b.0 && w.b.1 <= o.b.1,
                        "word change {w:?} outside {o:?}"
                    );
                    boundary(a, w.a.0, "word start");
                    boundary(b, w.b.1, "word end");
                }
            }
            _ => {}
        }
    }
    let same = diff::diff(a, a);
    assert!(
        same.ops.iter().all(|o| matches!(o.kind, OpKind::Equal | OpKind::Skip)),
        "a text differs from itself: {:?}",
        same.ops
    );
    for unit in [Unit::Chars, Unit::Utf16] {
        let (ra, rb) = (reference_offsets(a, unit), reference_offsets(b, unit));
        let view = pipeline::diff_view(a, b, unit, true, true);
        assert_eq!(view.ops.len(), d.ops.len(), "view lost ops");
        for (v, o) in view.ops.iter().zip(&d.ops) {
            for (x, (s, e), table) in [(v.a, o.a, &ra), (v.b, o.b, &rb)] {
                // The view trims outer whitespace: its span lies within the op's.
                assert!(table[s] as usize <= x[0] && x[1] <= table[e] as usize && x[0] <= x[1], "view span {x:?}");
            }
        }
    }
    d
}

/// `check_diff` on a fuzz input: the two texts are the parts before and after the first
/// record separator (lossy UTF-8); the input read as one JSONL line of `diff --jsonl` is
/// answered or refused, never a panic, and refused when it is not UTF-8.
pub fn check_diff_bytes(data: &[u8]) {
    let mut parts = data.splitn(2, |&c| c == SEPARATOR);
    let a = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let b = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    check_diff(&a, &b);
    let answer = pipeline::diff_jsonl_line(data);
    assert!(answer.is_err() || std::str::from_utf8(data).is_ok(), "a line that is not UTF-8 was answered");
}
