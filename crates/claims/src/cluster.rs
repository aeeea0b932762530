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
use crate::features::TextRep;
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
    fn speaker_key(&self) -> String {
        match &self.claimant {
            Some(c) => c.to_lowercase(),
            None => format!("?{}", self.doc_id),
        }
    }
}

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
}

#[derive(Debug, Clone, Default)]
pub struct ClaimCluster {
    pub id: usize,
    members: Vec<Member>,
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
}

impl ClaimCluster {
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

    /// Both sides hold statements, and some speaker on one side is not on the other.
    pub fn is_contested(&self) -> bool {
        let a: Vec<String> = self
            .members
            .iter()
            .filter(|m| m.side > 0)
            .map(|m| m.statement.speaker_key())
            .collect();
        let b: Vec<String> = self
            .members
            .iter()
            .filter(|m| m.side < 0)
            .map(|m| m.statement.speaker_key())
            .collect();
        a.iter().any(|x| b.iter().any(|y| x != y))
    }

    /// The view: the side with fewer distinct speakers is the disputed claim (`for`); the
    /// others dispute it. Ties keep the first statement's side as `for`.
    pub fn view(&self) -> ClusterView {
        let (pos, neg) = (self.speakers(1), self.speakers(-1));
        let for_side: i8 = if !neg.is_empty() && neg.len() < pos.len() {
            -1
        } else {
            1
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

/// +1 for a plain assertion, -1 for a negated one or one that asserts an ending.
pub fn orientation(text: &str, polarity: Polarity) -> i8 {
    let ending = lex::words(text)
        .iter()
        .any(|w| ENDING.contains(&w.lower.as_str()));
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
    index: FxMap<String, Vec<(u32, u32)>>,
    /// Minimum similarity for a statement to join a cluster.
    pub link_threshold: f32,
    /// Terms with more postings than this are too common to find candidates by.
    pub max_postings: usize,
    /// The stance model's `disagree` probability (claim = linked statement, body = new one)
    /// above which a statement goes to the other side regardless of its orientation.
    pub disagree_flip: f32,
}

impl<'m> ClaimClusterer<'m> {
    pub fn new(model: &'m StanceModel) -> Self {
        ClaimClusterer {
            model,
            clusters: Vec::new(),
            index: FxMap::default(),
            link_threshold: 0.2,
            max_postings: 20_000,
            disagree_flip: 0.5,
        }
    }

    pub fn clusters(&self) -> &[ClaimCluster] {
        &self.clusters
    }

    pub fn contested(&self) -> Vec<ClusterView> {
        self.clusters
            .iter()
            .filter(|c| c.is_contested())
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
        let rep = self.model.rep(&s.text);
        let mut names: Vec<String> = s.about.iter().map(|a| a.to_lowercase()).collect();
        for r in capitalised_runs(&s.text) {
            let r = r.to_lowercase();
            if !names.contains(&r) {
                names.push(r);
            }
        }
        // Candidates through the inverted index.
        let mut cands: Vec<(u32, u32)> = Vec::new();
        for t in rep.stem_set.iter() {
            if let Some(p) = self.index.get(t) {
                if p.len() <= self.max_postings {
                    cands.extend_from_slice(p);
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<(f32, usize, usize)> = None;
        for (ci, mi) in cands {
            let Some(m) = self
                .clusters
                .get(ci as usize)
                .and_then(|c| c.members.get(mi as usize))
            else {
                continue;
            };
            let sim = self.similarity(&rep, &names, m);
            if sim >= self.link_threshold && best.is_none_or(|(b, _, _)| sim > b) {
                best = Some((sim, ci as usize, mi as usize));
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
                let sc = self.model.predict_reps(&self.model.rep(&m_text), &rep);
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
                    members: Vec::new(),
                });
                (id, orient)
            }
        };
        let Some(cluster) = self.clusters.get_mut(ci) else {
            return ci;
        };
        let mi = cluster.members.len() as u32;
        for t in rep.stem_set.iter() {
            self.index
                .entry(t.clone())
                .or_default()
                .push((ci as u32, mi));
        }
        cluster.members.push(Member {
            statement: s,
            rep,
            names,
            side,
        });
        ci
    }
}
