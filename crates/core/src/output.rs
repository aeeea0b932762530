//! The JSON output written straight from the document: the same bytes as
//! `serde_json::to_string(&doc.to_output())`, without cloning the document first.
//!
//! Each wrapper below serialises one model type with its spans mapped to code points on the
//! fly, field for field in the order (and with the skipping rules) of the derived impls in
//! `model.rs`; a test checks the two agree.
use crate::model::*;
use crate::offsets::CharMap;
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// `{start, end}` of a span in code points.
struct Sp<'a>(Span, &'a CharMap);

impl Serialize for Sp<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Span", 2)?;
        st.serialize_field("start", &self.1.char_offset(self.0.start))?;
        st.serialize_field("end", &self.1.char_offset(self.0.end))?;
        st.end()
    }
}

/// The flattened `start`/`end` fields of a span, inside another struct.
fn span_fields<S: SerializeStruct>(st: &mut S, span: Span, map: &CharMap) -> Result<(), S::Error> {
    st.serialize_field("start", &map.char_offset(span.start))?;
    st.serialize_field("end", &map.char_offset(span.end))
}

/// A slice of items, each serialised by `Out`.
struct Seq<'a, T>(&'a [T], &'a CharMap);

impl<'a, T> Serialize for Seq<'a, T>
where
    Out<'a, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for x in self.0 {
            seq.serialize_element(&Out(x, self.1))?;
        }
        seq.end()
    }
}

/// One item with the document's offset map.
struct Out<'a, T>(&'a T, &'a CharMap);

impl Serialize for Out<'_, Span> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Sp(*self.0, self.1).serialize(s)
    }
}

impl Serialize for Out<'_, RelativeDate> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut st = s.serialize_struct("RelativeDate", 4)?;
        span_fields(&mut st, r.span, self.1)?;
        st.serialize_field("text", &r.text)?;
        st.serialize_field("resolves_to", &r.resolves_to)?;
        st.end()
    }
}

impl Serialize for Out<'_, Entity> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut st = s.serialize_struct("Entity", 10)?;
        span_fields(&mut st, e.span, self.1)?;
        st.serialize_field("label", &e.label)?;
        st.serialize_field("text", &e.text)?;
        if let Some(c) = &e.canonical {
            st.serialize_field("canonical", c)?;
        }
        if !e.titles.is_empty() {
            st.serialize_field("titles", &e.titles)?;
        }
        if let Some(c) = &e.actor_code {
            st.serialize_field("actor_code", c)?;
        }
        if let Some(a) = &e.actor {
            st.serialize_field("actor", a)?;
        }
        if let Some(v) = &e.value {
            st.serialize_field("value", v)?;
        }
        if let Some(u) = &e.unit {
            st.serialize_field("unit", u)?;
        }
        st.end()
    }
}

impl Serialize for Out<'_, Mention> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.0;
        let mut st = s.serialize_struct("Mention", 3)?;
        span_fields(&mut st, m.span, self.1)?;
        st.serialize_field("text", &m.text)?;
        st.end()
    }
}

/// An optional mention: `null` or the mention.
struct OptMention<'a>(&'a Option<Mention>, &'a CharMap);

impl Serialize for OptMention<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(m) => s.serialize_some(&Out(m, self.1)),
            None => s.serialize_none(),
        }
    }
}

impl Serialize for Out<'_, Quote> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let q = self.0;
        let map = self.1;
        let mut st = s.serialize_struct("Quote", 11)?;
        span_fields(&mut st, q.span, map)?;
        st.serialize_field("text", &q.text)?;
        st.serialize_field("kind", &q.kind)?;
        st.serialize_field("cue", &OptMention(&q.cue, map))?;
        st.serialize_field("speaker", &OptMention(&q.speaker, map))?;
        st.serialize_field("speaker_name", &q.speaker_name)?;
        if !q.speaker_titles.is_empty() {
            st.serialize_field("speaker_titles", &q.speaker_titles)?;
        }
        if let Some(e) = &q.speaker_entity {
            st.serialize_field("speaker_entity", e)?;
        }
        if let Some(a) = &q.actor_id {
            st.serialize_field("actor_id", a)?;
        }
        st.end()
    }
}

impl Serialize for Out<'_, Actor> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut st = s.serialize_struct("Actor", 7)?;
        st.serialize_field("id", &a.id)?;
        st.serialize_field("name", &a.name)?;
        st.serialize_field("kind", &a.kind)?;
        if let Some(c) = &a.code {
            st.serialize_field("code", c)?;
        }
        if let Some(c) = &a.country {
            st.serialize_field("country", c)?;
        }
        if !a.titles.is_empty() {
            st.serialize_field("titles", &a.titles)?;
        }
        st.serialize_field("mentions", &Seq(&a.mentions, self.1))?;
        st.end()
    }
}

impl Serialize for Out<'_, EventActor> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut st = s.serialize_struct("EventActor", 4)?;
        st.serialize_field("text", &a.text)?;
        st.serialize_field("code", &a.code)?;
        if let Some(sp) = a.span {
            st.serialize_field("span", &Sp(sp, self.1))?;
        }
        if let Some(x) = &a.actor {
            st.serialize_field("actor", x)?;
        }
        st.end()
    }
}

/// An optional event actor: `null` or the actor.
struct OptEventActor<'a>(&'a Option<EventActor>, &'a CharMap);

impl Serialize for OptEventActor<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(a) => s.serialize_some(&Out(a, self.1)),
            None => s.serialize_none(),
        }
    }
}

impl Serialize for Out<'_, Event> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let map = self.1;
        let mut st = s.serialize_struct("Event", 11)?;
        st.serialize_field("source", &Out(&e.source, map))?;
        st.serialize_field("target", &OptEventActor(&e.target, map))?;
        st.serialize_field("cameo", &e.cameo)?;
        st.serialize_field("plover", &e.plover)?;
        if let Some(g) = &e.goldstein {
            st.serialize_field("goldstein", g)?;
        }
        if let Some(q) = &e.quad_class {
            st.serialize_field("quad_class", q)?;
        }
        span_fields(&mut st, e.span, map)?;
        if let Some(v) = &e.verb {
            st.serialize_field("verb", &Out(v, map))?;
        }
        if let Some(d) = &e.date {
            st.serialize_field("date", d)?;
        }
        if let Some(p) = &e.place {
            st.serialize_field("place", p)?;
        }
        st.end()
    }
}

impl Serialize for Out<'_, Place> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut st = s.serialize_struct("Place", 10)?;
        span_fields(&mut st, p.span, self.1)?;
        st.serialize_field("text", &p.text)?;
        st.serialize_field("lat", &p.lat)?;
        st.serialize_field("lon", &p.lon)?;
        if let Some(g) = &p.geonameid {
            st.serialize_field("geonameid", g)?;
        }
        if let Some(c) = &p.country {
            st.serialize_field("country", c)?;
        }
        if let Some(a) = &p.admin1 {
            st.serialize_field("admin1", a)?;
        }
        if let Some(n) = &p.name {
            st.serialize_field("name", n)?;
        }
        if let Some(f) = &p.feature {
            st.serialize_field("feature", f)?;
        }
        st.end()
    }
}

impl Serialize for Out<'_, Claim> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut st = s.serialize_struct("Claim", 9)?;
        span_fields(&mut st, c.span, self.1)?;
        st.serialize_field("text", &c.text)?;
        st.serialize_field("claimant", &c.claimant)?;
        st.serialize_field("polarity", &c.polarity)?;
        st.serialize_field("modality", &c.modality)?;
        if let Some(d) = &c.date {
            st.serialize_field("date", d)?;
        }
        if !c.about.is_empty() {
            st.serialize_field("about", &c.about)?;
        }
        if let Some(q) = &c.quote {
            st.serialize_field("quote", q)?;
        }
        st.end()
    }
}

/// The output form of a document, borrowed: serialises as [`Document::to_output`] would.
pub struct OutputView<'a> {
    doc: &'a Document,
    map: CharMap,
}

impl<'a> OutputView<'a> {
    pub fn new(doc: &'a Document) -> Self {
        OutputView {
            doc,
            map: CharMap::new(&doc.text),
        }
    }
}

impl Serialize for OutputView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.doc;
        let map = &self.map;
        let mut st = s.serialize_struct("Document", 21)?;
        st.serialize_field("id", &d.id)?;
        if let Some(u) = &d.url {
            st.serialize_field("url", u)?;
        }
        st.serialize_field("title", &d.title)?;
        st.serialize_field("published", &d.published)?;
        if let Some(t) = &d.timezone {
            st.serialize_field("timezone", t)?;
        }
        st.serialize_field("authors", &d.authors)?;
        if let Some(x) = &d.site {
            st.serialize_field("site", x)?;
        }
        if let Some(x) = &d.source {
            st.serialize_field("source", x)?;
        }
        if let Some(x) = &d.language {
            st.serialize_field("language", x)?;
        }
        if let Some(x) = &d.dateline {
            st.serialize_field("dateline", x)?;
        }
        st.serialize_field("text", &d.text)?;
        st.serialize_field("paragraphs", &Seq(&d.paragraphs, map))?;
        st.serialize_field("sentences", &Seq(&d.sentences, map))?;
        st.serialize_field("relative_dates", &Seq(&d.relative_dates, map))?;
        st.serialize_field("entities", &Seq(&d.entities, map))?;
        st.serialize_field("quotes", &Seq(&d.quotes, map))?;
        st.serialize_field("actors", &Seq(&d.actors, map))?;
        st.serialize_field("events", &Seq(&d.events, map))?;
        st.serialize_field("places", &Seq(&d.places, map))?;
        st.serialize_field("claims", &Seq(&d.claims, map))?;
        if !d.warnings.is_empty() {
            st.serialize_field("warnings", &d.warnings)?;
        }
        st.end()
    }
}

impl Document {
    /// The output form, borrowed: serialises exactly as [`Document::to_output`] does, without
    /// copying the document.
    pub fn output_view(&self) -> OutputView<'_> {
        OutputView::new(self)
    }

    /// The output record as one line of JSON: the same bytes as
    /// `serde_json::to_string(&doc.to_output())`, several times faster.
    pub fn output_json(&self) -> Result<String, serde_json::Error> {
        let map = CharMap::new(&self.text);
        // the text, its spans and annotations: a few times the text, so one allocation
        let mut w = JsonOut {
            out: String::with_capacity(self.text.len() * 8 + 512),
            scratch: Vec::new(),
            map: &map,
        };
        w.document(self)?;
        Ok(w.out)
    }
}

/// Writes the output record by hand: the same bytes as serde_json's compact form of
/// [`OutputView`] (field order, skipped fields and string escapes), without serde's
/// per-field and per-string call overhead. Floats, enums and dates, which are few, still go
/// through serde_json so that their formatting is serde's own.
struct JsonOut<'a> {
    /// Built as a `String` from whole `&str` pieces, so it never needs a UTF-8 check.
    out: String,
    /// Scratch space for the values serde_json writes.
    scratch: Vec<u8>,
    map: &'a CharMap,
}

type JsonResult = Result<(), serde_json::Error>;

impl JsonOut<'_> {
    /// Text that needs no escaping: punctuation and `"key":` literals.
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn str(&mut self, s: &str) {
        push_json_str(&mut self.out, s);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    fn strs(&mut self, v: &[String]) {
        self.out.push('[');
        for (i, s) in v.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.str(s);
        }
        self.out.push(']');
    }

    fn uint(&mut self, n: usize) {
        push_uint(&mut self.out, n as u64);
    }

    /// A value serialised by serde_json itself.
    fn serde<T: Serialize + ?Sized>(&mut self, v: &T) -> JsonResult {
        self.scratch.clear();
        serde_json::to_writer(&mut self.scratch, v)?;
        let s = std::str::from_utf8(&self.scratch)
            .map_err(|e| <serde_json::Error as serde::ser::Error>::custom(e.to_string()))?;
        self.out.push_str(s);
        Ok(())
    }

    /// `"start":N,"end":M` of a span, in code points.
    fn span_fields(&mut self, sp: Span) {
        self.raw("\"start\":");
        self.uint(self.map.char_offset(sp.start));
        self.raw(",\"end\":");
        self.uint(self.map.char_offset(sp.end));
    }

    fn span(&mut self, sp: Span) {
        self.out.push('{');
        self.span_fields(sp);
        self.out.push('}');
    }

    fn seq<T>(
        &mut self,
        items: &[T],
        mut f: impl FnMut(&mut Self, &T) -> JsonResult,
    ) -> JsonResult {
        self.out.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            f(self, x)?;
        }
        self.out.push(']');
        Ok(())
    }

    fn spans(&mut self, v: &[Span]) -> JsonResult {
        self.seq(v, |w, s| {
            w.span(*s);
            Ok(())
        })
    }

    fn relative_date(&mut self, r: &RelativeDate) -> JsonResult {
        self.out.push('{');
        self.span_fields(r.span);
        self.raw(",\"text\":");
        self.str(&r.text);
        self.raw(",\"resolves_to\":");
        self.str(&r.resolves_to);
        self.out.push('}');
        Ok(())
    }

    fn entity(&mut self, e: &Entity) -> JsonResult {
        self.out.push('{');
        self.span_fields(e.span);
        self.raw(",\"label\":");
        self.serde(&e.label)?;
        self.raw(",\"text\":");
        self.str(&e.text);
        if let Some(c) = &e.canonical {
            self.raw(",\"canonical\":");
            self.str(c);
        }
        if !e.titles.is_empty() {
            self.raw(",\"titles\":");
            self.strs(&e.titles);
        }
        if let Some(c) = &e.actor_code {
            self.raw(",\"actor_code\":");
            self.str(c);
        }
        if let Some(a) = e.actor {
            self.raw(",\"actor\":");
            self.uint(a);
        }
        if let Some(v) = &e.value {
            self.raw(",\"value\":");
            self.serde(v)?;
        }
        if let Some(u) = &e.unit {
            self.raw(",\"unit\":");
            self.str(u);
        }
        self.out.push('}');
        Ok(())
    }

    fn mention(&mut self, m: &Mention) {
        self.out.push('{');
        self.span_fields(m.span);
        self.raw(",\"text\":");
        self.str(&m.text);
        self.out.push('}');
    }

    fn opt_mention(&mut self, m: Option<&Mention>) {
        match m {
            Some(m) => self.mention(m),
            None => self.raw("null"),
        }
    }

    fn quote(&mut self, q: &Quote) -> JsonResult {
        self.out.push('{');
        self.span_fields(q.span);
        self.raw(",\"text\":");
        self.str(&q.text);
        self.raw(",\"kind\":");
        self.serde(&q.kind)?;
        self.raw(",\"cue\":");
        self.opt_mention(q.cue.as_ref());
        self.raw(",\"speaker\":");
        self.opt_mention(q.speaker.as_ref());
        self.raw(",\"speaker_name\":");
        self.opt_str(q.speaker_name.as_deref());
        if !q.speaker_titles.is_empty() {
            self.raw(",\"speaker_titles\":");
            self.strs(&q.speaker_titles);
        }
        if let Some(e) = q.speaker_entity {
            self.raw(",\"speaker_entity\":");
            self.uint(e);
        }
        if let Some(a) = &q.actor_id {
            self.raw(",\"actor_id\":");
            self.str(a);
        }
        self.out.push('}');
        Ok(())
    }

    fn actor(&mut self, a: &Actor) -> JsonResult {
        self.raw("{\"id\":");
        self.str(&a.id);
        self.raw(",\"name\":");
        self.str(&a.name);
        self.raw(",\"kind\":");
        self.serde(&a.kind)?;
        if let Some(c) = &a.code {
            self.raw(",\"code\":");
            self.str(c);
        }
        if let Some(c) = &a.country {
            self.raw(",\"country\":");
            self.str(c);
        }
        if !a.titles.is_empty() {
            self.raw(",\"titles\":");
            self.strs(&a.titles);
        }
        self.raw(",\"mentions\":");
        self.spans(&a.mentions)?;
        self.out.push('}');
        Ok(())
    }

    fn event_actor(&mut self, a: &EventActor) {
        self.raw("{\"text\":");
        self.str(&a.text);
        self.raw(",\"code\":");
        self.str(&a.code);
        if let Some(sp) = a.span {
            self.raw(",\"span\":");
            self.span(sp);
        }
        if let Some(x) = a.actor {
            self.raw(",\"actor\":");
            self.uint(x);
        }
        self.out.push('}');
    }

    fn event(&mut self, e: &Event) -> JsonResult {
        self.raw("{\"source\":");
        self.event_actor(&e.source);
        self.raw(",\"target\":");
        match &e.target {
            Some(t) => self.event_actor(t),
            None => self.raw("null"),
        }
        self.raw(",\"cameo\":");
        self.str(&e.cameo);
        self.raw(",\"plover\":");
        self.opt_str(e.plover.as_deref());
        if let Some(g) = &e.goldstein {
            self.raw(",\"goldstein\":");
            self.serde(g)?;
        }
        if let Some(q) = e.quad_class {
            self.raw(",\"quad_class\":");
            self.uint(usize::from(q));
        }
        self.out.push(',');
        self.span_fields(e.span);
        if let Some(v) = &e.verb {
            self.raw(",\"verb\":");
            self.mention(v);
        }
        if let Some(d) = &e.date {
            self.raw(",\"date\":");
            self.str(d);
        }
        if let Some(p) = e.place {
            self.raw(",\"place\":");
            self.uint(p);
        }
        self.out.push('}');
        Ok(())
    }

    fn place(&mut self, p: &Place) -> JsonResult {
        self.out.push('{');
        self.span_fields(p.span);
        self.raw(",\"text\":");
        self.str(&p.text);
        self.raw(",\"lat\":");
        self.serde(&p.lat)?;
        self.raw(",\"lon\":");
        self.serde(&p.lon)?;
        if let Some(g) = p.geonameid {
            self.raw(",\"geonameid\":");
            push_uint(&mut self.out, g);
        }
        for (key, v) in [
            (",\"country\":", &p.country),
            (",\"admin1\":", &p.admin1),
            (",\"name\":", &p.name),
            (",\"feature\":", &p.feature),
        ] {
            if let Some(v) = v {
                self.raw(key);
                self.str(v);
            }
        }
        self.out.push('}');
        Ok(())
    }

    fn claim(&mut self, c: &Claim) -> JsonResult {
        self.out.push('{');
        self.span_fields(c.span);
        self.raw(",\"text\":");
        self.str(&c.text);
        self.raw(",\"claimant\":");
        self.opt_str(c.claimant.as_deref());
        self.raw(",\"polarity\":");
        self.serde(&c.polarity)?;
        self.raw(",\"modality\":");
        self.serde(&c.modality)?;
        if let Some(d) = &c.date {
            self.raw(",\"date\":");
            self.str(d);
        }
        if !c.about.is_empty() {
            self.raw(",\"about\":");
            self.strs(&c.about);
        }
        if let Some(q) = c.quote {
            self.raw(",\"quote\":");
            self.uint(q);
        }
        self.out.push('}');
        Ok(())
    }

    fn document(&mut self, d: &Document) -> JsonResult {
        self.raw("{\"id\":");
        self.str(&d.id);
        if let Some(u) = &d.url {
            self.raw(",\"url\":");
            self.str(u);
        }
        self.raw(",\"title\":");
        self.opt_str(d.title.as_deref());
        self.raw(",\"published\":");
        self.serde(&d.published)?;
        if let Some(t) = &d.timezone {
            self.raw(",\"timezone\":");
            self.str(t);
        }
        self.raw(",\"authors\":");
        self.strs(&d.authors);
        for (key, v) in [
            (",\"site\":", &d.site),
            (",\"source\":", &d.source),
            (",\"language\":", &d.language),
            (",\"dateline\":", &d.dateline),
        ] {
            if let Some(v) = v {
                self.raw(key);
                self.str(v);
            }
        }
        self.raw(",\"text\":");
        self.str(&d.text);
        self.raw(",\"paragraphs\":");
        self.spans(&d.paragraphs)?;
        self.raw(",\"sentences\":");
        self.spans(&d.sentences)?;
        self.raw(",\"relative_dates\":");
        self.seq(&d.relative_dates, Self::relative_date)?;
        self.raw(",\"entities\":");
        self.seq(&d.entities, Self::entity)?;
        self.raw(",\"quotes\":");
        self.seq(&d.quotes, Self::quote)?;
        self.raw(",\"actors\":");
        self.seq(&d.actors, Self::actor)?;
        self.raw(",\"events\":");
        self.seq(&d.events, Self::event)?;
        self.raw(",\"places\":");
        self.seq(&d.places, Self::place)?;
        self.raw(",\"claims\":");
        self.seq(&d.claims, Self::claim)?;
        if !d.warnings.is_empty() {
            self.raw(",\"warnings\":");
            self.strs(&d.warnings);
        }
        self.out.push('}');
        Ok(())
    }
}

/// Appends `n` in decimal.
fn push_uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// Whether any of the 8 bytes in `x` needs escaping in a JSON string (a control byte below
/// 0x20, `"` or `\`). It may answer yes for a chunk that needs none (then the caller looks
/// byte by byte), never no for one that does.
fn chunk_needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
    below_space || has_zero(x ^ (ONES * u64::from(b'"'))) || has_zero(x ^ (ONES * u64::from(b'\\')))
}

/// The escape serde_json writes for byte `b`, if it needs one.
fn escape_of(b: u8) -> Option<&'static str> {
    Some(match b {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        0x08 => "\\b",
        b'\t' => "\\t",
        b'\n' => "\\n",
        0x0c => "\\f",
        b'\r' => "\\r",
        _ => return None,
    })
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it.
fn push_json_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // skip 8 bytes at a time while none needs escaping
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !chunk_needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if b < 0x20 || b == b'"' || b == b'\\' {
            // `start` and `i` sit next to ASCII bytes, so on char boundaries
            out.push_str(s.get(start..i).unwrap_or_default());
            match escape_of(b) {
                Some(e) => out.push_str(e),
                None => {
                    out.push_str("\\u00");
                    out.push(char::from(HEX[usize::from(b >> 4)]));
                    out.push(char::from(HEX[usize::from(b & 0xf)]));
                }
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_doc() -> Document {
        let mut d = Document::from_text("id-\"1\"", "");
        d.text = "“Hi,” said Zoë Smith in 東京.\nTab\there \u{1}ctl.".to_string();
        let t = d.text.clone();
        let sp = |s: &str| {
            let a = t.find(s).unwrap_or(0);
            Span::new(a, a + s.len())
        };
        d.url = Some("https://x.example/a".into());
        d.title = Some("T \"q\"".into());
        d.published = crate::Published::parse("2015-09-01T12:51:00+05:30");
        d.timezone = Some("IST".into());
        d.authors = vec!["A".into(), "B".into()];
        d.site = Some("Site".into());
        d.source = Some("x.example".into());
        d.language = Some("en".into());
        d.dateline = Some("TOKYO".into());
        d.paragraphs = vec![sp("“Hi,” said Zoë Smith in 東京."), sp("Tab")];
        d.sentences = d.paragraphs.clone();
        d.tokens = vec![Token {
            span: sp("Zoë"),
            sentence: 0,
        }];
        d.relative_dates = vec![RelativeDate {
            span: sp("Tab"),
            text: "Tab".into(),
            resolves_to: "2015-09-01".into(),
        }];
        let mut e = Entity::new(sp("Zoë Smith"), EntityLabel::Person, "Zoë Smith");
        e.canonical = Some("Zoë Smith".into());
        e.titles = vec!["Dr".into()];
        e.actor_code = Some("JPN".into());
        e.actor = Some(0);
        e.value = Some(0.1 + 0.2);
        e.unit = Some("USD".into());
        d.entities = vec![
            e,
            Entity::new(sp("東京"), EntityLabel::Gpe, "東京"),
            Entity::new(Span::new(1, 2), EntityLabel::Money, "inside a char"),
        ];
        let m = |s: &str| Mention {
            span: sp(s),
            text: s.into(),
        };
        d.quotes = vec![
            Quote {
                span: sp("“Hi,”"),
                text: "“Hi,”".into(),
                kind: QuoteKind::Direct,
                cue: Some(m("said")),
                speaker: Some(m("Zoë Smith")),
                speaker_name: Some("Zoë Smith".into()),
                speaker_titles: vec!["Dr".into()],
                speaker_entity: Some(0),
                actor_id: Some("JPN:zoë".into()),
            },
            Quote {
                span: sp("here"),
                text: "here".into(),
                kind: QuoteKind::Indirect,
                cue: None,
                speaker: None,
                speaker_name: None,
                speaker_titles: Vec::new(),
                speaker_entity: None,
                actor_id: None,
            },
        ];
        d.actors = vec![
            Actor {
                id: "JPN:zoë".into(),
                name: "Zoë".into(),
                kind: ActorKind::Person,
                code: Some("JPN".into()),
                country: Some("JPN".into()),
                titles: vec!["Dr".into()],
                mentions: vec![sp("Zoë"), sp("東京")],
            },
            Actor {
                id: "x".into(),
                name: "x".into(),
                kind: ActorKind::Group,
                code: None,
                country: None,
                titles: Vec::new(),
                mentions: Vec::new(),
            },
        ];
        d.events = vec![
            Event {
                source: EventActor {
                    text: "Zoë".into(),
                    code: "JPN".into(),
                    span: Some(sp("Zoë")),
                    actor: Some(0),
                },
                target: Some(EventActor {
                    text: "東京".into(),
                    code: "JPN".into(),
                    span: Some(sp("東京")),
                    actor: None,
                }),
                cameo: "043".into(),
                plover: Some("CONSULT".into()),
                goldstein: Some(2.8),
                quad_class: Some(1),
                span: sp("said Zoë"),
                verb: Some(m("said")),
                date: Some("2015-09-01".into()),
                place: Some(0),
            },
            Event {
                source: EventActor {
                    text: "a".into(),
                    code: "b".into(),
                    span: None,
                    actor: None,
                },
                target: None,
                cameo: "010".into(),
                plover: None,
                goldstein: Some(f32::NAN),
                quad_class: None,
                span: Span::new(0, 1),
                verb: None,
                date: None,
                place: None,
            },
        ];
        d.places = vec![
            Place {
                span: sp("東京"),
                text: "東京".into(),
                lat: 35.6895,
                lon: 139.69171,
                geonameid: Some(1850147),
                country: Some("JP".into()),
                admin1: Some("40".into()),
                name: Some("Tokyo".into()),
                feature: Some("P.PPLC".into()),
            },
            Place {
                span: sp("Tab"),
                text: "Tab".into(),
                lat: -0.0,
                lon: 1e21,
                geonameid: None,
                country: None,
                admin1: None,
                name: None,
                feature: None,
            },
        ];
        d.claims = vec![
            Claim {
                span: sp("said Zoë Smith"),
                text: "said Zoë Smith".into(),
                claimant: Some("Zoë".into()),
                polarity: Polarity::Negative,
                modality: Modality::Hedged,
                date: Some("2015-09-01".into()),
                about: vec!["Tokyo".into()],
                quote: Some(0),
            },
            Claim {
                span: sp("here"),
                text: "here".into(),
                claimant: None,
                polarity: Polarity::Positive,
                modality: Modality::Certain,
                date: None,
                about: Vec::new(),
                quote: None,
            },
        ];
        d.warnings = vec!["w".into()];
        d
    }

    #[test]
    fn output_json_matches_to_output_with_every_field() {
        let d = full_doc();
        let want = serde_json::to_string(&d.to_output()).unwrap();
        assert_eq!(d.output_json().unwrap(), want);
    }

    #[test]
    fn output_view_matches_to_output() {
        let d = full_doc();
        let want = serde_json::to_string(&d.to_output()).unwrap();
        assert_eq!(serde_json::to_string(&d.output_view()).unwrap(), want);
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all = String::new();
        for c in (0u32..0x80).chain([0xe9, 0x2028, 0x1f600]) {
            all.extend(char::from_u32(c));
        }
        let long = format!("{all}{}\"x\\y\n{all}", "a".repeat(37));
        for s in [
            "",
            "plain",
            "12345678",
            "1234567\"",
            "\u{1}\u{1f}\u{7f}",
            &all,
            &long,
        ] {
            let mut out = String::new();
            push_json_str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
        let mut out = String::new();
        for n in [0u64, 7, 10, 12345, u64::MAX] {
            out.clear();
            push_uint(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn output_json_matches_to_output_with_no_optional_field() {
        let mut d = Document::from_text("x", "");
        d.text = "plain ascii".into();
        let want = serde_json::to_string(&d.to_output()).unwrap();
        assert_eq!(d.output_json().unwrap(), want);
        let d = Document::default();
        let want = serde_json::to_string(&d.to_output()).unwrap();
        assert_eq!(d.output_json().unwrap(), want);
    }
}
