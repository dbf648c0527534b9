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
        let own = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        SheetWords {
            start: "Start".into(),
            end: "End".into(),
            continued: format!("{TITLE} (continued)"),
            day: "Day".into(),
            pain: "Pain 0–10".into(),
            weekdays: own(&["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
                .try_into()
                .unwrap_or_default(),
            months: own(&[
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ])
            .try_into()
            .unwrap_or_default(),
        }
    }
}

impl SheetWords {
    /// The words in `strings`' language.
    pub fn new(strings: &Strings) -> Self {
        let get = |id: &str| strings.get(id, &[]);
        let list = |prefix: &str, count: usize| -> Vec<String> {
            (1..=count).map(|i| get(&format!("{prefix}-{i}"))).collect()
        };
        let fallback = SheetWords::default();
        SheetWords {
            start: get("figure-start"),
            end: get("figure-end"),
            continued: strings.get("continued", &[("title", TITLE.into())]),
            day: get("log-day"),
            pain: get("log-pain"),
            weekdays: list("weekday", 7).try_into().unwrap_or(fallback.weekdays),
            months: list("month-short", 12)
                .try_into()
                .unwrap_or(fallback.months),
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

    /// The short name of `date`'s month.
    pub fn month(&self, date: Date) -> &str {
        &self.months[(date.month as usize).clamp(1, 12) - 1]
    }
}
