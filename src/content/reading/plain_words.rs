//! The plain-language word list: words many patients do not know, each with a
//! plain word to use instead. Built in per language; a theme adds words or takes
//! them out in `plain-words/<language>.yaml`.

use std::collections::{BTreeMap, HashMap};

use serde_yaml::Value;

use super::text::Word;
use crate::diagnostic::{Diagnostic, Position};
use crate::theme::{Origin, Theme};

const ENGLISH: &str = include_str!("plain-words.en.yaml");

/// One entry: the words to find (lower case, unless written in capitals) and what to say instead.
#[derive(Debug, Clone)]
struct Entry {
    words: Vec<String>,
    /// Capitals (ROM, BID) match only as written.
    exact: bool,
    plain: String,
}

/// A hard word or phrase found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// As written in the text: "Performing", "range of motion".
    pub written: String,
    pub plain: String,
    /// The byte offset of its first word in the file.
    pub at: usize,
}

#[derive(Debug, Clone, Default)]
pub struct PlainWords {
    /// Entries by their first word.
    by_first: HashMap<String, Vec<Entry>>,
    /// Each inflected form of an entry's last word, with the words it comes from:
    /// "performing" → ["perform"].
    bases: HashMap<String, Vec<String>>,
    /// A hash of the list: texts read against the same list find the same words.
    pub fingerprint: u64,
}

/// The theme file that extends the list for `language`.
pub fn theme_file(language: &str) -> String {
    format!("plain-words/{language}.yaml")
}

impl PlainWords {
    /// The built-in list for `language` ("en", "en-US"), with the theme's file for it
    /// applied. None when there is neither.
    pub fn load(language: &str, theme: &Theme) -> Result<Option<PlainWords>, Vec<Diagnostic>> {
        let base = language.split(['-', '_']).next().unwrap_or(language);
        let site_file = [theme_file(language), theme_file(base)]
            .into_iter()
            .find_map(|name| match theme.files.get(&name) {
                Some(file) => match &file.origin {
                    Origin::Site(path) => Some((String::from_utf8_lossy(&file.bytes), path)),
                    Origin::BuiltIn => None,
                },
                None => None,
            });
        PlainWords::read(
            language,
            site_file
                .as_ref()
                .map(|(text, path)| (text.as_ref(), path.as_path())),
        )
        .map_err(|d| vec![d])
    }

    /// The built-in list for `language` with a site's list (its text and path) applied.
    pub fn read(
        language: &str,
        site_file: Option<(&str, &std::path::Path)>,
    ) -> Result<Option<PlainWords>, Diagnostic> {
        let base = language.split(['-', '_']).next().unwrap_or(language);
        let mut list = BTreeMap::new();
        let mut found = false;
        if base.eq_ignore_ascii_case("en") {
            let path = std::path::Path::new("(built-in plain-words.en.yaml)");
            read_list(ENGLISH, path, &mut list)?;
            found = true;
        }
        if let Some((text, path)) = site_file {
            read_list(text, path, &mut list)?;
            found = true;
        }
        if !found {
            return Ok(None);
        }
        let mut words = PlainWords {
            fingerprint: crate::build::cache::hash_of(&list),
            ..PlainWords::default()
        };
        for (key, plain) in list {
            let Some(plain) = plain else { continue };
            let exact = key.chars().any(char::is_uppercase) && key == key.to_uppercase();
            let parts: Vec<String> = key
                .split_whitespace()
                .map(|w| {
                    if exact {
                        w.to_string()
                    } else {
                        w.to_lowercase()
                    }
                })
                .collect();
            let Some(first) = parts.first().cloned() else {
                continue;
            };
            if !exact && let Some(last) = parts.last() {
                for form in inflections(last) {
                    let bases = words.bases.entry(form).or_default();
                    if !bases.contains(last) {
                        bases.push(last.clone());
                    }
                }
            }
            words.by_first.entry(first).or_default().push(Entry {
                words: parts,
                exact,
                plain,
            });
        }
        Ok(Some(words))
    }

    /// The hard words and phrases of one sentence, in order; a phrase wins over a word
    /// it starts with.
    pub fn find(&self, words: &[Word]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let written = words[i].text.as_str();
            let lower = folded(written);
            let bases = self.bases.get(&lower).into_iter().flatten();
            let mut best: Option<(usize, &Entry)> = None;
            // The word as written, then folded (when that differs), then its bases.
            let folded = (lower != written).then_some(lower.as_str());
            for key in std::iter::once(written)
                .chain(folded)
                .chain(bases.map(String::as_str))
            {
                for entry in self.by_first.get(key).into_iter().flatten() {
                    let len = entry.words.len();
                    if i + len <= words.len()
                        && self.matches(entry, &lower, &words[i..i + len])
                        && best.is_none_or(|(n, _)| len > n)
                    {
                        best = Some((len, entry));
                    }
                }
            }
            match best {
                Some((len, entry)) => {
                    let written: Vec<&str> =
                        words[i..i + len].iter().map(|w| w.text.as_str()).collect();
                    hits.push(Hit {
                        written: written.join(" "),
                        plain: entry.plain.clone(),
                        at: words[i].at,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// Whether `words` (as many as the entry has) are the entry's; the last may carry
    /// an ending ("performed" for "perform").
    fn matches(&self, entry: &Entry, first: &str, words: &[Word]) -> bool {
        entry
            .words
            .iter()
            .zip(words)
            .enumerate()
            .all(|(k, (want, word))| {
                if entry.exact {
                    return word.text == *want;
                }
                let lower = match k {
                    0 => std::borrow::Cow::Borrowed(first),
                    _ => std::borrow::Cow::Owned(folded(&word.text)),
                };
                *lower == *want
                    || (k + 1 == entry.words.len()
                        && self
                            .bases
                            .get(lower.as_ref())
                            .is_some_and(|b| b.contains(want)))
            })
    }
}

/// A word in lower case, with a typographic apostrophe made plain.
fn folded(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// The forms a word takes with a usual English ending: "perform" → "performs",
/// "performed", "performing"; "rotate" → "rotating"; "body" → "bodies".
fn inflections(base: &str) -> Vec<String> {
    let mut forms: Vec<String> = ["s", "es", "ed", "d", "ing"]
        .iter()
        .map(|ending| format!("{base}{ending}"))
        .collect();
    if let Some(stem) = base.strip_suffix('e') {
        forms.push(format!("{stem}ing"));
    }
    if let Some(stem) = base.strip_suffix('y') {
        forms.push(format!("{stem}ies"));
        forms.push(format!("{stem}ied"));
    }
    forms
}

/// Reads a list file (`word: plain word`, or `word: ~` to take a word out) into `list`.
fn read_list(
    text: &str,
    path: &std::path::Path,
    list: &mut BTreeMap<String, Option<String>>,
) -> Result<(), Diagnostic> {
    let bad = |pos: Position, message: String| Diagnostic::error(path, pos, message);
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let pos = e
            .location()
            .map_or(Position::START, |l| Position::new(l.line(), l.column()));
        bad(pos, format!("cannot read the plain-words list: {e}"))
    })?;
    let map = match value {
        Value::Mapping(map) => map,
        Value::Null => return Ok(()),
        _ => {
            return Err(bad(
                Position::START,
                "the plain-words list must be lines of `hard word: plain word`".into(),
            ));
        }
    };
    for (key, plain) in map {
        let key = match key {
            Value::String(s) => s,
            other => {
                return Err(bad(
                    Position::START,
                    format!(
                        "plain-words: every key is a word, not {}",
                        crate::content::fields::describe(&other)
                    ),
                ));
            }
        };
        let plain = match plain {
            Value::String(s) => Some(s),
            Value::Null => None,
            other => {
                return Err(bad(
                    Position::START,
                    format!(
                        "plain-words: \"{key}\" needs a plain word (or ~ to take it out), not {}",
                        crate::content::fields::describe(&other)
                    ),
                ));
            }
        };
        let key = key.trim();
        let capitals = key.chars().any(char::is_uppercase) && key == key.to_uppercase();
        let key = if capitals {
            key.to_string()
        } else {
            key.to_lowercase()
        };
        list.insert(key, plain);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(i, w)| Word {
                text: w.to_string(),
                at: i,
                syllables: 1,
            })
            .collect()
    }

    fn english() -> PlainWords {
        let list = PlainWords::read("en", None).unwrap().unwrap();
        let count: usize = list.by_first.values().map(Vec::len).sum();
        assert!(count > 100, "the built-in list has {count} words");
        list
    }

    #[test]
    fn a_site_list_adds_words_and_takes_them_out() {
        let site = "glutes: ~\nhip hinge: bend forward from your hips\n";
        let path = std::path::Path::new("themes/default/plain-words/en.yaml");
        let list = PlainWords::read("en-US", Some((site, path)))
            .unwrap()
            .unwrap();
        assert!(list.find(&words("squeeze your glutes")).is_empty());
        let hits = list.find(&words("do a hip hinge"));
        assert_eq!(hits[0].plain, "bend forward from your hips");
        // A language with no built-in list has one only if the site gives it.
        assert!(PlainWords::read("es", None).unwrap().is_none());
        let bad = PlainWords::read("en", Some(("- a list", path))).unwrap_err();
        assert!(
            bad.message.contains("hard word: plain word"),
            "{}",
            bad.message
        );
    }

    #[test]
    fn finds_words_with_their_endings_and_phrases_whole() {
        let list = english();
        let hits = list.find(&words("Performing bilateral work improves range of motion"));
        let found: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (h.written.as_str(), h.plain.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("Performing", "do"),
                ("bilateral", "both sides"),
                ("range of motion", "how far you can move")
            ]
        );
        assert_eq!(hits[1].at, 1);
        // Capitals match only as written: "rom" is not ROM.
        assert!(list.find(&words("a rom and a bid")).is_empty());
        assert_eq!(list.find(&words("twice BID")).len(), 1);
        // Plain words are left alone.
        assert!(
            list.find(&words("Lie on your back and bend one knee"))
                .is_empty()
        );
    }
}
