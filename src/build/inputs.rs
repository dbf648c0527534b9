//! The stamps of everything a build reads: every file and folder under `content/`
//! and `themes/` with the build's options and SOURCE_DATE_EPOCH, and the pictures
//! and logo the content points at (which may lie elsewhere in the site). When both
//! are the last build's, and the output is still as that build left it, a build
//! has nothing to do.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use crate::build::Options;
use crate::content::library::Library;
use crate::content::load::SiteRoot;

/// The pictures and logo `library` shows, where they are read from.
pub fn pictures(library: &Library) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = library
        .exercises
        .values()
        .filter_map(|e| e.image.as_ref().map(|i| i.asset.source.clone()))
        .chain(
            library
                .site
                .clinic
                .logo_asset
                .as_ref()
                .map(|l| l.source.clone()),
        )
        .collect();
    found.sort();
    found.dedup();
    found
}

/// What the site's folders hold as a build starts: one stamp for them all, and,
/// for a build that remembers what it read (`serve`), each file's own
/// ([`crate::content::files::SiteFiles::stamp`]) by path.
pub struct Folders {
    pub stamp: u64,
    pub files: std::collections::HashMap<std::ffi::OsString, u64>,
}

/// The stamp of the site's folders for a build with `options`; None when they
/// cannot be read in full (a build then finds out why). The folders are walked in
/// order; their entries are looked at in parallel.
pub fn folders(root: &SiteRoot, options: &Options) -> Option<Folders> {
    use rayon::prelude::*;
    let mut hasher = siphasher::sip::SipHasher13::new();
    (
        options.drafts,
        &options.base_url,
        std::env::var("SOURCE_DATE_EPOCH").ok(),
    )
        .hash(&mut hasher);
    let mut files = std::collections::HashMap::new();
    for folder in ["content", "themes"] {
        let dir = root.canonical.join(folder);
        folder.hash(&mut hasher);
        if !dir.exists() {
            continue;
        }
        let mut entries = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            // An unreadable entry: no stamp, so a real build reports it.
            let entry = entry.ok()?;
            let link = entry.path_is_symlink();
            entries.push((entry.into_path(), link));
        }
        let stamps: Vec<Option<(u64, bool)>> = entries
            .par_iter()
            .map(|(path, link)| {
                // A link counts as what it points at. A linked folder is not walked
                // here: a site with one is always built.
                let meta = match link {
                    true => std::fs::metadata(path).ok()?,
                    false => std::fs::symlink_metadata(path).ok()?,
                };
                if *link && meta.is_dir() {
                    return None;
                }
                let mut hasher = siphasher::sip::SipHasher13::new();
                crate::content::files::stamp_of(&meta, &mut hasher);
                Some((hasher.finish(), meta.is_file()))
            })
            .collect();
        for ((path, _), stamp) in entries.into_iter().zip(stamps) {
            let (stamp, is_file) = stamp?;
            path.strip_prefix(&dir).ok()?.as_os_str().hash(&mut hasher);
            stamp.hash(&mut hasher);
            if is_file && options.memory.is_some() {
                files.insert(path.into_os_string(), stamp);
            }
        }
    }
    Some(Folders {
        stamp: hasher.finish(),
        files,
    })
}

/// The stamp of the pictures a build read, wherever they are.
pub fn pictures_stamp(pictures: &[PathBuf]) -> u64 {
    let mut hasher = siphasher::sip::SipHasher13::new();
    for picture in pictures {
        picture.hash(&mut hasher);
        match std::fs::metadata(picture) {
            Ok(meta) => crate::content::files::stamp_of(&meta, &mut hasher),
            Err(_) => "missing".hash(&mut hasher),
        }
    }
    hasher.finish()
}
