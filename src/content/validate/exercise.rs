//! One exercise file: its fields, dosage and pictures, checked.

use std::path::Path;

use serde_yaml::Value;

use super::*;
use crate::content::dosage::{self, Dosage};
use crate::content::fields::{Fields, describe, scalar_text};
use crate::content::library::{
    Asset, Exercise, Gear, Image, KINDS, Markdown, POSITIONS, SiteConfig,
};
use crate::content::load::{ContentFile, SiteRoot};
use crate::content::reading::Passage;
use crate::diagnostic::{Diagnostic, Position, did_you_mean};

/// The longest equipment name: each gets a browse page named after it.
pub const MAX_EQUIPMENT_CHARS: usize = 60;
/// The most cautions one exercise may have.
pub const MAX_CAUTIONS: usize = 40;
/// Whether an equipment name (in site.yaml or an exercise) is short enough and has
/// letters or digits, as its browse page needs; an error at `pos` if not.
pub(crate) fn check_equipment_length(f: &mut Fields, pos: Position, name: &str) -> bool {
    let count = name.chars().count();
    let fits = count <= MAX_EQUIPMENT_CHARS && !slugify(name).is_empty();
    if !fits {
        f.error(
            pos,
            format!("equipment names become browse pages: use a short name with letters or digits, at most {MAX_EQUIPMENT_CHARS} characters (this one has {count}), like \"exercise mat\""),
        );
    }
    fits
}

/// A file referenced from content: resolved inside the site, copied under `media/`.
pub(crate) fn asset(
    root: &SiteRoot,
    base: &Path,
    target: &str,
    key: &str,
    pos: Position,
    f: &mut Fields,
) -> Option<Asset> {
    match root.resolve_inside(base, target) {
        Ok(source) => {
            let relative = root.relative(&source);
            let under_content = relative.strip_prefix("content").unwrap_or(relative);
            let output = Path::new("media")
                .join(under_content)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let display = root.display(relative);
            Some(Asset {
                source,
                display,
                output,
            })
        }
        Err(message) => {
            f.error(pos, format!("{key}: {message}"));
            None
        }
    }
}

pub(crate) fn exercise(
    root: &SiteRoot,
    site: &SiteConfig,
    file: &ContentFile,
    slug: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Exercise> {
    let mut f = Fields::for_file(file, diagnostics);
    f.reject_unknown("exercise", &EXERCISE_FIELDS);
    let start = file.positions.start();
    let title = read_title(&mut f, start);
    let kind = f.text("kind");
    if let Some(k) = &kind {
        check_word(&mut f, "kind", k, &KINDS);
    }
    let regions = f.list("regions");
    for (r, pos) in &regions {
        if !site.regions.contains(r) {
            let hint =
                crate::diagnostic::value_hint(r, site.regions.iter().map(String::as_str), || {
                    format!(
                        "; known regions: {} (site.yaml `regions` can add more)",
                        site.regions.join(", ")
                    )
                });
            f.error(*pos, format!("unknown region \"{r}\"{hint}"));
        }
    }
    let position = f.text("position");
    if let Some(p) = &position {
        check_word(&mut f, "position", p, &POSITIONS);
    }
    let dosage = match f.get("dosage") {
        Some(_) => {
            let dosage = read_dosage(&mut f, "dosage");
            if dosage.frequency.is_none() {
                // Sheets print a daily log under every exercise: without a frequency a
                // patient has to guess how often.
                let pos = f.pos("dosage");
                f.warning(
                    pos,
                    "the dose does not say how often; add `frequency:` (like \"once daily\" or \"3x per week\") so the printed sheet tells the patient",
                );
            }
            dosage
        }
        None => {
            f.error(
                start,
                "missing required field `dosage` (for example `dosage: { reps: 10, sets: 2 }`)",
            );
            Dosage::default()
        }
    };
    let image_alt = f.text("image_alt");
    let image = f.text("image").and_then(|target| {
        let pos = f.pos("image");
        let base = file.path.parent().unwrap_or(&root.canonical).to_path_buf();
        let asset = asset(root, &base, &target, "image", pos, &mut f)?;
        let alt = image_alt.clone().or_else(|| {
            f.error(pos, "image needs `image_alt`: a short description of the picture for people who cannot see it");
            None
        })?;
        Some(Image { asset, alt })
    });
    let video = f.text("video").filter(|v| {
        let ok = v.starts_with("https://") || v.starts_with("http://");
        if !ok {
            let pos = f.pos("video");
            f.error(pos, "video must be a web address starting with https://");
        }
        ok
    });
    if let Some(video) = &video {
        warn_dense_qr(&mut f, "video", video.len());
    }
    // Read every field before giving up on a missing title, so all problems are reported.
    let summary = f.text("summary");
    let mut passages = Vec::new();
    if let Some(text) = &summary {
        passages.push(Passage {
            text: text.clone(),
            at: f.pos("summary"),
        });
    }
    let reading_check = f.bool("reading_check").unwrap_or(true);
    let aliases = read_aliases(&mut f, "exercises");
    let pose = crate::figure::pose::read(&mut f);
    let equipment = f.list("equipment");
    let draft = f.bool("draft").unwrap_or(false);
    // Listings order exercises by weight (lightest first), then by title.
    let weight = f.whole_number("weight", 0, 1_000_000).unwrap_or(0);
    // Passed to templates as written, for a theme's own use.
    let extra = f.get("extra").cloned();
    let mut gear = Vec::new();
    for (item, pos) in &equipment {
        check_equipment_length(&mut f, *pos, item);
        let read = Gear::read(item, &site.equipment);
        if !site.equipment.contains(&read.name) {
            let lower = read.name.to_lowercase();
            let hint = match did_you_mean(&lower, site.equipment.iter().map(String::as_str)) {
                Some(s) => format!("did you mean \"{s}\"?"),
                None => format!("known names: {}", site.equipment.join(", ")),
            };
            f.warning(
                *pos,
                format!("unknown equipment \"{}\" gets a browse page of its own; {hint} (start with a known name and add a note after it, like \"exercise mat (if you like)\", or add the name to site.yaml `equipment`)", read.name),
            );
        }
        gear.push(read);
    }
    let equipment = equipment.into_iter().map(|(e, _)| e).collect();
    let cautions = f.list("cautions");
    if let Some((_, pos)) = cautions.get(MAX_CAUTIONS) {
        f.error(
            *pos,
            format!("an exercise has at most {MAX_CAUTIONS} cautions, short enough for a patient to read them all; this one has {}", cautions.len()),
        );
    }
    passages.extend(cautions.iter().map(|(text, at)| Passage {
        text: text.clone(),
        at: *at,
    }));
    let cautions = cautions.into_iter().map(|(c, _)| c).collect();
    let exercise = Exercise {
        slug,
        source: file.display.clone(),
        title: title?,
        summary,
        kind,
        regions: regions.into_iter().map(|(r, _)| r).collect(),
        position,
        equipment,
        gear,
        weight,
        extra,
        draft,
        dosage,
        cautions,
        figure_alt: image_alt.filter(|_| image.is_none() && pose.is_some()),
        image,
        video,
        pose,
        body: Markdown {
            text: file.body.clone(),
            first_line: file.body_line,
        },
        passages,
        aliases,
        reading_check,
        source_text: file.text.clone(),
        modified: file.modified,
    };
    Some(exercise)
}

/// Reads a dosage mapping at `key`, reporting each bad value with the forms it accepts.
pub(crate) fn read_dosage(f: &mut Fields, key: &str) -> Dosage {
    let Some(value) = f.get(key) else {
        return Dosage::default();
    };
    let Value::Mapping(map) = value else {
        let pos = f.pos(key);
        f.error(
            pos,
            format!(
                "`{key}` must be fields like `{{ hold: 30 s, reps: 3 }}`, not {}",
                describe(value)
            ),
        );
        return Dosage::default();
    };
    let mut d = f.nested(key, map);
    d.reject_unknown("dosage", &DOSAGE_FIELDS);
    let mut dosage = Dosage::default();
    for key in DOSAGE_FIELDS {
        let Some(value) = d.get(key) else { continue };
        // Text that is not a scalar is judged as empty text, which no field accepts,
        // so the message is always the field's own list of accepted forms. YAML 1.2
        // reads `yes`/`no` as text, which per_side takes as true/false.
        let text = match value {
            Value::Bool(b) => b.to_string(),
            other => scalar_text(other).unwrap_or_default(),
        };
        if let Err(Some(forms)) = dosage::set_field(&mut dosage, key, &text) {
            let pos = d.pos(key);
            d.error(pos, forms);
        }
    }
    dosage
}
