//! Plain words: how hard each exercise's and condition's patient text is to read
//! (the Flesch-Kincaid grade, for English), which sentence is hardest and why, and
//! which words have a plainer form. `check` and `build` report it as warnings.

pub mod plain_words;
pub mod syllables;
pub mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::library::{Library, Markdown};
use crate::diagnostic::{Diagnostic, Position};
use plain_words::PlainWords;
use text::{Block, Sentence};

/// The limit when site.yaml sets none: the NIH's advice for patient education.
pub const DEFAULT_GRADE_MAX: u32 = 8;

/// A sentence longer than this is called long in a warning.
const LONG_SENTENCE: usize = 20;

/// A word of this many syllables or more is called long in a warning.
const LONG_WORD: usize = 3;

/// Patient text from front matter (a summary, a caution, a note) and where its value
/// starts in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub text: String,
    pub at: Position,
}

/// How one exercise or condition reads.
#[derive(Debug, Clone, Serialize)]
pub struct TextReport {
    pub path: PathBuf,
    /// "exercise" or "condition".
    pub kind: &'static str,
    pub slug: String,
    pub title: String,
    /// False for a file with `reading_check: false`.
    pub checked: bool,
    /// None where the language has no formula, or the file has no text.
    pub grade: Option<f64>,
    pub words: usize,
    pub sentences: usize,
    /// The warnings this file got from the reading check.
    pub warnings: Vec<ReportWarning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportWarning {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What the reading check found in one text. The build cache keeps these by a hash
/// of everything the text was read from, so that a file not changed since the last
/// build is not read again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub grade: Option<f64>,
    pub words: usize,
    pub sentences: usize,
    pub warnings: Vec<ReportWarning>,
}

/// Readings by the hash of what each was read from ([`check`]'s `known`).
pub type Readings = BTreeMap<u64, Reading>;

/// The reading check of a whole site.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub language: String,
    /// The formula used, or None for a language without one.
    pub formula: Option<&'static str>,
    pub grade_max: u32,
    /// In the order the files are read; [`Report::worst_first`] sorts them.
    pub texts: Vec<TextReport>,
}

impl Report {
    /// The report with its texts worst first: highest grade, then most warnings,
    /// then by path. Only a report to be shown is sorted: a build needs none.
    pub fn worst_first(mut self) -> Self {
        let grade = |t: &TextReport| {
            if t.checked {
                t.grade.unwrap_or(f64::MIN)
            } else {
                f64::MIN
            }
        };
        let mut keyed: Vec<(Vec<u8>, TextReport)> = (self.texts.into_iter())
            .map(|t| (path_order(&t.path), t))
            .collect();
        keyed.sort_by(|(a_path, a), (b_path, b)| {
            grade(b)
                .total_cmp(&grade(a))
                .then(b.warnings.len().cmp(&a.warnings.len()))
                .then(a_path.cmp(b_path))
        });
        self.texts = keyed.into_iter().map(|(_, t)| t).collect();
        self
    }

    /// How many texts read above the limit.
    pub fn above_limit(&self) -> usize {
        self.texts
            .iter()
            .filter(|t| t.checked && t.grade.is_some_and(|g| g > self.grade_max as f64))
            .count()
    }
}

/// The reading formula for a content language, if there is one.
pub fn formula_for(language: &str) -> Option<&'static str> {
    let base = language.split(['-', '_']).next().unwrap_or(language);
    base.eq_ignore_ascii_case("en")
        .then_some("Flesch-Kincaid grade")
}

/// One file's patient text: what to read, and where it is.
struct Source<'a> {
    path: &'a std::path::Path,
    kind: &'static str,
    slug: &'a str,
    title: &'a str,
    checked: bool,
    text: &'a str,
    passages: &'a [Passage],
    body: &'a Markdown,
}

/// Reads every exercise's and condition's patient text. Returns the report, its
/// warnings (a reading check never makes an error) and every text's reading, by the
/// hash of what it was read from. A text whose hash is in `known` (the last build's
/// readings) is not read again.
pub fn check(
    library: &Library,
    words: Option<&PlainWords>,
    known: &Readings,
) -> (Report, Vec<Diagnostic>, Readings) {
    let language = library.site.language.clone();
    let formula = formula_for(&language);
    let grade_max = library.site.reading_grade_max;
    let exercises = library.exercises.values().map(|e| Source {
        path: &e.source,
        kind: "exercise",
        slug: &e.slug,
        title: &e.title,
        checked: e.reading_check,
        text: &e.source_text,
        passages: &e.passages,
        body: &e.body,
    });
    let conditions = library.conditions.values().map(|c| Source {
        path: &c.source,
        kind: "condition",
        slug: &c.slug,
        title: &c.title,
        checked: c.reading_check,
        text: &c.source_text,
        passages: &c.passages,
        body: &c.body,
    });
    // Each file is read on its own: in parallel, kept in order.
    use rayon::prelude::*;
    let sources: Vec<Source> = exercises.chain(conditions).collect();
    let graded = formula.is_some();
    let read: Vec<(u64, Reading, TextReport)> = sources
        .par_iter()
        .map(|source| {
            let key = reading_key(source, graded, grade_max, words);
            let reading = match known.get(&key) {
                Some(reading) => reading.clone(),
                None => read_one(source, graded, grade_max, words),
            };
            let text = TextReport {
                path: source.path.to_path_buf(),
                kind: source.kind,
                slug: source.slug.to_string(),
                title: source.title.to_string(),
                checked: source.checked,
                grade: reading.grade,
                words: reading.words,
                sentences: reading.sentences,
                warnings: reading.warnings.clone(),
            };
            (key, reading, text)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut texts = Vec::with_capacity(read.len());
    let mut readings = Vec::with_capacity(read.len());
    for (key, reading, text) in read {
        diagnostics.extend(
            text.warnings.iter().map(|w| {
                Diagnostic::warning(&text.path, Position::new(w.line, w.column), &w.message)
            }),
        );
        texts.push(text);
        readings.push((key, reading));
    }
    let report = Report {
        language,
        formula,
        grade_max,
        texts,
    };
    (report, diagnostics, readings.into_iter().collect())
}

/// `path` as bytes that sort as paths do: its components joined by a NUL, which
/// no name holds and every byte sorts after. Comparing paths themselves goes
/// component by component, which at 10,000 texts was most of the check's time.
fn path_order(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len());
    for (i, component) in path.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(component.as_os_str().as_encoded_bytes());
    }
    key
}

/// A hash of everything [`read_one`] reads `source` from and by; the program's own
/// version is the build cache's concern.
fn reading_key(source: &Source, graded: bool, grade_max: u32, words: Option<&PlainWords>) -> u64 {
    let passages: Vec<(&str, usize, usize)> = source
        .passages
        .iter()
        .map(|p| (p.text.as_str(), p.at.line, p.at.col))
        .collect();
    crate::build::cache::hash_of((
        source.text,
        passages,
        &source.body.text,
        source.body.first_line,
        source.checked,
        graded,
        grade_max,
        words.map(|w| w.fingerprint),
    ))
}

fn read_one(source: &Source, graded: bool, grade_max: u32, words: Option<&PlainWords>) -> Reading {
    let lines = LineStarts::new(source.text);
    let mut blocks: Vec<Block> = source
        .passages
        .iter()
        .map(|p| Block {
            text: p.text.clone(),
            from: lines.offset(p.at),
        })
        .collect();
    // The body is the end of the file; where it starts, its offsets begin.
    let body_start = if source.text.ends_with(&source.body.text) {
        source.text.len() - source.body.text.len()
    } else {
        lines.offset(Position::new(source.body.first_line, 1))
    };
    blocks.extend(text::markdown_blocks(&source.body.text, body_start));
    let mut sentences = Vec::new();
    // The block each sentence was cut from.
    let mut cut_from = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        text::sentences(block, source.text, &mut sentences);
        cut_from.resize(sentences.len(), b);
    }
    let word_count: usize = sentences.iter().map(|s| s.words.len()).sum();
    let syllables: usize = sentences.iter().map(Sentence::syllables).sum();
    let grade = (graded && word_count > 0)
        .then(|| round1(text::grade(word_count, sentences.len(), syllables)));
    let mut warnings = Vec::new();
    let mut warn = |at: Position, message: String| {
        warnings.push(ReportWarning {
            line: at.line,
            column: at.col,
            message,
        })
    };
    if source.checked {
        if let Some(grade) = grade
            && grade > grade_max as f64
            && let Some((i, hardest)) = sentences.iter().enumerate().max_by(|(_, a), (_, b)| {
                a.grade()
                    .total_cmp(&b.grade())
                    .then(std::cmp::Ordering::Greater)
            })
        {
            let written = hardest.text(&blocks[cut_from[i]]);
            warn(
                lines.position(hardest.words[0].at),
                too_hard(grade, grade_max, hardest, &written),
            );
        }
        for sentence in &sentences {
            for hit in words.map(|w| w.find(&sentence.words)).unwrap_or_default() {
                warn(
                    lines.position(hit.at),
                    format!(
                        "\"{}\" is a word many patients do not know; did you mean \"{}\"? (plain words help every reader; `reading_check: false` turns this off for a file)",
                        hit.written, hit.plain
                    ),
                );
            }
        }
    }
    Reading {
        grade,
        words: word_count,
        sentences: sentences.len(),
        warnings,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The warning for a text above the limit: its grade, and its hardest sentence
/// (`written` as it reads) with what makes that sentence hard.
fn too_hard(grade: f64, grade_max: u32, hardest: &Sentence, written: &str) -> String {
    let mut shown: String = written.chars().take(90).collect();
    if shown.len() < written.len() {
        shown.push('…');
    }
    let mut why = Vec::new();
    if hardest.words.len() > LONG_SENTENCE {
        why.push(format!(
            "it is long ({} words; aim for 15 or fewer)",
            hardest.words.len()
        ));
    }
    let mut long: Vec<&str> = Vec::new();
    for word in &hardest.words {
        if word.syllables >= LONG_WORD && !long.contains(&word.text.as_str()) {
            long.push(&word.text);
        }
    }
    if !long.is_empty() {
        why.push(format!(
            "it has long words ({})",
            long.iter().take(6).copied().collect::<Vec<_>>().join(", ")
        ));
    }
    let why = if why.is_empty() {
        String::new()
    } else {
        format!(": {}", why.join(" and "))
    };
    format!(
        "this text reads at grade {grade:.1}, above the site's limit of {grade_max} (reading_grade_max); the hardest sentence, at grade {:.1}, is \"{shown}\"{why}. Shorter sentences and shorter words bring the grade down",
        round1(hardest.grade())
    )
}

/// Where each line of a file starts, to turn byte offsets into lines and columns.
struct LineStarts<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineStarts<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineStarts { text, starts }
    }

    /// The byte offset of a 1-based line and column (columns count characters).
    fn offset(&self, at: Position) -> usize {
        let Some(&start) = self.starts.get(at.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        start
            + line
                .char_indices()
                .nth(at.col.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
    }

    fn position(&self, offset: usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        Position::new(line, col)
    }
}

/// The report as a table, worst first, for `handout check --report`.
pub fn table(report: &Report) -> String {
    let mut out = String::new();
    let formula = report.formula.map_or_else(
        || {
            format!(
                "no reading formula for language \"{}\"; grades are not measured",
                report.language
            )
        },
        |f| format!("{f}, limit {}", report.grade_max),
    );
    out.push_str(&format!("Reading level ({formula})\n"));
    out.push_str(&format!(
        "{:>6}  {:>6}  {:>8}  {}\n",
        "grade", "words", "warnings", "file"
    ));
    for t in &report.texts {
        let grade = match (t.checked, t.grade) {
            (false, _) => "off".to_string(),
            (true, Some(g)) => format!("{g:.1}"),
            (true, None) => "-".to_string(),
        };
        let mark = if t.checked && t.grade.is_some_and(|g| g > report.grade_max as f64) {
            "  (above the limit)"
        } else {
            ""
        };
        out.push_str(&format!(
            "{grade:>6}  {:>6}  {:>8}  {}{mark}\n",
            t.words,
            t.warnings.len(),
            t.path.display()
        ));
    }
    out.push_str(&format!(
        "{} of {} text(s) above the limit\n",
        report.above_limit(),
        report.texts.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_order_sorts_as_paths_do() {
        let names = [
            "content/exercises/a-b.md",
            "content/exercises/a/b.md",
            "content/exercises/a.md",
            "content/exercises/a",
            "content/exercises.md",
            "content/conditions/z.md",
            "content/exercises/A.md",
            "content/exercises/ä.md",
        ];
        let mut by_path: Vec<&Path> = names.iter().map(Path::new).collect();
        by_path.sort();
        let mut by_key = by_path.clone();
        by_key.reverse();
        by_key.sort_by_key(|p| path_order(p));
        assert_eq!(by_key, by_path);
    }

    #[test]
    fn offsets_and_positions_agree() {
        let text = "---\ntitle: Bridge\nsummary: Lift your hips.\n---\nBody é text\n";
        let lines = LineStarts::new(text);
        let at = lines.offset(Position::new(3, 10));
        assert_eq!(&text[at..at + 4], "Lift");
        assert_eq!(lines.position(at), Position::new(3, 10));
        let t = text.find("text").unwrap();
        assert_eq!(
            lines.position(t),
            Position::new(5, 8),
            "columns count characters"
        );
    }
}
