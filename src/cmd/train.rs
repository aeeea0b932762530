//! `dateline train events-lexicon --conllu FILE[.gz] --out PATH`: the verb-ness lexicon that
//! the events stage ships (`crates/events/model/verbness.tsv`), counted from a UD treebank.
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Count verb readings per word form in a CoNLL-U treebank (e.g. UD English EWT train).
    EventsLexicon {
        /// CoNLL-U file, optionally gzipped.
        #[arg(long)]
        conllu: PathBuf,
        /// Where to write the TSV.
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(a: Args) -> Result<ExitCode> {
    match a.what {
        What::EventsLexicon { conllu, out } => {
            let tsv = dateline_events::lexicon::train_file(&conllu)
                .with_context(|| format!("cannot read {}", conllu.display()))?;
            std::fs::write(&out, tsv).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}
