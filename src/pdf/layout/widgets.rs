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
    /// dated from the sheet's date), a row per exercise (or per session) with a box
    /// to tick per day and session, and an optional row to write the day's pain
    /// score. A week stays on one page when it fits; one too long for a page goes
    /// on between its rows, under its header again.
    pub(super) fn log(
        &mut self,
        log: &Log,
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        const BOX: f32 = 12.0;
        const BOX_GAP: f32 = 3.0;
        let size = 10.0;
        let label_size = if log.rows.iter().any(|r| r.times > 1 || r.label.len() > 12) {
            text_style(ParaKind::Body).size
        } else {
            size
        };
        let line_height = label_size * 1.25;
        let header = if log.start.is_some() { 27.0 } else { 16.0 };
        let bold = self.fonts.get(FontStyle::Bold);
        let regular = self.fonts.get(FontStyle::Regular);
        let mut labels: Vec<(&str, u32)> = log
            .rows
            .iter()
            .map(|r| (r.label.as_str(), r.times))
            .collect();
        let pain = self.words.pain.clone();
        if log.pain {
            labels.push((&pain, 1));
        }
        // Labels take what they need, up to 45% of the width; longer ones wrap.
        let label_width = labels
            .iter()
            .map(|(label, _)| regular.width(label, label_size))
            .fold(
                bold.width(&self.words.day, size).max(
                    self.words
                        .weekdays()
                        .map(|name| bold.width(name, size))
                        .fold(0.0, f32::max),
                ),
                f32::max,
            )
            .min(width * 0.45)
            + 10.0;
        let days = log.days.max(1);
        let most_times = labels.iter().map(|(_, t)| *t).max().unwrap_or(1);
        let cell = ((width - label_width) / days as f32)
            .min(40.0f32.max(most_times.min(3) as f32 * (BOX + BOX_GAP) + 6.0));
        let per_line = (((cell - 4.0 + BOX_GAP) / (BOX + BOX_GAP)).floor() as u32).max(1);
        let table_width = label_width + cell * days as f32;
        let centred = |text: &str, column: u32, font: &crate::pdf::fonts::Font| {
            x + label_width + cell * column as f32 + (cell - font.width(text, size)) / 2.0
        };
        // Each row's label lines, and its height: room for the label and the boxes.
        let mut body = Vec::new();
        for (label, times) in &labels {
            let runs = [Run {
                text: label.to_string(),
                ..Run::default()
            }];
            let (lines, _) = self.wrap(&runs, label_size, label_width - 10.0, Hyphens::Never);
            let lines: Vec<String> = lines
                .into_iter()
                .map(|line| line.into_iter().map(|s| s.text).collect())
                .collect();
            let box_lines = times.div_ceil(per_line);
            let height = (line_height * lines.len().max(1) as f32 + 8.0)
                .max((BOX + BOX_GAP) * box_lines as f32 + 7.0)
                .max(22.0);
            body.push((lines, *label == pain, *times, height));
        }
        // "Wed" where every day's name fits its column, else "We" for all.
        let short_names = self
            .words
            .weekdays()
            .any(|name| bold.width(name, size) + 3.0 > cell);
        let rule = |y: f32| Mark::Line {
            x1: x,
            y1: y,
            x2: x + table_width,
            y2: y,
            width: 0.5,
            color: RULE,
        };
        for week in 0..log.weeks.max(1) {
            let first_day = week * days;
            let corner = match log.start {
                Some(start) => self
                    .words
                    .month(start.plus_days(i64::from(first_day)))
                    .to_string(),
                None => self.words.day.clone(),
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
                        let name = self.words.weekday(date);
                        let name: String = if short_names {
                            name.chars().take(2).collect()
                        } else {
                            name.to_string()
                        };
                        (name, Some(date.day.to_string()))
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
            marks.push(rule(header));
            // The week is a part of its own: its header heads any page it goes on to.
            self.next_group += 1;
            let part = self.next_group;
            let week_group = group.or_else(|| {
                self.next_group += 1;
                Some(self.next_group)
            });
            let head = Row {
                keep_with_next: true,
                part: Some(part),
                ..Row::new(8.0, header, marks, week_group)
            };
            self.continued.insert(
                part,
                vec![Row {
                    gap: 0.0,
                    group: None,
                    ..head.clone()
                }],
            );
            out.push(head);
            for (lines, pain, times, height) in &body {
                let mut marks = Vec::new();
                for (n, line) in lines.iter().enumerate() {
                    marks.push(Mark::Text {
                        x,
                        baseline: 4.0 + label_size + line_height * n as f32,
                        style: FontStyle::Regular,
                        size: label_size,
                        color: INK,
                        text: line.clone(),
                    });
                }
                for column in 0..days {
                    let left = x + label_width + cell * column as f32;
                    if *pain {
                        // A wider box to write the score in.
                        let box_width = (cell - 7.0).min(22.0);
                        marks.push(Mark::Rect {
                            x: left + (cell - box_width) / 2.0,
                            y: 4.5,
                            width: box_width,
                            height: 15.0,
                            fill: None,
                            stroke: Some(MUTED),
                        });
                        continue;
                    }
                    // A box per session, as many to a line as the cell holds.
                    for n in 0..*times {
                        let (line, place) = (n / per_line, n % per_line);
                        let on_line = (times - line * per_line).min(per_line);
                        let span = on_line as f32 * (BOX + BOX_GAP) - BOX_GAP;
                        marks.push(Mark::Rect {
                            x: left + (cell - span) / 2.0 + place as f32 * (BOX + BOX_GAP),
                            y: 5.0 + line as f32 * (BOX + BOX_GAP),
                            width: BOX,
                            height: BOX,
                            fill: None,
                            stroke: Some(MUTED),
                        });
                    }
                }
                marks.push(rule(*height));
                out.push(Row {
                    part: Some(part),
                    ..Row::new(0.0, *height, marks, week_group)
                });
            }
        }
    }

    /// The dose as labelled values side by side ("Repeat / 10 times", "How often /
    /// Twice a day") in a frame. A value is never broken across lines: a cell that
    /// does not fit the line goes under the others. Only a value wider than the
    /// whole box wraps, at its spaces. When every cell fits on one line with less
    /// space between them, they are drawn closer, with a thin rule between each two,
    /// rather than on two lines.
    pub(super) fn dose(
        &mut self,
        items: &[(String, String)],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        const LABEL: f32 = 11.0;
        /// The values' size, and the smaller one they take, still above body text,
        /// when that keeps every cell on one line.
        const VALUE: f32 = 15.0;
        const SMALLER_VALUE: f32 = 13.0;
        /// Space between cells, and the least it may shrink to on one line.
        const GUTTER: f32 = 22.0;
        const TIGHT_GUTTER: f32 = 15.0;
        let (pad, line_gap) = (8.0, 6.0);
        let inner = width - 2.0 * pad;
        let bold = self.fonts.get(FontStyle::Bold);
        let label_line = LABEL * 1.25;
        for (label, _) in items {
            self.note_missing(label, FontStyle::Bold);
        }
        let measure = |this: &mut Self, size: f32| -> Vec<(&String, Vec<String>, f32)> {
            items
                .iter()
                .map(|(label, value)| {
                    let runs = [Run {
                        text: value.clone(),
                        bold: true,
                        ..Run::default()
                    }];
                    let (lines, _) = this.wrap(&runs, size, inner, Hyphens::Never);
                    let value_width = lines
                        .iter()
                        .map(|l| l.iter().map(|s| s.width).sum::<f32>())
                        .fold(0.0, f32::max);
                    let text = lines
                        .iter()
                        .map(|l| l.iter().map(|s| s.text.as_str()).collect())
                        .collect();
                    (label, text, bold.width(label, LABEL).max(value_width))
                })
                .collect()
        };
        let between = items.len().saturating_sub(1) as f32;
        let one_line = |cells: &[(&String, Vec<String>, f32)], gutter: f32| {
            cells.iter().map(|(_, _, cell)| cell).sum::<f32>() + between * gutter <= inner
        };
        // On one line at full size; else closer together, with rules between them;
        // else at the smaller size; else at full size, a cell going under the others.
        let mut value_size = VALUE;
        let mut cells = measure(self, VALUE);
        if !one_line(&cells, TIGHT_GUTTER) {
            let smaller = measure(self, SMALLER_VALUE);
            if one_line(&smaller, TIGHT_GUTTER) {
                (cells, value_size) = (smaller, SMALLER_VALUE);
            }
        }
        let value_line = value_size * 1.2;
        let total: f32 = cells.iter().map(|(_, _, cell)| cell).sum();
        let (gutter, rules) = if one_line(&cells, GUTTER) {
            (GUTTER, false)
        } else if one_line(&cells, TIGHT_GUTTER) {
            (((inner - total) / between).min(GUTTER), true)
        } else {
            (GUTTER, false)
        };
        let mut marks = Vec::new();
        let (mut cx, mut top, mut line_height) = (0.0f32, 0.0f32, 0.0f32);
        for (label, lines, cell) in &cells {
            if cx > 0.0 && cx + cell > inner {
                (cx, top) = (0.0, top + line_height + line_gap);
                line_height = 0.0;
            }
            let left = x + pad + cx;
            if rules && cx > 0.0 {
                let rule_x = left - gutter / 2.0;
                marks.push(Mark::Line {
                    x1: rule_x,
                    y1: pad + top,
                    x2: rule_x,
                    y2: pad + top + label_line + value_line,
                    width: 0.75,
                    color: BOX_STROKE,
                });
            }
            marks.push(Mark::Text {
                x: left,
                baseline: pad + top + bold.baseline(LABEL, label_line),
                style: FontStyle::Bold,
                size: LABEL,
                color: MUTED,
                text: label.to_string(),
            });
            for (i, text) in lines.iter().enumerate() {
                let baseline = pad
                    + top
                    + label_line
                    + value_line * i as f32
                    + bold.baseline(value_size, value_line);
                marks.push(Mark::Text {
                    x: left,
                    baseline,
                    style: FontStyle::Bold,
                    size: value_size,
                    color: INK,
                    text: text.clone(),
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
