//! SQL for accreditation rights, meeting rooms and bookings (portable: SQLite and PostgreSQL).
use crate::ssr::db::now_millis;
use sqlx::Executor;

type Any = sqlx::Any;

/// An approved designation with accreditation rights naming an address.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RightsRow {
    pub designation_id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub duty_station: String,
    pub representative_type: String,
    pub pass_kind: String,
    pub status: String,
    pub valid_until: String,
}

/// The approved designations with rights whose form names `email` (the caller applies
/// `domain::holds_accreditation_rights`).
pub async fn rights_of<'e, E>(db: E, email: &str) -> Result<Vec<RightsRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT d.id AS designation_id, d.organisation_id, o.legal_name AS organisation,
                d.duty_station, d.representative_type, d.pass_kind, d.status, d.valid_until
         FROM designations d JOIN organisations o ON o.id = d.organisation_id
         WHERE d.email = $1 AND d.accreditation_rights = 1 AND d.status = 'approved'
         ORDER BY o.legal_name, d.duty_station",
    )
    .bind(email.to_lowercase())
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoomRow {
    pub id: i64,
    pub duty_station: String,
    pub name: String,
    pub capacity: i64,
}

pub async fn rooms<'e, E>(db: E, duty_station: &str) -> Result<Vec<RoomRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, duty_station, name, capacity FROM meeting_rooms
         WHERE duty_station = $1 ORDER BY name",
    )
    .bind(duty_station)
    .fetch_all(db)
    .await
}

pub async fn room<'e, E>(db: E, id: i64) -> Result<Option<RoomRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as("SELECT id, duty_station, name, capacity FROM meeting_rooms WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Adds a room; `None` if the station already has a room of that name.
pub async fn add_room<'e, E>(
    db: E,
    duty_station: &str,
    name: &str,
    capacity: i64,
) -> Result<Option<i64>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO meeting_rooms (duty_station, name, capacity, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (duty_station, name) DO NOTHING RETURNING id",
    )
    .bind(duty_station)
    .bind(name)
    .bind(capacity)
    .bind(now_millis())
    .fetch_optional(db)
    .await
}

/// Takes the room's row for the rest of the transaction: one room's bookings are written one
/// at a time (PostgreSQL row lock; SQLite's single writer). The room, if it exists.
pub async fn lock_room<'e, E>(db: E, id: i64) -> Result<Option<RoomRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "UPDATE meeting_rooms SET version = version + 1 WHERE id = $1
         RETURNING id, duty_station, name, capacity",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub room_id: i64,
    pub room: String,
    pub duty_station: String,
    pub organisation_id: i64,
    pub organisation: String,
    pub booked_by: i64,
    pub booker: String,
    pub starts_at: String,
    pub ends_at: String,
    pub purpose: String,
    pub status: String,
}

const BOOKING_SELECT: &str = "SELECT b.id, b.room_id, r.name AS room, r.duty_station,
        b.organisation_id, o.legal_name AS organisation, b.booked_by,
        u.display_name AS booker, b.starts_at, b.ends_at, b.purpose, b.status
    FROM room_bookings b
    JOIN meeting_rooms r ON r.id = b.room_id
    JOIN organisations o ON o.id = b.organisation_id
    JOIN users u ON u.id = b.booked_by";

/// The live bookings of a room that touch `[from, to)` (as `(id, start, end)`).
pub async fn room_slots<'e, E>(
    db: E,
    room_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, String, String)>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, starts_at, ends_at FROM room_bookings
         WHERE room_id = $1 AND status = 'booked' AND starts_at < $3 AND ends_at > $2",
    )
    .bind(room_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

pub struct NewBooking<'a> {
    pub room_id: i64,
    pub organisation_id: i64,
    pub designation_id: i64,
    pub booked_by: i64,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub purpose: &'a str,
}

pub async fn insert_booking<'e, E>(db: E, b: &NewBooking<'_>) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO room_bookings (room_id, organisation_id, designation_id, booked_by,
            starts_at, ends_at, purpose, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', $8) RETURNING id",
    )
    .bind(b.room_id)
    .bind(b.organisation_id)
    .bind(b.designation_id)
    .bind(b.booked_by)
    .bind(b.starts_at)
    .bind(b.ends_at)
    .bind(b.purpose)
    .bind(now_millis())
    .fetch_one(db)
    .await
}

pub async fn booking<'e, E>(db: E, id: i64) -> Result<Option<BookingRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!("{BOOKING_SELECT} WHERE b.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Cancels a live booking; whether it was live.
pub async fn cancel_booking<'e, E>(db: E, id: i64, by: i64) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE room_bookings SET status = 'cancelled', cancelled_by = $1, cancelled_at = $2
         WHERE id = $3 AND status = 'booked'",
    )
    .bind(by)
    .bind(now_millis())
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A person's live bookings from `from` on (their own list).
pub async fn bookings_by<'e, E>(
    db: E,
    user_id: i64,
    from: &str,
) -> Result<Vec<BookingRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!(
        "{BOOKING_SELECT} WHERE b.booked_by = $1 AND b.status = 'booked' AND b.ends_at > $2
         ORDER BY b.starts_at LIMIT 200"
    ))
    .bind(user_id)
    .bind(from)
    .fetch_all(db)
    .await
}

/// The live bookings of a station's rooms that touch `[from, to)` (the calendar).
pub async fn station_bookings<'e, E>(
    db: E,
    duty_station: &str,
    from: &str,
    to: &str,
) -> Result<Vec<BookingRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!(
        "{BOOKING_SELECT} WHERE r.duty_station = $1 AND b.status = 'booked'
            AND b.starts_at < $3 AND b.ends_at > $2
         ORDER BY b.starts_at, r.name LIMIT 2000"
    ))
    .bind(duty_station)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}
