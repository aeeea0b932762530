use crate::offsets::CharMap;
use crate::time::Published;
use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` into `Document::text`.
///
/// Inside the pipeline offsets are **bytes**; [`Document::to_output`] turns them into code points.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers, or "" when it does not fall on char boundaries.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
    fn remap(&mut self, map: &CharMap) {
        self.start = map.char_offset(self.start);
        self.end = map.char_offset(self.end);
    }
}

/// How an input arrived, before extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    #[default]
    Text,
    Html,
    Jsonl,
    Warc,
    Feed,
}

/// One input record as ingest produced it: raw text or HTML plus whatever hints came with it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SourceRecord {
    pub id: String,
    pub format: SourceFormat,
    /// Where it came from: a file path, `path#line`, a WARC record id, a feed item link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication time hint as given (a date or an RFC 3339 timestamp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Plain text body, when the input was text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Raw HTML, when the input was a page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityLabel {
    #[serde(rename = "PERSON")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "GPE")]
    Gpe,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "FAC")]
    Fac,
    #[serde(rename = "NORP")]
    Norp,
    #[serde(rename = "MISC")]
    Misc,
    #[serde(rename = "MONEY")]
    Money,
    #[serde(rename = "DATE")]
    Date,
    #[serde(rename = "TIME")]
    Time,
    #[serde(rename = "PERCENT")]
    Percent,
    #[serde(rename = "QUANTITY")]
    Quantity,
    #[serde(rename = "TITLE")]
    Title,
}

impl EntityLabel {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityLabel::Person => "PERSON",
            EntityLabel::Org => "ORG",
            EntityLabel::Gpe => "GPE",
            EntityLabel::Loc => "LOC",
            EntityLabel::Fac => "FAC",
            EntityLabel::Norp => "NORP",
            EntityLabel::Misc => "MISC",
            EntityLabel::Money => "MONEY",
            EntityLabel::Date => "DATE",
            EntityLabel::Time => "TIME",
            EntityLabel::Percent => "PERCENT",
            EntityLabel::Quantity => "QUANTITY",
            EntityLabel::Title => "TITLE",
        }
    }
    pub fn is_name(&self) -> bool {
        matches!(
            self,
            EntityLabel::Person
                | EntityLabel::Org
                | EntityLabel::Gpe
                | EntityLabel::Loc
                | EntityLabel::Fac
                | EntityLabel::Norp
                | EntityLabel::Misc
        )
    }
}

/// A token of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    #[serde(flatten)]
    pub span: Span,
    /// Index into `Document::sentences`.
    pub sentence: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    #[serde(flatten)]
    pub span: Span,
    pub label: EntityLabel,
    pub text: String,
    /// The fullest form of this name in the document ("Aziz" → "Sartaj Aziz").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Titles and roles attached to a person ("State Department Spokesman").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// CAMEO-style actor code ("PAKGOV"), once actors ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_code: Option<String>,
    /// Index into `Document::actors`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
    /// For MONEY: the normalised amount and currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl Entity {
    pub fn new(span: Span, label: EntityLabel, text: impl Into<String>) -> Self {
        Entity {
            span,
            label,
            text: text.into(),
            canonical: None,
            titles: Vec::new(),
            actor_code: None,
            actor: None,
            value: None,
            unit: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Mixed,
    Indirect,
}

/// A span of text with its text, as the JSON interface shows cues and speakers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    pub kind: QuoteKind,
    pub cue: Option<Mention>,
    pub speaker: Option<Mention>,
    /// The person or organisation the speaker mention resolves to, in its fullest form.
    pub speaker_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speaker_titles: Vec<String>,
    /// Index into `Document::entities` of the resolved speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_entity: Option<usize>,
    /// Canonical actor id of the speaker where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Group,
    Place,
}

/// One canonical record per person or group in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable id, unique in the document (and used to merge across the corpus).
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// CAMEO-style code: ISO 3166 alpha-3 country (or IGO/NGO root) plus sectors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    #[serde(default)]
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    pub text: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
}

/// A coded event: who did what to whom, when and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub source: EventActor,
    pub target: Option<EventActor>,
    /// CAMEO code ("043").
    pub cameo: String,
    /// PLOVER category ("CONSULT").
    pub plover: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quad_class: Option<u8>,
    /// The sentence span.
    #[serde(flatten)]
    pub span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verb: Option<Mention>,
    /// The event date, `YYYY-MM-DD` (relative dates resolved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Index into `Document::places` of where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<usize>,
}

/// A place name resolved to a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// GeoNames feature class/code or "country", "continent", "admin1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

/// A relative date expression resolved against the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelativeDate {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub resolves_to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Positive,
    Negative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Certain,
    Hedged,
}

/// A proposition asserted in the document, with who asserts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    pub claimant: Option<String>,
    pub polarity: Polarity,
    pub modality: Modality,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Canonical names of the entities the claim is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<String>,
    /// Index into `Document::quotes` it came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
}

/// The one document model that every stage reads and extends.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Published>,
    /// The page's time-zone abbreviation where it gave one ("IST").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// Site name ("The Indian Express").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Publisher key, usually the registrable host ("indianexpress.com").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The dateline place ("ISLAMABAD") where the article gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    pub text: String,
    #[serde(default)]
    pub paragraphs: Vec<Span>,
    #[serde(default)]
    pub sentences: Vec<Span>,
    #[serde(default, skip_serializing)]
    pub tokens: Vec<Token>,
    #[serde(default)]
    pub relative_dates: Vec<RelativeDate>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Per-stage problems that did not stop the document (e.g. a truncated gzip body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The record as ingested. Extraction reads it; it is not part of the output.
    #[serde(skip)]
    pub source_record: SourceRecord,
}

impl Document {
    /// A document ready for extraction.
    pub fn from_record(rec: SourceRecord) -> Self {
        Document {
            id: rec.id.clone(),
            url: rec.url.clone(),
            source_record: rec,
            ..Default::default()
        }
    }

    /// A document whose clean text is already known (tests, `--text`).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        let text = text.into();
        Document::from_record(SourceRecord {
            id,
            format: SourceFormat::Text,
            text: Some(text),
            ..Default::default()
        })
    }

    pub fn span_text(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// Tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let lo = self.tokens.partition_point(|t| (t.sentence as usize) < i);
        let hi = self.tokens.partition_point(|t| (t.sentence as usize) <= i);
        &self.tokens[lo..hi]
    }

    /// Index of the sentence containing byte offset `b`.
    pub fn sentence_at(&self, b: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= b);
        (i < self.sentences.len() && self.sentences[i].start <= b).then_some(i)
    }

    /// The output form: the same document with every span in code points.
    pub fn to_output(&self) -> Document {
        let mut d = self.clone();
        d.source_record = SourceRecord::default();
        d.tokens.clear();
        let map = CharMap::new(&d.text);
        for s in d.paragraphs.iter_mut().chain(d.sentences.iter_mut()) {
            s.remap(&map);
        }
        for r in &mut d.relative_dates {
            r.span.remap(&map);
        }
        for e in &mut d.entities {
            e.span.remap(&map);
        }
        for q in &mut d.quotes {
            q.span.remap(&map);
            if let Some(c) = &mut q.cue {
                c.span.remap(&map);
            }
            if let Some(s) = &mut q.speaker {
                s.span.remap(&map);
            }
        }
        for a in &mut d.actors {
            for m in &mut a.mentions {
                m.remap(&map);
            }
        }
        for e in &mut d.events {
            e.span.remap(&map);
            if let Some(s) = &mut e.source.span {
                s.remap(&map);
            }
            if let Some(t) = e.target.as_mut().and_then(|t| t.span.as_mut()) {
                t.remap(&map);
            }
            if let Some(v) = &mut e.verb {
                v.span.remap(&map);
            }
        }
        for p in &mut d.places {
            p.span.remap(&map);
        }
        for c in &mut d.claims {
            c.span.remap(&map);
        }
        d
    }
}

/// The record written for an input that could not be processed.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorRecord {
    pub id: String,
    pub error: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub text: String,
    pub entities: Vec<()>,
    pub quotes: Vec<()>,
    pub events: Vec<()>,
    pub places: Vec<()>,
}

impl ErrorRecord {
    pub fn new(id: impl Into<String>, error: impl Into<String>) -> Self {
        ErrorRecord {
            id: id.into(),
            error: error.into(),
            title: None,
            published: None,
            authors: Vec::new(),
            text: String::new(),
            entities: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            places: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_offsets_are_code_points() {
        let mut d = Document::from_text("x", "");
        d.text = "“Hi,” said Zoë Smith.".to_string();
        let start = d.text.find("Zoë").unwrap();
        let end = start + "Zoë Smith".len();
        d.entities.push(Entity::new(
            Span::new(start, end),
            EntityLabel::Person,
            "Zoë Smith",
        ));
        let out = d.to_output();
        let e = &out.entities[0];
        let chars: Vec<char> = out.text.chars().collect();
        let got: String = chars[e.span.start..e.span.end].iter().collect();
        assert_eq!(got, "Zoë Smith");
        let v = serde_json::to_value(&out).unwrap();
        assert_eq!(v["entities"][0]["start"], 11);
        assert_eq!(v["entities"][0]["label"], "PERSON");
    }

    #[test]
    fn sentence_lookup() {
        let mut d = Document::from_text("x", "");
        d.text = "A b. C d.".into();
        d.sentences = vec![Span::new(0, 4), Span::new(5, 9)];
        assert_eq!(d.sentence_at(0), Some(0));
        assert_eq!(d.sentence_at(6), Some(1));
        assert_eq!(d.sentence_at(4), None);
    }
}
