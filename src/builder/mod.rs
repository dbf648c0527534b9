//! The therapist's program builder: a page of the published site where a therapist
//! picks exercises, sets doses and prints a patient's sheet, made in the browser
//! and sent nowhere. [`engine`] is the part compiled to WebAssembly (the `wasm/`
//! crate wraps it); [`publish`] writes the page, the engine and the site's bundle
//! into the output.

pub mod engine;
pub mod publish;
