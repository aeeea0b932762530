pub mod claims;
pub mod extract;
pub mod ner;
pub mod stance;
pub mod train_stance;
