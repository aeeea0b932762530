//! Placeholder: this stage lands with its issue.
use dateline_core::{Document, Stage, StageError};

#[derive(Debug, Default)]
pub struct ActorsStage;

impl Stage for ActorsStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
