//! `handout`: a static site generator for printable home-exercise handouts.
//!
//! The build is one way through, and the folders follow it:
//! - [`content`] reads the site's files and checks them into a
//!   [`content::library::Library`], reporting every problem as a
//!   [`diagnostic::Diagnostic`] (and the reading level of patient text);
//! - [`site`] renders the web pages and [`pdf`] the printed sheets, both through
//!   the [`theme`]'s templates from the same [`views`] of the library, with
//!   [`figure`] drawing exercises from their poses and [`strings`] giving the
//!   words handout itself prints in the site's language;
//! - [`build`] plans what to render again, and writes and swaps the output in;
//! - [`program`] reads a patient's program (chosen exercises, doses, details),
//!   which [`pdf`] prints as a personal sheet;
//! - [`builder`] publishes the program builder, which prints personal sheets in
//!   the browser through the same renderer, compiled to WebAssembly;
//! - [`cli`] holds what only the command line does: serve, the starter site, and
//!   writing a personal sheet to a file.

pub mod build;
pub mod builder;
#[cfg(feature = "cli")]
pub mod cli;
pub mod content;
pub mod diagnostic;
pub mod figure;
pub mod pdf;
pub mod program;
pub mod site;
pub mod strings;
pub mod theme;
pub mod views;

pub use build::{Failure, Summary, build, check};
