//! CPU time of the NER stage alone over a JSONL corpus (texts segmented beforehand):
//! `cargo run --release -p dateline-ner --example nerbench -- /tmp/r3k.jsonl [rounds] [tagger
//! rounds]` (the tagger alone as many rounds as the stage unless told).
use std::io::BufRead;

fn cpu_time() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map_or("/tmp/r3k.jsonl", |s| s.as_str());
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let tagger_rounds: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(rounds);
    let Ok(f) = std::fs::File::open(path) else {
        eprintln!("cannot open {path}");
        return;
    };
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for l in std::io::BufReader::new(f).lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&l) else {
            continue;
        };
        let Some(t) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        bytes += l.len();
        let mut d = dateline_core::Document::from_text("x", t);
        d.text = t.to_string();
        dateline_text::segment(&mut d);
        docs.push(d);
    }
    let Some(m) = dateline_ner::embedded_model() else {
        eprintln!("no model");
        return;
    };
    let mb = bytes as f64 / 1e6;
    let mut ents = 0;
    for r in 0..rounds {
        let c = cpu_time();
        for d in docs.iter_mut() {
            dateline_ner::annotate_with(d, Some(m));
            ents += d.entities.len();
        }
        let dt = cpu_time() - c;
        println!(
            "round {r}: ner stage CPU {dt:.3}s = {:.2} MB/s alone",
            mb / dt
        );
    }
    println!("{} docs, {mb:.2} MB, {ents} entities", docs.len());
    // the tagger alone, on the segmenter's tokens
    let toks: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            (0..d.sentences.len())
                .map(|i| {
                    d.sentence_tokens(i)
                        .iter()
                        .map(|t| t.span.text(&d.text))
                        .collect()
                })
                .collect()
        })
        .collect();
    let ntok: usize = toks.iter().flatten().map(|s| s.len()).sum();
    for r in 0..tagger_rounds {
        let c = cpu_time();
        let mut n = 0;
        for d in &toks {
            n += m.tag_document(d).len();
        }
        let dt = cpu_time() - c;
        println!(
            "round {r}: tagger CPU {dt:.3}s = {:.2} MB/s, {:.0} tokens/s [{n}]",
            mb / dt,
            ntok as f64 / dt
        );
    }
}
