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

/// The stamp of the site's folders for a build with `options`; None when they
/// cannot be read in full (a build then finds out why).
pub fn folders(root: &SiteRoot, options: &Options) -> Option<u64> {
    let mut hasher = siphasher::sip::SipHasher13::new();
    (
        options.drafts,
        &options.base_url,
        std::env::var("SOURCE_DATE_EPOCH").ok(),
    )
        .hash(&mut hasher);
    for folder in ["content", "themes"] {
        let dir = root.canonical.join(folder);
        folder.hash(&mut hasher);
        if !dir.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            // An unreadable entry: no stamp, so a real build reports it.
            let entry = entry.ok()?;
            let relative = entry.path().strip_prefix(&dir).ok()?;
            relative.hash(&mut hasher);
            // A link counts as what it points at. A linked folder is not walked
            // here: a site with one is always built.
            let meta = if entry.path_is_symlink() {
                std::fs::metadata(entry.path()).ok()?
            } else {
                entry.metadata().ok()?
            };
            if entry.path_is_symlink() && meta.is_dir() {
                return None;
            }
            crate::content::files::stamp_of(&meta, &mut hasher);
        }
    }
    Some(hasher.finish())
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
