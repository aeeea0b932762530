//! Claim clusters: statements about the same proposition, grouped incrementally across
//! documents, speakers and time; a cluster is **contested** when it holds statements on both
//! sides of the proposition from different speakers.
//!
//! Linking: TF-IDF cosine between a new statement and any member (found through an inverted
//! index of terms), with a bonus for shared named entities; the stance model vetoes links it
//! finds unrelated. Sides: each statement gets an *orientation* — negation ("no longer
//! exists") and predicates of ending ("dismantled", "wiped out") flip it — and the stance
//! model's `disagree` flips it again against the cluster's first statement.
use crate::extract::capitalised_runs;
use crate::features::{Idf, TextRep};
use crate::lex::{self, FxMap};
use crate::stance::{Stance, StanceModel};
use dateline_core::{Claim, Polarity};
use serde::{Deserialize, Serialize};

/// One claim from one document, as the clusterer sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub doc_id: String,
    /// Index into the document's `claims`.
    pub claim: usize,
    pub text: String,
    pub claimant: Option<String>,
    pub polarity: Polarity,
    pub date: Option<String>,
    #[serde(default)]
    pub about: Vec<String>,
    /// Byte span of the claim in its document's text (for a link to the sentence).
    pub start: usize,
    pub end: usize,
}

impl Statement {
    pub fn from_claim(doc_id: &str, index: usize, c: &Claim) -> Statement {
        Statement {
            doc_id: doc_id.to_string(),
            claim: index,
            text: c.text.clone(),
            claimant: c.claimant.clone(),
            polarity: c.polarity,
            date: c.date.clone(),
            about: c.about.clone(),
            start: c.span.start,
            end: c.span.end,
        }
    }
    /// Whether two statements come from the same speaker, allowing for name variants
    /// ("General Motors Corp" / "GM Corp" / "General Motors"; "Aziz" / "Sartaj Aziz").
    pub fn same_speaker(&self, other: &Statement) -> bool {
        match (&self.claimant, &other.claimant) {
            (Some(a), Some(b)) => {
                let toks = |s: &str| -> Vec<String> {
                    lex::words(s)
                        .into_iter()
                        .map(|w| w.lower)
                        .filter(|w| !GENERIC_NAME_WORDS.contains(&w.as_str()) && !lex::is_stop(w))
                        .collect()
                };
                let (ta, tb) = (toks(a), toks(b));
                a.eq_ignore_ascii_case(b)
                    || ta.iter().any(|t| tb.contains(t))
                    || is_acronym_of(a, b)
                    || is_acronym_of(b, a)
            }
            _ => self.doc_id == other.doc_id,
        }
    }

    fn speaker_key(&self) -> String {
        match &self.claimant {
            Some(c) => c.to_lowercase(),
            None => format!("?{}", self.doc_id),
        }
    }
}

/// "BP" for "British Petroleum Co PLC": the initials of the name's capitalised words.
fn is_acronym_of(short: &str, long: &str) -> bool {
    let short: String = short.chars().filter(|c| c.is_alphanumeric()).collect();
    if short.len() < 2 || short.len() > 6 || !short.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let initials: String = lex::words(long)
        .iter()
        .filter(|w| w.capital && !GENERIC_NAME_WORDS.contains(&w.lower.as_str()))
        .filter_map(|w| w.lower.chars().next())
        .collect::<String>()
        .to_uppercase();
    initials.starts_with(&short)
}

/// Words that do not tell two speakers apart.
const GENERIC_NAME_WORDS: &[&str] = &[
    "ag",
    "association",
    "bank",
    "co",
    "company",
    "corp",
    "corporation",
    "department",
    "group",
    "inc",
    "international",
    "ltd",
    "minister",
    "ministry",
    "national",
    "plc",
    "president",
    "sa",
    "spokesman",
    "spokeswoman",
    "u",
    "s",
    "us",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    For,
    Against,
}

#[derive(Debug, Clone)]
struct Member {
    statement: Statement,
    rep: TextRep,
    names: Vec<String>,
    /// +1 or -1 relative to the cluster's first statement.
    side: i8,
    /// Word positions (in `rep.seq`) of negations.
    neg_pos: Vec<usize>,
    /// Asserts an ending ("dismantled", "wiped out").
    ending: bool,
}

/// Across documents, two statements are about the same proposition only if they name the
/// same thing (a person, organisation, place or named object), not just share vocabulary.
fn shares_name(a: &Member, b: &Member) -> bool {
    let toks = |m: &Member| -> Vec<String> {
        m.names
            .iter()
            .flat_map(|n| lex::words(n))
            .map(|w| w.lower)
            .filter(|w| {
                w.chars().count() >= 3
                    && !lex::is_stop(w)
                    && !GENERIC_NAME_WORDS.contains(&w.as_str())
                    && !COMMON_CAPITALISED.contains(&w.as_str())
                    && !dateline_core::is_month_or_weekday(w)
            })
            .collect()
    };
    let ta = toks(a);
    let tb = toks(b);
    ta.iter().any(|t| tb.contains(t))
}

/// Capitalised words that name nothing in particular.
const COMMON_CAPITALISED: &[&str] = &[
    "american",
    "board",
    "chairman",
    "chief",
    "court",
    "federal",
    "government",
    "house",
    "new",
    "north",
    "south",
    "east",
    "west",
    "state",
    "states",
    "united",
];

/// Predicates of persistence: they stand against an ending ("continues to emanate", "poses
/// a threat", "still exists" against "has been dismantled"), and a negated one against a plain
/// one ("no longer exists" against "continues"). Stems, as [`lex::stem`] gives them.
const PERSIST: &[&str] = &[
    "activ", "continu", "exist", "operat", "persist", "pos", "pose", "remain", "still", "surviv",
];

/// A threat or violence asserted to go on stands against its source's ending as well
/// ("dismantled" against "the violence that we see from ... the Haqqani network").
const THREAT: &[&str] = &["attack", "terror", "threat", "violenc"];

fn is_persist(stem: &str) -> bool {
    PERSIST.contains(&stem) || THREAT.contains(&stem)
}

/// A speaker who can be told apart from others: a proper name ("Sartaj Aziz", "US", "Moody's"),
/// not a description ("a company spokesman", "the company", "delegates") or a nationality
/// ("Brazilian", "Republican").
pub fn is_named_speaker(name: &str) -> bool {
    let ws = lex::words(name);
    let Some(first) = ws.first() else {
        return false;
    };
    if !first.capital || first.lower == "the" || first.lower == "a" || first.lower == "an" {
        return false;
    }
    if ws.len() == 1
        && ["ian", "ean", "ican", "ese", "ish", "ans"]
            .iter()
            .any(|s| first.lower.ends_with(s))
    {
        return false;
    }
    ws.iter().any(|w| w.capital && !lex::is_stop(&w.lower))
}

/// Stems of the words of a member's names ("haqqani", "pakistan"): shared names make two
/// statements about the same thing, but the predicate they disagree on is not a name.
fn name_stems(m: &Member) -> crate::lex::FxSet<String> {
    m.names
        .iter()
        .flat_map(|n| lex::words(n))
        .map(|w| lex::stem(&w.lower))
        .collect()
}

/// Negation positions of `m` whose scope (the next six words) covers one of `targets`.
fn negated_on(m: &Member, targets: &dyn Fn(&str) -> bool) -> usize {
    m.neg_pos
        .iter()
        .filter(|&&p| {
            m.rep
                .seq
                .iter()
                .skip(p + 1)
                .take(6)
                .any(|w| targets(w.as_str()))
        })
        .count()
}

/// The strict test for a contested pair: the two statements name the same thing and oppose
/// each other on one proposition about it, in one of two ways:
/// - one negates a predicate that the other asserts, about the same argument ("the NSA did not
///   monitor McFarlane's conversations" against "the government monitored the telephone of
///   ... McFarlane"; see [`negation_opposes`]);
/// - one asserts an ending that the other denies by asserting persistence ("the network has
///   been dismantled" against "the threat continues to emanate from Pakistan").
///
/// The stance model alone is not enough: trained on headline/body pairs (FNC-1), its
/// `disagree` between two Reuters sentences was wrong far more often than right.
fn contest(a: &Member, b: &Member) -> bool {
    if !shares_name(a, b) || !is_prose(&a.statement.text) || !is_prose(&b.statement.text) {
        return false;
    }
    if !a.ending && !b.ending {
        let wa = lex::words(&a.statement.text);
        let wb = lex::words(&b.statement.text);
        let names: crate::lex::FxSet<String> =
            name_stems(a).into_iter().chain(name_stems(b)).collect();
        let (ta, tb) = (a.statement.text.as_str(), b.statement.text.as_str());
        if negation_opposes((&wa, ta), (&wb, tb), &names)
            || negation_opposes((&wb, tb), (&wa, ta), &names)
        {
            return true;
        }
    }
    // An ending against persistence: neither side negated on it.
    let ending_vs = |e: &Member, p: &Member| {
        e.ending
            && !p.ending
            && e.neg_pos.is_empty()
            && negated_on(p, &is_persist) == 0
            && p.rep.stem_set.iter().any(|t| is_persist(t))
    };
    ending_vs(a, b) || ending_vs(b, a)
}

/// Words between a negation and the predicate it negates: auxiliaries, modals, adverbs
/// ("did not really intend", "no longer exists", "will not be").
const NEG_SKIP: &[&str] = &[
    "again",
    "am",
    "any",
    "are",
    "be",
    "been",
    "being",
    "can",
    "could",
    "currently",
    "did",
    "do",
    "does",
    "even",
    "ever",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "immediately",
    "is",
    "longer",
    "may",
    "might",
    "must",
    "necessarily",
    "really",
    "shall",
    "should",
    "so",
    "to",
    "was",
    "were",
    "will",
    "would",
    "yet",
];

/// Auxiliaries that end a subject noun phrase ("no meeting had been scheduled").
const AUX: &[&str] = &[
    "are", "can", "could", "had", "has", "have", "is", "may", "might", "must", "shall", "should",
    "was", "were", "will", "would",
];

/// Words before a predicate that make it an obligation or a need, not an assertion that it
/// holds ("Polish goods have to be more competitive", "must be competitive").
fn obliged_at(ws: &[lex::Word], k: usize) -> bool {
    let before = &ws[k.saturating_sub(4)..k];
    before.iter().enumerate().any(|(i, w)| {
        matches!(
            w.lower.as_str(),
            "must" | "should" | "ought" | "need" | "needs"
        ) || (matches!(w.lower.as_str(), "have" | "has" | "had")
            && before.get(i + 1).is_some_and(|n| n.lower == "to"))
    })
}

/// Words before a negation that make it part of a condition or a description, not an
/// assertion ("if the law is not amended", "banks which are not strike-bound").
const NEG_CONTEXT: &[&str] = &["if", "unless", "whether", "which", "who", "whose"];

/// Words after a negation that make it an idiom, not a negated predicate ("not only", "no
/// more than", "no doubt", "no matter").
const NEG_IDIOM: &[&str] = &[
    "doubt", "fewer", "later", "least", "less", "matter", "more", "only",
];

/// The predicates `ws` negates: for each negation outside a condition or relative clause, the
/// first content word after it, past auxiliaries and adverbs ("did not monitor" → monitor).
fn negated_predicates(ws: &[lex::Word], text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if !lex::is_negation(&w.lower) || w.lower == "without" {
            continue;
        }
        // The clause before the negation: back to a comma or eight words at most.
        let comma_after = |k: usize| {
            let end = ws.get(k + 1).map_or(text.len(), |n| n.start);
            text.get(ws[k].start..end).is_some_and(|g| g.contains(", "))
        };
        let clause_start = (0..i)
            .rev()
            .find(|&k| comma_after(k))
            .map_or(0, |c| c + 1)
            .max(i.saturating_sub(8));
        if ws[clause_start..i]
            .iter()
            .any(|b| NEG_CONTEXT.contains(&b.lower.as_str()))
        {
            continue;
        }
        if ws
            .get(i + 1)
            .is_some_and(|n| NEG_IDIOM.contains(&n.lower.as_str()))
        {
            continue;
        }
        let mut j = i + 1;
        // "no plans to raise its bid": the negated predicate is the verb after "to"; "no
        // meeting had been scheduled": the verb after the subject's auxiliaries.
        if w.lower == "no" {
            if ws.get(j + 1).is_some_and(|t| t.lower == "to") {
                j += 2;
            } else if let Some(a) =
                (j + 1..(j + 7).min(ws.len())).find(|&k| AUX.contains(&ws[k].lower.as_str()))
            {
                j = a;
            }
        }
        let skip_from = j;
        while ws
            .get(j)
            .is_some_and(|n| NEG_SKIP.contains(&n.lower.as_str()))
            && j < skip_from + 4
        {
            j += 1;
        }
        if let Some(v) = ws.get(j) {
            if !v.number && !lex::is_stop(&v.lower) && !lex::is_negation(&v.lower) {
                out.push(j);
            }
        }
    }
    out
}

/// Whether the word at `k` is negated: a negation (or "less") among the three words before it.
fn negated_at(ws: &[lex::Word], k: usize) -> bool {
    ws[k.saturating_sub(3)..k]
        .iter()
        .any(|w| lex::is_negation(&w.lower) || w.lower == "less")
}

/// Content stems of the words `from..from + n` (the predicate's arguments, roughly).
fn arg_stems(ws: &[lex::Word], from: usize, n: usize) -> Vec<String> {
    ws.iter()
        .skip(from)
        .take(n)
        .filter(|w| !w.number && w.lower.chars().count() >= 3 && !lex::is_stop(&w.lower))
        .map(|w| lex::stem(&w.lower))
        .collect()
}

/// `neg` negates a predicate that `pos` asserts (same stem, not negated there, and not a
/// name; any two predicates of persistence count as one), and the two share an argument: a
/// content word among the few words around the predicate in both ("did not monitor any of McFarlane's conversations" / "monitored the home telephone
/// of ... McFarlane").
fn negation_opposes(
    (neg, neg_text): (&[lex::Word], &str),
    (pos, pos_text): (&[lex::Word], &str),
    names: &crate::lex::FxSet<String>,
) -> bool {
    let pos_negated: Vec<String> = negated_predicates(pos, pos_text)
        .into_iter()
        .filter_map(|j| pos.get(j).map(|w| lex::stem(&w.lower)))
        .collect();
    negated_predicates(neg, neg_text).into_iter().any(|v| {
        let Some(vw) = neg.get(v) else {
            return false;
        };
        let sv = lex::stem(&vw.lower);
        if sv.chars().count() < 3
            || names.contains(&sv)
            || lex::is_report(&sv)
            || pos_negated.contains(&sv)
        {
            return false;
        }
        let args = arg_stems(neg, v.saturating_sub(6), 6 + 9);
        // The same predicate, or both of persistence ("no longer exists" / "continues").
        let same = |t: &str| t == sv || (is_persist(&sv) && is_persist(t));
        pos.iter().enumerate().any(|(k, w)| {
            let t = lex::stem(&w.lower);
            !negated_at(pos, k)
                && !obliged_at(pos, k)
                && same(&t)
                && arg_stems(pos, k.saturating_sub(6), 6 + 11)
                    .iter()
                    .any(|a| a != &sv && a != &t && args.contains(a))
        })
    })
}

/// A sentence, not a table row: see [`crate::extract::is_prose`], allowing short statements.
fn is_prose(t: &str) -> bool {
    let ws = lex::words_ref(t);
    let lower = ws.iter().filter(|w| !w.number && !w.capital).count();
    let nums = ws.iter().filter(|w| w.number).count();
    lower >= 3 && nums * 4 <= ws.len()
}

#[derive(Debug, Clone, Default)]
pub struct ClaimCluster {
    pub id: usize,
    members: Vec<Member>,
    /// Sum of the members' TF-IDF vectors, and its squared norm.
    centroid: FxMap<String, f32>,
    centroid_norm2: f32,
    /// A pair of statements on opposite sides, by different named speakers, that are close
    /// enough to be about the same proposition and oppose each other on it.
    contested_by: Option<(usize, usize, f32)>,
}

/// A cluster as the API shows it: the proposition and who stands on each side.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterView {
    pub id: usize,
    /// The statement that best states the disputed proposition (from the `for` side).
    pub claim: String,
    pub contested: bool,
    #[serde(rename = "for")]
    pub for_: Vec<Statement>,
    pub against: Vec<Statement>,
    /// Distinct speakers on each side.
    pub for_speakers: Vec<String>,
    pub against_speakers: Vec<String>,
    /// The two opposed statements that make the cluster contested, and their similarity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contested_pair: Option<(Statement, Statement, f32)>,
}

impl ClaimCluster {
    fn centroid_cos(&self, rep: &TextRep) -> f32 {
        if self.centroid_norm2 <= 0.0 {
            return 0.0;
        }
        let dot: f32 = rep
            .vec
            .w
            .iter()
            .map(|(k, v)| v * self.centroid.get(k).copied().unwrap_or(0.0))
            .sum();
        dot / self.centroid_norm2.sqrt()
    }

    fn add_to_centroid(&mut self, rep: &TextRep) {
        for (k, v) in &rep.vec.w {
            let e = self.centroid.entry(k.clone()).or_default();
            self.centroid_norm2 += (*e + v) * (*e + v) - *e * *e;
            *e += v;
        }
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
    pub fn statements(&self) -> impl Iterator<Item = (&Statement, i8)> {
        self.members.iter().map(|m| (&m.statement, m.side))
    }

    fn speakers(&self, side: i8) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for m in self.members.iter().filter(|m| m.side == side) {
            let k = m.statement.speaker_key();
            if !keys.contains(&k) {
                keys.push(k);
                v.push(
                    m.statement
                        .claimant
                        .clone()
                        .unwrap_or_else(|| "(unknown)".into()),
                );
            }
        }
        v
    }

    /// Holds two statements, by different named speakers, that oppose each other on the same
    /// proposition (see [`ClaimClusterer::contest_similarity`]).
    pub fn is_contested(&self) -> bool {
        self.contested_by.is_some()
    }

    /// The view: the side with fewer distinct speakers is the disputed claim (`for`); the
    /// others dispute it. Ties keep the first statement's side as `for`.
    pub fn view(&self) -> ClusterView {
        let (pos, neg) = (self.speakers(1), self.speakers(-1));
        let first_side = self.members.first().map_or(1, |m| m.side);
        let for_side: i8 = if neg.is_empty() || pos.is_empty() {
            if pos.is_empty() {
                -1
            } else {
                1
            }
        } else if neg.len() != pos.len() {
            if neg.len() < pos.len() {
                -1
            } else {
                1
            }
        } else {
            first_side
        };
        let pick = |s: i8| -> Vec<Statement> {
            self.members
                .iter()
                .filter(|m| m.side == s)
                .map(|m| m.statement.clone())
                .collect()
        };
        // The most central statement of the `for` side states the proposition.
        let claim = self
            .members
            .iter()
            .filter(|m| m.side == for_side)
            .max_by(|a, b| {
                let sa: f32 = self.members.iter().map(|o| a.rep.vec.cos(&o.rep.vec)).sum();
                let sb: f32 = self.members.iter().map(|o| b.rep.vec.cos(&o.rep.vec)).sum();
                sa.total_cmp(&sb)
            })
            .map(|m| m.statement.text.clone())
            .unwrap_or_default();
        ClusterView {
            id: self.id,
            claim,
            contested: self.is_contested(),
            for_: pick(for_side),
            against: pick(-for_side),
            for_speakers: self.speakers(for_side),
            against_speakers: self.speakers(-for_side),
            contested_pair: self.contested_by.and_then(|(a, b, sim)| {
                let a = self.members.get(a)?;
                let b = self.members.get(b)?;
                let (a, b) = if a.side == for_side { (a, b) } else { (b, a) };
                Some((a.statement.clone(), b.statement.clone(), sim))
            }),
        }
    }
}

/// Predicates that assert something ended: they flip a statement's orientation, so that
/// "X has been dismantled" and "X no longer exists" stand against "X continues".
const ENDING: &[&str] = &[
    "abolished",
    "annihilated",
    "crushed",
    "defeated",
    "destroyed",
    "disbanded",
    "dismantle",
    "dismantled",
    "dismantling",
    "dissolved",
    "eliminated",
    "ended",
    "eradicated",
    "neutralised",
    "neutralized",
    "obliterated",
    "routed",
    "vanquished",
    "wiped",
];

/// Word `i` asserts an ending, unless it names an accounting period ("the fiscal year just
/// ended", "the quarter ended March 31").
fn ending_at(ws: &[lex::Word], i: usize) -> bool {
    const PERIOD: &[&str] = &[
        "half", "just", "month", "months", "period", "quarter", "week", "year",
    ];
    ws.get(i)
        .is_some_and(|w| ENDING.contains(&w.lower.as_str()))
        && !ws[i.saturating_sub(2)..i]
            .iter()
            .any(|p| PERIOD.contains(&p.lower.as_str()))
}

/// +1 for a plain assertion, -1 for a negated one or one that asserts an ending.
pub fn orientation(text: &str, polarity: Polarity) -> i8 {
    let ws = lex::words(text);
    let ending = (0..ws.len()).any(|i| ending_at(&ws, i));
    let neg = polarity == Polarity::Negative;
    if neg != ending {
        -1
    } else {
        1
    }
}

/// Groups statements incrementally.
pub struct ClaimClusterer<'m> {
    model: &'m StanceModel,
    clusters: Vec<ClaimCluster>,
    /// term → (cluster, member) postings.
    index: FxMap<String, Vec<(u32, u32, f32)>>,
    /// Minimum similarity for a statement to join a cluster.
    pub link_threshold: f32,
    /// Minimum similarity of two opposed statements for their cluster to be contested.
    pub contest_similarity: f32,
    /// Terms with more postings than this are too common to find candidates by.
    pub max_postings: usize,
    /// Document frequencies over the statements seen so far: clustering weighs words by how
    /// rare they are in *this* collection (finance wires repeat "mln dlrs" in every story).
    idf: Idf,
    /// The stance model's `disagree` probability (claim = linked statement, body = new one)
    /// above which a statement goes to the other side regardless of its orientation.
    pub disagree_flip: f32,
    /// A cluster with more statements than this is a topic, not a proposition: never contested.
    pub max_contested_size: usize,
}

impl<'m> ClaimClusterer<'m> {
    pub fn new(model: &'m StanceModel) -> Self {
        ClaimClusterer {
            model,
            clusters: Vec::new(),
            index: FxMap::default(),
            // The stance model's document frequencies (news bodies) are the prior; the
            // statements seen so far are added to them, so that a large collection soon
            // weighs words by its own usage.
            idf: model.idf.clone(),
            link_threshold: 0.3,
            contest_similarity: 0.4,
            max_postings: 1_000,
            disagree_flip: 0.75,
            max_contested_size: 8,
        }
    }

    pub fn clusters(&self) -> &[ClaimCluster] {
        &self.clusters
    }

    /// Contested, and small enough to be about one proposition (`max_contested_size`).
    pub fn is_contested(&self, c: &ClaimCluster) -> bool {
        c.is_contested() && c.len() <= self.max_contested_size
    }

    /// The view of a cluster, contested only within `max_contested_size`.
    pub fn view(&self, c: &ClaimCluster) -> ClusterView {
        let mut v = c.view();
        v.contested = self.is_contested(c);
        if !v.contested {
            v.contested_pair = None;
        }
        v
    }

    pub fn contested(&self) -> Vec<ClusterView> {
        self.clusters
            .iter()
            .filter(|c| self.is_contested(c))
            .map(ClaimCluster::view)
            .collect()
    }

    /// Add every claim of a document.
    pub fn add_claims(&mut self, doc_id: &str, claims: &[Claim]) -> Vec<usize> {
        claims
            .iter()
            .enumerate()
            .map(|(i, c)| self.add(Statement::from_claim(doc_id, i, c)))
            .collect()
    }

    fn similarity(&self, rep: &TextRep, names: &[String], m: &Member) -> f32 {
        let shared = names.iter().filter(|n| m.names.contains(n)).count();
        rep.vec.cos(&m.rep.vec) + if shared > 0 { 0.1 } else { 0.0 }
    }

    /// Add one statement; returns the id of the cluster it joined or started.
    pub fn add(&mut self, s: Statement) -> usize {
        let stems: crate::lex::FxSet<String> = crate::lex::words(&s.text)
            .iter()
            .filter(|w| !lex::is_stop(&w.lower) && !lex::is_negation(&w.lower))
            .map(|w| lex::stem(&w.lower))
            .collect();
        self.idf.docs += 1;
        for t in &stems {
            *self.idf.df.entry(t.clone()).or_default() += 1;
        }
        let rep = TextRep::new(&s.text, &self.idf);
        let mut names: Vec<String> = s.about.iter().map(|a| a.to_lowercase()).collect();
        for r in capitalised_runs(&s.text) {
            let r = r.to_lowercase();
            if !names.contains(&r) {
                names.push(r);
            }
        }
        // Candidates through the inverted index: the postings carry each member's term
        // weights, so accumulating them gives the cosine without touching the members.
        let mut dots: FxMap<(u32, u32), f32> = FxMap::default();
        for (t, w) in rep.vec.w.iter() {
            if let Some(p) = self.index.get(t) {
                if p.len() <= self.max_postings {
                    for &(ci, mi, mw) in p {
                        *dots.entry((ci, mi)).or_default() += w * mw;
                    }
                }
            }
        }
        let mut cands: Vec<(u32, u32)> = dots
            .into_iter()
            .filter(|(_, d)| *d + 0.1 >= self.link_threshold)
            .map(|(k, _)| k)
            .collect();
        cands.sort_unstable();
        // Best member per cluster (link evidence), then the cluster whose centroid is closest:
        // a statement must resemble the cluster as a whole, so that clusters do not chain.
        let mut per_cluster: FxMap<usize, (f32, usize)> = FxMap::default();
        for (ci, mi) in cands {
            let Some(m) = self
                .clusters
                .get(ci as usize)
                .and_then(|c| c.members.get(mi as usize))
            else {
                continue;
            };
            let sim = self.similarity(&rep, &names, m);
            let e = per_cluster.entry(ci as usize).or_insert((sim, mi as usize));
            if sim > e.0 {
                *e = (sim, mi as usize);
            }
        }
        let mut best: Option<(f32, usize, usize)> = None;
        for (ci, (sim, mi)) in per_cluster {
            if sim < self.link_threshold {
                continue;
            }
            let Some(c) = self.clusters.get(ci) else {
                continue;
            };
            // At least two content words in common with the member it links through.
            let Some(m) = c.members.get(mi) else {
                continue;
            };
            let shared = rep
                .stem_set
                .intersection(&m.rep.stem_set)
                .filter(|t| t.chars().count() >= 3 && !t.starts_with(|c: char| c.is_ascii_digit()))
                .count();
            if shared < 2 {
                continue;
            }
            let score = c.centroid_cos(&rep) + (sim - rep.vec.cos(&m.rep.vec));
            if score >= self.link_threshold
                && best.is_none_or(|(b, bc, _)| score > b || (score == b && ci < bc))
            {
                best = Some((score, ci, mi));
            }
        }
        let orient = orientation(&s.text, s.polarity);
        let (ci, side) = match best {
            Some((_, ci, mi)) => {
                let (m_side, m_orient, m_text) =
                    match self.clusters.get(ci).and_then(|c| c.members.get(mi)) {
                        Some(m) => (
                            m.side,
                            orientation(&m.statement.text, m.statement.polarity),
                            m.statement.text.clone(),
                        ),
                        None => (1, 1, String::new()),
                    };
                // Opposite when the orientations differ, or when the stance model is confident
                // that the new statement disagrees with the one it linked to.
                // The stance model, claim = the linked statement, body = the new one.
                let sc = self.model.predict(&m_text, &s.text);
                if std::env::var("DATELINE_DEBUG_CLUSTER").is_ok() {
                    eprintln!("{:?} {:?} | {} || {}", sc.stance, sc.probs, m_text, s.text);
                }
                let opposite = m_orient != orient
                    || (sc.stance == Stance::Disagree && sc.probs[1] >= self.disagree_flip);
                (ci, if opposite { -m_side } else { m_side })
            }
            None => {
                let id = self.clusters.len();
                self.clusters.push(ClaimCluster {
                    id,
                    ..Default::default()
                });
                (id, orient)
            }
        };
        let Some(cluster) = self.clusters.get_mut(ci) else {
            return ci;
        };
        let mi = cluster.members.len() as u32;
        cluster.add_to_centroid(&rep);
        // Unattributed statements (a headline with no known publisher) may join a cluster but
        // do not link others to it: boilerplate must not chain clusters together.
        if s.claimant.is_some() {
            for (t, w) in rep.vec.w.iter() {
                self.index
                    .entry(t.clone())
                    .or_default()
                    .push((ci as u32, mi, *w));
            }
        }
        let ws = lex::words(&s.text);
        let neg_pos = ws
            .iter()
            .enumerate()
            .filter(|(i, w)| {
                lex::is_negation(&w.lower)
                    && !(w.lower == "not" && ws.get(i + 1).is_some_and(|n| n.lower == "only"))
            })
            .map(|(i, _)| i)
            .collect();
        let ending = (0..ws.len()).any(|i| ending_at(&ws, i));
        let member = Member {
            statement: s,
            rep,
            names,
            side,
            neg_pos,
            ending,
        };
        if cluster.contested_by.is_none()
            && cluster.members.len() < self.max_contested_size
            && member
                .statement
                .claimant
                .as_deref()
                .is_some_and(is_named_speaker)
        {
            let key = member.statement.speaker_key();
            for (oi, o) in cluster.members.iter().enumerate() {
                if o.side == member.side
                    || !o
                        .statement
                        .claimant
                        .as_deref()
                        .is_some_and(is_named_speaker)
                    || o.statement.speaker_key() == key
                    || o.statement.same_speaker(&member.statement)
                    || o.rep.vec.cos(&member.rep.vec) < self.contest_similarity
                {
                    continue;
                }
                if contest(o, &member) {
                    let sim = o.rep.vec.cos(&member.rep.vec);
                    cluster.contested_by = Some((oi, mi as usize, sim));
                    break;
                }
            }
        }
        cluster.members.push(member);
        ci
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(claimant: &str) -> Statement {
        Statement {
            doc_id: "d".into(),
            claim: 0,
            text: String::new(),
            claimant: Some(claimant.into()),
            polarity: Polarity::Positive,
            date: None,
            about: Vec::new(),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn speaker_variants_are_one_speaker() {
        assert!(st("General Motors Corp").same_speaker(&st("General Motors Corp GM")));
        assert!(st("Aziz").same_speaker(&st("Sartaj Aziz")));
        assert!(st("BP").same_speaker(&st("British Petroleum Co PLC")));
        assert!(!st("Mark Toner").same_speaker(&st("Sartaj Aziz")));
        assert!(!st("Iraq").same_speaker(&st("Iran")));
    }

    #[test]
    fn persistence_predicates_match_their_stems() {
        for w in [
            "poses",
            "pose",
            "continues",
            "continuing",
            "exists",
            "remains",
            "still",
            "operates",
            "persists",
            "survives",
            "active",
        ] {
            assert!(is_persist(&lex::stem(w)), "{w}");
        }
    }

    #[test]
    fn descriptions_are_not_named_speakers() {
        for n in [
            "Sartaj Aziz",
            "US",
            "United States",
            "Moody's",
            "Mark Toner",
        ] {
            assert!(is_named_speaker(n), "{n}");
        }
        for n in [
            "a company spokesman",
            "The company",
            "delegates",
            "Brazilian",
            "Republican",
        ] {
            assert!(!is_named_speaker(n), "{n}");
        }
    }

    #[test]
    fn ending_predicates_flip_orientation() {
        assert_eq!(
            orientation("the network has been dismantled", Polarity::Positive),
            -1
        );
        assert_eq!(
            orientation("the network no longer exists", Polarity::Negative),
            -1
        );
        assert_eq!(orientation("the threat continues", Polarity::Positive), 1);
    }

    fn opposes(neg: &str, pos: &str) -> bool {
        let (wn, wp) = (lex::words(neg), lex::words(pos));
        negation_opposes((&wn, neg), (&wp, pos), &Default::default())
    }

    #[test]
    fn negated_predicate_against_the_asserted_one_on_the_same_argument() {
        assert!(opposes(
            "The National Security Agency said it did not monitor any of McFarlane's conversations",
            "the government had secretly monitored the home telephone of Robert McFarlane",
        ));
        assert!(opposes(
            "it would not buy U.S. Supercomputers",
            "the government is considering buying U.S. Supercomputers",
        ));
    }

    #[test]
    fn conditional_negation_is_not_an_assertion() {
        // Reuters: "If the Connecticut law is not amended in time, ..." was contested against
        // "it will seek to have the Connecticut law amended".
        assert!(!opposes(
            "If the Connecticut law is not amended in time, an option would be to spin off that unit",
            "it will seek to have the Connecticut law amended to allow it to retain the unit",
        ));
    }

    #[test]
    fn no_plans_to_negates_the_verb_not_the_plans() {
        // Reuters: "CSR had no plans to raise its bid" was contested against "completing plans
        // for the float of CSR Petroleum".
        assert!(!opposes(
            "CSR had no plans to raise its bid",
            "CSR was within days of completing plans for the float of CSR Petroleum",
        ));
    }

    #[test]
    fn accounting_period_ended_is_not_an_ending() {
        let ws = lex::words("results for the fiscal year just ended March seven");
        assert!(!(0..ws.len()).any(|i| ending_at(&ws, i)));
        let ws = lex::words("the war ended in 1988");
        assert!((0..ws.len()).any(|i| ending_at(&ws, i)));
    }

    #[test]
    fn an_obligation_is_not_an_assertion() {
        // Reuters: "Polish products were not competitive" was contested against "Polish goods
        // have to be more competitive".
        assert!(!opposes(
            "Polish products were not competitive, and their quality was too low",
            "Polish goods have to be more competitive and of better quality",
        ));
    }

    #[test]
    fn no_subject_negates_the_verb_after_its_auxiliaries() {
        // Reuters: "no meeting of the committee had been scheduled" was contested against "a
        // meeting of the OPEC Differentials Committee had been postponed".
        assert!(!opposes(
            "no meeting of the differentials committee had been scheduled",
            "a meeting of the OPEC Differentials Committee had been postponed",
        ));
        assert!(opposes(
            "no meeting of the differentials committee had been scheduled",
            "a meeting of the differentials committee has been scheduled for April",
        ));
    }
}
