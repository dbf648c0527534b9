//! The build cache: what each output file was made from, so the next build renders
//! only the files whose inputs changed and carries the rest over from the previous
//! output.
//!
//! Every output file gets a fingerprint: a hash of everything it is made from (its
//! exercise or condition file, the exercises a condition lists, pictures, site.yaml,
//! the theme's templates, the program itself). The cache records, per output path,
//! that fingerprint and the length and modification time the file had when written.
//! A file is carried over only when its fingerprint is unchanged and the previous
//! output still holds the very file the cache describes; anything else (a missing,
//! unreadable or foreign cache, a file edited by hand in output/) means rendering it
//! again. The cache lives beside the output folder, never inside it.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::content::dosage::Dosage;
use crate::content::library::{Exercise, Library};
use crate::site::FacetValue;
use crate::theme::Theme;

const FORMAT: u32 = 3;

/// A hasher that gives the same value on every run and machine (XXH3 with its
/// default secret), unlike std's randomly keyed one: for fingerprints and stamps.
/// XXH3 hashes long texts (10 MB of content at 10,000 exercises, every build)
/// several times faster than SipHash, and as evenly.
pub(crate) fn stable_hasher() -> xxhash_rust::xxh3::Xxh3Default {
    xxhash_rust::xxh3::Xxh3Default::new()
}

/// A stable 64-bit hash of `value` ([`stable_hasher`]).
pub(crate) fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = stable_hasher();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A hash of a cache's entries.
fn entries_hash(entries: &BTreeMap<String, Entry>) -> u64 {
    hash_of(
        entries
            .iter()
            .map(|(path, e)| (path, e.fingerprint, e.stamp))
            .collect::<Vec<_>>(),
    )
}

/// What a file on disk looked like, to tell whether it is still the one we wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub secs: u64,
    pub nanos: u32,
}

impl Stamp {
    /// Whether the file at `path` is still the one this stamp describes.
    pub fn still(&self, path: &Path) -> bool {
        Stamp::of(path).is_some_and(|now| now == *self)
    }

    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            len: meta.len(),
            secs: modified.as_secs(),
            nanos: modified.subsec_nanos(),
        })
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: u64,
    pub stamp: Stamp,
    /// Whether the file still had this stamp when the cache was loaded.
    #[serde(skip)]
    pub untouched: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    format: u32,
    /// The program that wrote it; another version's cache is not used.
    tool: String,
    pub entries: BTreeMap<String, Entry>,
    /// What the build that wrote the output read and reported.
    #[serde(default)]
    pub last: Option<LastBuild>,
    /// How each text read, by a hash of what it was read from: the reading check
    /// reads only what changed.
    #[serde(default)]
    pub readings: crate::content::reading::Readings,
    /// Each exercise's search words, by its page's fingerprint.
    #[serde(default)]
    pub search_words: crate::site::search::Known,
}

/// What a build read and reported: when nothing it read has changed and its output
/// is untouched, the next build reports the same and does nothing else.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LastBuild {
    /// The stamp of the site's folders as it started ([`crate::build::inputs::folders`]).
    pub folders: u64,
    /// The pictures and logo it read, wherever they are in the site, and their stamp.
    pub pictures: Vec<PathBuf>,
    pub pictures_stamp: u64,
    /// The record of published addresses as it left it (none for a preview).
    pub published: Option<Stamp>,
    /// A hash of the cache's entries as written: a cache changed since is not believed.
    pub entries: u64,
    /// Its output files without a fingerprint (the theme's static files), as written.
    pub unfingerprinted: BTreeMap<String, Stamp>,
    pub pages: usize,
    pub pdfs: usize,
    pub files: usize,
    pub hard_to_read: usize,
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// What each further language still lacks.
    pub untranslated: Vec<crate::content::validate::Missing>,
}

/// Where the cache of the output folder `target` lives: beside it.
pub fn path_for(target: &Path) -> PathBuf {
    let name = crate::build::lock::name_of(target);
    target.with_file_name(format!(".{name}.handout-cache.json"))
}

/// This program, down to its build: its version and its executable's size and time,
/// as they were when this process first asked (the code running is that build's,
/// even if the file is replaced since). Asked once per figure, so looked up once.
pub(crate) fn tool_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().ok().and_then(|p| Stamp::of(&p));
        format!("handout {} {exe:?}", env!("CARGO_PKG_VERSION"))
    })
}

impl Cache {
    /// The cache for `target`, or why there is none to use.
    pub fn load(target: &Path) -> Result<Cache, String> {
        let path = path_for(target);
        let text = std::fs::read(&path).map_err(|e| format!("no build cache ({e})"))?;
        let cache: Cache = serde_json::from_slice(&text)
            .map_err(|e| format!("ignoring unreadable build cache {}: {e}", path.display()))?;
        if cache.format != FORMAT || cache.tool != tool_id() {
            return Err("ignoring the build cache of another version of handout".into());
        }
        let mut cache = cache;
        cache.look_at(target);
        Ok(cache)
    }

    /// Notes which of the files in `target` are still as written, looking at them
    /// all at once, in parallel (a build asks about each of them).
    fn look_at(&mut self, target: &Path) {
        use rayon::prelude::*;
        let mut entries: Vec<(&String, &mut Entry)> = self.entries.iter_mut().collect();
        entries
            .par_iter_mut()
            .for_each(|(path, entry)| entry.untouched = entry.stamp.still(&target.join(path)));
    }

    /// Whether the previous output still holds `path` exactly as made from inputs
    /// with `fingerprint` (as it did when the cache was loaded).
    pub fn is_fresh(&self, path: &str, fingerprint: u64) -> bool {
        self.entries
            .get(path)
            .is_some_and(|entry| entry.fingerprint == fingerprint && entry.untouched)
    }

    /// The stamp of `path` as written, while it is still as written.
    pub fn untouched_stamp(&self, path: &str) -> Option<Stamp> {
        self.entries
            .get(path)
            .filter(|entry| entry.untouched)
            .map(|entry| entry.stamp)
    }

    /// Every file the last build wrote, when the cache records them all.
    pub fn files(&self) -> Option<Vec<String>> {
        let last = self.last.as_ref()?;
        Some(
            self.entries
                .keys()
                .chain(last.unfingerprinted.keys())
                .cloned()
                .collect(),
        )
    }

    /// Whether `target` still holds exactly the files this cache describes: each as
    /// written, and nothing else.
    pub fn output_untouched(&self, target: &Path) -> bool {
        let Some(last) = &self.last else {
            return false;
        };
        let described = self.entries.len() + last.unfingerprinted.len();
        if last.entries != entries_hash(&self.entries) || described != last.files {
            return false;
        }
        // Every file as written (the fingerprinted ones were looked at as the cache
        // was loaded), and no other file.
        use rayon::prelude::*;
        let stamps: Vec<(&String, &Stamp)> = last.unfingerprinted.iter().collect();
        let (all_unchanged, count) = rayon::join(
            || {
                self.entries.values().all(|e| e.untouched)
                    && stamps.par_iter().all(|(p, s)| s.still(&target.join(p)))
            },
            || crate::build::output::files_walked(target).count(),
        );
        all_unchanged && count == described
    }

    /// Records what was just written into `target`, then saves the cache beside it;
    /// returns it, with the stamp of the file saved. `kept` tells the stamp of each
    /// file carried over untouched from the last output; the others are looked
    /// at, in parallel.
    pub fn save(
        fingerprints: &BTreeMap<String, u64>,
        kept: &(dyn Fn(&str) -> Option<Stamp> + Sync),
        last: Option<LastBuild>,
        readings: crate::content::reading::Readings,
        search_words: crate::site::search::Known,
        target: &Path,
    ) -> std::io::Result<(Cache, Option<Stamp>)> {
        use rayon::prelude::*;
        let fingerprints: Vec<(&String, &u64)> = fingerprints.iter().collect();
        let entries = fingerprints
            .par_iter()
            .filter_map(|&(path, &fingerprint)| {
                let stamp = match kept(path) {
                    Some(stamp) => stamp,
                    None => Stamp::of(&target.join(path))?,
                };
                let entry = Entry {
                    fingerprint,
                    stamp,
                    untouched: true,
                };
                Some((path.clone(), entry))
            })
            .collect();
        let last = last.map(|last| LastBuild {
            entries: entries_hash(&entries),
            ..last
        });
        let cache = Cache {
            format: FORMAT,
            tool: tool_id().to_string(),
            entries,
            last,
            readings,
            search_words,
        };
        let path = path_for(target);
        crate::build::output::write_atomically(&path, &serde_json::to_vec(&cache)?)?;
        Ok((cache, Stamp::of(&path)))
    }

    /// The cache `saved` (as [`Cache::save`] returned it), if the file beside
    /// `target` is still the one it saved; with `look`, its files are looked at
    /// again, otherwise they are taken to be as saved.
    pub fn saved(target: &Path, (cache, stamp): (Cache, Stamp), look: bool) -> Option<Cache> {
        if Stamp::of(&path_for(target)) != Some(stamp) {
            return None;
        }
        let mut cache = cache;
        if look {
            cache.look_at(target);
        }
        Some(cache)
    }

    /// Forgets the cache, so that it never describes an output being replaced.
    pub fn remove(target: &Path) {
        let _ = std::fs::remove_file(path_for(target));
    }
}

/// The fingerprints of everything a build makes.
pub struct Fingerprints<'a> {
    library: &'a Library,
    /// site.yaml, the templates pages use, the program.
    pages: u64,
    /// site.yaml, the templates sheets use, the program, SOURCE_DATE_EPOCH.
    sheets: u64,
    /// Every file of the site's own theme.
    theme: u64,
    exercises: HashMap<&'a str, u64>,
    /// Each exercise as pages show it ([`Fingerprints::exercise_view`]).
    views: HashMap<&'a str, u64>,
}

/// A picture or logo as the build sees it: its path and its file's stamp.
fn asset_hash(source: &Path) -> u64 {
    hash_of((source, Stamp::of(source)))
}

fn exercise_hash(exercise: &Exercise) -> u64 {
    let image = exercise.image.as_ref().map(|i| asset_hash(&i.asset.source));
    hash_of((&exercise.source_text, image))
}

impl<'a> Fingerprints<'a> {
    /// Each exercise's own fingerprint and its view's, made on every core.
    pub fn new(library: &'a Library, theme: &Theme) -> Self {
        use rayon::prelude::*;
        let site = serde_json::to_string(&library.site).unwrap_or_default();
        let logo = library
            .site
            .clinic
            .logo_asset
            .as_ref()
            .map(|l| asset_hash(&l.source));
        let templates = |suffix: &str| {
            let files: Vec<_> = theme
                .files
                .iter()
                .filter(|(name, _)| name.starts_with("templates/") && name.ends_with(suffix))
                .map(|(name, file)| (name, &file.bytes))
                .collect();
            hash_of(files)
        };
        // The words pages and sheets print: a site's strings files change them.
        let strings: Vec<_> = theme
            .files
            .iter()
            .filter(|(name, _)| name.starts_with("strings/"))
            .map(|(name, file)| (name, &file.bytes))
            .collect();
        let common = (tool_id(), site, logo, hash_of(strings));
        let theme_files: Vec<_> = theme.files.iter().map(|(n, f)| (n, &f.bytes)).collect();
        let mut fingerprints = Fingerprints {
            library,
            pages: hash_of((&common, templates(".html"))),
            sheets: hash_of((
                &common,
                templates(".xml"),
                library.site_modified,
                std::env::var("SOURCE_DATE_EPOCH").ok(),
            )),
            theme: hash_of(theme_files),
            exercises: (library.exercises.par_iter())
                .map(|(slug, e)| (slug.as_str(), exercise_hash(e)))
                .collect(),
            views: HashMap::new(),
        };
        fingerprints.views = (library.exercises.par_iter())
            .map(|(slug, _)| (slug.as_str(), fingerprints.exercise_view(slug)))
            .collect();
        fingerprints
    }

    fn exercise(&self, slug: &str) -> u64 {
        self.exercises.get(slug).copied().unwrap_or_default()
    }

    /// An exercise as pages show it: its file, and of each condition that uses
    /// it, the title and the dose it gives the exercise ("with its own dose").
    fn exercise_view(&self, slug: &str) -> u64 {
        if let Some(&known) = self.views.get(slug) {
            return known;
        }
        let using: Vec<(&str, &str, Vec<&Dosage>)> = self
            .library
            .conditions_using(slug)
            .map(|c| {
                let doses = c.entries.iter().filter(|entry| entry.exercise == slug);
                (
                    c.slug.as_str(),
                    c.title.as_str(),
                    doses.map(|entry| &entry.dosage).collect(),
                )
            })
            .collect();
        hash_of((self.exercise(slug), using))
    }

    /// What every page is made with: site.yaml, the page templates, the theme's
    /// words, the program.
    pub fn page_inputs(&self) -> u64 {
        self.pages
    }

    /// An exercise's page: the exercise as pages show it.
    pub fn exercise_page(&self, slug: &str) -> u64 {
        hash_of(("exercise page", self.pages, self.exercise_view(slug)))
    }

    /// An exercise's drawn figure: only its own file.
    pub fn figure(&self, slug: &str) -> u64 {
        hash_of(("figure", tool_id(), self.exercise(slug)))
    }

    /// An exercise's card: the exercise and when it changed.
    pub fn card(&self, exercise: &Exercise) -> u64 {
        hash_of((
            "card",
            self.sheets,
            self.exercise(&exercise.slug),
            exercise.modified,
        ))
    }

    /// A condition's inputs: its file and each exercise it lists.
    fn condition(&self, slug: &str) -> u64 {
        let Some(condition) = self.library.conditions.get(slug) else {
            return 0;
        };
        let exercises: Vec<(u64, u64)> = condition
            .entries
            .iter()
            .map(|entry| {
                let modified = self
                    .library
                    .exercises
                    .get(&entry.exercise)
                    .map_or(0, |e| e.modified);
                (self.exercise(&entry.exercise), modified)
            })
            .collect();
        hash_of((&condition.source_text, condition.modified, exercises))
    }

    pub fn condition_page(&self, slug: &str) -> u64 {
        hash_of(("condition page", self.pages, self.condition(slug)))
    }

    /// A condition's handout, regular or large print (`edition` is its path).
    pub fn handout(&self, slug: &str, edition: &str) -> u64 {
        hash_of(("handout", edition, self.sheets, self.condition(slug)))
    }

    /// What shows the whole library (home page, search index, sitemap): every
    /// exercise and condition.
    pub fn library(&self) -> u64 {
        let exercises: Vec<u64> = self
            .library
            .exercises
            .keys()
            .map(|slug| self.exercise(slug))
            .collect();
        let conditions: Vec<(&String, &String)> = self
            .library
            .conditions
            .iter()
            .map(|(slug, c)| (slug, &c.source_text))
            .collect();
        hash_of(("library", self.pages, exercises, conditions))
    }

    /// The not-found page: the site and the page templates only.
    pub fn not_found_page(&self) -> u64 {
        hash_of(("404", self.pages))
    }

    /// The program builder's page: its exercises come from the engine, not the page.
    pub fn builder_page(&self) -> u64 {
        hash_of(("builder", self.pages))
    }

    /// The builder's engine: only this program.
    pub fn builder_engine(&self) -> u64 {
        hash_of(("engine", tool_id()))
    }

    /// The builder's bundle: every file it holds and when each changed.
    pub fn builder_bundle(&self) -> u64 {
        let stamps: Vec<u64> = (self.library.exercises.values().map(|e| e.modified))
            .chain(self.library.conditions.values().map(|c| c.modified))
            .collect();
        hash_of((
            "bundle",
            self.sheets,
            self.theme,
            self.library(),
            stamps,
            &self.library.site_text,
        ))
    }

    /// A page of exercises by first letter: a listing that also shows every
    /// letter with its count.
    pub fn letter(&self, value: &FacetValue, slugs: &[&str], letters: &[FacetValue]) -> u64 {
        let index: Vec<(&str, usize)> = letters.iter().map(|l| (l.url.as_str(), l.count)).collect();
        hash_of(("letter", self.listing(value, slugs), index))
    }

    /// A browse page: its value and the exercises it lists.
    pub fn listing(&self, value: &FacetValue, slugs: &[&str]) -> u64 {
        let listed: Vec<u64> = slugs.iter().map(|s| self.exercise_view(s)).collect();
        hash_of((
            "listing",
            self.pages,
            &value.url,
            &value.name,
            &value.label,
            &value.heading,
            slugs,
            listed,
        ))
    }
}
