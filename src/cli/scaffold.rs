//! `handout init` and `handout new`: starter files that build at once.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::validate::slugify;

const SITE: &str = include_str!("starter/site.yaml");
const BRIDGE: &str = include_str!("starter/bridge.md");
const KNEE_TO_CHEST: &str = include_str!("starter/knee-to-chest.md");
const CONDITION: &str = include_str!("starter/low-back-pain.md");
const NEW_EXERCISE: &str = include_str!("starter/new-exercise.md");
const NEW_CONDITION: &str = include_str!("starter/new-condition.md");

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0} already exists and is not empty; choose a new folder")]
    NotEmpty(PathBuf),
    #[error("{0} already exists; choose another title or edit that file")]
    Exists(PathBuf),
    #[error("the title must contain at least one letter or digit")]
    EmptyTitle,
    #[error("no content/ folder in {0}: run `handout init DIR` first, or pass --root DIR")]
    NotASite(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ScaffoldError + '_ {
    move |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `contents` to a new file, never replacing an existing one.
fn create(path: &Path, contents: &str) -> Result<(), ScaffoldError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_path_buf()),
            _ => io(path)(e),
        })?;
    file.write_all(contents.as_bytes()).map_err(io(path))
}

/// Creates a starter site in `dir`: site.yaml, two exercises and one condition. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() && std::fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    let files = [
        ("content/site.yaml", SITE),
        ("content/exercises/bridge.md", BRIDGE),
        ("content/exercises/knee-to-chest.md", KNEE_TO_CHEST),
        ("content/conditions/low-back-pain.md", CONDITION),
        (
            ".gitignore",
            "/output/\n/.output.spare/\n/.output.handout-cache.json\n/.output.handout-yaml.bin\n/.output.lock\n",
        ),
    ];
    let mut written = Vec::new();
    for (relative, contents) in files {
        let path = dir.join(relative);
        create(&path, contents)?;
        written.push(path);
    }
    Ok(written)
}

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Exercise,
    Condition,
}

/// Writes a new exercise or condition file with every field present and explained.
pub fn new_file(root: &Path, kind: Kind, title: &str) -> Result<PathBuf, ScaffoldError> {
    if !root.join("content").is_dir() {
        return Err(ScaffoldError::NotASite(root.to_path_buf()));
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptyTitle);
    }
    let (folder, template) = match kind {
        Kind::Exercise => ("exercises", NEW_EXERCISE),
        Kind::Condition => ("conditions", NEW_CONDITION),
    };
    let path = root.join("content").join(folder).join(format!("{slug}.md"));
    let quoted = serde_yaml::to_string(title).unwrap_or_else(|_| format!("\"{title}\"\n"));
    create(&path, &template.replace("\"{{title}}\"", quoted.trim_end()))?;
    Ok(path)
}
