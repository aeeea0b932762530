//! `dateline ner --conll FILE`: writes each CoNLL line back with a predicted IOB2 column.
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL-2003 columns (token first, gold tag last); `-` for standard input.
    #[arg(long)]
    conll: PathBuf,
}

pub fn run(a: Args) -> Result<ExitCode> {
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
    let mut sent: Vec<String> = Vec::new();
    let flush = |sent: &mut Vec<String>, out: &mut BufWriter<_>| -> Result<()> {
        if sent.is_empty() {
            return Ok(());
        }
        let toks: Vec<&str> = sent
            .iter()
            .map(|l| l.split_whitespace().next().unwrap_or(""))
            .collect();
        let tags = dateline_ner::tag_conll_sentence(&toks);
        for (l, t) in sent.iter().zip(tags) {
            writeln!(out, "{l} {t}")?;
        }
        sent.clear();
        Ok(())
    };
    for line in reader.lines() {
        let line = line.context("reading CoNLL input")?;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("-DOCSTART-") {
            flush(&mut sent, &mut out)?;
            writeln!(out, "{line}")?;
        } else {
            sent.push(line);
        }
    }
    flush(&mut sent, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
