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
    /// Learn the quote-cue lexicon and the attribution filter from PolNeAR train
    /// (`crates/quotes/data/cues.tsv`, `crates/quotes/data/attrs.tsv`).
    Quotes {
        /// PolNeAR-style JSONL (optionally gzipped) with `text` and `quotes[].cue_start/cue_end`.
        #[arg(long, default_value = "../shared/data/quotes/polnear/train.jsonl.gz")]
        data: PathBuf,
        #[arg(long, default_value = "crates/quotes/data/cues.tsv")]
        out: PathBuf,
        /// Where the attribution-filter table goes.
        #[arg(long, default_value = "crates/quotes/data/attrs.tsv")]
        attrs_out: PathBuf,
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
            attrs_out,
            min_count,
        } => {
            use std::io::Read;
            let f = std::fs::File::open(&data)
                .with_context(|| format!("cannot open {}", data.display()))?;
            let mut raw = String::new();
            if data.extension().is_some_and(|e| e == "gz") {
                flate2::read::MultiGzDecoder::new(f).read_to_string(&mut raw)?;
            } else {
                BufReader::new(f).read_to_string(&mut raw)?;
            }
            // 1. the cue lexicon
            let mut counts = dateline_quotes::train::CueCounts::default();
            counts.add_jsonl(raw.as_bytes())?;
            let tsv = counts.to_tsv(min_count);
            std::fs::write(&out, &tsv)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "learned {} cue rows from {} documents, {} cues -> {}",
                tsv.lines().count().saturating_sub(1),
                counts.docs,
                counts.cues,
                out.display()
            );
            // 2. the attribution filter, over the finder's candidates with that lexicon
            // cross-fitted: candidates of each half come from a lexicon learned on the other
            // half, so the filter sees the finder's error rate on unseen text
            let lines: Vec<&str> = raw.lines().filter(|l| !l.trim().is_empty()).collect();
            let half = |odd: bool| -> String {
                lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i % 2 == 1) == odd)
                    .map(|(_, l)| format!("{l}\n"))
                    .collect()
            };
            let (even, odd) = (half(false), half(true));
            let cfg = dateline_quotes::Config::default();
            let mut attrs = dateline_quotes::train::AttrCounts::default();
            for (learn, apply) in [(&even, &odd), (&odd, &even)] {
                let mut c = dateline_quotes::train::CueCounts::default();
                c.add_jsonl(learn.as_bytes())?;
                let cues = dateline_quotes::lexicon::parse_model(&c.to_tsv(min_count));
                attrs.add_jsonl(apply.as_bytes(), &cfg, &cues)?;
            }
            let tsv = attrs.to_tsv();
            std::fs::write(&attrs_out, &tsv)
                .with_context(|| format!("cannot write {}", attrs_out.display()))?;
            eprintln!(
                "attribution filter: {} candidates, {} right, {} feature rows -> {}",
                attrs.candidates,
                attrs.right,
                tsv.lines().count().saturating_sub(1),
                attrs_out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
