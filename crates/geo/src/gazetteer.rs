//! The compiled gazetteer (`data/gazetteer.bin`).
//!
//! Built in two steps (see the crate README): `tools/build_gazetteer.py` gathers the sources
//! into a TSV (`E` entries, `N` name → entries, `D` demonym → countries, `W` common words), and
//! `examples/build_gazetteer.rs` compiles that into this sorted binary table. The table is
//! embedded in the binary and read in place: names are found by binary search over sorted
//! keys, so loading only decodes the fixed-size entry records.
use std::collections::HashMap;
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("../data/gazetteer.bin");
/// Country reference points read at load in place of the compiled ones
/// (`tools/country_points.py`): `iso2 TAB lat TAB lon [TAB source]` lines, `#` comments.
static COUNTRY_POINTS: &str = include_str!("../data/country_points.tsv");
const MAGIC: &[u8; 8] = b"DLGAZ\x01\0\0";

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
    fn code(self) -> u8 {
        match self {
            Kind::Country => 0,
            Kind::Continent => 1,
            Kind::Region => 2,
            Kind::Admin1 => 3,
            Kind::Admin2 => 4,
            Kind::City => 5,
        }
    }
    fn from_code(c: u8) -> Option<Kind> {
        Some(match c {
            0 => Kind::Country,
            1 => Kind::Continent,
            2 => Kind::Region,
            3 => Kind::Admin1,
            4 => Kind::Admin2,
            5 => Kind::City,
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
    pub name: &'static str,
    pub lat: f32,
    pub lon: f32,
    /// ISO 3166-1 alpha-2, "" for continents and regions.
    pub country: &'static str,
    /// First-level subdivision name, "" when unknown.
    pub admin1: &'static str,
    pub population: u64,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Fixed-size entry records, decoded on access.
    ents: &'static [u8],
    /// Sorted (key, postings) records, read in place.
    keys: &'static [u8],
    postings: &'static [u8],
    demonyms: &'static [u8],
    common: &'static [u8],
    pool: &'static [u8],
    /// Country code → index of its country entry.
    countries: HashMap<&'static str, u32>,
    /// Hash of every key → its index, and of every word-boundary prefix of a key → PREFIX
    /// (see [`Gazetteer::probe`]); built at load.
    index: HashMap<u64, u32, BuildPass>,
    /// Hashes of the common words and of the demonyms: most look-ups miss, and a miss needs
    /// no binary search.
    common_hashes: std::collections::HashSet<u64, BuildPass>,
    demonym_hashes: std::collections::HashSet<u64, BuildPass>,
    /// Country code → reference point that replaces the compiled one.
    points: HashMap<&'static str, (f32, f32)>,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer data is truncated or not a dateline gazetteer")]
    Format,
    #[error("gazetteer source line {0} is malformed")]
    Line(usize),
}

/// Lower-cases and collapses white space, the key form of every name.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(s, &mut out);
    out
}

/// Whether `key(s) == k`, without allocating.
pub fn key_eq(s: &str, k: &str) -> bool {
    if s.is_ascii() && !s.contains(char::is_whitespace) {
        return s.len() == k.len()
            && s.eq_ignore_ascii_case(k)
            && !k.bytes().any(|b| b.is_ascii_uppercase());
    }
    key(s) == k
}

/// Appends the key form of `s` to `out` (see [`key`]).
pub fn key_into(s: &str, out: &mut String) {
    let base = out.len();
    for w in s.split_whitespace() {
        if out.len() > base {
            out.push(' ');
        }
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
            continue;
        }
        for c in w.chars() {
            match c {
                '\u{2019}' | '\u{2018}' => out.push('\''),
                '\u{2013}' => out.push('-'),
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
}

/// Whether a table of `stride`-byte records, sorted by the pool string each record starts
/// with (a u32 offset), holds `k`. A record that cannot be read ends the search with `false`.
fn sorted_table_has(table: &[u8], stride: usize, pool: &'static [u8], k: &str) -> bool {
    let (mut lo, mut hi) = (0usize, table.len() / stride);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let Some(m) = u32_at(table, mid * stride).and_then(|o| pool_str(pool, o)) else {
            return false;
        };
        match m.cmp(k) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i..i + 4)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn f32_at(b: &[u8], i: usize) -> Option<f32> {
    u32_at(b, i).map(f32::from_bits)
}

/// A string in the pool: u16 length, then UTF-8 bytes.
fn pool_bytes(pool: &'static [u8], off: u32) -> Option<&'static [u8]> {
    let o = off as usize;
    let len = u16::from_le_bytes([*pool.get(o)?, *pool.get(o + 1)?]) as usize;
    pool.get(o + 2..o + 2 + len)
}

/// Index value of a hash that is only a prefix of keys.
const PREFIX: u32 = u32::MAX;
/// Index value of a hash shared by two keys (resolved by binary search).
const COLLISION: u32 = u32::MAX - 1;
/// Flag on a key index: the key is also a word-boundary prefix of a longer key.
const ALSO_PREFIX: u32 = 1 << 31;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

fn fnv(k: &[u8]) -> u64 {
    k.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

/// A byte inside a word: ASCII letters and digits, and every byte of a non-ASCII character.
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The index's keys are already hashes: mix them once more and pass them through.
#[derive(Debug, Default, Clone, Copy)]
struct BuildPass;

#[derive(Debug, Default)]
struct PassHasher(u64);

impl std::hash::Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv_step(self.0, b);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    }
}

impl std::hash::BuildHasher for BuildPass {
    type Hasher = PassHasher;
    fn build_hasher(&self) -> PassHasher {
        PassHasher::default()
    }
}

fn pool_str(pool: &'static [u8], off: u32) -> Option<&'static str> {
    std::str::from_utf8(pool_bytes(pool, off)?).ok()
}

const ENTRY: usize = 28;
const KEYREC: usize = 12;
const DEMREC: usize = 8;

impl Gazetteer {
    /// The embedded gazetteer, decoded once.
    pub fn global() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_bytes(DATA)
                .map(|g| g.with_country_points(COUNTRY_POINTS))
                .unwrap_or_default()
        })
    }

    /// Replaces the points of the countries listed in `tsv` (`iso2 TAB lat TAB lon` lines;
    /// malformed lines are skipped).
    pub fn with_country_points(mut self, tsv: &'static str) -> Gazetteer {
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(cc), Some(lat), Some(lon)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            if let (Ok(lat), Ok(lon)) = (lat.trim().parse::<f32>(), lon.trim().parse::<f32>()) {
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
                    self.points.insert(cc, (lat, lon));
                }
            }
        }
        self
    }

    /// Reads a table written by [`compile`].
    pub fn from_bytes(b: &'static [u8]) -> Result<Gazetteer, GazetteerError> {
        if b.get(..8) != Some(MAGIC.as_slice()) {
            return Err(GazetteerError::Format);
        }
        let h = |i: usize| {
            u32_at(b, 8 + 4 * i)
                .map(|x| x as usize)
                .ok_or(GazetteerError::Format)
        };
        let (ne, nk, np, nd, nc, npool) = (h(0)?, h(1)?, h(2)?, h(3)?, h(4)?, h(5)?);
        let mut at = 8 + 4 * 6;
        let mut take = |len: usize| -> Result<&'static [u8], GazetteerError> {
            let s = b.get(at..at + len).ok_or(GazetteerError::Format)?;
            at += len;
            Ok(s)
        };
        let ents = take(ne * ENTRY)?;
        let keys = take(nk * KEYREC)?;
        let postings = take(np * 4)?;
        let demonyms = take(nd * DEMREC)?;
        let common = take(nc * 4)?;
        let pool = take(npool)?;
        let mut g = Gazetteer {
            ents,
            keys,
            postings,
            demonyms,
            common,
            pool,
            countries: HashMap::new(),
            index: HashMap::default(),
            common_hashes: Default::default(),
            demonym_hashes: Default::default(),
            points: HashMap::new(),
        };
        for i in 0..common.len() / 4 {
            if let Some(w) = u32_at(common, i * 4).and_then(|o| pool_bytes(pool, o)) {
                g.common_hashes.insert(fnv(w));
            }
        }
        for i in 0..demonyms.len() / DEMREC {
            if let Some(w) = u32_at(demonyms, i * DEMREC).and_then(|o| pool_bytes(pool, o)) {
                g.demonym_hashes.insert(fnv(w));
            }
        }
        let nkeys = keys.len() / KEYREC;
        let mut index: HashMap<u64, u32, BuildPass> =
            HashMap::with_capacity_and_hasher(nkeys + nkeys / 2, BuildPass);
        for i in 0..nkeys {
            let Some(k) = g.key_at(i) else { continue };
            // prefixes that end next to a non-alphanumeric byte: where the recogniser's token
            // windows can end ("new", "new york", "côte d'", "u.s")
            let mut h = FNV_OFFSET;
            for (j, &c) in k.iter().enumerate() {
                // (never after a space: a window's key ends with a token)
                if j > 0 && k[j - 1] != b' ' && (!word_byte(k[j - 1]) || !word_byte(c)) {
                    let v = index.entry(h).or_insert(PREFIX);
                    if *v < COLLISION {
                        *v |= ALSO_PREFIX;
                    }
                }
                h = fnv_step(h, c);
            }
            let v = match index.get(&h).copied() {
                None => i as u32,
                Some(PREFIX) => i as u32 | ALSO_PREFIX,
                // two keys with one hash: binary search decides for them
                Some(_) => COLLISION,
            };
            index.insert(h, v);
        }
        g.index = index;
        for (i, r) in ents.chunks_exact(ENTRY).enumerate() {
            if r[0] == Kind::Country.code() && r[1] != 0 {
                let cc: &'static str =
                    std::str::from_utf8(&r[1..3]).map_err(|_| GazetteerError::Format)?;
                g.countries.insert(cc, i as u32);
            }
        }
        Ok(g)
    }

    fn key_at(&self, i: usize) -> Option<&'static [u8]> {
        pool_bytes(self.pool, u32_at(self.keys, i * KEYREC)?)
    }

    /// Index of the first key not less than `k`.
    fn lower_bound(&self, k: &[u8]) -> usize {
        let n = self.keys.len() / KEYREC;
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.key_at(mid) {
                Some(m) if m < k => lo = mid + 1,
                _ => hi = mid,
            }
        }
        lo
    }

    /// Whether some name starts with `prefix` (lets the recogniser stop extending a window).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        let i = self.lower_bound(prefix.as_bytes());
        self.key_at(i)
            .is_some_and(|m| m.starts_with(prefix.as_bytes()))
    }

    /// The index of key `k`, if it is one (a hash look-up; binary search on a hash collision).
    fn find(&self, k: &[u8]) -> Option<usize> {
        match self.index.get(&fnv(k)).copied() {
            None | Some(PREFIX) => None,
            Some(COLLISION) => {
                let i = self.lower_bound(k);
                (self.key_at(i) == Some(k)).then_some(i)
            }
            Some(v) => {
                let i = (v & !ALSO_PREFIX) as usize;
                (self.key_at(i) == Some(k)).then_some(i)
            }
        }
    }

    /// For a token window's key: whether some key starts with it (at a word boundary: the
    /// window can still grow), and whether it is a key itself. Two hash look-ups at most.
    pub fn probe(&self, k: &str) -> (bool, bool) {
        let b = k.as_bytes();
        match self.index.get(&fnv(b)).copied() {
            None => (false, false),
            Some(PREFIX) => (true, false),
            Some(COLLISION) => (self.has_prefix(k), self.find(b).is_some()),
            Some(v) => {
                let exact = self.find(b).is_some();
                (exact || v & ALSO_PREFIX != 0, exact)
            }
        }
    }

    /// The entries of an already-normalised key, without allocating.
    pub fn entries_of<'a>(&'a self, k: &str) -> impl Iterator<Item = Entry> + 'a {
        self.ids_of(k).filter_map(|e| self.entry(e))
    }

    /// The entry indices of an already-normalised key, without allocating.
    pub fn ids_of<'a>(&'a self, k: &str) -> impl Iterator<Item = u32> + 'a {
        let (s, l) = if let Some(i) = self.find(k.as_bytes()) {
            let r = i * KEYREC;
            (
                u32_at(self.keys, r + 4).unwrap_or(0),
                u32_at(self.keys, r + 8).unwrap_or(0),
            )
        } else {
            (0, 0)
        };
        (s..s.saturating_add(l)).filter_map(|p| u32_at(self.postings, p as usize * 4))
    }

    /// Whether a key is a demonym or country adjective ("pakistani").
    pub fn is_demonym_key(&self, k: &str) -> bool {
        if !self.demonym_hashes.contains(&fnv(k.as_bytes())) {
            return false;
        }
        sorted_table_has(self.demonyms, DEMREC, self.pool, k)
    }

    /// Entries whose name (any alternate) is `name`, compared by [`key`].
    pub fn lookup(&self, name: &str) -> Vec<u32> {
        self.lookup_key(&key(name))
    }

    /// Entries for an already-normalised key.
    pub fn lookup_key(&self, k: &str) -> Vec<u32> {
        let Some(i) = self.find(k.as_bytes()) else {
            return Vec::new();
        };
        let r = i * KEYREC;
        let (Some(s), Some(l)) = (u32_at(self.keys, r + 4), u32_at(self.keys, r + 8)) else {
            return Vec::new();
        };
        (s..s.saturating_add(l))
            .filter_map(|p| u32_at(self.postings, p as usize * 4))
            .filter(|&e| (e as usize) < self.len())
            .collect()
    }

    /// Whether any name has this key (no allocation).
    pub fn has_key(&self, k: &str) -> bool {
        self.find(k.as_bytes()).is_some()
    }

    /// Entry `i`, decoded from its record.
    pub fn entry(&self, i: u32) -> Option<Entry> {
        let o = (i as usize).checked_mul(ENTRY)?;
        let r: &'static [u8] = self.ents.get(o..o + ENTRY)?;
        let country: &'static str = if r[1] == 0 {
            ""
        } else {
            std::str::from_utf8(&r[1..3]).ok()?
        };
        let kind = Kind::from_code(r[0])?;
        // only countries take a side-table point: look it up for them alone
        let point = match kind {
            Kind::Country => self.points.get(country).copied(),
            _ => None,
        };
        let (lat, lon) = match point {
            Some(p) => p,
            None => (f32_at(r, 8)?, f32_at(r, 12)?),
        };
        Some(Entry {
            kind,
            geonameid: u32_at(r, 4)?,
            lat,
            lon,
            population: u32_at(r, 16)? as u64,
            name: pool_str(self.pool, u32_at(r, 20)?)?,
            admin1: pool_str(self.pool, u32_at(r, 24)?)?,
            country,
        })
    }

    /// The kind and population of entry `i`, read from its record alone (no name strings):
    /// for the filters that look at nothing else. Some exactly where [`Gazetteer::entry`] is
    /// for a table that [`compile`] wrote (its strings are UTF-8).
    pub fn kind_population(&self, i: u32) -> Option<(Kind, u64)> {
        let o = (i as usize).checked_mul(ENTRY)?;
        let r: &'static [u8] = self.ents.get(o..o + ENTRY)?;
        Some((Kind::from_code(r[0])?, u32_at(r, 16)? as u64))
    }

    /// The country entry for an ISO alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<(u32, Entry)> {
        let i = *self.countries.get(iso2)?;
        Some((i, self.entry(i)?))
    }

    /// Countries a demonym or adjective names ("Pakistani" → PK, "Afghan" → AF).
    pub fn demonym(&self, word: &str) -> Vec<&'static str> {
        let k = key(word);
        let n = self.demonyms.len() / DEMREC;
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let Some(m) = u32_at(self.demonyms, mid * DEMREC).and_then(|o| pool_str(self.pool, o))
            else {
                return Vec::new();
            };
            match m.cmp(k.as_str()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    return u32_at(self.demonyms, mid * DEMREC + 4)
                        .and_then(|o| pool_str(self.pool, o))
                        .map(|v| v.split(',').filter(|c| !c.is_empty()).collect())
                        .unwrap_or_default();
                }
            }
        }
        Vec::new()
    }

    /// Whether a (lower-cased) name is also a common English word ("reading", "mobile").
    pub fn is_common_word(&self, k: &str) -> bool {
        if !self.common_hashes.contains(&fnv(k.as_bytes())) {
            return false;
        }
        sorted_table_has(self.common, 4, self.pool, k)
    }

    /// The most tokens a name is matched over; bounds the recogniser's window.
    pub fn max_name_tokens(&self) -> usize {
        6
    }

    pub fn len(&self) -> usize {
        self.ents.len() / ENTRY
    }

    pub fn is_empty(&self) -> bool {
        self.ents.is_empty()
    }
}

/// Compiles the TSV that `tools/build_gazetteer.py` writes into the binary table.
pub fn compile(tsv: &str) -> Result<Vec<u8>, GazetteerError> {
    let mut pool: Vec<u8> = Vec::new();
    let mut interned: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: &str, pool: &mut Vec<u8>| -> u32 {
        if let Some(&o) = interned.get(s) {
            return o;
        }
        let o = pool.len() as u32;
        let b = s.as_bytes();
        let len = b.len().min(u16::MAX as usize);
        pool.extend_from_slice(&(len as u16).to_le_bytes());
        pool.extend_from_slice(&b[..len]);
        interned.insert(s.to_string(), o);
        o
    };
    let mut ents: Vec<u8> = Vec::new();
    let mut ne = 0u32;
    let mut keys: Vec<(String, Vec<u32>)> = Vec::new();
    let mut dems: Vec<(String, String)> = Vec::new();
    let mut common: Vec<String> = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        let bad = || GazetteerError::Line(n + 1);
        match f.first().copied() {
            Some("E") => {
                if f.len() < 9 {
                    return Err(bad());
                }
                let kind = Kind::parse(f[1]).ok_or_else(bad)?;
                let gid: u32 = f[2].parse().map_err(|_| bad())?;
                let lat: f32 = f[4].parse().map_err(|_| bad())?;
                let lon: f32 = f[5].parse().map_err(|_| bad())?;
                let pop: u64 = f[8].parse().map_err(|_| bad())?;
                let cc = f[6].as_bytes();
                let mut rec = [0u8; ENTRY];
                rec[0] = kind.code();
                if cc.len() == 2 {
                    rec[1] = cc[0];
                    rec[2] = cc[1];
                }
                rec[4..8].copy_from_slice(&gid.to_le_bytes());
                rec[8..12].copy_from_slice(&lat.to_le_bytes());
                rec[12..16].copy_from_slice(&lon.to_le_bytes());
                rec[16..20].copy_from_slice(&(pop.min(u32::MAX as u64) as u32).to_le_bytes());
                rec[20..24].copy_from_slice(&intern(f[3], &mut pool).to_le_bytes());
                rec[24..28].copy_from_slice(&intern(f[7], &mut pool).to_le_bytes());
                ents.extend_from_slice(&rec);
                ne += 1;
            }
            Some("N") => {
                if f.len() < 3 {
                    return Err(bad());
                }
                let ids: Vec<u32> = f[2]
                    .split(',')
                    .filter_map(|x| x.parse().ok())
                    .filter(|&i| i < ne)
                    .collect();
                keys.push((f[1].to_string(), ids));
            }
            Some("D") => {
                if f.len() < 3 {
                    return Err(bad());
                }
                dems.push((f[1].to_string(), f[2].to_string()));
            }
            Some("W") => {
                if f.len() < 2 {
                    return Err(bad());
                }
                common.push(f[1].to_string());
            }
            _ => {}
        }
    }
    keys.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    keys.dedup_by(|a, b| a.0 == b.0);
    dems.sort();
    dems.dedup_by(|a, b| a.0 == b.0);
    common.sort();
    common.dedup();
    let mut krec = Vec::new();
    let mut post: Vec<u8> = Vec::new();
    let mut np = 0u32;
    for (k, ids) in &keys {
        krec.extend_from_slice(&intern(k, &mut pool).to_le_bytes());
        krec.extend_from_slice(&np.to_le_bytes());
        krec.extend_from_slice(&(ids.len() as u32).to_le_bytes());
        for i in ids {
            post.extend_from_slice(&i.to_le_bytes());
            np += 1;
        }
    }
    let mut drec = Vec::new();
    for (k, v) in &dems {
        drec.extend_from_slice(&intern(k, &mut pool).to_le_bytes());
        drec.extend_from_slice(&intern(v, &mut pool).to_le_bytes());
    }
    let mut crec = Vec::new();
    for k in &common {
        crec.extend_from_slice(&intern(k, &mut pool).to_le_bytes());
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for x in [
        ne,
        keys.len() as u32,
        np,
        dems.len() as u32,
        common.len() as u32,
        pool.len() as u32,
    ] {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.extend_from_slice(&ents);
    out.extend_from_slice(&krec);
    out.extend_from_slice(&post);
    out.extend_from_slice(&drec);
    out.extend_from_slice(&crec);
    out.extend_from_slice(&pool);
    Ok(out)
}

/// Great-circle distance in km.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    km_trig((p1, p1.cos()), lon1, (p2, p2.cos()), lon2)
}

/// [`km`] from each latitude in radians with its cosine, computed once for a point that many
/// distances start from: the same figure, with fewer cosines.
pub fn km_trig(a: (f64, f64), lon1: f64, b: (f64, f64), lon2: f64) -> f64 {
    let ((p1, c1), (p2, c2)) = (a, b);
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + c1 * c2 * (dl / 2.0).sin().powi(2);
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
        assert_eq!(g.demonym("Pakistani"), ["PK"]);
        assert!(g.country("AF").is_some());
        assert!(g.lookup("no such place anywhere").is_empty());
    }

    #[test]
    fn key_folds_case_and_space() {
        assert_eq!(key("  New   York "), "new york");
        assert_eq!(key("Côte d’Ivoire"), "côte d'ivoire");
    }

    #[test]
    fn compile_round_trips() {
        let tsv = "E\tP\t1\tAlpha\t1.5\t2.5\tAA\tWest\t100\nE\tC\t2\tBeta\t3\t4\tBB\t\t9\nN\tbeta\t1\nN\talpha\t0,1\nD\tbetan\tBB\nW\tbeta\n";
        let bin: &'static [u8] = Box::leak(compile(tsv).expect("compiles").into_boxed_slice());
        let g = Gazetteer::from_bytes(bin).expect("reads");
        assert_eq!(g.len(), 2);
        assert_eq!(g.lookup("ALPHA"), vec![0, 1]);
        assert_eq!(g.lookup("beta"), vec![1]);
        assert_eq!(g.entry(0).map(|e| e.admin1), Some("West"));
        assert_eq!(g.entry(1).map(|e| e.country), Some("BB"));
        assert!(g.entry(2).is_none());
        assert_eq!(g.demonym("Betan"), ["BB"]);
        assert!(g.is_common_word("beta") && !g.is_common_word("alpha"));
        assert_eq!(g.country("BB").map(|x| x.0), Some(1));
    }

    #[test]
    fn country_points_side_table_replaces_compiled_points() {
        let tsv = "E\tC\t2\tBeta\t3\t4\tBB\t\t9\nE\tP\t1\tAlpha\t1.5\t2.5\tBB\tWest\t100\n";
        let bin: &'static [u8] = Box::leak(compile(tsv).expect("compiles").into_boxed_slice());
        let g = Gazetteer::from_bytes(bin)
            .expect("reads")
            .with_country_points("# comment\nBB\t10.5\t-20\tfactbook\nbad line\nCC\t99\t0\n");
        let c = g.entry(0).expect("country");
        assert_eq!((c.lat, c.lon), (10.5, -20.0));
        // towns keep their own point
        let t = g.entry(1).expect("town");
        assert_eq!((t.lat, t.lon), (1.5, 2.5));
    }

    #[test]
    fn regression_country_points_are_reference_points_not_polygon_centroids() {
        // Indonesia's largest polygon is Borneo: its centroid was 850 km from the atlas point
        // (5S 120E) that news gold uses
        let g = Gazetteer::global();
        let (_, id) = g.country("ID").expect("Indonesia");
        assert!(km(id.lat as f64, id.lon as f64, -5.0, 120.0) < 50.0);
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert!(compile("E\tX\t1\n").is_err());
        assert!(compile("N\tonly-key\n").is_err());
        assert!(Gazetteer::from_bytes(b"not a gazetteer").is_err());
        assert!(Gazetteer::from_bytes(b"DLGAZ\x01\0\0\x05\0\0\0").is_err());
    }
}
