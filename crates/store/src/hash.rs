//! Stable hashes for deduplication: FNV-1a content hashes, 64-bit simhash over word shingles,
//! and URL canonicalisation. These values are persisted, so they must never depend on the Rust
//! version or on random state (unlike `std`'s `DefaultHasher`).

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// A well-mixed 64-bit hash of a word (FNV-1a followed by a splitmix finaliser, so that
/// neighbouring bits are independent, as simhash needs).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Words of the text, lower-cased, letters and digits only.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// Content hash of a document's clean text: whitespace and case insensitive, so that a copy
/// that only differs in line wrapping hashes the same.
pub fn content_hash(text: &str) -> i64 {
    let mut h = FNV_OFFSET;
    for w in words(text) {
        for &b in w.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
        h ^= u64::from(b' ');
        h = h.wrapping_mul(FNV_PRIME);
    }
    h as i64
}

/// Simhash (Charikar) of the text's 3-word shingles. Near-duplicate texts (the same wire story
/// with a different headline, byline or a trimmed last paragraph) differ in few bits.
pub fn simhash(text: &str) -> i64 {
    let ws: Vec<u64> = words(text).map(|w| fnv1a(w.as_bytes())).collect();
    let mut acc = [0i32; 64];
    let mut n = 0usize;
    let mut add = |h: u64| {
        let h = mix(h);
        for (i, a) in acc.iter_mut().enumerate() {
            if (h >> i) & 1 == 1 {
                *a += 1;
            } else {
                *a -= 1;
            }
        }
    };
    if ws.len() < 3 {
        for &w in &ws {
            add(w);
            n += 1;
        }
    } else {
        for win in ws.windows(3) {
            if let [a, b, c] = win {
                add(a.rotate_left(1) ^ b.rotate_left(17) ^ c.rotate_left(33));
                n += 1;
            }
        }
    }
    if n == 0 {
        return 0;
    }
    let mut out = 0u64;
    for (i, a) in acc.iter().enumerate() {
        if *a > 0 {
            out |= 1 << i;
        }
    }
    out as i64
}

/// Number of differing bits.
pub fn hamming(a: i64, b: i64) -> u32 {
    (a ^ b).count_ones()
}

/// The four 16-bit bands of a simhash. Two hashes within Hamming distance 3 share at least one
/// band exactly (pigeonhole), so an index on the bands finds every near-duplicate candidate.
pub fn bands(h: i64) -> [i64; 4] {
    let u = h as u64;
    [
        (u & 0xffff) as i64,
        ((u >> 16) & 0xffff) as i64,
        ((u >> 32) & 0xffff) as i64,
        ((u >> 48) & 0xffff) as i64,
    ]
}

/// Tracking parameters dropped from URLs.
fn is_tracking_param(k: &str) -> bool {
    let k = k.to_ascii_lowercase();
    k.starts_with("utm_")
        || matches!(
            k.as_str(),
            "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ref" | "cmpid" | "ocid" | "smid" | "src"
        )
}

/// Canonical form of an article URL: lower-case scheme and host, no `www.`, no default port,
/// no fragment, no tracking parameters, no trailing slash; `http` and `https` are the same.
/// Returns `None` for something that is not an http(s) URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..)?
    } else if lower.starts_with("http://") {
        url.get(7..)?
    } else {
        return None;
    };
    let rest = rest.split('#').next().unwrap_or("");
    let (hostport, path_query) = match rest.find(['/', '?']) {
        Some(i) => (rest.get(..i)?, rest.get(i..)?),
        None => (rest, ""),
    };
    let hostport = hostport.rsplit('@').next().unwrap_or(hostport);
    let mut host = hostport.to_ascii_lowercase();
    if let Some(h) = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
    {
        host = h.to_string();
    }
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    if host.is_empty() {
        return None;
    }
    let (path, query) = match path_query.split_once('?') {
        Some((p, q)) => (p, q),
        None => (path_query, ""),
    };
    let path = path.trim_end_matches('/');
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| !is_tracking_param(p.split('=').next().unwrap_or("")))
        .collect();
    params.sort_unstable();
    let mut out = format!("{host}{path}");
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    const NEAR: u32 = 3;

    #[test]
    fn canonical_urls() {
        assert_eq!(
            canonical_url("https://www.Example.com/a/b/?utm_source=x&id=3#frag").as_deref(),
            Some("example.com/a/b?id=3")
        );
        assert_eq!(
            canonical_url("http://example.com:80/a/b?id=3").as_deref(),
            Some("example.com/a/b?id=3")
        );
        assert_eq!(canonical_url("ftp://x"), None);
        assert_eq!(canonical_url("https://"), None);
    }

    #[test]
    fn content_hash_ignores_spacing_and_case() {
        assert_eq!(content_hash("A  b\nC."), content_hash("a b c"));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
    }

    /// A long article text made of varied pseudo-words.
    fn article(seed: u64, words: usize) -> String {
        let mut x = seed;
        (0..words)
            .map(|_| {
                x = mix(x.wrapping_add(0x9e37_79b9_7f4a_7c15));
                format!("w{}", x % 5000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn simhash_near_duplicates_are_close() {
        let base = article(1, 400);
        let copy = format!("{base} (Reporting by Jane Doe; Editing by John Roe)");
        let other = article(2, 400);
        assert!(hamming(simhash(&base), simhash(&copy)) <= NEAR);
        assert!(hamming(simhash(&base), simhash(&other)) > 12);
    }

    proptest::proptest! {
        #[test]
        fn canonical_url_never_panics(s in "\\PC{0,60}") {
            let _ = canonical_url(&s);
            let _ = canonical_url(&format!("https://{s}"));
        }
    }
}
