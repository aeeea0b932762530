//! Relative dates ("yesterday", "on Tuesday", "last week", "two days ago") resolved against the
//! publication date.
use dateline_core::{RelativeDate, Span};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        "Sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn small_number(w: &str) -> Option<i64> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => return w.parse().ok().filter(|n| (1..=60).contains(n)),
    })
}

/// Words of `text` with their byte spans (letters and digits only).
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Days from `pub_day` back to the most recent `wd` (0 when it is that day).
fn days_back(pub_day: Weekday, wd: Weekday) -> i64 {
    i64::from((pub_day.to_monday_zero_offset() - wd.to_monday_zero_offset() + 7) % 7)
}

/// Finds relative date expressions in `text` and resolves them against `published`.
pub fn resolve_relative_dates(text: &str, published: Date) -> Vec<RelativeDate> {
    let ws = words(text);
    let w = |i: usize| -> &str { ws.get(i).and_then(|&(s, e)| text.get(s..e)).unwrap_or("") };
    let lower = |i: usize| w(i).to_ascii_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let cur = lower(i);
        let mut hit: Option<(usize, usize, Option<Date>)> = None; // (first word, last word, date)
        let add = |d: i64| published.checked_add(d.days()).ok();
        match cur.as_str() {
            "yesterday" => hit = Some((i, i, add(-1))),
            "today" | "tonight" => hit = Some((i, i, add(0))),
            "tomorrow" => hit = Some((i, i, add(1))),
            "last" | "next" | "this" => {
                let next = lower(i + 1);
                let sign = match cur.as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                if let Some(wd) = weekday(w(i + 1)) {
                    let back = days_back(published.weekday(), wd);
                    let d = match sign {
                        -1 => -(if back == 0 { 7 } else { back }),
                        1 => (7 - back) % 7 + if back == 0 { 7 } else { 0 },
                        _ => -back,
                    };
                    hit = Some((i, i + 1, add(d)));
                } else {
                    let d = match (next.as_str(), sign) {
                        ("night", -1) => add(-1),
                        ("week", s) => add(7 * s),
                        ("month", s) => published.checked_add((s as i32).months()).ok(),
                        ("year", s) => published.checked_add((s as i32).years()).ok(),
                        ("morning" | "afternoon" | "evening", 0) => add(0),
                        _ => None,
                    };
                    if d.is_some() {
                        hit = Some((i, i + 1, d));
                    }
                }
            }
            _ => {
                if let Some(wd) = weekday(w(i)) {
                    // bare "Tuesday" / "on Tuesday": the most recent such day, that day included
                    let prev = if i > 0 { lower(i - 1) } else { String::new() };
                    let named_day = matches!(
                        prev.as_str(),
                        "super" | "good" | "black" | "cyber" | "ash" | "holy" | "easter" | "bloody"
                    );
                    if !named_day {
                        hit = Some((i, i, add(-days_back(published.weekday(), wd))));
                    }
                } else if let Some(n) = small_number(&cur) {
                    // "two days ago", "a week ago"
                    let unit = lower(i + 1);
                    if lower(i + 2) == "ago" {
                        let d = match unit.as_str() {
                            "day" | "days" => add(-n),
                            "week" | "weeks" => add(-7 * n),
                            "month" | "months" => published.checked_add((-n).months()).ok(),
                            "year" | "years" => published.checked_add((-n).years()).ok(),
                            _ => None,
                        };
                        if d.is_some() {
                            hit = Some((i, i + 2, d));
                        }
                    }
                }
            }
        }
        match hit {
            Some((a, b, Some(d))) => {
                let (Some(&(s, _)), Some(&(_, e))) = (ws.get(a), ws.get(b)) else {
                    break;
                };
                out.push(RelativeDate {
                    span: Span::new(s, e),
                    text: text.get(s..e).unwrap_or("").to_string(),
                    resolves_to: d.to_string(),
                });
                i = b + 1;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str, pubd: &str) -> Vec<(String, String)> {
        let d: Date = pubd.parse().unwrap();
        resolve_relative_dates(text, d)
            .into_iter()
            .map(|r| (r.text, r.resolves_to))
            .collect()
    }

    #[test]
    fn yesterday_in_the_seed_story() {
        assert_eq!(
            r("Toner told reporters yesterday.", "2015-09-01"),
            vec![("yesterday".into(), "2015-08-31".into())]
        );
    }

    #[test]
    fn weekdays_and_weeks() {
        // 2015-09-01 was a Tuesday
        let got = r(
            "On Monday he left; on Tuesday he spoke; last Tuesday too. Next Friday, last week, two days ago. Super Tuesday.",
            "2015-09-01",
        );
        assert_eq!(
            got,
            vec![
                ("Monday".into(), "2015-08-31".into()),
                ("Tuesday".into(), "2015-09-01".into()),
                ("last Tuesday".into(), "2015-08-25".into()),
                ("Next Friday".into(), "2015-09-04".into()),
                ("last week".into(), "2015-08-25".into()),
                ("two days ago".into(), "2015-08-30".into()),
            ]
        );
    }
}
