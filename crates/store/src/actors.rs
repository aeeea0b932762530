//! Corpus-level actor merging.
//!
//! Each document's actors (and quote speakers, event actors) resolve to one corpus actor:
//! - same kind (places and groups count as one kind) and same normalised name (case, punctuation, a leading "the" ignored), when the
//!   CAMEO codes are compatible (same country root, or one of them unknown);
//! - a one-word person name joins the only compatible multi-word person with that surname;
//! - otherwise a new actor.
//!
//! Two people with the same name but different countries stay apart; a known code fills in a
//! missing one, and titles accumulate.
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Known {
    id: i64,
    kind: String,
    code: Option<String>,
    multiword: bool,
}

/// An in-memory index of the corpus actors, loaded on first use and kept in step by the writer.
#[derive(Debug, Default)]
pub struct ActorIndex {
    loaded: bool,
    by_norm: HashMap<String, Vec<Known>>,
    by_surname: HashMap<String, Vec<Known>>,
}

/// Lower-case words, punctuation dropped, a leading "the" dropped.
pub fn normalise(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first().map(String::as_str) {
        Some("the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

fn country(code: &Option<String>) -> Option<&str> {
    code.as_deref().and_then(|c| c.get(..3))
}

/// Places and groups of the same name are one actor ("U.S." the place, "U.S." the government
/// as a group); a person never merges with either.
fn same_kind(a: &str, b: &str) -> bool {
    a == b || (a != "person" && b != "person")
}

fn compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (country(a), country(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

impl ActorIndex {
    /// Forgets everything (after a rolled-back transaction); reloaded on next use.
    pub fn reset(&mut self) {
        *self = ActorIndex::default();
    }

    fn load(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if self.loaded {
            return Ok(());
        }
        let mut st = conn.prepare("SELECT id, norm, kind, code FROM actors")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (id, norm, kind, code) = row?;
            self.remember(id, &norm, kind, code);
        }
        self.loaded = true;
        Ok(())
    }

    fn remember(&mut self, id: i64, norm: &str, kind: String, code: Option<String>) {
        let multiword = norm.contains(' ');
        let k = Known {
            id,
            kind,
            code,
            multiword,
        };
        if multiword && k.kind == "person" {
            if let Some(last) = norm.rsplit(' ').next() {
                self.by_surname
                    .entry(last.to_string())
                    .or_default()
                    .push(k.clone());
            }
        }
        self.by_norm.entry(norm.to_string()).or_default().push(k);
    }

    /// The corpus actor id for this name, creating the actor when none is compatible.
    pub fn resolve(
        &mut self,
        conn: &Connection,
        name: &str,
        kind: &str,
        code: Option<&str>,
        country_hint: Option<&str>,
        titles: &[String],
    ) -> rusqlite::Result<Option<i64>> {
        self.load(conn)?;
        let norm = normalise(name);
        if norm.is_empty() {
            return Ok(None);
        }
        let code = code.filter(|c| !c.trim().is_empty()).map(str::to_string);
        let found = self
            .by_norm
            .get(&norm)
            .and_then(|v| {
                v.iter()
                    .find(|k| same_kind(&k.kind, kind) && compatible(&k.code, &code))
                    .cloned()
            })
            .or_else(|| {
                if kind != "person" || norm.contains(' ') {
                    return None;
                }
                let c: Vec<&Known> = self
                    .by_surname
                    .get(&norm)?
                    .iter()
                    .filter(|k| k.multiword && compatible(&k.code, &code))
                    .collect();
                (c.len() == 1).then(|| c[0].clone())
            });
        if let Some(k) = found {
            if k.code.is_none() && code.is_some() {
                conn.execute(
                    "UPDATE actors SET code = ?1 WHERE id = ?2 AND code IS NULL",
                    params![code, k.id],
                )?;
                for list in self
                    .by_norm
                    .values_mut()
                    .chain(self.by_surname.values_mut())
                {
                    for e in list.iter_mut().filter(|e| e.id == k.id) {
                        e.code = code.clone();
                    }
                }
            }
            if !titles.is_empty() {
                add_titles(conn, k.id, titles)?;
            }
            return Ok(Some(k.id));
        }
        let country = country_hint
            .map(str::to_string)
            .or_else(|| country(&code).map(str::to_string));
        conn.execute(
            "INSERT INTO actors(name, norm, kind, code, country, titles) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                name.trim(),
                norm,
                kind,
                code,
                country,
                serde_json::to_string(&titles.iter().take(10).collect::<Vec<_>>())
                    .unwrap_or_else(|_| "[]".into())
            ],
        )?;
        let id = conn.last_insert_rowid();
        self.remember(id, &norm, kind.to_string(), code);
        Ok(Some(id))
    }
}

fn add_titles(conn: &Connection, id: i64, titles: &[String]) -> rusqlite::Result<()> {
    let cur: Option<String> = conn
        .query_row("SELECT titles FROM actors WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let mut list: Vec<String> = cur
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let before = list.len();
    for t in titles {
        if list.len() >= 10 {
            break;
        }
        if !list.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            list.push(t.clone());
        }
    }
    if list.len() != before {
        conn.execute(
            "UPDATE actors SET titles = ?1 WHERE id = ?2",
            params![
                serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()),
                id
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_names() {
        assert_eq!(normalise("The  Haqqani-Network"), "haqqani network");
        assert_eq!(normalise("Jeff Davis."), "jeff davis");
        assert_eq!(normalise("..."), "");
    }

    #[test]
    fn merges_by_name_surname_and_code() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::schema::SCHEMA).unwrap();
        let mut ix = ActorIndex::default();
        let a = ix
            .resolve(&conn, "Jeff Davis", "person", Some("USAMIL"), None, &[])
            .unwrap();
        let b = ix
            .resolve(
                &conn,
                "jeff davis",
                "person",
                None,
                None,
                &["spokesman".into()],
            )
            .unwrap();
        let c = ix
            .resolve(&conn, "Davis", "person", None, None, &[])
            .unwrap();
        let d = ix
            .resolve(&conn, "Jeff Davis", "person", Some("GBR"), None, &[])
            .unwrap();
        let e = ix
            .resolve(&conn, "Jeff Davis", "group", None, None, &[])
            .unwrap();
        let us_place = ix
            .resolve(&conn, "U.S.", "place", Some("USA"), None, &[])
            .unwrap();
        let us_group = ix
            .resolve(&conn, "the U.S.", "group", Some("USAGOV"), None, &[])
            .unwrap();
        assert_eq!(us_place, us_group);
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_ne!(a, d);
        assert_ne!(a, e);
        // now two compatible Davises: a bare surname is ambiguous
        let f = ix
            .resolve(&conn, "Ann Davis", "person", None, None, &[])
            .unwrap();
        let g = ix
            .resolve(&conn, "Davis", "person", Some("USA"), None, &[])
            .unwrap();
        assert_ne!(g, a);
        assert_ne!(g, f);
    }
}
