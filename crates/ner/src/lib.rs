//! Named-entity recognition: a feature-rich averaged-perceptron tagger (CoNLL types, trained in
//! Rust by `dateline train ner`) with Viterbi decoding, and rule-based types on top (money,
//! percentages, dates, times, quantities, facilities, person titles).
use dateline_core::{Document, Stage, StageError};
use std::sync::OnceLock;

pub mod clusters;
mod fast;
pub mod features;
pub mod hash;
pub mod model;
pub mod rules;
mod stage;
pub mod train;

pub use model::Model;

#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("model: {0}")]
    Format(String),
}

/// The shipped model, trained by `dateline train ner` (see the README).
static MODEL_BYTES: &[u8] = include_bytes!("../model/ner.bin.gz");

static MODEL: OnceLock<Option<Model>> = OnceLock::new();

/// The embedded model, loaded once; `None` when the build carries no model.
pub fn embedded_model() -> Option<&'static Model> {
    MODEL
        .get_or_init(|| {
            if MODEL_BYTES.is_empty() {
                None
            } else {
                Model::load(MODEL_BYTES).ok()
            }
        })
        .as_ref()
}

/// Fills `doc.entities`: the embedded tagger's names (PERSON, ORG, GPE/LOC, NORP/MISC, FAC) and
/// rule-based MONEY, PERCENT, QUANTITY, DATE, TIME and TITLE, each name with its `canonical`
/// form and persons with their titles.
#[derive(Debug, Default)]
pub struct NerStage;

/// Annotates `doc` (already segmented) with `model`, or the embedded one when `None`.
pub fn annotate_with(doc: &mut Document, model: Option<&Model>) {
    match model {
        Some(m) => stage::annotate(doc, Some(m)),
        None => stage::annotate(doc, embedded_model()),
    }
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        stage::annotate(doc, embedded_model());
        Ok(())
    }
}

/// Tags one document of pre-tokenised sentences with IOB2 tags (PER/ORG/LOC/MISC).
pub fn tag_conll_document(model: Option<&Model>, sents: &[Vec<&str>]) -> Vec<Vec<String>> {
    let m: Option<&Model> = match model {
        Some(m) => Some(m),
        None => embedded_model(),
    };
    match m {
        Some(m) => m
            .tag_document(sents)
            .into_iter()
            .map(|s| s.into_iter().map(features::label_name).collect())
            .collect(),
        None => sents
            .iter()
            .map(|s| vec!["O".to_string(); s.len()])
            .collect(),
    }
}

/// Tags pre-tokenised sentences with IOB2 tags (PER/ORG/LOC/MISC).
pub fn tag_conll_sentence(tokens: &[&str]) -> Vec<String> {
    tag_conll_document(None, &[tokens.to_vec()])
        .into_iter()
        .next()
        .unwrap_or_default()
}
