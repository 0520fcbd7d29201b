//! A progress line on stderr while a long job runs, only when stderr is a terminal (silent
//! in pipes, scripts and CI): documents done, megabytes read, documents per second.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts work done and redraws one status line at most every 200 ms.
#[derive(Debug)]
pub struct Progress {
    state: Option<Mutex<State>>,
}

#[derive(Debug)]
struct State {
    start: Instant,
    drawn: Instant,
    docs: usize,
    bytes: usize,
}

impl Progress {
    /// A progress line if stderr is a terminal and `quiet` is false, else nothing.
    pub fn new(quiet: bool) -> Progress {
        let on = !quiet && std::io::stderr().is_terminal();
        let now = Instant::now();
        Progress { state: on.then(|| Mutex::new(State { start: now, drawn: now, docs: 0, bytes: 0 })) }
    }

    /// One more document of `bytes` bytes done.
    pub fn tick(&self, bytes: usize) {
        let Some(state) = &self.state else { return };
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        s.docs += 1;
        s.bytes += bytes;
        if s.drawn.elapsed() >= Duration::from_millis(200) {
            s.drawn = Instant::now();
            draw(&s);
        }
    }

    /// Clears the line (the job's own messages follow on a clean line).
    pub fn finish(&self) {
        if let Some(state) = &self.state {
            let s = state.lock().unwrap_or_else(|e| e.into_inner());
            if s.docs > 0 {
                draw(&s);
                eprintln!();
            }
        }
    }
}

fn draw(s: &State) {
    let secs = s.start.elapsed().as_secs_f64().max(1e-3);
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\r\x1b[2K{} documents · {:.1} MB · {:.0} documents/s",
        s.docs,
        s.bytes as f64 / 1e6,
        s.docs as f64 / secs
    );
    let _ = err.flush();
}
