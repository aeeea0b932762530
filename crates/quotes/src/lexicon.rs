//! Word lists: the learned cue table and the small closed classes the rules need.
use std::collections::HashMap;
use std::sync::OnceLock;

/// The learned cue table (see `train.rs`), compiled in.
const CUES_TSV: &str = include_str!("../data/cues.tsv");

/// Cue word → (smoothed precision, times seen in a cue).
pub fn cue_table() -> &'static HashMap<String, (f32, u32)> {
    static T: OnceLock<HashMap<String, (f32, u32)>> = OnceLock::new();
    T.get_or_init(|| parse_table(CUES_TSV))
}

pub fn parse_table(tsv: &str) -> HashMap<String, (f32, u32)> {
    let mut m = HashMap::new();
    for line in tsv.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.split('\t');
        let (Some(w), Some(p), Some(t)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let (Ok(p), Ok(t)) = (p.trim().parse::<u32>(), t.trim().parse::<u32>()) else {
            continue;
        };
        // add-two smoothing keeps rare words from looking certain
        let prec = p as f32 / (t as f32 + 2.0);
        m.insert(w.to_string(), (prec, p));
    }
    m
}

pub fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "did"
            | "does"
            | "do"
            | "'s"
            | "’s"
            | "'ve"
            | "’ve"
            | "'d"
            | "’d"
            | "'ll"
            | "’ll"
    )
}

/// Adverbs that sit between a subject and its cue ("also said", "has repeatedly said").
pub fn is_cue_adverb(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ly") && w != "only" && w != "family")
        || matches!(
            w,
            "also"
                | "later"
                | "then"
                | "again"
                | "often"
                | "long"
                | "once"
                | "still"
                | "never"
                | "not"
                | "n't"
                | "already"
                | "further"
                | "even"
                | "just"
                | "previously"
        )
}

pub fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who" | "which"
    )
}

pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "another"
            | "some"
            | "many"
            | "several"
            | "most"
            | "other"
            | "both"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "this"
            | "these"
            | "those"
            | "one"
            | "two"
            | "three"
            | "few"
            | "all"
            | "any"
            | "each"
            | "every"
            | "no"
            | "more"
    )
}

/// Words that end a noun phrase when walking over it: verbs, prepositions, conjunctions,
/// relatives, adverbs of time.
pub fn is_np_stop(w: &str) -> bool {
    is_aux(w)
        || matches!(
            w,
            "that"
                | "which"
                | "who"
                | "whom"
                | "whose"
                | "what"
                | "when"
                | "where"
                | "while"
                | "and"
                | "or"
                | "but"
                | "nor"
                | "so"
                | "yet"
                | "if"
                | "because"
                | "as"
                | "than"
                | "to"
                | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "with"
                | "from"
                | "into"
                | "about"
                | "after"
                | "before"
                | "during"
                | "since"
                | "until"
                | "over"
                | "under"
                | "against"
                | "between"
                | "through"
                | "without"
                | "within"
                | "among"
                | "like"
                | "not"
                | "n't"
                | "also"
                | "there"
                | "here"
                | "then"
                | "now"
                | "yesterday"
                | "today"
                | "tomorrow"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "earlier"
                | "later"
                | "recently"
                | "last"
                | "this"
                | "said"
                | "says"
                | "say"
                | "told"
                | "according"
                | "however"
                | "him"
                | "me"
                | "us"
                | "them"
                | "it"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "you"
                | "do"
                | "did"
                | "does"
                | "just"
                | "even"
                | "only"
        )
}

/// Honorifics and titles that precede a name ("Capt Jeff Davis", "Sen. Ted Cruz").
pub fn is_title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "sen"
            | "senator"
            | "rep"
            | "gov"
            | "governor"
            | "gen"
            | "general"
            | "capt"
            | "captain"
            | "col"
            | "colonel"
            | "lt"
            | "maj"
            | "major"
            | "sgt"
            | "adm"
            | "admiral"
            | "cmdr"
            | "president"
            | "vice"
            | "secretary"
            | "minister"
            | "prime"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokesperson's"
            | "adviser"
            | "advisor"
            | "chief"
            | "director"
            | "ambassador"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "leader"
            | "judge"
            | "justice"
            | "mayor"
            | "king"
            | "queen"
            | "prince"
            | "sheikh"
            | "pope"
            | "father"
            | "rev"
            | "speaker"
            | "attorney"
            | "commissioner"
            | "candidate"
            | "nominee"
            | "official"
            | "officer"
            | "head"
            | "deputy"
            | "foreign"
            | "defense"
            | "defence"
            | "state"
            | "department"
            | "pentagon"
            | "white"
            | "house"
            | "national"
            | "security"
            | "former"
            | "democratic"
            | "republican"
            | "presidential"
            | "press"
            | "campaign"
            | "manager"
            | "chancellor"
            | "premier"
            | "lord"
            | "sir"
            | "dame"
            | "councillor"
            | "congressman"
            | "congresswoman"
            | "representative"
            | "analyst"
            | "professor"
            | "executive"
            | "ceo"
            | "founder"
            | "economist"
            | "lawyer"
            | "host"
            | "anchor"
    )
}

/// Words that mark a capitalised name as an organisation, not a person.
pub fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "department"
            | "ministry"
            | "office"
            | "house"
            | "committee"
            | "council"
            | "party"
            | "times"
            | "post"
            | "news"
            | "journal"
            | "network"
            | "agency"
            | "bureau"
            | "commission"
            | "court"
            | "congress"
            | "senate"
            | "government"
            | "administration"
            | "campaign"
            | "university"
            | "institute"
            | "center"
            | "centre"
            | "foundation"
            | "association"
            | "union"
            | "bank"
            | "group"
            | "company"
            | "corp"
            | "inc"
            | "ltd"
            | "army"
            | "force"
            | "forces"
            | "police"
            | "service"
            | "pentagon"
            | "kremlin"
            | "nations"
            | "states"
            | "press"
            | "reuters"
            | "ap"
            | "cnn"
            | "bbc"
            | "fbi"
            | "cia"
            | "nato"
            | "un"
            | "eu"
            | "us"
            | "u.s."
            | "uk"
            | "gop"
            | "republicans"
            | "democrats"
            | "organization"
            | "organisation"
            | "media"
            | "magazine"
            | "tribune"
            | "herald"
            | "telegraph"
            | "guardian"
            | "daily"
            | "fund"
            | "board"
            | "authority"
    )
}

/// Nouns that report speech when followed by a "that" clause ("Aziz's claim that ...",
/// "the remarks made by X that ...").
pub fn is_noun_cue(w: &str) -> bool {
    matches!(
        w,
        "claim"
            | "claims"
            | "remarks"
            | "remark"
            | "comments"
            | "comment"
            | "statement"
            | "assertion"
            | "assertions"
            | "allegation"
            | "allegations"
            | "warning"
            | "warnings"
            | "insistence"
            | "argument"
            | "suggestion"
            | "announcement"
            | "admission"
            | "promise"
            | "pledge"
            | "denial"
            | "assurance"
            | "assurances"
            | "accusation"
            | "accusations"
            | "contention"
            | "report"
            | "reports"
    )
}

/// Verbs whose first object is the addressee, not the content ("told reporters that ...").
pub fn takes_addressee(w: &str) -> bool {
    matches!(
        w,
        "told"
            | "tell"
            | "tells"
            | "telling"
            | "assured"
            | "assures"
            | "warned"
            | "warns"
            | "reminded"
            | "reminds"
            | "informed"
            | "informs"
            | "urged"
            | "urges"
            | "asked"
            | "asks"
            | "promised"
            | "promises"
            | "convinced"
            | "advised"
            | "notified"
    )
}

/// Country and organisation short forms whose full form a document often spells out.
pub fn alias_full(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" | "U.S." | "U.S" | "USA" | "U.S.A." | "America" => "United States",
        "UK" | "U.K." | "Britain" => "United Kingdom",
        "UN" | "U.N." => "United Nations",
        "EU" | "E.U." => "European Union",
        "UAE" => "United Arab Emirates",
        _ => return None,
    })
}

pub fn gender_of_title(w: &str) -> Option<Gender> {
    match w.trim_end_matches('.') {
        "mr" | "sir" | "king" | "prince" | "lord" | "father" | "spokesman" | "chairman"
        | "congressman" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "queen" | "dame" | "princess" | "spokeswoman" | "chairwoman"
        | "congresswoman" => Some(Gender::Female),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}
