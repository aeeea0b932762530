//! An offline SVG world map: Natural Earth 1:110m country outlines (world-atlas 2.0.2, ISC over
//! public-domain data, `data/LICENSE-world-atlas`) in an equirectangular projection, with
//! points coloured by CAMEO quad class.
use serde::Deserialize;
use std::fmt::Write;
use std::sync::OnceLock;

static TOPO: &str = include_str!("../data/countries-110m.json");

/// Width and height of the SVG view box.
pub const WIDTH: f64 = 960.0;
pub const HEIGHT: f64 = 480.0;

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: Objects,
}
#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}
#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}
#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}
#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    arcs: serde_json::Value,
    #[serde(default)]
    properties: Option<serde_json::Value>,
}

/// Projects (lat, lon) to SVG coordinates.
pub fn project(lat: f64, lon: f64) -> (f64, f64) {
    let lon = lon.clamp(-180.0, 180.0);
    let lat = lat.clamp(-90.0, 90.0);
    ((lon + 180.0) / 360.0 * WIDTH, (90.0 - lat) / 180.0 * HEIGHT)
}

fn decode_arcs(t: &Topology) -> Vec<Vec<(f64, f64)>> {
    t.arcs
        .iter()
        .map(|a| {
            let (mut x, mut y) = (0i64, 0i64);
            a.iter()
                .map(|d| {
                    x += d[0];
                    y += d[1];
                    (
                        x as f64 * t.transform.scale[0] + t.transform.translate[0],
                        y as f64 * t.transform.scale[1] + t.transform.translate[1],
                    )
                })
                .collect()
        })
        .collect()
}

fn ring_path(out: &mut String, arcs: &[Vec<(f64, f64)>], ring: &serde_json::Value) {
    let Some(ids) = ring.as_array() else { return };
    let mut first = true;
    for id in ids.iter().filter_map(|v| v.as_i64()) {
        let (idx, rev) = if id >= 0 {
            (id as usize, false)
        } else {
            ((!id) as usize, true)
        };
        let Some(arc) = arcs.get(idx) else { continue };
        let pts: Box<dyn Iterator<Item = &(f64, f64)>> = if rev {
            Box::new(arc.iter().rev())
        } else {
            Box::new(arc.iter())
        };
        for &(lon, lat) in pts {
            let (x, y) = project(lat, lon);
            let _ = write!(out, "{}{:.1},{:.1}", if first { "M" } else { "L" }, x, y);
            first = false;
        }
    }
    if !first {
        out.push('Z');
    }
}

/// The country outlines as SVG `<path>` elements (computed once).
fn country_paths() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| {
        let Ok(t) = serde_json::from_str::<Topology>(TOPO) else {
            return String::new();
        };
        let arcs = decode_arcs(&t);
        let mut out = String::new();
        for g in &t.objects.countries.geometries {
            let polys: Vec<&serde_json::Value> = match g.kind.as_str() {
                "Polygon" => vec![&g.arcs],
                "MultiPolygon" => g
                    .arcs
                    .as_array()
                    .map(|a| a.iter().collect())
                    .unwrap_or_default(),
                _ => continue,
            };
            let mut d = String::new();
            for p in polys {
                for ring in p.as_array().into_iter().flatten() {
                    ring_path(&mut d, &arcs, ring);
                }
            }
            let name = g
                .properties
                .as_ref()
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or("");
            let _ = write!(
                out,
                "<path class=\"country\" d=\"{d}\"><title>{}</title></path>",
                escape(name)
            );
        }
        out
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Colour of a CAMEO quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal
/// conflict, 4 material conflict; anything else grey.
pub fn quad_colour(q: u8) -> &'static str {
    match q {
        1 => "#2c7bb6",
        2 => "#1a9641",
        3 => "#fdae61",
        4 => "#d7191c",
        _ => "#777777",
    }
}

/// A self-contained SVG world map with one dot per `(lat, lon, quad_class)`.
pub fn render_world_map(points: &[(f64, f64, u8)]) -> String {
    let mut s = String::with_capacity(200_000);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" class=\"dateline-map\">\
<style>.country{{fill:#e8e8e8;stroke:#999;stroke-width:0.4}}.pt{{stroke:#fff;stroke-width:0.6;fill-opacity:0.85}}</style>\
<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#f7fbff\"/><g class=\"countries\">"
    );
    s.push_str(country_paths());
    s.push_str("</g><g class=\"points\">");
    for &(lat, lon, q) in points {
        if !lat.is_finite() || !lon.is_finite() {
            continue;
        }
        let (x, y) = project(lat, lon);
        let _ = write!(
            s,
            "<circle class=\"pt q{q}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{}\"/>",
            quad_colour(q)
        );
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_has_countries_and_points() {
        let svg = render_world_map(&[(33.72, 73.04, 4), (34.53, 69.17, 1), (f64::NAN, 0.0, 2)]);
        assert!(svg.starts_with("<svg"));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.matches("class=\"country\"").count() > 150);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("#d7191c"));
        assert!(svg.contains("<title>Pakistan</title>"));
    }

    #[test]
    fn projection_corners() {
        assert_eq!(project(90.0, -180.0), (0.0, 0.0));
        assert_eq!(project(-90.0, 180.0), (WIDTH, HEIGHT));
    }
}
