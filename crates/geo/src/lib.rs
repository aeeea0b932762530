//! Placeholder: this stage lands with its issue.
use dateline_core::{Document, Stage, StageError};

#[derive(Debug, Default)]
pub struct GeoStage;

impl Stage for GeoStage {
    fn name(&self) -> &'static str {
        "geo"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
