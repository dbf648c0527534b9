//! What templates see: the library's values shaped for display (labels in plain
//! words, dosages as text, links relative to the output root).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::content::dosage::{Dosage, DosagePart, DoseCell};
use crate::content::library::{Condition, Exercise, Library, SiteConfig, label, position_label};
use crate::content::markdown::{self, Section};
use crate::strings::Strings;

#[derive(Serialize, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub label: String,
    /// The page listing every exercise with this value, from the output root.
    pub url: String,
}

impl Named {
    /// A value of a facet (`regions`, `kinds`, `positions`, `equipment`) with its listing page.
    pub fn new(facet: &str, name: &str, label: String) -> Self {
        Named {
            name: name.to_string(),
            url: format!("{facet}/{name}/index.html"),
            label,
        }
    }
}

/// A value many views show alike (a dose box, a facet value), made once and
/// shared. Templates get one Tera value for it, made the first time a page asks:
/// every page and exercise showing it shares that value (Tera clones its `Arc`)
/// rather than each putting the same fields into a value of its own. Written by
/// any other serializer, it is that value's form of the same fields.
pub struct Shared<T>(Arc<(T, OnceLock<tera::Value>)>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new((value, OnceLock::new())))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

/// Alike when what they hold is, whether or not it is the very same.
impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.0 == other.0.0
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0.0
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (value, made) = &*self.0;
        made.get_or_init(|| tera::Value::from_serializable(value))
            .serialize(serializer)
    }
}

/// A piece of equipment's browse page, named in the words of `words`' language.
fn gear_link(name: &str, words: &Strings) -> Named {
    let slug = crate::content::validate::slugify(name);
    let label = words_for(words, &format!("equipment-{slug}"), || name.to_string());
    Named::new("equipment", &slug, label)
}

/// The message `id`, or `otherwise` for a value the site added itself, which
/// handout has no words for.
fn words_for(words: &Strings, id: &str, otherwise: impl FnOnce() -> String) -> String {
    if words.has(id) {
        words.get(id, &[])
    } else {
        otherwise()
    }
}

/// One piece of equipment as an exercise page shows it: its name, linked to its
/// browse page, and the author's note after it ("(if you like)").
#[derive(Serialize)]
pub struct GearView<'a> {
    pub link: Shared<Named>,
    pub note: Option<&'a str>,
}

#[derive(Serialize, Clone)]
pub struct DosageView {
    /// "Hold 1 minute · Repeat 1–2 times · Each side · Twice a day"
    pub text: String,
    pub parts: Vec<DosagePart>,
    /// Labelled values for a printed dose box ("Repeat" / "10 times").
    pub cells: Vec<DoseCell>,
    /// Whether the dose says how often; a printed log assumes daily without it.
    pub has_frequency: bool,
    pub sessions_per_day: u32,
}

impl DosageView {
    /// The dose for templates; the dose box in the words of `words`' language.
    pub fn new(d: &Dosage, words: &Strings) -> Self {
        DosageView {
            text: d.spoken(words),
            parts: d.parts(words),
            cells: d.cells(words),
            has_frequency: d.frequency.is_some(),
            sessions_per_day: d.frequency.map_or(1, |f| f.sessions_per_day()),
        }
    }
}

#[derive(Serialize)]
pub struct ProgramLink {
    pub title: String,
    pub url: String,
    pub other_dose: Option<String>,
}

#[derive(Serialize)]
pub struct ImageView {
    pub src: String,
    pub alt: String,
}

/// A figure drawn from a pose.
#[derive(Serialize)]
pub struct FigureView {
    /// The SVG file, from the output root.
    pub src: String,
    pub alt: String,
}

#[derive(Serialize)]
pub struct ExerciseView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub kind: Option<Shared<Named>>,
    pub regions: Vec<Shared<Named>>,
    pub position: Option<Shared<Named>>,
    pub equipment: &'a [String],
    /// The equipment's vocabulary names, each with its listing page, once each.
    pub equipment_links: Vec<Shared<Named>>,
    /// The equipment as written, each name linked and its note beside it.
    pub gear: Vec<GearView<'a>>,
    pub weight: u32,
    /// The file's `extra:` fields, unchecked, for a theme's own use.
    pub extra: Option<&'a serde_yaml::Value>,
    pub dosage: Shared<DosageView>,
    pub cautions: &'a [String],
    pub image: Option<ImageView>,
    /// The figure drawn from the exercise's `pose`, when it has one and no image.
    pub figure: Option<FigureView>,
    pub video: Option<&'a str>,
    /// Markdown: use the `markdown` filter on pages, `sheet_markdown` on sheets.
    pub body: &'a str,
    pub url: String,
    /// The page's full web address, when the site has a `base_url`.
    pub link: Option<String>,
    /// What a sheet's QR code opens: the video, else the web page (when known).
    pub qr: Option<String>,
    /// The one-page card for this exercise, when the site builds cards.
    pub card: Option<String>,
    /// The conditions whose programs include it; `other_dose` is a condition's
    /// own dose in words where it differs from the exercise's.
    pub conditions: Vec<ProgramLink>,
}

/// The published address of an exercise's page (its folder, as web servers serve it).
fn web_address(library: &Library, slug: &str) -> Option<String> {
    let base = library.site.base_url.as_deref()?;
    Some(format!("{base}exercises/{slug}/"))
}

/// Where an exercise's drawn figure is written, from the output root.
pub fn figure_path(slug: &str) -> String {
    format!("figures/{slug}.svg")
}

pub fn exercise_url(slug: &str) -> String {
    format!("exercises/{slug}/index.html")
}

pub fn condition_url(slug: &str) -> String {
    format!("conditions/{slug}/index.html")
}

pub fn handout_path(slug: &str) -> String {
    format!("handouts/{slug}.pdf")
}

pub fn large_print_path(slug: &str) -> String {
    format!("handouts/large-print/{slug}.pdf")
}

pub fn card_path(slug: &str) -> String {
    format!("handouts/exercises/{slug}.pdf")
}

/// A position in plain words in the site's language: its `position-<name>`
/// message, or for a position of the site's own, its name made readable.
fn position_words(words: &Strings, position: &str) -> String {
    words_for(words, &format!("position-{position}"), || {
        position_label(position)
    })
}

/// What many exercises of a library show alike, each put in words once: 10,000
/// exercises share a few dozen doses and facet values, and wording one (a dose
/// box, a label in the site's language) takes a while. Each is [`Shared`], so
/// pages share its template value too.
#[derive(Default)]
pub struct Wording<'a> {
    doses: HashMap<&'a Dosage, Shared<DosageView>>,
    kinds: HashMap<&'a str, Shared<Named>>,
    regions: HashMap<&'a str, Shared<Named>>,
    positions: HashMap<&'a str, Shared<Named>>,
    /// By the equipment's vocabulary name.
    gear: HashMap<&'a str, Shared<Named>>,
}

impl<'a> Wording<'a> {
    /// None kept: each dose and value is put in words where it is shown.
    pub fn none() -> Self {
        Wording::default()
    }

    /// The wording for showing `shown` exercises or sheets of `library`: all of
    /// it ([`Wording::new`]) when they are many, none when a few (as after one
    /// saved file), which is quicker than wording the whole library.
    pub fn for_showing(library: &'a Library, words: &Strings, shown: usize) -> Self {
        match shown {
            0..=64 => Wording::none(),
            _ => Wording::new(library, words),
        }
    }

    /// Every dose and facet value of `library`'s exercises and conditions, in
    /// `words`' language.
    pub fn new(library: &'a Library, words: &Strings) -> Self {
        use rayon::prelude::*;
        use std::collections::HashSet;
        let exercises = library.exercises.values();
        // Each exercise's dose, and each a condition gives one of its exercises.
        let entries = library.conditions.values().flat_map(|c| &c.entries);
        let distinct: HashSet<&Dosage> = (exercises.clone().map(|e| &e.dosage))
            .chain(entries.map(|entry| &entry.dosage))
            .collect();
        let distinct: Vec<&Dosage> = distinct.into_iter().collect();
        let doses = (distinct.into_par_iter())
            .map(|d| (d, Shared::new(DosageView::new(d, words))))
            .collect();
        fn each<'a>(
            names: impl Iterator<Item = &'a str>,
            make: impl Fn(&str) -> Named,
        ) -> HashMap<&'a str, Shared<Named>> {
            let distinct: HashSet<&str> = names.collect();
            (distinct.into_iter())
                .map(|name| (name, Shared::new(make(name))))
                .collect()
        }
        Wording {
            doses,
            kinds: each(exercises.clone().filter_map(|e| e.kind.as_deref()), |k| {
                kind_named(k, words)
            }),
            regions: each(
                exercises
                    .clone()
                    .flat_map(|e| e.regions.iter().map(String::as_str)),
                |r| region_named(r, words),
            ),
            positions: each(
                exercises.clone().filter_map(|e| e.position.as_deref()),
                |p| position_named(p, words),
            ),
            gear: each(
                exercises.flat_map(|e| e.gear.iter().map(|g| g.name.as_str())),
                |name| gear_link(name, words),
            ),
        }
    }

    /// `dosage` in words, as its dose box's text.
    fn spoken(&self, dosage: &Dosage, words: &Strings) -> String {
        match self.doses.get(dosage) {
            Some(view) => view.text.clone(),
            None => dosage.spoken(words),
        }
    }

    fn dose(&self, dosage: &Dosage, words: &Strings) -> Shared<DosageView> {
        match self.doses.get(dosage) {
            Some(view) => view.clone(),
            None => Shared::new(DosageView::new(dosage, words)),
        }
    }
}

/// The value `name` of the facet kept in `kept`, or made now.
fn named(
    kept: &HashMap<&str, Shared<Named>>,
    name: &str,
    make: impl FnOnce() -> Named,
) -> Shared<Named> {
    match kept.get(name) {
        Some(named) => named.clone(),
        None => Shared::new(make()),
    }
}

fn gear_named(wording: &Wording, name: &str, words: &Strings) -> Shared<Named> {
    named(&wording.gear, name, || gear_link(name, words))
}

fn kind_named(kind: &str, words: &Strings) -> Named {
    let label = words_for(words, &format!("kind-{kind}"), || label(kind));
    Named::new("kinds", kind, label)
}

fn position_named(position: &str, words: &Strings) -> Named {
    Named::new("positions", position, position_words(words, position))
}

fn region_named(region: &str, words: &Strings) -> Named {
    let label = words_for(words, &format!("region-{region}"), || label(region));
    Named::new("regions", region, label)
}

impl<'a> ExerciseView<'a> {
    /// `words`: the site's language, for the dose box.
    pub fn new(library: &'a Library, words: &Strings, e: &'a Exercise) -> Self {
        Self::with_wording(library, words, e, &Wording::none())
    }

    /// [`ExerciseView::new`], its dose box and facet values taken from `wording`
    /// where it holds them.
    pub fn with_wording(
        library: &'a Library,
        words: &Strings,
        e: &'a Exercise,
        wording: &Wording,
    ) -> Self {
        ExerciseView {
            slug: &e.slug,
            title: &e.title,
            summary: e.summary.as_deref(),
            kind: (e.kind.as_deref()).map(|k| named(&wording.kinds, k, || kind_named(k, words))),
            regions: (e.regions.iter())
                .map(|r| named(&wording.regions, r, || region_named(r, words)))
                .collect(),
            equipment_links: {
                let mut links: Vec<Shared<Named>> = Vec::new();
                for gear in &e.gear {
                    let link = gear_named(wording, &gear.name, words);
                    if !link.name.is_empty() && !links.iter().any(|l| l.name == link.name) {
                        links.push(link);
                    }
                }
                links
            },
            weight: e.weight,
            extra: e.extra.as_ref(),
            gear: e
                .gear
                .iter()
                .map(|g| GearView {
                    link: gear_named(wording, &g.name, words),
                    note: g.note.as_deref(),
                })
                .collect(),
            position: (e.position.as_deref())
                .map(|p| named(&wording.positions, p, || position_named(p, words))),
            equipment: &e.equipment,
            dosage: wording.dose(&e.dosage, words),
            cautions: &e.cautions,
            image: e.image.as_ref().map(|i| ImageView {
                src: i.asset.output.clone(),
                alt: i.alt.clone(),
            }),
            figure: e
                .pose
                .as_ref()
                .filter(|_| e.image.is_none())
                .map(|pose| FigureView {
                    src: figure_path(&e.slug),
                    alt: e
                        .figure_alt
                        .clone()
                        .unwrap_or_else(|| crate::figure::describe(&e.title, pose, words)),
                }),
            video: e.video.as_deref(),
            body: &e.body.text,
            url: exercise_url(&e.slug),
            link: web_address(library, &e.slug),
            qr: e.video.clone().or_else(|| web_address(library, &e.slug)),
            card: (library.site.sheets && library.site.cards).then(|| card_path(&e.slug)),
            conditions: library
                .conditions_using(&e.slug)
                .map(|c| ProgramLink {
                    title: c.title.clone(),
                    url: condition_url(&c.slug),
                    other_dose: c
                        .entries
                        .iter()
                        .find(|entry| entry.exercise == e.slug && entry.dosage != e.dosage)
                        .map(|entry| wording.spoken(&entry.dosage, words)),
                })
                .collect(),
        }
    }
}

/// One exercise of a condition's list. `E` is how the exercise is shown: its
/// view, or (for pages) the Tera value made from that view once per build, which
/// every page showing the exercise shares.
#[derive(Serialize)]
pub struct EntryView<'a, E = ExerciseView<'a>> {
    pub exercise: E,
    /// The effective dosage: the exercise's own with the condition's override applied.
    pub dosage: Shared<DosageView>,
    pub note: Option<&'a str>,
    /// 1-based position in the condition's list.
    pub number: usize,
    /// What a printed QR code opens: the exercise's video, else a page showing this
    /// very dose; none where no published page shows it.
    pub qr: Option<String>,
    /// The id of this entry on the condition page.
    pub anchor: String,
    /// The exercise's own dose in words, where this entry's differs from it.
    pub own_dose: Option<String>,
}

/// Whom a sheet of exercises is for, which decides where its QR codes may lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A condition's published handout: its page shows every dose on the sheet.
    Condition,
    /// One patient's sheet: a dose may differ from every published page.
    Patient,
}

/// The id of an exercise's entry on a condition page, so a link can land on it.
pub fn entry_anchor(exercise: &str) -> String {
    format!("exercise-{exercise}")
}

#[derive(Serialize)]
pub struct ConditionView<'a, E = ExerciseView<'a>> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    /// Markdown before the first `## ` heading.
    pub introduction: String,
    /// The body's `## ` sections (safety, when to seek help, ...), as Markdown.
    pub sections: Vec<Section>,
    pub entries: Vec<EntryView<'a, E>>,
    /// The most sessions a day any entry asks for: the log explains its boxes when
    /// this is more than one.
    pub most_sessions_per_day: u32,
    pub url: String,
    /// The handout, when the site's language gets printed sheets.
    pub handout: Option<String>,
    /// The large-print handout, when the site builds them.
    pub handout_large_print: Option<String>,
    /// Markdown.
    pub disclaimer: &'a str,
    /// The short form for page footers: the site's, or the first sentence of the condition's own.
    pub disclaimer_short: String,
    /// How long to keep going ("6 weeks", in the page's language) and when to
    /// come back, if the condition says.
    pub duration: Option<String>,
    pub follow_up: Option<&'a str>,
}

impl<'a> ConditionView<'a> {
    pub fn new(library: &'a Library, words: &Strings, c: &'a Condition) -> Self {
        Self::for_audience(library, words, c, Audience::Condition)
    }

    pub fn for_audience(
        library: &'a Library,
        words: &Strings,
        c: &'a Condition,
        audience: Audience,
    ) -> Self {
        Self::showing(library, words, c, audience, &Wording::none(), |e| {
            ExerciseView::new(library, words, e)
        })
    }
}

impl<'a, E> ConditionView<'a, E> {
    /// The condition for `audience`, each exercise shown as `show` makes it and
    /// each dose box taken from `wording` where it holds it.
    pub fn showing(
        library: &'a Library,
        words: &Strings,
        c: &'a Condition,
        audience: Audience,
        wording: &Wording,
        show: impl Fn(&'a Exercise) -> E,
    ) -> Self {
        let (introduction, sections) = markdown::split_sections(&c.body.text);
        let entries: Vec<EntryView<E>> = c
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let exercise = library.exercises.get(&entry.exercise)?;
                let base = library.site.base_url.as_deref();
                let page = match audience {
                    Audience::Condition => base.map(|base| {
                        format!(
                            "{base}conditions/{}/#{}",
                            c.slug,
                            entry_anchor(&exercise.slug)
                        )
                    }),
                    // A dose prescribed for one patient is on no page: no code
                    // rather than one that shows another dose.
                    Audience::Patient if entry.dosage != exercise.dosage => None,
                    Audience::Patient => web_address(library, &exercise.slug),
                };
                let video = match audience {
                    Audience::Patient if entry.dosage != exercise.dosage => None,
                    _ => exercise.video.clone(),
                };
                Some(EntryView {
                    own_dose: (entry.dosage != exercise.dosage)
                        .then(|| wording.spoken(&exercise.dosage, words)),
                    qr: video.or(page),
                    anchor: entry_anchor(&exercise.slug),
                    exercise: show(exercise),
                    dosage: wording.dose(&entry.dosage, words),
                    note: entry.note.as_deref(),
                    number: i + 1,
                })
            })
            .collect();
        ConditionView {
            slug: &c.slug,
            title: &c.title,
            summary: c.summary.as_deref(),
            introduction,
            sections,
            most_sessions_per_day: entries
                .iter()
                .map(|e| e.dosage.sessions_per_day)
                .max()
                .unwrap_or(1),
            entries,
            url: condition_url(&c.slug),
            handout: library.site.sheets.then(|| handout_path(&c.slug)),
            handout_large_print: (library.site.sheets && library.site.large_print)
                .then(|| large_print_path(&c.slug)),
            disclaimer: library.disclaimer_for(c),
            duration: c
                .duration
                .as_deref()
                .map(|d| crate::content::validate::spoken_duration(d, words)),
            follow_up: c.follow_up.as_deref(),
            disclaimer_short: match &c.disclaimer {
                Some(own) => crate::content::library::short_disclaimer(own),
                None => library.site.disclaimer_short.clone(),
            },
        }
    }
}

#[derive(Serialize)]
pub struct SiteView<'a> {
    #[serde(flatten)]
    pub config: &'a SiteConfig,
    /// The clinic's phone as a `tel:` link: "(555) 010-4477" → "tel:5550104477".
    pub phone_link: Option<String>,
    /// "rtl" for a language written right to left, else "ltr".
    pub direction: &'static str,
}

impl<'a> SiteView<'a> {
    pub fn new(library: &'a Library) -> Self {
        SiteView {
            config: &library.site,
            phone_link: library.site.clinic.phone.as_deref().map(tel_link),
            direction: match crate::content::library::writes_right_to_left(&library.site.language) {
                true => "rtl",
                false => "ltr",
            },
        }
    }
}

/// A phone number as a `tel:` address: its digits, and a leading `+` if it has one.
pub fn tel_link(phone: &str) -> String {
    let plus = if phone.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}

#[cfg(test)]
mod tests {
    use super::{Named, Shared, tel_link};

    #[test]
    fn a_shared_value_reads_as_what_it_holds_however_it_is_written() {
        #[derive(serde::Serialize)]
        struct Holder<N> {
            kind: N,
            regions: Vec<N>,
        }
        let named = Named::new("kinds", "stretch", "Stretch".into());
        let plain = Holder {
            kind: named.clone(),
            regions: vec![named.clone(), named.clone()],
        };
        let one = Shared::new(named);
        let shared = Holder {
            kind: one.clone(),
            regions: vec![one.clone(), one],
        };
        let plain_value = tera::Value::from_serializable(&plain);
        assert_eq!(tera::Value::from_serializable(&shared), plain_value);
        // The one value made is what a second page is given.
        assert_eq!(tera::Value::from_serializable(&shared), plain_value);
        assert_eq!(
            serde_json::to_value(&shared).unwrap(),
            serde_json::to_value(&plain).unwrap()
        );
        assert_eq!(shared.kind.label, "Stretch");
    }

    #[test]
    fn a_phone_link_holds_only_digits_and_a_leading_plus() {
        assert_eq!(tel_link("(555) 010-4477"), "tel:5550104477");
        assert_eq!(tel_link(" +44 20 7946 0958"), "tel:+442079460958");
    }
}
