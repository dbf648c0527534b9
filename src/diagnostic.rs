//! Problems found in a site's files, each pointing at a file, line and column.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a source file, counted from the top of the file.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, col: 1 };

    pub fn new(line: usize, col: usize) -> Self {
        Position {
            line: line.max(1),
            col: col.max(1),
        }
    }
}

/// One problem with the input, shown as `path:line:col: error: message`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The path as the user should see it (relative to where they ran the command).
    pub path: PathBuf,
    pub pos: Position,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, pos: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            pos,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: impl AsRef<Path>, pos: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    /// An error in what was given on the command line: no file to point at.
    pub fn command_line(message: impl Into<String>) -> Self {
        Diagnostic::error("", Position::START, message)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.path.as_os_str().is_empty() {
            return write!(f, "{label}: {}", printable(&self.message));
        }
        write!(
            f,
            "{}:{}:{}: {}: {}",
            printable(&self.path.display().to_string()),
            self.pos.line,
            self.pos.col,
            label,
            printable(&self.message)
        )
    }
}

/// Text quoted from content with its control characters written out (`\n`, `\u{1b}`),
/// so one problem is always one line and nothing from a file can move the terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => "\\n".to_string(),
                '\t' => "\\t".to_string(),
                '\r' => "\\r".to_string(),
                c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
                c => c.to_string(),
            })
            .collect(),
    )
}

/// Sorts problems and drops repeats (the same template error met by many pages).
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    sort(diagnostics);
    diagnostics.dedup();
}

/// Sorts diagnostics by file, then position, so output is stable whatever order they were found in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
    });
}

/// ` (did you mean "x"?)` after an unknown value, when a candidate is close;
/// otherwise the text `otherwise` makes (a list of what is known, or nothing).
pub fn value_hint<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    match did_you_mean(word, candidates) {
        Some(s) => format!(" (did you mean \"{s}\"?)"),
        None => otherwise(),
    }
}

/// [`value_hint`] for a field's name, which messages write in backticks.
pub fn field_hint<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    match did_you_mean(word, candidates) {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => otherwise(),
    }
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, c), c))
        .filter(|(d, c)| {
            *d <= (c.len() / 3).max(1) || c.replace('-', "_") == word.replace('-', "_")
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_cannot_break_the_line_or_move_the_terminal() {
        let d = Diagnostic::error(
            "content/exercises/a.md",
            Position::new(2, 3),
            "unknown region \"x\u{1b}[2J\ny\" (did you mean \"hip\"?)",
        );
        let line = d.to_string();
        assert_eq!(
            line,
            "content/exercises/a.md:2:3: error: unknown region \"x\\u{1b}[2J\\ny\" (did you mean \"hip\"?)"
        );
        assert!(!line.chars().any(char::is_control));
    }

    #[test]
    fn formats_like_a_compiler() {
        let d = Diagnostic::error("content/exercises/bridge.md", Position::new(4, 9), "bad");
        assert_eq!(d.to_string(), "content/exercises/bridge.md:4:9: error: bad");
    }

    #[test]
    fn suggests_near_misses_only() {
        let regions = ["lower-back", "hip", "knee"];
        assert_eq!(did_you_mean("lower_back", regions), Some("lower-back"));
        assert_eq!(did_you_mean("kne", regions), Some("knee"));
        assert_eq!(did_you_mean("elbow", regions), None);
    }
}
