//! Where a site's files are read from: the disk, or a bundle held in memory. The
//! in-browser program builder has no disk; it gets the site's content and theme as
//! one bundle (made by the build, see [`bundle`]) and reads it through the same
//! loader, so that its sheets come out exactly as the command line's.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

/// The folder a bundle's files appear under: every path in it is absolute.
pub const MEMORY_ROOT: &str = "/site";

/// Where to read a site's files from.
#[derive(Debug, Clone, Default)]
pub enum SiteFiles {
    #[default]
    Disk,
    Memory(Arc<MemoryFiles>),
}

/// A bundle's files by absolute path (under [`MEMORY_ROOT`]).
#[derive(Debug, Default)]
pub struct MemoryFiles {
    files: BTreeMap<PathBuf, MemoryFile>,
}

#[derive(Debug)]
struct MemoryFile {
    bytes: Vec<u8>,
    /// Seconds since the epoch, as the file's stamp was on disk.
    modified: u64,
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("{} is not in the site bundle", path.display()),
    )
}

/// What a file or folder looked like: its kind, length, modification time and, on
/// Unix, its inode and change time (which nothing but a change can set).
pub fn stamp_of(meta: &std::fs::Metadata, hasher: &mut impl Hasher) {
    meta.is_dir().hash(hasher);
    meta.len().hash(hasher);
    if let Ok(modified) = meta.modified() {
        modified.hash(hasher);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.ino(), meta.ctime(), meta.ctime_nsec()).hash(hasher);
    }
}

fn modified_secs(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs())
}

impl SiteFiles {
    /// The size of a file in bytes and when it last changed (seconds since the epoch).
    pub fn stat(&self, path: &Path) -> io::Result<(u64, u64)> {
        match self {
            SiteFiles::Disk => {
                let meta = std::fs::metadata(path)?;
                Ok((meta.len(), modified_secs(&meta)))
            }
            SiteFiles::Memory(memory) => memory
                .files
                .get(path)
                .map(|f| (f.bytes.len() as u64, f.modified))
                .ok_or_else(|| not_found(path)),
        }
    }

    /// A file's [`stamp_of`] on disk, as a number; none for a bundle's files, which
    /// no build reads twice.
    pub fn stamp(&self, path: &Path) -> Option<u64> {
        match self {
            SiteFiles::Disk => {
                let meta = std::fs::metadata(path).ok()?;
                let mut hasher = crate::build::cache::stable_hasher();
                stamp_of(&meta, &mut hasher);
                Some(hasher.finish())
            }
            SiteFiles::Memory(_) => None,
        }
    }

    pub fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self {
            SiteFiles::Disk => std::fs::read(path),
            SiteFiles::Memory(memory) => memory
                .files
                .get(path)
                .map(|f| f.bytes.clone())
                .ok_or_else(|| not_found(path)),
        }
    }

    pub fn is_file(&self, path: &Path) -> bool {
        match self {
            SiteFiles::Disk => path.is_file(),
            SiteFiles::Memory(memory) => memory.files.contains_key(path),
        }
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        match self {
            SiteFiles::Disk => path.is_dir(),
            SiteFiles::Memory(memory) => memory.under(path).next().is_some(),
        }
    }
}

impl MemoryFiles {
    /// Every file under `dir`, in the order a sorted walk of the folder gives.
    pub fn under<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = &'a Path> + 'a {
        self.files
            .range::<Path, _>((std::ops::Bound::Excluded(dir), std::ops::Bound::Unbounded))
            .map(|(path, _)| path.as_path())
            .take_while(move |path| path.starts_with(dir))
    }

    /// Reads a bundle made by [`bundle`].
    pub fn from_bundle(bytes: &[u8]) -> Result<MemoryFiles, String> {
        let damaged = || "the site bundle is damaged; build the site again".to_string();
        let mut rest = bytes.strip_prefix(MAGIC).ok_or_else(damaged)?;
        let mut files = BTreeMap::new();
        while !rest.is_empty() {
            let path_len = take_number(&mut rest, 4).ok_or_else(damaged)? as usize;
            let path = take(&mut rest, path_len).ok_or_else(damaged)?;
            let path = std::str::from_utf8(path).map_err(|_| damaged())?;
            let modified = take_number(&mut rest, 8).ok_or_else(damaged)?;
            let size = take_number(&mut rest, 4).ok_or_else(damaged)? as usize;
            let bytes = take(&mut rest, size).ok_or_else(damaged)?.to_vec();
            files.insert(
                Path::new(MEMORY_ROOT).join(path),
                MemoryFile { bytes, modified },
            );
        }
        Ok(MemoryFiles { files })
    }
}

/// The next `n` bytes of `rest`, which moves past them.
fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, tail) = rest.split_at_checked(n)?;
    *rest = tail;
    Some(head)
}

/// A little-endian number `n` bytes long (4 or 8).
fn take_number(rest: &mut &[u8], n: usize) -> Option<u64> {
    let mut le = [0u8; 8];
    le[..n].copy_from_slice(take(rest, n)?);
    Some(u64::from_le_bytes(le))
}

const MAGIC: &[u8] = b"handout-site-bundle 1\n";

/// Packs files (a path relative to the site folder, written with `/`, the bytes, and
/// when the file last changed) into one bundle, in the order given.
pub fn bundle<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8], u64)>) -> Vec<u8> {
    let files: Vec<_> = files.into_iter().collect();
    let size: usize = files.iter().map(|(p, b, _)| p.len() + b.len() + 16).sum();
    let mut out = Vec::with_capacity(MAGIC.len() + size);
    out.extend(MAGIC);
    for (path, bytes, modified) in files {
        out.extend((path.len() as u32).to_le_bytes());
        out.extend(path.as_bytes());
        out.extend(modified.to_le_bytes());
        out.extend((bytes.len() as u32).to_le_bytes());
        out.extend(bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_reads_back_with_folders_and_stamps() {
        let packed = bundle([
            ("content/site.yaml", &b"title: A"[..], 7),
            ("content/exercises/bridge.md", &b"---\n"[..], 9),
            ("content/exercises2/x.md", &b""[..], 1),
        ]);
        let files = SiteFiles::Memory(Arc::new(MemoryFiles::from_bundle(&packed).unwrap()));
        let root = Path::new(MEMORY_ROOT);
        assert_eq!(
            files.read(&root.join("content/site.yaml")).unwrap(),
            b"title: A"
        );
        assert_eq!(
            files
                .stat(&root.join("content/exercises/bridge.md"))
                .unwrap(),
            (4, 9)
        );
        assert!(files.is_dir(&root.join("content/exercises")));
        assert!(!files.is_dir(&root.join("content/exercise")));
        assert!(!files.is_file(&root.join("content")));
        let SiteFiles::Memory(memory) = &files else {
            unreachable!()
        };
        let dir = root.join("content/exercises");
        let under: Vec<_> = memory.under(&dir).collect();
        assert_eq!(under, [root.join("content/exercises/bridge.md")]);
        assert!(MemoryFiles::from_bundle(&packed[..packed.len() - 1]).is_err());
        assert!(MemoryFiles::from_bundle(b"not a bundle").is_err());
    }
}
