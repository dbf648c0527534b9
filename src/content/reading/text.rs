//! Patient text cut into sentences and words, each word found again in its file,
//! and the Flesch-Kincaid grade of what they make.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::syllables;

/// A word as written, where it starts in its file (a byte offset), and its syllables.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub at: usize,
    pub syllables: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub words: Vec<Word>,
    /// Where the sentence is in its block's text.
    pub span: std::ops::Range<usize>,
}

impl Sentence {
    /// The sentence as written in `block` (the one it was cut from), with spaces
    /// made single. Only a warning shows it, so it is not kept for every sentence.
    pub fn text(&self, block: &Block) -> String {
        let written = block.text.get(self.span.clone()).unwrap_or_default();
        let mut text = String::with_capacity(written.len());
        for word in written.split_whitespace() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        text
    }

    pub fn syllables(&self) -> usize {
        self.words.iter().map(|w| w.syllables).sum()
    }

    /// This sentence's grade on its own.
    pub fn grade(&self) -> f64 {
        grade(self.words.len(), 1, self.syllables())
    }
}

/// The Flesch-Kincaid grade (Kincaid et al., 1975): the US school grade whose
/// pupils can read a text with these counts.
pub fn grade(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 0.0;
    }
    0.39 * (words as f64 / sentences as f64) + 11.8 * (syllables as f64 / words as f64) - 15.59
}

/// A stretch of text that ends a sentence where it ends (a field's value, a
/// paragraph, a list item), and where in the file to start looking for its words.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    pub from: usize,
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &["dr", "mr", "mrs", "ms", "st", "vs", "approx", "no"];

/// Cuts a block into sentences. Each word is looked for in `source` from the block's
/// start on, in order, so that a warning can point at it; a word not found there (an
/// escape changed it) points where the previous word did.
pub fn sentences(block: &Block, source: &str, out: &mut Vec<Sentence>) {
    let mut cursor = block.from.min(source.len());
    let mut current = Sentence {
        words: Vec::new(),
        span: 0..0,
    };
    let text = &block.text;
    let mut chars = text.char_indices().peekable();
    let mut sentence_start: Option<usize> = None;
    let finish =
        |current: &mut Sentence, end: usize, start: &mut Option<usize>, out: &mut Vec<Sentence>| {
            if !current.words.is_empty() {
                current.span = start.unwrap_or(0)..end;
                out.push(std::mem::replace(
                    current,
                    Sentence {
                        words: Vec::new(),
                        span: 0..0,
                    },
                ));
            }
            *start = None;
        };
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            // A word: letters and digits, with apostrophes and hyphens inside it.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                let after = &text[j + d.len_utf8()..];
                let joins = (matches!(d, '\'' | '’' | '-' | '‐')
                    && after.starts_with(char::is_alphanumeric))
                    // "1.5", "1,000"
                    || (matches!(d, '.' | ',')
                        && text[..j].ends_with(|p: char| p.is_ascii_digit())
                        && after.starts_with(|n: char| n.is_ascii_digit()));
                if d.is_alphanumeric() || joins {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            let at = match source.get(cursor..).and_then(|rest| find_word(rest, word)) {
                Some(found) => {
                    cursor += found + word.len();
                    cursor - word.len()
                }
                None => current.words.last().map_or(block.from, |w| w.at),
            };
            let syllables = word
                .split(['-', '‐'])
                .filter(|part| !part.is_empty())
                .map(syllables::count)
                .sum::<usize>()
                .max(1);
            sentence_start.get_or_insert(i);
            current.words.push(Word {
                text: word.to_string(),
                at,
                syllables,
            });
            continue;
        }
        if matches!(c, '.' | '!' | '?') {
            let next = text[i + c.len_utf8()..].chars().next();
            let ends = next.is_none_or(|n| n.is_whitespace() || "\"'”’)]".contains(n));
            let abbreviation = c == '.'
                && current.words.last().is_some_and(|w| {
                    let lower = w.text.to_lowercase();
                    // "e.g.": a one-letter word after a full stop.
                    let initials = lower.chars().count() == 1
                        && text[..i]
                            .strip_suffix(w.text.as_str())
                            .is_some_and(|t| t.ends_with('.'));
                    ABBREVIATIONS.contains(&lower.as_str()) || initials
                });
            if ends && !abbreviation {
                finish(&mut current, i + c.len_utf8(), &mut sentence_start, out);
            }
        }
    }
    finish(&mut current, text.len(), &mut sentence_start, out);
}

/// Where `word` (which starts with a letter or digit) first is in `rest`. Most
/// often it is right at the next letter or digit, which is looked at before
/// searching on: no occurrence can start before that.
fn find_word(rest: &str, word: &str) -> Option<usize> {
    let next = rest.find(char::is_alphanumeric)?;
    match rest[next..].starts_with(word) {
        true => Some(next),
        false => rest[next..].find(word).map(|found| next + found),
    }
}

/// The blocks of a Markdown body whose text starts at byte `offset` of its file:
/// paragraphs, list items and table cells, without headings or code.
pub fn markdown_blocks(body: &str, offset: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut in_heading = false;
    let mut in_code = false;
    let flush = |current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(block) = current.take()
            && !block.text.trim().is_empty()
        {
            blocks.push(block);
        }
    };
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::List(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
            ) => flush(&mut current, &mut blocks),
            Event::Text(text) | Event::Code(text) if !in_heading && !in_code => {
                let block = current.get_or_insert_with(|| Block {
                    text: String::new(),
                    from: offset + range.start,
                });
                block.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = &mut current {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        sentences(
            &Block {
                text: text.into(),
                from: 0,
            },
            text,
            &mut out,
        );
        out
    }

    fn text_grade(text: &str) -> f64 {
        let all = cut(text);
        let words = all.iter().map(|s| s.words.len()).sum();
        let syllables = all.iter().map(Sentence::syllables).sum();
        grade(words, all.len(), syllables)
    }

    #[test]
    fn published_worked_examples() {
        // Wikipedia's example for the formula ("Flesch–Kincaid readability tests"):
        // 13 words and 24 syllables in one sentence, grade 11.3.
        let platypus =
            "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.";
        let s = &cut(platypus)[0];
        assert_eq!((s.words.len(), s.syllables()), (13, 24));
        assert!(
            (text_grade(platypus) - 11.3).abs() < 0.05,
            "{}",
            text_grade(platypus)
        );
        // Flesch's easiest kind of sentence: six words of one syllable, grade -1.45.
        assert!((text_grade("The cat sat on the mat.") + 1.45).abs() < 0.05);
    }

    #[test]
    fn a_textbook_instruction_reads_far_above_a_plain_one() {
        let textbook = "Perform bilateral hip abduction in the supine position, maintaining \
            a neutral lumbar spine throughout the repetitions.";
        let plain = "Lie on your back. Slide one leg out to the side. Keep your back still.";
        // 16 words and 33 syllables (counted by hand): 0.39 * 16 + 11.8 * 33 / 16 - 15.59 = 15.0.
        let s = &cut(textbook)[0];
        assert_eq!((s.words.len(), s.syllables()), (16, 33));
        assert!(
            (text_grade(textbook) - 15.0).abs() < 0.05,
            "{}",
            text_grade(textbook)
        );
        assert!(text_grade(plain) < 2.0, "{}", text_grade(plain));
    }

    #[test]
    fn sentences_end_at_stops_but_not_inside_numbers_or_abbreviations() {
        let text = "Hold for 1.5 minutes, e.g.  while you\ncount. Then rest! Ready? Go";
        let all = cut(text);
        let block = Block {
            text: text.into(),
            from: 0,
        };
        let texts: Vec<String> = all.iter().map(|s| s.text(&block)).collect();
        assert_eq!(
            texts,
            [
                "Hold for 1.5 minutes, e.g. while you count.",
                "Then rest!",
                "Ready?",
                "Go"
            ]
        );
        assert_eq!(all[0].words.len(), 9, "{:?}", all[0].words);
    }

    #[test]
    fn a_word_is_found_where_a_search_finds_it() {
        for (rest, word) in [
            (" **Stretch** it", "Stretch"),
            ("Stretch", "Stretch"),
            ("[link](x) hip", "hip"),
            ("stretching, then stretch", "stretch"),
            ("— 1.5 times", "1.5"),
            ("no such word", "hip"),
            ("", "hip"),
            ("…", "hip"),
        ] {
            assert_eq!(find_word(rest, word), rest.find(word), "{word} in {rest:?}");
        }
    }

    #[test]
    fn words_are_found_in_the_file_in_order() {
        let source = "summary: Stretch the hip. Stretch it again.\n";
        let mut out = Vec::new();
        let block = Block {
            text: "Stretch the hip. Stretch it again.".into(),
            from: 9,
        };
        sentences(&block, source, &mut out);
        assert_eq!(out[0].words[0].at, 9);
        assert_eq!(out[1].words[0].at, source.rfind("Stretch").unwrap());
    }

    #[test]
    fn markdown_blocks_skip_headings_and_split_list_items() {
        let body = "Intro text here.\n\n## Safety\n\n1. Lie down\n2. Lift one leg\n";
        let blocks = markdown_blocks(body, 100);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Intro text here.", "Lie down", "Lift one leg"]);
        assert_eq!(blocks[1].from, 100 + body.find("Lie").unwrap());
    }
}
