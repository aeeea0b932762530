use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A publication time as the page gave it: a local date-time with the page's own UTC offset,
/// or only a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    DateTime { local: DateTime, offset: Offset },
    Date(Date),
}

impl Published {
    pub fn date(&self) -> Date {
        match self {
            Published::DateTime { local, .. } => local.date(),
            Published::Date(d) => *d,
        }
    }

    /// Parse an RFC 3339 timestamp ("2015-09-01T12:51:00+05:30", "...Z"), a date-time without
    /// offset (taken as UTC) or a plain date ("2015-09-01").
    pub fn parse(s: &str) -> Option<Published> {
        let s = s.trim();
        if s.len() < 10 {
            return None;
        }
        if let Ok(z) = s.parse::<jiff::Timestamp>() {
            // keep the literal offset the string carried
            let offset = parse_trailing_offset(s).unwrap_or(Offset::UTC);
            let local = offset.to_datetime(z);
            return Some(Published::DateTime { local, offset });
        }
        if let Ok(dt) = s.parse::<DateTime>() {
            if s.len() > 10 {
                return Some(Published::DateTime {
                    local: dt,
                    offset: Offset::UTC,
                });
            }
        }
        s.get(..10)?.parse::<Date>().ok().map(Published::Date)
    }
}

fn parse_trailing_offset(s: &str) -> Option<Offset> {
    if s.ends_with('Z') || s.ends_with('z') {
        return Some(Offset::UTC);
    }
    let tail = s.get(s.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h: i32 = tail.get(1..3)?.parse().ok()?;
    let m: i32 = tail.get(4..6)?.parse().ok()?;
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Date(d) => write!(f, "{d}"),
            Published::DateTime { local, offset } => {
                write!(f, "{}", local.strftime("%Y-%m-%dT%H:%M:%S"))?;
                let secs = offset.seconds();
                if secs == 0 {
                    return write!(f, "+00:00");
                }
                let sign = if secs < 0 { '-' } else { '+' };
                let a = secs.abs();
                write!(f, "{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
            }
        }
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Published::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date or RFC 3339 time: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_pages_offset() {
        let p = Published::parse("2015-09-01T12:51:00+05:30").unwrap();
        assert_eq!(p.to_string(), "2015-09-01T12:51:00+05:30");
        let p = Published::parse("2015-09-01T07:21:00Z").unwrap();
        assert_eq!(p.to_string(), "2015-09-01T07:21:00+00:00");
    }

    #[test]
    fn plain_date() {
        let p = Published::parse("2015-09-01").unwrap();
        assert_eq!(p.to_string(), "2015-09-01");
        assert!(Published::parse("garbage").is_none());
        assert!(Published::parse("").is_none());
    }
}
