//! Sheet furniture that is not running text: fields to write on, the dose
//! box and the check-off log.

use super::super::fonts::FontStyle;
use super::super::markup::ParaKind;
use super::super::markup::{Log, Run};
use super::lines::Hyphens;
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
                let (lines, _) = self.wrap(&runs, style.size, end - start, Hyphens::Never);
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

    /// The check-off log: for each week a grid with a header of days (numbered, or
    /// dated from the sheet's date), a box to tick per day and session, and an
    /// optional row to write the day's pain score. Each week is a row of its own,
    /// so a long log can go on over a page break between weeks.
    pub(super) fn log(
        &mut self,
        log: &Log,
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        const PAIN: &str = "Pain 0–10";
        let size = 10.0;
        let row_height = 22.0;
        let header = if log.start.is_some() { 27.0 } else { 16.0 };
        let bold = self.fonts.get(FontStyle::Bold);
        let regular = self.fonts.get(FontStyle::Regular);
        let mut labels: Vec<&str> = log.rows.iter().map(String::as_str).collect();
        if log.pain {
            labels.push(PAIN);
        }
        let label_width = labels.iter().map(|r| regular.width(r, size)).fold(
            bold.width("Day", size).max(bold.width("Mon", size)),
            f32::max,
        ) + 10.0;
        let days = log.days.max(1);
        let cell = ((width - label_width) / days as f32).min(40.0);
        let table_width = label_width + cell * days as f32;
        let height = header + row_height * labels.len() as f32;
        let centred = |text: &str, column: u32, font: &crate::pdf::fonts::Font| {
            x + label_width + cell * column as f32 + (cell - font.width(text, size)) / 2.0
        };
        // "Wed" where every day's name fits its column, else "We" for all.
        let short_names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .iter()
            .any(|name| bold.width(name, size) + 3.0 > cell);
        for week in 0..log.weeks.max(1) {
            let first_day = week * days;
            let corner = match log.start {
                Some(start) => start
                    .plus_days(i64::from(first_day))
                    .short_month()
                    .to_string(),
                None => "Day".to_string(),
            };
            let mut marks = vec![Mark::Text {
                x,
                baseline: 11.5,
                style: FontStyle::Bold,
                size,
                color: INK,
                text: corner,
            }];
            for column in 0..days {
                let (top, bottom) = match log.start {
                    Some(start) => {
                        let date = start.plus_days(i64::from(first_day + column));
                        let name = date.weekday();
                        let name = if short_names { &name[..2] } else { name };
                        (name.to_string(), Some(date.day.to_string()))
                    }
                    None => ((first_day + column + 1).to_string(), None),
                };
                for (line, text) in [Some(top), bottom].into_iter().flatten().enumerate() {
                    marks.push(Mark::Text {
                        x: centred(&text, column, bold),
                        baseline: 11.5 + 11.5 * line as f32,
                        style: FontStyle::Bold,
                        size,
                        color: INK,
                        text,
                    });
                }
            }
            for (i, label) in labels.iter().enumerate() {
                let top = header + row_height * i as f32;
                marks.push(Mark::Text {
                    x,
                    baseline: top + 15.0,
                    style: FontStyle::Regular,
                    size,
                    color: INK,
                    text: label.to_string(),
                });
                // A tick box per day; a wider one to write the pain score in.
                let (box_width, box_height) = if *label == PAIN {
                    ((cell - 7.0).min(22.0), 15.0)
                } else {
                    (12.0, 12.0)
                };
                for column in 0..days {
                    marks.push(Mark::Rect {
                        x: x + label_width + cell * column as f32 + (cell - box_width) / 2.0,
                        y: top + 5.0 + (12.0 - box_height) / 2.0,
                        width: box_width,
                        height: box_height,
                        fill: None,
                        stroke: Some(MUTED),
                    });
                }
            }
            for i in 0..=labels.len() {
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
            let (lines, _) = self.wrap(&runs, VALUE, inner, Hyphens::Never);
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
