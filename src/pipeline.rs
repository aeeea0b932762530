//! Assembles the stages into the pipeline that `extract`, `ingest` and `demo` share.
use dateline_core::Pipeline;

/// The full pipeline: extraction → segmentation → NER → quotes → actors → geo → events → claims
/// (geo before events, so that events can take their place from their sentence).
pub fn full() -> Pipeline {
    full_with(
        dateline_actors::ActorsStage::default(),
        dateline_events::EventsStage::default(),
    )
}

/// The full pipeline with the given actors and events stages (user dictionaries).
pub fn full_with(
    actors: dateline_actors::ActorsStage,
    events: dateline_events::EventsStage,
) -> Pipeline {
    Pipeline::new()
        .with(dateline_extract::Extractor)
        .with(dateline_text::Segmenter)
        .with(dateline_ner::NerStage)
        .with(dateline_quotes::QuotesStage)
        .with(actors)
        .with(dateline_geo::GeoStage::default())
        .with(events)
        .with(dateline_claims::ClaimsStage)
}
