//! The build's output: every file held in memory until the whole build has
//! succeeded, then written to a staging folder beside the output folder and
//! swapped in, so a failed build never leaves a half-written site.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// What goes into an output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// A file copied as is (images).
    Copy(PathBuf),
    /// The previous output's file, whose inputs have not changed (see `cache`).
    Keep,
}

#[derive(Debug, Default)]
pub struct Output {
    /// Output path (with `/` separators, relative to the output folder) to contents.
    files: BTreeMap<String, Contents>,
    /// The fingerprint of the inputs of each file that has one, for the build cache.
    fingerprints: BTreeMap<String, u64>,
}

/// An error writing the output, with the path it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

fn context(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_path_buf(),
        source,
    }
}

/// A file in every output folder saying handout wrote it, so that a build never
/// replaces a folder of someone else's files.
pub const MARKER: &str = ".handout";
pub const MARKER_TEXT: &str =
    "This folder is written by handout and replaced whole on every build.\n";

/// Checks that `target` may be replaced by a build: it does not exist, or it is a
/// folder handout wrote (its marker, or a previous handout output's index and
/// search index), or it is empty; anything else is refused unless `force`. A file
/// or a symbolic link is always refused: replacing it would lose it, or replace
/// the link instead of writing through it.
pub fn check_target(target: &Path, force: bool) -> Result<(), String> {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return Err("is a symbolic link; handout replaces the output folder whole, which would replace the link rather than write through it: give the folder it points to as --output".into());
    }
    if !meta.is_dir() {
        return Err("exists and is not a folder; choose another --output".into());
    }
    let ours = target.join(MARKER).is_file()
        || (target.join("index.html").is_file() && target.join("search-index.js").is_file());
    let empty = std::fs::read_dir(target).is_ok_and(|mut d| d.next().is_none());
    if ours || empty || force {
        Ok(())
    } else {
        Err("holds files that handout did not write, and a build replaces the whole folder; choose an empty or new folder, or use --force to replace it".into())
    }
}

/// Output paths come from slugs and theme file names; this refuses anything
/// that could land outside the output folder.
fn is_safe(relative: &str) -> bool {
    !relative.is_empty()
        && Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !relative.contains('\\')
}

impl Output {
    pub fn add(&mut self, path: String, bytes: Vec<u8>) {
        self.files.insert(path, Contents::Bytes(bytes));
    }

    /// A rendered file and, when it is worth caching, the fingerprint of its inputs.
    pub fn add_made(&mut self, path: String, bytes: Vec<u8>, fingerprint: Option<u64>) {
        if let Some(fingerprint) = fingerprint {
            self.fingerprints.insert(path.clone(), fingerprint);
        }
        self.add(path, bytes);
    }

    /// Carries the previous output's file over unchanged.
    pub fn keep(&mut self, path: String, fingerprint: u64) {
        self.fingerprints.insert(path.clone(), fingerprint);
        self.files.insert(path, Contents::Keep);
    }

    /// Takes in every file of `other`, under `prefix` ("es/").
    pub fn absorb(&mut self, other: Output, prefix: &str) {
        for (path, contents) in other.files {
            self.files.insert(format!("{prefix}{path}"), contents);
        }
        for (path, fingerprint) in other.fingerprints {
            self.fingerprints
                .insert(format!("{prefix}{path}"), fingerprint);
        }
    }

    pub fn copy(&mut self, path: String, source: PathBuf) {
        self.files.insert(path, Contents::Copy(source));
    }

    pub fn fingerprints(&self) -> &BTreeMap<String, u64> {
        &self.fingerprints
    }

    /// The paths of the files rendered (or copied) by this build.
    pub fn made(&self) -> impl Iterator<Item = &str> {
        self.files
            .iter()
            .filter(|(_, c)| !matches!(c, Contents::Keep))
            .map(|(p, _)| p.as_str())
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn count_with_suffix(&self, suffix: &str) -> usize {
        self.files.keys().filter(|k| k.ends_with(suffix)).count()
    }

    /// Writes everything to a staging folder beside `target`, then swaps it in, and
    /// returns how many files changed. On any error the previous `target` is left as
    /// it was. A file whose bytes did not change is hard-linked from the previous
    /// output rather than written again, so it keeps its modification time.
    pub fn write_to(&self, target: &Path) -> Result<usize, WriteError> {
        if self.is_already_in(target) {
            return Ok(0);
        }
        let parent = crate::build::lock::parent_of(target);
        std::fs::create_dir_all(&parent).map_err(context(&parent))?;
        let name = target
            .file_name()
            .map_or("output".into(), |n| n.to_string_lossy().into_owned());
        recover_interrupted(&parent, &name, target);
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));
        let result = self.write_all(&staging, target).and_then(|changed| {
            // A test hook: stop dead where a killed build would, with the new tree half made.
            if std::env::var_os("HANDOUT_TEST_ABORT_BEFORE_SWAP").is_some() {
                std::process::abort();
            }
            swap_in(&staging, target, &previous).map(|()| changed)
        });
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result
    }

    /// Whether `target` already holds exactly these files, so there is nothing to write.
    fn is_already_in(&self, target: &Path) -> bool {
        let same = |relative: &str, bytes: &[u8]| holds(&target.join(relative), bytes);
        let all_current = self
            .files
            .iter()
            .all(|(relative, contents)| match contents {
                // The plan checked that the file is there, as the cache describes it.
                Contents::Keep => true,
                Contents::Bytes(bytes) => same(relative, bytes),
                Contents::Copy(source) => std::fs::read(source).is_ok_and(|b| same(relative, &b)),
            });
        let files_there = || {
            walkdir::WalkDir::new(target)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
                .count()
        };
        all_current && target.is_dir() && files_there() == self.files.len()
    }

    fn write_all(&self, staging: &Path, previous: &Path) -> Result<usize, WriteError> {
        if staging.exists() {
            std::fs::remove_dir_all(staging).map_err(context(staging))?;
        }
        std::fs::create_dir_all(staging).map_err(context(staging))?;
        let mut changed = 0;
        for (relative, contents) in &self.files {
            if !is_safe(relative) {
                return Err(WriteError {
                    path: PathBuf::from(relative),
                    source: io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "refusing to write outside the output folder",
                    ),
                });
            }
            let path = staging.join(relative);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(context(dir))?;
            }
            let old = previous.join(relative);
            let bytes = match contents {
                Contents::Bytes(bytes) => std::borrow::Cow::Borrowed(bytes.as_slice()),
                Contents::Copy(source) => {
                    std::borrow::Cow::Owned(std::fs::read(source).map_err(context(source))?)
                }
                Contents::Keep => {
                    if std::fs::hard_link(&old, &path).is_err() {
                        std::fs::copy(&old, &path).map_err(context(&old))?;
                    }
                    continue;
                }
            };
            if !(holds(&old, &bytes) && std::fs::hard_link(&old, &path).is_ok()) {
                std::fs::write(&path, &bytes).map_err(context(&path))?;
                changed += 1;
            }
        }
        Ok(changed)
    }
}

/// Whether the file at `path` holds exactly `bytes` (the size is compared first).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|b| b == bytes)
}

/// Cleans up after a build that was killed: a staging folder is removed; an output
/// moved aside but not yet replaced is put back. Folders of a build that is still
/// running (a process without the lock: an older handout) are left alone.
fn recover_interrupted(parent: &Path, name: &str, target: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let dead = |file: &str, prefix: &str| {
        file.strip_prefix(prefix)
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| pid != std::process::id() && !crate::build::lock::process_alive(pid))
    };
    let (staging, previous) = (format!(".{name}.staging-"), format!(".{name}.previous-"));
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if !(dead(&file, &staging) || dead(&file, &previous)) {
            continue;
        }
        // A staging folder is half made; an output moved aside is put back only if
        // nothing has replaced it.
        if file.starts_with(&staging) || target.exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        } else {
            let _ = std::fs::rename(entry.path(), target);
        }
    }
}

fn swap_in(staging: &Path, target: &Path, previous: &Path) -> Result<(), WriteError> {
    if target.exists() {
        if previous.exists() {
            std::fs::remove_dir_all(previous).map_err(context(previous))?;
        }
        std::fs::rename(target, previous).map_err(context(target))?;
        if let Err(e) = std::fs::rename(staging, target) {
            // Put the old output back before reporting.
            let _ = std::fs::rename(previous, target);
            return Err(context(target)(e));
        }
        std::fs::remove_dir_all(previous).map_err(context(previous))?;
    } else {
        std::fs::rename(staging, target).map_err(context(target))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file beside it, so a reader never sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("file".into(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_escape() {
        assert!(is_safe("exercises/bridge/index.html"));
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b"] {
            assert!(!is_safe(bad), "{bad}");
        }
    }

    #[test]
    fn replaces_output_whole_and_keeps_it_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let mut first = Output::default();
        first.add("a.html".into(), b"one".to_vec());
        first.add("old/stale.html".into(), b"x".to_vec());
        first.write_to(&target).unwrap();

        let mut second = Output::default();
        second.add("a.html".into(), b"two".to_vec());
        second.write_to(&target).unwrap();
        assert_eq!(std::fs::read(target.join("a.html")).unwrap(), b"two");
        assert!(!target.join("old/stale.html").exists());

        let mut bad = Output::default();
        bad.add("a.html".into(), b"three".to_vec());
        bad.add("../escape.html".into(), b"x".to_vec());
        assert!(bad.write_to(&target).is_err());
        assert_eq!(std::fs::read(target.join("a.html")).unwrap(), b"two");
        assert!(!dir.path().join("escape.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folder removed");
    }
}
