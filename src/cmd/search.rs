//! `dateline search QUERY... [--store DIR] [--kind K] [--limit N] [--cursor C] [--json]`.
use anyhow::{Context, Result};
use dateline_store::{Hit, Kind, Page, Query, Store};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The query: free text plus actor:"Jeff Davis", speaker:, org:, place:, code:04,
    /// plover:CONSULT, from:2015-08-01, to:2015-09-30, source:, kind:quotes.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// The store directory.
    #[arg(long, default_value = "dateline-data")]
    store: PathBuf,
    /// documents, quotes or events (default: chosen from the filters).
    #[arg(long)]
    kind: Option<String>,
    /// Results per page (1..=1000).
    #[arg(long, default_value_t = 20, allow_negative_numbers = true)]
    limit: i64,
    /// The `next_cursor` of a previous page.
    #[arg(long)]
    cursor: Option<String>,
    /// JSON output instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let mut q = Query::parse(&a.query.join(" "))?;
    if let Some(k) = &a.kind {
        q.kind = Kind::parse(k)?;
    }
    let page = Page::new(Some(a.limit), a.cursor.as_deref())?;
    let store = Store::open_existing(&a.store)
        .with_context(|| format!("cannot open the store {}", a.store.display()))?;
    let r = store.search(&q, &page)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &r)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (open, close) = if std::io::stdout().is_terminal() {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    if r.hits.is_empty() {
        writeln!(out, "no results")?;
    }
    for h in &r.hits {
        match h {
            Hit::Document(d) => {
                writeln!(
                    out,
                    "#{:<6} {:<10} {}",
                    d.id,
                    d.published.as_deref().unwrap_or("").get(..10).unwrap_or(""),
                    d.title.as_deref().unwrap_or(&d.ext_id)
                )?;
                writeln!(out, "        {}", d.snippet.render(open, close))?;
            }
            Hit::Quote(q) => {
                writeln!(
                    out,
                    "#{:<6} {:<10} {:<8} {}: \u{201c}{}\u{201d}",
                    q.id,
                    q.published.as_deref().unwrap_or("").get(..10).unwrap_or(""),
                    q.kind,
                    q.speaker_name.as_deref().unwrap_or("(unknown)"),
                    q.snippet
                        .render(open, close)
                        .trim_matches(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}'))
                )?;
                writeln!(
                    out,
                    "        in #{} {}",
                    q.doc,
                    q.doc_title.as_deref().unwrap_or("")
                )?;
            }
            Hit::Event(e) => {
                writeln!(
                    out,
                    "#{:<6} {:<10} {} ({}) -[{} {}]-> {}",
                    e.id,
                    e.date.as_deref().unwrap_or(""),
                    e.source.text,
                    e.source.code,
                    e.cameo,
                    e.plover.as_deref().unwrap_or(""),
                    e.target
                        .as_ref()
                        .map(|t| format!("{} ({})", t.text, t.code))
                        .unwrap_or_default()
                )?;
                writeln!(
                    out,
                    "        {}",
                    e.sentence.split_whitespace().collect::<Vec<_>>().join(" ")
                )?;
            }
        }
    }
    if let Some(c) = &r.next_cursor {
        writeln!(out, "more: --cursor {c}")?;
    }
    Ok(ExitCode::SUCCESS)
}
