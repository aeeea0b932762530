//! Prints how long the embedded gazetteer takes to decode: `cargo run --release -p dateline-geo --example load_time`.
fn main() {
    let t = std::time::Instant::now();
    let g = dateline_geo::Gazetteer::global();
    println!(
        "{} entries loaded in {:.1} ms",
        g.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
}
