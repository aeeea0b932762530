//! Assembles the stages into the pipeline that `extract`, `ingest` and `demo` share.
use dateline_core::Pipeline;

/// The full pipeline: extraction → segmentation → NER → quotes → actors → geo → events → claims
/// (geo before events, so that events can take their place from their sentence).
///
/// The stages' shipped models and dictionaries (NER weights, gazetteer, actor and verb
/// dictionaries) are decoded side by side on their own threads, so that start-up costs the
/// slowest of them rather than their sum.
pub fn full() -> Pipeline {
    let (actors, events) = std::thread::scope(|s| {
        let actors = s.spawn(dateline_actors::ActorsStage::default);
        let events = s.spawn(dateline_events::EventsStage::default);
        warm_shared(s);
        (join(actors), join(events))
    });
    assemble(actors, events)
}

/// Decodes the NER model and the gazetteer on threads of scope `s`.
fn warm_shared<'s>(s: &'s std::thread::Scope<'s, '_>) {
    s.spawn(|| {
        dateline_ner::embedded_model();
    });
    s.spawn(|| {
        dateline_geo::Gazetteer::global();
    });
}

/// A warm-up thread's result; a panic there (a broken shipped model) is re-raised here.
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// The full pipeline with the given actors and events stages (user dictionaries).
pub fn full_with(
    actors: dateline_actors::ActorsStage,
    events: dateline_events::EventsStage,
) -> Pipeline {
    std::thread::scope(|s| warm_shared(s));
    assemble(actors, events)
}

/// The stages in order, their shared models already decoded.
fn assemble(
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
