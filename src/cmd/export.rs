//! `dateline export --format jsonl|gdelt|parquet [--store DIR] [--out FILE]`: streams the
//! store out in constant memory.
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
    /// Events as Parquet (needs the `parquet` build feature and --out).
    Parquet,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    format: Format,
    /// The store directory.
    #[arg(long, default_value = "dateline-data")]
    store: PathBuf,
    /// Output file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let store = Store::open_existing(&a.store)
        .with_context(|| format!("cannot open the store {}", a.store.display()))?;
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
        Format::Parquet => parquet(&store, a.out.as_deref())?,
    };
    eprintln!("dateline export: {n} records");
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn parquet(store: &Store, out: Option<&std::path::Path>) -> Result<u64> {
    let Some(path) = out else {
        bail!("--format parquet needs --out FILE");
    };
    let f =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(store.export_parquet(f)?)
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &Store, _: Option<&std::path::Path>) -> Result<u64> {
    bail!("this build has no Parquet support: rebuild with `--features parquet`")
}
