//! What a long-running process (`handout serve`) keeps from one build to the next,
//! so that a rebuild does not read again what has not changed. A one-off build
//! starts with an empty memory and forgets it; either way the output is the same.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::content::load::Recall;

/// The memory of the last build, shared with the process that keeps it.
#[derive(Clone, Default)]
pub struct Memory {
    kept: Arc<Mutex<Kept>>,
    /// Told by a watcher while builds run, so kept apart from what they hold.
    changes: Arc<Mutex<Changes>>,
}

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
    /// The site's folders as the last build started.
    pub folders: Option<crate::build::inputs::Listing>,
    /// The record of published addresses as the last build left it, with the
    /// stamp of its file: used instead of reading the file back while that holds.
    pub published: Option<(
        crate::build::cache::Stamp,
        crate::build::addresses::Published,
    )>,
}

/// What a watcher saw change since the last build started.
#[derive(Default)]
struct Changes {
    /// Whether a watcher tells every change.
    watched: bool,
    /// The paths changed; None: unknown, so everything is looked at.
    paths: Option<BTreeSet<PathBuf>>,
}

impl Kept {
    /// The build cache of `target` this process saved last, if its file is still
    /// the one saved.
    ///
    /// Its files are taken to be as this process wrote them, without looking at
    /// each (21,600 at 10,000 exercises) again, while the output folder is still
    /// the one written: its marker file is there. A file edited by hand in it
    /// meanwhile stays so until its inputs change, or until a one-off build (which
    /// looks at every file) makes it again.
    pub fn take_cache(&mut self, target: &std::path::Path) -> Option<crate::build::cache::Cache> {
        let (saved_for, cache, stamp) = self.cache.take()?;
        if saved_for != target {
            return None;
        }
        let marker = target.join(crate::build::output::MARKER);
        let trusted = std::fs::symlink_metadata(marker).is_ok_and(|m| m.is_file());
        crate::build::cache::Cache::saved(target, (cache, stamp), !trusted)
    }
}

impl Memory {
    /// The memory, for one build at a time.
    pub fn lock(&self) -> MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn changes(&self) -> MutexGuard<'_, Changes> {
        self.changes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A watcher tells every change under the site's folders from now on: each
    /// build after the next looks only at the paths it names. The next still looks
    /// at everything, as changes before the watcher began went untold.
    pub fn watched(&self) {
        *self.changes() = Changes {
            watched: true,
            paths: None,
        };
    }

    /// Paths under the site's folders that a watcher saw change (created, written,
    /// removed or renamed: either name); None when it may have missed some, so that
    /// the next build looks at everything.
    pub fn changed(&self, paths: Option<Vec<PathBuf>>) {
        let mut changes = self.changes();
        match (paths, &mut changes.paths) {
            (Some(paths), Some(known)) => known.extend(paths),
            (None, known) => *known = None,
            (Some(_), None) => {}
        }
    }

    /// The paths changed since the last build started, when a watcher tells them
    /// all; from now on the changes are counted for the next build.
    pub fn take_changes(&self) -> Option<BTreeSet<PathBuf>> {
        let mut changes = self.changes();
        if !changes.watched {
            return None;
        }
        changes.paths.replace(BTreeSet::new())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_trusted_only_from_a_watcher_and_only_after_a_full_look() {
        let memory = Memory::default();
        let path = |p: &str| PathBuf::from(p);
        // No watcher: every build looks at everything.
        memory.changed(Some(vec![path("/site/content/a.md")]));
        assert_eq!(memory.take_changes(), None);
        assert_eq!(memory.take_changes(), None);

        // A watcher starts: the next build still looks at everything (changes
        // before the watcher went untold), the ones after only at what it names.
        memory.watched();
        memory.changed(Some(vec![path("/site/content/a.md")]));
        assert_eq!(memory.take_changes(), None);
        assert_eq!(memory.take_changes(), Some(BTreeSet::new()));
        memory.changed(Some(vec![path("/site/content/a.md")]));
        memory.changed(Some(vec![path("/site/themes/t/page.html")]));
        assert_eq!(
            memory.take_changes(),
            Some(BTreeSet::from([
                path("/site/content/a.md"),
                path("/site/themes/t/page.html")
            ]))
        );

        // A watcher that may have missed some: the next build looks at everything,
        // whatever else it names before that build.
        memory.changed(None);
        memory.changed(Some(vec![path("/site/content/b.md")]));
        assert_eq!(memory.take_changes(), None);
        assert_eq!(memory.take_changes(), Some(BTreeSet::new()));
    }
}
