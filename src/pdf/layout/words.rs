//! The words the typesetter draws itself (not written in a template): figure panel
//! labels, continuation lines, and the check-off log's corner, days and pain row.

use crate::content::dates::Date;
use crate::strings::Strings;

/// Marks where a continued part's title goes in [`SheetWords::continued`].
const TITLE: &str = "\u{1}";

#[derive(Debug, Clone)]
pub struct SheetWords {
    /// A two-panel figure's labels.
    pub start: String,
    pub end: String,
    /// "{title} (continued)", with [`TITLE`] for the title.
    continued: String,
    /// The log's corner without dates, and its pain row.
    pub day: String,
    pub pain: String,
    /// Monday first.
    weekdays: [String; 7],
    /// Short month names, January first.
    months: [String; 12],
}

impl Default for SheetWords {
    /// English.
    fn default() -> Self {
        SheetWords::new(crate::strings::english())
    }
}

impl SheetWords {
    /// The words in `strings`' language.
    pub fn new(strings: &Strings) -> Self {
        let get = |id: &str| strings.get(id, &[]);
        SheetWords {
            start: get("figure-start"),
            end: get("figure-end"),
            continued: strings.get("continued", &[("title", TITLE.into())]),
            day: get("log-day"),
            pain: get("log-pain"),
            weekdays: std::array::from_fn(|i| get(&format!("weekday-{}", i + 1))),
            months: std::array::from_fn(|i| get(&format!("month-short-{}", i + 1))),
        }
    }

    /// A continued part's heading: "1. Bridge (continued)".
    pub fn continued(&self, title: &str) -> String {
        self.continued.replace(TITLE, title)
    }

    /// The short name of `date`'s day of the week.
    pub fn weekday(&self, date: Date) -> &str {
        &self.weekdays[date.weekday_index()]
    }

    /// The short names of the days of the week, Monday first.
    pub fn weekdays(&self) -> impl Iterator<Item = &str> {
        self.weekdays.iter().map(String::as_str)
    }

    /// The short name of `date`'s month.
    pub fn month(&self, date: Date) -> &str {
        &self.months[(date.month as usize).clamp(1, 12) - 1]
    }
}
