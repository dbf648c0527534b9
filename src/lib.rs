//! `handout`: a static site generator for printable home-exercise handouts.
//!
//! The build is one way through: [`load`] reads content files, [`validate`]
//! turns them into a [`library::Library`] (reporting every problem as a
//! [`diagnostic::Diagnostic`]), [`site`] and [`pdf`] render pages and sheets
//! through the [`theme`]'s templates, and [`output`] swaps the result in.

pub mod addresses;
pub mod build;
pub mod cache;
pub mod dates;
pub mod diagnostic;
pub mod dosage;
pub mod fields;
pub mod figure;
pub mod frontmatter;
pub mod library;
pub mod load;
pub mod lock;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod plan;
pub mod program;
pub mod reading;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod validate;
pub mod views;
pub mod yaml_positions;

pub use build::{Failure, Summary, build, check};
