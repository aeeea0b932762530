//! The document model that flows through every Dateline stage.
//!
//! A [`Document`] starts life from an ingested [`SourceRecord`] and is filled in, stage by stage:
//! extraction (clean `text` and metadata), segmentation (paragraphs, sentences, tokens), NER
//! (`entities`), quotes, actors, events, places and claims. Every annotation holds [`Span`]s as
//! **byte** offsets into `Document::text`; [`Document::to_output`] converts them to the
//! code-point offsets of the JSON interface (see EVAL.md) in one pass.

pub mod hash;
mod model;
mod offsets;
mod output;
mod pipeline;
mod time;

pub use model::*;
pub use offsets::CharMap;
pub use output::OutputView;
pub use pipeline::{Pipeline, Stage, StageError};
pub use time::Published;

/// The `shared/data` folder beside the checkout (or `$DATELINE_SHARED`), for tests and
/// benchmarks that use the real annotated data. `None` when it is absent: such tests print a
/// notice and skip.
pub fn shared_data_dir(manifest_dir: &str) -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("DATELINE_SHARED") {
        let p = std::path::PathBuf::from(p).join("data");
        return p.is_dir().then_some(p);
    }
    std::path::Path::new(manifest_dir)
        .ancestors()
        .map(|a| a.join("shared").join("data"))
        .find(|p| p.join("README.md").is_file())
}

/// Full English month and weekday names, lower case: words that are capitalised without
/// naming a place, person or organisation. Shared by the stages that filter such words.
pub const MONTHS_AND_WEEKDAYS: [&str; 19] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether the lower-case word `w` is a full month or weekday name.
pub fn is_month_or_weekday(w: &str) -> bool {
    MONTHS_AND_WEEKDAYS.contains(&w)
}
