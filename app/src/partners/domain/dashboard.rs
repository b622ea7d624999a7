//! The agencies' dashboard rules: the completeness bands profiles are counted in, and new
//! profiles per calendar month (UTC) over the last months.
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

/// The first instant (epoch ms) of the chart.
pub fn chart_start_ms(now: i64) -> i64 {
    let (y, m) = chart_start(now);
    Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0)
        .single()
        .map_or(0, |t| t.timestamp_millis())
}

/// New profiles per month: `times` (epoch ms of creation) counted in the `CHART_MONTHS`
/// calendar months ending with the month of `now`, oldest first, as ("YYYY-MM", count); times
/// outside are ignored.
pub fn monthly_counts(times: &[i64], now: i64) -> Vec<(String, u32)> {
    let (y0, m0) = chart_start(now);
    let first = y0 * 12 + m0 as i32 - 1;
    let mut buckets: Vec<(String, u32)> = (0..CHART_MONTHS as i32)
        .map(|i| {
            let k = first + i;
            (
                format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1),
                0,
            )
        })
        .collect();
    for t in times {
        if *t > now {
            continue;
        }
        let Some(at) = Utc.timestamp_millis_opt(*t).single() else {
            continue;
        };
        let k = at.year() * 12 + at.month0() as i32 - first;
        if let Some(b) = usize::try_from(k).ok().and_then(|i| buckets.get_mut(i)) {
            b.1 += 1;
        }
    }
    buckets
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
        assert_eq!(chart_start_ms(now), ms(2025, 4, 1) - 12 * 3600 * 1000);
        let counts = monthly_counts(
            &[
                ms(2025, 3, 31), // before the chart
                ms(2025, 4, 1),
                ms(2025, 12, 31),
                ms(2026, 1, 1),
                ms(2026, 3, 1),
                ms(2026, 3, 14),
                ms(2026, 3, 16), // after now
            ],
            now,
        );
        assert_eq!(counts.len(), 12);
        assert_eq!(counts[0], ("2025-04".to_string(), 1));
        assert_eq!(counts[8], ("2025-12".to_string(), 1));
        assert_eq!(counts[9], ("2026-01".to_string(), 1));
        assert_eq!(counts[11], ("2026-03".to_string(), 2));
        assert_eq!(counts.iter().map(|c| c.1).sum::<u32>(), 5);
    }
}
