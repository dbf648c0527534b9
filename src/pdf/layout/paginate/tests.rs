use super::*;
use crate::pdf::layout::marks::Color;

fn text_at(y: f32) -> Mark {
    Mark::Text {
        x: 0.0,
        baseline: y + 10.0,
        style: crate::pdf::fonts::FontStyle::Regular,
        size: 12.0,
        color: Color(0.0, 0.0, 0.0),
        text: format!("line at {y}"),
    }
}

/// A framed row of `lines` lines, 16 pt each, that may be cut between any two.
fn framed(lines: usize) -> Row {
    let height = 16.0 * lines as f32;
    let mut marks = vec![Mark::Rect {
        x: 0.0,
        y: 0.0,
        width: 100.0,
        height,
        fill: None,
        stroke: Some(Color(0.0, 0.0, 0.0)),
    }];
    marks.extend((0..lines).map(|i| text_at(16.0 * i as f32)));
    Row {
        breaks: (1..lines)
            .map(|i| Break {
                at: 16.0 * i as f32,
                preferred: true,
            })
            .collect(),
        ..Row::new(0.0, height, marks, None)
    }
}

fn bottoms(page: &Page) -> f32 {
    page.marks.iter().map(Mark::bottom).fold(0.0, f32::max)
}

#[test]
fn a_row_taller_than_the_page_is_cut_between_lines_and_loses_nothing() {
    let pages = paginate(vec![framed(100)], 50.0, 500.0, &BTreeMap::new()).unwrap();
    assert_eq!(pages.len(), 4, "1,600 pt in pages of 450");
    let mut lines = 0;
    for page in &pages {
        assert!(bottoms(page) <= 500.0 + 0.01, "{}", bottoms(page));
        lines += page
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Text { .. }))
            .count();
        let frames = page
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Rect { .. }))
            .count();
        assert_eq!(frames, 1, "the frame is drawn on every page it spans");
    }
    assert_eq!(lines, 100);
}

#[test]
fn a_part_continues_under_its_continuation_line() {
    let mut continued = BTreeMap::new();
    let mut title = Row::new(0.0, 20.0, vec![text_at(0.0)], None);
    if let Mark::Text { text, .. } = &mut title.marks[0] {
        *text = "1. Bridge (continued)".into();
    }
    continued.insert(7, vec![title]);
    let row = Row {
        part: Some(7),
        ..framed(40)
    };
    let pages = paginate(vec![row], 0.0, 400.0, &continued).unwrap();
    assert_eq!(pages.len(), 2);
    let first_text = |page: &Page| {
        page.marks.iter().find_map(|m| match m {
            Mark::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
    };
    assert_eq!(first_text(&pages[1]).unwrap(), "1. Bridge (continued)");
    assert_eq!(first_text(&pages[0]).unwrap(), "line at 0");
}

#[test]
fn a_sheet_past_the_page_limit_is_refused_without_laying_it_all_out() {
    let rows: Vec<Row> = (0..200_000).map(|_| framed(1)).collect();
    assert!(paginate(rows, 0.0, 400.0, &BTreeMap::new()).is_none());
    let fits: Vec<Row> = (0..100).map(|_| framed(1)).collect();
    assert!(paginate(fits, 0.0, 400.0, &BTreeMap::new()).is_some());
}

#[test]
fn a_head_that_does_not_fit_moves_with_its_first_piece() {
    // A heading that keeps with a row whose first piece (above its first cut) is
    // 100 pt: with 80 pt left, both move to the next page.
    let filler = Row::new(0.0, 320.0, vec![text_at(0.0)], None);
    let heading = Row {
        keep_with_next: true,
        ..Row::new(0.0, 20.0, vec![text_at(0.0)], None)
    };
    let mut body = framed(20);
    body.breaks.retain(|b| b.at >= 100.0);
    let pages = paginate(vec![filler, heading, body], 0.0, 400.0, &BTreeMap::new()).unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].marks.len(), 1, "only the filler stays on page one");
}
