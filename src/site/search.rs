//! The search index: a compact JSON document the home page's script searches as you
//! type, with no server. It is written as `search-index.js`, one assignment of the
//! JSON to `window.HANDOUT_SEARCH`, so that it also loads from `file://`, where
//! browsers refuse to fetch files.
//!
//! The JSON (version 1):
//!
//! ```json
//! {"v": 1,
//!  "facets": [{"key": "regions", "title": "Body region",
//!              "values": [["lower-back", "Lower back"], ...]}, ...],
//!  "items": [{"t": "Bridge", "u": "exercises/bridge/index.html", "s": "Summary",
//!             "f": [[0, 2], [1], [0], []], "w": "bridge lie on your back ..."}]}
//! ```
//!
//! `f` holds, for each facet in order, the indexes of the item's values. `w` is every
//! distinct word of the title, summary, steps, equipment and cautions, folded
//! (lower case, accents removed: "Plié" → "plie") the way the script folds what is
//! typed, so a search for "plie" or "PLIÉ" finds it.

use serde::Serialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::site::Facet;
use std::sync::Arc;

use crate::site::Listed;
use crate::views::ExerciseView;

pub const INDEX_PATH: &str = "search-index.js";

/// Each exercise's search words ([`words_of`]), by the fingerprint of the page
/// they were made with: kept in the build cache, so that the next build, which
/// lists every exercise in the index again, reads again only the texts that changed.
pub type Known = std::collections::BTreeMap<u64, Arc<str>>;

/// The index but its items, which follow.
#[derive(Serialize)]
struct Head<'a> {
    v: u32,
    facets: Vec<FacetEntry<'a>>,
}

#[derive(Serialize)]
struct FacetEntry<'a> {
    key: &'a str,
    title: &'a str,
    values: Vec<(&'a str, &'a str)>,
}

#[derive(Serialize)]
struct Item<'a> {
    t: &'a str,
    u: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    f: Vec<Vec<usize>>,
    w: &'a str,
}

/// Lower case without accents, as the script folds a query.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Character by character: ASCII as it is, anything else decomposed (NFD) with
    // its accents dropped. The marks that NFD would reorder are the ones dropped.
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

/// The distinct folded words of `texts`, in the order they first appear.
fn words<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let all: Vec<&str> = texts.into_iter().collect();
    let folded = fold(&all.join("\n"));
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(folded.len() / 2);
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || !seen.insert(word) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What a search for `e` looks through: every distinct word of its title, summary,
/// steps, equipment and cautions, folded.
pub fn words_of(e: &ExerciseView) -> String {
    let body = crate::content::markdown::plain_text(e.body);
    let texts = [e.title, e.summary.unwrap_or_default(), &body]
        .into_iter()
        .chain(e.equipment.iter().map(String::as_str))
        .chain(e.cautions.iter().map(String::as_str));
    words(texts)
}

/// The index as a script (one assignment of its JSON), for `exercises` (in page
/// order), whose [`words_of`] are `words` and whose pages' fingerprints are
/// `made_from`, and the `facets` they are browsed by. The JSON is escaped as
/// [`script_json`] escapes it, so that it stays safe even if it is ever inlined.
/// Each item is written on its own, on every core, unless `kept` has it (in the
/// same order) with the same hash of what it is made from: its page's fingerprint
/// and its places among the facets' values. The items, with that hash, are
/// returned with the script, for the next build (`serve`).
///
/// [`script_json`]: crate::site::script_json
pub fn index_script(
    exercises: &[Arc<Listed>],
    words: &[&str],
    made_from: &[u64],
    facets: &[Facet],
    kept: &[Option<&(u64, Arc<str>)>],
) -> (String, Vec<(u64, Arc<str>)>) {
    use rayon::prelude::*;
    // Each exercise's places among the facets' values, as (facet, value) in that
    // order, all in one list: exercise i's are `places[starts[i]..starts[i + 1]]`.
    let every = || {
        (facets.iter().enumerate()).flat_map(|(f, facet)| {
            (facet.values.iter().enumerate())
                .flat_map(move |(v, value)| value.exercises.iter().map(move |&i| (i, f, v)))
        })
    };
    let mut starts = vec![0; exercises.len() + 1];
    for (i, ..) in every() {
        starts[i + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut places = vec![(0, 0); starts[exercises.len()]];
    let mut next = starts.clone();
    for (i, f, v) in every() {
        places[next[i]] = (f, v);
        next[i] += 1;
    }
    let items: Vec<(u64, Arc<str>)> = (exercises.par_iter().zip(words))
        .zip(made_from)
        .zip(kept)
        .enumerate()
        .map(|(i, (((e, w), from), kept))| {
            let mine = &places[starts[i]..starts[i + 1]];
            let from = crate::build::cache::hash_of((from, facets.len(), mine));
            if let Some((same, item)) = kept
                && *same == from
            {
                return (from, Arc::clone(item));
            }
            let mut f = vec![Vec::new(); facets.len()];
            for &(facet, value) in mine {
                f[facet].push(value);
            }
            let item = Item {
                t: &e.title,
                u: &e.url,
                s: e.summary.as_deref(),
                f,
                w,
            };
            let json = serde_json::to_string(&item).expect("an item is plain data");
            (from, crate::site::script_json(&json).into())
        })
        .collect();
    let head = Head {
        v: 1,
        facets: facets
            .iter()
            .map(|f| FacetEntry {
                key: f.key,
                title: &f.title,
                values: f
                    .values
                    .iter()
                    .map(|v| (v.name.as_str(), v.label.as_str()))
                    .collect(),
            })
            .collect(),
    };
    // {"v":1,"facets":[...]} and then the items, as one object.
    let head = serde_json::to_string(&head).expect("the index is plain data");
    let head = crate::site::script_json(head.strip_suffix('}').unwrap_or(&head));
    const START: &str = "window.HANDOUT_SEARCH = ";
    let length = head.len() + items.iter().map(|(_, i)| i.len() + 1).sum::<usize>() + 48;
    let mut script = String::with_capacity(length);
    script.push_str(START);
    script.push_str(&head);
    script.push_str(",\"items\":[");
    for (i, (_, item)) in items.iter().enumerate() {
        if i > 0 {
            script.push(',');
        }
        script.push_str(item);
    }
    script.push_str("]};\n");
    (script, items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_and_case() {
        assert_eq!(fold("Plié ÉTIREMENT Größe"), "plie etirement große");
        // Precomposed or already decomposed, and marks in any order: the same.
        assert_eq!(fold("Pli\u{0065}\u{0301} – ǅ"), "plie – ǆ");
        assert_eq!(fold("a\u{0323}\u{0302}"), fold("a\u{0302}\u{0323}"));
        assert_eq!(fold("Ếß"), "eß");
    }

    #[test]
    fn script_json_escapes_what_could_end_a_script_and_reads_back_the_same() {
        let json = serde_json::to_string("</script> & <b>é</b>").unwrap();
        let script = crate::site::script_json(&json);
        assert_eq!(
            script,
            r#""\u003c/script\u003e \u0026 \u003cb\u003eé\u003c/b\u003e""#
        );
        let back: String = serde_json::from_str(&script).unwrap();
        assert_eq!(back, "</script> & <b>é</b>");
        assert_eq!(crate::site::script_json("plain"), "plain");
    }

    #[test]
    fn words_are_distinct_and_folded() {
        assert_eq!(
            words(["Lie on your back.", "Lift your HIPS; lie still", "Pliés"]),
            "lie on your back lift hips still plies"
        );
    }
}
