//! The `dateline` command line.
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc: the pipeline allocates many small strings and vectors per document; glibc's
/// allocator spent ~14% of the single-thread run in malloc/free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its index in `mi_option_e`, mimalloc.h; the Rust
/// bindings do not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Batch commands keep freed memory for reuse instead of handing it back to the OS 10 ms
/// later: the pipeline frees and re-allocates the same amounts for every document, and the
/// kernel zeroing the re-faulted pages cost ~10% of a single-thread `extract` run. The server
/// keeps the default, so that an idle server returns memory.
fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores an integer option; it is safe to call at any time,
    // from any thread, and takes no pointers.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

mod cmd;
mod pipeline;

#[derive(Parser)]
#[command(
    name = "dateline",
    version,
    about = "Who said what, and who did what to whom, when and where: structured intelligence from raw news."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline over JSON Lines (or other inputs) and write one JSON record per input.
    Extract(cmd::extract::Args),
    /// Tag a CoNLL-2003 file with the NER model (adds a predicted IOB2 column).
    Ner(cmd::ner::Args),
    /// Single-thread speed: NER tagger tokens/s and whole-pipeline MB/s.
    Bench(cmd::bench::Args),
    /// Train or rebuild a shipped model (`train ner`, `train quotes`, ...).
    Train(cmd::train::Args),
    /// Ingest the bundled open sample news into ./dateline-demo, then serve the web UI.
    #[cfg(feature = "server")]
    Demo(cmd::demo::Args),
    /// Run the pipeline over inputs and store the results (incremental, idempotent).
    #[cfg(feature = "server")]
    Ingest(cmd::ingest::Args),
    /// Search the store: free text plus actor:, speaker:, org:, place:, code:, plover:, from:, to:, source:.
    #[cfg(feature = "server")]
    Search(cmd::search::Args),
    /// Serve the JSON API (and UI) over HTTP, on 127.0.0.1 unless told otherwise.
    #[cfg(feature = "server")]
    Serve(cmd::serve::Args),
    /// Export the store as JSON Lines, GDELT-style TSV or Parquet, streaming.
    #[cfg(feature = "server")]
    Export(cmd::export::Args),
    /// Claim clusters from the store (or from articles with `--jsonl`); `--contested` keeps the disputed ones.
    Claims(cmd::claims::Args),
    /// Decide the stance of each body towards its claim: `{id, claim, body}` in, `{id, stance}` out.
    Stance(cmd::stance::Args),
}

/// The long-running commands: the HTTP server, and the demo that ends serving.
fn serves(c: &Command) -> bool {
    match c {
        #[cfg(feature = "server")]
        Command::Serve(_) | Command::Demo(_) => true,
        _ => false,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !serves(&cli.command) {
        keep_freed_memory();
    }
    let r = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Ner(a) => cmd::ner::run(a),
        Command::Train(a) => cmd::train::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        #[cfg(feature = "server")]
        Command::Demo(a) => cmd::demo::run(a),
        #[cfg(feature = "server")]
        Command::Ingest(a) => cmd::ingest::run(a),
        #[cfg(feature = "server")]
        Command::Search(a) => cmd::search::run(a),
        #[cfg(feature = "server")]
        Command::Serve(a) => cmd::serve::run(a),
        #[cfg(feature = "server")]
        Command::Export(a) => cmd::export::run(a),
        Command::Claims(a) => cmd::claims::run(a),
        Command::Stance(a) => cmd::stance::run(a),
    };
    match r {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dateline: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
