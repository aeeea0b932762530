//! The `dateline` command line.
use clap::{Parser, Subcommand};
use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Ner(a) => cmd::ner::run(a),
        Command::Train(a) => cmd::train::run(a),
        Command::Bench(a) => cmd::bench::run(a),
    };
    match r {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dateline: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
