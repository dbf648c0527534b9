//! A site in several languages: the main language's pages at the output root,
//! each further language's under `<lang>/`. Every page links to itself in the
//! other languages where it exists there (`hreflang`, and a visible switcher),
//! and otherwise to that language's home page.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::content::library::Library;

/// One language of the site, with what it has pages for.
#[derive(Debug)]
pub struct Language {
    pub code: String,
    /// Its name in its own words ("Español"), as the switcher shows it.
    pub name: String,
    /// Where its pages go: "" for the main language, "es/" for Spanish.
    pub prefix: String,
    exercises: BTreeSet<String>,
    conditions: BTreeSet<String>,
}

/// Every language of a site, its main language first.
#[derive(Debug, Default)]
pub struct Languages {
    pub all: Vec<Language>,
    /// The published address of the main language's pages, when known.
    base_url: Option<String>,
}

/// What a page shows, to find the same page in another language.
#[derive(Debug, Clone, Copy)]
pub enum Page<'a> {
    Home,
    Exercise(&'a str),
    Condition(&'a str),
    /// A page with no counterpart known in other languages (a listing, a notice).
    Other,
}

/// A link from a page to another language's version of it.
#[derive(Debug, Serialize, Hash)]
pub struct Alternate {
    pub lang: String,
    pub name: String,
    /// From the page itself.
    pub href: String,
    /// The full address, when the site has a `base_url`.
    pub url: Option<String>,
    /// Whether it is this very page in that language (else that language's home).
    pub same: bool,
    /// Whether it is the page's own language.
    pub current: bool,
}

impl Languages {
    /// The languages of `library` and its translations; `names` gives each one's
    /// name in its own words.
    pub fn new(library: &Library, name_of: impl Fn(&str) -> String) -> Self {
        // Which pages each language has matters only when there are several.
        let several = !library.translations.is_empty();
        let language = |lib: &Library, prefix: String| {
            let (exercises, conditions) = if several {
                (
                    lib.exercises.keys().cloned().collect(),
                    lib.conditions.keys().cloned().collect(),
                )
            } else {
                Default::default()
            };
            Language {
                code: lib.site.language.clone(),
                name: name_of(&lib.site.language),
                prefix,
                exercises,
                conditions,
            }
        };
        let mut all = vec![language(library, String::new())];
        for t in &library.translations {
            all.push(language(
                &t.library,
                format!("{}/", t.library.site.language),
            ));
        }
        Languages {
            all,
            base_url: library.site.base_url.clone(),
        }
    }

    /// The language `code`'s place in the list (0: the main language).
    pub fn get(&self, code: &str) -> Option<&Language> {
        self.all.iter().find(|l| l.code == code)
    }

    /// How `page`, at `path` inside the language `code`, links to each language's
    /// version of it. Empty for a site in one language.
    pub fn alternates(&self, code: &str, page: Page, path: &str) -> Vec<Alternate> {
        if self.all.len() < 2 {
            return Vec::new();
        }
        let Some(here) = self.get(code) else {
            return Vec::new();
        };
        let depth = path.matches('/').count() + here.prefix.matches('/').count();
        let to_root = "../".repeat(depth);
        self.all
            .iter()
            .map(|other| {
                let same = match page {
                    Page::Home => true,
                    Page::Exercise(slug) => other.exercises.contains(slug),
                    Page::Condition(slug) => other.conditions.contains(slug),
                    Page::Other => other.code == code,
                };
                let target = if same { path } else { "index.html" };
                let folder = target.trim_end_matches("index.html");
                Alternate {
                    lang: other.code.clone(),
                    name: other.name.clone(),
                    href: format!("{to_root}{}{target}", other.prefix),
                    url: self
                        .base_url
                        .as_ref()
                        .map(|base| format!("{base}{}{folder}", other.prefix)),
                    same,
                    current: other.code == code,
                }
            })
            .collect()
    }
}
