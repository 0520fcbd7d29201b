//! Tags JSON Lines with a model file given at run time (not the embedded one), so a freshly
//! trained model can be scored without rebuilding: stdin `{"id","text"}` per line, stdout
//! `{"id","entities":[{start,end,label,text}]}` with **byte** offsets.
//!
//! ```text
//! python3 ../shared/bench/score-ner.py --offsets utf8 --cmd "target/release/eval-ner /tmp/m.bin"
//! ```

use article_analyzer::entities::{recognize_with, tagger::Model};
use std::io::{BufRead, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: eval-ner MODEL < docs.jsonl");
        return ExitCode::from(2);
    };
    let Some(model) = std::fs::read(&path).ok().and_then(|b| Model::from_bytes(&b)) else {
        eprintln!("{path}: not a model file");
        return ExitCode::from(2);
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else {
            return ExitCode::from(2);
        };
        if line.trim().is_empty() {
            continue;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            eprintln!("bad JSON line");
            return ExitCode::from(2);
        };
        let text = v["text"].as_str().unwrap_or("");
        let ents: Vec<serde_json::Value> = recognize_with(&model, text)
            .iter()
            .map(|e| serde_json::json!({"start": e.start, "end": e.end, "label": e.label.as_str(), "text": &text[e.start..e.end]}))
            .collect();
        if writeln!(out, "{}", serde_json::json!({"id": v["id"], "entities": ents})).is_err() {
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
