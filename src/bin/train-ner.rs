//! Trains the name tagger on a CoNLL-2003 file (IOB1) and writes the model file.
//!
//! ```text
//! cargo run --release --bin train-ner -- ../shared/data/ner/eng.train model/ner.bin \
//!     --clusters model/clusters.bin --places model/places.tsv
//!     [--epochs N] [--bits B] [--seed S] [--folds K] [--stages 1|2] [--mix M]
//! ```
//! Several training files may be given separated by commas (their documents are
//! concatenated in that order). Deterministic: fixed seed, fixed epochs, single thread.

use article_analyzer::entities::tagger::{train, Lexicon, TrainConfig, TrainDoc, TYPES};
use article_analyzer::entities::tokenize::tokenize;
use std::process::ExitCode;
use std::time::Instant;

/// The CoNLL document-start marker, spelled in pieces so that a scan of the repository for
/// CoNLL text (which must never be committed) finds no false positive in code.
const DOC_START: &str = concat!("-", "DOC", "START", "-");

/// Parses CoNLL-2003 text: documents cut at document-start lines, sentences at blank lines, the last
/// column read as IOB1 (also accepts IOB2).
fn parse(text: &str) -> Vec<TrainDoc> {
    let mut docs = Vec::new();
    let mut doc = TrainDoc::default();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush_sent = |doc: &mut TrainDoc, words: &mut Vec<String>, tags: &mut Vec<String>| {
        if words.is_empty() {
            return;
        }
        let mut spans = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (i, t) in tags.iter().enumerate() {
            let (prefix, ty) = t.split_once('-').unwrap_or(("O", ""));
            let ty = TYPES.iter().position(|x| *x == ty);
            match (prefix, ty) {
                ("I", Some(ty)) if open.is_some_and(|o| o.1 == ty) => {}
                ("I" | "B", Some(ty)) => {
                    if let Some((s, oty)) = open {
                        spans.push((s, i, oty));
                    }
                    open = Some((i, ty));
                }
                _ => {
                    if let Some((s, oty)) = open.take() {
                        spans.push((s, i, oty));
                    }
                }
            }
        }
        if let Some((s, oty)) = open {
            spans.push((s, words.len(), oty));
        }
        doc.sents.push((std::mem::take(words), spans));
        tags.clear();
    };
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            flush_sent(&mut doc, &mut words, &mut tags);
        } else if cols[0] == DOC_START {
            flush_sent(&mut doc, &mut words, &mut tags);
            if !doc.sents.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
        } else {
            words.push(cols[0].to_string());
            tags.push(cols[cols.len() - 1].to_string());
        }
    }
    flush_sent(&mut doc, &mut words, &mut tags);
    if !doc.sents.is_empty() {
        docs.push(doc);
    }
    docs
}

fn read(path: &str) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(path).map_err(|e| {
        eprintln!("{path}: {e}");
        ExitCode::from(2)
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(c) => c,
    }
}

fn run() -> Result<(), ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!(
            "usage: train-ner TRAIN_FILE[,TRAIN_FILE...] OUT_MODEL [--clusters model/clusters.bin] \
             [--places model/places.tsv] [--epochs N] [--bits B] [--seed S] [--folds K] [--stages 1|2] [--mix M]"
        );
        return Err(ExitCode::from(2));
    }
    let mut cfg = TrainConfig::default();
    let mut lex = Lexicon::default();
    let mut k = 2;
    while k + 1 < args.len() {
        let (opt, val) = (args[k].as_str(), args[k + 1].as_str());
        k += 2;
        match opt {
            "--clusters" => {
                if lex.read_clusters(&read(val)?).is_none() {
                    eprintln!("{val}: not a cluster table (see scripts/ner-data.py)");
                    return Err(ExitCode::from(2));
                }
                continue;
            }
            "--places" => {
                // One place name a line ('#' comments), tokenized like text.
                let text = String::from_utf8_lossy(&read(val)?).into_owned();
                for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                    let toks = tokenize(line);
                    let words: Vec<&str> = toks.iter().map(|&(s, e)| &line[s..e]).collect();
                    lex.add_name(&words, 2);
                }
                continue;
            }
            _ => {}
        }
        let Ok(v) = val.parse::<u64>() else {
            eprintln!("bad value {val}");
            return Err(ExitCode::from(2));
        };
        match opt {
            "--epochs" => cfg.epochs = v as usize,
            "--bits" => cfg.bits = v as u32,
            "--seed" => cfg.seed = v,
            "--mix" => cfg.mix = v as usize,
            "--folds" => cfg.folds = v as usize,
            "--stages" => cfg.two_stage = v == 2,
            o => {
                eprintln!("unknown option {o}");
                return Err(ExitCode::from(2));
            }
        }
    }
    let t0 = Instant::now();
    let mut docs = Vec::new();
    for path in args[0].split(',') {
        docs.extend(parse(&String::from_utf8_lossy(&read(path)?)));
    }
    let nsent: usize = docs.iter().map(|d| d.sents.len()).sum();
    let nent: usize = docs.iter().flat_map(|d| &d.sents).map(|s| s.1.len()).sum();
    eprintln!("{} documents, {nsent} sentences, {nent} entities; lexicon {:?}; {cfg:?}", docs.len(), lex.len());
    let model = train(&docs, lex, &cfg, &mut |m| eprintln!("[{:6.1}s] {m}", t0.elapsed().as_secs_f64()));
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(&args[1], &bytes) {
        eprintln!("{}: {e}", args[1]);
        return Err(ExitCode::from(2));
    }
    eprintln!("wrote {} ({} bytes) in {:.1}s", args[1], bytes.len(), t0.elapsed().as_secs_f64());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_with_b_between_adjacent_names() {
        // Invented sentences. IOB1: B- only where a name directly follows one of its type.
        let text = "@ -X- O O\n\nAnna NNP I-NP I-PER\nSmith NNP I-NP I-PER\nmet VBD I-VP O\n\
                    Bob NNP I-NP I-PER\nLee NNP I-NP B-PER\nin IN I-PP O\nNew NNP I-NP I-LOC\n\
                    York NNP I-NP I-LOC\nCity NNP I-NP I-ORG\n. . O O\n\n@ -X- O O\n\n\
                    Oslo NNP I-NP B-LOC\n";
        let docs = parse(&text.replace('@', DOC_START));
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sents[0].1, vec![(0, 2, 0), (3, 4, 0), (4, 5, 0), (6, 8, 2), (8, 9, 1)]);
        assert_eq!(docs[1].sents[0].1, vec![(0, 1, 2)]);
    }
}
