//! `article-analyzer`: the command-line face of the core. Thin by design: it reads stdin or
//! files, calls the library on all cores, and writes text or JSON. Offsets it prints are
//! Unicode code points. `article-analyzer --help` lists the commands.

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod progress;
#[cfg(not(target_arch = "wasm32"))]
mod stream;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The tool is native only (the page's boundary is src/wasm.rs), but wasm test builds
/// compile every binary of the package.
#[cfg(target_arch = "wasm32")]
fn main() {}
