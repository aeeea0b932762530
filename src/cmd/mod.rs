pub mod extract;
pub mod ner;
