//! Where long words may break with a hyphen, from the `hyphenation` crate's
//! embedded dictionaries, for the site's language.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hyphenation::{Hyphenator, Language, Load, Standard};

/// The dictionary for a language tag (`en`, `en-GB`, `es` ...), loaded once per process.
/// None for a language without one: its words are then never hyphenated.
pub fn dictionary(tag: &str) -> Option<&'static Standard> {
    static LOADED: OnceLock<Mutex<HashMap<String, Option<&'static Standard>>>> = OnceLock::new();
    let tag = tag.to_ascii_lowercase();
    let mut loaded = LOADED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *loaded.entry(tag.clone()).or_insert_with(|| {
        let primary = tag.split('-').next().unwrap_or_default();
        let candidates = [
            tag.as_str(),
            match primary {
                "en" => "en-us",
                "de" => "de-1996",
                other => other,
            },
        ];
        let language = candidates.iter().find_map(Language::try_from_code)?;
        // A dictionary lives as long as the process; there is at most one per language.
        Standard::from_embedded(language)
            .ok()
            .map(|d| &*Box::leak(Box::new(d)))
    })
}

/// Byte offsets where `word` may break, counted in the word as given (punctuation
/// around the letters is left alone: "toes." breaks only inside "toes").
pub fn breaks(dictionary: &Standard, word: &str) -> Vec<usize> {
    let start = word.find(char::is_alphabetic).unwrap_or(word.len());
    let end = word.rfind(char::is_alphabetic).map_or(start, |i| {
        i + word[i..].chars().next().map_or(0, char::len_utf8)
    });
    if end <= start {
        return Vec::new();
    }
    let core = &word[start..end];
    if !core.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    dictionary
        .hyphenate(core)
        .breaks
        .into_iter()
        .map(|b| b + start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_breaks_inside_the_letters() {
        let en = dictionary("en").unwrap();
        let word = "stretching.";
        let breaks = breaks(en, word);
        assert!(!breaks.is_empty());
        assert!(breaks.iter().all(|b| *b >= 2 && *b <= 8), "{breaks:?}");
        assert!(dictionary("EN-us").is_some() && dictionary("es").is_some());
        assert!(dictionary("xx").is_none());
        assert!(super::breaks(en, "1234").is_empty());
    }
}
