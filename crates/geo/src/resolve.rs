//! Toponym resolution: a linear ranker over candidate features (priors and document context),
//! with weights learned from annotated news (`examples/train_ranker.rs`, see the README).
use crate::gazetteer::{km, km_trig, Entry, Gazetteer, Kind};
use crate::recognize::Mention;
use dateline_core::hash::WordMap;
use std::collections::HashMap;

/// Feature names, in vector order.
pub const FEATURES: &[&str] = &[
    "log_pop",
    "is_country",
    "is_continent",
    "is_region",
    "is_admin1",
    "is_admin2",
    "is_city15k",
    "is_town",
    "primary_name",
    "max_pop",
    "dateline_country",
    "doc_country_share",
    "country_named",
    "contained",
    "contains",
    "near_other",
    "admin1_named",
    "pop_rank",
    "area_exact",
    "town_named_like_other_state",
    "town_named_like_own_state",
];
pub const NF: usize = 21;

/// Learned weights (one per feature).
#[derive(Debug, Clone)]
pub struct Weights(pub [f64; NF]);

impl Default for Weights {
    fn default() -> Self {
        // data/ranker.json holds the trained weights; these are the fallback priors.
        let mut w = [0.0; NF];
        w[0] = 4.0; // log_pop
        w[1] = 2.0;
        w[2] = 2.0;
        w[4] = 1.0;
        w[8] = 0.5;
        w[10] = 1.5;
        w[11] = 2.0;
        w[12] = 1.0;
        w[13] = 3.0;
        w[15] = 1.5;
        Weights(w)
    }
}

impl Weights {
    /// The weights shipped in `data/ranker.json`.
    pub fn shipped() -> Weights {
        static J: &str = include_str!("../data/ranker.json");
        Weights::from_json(J).unwrap_or_default()
    }
    pub fn from_json(s: &str) -> Option<Weights> {
        let v: serde_json::Value = serde_json::from_str(s).ok()?;
        let obj = v.get("weights")?.as_object()?;
        if obj.is_empty() {
            return None;
        }
        let mut w = [0.0; NF];
        for (i, name) in FEATURES.iter().enumerate() {
            w[i] = obj.get(*name).and_then(|x| x.as_f64()).unwrap_or(0.0);
        }
        Some(Weights(w))
    }
    pub fn to_json(&self) -> String {
        let m: serde_json::Map<String, serde_json::Value> = FEATURES
            .iter()
            .zip(self.0.iter())
            .map(|(n, w)| (n.to_string(), serde_json::json!((w * 1e4).round() / 1e4)))
            .collect();
        serde_json::to_string_pretty(&serde_json::json!({ "weights": m })).unwrap_or_default()
    }
    pub fn score(&self, f: &[f64; NF]) -> f64 {
        self.0.iter().zip(f.iter()).map(|(a, b)| a * b).sum()
    }
}

/// What the document says about where it is: the dateline place and the places it names.
#[derive(Debug, Default)]
pub struct Context {
    pub dateline_country: Option<String>,
    /// For each mention, its prior-best candidate (index into the gazetteer).
    pub prior_best: Vec<Option<u32>>,
    /// Country code → number of mentions whose prior-best lies there.
    pub country_votes: HashMap<&'static str, usize>,
    /// Countries named outright, with the mention that names them.
    pub countries_named: HashMap<&'static str, usize>,
    /// (mention, country, admin1) named outright.
    pub admin1_named: HashMap<(&'static str, &'static str), usize>,
    /// Per-mention statistics, in mention order.
    pub stats: Vec<MentionStats>,
    /// Each mention's prior-best entry, decoded.
    best_entries: Vec<Option<Entry>>,
    /// Distinct (mention key, prior-best entry) pairs, at most [`MAX_DISTINCT`]: what spatial
    /// minimality compares against (bounded, so long lists of places stay linear).
    distinct: Vec<(String, Entry)>,
    /// For each of `distinct`, its latitude in radians and that latitude's cosine (what every
    /// distance to it starts from, computed once).
    distinct_trig: Vec<(f64, f64)>,
    /// For each mention, the first mention with the same key and candidates (itself when none
    /// comes before): such mentions share every feature but containment.
    first_same: Vec<usize>,
    /// For each mention, its candidates decoded (empty for a mention like an earlier one).
    decoded: Vec<Vec<(u32, Entry)>>,
}

/// For each mention, the index of the first mention with the same key and candidates.
fn first_same(mentions: &[Mention]) -> Vec<usize> {
    let mut seen: WordMap<(&str, &[u32]), usize> = WordMap::default();
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            *seen
                .entry((m.key.as_str(), m.cands.as_slice()))
                .or_insert(i)
        })
        .collect()
}

/// How many distinct places spatial minimality looks at.
pub const MAX_DISTINCT: usize = 256;

/// Per-mention facts the candidate features share (computed once per mention).
#[derive(Debug, Default, Clone)]
pub struct MentionStats {
    pops: Vec<u64>,
    /// Some town is named exactly as the mention.
    city_exact: bool,
    /// (country, admin1) of first-level areas named exactly as the mention.
    states: Vec<(&'static str, &'static str)>,
}

impl MentionStats {
    pub fn new(m: &Mention, gaz: &Gazetteer) -> MentionStats {
        let ents: Vec<(u32, Entry)> = decode(m, gaz);
        MentionStats::of_entries(m, &ents)
    }

    /// The statistics of a mention whose candidates are already decoded.
    fn of_entries(m: &Mention, ents: &[(u32, Entry)]) -> MentionStats {
        let mut st = MentionStats::default();
        for (_, e) in ents {
            st.pops.push(e.population);
            let exact = crate::gazetteer::key_eq(e.name, &m.key);
            if e.kind == Kind::City && exact {
                st.city_exact = true;
            }
            if e.kind == Kind::Admin1 && exact {
                st.states.push((e.country, e.admin1));
            }
        }
        st
    }
}

fn prior_features(m: &Mention, e: &Entry, st: &MentionStats) -> [f64; NF] {
    let mut f = [0.0; NF];
    f[0] = ((e.population as f64) + 1.0).ln() / 20.0;
    match e.kind {
        Kind::Country => f[1] = 1.0,
        Kind::Continent => f[2] = 1.0,
        Kind::Region => f[3] = 1.0,
        Kind::Admin1 => f[4] = 1.0,
        Kind::Admin2 => f[5] = 1.0,
        Kind::City if e.geonameid != 0 => f[6] = 1.0,
        Kind::City => f[7] = 1.0,
    }
    if crate::gazetteer::key_eq(e.name, &m.key) {
        f[8] = 1.0;
    }
    let max = st.pops.iter().copied().max().unwrap_or(0);
    if e.population == max {
        f[9] = 1.0;
    }
    let rank = st.pops.iter().filter(|&&p| p > e.population).count();
    f[17] = 1.0 / (1.0 + rank as f64);
    // an area named outright, with no town of exactly that name ("Mexico", "Chile", "U.S.")
    if matches!(
        e.kind,
        Kind::Country | Kind::Continent | Kind::Admin1 | Kind::Region
    ) && !st.city_exact
    {
        f[18] = 1.0;
    }
    // "Oregon" the town in Ohio vs the state; "São Paulo" the city in its own state
    if e.kind == Kind::City && !st.states.is_empty() {
        if st
            .states
            .iter()
            .any(|(c, a)| *c == e.country && *a == e.admin1)
        {
            f[20] = 1.0;
        } else {
            f[19] = 1.0;
        }
    }
    f
}

/// Prior-only choice for a mention.
pub fn prior_best(m: &Mention, gaz: &Gazetteer, w: &Weights) -> Option<u32> {
    prior_best_with(m, gaz, w, &MentionStats::new(m, gaz))
}

/// [`prior_best`] with the mention's statistics already computed.
fn prior_best_with(m: &Mention, gaz: &Gazetteer, w: &Weights, st: &MentionStats) -> Option<u32> {
    prior_best_of(m, &decode(m, gaz), w, st)
}

/// [`prior_best`] over a mention's decoded candidates.
fn prior_best_of(
    m: &Mention,
    ents: &[(u32, Entry)],
    w: &Weights,
    st: &MentionStats,
) -> Option<u32> {
    ents.iter()
        .map(|(c, e)| (*c, w.score(&prior_features(m, e, st))))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|x| x.0)
}

/// A mention's candidates with their entries (those that decode).
fn decode(m: &Mention, gaz: &Gazetteer) -> Vec<(u32, Entry)> {
    m.cands
        .iter()
        .filter_map(|&c| gaz.entry(c).map(|e| (c, e)))
        .collect()
}

impl Context {
    pub fn build(
        mentions: &[Mention],
        gaz: &Gazetteer,
        w: &Weights,
        dateline_country: Option<String>,
    ) -> Context {
        let mut c = Context {
            dateline_country,
            first_same: first_same(mentions),
            ..Default::default()
        };
        for (i, m) in mentions.iter().enumerate() {
            // a mention like an earlier one has its statistics and prior choice
            let r = c.first_same.get(i).copied().unwrap_or(i);
            let (b, st) = match (c.prior_best.get(r), c.stats.get(r)) {
                (Some(&b), Some(st)) if r < i => (b, st.clone()),
                _ => {
                    let ents = decode(m, gaz);
                    let st = MentionStats::of_entries(m, &ents);
                    let b = prior_best_of(m, &ents, w, &st);
                    c.decoded.push(ents);
                    (b, st)
                }
            };
            if c.decoded.len() <= i {
                c.decoded.push(Vec::new());
            }
            if let Some(e) = b.and_then(|i| gaz.entry(i)) {
                if !e.country.is_empty() {
                    *c.country_votes.entry(e.country).or_default() += 1;
                }
                match e.kind {
                    Kind::Country => *c.countries_named.entry(e.country).or_default() += 1,
                    Kind::Admin1 => *c.admin1_named.entry((e.country, e.admin1)).or_default() += 1,
                    _ => {}
                }
            }
            c.prior_best.push(b);
            c.stats.push(st);
            let be = b.and_then(|i| gaz.entry(i));
            if let Some(e) = &be {
                if c.distinct.len() < MAX_DISTINCT && !c.distinct.iter().any(|(k, _)| *k == m.key) {
                    let lat = (e.lat as f64).to_radians();
                    c.distinct_trig.push((lat, lat.cos()));
                    c.distinct.push((m.key.clone(), e.clone()));
                }
            }
            c.best_entries.push(be);
        }
        c
    }
}

/// All features of candidate `e` of mention `idx`.
pub fn features(
    idx: usize,
    e: &Entry,
    mentions: &[Mention],
    text: &str,
    gaz: &Gazetteer,
    ctx: &Context,
) -> [f64; NF] {
    let mut f = shared_features(idx, e, mentions, gaz, ctx);
    let (next, prev) = neighbours(idx, mentions, text, gaz);
    containment(e, &next, &prev, &mut f);
    f
}

/// The entries of the mentions just after and just before mention `idx` when only a comma
/// separates them ("Pandi, Bulacan"), else empty.
fn neighbours(
    idx: usize,
    mentions: &[Mention],
    text: &str,
    gaz: &Gazetteer,
) -> (Vec<Entry>, Vec<Entry>) {
    let gap = |a: &Mention, b: &Mention| {
        text.get(a.span.end..b.span.start)
            .map(|g| g.trim() == ",")
            .unwrap_or(false)
    };
    let entries = |o: &Mention| o.cands.iter().filter_map(|&c| gaz.entry(c)).collect();
    let Some(m) = mentions.get(idx) else {
        return (Vec::new(), Vec::new());
    };
    let next = match mentions.get(idx + 1) {
        Some(next) if gap(m, next) => entries(next),
        _ => Vec::new(),
    };
    let prev = match idx.checked_sub(1).and_then(|p| mentions.get(p)) {
        Some(prev) if gap(prev, m) => entries(prev),
        _ => Vec::new(),
    };
    (next, prev)
}

/// Containment features: "Pandi, Bulacan" / "Kabul, Afghanistan".
fn containment(e: &Entry, next: &[Entry], prev: &[Entry], f: &mut [f64; NF]) {
    if next.iter().any(|y| contains(y, e)) {
        f[13] = 1.0;
    }
    if prev.iter().any(|x| contains(e, x)) {
        f[14] = 1.0;
    }
}

/// The features of candidate `e` of mention `idx` but containment: the same for every
/// mention with the same key and candidates.
fn shared_features(
    idx: usize,
    e: &Entry,
    mentions: &[Mention],
    gaz: &Gazetteer,
    ctx: &Context,
) -> [f64; NF] {
    let Some(m) = mentions.get(idx) else {
        return [0.0; NF];
    };
    let fallback;
    let st = match ctx.stats.get(idx) {
        Some(s) => s,
        None => {
            fallback = MentionStats::new(m, gaz);
            &fallback
        }
    };
    let mut f = prior_features(m, e, st);
    if !e.country.is_empty() {
        if ctx.dateline_country.as_deref() == Some(e.country) {
            f[10] = 1.0;
        }
        // (the prior-best entry, decoded once in the context)
        let own = ctx
            .best_entries
            .get(idx)
            .and_then(Option::as_ref)
            .is_some_and(|b| b.country == e.country) as usize;
        let votes = ctx
            .country_votes
            .get(e.country)
            .copied()
            .unwrap_or(0)
            .saturating_sub(own);
        let others = mentions.len().saturating_sub(1).max(1);
        f[11] = votes as f64 / others as f64;
        // named elsewhere: the count of mentions naming it, less this mention itself
        let own_best = ctx.best_entries.get(idx).and_then(|b| b.as_ref());
        let own_is = |k: Kind, a: &str| {
            own_best.is_some_and(|b| b.kind == k && b.country == e.country && b.admin1 == a)
        };
        let named = ctx.countries_named.get(e.country).copied().unwrap_or(0);
        if e.kind != Kind::Country && named > own_is(Kind::Country, "") as usize {
            f[12] = 1.0;
        }
        let named = ctx
            .admin1_named
            .get(&(e.country, e.admin1))
            .copied()
            .unwrap_or(0);
        if matches!(e.kind, Kind::City | Kind::Admin2)
            && !e.admin1.is_empty()
            && named > own_is(Kind::Admin1, e.admin1) as usize
        {
            f[16] = 1.0;
        }
    }
    // spatial minimality: close to the other places the document names
    let mut best = f64::MAX;
    let lat = (e.lat as f64).to_radians();
    let here = (lat, lat.cos());
    for ((k, o), &there) in ctx.distinct.iter().zip(&ctx.distinct_trig) {
        if *k == m.key {
            continue;
        }
        if matches!(o.kind, Kind::Continent | Kind::Region) {
            continue;
        }
        // an area is as near as can be to the places inside it
        let inside = contains(e, o) || (e.kind == Kind::Country && o.country == e.country);
        let d = if inside {
            0.0
        } else {
            km_trig(here, e.lon as f64, there, o.lon as f64)
        };
        best = best.min(d);
    }
    if best < f64::MAX {
        f[15] = 1.0 - (1.0 + best).ln() / (20_000f64).ln();
    }
    f
}

/// Whether `outer` contains `inner` (country ⊃ admin1 ⊃ admin2 ⊃ town, by codes and names).
pub fn contains(outer: &Entry, inner: &Entry) -> bool {
    if outer.country.is_empty() || outer.country != inner.country {
        return false;
    }
    match outer.kind {
        Kind::Country => inner.kind != Kind::Country,
        Kind::Admin1 => {
            matches!(inner.kind, Kind::Admin2 | Kind::City) && inner.admin1 == outer.admin1
        }
        Kind::Admin2 => {
            inner.kind == Kind::City
                && inner.admin1 == outer.admin1
                && km(
                    outer.lat as f64,
                    outer.lon as f64,
                    inner.lat as f64,
                    inner.lon as f64,
                ) < 100.0
        }
        _ => false,
    }
}

/// Chooses a candidate for every mention.
pub fn resolve(
    mentions: &[Mention],
    text: &str,
    gaz: &Gazetteer,
    w: &Weights,
    dateline_country: Option<String>,
) -> Vec<Option<u32>> {
    let ctx = Context::build(mentions, gaz, w, dateline_country);
    // each candidate's shared features, kept for the first mention of each (key, candidates)
    // in the order of its decoded candidates: later mentions like it add only containment
    let mut shared: Vec<Vec<[f64; NF]>> = Vec::with_capacity(mentions.len());
    let mut out = Vec::with_capacity(mentions.len());
    let none: &[(u32, Entry)] = &[];
    for (i, m) in mentions.iter().enumerate() {
        let r = ctx
            .first_same
            .get(i)
            .copied()
            .filter(|&r| r < i)
            .unwrap_or(i);
        let ents = ctx.decoded.get(r).map_or(none, Vec::as_slice);
        let own: Vec<[f64; NF]> = if r < i {
            Vec::new()
        } else {
            ents.iter()
                .map(|(_, e)| shared_features(i, e, mentions, gaz, &ctx))
                .collect()
        };
        shared.push(own);
        let feats = shared.get(r).map_or(&[][..], Vec::as_slice);
        let (next, prev) = neighbours(i, mentions, text, gaz);
        let chosen = ents
            .iter()
            .zip(feats)
            .map(|((c, e), f)| {
                let mut f = *f;
                containment(e, &next, &prev, &mut f);
                (*c, w.score(&f))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|x| most_specific(x.0, m, gaz));
        out.push(chosen);
    }
    out
}

/// A city-state or capital district ("Islamabad", "Kabul") is named as an area and as the
/// town at the same spot: the town is the more specific referent of the same point.
fn most_specific(chosen: u32, m: &Mention, gaz: &Gazetteer) -> u32 {
    let Some(e) = gaz.entry(chosen) else {
        return chosen;
    };
    if !matches!(e.kind, Kind::Admin1 | Kind::Admin2) {
        return chosen;
    }
    m.cands
        .iter()
        .filter_map(|&c| gaz.entry(c).map(|x| (c, x)))
        .filter(|(_, x)| {
            x.kind == Kind::City
                && x.country == e.country
                && km(x.lat as f64, x.lon as f64, e.lat as f64, e.lon as f64) < 50.0
        })
        .max_by_key(|(_, x)| x.population)
        .map(|(c, _)| c)
        .unwrap_or(chosen)
}
