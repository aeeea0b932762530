//! Extraction: clean text and metadata from the ingested record.
use dateline_core::{Document, Published, Stage, StageError};

#[derive(Debug, Default)]
pub struct Extractor;

impl Stage for Extractor {
    fn name(&self) -> &'static str {
        "extract"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let rec = &doc.source_record;
        let text = match (&rec.text, &rec.html) {
            (Some(t), _) => t.clone(),
            (None, Some(_h)) => String::new(),
            (None, None) => {
                return Err(StageError::failed("extract", "record has no text or html"))
            }
        };
        doc.text = text;
        doc.title = rec.title.clone();
        doc.authors = rec.authors.clone();
        doc.published = rec.published.as_deref().and_then(Published::parse);
        Ok(())
    }
}
