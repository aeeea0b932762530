//! `dateline stance --jsonl FILE`: `{id, claim, body}` per line in, `{id, stance}` per line out.
use anyhow::{Context, Result};
use dateline_claims::features::TextRep;
use dateline_claims::StanceModel;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines input (`-` for standard input): `{id, claim, body}` per line.
    #[arg(long)]
    jsonl: PathBuf,
    /// A model file written by `dateline train stance` (default: the shipped model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Also write the four class probabilities.
    #[arg(long)]
    probs: bool,
}

#[derive(serde::Deserialize)]
struct In {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    claim: String,
    #[serde(default)]
    body: String,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let owned;
    let model: &StanceModel = match &a.model {
        Some(p) => {
            owned = StanceModel::load(p).with_context(|| format!("loading {}", p.display()))?;
            &owned
        }
        None => StanceModel::embedded()?,
    };
    let input: Box<dyn Read> = if a.jsonl.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&a.jsonl)
                .with_context(|| format!("cannot open {}", a.jsonl.display()))?,
        )
    };
    let reader = BufReader::with_capacity(1 << 20, input);
    let mut out = BufWriter::new(std::io::stdout().lock());
    // Bodies repeat across claims: preprocess each distinct body once (bounded cache).
    let mut bodies: HashMap<u64, (String, TextRep)> = HashMap::new();
    let mut failed = 0usize;
    for (n, line) in reader.lines().enumerate() {
        let line = line.context("reading input")?;
        if line.trim().is_empty() {
            continue;
        }
        let rec = match serde_json::from_str::<In>(&line) {
            Ok(r) => r,
            Err(e) => {
                failed += 1;
                let v = serde_json::json!({"id": null, "error": format!("line {}: {e}", n + 1)});
                writeln!(out, "{v}")?;
                continue;
            }
        };
        if bodies.len() > 4096 {
            bodies.clear();
        }
        let key = {
            let mut h = dateline_claims::lex::Fx::default();
            std::hash::Hasher::write(&mut h, rec.body.as_bytes());
            std::hash::Hasher::finish(&h)
        };
        let fresh;
        let body = match bodies.get(&key) {
            Some((text, rep)) if *text == rec.body => rep,
            _ => {
                fresh = model.rep(&rec.body);
                bodies.insert(key, (rec.body.clone(), fresh.clone()));
                &fresh
            }
        };
        let s = model.predict_reps(&model.rep(&rec.claim), body);
        let v = if a.probs {
            serde_json::json!({"id": rec.id, "stance": s.stance.as_str(), "probs": {
                "agree": s.probs[0], "disagree": s.probs[1], "discuss": s.probs[2], "unrelated": s.probs[3]}})
        } else {
            serde_json::json!({"id": rec.id, "stance": s.stance.as_str()})
        };
        writeln!(out, "{v}")?;
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("dateline stance: {failed} lines could not be read");
    }
    Ok(ExitCode::SUCCESS)
}
