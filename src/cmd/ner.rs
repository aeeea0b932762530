//! `dateline ner --conll FILE`: writes each CoNLL line back with a predicted IOB2 column.
//! Documents (split at `-DOCSTART-`) are tagged as a whole, so document-level features apply.
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL-2003 columns (token first, gold tag last); `-` for standard input.
    #[arg(long)]
    conll: PathBuf,
    /// A model file from `dateline train ner` instead of the embedded one.
    #[arg(long)]
    model: Option<PathBuf>,
}

/// One input line: a token line (index into the sentence) or a line passed through.
enum Line {
    Pass(String),
    Tok(String),
}

pub fn run(a: Args) -> Result<ExitCode> {
    let model = match &a.model {
        Some(p) => {
            let b = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            Some(
                dateline_ner::Model::load(&b)
                    .with_context(|| format!("loading {}", p.display()))?,
            )
        }
        None => None,
    };
    if model.is_none() && dateline_ner::embedded_model().is_none() {
        eprintln!("dateline: warning: this build carries no NER model; every tag is O");
    }
    let input: Box<dyn std::io::Read> = if a.conll.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&a.conll)
                .with_context(|| format!("cannot open {}", a.conll.display()))?,
        )
    };
    let reader = BufReader::new(input);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut doc: Vec<Line> = Vec::new();
    let flush = |doc: &mut Vec<Line>, out: &mut BufWriter<_>| -> Result<()> {
        // sentences = runs of token lines
        let mut sents: Vec<Vec<&str>> = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        for l in doc.iter() {
            match l {
                Line::Tok(t) => cur.push(t.split_whitespace().next().unwrap_or("")),
                Line::Pass(_) => {
                    if !cur.is_empty() {
                        sents.push(std::mem::take(&mut cur));
                    }
                }
            }
        }
        if !cur.is_empty() {
            sents.push(cur);
        }
        let tags = dateline_ner::tag_conll_document(model.as_ref(), &sents);
        let mut it = tags.into_iter().flatten();
        for l in doc.iter() {
            match l {
                Line::Pass(s) => writeln!(out, "{s}")?,
                Line::Tok(s) => writeln!(out, "{s} {}", it.next().unwrap_or_else(|| "O".into()))?,
            }
        }
        doc.clear();
        Ok(())
    };
    for line in reader.lines() {
        let line = line.context("reading CoNLL input")?;
        let trimmed = line.trim();
        if trimmed.starts_with("-DOCSTART-") {
            flush(&mut doc, &mut out)?;
            doc.push(Line::Pass(line));
        } else if trimmed.is_empty() {
            doc.push(Line::Pass(line));
        } else {
            doc.push(Line::Tok(line));
        }
    }
    flush(&mut doc, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
