//! Sheet furniture that is not running text: fields to write on, the dose
//! box and the check-off log.

use super::super::fonts::FontStyle;
use super::super::markup::ParaKind;
use super::super::markup::Run;
use super::marks::{BOX_FILL, BOX_STROKE, INK, MUTED, Mark, RULE};
use super::paginate::Row;
use super::{Typesetter, text_style};

impl Typesetter<'_> {
    /// Labelled lines to write on, up to three side by side. A filled-in value is
    /// printed at body size on its line; one too long for its share of the width
    /// gets a line of its own, and wraps there onto more lines if it must.
    pub(super) fn fields(
        &mut self,
        fields: &[(String, String)],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        let style = text_style(ParaKind::Body);
        let (gutter, before_value) = (14.0, 10.0);
        let bold = self.fonts.get(FontStyle::Bold);
        let regular = self.fonts.get(FontStyle::Regular);
        let need = |(label, value): &(String, String)| {
            bold.width(&format!("{label}:"), style.size)
                + before_value
                + regular
                    .width(value, style.size)
                    .max(if value.is_empty() { 60.0 } else { 0.0 })
        };
        // Fill rows greedily: up to three fields whose needs fit their equal shares.
        let mut rows: Vec<Vec<&(String, String)>> = Vec::new();
        for field in fields {
            let joins = rows.last().is_some_and(|row| {
                let n = row.len() + 1;
                let share = (width - gutter * (n - 1) as f32) / n as f32;
                n <= 3 && row.iter().chain([&field]).all(|f| need(f) <= share)
            });
            match rows.last_mut() {
                Some(row) if joins => row.push(field),
                _ => rows.push(vec![field]),
            }
        }
        for row in rows {
            let n = row.len();
            let column = (width - gutter * (n - 1) as f32) / n as f32;
            let mut marks = Vec::new();
            let mut height = 26.0f32;
            for (i, (label, value)) in row.into_iter().enumerate() {
                let left = x + (column + gutter) * i as f32;
                let text = format!("{label}:");
                self.note_missing(&text, FontStyle::Bold);
                let label_width = bold.width(&text, style.size);
                marks.push(Mark::Text {
                    x: left,
                    baseline: 18.0,
                    style: FontStyle::Bold,
                    size: style.size,
                    color: INK,
                    text,
                });
                let (start, end) = (left + label_width + before_value, left + column);
                let runs = [Run {
                    text: value.clone(),
                    ..Run::default()
                }];
                let (lines, _) = self.wrap(&runs, style.size, end - start);
                let count = lines.len().max(1);
                for (n, line) in lines.into_iter().enumerate() {
                    marks.push(Mark::Text {
                        x: start,
                        baseline: 18.0 + style.line_height * n as f32,
                        style: FontStyle::Regular,
                        size: style.size,
                        color: INK,
                        text: line.into_iter().map(|s| s.text).collect(),
                    });
                }
                for n in 0..count {
                    let y = 20.0 + style.line_height * n as f32;
                    let from = if n == 0 {
                        left + label_width + 6.0
                    } else {
                        start - 4.0
                    };
                    marks.push(Mark::Line {
                        x1: from,
                        y1: y,
                        x2: end,
                        y2: y,
                        width: 0.75,
                        color: MUTED,
                    });
                }
                height = height.max(26.0 + style.line_height * (count - 1) as f32);
            }
            out.push(Row::new(8.0, height, marks, group));
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

    /// The dose as labelled values side by side ("Repeat / 10 times", "How often /
    /// Twice a day") in a frame. A value is never broken across lines: a cell that
    /// does not fit the line goes under the others. Only a value wider than the
    /// whole box wraps, at its spaces.
    pub(super) fn dose(
        &mut self,
        items: &[(String, String)],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        const LABEL: f32 = 11.0;
        const VALUE: f32 = 15.0;
        let (pad, gutter, line_gap) = (8.0, 22.0, 6.0);
        let inner = width - 2.0 * pad;
        let bold = self.fonts.get(FontStyle::Bold);
        let label_line = LABEL * 1.25;
        let value_line = VALUE * 1.2;
        let mut marks = Vec::new();
        let (mut cx, mut top, mut line_height) = (0.0f32, 0.0f32, 0.0f32);
        for (label, value) in items {
            self.note_missing(label, FontStyle::Bold);
            let runs = [Run {
                text: value.clone(),
                bold: true,
                ..Run::default()
            }];
            let (lines, _) = self.wrap(&runs, VALUE, inner);
            let value_width = lines
                .iter()
                .map(|l| l.iter().map(|s| s.width).sum::<f32>())
                .fold(0.0, f32::max);
            let cell = bold.width(label, LABEL).max(value_width);
            if cx > 0.0 && cx + cell > inner {
                (cx, top) = (0.0, top + line_height + line_gap);
                line_height = 0.0;
            }
            let left = x + pad + cx;
            marks.push(Mark::Text {
                x: left,
                baseline: pad + top + bold.baseline(LABEL, label_line),
                style: FontStyle::Bold,
                size: LABEL,
                color: MUTED,
                text: label.clone(),
            });
            for (i, line) in lines.iter().enumerate() {
                let baseline = pad
                    + top
                    + label_line
                    + value_line * i as f32
                    + bold.baseline(VALUE, value_line);
                let text: String = line.iter().map(|s| s.text.as_str()).collect();
                marks.push(Mark::Text {
                    x: left,
                    baseline,
                    style: FontStyle::Bold,
                    size: VALUE,
                    color: INK,
                    text,
                });
            }
            line_height = line_height.max(label_line + value_line * lines.len() as f32);
            cx += cell + gutter;
        }
        let height = top + line_height + 2.0 * pad;
        marks.insert(
            0,
            Mark::Rect {
                x,
                y: 0.0,
                width,
                height,
                fill: Some(BOX_FILL),
                stroke: Some(BOX_STROKE),
            },
        );
        out.push(Row::new(8.0, height, marks, group));
    }
}
