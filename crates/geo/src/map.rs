//! Placeholder, replaced below.
pub fn render_world_map(_points: &[(f64, f64, u8)]) -> String {
    String::new()
}
