//! Ways to browse the library (body region, kind, position, equipment, A to Z):
//! each value with its exercises, and its listing split into pages.

use std::sync::Arc;

use crate::strings::Strings;
use crate::views::ExerciseView;

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
    pub kind: Option<crate::views::Named>,
    pub regions: Vec<crate::views::Named>,
    pub position: Option<crate::views::Named>,
    pub equipment_links: Vec<crate::views::Named>,
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
#[derive(serde::Serialize)]
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
#[derive(serde::Serialize)]
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

/// The exercises by the first letter of their title, in listing order (weight,
/// then title), each letter listed at `a-z/<letter>/`. Titles that start with a
/// digit go under "0–9", others under "Other".
pub fn letters(exercises: &[Arc<Listed>], words: &Strings) -> Vec<FacetValue> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in exercises.iter().enumerate() {
        let first = e.folded.chars().find(|c| c.is_alphanumeric());
        let key = match first {
            Some(c) if c.is_ascii_lowercase() => c.to_string(),
            Some(c) if c.is_ascii_digit() => "0-9".to_string(),
            _ => "other".to_string(),
        };
        groups.entry(key).or_default().push(i);
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
