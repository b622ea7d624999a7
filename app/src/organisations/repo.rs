//! SQL for organisations, memberships and join requests (portable: SQLite and PostgreSQL).
use super::domain::{MemberRole, NewOrganisationForm};
use crate::organisations::kinds::{ConsultativeStatus, OrganisationKind};
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::Executor;

/// An organisation of the demo data set (inserted unless present).
pub struct NewOrganisation<'a> {
    pub legal_name: &'a str,
    pub acronym: Option<&'a str>,
    pub country: &'a str,
    pub kind: OrganisationKind,
    /// (legal name, country) of the headquarters, for a country office.
    pub parent: Option<(&'a str, &'a str)>,
    pub consultative: Option<(ConsultativeStatus, i64)>,
}

/// Inserts an organisation unless one with the same legal name and country exists.
/// Returns whether a row was inserted.
pub async fn insert_organisation_if_absent(
    db: &Db,
    o: &NewOrganisation<'_>,
) -> Result<bool, sqlx::Error> {
    let (parent_name, parent_country) = o.parent.unzip();
    let (status, since) = o.consultative.map(|(s, y)| (s.as_str(), y)).unzip();
    let done = sqlx::query(
        "INSERT INTO organisations
            (legal_name, acronym, country, kind, parent_id, consultative_status, consultative_since, created_at)
         VALUES ($1, $2, $3, $4,
            (SELECT id FROM organisations WHERE legal_name = $5 AND country = $6),
            $7, $8, $9)
         ON CONFLICT (legal_name, country) DO NOTHING",
    )
    .bind(o.legal_name)
    .bind(o.acronym)
    .bind(o.country)
    .bind(o.kind.as_str())
    .bind(parent_name)
    .bind(parent_country)
    .bind(status)
    .bind(since)
    .bind(now_millis())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn count_organisations(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(db)
        .await
}

type Any = sqlx::Any;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrganisationRow {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    pub consultative_status: Option<String>,
    pub consultative_since: Option<i64>,
    pub email: Option<String>,
}

const ORG_COLUMNS: &str = "o.id, o.legal_name, o.acronym, o.country, o.kind, o.parent_id,
    p.legal_name AS parent_name, o.consultative_status, o.consultative_since, o.email";

pub async fn organisation<'e, E>(db: E, id: i64) -> Result<Option<OrganisationRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT {ORG_COLUMNS} FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
         WHERE o.id = $1 AND o.archived_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Whether an organisation with this legal name exists in this country.
pub async fn exists_by_name<'e, E>(
    db: E,
    legal_name: &str,
    country: &str,
) -> Result<Option<i64>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1 AND country = $2")
        .bind(legal_name)
        .bind(country)
        .fetch_optional(db)
        .await
}

/// An organisation as a possible duplicate is compared: its row, and its registration number.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdentityRow {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub kind: String,
    pub parent_name: Option<String>,
    pub registration_number: Option<String>,
}

/// The organisations of a country (not archived), as `duplicates::likely_duplicate` compares
/// them.
pub async fn identities_in_country<'e, E>(
    db: E,
    country: &str,
) -> Result<Vec<IdentityRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT o.id, o.legal_name, o.acronym, o.country, o.kind, p.legal_name AS parent_name,
                o.registration_number
         FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
         WHERE o.country = $1 AND o.archived_at IS NULL",
    )
    .bind(country)
    .fetch_all(db)
    .await
}

/// The registration number on the organisation's record (given at creation, or since in its
/// partner profile), which the duplicate check compares.
pub async fn registration_number<'e, E>(db: E, id: i64) -> Result<Option<String>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let n: Option<Option<String>> =
        sqlx::query_scalar("SELECT registration_number FROM organisations WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(n.flatten())
}

/// Records the registration number given at creation, or stated since in the partner profile.
pub async fn set_registration_number<'e, E>(db: E, id: i64, number: &str) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE organisations SET registration_number = $1 WHERE id = $2")
        .bind(number)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// (id, legal name) of the organisations of a country, by name: where a registration's
/// organisation is looked for before one is created. At most `limit`.
pub async fn names_in_country<'e, E>(
    db: E,
    country: &str,
    limit: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, legal_name FROM organisations WHERE country = $1 ORDER BY legal_name, id LIMIT $2",
    )
    .bind(country)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn insert_organisation<'e, E>(
    db: E,
    o: &NewOrganisationForm,
    parent_id: Option<i64>,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO organisations (legal_name, acronym, country, kind, parent_id, email, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&o.legal_name)
    .bind(o.acronym.as_deref())
    .bind(&o.country)
    .bind(o.kind.as_str())
    .bind(parent_id)
    .bind(o.email.as_ref().map(|e| e.as_str().to_string()))
    .bind(now_millis())
    .fetch_one(db)
    .await
}

pub async fn set_consultative_status<'e, E>(
    db: E,
    id: i64,
    status: Option<(&str, i64)>,
) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let (s, y) = status.unzip();
    sqlx::query(
        "UPDATE organisations SET consultative_status = $1, consultative_since = $2 WHERE id = $3",
    )
    .bind(s)
    .bind(y)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// The country offices of a headquarters.
pub async fn offices(db: &Db, id: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, legal_name, country FROM organisations
         WHERE parent_id = $1 AND archived_at IS NULL ORDER BY legal_name",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Organisations whose name or acronym contains `q` (case-insensitive), optionally of some kinds.
pub async fn search(
    db: &Db,
    q: &str,
    kinds: &[&str],
    limit: i64,
) -> Result<Vec<OrganisationRow>, sqlx::Error> {
    let pattern = format!(
        "%{}%",
        q.to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let kinds_csv = format!(",{},", kinds.join(","));
    sqlx::query_as(&format!(
        "SELECT {ORG_COLUMNS} FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
         WHERE o.archived_at IS NULL
           AND (LOWER(o.legal_name) LIKE $1 ESCAPE '\\' OR LOWER(COALESCE(o.acronym, '')) LIKE $1 ESCAPE '\\')
           AND ($2 = ',,' OR $2 LIKE '%,' || o.kind || ',%')
         ORDER BY o.legal_name LIMIT $3"
    ))
    .bind(pattern)
    .bind(kinds_csv)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The active role of a person in an organisation.
pub async fn role_of<'e, E>(
    db: E,
    organisation_id: i64,
    user_id: i64,
) -> Result<Option<MemberRole>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let role: Option<String> = sqlx::query_scalar(
        "SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2 AND status = 'active'",
    )
    .bind(organisation_id)
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    Ok(role.as_deref().and_then(MemberRole::parse))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub organisation_id: i64,
    pub user_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub role: String,
    pub status: String,
}

pub async fn insert_membership<'e, E>(
    db: E,
    organisation_id: i64,
    user_id: Option<i64>,
    email: &str,
    name: &str,
    role: MemberRole,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let status = if user_id.is_some() {
        "active"
    } else {
        "listed"
    };
    sqlx::query_scalar(
        "INSERT INTO memberships (organisation_id, user_id, email, name, role, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(organisation_id)
    .bind(user_id)
    .bind(email)
    .bind(name)
    .bind(role.as_str())
    .bind(status)
    .bind(now_millis())
    .fetch_one(db)
    .await
}

/// The current (listed or active) membership of an address in an organisation.
pub async fn membership_by_email<'e, E>(
    db: E,
    organisation_id: i64,
    email: &str,
) -> Result<Option<MemberRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, organisation_id, user_id, email, name, role, status FROM memberships
         WHERE organisation_id = $1 AND email = $2 AND status <> 'ended'",
    )
    .bind(organisation_id)
    .bind(email)
    .fetch_optional(db)
    .await
}

pub async fn membership<'e, E>(db: E, id: i64) -> Result<Option<MemberRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, organisation_id, user_id, email, name, role, status FROM memberships
         WHERE id = $1 AND status <> 'ended'",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The current members of an organisation: administrators first, then by name.
pub async fn members(db: &Db, organisation_id: i64) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, organisation_id, user_id, email, name, role, status FROM memberships
         WHERE organisation_id = $1 AND status <> 'ended' ORDER BY role, name, id",
    )
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

/// Locks the organisation's row until the transaction ends (a no-op update: a row lock on
/// PostgreSQL, the write lock on SQLite), so that two membership changes are decided one after
/// the other and never both against the same count of administrators.
pub async fn lock<'e, E>(db: E, organisation_id: i64) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE organisations SET version = version WHERE id = $1")
        .bind(organisation_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Active administrators of an organisation (the last-administrator rule counts them).
pub async fn count_administrators<'e, E>(db: E, organisation_id: i64) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships
         WHERE organisation_id = $1 AND role = 'administrator' AND status = 'active'",
    )
    .bind(organisation_id)
    .fetch_one(db)
    .await
}

/// (address, language) of the active administrators, for mail.
pub async fn administrator_contacts<'e, E>(
    db: E,
    organisation_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.email, u.locale FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.organisation_id = $1 AND m.role = 'administrator' AND m.status = 'active'
         ORDER BY u.id",
    )
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

pub async fn set_role<'e, E>(db: E, id: i64, role: MemberRole) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE memberships SET role = $1 WHERE id = $2")
        .bind(role.as_str())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn end_membership<'e, E>(db: E, id: i64) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE memberships SET status = 'ended', ended_at = $1 WHERE id = $2")
        .bind(now_millis())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Attaches the memberships an administrator listed under this address to the new account.
/// Answers the ids of the memberships attached.
pub async fn attach_listed<'e, E>(
    db: E,
    email: &str,
    user_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "UPDATE memberships SET user_id = $1, status = 'active'
         WHERE email = $2 AND status = 'listed' RETURNING id, organisation_id",
    )
    .bind(user_id)
    .bind(email)
    .fetch_all(db)
    .await
}

/// The organisations a person is an active member of, with their role.
pub async fn my_organisations(
    db: &Db,
    user_id: i64,
) -> Result<Vec<(i64, String, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.legal_name, o.country, o.kind, m.role FROM memberships m
         JOIN organisations o ON o.id = m.organisation_id
         WHERE m.user_id = $1 AND m.status = 'active' AND o.archived_at IS NULL
         ORDER BY o.legal_name",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JoinRequestRow {
    pub id: i64,
    pub organisation_id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub message: String,
    pub status: String,
    pub created_at: i64,
}

const JOIN_COLUMNS: &str = "j.id, j.organisation_id, j.user_id, u.display_name AS name, u.email,
    u.locale, j.message, j.status, j.created_at";

pub async fn insert_join_request<'e, E>(
    db: E,
    organisation_id: i64,
    user_id: i64,
    message: &str,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO join_requests (organisation_id, user_id, message, status, created_at)
         VALUES ($1, $2, $3, 'pending', $4) RETURNING id",
    )
    .bind(organisation_id)
    .bind(user_id)
    .bind(message)
    .bind(now_millis())
    .fetch_one(db)
    .await
}

pub async fn has_pending_join_request(
    db: &Db,
    organisation_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM join_requests WHERE organisation_id = $1 AND user_id = $2 AND status = 'pending'",
    )
    .bind(organisation_id)
    .bind(user_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

pub async fn join_request(db: &Db, id: i64) -> Result<Option<JoinRequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {JOIN_COLUMNS} FROM join_requests j JOIN users u ON u.id = j.user_id WHERE j.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn pending_join_requests(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<JoinRequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {JOIN_COLUMNS} FROM join_requests j JOIN users u ON u.id = j.user_id
         WHERE j.organisation_id = $1 AND j.status = 'pending' ORDER BY j.id"
    ))
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

/// The join requests a person sent, newest first: (organisation, status, when).
pub async fn my_join_requests(
    db: &Db,
    user_id: i64,
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.legal_name, j.status, j.created_at FROM join_requests j
         JOIN organisations o ON o.id = j.organisation_id WHERE j.user_id = $1 ORDER BY j.id DESC LIMIT 20",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Decides a pending request; false when it was decided meanwhile.
pub async fn decide_join_request<'e, E>(
    db: E,
    id: i64,
    status: &str,
    by: i64,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE join_requests SET status = $1, decided_at = $2, decided_by = $3
         WHERE id = $4 AND status = 'pending'",
    )
    .bind(status)
    .bind(now_millis())
    .bind(by)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// (organisation name, administrator id, username) of the organisations whose contact address
/// is `email` (forgotten login details through the headquarters address).
pub async fn administrators_by_organisation_email<'e, E>(
    db: E,
    email: &str,
) -> Result<Vec<(String, i64, String)>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT o.legal_name, u.id, u.username FROM organisations o
         JOIN memberships m ON m.organisation_id = o.id AND m.role = 'administrator' AND m.status = 'active'
         JOIN users u ON u.id = m.user_id
         WHERE o.email = $1 AND o.archived_at IS NULL AND u.status = 'active'
         ORDER BY o.id, u.id",
    )
    .bind(email)
    .fetch_all(db)
    .await
}

/// The version of an organisation's record (bumped by every profile change).
pub async fn version_of<'e, E>(db: E, id: i64) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT version FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
}

/// Updates the profile fields of an organisation and bumps its version.
/// The extended profile columns (migration 0007).
#[derive(Debug, Clone, sqlx::FromRow)]
struct ProfileRow {
    legal_name: String,
    acronym: Option<String>,
    country: String,
    email: Option<String>,
    address: Option<String>,
    website: Option<String>,
    year_established: Option<i64>,
    registration_number: Option<String>,
    registration_date: Option<String>,
    annual_budget_minor: Option<i64>,
    sectors: String,
    mandate: Option<String>,
    women_led: Option<i64>,
    youth_led: Option<i64>,
    indigenous_led: Option<i64>,
    refugee_led: Option<i64>,
}

/// The organisation's profile as its form's fields.
pub async fn profile_fields<'e, E>(
    db: E,
    id: i64,
) -> Result<Option<crate::fields::Fields>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    use crate::fields::{format_money_minor, yes_no_value};
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT legal_name, acronym, country, email, address, website, year_established,
            registration_number, registration_date, annual_budget_minor, sectors, mandate,
            women_led, youth_led, indigenous_led, refugee_led
         FROM organisations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let flag = |v: Option<i64>| yes_no_value(v.map(|v| v == 1)).to_string();
        crate::fields::Fields::from([
            ("legal_name".to_string(), r.legal_name),
            ("acronym".to_string(), r.acronym.unwrap_or_default()),
            ("country".to_string(), r.country),
            ("email".to_string(), r.email.unwrap_or_default()),
            ("address".to_string(), r.address.unwrap_or_default()),
            ("website".to_string(), r.website.unwrap_or_default()),
            (
                "year_established".to_string(),
                r.year_established
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
            ),
            (
                "registration_number".to_string(),
                r.registration_number.unwrap_or_default(),
            ),
            (
                "registration_date".to_string(),
                r.registration_date.unwrap_or_default(),
            ),
            (
                "annual_budget".to_string(),
                r.annual_budget_minor
                    .map(format_money_minor)
                    .unwrap_or_default(),
            ),
            ("sectors".to_string(), r.sectors),
            ("mandate".to_string(), r.mandate.unwrap_or_default()),
            ("women_led".to_string(), flag(r.women_led)),
            ("youth_led".to_string(), flag(r.youth_led)),
            ("indigenous_led".to_string(), flag(r.indigenous_led)),
            ("refugee_led".to_string(), flag(r.refugee_led)),
        ])
    }))
}

/// Writes the whole profile (only the identity where the form asks no more:
/// `domain::asks_extended_profile`) and bumps the record version, if the record is still at
/// `expected_version` (when given): the check and the write are one statement, so that of
/// simultaneous saves from one version exactly one is written. Whether it was.
pub async fn update_profile<'e, E>(
    db: E,
    id: i64,
    p: &super::domain::OrganisationProfile,
    extended: bool,
    expected_version: Option<i64>,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    if !extended {
        let done = sqlx::query(
            "UPDATE organisations SET legal_name = $1, acronym = $2, country = $3, email = $4,
                version = version + 1 WHERE id = $5 AND ($6 < 0 OR version = $6)",
        )
        .bind(&p.legal_name)
        .bind(p.acronym.as_deref())
        .bind(&p.country)
        .bind(p.email.as_ref().map(|e| e.as_str()))
        .bind(id)
        .bind(expected_version.unwrap_or(-1))
        .execute(db)
        .await?;
        return Ok(done.rows_affected() == 1);
    }
    let flag = |v: Option<bool>| v.map(i64::from);
    let done = sqlx::query(
        "UPDATE organisations SET legal_name = $1, acronym = $2, country = $3, email = $4,
            address = $5, website = $6, year_established = $7, registration_number = $8,
            registration_date = $9, annual_budget_minor = $10, sectors = $11, mandate = $12,
            women_led = $13, youth_led = $14, indigenous_led = $15, refugee_led = $16,
            version = version + 1 WHERE id = $17 AND ($18 < 0 OR version = $18)",
    )
    .bind(&p.legal_name)
    .bind(p.acronym.as_deref())
    .bind(&p.country)
    .bind(p.email.as_ref().map(|e| e.as_str()))
    .bind(p.address.as_deref())
    .bind(p.website.as_deref())
    .bind(p.year_established)
    .bind(p.registration_number.as_deref())
    .bind(p.registration_date.map(|d| d.to_string()))
    .bind(p.annual_budget_minor)
    .bind(p.sectors.join(","))
    .bind(p.mandate.as_deref())
    .bind(flag(p.flags[0]))
    .bind(flag(p.flags[1]))
    .bind(flag(p.flags[2]))
    .bind(flag(p.flags[3]))
    .bind(id)
    .bind(expected_version.unwrap_or(-1))
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
