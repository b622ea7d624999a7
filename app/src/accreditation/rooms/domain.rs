//! Meeting rooms (PRODUCT.md §3, seed 000 step 4): the pure rules of a booking. Holders of
//! accreditation rights book a room of their duty station for a slot of one day; two bookings
//! of one room never overlap (`domain::conflicting_booking`, checked in the write
//! transaction). Times are the station's wall-clock time, written `YYYY-MM-DDTHH:MM`.
use crate::error::FieldError;
use crate::fields::Fields;
use crate::fields::parse_date;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The limits of a booking.
pub mod limits {
    /// Rooms open at 08:00 and close at 20:00 (station time).
    pub const OPENS: (u32, u32) = (8, 0);
    pub const CLOSES: (u32, u32) = (20, 0);
    /// Slots start and end on a quarter hour.
    pub const STEP_MINUTES: u32 = 15;
    pub const PURPOSE: usize = 200;
    pub const ROOM_NAME: usize = 100;
    pub const CAPACITY: (i64, i64) = (1, 5000);
}

/// The fields of the booking form.
pub const BOOKING_FIELDS: &[&str] = &["room_id", "date", "starts_at", "ends_at", "purpose"];

/// A booking request as typed and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingForm {
    pub room_id: i64,
    pub date: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub purpose: String,
}

/// Rule: a time of day `HH:MM` on a quarter hour (code `time_invalid`, `time_step`).
pub fn parse_time(raw: &str) -> Result<NaiveTime, &'static str> {
    let t = NaiveTime::parse_from_str(raw.trim(), "%H:%M").map_err(|_| "time_invalid")?;
    if chrono::Timelike::minute(&t) % limits::STEP_MINUTES != 0 {
        return Err("time_step");
    }
    Ok(t)
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// Rule: a booking is on a day from today to 31 December of the current year (the rights end
/// with the year), between opening and closing time, and ends after it starts.
pub fn check_booking_day(date: NaiveDate, today: NaiveDate) -> Result<(), &'static str> {
    if date < today {
        Err("date_in_past")
    } else if date.year() != today.year() {
        Err("date_not_this_year")
    } else {
        Ok(())
    }
}

/// Rule: the slot lies within opening hours (codes on `starts_at`/`ends_at`: `before_opening`,
/// `after_closing`; `end_not_after_start` from `domain::check_booking_slot`).
pub fn check_opening_hours(start: NaiveTime, end: NaiveTime) -> Vec<FieldError> {
    let mut errors = vec![];
    let (opens, closes) = (
        at(limits::OPENS.0, limits::OPENS.1),
        at(limits::CLOSES.0, limits::CLOSES.1),
    );
    if start < opens {
        errors.push(FieldError::new("starts_at", "before_opening"));
    }
    if end > closes {
        errors.push(FieldError::new("ends_at", "after_closing"));
    }
    if let Err(e) = crate::accreditation::domain::check_booking_slot(start, end) {
        errors.push(e);
    }
    errors
}

impl BookingForm {
    /// The one validator of the booking form (server and browser).
    pub fn parse(fields: &Fields, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let get = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or("");
        let mut errors = vec![];
        let room_id = match get("room_id").parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ if get("room_id").is_empty() => {
                errors.push(FieldError::new("room_id", "required"));
                None
            }
            _ => {
                errors.push(FieldError::new("room_id", "choice_invalid"));
                None
            }
        };
        let date = match get("date") {
            "" => {
                errors.push(FieldError::new("date", "required"));
                None
            }
            raw => match parse_date(raw) {
                Ok(d) => match check_booking_day(d, today) {
                    Ok(()) => Some(d),
                    Err(code) => {
                        errors.push(FieldError::new("date", code));
                        None
                    }
                },
                Err(code) => {
                    errors.push(FieldError::new("date", code));
                    None
                }
            },
        };
        let mut time = |name: &str| match get(name) {
            "" => {
                errors.push(FieldError::new(name, "required"));
                None
            }
            raw => parse_time(raw)
                .map_err(|code| errors.push(FieldError::new(name, code)))
                .ok(),
        };
        let starts_at = time("starts_at");
        let ends_at = time("ends_at");
        if let (Some(s), Some(e)) = (starts_at, ends_at) {
            errors.extend(check_opening_hours(s, e));
        }
        let purpose = get("purpose");
        if purpose.is_empty() {
            errors.push(FieldError::new("purpose", "required"));
        } else if purpose.chars().count() > limits::PURPOSE {
            errors.push(FieldError::new("purpose", "too_long"));
        }
        match (room_id, date, starts_at, ends_at) {
            (Some(room_id), Some(date), Some(starts_at), Some(ends_at)) if errors.is_empty() => {
                Ok(BookingForm {
                    room_id,
                    date,
                    starts_at,
                    ends_at,
                    purpose: purpose.to_string(),
                })
            }
            _ => Err(errors),
        }
    }

    /// The form's errors only (for the browser's live checks).
    pub fn errors(fields: &Fields, today: NaiveDate) -> Vec<FieldError> {
        Self::parse(fields, today).err().unwrap_or_default()
    }

    /// The slot as stored: `(starts_at, ends_at)` in `YYYY-MM-DDTHH:MM`.
    pub fn slot(&self) -> (String, String) {
        (
            stamp(self.date, self.starts_at),
            stamp(self.date, self.ends_at),
        )
    }
}

/// A wall-clock instant as stored.
pub fn stamp(date: NaiveDate, time: NaiveTime) -> String {
    format!("{}T{}", date.format("%Y-%m-%d"), time.format("%H:%M"))
}

/// A room as added by the secretariat: name and capacity (codes on `name`, `capacity`).
pub fn parse_room(name: &str, capacity: &str) -> Result<(String, i64), Vec<FieldError>> {
    let mut errors = vec![];
    let name = name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "required"));
    } else if name.chars().count() > limits::ROOM_NAME {
        errors.push(FieldError::new("name", "too_long"));
    }
    let capacity =
        crate::fields::parse_whole_number(capacity, limits::CAPACITY.0, limits::CAPACITY.1)
            .map_err(|code| errors.push(FieldError::new("capacity", code)))
            .ok();
    match capacity {
        Some(c) if errors.is_empty() => Ok((name.to_string(), c)),
        _ => Err(errors),
    }
}

/// The calendar's span: one day, or the week (Monday to Sunday) holding `day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarSpan {
    Day,
    Week,
}

impl CalendarSpan {
    pub fn parse(code: &str) -> Self {
        if code == "day" { Self::Day } else { Self::Week }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
        }
    }

    /// The days shown for `day`, and the day the "previous" and "next" links open.
    pub fn days(self, day: NaiveDate) -> (Vec<NaiveDate>, NaiveDate, NaiveDate) {
        match self {
            Self::Day => (vec![day], day - Duration::days(1), day + Duration::days(1)),
            Self::Week => {
                let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
                (
                    (0..7).map(|i| monday + Duration::days(i)).collect(),
                    monday - Duration::days(7),
                    monday + Duration::days(7),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn form(date: &str, start: &str, end: &str) -> Fields {
        [
            ("room_id", "3"),
            ("date", date),
            ("starts_at", start),
            ("ends_at", end),
            ("purpose", "Side event on water"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn codes(r: Result<BookingForm, Vec<FieldError>>) -> Vec<(String, String)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_good_booking_parses_to_its_slot() {
        let f = BookingForm::parse(&form("2026-11-23", "10:00", "11:30"), d("2026-11-22")).unwrap();
        assert_eq!(
            f.slot(),
            (
                "2026-11-23T10:00".to_string(),
                "2026-11-23T11:30".to_string()
            )
        );
    }

    #[test]
    fn bad_slots_are_refused_field_by_field() {
        let today = d("2026-11-22");
        assert_eq!(
            codes(BookingForm::parse(
                &form("2026-11-21", "10:00", "11:00"),
                today
            )),
            [("date".into(), "date_in_past".into())]
        );
        assert_eq!(
            codes(BookingForm::parse(
                &form("2027-01-04", "10:00", "11:00"),
                today
            )),
            [("date".into(), "date_not_this_year".into())]
        );
        assert_eq!(
            codes(BookingForm::parse(
                &form("2026-11-23", "11:00", "11:00"),
                today
            )),
            [("ends_at".into(), "end_not_after_start".into())]
        );
        assert_eq!(
            codes(BookingForm::parse(
                &form("2026-11-23", "07:00", "21:00"),
                today
            )),
            [
                ("starts_at".into(), "before_opening".into()),
                ("ends_at".into(), "after_closing".into())
            ]
        );
        assert_eq!(
            codes(BookingForm::parse(
                &form("2026-11-23", "10:10", "9h"),
                today
            )),
            [
                ("starts_at".into(), "time_step".into()),
                ("ends_at".into(), "time_invalid".into())
            ]
        );
        let mut f = form("2026-11-23", "10:00", "11:00");
        f.insert("purpose".into(), "x".repeat(201));
        f.insert("room_id".into(), "abc".into());
        assert_eq!(
            codes(BookingForm::parse(&f, today)),
            [
                ("room_id".into(), "choice_invalid".into()),
                ("purpose".into(), "too_long".into())
            ]
        );
    }

    #[test]
    fn stored_stamps_sort_as_time() {
        let a = stamp(d("2026-11-23"), parse_time("09:45").unwrap());
        let b = stamp(d("2026-11-23"), parse_time("10:00").unwrap());
        let c = stamp(d("2026-11-24"), parse_time("08:00").unwrap());
        assert!(a < b && b < c);
    }

    #[test]
    fn the_week_runs_monday_to_sunday() {
        let (days, prev, next) = CalendarSpan::Week.days(d("2026-11-26"));
        assert_eq!(days.first(), Some(&d("2026-11-23")));
        assert_eq!(days.last(), Some(&d("2026-11-29")));
        assert_eq!((prev, next), (d("2026-11-16"), d("2026-11-30")));
        let (days, prev, next) = CalendarSpan::Day.days(d("2026-11-26"));
        assert_eq!(days, [d("2026-11-26")]);
        assert_eq!((prev, next), (d("2026-11-25"), d("2026-11-27")));
    }

    #[test]
    fn rooms_need_a_name_and_a_capacity() {
        assert_eq!(parse_room(" Room XII ", "80"), Ok(("Room XII".into(), 80)));
        assert!(parse_room("", "0").is_err_and(|e| e.len() == 2));
    }
}
