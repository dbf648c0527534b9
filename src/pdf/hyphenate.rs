//! Where long words may break with a hyphen, from the `hyphenation` crate's
//! embedded dictionaries (the `dictionaries` feature), for the site's language. The
//! program builder's engine has none embedded: the build writes the site's one
//! dictionary into its bundle ([`dictionary_bytes`]) and the engine hands it over
//! ([`provide`]).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hyphenation::{Hyphenator, Language, Load, Standard};

/// The dictionary for a language tag (`en`, `en-GB`, `es` ...), loaded once per process.
/// None for a language without one: its words are then never hyphenated.
pub fn dictionary(tag: &str) -> Option<&'static Standard> {
    let tag = tag.to_ascii_lowercase();
    *loaded().entry(tag.clone()).or_insert_with(|| {
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
        embedded(language).map(keep)
    })
}

/// Every dictionary loaded so far, by lower-case language tag.
fn loaded() -> std::sync::MutexGuard<'static, HashMap<String, Option<&'static Standard>>> {
    static LOADED: OnceLock<Mutex<HashMap<String, Option<&'static Standard>>>> = OnceLock::new();
    LOADED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// A dictionary lives as long as the process; there is at most one per language.
fn keep(dictionary: Standard) -> &'static Standard {
    Box::leak(Box::new(dictionary))
}

#[cfg(feature = "dictionaries")]
fn embedded(language: Language) -> Option<Standard> {
    Standard::from_embedded(language).ok()
}

#[cfg(not(feature = "dictionaries"))]
fn embedded(_: Language) -> Option<Standard> {
    None
}

/// The dictionary for `tag` as bytes that [`provide`] reads, if there is one: the
/// hyphenation crate's own format (bincode), always the same for the same dictionary.
pub fn dictionary_bytes(tag: &str) -> Option<Vec<u8>> {
    // bincode writes the exceptions (a HashMap) in an order that changes from run to
    // run. They are written sorted instead, where they belong: after the patterns,
    // before the two minima (16 bytes), in place of an empty map (its 8-byte length).
    let mut rest = dictionary(tag)?.clone();
    let exceptions: std::collections::BTreeMap<_, _> =
        std::mem::take(&mut rest.exceptions.0).into_iter().collect();
    let mut bytes = bincode::serialize(&rest).ok()?;
    let minima = bytes.split_off(bytes.len().checked_sub(16)?);
    bytes.truncate(bytes.len().checked_sub(8)?);
    bytes.extend(bincode::serialize(&exceptions).ok()?);
    bytes.extend(minima);
    Some(bytes)
}

/// Makes `bytes` (from [`dictionary_bytes`]) the dictionary for `tag`.
pub fn provide(tag: &str, bytes: &[u8]) -> Result<(), String> {
    let dictionary = Standard::any_from_reader(&mut &bytes[..])
        .map_err(|e| format!("the hyphenation dictionary for {tag} cannot be read: {e}"))?;
    loaded().insert(tag.to_ascii_lowercase(), Some(keep(dictionary)));
    Ok(())
}

/// Where a site's bundle holds its hyphenation dictionary.
pub fn bundle_path(tag: &str) -> String {
    format!("hyphenation/{}.bincode", tag.to_ascii_lowercase())
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
    fn a_dictionary_travels_as_bytes() {
        let bytes = dictionary_bytes("en").expect("English is built in");
        provide("en-x-bundle", &bytes).unwrap();
        let given = dictionary("en-x-bundle").unwrap();
        let built_in = dictionary("en").unwrap();
        assert_eq!(breaks(given, "exercises"), breaks(built_in, "exercises"));
        assert!(built_in.exceptions.0.len() > 10);
        assert_eq!(given.exceptions, built_in.exceptions);
        // The same bytes from the copy, whose map has another order.
        assert_eq!(dictionary_bytes("en-x-bundle").unwrap(), bytes);
        assert!(!breaks(given, "exercises").is_empty());
        assert!(provide("en", b"not a dictionary").is_err());
    }

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
