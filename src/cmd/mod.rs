pub mod bench;
pub mod extract;
pub mod ner;
pub mod train;
