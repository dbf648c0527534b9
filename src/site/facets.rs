//! Ways to browse the library (body region, kind, position, equipment, A to Z):
//! each value with its exercises, and its listing split into pages.

use std::sync::Arc;

use crate::strings::Strings;
use crate::views::{ExerciseView, Named, Shared};

/// What listings (home, browse pages, A to Z) and the search index need of an
/// exercise, owned: made from its [`ExerciseView`] once, and kept between builds
/// (`serve`) while the exercise's inputs stay the same, so that one saved file
/// does not mean putting 10,000 exercises into words again.
#[derive(Clone)]
pub struct Listed {
    pub slug: String,
    pub title: String,
    /// The title folded as a search folds it: the listing order's second key.
    pub folded: String,
    pub weight: u32,
    pub summary: Option<String>,
    pub url: String,
    pub kind: Option<Shared<Named>>,
    pub regions: Vec<Shared<Named>>,
    pub position: Option<Shared<Named>>,
    pub equipment_links: Vec<Shared<Named>>,
}

impl Listed {
    pub fn of(view: &ExerciseView) -> Self {
        Listed {
            slug: view.slug.to_string(),
            title: view.title.to_string(),
            folded: crate::site::search::fold(view.title),
            weight: view.weight,
            summary: view.summary.map(str::to_string),
            url: view.url.clone(),
            kind: view.kind.clone(),
            regions: view.regions.clone(),
            position: view.position.clone(),
            equipment_links: view.equipment_links.clone(),
        }
    }
}

/// One value of a facet (a body region, a kind ...) and the exercises that have it.
#[derive(serde::Serialize, Clone)]
pub struct FacetValue {
    pub name: String,
    pub label: String,
    /// "Exercises for the lower back".
    pub heading: String,
    pub url: String,
    /// Indexes into the exercise list, in slug order.
    #[serde(skip)]
    pub exercises: Vec<usize>,
    pub count: usize,
}

/// A way to browse the library: its values, each with a listing page.
#[derive(serde::Serialize, Clone)]
pub struct Facet {
    /// The folder of its listing pages: "regions", "kinds", "positions", "equipment".
    pub key: &'static str,
    pub title: String,
    pub values: Vec<FacetValue>,
}

/// A message of `words` with one text argument.
fn say(words: &Strings, id: &str, name: &str, value: &str) -> String {
    words.get(id, &[(name, value.to_string().into())])
}

fn kind_heading(words: &Strings, kind: &str, label: &str) -> String {
    let own = format!("heading-kind-{kind}");
    if words.has(&own) {
        words.get(&own, &[])
    } else {
        say(words, "heading-kind", "label", label)
    }
}

/// Up to this many exercises, the home page lists them all as well as by letter.
pub const HOME_LIST_MAX: usize = 100;

/// The most exercises on one listing page; a letter, body region or other value
/// with more goes on over pages (`a-z/s/`, `a-z/s/2/` ...), so no page grows past
/// about a dozen phone screens.
pub const LISTING_PAGE_MAX: usize = 100;

/// One page of a listing: a value and the exercises on this page.
pub struct ListingPage {
    pub value: FacetValue,
    /// Where the listing's other pages are, when it has more than one.
    pub pager: Option<Pager>,
}

#[derive(serde::Serialize)]
pub struct Pager {
    pub page: usize,
    pub pages: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// A value's listing cut into pages of [`LISTING_PAGE_MAX`]: the first at the
/// value's own address, the others in numbered folders under it.
pub fn pages_of(value: &FacetValue, words: &Strings) -> Vec<ListingPage> {
    let folder = value.url.trim_end_matches("index.html");
    let url = |page: usize| match page {
        1 => value.url.clone(),
        n => format!("{folder}{n}/index.html"),
    };
    let chunks: Vec<&[usize]> = value.exercises.chunks(LISTING_PAGE_MAX).collect();
    let count = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            ListingPage {
                value: FacetValue {
                    name: value.name.clone(),
                    label: value.label.clone(),
                    heading: if count > 1 {
                        words.get(
                            "heading-page",
                            &[
                                ("heading", value.heading.clone().into()),
                                ("page", n.into()),
                                ("pages", count.into()),
                            ],
                        )
                    } else {
                        value.heading.clone()
                    },
                    url: url(n),
                    exercises: chunk.to_vec(),
                    count: value.count,
                },
                pager: (count > 1).then(|| Pager {
                    page: n,
                    pages: count,
                    previous: (n > 1).then(|| url(n - 1)),
                    next: (n < count).then(|| url(n + 1)),
                }),
            }
        })
        .collect()
}

/// Where an exercise is listed A to Z: the first letter of its title, "0-9" for a
/// digit, "other" for anything else.
fn letter_of(e: &Listed) -> String {
    match e.folded.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_ascii_lowercase() => c.to_string(),
        Some(c) if c.is_ascii_digit() => "0-9".to_string(),
        _ => "other".to_string(),
    }
}

/// The exercises by the first letter of their title, in listing order (weight,
/// then title), each letter listed at `a-z/<letter>/`. Titles that start with a
/// digit go under "0–9", others under "Other".
pub fn letters(exercises: &[Arc<Listed>], words: &Strings) -> Vec<FacetValue> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in exercises.iter().enumerate() {
        groups.entry(letter_of(e)).or_default().push(i);
    }
    groups
        .into_iter()
        .map(|(key, members)| {
            let label = match key.as_str() {
                "0-9" => "0–9".to_string(),
                "other" => words.get("letters-other", &[]),
                letter => letter.to_uppercase(),
            };
            FacetValue {
                heading: match key.as_str() {
                    "0-9" => words.get("heading-letter-digit", &[]),
                    "other" => words.get("heading-letter-other", &[]),
                    _ => say(words, "heading-letter", "letter", &label),
                },
                url: format!("a-z/{key}/index.html"),
                count: members.len(),
                exercises: members,
                name: key,
                label,
            }
        })
        .collect()
}

/// The facets an exercise library is browsed by, each value listing its exercises.
pub fn facets(exercises: &[Arc<Listed>], words: &Strings) -> Vec<Facet> {
    use std::collections::BTreeMap;
    type Values = BTreeMap<String, FacetValue>;
    // A value's heading is put in words once, when the value is first met.
    let add = |values: &mut Values,
               named: &crate::views::Named,
               i: usize,
               heading: &dyn Fn() -> String| {
        let value = match values.get_mut(&named.name) {
            Some(value) => value,
            None => values.entry(named.name.clone()).or_insert(FacetValue {
                name: named.name.clone(),
                label: named.label.clone(),
                heading: heading(),
                url: named.url.clone(),
                exercises: Vec::new(),
                count: 0,
            }),
        };
        value.exercises.push(i);
        value.count += 1;
    };
    let (mut regions, mut kinds, mut positions, mut equipment) =
        (Values::new(), Values::new(), Values::new(), Values::new());
    for (i, e) in exercises.iter().enumerate() {
        for r in &e.regions {
            add(&mut regions, r, i, &|| {
                say(words, "heading-region", "label", &r.label.to_lowercase())
            });
        }
        if let Some(k) = &e.kind {
            add(&mut kinds, k, i, &|| kind_heading(words, &k.name, &k.label));
        }
        if let Some(p) = &e.position {
            add(&mut positions, p, i, &|| {
                say(words, "heading-position", "label", &p.label.to_lowercase())
            });
        }
        for q in &e.equipment_links {
            add(&mut equipment, q, i, &|| {
                say(words, "heading-equipment", "label", &q.label)
            });
        }
    }
    [
        ("regions", regions),
        ("kinds", kinds),
        ("positions", positions),
        ("equipment", equipment),
    ]
    .into_iter()
    .filter(|(_, values)| !values.is_empty())
    .map(|(key, values)| Facet {
        key,
        title: words.get(&format!("facet-{key}"), &[]),
        values: values.into_values().collect(),
    })
    .collect()
}

/// The facets and the letters of a library, as [`facets`] and [`letters`] made
/// them, with what they were made from: kept by a process that builds again
/// (`serve`), and used again while nothing they show has changed.
#[derive(Clone)]
pub struct Browse {
    /// The fingerprint of the words they were put in (site.yaml, the theme).
    words: u64,
    /// The exercises, in listing order.
    exercises: Vec<Arc<Listed>>,
    pub facets: Vec<Facet>,
    pub letters: Vec<FacetValue>,
}

/// Whether `a` and `b` are browsed alike: the same values of every facet, each
/// with the same label and page, and the same letter.
fn browsed_alike(a: &Listed, b: &Listed) -> bool {
    a.regions == b.regions
        && a.kind == b.kind
        && a.position == b.position
        && a.equipment_links == b.equipment_links
        && letter_of(a) == letter_of(b)
}

impl Browse {
    /// The facets and letters of `exercises` (in listing order) put in `words`
    /// (whose fingerprint is `fingerprint`): `last`'s, when it was made with the
    /// same words from as many exercises, each browsed alike in the same place
    /// (at 10,000 exercises that is a look at each, not 50,000 sorted lookups);
    /// otherwise made now.
    pub fn of(
        exercises: &[Arc<Listed>],
        words: &Strings,
        fingerprint: u64,
        last: Option<Browse>,
    ) -> Browse {
        let same = |last: &Browse| {
            last.words == fingerprint
                && last.exercises.len() == exercises.len()
                && (last.exercises.iter().zip(exercises))
                    .all(|(a, b)| Arc::ptr_eq(a, b) || browsed_alike(a, b))
        };
        match last {
            Some(last) if same(&last) => Browse {
                exercises: exercises.to_vec(),
                ..last
            },
            _ => Browse {
                words: fingerprint,
                exercises: exercises.to_vec(),
                facets: facets(exercises, words),
                letters: letters(exercises, words),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(slug: &str, title: &str, region: &str) -> Arc<Listed> {
        Arc::new(Listed {
            slug: slug.into(),
            title: title.into(),
            folded: title.to_lowercase(),
            weight: 0,
            summary: None,
            url: format!("exercises/{slug}/"),
            kind: None,
            regions: vec![Shared::new(Named::new("regions", region, region.into()))],
            position: None,
            equipment_links: Vec::new(),
        })
    }

    /// Where each region's exercises are, as `facets` lists them.
    fn regions(browse: &Browse) -> Vec<(String, Vec<usize>)> {
        browse.facets[0]
            .values
            .iter()
            .map(|v| (v.name.clone(), v.exercises.clone()))
            .collect()
    }

    #[test]
    fn facets_are_made_again_only_when_something_they_show_changed() {
        let words = crate::strings::english();
        let first = vec![
            listed("bridge", "Bridge", "hip"),
            listed("plank", "Plank", "back"),
        ];
        let made = Browse::of(&first, words, 1, None);
        let fresh = |exercises: &[Arc<Listed>], fingerprint| {
            regions(&Browse::of(exercises, words, fingerprint, None))
        };
        assert_eq!(regions(&made), fresh(&first, 1));

        // An exercise read again, browsed alike (its summary changed): kept.
        let mut edited = first.clone();
        edited[0] = Arc::new(Listed {
            summary: Some("Lifts the hips.".into()),
            ..(*first[0]).clone()
        });
        let kept = Browse::of(&edited, words, 1, Some(made.clone()));
        assert_eq!(regions(&kept), fresh(&edited, 1));

        // Another region, another letter, other words: made again.
        let mut moved = first.clone();
        moved[0] = listed("bridge", "Bridge", "back");
        let again = Browse::of(&moved, words, 1, Some(made.clone()));
        assert_eq!(regions(&again), fresh(&moved, 1));
        assert_ne!(regions(&again), regions(&made));
        let mut renamed = first.clone();
        renamed[0] = listed("bridge", "Hip bridge", "hip");
        let again = Browse::of(&renamed, words, 1, Some(made.clone()));
        assert_eq!(again.letters[0].name, "h");
        let again = Browse::of(&first, words, 2, Some(made.clone()));
        assert_eq!(again.words, 2);

        // One exercise fewer: made again, though the rest are the same.
        let fewer = vec![first[1].clone()];
        let again = Browse::of(&fewer, words, 1, Some(made));
        assert_eq!(regions(&again), fresh(&fewer, 1));
    }
}
