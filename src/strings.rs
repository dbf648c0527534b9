//! The words handout itself prints, per language, from Fluent files
//! (`strings/<lang>.ftl`): English and Spanish are built into the default theme, and
//! a site's theme may add a language or override single messages with a file of its
//! own. Plurals follow each language's rules (CLDR), through Fluent's selectors.

use std::collections::BTreeMap;
use std::path::PathBuf;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, Position};
use crate::theme::{Origin, ThemeFile};

/// The language every message exists in: the reference a translation is checked against.
const REFERENCE: &str = "en";

/// One language's messages.
pub struct Strings {
    bundle: FluentBundle<FluentResource>,
    /// The language the messages are in: English where the site's has no translation.
    pub language: String,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strings({})", self.language)
    }
}

/// Where a strings file is, as the user should see it.
fn shown(key: &str, file: &ThemeFile) -> PathBuf {
    match &file.origin {
        Origin::Site(path) => path.clone(),
        Origin::BuiltIn => PathBuf::from(format!("(built-in theme)/{key}")),
    }
}

/// Parses one Fluent file; its syntax errors as diagnostics at their line and column.
fn resource(key: &str, file: &ThemeFile) -> Result<FluentResource, Vec<Diagnostic>> {
    let text = String::from_utf8_lossy(&file.bytes).into_owned();
    FluentResource::try_new(text.clone()).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|e| {
                let before = &text[..e.pos.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                Diagnostic::error(
                    shown(key, file),
                    Position::new(line, column),
                    format!("cannot read this message: {e}"),
                )
            })
            .collect()
    })
}

/// The message ids a Fluent file defines.
fn ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The built-in English words, parsed once: for what is written outside a site's
/// language (messages, tests) and as the typesetter's default.
pub fn english() -> &'static Strings {
    static ENGLISH: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(|| {
        let file = ThemeFile {
            bytes: include_bytes!("../themes/default/strings/en.ftl").to_vec(),
            origin: Origin::BuiltIn,
        };
        let built_in = BTreeMap::from([(format!("strings/{REFERENCE}.ftl"), file)]);
        // The file is part of the program, and a test reads it: it always loads.
        Strings::load(REFERENCE, &built_in, &BTreeMap::new(), &mut Vec::new()).unwrap_or_else(
            |_| Strings {
                bundle: FluentBundle::new_concurrent(Vec::new()),
                language: REFERENCE.into(),
            },
        )
    })
}

impl Strings {
    /// The messages of `language`: the built-in file for it, overridden message by
    /// message by the site theme's `strings/<language>.ftl`. A language with neither
    /// falls back to English, with a warning; a translation that lacks a message
    /// English has is an error naming it.
    pub fn load(
        language: &str,
        built_in: &BTreeMap<String, ThemeFile>,
        site: &BTreeMap<String, ThemeFile>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Strings, Vec<Diagnostic>> {
        let key = |lang: &str| format!("strings/{lang}.ftl");
        let reference_key = key(REFERENCE);
        let reference = built_in
            .get(&reference_key)
            .map(|file| resource(&reference_key, file))
            .transpose()?
            .map(|r| ids(&r))
            .unwrap_or_default();
        let own_key = key(language);
        let mut files: Vec<(&String, &ThemeFile)> = Vec::new();
        if let Some(file) = built_in.get(&own_key) {
            files.push((&own_key, file));
        }
        if let Some(file) = site
            .get(&own_key)
            .filter(|f| matches!(f.origin, Origin::Site(_)))
        {
            files.push((&own_key, file));
        }
        let language = if files.is_empty() {
            warnings.push(Diagnostic::warning(
                PathBuf::from("content/site.yaml"),
                Position::START,
                format!(
                    "handout has no translation of its own words (labels, doses, dates) into \"{language}\": sheets print them in English; add themes/<theme>/strings/{language}.ftl, translated from the built-in strings/en.ftl"
                ),
            ));
            if let Some(file) = built_in.get(&reference_key) {
                files.push((&reference_key, file));
            }
            REFERENCE
        } else {
            language
        };
        let id: LanguageIdentifier = language.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // The words go into sheet markup and pages as they are: no bidi isolation marks.
        bundle.set_use_isolating(false);
        if writes_decimal_comma(language) {
            bundle.set_formatter(Some(decimal_comma));
        }
        let mut problems = Vec::new();
        let mut defined: Vec<String> = Vec::new();
        let mut last_file = None;
        for (key, file) in files {
            match resource(key, file) {
                Ok(resource) => {
                    defined.extend(ids(&resource));
                    bundle.add_resource_overriding(resource);
                }
                Err(mut found) => problems.append(&mut found),
            }
            last_file = Some(shown(key, file));
        }
        for missing in reference.iter().filter(|id| !defined.contains(id)) {
            problems.push(Diagnostic::error(
                last_file.clone().unwrap_or_default(),
                Position::START,
                format!(
                    "the \"{language}\" strings have no message `{missing}`: add it, translated from the built-in strings/en.ftl"
                ),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Strings {
            bundle,
            language: language.to_string(),
        })
    }

    /// The message `id` with `args`; the id itself when there is no such message
    /// (a site's template asking for one that does not exist).
    pub fn get(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// Whether the language has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

/// Whether `language` (a tag like "es" or "pt-BR") writes "1,5" for one and a half,
/// as CLDR says of these languages; the others write "1.5".
fn writes_decimal_comma(language: &str) -> bool {
    const COMMA: [&str; 39] = [
        "af", "az", "bg", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fr", "gl", "hr",
        "hu", "hy", "id", "is", "it", "ka", "kk", "lt", "lv", "nb", "nl", "nn", "pl", "pt", "ro",
        "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk", "vi",
    ];
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    // Spanish in Mexico and the US, unlike Spain's, writes a decimal point.
    if matches!(language, "es-MX" | "es-US" | "es-419") {
        return false;
    }
    COMMA.contains(&primary)
}

/// Writes a number with a fraction with a decimal comma; leaves every other value
/// to Fluent.
fn decimal_comma<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(number) => {
            let text = number.as_string();
            text.contains('.').then(|| text.replace('.', ","))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str, site: bool) -> ThemeFile {
        ThemeFile {
            bytes: text.as_bytes().to_vec(),
            origin: if site {
                Origin::Site(PathBuf::from("themes/mine/strings/es.ftl"))
            } else {
                Origin::BuiltIn
            },
        }
    }

    fn built_in() -> BTreeMap<String, ThemeFile> {
        BTreeMap::from([
            (
                "strings/en.ftl".to_string(),
                file(
                    "times = { $n ->\n    [one] once\n   *[other] { $n } times\n}\nhello = Hello\n",
                    false,
                ),
            ),
            (
                "strings/es.ftl".to_string(),
                file(
                    "times = { $n ->\n    [one] { $n } vez\n   *[other] { $n } veces\n}\nhello = Hola\n",
                    false,
                ),
            ),
        ])
    }

    #[test]
    fn numbers_with_a_fraction_use_the_languages_decimal_mark() {
        let es = Strings::load("es", &built_in(), &BTreeMap::new(), &mut Vec::new()).unwrap();
        assert_eq!(es.get("times", &[("n", 2.5.into())]), "2,5 veces");
        assert_eq!(es.get("times", &[("n", 2.into())]), "2 veces");
        let en = Strings::load("en", &built_in(), &BTreeMap::new(), &mut Vec::new()).unwrap();
        assert_eq!(en.get("times", &[("n", 2.5.into())]), "2.5 times");
        assert!(writes_decimal_comma("de-AT") && !writes_decimal_comma("es-MX"));
        assert!(!writes_decimal_comma("ja") && !writes_decimal_comma("en-GB"));
    }

    #[test]
    fn plurals_follow_the_language() {
        let es = Strings::load("es", &built_in(), &BTreeMap::new(), &mut Vec::new()).unwrap();
        assert_eq!(es.get("times", &[("n", 1.into())]), "1 vez");
        assert_eq!(es.get("times", &[("n", 2.into())]), "2 veces");
        let en = Strings::load("en", &built_in(), &BTreeMap::new(), &mut Vec::new()).unwrap();
        assert_eq!(en.get("times", &[("n", 1.into())]), "once");
        assert_eq!(en.get("times", &[("n", 3.into())]), "3 times");
    }

    #[test]
    fn a_theme_overrides_single_messages_and_a_missing_one_is_an_error() {
        let site = BTreeMap::from([(
            "strings/es.ftl".to_string(),
            file("hello = Buenos días\n", true),
        )]);
        let es = Strings::load("es", &built_in(), &site, &mut Vec::new()).unwrap();
        assert_eq!(es.get("hello", &[]), "Buenos días");
        assert_eq!(es.get("times", &[("n", 2.into())]), "2 veces");

        let mut only_site = built_in();
        only_site.remove("strings/es.ftl");
        let site = BTreeMap::from([("strings/es.ftl".to_string(), file("hello = Hola\n", true))]);
        let problems = Strings::load("es", &only_site, &site, &mut Vec::new()).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("`times`"),
            "{}",
            problems[0].message
        );
        assert_eq!(
            problems[0].path,
            PathBuf::from("themes/mine/strings/es.ftl")
        );
    }

    #[test]
    fn an_unknown_language_prints_english_and_says_so() {
        let mut warnings = Vec::new();
        let fr = Strings::load("fr", &built_in(), &BTreeMap::new(), &mut warnings).unwrap();
        assert_eq!(fr.get("hello", &[]), "Hello");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("\"fr\""));
    }
}
