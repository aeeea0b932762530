//! Single-thread speed of segmentation and of the geo stage on a JSONL(.gz) corpus:
//! `cargo run --release -p dateline-geo --example geo_speed -- ../shared/data/corpus/reuters21578.jsonl.gz`
use dateline_core::{Document, Stage};
use std::io::Read;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: geo_speed CORPUS.jsonl[.gz]");
        std::process::exit(2);
    };
    let raw = std::fs::read(&path).unwrap_or_default();
    let mut text = String::new();
    if path.ends_with(".gz") {
        let _ = flate2::read::GzDecoder::new(raw.as_slice()).read_to_string(&mut text);
    } else {
        text = String::from_utf8_lossy(&raw).into_owned();
    }
    let docs: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let stage = dateline_geo::GeoStage::default();
    let bytes: usize = docs.iter().map(String::len).sum();
    let (mut seg, mut geo, mut places) = (0f64, 0f64, 0usize);
    for t in &docs {
        let mut d = Document::from_text("x", t.clone());
        d.text = t.clone();
        let a = Instant::now();
        dateline_text::segment(&mut d);
        let b = Instant::now();
        let _ = stage.process(&mut d);
        let c = Instant::now();
        seg += (b - a).as_secs_f64();
        geo += (c - b).as_secs_f64();
        places += d.places.len();
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} docs, {:.1} MB, {} places: segmentation {:.2} MB/s, geo {:.2} MB/s",
        docs.len(),
        mb,
        places,
        mb / seg,
        mb / geo
    );
}
