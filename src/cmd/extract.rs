//! `dateline extract --jsonl FILE [--threads N]`: JSONL in, one JSONL record out per input, in
//! order. Also `dateline extract PATH|URL|- ...` and `--input-list` for any other input (text,
//! HTML, WARC(.gz), RSS/Atom, directories), with the format detected.
use anyhow::{Context, Result};
use dateline_core::{Document, ErrorRecord, Pipeline, SourceRecord};
use dateline_ingest::IngestError;
use rayon::prelude::*;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines input (`-` for standard input): `{id, text|html, url?, title?, published?}` per line.
    #[arg(long)]
    jsonl: Option<PathBuf>,
    /// Other inputs: files, directories (recursive), `-` for standard input, http(s) URLs.
    /// The format (text, HTML, JSONL, WARC, WARC.gz, RSS/Atom, gzip) is detected.
    inputs: Vec<String>,
    /// Read the inputs (paths or URLs), one per line, from standard input.
    #[arg(long, conflicts_with = "jsonl")]
    input_list: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Exit with status 2 when any record failed (by default a failed record only gets its
    /// `error` field, so that a streaming worker keeps going).
    #[arg(long)]
    strict: bool,
    /// PETRARCH/Phoenix-format dictionaries replacing the shipped ones, by kind: files whose
    /// names contain `actors`, `agents`, `verbs` (or start with `CAMEO`) and `discards`;
    /// a directory adds every such file in it. Kinds not given keep the defaults.
    #[arg(long, num_args = 1.., value_delimiter = ',')]
    dicts: Vec<PathBuf>,
    /// Code only events with both a source and a target (PETRARCH's `require_dyad`).
    #[arg(long)]
    require_dyad: bool,
}

/// Builds the pipeline, with user dictionaries when `--dicts` gave any.
fn build_pipeline(a: &Args) -> Result<Pipeline> {
    if a.dicts.is_empty() && !a.require_dyad {
        return Ok(crate::pipeline::full());
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for p in &a.dicts {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot list {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file())
                .collect();
            v.sort();
            files.extend(v);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            anyhow::bail!("dictionary {} not found", p.display());
        }
    }
    let (mut actors, mut agents, mut verbs, mut discards) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for f in &files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.contains("actors") {
            actors.push(f.as_path());
        } else if name.contains("agents") {
            agents.push(f.as_path());
        } else if name.contains("verbs") || name.starts_with("cameo") {
            verbs.push(f.as_path());
        } else if name.contains("discards") {
            discards.push(f.as_path());
        } else if a.dicts.iter().any(|d| d == f) {
            anyhow::bail!(
                "cannot tell the kind of dictionary {} (expected actors, agents, verbs or discards in its name)",
                f.display()
            );
        }
    }
    let lex = if actors.is_empty() && agents.is_empty() {
        dateline_actors::Lexicon::shared_default()
    } else {
        std::sync::Arc::new(dateline_actors::Lexicon::from_files(&actors, &agents)?)
    };
    let events = dateline_events::EventsStage::from_files(
        &verbs,
        &discards,
        dateline_events::EventsOptions {
            require_dyad: a.require_dyad,
        },
    )?;
    Ok(crate::pipeline::full_with(
        dateline_actors::ActorsStage::new(lex),
        events,
    ))
}

/// Records processed together; bounds memory while keeping all threads busy.
const BATCH: usize = 256;

struct Out<W: Write> {
    w: W,
    failed: usize,
    total: usize,
    /// Flush after every record (a stream on stdin: its reader waits for each answer).
    flush_each: bool,
}

impl<W: Write> Out<W> {
    fn write(&mut self, json: &str, ok: bool) -> Result<()> {
        self.total += 1;
        if !ok {
            self.failed += 1;
        }
        self.w.write_all(json.as_bytes())?;
        self.w.write_all(b"\n")?;
        if self.flush_each {
            self.w.flush()?;
        }
        Ok(())
    }
}

pub fn run(a: Args) -> Result<ExitCode> {
    let threads = a.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let pipeline = build_pipeline(&a)?;
    let stdout = std::io::stdout();
    let reads_stdin = a.jsonl.as_ref().is_some_and(|p| p.as_os_str() == "-")
        || a.input_list
        || a.inputs.iter().any(|i| i == "-");
    let mut out = Out {
        w: BufWriter::with_capacity(1 << 20, stdout.lock()),
        failed: 0,
        total: 0,
        flush_each: reads_stdin,
    };
    if let Some(jsonl) = &a.jsonl {
        run_jsonl(jsonl, reads_stdin, &pool, &pipeline, &mut out)?;
    } else if a.input_list {
        let stdin = std::io::stdin();
        let paths = stdin
            .lock()
            .lines()
            .map_while(|l| l.ok())
            .filter(|l| !l.trim().is_empty());
        let records = paths.flat_map(|p| dateline_ingest::read_inputs(&[p.trim().to_string()]));
        run_records(records, &pool, &pipeline, &mut out)?;
    } else if !a.inputs.is_empty() {
        run_records(
            dateline_ingest::read_inputs(&a.inputs),
            &pool,
            &pipeline,
            &mut out,
        )?;
    } else {
        anyhow::bail!("nothing to read: give --jsonl FILE, input paths or URLs, or --input-list");
    }
    out.w.flush()?;
    if out.failed > 0 {
        eprintln!(
            "dateline extract: {} of {} records failed (see their `error` field)",
            out.failed, out.total
        );
        if a.strict {
            return Ok(ExitCode::from(2));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_jsonl<W: Write>(
    path: &PathBuf,
    stdin: bool,
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline,
    out: &mut Out<W>,
) -> Result<()> {
    let input: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
        )
    };
    let total_bytes = if stdin {
        0
    } else {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    };
    let bar = progress_bar(total_bytes);
    let mut reader = BufReader::with_capacity(1 << 20, input);
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
        // on a stream, do not wait for a full batch when no more input is ready
        let idle = stdin && reader.buffer().is_empty();
        if batch.len() >= BATCH || ((n == 0 || idle) && !batch.is_empty()) {
            let results: Vec<(String, bool)> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|(ln, line)| process_line(pipeline, line, *ln))
                    .collect()
            });
            for (json, ok) in results {
                out.write(&json, ok)?;
            }
            out.w.flush()?;
            batch.clear();
        }
        if n == 0 {
            break;
        }
    }
    bar.finish_and_clear();
    Ok(())
}

fn run_records<W: Write>(
    records: impl Iterator<Item = Result<SourceRecord, IngestError>>,
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline,
    out: &mut Out<W>,
) -> Result<()> {
    let mut batch: Vec<Result<SourceRecord, IngestError>> = Vec::with_capacity(BATCH);
    let mut n = 0usize;
    let mut records = records.peekable();
    loop {
        let next = records.next();
        let end = next.is_none();
        if let Some(r) = next {
            batch.push(r);
        }
        // one worker: process (and write) each record as it arrives (slow URLs, streams)
        let flush_now = pool.current_num_threads() == 1;
        if batch.len() >= BATCH || (end || flush_now) && !batch.is_empty() {
            let results: Vec<(String, bool)> = pool.install(|| {
                batch
                    .par_drain(..)
                    .enumerate()
                    .map(|(i, r)| match r {
                        Ok(rec) => process_record(pipeline, rec),
                        Err(e) => {
                            let id = e
                                .origin()
                                .map_or_else(|| format!("input-{}", n + i + 1), str::to_string);
                            (error_json(&id, &e.to_string()), false)
                        }
                    })
                    .collect()
            });
            n += results.len();
            for (json, ok) in results {
                out.write(&json, ok)?;
            }
            out.w.flush()?;
        }
        if end {
            break;
        }
    }
    Ok(())
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

/// Runs the pipeline over one ingested record: its output JSON, `false` when it failed.
pub fn process_record(pipeline: &Pipeline, rec: SourceRecord) -> (String, bool) {
    let mut doc = Document::from_record(rec);
    finish(pipeline, &mut doc)
}

fn finish(pipeline: &Pipeline, doc: &mut Document) -> (String, bool) {
    match pipeline.run(doc) {
        Ok(()) => match doc.output_json() {
            Ok(s) => (s, true),
            Err(e) => (
                error_json(&doc.id, &format!("cannot serialise output: {e}")),
                false,
            ),
        },
        Err(e) => (error_json(&doc.id, &e.to_string()), false),
    }
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
    finish(pipeline, &mut doc)
}

fn error_json(id: &str, msg: &str) -> String {
    serde_json::to_string(&ErrorRecord::new(id, msg))
        .unwrap_or_else(|_| format!("{{\"error\":{msg:?}}}"))
}
