//! The stamps of everything a build reads: every file and folder under `content/`
//! and `themes/` with the build's options and SOURCE_DATE_EPOCH, and the pictures
//! and logo the content points at (which may lie elsewhere in the site). When both
//! are the last build's, and the output is still as that build left it, a build
//! has nothing to do.
//!
//! A process that builds again and again (`serve`) keeps the last listing of the
//! folders, and a watcher tells it which paths changed since: it then looks only
//! at those, and comes to the stamp a full look would.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

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

/// The folders whose entries make the stamp, in the order they are hashed.
const FOLDERS: [&str; 2] = ["content", "themes"];

/// One file or folder as it was looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    stamp: u64,
    is_file: bool,
    /// A link (to a file: a linked folder leaves the folders without a listing).
    link: bool,
}

/// Every entry of each of [`FOLDERS`] (None: the folder is not there), by its path
/// inside that folder (the folder itself is the empty path). Paths sort by their
/// components, which is the order a walk sorted by file name visits them in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing([Option<BTreeMap<PathBuf, Seen>>; 2]);

/// Looks at one entry. A link counts as what it points at; a linked folder is not
/// walked here, so a site with one gets no stamp and is always built. None also
/// when the entry cannot be looked at (a build then finds out why).
fn look(path: &Path, link: bool) -> Option<Seen> {
    let meta = match link {
        true => std::fs::metadata(path).ok()?,
        false => std::fs::symlink_metadata(path).ok()?,
    };
    if link && meta.is_dir() {
        return None;
    }
    let mut hasher = crate::build::cache::stable_hasher();
    crate::content::files::stamp_of(&meta, &mut hasher);
    Some(Seen {
        stamp: hasher.finish(),
        is_file: meta.is_file(),
        link,
    })
}

/// Everything under `start` (itself included), by path inside `folder`: walked in
/// order, looked at in parallel. None when any of it cannot be used.
fn walk(start: &Path, folder: &Path) -> Option<Vec<(PathBuf, Seen)>> {
    use rayon::prelude::*;
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(start).sort_by_file_name() {
        let entry = entry.ok()?;
        let link = entry.path_is_symlink();
        entries.push((entry.into_path(), link));
    }
    let seen: Option<Vec<Seen>> = entries
        .par_iter()
        .map(|(path, link)| look(path, *link))
        .collect();
    entries
        .into_iter()
        .zip(seen?)
        .map(|((path, _), seen)| Some((path.strip_prefix(folder).ok()?.to_path_buf(), seen)))
        .collect()
}

/// Everything in the folder `dir`, or None inside when it is not there; None
/// when any of it cannot be used.
fn whole(dir: &Path) -> Option<Option<BTreeMap<PathBuf, Seen>>> {
    match dir.exists() {
        true => Some(Some(walk(dir, dir)?.into_iter().collect())),
        false => Some(None),
    }
}

impl Listing {
    /// The folders of `root`, looked at in full.
    fn read(root: &SiteRoot) -> Option<Listing> {
        let mut listing = Listing::default();
        for (i, folder) in FOLDERS.iter().enumerate() {
            listing.0[i] = whole(&root.canonical.join(folder))?;
        }
        Some(listing)
    }

    /// Brings the listing up to date with `changed` (absolute paths a watcher saw
    /// change, anywhere): each is looked at again with all it holds, and so is the
    /// folder holding it, whose own stamp moves as entries come and go. None when
    /// that is not enough to be sure, and the folders must be looked at in full.
    fn update(&mut self, root: &SiteRoot, changed: &BTreeSet<PathBuf>) -> Option<()> {
        for (i, folder) in FOLDERS.iter().enumerate() {
            let dir = root.canonical.join(folder);
            let inside: BTreeSet<&Path> = changed
                .iter()
                .filter_map(|p| p.strip_prefix(&dir).ok())
                .collect();
            if inside.is_empty() {
                continue;
            }
            let entries = match &mut self.0[i] {
                Some(entries) if !inside.contains(Path::new("")) => entries,
                // The folder was not there (it may be now), or the folder itself
                // changed (made again, moved or removed): looked at whole.
                listed => {
                    *listed = whole(&dir)?;
                    continue;
                }
            };
            // The parents first: a path inside one already looked at again is done.
            let mut done: Vec<&Path> = Vec::new();
            for path in inside {
                if done.iter().any(|d| path.starts_with(d)) {
                    continue;
                }
                let stale: Vec<PathBuf> = entries
                    .range(path.to_path_buf()..)
                    .map(|(p, _)| p)
                    .take_while(|p| p.starts_with(path))
                    .cloned()
                    .collect();
                for p in stale {
                    entries.remove(&p);
                }
                let full = dir.join(path);
                if let Ok(meta) = std::fs::symlink_metadata(&full) {
                    if meta.is_dir() {
                        entries.extend(walk(&full, &dir)?);
                    } else {
                        entries.insert(path.to_path_buf(), look(&full, meta.is_symlink())?);
                    }
                }
                done.push(path);
                // The folder holding it, whose stamp moves as entries come and go.
                // Gone too: the changes do not tell enough.
                let parent = path.parent()?;
                let meta = std::fs::symlink_metadata(dir.join(parent)).ok()?;
                if !meta.is_dir() {
                    return None;
                }
                entries.insert(parent.to_path_buf(), look(&dir.join(parent), false)?);
            }
        }
        Some(())
    }

    /// The one stamp of the folders for a build with `options`.
    fn stamp(&self, options: &Options) -> u64 {
        let mut hasher = crate::build::cache::stable_hasher();
        (
            options.drafts,
            &options.base_url,
            std::env::var("SOURCE_DATE_EPOCH").ok(),
        )
            .hash(&mut hasher);
        for (folder, entries) in FOLDERS.iter().zip(&self.0) {
            folder.hash(&mut hasher);
            for (path, seen) in entries.iter().flatten() {
                path.as_os_str().hash(&mut hasher);
                seen.stamp.hash(&mut hasher);
            }
        }
        hasher.finish()
    }
}

impl crate::content::load::Listed for Listing {
    fn markdown_in(&self, folder: &str) -> Option<Vec<(&Path, u64)>> {
        let entries = self.0[0].as_ref()?;
        let folder = Path::new(folder);
        let mut files = Vec::new();
        for (path, seen) in entries.range(folder.to_path_buf()..) {
            let Ok(inside) = path.strip_prefix(folder) else {
                break;
            };
            if seen.link {
                return None;
            }
            let hidden = inside
                .iter()
                .any(|c| c.as_encoded_bytes().starts_with(b"."));
            let markdown = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            if seen.is_file && markdown && !hidden {
                files.push((path.as_path(), seen.stamp));
            }
        }
        Some(files)
    }
}

/// The stamp of the site's folders, as a build with `options` starts: one for
/// them all; None when they cannot be read in full (a build then finds out why).
/// A build that remembers (`serve`) looks again only at what its watcher says
/// changed, when it can, and keeps the [`Listing`], which tells each file's stamp.
pub fn folders(root: &SiteRoot, options: &Options) -> Option<u64> {
    let Some(memory) = &options.memory else {
        return Some(Listing::read(root)?.stamp(options));
    };
    let changed = memory.take_changes();
    let mut kept = memory.lock();
    let listing = match (kept.folders.take(), changed) {
        (Some(mut listing), Some(changed)) => match listing.update(root, &changed) {
            Some(()) => listing,
            None => Listing::read(root)?,
        },
        _ => Listing::read(root)?,
    };
    let stamp = listing.stamp(options);
    kept.folders = Some(listing);
    Some(stamp)
}

/// The stamp of the pictures a build read, wherever they are.
pub fn pictures_stamp(pictures: &[PathBuf]) -> u64 {
    let mut hasher = crate::build::cache::stable_hasher();
    for picture in pictures {
        picture.hash(&mut hasher);
        match std::fs::metadata(picture) {
            Ok(meta) => crate::content::files::stamp_of(&meta, &mut hasher),
            Err(_) => "missing".hash(&mut hasher),
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// After each change, told as a watcher tells it, the listing brought up to
    /// date is the one a full look gives, and so is its stamp.
    #[test]
    fn a_listing_brought_up_to_date_by_its_changes_is_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        write(&site.join("content/exercises/a.md"), "aaaa");
        write(&site.join("content/conditions/c.md"), "cccc");
        write(&site.join("themes/own/page.html"), "<p>");
        let root = SiteRoot::new(site).unwrap();
        let content = root.canonical.join("content");
        let themes = root.canonical.join("themes");
        let options = Options::default();
        let mut listing = Listing::read(&root).unwrap();
        let mut step = |what: &str, change: &dyn Fn(), told: &[&Path]| {
            let before = listing.stamp(&options);
            change();
            let told: BTreeSet<PathBuf> = told.iter().map(|p| p.to_path_buf()).collect();
            listing.update(&root, &told).unwrap();
            let fresh = Listing::read(&root).unwrap();
            assert_eq!(listing, fresh, "{what}");
            assert_eq!(listing.stamp(&options), fresh.stamp(&options), "{what}");
            assert_ne!(before, fresh.stamp(&options), "{what} changes the stamp");
        };
        let a = content.join("exercises/a.md");
        step("an edit of the same length", &|| write(&a, "bbbb"), &[&a]);
        let more = content.join("exercises/more");
        step(
            "a new folder with files in it",
            &|| write(&more.join("deep/b.md"), "b"),
            &[&more],
        );
        let b = more.join("deep/b.md");
        step("a file inside it", &|| write(&b, "bb"), &[&b]);
        step(
            "a removed file",
            &|| std::fs::remove_file(&a).unwrap(),
            &[&a],
        );
        let moved = content.join("exercises/moved");
        step(
            "a folder renamed",
            &|| std::fs::rename(&more, &moved).unwrap(),
            &[&more, &moved],
        );
        step(
            "a folder removed",
            &|| std::fs::remove_dir_all(&moved).unwrap(),
            &[&moved],
        );
        step(
            "the themes folder removed",
            &|| std::fs::remove_dir_all(&themes).unwrap(),
            &[&themes],
        );
        let page = themes.join("own/page.html");
        step(
            "the themes folder made again",
            &|| write(&page, "<p>"),
            &[&themes],
        );
        // Told of a file whose folder went untold: a full look is needed.
        let conditions = content.join("conditions");
        std::fs::remove_dir_all(&conditions).unwrap();
        let told = BTreeSet::from([conditions.join("c.md")]);
        assert_eq!(listing.update(&root, &told), None);
    }

    /// The Markdown files the listing names for a content folder are the files a
    /// load walking that folder reads, in the same order; with a link in the
    /// folder, it does not say (the walk checks where the link leads).
    #[test]
    fn a_listing_names_the_markdown_files_a_walk_finds() {
        use crate::content::load::Listed;
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        let exercise = "---\ntitle: A\n---\nText.\n";
        write(&site.join("content/site.yaml"), "title: A clinic\n");
        for path in [
            "content/exercises/b.md",
            "content/exercises/a.MD",
            "content/exercises/a/inner.md",
            "content/exercises/a-b.md",
            "content/exercises/notes.txt",
            "content/exercises/.hidden.md",
            "content/exercises/.drafts/x.md",
            "content/exercises/deep/er/z.md",
            "content/exercises.md",
            "content/conditions/c.md",
        ] {
            write(&site.join(path), exercise);
        }
        let root = SiteRoot::new(site).unwrap();
        let listing = Listing::read(&root).unwrap();
        let loaded =
            crate::content::load::load_site(&root, &crate::content::yaml_cache::YamlCache::new())
                .unwrap();
        let walked: Vec<PathBuf> = (loaded.exercise_files.iter())
            .map(|f| {
                f.path
                    .strip_prefix(root.content_dir())
                    .unwrap()
                    .to_path_buf()
            })
            .collect();
        let listed: Vec<PathBuf> = (listing.markdown_in("exercises").unwrap().into_iter())
            .map(|(p, _)| p.to_path_buf())
            .collect();
        assert_eq!(listed, walked);
        assert_eq!(walked.len(), 5, "{walked:?}");
        assert_eq!(listing.markdown_in("conditions").unwrap().len(), 1);
        assert_eq!(listing.markdown_in("missing").unwrap().len(), 0);
        #[cfg(unix)]
        {
            let linked = site.join("content/exercises/linked.md");
            std::os::unix::fs::symlink(site.join("content/exercises/b.md"), linked).unwrap();
            let listing = Listing::read(&root).unwrap();
            assert!(listing.markdown_in("exercises").is_none());
            assert!(listing.markdown_in("conditions").is_some());
        }
    }
}
