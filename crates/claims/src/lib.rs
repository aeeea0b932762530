//! Dateline claims: what is asserted, by whom, and who disputes it.
//!
//! - [`stance`]: the stance model (agree / disagree / discuss / unrelated), trained in Rust on
//!   FNC-1 by `dateline train stance` and shipped in `model/stance.json.gz`.
//! - [`ClaimsStage`]: claim extraction from quotes, reported statements, headline and lead.
//! - [`cluster`]: incremental grouping of claims about the same proposition across documents,
//!   flagging contested clusters.
pub mod cluster;
pub mod extract;
pub mod features;
pub mod gbdt;
pub mod lex;
pub mod stance;

pub use cluster::{ClaimCluster, ClaimClusterer, ClusterView, Side, Statement};
pub use extract::extract_claims;
pub use stance::{Stance, StanceModel, StanceScores};

use dateline_core::{Document, Stage, StageError};

/// Fills `doc.claims` from quotes, reported statements, headline and lead.
#[derive(Debug, Default)]
pub struct ClaimsStage;

impl Stage for ClaimsStage {
    fn name(&self) -> &'static str {
        "claims"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.claims = extract_claims(doc);
        Ok(())
    }
}
