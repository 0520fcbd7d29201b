//! The commands: argument parsing (clap), reading stdin or files, calling the library on
//! all cores, writing text or JSON. Errors are mapped to a message and an exit status in one
//! place ([`main`]).

use crate::progress::Progress;
use crate::stream;
use article_analyzer::clean::{self, CleanOptions, EditKind, Rule};
use article_analyzer::dedup::{self, DedupOptions};
use article_analyzer::pipeline::{self, Unit};
use article_analyzer::session::{parse_rules, Session};
use article_analyzer::{decode, Document, Error};
use clap::{Args, Parser, Subcommand};
use serde_json::Value;
use std::collections::HashSet;
use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Offsets are Unicode code points (Python's str indexing). JSON Lines input is one
{\"id\", \"text\"} object per line; \"id\" may be any JSON value and is echoed back.

Exit status: 0 success; 1 the input could not be read or the output written;
2 bad input or usage (the message on stderr names the file or line).";

/// Clean, annotate and de-duplicate scraped news articles.
#[derive(Parser, Debug)]
#[command(name = "article-analyzer", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// Worker threads for per-document work (default: all cores). Output is the same
    /// whatever the number.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    jobs: Option<usize>,
    /// No progress line on stderr (it is only drawn when stderr is a terminal anyway).
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Remove a page's chrome and repair its text. Reads one page (a FILE or stdin) and
    /// prints the article; --edits prints every proposed edit instead; --jsonl cleans many.
    #[command(after_help = AFTER_HELP)]
    Clean {
        /// A page to clean (text or HTML; any supported encoding). Default: stdin.
        file: Option<PathBuf>,
        /// Print every proposed edit, one JSON line each ({id,start,end,clean_start,kind,
        /// rule,reason,before,after,applied}), as the page shows it.
        #[arg(long, conflicts_with = "jsonl")]
        edits: bool,
        /// JSON Lines in ({"id","text"}), JSON Lines out ({"id","text","edits"}), streamed.
        #[arg(long)]
        jsonl: bool,
        /// The page is HTML: the article is found from the page's structure (its visible
        /// text is the original the edits refer to). Without it, HTML is flattened to text.
        /// Records of --jsonl may give "html" instead of "text" either way.
        #[arg(long)]
        html: bool,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        bad: BadArgs,
    },
    /// Tag entities (PER, ORG, LOC, MISC and rule types) in the texts as given (not
    /// cleaned). Out: {"id","entities":[{start,end,label,text}]} per line, streamed.
    #[command(after_help = AFTER_HELP)]
    Entities {
        /// JSON Lines in and out (the only mode).
        #[arg(long, required = true)]
        jsonl: bool,
        #[command(flatten)]
        bad: BadArgs,
    },
    /// Find quotes and attributions (who said what) in the texts as given (not cleaned).
    /// Out: {"id","quotes":[{start,end,text,speaker:{start,end,text,name}|null,
    /// cue:{start,end,text}|null,fragments?,direct}]} per line, streamed.
    #[command(after_help = AFTER_HELP)]
    Quotes {
        /// JSON Lines in and out (the only mode).
        #[arg(long, required = true)]
        jsonl: bool,
        #[command(flatten)]
        bad: BadArgs,
    },
    /// Cluster near-duplicate texts (compared as given). Out: {"id","cluster"} per line;
    /// equal cluster ids are duplicates.
    #[command(after_help = AFTER_HELP)]
    Dedup {
        /// JSON Lines in and out (the only mode).
        #[arg(long, required = true)]
        jsonl: bool,
        /// Similarity (0-1) from which two texts are duplicates.
        #[arg(long, value_name = "S", default_value_t = DedupOptions::default().threshold)]
        threshold: f32,
        #[command(flatten)]
        bad: BadArgs,
    },
    /// What changed from a source to its copy, sentence by sentence: {"id","a","b"} in (a =
    /// source, b = copy), {"id","ops":[{op,a,b}]} out, streamed. Every good line is answered;
    /// each bad one is named on stderr and the exit status is then 2 (0 with --skip-bad).
    #[command(after_help = AFTER_HELP)]
    Diff {
        /// JSON Lines in and out (the only mode).
        #[arg(long, required = true)]
        jsonl: bool,
        #[command(flatten)]
        bad: BadArgs,
    },
    /// The whole pipeline over files (cleaning, entities, duplicates, passages, aliases),
    /// as one JSON document on stdout.
    #[command(after_help = AFTER_HELP)]
    Analyze {
        /// Text or HTML files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// List the cleaning rules (names for --rules / --no-rule) with their kinds: remove
    /// (a line of chrome), repair (an in-line fix) or flag (shown, never applied).
    Rules,
}

/// Which cleaning rules run (the page's switches).
#[derive(Args, Debug)]
struct RuleArgs {
    /// In-line repairs only (spacing, Unicode, mojibake, capitalisation): no line removed.
    #[arg(long)]
    repairs_only: bool,
    /// Run only these rules (comma-separated names; `article-analyzer rules` lists them).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    rules: Option<Vec<String>>,
    /// Switch a rule off (repeatable).
    #[arg(long = "no-rule", value_name = "RULE")]
    no_rule: Vec<String>,
}

/// What to do with a malformed input line.
#[derive(Args, Debug)]
struct BadArgs {
    /// Skip malformed lines (reported with a count at the end) instead of stopping at the
    /// first one.
    #[arg(long)]
    skip_bad: bool,
}

impl RuleArgs {
    /// The rules switched off.
    fn disabled(&self) -> Result<HashSet<Rule>, Error> {
        let mut off: HashSet<Rule> = parse_rules(&self.no_rule)?;
        if let Some(only) = &self.rules {
            let on = parse_rules(only)?;
            off.extend(Rule::ALL.into_iter().filter(|r| !on.contains(r)));
        }
        if self.repairs_only {
            off.extend(Rule::ALL.into_iter().filter(|r| r.kind() == EditKind::Remove));
        }
        Ok(off)
    }
}

/// Runs the command line; the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let progress = Progress::new(cli.quiet);
    let jobs = cli.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let result = run(cli.command, jobs, &progress);
    progress.finish();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("article-analyzer: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Input(e)) => {
            eprintln!("article-analyzer: {e}");
            ExitCode::from(2)
        }
    }
}

/// Why a command failed: its input (status 2) or reading and writing (status 1).
#[derive(Debug)]
pub enum Failure {
    Input(Error),
    Io(io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Input(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

fn run(command: Command, jobs: usize, progress: &Progress) -> Result<(), Failure> {
    match command {
        Command::Rules => {
            let mut out = io::stdout().lock();
            for r in Rule::ALL {
                writeln!(out, "{}\t{}", r.name(), r.kind().name())?;
            }
            Ok(())
        }
        Command::Clean { file, edits, jsonl, html, rules, bad } => {
            let options = CleanOptions { disabled: rules.disabled()?, ..CleanOptions::default() };
            if jsonl {
                return jsonl_records(jobs, bad.skip_bad, progress, |input| {
                    let view = match input {
                        Input::Text(text) => pipeline::cleaned_text_view(&text, &options, Unit::Chars),
                        Input::Html(source) => pipeline::cleaned_html_view(&source, &options, Unit::Chars),
                    };
                    serde_json::to_value(view).map_err(|e| Error::input(format!("internal: {e}")))
                });
            }
            let (text, cleaned) = if html {
                let bytes = read_bytes(file.as_ref())?.1;
                let (source, _) = article_analyzer::html::decode(&bytes);
                let page = article_analyzer::html::extract(&source);
                if let Some(why) = &page.empty_reason {
                    eprintln!("article-analyzer: no article: {why}");
                }
                let cleaned = clean::clean_html(&page, &options);
                (page.text, cleaned)
            } else {
                let text = read_page(file.as_ref())?;
                let cleaned = clean::clean_with(&text, &options);
                (text, cleaned)
            };
            let mut out = io::BufWriter::new(io::stdout().lock());
            if edits {
                for e in pipeline::edit_views(&text, &cleaned, Unit::Chars) {
                    serde_json::to_writer(&mut out, &e).map_err(io::Error::from)?;
                    out.write_all(b"\n")?;
                }
            } else {
                out.write_all(cleaned.text.as_bytes())?;
            }
            Ok(out.flush()?)
        }
        Command::Entities { bad, .. } => jsonl_stream(jobs, bad.skip_bad, progress, |text| {
            Ok(serde_json::json!({ "entities": pipeline::entity_spans(text, Unit::Chars) }))
        }),
        Command::Quotes { bad, .. } => jsonl_stream(jobs, bad.skip_bad, progress, |text| {
            Ok(serde_json::json!({ "quotes": pipeline::quote_spans(text, Unit::Chars) }))
        }),
        Command::Dedup { threshold, bad, .. } => {
            // Dedup reads the page text as given, not the cleaned text: dedup's own
            // document-frequency filter drops shared furniture, while cleaning is lossy on
            // noisy, re-wrapped copies (dev corpus: ARI 0.993 on the page text, 0.933 on
            // cleaned text). Texts are shingled a batch at a time as they are read and not
            // kept: only the ids are.
            let mut input =
                dedup::DedupInput::new(&DedupOptions { threshold, threads: jobs, ..DedupOptions::default() });
            let ids = read_jsonl(jobs, bad.skip_bad, progress, |batch| {
                input.add(&batch.iter().map(String::as_str).collect::<Vec<_>>())
            })?;
            let d = input.finish();
            let mut out = io::BufWriter::new(io::stdout().lock());
            for (id, c) in ids.iter().zip(&d.cluster) {
                serde_json::to_writer(&mut out, &serde_json::json!({ "id": id, "cluster": c }))
                    .map_err(io::Error::from)?;
                out.write_all(b"\n")?;
            }
            Ok(out.flush()?)
        }
        Command::Diff { bad, .. } => {
            let stdin = io::BufReader::with_capacity(1 << 20, io::stdin());
            let summary = stream::run(stdin, io::stdout().lock(), jobs, true, progress, |line| {
                pipeline::diff_jsonl_line(line).map(String::into_bytes)
            })?;
            if bad.skip_bad {
                report_skipped(summary.skipped.len(), summary.skipped.into_iter().next());
                return Ok(());
            }
            for (line, message) in &summary.skipped {
                eprintln!("article-analyzer: diff: line {line}: {message}");
            }
            match summary.skipped.len() {
                0 => Ok(()),
                n => Err(Error::input(format!("diff: {n} line(s) refused, the others answered")).into()),
            }
        }
        Command::Analyze { files, rules } => analyze(&files, &rules.disabled()?, jobs, progress),
    }
}

/// A record's input: page text, or a page's HTML.
enum Input {
    Text(String),
    Html(String),
}

/// Streams `{"id","text"}` (or `{"id","html"}`) lines from stdin to `{"id", ...fields}`
/// lines on stdout on `jobs` threads; `fields(text)` gives the other fields of one line's
/// answer. An HTML record is read for its article first (the cleaned article text).
fn jsonl_stream<F>(jobs: usize, skip_bad: bool, progress: &Progress, fields: F) -> Result<(), Failure>
where
    F: Fn(&str) -> Result<Value, Error> + Sync,
{
    jsonl_records(jobs, skip_bad, progress, |input| fields(&input_text(input)))
}

/// The text a command reads from an input: HTML is cleaned to its article.
fn input_text(input: Input) -> String {
    match input {
        Input::Text(t) => t,
        Input::Html(h) => clean::clean_html(&article_analyzer::html::extract(&h), &CleanOptions::default()).text,
    }
}

/// [`jsonl_stream`] with the record's input as given.
fn jsonl_records<F>(jobs: usize, skip_bad: bool, progress: &Progress, fields: F) -> Result<(), Failure>
where
    F: Fn(Input) -> Result<Value, Error> + Sync,
{
    let stdin = io::BufReader::with_capacity(1 << 20, io::stdin());
    let summary = stream::run(stdin, io::stdout().lock(), jobs, skip_bad, progress, |line| {
        let (id, input) = parse_input(line)?;
        let mut answer = serde_json::Map::new();
        answer.insert("id".into(), id);
        if let Value::Object(rest) = fields(input)? {
            answer.extend(rest);
        }
        serde_json::to_vec(&answer).map_err(|e| Error::input(format!("internal: {e}")))
    })?;
    report_skipped(summary.skipped.len(), summary.skipped.into_iter().next());
    Ok(())
}

/// One JSON Lines record: its id (any JSON value, `null` if missing) and its "text" or
/// "html".
fn parse_input(line: &[u8]) -> Result<(Value, Input), Error> {
    let line = std::str::from_utf8(line).map_err(|_| Error::input("not UTF-8"))?;
    let mut v: Value = serde_json::from_str(line).map_err(|e| Error::input(format!("not JSON: {e}")))?;
    let input = match (v.get_mut("text").map(Value::take), v.get_mut("html").map(Value::take)) {
        (Some(Value::String(t)), _) => Input::Text(t),
        (_, Some(Value::String(h))) => Input::Html(h),
        _ => return Err(Error::input("no \"text\" or \"html\" string")),
    };
    Ok((v.get_mut("id").map(Value::take).unwrap_or(Value::Null), input))
}

/// One JSON Lines record's id and text (an HTML record's cleaned article text).
fn parse_record(line: &[u8]) -> Result<(Value, String), Error> {
    let (id, input) = parse_input(line)?;
    Ok((id, input_text(input)))
}

/// Every record of stdin, for commands that need the whole corpus at once: the texts are
/// handed to `batch` a few thousand at a time and dropped, the ids returned in order; bad
/// lines stop the run, or are skipped and reported when `skip_bad`.
///
/// A batch's lines are read as bytes, then parsed on `jobs` threads (JSON parsing on one
/// thread was a tenth of `dedup --jsonl`'s time on the 100k wire corpus) and taken in input
/// order, so ids, errors and the skipped count are as a line-by-line reading gives them.
fn read_jsonl(
    jobs: usize,
    skip_bad: bool,
    progress: &Progress,
    mut batch: impl FnMut(&[String]),
) -> Result<Vec<Value>, Failure> {
    /// Texts handed on at a time (a few MB of news).
    const BATCH: usize = 8192;
    let mut ids = Vec::new();
    let mut texts: Vec<String> = Vec::with_capacity(BATCH);
    let (mut skipped, mut first_skipped) = (0, None);
    let mut stdin = io::stdin().lock();
    // The batch's bytes, and (line number, start, end) of its non-blank lines in them (one
    // buffer, not one allocation per line).
    let mut bytes: Vec<u8> = Vec::new();
    let mut lines: Vec<(usize, usize, usize)> = Vec::with_capacity(BATCH);
    let mut number = 0;
    let mut eof = false;
    while !eof {
        bytes.clear();
        lines.clear();
        while lines.len() < BATCH {
            let start = bytes.len();
            if stdin.read_until(b'\n', &mut bytes)? == 0 {
                eof = true;
                break;
            }
            number += 1;
            if bytes[start..].iter().all(u8::is_ascii_whitespace) {
                bytes.truncate(start);
                continue;
            }
            lines.push((number, start, bytes.len()));
        }
        let parsed = parallel_map(&lines, jobs, |&(_, start, end)| parse_record(&bytes[start..end]));
        for (&(number, start, end), record) in lines.iter().zip(parsed) {
            match record {
                Ok((id, text)) => {
                    ids.push(id);
                    texts.push(text);
                }
                Err(e) if skip_bad => {
                    skipped += 1;
                    first_skipped.get_or_insert((number, e.to_string()));
                }
                Err(e) => return Err(Error::input(format!("line {number}: {e}")).into()),
            }
            progress.tick(end - start);
        }
        if !texts.is_empty() {
            batch(&texts);
            texts.clear();
        }
    }
    report_skipped(skipped, first_skipped);
    Ok(ids)
}

/// Tells how many bad lines were skipped, and the first.
fn report_skipped(count: usize, first: Option<(usize, String)>) {
    if let Some((line, message)) = first {
        eprintln!("article-analyzer: skipped {count} bad line(s); the first, line {line}: {message}");
    }
}

/// A page from a file or stdin, decoded (encodings, HTML rendered to text).
fn read_page(file: Option<&PathBuf>) -> Result<String, Failure> {
    let (name, bytes) = read_bytes(file)?;
    Ok(decode::decode(&bytes, &name)?.text)
}

/// The bytes of a file or of stdin, and a name for messages.
fn read_bytes(file: Option<&PathBuf>) -> Result<(String, Vec<u8>), Failure> {
    Ok(match file {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| Error::input(format!("{}: {e}", path.display())))?;
            (path.display().to_string(), bytes)
        }
        None => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes)?;
            ("stdin".to_string(), bytes)
        }
    })
}

/// The whole pipeline over files: decoding, cleaning and tagging on all cores, the corpus
/// stages on one.
fn analyze(files: &[PathBuf], disabled: &HashSet<Rule>, jobs: usize, progress: &Progress) -> Result<(), Failure> {
    let texts = parallel_map(files, jobs, |path| {
        let bytes = std::fs::read(path).map_err(|e| Error::input(format!("{}: {e}", path.display())))?;
        Ok(decode::decode(&bytes, &path.display().to_string())?.text)
    })
    .into_iter()
    .collect::<Result<Vec<String>, Error>>()?;
    let mut session = Session::new();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let options = session.batch_options(&refs, disabled);
    let inputs: Vec<(String, &str)> = files.iter().map(|f| f.display().to_string()).zip(refs).collect();
    let docs = parallel_map(&inputs, jobs, |(name, text)| {
        let doc = Document::from_text(name, text, &options);
        progress.tick(text.len());
        doc
    });
    session.extend(docs, disabled);
    session.finish(&DedupOptions::default());
    let views: Vec<_> = session.documents().iter().map(|d| pipeline::document_view(d, Unit::Chars)).collect();
    let out = serde_json::json!({ "documents": views, "corpus": session.corpus_view(Unit::Chars) });
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut stdout, &out).map_err(io::Error::from)?;
    stdout.write_all(b"\n")?;
    Ok(stdout.flush()?)
}

/// `f` over `items` on `jobs` threads, results in the order of `items`. Items are taken one
/// at a time from a shared counter, so one slow item does not hold up a thread's share.
fn parallel_map<T: Sync, U: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, U)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.clamp(1, items.len().max(1)))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { return mine };
                        mine.push((i, f(item)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    });
    results.sort_unstable_by_key(|&(i, _)| i);
    results.into_iter().map(|(_, u)| u).collect()
}
