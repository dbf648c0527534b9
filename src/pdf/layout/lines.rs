//! Breaking styled text into lines with the fonts' real glyph advances,
//! hyphenating long words where the language allows and cutting words wider
//! than a line.

use super::super::fonts::{FontSet, FontStyle};
use super::super::hyphenate;
use super::super::markup::{LINE_BREAK, Run};
use super::Typesetter;

/// How far a paragraph's words may be broken with a hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hyphens {
    /// Body text: to fill a wide line, or where a word is wider than its line.
    Allowed,
    /// Titles and headings: never; a word wider than the line is cut.
    Never,
}

/// Lines at least this wide (in points) may break words to avoid a large gap;
/// about 40 characters of body text.
const WIDE_MEASURE: f32 = 250.0;

impl Typesetter<'_> {
    pub(super) fn note_missing(&mut self, text: &str, style: FontStyle) {
        // The fonts draw all of printable ASCII; only other characters need a lookup.
        if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            return;
        }
        let font = self.fonts.get(style);
        self.missing
            .extend(text.chars().filter(|c| !font.has_glyph(*c)));
    }

    /// Breaks styled runs into lines no wider than `width`.
    /// Splits a one-style word at its last hyphenation point that fits in `room`
    /// with the hyphen: (head with hyphen, tail). None when there is no such point.
    #[allow(clippy::type_complexity)]
    fn hyphen_split(
        &self,
        pieces: &[(Ink, String)],
        size: f32,
        room: f32,
    ) -> Option<(Vec<(Ink, String)>, Vec<(Ink, String)>)> {
        let dictionary = self.hyphens?;
        let [(style, text)] = pieces else { return None };
        let font = self.fonts.get(style.font);
        let at = hyphenate::breaks(dictionary, text)
            .into_iter()
            .rev()
            .find(|b| font.width(&text[..*b], size) + font.width("-", size) <= room)?;
        Some((
            vec![(*style, format!("{}-", &text[..at]))],
            vec![(*style, text[at..].to_string())],
        ))
    }

    /// Breaks runs into lines; also returns the links the segments' inks point into.
    /// `hyphens` says how far words may be broken with a hyphen.
    pub(super) fn wrap(
        &mut self,
        runs: &[Run],
        size: f32,
        width: f32,
        hyphens: Hyphens,
    ) -> (Vec<Vec<Segment>>, Vec<String>) {
        // Word fragments such as "comfort-" / "able" are hard to read: words are
        // broken to fill a line only in body text across a wide measure.
        let fill_lines = hyphens == Hyphens::Allowed && width >= WIDE_MEASURE;
        let mut links = Vec::new();
        let mut lines = Vec::new();
        let mut line = LineBuilder::default();
        for word in words(runs, &mut links) {
            match word {
                Word::Break => lines.push(std::mem::take(&mut line).finish()),
                Word::Text(mut pieces) => {
                    for (style, text) in &pieces {
                        self.note_missing(text, style.font);
                    }
                    let measure = |pieces: &[(Ink, String)]| -> f32 {
                        pieces
                            .iter()
                            .map(|(s, t)| self.fonts.get(s.font).width(t, size))
                            .sum()
                    };
                    let mut word_width = measure(&pieces);
                    let space = line
                        .last_style
                        .map_or(0.0, |s| self.fonts.get(s.font).width(" ", size));
                    if !line.is_empty() && line.width + space + word_width > width {
                        // Rather than leave a large gap, break the word with a hyphen.
                        let room = width - line.width - space;
                        if fill_lines
                            && room > width * 0.25
                            && let Some((head, tail)) = self.hyphen_split(&pieces, size, room)
                        {
                            line.push_word(self.fonts, head, size);
                            pieces = tail;
                            word_width = measure(&pieces);
                        }
                        lines.push(std::mem::take(&mut line).finish());
                    }
                    // Wider than a whole line: break at hyphenation points while they help.
                    while hyphens != Hyphens::Never && line.is_empty() && word_width > width {
                        let Some((head, tail)) = self.hyphen_split(&pieces, size, width) else {
                            break;
                        };
                        line.push_word(self.fonts, head, size);
                        lines.push(std::mem::take(&mut line).finish());
                        pieces = tail;
                        word_width = measure(&pieces);
                    }
                    if line.is_empty() && word_width > width {
                        // A word wider than the line is cut where it must be.
                        for piece in split_long_word(self.fonts, &pieces, size, width) {
                            if !line.is_empty() {
                                lines.push(std::mem::take(&mut line).finish());
                            }
                            line.push_word(self.fonts, piece, size);
                        }
                    } else {
                        line.push_word(self.fonts, pieces, size);
                    }
                }
            }
        }
        if !line.is_empty() {
            lines.push(line.finish());
        }
        (lines, links)
    }
}

/// How a piece of text is drawn: its font, and the link it opens (an index into the paragraph's links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ink {
    pub(super) font: FontStyle,
    pub(super) link: Option<usize>,
}

fn link_index(links: &mut Vec<String>, href: &str) -> usize {
    links.iter().position(|l| l == href).unwrap_or_else(|| {
        links.push(href.to_string());
        links.len() - 1
    })
}

/// Text of one style at one position within a line.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    pub(super) style: Ink,
    pub(super) text: String,
    pub(super) width: f32,
}

#[derive(Default)]
struct LineBuilder {
    segments: Vec<Segment>,
    width: f32,
    last_style: Option<Ink>,
}

impl LineBuilder {
    fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    fn push_text(&mut self, fonts: &FontSet, style: Ink, text: &str, size: f32) {
        let width = fonts.get(style.font).width(text, size);
        self.width += width;
        match self.segments.last_mut() {
            Some(seg) if seg.style == style => {
                seg.text.push_str(text);
                seg.width += width;
            }
            _ => self.segments.push(Segment {
                style,
                text: text.to_string(),
                width,
            }),
        }
    }

    fn push_word(&mut self, fonts: &FontSet, pieces: Vec<(Ink, String)>, size: f32) {
        if let Some(style) = self.last_style.filter(|_| !self.is_empty()) {
            self.push_text(fonts, style, " ", size);
        }
        for (style, text) in pieces {
            self.push_text(fonts, style, &text, size);
            self.last_style = Some(style);
        }
    }

    fn finish(self) -> Vec<Segment> {
        self.segments
    }
}

enum Word {
    Text(Vec<(Ink, String)>),
    Break,
}

/// Splits runs into words (a word may change style midway, as in "**flat**.").
fn words(runs: &[Run], links: &mut Vec<String>) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Vec<(Ink, String)> = Vec::new();
    for run in runs {
        let style = Ink {
            font: FontStyle::new(run.bold, run.italic),
            link: run.link.as_ref().map(|l| link_index(links, l)),
        };
        let mut piece = String::new();
        for c in run.text.chars() {
            if c == ' ' || c == LINE_BREAK {
                if !piece.is_empty() {
                    current.push((style, std::mem::take(&mut piece)));
                }
                if !current.is_empty() {
                    words.push(Word::Text(std::mem::take(&mut current)));
                }
                if c == LINE_BREAK {
                    words.push(Word::Break);
                }
            } else {
                piece.push(c);
            }
        }
        if !piece.is_empty() {
            current.push((style, piece));
        }
    }
    if !current.is_empty() {
        words.push(Word::Text(current));
    }
    words
}

fn split_long_word(
    fonts: &FontSet,
    pieces: &[(Ink, String)],
    size: f32,
    width: f32,
) -> Vec<Vec<(Ink, String)>> {
    let mut out = Vec::new();
    let mut current: Vec<(Ink, String)> = Vec::new();
    let mut current_width = 0.0;
    for (style, text) in pieces {
        for c in text.chars() {
            let w = fonts
                .get(style.font)
                .width(c.encode_utf8(&mut [0; 4]), size);
            if current_width + w > width && current_width > 0.0 {
                out.push(std::mem::take(&mut current));
                current_width = 0.0;
            }
            match current.last_mut() {
                Some((s, t)) if s == style => t.push(c),
                _ => current.push((*style, c.to_string())),
            }
            current_width += w;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}
