//! JSON Lines in, JSON Lines out, on every core, in input order, in bounded memory.
//!
//! A reader thread cuts stdin into lines; `jobs` workers turn each line into its output;
//! the calling thread writes the outputs in input order. Memory is bounded by a budget of
//! bytes in flight (read but not yet written), not by the input's size, so a 50 GB file
//! streams; one huge document does not stall the others: the workers go on with the lines
//! after it until the budget is spent, and its output is written when it is ready. The
//! output is the same bytes whatever `jobs` is, because each line's output depends on that
//! line alone and is written in order.

use article_analyzer::Error;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

use crate::cli::Failure;
use crate::progress::Progress;

/// Bytes read but not yet written, at most (one line larger than this still goes through,
/// alone).
const BUDGET: usize = 256 << 20;

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Lines answered.
    pub done: usize,
    /// Bad lines skipped (with `--skip-bad`).
    pub skipped: usize,
    /// The line number and message of the first one skipped.
    pub first_skipped: Option<(usize, String)>,
}

/// One line's answer, back from a worker.
struct Done {
    /// Position among the non-blank lines (the order of the output).
    seq: usize,
    /// Line number in the input (for messages).
    number: usize,
    /// Bytes of the input line (given back to the budget once written).
    len: usize,
    result: Result<Vec<u8>, Error>,
}

/// A counting budget of bytes in flight.
struct Budget {
    used: Mutex<usize>,
    freed: Condvar,
}

impl Budget {
    fn take(&self, n: usize, stop: &AtomicBool) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + n > BUDGET && !stop.load(Ordering::Relaxed) {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += n;
    }
    fn give(&self, n: usize) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(n);
        self.freed.notify_all();
    }
}

/// Runs `work(line_number, line)` over every non-blank line of `input` on `jobs` threads and
/// writes each result (one output line, without its newline) to `out` in input order. A line
/// whose work fails stops the run with that error (named by its line number) after every
/// earlier line's output is written, unless `skip_bad`: then it is counted and left out.
pub fn run<R, W, F>(
    input: R,
    out: W,
    jobs: usize,
    skip_bad: bool,
    progress: &Progress,
    work: F,
) -> Result<Summary, Failure>
where
    R: BufRead + Send,
    W: Write,
    F: Fn(&[u8]) -> Result<Vec<u8>, Error> + Sync,
{
    let jobs = jobs.max(1);
    let budget = Budget { used: Mutex::new(0), freed: Condvar::new() };
    let stop = AtomicBool::new(false);
    let (line_tx, line_rx) = mpsc::sync_channel::<(usize, usize, Vec<u8>)>(jobs * 4);
    let line_rx = Arc::new(Mutex::new(line_rx));
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    std::thread::scope(|scope| {
        // The reader: (sequence number, line number, bytes) of each non-blank line.
        let (budget, stop) = (&budget, &stop);
        let reader = scope.spawn(move || -> Result<(), Failure> {
            let (mut input, line_tx) = (input, line_tx);
            let (mut seq, mut number) = (0, 0);
            loop {
                let mut line = Vec::new();
                let n = input.read_until(b'\n', &mut line)?;
                if n == 0 || stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
                number += 1;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                budget.take(line.len(), stop);
                if line_tx.send((seq, number, line)).is_err() {
                    return Ok(());
                }
                seq += 1;
            }
        });
        for _ in 0..jobs {
            let (rx, tx, work) = (Arc::clone(&line_rx), done_tx.clone(), &work);
            scope.spawn(move || loop {
                let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((seq, number, line)) = next else { return };
                // A bug in the core must not take the other lines down: it fails this line.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&line)))
                    .unwrap_or_else(|_| Err(Error::input("internal error (a panic) while analysing this line")));
                if tx.send(Done { seq, number, len: line.len(), result }).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let written = write_in_order(out, done_rx, skip_bad, progress, budget, stop);
        // Unblock the reader if the writer stopped early (an error).
        stop.store(true, Ordering::Relaxed);
        budget.give(0);
        drop(line_rx);
        let read = reader.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        let summary = written?;
        read?;
        Ok(summary)
    })
}

fn write_in_order<W: Write>(
    out: W,
    done: mpsc::Receiver<Done>,
    skip_bad: bool,
    progress: &Progress,
    budget: &Budget,
    stop: &AtomicBool,
) -> Result<Summary, Failure> {
    let mut out = std::io::BufWriter::new(out);
    let mut pending = BTreeMap::new();
    let mut next = 0;
    let mut summary = Summary::default();
    for d in done {
        pending.insert(d.seq, d);
        while let Some(Done { number, len, result, .. }) = pending.remove(&next) {
            next += 1;
            budget.give(len);
            match result {
                Ok(bytes) => {
                    out.write_all(&bytes)?;
                    out.write_all(b"\n")?;
                    summary.done += 1;
                }
                Err(e) if skip_bad => {
                    summary.skipped += 1;
                    summary.first_skipped.get_or_insert((number, e.to_string()));
                }
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    out.flush()?;
                    return Err(Failure::Input(Error::input(format!("line {number}: {e}"))));
                }
            }
            progress.tick(len);
        }
    }
    out.flush()?;
    Ok(summary)
}
