//! Placeholder: this stage lands with its issue.
use dateline_core::{Document, Stage, StageError};

#[derive(Debug, Default)]
pub struct QuotesStage;

impl Stage for QuotesStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
