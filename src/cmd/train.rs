//! `dateline train <component>`: rebuilds a shipped model or table from the shared data.
use anyhow::{Context, Result};
use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Learn the quote-cue lexicon from PolNeAR train and write `crates/quotes/data/cues.tsv`.
    Quotes {
        /// PolNeAR-style JSONL (optionally gzipped) with `text` and `quotes[].cue_start/cue_end`.
        #[arg(long, default_value = "../shared/data/quotes/polnear/train.jsonl.gz")]
        data: PathBuf,
        #[arg(long, default_value = "crates/quotes/data/cues.tsv")]
        out: PathBuf,
        /// Keep words seen inside a cue at least this often.
        #[arg(long, default_value_t = 3)]
        min_count: u32,
    },
}

pub fn run(a: Args) -> Result<ExitCode> {
    match a.what {
        What::Quotes {
            data,
            out,
            min_count,
        } => {
            let f = std::fs::File::open(&data)
                .with_context(|| format!("cannot open {}", data.display()))?;
            let mut counts = dateline_quotes::train::CueCounts::default();
            if data.extension().is_some_and(|e| e == "gz") {
                counts.add_jsonl(BufReader::new(flate2::read::MultiGzDecoder::new(f)))?;
            } else {
                counts.add_jsonl(BufReader::new(f))?;
            }
            let tsv = counts.to_tsv(min_count);
            std::fs::write(&out, &tsv)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "learned {} cue words from {} documents, {} cues -> {}",
                tsv.lines().count().saturating_sub(1),
                counts.docs,
                counts.cues,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
