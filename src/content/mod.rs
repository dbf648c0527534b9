//! Reading and checking content: the site's files (on disk or in a bundle,
//! `files`), read safely (`load`), split (`frontmatter`), their fields read with
//! positions (`fields`, `yaml_positions`; parsed once and kept for the next build
//! by `yaml_cache`) and checked (`validate`, `dosage`, `dates`) into a `library`;
//! Markdown helpers both renderers share (`markdown`); and the reading-level check
//! (`reading`).

pub mod dates;
pub mod dosage;
pub mod fields;
pub mod files;
pub mod frontmatter;
pub mod library;
pub mod load;
pub mod markdown;
pub mod reading;
pub mod validate;
pub mod yaml_cache;
pub mod yaml_positions;
