//! `dateline export --format jsonl|gdelt|parquet [--store DIR] [--out FILE|DIR]`: streams the
//! store out in constant memory. Parquet is a directory of six tables (`scale/SCHEMA.md`).
use anyhow::{bail, Context, Result};
use dateline_store::Store;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One document per line, in the `extract` output form.
    Jsonl,
    /// GDELT 2.0-style event table, tab-separated, with a header.
    Gdelt,
    /// The six tables of scale/SCHEMA.md (documents, entities, quotes, events, places,
    /// claims) as Parquet, partitioned by publication date, into the directory --out.
    Parquet,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    format: Format,
    /// The store directory.
    #[arg(long, default_value = "dateline-data")]
    store: PathBuf,
    /// Output file (default: standard output); for parquet, a new output directory.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let store = Store::open_existing(&a.store)
        .with_context(|| format!("cannot open the store {}", a.store.display()))?;
    if let Format::Parquet = a.format {
        return parquet(&store, a.out.as_deref());
    }
    let sink: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let w = BufWriter::with_capacity(1 << 20, sink);
    let n = match a.format {
        Format::Jsonl => store.export_jsonl(w)?,
        Format::Gdelt => store.export_gdelt(w)?,
        Format::Parquet => 0,
    };
    eprintln!("dateline export: {n} records");
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn parquet(store: &Store, out: Option<&std::path::Path>) -> Result<ExitCode> {
    let Some(dir) = out else {
        bail!("--format parquet needs --out DIR (a new directory for the six tables)");
    };
    let c = store
        .export_parquet(dir)
        .with_context(|| format!("cannot export Parquet into {}", dir.display()))?;
    eprintln!(
        "dateline export: {} documents, {} entities, {} quotes, {} events, {} places, {} claims in {} date partitions under {}",
        c.documents,
        c.entities,
        c.quotes,
        c.events,
        c.places,
        c.claims,
        c.dates,
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &Store, _: Option<&std::path::Path>) -> Result<ExitCode> {
    bail!("this build has no Parquet support: rebuild with `--features parquet`")
}
