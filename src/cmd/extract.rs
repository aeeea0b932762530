//! `dateline extract --jsonl FILE [--threads N]`: JSONL in, one JSONL record out per input, in order.
use anyhow::{Context, Result};
use dateline_core::{Document, ErrorRecord, Pipeline};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines input (`-` for standard input): `{id, text|html, url?, title?, published?}` per line.
    #[arg(long)]
    jsonl: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Exit with status 2 when any record failed (by default a failed record only gets its
    /// `error` field, so that a streaming worker keeps going).
    #[arg(long)]
    strict: bool,
}

/// Records processed together; bounds memory while keeping all threads busy.
const BATCH: usize = 256;

pub fn run(a: Args) -> Result<ExitCode> {
    let threads = a.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let input: Box<dyn Read> = if a.jsonl.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&a.jsonl)
                .with_context(|| format!("cannot open {}", a.jsonl.display()))?,
        )
    };
    let total_bytes = std::fs::metadata(&a.jsonl).map(|m| m.len()).unwrap_or(0);
    let bar = progress_bar(total_bytes);
    let pipeline = crate::pipeline::full();
    let mut reader = BufReader::with_capacity(1 << 20, input);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut failed = 0usize;
    let mut line_no = 0usize;
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .context("reading input")?;
        if n > 0 {
            line_no += 1;
            bar.inc(n as u64);
            if !buf.iter().all(|b| b.is_ascii_whitespace()) {
                batch.push((line_no, std::mem::take(&mut buf)));
            }
        }
        if batch.len() >= BATCH || (n == 0 && !batch.is_empty()) {
            let results: Vec<(String, bool)> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|(ln, line)| process_line(&pipeline, line, *ln))
                    .collect()
            });
            for (json, ok) in results {
                if !ok {
                    failed += 1;
                }
                out.write_all(json.as_bytes())?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            batch.clear();
        }
        if n == 0 {
            break;
        }
    }
    bar.finish_and_clear();
    if failed > 0 {
        eprintln!(
            "dateline extract: {failed} of {line_no} records failed (see their `error` field)"
        );
        if a.strict {
            return Ok(ExitCode::from(2));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(total: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Processes one input line into its output JSON; `false` when the record failed.
pub fn process_line(pipeline: &Pipeline, line: &[u8], line_no: usize) -> (String, bool) {
    let text = String::from_utf8_lossy(line);
    let rec = match dateline_ingest::parse_jsonl_record(text.trim(), line_no) {
        Ok(r) => r,
        Err((id, e)) => {
            let id = id.unwrap_or_else(|| format!("line-{line_no}"));
            return (error_json(&id, &e.to_string()), false);
        }
    };
    let mut doc = Document::from_record(rec);
    if matches!(text, std::borrow::Cow::Owned(_)) {
        doc.warnings.push(format!(
            "line {line_no}: invalid UTF-8 replaced with U+FFFD"
        ));
    }
    match pipeline.run(&mut doc) {
        Ok(()) => match serde_json::to_string(&doc.to_output()) {
            Ok(s) => (s, true),
            Err(e) => (
                error_json(&doc.id, &format!("cannot serialise output: {e}")),
                false,
            ),
        },
        Err(e) => (error_json(&doc.id, &e.to_string()), false),
    }
}

fn error_json(id: &str, msg: &str) -> String {
    serde_json::to_string(&ErrorRecord::new(id, msg))
        .unwrap_or_else(|_| format!("{{\"error\":{msg:?}}}"))
}
