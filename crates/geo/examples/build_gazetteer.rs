//! Compiles the gazetteer TSV written by `tools/build_gazetteer.py` into `data/gazetteer.bin`:
//!
//!     cargo run --release -p dateline-geo --example build_gazetteer -- \
//!         target/gazetteer.tsv.gz crates/geo/data/gazetteer.bin
use flate2::read::GzDecoder;
use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, out] = args.as_slice() else {
        eprintln!("usage: build_gazetteer GAZETTEER.tsv.gz OUT.bin");
        std::process::exit(2);
    };
    let run = || -> Result<usize, Box<dyn std::error::Error>> {
        let raw = std::fs::read(src)?;
        let mut tsv = String::new();
        GzDecoder::new(raw.as_slice()).read_to_string(&mut tsv)?;
        let bin = dateline_geo::gazetteer::compile(&tsv)?;
        std::fs::write(out, &bin)?;
        Ok(bin.len())
    };
    match run() {
        Ok(n) => eprintln!("wrote {out} ({n} bytes)"),
        Err(e) => {
            eprintln!("build_gazetteer: {e}");
            std::process::exit(1);
        }
    }
}
