//! Assembles the stages into the pipeline that `extract`, `ingest` and `demo` share.
use dateline_core::Pipeline;

/// The full pipeline: extraction → segmentation → NER → quotes → actors → events → geo → claims.
pub fn full() -> Pipeline {
    Pipeline::new()
        .with(dateline_extract::Extractor)
        .with(dateline_text::Segmenter)
        .with(dateline_ner::NerStage)
        .with(dateline_quotes::QuotesStage)
        .with(dateline_actors::ActorsStage)
        .with(dateline_events::EventsStage)
        .with(dateline_geo::GeoStage::default())
        .with(dateline_claims::ClaimsStage)
}
