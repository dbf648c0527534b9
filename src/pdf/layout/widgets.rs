//! Sheet furniture that is not running text: fields to write on and the
//! check-off log.

use super::super::fonts::FontStyle;
use super::super::markup::ParaKind;
use super::marks::{INK, MUTED, Mark, RULE};
use super::paginate::Row;
use super::{Typesetter, text_style};

impl Typesetter<'_> {
    pub(super) fn fields(
        &mut self,
        fields: &[(String, String)],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        let style = text_style(ParaKind::Body);
        let font = self.fonts.get(FontStyle::Bold);
        for chunk in fields.chunks(3) {
            let column = width / chunk.len() as f32;
            let mut marks = Vec::new();
            for (i, (label, value)) in chunk.iter().enumerate() {
                let left = x + column * i as f32;
                let text = format!("{label}:");
                self.note_missing(&text, FontStyle::Bold);
                let label_width = font.width(&text, style.size);
                marks.push(Mark::Text {
                    x: left,
                    baseline: 18.0,
                    style: FontStyle::Bold,
                    size: style.size,
                    color: INK,
                    text,
                });
                let line_end = left + column - if i + 1 < chunk.len() { 14.0 } else { 0.0 };
                if !value.is_empty() {
                    // Filled in: the value sits on the line, shrunk if it would run past its end.
                    let room = line_end - (left + label_width + 10.0);
                    let natural = self.fonts.get(FontStyle::Regular).width(value, style.size);
                    let size = if natural > room && natural > 0.0 {
                        (style.size * room / natural).max(7.0)
                    } else {
                        style.size
                    };
                    self.note_missing(value, FontStyle::Regular);
                    marks.push(Mark::Text {
                        x: left + label_width + 10.0,
                        baseline: 18.0,
                        style: FontStyle::Regular,
                        size,
                        color: INK,
                        text: value.clone(),
                    });
                }
                marks.push(Mark::Line {
                    x1: left + label_width + 6.0,
                    y1: 20.0,
                    x2: line_end,
                    y2: 20.0,
                    width: 0.75,
                    color: MUTED,
                });
            }
            out.push(Row::new(8.0, 26.0, marks, group));
        }
    }

    /// A grid with a header of day numbers and a box to tick per day and session.
    pub(super) fn log(
        &mut self,
        days: u32,
        rows: &[String],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        let size = 10.0;
        let (header, row_height) = (16.0, 22.0);
        let bold = self.fonts.get(FontStyle::Bold);
        let regular = self.fonts.get(FontStyle::Regular);
        let label_width = rows
            .iter()
            .map(|r| regular.width(r, size))
            .fold(bold.width("Day", size), f32::max)
            + 10.0;
        let cell = ((width - label_width) / days as f32).min(40.0);
        let table_width = label_width + cell * days as f32;
        let height = header + row_height * rows.len() as f32;
        let mut marks = vec![Mark::Text {
            x,
            baseline: 11.5,
            style: FontStyle::Bold,
            size,
            color: INK,
            text: "Day".into(),
        }];
        for day in 1..=days {
            let text = day.to_string();
            let cx =
                x + label_width + cell * (day - 1) as f32 + (cell - bold.width(&text, size)) / 2.0;
            marks.push(Mark::Text {
                x: cx,
                baseline: 11.5,
                style: FontStyle::Bold,
                size,
                color: INK,
                text,
            });
        }
        for (i, label) in rows.iter().enumerate() {
            let top = header + row_height * i as f32;
            marks.push(Mark::Text {
                x,
                baseline: top + 15.0,
                style: FontStyle::Regular,
                size,
                color: INK,
                text: label.clone(),
            });
            for day in 0..days {
                let bx = x + label_width + cell * day as f32 + (cell - 12.0) / 2.0;
                marks.push(Mark::Rect {
                    x: bx,
                    y: top + 5.0,
                    width: 12.0,
                    height: 12.0,
                    fill: None,
                    stroke: Some(MUTED),
                });
            }
        }
        for i in 0..=rows.len() {
            let y = header + row_height * i as f32;
            marks.push(Mark::Line {
                x1: x,
                y1: y,
                x2: x + table_width,
                y2: y,
                width: 0.5,
                color: RULE,
            });
        }
        out.push(Row::new(8.0, height, marks, group));
    }
}
