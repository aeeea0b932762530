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
    /// Cluster the claims of many articles; `--contested` keeps the disputed ones.
    Claims(cmd::claims::Args),
    /// Decide the stance of each body towards its claim: `{id, claim, body}` in, `{id, stance}` out.
    Stance(cmd::stance::Args),
    /// Train the stance model on FNC-1 pairs (to become `train stance`).
    TrainStance(cmd::train_stance::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Ner(a) => cmd::ner::run(a),
        Command::Claims(a) => cmd::claims::run(a),
        Command::Stance(a) => cmd::stance::run(a),
        Command::TrainStance(a) => cmd::train_stance::run(a),
    };
    match r {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dateline: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
