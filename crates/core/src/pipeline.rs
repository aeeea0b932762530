use crate::model::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Why a stage could not process a document. The pipeline turns it into that record's `error`.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    #[error("{stage}: {message}")]
    Failed {
        stage: &'static str,
        message: String,
    },
    #[error("{stage}: internal error (panic): {message}")]
    Panicked {
        stage: &'static str,
        message: String,
    },
}

impl StageError {
    pub fn failed(stage: &'static str, message: impl Into<String>) -> Self {
        StageError::Failed {
            stage,
            message: message.into(),
        }
    }
}

/// One pipeline stage with one job: it reads the document and adds its annotations.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn process(&self, doc: &mut Document) -> Result<(), StageError>;
}

/// Stages run in order over one document.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    pub fn push(&mut self, stage: Box<dyn Stage>) {
        self.stages.push(stage);
    }

    /// The stages, in order (benchmarks time them one by one).
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage. A stage that fails or panics stops this document only.
    pub fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        for stage in &self.stages {
            let r = catch_unwind(AssertUnwindSafe(|| stage.process(doc)));
            match r {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Err(e),
                Err(p) => {
                    let message = p
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    return Err(StageError::Panicked {
                        stage: stage.name(),
                        message,
                    });
                }
            }
        }
        Ok(())
    }
}
