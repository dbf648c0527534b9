//! Calendar dates as sheets print them, in the words of the site's language: "21
//! November 2026" on the date field, and a weekday with the day of the month over
//! each column of a check-off log.

/// How a clinic writes dates on its sheets (site.yaml `date_format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub enum DateFormat {
    /// "21 November 2026"
    #[default]
    DayMonthYear,
    /// "November 21, 2026"
    MonthDayYear,
}

impl DateFormat {
    /// Reads the setting, written as an example date in the wanted order.
    pub fn parse(text: &str) -> Result<DateFormat, String> {
        match text.trim() {
            "21 November 2026" | "day month year" => Ok(DateFormat::DayMonthYear),
            "November 21, 2026" | "month day year" => Ok(DateFormat::MonthDayYear),
            other => Err(format!(
                "date_format must be \"21 November 2026\" or \"November 21, 2026\" (written just so), not \"{other}\""
            )),
        }
    }
}

/// A date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Reads `YYYY-MM-DD`, refusing dates that do not exist (30 February).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (Date::from_days(date.days()) == date).then_some(date)
    }

    /// Days since 1970-01-01 (negative before it).
    fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil: years counted from March, so the leap day
        // is the last day of the year.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn plus_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// The day of the week, Monday 0 to Sunday 6.
    pub fn weekday_index(self) -> usize {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as usize
    }

    /// The date in words in `words`' language ("21 de noviembre de 2026"), in a
    /// clinic's chosen order where the language has one.
    pub fn written_in(self, format: DateFormat, words: &crate::strings::Strings) -> String {
        let month = words.get(&format!("month-{}", self.month), &[]);
        let id = match format {
            DateFormat::DayMonthYear => "date-day-month-year",
            DateFormat::MonthDayYear => "date-month-day-year",
        };
        words.get(
            id,
            &[
                ("day", self.day.into()),
                ("month", month.into()),
                // The year as written, without a thousands separator.
                ("year", self.year.to_string().into()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date in English, day first or month first.
    fn english(date: Date, format: DateFormat) -> String {
        date.written_in(format, crate::strings::english())
    }

    fn written(date: Date) -> String {
        english(date, DateFormat::DayMonthYear)
    }

    /// Its day's short English name.
    fn weekday(date: Date) -> String {
        crate::strings::english().get(&format!("weekday-{}", date.weekday_index() + 1), &[])
    }

    #[test]
    fn reads_writes_and_counts_days() {
        let date = Date::parse_iso("2026-11-21").unwrap();
        assert_eq!(written(date), "21 November 2026");
        assert_eq!(english(date, DateFormat::MonthDayYear), "November 21, 2026");
        assert_eq!(
            DateFormat::parse("November 21, 2026"),
            Ok(DateFormat::MonthDayYear)
        );
        assert!(DateFormat::parse("21/11/2026").is_err());
        assert_eq!(weekday(date), "Sat");
        assert_eq!(written(date.plus_days(10)), "1 December 2026");
        assert_eq!(written(date.plus_days(41)), "1 January 2027");
        let leap = Date::parse_iso("2028-02-28").unwrap();
        assert_eq!(written(leap.plus_days(1)), "29 February 2028");
        assert_eq!(written(leap.plus_days(2)), "1 March 2028");
        assert_eq!(weekday(Date::parse_iso("1970-01-01").unwrap()), "Thu");
        assert_eq!(weekday(Date::parse_iso("2000-03-01").unwrap()), "Wed");
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026-01-01-01",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
    }
}
