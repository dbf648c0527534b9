//! Typesetting tests: wrapping, keeping, columns, large print and hyphenation.

use super::*;
use crate::content::library::Paper;
use crate::pdf::markup::parse;

fn typeset(markup: &str) -> Typeset {
    let sheet = parse(markup).unwrap();
    Typesetter::new(FontSet::dejavu(), PageGeometry::for_paper(Paper::Letter)).typeset(&sheet)
}

fn texts(page: &Page) -> Vec<(f32, f32, String)> {
    page.marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text {
                x, baseline, text, ..
            } => Some((*x, *baseline, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn wraps_inside_the_margins() {
    let long = "Lie on your back with both knees bent and your feet flat on the floor. ".repeat(12);
    let result = typeset(&format!("<sheet><p>{long}</p></sheet>"));
    let fonts = FontSet::dejavu();
    let lines = texts(&result.pages[0]);
    assert!(lines.len() > 5);
    for (x, _, text) in &lines {
        let right = x + fonts.get(FontStyle::Regular).width(text, 12.0);
        let g = PageGeometry::for_paper(Paper::Letter);
        assert!(
            *x >= g.margin && right <= g.width - g.margin + 0.01,
            "{text} ends at {right}"
        );
    }
    // Every word survives wrapping, in order.
    let joined: Vec<&str> = lines.iter().map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(joined.join(" "), long.trim());
}

#[test]
fn keeps_a_block_on_one_page_and_numbers_pages() {
    let filler = "<p>Filler text for the page.</p>".repeat(25);
    let block = format!("<keep><h2>Bridge</h2>{}</keep>", "<p>Step.</p>".repeat(8));
    let result = typeset(&format!(
        "<sheet>{filler}{block}<footer><small>Page {{page}} of {{pages}}</small></footer></sheet>"
    ));
    assert_eq!(result.pages.len(), 2);
    let second = texts(&result.pages[1]);
    assert_eq!(second[0].2, "Bridge", "the whole block moved to page two");
    assert!(second.iter().any(|(_, _, t)| t == "Page 2 of 2"));
    assert!(
        texts(&result.pages[0])
            .iter()
            .any(|(_, _, t)| t == "Page 1 of 2")
    );
}

#[test]
fn columns_sit_side_by_side_within_their_share() {
    let result = typeset(
        "<sheet><columns><column width=\"60\"><p>Left words here.</p></column><column><p>Right</p><log rows=\"2\"/></column></columns></sheet>",
    );
    let lines = texts(&result.pages[0]);
    let left = lines.iter().find(|l| l.2 == "Left words here.").unwrap();
    let right = lines.iter().find(|l| l.2 == "Right").unwrap();
    assert_eq!(left.1, right.1, "same baseline");
    let usable = 612.0 - 72.0 - 14.0;
    assert!(
        (right.0 - (36.0 + usable * 0.6 + 14.0)).abs() < 0.01,
        "{} vs {}",
        right.0,
        36.0 + usable * 0.6 + 14.0
    );
    assert_eq!(lines.iter().filter(|l| l.2 == "2nd time").count(), 1);
    let boxes = result.pages[0]
        .marks
        .iter()
        .filter(|m| matches!(m, Mark::Rect { .. }))
        .count();
    assert_eq!(boxes, 14, "7 days × 2 sessions");
}

#[test]
fn large_print_is_18_point_without_italics_inside_the_margins() {
    let sheet = parse("<sheet><h2>Bridge</h2><p>Lie <i>flat</i> on your back and lift your hips slowly toward the ceiling, then lower them again.</p></sheet>").unwrap();
    let page = PageGeometry::for_paper(Paper::Letter).large_print();
    let result = Typesetter::new(FontSet::dejavu(), page).typeset(&sheet);
    let fonts = FontSet::dejavu();
    for mark in &result.pages[0].marks {
        if let Mark::Text {
            x,
            size,
            style,
            text,
            ..
        } = mark
        {
            assert!(*size >= 18.0, "{text} at {size} pt");
            assert!(
                !matches!(style, FontStyle::Italic | FontStyle::BoldItalic),
                "{text} is italic"
            );
            let right = x + fonts.get(*style).width(text, *size);
            assert!(
                *x >= page.margin - 0.01 && right <= page.width - page.margin + 0.01,
                "{text}"
            );
        }
    }
    let body: Vec<f32> = result.pages[0]
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text {
                size,
                style: FontStyle::Regular,
                ..
            } => Some(*size),
            _ => None,
        })
        .collect();
    assert!(body.iter().all(|s| (*s - 18.0).abs() < 0.01), "{body:?}");
}

#[test]
fn a_block_taller_than_a_page_starts_on_a_fresh_page_when_little_is_left() {
    let filler = "<p>Filler text for the page.</p>".repeat(22);
    let steps = "<p>Step.</p>".repeat(40);
    let result = typeset(&format!(
        "<sheet>{filler}<keep><h2>Long one</h2>{steps}</keep></sheet>"
    ));
    assert_eq!(texts(&result.pages[1])[0].2, "Long one");
    // With most of the page free, a block taller than a page starts right away.
    let result = typeset(&format!(
        "<sheet><p>Intro.</p><keep><h2>Long one</h2>{steps}</keep></sheet>"
    ));
    assert_eq!(texts(&result.pages[0])[1].2, "Long one");
}

#[test]
fn words_are_hyphenated_only_in_wide_body_text_and_where_they_must_be() {
    let english = |markup: &str| -> Vec<String> {
        let sheet = parse(markup).unwrap();
        let page = PageGeometry::for_paper(Paper::Letter);
        let result = Typesetter::new(FontSet::dejavu(), page)
            .with_language("en")
            .typeset(&sheet);
        texts(&result.pages[0]).into_iter().map(|l| l.2).collect()
    };
    // Short words, then one long word that does not fit after them and would leave
    // a gap of over a quarter line: enough "a"s to leave a gap between the two.
    let font = FontSet::dejavu().get(FontStyle::Regular);
    let (line, long) = (612.0 - 72.0, "antidisestablishmentarianism");
    let (a, space) = (font.width("a", 12.0), font.width(" ", 12.0));
    let gap = (line * 0.25 + font.width(long, 12.0)) / 2.0;
    let count = ((line - gap) / (a + space)).floor() as usize;
    let words = "a ".repeat(count) + long;
    let column = |width: u32, tag: &str| {
        format!(
            "<sheet><columns><column width=\"{width}\"><{tag}>{words}</{tag}></column></columns></sheet>"
        )
    };
    let hyphenated = |lines: &[String]| lines.iter().any(|l| l.ends_with('-'));
    // Body text across a wide measure fills its lines, breaking words to do so.
    let wide = english(&column(100, "p"));
    assert!(hyphenated(&wide), "{wide:?}");
    let joined: String = wide.concat().replace(['-', ' '], "");
    assert_eq!(joined, words.replace(' ', ""));
    // Not in a narrow column, and never in a heading.
    assert!(!hyphenated(&english(&column(40, "p"))));
    assert!(!hyphenated(&english(&column(100, "h2"))));
    // A word wider than its column breaks at a hyphenation point, not anywhere.
    let narrow = english(
        "<sheet><columns><column width=\"12\"><p>rehabilitation</p></column></columns></sheet>",
    );
    assert!(narrow.len() > 1 && hyphenated(&narrow), "{narrow:?}");
    assert!(narrow[0].len() >= 4, "no tiny fragment: {narrow:?}");
}

#[test]
fn lists_hang_and_long_words_break() {
    let result = typeset(&format!(
        "<sheet><ol><li>First</li><li>{}</li></ol></sheet>",
        "x".repeat(200)
    ));
    let lines = texts(&result.pages[0]);
    assert_eq!(lines[0].2, "1.");
    assert_eq!(lines[1].2, "First");
    assert!(lines[1].0 > lines[0].0, "text hangs right of the number");
    assert!(lines.len() >= 4, "the long word was cut into several lines");
    assert!(result.missing_glyphs.is_empty());
    let missing = typeset("<sheet><p>Kanji 漢</p></sheet>").missing_glyphs;
    assert!(missing.contains(&'漢'));
}

fn boxes(page: &Page, size: f32) -> Vec<(f32, f32)> {
    page.marks
        .iter()
        .filter_map(|m| match m {
            Mark::Rect {
                x,
                y,
                width,
                height,
                ..
            } if (*width - size).abs() < 0.01 && (*height - size).abs() < 0.01 => Some((*x, *y)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_log_has_a_row_per_exercise_with_a_box_per_session() {
    let result = typeset(
        r#"<sheet><log weeks="2"><entry times="2">1. Bridge</entry><entry>2. Clamshell, a name long enough to need a second line in its column of the log</entry><entry times="5">3. Often</entry></log></sheet>"#,
    );
    let page = &result.pages[0];
    let lines = texts(page);
    let row = |label: &str| lines.iter().find(|l| l.2 == label).map(|l| l.1);
    let (bridge, clam, often) = (
        row("1. Bridge").unwrap(),
        row("2. Clamshell, a name long enough")
            .or(lines
                .iter()
                .find(|l| l.2.starts_with("2. Clamshell"))
                .map(|l| l.1))
            .unwrap(),
        row("3. Often").unwrap(),
    );
    assert!(bridge < clam && clam < often);
    // Two weeks of 7 days: 2 + 1 + 5 boxes a day.
    let ticks = boxes(page, 12.0);
    assert_eq!(ticks.len(), 2 * 7 * (2 + 1 + 5));
    // Bridge's two boxes a day sit side by side on its row.
    let first_week_bridge: Vec<_> = ticks
        .iter()
        .filter(|(_, y)| (*y - (bridge - 12.0)).abs() < 12.0)
        .collect();
    assert_eq!(first_week_bridge.len(), 14, "{ticks:?}");
    // The long name wraps inside its label column rather than under the boxes.
    let leftmost_box = ticks.iter().map(|b| b.0).fold(f32::MAX, f32::min);
    let fonts = FontSet::dejavu();
    for (x, _, text) in lines
        .iter()
        .filter(|l| l.2.contains("Clamshell") || l.2.contains("line"))
    {
        let right = x + fonts.get(FontStyle::Regular).width(text, 12.0);
        assert!(right < leftmost_box, "{text} runs into the boxes");
    }
    assert_eq!(
        lines.iter().filter(|l| l.2 == "Day").count(),
        2,
        "a header a week"
    );
}

#[test]
fn a_week_too_long_for_the_page_goes_on_under_its_header_again() {
    let entries: String = (1..=60)
        .map(|i| format!("<entry>{i}. Exercise</entry>"))
        .collect();
    let result = typeset(&format!("<sheet><log>{entries}</log></sheet>"));
    assert!(result.pages.len() > 1);
    for page in &result.pages {
        assert_eq!(
            texts(page)[0].2,
            "Day",
            "every page's log starts with its header"
        );
    }
    let all: Vec<String> = result.pages.iter().flat_map(texts).map(|l| l.2).collect();
    for i in 1..=60 {
        assert!(all.contains(&format!("{i}. Exercise")));
    }
}

/// A name and dose beside their QR code, linked to a picture beside the steps: the
/// exercise starts on a page where its name, dose, picture and first steps fit,
/// without needing room for all of its steps.
#[test]
fn an_exercise_starts_where_its_head_and_first_steps_fit() {
    let filler = "<p>Filler text for the page.</p>".repeat(24);
    let steps: String = (1..=12).map(|i| format!("<li>Step {i}.</li>")).collect();
    let exercise = format!(
        r#"<part title="Bridge"><part title=""><keep><columns><column><h2>Bridge</h2></column><column width="15"><p>QR</p></column></columns></keep>
        <columns><column><part title=""><p>Start: lying</p><ol>{steps}</ol></part></column><column width="34"><p>Picture</p></column></columns></part></part>"#
    );
    let result = typeset(&format!("<sheet>{filler}{exercise}</sheet>"));
    let first = texts(&result.pages[0]);
    for text in [
        "Bridge",
        "QR",
        "Picture",
        "Start: lying",
        "Step 1.",
        "Step 2.",
    ] {
        assert!(first.iter().any(|l| l.2 == text), "{text} is on page 1");
    }
    assert!(!first.iter().any(|l| l.2 == "Step 12."));
    assert_eq!(texts(&result.pages[1])[0].2, "Bridge (continued)");
    // With too little room for the first steps, it all starts on the next page.
    let filler = "<p>Filler text for the page.</p>".repeat(32);
    let result = typeset(&format!("<sheet>{filler}{exercise}</sheet>"));
    let first = texts(&result.pages[0]);
    assert!(!first.iter().any(|l| l.2 == "Bridge" || l.2 == "Picture"));
    assert_eq!(texts(&result.pages[1])[0].2, "Bridge");
}

/// The dose's cells stay on one line, closer together and with rules between
/// them, when that is all it takes; otherwise a cell goes under the others.
#[test]
fn dose_cells_draw_closer_before_they_wrap() {
    let dose = |width: u32| {
        let markup = format!(
            "<sheet><columns><column width=\"{width}\"><dose><item label=\"Hold\">1 minute</item><item label=\"Repeat\">1–2 times</item><item label=\"Sides\">Each side</item><item label=\"How often\">Twice a day</item></dose></column><column></column></columns></sheet>"
        );
        let page = typeset(&markup).pages.remove(0);
        let rules = page
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Line { .. }))
            .count();
        let value_rows: BTreeSet<i32> = texts(&page)
            .iter()
            .map(|(_, baseline, _)| *baseline as i32)
            .collect();
        (rules, value_rows.len())
    };
    // Wide: the usual spacing, no rules, one line (a label row and a value row).
    assert_eq!(dose(100), (0, 2));
    // Narrower: the same line, with three rules between the four cells.
    let tight = (1..=99).rev().map(dose).find(|(rules, _)| *rules > 0);
    assert_eq!(tight, Some((3, 2)));
    // Narrower still: two lines.
    assert_eq!(dose(50).1, 4);
}

/// Typesets with one picture, `photo.png`, 400 × 300 pixels.
fn typeset_with_photo(markup: &str) -> Typeset {
    let sheet = parse(markup).unwrap();
    let images = ImageSizes::from([("photo.png".to_string(), (400, 300))]);
    Typesetter::new(FontSet::dejavu(), PageGeometry::for_paper(Paper::Letter))
        .with_images(&images)
        .typeset(&sheet)
}

fn image_heights(result: &Typeset) -> Vec<(usize, f32)> {
    let mut heights = Vec::new();
    for (n, page) in result.pages.iter().enumerate() {
        for mark in &page.marks {
            if let Mark::Image { height, .. } = mark {
                heights.push((n, *height));
            }
        }
    }
    heights
}

/// A `<keep>` a little taller than a page draws its picture smaller, never below
/// its min-height, and then fits one page; one far too tall keeps the picture
/// whole and breaks across pages as before.
#[test]
fn a_keep_just_over_a_page_fits_it_with_a_smaller_picture() {
    let exercise = |lines: usize| {
        let steps = "<p>Step.</p>".repeat(lines);
        format!(
            "<sheet><keep><h2>Bridge</h2><image src=\"photo.png\" height=\"200\" min-height=\"150\"/>{steps}</keep></sheet>"
        )
    };
    // How many one-line steps fill a page after the heading and a full-size picture.
    let fits = (1..60)
        .take_while(|n| image_heights(&typeset_with_photo(&exercise(*n))) == [(0, 200.0)])
        .last()
        .expect("a step fits under the picture");
    assert_eq!(typeset_with_photo(&exercise(fits)).pages.len(), 1);
    // One step more: the picture gives up that much height and the keep stays whole.
    let over = typeset_with_photo(&exercise(fits + 1));
    assert_eq!(over.pages.len(), 1);
    let [(0, height)] = image_heights(&over)[..] else {
        panic!("one picture on page 1: {:?}", image_heights(&over));
    };
    assert!((150.0..200.0).contains(&height), "{height}");
    // Without a min-height the picture never shrinks.
    let fixed = exercise(fits + 1).replace(" min-height=\"150\"", "");
    assert_eq!(typeset_with_photo(&fixed).pages.len(), 2);
    // Far more than the picture could give: full size, and two pages.
    let long = typeset_with_photo(&exercise(fits + 10));
    assert_eq!(long.pages.len(), 2);
    assert_eq!(image_heights(&long), [(0, 200.0)]);
}

/// Before a dose's cells wrap, its values take a smaller size (still larger than
/// body text) if that keeps them on one line.
#[test]
fn dose_values_draw_smaller_before_a_cell_wraps() {
    let dose = |width: u32| {
        let markup = format!(
            "<sheet><columns><column width=\"{width}\"><dose><item label=\"Hold\">1 minute</item><item label=\"Repeat\">1–2 times</item><item label=\"Sides\">Each side</item><item label=\"How often\">Twice a day</item></dose></column><column></column></columns></sheet>"
        );
        let page = typeset(&markup).pages.remove(0);
        let sizes: BTreeSet<u32> = page
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { size, color, .. } if *color == INK => Some(*size as u32),
                _ => None,
            })
            .collect();
        let rows: BTreeSet<i32> = texts(&page).iter().map(|t| t.1 as i32).collect();
        (sizes, rows.len())
    };
    assert_eq!(dose(100), (BTreeSet::from([15]), 2));
    let smaller = (40..=99)
        .rev()
        .map(dose)
        .find(|(sizes, _)| !sizes.contains(&15))
        .expect("a width where the values draw smaller");
    assert_eq!(smaller, (BTreeSet::from([13]), 2));
    let (sizes, rows) = dose(40);
    assert_eq!((sizes, rows > 2), (BTreeSet::from([15]), true));
}
