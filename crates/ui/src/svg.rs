//! Server-side SVG charts: event timelines, date histograms and actor networks.
//!
//! Charts carry `<title>` elements for screen readers and tooltips, and use colours that keep a
//! contrast ratio of at least 3:1 against the white background.
use crate::annotate::escape;
use serde::Serialize;
use std::fmt::Write;

/// Colour of a CAMEO quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal
/// conflict, 4 material conflict; anything else (co-mentions) is grey.
pub fn quad_colour(q: u8) -> &'static str {
    match q {
        1 => "#1f6fb2",
        2 => "#1b7f3b",
        3 => "#b35900",
        4 => "#c0262d",
        _ => "#6b7280",
    }
}

pub fn quad_name(q: u8) -> &'static str {
    match q {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "co-mention",
    }
}

/// One day (or week) of an actor's events.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TimePoint {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub as_source: u32,
    pub as_target: u32,
}

const W: f64 = 720.0;
const H: f64 = 220.0;
const PAD_L: f64 = 40.0;
const PAD_R: f64 = 16.0;
const PAD_T: f64 = 16.0;
const PAD_B: f64 = 40.0;

/// A timeline of events as source and as target; one point (circle) per date and series.
pub fn timeline(points: &[TimePoint]) -> String {
    let mut pts: Vec<&TimePoint> = points.iter().collect();
    pts.sort_by(|a, b| a.date.cmp(&b.date));
    let max = pts
        .iter()
        .map(|p| p.as_source.max(p.as_target))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = pts.len();
    let x = |i: usize| {
        if n <= 1 {
            PAD_L + (W - PAD_L - PAD_R) / 2.0
        } else {
            PAD_L + (W - PAD_L - PAD_R) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: u32| H - PAD_B - (H - PAD_T - PAD_B) * v as f64 / max;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart timeline" viewBox="0 0 {W} {H}" role="img" aria-labelledby="tl-title" xmlns="http://www.w3.org/2000/svg"><title id="tl-title">Events over time: as source and as target</title>"#
    );
    axes(&mut s, max);
    if n == 0 {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle" class="muted">No events</text>"#,
            W / 2.0,
            H / 2.0
        );
    }
    for (series, colour, get) in [
        (
            "as source",
            "#1f6fb2",
            (|p: &TimePoint| p.as_source) as fn(&TimePoint) -> u32,
        ),
        ("as target", "#c0262d", |p: &TimePoint| p.as_target),
    ] {
        if n > 1 {
            let path: Vec<String> = pts
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(get(p))))
                .collect();
            let _ = write!(
                s,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
                path.join(" ")
            );
        }
        for (i, p) in pts.iter().enumerate() {
            let v = get(p);
            let _ = write!(
                s,
                r#"<circle class="point" cx="{:.1}" cy="{:.1}" r="4" fill="{colour}"><title>{} {series}: {v}</title></circle>"#,
                x(i),
                y(v),
                escape(&p.date)
            );
        }
    }
    // first and last date labels
    if let (Some(first), Some(last)) = (pts.first(), pts.last()) {
        let _ = write!(
            s,
            r#"<text x="{PAD_L}" y="{}" class="axis-label">{}</text>"#,
            H - 12.0,
            escape(&first.date)
        );
        if n > 1 {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" text-anchor="end" class="axis-label">{}</text>"#,
                W - PAD_R,
                H - 12.0,
                escape(&last.date)
            );
        }
    }
    let _ = write!(
        s,
        r##"<g class="legend"><circle cx="{0}" cy="10" r="4" fill="#1f6fb2"/><text x="{1}" y="14">as source</text><circle cx="{2}" cy="10" r="4" fill="#c0262d"/><text x="{3}" y="14">as target</text></g></svg>"##,
        W - 190.0,
        W - 182.0,
        W - 100.0,
        W - 92.0
    );
    s
}

fn axes(s: &mut String, max: f64) {
    let _ = write!(
        s,
        "<line x1=\"{PAD_L}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" class=\"axis\"/><line x1=\"{PAD_L}\" y1=\"{PAD_T}\" x2=\"{PAD_L}\" y2=\"{0}\" class=\"axis\"/><text x=\"{2}\" y=\"{3}\" text-anchor=\"end\" class=\"axis-label\">{4}</text><text x=\"{2}\" y=\"{0}\" text-anchor=\"end\" class=\"axis-label\">0</text>",
        H - PAD_B,
        W - PAD_R,
        PAD_L - 6.0,
        PAD_T + 4.0,
        max as u64
    );
}

/// A bar histogram, e.g. documents per day for the search facets. Each bar links to `href(label)`
/// when `link_prefix` is given (the label is appended, URL-encoded by the caller).
pub fn histogram(bins: &[(String, u64)], link_prefix: Option<&str>) -> String {
    let (w, h) = (300.0, 80.0);
    let max = bins.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let n = bins.len().max(1) as f64;
    let bw = w / n;
    let mut s = format!(
        r#"<svg class="chart histogram" viewBox="0 0 {w} {h}" role="img" aria-label="Documents over time" xmlns="http://www.w3.org/2000/svg">"#
    );
    for (i, (label, c)) in bins.iter().enumerate() {
        let bh = (h - 4.0) * *c as f64 / max;
        let rect = format!(
            r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="#1f6fb2"><title>{}: {c}</title></rect>"##,
            i as f64 * bw + 0.5,
            h - bh,
            (bw - 1.0).max(0.5),
            bh,
            escape(label)
        );
        match link_prefix {
            Some(p) => {
                let _ = write!(s, r#"<a href="{}{}">{rect}</a>"#, escape(p), escape(label));
            }
            None => s.push_str(&rect),
        }
    }
    s.push_str("</svg>");
    s
}

#[derive(Debug, Clone, Serialize)]
pub struct NetNode {
    pub id: String,
    pub label: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetEdge {
    pub a: String,
    pub b: String,
    pub weight: f64,
    /// CAMEO quad class of the dominant interaction (0 = co-mention only).
    pub quad: u8,
}

/// An actor–actor network laid out by a deterministic force-directed layout
/// (Fruchterman–Reingold, fixed initial circle), edges coloured by quad class; nodes link to
/// their actor pages.
pub fn network(nodes: &[NetNode], edges: &[NetEdge]) -> String {
    let (w, h) = (760.0f64, 520.0f64);
    let n = nodes.len();
    let idx = |id: &str| nodes.iter().position(|x| x.id == id);
    let e: Vec<(usize, usize, &NetEdge)> = edges
        .iter()
        .filter_map(|ed| Some((idx(&ed.a)?, idx(&ed.b)?, ed)))
        .filter(|(a, b, _)| a != b)
        .collect();
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let t = i as f64 / n.max(1) as f64 * std::f64::consts::TAU;
            (w / 2.0 + 0.35 * w * t.cos(), h / 2.0 + 0.35 * h * t.sin())
        })
        .collect();
    let k = ((w * h) / n.max(1) as f64).sqrt() * 0.6;
    let mut temp = w / 8.0;
    for _ in 0..250 {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for (a, b, _) in &e {
            let (dx, dy) = (pos[*a].0 - pos[*b].0, pos[*a].1 - pos[*b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d * d / k;
            disp[*a].0 -= dx / d * f;
            disp[*a].1 -= dy / d * f;
            disp[*b].0 += dx / d * f;
            disp[*b].1 += dy / d * f;
        }
        for i in 0..n {
            let (dx, dy) = disp[i];
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            pos[i].0 = (pos[i].0 + dx / d * d.min(temp)).clamp(40.0, w - 40.0);
            pos[i].1 = (pos[i].1 + dy / d * d.min(temp)).clamp(30.0, h - 30.0);
        }
        temp *= 0.98;
    }
    let maxw = edges.iter().map(|e| e.weight).fold(1.0, f64::max);
    let maxn = nodes.iter().map(|x| x.weight).fold(1.0, f64::max);
    let mut s = format!(
        r#"<svg class="chart network" viewBox="0 0 {w} {h}" role="img" aria-label="Actor network" xmlns="http://www.w3.org/2000/svg">"#
    );
    for (a, b, ed) in &e {
        let _ = write!(
            s,
            r#"<line class="edge quad-{q}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}" stroke-opacity="0.75"><title>{} – {}: {} ({})</title></line>"#,
            pos[*a].0,
            pos[*a].1,
            pos[*b].0,
            pos[*b].1,
            quad_colour(ed.quad),
            1.0 + 5.0 * ed.weight / maxw,
            escape(&nodes[*a].label),
            escape(&nodes[*b].label),
            ed.weight,
            quad_name(ed.quad),
            q = ed.quad
        );
    }
    for (i, node) in nodes.iter().enumerate() {
        let r = 5.0 + 10.0 * (node.weight / maxn).sqrt();
        let _ = write!(
            s,
            r##"<a href="/actors/{}"><circle class="node" cx="{:.1}" cy="{:.1}" r="{:.1}" fill="#fff" stroke="#1f2937" stroke-width="1.5"><title>{}</title></circle><text x="{:.1}" y="{:.1}" text-anchor="middle" class="node-label">{}</text></a>"##,
            escape(&node.id),
            pos[i].0,
            pos[i].1,
            r,
            escape(&node.label),
            pos[i].0,
            pos[i].1 - r - 4.0,
            escape(&node.label)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_has_a_point_per_date_and_series() {
        let pts = vec![
            TimePoint {
                date: "2015-09-01".into(),
                as_source: 3,
                as_target: 1,
            },
            TimePoint {
                date: "2015-08-31".into(),
                as_source: 0,
                as_target: 2,
            },
        ];
        let svg = timeline(&pts);
        assert_eq!(svg.matches("<circle class=\"point\"").count(), 4);
        assert!(svg.find("2015-08-31").unwrap() < svg.rfind("2015-09-01").unwrap());
    }

    #[test]
    fn empty_inputs_render() {
        assert!(timeline(&[]).contains("No events"));
        assert!(histogram(&[], None).starts_with("<svg"));
        assert!(network(&[], &[]).ends_with("</svg>"));
    }

    #[test]
    fn network_is_deterministic_and_escaped() {
        let nodes = vec![
            NetNode {
                id: "a".into(),
                label: "A<&>".into(),
                weight: 2.0,
            },
            NetNode {
                id: "b".into(),
                label: "B".into(),
                weight: 1.0,
            },
        ];
        let edges = vec![NetEdge {
            a: "a".into(),
            b: "b".into(),
            weight: 3.0,
            quad: 4,
        }];
        let s1 = network(&nodes, &edges);
        assert_eq!(s1, network(&nodes, &edges));
        assert!(s1.contains("A&lt;&amp;&gt;"));
        assert!(s1.contains("#c0262d"));
    }
}
