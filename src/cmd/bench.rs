//! `dateline bench`: single-thread speed of the NER tagger (tokens/s) and, given a JSONL
//! corpus, of the whole `extract` pipeline (MB/s of article text).
use anyhow::{Context, Result};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL file whose documents the tagger tags (e.g. ../shared/data/ner/conll2003/dev.txt).
    #[arg(long)]
    conll: Option<PathBuf>,
    /// JSONL corpus (optionally .gz) run through the whole pipeline.
    #[arg(long)]
    jsonl: Option<PathBuf>,
    /// Passes over the CoNLL data.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// At most this many JSONL records.
    #[arg(long, default_value_t = 5000)]
    limit: usize,
}

/// CPU time of this thread in seconds (Linux), so that figures hold on a busy machine.
///
/// The file is opened once per thread and re-read in place: opening it for every reading
/// cost about as much as a small stage's work on one document, which the per-stage
/// figures then counted.
#[cfg(unix)]
fn cpu_time() -> Option<f64> {
    use std::os::unix::fs::FileExt;
    thread_local! {
        static STAT: Option<std::fs::File> = std::fs::File::open("/proc/thread-self/schedstat").ok();
    }
    let mut buf = [0u8; 128];
    let n = STAT.with(|f| f.as_ref().and_then(|f| f.read_at(&mut buf, 0).ok()))?;
    let s = std::str::from_utf8(buf.get(..n)?).ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

#[cfg(not(unix))]
fn cpu_time() -> Option<f64> {
    None
}

pub fn run(a: Args) -> Result<ExitCode> {
    let t = Instant::now();
    let model = dateline_ner::embedded_model().context("this build carries no NER model")?;
    println!("model load: {:.3}s", t.elapsed().as_secs_f64());
    if let Some(p) = &a.conll {
        let docs = dateline_ner::train::read_conll(p)?;
        let docs: Vec<Vec<Vec<&str>>> = docs
            .iter()
            .map(|d| {
                d.sents
                    .iter()
                    .map(|s| s.iter().map(|w| w.as_str()).collect())
                    .collect()
            })
            .collect();
        let ntok: usize = docs.iter().flatten().map(|s| s.len()).sum();
        let mut best = f64::INFINITY;
        let mut best_cpu = f64::INFINITY;
        let mut check = 0usize;
        for _ in 0..a.rounds.max(1) {
            let t = Instant::now();
            let c = cpu_time();
            for d in &docs {
                check += model
                    .tag_document(d)
                    .iter()
                    .flatten()
                    .filter(|&&l| l != 0)
                    .count();
            }
            best = best.min(t.elapsed().as_secs_f64());
            if let (Some(c0), Some(c1)) = (c, cpu_time()) {
                best_cpu = best_cpu.min(c1 - c0);
            }
        }
        println!(
            "tagger: {ntok} tokens, best of {}: wall {best:.3}s = {:.0} tokens/s; CPU {best_cpu:.3}s = {:.0} tokens/s (one thread) [{check} entity tokens]",
            a.rounds.max(1),
            ntok as f64 / best,
            ntok as f64 / best_cpu
        );
    }
    if let Some(p) = &a.jsonl {
        let f = std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
        let r: Box<dyn std::io::Read> = if p.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::read::GzDecoder::new(f))
        } else {
            Box::new(f)
        };
        let lines: Vec<String> = std::io::BufReader::new(r)
            .lines()
            .take(a.limit)
            .collect::<Result<_, _>>()?;
        let pipeline = crate::pipeline::full();
        let mut text_bytes = 0usize;
        let t = Instant::now();
        let c0 = cpu_time();
        for (i, l) in lines.iter().enumerate() {
            let (json, _) = crate::cmd::extract::process_line(&pipeline, l.as_bytes(), i + 1);
            text_bytes += json.len().min(l.len());
        }
        let dt = t.elapsed().as_secs_f64();
        let cpu = match (c0, cpu_time()) {
            (Some(a), Some(b)) => b - a,
            _ => f64::NAN,
        };
        let in_bytes: usize = lines.iter().map(|l| l.len()).sum();
        println!(
            "extract: {} records, {:.1} MB of input: wall {dt:.2}s = {:.2} MB/s; CPU {cpu:.2}s = {:.2} MB/s (one thread)",
            lines.len(),
            in_bytes as f64 / 1e6,
            in_bytes as f64 / 1e6 / dt,
            in_bytes as f64 / 1e6 / cpu
        );
        let _ = text_bytes;
        // where the time goes: each stage timed on its own (thread CPU time where available)
        let now = || cpu_time().unwrap_or_else(|| t.elapsed().as_secs_f64());
        let mut per: Vec<(&'static str, f64)> =
            pipeline.stages().iter().map(|s| (s.name(), 0.0)).collect();
        let mut output = 0.0;
        let c0 = cpu_time();
        for (i, l) in lines.iter().enumerate() {
            let Ok(rec) = dateline_ingest::parse_jsonl_record(l.trim(), i + 1) else {
                continue;
            };
            let mut doc = dateline_core::Document::from_record(rec);
            for (k, stage) in pipeline.stages().iter().enumerate() {
                let t0 = now();
                let r = stage.process(&mut doc);
                if let Some(p) = per.get_mut(k) {
                    p.1 += now() - t0;
                }
                if r.is_err() {
                    break;
                }
            }
            let t0 = now();
            let _ = doc.output_json();
            output += now() - t0;
        }
        let cpu2 = match (c0, cpu_time()) {
            (Some(a), Some(b)) => b - a,
            _ => f64::NAN,
        };
        let total: f64 = per.iter().map(|p| p.1).sum::<f64>() + output;
        println!("per stage (CPU time; the run took {cpu2:.2}s CPU in all):");
        for (name, t) in per.iter().chain(std::iter::once(&("output", output))) {
            println!(
                "  {name:10} {:6.1}%  {t:6.3}s  {:8.2} MB/s alone",
                100.0 * t / total,
                in_bytes as f64 / 1e6 / t
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
