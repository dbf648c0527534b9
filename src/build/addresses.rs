//! Addresses the site has published, so that a renamed or deleted exercise never
//! silently breaks a printed QR code. The record lives beside the output folder (like
//! the build cache, never inside it) and only grows: an address once published is
//! either still a page, or redirected by an `aliases:` entry, or left with a page
//! saying it is gone (`removed_pages: keep`), or warned about on every build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::library::{Library, RemovedPages};
use crate::diagnostic::{Diagnostic, Position};

const FORMAT: u32 = 1;

/// An alias as written in a file, read into a site address ("exercises/old-bridge/").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub address: String,
    pub at: Position,
}

/// Reads one `aliases:` entry of a file in `section` ("exercises"): a slug (the old
/// name of this file) or a path inside the site ("old/bridge/", "/old/bridge/").
pub fn read_alias(section: &str, written: &str) -> Result<String, String> {
    let text = written.trim();
    let path = text.trim_start_matches('/').trim_end_matches('/');
    let path = path.strip_suffix("/index.html").unwrap_or(path);
    let safe_part = |part: &str| {
        !part.is_empty()
            && part != "."
            && part != ".."
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    if path.is_empty() || !path.split('/').all(safe_part) {
        return Err(format!(
            "alias \"{written}\" must be an old slug like \"old-name\", or a path inside the site like \"old/page/\" (letters, digits, '-', '_', '.')"
        ));
    }
    Ok(if path.contains('/') {
        format!("{path}/")
    } else {
        format!("{section}/{path}/")
    })
}

/// The main language's library, then each translation's, with the folder its pages
/// go under ("" for the main language, "es/" for Spanish).
fn languages(library: &Library) -> impl Iterator<Item = (&Library, String)> {
    std::iter::once((library, String::new())).chain(
        library
            .translations
            .iter()
            .map(|t| (&t.library, format!("{}/", t.library.site.language))),
    )
}

/// Every address this build publishes as a page, in folder form
/// ("exercises/bridge/", "es/exercises/bridge/"), in every language.
pub fn pages(library: &Library) -> BTreeSet<String> {
    languages(library)
        .flat_map(|(library, prefix)| {
            let exercises = library
                .exercises
                .keys()
                .map(|s| format!("{prefix}exercises/{s}/"));
            let conditions = library
                .conditions
                .keys()
                .map(|s| format!("{prefix}conditions/{s}/"));
            exercises.chain(conditions).collect::<Vec<_>>()
        })
        .collect()
}

/// The record of published addresses for the output folder `target`.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Published {
    format: u32,
    pub addresses: BTreeSet<String>,
}

/// Where the record of the output folder `target` lives: beside it.
pub fn path_for(target: &Path) -> PathBuf {
    let name = crate::build::lock::name_of(target);
    target.with_file_name(format!(".{name}.handout-published.json"))
}

impl Published {
    /// The record for `target`; empty before the first build. A record that cannot be
    /// read is a warning, and the build starts a new one.
    pub fn load(target: &Path) -> (Published, Option<Diagnostic>) {
        let path = path_for(target);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Published::default(), None);
            }
            Err(e) => {
                return (
                    Published::default(),
                    Some(unreadable(&path, &e.to_string())),
                );
            }
        };
        match serde_json::from_slice::<Published>(&bytes) {
            Ok(record) if record.format == FORMAT => (record, None),
            Ok(_) => (
                Published::default(),
                Some(unreadable(&path, "written by another version")),
            ),
            Err(e) => (
                Published::default(),
                Some(unreadable(&path, &e.to_string())),
            ),
        }
    }

    /// Saves the record beside `target`, atomically.
    pub fn save(&self, target: &Path) -> std::io::Result<()> {
        let record = Published {
            format: FORMAT,
            addresses: self.addresses.clone(),
        };
        let mut json = serde_json::to_vec_pretty(&record)?;
        json.push(b'\n');
        crate::build::output::write_atomically(&path_for(target), &json)
    }
}

fn unreadable(path: &Path, why: &str) -> Diagnostic {
    Diagnostic::warning(
        path,
        Position::START,
        format!(
            "cannot read the record of published addresses ({why}); starting a new one, so addresses removed before now are not checked"
        ),
    )
}

/// A page the build writes for an address no exercise or condition has any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OldAddress {
    /// An alias: the page redirects to `target` (its folder form), titled `title`.
    Moved { target: String, title: String },
    /// `removed_pages: keep`: a page saying the exercise or condition is gone.
    Removed,
}

/// What the build does about old addresses.
#[derive(Debug, Default)]
pub struct Plan {
    /// Pages to write, by address.
    pub pages: BTreeMap<String, OldAddress>,
    /// The record to save after a successful build.
    pub record: Published,
    pub warnings: Vec<Diagnostic>,
}

/// Decides, for every alias and every address published before, what the build
/// writes there; `content_dir` is how the user sees `content/`.
pub fn plan(library: &Library, before: &Published, content_dir: &Path) -> Plan {
    let live = pages(library);
    let mut plan = Plan::default();
    // An alias is the original's, and holds in every language that has the page:
    // each language's old address leads to that language's page.
    let aliased = library
        .exercises
        .values()
        .map(|e| (&e.aliases, "exercises", &e.slug))
        .chain(
            library
                .conditions
                .values()
                .map(|c| (&c.aliases, "conditions", &c.slug)),
        )
        .filter(|(aliases, ..)| !aliases.is_empty());
    for (aliases, section, slug) in aliased {
        for (library, prefix) in languages(library) {
            let Some(title) = title_of(library, section, slug) else {
                continue;
            };
            for alias in aliases {
                plan.pages.insert(
                    format!("{prefix}{}", alias.address),
                    OldAddress::Moved {
                        target: format!("{prefix}{section}/{slug}/"),
                        title: title.clone(),
                    },
                );
            }
        }
    }
    let mut record = before.addresses.clone();
    // Addresses to warn about, by their address in the main language: a page gone in
    // every language is one warning.
    let mut warn: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for gone in before.addresses.difference(&live) {
        if plan.pages.contains_key(gone) {
            continue;
        }
        let (prefix, main_address) = split_language(library, gone);
        // A translation gone while its original stays: the address leads to the
        // page in the main language, as the language switcher does.
        if !prefix.is_empty()
            && live.contains(main_address)
            && let Some(title) = title_at(library, main_address)
        {
            plan.pages.insert(
                gone.clone(),
                OldAddress::Moved {
                    target: main_address.to_string(),
                    title,
                },
            );
            continue;
        }
        match library.site.removed_pages {
            RemovedPages::Keep => {
                plan.pages.insert(gone.clone(), OldAddress::Removed);
            }
            RemovedPages::Forget => {
                record.remove(gone);
            }
            RemovedPages::Warn => warn.entry(main_address.to_string()).or_default().push(gone),
        }
    }
    for (main_address, mut addresses) in warn {
        // The main language's address first.
        addresses.sort_by_key(|a| (a.as_str() != main_address, a.as_str()));
        let (section, slug) = main_address
            .trim_end_matches('/')
            .rsplit_once('/')
            .unwrap_or(("", main_address.trim_end_matches('/')));
        let what = match section {
            "exercises" => "exercise",
            "conditions" => "condition",
            _ => "page",
        };
        let quoted: Vec<String> = addresses.iter().map(|a| format!("\"{a}\"")).collect();
        let (were, has) = if quoted.len() == 1 {
            ("was", "that address")
        } else {
            ("were", "those addresses")
        };
        plan.warnings.push(Diagnostic::warning(
            content_dir.join(section),
            Position::START,
            format!(
                "{} {were} published before, and no {what} has {has} now: printed QR codes and saved links that lead there will find nothing. If the file was renamed, add `aliases: [{slug}]` to it; if it was removed, set `removed_pages: keep` in site.yaml to leave a page that says so (or `removed_pages: forget`)",
                quoted.join(" and ")
            ),
        ));
    }
    record.extend(live);
    record.extend(plan.pages.keys().cloned());
    plan.record = Published {
        format: FORMAT,
        addresses: record,
    };
    plan
}

/// An address split into its language's folder ("es/", or "" for the main
/// language) and the same address in the main language.
fn split_language<'a>(library: &Library, address: &'a str) -> (&'a str, &'a str) {
    library
        .translations
        .iter()
        .find_map(|t| {
            let rest = address
                .strip_prefix(t.library.site.language.as_str())?
                .strip_prefix('/')?;
            Some((&address[..address.len() - rest.len()], rest))
        })
        .unwrap_or(("", address))
}

/// The title of the main language's exercise or condition at `address`.
fn title_at(library: &Library, address: &str) -> Option<String> {
    let (section, slug) = address.trim_end_matches('/').split_once('/')?;
    title_of(library, section, slug).cloned()
}

/// The title of the exercise or condition `slug` in `section` ("exercises" or
/// "conditions") of `library`.
fn title_of<'a>(library: &'a Library, section: &str, slug: &str) -> Option<&'a String> {
    match section {
        "exercises" => library.exercises.get(slug).map(|e| &e.title),
        "conditions" => library.conditions.get(slug).map(|c| &c.title),
        _ => None,
    }
}

/// Checks the aliases of a whole library: none may be a live page's address or
/// another file's alias. Returns errors at the alias.
pub fn check_aliases(library: &Library) -> Vec<Diagnostic> {
    let live = pages(library);
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut errors = Vec::new();
    let files = library
        .exercises
        .values()
        .map(|e| (&e.aliases, e.source.as_path()))
        .chain(
            library
                .conditions
                .values()
                .map(|c| (&c.aliases, c.source.as_path())),
        );
    for (aliases, source) in files {
        for alias in aliases {
            if live.contains(&alias.address) {
                errors.push(Diagnostic::error(
                    source,
                    alias.at,
                    format!(
                        "alias \"{}\" is the address of a page the site still has; an alias is an old address that no page uses any more",
                        alias.address
                    ),
                ));
            } else if let Some(other) = seen.insert(&alias.address, source) {
                errors.push(Diagnostic::error(
                    source,
                    alias.at,
                    format!(
                        "alias \"{}\" is also an alias in {}; an old address can lead to one page only",
                        alias.address,
                        other.display()
                    ),
                ));
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_read_as_site_addresses() {
        assert_eq!(
            read_alias("exercises", "old-bridge").unwrap(),
            "exercises/old-bridge/"
        );
        assert_eq!(
            read_alias("exercises", "/old/bridge/").unwrap(),
            "old/bridge/"
        );
        assert_eq!(
            read_alias("conditions", "old/back-pain/index.html").unwrap(),
            "old/back-pain/"
        );
        for bad in ["", "/", "../escape", "a//b", "a/./b", "with space", "C:\\x"] {
            assert!(read_alias("exercises", bad).is_err(), "{bad}");
        }
    }
}
