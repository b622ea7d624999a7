//! Server functions of accreditation rights and meeting rooms (issue #5): a rights holder's
//! page (their stations, temporary passes, rooms and bookings), booking and cancelling, and the
//! secretariat's day/week calendar of a station's rooms.
use crate::AppError;
use crate::accreditation::designations::api::DesignationSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomView {
    pub id: i64,
    pub name: String,
    pub capacity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub id: i64,
    pub room_id: i64,
    pub room: String,
    pub duty_station: String,
    pub organisation: String,
    pub booker: String,
    /// `YYYY-MM-DDTHH:MM`, station time.
    pub starts_at: String,
    pub ends_at: String,
    pub purpose: String,
    pub may_cancel: bool,
}

/// One station where the viewer holds accreditation rights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsStation {
    pub organisation_id: i64,
    pub organisation: String,
    pub duty_station: String,
    pub valid_until: String,
    pub rooms: Vec<RoomView>,
    /// The temporary passes the viewer requested there.
    pub passes: Vec<DesignationSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsView {
    pub stations: Vec<RightsStation>,
    /// The viewer's live bookings, soonest first.
    pub bookings: Vec<BookingView>,
    pub today: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarView {
    /// The stations the officer may see.
    pub stations: Vec<String>,
    pub duty_station: String,
    pub span: String,
    pub day: String,
    pub previous: String,
    pub next: String,
    pub days: Vec<String>,
    pub rooms: Vec<RoomView>,
    pub bookings: Vec<BookingView>,
}

/// The signed-in person's accreditation rights, rooms and bookings.
#[server(endpoint = "accreditation/rights")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_rights() -> Result<RightsView, AppError> {
    crate::ssr::respond(server::rights().await)
}

/// Books a room of a station where the signed-in person holds rights for the organisation.
#[server(endpoint = "accreditation/book")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn book_room(
    #[server(default)] organisation_id: Option<i64>,
    #[server(default)] room_id: String,
    #[server(default)] date: String,
    #[server(default)] starts_at: String,
    #[server(default)] ends_at: String,
    #[server(default)] purpose: String,
) -> Result<i64, AppError> {
    let fields = [
        ("room_id", room_id),
        ("date", date),
        ("starts_at", starts_at),
        ("ends_at", ends_at),
        ("purpose", purpose),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    crate::ssr::respond(server::book(organisation_id, fields).await)
}

/// Cancels a booking: the person who made it, or an accreditation officer of its station.
#[server(endpoint = "accreditation/cancel_booking")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cancel_booking(booking_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(server::cancel(booking_id).await)
}

/// The secretariat's calendar of a station's rooms: one day or one week (`span`).
#[server(endpoint = "accreditation/calendar")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn room_calendar(
    #[server(default)] station: String,
    #[server(default)] day: String,
    #[server(default)] span: String,
) -> Result<CalendarView, AppError> {
    crate::ssr::respond(server::calendar(station, day, span).await)
}

/// Adds a meeting room to a station: its accreditation officers.
#[server(endpoint = "accreditation/add_room")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_room(
    #[server(default)] station: String,
    #[server(default)] name: String,
    #[server(default)] capacity: String,
) -> Result<i64, AppError> {
    crate::ssr::respond(server::add_room(station, name, capacity).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::accreditation::domain::{self as rules, DutyStation};
    use crate::accreditation::review::api::server::stations_of;
    use crate::accreditation::rights::{current_rights, rights_at};
    use crate::accreditation::rooms::domain::{BookingForm, CalendarSpan, parse_room, stamp};
    use crate::accreditation::rooms::repo::{self as repo, BookingRow, NewBooking, RoomRow};
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::fields::EmailAddress;
    use crate::fields::Fields;
    use crate::locale::Language;
    use crate::mail::queue::enqueue;
    use crate::ssr::{db, link, redirect};
    use chrono::{Duration, NaiveDate, NaiveTime};

    fn room_view(r: RoomRow) -> RoomView {
        RoomView {
            id: r.id,
            name: r.name,
            capacity: r.capacity,
        }
    }

    fn booking_view(b: BookingRow, may_cancel: bool) -> BookingView {
        BookingView {
            id: b.id,
            room_id: b.room_id,
            room: b.room,
            duty_station: b.duty_station,
            organisation: b.organisation,
            booker: b.booker,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            purpose: b.purpose,
            may_cancel,
        }
    }

    fn now_stamp() -> String {
        let today = crate::ssr::db::today();
        stamp(today, NaiveTime::MIN)
    }

    pub async fn rights() -> Result<RightsView, AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let this_year = chrono::Datelike::year(&crate::ssr::db::today());
        let mut stations = vec![];
        for r in current_rights(&db, me.user_id).await? {
            let rooms = repo::rooms(&db, &r.duty_station)
                .await?
                .into_iter()
                .map(room_view)
                .collect();
            let passes = crate::accreditation::repo::of_organisation(&db, r.organisation_id)
                .await?
                .into_iter()
                .filter(|d| {
                    d.created_by == me.user_id
                        && d.duty_station == r.duty_station
                        && d.pass_kind == rules::PassKind::Temporary.as_str()
                })
                .map(|d| crate::accreditation::designations::api::server::summary(&d, this_year))
                .collect::<Result<_, _>>()?;
            stations.push(RightsStation {
                organisation_id: r.organisation_id,
                organisation: r.organisation,
                duty_station: r.duty_station,
                valid_until: r.valid_until,
                rooms,
                passes,
            });
        }
        let bookings = repo::bookings_by(&db, me.user_id, &now_stamp())
            .await?
            .into_iter()
            .map(|b| booking_view(b, true))
            .collect();
        Ok(RightsView {
            stations,
            bookings,
            today: crate::ssr::db::today().to_string(),
        })
    }

    fn slot_text(b: &BookingRow) -> String {
        let end = b.ends_at.get(11..).unwrap_or("");
        format!("{}–{end}", b.starts_at.replace('T', " "))
    }

    async fn tell(
        conn: &mut sqlx::AnyConnection,
        b: &BookingRow,
        cancelled: bool,
    ) -> Result<(), AppError> {
        let Some(person) = crate::accounts::repo::person(&mut *conn, b.booked_by).await? else {
            return Ok(());
        };
        let Ok(address) = EmailAddress::parse(&person.email) else {
            return Ok(());
        };
        let template = crate::accreditation::mail::AccreditationMail::RoomBooking {
            room: b.room.clone(),
            slot: slot_text(b),
            purpose: b.purpose.clone(),
            cancelled,
            link: link("/accreditation/rights")?,
        };
        enqueue(
            &mut *conn,
            &address,
            Language::from_code(&person.locale),
            &template,
        )
        .await?;
        Ok(())
    }

    fn change<'a>(by: i64, id: i64, action: &'a str, to: &'a str) -> Change<'a> {
        Change::new("room_booking", id, action)
            .by(by)
            .to_state(Some(to))
    }

    pub async fn book(organisation_id: Option<i64>, fields: Fields) -> Result<i64, AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let today = crate::ssr::db::today();
        let form = BookingForm::parse(&fields, today).map_err(AppError::Invalid)?;
        // Authorisation first, from the server's own data: the room's station, and rights
        // there for this organisation.
        let station = repo::room(&db, form.room_id)
            .await?
            .and_then(|r| DutyStation::parse(&r.duty_station))
            .ok_or_else(|| AppError::invalid("room_id", "choice_invalid"))?;
        // Without an organisation named (one holds rights for one organisation): the rights at
        // the room's station.
        let rights = match organisation_id {
            Some(org) => rights_at(&db, me.user_id, org, station).await?,
            None => current_rights(&db, me.user_id)
                .await?
                .into_iter()
                .find(|r| r.duty_station == station.as_str()),
        }
        .ok_or(AppError::Forbidden)?;
        let organisation_id = rights.organisation_id;
        let mut tx = crate::ssr::db::begin(&db).await?;
        // The room's row first: one room's bookings are written one at a time.
        let room = repo::lock_room(&mut *tx, form.room_id)
            .await?
            .ok_or_else(|| AppError::invalid("room_id", "choice_invalid"))?;
        let (starts_at, ends_at) = form.slot();
        let taken: Vec<(i64, String, String)> =
            repo::room_slots(&mut *tx, room.id, &starts_at, &ends_at).await?;
        if rules::conflicting_booking(
            starts_at.as_str(),
            ends_at.as_str(),
            &taken
                .iter()
                .map(|(id, s, e)| (*id, s.as_str(), e.as_str()))
                .collect::<Vec<_>>(),
        )
        .is_some()
        {
            return Err(AppError::invalid("starts_at", "room_taken"));
        }
        let id = repo::insert_booking(
            &mut *tx,
            &NewBooking {
                room_id: room.id,
                organisation_id,
                designation_id: rights.designation_id,
                booked_by: me.user_id,
                starts_at: &starts_at,
                ends_at: &ends_at,
                purpose: &form.purpose,
            },
        )
        .await?;
        record(
            &mut *tx,
            &change(me.user_id, id, "accreditation.room_booked", "booked"),
        )
        .await?;
        let b = repo::booking(&mut *tx, id)
            .await?
            .ok_or(AppError::Internal)?;
        tell(&mut tx, &b, false).await?;
        tx.commit().await?;
        redirect("/accreditation/rights?booked=1");
        Ok(id)
    }

    pub async fn cancel(booking_id: i64) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let b = repo::booking(&db, booking_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let officer =
            crate::accreditation::policy::may_decide_designation(&actor, &b.duty_station).is_ok();
        if b.booked_by != me.user_id && !officer {
            return Err(AppError::NotFound);
        }
        if b.status != "booked" {
            return Err(AppError::invalid("_", "booking_not_live"));
        }
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !repo::cancel_booking(&mut *tx, b.id, me.user_id).await? {
            return Err(AppError::invalid("_", "booking_not_live"));
        }
        record(
            &mut *tx,
            &change(
                me.user_id,
                b.id,
                "accreditation.room_booking_cancelled",
                "cancelled",
            ),
        )
        .await?;
        tell(&mut tx, &b, true).await?;
        tx.commit().await?;
        if b.booked_by == me.user_id {
            redirect("/accreditation/rights?cancelled=1");
        } else {
            redirect(&format!(
                "/secretariat/rooms?station={}&day={}",
                b.duty_station,
                b.starts_at.get(..10).unwrap_or("")
            ));
        }
        Ok(())
    }

    pub async fn calendar(
        station: String,
        day: String,
        span: String,
    ) -> Result<CalendarView, AppError> {
        let (_, actor) = actor().await?;
        crate::accreditation::policy::may_review_designations(&actor)?;
        let stations = stations_of(&actor);
        let station = if stations.contains(&station) {
            station
        } else {
            stations.first().cloned().ok_or(AppError::Forbidden)?
        };
        let span = CalendarSpan::parse(&span);
        let day =
            NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap_or_else(|_| crate::ssr::db::today());
        let (days, previous, next) = span.days(day);
        let first = days.first().copied().unwrap_or(day);
        let after = days.last().copied().unwrap_or(day) + Duration::days(1);
        let db = db()?;
        let rooms = repo::rooms(&db, &station)
            .await?
            .into_iter()
            .map(room_view)
            .collect();
        let bookings = repo::station_bookings(
            &db,
            &station,
            &stamp(first, NaiveTime::MIN),
            &stamp(after, NaiveTime::MIN),
        )
        .await?
        .into_iter()
        .map(|b| booking_view(b, true))
        .collect();
        Ok(CalendarView {
            stations,
            duty_station: station,
            span: span.as_str().to_string(),
            day: day.to_string(),
            previous: previous.to_string(),
            next: next.to_string(),
            days: days.iter().map(|d| d.to_string()).collect(),
            rooms,
            bookings,
        })
    }

    pub async fn add_room(
        station: String,
        name: String,
        capacity: String,
    ) -> Result<i64, AppError> {
        let (me, actor) = actor().await?;
        let station = DutyStation::parse(&station)
            .ok_or_else(|| AppError::invalid("station", "choice_invalid"))?;
        crate::accreditation::policy::may_decide_designation(&actor, station.as_str())?;
        let (name, capacity) = parse_room(&name, &capacity).map_err(AppError::Invalid)?;
        let db = db()?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        let id = repo::add_room(&mut *tx, station.as_str(), &name, capacity)
            .await?
            .ok_or_else(|| AppError::invalid("name", "room_exists"))?;
        record(
            &mut *tx,
            &Change::new("meeting_room", id, "accreditation.room_added").by(me.user_id),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/secretariat/rooms?station={}", station.as_str()));
        Ok(id)
    }
}
