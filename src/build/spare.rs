//! The spare output folder: the output a build replaced, kept beside the output
//! folder (`.output.spare`) to be the next build's staging folder.
//!
//! A staging folder made from nothing needs every file of the site linked into it
//! (and its folders made), and the output it replaces removed afterwards: at
//! 10,000 exercises, 21,600 links and as many removals for a build that changed
//! five files. The output just replaced already holds nearly all of the next
//! output (most files are links to the very same files), so the next build starts
//! from it and changes only what differs.
//!
//! Nothing in a spare folder is believed: a file is kept only where it is the
//! very same file (device and inode) as the output's own, every file the build
//! makes is written anew (never through a file a link shares with the output), and
//! whatever else is there is removed before the folder is swapped in. A folder
//! holding anything but files and folders (a link that could lead out of it) is
//! not used at all.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// What a spare folder holds, to tell which paths have a file to look at.
#[derive(Debug, Default)]
pub struct Spare {
    /// Its files, relative to it, with `/` separators.
    files: HashSet<String>,
}

/// Marks a spare folder as nothing to keep in version control: a site scaffolded
/// before there were spare folders does not list it in its `.gitignore`.
const MARKER: &str = ".gitignore";
const MARKER_TEXT: &str =
    "# Made by handout: the last output, kept to speed up the next build.\n*\n";

/// Where the spare folder of the output folder `target` lives: beside it.
pub fn path_for(target: &Path) -> PathBuf {
    let name = crate::build::lock::name_of(target);
    crate::build::lock::parent_of(target).join(format!(".{name}.spare"))
}

impl Spare {
    /// Moves the spare folder of `target` (if there is one fit to use) to
    /// `staging`, which must not exist, and lists what it holds. An unfit one is
    /// removed.
    pub fn adopt(target: &Path, staging: &Path) -> Option<Spare> {
        if !cfg!(unix) {
            return None;
        }
        let spare = path_for(target);
        let meta = std::fs::symlink_metadata(&spare).ok()?;
        if !meta.is_dir() {
            let _ = std::fs::remove_file(&spare);
            return None;
        }
        std::fs::rename(&spare, staging).ok()?;
        let _ = std::fs::remove_file(staging.join(MARKER));
        match files_in(staging, "") {
            Some(files) => Some(Spare {
                files: files.into_iter().collect(),
            }),
            None => {
                let _ = std::fs::remove_dir_all(staging);
                None
            }
        }
    }

    /// Whether the folder held a file at `relative` when adopted.
    pub fn had(&self, relative: &str) -> bool {
        self.files.contains(relative)
    }

    /// Removes from `staging` the files it was adopted with that `wanted` does not
    /// want, and the folders that leaves empty.
    pub fn remove_unwanted(&self, staging: &Path, wanted: impl Fn(&str) -> bool) {
        for relative in self.files.iter().filter(|r| !wanted(r)) {
            let path = staging.join(relative);
            if std::fs::remove_file(&path).is_ok() {
                crate::build::output::remove_emptied_folders(&path, staging);
            }
        }
    }
}

/// The files under `folder`, named from it after `prefix`, read on every core (at
/// 10,000 exercises, 11,000 folders); none if a folder cannot be read or holds
/// anything but files and folders: a link could lead out of it.
fn files_in(folder: &Path, prefix: &str) -> Option<Vec<String>> {
    use rayon::prelude::*;
    let entries: Vec<_> = std::fs::read_dir(folder)
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    let each = entries.par_iter().map(|entry| {
        let name = entry.file_name().into_string().ok()?;
        let relative = format!("{prefix}{name}");
        let kind = entry.file_type().ok()?;
        if kind.is_dir() {
            files_in(&entry.path(), &format!("{relative}/"))
        } else if kind.is_file() {
            Some(vec![relative])
        } else {
            None
        }
    });
    let each: Option<Vec<Vec<String>>> = each.collect();
    Some(each?.concat())
}

/// Keeps `folder`, an output just replaced (or a staging folder not swapped in),
/// as the spare folder of `target`; false if it could not be (it is left as is).
pub fn keep(folder: &Path, target: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let spare = path_for(target);
    if std::fs::symlink_metadata(&spare).is_ok() {
        return false;
    }
    if std::fs::rename(folder, &spare).is_err() {
        return false;
    }
    let marker = spare.join(MARKER);
    let _ = clear(&marker);
    let _ = std::fs::write(marker, MARKER_TEXT);
    true
}

/// Whether `a` and `b` are the same file (not merely the same bytes).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) {
            (Ok(a), Ok(b)) => a.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Removes whatever is at `path` (a file, or a folder and all it holds), so that
/// a file can be made there without writing through one a link shares.
pub fn clear(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}
