//! Placeholder: this stage lands with its issue.
use dateline_core::{Document, Stage, StageError};

#[derive(Debug, Default)]
pub struct ClaimsStage;

impl Stage for ClaimsStage {
    fn name(&self) -> &'static str {
        "claims"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
