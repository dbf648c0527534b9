//! What a long-running process (`handout serve`) keeps from one build to the next,
//! so that a rebuild does not read again what has not changed. A one-off build
//! starts with an empty memory and forgets it; either way the output is the same.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::content::load::Recall;

/// The memory of the last build, shared with the process that keeps it.
#[derive(Clone, Default)]
pub struct Memory(Arc<Mutex<Kept>>);

/// What is kept.
#[derive(Default)]
pub struct Kept {
    /// The content files read, with their stamps.
    pub content: Recall,
    /// The exercises read from them.
    pub exercises: crate::content::validate::Judged,
    /// The exercises' template values, with the fingerprints of their inputs.
    pub values: crate::site::Values,
    /// The build cache last saved, for the output folder it describes, with the
    /// stamp of its file: used instead of reading the file back while that holds.
    pub cache: Option<(
        std::path::PathBuf,
        crate::build::cache::Cache,
        crate::build::cache::Stamp,
    )>,
}

impl Kept {
    /// The build cache of `target` this process saved last, if its file is still
    /// the one saved.
    pub fn take_cache(&mut self, target: &std::path::Path) -> Option<crate::build::cache::Cache> {
        let (saved_for, cache, stamp) = self.cache.take()?;
        if saved_for != target {
            return None;
        }
        crate::build::cache::Cache::saved(target, (cache, stamp))
    }
}

impl Memory {
    /// The memory, for one build at a time.
    pub fn lock(&self) -> MutexGuard<'_, Kept> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl std::fmt::Debug for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.lock();
        write!(
            f,
            "Memory of {} content files and {} exercise values",
            kept.content.len(),
            kept.values.len()
        )
    }
}
