//! The build's output: every file written to a staging folder beside the output
//! folder as it is made (or, for `check`, held in memory), and the staging folder
//! swapped in whole once the build has succeeded, so a failed build never leaves a
//! half-written site.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::build::spare::{self, Spare};

/// What goes into an output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// A file copied as is (images).
    Copy(PathBuf),
    /// The previous output's file, whose inputs have not changed (see `cache`).
    Keep,
    /// Already in the staging folder; `changed` unless linked from the previous output.
    Written {
        changed: bool,
    },
}

/// The output of a build, held in memory or written to a staging folder as it comes.
#[derive(Debug, Default)]
pub struct Output {
    /// Output path (with `/` separators, relative to the output folder) to
    /// contents, and the fingerprint of the file's inputs when it has one, for the
    /// build cache: one map, so that carrying a file over is one insertion.
    files: BTreeMap<String, (Contents, Option<u64>)>,
    /// Where files go as they are added; none: they are held until [`Output::write_to`].
    staging: Option<Staging>,
    /// Folders already made in the staging folder (shared with its [`Placer`]s).
    folders: Folders,
    /// The first error writing to the staging folder, which [`Output::write_to`] reports.
    error: Option<WriteError>,
    /// The output folder [`Output::write_to`] replaced, until it is removed.
    retired: Option<Retired>,
    /// For an output written in place: the files the output folder holds, as the
    /// last build's cache lists them; when unknown, the folder is looked through.
    before: Option<Vec<String>>,
}

/// Folders already made in a staging folder.
type Folders = Arc<Mutex<HashSet<PathBuf>>>;

/// A staging folder being filled: a whole site's output is never held in memory
/// (at 10,000 exercises it is about 250 MB).
#[derive(Debug)]
struct Staging {
    /// The folder being made.
    folder: PathBuf,
    /// The output folder it will replace, whose unchanged files are linked, not copied.
    target: PathBuf,
    /// Where this output's files go in both ("es/" for a further language's).
    prefix: String,
    /// Whether this output made the folder, and removes it if it is never swapped in.
    owner: bool,
    /// Whether only changed files go to the folder, to be put in place one by one
    /// ([`Output::in_place`]), rather than every file, to swap in whole.
    in_place: bool,
    /// What the folder held when it was made from the spare folder: an earlier
    /// output, whose files are kept where they are the output's own.
    spare: Option<Arc<Spare>>,
}

impl Staging {
    /// The same staging folder, for another writer: it does not remove the folder.
    fn sharing(&self) -> Staging {
        Staging {
            folder: self.folder.clone(),
            target: self.target.clone(),
            prefix: self.prefix.clone(),
            owner: false,
            in_place: self.in_place,
            spare: self.spare.clone(),
        }
    }
}

/// Writes files into an output's staging folder from any thread, as
/// [`Output::add`] does on one: made by [`Output::placer`].
pub struct Placer {
    staging: Option<Staging>,
    folders: Folders,
    /// Whether writing has failed: after an error nothing more is written.
    failed: AtomicBool,
}

/// A file a [`Placer`] wrote, for [`Output::placed`] to record.
pub struct Placed {
    path: String,
    contents: Result<Contents, WriteError>,
}

impl Placer {
    /// Writes `bytes` at `path` (linking the previous output's file when it holds
    /// the same bytes), or holds them for an output kept in memory.
    pub fn place(&self, path: String, bytes: Vec<u8>) -> Placed {
        let failed = self.failed.load(Ordering::Relaxed);
        let contents = stage(self.staging.as_ref(), failed, &self.folders, &path, bytes);
        if contents.is_err() {
            self.failed.store(true, Ordering::Relaxed);
        }
        Placed { path, contents }
    }
}

/// What an output records for `bytes` at `path`: written into `staging` at once
/// (linked from the previous output when the same), or held in memory when there
/// is no staging folder. Once writing has `failed`, nothing more is written: the
/// build fails as it ends.
fn stage(
    staging: Option<&Staging>,
    failed: bool,
    folders: &Folders,
    path: &str,
    bytes: Vec<u8>,
) -> Result<Contents, WriteError> {
    match staging {
        None => Ok(Contents::Bytes(bytes)),
        Some(_) if failed => Ok(Contents::Written { changed: true }),
        Some(staging) => {
            let relative = format!("{}{path}", staging.prefix);
            let changed = place(staging, &relative, &bytes, folders)?;
            Ok(Contents::Written { changed })
        }
    }
}

impl Drop for Staging {
    /// A staging folder made from the spare folder is kept as it again: it still
    /// holds much of the next output.
    fn drop(&mut self) {
        if self.owner && !(self.spare.is_some() && spare::keep(&self.folder, &self.target)) {
            let _ = std::fs::remove_dir_all(&self.folder);
        }
    }
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
    /// An output that writes each file, as it is added, to a new staging folder
    /// beside `target` (cleaning up what a killed build left there first).
    pub fn staged(target: &Path) -> Result<Output, WriteError> {
        Ok(Output {
            staging: Some(Staging::begin(target, true)?),
            ..Output::default()
        })
    }

    /// An output for `handout serve`'s rebuilds: like [`Output::staged`], but only the
    /// files that changed go to the staging folder, and [`Output::write_to`] moves
    /// each into `target` on its own (a rename, so no reader sees half a file) and
    /// removes the files no longer made, instead of swapping in a whole new folder.
    /// At 10,000 exercises that saves linking and removing 20,000 files per save.
    /// A build that fails still changes nothing; while one writes, a reader may
    /// see old and new pages side by side for a moment, which a preview can bear.
    /// `before`: the files `target` holds, if known (from the build cache).
    pub fn in_place(target: &Path, before: Option<Vec<String>>) -> Result<Output, WriteError> {
        let mut staging = Staging::begin(target, false)?;
        staging.in_place = true;
        Ok(Output {
            staging: Some(staging),
            before,
            ..Output::default()
        })
    }

    /// An empty output for files that go under `prefix` ("es/"), though they are
    /// named without it; into the same staging folder as this one, if any. Joined
    /// back with [`Output::absorb`].
    pub fn under(&self, prefix: &str) -> Output {
        Output {
            staging: self.staging.as_ref().map(|s| {
                let mut staging = s.sharing();
                staging.prefix = format!("{}{prefix}", s.prefix);
                staging
            }),
            ..Output::default()
        }
    }

    pub fn add(&mut self, path: String, bytes: Vec<u8>) {
        self.add_made(path, bytes, None);
    }

    /// A rendered file and, when it is worth caching, the fingerprint of its inputs.
    pub fn add_made(&mut self, path: String, bytes: Vec<u8>, fingerprint: Option<u64>) {
        let failed = self.error.is_some();
        let contents = stage(self.staging.as_ref(), failed, &self.folders, &path, bytes);
        self.placed(Placed { path, contents }, fingerprint);
    }

    /// A [`Placer`], to write files into this output's staging folder on any thread
    /// while the build renders others; [`Output::placed`] then records each.
    pub fn placer(&self) -> Placer {
        Placer {
            staging: self.staging.as_ref().map(Staging::sharing),
            folders: Arc::clone(&self.folders),
            failed: AtomicBool::new(self.error.is_some()),
        }
    }

    /// Records a file a [`Placer`] of this output wrote (or, for an output held in
    /// memory, holds), with the fingerprint of its inputs if it is worth caching.
    pub fn placed(&mut self, placed: Placed, fingerprint: Option<u64>) {
        let contents = match placed.contents {
            Ok(contents) => contents,
            Err(e) => {
                self.error.get_or_insert(e);
                Contents::Written { changed: true }
            }
        };
        self.files.insert(placed.path, (contents, fingerprint));
    }

    /// Carries the previous output's file over unchanged.
    pub fn keep(&mut self, path: String, fingerprint: u64) {
        self.files.insert(path, (Contents::Keep, Some(fingerprint)));
    }

    /// Takes in every file of `other`, under `prefix` ("es/").
    pub fn absorb(&mut self, other: Output, prefix: &str) {
        for (path, entry) in other.files {
            self.files.insert(format!("{prefix}{path}"), entry);
        }
        if self.error.is_none() {
            self.error = other.error;
        }
    }

    pub fn copy(&mut self, path: String, source: PathBuf) {
        self.files.insert(path, (Contents::Copy(source), None));
    }

    /// The output folder [`Output::write_to`] replaced, to drop (remove) when
    /// convenient; if never taken, it is removed with this output.
    pub fn take_retired(&mut self) -> Option<Retired> {
        self.retired.take()
    }

    /// The fingerprint of each file that has one, by path.
    pub fn fingerprints(&self) -> BTreeMap<String, u64> {
        (self.files.iter())
            .filter_map(|(path, (_, fingerprint))| Some((path.clone(), (*fingerprint)?)))
            .collect()
    }

    /// The paths of the files rendered (or copied) by this build.
    pub fn made(&self) -> impl Iterator<Item = &str> {
        self.files
            .iter()
            .filter(|(_, (c, _))| !matches!(c, Contents::Keep))
            .map(|(p, _)| p.as_str())
    }

    /// Whether `path` is one of the previous output's files carried over as it
    /// was: linked into a new output folder, or left in place.
    pub fn is_kept(&self, path: &str) -> bool {
        matches!(self.files.get(path), Some((Contents::Keep, _)))
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The paths of the files that have no fingerprint, in order.
    pub fn unfingerprinted(&self) -> impl Iterator<Item = &str> {
        (self.files.iter())
            .filter(|(_, (_, fingerprint))| fingerprint.is_none())
            .map(|(path, _)| path.as_str())
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

    /// Writes what is not written yet to the staging folder beside `target` (made
    /// now if this output has none), then swaps it in, and returns how many files
    /// changed. On any error the previous `target` is left as it was. A file whose
    /// bytes did not change is hard-linked from the previous output rather than
    /// written again, so it keeps its modification time; when no file changed,
    /// `target` is not touched at all.
    pub fn write_to(&mut self, target: &Path) -> Result<usize, WriteError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        // Taken out: dropped on any return below, it removes its folder, unless swapped in.
        let mut staging = match self.staging.take() {
            Some(staging) => staging,
            None => Staging::begin(target, false)?,
        };
        let changed = self.write_rest(&staging)?;
        if staging.in_place {
            return self.put_in_place(&staging, changed);
        }
        if let Some(spare) = &staging.spare {
            spare.remove_unwanted(&staging.folder, |path| self.files.contains_key(path));
        }
        let changed = changed.len();
        if changed == 0 && files_in(target) == Some(self.files.len()) {
            // Every file is as the output folder has it already: the staging
            // folder, the same files again, is the next build's to start from.
            if spare::keep(&staging.folder, target) {
                staging.owner = false;
            }
            return Ok(0);
        }
        // A test hook: stop dead where a killed build would, with the new tree half made.
        if std::env::var_os("HANDOUT_TEST_ABORT_BEFORE_SWAP").is_some() {
            std::process::abort();
        }
        let (parent, name) = parent_and_name(target);
        let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));
        // The output replaced is kept for the next build to start from, unless it
        // differs from this one in more than a quarter of its files: then it is
        // removed rather than left taking up as much room as the site.
        let spare = changed.saturating_mul(4) <= self.files.len();
        self.retired = swap_in(&staging.folder, target, &previous)?.map(|path| Retired {
            path,
            spare: spare.then(|| target.to_path_buf()),
        });
        // Swapped in: no longer a staging folder to remove.
        staging.owner = false;
        Ok(changed)
    }

    /// Writes (or links) every file not yet in the staging folder, on every core;
    /// returns the files, counting those written earlier, that differ from the
    /// previous output.
    fn write_rest(&mut self, staging: &Staging) -> Result<Vec<String>, WriteError> {
        use rayon::prelude::*;
        /// What became of a file: unchanged, changed, or copied from the last output.
        enum Done {
            Same,
            Changed,
            Copied,
        }
        let folders = &self.folders;
        let write = |relative: &str, contents: &Contents| -> Result<Done, WriteError> {
            let bytes = match contents {
                Contents::Written { changed: true } => return Ok(Done::Changed),
                Contents::Written { changed: false } => return Ok(Done::Same),
                Contents::Bytes(bytes) => std::borrow::Cow::Borrowed(bytes.as_slice()),
                Contents::Copy(source) => {
                    std::borrow::Cow::Owned(std::fs::read(source).map_err(context(source))?)
                }
                Contents::Keep if staging.in_place => return Ok(Done::Same),
                Contents::Keep => return keep(staging, relative, folders),
            };
            match place(staging, relative, &bytes, folders)? {
                true => Ok(Done::Changed),
                false => Ok(Done::Same),
            }
        };
        /// Links the last output's file at `relative` into the staging folder.
        fn keep(staging: &Staging, relative: &str, folders: &Folders) -> Result<Done, WriteError> {
            let old = staging.target.join(relative);
            let path = match &staging.spare {
                // The spare folder has the file, so has its folder too.
                Some(spare) if spare.had(relative) && is_safe(relative) => {
                    staging.folder.join(relative)
                }
                _ => staged_path(staging, relative, folders)?,
            };
            if staging.clear_for(relative, &path, Some(&old))?
                || std::fs::hard_link(&old, &path).is_ok()
            {
                return Ok(Done::Same);
            }
            std::fs::copy(&old, &path).map_err(context(&old))?;
            Ok(Done::Copied)
        }
        let files: Vec<(&String, &Contents)> = self
            .files
            .iter()
            .map(|(path, (contents, _))| (path, contents))
            .collect();
        let done: Vec<Done> = files
            .par_iter()
            .map(|(relative, contents)| write(relative, contents))
            .collect::<Result<_, _>>()?;
        let mut changed = Vec::new();
        let mut copied = Vec::new();
        for ((relative, _), done) in files.into_iter().zip(done) {
            match done {
                Done::Same => {}
                Done::Changed => changed.push(relative.clone()),
                Done::Copied => copied.push(relative.clone()),
            }
        }
        // A copy is a new file, with a stamp of its own: no longer kept as it was.
        for relative in copied {
            if let Some((contents, _)) = self.files.get_mut(&relative) {
                *contents = Contents::Written { changed: false };
            }
        }
        Ok(changed)
    }

    /// Moves the `changed` files from the staging folder into the output folder,
    /// then removes the output folder's files that this output does not hold (and
    /// the folders that leaves empty). Returns how many files changed or went.
    fn put_in_place(&self, staging: &Staging, changed: Vec<String>) -> Result<usize, WriteError> {
        let mut made = HashSet::new();
        for relative in &changed {
            let (from, to) = (staging.folder.join(relative), staging.target.join(relative));
            if let Some(dir) = to.parent()
                && made.insert(dir.to_path_buf())
            {
                std::fs::create_dir_all(dir).map_err(context(dir))?;
            }
            std::fs::rename(&from, &to).map_err(context(&to))?;
        }
        let mut gone = 0;
        let walked;
        let before = match &self.before {
            Some(listed) => listed,
            None => {
                walked = files_under(&staging.target);
                &walked
            }
        };
        for relative in before {
            if self.files.contains_key(relative) || !is_safe(relative) {
                continue;
            }
            let path = staging.target.join(relative);
            std::fs::remove_file(&path).map_err(context(&path))?;
            gone += 1;
            remove_emptied_folders(&path, &staging.target);
        }
        Ok(changed.len() + gone)
    }
}

impl Staging {
    /// Readies `path`, at `relative`, for a file of this output. A folder made from
    /// the spare folder may hold something there, perhaps a link to the output's
    /// own file, which is never written through: it is kept (true) where it is the
    /// very file `same_as`, and otherwise cleared away.
    fn clear_for(
        &self,
        relative: &str,
        path: &Path,
        same_as: Option<&Path>,
    ) -> Result<bool, WriteError> {
        let Some(spare) = &self.spare else {
            return Ok(false);
        };
        if same_as.is_some_and(|old| spare.had(relative) && spare::same_file(path, old)) {
            return Ok(true);
        }
        spare::clear(path).map_err(context(path))?;
        Ok(false)
    }

    /// A new staging folder beside `target`, after cleaning up what a killed build
    /// left there.
    /// With `adopt`, the folder is the spare folder, if there is one fit to use.
    fn begin(target: &Path, adopt: bool) -> Result<Staging, WriteError> {
        let (parent, name) = parent_and_name(target);
        std::fs::create_dir_all(&parent).map_err(context(&parent))?;
        recover_interrupted(&parent, &name, target);
        let folder = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if folder.exists() {
            std::fs::remove_dir_all(&folder).map_err(context(&folder))?;
        }
        let spare = adopt.then(|| Spare::adopt(target, &folder)).flatten();
        if spare.is_none() {
            std::fs::create_dir_all(&folder).map_err(context(&folder))?;
        }
        Ok(Staging {
            spare: spare.map(Arc::new),
            folder,
            target: target.to_path_buf(),
            prefix: String::new(),
            owner: true,
            in_place: false,
        })
    }
}

/// Removes the folders of the file just removed at `path`, as far up towards
/// `root` (which stays) as that leaves them empty.
pub(crate) fn remove_emptied_folders(path: &Path, root: &Path) {
    let mut folder = path.parent();
    while let Some(dir) = folder.filter(|d| *d != root) {
        if std::fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
}

/// The folder `target` is in, and its name.
fn parent_and_name(target: &Path) -> (PathBuf, String) {
    let name = crate::build::lock::name_of(target);
    (crate::build::lock::parent_of(target), name)
}

/// The files (not folders) under `target`, as far as they can be read.
pub(crate) fn files_walked(target: &Path) -> impl Iterator<Item = walkdir::DirEntry> {
    walkdir::WalkDir::new(target)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
}

/// The files under `target`, relative to it, with `/` separators.
fn files_under(target: &Path) -> Vec<String> {
    files_walked(target)
        .filter_map(|e| {
            let relative = e.path().strip_prefix(target).ok()?;
            Some(relative.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// How many files (not folders) are under `target`, if it is a folder.
fn files_in(target: &Path) -> Option<usize> {
    target.is_dir().then(|| files_walked(target).count())
}

/// Where `relative` goes in the staging folder, its folder made; refuses a path
/// that could land outside it.
fn staged_path(
    staging: &Staging,
    relative: &str,
    folders: &Folders,
) -> Result<PathBuf, WriteError> {
    if !is_safe(relative) {
        return Err(WriteError {
            path: PathBuf::from(relative),
            source: io::Error::new(
                io::ErrorKind::InvalidInput,
                "refusing to write outside the output folder",
            ),
        });
    }
    let path = staging.folder.join(relative);
    if let Some(dir) = path.parent() {
        let mut made = folders.lock().unwrap_or_else(|e| e.into_inner());
        if !made.contains(dir) {
            if let Err(e) = std::fs::create_dir_all(dir) {
                // A spare folder may hold a file where this output has a folder.
                if staging.spare.is_none() {
                    return Err(context(dir)(e));
                }
                let files = (dir.ancestors())
                    .take_while(|d| *d != staging.folder)
                    .filter(|d| std::fs::symlink_metadata(d).is_ok_and(|m| !m.is_dir()));
                for file in files.collect::<Vec<_>>() {
                    std::fs::remove_file(file).map_err(context(file))?;
                }
                std::fs::create_dir_all(dir).map_err(context(dir))?;
            }
            made.insert(dir.to_path_buf());
        }
    }
    Ok(path)
}

/// Puts `bytes` at `relative` in the staging folder: linked from the previous
/// output when that holds the same bytes (returns false), else written (true).
fn place(
    staging: &Staging,
    relative: &str,
    bytes: &[u8],
    folders: &Folders,
) -> Result<bool, WriteError> {
    let old = staging.target.join(relative);
    // A path that would escape is never read here; staged_path refuses it below.
    let unchanged = is_safe(relative) && holds(&old, bytes);
    if unchanged && staging.in_place {
        return Ok(false);
    }
    let path = staged_path(staging, relative, folders)?;
    if staging.clear_for(relative, &path, unchanged.then_some(&old))? {
        return Ok(false);
    }
    if unchanged && std::fs::hard_link(&old, &path).is_ok() {
        return Ok(false);
    }
    std::fs::write(&path, bytes).map_err(context(&path))?;
    Ok(true)
}

/// Whether the file at `path` holds exactly `bytes`: the size is compared first,
/// then the contents a piece at a time, up to the first difference (a 20 MB
/// script that changed near its start is not read to its end).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let same_size = file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    if !same_size {
        return false;
    }
    let mut piece = vec![0; bytes.len().min(256 * 1024)];
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = piece.len().min(rest.len());
        if file.read_exact(&mut piece[..n]).is_err() || piece[..n] != rest[..n] {
            return false;
        }
        rest = &rest[n..];
    }
    // Nothing more: the file did not grow since its size was looked at.
    file.read(&mut [0]).is_ok_and(|n| n == 0)
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

/// Puts `staging` in `target`'s place; the old output, moved to `previous`, is
/// returned to be removed.
fn swap_in(staging: &Path, target: &Path, previous: &Path) -> Result<Option<PathBuf>, WriteError> {
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
        Ok(Some(previous.to_path_buf()))
    } else {
        std::fs::rename(staging, target).map_err(context(target))?;
        Ok(None)
    }
}

/// The output folder a build replaced, kept as the spare folder or removed when
/// this is dropped: a build can drop it on another thread while it saves its
/// cache (removing 20,000 files takes a while). A build killed first leaves it for
/// the next build to remove.
#[derive(Debug)]
pub struct Retired {
    path: PathBuf,
    /// The output folder it is to be the spare folder of, if it is kept.
    spare: Option<PathBuf>,
}

impl Drop for Retired {
    fn drop(&mut self) {
        if let Some(target) = &self.spare
            && spare::keep(&self.path, target)
        {
            return;
        }
        remove_in_parallel(&self.path, 2);
    }
}

/// Removes the folder `path`, the folders `depth` levels down it on all cores.
fn remove_in_parallel(path: &Path, depth: usize) {
    use rayon::prelude::*;
    if depth == 0 {
        let _ = std::fs::remove_dir_all(path);
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    let entries: Vec<_> = entries.flatten().collect();
    entries
        .par_iter()
        .for_each(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_in_parallel(&entry.path(), depth - 1),
            _ => {
                let _ = std::fs::remove_file(entry.path());
            }
        });
    let _ = std::fs::remove_dir(path);
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
    fn the_files_without_a_fingerprint_are_found_in_order() {
        let mut output = Output::default();
        for (path, fingerprint) in [
            ("a.html", Some(1)),
            ("b.css", None),
            ("c/index.html", Some(2)),
            ("c/x.png", None),
            ("d.js", None),
            ("e.html", Some(3)),
        ] {
            output.add_made(path.into(), b"x".to_vec(), fingerprint);
        }
        let without: Vec<&str> = output.unfingerprinted().collect();
        assert_eq!(without, ["b.css", "c/x.png", "d.js"]);
    }

    #[test]
    fn a_file_holds_the_bytes_only_when_every_byte_is_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.js");
        // Longer than one piece compared at a time, and not a multiple of it.
        let bytes: Vec<u8> = (0..700_001u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert!(holds(&path, &bytes));
        for at in [0, 262_143, 262_144, 700_000] {
            let mut other = bytes.clone();
            other[at] ^= 1;
            assert!(!holds(&path, &other), "a difference at {at}");
        }
        assert!(!holds(&path, &bytes[..700_000]));
        assert!(!holds(&dir.path().join("missing.js"), &bytes));
        assert!(!holds(dir.path(), b""), "a folder holds no bytes");
        let empty = dir.path().join("empty.js");
        std::fs::write(&empty, b"").unwrap();
        assert!(holds(&empty, b""));
    }

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
        drop(second);
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

    #[test]
    fn a_placer_writes_from_any_thread_and_stops_at_the_first_error() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let mut output = Output::staged(&target).unwrap();
        let placer = output.placer();
        let placed: Vec<Placed> = (0..64)
            .into_par_iter()
            .map(|i| placer.place(format!("pages/{}/p{i}.html", i % 4), vec![b'a'; i]))
            .collect();
        for file in placed {
            output.placed(file, Some(7));
        }
        let staged = dir
            .path()
            .join(format!(".output.staging-{}", std::process::id()));
        assert_eq!(
            std::fs::read(staged.join("pages/3/p7.html")).unwrap(),
            [b'a'; 7]
        );
        assert_eq!(output.write_to(&target).unwrap(), 64);
        assert_eq!(
            std::fs::read(target.join("pages/1/p5.html")).unwrap(),
            [b'a'; 5]
        );
        assert_eq!(output.fingerprints().get("pages/0/p0.html"), Some(&7));

        // A path that would escape fails the build; nothing after it is written, and
        // the output folder is left as it was.
        let mut bad = Output::staged(&target).unwrap();
        let placer = bad.placer();
        let escape = placer.place("../escape.html".into(), b"x".to_vec());
        let after = placer.place("after.html".into(), b"y".to_vec());
        bad.placed(escape, None);
        bad.placed(after, None);
        let staged = dir
            .path()
            .join(format!(".output.staging-{}", std::process::id()));
        assert!(!staged.join("after.html").exists());
        let error = bad.write_to(&target).unwrap_err();
        assert!(
            error.to_string().contains("refusing to write outside"),
            "{error}"
        );
        assert!(!dir.path().join("escape.html").exists());
        assert!(target.join("pages/1/p5.html").exists());
    }

    /// The files beside the output folder: the staging folder while a build runs.
    fn beside(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_staged_output_writes_as_it_goes_and_swaps_in_at_the_end() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let mut first = Output::default();
        first.add("same.html".into(), b"same".to_vec());
        first.add("gone.html".into(), b"x".to_vec());
        first.write_to(&target).unwrap();
        let inode = |p: &str| std::fs::metadata(target.join(p)).unwrap().ino();
        let same_before = inode("same.html");

        let mut second = Output::staged(&target).unwrap();
        let staging = format!(".output.staging-{}", std::process::id());
        second.add("same.html".into(), b"same".to_vec());
        second.add("new.html".into(), b"new".to_vec());
        let mut spanish = second.under("es/");
        spanish.add("index.html".into(), b"hola".to_vec());
        second.absorb(spanish, "es/");
        // Written already, beside the untouched output.
        let staged = dir.path().join(&staging);
        assert_eq!(std::fs::read(staged.join("new.html")).unwrap(), b"new");
        assert_eq!(
            std::fs::read(staged.join("es/index.html")).unwrap(),
            b"hola"
        );
        assert!(!target.join("new.html").exists());
        assert_eq!(
            second.write_to(&target).unwrap(),
            2,
            "new.html, es/index.html"
        );
        // The replaced output stays beside it until the build lets it go.
        let retired = format!(".output.previous-{}", std::process::id());
        assert_eq!(beside(dir.path()), [retired.as_str(), "output"]);
        drop(second.take_retired());
        assert_eq!(beside(dir.path()), ["output"]);
        assert_eq!(
            std::fs::read(target.join("es/index.html")).unwrap(),
            b"hola"
        );
        assert!(!target.join("gone.html").exists());
        assert_eq!(inode("same.html"), same_before, "linked, not written again");
        assert_eq!(
            second.made().collect::<Vec<_>>(),
            ["es/index.html", "new.html", "same.html"]
        );

        // The same files again: the output folder is not touched.
        let new_before = inode("new.html");
        let mut third = Output::staged(&target).unwrap();
        for (path, bytes) in [
            ("same.html", "same"),
            ("new.html", "new"),
            ("es/index.html", "hola"),
        ] {
            third.add(path.into(), bytes.as_bytes().to_vec());
        }
        assert_eq!(third.write_to(&target).unwrap(), 0);
        // Its staging folder, the same files again, is kept for the next build.
        assert_eq!(beside(dir.path()), [".output.spare", "output"]);
        assert_eq!(inode("new.html"), new_before);
    }

    /// The files under `dir`, with their contents.
    fn tree(dir: &Path) -> BTreeMap<String, String> {
        files_under(dir)
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(dir.join(&p)).unwrap();
                (p, text)
            })
            .collect()
    }

    #[test]
    fn the_output_a_build_replaced_is_the_next_builds_staging_folder() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let spare = dir.path().join(".output.spare");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let mut first = Output::default();
        for name in names {
            first.add(format!("{name}.html"), name.as_bytes().to_vec());
        }
        first.write_to(&target).unwrap();
        let inode = |p: &str| std::fs::metadata(target.join(p)).unwrap().ino();

        // One file of eight changes: the output replaced becomes the spare folder.
        let mut second = Output::staged(&target).unwrap();
        for name in names {
            let text = if name == "a" { "a2" } else { name };
            second.add(format!("{name}.html"), text.as_bytes().to_vec());
        }
        assert_eq!(second.write_to(&target).unwrap(), 1);
        drop(second.take_retired());
        assert_eq!(beside(dir.path()), [".output.spare", "output"]);
        assert_eq!(tree(&spare)["a.html"], "a", "the last output, as it was");
        assert!(tree(&spare)[".gitignore"].contains('*'));

        // Whatever else is in the spare folder is not believed: a stray file, the
        // same bytes in another file, a file where the next output has a folder,
        // a folder where it has a file.
        std::fs::write(spare.join("stray.html"), "stray").unwrap();
        std::fs::remove_file(spare.join("b.html")).unwrap();
        std::fs::write(spare.join("b.html"), "b").unwrap();
        std::fs::write(spare.join("x"), "in the way").unwrap();
        std::fs::remove_file(spare.join("e.html")).unwrap();
        std::fs::create_dir(spare.join("e.html")).unwrap();
        std::fs::write(spare.join("e.html/inner"), "a folder in the way").unwrap();
        let before: BTreeMap<&str, u64> = names.map(|n| (n, inode(&format!("{n}.html")))).into();

        let mut third = Output::staged(&target).unwrap();
        let staging = dir
            .path()
            .join(format!(".output.staging-{}", std::process::id()));
        assert!(
            !spare.exists() && staging.join("h.html").exists(),
            "taken as the staging folder"
        );
        third.add("a.html".into(), b"a2".to_vec());
        third.keep("b.html".into(), 0);
        third.add("c.html".into(), b"c2".to_vec());
        for name in ["e", "f", "g", "h"] {
            third.keep(format!("{name}.html"), 0);
        }
        third.add("x/y.html".into(), b"y".to_vec());
        // d.html is made no more.
        assert_eq!(third.write_to(&target).unwrap(), 2, "c.html, x/y.html");
        let made = BTreeMap::from(
            [
                ("a", "a2"),
                ("b", "b"),
                ("c", "c2"),
                ("e", "e"),
                ("f", "f"),
                ("g", "g"),
                ("h", "h"),
            ]
            .map(|(n, t)| (format!("{n}.html"), t.to_string())),
        );
        let mut expected = made.clone();
        expected.insert("x/y.html".into(), "y".into());
        assert_eq!(
            tree(&target),
            expected,
            "nothing stray, nothing gone astray"
        );
        for name in ["a", "b", "e", "f", "g", "h"] {
            assert_eq!(
                inode(&format!("{name}.html")),
                before[name],
                "{name}: the same file"
            );
        }
        // The output replaced was never written through a link the spare shared.
        let retired = dir
            .path()
            .join(format!(".output.previous-{}", std::process::id()));
        assert_eq!(tree(&retired)["c.html"], "c");
        assert_eq!(tree(&retired)["d.html"], "d");
        drop(third);

        // A spare folder holding a link (which could lead out of it) is not used.
        let outside = tempfile::tempdir().unwrap();
        let link_to = |spare: &Path| std::os::unix::fs::symlink(outside.path(), spare.join("x"));
        if !spare.exists() {
            spare::keep(&retired, &target);
        }
        spare::clear(&spare.join("x")).unwrap();
        link_to(&spare).unwrap();
        let mut fourth = Output::staged(&target).unwrap();
        fourth.add("x/y.html".into(), b"y2".to_vec());
        assert!(!spare.exists());
        assert!(std::fs::read_dir(outside.path()).unwrap().next().is_none());
        drop(fourth);
        assert_eq!(
            beside(dir.path()),
            ["output"],
            "a fresh staging folder is removed"
        );
    }

    /// `output`, holding a path that would escape, fails to write and is dropped.
    fn assert_refused_outside(mut output: Output, target: &Path) {
        let error = output.write_to(target).unwrap_err();
        assert!(
            error.to_string().contains("outside the output folder"),
            "{error}"
        );
    }

    #[test]
    fn an_output_in_place_writes_only_what_changed_and_removes_what_went() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let mut first = Output::default();
        first.add("same.html".into(), b"same".to_vec());
        first.add("kept.html".into(), b"kept".to_vec());
        first.add("edited.html".into(), b"old".to_vec());
        first.add("gone/index.html".into(), b"x".to_vec());
        first.write_to(&target).unwrap();
        let inode = |p: &str| std::fs::metadata(target.join(p)).unwrap().ino();
        let (same, kept) = (inode("same.html"), inode("kept.html"));
        let output_folder = std::fs::metadata(&target).unwrap().ino();

        let mut second = Output::in_place(&target, None).unwrap();
        second.add("same.html".into(), b"same".to_vec());
        second.keep("kept.html".into(), 7);
        second.add("edited.html".into(), b"new".to_vec());
        let mut spanish = second.under("es/");
        spanish.add("index.html".into(), b"hola".to_vec());
        second.absorb(spanish, "es/");
        // Until the build ends, the output is as it was.
        assert_eq!(std::fs::read(target.join("edited.html")).unwrap(), b"old");
        assert!(!target.join("es").exists());
        assert_eq!(
            second.write_to(&target).unwrap(),
            3,
            "edited.html and es/index.html written, gone/index.html removed"
        );
        assert_eq!(beside(dir.path()), ["output"], "no staging folder left");
        assert_eq!(std::fs::metadata(&target).unwrap().ino(), output_folder);
        assert_eq!(inode("same.html"), same, "not written again");
        assert_eq!(inode("kept.html"), kept);
        assert_eq!(std::fs::read(target.join("edited.html")).unwrap(), b"new");
        assert_eq!(
            std::fs::read(target.join("es/index.html")).unwrap(),
            b"hola"
        );
        assert!(!target.join("gone").exists(), "nor its folder, left empty");

        // The files the output holds, as the build cache lists them.
        let before = ["edited.html", "es/index.html", "kept.html", "same.html"];
        let mut third = Output::in_place(&target, Some(before.map(String::from).to_vec())).unwrap();
        for (path, bytes) in [("same.html", "same"), ("edited.html", "new")] {
            third.add(path.into(), bytes.as_bytes().to_vec());
        }
        third.keep("kept.html".into(), 7);
        assert_eq!(third.write_to(&target).unwrap(), 1, "es/index.html removed");
        assert!(!target.join("es").exists());
        assert_eq!(inode("same.html"), same);

        // A build that fails changes nothing, and a path that would escape is refused.
        let mut failed = Output::in_place(&target, None).unwrap();
        failed.add("edited.html".into(), b"newer".to_vec());
        drop(failed);
        let mut bad = Output::in_place(&target, None).unwrap();
        bad.add("../output/same.html".into(), b"same".to_vec());
        assert_refused_outside(bad, &target);
        assert_eq!(beside(dir.path()), ["output"]);
        assert_eq!(std::fs::read(target.join("edited.html")).unwrap(), b"new");
        assert_eq!(inode("same.html"), same);
    }

    #[test]
    fn a_staged_output_never_swapped_in_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let mut first = Output::default();
        first.add("a.html".into(), b"one".to_vec());
        first.write_to(&target).unwrap();
        // A build that fails after writing some files.
        let mut failed = Output::staged(&target).unwrap();
        failed.add("a.html".into(), b"two".to_vec());
        assert_eq!(beside(dir.path()).len(), 2, "staging folder made");
        drop(failed);
        assert_eq!(beside(dir.path()), ["output"]);
        assert_eq!(std::fs::read(target.join("a.html")).unwrap(), b"one");
        // A path that would escape is refused when the build ends.
        let mut bad = Output::staged(&target).unwrap();
        bad.add("../escape.html".into(), b"x".to_vec());
        bad.add("a.html".into(), b"three".to_vec());
        assert_refused_outside(bad, &target);
        assert_eq!(beside(dir.path()), ["output"]);
        assert_eq!(std::fs::read(target.join("a.html")).unwrap(), b"one");
    }
}
