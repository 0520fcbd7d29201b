//! `bench-alias N FILE...`: times `alias::merge` on two inputs of N documents each.
//!
//! 1. **Seeds repeated**: the files are cleaned and tagged once, then their (text, entities)
//!    pairs are repeated to N documents (few distinct forms, many mentions).
//! 2. **Synthetic names**: N documents of 30 mentions drawn deterministically from 20,000
//!    people (full names, middle initials, bare surnames, titles, case and transliteration
//!    variants), 3,000 organisations (full names and capital acronyms) and 2,000 places
//!    (many distinct forms, the worst case for the indexes).
//!
//! Printed per input: documents, mentions, canonical entities, and the best of 3 runs in ms.

use article_analyzer::entities::{alias, Entity, Label};
use article_analyzer::pipeline::Options;
use std::time::Instant;

#[path = "shared/rng.rs"]
mod rng;
use rng::Rng;

/// A pronounceable made-up word of `syllables` syllables, capitalised.
fn word(rng: &mut Rng, syllables: usize) -> String {
    const C: &[&str] = &["b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "ch"];
    const V: &[&str] = &["a", "e", "i", "o", "u", "y"];
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(C[rng.below(C.len())]);
        w.push_str(V[rng.below(V.len())]);
    }
    let mut cs = w.chars();
    cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
}

fn time(name: &str, docs: &[(String, Vec<Entity>)]) {
    let refs: Vec<(&str, &[Entity])> = docs.iter().map(|(t, e)| (t.as_str(), e.as_slice())).collect();
    let mentions: usize = docs.iter().map(|d| d.1.len()).sum();
    let mut best = f64::MAX;
    let mut groups = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let out = alias::merge(&refs);
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        groups = out.len();
    }
    println!("{name}: {} documents, {mentions} mentions, {groups} canonical entities, {best:.0} ms", docs.len());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    // With no arguments: 10,000 synthetic documents only (no seed files).
    let inputs: Vec<(String, String)> = args
        .iter()
        .skip(1)
        .map(|f| (f.clone(), std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"))))
        .collect();
    if !inputs.is_empty() {
        let (documents, _) = article_analyzer::pipeline::analyze(&inputs, &Options::default());
        let seeds: Vec<(String, Vec<Entity>)> =
            documents.iter().map(|d| (d.cleaned.text.clone(), d.entities.clone())).collect();
        let docs: Vec<(String, Vec<Entity>)> = (0..n).map(|i| seeds[i % seeds.len()].clone()).collect();
        time("seeds repeated", &docs);
    }

    let mut rng = Rng(0x5eed_a11a5);
    let firsts: Vec<String> = (0..2_000).map(|_| word(&mut rng, 2)).collect();
    let lasts: Vec<String> = (0..15_000).map(|_| word(&mut rng, 3)).collect();
    let people: Vec<(usize, usize)> = (0..20_000).map(|_| (rng.below(firsts.len()), rng.below(lasts.len()))).collect();
    let orgs: Vec<Vec<String>> =
        (0..3_000).map(|_| (0..2 + rng.below(3)).map(|_| word(&mut rng, 3)).collect()).collect();
    let places: Vec<String> = (0..2_000).map(|_| word(&mut rng, 2)).collect();
    let mut docs = Vec::with_capacity(n);
    for _ in 0..n {
        let (mut text, mut ents) = (String::new(), Vec::new());
        for _ in 0..30 {
            let (surface, label) = match rng.below(10) {
                0..=4 => {
                    let (f, l) = people[rng.below(people.len())];
                    let (f, l) = (&firsts[f], &lasts[l]);
                    let s = match rng.below(8) {
                        0..=2 => format!("{f} {l}"),
                        3..=4 => l.clone(),
                        5 => format!("Mr. {l}"),
                        6 => format!("{f} Q. {l}"),
                        _ => format!("{f} {}", l.replace('i', "y").to_uppercase()),
                    };
                    (s, Label::Per)
                }
                5..=7 => {
                    let o = &orgs[rng.below(orgs.len())];
                    let s = if rng.below(3) == 0 {
                        o.iter().filter_map(|w| w.chars().next()).collect::<String>().to_uppercase()
                    } else {
                        o.join(" ")
                    };
                    (s, Label::Org)
                }
                _ => (places[rng.below(places.len())].clone(), Label::Loc),
            };
            let start = text.len();
            text.push_str(&surface);
            ents.push(Entity { start, end: text.len(), label });
            text.push_str(" said. ");
        }
        docs.push((text, ents));
    }
    time("synthetic names", &docs);
}
