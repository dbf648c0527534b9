use super::*;

fn run(text: &str, bold: bool) -> Run {
    Run {
        text: text.into(),
        bold,
        ..Run::default()
    }
}

#[test]
fn parses_blocks_inline_styles_and_footer() {
    let sheet = parse(
        "<sheet>\n  <h1> Lower back </h1>\n  <keep><h2>Bridge</h2><ol><li>Lie <b>flat</b>.</li><li><p>Lift.</p></li></ol></keep>\n  <footer><small align=\"right\">Page {page} of {pages}</small></footer>\n</sheet>",
    )
    .unwrap();
    assert_eq!(
        sheet.body[0],
        Block::Para {
            kind: ParaKind::H1,
            align: Align::Left,
            runs: vec![run("Lower back", false)]
        }
    );
    let Block::Keep(inner) = &sheet.body[1] else {
        panic!("keep")
    };
    let Block::List {
        ordered: true,
        items,
        ..
    } = &inner[1]
    else {
        panic!("list")
    };
    assert_eq!(
        items[0],
        vec![Block::Para {
            kind: ParaKind::Body,
            align: Align::Left,
            runs: vec![run("Lie ", false), run("flat", true), run(".", false)]
        }]
    );
    assert_eq!(sheet.footer.len(), 1);
}

#[test]
fn reports_unknown_elements_with_their_line() {
    let err = parse("<sheet>\n<p>ok</p>\n<table/>\n</sheet>").unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.message.contains("unknown element <table>"));
    assert_eq!(parse("<sheet><p>unclosed</sheet>").unwrap_err().line, 1);
}

#[test]
fn a_picture_shrinks_no_further_than_its_min_height_nor_grows_past_its_height() {
    let sheet = parse("<sheet><figure of=\"bridge\" height=\"110\" min-height=\"75\"/><figure of=\"bridge\" height=\"90\" min-height=\"400\"/></sheet>").unwrap();
    let heights: Vec<(f32, f32)> = sheet
        .body
        .iter()
        .map(|b| match b {
            Block::Figure {
                max_height,
                min_height,
                ..
            } => (*max_height, *min_height),
            other => panic!("not a figure: {other:?}"),
        })
        .collect();
    assert_eq!(heights, [(110.0, 75.0), (90.0, 90.0)]);
}

#[test]
fn attributes_are_required_or_kept_in_bounds() {
    let sheet = parse("<sheet><image src=\"media/a.png\" height=\"NaN\"/><qr data=\"https://x.example/\" size=\"9999\"/><log days=\"0\" rows=\"2\"/></sheet>").unwrap();
    assert_eq!(
        sheet.body[0],
        Block::Image {
            src: "media/a.png".into(),
            max_height: 180.0,
            min_height: 180.0,
        }
    );
    assert_eq!(
        sheet.body[1],
        Block::Qr {
            data: "https://x.example/".into(),
            size: 300.0
        }
    );
    let Block::Log(log) = &sheet.body[2] else {
        panic!("log")
    };
    assert_eq!((log.days, log.rows.len(), log.weeks), (1, 2, 1));
    assert_eq!(log.rows[1].label, "2nd time");
    let entries = parse(
        r#"<sheet><log><entry times="2">1. Bridge</entry><entry times="99">2.  Clam</entry></log></sheet>"#,
    )
    .unwrap();
    let Block::Log(log) = &entries.body[0] else {
        panic!("log")
    };
    let rows: Vec<_> = log
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.times))
        .collect();
    assert_eq!(rows, [("1. Bridge", 2), ("2. Clam", 6)]);
    let bad = parse("<sheet><log>\n<p>x</p></log></sheet>").unwrap_err();
    assert_eq!(bad.line, 2);
    assert!(bad.message.contains("inside <log>"), "{}", bad.message);
    assert!(log.start.is_none() && !log.pain);
    let dated = parse(r#"<sheet><log weeks="2" start="2026-11-21" pain="true"/></sheet>"#).unwrap();
    let Block::Log(log) = &dated.body[0] else {
        panic!("log")
    };
    assert_eq!(log.weeks, 2);
    assert_eq!(
        log.start
            .map(|d| d.written_in(
                crate::content::dates::DateFormat::DayMonthYear,
                crate::strings::english()
            ))
            .as_deref(),
        Some("21 November 2026")
    );
    assert!(log.pain);
    let bad = parse(r#"<sheet><log start="21/11/2026"/></sheet>"#).unwrap_err();
    assert!(bad.message.contains("YYYY-MM-DD"), "{}", bad.message);
    let err = parse("<sheet>\n<qr data=\" \"/></sheet>").unwrap_err();
    assert_eq!(err.line, 2);
    assert!(
        err.message.contains("<qr> needs data, like data="),
        "{}",
        err.message
    );
}

#[test]
fn newlines_between_elements_are_not_line_breaks() {
    let sheet =
        parse("<sheet><keep>\n<h2>A</h2>\n<log/>\n</keep>\n<p>one<br/>two\n</p></sheet>").unwrap();
    let Block::Keep(inner) = &sheet.body[0] else {
        panic!()
    };
    assert_eq!(inner.len(), 2, "{inner:?}");
    let Block::Para { runs, .. } = &sheet.body[1] else {
        panic!()
    };
    assert_eq!(runs[0].text, format!("one{LINE_BREAK}two"));
}

#[test]
fn small_around_paragraphs_makes_them_small() {
    let sheet =
        parse("<sheet><footer><small><p>Stop if it hurts.</p></small></footer></sheet>").unwrap();
    assert_eq!(
        sheet.footer,
        vec![Block::Para {
            kind: ParaKind::Small,
            align: Align::Left,
            runs: vec![run("Stop if it hurts.", false)]
        }]
    );
}

#[test]
fn no_break_spaces_are_kept_while_other_white_space_collapses() {
    let runs = normalize(vec![run(
        "Page\u{a0}1\u{a0}of\u{a0}8 \n  Phone\t(555)",
        false,
    )]);
    assert_eq!(
        runs,
        vec![run("Page\u{a0}1\u{a0}of\u{a0}8 Phone (555)", false)]
    );
}
