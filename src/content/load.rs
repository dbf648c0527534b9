//! Reads a site's content files from disk: safely (no escaping the site folder,
//! no following symlink loops, no huge or non-UTF-8 files) and without judging
//! their fields yet.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde_yaml::{Mapping, Value};
use walkdir::WalkDir;

use crate::content::files::{MEMORY_ROOT, MemoryFiles, SiteFiles};
use crate::content::frontmatter;
use crate::content::yaml_cache::{self, YamlCache};
use crate::content::yaml_positions::YamlPositions;
use crate::diagnostic::{Diagnostic, Position};

/// Content files larger than this are refused: no real exercise comes close.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where a site lives, and how to show its paths to the user.
#[derive(Debug, Clone, Default)]
pub struct SiteRoot {
    /// The folder as given (used to show paths).
    pub given: PathBuf,
    /// The same folder, canonical (used to check that nothing escapes it).
    pub canonical: PathBuf,
    /// Where its files are read from.
    pub files: SiteFiles,
}

impl SiteRoot {
    pub fn new(given: &Path) -> std::io::Result<Self> {
        Ok(SiteRoot {
            given: given.to_path_buf(),
            canonical: given.canonicalize()?,
            files: SiteFiles::Disk,
        })
    }

    /// A site held in memory, as the program builder gets it: paths are shown
    /// relative to the site folder, as `content/exercises/bridge.md`.
    pub fn in_memory(files: MemoryFiles) -> Self {
        SiteRoot {
            given: PathBuf::new(),
            canonical: PathBuf::from(MEMORY_ROOT),
            files: SiteFiles::Memory(Arc::new(files)),
        }
    }

    /// A path inside the site as the user should see it in messages.
    pub fn display(&self, relative: &Path) -> PathBuf {
        if self.given == Path::new(".") || self.given.as_os_str().is_empty() {
            relative.to_path_buf()
        } else {
            self.given.join(relative)
        }
    }

    pub fn content_dir(&self) -> PathBuf {
        self.canonical.join("content")
    }

    /// Resolves `target` (relative to the folder `base`, both inside the site) and
    /// checks that the result, symlinks followed, stays inside the site folder.
    pub fn resolve_inside(&self, base: &Path, target: &str) -> Result<PathBuf, String> {
        let target_path = Path::new(target);
        if target_path.is_absolute() || target.contains('\\') {
            return Err(format!(
                "`{target}` must be a relative path like \"images/bridge.png\""
            ));
        }
        let mut joined = base.to_path_buf();
        for part in target_path.components() {
            match part {
                Component::Normal(p) => joined.push(p),
                Component::ParentDir => {
                    joined.pop();
                }
                Component::CurDir => {}
                _ => return Err(format!("`{target}` must be a relative path")),
            }
        }
        if !joined.starts_with(&self.canonical) {
            return Err(format!("`{target}` points outside the site folder"));
        }
        if let SiteFiles::Memory(_) = self.files {
            // A bundle holds files only: no links to follow.
            return match self.files.is_file(&joined) {
                true => Ok(joined),
                false => Err(format!(
                    "file not found: {}",
                    self.display(self.relative(&joined)).display()
                )),
            };
        }
        let real = joined.canonicalize().map_err(|_| {
            format!(
                "file not found: {}",
                self.display(self.relative(&joined)).display()
            )
        })?;
        if !real.starts_with(&self.canonical) {
            return Err(format!(
                "`{target}` links to a file outside the site folder"
            ));
        }
        if !real.is_file() {
            return Err(format!("`{target}` is not a file"));
        }
        Ok(real)
    }

    /// Whether `path`, with every symlink followed, is inside `folder` (a canonical path).
    pub fn links_inside(path: &Path, folder: &Path) -> bool {
        path.canonicalize().is_ok_and(|p| p.starts_with(folder))
    }

    /// A path inside the site relative to the site folder, from either its canonical
    /// form or the form shown to the user ([`SiteRoot::display`]).
    pub fn inside<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        if let Ok(inside) = path.strip_prefix(&self.canonical) {
            return Some(inside);
        }
        if self.given == Path::new(".") || self.given.as_os_str().is_empty() {
            return path.is_relative().then_some(path);
        }
        path.strip_prefix(&self.given).ok()
    }

    pub fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.canonical).unwrap_or(path)
    }
}

/// One content file, read and split, not yet validated.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Absolute, canonical path.
    pub path: PathBuf,
    /// As shown in messages.
    pub display: PathBuf,
    /// File name without `.md`.
    pub stem: String,
    pub fields: Mapping,
    pub positions: YamlPositions,
    /// The front matter's key in the [`YamlCache`].
    pub yaml_key: u64,
    pub body: String,
    pub body_line: usize,
    pub modified: u64,
    /// The whole file as read.
    pub text: String,
}

/// Reads one file from disk as UTF-8 text, with a size limit and a precise error
/// for bad bytes. Returns the text and when the file last changed.
pub fn read_text(path: &Path, display: &Path) -> Result<(String, u64), Diagnostic> {
    read_text_from(&SiteFiles::Disk, path, display)
}

/// [`read_text`] from wherever the site's files are.
pub fn read_text_from(
    files: &SiteFiles,
    path: &Path,
    display: &Path,
) -> Result<(String, u64), Diagnostic> {
    let err = |pos, msg: String| Diagnostic::error(display, pos, msg);
    let (len, modified) = files
        .stat(path)
        .map_err(|e| err(Position::START, format!("cannot read file: {e}")))?;
    if len > MAX_FILE_BYTES {
        return Err(err(
            Position::START,
            format!(
                "file is {} KiB; content files must be under {} KiB",
                len / 1024,
                MAX_FILE_BYTES / 1024
            ),
        ));
    }
    let bytes = files
        .read(path)
        .map_err(|e| err(Position::START, format!("cannot read file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => match stray_control(&text) {
            None => Ok((text, modified)),
            Some((pos, c)) => Err(err(
                pos,
                format!(
                    "the file holds an invisible control character (U+{:04X}{}) that cannot be printed; delete it (it often comes from pasting out of a word processor)",
                    c as u32,
                    control_name(c)
                ),
            )),
        },
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(err(
                Position::new(line, col),
                "file is not valid UTF-8 text; save it with UTF-8 encoding".into(),
            ))
        }
    }
}

/// The first control character other than tab and line ends, with where it is.
fn stray_control(text: &str) -> Option<(Position, char)> {
    let at = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((Position::new(line, col), text[at..].chars().next()?))
}

fn control_name(c: char) -> &'static str {
    match c {
        '\u{0}' => ", a null byte",
        '\u{7}' => ", a bell",
        '\u{8}' => ", a backspace",
        '\u{b}' => ", a vertical tab",
        '\u{c}' => ", a page break",
        '\u{1b}' => ", an escape",
        _ => "",
    }
}

/// serde_yaml's message without its trailing " at line L column C", which we print our own way.
fn yaml_message(e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Parses YAML text that starts on `first_line` of a file into a mapping and its positions.
pub fn parse_yaml(
    yaml: &str,
    first_line: usize,
    display: &Path,
) -> Result<(Mapping, YamlPositions), Diagnostic> {
    // Nesting is checked first, in one linear pass, so that no later walk of the
    // document (serde_yaml's included) ever sees a runaway depth.
    let positions = YamlPositions::read(yaml, first_line)
        .map_err(|deep| Diagnostic::error(display, deep.at, deep.message()))?;
    if yaml.trim().is_empty() {
        return Ok((Mapping::new(), positions));
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(m)) => Ok((m, positions)),
        Ok(Value::Null) => Ok((Mapping::new(), positions)),
        Ok(other) => Err(Diagnostic::error(
            display,
            positions.start(),
            format!(
                "the front matter must be fields like `title: Bridge`, not {}",
                crate::content::fields::describe(&other)
            ),
        )),
        Err(e) => {
            let pos = e.location().map_or(positions.start(), |l| {
                Position::new(l.line() + first_line - 1, l.column())
            });
            Err(Diagnostic::error(
                display,
                pos,
                format!("invalid YAML: {}", yaml_message(&e)),
            ))
        }
    }
}

/// Reads and splits one content file; its front matter comes from `known` when
/// an earlier build parsed the same text.
pub fn read_content_file(
    files: &SiteFiles,
    path: &Path,
    display: PathBuf,
    known: &YamlCache,
) -> Result<ContentFile, Diagnostic> {
    let (text, modified) = read_text_from(files, path, &display)?;
    let split = frontmatter::split(&text)
        .map_err(|e| Diagnostic::error(&display, Position::new(e.line(), 1), e.message()))?;
    let yaml_key = yaml_cache::key(split.yaml, split.yaml_line);
    let (fields, positions) = match known.get(yaml_key) {
        Some(parsed) => parsed,
        None => parse_yaml(split.yaml, split.yaml_line, &display)?,
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(ContentFile {
        path: path.to_path_buf(),
        stem,
        fields,
        positions,
        yaml_key,
        body: split.body.to_string(),
        body_line: split.body_line,
        modified,
        display,
        text,
    })
}

/// The content files a long-running process (`serve`) read in its last build, with
/// the stamps they had then: a file whose stamp is the same is taken again rather
/// than read and parsed again.
#[derive(Default)]
pub struct Recall {
    /// By folder read (`exercises`, `conditions`), its files in walk order.
    folders: std::collections::BTreeMap<String, Vec<Recalled>>,
}

struct Recalled {
    /// Its path inside content/, which orders the files as a walk does.
    inside: Arc<Path>,
    /// [`SiteFiles::stamp`] just before the file was read.
    stamp: u64,
    file: Arc<ContentFile>,
    /// Its front matter encoded for the [`YamlCache`], when it could be.
    parsed: Option<Arc<[u8]>>,
}

impl Recall {
    pub fn len(&self) -> usize {
        self.folders.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a build that remembers (`serve`) knows of content/ as it starts, before it
/// reads any file: kept up to date by a watcher, so that a load need not walk the
/// folders and look at each file again.
pub trait Listed {
    /// The `.md` files a walk of `content/<folder>` finds (hidden ones left out),
    /// each by its path inside content/ with its [`SiteFiles::stamp`], in the order
    /// of the walk; None when the listing cannot say just what the walk would (a
    /// link in the folder, which the walk checks).
    fn markdown_in(&self, folder: &str) -> Option<Vec<(&Path, u64)>>;
}

/// A file a load is to take: its path inside content/, and its stamp when known.
type Found<'a> = (std::borrow::Cow<'a, Path>, Option<u64>);

/// Every `.md` file under `content/<folder>`, sorted by path. Missing folder: no
/// files. Front matter parsed by an earlier build is taken from `known`; every
/// file's goes into `parsed`, for the next build. With `recall` (what the last load
/// recalled, what this one does, and what is listed now), files unchanged since are
/// taken from the first, and every file read goes into the second.
pub fn read_folder(
    root: &SiteRoot,
    folder: &str,
    known: &YamlCache,
    parsed: &mut YamlCache,
    diagnostics: &mut Vec<Diagnostic>,
    recall: Option<(&Recall, &mut Recall, Option<&dyn Listed>)>,
) -> Vec<Arc<ContentFile>> {
    let content = root.content_dir();
    let dir = content.join(folder);
    if !root.files.is_dir(&dir) {
        return Vec::new();
    }
    let inside = |path: PathBuf| match path.strip_prefix(&content) {
        Ok(inside) => inside.to_path_buf(),
        Err(_) => path,
    };
    let listed = recall
        .as_ref()
        .and_then(|(_, _, l)| l.as_ref()?.markdown_in(folder));
    let found: Vec<Found> = match (listed, &root.files) {
        (Some(listed), _) => (listed.into_iter())
            .map(|(path, stamp)| (path.into(), Some(stamp)))
            .collect(),
        (None, SiteFiles::Memory(memory)) => memory
            .under(&dir)
            .filter(|path| {
                let hidden = path
                    .strip_prefix(&dir)
                    .is_ok_and(|p| p.iter().any(|c| c.to_string_lossy().starts_with('.')));
                is_markdown(path) && !hidden
            })
            .map(|path| (inside(path.to_path_buf()).into(), None))
            .collect(),
        (None, SiteFiles::Disk) => (walk_folder(root, &dir, folder, diagnostics).into_iter())
            .map(|path| (inside(path).into(), None))
            .collect(),
    };
    // The last load's file at the same path, if any: both lists are in walk order.
    let last = recall.as_ref().map_or(&[][..], |(last, ..)| {
        last.folders.get(folder).map_or(&[][..], Vec::as_slice)
    });
    let mut next = 0;
    let found: Vec<(Found, Option<&Recalled>)> = (found.into_iter())
        .map(|(path, stamp)| {
            while last.get(next).is_some_and(|r| *r.inside < *path) {
                next += 1;
            }
            let same = last.get(next).filter(|r| *r.inside == *path);
            ((path, stamp), same)
        })
        .collect();
    // Reading and parsing are independent per file: done in parallel, kept in order.
    use rayon::prelude::*;
    let remember = recall.is_some();
    let read: Vec<_> = found
        .into_par_iter()
        .map(|((path_inside, stamp), same)| {
            // Looked at before reading: a change while it is read changes the stamp.
            let stamp = match (stamp, remember) {
                (Some(stamp), _) => Some(stamp),
                (None, true) => root.files.stamp(&content.join(&path_inside)),
                (None, false) => None,
            };
            if let Some(same) = same.filter(|r| Some(r.stamp) == stamp) {
                let file = Arc::clone(&same.file);
                let inside = Arc::clone(&same.inside);
                return Ok((inside, file, same.parsed.clone(), stamp));
            }
            let path = content.join(&path_inside);
            let display = root.display(&Path::new("content").join(&path_inside));
            let file = read_content_file(&root.files, &path, display, known)?;
            let entry = match known.bytes(file.yaml_key) {
                Some(bytes) => Some(Arc::clone(bytes)),
                None => yaml_cache::encode(&file.fields, &file.positions).map(Arc::from),
            };
            Ok((Arc::from(&*path_inside), Arc::new(file), entry, stamp))
        })
        .collect();
    let mut files = Vec::new();
    let mut recalled = Vec::new();
    for result in read {
        match result {
            Ok((inside, file, entry, stamp)) => {
                if let Some(bytes) = &entry {
                    parsed.insert(file.yaml_key, Arc::clone(bytes));
                }
                if let Some(stamp) = stamp.filter(|_| remember) {
                    recalled.push(Recalled {
                        inside,
                        stamp,
                        file: Arc::clone(&file),
                        parsed: entry,
                    });
                }
                files.push(file)
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if let Some((_, next, _)) = recall {
        next.folders.insert(folder.to_string(), recalled);
    }
    files
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
}

/// The `.md` files under `dir` on disk, sorted; hidden files and links that lead
/// out of the folder are skipped (the latter with an error).
fn walk_folder(
    root: &SiteRoot,
    dir: &Path,
    folder: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| root.display(root.relative(p)))
                    .unwrap_or_else(|| dir.to_path_buf());
                let message = if e.loop_ancestor().is_some() {
                    "symlink loop: this folder links back to one of its parents; remove the link"
                        .to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error().map_or(e.to_string(), |io| io.to_string())
                    )
                };
                diagnostics.push(Diagnostic::error(at, Position::START, message));
                continue;
            }
        };
        // A link may point anywhere; only follow it if it stays inside this folder.
        if entry.path_is_symlink() && !SiteRoot::links_inside(entry.path(), dir) {
            let display = root.display(root.relative(entry.path()));
            diagnostics.push(Diagnostic::error(
                display,
                Position::START,
                format!(
                    "this links to something outside content/{folder}/; copy the file here instead"
                ),
            ));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() || !is_markdown(entry.path()) {
            continue;
        }
        found.push(entry.into_path());
    }
    found
}

/// Everything a site's content folder holds, read and split but not yet judged:
/// the first step of a build.
pub struct Loaded {
    /// content/site.yaml: its fields, their positions, when it last changed.
    pub site_file: (Mapping, YamlPositions, u64),
    /// content/site.yaml as written.
    pub site_text: String,
    pub exercise_files: Vec<Arc<ContentFile>>,
    pub condition_files: Vec<Arc<ContentFile>>,
    /// Every exercise file there is, read or not: a condition listing one that could
    /// not be read need not say so again, as the file has its own error.
    pub exercise_stems: std::collections::BTreeSet<String>,
    /// Problems met while reading (warnings, and errors that stop nothing else).
    pub diagnostics: Vec<Diagnostic>,
    /// Every exercise and condition file's parsed front matter, for the next build.
    pub parsed: YamlCache,
}

/// Reads site.yaml and every exercise and condition file. Fails only when there is
/// no site to read at all. Front matter an earlier build parsed comes from `known`.
pub fn load_site(root: &SiteRoot, known: &YamlCache) -> Result<Loaded, Vec<Diagnostic>> {
    load_site_recalling(root, known, None)
}

/// [`load_site`]; with `recall`, the files unchanged since it saw them are taken
/// from it, and it is left holding the files this load read.
pub fn load_site_recalling(
    root: &SiteRoot,
    known: &YamlCache,
    mut recall: Option<(&mut Recall, Option<&dyn Listed>)>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let content = root.content_dir();
    let site_display = root.display(Path::new("content/site.yaml"));
    if !root.files.is_dir(&content) {
        let at = root.display(Path::new("content"));
        diagnostics.push(Diagnostic::error(
            at,
            Position::START,
            "no content/ folder here: run `handout init DIR` to start a site, or pass --root DIR",
        ));
        return Err(diagnostics);
    }
    let (site_file, site_text) = match read_site_file(root, &site_display) {
        Ok(read) => read,
        Err(d) => {
            diagnostics.push(d);
            return Err(diagnostics);
        }
    };
    let before = diagnostics.len();
    let mut parsed = YamlCache::new();
    let last = (recall.as_mut())
        .map(|(r, _)| std::mem::take(*r))
        .unwrap_or_default();
    let exercise_files = read_folder(
        root,
        "exercises",
        known,
        &mut parsed,
        &mut diagnostics,
        recall
            .as_mut()
            .map(|(r, listed)| (&last, &mut **r, *listed)),
    );
    // Every exercise file there is, read or not: a condition listing one that could not
    // be read need not say so again, as the file has its own error.
    let exercise_stems: std::collections::BTreeSet<String> = exercise_files
        .iter()
        .map(|f| f.stem.clone())
        .chain(diagnostics[before..].iter().filter_map(|d| {
            let is_md = d.path.extension().is_some_and(|x| x == "md");
            is_md.then(|| d.path.file_stem()?.to_str().map(str::to_string))?
        }))
        .collect();
    let condition_files = read_folder(
        root,
        "conditions",
        known,
        &mut parsed,
        &mut diagnostics,
        recall.map(|(r, listed)| (&last, r, listed)),
    );
    crate::build::plan::drop_aside(last);
    if exercise_files.is_empty() && !root.files.is_dir(&content.join("exercises")) {
        diagnostics.push(Diagnostic::error(
            root.display(Path::new("content/exercises")),
            Position::START,
            "no content/exercises/ folder: add one with an exercise file (try `handout new exercise \"Bridge\"`)",
        ));
    }

    Ok(Loaded {
        site_file,
        site_text,
        exercise_files,
        condition_files,
        exercise_stems,
        diagnostics,
        parsed,
    })
}

type SiteFile = ((Mapping, YamlPositions, u64), String);

fn read_site_file(root: &SiteRoot, display: &Path) -> Result<SiteFile, Diagnostic> {
    let path = root.content_dir().join("site.yaml");
    if !root.files.is_file(&path) {
        return Err(Diagnostic::error(
            display,
            Position::START,
            "content/site.yaml is missing: it names the clinic and the site (see `handout init`)",
        ));
    }
    let (text, modified) = read_text_from(&root.files, &path, display)?;
    let (map, positions) = parse_yaml(&text, 1, display)?;
    Ok(((map, positions, modified), text))
}
