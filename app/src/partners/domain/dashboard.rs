//! The agencies' dashboard rules: the completeness bands profiles are counted in, and the
//! calendar months (UTC) of the chart of new profiles.
use crate::code_enum;
use chrono::{Datelike, TimeZone, Utc};

code_enum! {
    /// How far a profile is: complete (100 %), half way or more (50–99 %), or less.
    CompletenessBand { Complete = "complete", Half = "half", Low = "low" }
}

/// The band of a completeness percentage.
pub fn band(percent: i64) -> CompletenessBand {
    match percent {
        100.. => CompletenessBand::Complete,
        50..=99 => CompletenessBand::Half,
        _ => CompletenessBand::Low,
    }
}

/// How many months the chart of new profiles shows (the current one included).
pub const CHART_MONTHS: u32 = 12;

/// (year, month) of the first month of the chart ending with the month of `now` (epoch ms).
pub fn chart_start(now: i64) -> (i32, u32) {
    let today = Utc.timestamp_millis_opt(now).single().unwrap_or_default();
    let index = today.year() * 12 + today.month0() as i32 - (CHART_MONTHS as i32 - 1);
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// A calendar month (UTC) as one number, year * 12 + month - 1: how the database files each
/// profile's creation month (`partner_figures`).
pub fn month_index(ms: i64) -> i64 {
    let t = chrono::DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default();
    t.year() as i64 * 12 + t.month0() as i64
}

/// The chart's months, oldest first: ("YYYY-MM", first instant, first instant of the next
/// month) in epoch ms (UTC), the `CHART_MONTHS` calendar months ending with the month of `now`.
/// The database counts the profiles created in each.
pub fn chart_months(now: i64) -> Vec<(String, i64, i64)> {
    let (y0, m0) = chart_start(now);
    let first = y0 * 12 + m0 as i32 - 1;
    let start_of = |k: i32| {
        Utc.with_ymd_and_hms(k.div_euclid(12), k.rem_euclid(12) as u32 + 1, 1, 0, 0, 0)
            .single()
            .map_or(0, |t| t.timestamp_millis())
    };
    (0..CHART_MONTHS as i32)
        .map(|i| {
            let k = first + i;
            let label = format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1);
            (label, start_of(k), start_of(k + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(y: i32, m: u32, d: u32) -> i64 {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn a_month_is_numbered_as_the_database_files_it() {
        assert_eq!(month_index(ms(2026, 1, 1)), 2026 * 12);
        assert_eq!(month_index(ms(2026, 12, 31)), 2026 * 12 + 11);
        for (_, start, end) in chart_months(ms(2027, 2, 10)) {
            assert_eq!(month_index(start), month_index(end - 1));
            assert_eq!(month_index(end), month_index(start) + 1);
        }
    }

    #[test]
    fn bands_of_completeness() {
        assert_eq!(band(100), CompletenessBand::Complete);
        assert_eq!(band(99), CompletenessBand::Half);
        assert_eq!(band(50), CompletenessBand::Half);
        assert_eq!(band(49), CompletenessBand::Low);
        assert_eq!(band(0), CompletenessBand::Low);
    }

    #[test]
    fn twelve_calendar_months_ending_with_this_one_across_the_new_year() {
        let now = ms(2026, 3, 15);
        assert_eq!(chart_start(now), (2025, 4));
        let months = chart_months(now);
        assert_eq!(months.len(), 12);
        let midnight = |y, m| ms(y, m, 1) - 12 * 3600 * 1000;
        assert_eq!(
            months[0],
            ("2025-04".to_string(), midnight(2025, 4), midnight(2025, 5))
        );
        assert_eq!(months[8].0, "2025-12");
        assert_eq!(
            months[8].2,
            midnight(2026, 1),
            "December ends with the new year"
        );
        assert_eq!(
            months[11],
            ("2026-03".to_string(), midnight(2026, 3), midnight(2026, 4))
        );
        // Contiguous: each month begins where the one before ended.
        assert!(months.windows(2).all(|w| w[0].2 == w[1].1));
        // The instant `now` falls in the last month.
        assert!(months[11].1 <= now && now < months[11].2);
    }
}
