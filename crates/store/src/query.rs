//! The search query language.
//!
//! ```text
//! query   := item*
//! item    := field ':' value | value
//! value   := word | '"' phrase '"'
//! field   := actor | speaker | org | place | code | plover | from | to | source | kind
//! ```
//!
//! Free words and phrases go to the full-text index (all must match). Field filters:
//! `actor:"Jeff Davis"` (a corpus actor: speaker of a quote, source or target of an event, or
//! mentioned in a document), `speaker:` (quote speaker name, substring), `org:` and `place:`
//! (documents naming that organisation or place), `code:04` (CAMEO code prefix), `plover:CONSULT`,
//! `from:2015-08-01` / `to:2015-09-30` (inclusive; event date for events, publication date
//! otherwise), `source:` (publisher), `kind:documents|quotes|events`.
use crate::StoreError;
use serde::Serialize;

/// What a search returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Decide from the filters: quotes for `actor:`/`speaker:`, events for `code:`/`plover:`,
    /// documents otherwise.
    #[default]
    Auto,
    Documents,
    Quotes,
    Events,
}

impl Kind {
    pub fn parse(s: &str) -> Result<Kind, StoreError> {
        match s.to_ascii_lowercase().as_str() {
            "auto" | "" => Ok(Kind::Auto),
            "documents" | "document" | "docs" | "doc" => Ok(Kind::Documents),
            "quotes" | "quote" => Ok(Kind::Quotes),
            "events" | "event" => Ok(Kind::Events),
            other => Err(StoreError::Query(format!(
                "unknown kind {other:?} (documents, quotes or events)"
            ))),
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Query {
    /// Free words and phrases (each one a phrase for the full-text index).
    pub text: Vec<String>,
    pub actor: Vec<String>,
    pub speaker: Vec<String>,
    pub org: Vec<String>,
    pub place: Vec<String>,
    /// CAMEO code prefixes.
    pub code: Vec<String>,
    pub plover: Vec<String>,
    /// Inclusive `YYYY-MM-DD` bounds.
    pub from: Option<String>,
    pub to: Option<String>,
    pub source: Vec<String>,
    pub kind: Kind,
}

impl Query {
    /// Parses the query language; a clear error for bad syntax.
    pub fn parse(input: &str) -> Result<Query, StoreError> {
        let mut q = Query::default();
        let chars: Vec<char> = input.chars().collect();
        let mut i = 0;
        let err = |m: String| Err(StoreError::Query(m));
        while i < chars.len() {
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            // a field name?
            let start = i;
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_alphabetic() || chars[j] == '_') {
                j += 1;
            }
            let field = if j > start && j < chars.len() && chars[j] == ':' {
                let f: String = chars[start..j].iter().collect::<String>().to_lowercase();
                i = j + 1;
                Some(f)
            } else {
                None
            };
            // the value
            let value: String = if i < chars.len() && chars[i] == '"' {
                let open = i;
                i += 1;
                let vs = i;
                while i < chars.len() && chars[i] != '"' {
                    i += 1;
                }
                if i >= chars.len() {
                    return err(format!(
                        "unterminated quote starting at character {}",
                        open + 1
                    ));
                }
                let v: String = chars[vs..i].iter().collect();
                i += 1;
                v
            } else {
                let vs = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    if chars[i] == '"' {
                        return err(format!(
                            "unexpected quote at character {} (quote whole values: actor:\"Jeff Davis\")",
                            i + 1
                        ));
                    }
                    i += 1;
                }
                chars[vs..i].iter().collect()
            };
            let value = value.trim().to_string();
            if value.is_empty() {
                match field {
                    Some(f) => return err(format!("`{f}:` needs a value")),
                    None => continue,
                }
            }
            match field.as_deref() {
                None => q.text.push(value),
                Some("actor") => q.actor.push(value),
                Some("speaker") => q.speaker.push(value),
                Some("org") => q.org.push(value),
                Some("place") => q.place.push(value),
                Some("code") | Some("cameo") => {
                    if !value.chars().all(|c| c.is_ascii_digit()) || value.len() > 4 {
                        return err(format!("code:{value}: a CAMEO code is 1 to 4 digits"));
                    }
                    q.code.push(value)
                }
                Some("plover") => {
                    if !value.chars().all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_') {
                        return err(format!("plover:{value}: not a PLOVER category"));
                    }
                    q.plover.push(value.to_ascii_uppercase())
                }
                Some("from") => q.from = Some(parse_date("from", &value)?),
                Some("to") => q.to = Some(parse_date("to", &value)?),
                Some("source") => q.source.push(value),
                Some("kind") => q.kind = Kind::parse(&value)?,
                Some(other) => {
                    return err(format!(
                        "unknown field `{other}:` (actor, speaker, org, place, code, plover, from, to, source, kind)"
                    ))
                }
            }
        }
        if let (Some(f), Some(t)) = (&q.from, &q.to) {
            if f > t {
                return err(format!("from:{f} is after to:{t}"));
            }
        }
        Ok(q)
    }

    /// The kind a search returns when the query did not say.
    pub fn effective_kind(&self) -> Kind {
        match self.kind {
            Kind::Auto if !self.code.is_empty() || !self.plover.is_empty() => Kind::Events,
            Kind::Auto if !self.actor.is_empty() || !self.speaker.is_empty() => Kind::Quotes,
            Kind::Auto => Kind::Documents,
            k => k,
        }
    }

    /// The FTS5 match expression for the free text: every word or phrase quoted, so that no
    /// user input is read as FTS syntax.
    pub fn fts_expression(&self) -> Option<String> {
        let parts: Vec<String> = self
            .text
            .iter()
            .map(|t| {
                let clean: String = t
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                clean.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .filter(|t| !t.is_empty())
            .map(|t| format!("\"{t}\""))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" AND "))
    }
}

/// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`, widened to the first or last day).
fn parse_date(field: &str, v: &str) -> Result<String, StoreError> {
    let bad = || {
        StoreError::Query(format!(
            "{field}:{v}: expected a date YYYY-MM-DD (or YYYY-MM, YYYY)"
        ))
    };
    let full = match v.len() {
        4 if field == "from" => format!("{v}-01-01"),
        4 => format!("{v}-12-31"),
        7 if field == "from" => format!("{v}-01"),
        7 => {
            let first: jiff::civil::Date = format!("{v}-01").parse().map_err(|_| bad())?;
            return Ok(first.last_of_month().to_string());
        }
        10 => v.to_string(),
        _ => return Err(bad()),
    };
    let d: jiff::civil::Date = full.parse().map_err(|_| bad())?;
    Ok(d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields_and_phrases() {
        let q = Query::parse(
            r#"haqqani actor:"Jeff Davis" code:04 plover:consult from:2015-08-01 to:2015-09"#,
        )
        .unwrap();
        assert_eq!(q.text, vec!["haqqani"]);
        assert_eq!(q.actor, vec!["Jeff Davis"]);
        assert_eq!(q.code, vec!["04"]);
        assert_eq!(q.plover, vec!["CONSULT"]);
        assert_eq!(q.from.as_deref(), Some("2015-08-01"));
        assert_eq!(q.to.as_deref(), Some("2015-09-30"));
        assert_eq!(q.effective_kind(), Kind::Events);
        assert_eq!(q.fts_expression().as_deref(), Some("\"haqqani\""));
    }

    #[test]
    fn bad_syntax_is_an_error() {
        for bad in [
            r#"actor:"Jeff"#,
            "colour:red",
            "code:abc",
            "from:yesterday",
            "speaker:",
            r#"ab"c"#,
            "from:2015-09-01 to:2015-08-01",
            "kind:tweets",
        ] {
            assert!(Query::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fts_expression_neutralises_syntax() {
        let q = Query::parse(r#""NEAR(a b)" OR* -x"#).unwrap();
        assert_eq!(
            q.fts_expression().as_deref(),
            Some("\"NEAR a b\" AND \"OR\" AND \"x\"")
        );
        assert_eq!(Query::parse("  ").unwrap(), Query::default());
    }

    proptest::proptest! {
        #[test]
        fn parser_never_panics(s in "\\PC{0,80}") {
            let _ = Query::parse(&s);
        }
        #[test]
        fn fields_never_panic(f in "(actor|code|from|to|plover|kind|x):", v in "\\PC{0,20}") {
            let _ = Query::parse(&format!("{f}{v}"));
        }
    }
}
