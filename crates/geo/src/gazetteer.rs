//! The compiled gazetteer (`data/gazetteer.tsv.gz`, built by `tools/build_gazetteer.py`).
//!
//! A sorted, gzip-compressed table: entries (`E`), lower-cased names → entries (`N`),
//! demonyms → countries (`D`) and common English words that are also place names (`W`).
//! It is embedded in the binary and decoded once, on first use.
use flate2::read::GzDecoder;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");

/// What a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Country,
    Continent,
    /// A well-known region or body of water ("Middle East", "the Gulf").
    Region,
    /// First-level subdivision ("Punjab", "Bavaria", "Queensland").
    Admin1,
    /// Second-level subdivision ("Bulacan", "Scott County").
    Admin2,
    /// Populated place.
    City,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "C" => Kind::Country,
            "K" => Kind::Continent,
            "R" => Kind::Region,
            "A" => Kind::Admin1,
            "B" => Kind::Admin2,
            "P" => Kind::City,
            _ => return None,
        })
    }
    /// The `feature` string of the output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Continent => "continent",
            Kind::Region => "region",
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::City => "city",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    /// GeoNames id, 0 when the source had none.
    pub geonameid: u32,
    pub name: String,
    pub lat: f32,
    pub lon: f32,
    /// ISO 3166-1 alpha-2, "" for continents and regions.
    pub country: String,
    /// First-level subdivision name, "" when unknown.
    pub admin1: String,
    pub population: u64,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    names: HashMap<String, Vec<u32>>,
    demonyms: HashMap<String, Vec<String>>,
    common: HashSet<String>,
    /// Country code → index of its country entry.
    countries: HashMap<String, u32>,
    max_name_tokens: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer data is not valid gzip/UTF-8: {0}")]
    Io(#[from] std::io::Error),
    #[error("gazetteer line {0} is malformed")]
    Line(usize),
}

/// Lower-cases and collapses white space, the key form of every name.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            match c {
                '\u{2019}' | '\u{2018}' => out.push('\''),
                '\u{2013}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

impl Gazetteer {
    /// The embedded gazetteer, decoded once.
    pub fn global() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::from_gzip(DATA).unwrap_or_default())
    }

    pub fn from_gzip(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let mut text = String::new();
        GzDecoder::new(bytes).read_to_string(&mut text)?;
        Gazetteer::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer::default();
        for (n, line) in text.lines().enumerate() {
            let mut f = line.split('\t');
            match f.next() {
                Some("E") => {
                    let mut next = || f.next().ok_or(GazetteerError::Line(n + 1));
                    let kind = Kind::parse(next()?).ok_or(GazetteerError::Line(n + 1))?;
                    let geonameid = next()?.parse().map_err(|_| GazetteerError::Line(n + 1))?;
                    let name = next()?.to_string();
                    let lat = next()?.parse().map_err(|_| GazetteerError::Line(n + 1))?;
                    let lon = next()?.parse().map_err(|_| GazetteerError::Line(n + 1))?;
                    let country = next()?.to_string();
                    let admin1 = next()?.to_string();
                    let population = next()?.parse().map_err(|_| GazetteerError::Line(n + 1))?;
                    if kind == Kind::Country {
                        g.countries.insert(country.clone(), g.entries.len() as u32);
                    }
                    g.entries.push(Entry {
                        kind,
                        geonameid,
                        name,
                        lat,
                        lon,
                        country,
                        admin1,
                        population,
                    });
                }
                Some("N") => {
                    let (Some(k), Some(ids)) = (f.next(), f.next()) else {
                        return Err(GazetteerError::Line(n + 1));
                    };
                    let ids: Vec<u32> = ids
                        .split(',')
                        .filter_map(|x| x.parse().ok())
                        .filter(|&i: &u32| (i as usize) < g.entries.len())
                        .collect();
                    g.max_name_tokens = g.max_name_tokens.max(k.split(' ').count());
                    g.names.insert(k.to_string(), ids);
                }
                Some("D") => {
                    let (Some(k), Some(cs)) = (f.next(), f.next()) else {
                        return Err(GazetteerError::Line(n + 1));
                    };
                    g.demonyms
                        .insert(k.to_string(), cs.split(',').map(str::to_string).collect());
                }
                Some("W") => {
                    if let Some(k) = f.next() {
                        g.common.insert(k.to_string());
                    }
                }
                _ => {}
            }
        }
        Ok(g)
    }

    /// Entries whose name (any alternate) is `name`, compared by [`key`].
    pub fn lookup(&self, name: &str) -> &[u32] {
        self.lookup_key(&key(name))
    }

    pub fn lookup_key(&self, k: &str) -> &[u32] {
        self.names.get(k).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn entry(&self, i: u32) -> Option<&Entry> {
        self.entries.get(i as usize)
    }

    /// The country entry for an ISO alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<(u32, &Entry)> {
        let i = *self.countries.get(iso2)?;
        Some((i, self.entry(i)?))
    }

    /// Countries a demonym or adjective names ("Pakistani" → PK, "Afghan" → AF).
    pub fn demonym(&self, word: &str) -> &[String] {
        self.demonyms
            .get(&key(word))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Whether a (lower-cased) name is also a common English word ("reading", "mobile").
    pub fn is_common_word(&self, k: &str) -> bool {
        self.common.contains(k)
    }

    /// The most tokens any name has; bounds the recogniser's window.
    pub fn max_name_tokens(&self) -> usize {
        self.max_name_tokens.clamp(1, 8)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Great-circle distance in km.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_gazetteer_loads_and_resolves_core_names() {
        let g = Gazetteer::global();
        assert!(g.len() > 30_000);
        for n in [
            "Islamabad",
            "Kabul",
            "Pakistan",
            "U.S.",
            "Punjab",
            "Bavaria",
            "Europe",
        ] {
            assert!(!g.lookup(n).is_empty(), "{n} missing");
        }
        assert_eq!(g.demonym("Pakistani"), ["PK".to_string()]);
        assert!(g.country("AF").is_some());
    }

    #[test]
    fn key_folds_case_and_space() {
        assert_eq!(key("  New   York "), "new york");
        assert_eq!(key("Côte d’Ivoire"), "côte d'ivoire");
    }

    #[test]
    fn malformed_lines_are_errors_not_panics() {
        assert!(Gazetteer::parse("E\tX\t1\n").is_err());
        assert!(Gazetteer::parse("N\tonly-key\n").is_err());
        let g = Gazetteer::parse("N\tfoo\t7,8\n").unwrap_or_default();
        assert!(g.lookup("foo").is_empty());
    }
}
