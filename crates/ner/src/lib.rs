//! Placeholder: the NER tagger lands with its issue.
use dateline_core::{Document, Stage, StageError};

#[derive(Debug, Default)]
pub struct NerStage;

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}

/// Tags pre-tokenised sentences with IOB2 tags (PER/ORG/LOC/MISC).
pub fn tag_conll_sentence(tokens: &[&str]) -> Vec<String> {
    vec!["O".to_string(); tokens.len()]
}
