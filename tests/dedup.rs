//! Dedup behaviour on inline fixtures and the seed pages in tests/fixtures.

use article_analyzer::dedup::{self, cluster, passages, related, DedupOptions, Pair};

const BASE: &str = "Ministers agree new rail funding deal

The government has agreed a new funding settlement for regional railways, ministers announced on Tuesday after months of negotiation with operators and unions.

Under the plan, an extra 2.4 billion pounds will be spent over five years on signalling, station upgrades and new rolling stock for lines in the north of England and the Midlands.

Transport officials said the money would be released in stages, with the first contracts for electrification work expected to be signed before the end of the summer.

Union leaders welcomed the announcement but warned that staffing levels on many routes remained too low, and said they would press for guarantees on jobs and working conditions.

Opposition politicians said the deal fell short of earlier promises and accused ministers of recycling money that had already been committed in previous budgets.";

const OTHER: &str = "Storm floods coastal villages overnight

Heavy rain and high tides flooded dozens of homes in coastal villages overnight, forcing families to leave before dawn as the river burst its banks near the old harbour.

Emergency crews used boats to reach residents trapped upstairs, and a rest centre was opened in the village hall where volunteers served hot drinks and blankets.

Forecasters warned that a second band of wind and rain would arrive on Thursday, and flood barriers were being moved into place along the promenade.";

fn light_edit(s: &str) -> String {
    s.replace("Tuesday", "Wednesday").replace("signalling", "signaling").replace("welcomed", "welcomd")
}

#[test]
fn exact_truncated_edited_and_unrelated() {
    let exact = format!("  {}\r\n", BASE.replace('\n', "\r\n"));
    let half = &BASE[..BASE.len() / 2];
    let edited = format!("Home | News | Transport\n\n{}\n\nShare this article", light_edit(BASE));
    let texts = [BASE, exact.as_str(), half, edited.as_str(), OTHER];
    let d = dedup::dedup(&texts, &DedupOptions::default());
    assert_eq!(d.cluster, [0, 0, 0, 0, 4]);
    for p in &d.pairs {
        assert!(p.a < p.b);
        assert!((0.0..=1.0).contains(&p.jaccard) && (0.0..=1.0).contains(&p.containment));
        assert!(p.similarity <= 1.0);
    }
    let half_pair = d.pairs.iter().find(|p| (p.a, p.b) == (0, 2)).expect("truncated pair");
    assert!(half_pair.containment > 0.9 && half_pair.jaccard < 0.7);
}

#[test]
fn foreign_paragraph_does_not_merge() {
    // A page that quotes one paragraph of another article is not its copy.
    let other_paras: Vec<&str> = OTHER.split("\n\n").collect();
    let quoting = format!("{}\n\nRELATED: {}", &BASE[..BASE.len() * 3 / 5], other_paras[1]);
    let texts = [BASE, OTHER, quoting.as_str()];
    let d = dedup::dedup(&texts, &DedupOptions::default());
    assert_eq!(d.cluster, [0, 1, 0]);
}

#[test]
fn deterministic() {
    let edited = light_edit(BASE);
    let texts = [OTHER, BASE, edited.as_str(), &BASE[..300]];
    let a = dedup::dedup(&texts, &DedupOptions::default());
    let b = dedup::dedup(&texts, &DedupOptions::default());
    assert_eq!(a.cluster, b.cluster);
    assert_eq!(a.pairs, b.pairs);
}

#[test]
fn empty_texts() {
    let d = dedup::dedup(&[], &DedupOptions::default());
    assert!(d.cluster.is_empty() && d.pairs.is_empty());
    let d = dedup::dedup(&["", "  \n", "", BASE, "one two"], &DedupOptions::default());
    assert_eq!(d.cluster, [0, 1, 2, 3, 4]);
    assert!(passages::repeated(&["", ""], 4).is_empty());
    assert!(related(&["", ""]).is_empty());
}

#[test]
fn cluster_thresholds() {
    let p = |a, b, s| Pair { a, b, jaccard: s, containment: s, similarity: s, source: a, copy: true };
    let pairs = [p(0, 1, 0.9), p(1, 2, 0.5), p(3, 4, 0.2)];
    assert_eq!(cluster(5, &pairs, 0.95), [0, 1, 2, 3, 4]);
    assert_eq!(cluster(5, &pairs, 0.8), [0, 0, 2, 3, 4]);
    // No chain: 2 matches 1, which is a copy of 0, not a source; 2 matches 0 not at all.
    assert_eq!(cluster(5, &pairs, 0.5), [0, 0, 2, 3, 4]);
    assert_eq!(cluster(5, &pairs, 0.1), [0, 0, 2, 3, 3]);
    // The chaining reading is still there.
    assert_eq!(dedup::components(5, &pairs, 0.5), [0, 0, 0, 3, 4]);
    // A pair that does not read as a copy does not cluster.
    let other = [Pair { copy: false, ..p(0, 1, 0.9) }];
    assert_eq!(cluster(2, &other, 0.5), [0, 1]);
    // The source may be the later document; ids stay the smallest index.
    let later = [Pair { source: 1, ..p(0, 1, 0.9) }, Pair { source: 1, ..p(1, 2, 0.9) }];
    assert_eq!(cluster(3, &later, 0.5), [0, 0, 0]);
    // Kept pairs re-cluster exactly like dedup() itself.
    let texts = [BASE, OTHER, &BASE[..BASE.len() / 2]];
    let d = dedup::dedup(&texts, &DedupOptions::default());
    assert_eq!(cluster(3, &d.pairs, DedupOptions::default().threshold), d.cluster);
}

#[test]
fn seeds_are_related_not_duplicates() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    // Files only (tests/fixtures/html/ holds the HTML pages).
    let mut files: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let d = dedup::dedup(&refs, &DedupOptions::default());
    assert_eq!(d.cluster, (0..refs.len()).collect::<Vec<_>>(), "pairs: {:?}", d.pairs);
    let r = related(&refs);
    let mut with_unrelated = refs.clone();
    with_unrelated.push(OTHER);
    let r2 = related(&with_unrelated);
    assert!(r.len() >= 8, "related pairs among the seeds: {r:?}");
    assert!(r2.iter().all(|&(_, b, _)| b != refs.len()), "{r2:?}");
}

#[test]
fn clusters_show_each_copy_against_its_source() {
    use article_analyzer::pipeline::{self, Unit};
    let paras = [
        "The harbour board met on Thursday to decide the future of the old ferry pier in the town. Members voted eight to three to repair it rather than pull it down.",
        "The repairs will cost about two million pounds, most of it from a regional fund for coastal towns. Work is due to start in the spring and last eighteen months.",
        "Local fishermen, who use the pier every day, said they were relieved by the decision of the board. They had feared they would lose their moorings for good.",
        "The board will publish the full plans at the end of the month, with a public meeting to follow. Tourism officials hope the ferry to the islands will return.",
    ];
    let source = paras.join("\n\n");
    let cut = paras[..3].join("\n\n");
    let edited = source.replace("eight to three", "nine to two");
    let texts = [cut.as_str(), OTHER, source.as_str(), edited.as_str()];
    let d = dedup::dedup(&texts, &DedupOptions::default());
    assert_eq!(d.cluster, [0, 1, 0, 0], "{:?}", d.pairs);
    let views = pipeline::cluster_diffs(&texts, &d.pairs, DedupOptions::default().threshold, Unit::Chars);
    assert_eq!(views.len(), 1);
    assert_eq!((views[0].id, views[0].source), (0, 2), "the complete copy is the source");
    let summaries: Vec<(usize, &str)> = views[0].copies.iter().map(|c| (c.doc, c.diff.summary.as_str())).collect();
    assert_eq!(summaries, [(0, "cut after paragraph 3"), (3, "1 sentence edited")]);
    let edit = &views[0].copies[1].diff.ops[0];
    assert_eq!(edit.words.len(), 2, "eight -> nine, three -> two: {:?}", edit.words);
    let rows =
        pipeline::diff_export(&[("cut", &cut), ("other", OTHER), ("src", &source), ("ed", &edited)], &d.pairs, 0.3);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[1].source.as_str(), rows[1].copy.as_str()), ("src", "ed"));
    assert!(rows[1].ops[0].a_text.contains("eight to three") && rows[1].ops[0].b_text.contains("nine to two"));
}
