//! Builds the repository's sample library in a temp folder and reads the results.

mod common;

use std::path::Path;

use common::*;
use handout::content::load::SiteRoot;
use handout::content::validate::load_library;

fn built_sample() -> (tempfile::TempDir, handout::content::library::Library) {
    let site = sample_site();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    let (library, warnings) = load_library(&SiteRoot::new(site.path()).unwrap()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    (site, library)
}

#[test]
fn every_exercise_and_condition_has_a_page_and_every_condition_a_handout() {
    let (site, library) = built_sample();
    let output = site.path().join("output");
    assert!(
        library.exercises.len() >= 25,
        "sample has about 30 exercises"
    );
    assert_eq!(library.conditions.len(), 5);
    for slug in library.exercises.keys() {
        let page =
            std::fs::read_to_string(output.join(format!("exercises/{slug}/index.html"))).unwrap();
        assert!(
            page.contains(&handout::content::markdown::escape(
                &library.exercises[slug].title
            )),
            "{slug}"
        );
    }
    for slug in library.conditions.keys() {
        assert!(
            output
                .join(format!("conditions/{slug}/index.html"))
                .is_file(),
            "{slug}"
        );
        assert!(
            output.join(format!("handouts/{slug}.pdf")).is_file(),
            "{slug}"
        );
    }
    assert!(output.join("index.html").is_file() && output.join("style.css").is_file());
}

#[test]
fn handouts_hold_each_title_effective_dosage_and_the_disclaimer() {
    let (site, library) = built_sample();
    for condition in library.conditions.values() {
        let pages = pdf_pages_text(
            &site
                .path()
                .join(format!("output/handouts/{}.pdf", condition.slug)),
        );
        let all = squash(&pages.concat());
        for entry in &condition.entries {
            let title = &library.exercises[&entry.exercise].title;
            assert!(all.contains(&squash(title)), "{}: {title}", condition.slug);
            assert!(
                all.contains(&squash(&dose_box_text(&entry.dosage))),
                "{}: {title}: {}",
                condition.slug,
                entry.dosage
            );
        }
        let disclaimer = squash(&handout::content::markdown::inline_text(
            library.disclaimer_for(condition),
        ));
        assert!(
            all.contains(&disclaimer),
            "{} lacks the full disclaimer",
            condition.slug
        );
        let short = squash(&library.site.disclaimer_short);
        assert!(short.len() > 20);
        for (n, page) in pages.iter().enumerate() {
            let page = squash(page);
            assert!(
                page.contains(&short),
                "{} page {} lacks the short disclaimer",
                condition.slug,
                n + 1
            );
            assert!(
                page.contains(&format!("Page{}of{}", n + 1, pages.len())),
                "{} page {}",
                condition.slug,
                n + 1
            );
        }
    }
    // The condition's override replaces the exercise's own dosage on its sheet.
    let sheet = squash(
        &pdf_pages_text(
            &site
                .path()
                .join("output/handouts/lower-back-and-hip-pain.pdf"),
        )
        .concat(),
    );
    let figure4 = sheet.find(&squash("Figure 4 stretch")).unwrap();
    assert!(sheet[figure4..].starts_with(&squash("Figure 4 stretch")));
    let after = &sheet[figure4..];
    // The condition's own dose, right under the name and summary, before any step.
    let dose = squash("Hold 1 minute Repeat 1–2 times Sides Each side How often Twice a day");
    let dosage = after.find(&dose).expect("the condition's dose");
    assert!(dosage < after.find("Start:").unwrap());
    assert!(after[..dosage].ends_with(&squash("A gentler form of the piriformis stretch.")));
}

/// Each handout ends with one check-off log: a row per exercise, in the sheet's
/// order, with a box to tick per day for each daily session.
#[test]
fn the_log_has_a_row_per_exercise_and_a_box_per_daily_session() {
    let (site, library) = built_sample();
    for condition in library.conditions.values() {
        let pdf = site
            .path()
            .join(format!("output/handouts/{}.pdf", condition.slug));
        let text = squash(&pdf_pages_text(&pdf).concat());
        let log = text
            .split(&squash("Your exercise log"))
            .nth(1)
            .unwrap_or_else(|| panic!("{}: no log", condition.slug));
        let rows: String = condition
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{}. {}", i + 1, library.exercises[&e.exercise].title))
            .collect();
        assert!(
            log.contains(&squash(&format!("Day 1 2 3 4 5 6 7 {rows}"))),
            "{}: {log}",
            condition.slug
        );
        let sessions: Vec<u32> = condition
            .entries
            .iter()
            .map(|e| e.dosage.frequency.map_or(1, |f| f.sessions_per_day()))
            .collect();
        let ticks = pdf_rectangles(&pdf)
            .into_iter()
            .filter(|size| *size == (12.0, 12.0))
            .count();
        assert_eq!(
            ticks as u32,
            7 * sessions.iter().sum::<u32>(),
            "{}: a box a day per session",
            condition.slug
        );
        // Two boxes a day are explained where there are any.
        let explained = log.contains(&squash("Where a day has more than one box"));
        assert_eq!(
            explained,
            sessions.iter().any(|s| *s > 1),
            "{}",
            condition.slug
        );
    }
    // The site can leave the log out.
    let yaml = site.path().join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap() + "daily_log: false\n";
    std::fs::write(&yaml, config).unwrap();
    assert!(handout(site.path(), &["build"]).status.success());
    let text = pdf_pages_text(
        &site
            .path()
            .join("output/handouts/lower-back-and-hip-pain.pdf"),
    )
    .concat();
    assert!(!text.contains("Your exercise log") && !text.contains("Day"));
}

/// Every font in every handout is embedded as a subset.
#[test]
fn fonts_are_embedded_and_subset() {
    let (site, library) = built_sample();
    for slug in library.conditions.keys() {
        let path = site.path().join(format!("output/handouts/{slug}.pdf"));
        let doc = lopdf::Document::load(&path).unwrap();
        let mut fonts = 0;
        for object in doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(|t| t.as_name()).ok()
                != Some(b"FontDescriptor".as_slice())
            {
                continue;
            }
            fonts += 1;
            let name = String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap())
                .into_owned();
            assert!(
                name.contains('+') && name.contains("DejaVuSans"),
                "{slug}: {name} is not a subset"
            );
            assert!(dict.has(b"FontFile2"), "{slug}: {name} is not embedded");
        }
        assert!(fonts >= 2, "{slug}: regular and bold at least");
        // Each face is a subset shared by every sheet (about 28 KB deflated, made once
        // per build): sheets are larger than with a subset of their own, but small
        // enough to e-mail.
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(
            size < 160_000,
            "{slug}: {size} bytes; subsetting keeps sheets small"
        );
    }
    if have("pdffonts") {
        let out = std::process::Command::new("pdffonts")
            .arg(site.path().join("output/handouts/lower-back-pain.pdf"))
            .output()
            .unwrap();
        let listing = String::from_utf8_lossy(&out.stdout);
        for line in listing.lines().skip(2) {
            assert!(line.contains(" yes yes yes "), "pdffonts: {line}");
        }
    }
}

/// Poppler reads the steps in order, and each exercise's dosage after its title.
#[test]
fn pdftotext_reads_steps_in_order() {
    if !have("pdftotext") {
        return;
    }
    let (site, _) = built_sample();
    let out = std::process::Command::new("pdftotext")
        .arg(site.path().join("output/handouts/lower-back-pain.pdf"))
        .arg("-")
        .output()
        .unwrap();
    // Without -layout poppler follows the text flow; columns come out one after the other.
    let text = squash(&String::from_utf8_lossy(&out.stdout));
    let at = |needle: &str| {
        text.find(&squash(needle))
            .unwrap_or_else(|| panic!("missing {needle:?} in\n{text}"))
    };
    let steps = [
        "1. Start on your hands and knees.",
        "2. Lift your right arm",
        "3. Hold while you breathe out fully.",
        "4. Breathe in as you lower them.",
    ];
    let positions: Vec<usize> = steps.iter().map(|s| at(s)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "steps out of order: {positions:?}"
    );
    // The dose box reads row by row: its labels, then their values; before the steps.
    let dose = at("Hold Repeat Sides How often 1 breath 3 times Each side Once a day");
    assert!(at("Bird dog") < dose && dose < at("2. Lift your right arm"));
}

#[test]
fn same_input_gives_byte_identical_output() {
    let site = sample_site();
    let first = site.path().join("first");
    let second = site.path().join("second");
    // Two builds in one process: printpdf's internal counters have moved on in between.
    handout::build(site.path(), Some(&first)).unwrap();
    handout::build(site.path(), Some(&second)).unwrap();
    let out = handout(site.path(), &["build", "--output", "third"]);
    assert!(out.status.success());
    let a = snapshot_tree(&first);
    assert_eq!(a, snapshot_tree(&second));
    assert_eq!(a, snapshot_tree(&site.path().join("third")));
}

fn links_in(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            links.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    links
}

/// Links are relative (the site works from file:// and any sub-path) and all resolve.
#[test]
fn internal_links_are_relative_and_resolve() {
    let (site, _) = built_sample();
    let output = site.path().join("output");
    let mut checked = 0;
    for (path, bytes) in snapshot_tree(&output) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links_in(&html) {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("tel:")
                || link.starts_with('#')
            {
                continue;
            }
            // The not-found page is served at any address: its links start from the
            // site's path (here "/"); every other page links relatively.
            let link = if path == Path::new("404.html") {
                link.strip_prefix('/')
                    .expect("404.html links from the site's path")
                    .to_string()
            } else {
                assert!(
                    !link.starts_with('/'),
                    "{}: absolute link {link}",
                    path.display()
                );
                link
            };
            let target = link.split('#').next().unwrap();
            let resolved = output
                .join(path.parent().unwrap_or(Path::new("")))
                .join(target);
            assert!(resolved.is_file(), "{}: broken link {link}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

/// Every exercise has a one-page card with its title, steps and dosage, linked from its page.
#[test]
fn every_exercise_has_a_card() {
    let (site, library) = built_sample();
    for exercise in library.exercises.values() {
        let card = site
            .path()
            .join(format!("output/handouts/exercises/{}.pdf", exercise.slug));
        let pages = pdf_pages_text(&card);
        assert_eq!(pages.len(), 1, "{} card is one page", exercise.slug);
        let text = squash(&pages[0]);
        assert!(text.contains(&squash(&exercise.title)), "{}", exercise.slug);
        assert!(
            text.contains(&squash(&dose_box_text(&exercise.dosage))),
            "{}",
            exercise.slug
        );
        let first_step = exercise
            .body
            .text
            .lines()
            .find(|l| l.starts_with("1. "))
            .unwrap();
        assert!(
            text.contains(&squash(first_step)),
            "{}: {first_step}",
            exercise.slug
        );
        let page = std::fs::read_to_string(
            site.path()
                .join(format!("output/exercises/{}/index.html", exercise.slug)),
        )
        .unwrap();
        assert!(page.contains(&format!(
            "href=\"../../handouts/exercises/{}.pdf\"",
            exercise.slug
        )));
    }
}

/// The values an exercise has for one facet.
type ValuesOf = Box<dyn Fn(&handout::content::library::Exercise) -> Vec<String>>;

/// Browse pages list exactly the exercises with each region, kind and position;
/// exercise pages link to them; the sitemap and schema.org data are well-formed.
#[test]
fn browse_pages_sitemap_and_structured_data() {
    let (site, library) = built_sample();
    let output = site.path().join("output");
    let facets: [(&str, ValuesOf); 3] = [
        ("regions", Box::new(|e| e.regions.clone())),
        ("kinds", Box::new(|e| e.kind.iter().cloned().collect())),
        (
            "positions",
            Box::new(|e| e.position.iter().cloned().collect()),
        ),
    ];
    for (dir, values_of) in &facets {
        let mut seen = std::collections::BTreeSet::new();
        for exercise in library.exercises.values() {
            for value in values_of(exercise) {
                seen.insert(value.clone());
                let page = std::fs::read_to_string(
                    output.join(format!("exercises/{}/index.html", exercise.slug)),
                )
                .unwrap();
                assert!(
                    page.contains(&format!("href=\"../../{dir}/{value}/index.html\"")),
                    "{} lacks its {dir} link",
                    exercise.slug
                );
            }
        }
        for value in seen {
            let listing =
                std::fs::read_to_string(output.join(format!("{dir}/{value}/index.html"))).unwrap();
            for exercise in library.exercises.values() {
                let listed = listing.contains(&format!(
                    "href=\"../../exercises/{}/index.html\"",
                    exercise.slug
                ));
                assert_eq!(
                    listed,
                    values_of(exercise).contains(&value),
                    "{dir}/{value}: {}",
                    exercise.slug
                );
            }
        }
    }
    // The not-found page is served at any address, so its links start from the site's path.
    let not_found = std::fs::read_to_string(output.join("404.html")).unwrap();
    assert!(not_found.contains("href=\"/style.css\""), "{not_found}");
    assert!(not_found.contains("href=\"/index.html\""));
    let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).unwrap();
    let pages = snapshot_tree(&output)
        .iter()
        .filter(|(p, _)| p.ends_with("index.html"))
        .count();
    assert_eq!(
        sitemap
            .matches("<loc>https://exercises.riverside-pt.example/")
            .count(),
        pages
    );
    let page = std::fs::read_to_string(output.join("exercises/bridge/index.html")).unwrap();
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let json: serde_json::Value =
        serde_json::from_str(&page[start..start + page[start..].find("</script>").unwrap()])
            .unwrap();
    assert_eq!(json["@type"], "ExercisePlan");
    assert_eq!(json["name"], "Bridge");
    assert_eq!(
        json["url"],
        "https://exercises.riverside-pt.example/exercises/bridge/"
    );
}

#[test]
fn search_index_lists_every_exercise_with_its_facets_and_words() {
    let (site, library) = built_sample();
    let output = site.path().join("output");
    let index = read_search_index(&output);
    let items = index["items"].as_array().unwrap();
    assert_eq!(items.len(), library.exercises.len());
    let facets = index["facets"].as_array().unwrap();
    // In listing order: by weight (none in the sample), then by title.
    let mut ordered: Vec<_> = library.exercises.values().collect();
    ordered.sort_by_key(|e| (e.weight, handout::site::search::fold(&e.title)));
    for (item, exercise) in items.iter().zip(ordered) {
        assert_eq!(item["t"], exercise.title.as_str());
        let url = item["u"].as_str().unwrap();
        assert_eq!(url, format!("exercises/{}/index.html", exercise.slug));
        assert!(output.join(url).is_file());
        // Each facet value the item carries is one whose listing page lists it, and back.
        for (f, facet) in facets.iter().enumerate() {
            let key = facet["key"].as_str().unwrap();
            for (v, value) in facet["values"].as_array().unwrap().iter().enumerate() {
                let listing = std::fs::read_to_string(
                    output.join(format!("{key}/{}/index.html", value[0].as_str().unwrap())),
                )
                .unwrap();
                let carries = item["f"][f]
                    .as_array()
                    .unwrap()
                    .contains(&serde_json::json!(v));
                let listed = listing.contains(&format!("../../{url}\""));
                assert_eq!(carries, listed, "{} in {key}/{}", exercise.slug, value[0]);
            }
        }
        // Words are folded and come from the title and the steps.
        let words: Vec<&str> = item["w"].as_str().unwrap().split(' ').collect();
        let title_word = handout::site::search::fold(
            exercise
                .title
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap(),
        );
        assert!(words.contains(&title_word.as_str()), "{}", exercise.slug);
        assert!(words.iter().all(|w| *w == handout::site::search::fold(w)));
    }
    let bridge = items.iter().find(|i| i["t"] == "Bridge").unwrap();
    let words = bridge["w"].as_str().unwrap();
    assert!(
        words.contains("squeeze") && words.contains("buttocks"),
        "{words}"
    );
    // The home page loads the script, which loads the index when first needed;
    // both are in output/.
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert!(home.contains("src=\"search.js\"") && !home.contains("src=\"search-index.js\""));
    let script = std::fs::read_to_string(output.join("search.js")).unwrap();
    assert!(script.contains("\"search-index.js\""));
    assert!(output.join("search-index.js").is_file());
}

#[test]
fn a_site_may_leave_out_the_exercise_cards() {
    let site = sample_site();
    let yaml = site.path().join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap() + "cards: false\n";
    std::fs::write(&yaml, config).unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    assert!(!output.join("handouts/exercises").exists());
    assert!(output.join("handouts/lower-back-pain.pdf").is_file());
    let page = std::fs::read_to_string(output.join("exercises/bridge/index.html")).unwrap();
    assert!(
        !page.contains("handouts/exercises/"),
        "no link to a card not built"
    );
}

/// A page that goes on with an exercise begun on the page before starts with the
/// exercise's name and "(continued)"; every other page starts with a heading of
/// its own (an exercise's name, a section, or the log and its days).
#[test]
fn every_page_starts_with_a_name_or_a_continuation_line() {
    let (site, library) = built_sample();
    for condition in library.conditions.values() {
        let mut starts: Vec<String> = condition
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                let name = format!("{}. {}", i + 1, library.exercises[&e.exercise].title);
                [format!("{name} (continued)"), name]
            })
            .collect();
        starts.extend(
            [
                "Safety",
                "When to seek help",
                "Important",
                "Your exercise log",
                "Day",
            ]
            .map(String::from),
        );
        for edition in ["", "large-print/"] {
            let pdf = site
                .path()
                .join(format!("output/handouts/{edition}{}.pdf", condition.slug));
            for (n, page) in pdf_pages_text(&pdf).iter().enumerate().skip(1) {
                let page = squash(page);
                assert!(
                    starts.iter().any(|s| page.starts_with(&squash(s))),
                    "{}: page {} starts {:?}",
                    pdf.display(),
                    n + 1,
                    &page.chars().take(60).collect::<String>()
                );
            }
        }
    }
}

/// On every handout, regular and large print, on letter and A4, each exercise's
/// name, dose and picture (its drawn figure) are on one page.
#[test]
fn each_exercise_starts_with_its_name_dose_and_picture_on_one_page() {
    let (site, library) = built_sample();
    for paper in ["letter", "a4"] {
        if paper == "a4" {
            let yaml = site.path().join("content/site.yaml");
            replace_in(&yaml, "paper: letter", "paper: a4");
            let out = handout(site.path(), &["build", "--quiet"]);
            assert!(out.status.success(), "{}", stderr(&out));
        }
        for condition in library.conditions.values() {
            for edition in ["", "large-print/"] {
                let pdf = site
                    .path()
                    .join(format!("output/handouts/{edition}{}.pdf", condition.slug));
                let pages: Vec<String> = pdf_pages_text(&pdf).iter().map(|p| squash(p)).collect();
                for (i, entry) in condition.entries.iter().enumerate() {
                    let name = squash(&format!(
                        "{}. {}",
                        i + 1,
                        library.exercises[&entry.exercise].title
                    ));
                    let next = condition.entries.get(i + 1).map(|e| {
                        squash(&format!(
                            "{}. {}",
                            i + 2,
                            library.exercises[&e.exercise].title
                        ))
                    });
                    let (page, at) = pages
                        .iter()
                        .enumerate()
                        .find_map(|(n, text)| {
                            text.match_indices(&name)
                                .find(|(at, _)| !text[at + name.len()..].starts_with("(continued)"))
                                .map(|(at, _)| (n, at))
                        })
                        .unwrap_or_else(|| panic!("{}: {name} is not printed", pdf.display()));
                    let rest = &pages[page][at + name.len()..];
                    let own = next
                        .as_ref()
                        .and_then(|n| rest.find(n.as_str()))
                        .map_or(rest, |end| &rest[..end]);
                    // Every figure's paths are drawn with round caps; one of two
                    // panels also labels its second panel "End" (its first, "Start",
                    // reads like the starting position's line, so it proves nothing).
                    assert!(
                        figures_on_page(&pdf, page) > 0,
                        "{} page {}: no figure for {name}",
                        pdf.display(),
                        page + 1
                    );
                    let two_panels = library.exercises[&entry.exercise]
                        .pose
                        .as_ref()
                        .is_some_and(|p| p.end.is_some());
                    let parts: &[&str] = if two_panels {
                        &["Howoften", "End"]
                    } else {
                        &["Howoften"]
                    };
                    for part in parts {
                        assert!(
                            own.contains(part),
                            "{} page {}: {name} has no {part:?} on its page: {own:?}",
                            pdf.display(),
                            page + 1
                        );
                    }
                }
            }
        }
    }
}

/// Past 100 exercises the home page no longer lists them all: it leads with
/// conditions, browse and the letters, and the letter pages hold every exercise,
/// a letter with more than 100 going on over pages.
#[test]
fn a_large_library_is_listed_by_letter_not_on_the_home_page() {
    let site = sample_site();
    let bridge = std::fs::read_to_string(site.path().join("content/exercises/bridge.md")).unwrap();
    for i in 0..230 {
        let title = format!("{} bridge {i:03}", ["Zesty", "9th"][i % 2]);
        std::fs::write(
            site.path().join(format!("content/exercises/copy-{i}.md")),
            bridge.replace("title: \"Bridge\"", &format!("title: \"{title}\"")),
        )
        .unwrap();
    }
    let yaml = site.path().join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml)
        .unwrap()
        .replace("large_print: true", "large_print: false")
        + "cards: false\n";
    std::fs::write(&yaml, config).unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert!(
        !home.contains("exercises/copy-1/index.html"),
        "the home page lists them all"
    );
    assert!(home.contains("href=\"a-z/z/index.html\">Z <span class=\"count\">(115)</span>"));
    assert!(home.contains("href=\"a-z/0-9/index.html\">0–9 <span class=\"count\">(115)</span>"));
    let mut listed = Vec::new();
    for page in walkdir::WalkDir::new(output.join("a-z")) {
        let page = page.unwrap();
        if page.file_name() != "index.html" {
            continue;
        }
        let html = std::fs::read_to_string(page.path()).unwrap();
        let on_page = html.matches("<li>\n    <a href=\"").count();
        assert!(on_page <= 100, "{}: {on_page}", page.path().display());
        listed.extend(
            html.match_indices("exercises/")
                .map(|(at, _)| html[at..].split('/').nth(1).unwrap().to_string()),
        );
    }
    listed.sort();
    let before = listed.len();
    listed.dedup();
    assert_eq!(
        (before, listed.len()),
        (258, 258),
        "every exercise on exactly one letter page"
    );
    // Z's second page holds the last 15, and leads back to the first.
    let second = std::fs::read_to_string(output.join("a-z/z/2/index.html")).unwrap();
    assert!(second.contains("Exercises starting with Z (page 2 of 2)"));
    assert!(second.contains("Zesty bridge 228") && !second.contains("Zesty bridge 000"));
    assert!(second.contains("href=\"../../../a-z/z/index.html\" rel=\"prev\""));
    // Browse pages go on over pages the same way: no listing holds more than 100.
    for folder in ["regions", "kinds", "positions", "equipment"] {
        for page in walkdir::WalkDir::new(output.join(folder)) {
            let page = page.unwrap();
            if page.file_name() == "index.html" {
                let html = std::fs::read_to_string(page.path()).unwrap();
                let on_page = html.matches("<li>\n    <a href=\"").count();
                assert!(on_page <= 100, "{}: {on_page}", page.path().display());
            }
        }
    }
    let hip = std::fs::read_to_string(output.join("regions/hip/3/index.html")).unwrap();
    assert!(hip.contains("Exercises for the hip (page 3 of 3)"), "{hip}");
}
