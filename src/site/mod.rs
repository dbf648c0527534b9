//! Renders the website: home, one page per exercise and per condition, static files.

pub mod facets;
pub mod languages;
pub mod search;

pub use facets::*;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::build::output::Output;
use crate::build::plan::Plan;
use crate::content::library::{Condition, Exercise, Library};
use crate::diagnostic::Diagnostic;
use crate::strings::Strings;
use crate::theme::Theme;
use crate::views::{ConditionView, ExerciseView, SiteView, exercise_url};
use languages::{Alternate, Languages, Page};

/// The relative prefix from a page at `depth` folders below the root back to the root.
fn root_prefix(depth: usize) -> String {
    "../".repeat(depth)
}

/// A page's context with `site` (converted for Tera once per build), `root` (the
/// way back to its language's home folder) and `assets` (to the output root, where
/// the style sheet, scripts and pictures are, shared by every language).
fn base_context(site: &Value, depth: usize, language_depth: usize) -> Context {
    let mut context = Context::new();
    context.insert_value("site", site.clone());
    context.insert("root", &root_prefix(depth));
    context.insert("assets", &root_prefix(depth + language_depth));
    context
}

/// Where the pages being rendered stand among the site's languages.
struct Here<'a> {
    languages: &'a Languages,
    /// The pages' language's words.
    words: &'a Strings,
    code: &'a str,
    /// How many folders the language's pages are below the output root (0 or 1).
    depth: usize,
}

impl Here<'_> {
    /// The page's links to its other languages, and its fingerprint with them in
    /// it: a page must be made again when a translation of it comes or goes.
    fn alternates(&self, page: Page, path: &str, fingerprint: u64) -> (Vec<Alternate>, u64) {
        alternates_in(self.languages, self.code, page, path, fingerprint)
    }
}

/// [`Here::alternates`] of a page in the language `code`.
fn alternates_in(
    languages: &Languages,
    code: &str,
    page: Page,
    path: &str,
    fingerprint: u64,
) -> (Vec<Alternate>, u64) {
    let alternates = languages.alternates(code, page, path);
    let fingerprint = if alternates.is_empty() {
        fingerprint
    } else {
        crate::build::cache::hash_of((fingerprint, &alternates))
    };
    (alternates, fingerprint)
}

/// What a page says about itself to link previews and search engines.
#[derive(serde::Serialize)]
struct PageMeta {
    /// One or two plain sentences: the meta description and the preview's text.
    description: String,
    /// The page's full address (canonical and `og:url`), when the site has a
    /// `base_url`: the folder form (`.../exercises/bridge/`), as in the sitemap
    /// and the QR codes.
    url: Option<String>,
}

impl PageMeta {
    fn new(library: &Library, path: &str, description: Option<&str>, words: &Strings) -> Self {
        let site = &library.site;
        let fallback = || match &site.clinic.name {
            name if name.is_empty() => site.title.clone(),
            name => words.get(
                "page-description",
                &[
                    ("title", site.title.clone().into()),
                    ("clinic", name.clone().into()),
                ],
            ),
        };
        PageMeta {
            description: description
                .map(crate::content::markdown::inline_text)
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(fallback),
            url: site
                .base_url
                .as_ref()
                .map(|base| format!("{base}{}", path.trim_end_matches("index.html"))),
        }
    }
}

/// A page's context with `site`, `root`, `assets`, `page` (its [`PageMeta`]) and
/// `alternates` (the page in each of the site's languages; none in a site of one).
fn page_context(
    library: &Library,
    site: &Value,
    path: &str,
    description: Option<&str>,
    here: &Here,
    alternates: &[Alternate],
) -> Context {
    let mut context = base_context(site, path.matches('/').count(), here.depth);
    context.insert(
        "page",
        &PageMeta::new(library, path, description, here.words),
    );
    context.insert("alternates", alternates);
    context
}

/// What the last build made of each exercise for pages, by language: a `Memo`
/// by slug (listing facts, template value, search words, search index item) and
/// each condition's template value, each with the fingerprint of what it was
/// made from ([`crate::build::cache::Fingerprints::exercise_page`]). A process
/// that builds again (`serve`) reuses each whose fingerprint is the same.
#[derive(Default)]
pub struct Values {
    by_language: std::collections::HashMap<String, Made>,
}

/// One language's [`Values`].
#[derive(Default)]
struct Made {
    /// What was made of each exercise, by slug.
    exercises: std::collections::HashMap<String, Memo>,
    /// Each condition's value, made from its page's inputs and its exercises' values.
    conditions: std::collections::HashMap<String, (u64, Value)>,
    /// The facets and letters, with what they were made from.
    browse: Option<Browse>,
}

/// What a build made of one exercise for pages, all from inputs with the
/// fingerprint `from`: its listing facts and, where the build needed them, its
/// template value, its search words and its search index item (with the hash
/// of `from` and the item's places among the facets' values).
#[derive(Clone)]
struct Memo {
    from: u64,
    listed: std::sync::Arc<Listed>,
    value: Option<Value>,
    words: Option<std::sync::Arc<str>>,
    item: Option<(u64, std::sync::Arc<str>)>,
}

impl Values {
    /// How many exercises' template values are kept.
    pub fn len(&self) -> usize {
        let made = self.by_language.values();
        made.flat_map(|m| m.exercises.values())
            .filter(|memo| memo.value.is_some())
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Each exercise's search words and search index item (with the hash of what it
/// was made from), in page order, as a build made them.
type SearchMade = (Vec<std::sync::Arc<str>>, Vec<(u64, std::sync::Arc<str>)>);

/// Brings `memos` (the last build's) up to date for the next build: the entries
/// of exercises read or made again are replaced, gone ones dropped, and the rest
/// (at 10,000 exercises, all but the few a save changed) left as they are, not
/// rebuilt. `each` is, in page order, each exercise's fingerprint, listing facts
/// and whether its last memo is still current and holds all this build made of
/// it; `values` and `words` (with the search index's items) are what this build
/// made of each, if it made them; what it did not make is kept from the last memo.
fn remember(
    memos: &mut std::collections::HashMap<String, Memo>,
    each: (&[u64], &[std::sync::Arc<Listed>], &[bool]),
    values: Option<Vec<Value>>,
    words: Option<SearchMade>,
) {
    fn next<T>(made: &mut Option<std::vec::IntoIter<T>>) -> Option<T> {
        made.as_mut().and_then(Iterator::next)
    }
    let (made_from, exercises, current) = each;
    let mut values = values.map(Vec::into_iter);
    let (mut words, mut items) = match words {
        Some((words, items)) => (Some(words.into_iter()), Some(items.into_iter())),
        None => (None, None),
    };
    for ((from, listed), current) in made_from.iter().zip(exercises).zip(current) {
        let (value, word, item) = (next(&mut values), next(&mut words), next(&mut items));
        if *current {
            continue;
        }
        let last = memos.get(&listed.slug).filter(|memo| memo.from == *from);
        let memo = Memo {
            from: *from,
            listed: listed.clone(),
            value: value.or_else(|| last?.value.clone()),
            words: word.or_else(|| last?.words.clone()),
            item: item.or_else(|| last?.item.clone()),
        };
        match memos.get_mut(&listed.slug) {
            Some(entry) => *entry = memo,
            None => {
                memos.insert(listed.slug.clone(), memo);
            }
        }
    }
    // Exercises gone since: each present one has its entry, so any more are gone.
    if memos.len() > exercises.len() {
        let present: std::collections::HashSet<&str> =
            exercises.iter().map(|e| e.slug.as_str()).collect();
        memos.retain(|slug, _| present.contains(slug.as_str()));
    }
}

/// What was made for each of `slugs`, in their order, by slug.
fn by_slug<'a, T>(
    slugs: impl Iterator<Item = &'a str>,
    made: Vec<T>,
) -> std::collections::HashMap<String, T> {
    slugs.map(str::to_string).zip(made).collect()
}

/// What the last build made for `slug` from inputs with fingerprint `made_from`,
/// if it is in `kept`; otherwise made now.
fn kept_or_made<T: Clone>(
    kept: &std::collections::HashMap<String, (u64, T)>,
    slug: &str,
    made_from: u64,
    make: impl FnOnce() -> T,
) -> (u64, T) {
    match kept.get(slug) {
        Some((same, made)) if *same == made_from => (made_from, made.clone()),
        _ => (made_from, make()),
    }
}

/// One page to render: template, output path, context, fingerprint of its inputs.
type PageJob = (&'static str, String, Context, Option<u64>);

/// Renders every page into `output`, except those `plan` carries over unchanged.
/// `languages` are the site's; `library` is in one of them. The main language
/// also gets the files every language shares: the theme's static files, the
/// pictures, the 404 page and the program builder. Exercises' template values
/// are taken from `values` where their inputs are unchanged, and left there.
/// Each exercise's search words, made now or kept, are added to `search_words`
/// for the next build.
pub fn render(
    library: &Library,
    theme: &Theme,
    plan: &Plan,
    output: &mut Output,
    languages: &Languages,
    values: &mut Values,
    search_words: &mut crate::site::search::Known,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let code = library.site.language.as_str();
    let here = Here {
        languages,
        words: &theme.strings,
        code,
        depth: languages
            .get(code)
            .map_or(0, |l| l.prefix.matches('/').count()),
    };
    let main = here.depth == 0;
    let words = &theme.strings;
    let Made {
        exercises: mut memos,
        conditions: remembered_conditions,
        browse: last_browse,
    } = values.by_language.remove(code).unwrap_or_default();
    // What each exercise's listing facts, page, value and search words are made
    // from; its listing facts are kept from the last build where that is the same
    // (borrowed, not copied: at 10,000 exercises copying them all costs more than
    // the few a save changes).
    let made: Vec<(u64, _, Option<&Memo>)> = (library.exercises.par_iter())
        .map(|(slug, e)| {
            let from = plan.fingerprints.exercise_page(slug);
            let kept = (memos.get(slug.as_str())).filter(|memo| memo.from == from);
            (from, e, kept)
        })
        .collect();
    // An exercise whose facts are not kept is put in words now, as its view.
    // Many share a few dozen doses, each put in words once.
    let fresh = made.iter().filter(|(.., kept)| kept.is_none()).count();
    let wording = crate::views::Wording::for_showing(library, words, fresh);
    type Each<'v, 'm> = (
        u64,
        std::sync::Arc<Listed>,
        std::sync::OnceLock<ExerciseView<'v>>,
        Option<&'m Memo>,
    );
    let mut made: Vec<Each> = made
        .into_par_iter()
        .map(|(from, e, kept)| match kept {
            Some(memo) => (from, memo.listed.clone(), Default::default(), Some(memo)),
            None => {
                let view = ExerciseView::with_wording(library, words, e, &wording);
                let listed = std::sync::Arc::new(Listed::of(&view));
                (from, listed, view.into(), None)
            }
        })
        .collect();
    // Every listing, the search index included, shows exercises in this order:
    // by weight, then by title.
    made.par_sort_unstable_by(|(_, a, ..), (_, b, ..)| {
        (a.weight, &a.folded, &a.slug).cmp(&(b.weight, &b.folded, &b.slug))
    });
    let (mut made_from, mut exercises, mut views, mut kept) = (
        Vec::with_capacity(made.len()),
        Vec::with_capacity(made.len()),
        Vec::with_capacity(made.len()),
        Vec::with_capacity(made.len()),
    );
    for (from, listed, view, memo) in made {
        made_from.push(from);
        exercises.push(listed);
        views.push(view);
        kept.push(memo);
    }
    // An exercise's view, made when first needed.
    let view = |i: usize| -> &ExerciseView {
        views[i].get_or_init(|| {
            let e = &library.exercises[&exercises[i].slug];
            ExerciseView::with_wording(library, words, e, &wording)
        })
    };

    // Tera values share their contents (Arc), so each view is converted once and
    // the pages that show it (its page, the home page, browse pages) share it.
    let site = Value::from_serializable(&SiteView::new(library));
    let exercise_cell = std::cell::OnceCell::new();
    let exercise_values = || -> &Vec<Value> {
        exercise_cell.get_or_init(|| {
            (kept.par_iter().enumerate())
                .map(|(i, memo)| match memo.and_then(|m| m.value.clone()) {
                    Some(value) => value,
                    None => Value::from_serializable(view(i)),
                })
                .collect()
        })
    };
    let conditions: Vec<&Condition> = library.conditions.values().collect();
    // A condition's value shares its exercises' values.
    let condition_cell = std::cell::OnceCell::new();
    let condition_values = || -> &Vec<(u64, Value)> {
        condition_cell.get_or_init(|| {
            let at: std::collections::HashMap<&str, usize> = exercises
                .iter()
                .enumerate()
                .map(|(i, e)| (e.slug.as_str(), i))
                .collect();
            let values = exercise_values();
            let shared = |e: &Exercise| match at.get(e.slug.as_str()) {
                Some(&i) => values[i].clone(),
                None => Value::from_serializable(&ExerciseView::new(library, &theme.strings, e)),
            };
            conditions
                .par_iter()
                .map(|c| {
                    // The condition's page and the values of its exercises.
                    let exercises: Vec<u64> = (c.entries.iter())
                        .map(|entry| plan.fingerprints.exercise_page(&entry.exercise))
                        .collect();
                    let page = plan.fingerprints.condition_page(&c.slug);
                    let from = crate::build::cache::hash_of((page, exercises));
                    kept_or_made(&remembered_conditions, &c.slug, from, || {
                        let view = ConditionView::showing(
                            library,
                            &theme.strings,
                            c,
                            crate::views::Audience::Condition,
                            &wording,
                            shared,
                        );
                        Value::from_serializable(&view)
                    })
                })
                .collect()
        })
    };

    let mut jobs: Vec<PageJob> = Vec::new();
    let browse = Browse::of(
        &exercises,
        words,
        plan.fingerprints.page_inputs(),
        last_browse,
    );
    let (facets, letters) = (&browse.facets, &browse.letters);
    // The home page, search index and sitemap show the whole library.
    let whole = plan.fingerprints.library();
    let (alternates, home) = here.alternates(Page::Home, "index.html", whole);
    if plan.render_or_keep(output, "index.html", home) {
        let mut context = page_context(library, &site, "index.html", None, &here, &alternates);
        let all: Vec<Value> = exercise_values().to_vec();
        context.insert_value("exercises", Value::from(all));
        let all: Vec<Value> = condition_values().iter().map(|(_, v)| v.clone()).collect();
        context.insert_value("conditions", Value::from(all));
        context.insert("browse", &facets);
        context.insert("letters", &letters);
        // A small library is listed in full on the home page too.
        context.insert("list_all", &(exercises.len() <= HOME_LIST_MAX));
        jobs.push(("index.html", "index.html".into(), context, Some(home)));
    }
    // An exercise's search words as this process or the last build's cache kept them.
    let known_words = |i: usize| {
        (kept[i].and_then(|m| m.words.clone())).or_else(|| plan.search_words(made_from[i]))
    };
    let mut made_words = None;
    if plan.render_or_keep(output, crate::site::search::INDEX_PATH, whole) {
        let words: Vec<std::sync::Arc<str>> = (0..kept.len())
            .into_par_iter()
            .map(|i| {
                known_words(i).unwrap_or_else(|| crate::site::search::words_of(view(i)).into())
            })
            .collect();
        let each: Vec<&str> = words.iter().map(|w| &**w).collect();
        let items: Vec<_> = (kept.iter())
            .map(|memo| memo.and_then(|m| m.item.as_ref()))
            .collect();
        let (script, items) =
            crate::site::search::index_script(&exercises, &each, &made_from, facets, &items);
        output.add_made(
            crate::site::search::INDEX_PATH.into(),
            script.into_bytes(),
            Some(whole),
        );
        made_words = Some((words, items));
    }
    // Each exercise's search words, for the next build: all of them when the
    // index was made, otherwise those this process or the last build kept.
    let words_now: Vec<Option<std::sync::Arc<str>>> = match &made_words {
        Some((words, _)) => words.iter().cloned().map(Some).collect(),
        None => (0..kept.len()).map(known_words).collect(),
    };
    search_words.extend(
        (made_from.iter().zip(words_now)).filter_map(|(from, words)| Some((*from, words?))),
    );
    // Each drawn figure, as an SVG file the pages show.
    let figures: Vec<_> = (library.exercises.par_iter())
        .filter_map(|(slug, exercise)| {
            let (Some(pose), None) = (&exercise.pose, &exercise.image) else {
                return None;
            };
            let path = crate::views::figure_path(slug);
            Some((path, plan.fingerprints.figure(slug), (exercise, pose)))
        })
        .collect();
    let placer = output.placer();
    plan.render_each(
        plan.render_or_keep_each(output, figures),
        |(path, fingerprint, (exercise, pose))| {
            let alt = exercise
                .figure_alt
                .clone()
                .unwrap_or_else(|| crate::figure::describe(&exercise.title, pose, words));
            let svg = crate::figure::svg::svg(&crate::figure::draw(pose), &alt, words);
            (placer.place(path, svg.into_bytes()), fingerprint)
        },
        |(placed, fingerprint)| output.placed(placed, Some(fingerprint)),
    );
    let (languages, code) = (here.languages, here.code);
    let pages: Vec<_> = (exercises.par_iter().zip(&made_from).enumerate())
        .map(|(i, (exercise, &from))| {
            let path = exercise_url(&exercise.slug);
            let page = Page::Exercise(&exercise.slug);
            let (alternates, fingerprint) = alternates_in(languages, code, page, &path, from);
            (path, fingerprint, (i, alternates))
        })
        .collect();
    let pages = plan.render_or_keep_each(output, pages);
    if !pages.is_empty() {
        // Their template values, made on every core, before the pages use them.
        let values = exercise_values();
        let contexts = pages
            .into_par_iter()
            .map(|(path, fingerprint, (i, alternates))| {
                let exercise = &exercises[i];
                let summary = exercise.summary.as_deref();
                let mut context = page_context(library, &site, &path, summary, &here, &alternates);
                context.insert_value("exercise", values[i].clone());
                if let Some(source) = library.exercises.get(&exercise.slug) {
                    context.insert("jsonld", &exercise_plan_json(view(i), source));
                }
                ("exercise.html", path, context, Some(fingerprint))
            });
        jobs.par_extend(contexts);
    }
    let letter_pages = letters
        .iter()
        .flat_map(|v| pages_of(v, words))
        .map(|p| (p, true));
    let facet_pages = facets
        .iter()
        .flat_map(|facet| facet.values.iter().flat_map(|v| pages_of(v, words)))
        .map(|p| (p, false));
    let listings: Vec<(ListingPage, bool)> = letter_pages.chain(facet_pages).collect();
    let listings: Vec<_> = listings
        .into_par_iter()
        .map(|(listing, is_letter)| {
            let value = &listing.value;
            let slugs: Vec<&str> = (value.exercises.iter())
                .map(|i| exercises[*i].slug.as_str())
                .collect();
            let fingerprint = if is_letter {
                plan.fingerprints.letter(value, &slugs, letters)
            } else {
                plan.fingerprints.listing(value, &slugs)
            };
            let (alternates, fingerprint) =
                alternates_in(languages, code, Page::Other, &value.url, fingerprint);
            (
                value.url.clone(),
                fingerprint,
                (listing, is_letter, alternates),
            )
        })
        .collect();
    for (url, fingerprint, (listing, is_letter, alternates)) in
        plan.render_or_keep_each(output, listings)
    {
        let value = &listing.value;
        let mut context = page_context(
            library,
            &site,
            &value.url,
            Some(&value.heading),
            &here,
            &alternates,
        );
        context.insert("listing", value);
        context.insert("pager", &listing.pager);
        if is_letter {
            context.insert("letters", &letters);
        }
        let listed: Vec<Value> = value
            .exercises
            .iter()
            .map(|i| exercise_values()[*i].clone())
            .collect();
        context.insert_value("exercises", Value::from(listed));
        jobs.push(("listing.html", url, context, Some(fingerprint)));
    }
    let not_found = plan.fingerprints.not_found_page();
    if main && plan.render_or_keep(output, "404.html", not_found) {
        jobs.push((
            "404.html",
            "404.html".into(),
            {
                // Served at any address, so its links start from the site's path when it is known
                // ("/" for https://clinic.example/, "/exercises/" under a sub-path); they work on
                // the published site and under `handout serve` alike. Without a base_url the
                // site is taken to be served from the host's root, as `handout serve` serves it.
                let mut context = base_context(&site, 0, 0);
                let root = library.site.base_url.as_deref().map(site_path);
                context.insert("root", root.unwrap_or("/"));
                context.insert("assets", root.unwrap_or("/"));
                context.insert("alternates", &Vec::<Alternate>::new());
                let meta = PageMeta::new(library, "404.html", None, words);
                context.insert("page", &PageMeta { url: None, ..meta });
                context
            },
            Some(not_found),
        ));
    }
    let builder_page = plan.fingerprints.builder_page();
    let builder = crate::builder::publish::PAGE;
    if main && library.site.builder && plan.render_or_keep(output, builder, builder_page) {
        let description = "Make a home-exercise handout for one patient.";
        let context = page_context(library, &site, builder, Some(description), &here, &[]);
        jobs.push(("builder.html", builder.into(), context, Some(builder_page)));
    }
    for (i, condition) in conditions.iter().enumerate() {
        let fingerprint = plan.fingerprints.condition_page(&condition.slug);
        let url = crate::views::condition_url(&condition.slug);
        let (alternates, fingerprint) =
            here.alternates(Page::Condition(&condition.slug), &url, fingerprint);
        if !plan.render_or_keep(output, &url, fingerprint) {
            continue;
        }
        let summary = condition.summary.as_deref();
        let mut context = page_context(library, &site, &url, summary, &here, &alternates);
        context.insert_value("condition", condition_values()[i].1.clone());
        jobs.push(("condition.html", url, context, Some(fingerprint)));
    }
    let placer = output.placer();
    plan.render_each(
        jobs,
        |(template, path, context, fingerprint)| -> Result<_, Vec<Diagnostic>> {
            let html = theme.render(template, &context)?;
            Ok((placer.place(path, html.into_bytes()), fingerprint))
        },
        |result| match result {
            Ok((placed, fingerprint)) => output.placed(placed, fingerprint),
            Err(d) => diagnostics.extend(d),
        },
    );

    // Left for the next build, which may show them again (`serve`). What is left
    // over is freed out of the way: at 10,000 exercises that takes 80 ms.
    let values_made = exercise_cell.into_inner();
    // Which last memos hold all this build made of their exercise: those are
    // left as they are.
    let current: Vec<bool> = (kept.iter().enumerate())
        .map(|(i, memo)| {
            memo.is_some_and(|m| {
                (values_made.is_none() || m.value.is_some())
                    && made_words.as_ref().is_none_or(|(_, items)| {
                        m.words.is_some()
                            && m.item.as_ref().map(|(hash, _)| hash) == Some(&items[i].0)
                    })
            })
        })
        .collect();
    drop(kept);
    remember(
        &mut memos,
        (&made_from, &exercises, &current),
        values_made,
        made_words,
    );
    let (conditions, gone) = match condition_cell.into_inner() {
        Some(made) => (
            by_slug(conditions.iter().map(|c| c.slug.as_str()), made),
            remembered_conditions,
        ),
        None => (remembered_conditions, Default::default()),
    };
    let made = Made {
        exercises: memos,
        conditions,
        browse: Some(browse),
    };
    values.by_language.insert(code.to_string(), made);
    crate::build::plan::drop_aside(gone);
    views.into_par_iter().for_each(drop);
    if !main {
        crate::diagnostic::sort_and_dedup(&mut diagnostics);
        return diagnostics;
    }
    for (path, bytes) in theme.static_files() {
        if library.site.builder || !path.starts_with("builder/") {
            output.add(path.to_string(), bytes.to_vec());
        }
    }
    for exercise in library.exercises.values() {
        if let Some(image) = &exercise.image {
            output.copy(image.asset.output.clone(), image.asset.source.clone());
        }
    }
    crate::diagnostic::sort_and_dedup(&mut diagnostics);
    diagnostics
}

/// Renders the pages left at old addresses: a redirect for each alias, a notice
/// where a removed exercise or condition was (`removed_pages: keep`).
pub fn render_old_addresses(
    library: &Library,
    theme: &Theme,
    pages: &std::collections::BTreeMap<String, crate::build::addresses::OldAddress>,
    output: &mut Output,
) -> Vec<Diagnostic> {
    use crate::build::addresses::OldAddress;
    if pages.is_empty() {
        return Vec::new();
    }
    let mut diagnostics = Vec::new();
    // An old address under "es/" gets its page in Spanish.
    let mut speakers = Vec::new();
    for t in &library.translations {
        let prefix = format!("{}/", t.library.site.language);
        if !pages.keys().any(|a| a.starts_with(&prefix)) {
            continue;
        }
        match theme.in_language(&t.library.site.language, library.site.raw_html) {
            Ok(theme) => speakers.push((prefix, &t.library, theme)),
            Err(d) => diagnostics.extend(d),
        }
    }
    let languages = Languages::default();
    for (address, page) in pages {
        let (library, theme) = speakers
            .iter()
            .find(|(prefix, ..)| address.starts_with(prefix.as_str()))
            .map_or((library, theme), |(_, library, theme)| (*library, theme));
        let site = Value::from_serializable(&SiteView::new(library));
        let here = Here {
            languages: &languages,
            words: &theme.strings,
            code: &library.site.language,
            depth: 0,
        };
        let path = format!("{address}index.html");
        let mut context = page_context(library, &site, &path, None, &here, &[]);
        let template = match page {
            OldAddress::Moved { target, title } => {
                let url = format!(
                    "{}{target}index.html",
                    root_prefix(path.matches('/').count())
                );
                context.insert("target", &serde_json::json!({ "title": title, "url": url }));
                "redirect.html"
            }
            OldAddress::Removed => {
                let section = address
                    .trim_end_matches('/')
                    .rsplit('/')
                    .nth(1)
                    .unwrap_or_default();
                let kind = match section {
                    "exercises" => "exercise",
                    "conditions" => "condition",
                    _ => "page",
                };
                context.insert("removed", &serde_json::json!({ "kind": kind }));
                "removed.html"
            }
        };
        match theme.render(template, &context) {
            Ok(html) => output.add(path, html.into_bytes()),
            Err(d) => diagnostics.extend(d),
        }
    }
    diagnostics
}

/// The path of a full web address: "https://clinic.example/ex/" → "/ex/".
fn site_path(base_url: &str) -> &str {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |at| &after_scheme[at..])
}

/// schema.org ExercisePlan for an exercise page, safe to place inside a <script>
/// element: plain text (no Markdown), and repetitions as a number (or a range).
fn exercise_plan_json(
    exercise: &ExerciseView,
    source: &crate::content::library::Exercise,
) -> String {
    use serde_json::{Value as Json, json};
    let mut plan = json!({
        "@context": "https://schema.org",
        "@type": "ExercisePlan",
        "name": exercise.title,
        "text": crate::content::markdown::plain_text(exercise.body),
    });
    let text = |value: Option<String>| value.map(Json::String);
    let frequency = exercise
        .dosage
        .parts
        .iter()
        .find(|p| p.label == "How often")
        .map(|p| p.text.clone());
    let repetitions = source.dosage.reps.map(|r| {
        if r.min == r.max {
            json!(r.min)
        } else {
            json!({ "@type": "QuantitativeValue", "minValue": r.min, "maxValue": r.max })
        }
    });
    let fields = [
        (
            "description",
            text(exercise.summary.map(crate::content::markdown::inline_text)),
        ),
        (
            "exerciseType",
            text(exercise.kind.as_ref().map(|k| k.label.clone())),
        ),
        ("url", text(exercise.link.clone())),
        ("video", text(exercise.video.map(str::to_string))),
        ("activityFrequency", text(frequency)),
        ("repetitions", repetitions),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            plan[key] = value;
        }
    }
    script_json(&plan.to_string())
}

/// JSON that is safe inside a script element: `<`, `>` and `&` (which can only occur
/// inside strings) become escapes, so no value can end the element ("</script>") or
/// open a comment.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    let mut rest = json;
    while let Some(at) = rest.find(['<', '>', '&']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// sitemap.xml, with every page's full address, when the site has a `base_url`:
/// made once every language's pages are in `output`.
pub fn render_sitemap(library: &Library, plan: &Plan, output: &mut Output) {
    let Some(base) = &library.site.base_url else {
        return;
    };
    let pages: Vec<String> = output
        .paths()
        .filter(|p| p.ends_with("index.html"))
        .map(str::to_string)
        .collect();
    let fingerprint = crate::build::cache::hash_of((base, &pages));
    if plan.render_or_keep(output, "sitemap.xml", fingerprint) {
        let sitemap = sitemap(base, &pages);
        output.add_made(
            "sitemap.xml".into(),
            sitemap.into_bytes(),
            Some(fingerprint),
        );
    }
}

/// sitemap.xml: every page's full address.
fn sitemap(base: &str, pages: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let folder = page.trim_end_matches("index.html");
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::content::markdown::escape(&format!("{base}{folder}"))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}
