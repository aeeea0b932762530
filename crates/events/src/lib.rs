//! Placeholder: this stage lands with its issue.
use dateline_core::{Document, Stage, StageError};

#[derive(Debug, Default)]
pub struct EventsStage;

impl Stage for EventsStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
