//! content/site.yaml: the site's settings, each checked with the forms it accepts.

use std::collections::BTreeMap;

use serde_yaml::Value;

use super::*;
use crate::content::fields::{Fields, describe};
use crate::content::library::{
    Clinic, EQUIPMENT, Paper, REGIONS, RemovedPages, SiteConfig, SiteText, short_disclaimer,
    writes_right_to_left,
};
use crate::content::load::SiteRoot;

pub(crate) fn site_config(root: &SiteRoot, f: &mut Fields) -> SiteConfig {
    f.reject_unknown("site", &SITE_FIELDS);
    let title = f
        .text("title")
        .unwrap_or_else(|| "Home exercises".to_string());
    let clinic = match f.get("clinic") {
        Some(Value::Mapping(m)) => {
            let mut c = f.nested("clinic", m);
            c.reject_unknown("clinic", &CLINIC_FIELDS);
            let at = c.positions.value("clinic");
            let name = c.required_text("name", at).unwrap_or_default();
            let logo = c.text("logo").and_then(|logo| {
                let pos = c.pos("logo");
                asset(root, &root.content_dir(), &logo, "logo", pos, &mut c)
            });
            Clinic {
                name,
                phone: c.text("phone"),
                address: c.text("address"),
                website: c.text("website"),
                logo: logo.as_ref().map(|a| a.output.clone()),
                logo_asset: logo,
            }
        }
        Some(other) => {
            let pos = f.pos("clinic");
            f.error(
                pos,
                format!(
                    "`clinic` must be fields (name, phone, address, website, logo), not {}",
                    describe(other)
                ),
            );
            Clinic::default()
        }
        None => Clinic::default(),
    };
    let base_url = f
        .text("base_url")
        .and_then(|url| match parse_base_url(&url) {
            Ok(url) => Some(url),
            Err(message) => {
                let pos = f.pos("base_url");
                f.error(pos, message);
                None
            }
        });
    if let Some(url) = &base_url {
        // The longest address a sheet's code holds: a condition page's entry.
        warn_dense_qr(f, "base_url", url.len() + 90);
    }
    let language = f.text("language").unwrap_or_else(|| "en".to_string());
    if !language
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        || language.len() > 16
    {
        let pos = f.pos("language");
        f.error(
            pos,
            "language must be a language tag like \"en\" or \"en-US\"",
        );
    }
    let languages = read_languages(f, &language);
    let paper = read_paper(f).unwrap_or(Paper::Letter);
    let theme = f.text("theme").unwrap_or_else(|| "default".to_string());
    if !is_slug(&theme.replace('_', "-")) {
        let pos = f.pos("theme");
        f.error(
            pos,
            "theme must be a folder name under themes/, like \"default\"",
        );
    }
    let default_disclaimer = f.get("disclaimer").is_none();
    let default_disclaimer_short = f.get("disclaimer_short").is_none();
    let disclaimer = f
        .text("disclaimer")
        .unwrap_or_else(|| crate::strings::english().get("disclaimer-default", &[]));
    if let Some(short) = f.text("disclaimer_short") {
        check_length(
            f,
            "disclaimer_short",
            &short,
            MAX_FOOTER_CHARS,
            "it is printed at the foot of every page of every handout",
        );
    }
    let disclaimer_short = f
        .text("disclaimer_short")
        .unwrap_or_else(|| short_disclaimer(&disclaimer));
    let daily_log = f.bool("daily_log").unwrap_or(true);
    let log_weeks = f.whole_number("log_weeks", 1, MAX_LOG_WEEKS).unwrap_or(1);
    let date_format = read_date_format(f).unwrap_or_default();
    let log_pain = f.bool("log_pain").unwrap_or(false);
    let large_print = f.bool("large_print").unwrap_or(false);
    let cards = f.bool("cards").unwrap_or(true);
    let raw_html = f.bool("raw_html").unwrap_or(false);
    let builder = f.bool("builder").unwrap_or(true);
    let reading_grade_max = f
        .whole_number("reading_grade_max", 1, 18)
        .unwrap_or(crate::content::reading::DEFAULT_GRADE_MAX);
    let removed_pages = match f.text("removed_pages").as_deref() {
        None | Some("warn") => RemovedPages::Warn,
        Some("keep") => RemovedPages::Keep,
        Some("forget") => RemovedPages::Forget,
        Some(other) => {
            let pos = f.pos("removed_pages");
            f.error(
                pos,
                format!("removed_pages must be warn, keep or forget, not \"{other}\""),
            );
            RemovedPages::Warn
        }
    };
    let mut regions: Vec<String> = REGIONS.iter().map(|s| s.to_string()).collect();
    for (region, pos) in f.list("regions") {
        if !is_slug(&region) {
            f.error(pos, format!("region names use lowercase letters, digits and hyphens, like \"lower-back\", not \"{region}\""));
        } else if !regions.contains(&region) {
            regions.push(region);
        }
    }
    let mut equipment: Vec<String> = EQUIPMENT.iter().map(|s| s.to_string()).collect();
    for (name, pos) in f.list("equipment") {
        let name = name.trim().to_lowercase();
        if check_equipment_length(f, pos, &name) && !equipment.contains(&name) {
            equipment.push(name);
        }
    }
    let translations = read_translations(f, &languages);
    SiteConfig {
        title,
        clinic,
        base_url,
        sheets: !writes_right_to_left(&languages[0]),
        language: languages[0].clone(),
        languages,
        translations,
        default_disclaimer,
        default_disclaimer_short,
        paper,
        theme,
        disclaimer,
        disclaimer_short,
        daily_log,
        date_format,
        log_weeks,
        log_pain,
        large_print,
        cards,
        raw_html,
        builder,
        regions,
        equipment,
        reading_grade_max,
        removed_pages,
    }
}

/// A published address (site.yaml `base_url`, or `--base-url`), ending in `/`.
pub fn parse_base_url(url: &str) -> Result<String, &'static str> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(
            "base_url must be a full web address like \"https://clinic.example/exercises/\"",
        );
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The first sentence of a text, for short notices ("Stop if it hurts. Call us." → "Stop if it hurts.").
pub fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    text[..end].to_string()
}

/// The `paper` field: letter or a4.
pub(crate) fn read_paper(f: &mut Fields) -> Option<Paper> {
    let text = f.text("paper")?;
    match parse_paper(&text) {
        Ok(paper) => Some(paper),
        Err(message) => {
            let pos = f.pos("paper");
            f.error(pos, message);
            None
        }
    }
}

fn read_date_format(f: &mut Fields) -> Option<crate::content::dates::DateFormat> {
    let text = f.text("date_format")?;
    match crate::content::dates::DateFormat::parse(&text) {
        Ok(format) => Some(format),
        Err(message) => {
            let pos = f.pos("date_format");
            f.error(pos, message);
            None
        }
    }
}

pub fn parse_paper(text: &str) -> Result<Paper, String> {
    match text.to_ascii_lowercase().as_str() {
        "letter" => Ok(Paper::Letter),
        "a4" => Ok(Paper::A4),
        other => Err(format!("paper must be letter or a4, not \"{other}\"")),
    }
}

/// Whether `tag` looks like a language tag: "en", "es", "pt-BR", "zh-Hant".
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `languages: [en, es]`: the languages the site is written in, the first its main
/// one. Without it, the one `language` names.
fn read_languages(f: &mut Fields, language: &str) -> Vec<String> {
    if f.get("languages").is_none() {
        return vec![language.to_string()];
    }
    let mut languages: Vec<String> = Vec::new();
    for (tag, pos) in f.list("languages") {
        if !is_language_tag(&tag) {
            f.error(
                pos,
                format!("\"{tag}\" is not a language tag: use lowercase codes like \"en\", \"es\" or \"pt-BR\""),
            );
        } else if languages.contains(&tag) {
            f.error(pos, format!("\"{tag}\" is listed twice"));
        } else {
            languages.push(tag);
        }
    }
    if f.get("language").is_some() && languages.first().is_some_and(|l| l != language) {
        let pos = f.pos("language");
        f.error(
            pos,
            format!("language \"{language}\" is not the first of `languages`; the first is the site's main language, so leave `language` out or make them agree"),
        );
    }
    if languages.is_empty() {
        languages.push(language.to_string());
    }
    languages
}

/// `translations: { es: { title: ..., disclaimer: ... } }`: the site's own words
/// in each further language.
fn read_translations(f: &mut Fields, languages: &[String]) -> BTreeMap<String, SiteText> {
    let mut found = BTreeMap::new();
    let Some(value) = f.get("translations") else {
        return found;
    };
    let Value::Mapping(map) = value else {
        let pos = f.pos("translations");
        f.error(
            pos,
            format!("`translations` must be one set of fields per language, like `es: {{ title: ... }}`, not {}", describe(value)),
        );
        return found;
    };
    let mut t = f.nested("translations", map);
    for (key, value) in map {
        let lang = key.as_str().unwrap_or_default().to_string();
        let pos = t.pos(&lang);
        if !languages[1..].contains(&lang) {
            t.error(
                pos,
                format!(
                    "\"{lang}\" is not one of the site's further languages (`languages: [{}]`)",
                    languages.join(", ")
                ),
            );
            continue;
        }
        let Value::Mapping(fields) = value else {
            t.error(
                pos,
                format!(
                    "`{lang}` must be fields like `title: ...`, not {}",
                    describe(value)
                ),
            );
            continue;
        };
        let mut l = t.nested(&lang, fields);
        l.reject_unknown("translated site", &SITE_TEXT_FIELDS);
        let mut text = SiteText {
            title: l.text("title"),
            disclaimer: l.text("disclaimer"),
            disclaimer_short: l.text("disclaimer_short"),
            paper: read_paper(&mut l),
            date_format: read_date_format(&mut l),
            ..SiteText::default()
        };
        if let Some(short) = &text.disclaimer_short {
            check_length(
                &mut l,
                "disclaimer_short",
                short,
                MAX_FOOTER_CHARS,
                "it is printed at the foot of every page of every handout",
            );
        }
        match l.get("clinic") {
            Some(Value::Mapping(m)) => {
                let mut c = l.nested("clinic", m);
                c.reject_unknown("translated clinic", &["name", "address"]);
                text.clinic_name = c.text("name");
                text.clinic_address = c.text("address");
            }
            Some(other) => {
                let pos = l.pos("clinic");
                l.error(
                    pos,
                    format!(
                        "`clinic` must be fields (name, address), not {}",
                        describe(other)
                    ),
                );
            }
            None => {}
        }
        found.insert(lang, text);
    }
    found
}
