//! How much of an exercise to do: typed values parsed from the forms clinicians
//! write ("20-30 sec", "8-10", "2x daily") and rendered back in plain words.
//!
//! ```
//! use handout::content::dosage::{Dosage, parse_frequency, parse_hold, parse_reps};
//!
//! let dosage = Dosage {
//!     hold: Some(parse_hold("1 min").unwrap()),
//!     reps: Some(parse_reps("1-2").unwrap()),
//!     per_side: Some(true),
//!     frequency: Some(parse_frequency("twice daily").unwrap()),
//!     ..Dosage::default()
//! };
//! assert_eq!(dosage.to_string(), "Hold 1 minute · Repeat 1–2 times · Each side · Twice a day");
//! assert!(parse_reps("ten").is_err());
//! ```

use std::fmt;

use serde::Serialize;

use crate::strings::Strings;

/// A whole-number range such as `8-10`; a single number has `min == max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

impl Range {
    fn text(&self) -> String {
        if self.min == self.max {
            self.min.to_string()
        } else {
            format!("{}–{}", self.min, self.max)
        }
    }
}

/// A length of time in whole seconds (a range when written as one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Duration {
    pub min_seconds: u32,
    pub max_seconds: u32,
}

impl Duration {
    /// The length in English: "1 minute", "20–30 seconds".
    pub fn text(&self) -> String {
        self.spoken(crate::strings::english())
    }

    /// The length in the words of `words`' language ("1 minute", "20–30 segundos").
    pub fn spoken(&self, words: &Strings) -> String {
        let (a, b) = (self.min_seconds, self.max_seconds);
        if a % 30 == 0 && b % 30 == 0 && a >= 60 {
            let value = if a == b {
                minutes_text(a)
            } else {
                format!("{}–{}", minutes_text(a), minutes_text(b))
            };
            // One minute exactly is singular; ranges and halves are plural.
            let n = if a == 60 && b == 60 { 1 } else { 2 };
            words.get("minutes", &[("n", n.into()), ("value", value.into())])
        } else {
            let value = if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            };
            words.get("seconds", &[("n", b.into()), ("value", value.into())])
        }
    }
}

fn minutes_text(seconds: u32) -> String {
    let (whole, half) = (seconds / 60, seconds % 60 == 30);
    match (whole, half) {
        (0, true) => "½".to_string(),
        (w, true) => format!("{w}½"),
        (w, false) => w.to_string(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Hold {
    Time(Duration),
    Breaths(Range),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Frequency {
    /// Sessions per day.
    Daily {
        times: u32,
    },
    /// Per week; `days` keeps whether the author counted days ("5 days per week") or times.
    Weekly {
        times: u32,
        days: bool,
    },
    EveryOtherDay,
}

impl Frequency {
    /// How many sessions a day this asks for, for a daily log (at least one).
    pub fn sessions_per_day(&self) -> u32 {
        match self {
            Frequency::Daily { times } => (*times).max(1),
            _ => 1,
        }
    }

    /// How often, in the words of `words`' language ("Twice a day", "Dos veces al día").
    pub fn spoken(&self, words: &Strings) -> String {
        match *self {
            Frequency::Daily { times } => words.get("daily", &[("n", times.into())]),
            Frequency::Weekly { times, days: true } if times != 1 => {
                words.get("weekly-days", &[("n", times.into())])
            }
            Frequency::Weekly { times, .. } => words.get("weekly", &[("n", times.into())]),
            Frequency::EveryOtherDay => words.get("every-other-day", &[]),
        }
    }

    /// How often, in English: "Twice a day".
    pub fn text(&self) -> String {
        self.spoken(crate::strings::english())
    }
}

/// The dose of one exercise. Every field is optional so that a condition can
/// override only some of an exercise's own values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Dosage {
    pub hold: Option<Hold>,
    pub reps: Option<Range>,
    pub sets: Option<u32>,
    pub per_side: Option<bool>,
    pub frequency: Option<Frequency>,
    pub rest: Option<Duration>,
}

/// One part of a dosage in plain words, e.g. `{ label: "Hold", text: "Hold 1 minute" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DosagePart {
    pub label: &'static str,
    pub text: String,
}

/// One labelled value of a dose for a printed dose box, e.g. `Repeat` / `10 times`.
/// The words avoid jargon: "sets" are printed as "Rounds", which the sheet explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoseCell {
    pub label: String,
    pub value: String,
}

impl Dosage {
    /// The dose as labelled values in the words of `words`' language, in the order
    /// a patient does them.
    pub fn cells(&self, words: &Strings) -> Vec<DoseCell> {
        let mut cells = Vec::new();
        let mut push = |label: &str, value: String| {
            cells.push(DoseCell {
                label: words.get(label, &[]),
                value,
            })
        };
        let count = |r: Range| [("n", r.max.into()), ("value", r.text().into())];
        match self.hold {
            Some(Hold::Time(d)) => push("dose-hold", d.spoken(words)),
            Some(Hold::Breaths(r)) => push("dose-hold", words.get("breaths", &count(r))),
            None => {}
        }
        if let Some(r) = self.reps {
            push("dose-repeat", words.get("times", &count(r)));
        }
        if let Some(s) = self.sets {
            push("dose-rounds", s.to_string());
        }
        if self.per_side == Some(true) {
            push("dose-sides", words.get("each-side", &[]));
        }
        if let Some(r) = self.rest {
            push("dose-rest", r.spoken(words));
        }
        if let Some(f) = self.frequency {
            push("dose-how-often", f.spoken(words));
        }
        cells
    }

    pub fn is_empty(&self) -> bool {
        *self == Dosage::default()
    }

    /// This dosage with every field that `other` sets replaced by `other`'s value.
    pub fn overridden_by(&self, other: &Dosage) -> Dosage {
        Dosage {
            hold: other.hold.or(self.hold),
            reps: other.reps.or(self.reps),
            sets: other.sets.or(self.sets),
            per_side: other.per_side.or(self.per_side),
            frequency: other.frequency.or(self.frequency),
            rest: other.rest.or(self.rest),
        }
    }

    /// The dosage as plain-word parts in the words of `words`' language, in the
    /// order a patient does them. Each part's label names it ("Hold", "How often")
    /// in every language.
    pub fn parts(&self, words: &Strings) -> Vec<DosagePart> {
        let mut parts = Vec::new();
        let mut push = |label, text: String| parts.push(DosagePart { label, text });
        let count = |r: Range| [("n", r.max.into()), ("value", r.text().into())];
        match self.hold {
            Some(Hold::Time(d)) => push(
                "Hold",
                words.get("part-hold", &[("time", d.spoken(words).into())]),
            ),
            Some(Hold::Breaths(r)) => push("Hold", words.get("part-hold-breaths", &count(r))),
            None => {}
        }
        if let Some(r) = self.reps {
            push("Repeat", words.get("part-repeat", &count(r)));
        }
        if let Some(s) = self.sets {
            push("Sets", words.get("part-sets", &[("n", s.into())]));
        }
        if self.per_side == Some(true) {
            push("Side", words.get("each-side", &[]));
        }
        if let Some(r) = self.rest {
            let id = match self.sets.is_some_and(|s| s > 1) {
                true => "part-rest-between-sets",
                false => "part-rest",
            };
            push("Rest", words.get(id, &[("time", r.spoken(words).into())]));
        }
        if let Some(f) = self.frequency {
            push("How often", f.spoken(words));
        }
        parts
    }

    /// The whole dose in one line, in the words of `words`' language:
    /// "Hold 1 minute · Repeat 1–2 times · Each side · Twice a day".
    pub fn spoken(&self, words: &Strings) -> String {
        let texts: Vec<String> = self.parts(words).into_iter().map(|p| p.text).collect();
        texts.join(" · ")
    }
}

impl fmt::Display for Dosage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spoken(crate::strings::english()))
    }
}

pub const HOLD_FORMS: &str = r#"hold must be a time like "30 s", "20-30 sec", "1 min" or "½ min", or a breath count like "3 breaths""#;
pub const REPS_FORMS: &str = r#"reps must be a number or range like "8-10""#;
pub const SETS_FORMS: &str = "sets must be a whole number like 3";
pub const PER_SIDE_FORMS: &str = "per_side must be true or false";
pub const REST_FORMS: &str = r#"rest must be a time like "30 s" or "1 min""#;
pub const FREQUENCY_FORMS: &str = r#"frequency must be like "once daily", "2x daily", "twice daily", "3x per week", "5 days per week" or "every other day""#;

/// Splits "20 to 30 sec" into ("20 to 30", "sec"): everything up to the last number, then the unit.
fn split_unit(text: &str) -> (&str, &str) {
    let idx = text
        .char_indices()
        .rfind(|(_, c)| c.is_ascii_digit() || *c == '½' || *c == '.')
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    (text[..idx].trim(), text[idx..].trim())
}

/// A non-negative amount: "2", "1.5", "½", "1½", "1/2".
fn parse_amount(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Some(whole) = text.strip_suffix('½') {
        let whole = if whole.trim().is_empty() {
            0.0
        } else {
            whole.trim().parse::<u32>().ok()? as f64
        };
        return Some(whole + 0.5);
    }
    if let Some((n, d)) = text.split_once('/') {
        let (n, d) = (n.trim().parse::<u32>().ok()?, d.trim().parse::<u32>().ok()?);
        return (d != 0).then(|| n as f64 / d as f64);
    }
    if !text.chars().all(|c| c.is_ascii_digit() || c == '.') || text.is_empty() {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// "8-10", "8–10", "8 to 10" or "8" as (min, max) amounts.
fn parse_amount_range(text: &str) -> Option<(f64, f64)> {
    let text = text.trim();
    let parts: Vec<&str> = if let Some((a, b)) = text.split_once(" to ") {
        vec![a, b]
    } else {
        text.split(['-', '–']).collect()
    };
    match parts.as_slice() {
        [one] => parse_amount(one).map(|v| (v, v)),
        [a, b] => Some((parse_amount(a)?, parse_amount(b)?)),
        _ => None,
    }
    .filter(|(a, b)| a <= b)
}

fn seconds_per_unit(unit: &str) -> Option<f64> {
    match unit.trim_end_matches('.') {
        "s" | "sec" | "secs" | "second" | "seconds" => Some(1.0),
        "min" | "mins" | "minute" | "minutes" => Some(60.0),
        _ => None,
    }
}

fn parse_duration(text: &str) -> Option<Duration> {
    let lower = text.trim().to_lowercase();
    let (amount, unit) = split_unit(&lower);
    let (a, b) = parse_amount_range(amount)?;
    let scale = seconds_per_unit(unit)?;
    let (min, max) = ((a * scale).round(), (b * scale).round());
    (min >= 1.0 && max <= 86_400.0).then_some(Duration {
        min_seconds: min as u32,
        max_seconds: max as u32,
    })
}

fn whole_range(text: &str) -> Option<Range> {
    let (a, b) = parse_amount_range(text)?;
    let whole = |v: f64| (v.fract() == 0.0 && (1.0..=10_000.0).contains(&v)).then_some(v as u32);
    Some(Range {
        min: whole(a)?,
        max: whole(b)?,
    })
}

pub fn parse_hold(text: &str) -> Result<Hold, &'static str> {
    let lower = text.trim().to_lowercase();
    let (amount, unit) = split_unit(&lower);
    if matches!(unit, "breath" | "breaths" | "deep breaths" | "full breaths") {
        return whole_range(amount).map(Hold::Breaths).ok_or(HOLD_FORMS);
    }
    parse_duration(text).map(Hold::Time).ok_or(HOLD_FORMS)
}

pub fn parse_reps(text: &str) -> Result<Range, &'static str> {
    let lower = text.trim().to_lowercase();
    let number = lower
        .strip_suffix("times")
        .or_else(|| lower.strip_suffix("reps"))
        .unwrap_or(&lower);
    whole_range(number).ok_or(REPS_FORMS)
}

pub fn parse_sets(text: &str) -> Result<u32, &'static str> {
    match whole_range(text) {
        Some(Range { min, max }) if min == max => Ok(min),
        _ => Err(SETS_FORMS),
    }
}

pub fn parse_rest(text: &str) -> Result<Duration, &'static str> {
    parse_duration(text).ok_or(REST_FORMS)
}

impl Dosage {
    /// One field as a clinician would type it, in a form [`set_field`] reads back to
    /// the same value (`"20-30 sec"`, `"8-10"`, `"twice a day"`), or None if unset.
    pub fn field_text(&self, key: &str) -> Option<String> {
        let range = |r: Range| match r.min == r.max {
            true => r.min.to_string(),
            false => format!("{}-{}", r.min, r.max),
        };
        let time = |d: Duration| {
            let (a, b) = (d.min_seconds, d.max_seconds);
            match a % 60 == 0 && b % 60 == 0 {
                true => format!(
                    "{} min",
                    range(Range {
                        min: a / 60,
                        max: b / 60
                    })
                ),
                false => format!("{} sec", range(Range { min: a, max: b })),
            }
        };
        match key {
            "hold" => self.hold.map(|h| match h {
                Hold::Time(d) => time(d),
                Hold::Breaths(r) => format!("{} breaths", range(r)),
            }),
            "reps" => self.reps.map(range),
            "sets" => self.sets.map(|n| n.to_string()),
            "per_side" => self
                .per_side
                .map(|y| if y { "yes" } else { "no" }.to_string()),
            "frequency" => self.frequency.map(|f| f.text().to_lowercase()),
            "rest" => self.rest.map(time),
            _ => None,
        }
    }
}

/// Sets one field of `dosage` from its text: the one place where each dosage field
/// is read, for content files and for `--exercise bridge:reps=10` alike. An unknown
/// field is `Err(None)`; a bad value, `Err(Some(the forms it accepts))`.
pub fn set_field(dosage: &mut Dosage, key: &str, text: &str) -> Result<(), Option<&'static str>> {
    match key {
        "hold" => dosage.hold = Some(parse_hold(text)?),
        "reps" => dosage.reps = Some(parse_reps(text)?),
        "sets" => dosage.sets = Some(parse_sets(text)?),
        "frequency" => dosage.frequency = Some(parse_frequency(text)?),
        "rest" => dosage.rest = Some(parse_rest(text)?),
        "per_side" => {
            dosage.per_side =
                Some(crate::content::fields::parse_yes_no(text).ok_or(PER_SIDE_FORMS)?)
        }
        _ => return Err(None),
    }
    Ok(())
}

fn count_word(word: &str) -> Option<u32> {
    let n = match word {
        "once" | "one" => 1,
        "twice" | "two" => 2,
        "three" | "thrice" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        _ => {
            let digits = word.strip_suffix('x').unwrap_or(word);
            return digits.parse::<u32>().ok().filter(|n| (1..=50).contains(n));
        }
    };
    Some(n)
}

pub fn parse_frequency(text: &str) -> Result<Frequency, &'static str> {
    let lower = text
        .trim()
        .to_lowercase()
        .replace('×', "x")
        .replace('/', " per ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let period_is = |rest: &[&str], day: bool| -> bool {
        let (single, unit) = if day {
            ("daily", "day")
        } else {
            ("weekly", "week")
        };
        match rest {
            [w] => *w == single,
            [a, u] => matches!(*a, "a" | "per" | "each" | "every" | "an") && *u == unit,
            _ => false,
        }
    };
    match words.as_slice() {
        ["daily"] | ["every", "day"] | ["each", "day"] => return Ok(Frequency::Daily { times: 1 }),
        ["weekly"] | ["every", "week"] => {
            return Ok(Frequency::Weekly {
                times: 1,
                days: false,
            });
        }
        ["every", "other", "day"] | ["every", "second", "day"] | ["alternate", "days"] => {
            return Ok(Frequency::EveryOtherDay);
        }
        _ => {}
    }
    // "<count> [times|days] <period>", where count is "2", "2x", "twice", "two".
    let (count, rest) = words.split_first().ok_or(FREQUENCY_FORMS)?;
    let times = count_word(count).ok_or(FREQUENCY_FORMS)?;
    let (mut rest, mut days) = (rest, false);
    if let Some((unit, after)) = rest.split_first() {
        match *unit {
            "x" | "time" | "times" => rest = after,
            "day" | "days" => {
                rest = after;
                days = true;
            }
            _ => {}
        }
    }
    if !days && period_is(rest, true) {
        return Ok(Frequency::Daily { times });
    }
    if period_is(rest, false) && (times <= 7 || !days) {
        return Ok(Frequency::Weekly { times, days });
    }
    Err(FREQUENCY_FORMS)
}

#[cfg(test)]
mod tests;
