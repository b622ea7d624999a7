//! SQL for designations (portable: SQLite and PostgreSQL). The quota seat (see migration 0008)
//! is taken and released here, inside the caller's transaction.
use super::domain::{
    DesignationForm, DesignationStatus, DutyStation, ExistingDesignation, PassKind, PersonIdentity,
    RepresentativeType,
};
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::Executor;

type Any = sqlx::Any;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DesignationRow {
    pub id: i64,
    pub organisation_id: i64,
    pub duty_station: String,
    pub year: i64,
    pub pass_kind: String,
    pub representative_type: String,
    pub status: String,
    pub seat: Option<i64>,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub valid_from: String,
    pub valid_until: String,
    pub accreditation_rights: i64,
    pub fields: String,
    pub photo_upload_id: Option<i64>,
    pub reason: Option<String>,
    pub created_by: i64,
    pub created_at: i64,
    pub submitted_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub version: i64,
}

const COLUMNS: &str = "id, organisation_id, duty_station, year, pass_kind, representative_type,
    status, seat, title, first_name, last_name, date_of_birth, valid_from, valid_until,
    accreditation_rights, fields, photo_upload_id, reason, created_by, created_at, submitted_at,
    decided_at, version";

impl DesignationRow {
    pub fn status(&self) -> Option<DesignationStatus> {
        DesignationStatus::parse(&self.status)
    }

    /// The row as the quota and same-person rules see it (`None` if a code is unknown).
    pub fn existing(&self) -> Option<ExistingDesignation> {
        Some(ExistingDesignation {
            id: self.id,
            duty_station: DutyStation::parse(&self.duty_station)?,
            year: self.year as i32,
            representative_type: RepresentativeType::parse(&self.representative_type)?,
            pass_kind: PassKind::parse(&self.pass_kind)?,
            status: self.status()?,
            person: PersonIdentity::new(
                &self.first_name,
                &self.last_name,
                chrono::NaiveDate::parse_from_str(&self.date_of_birth, "%Y-%m-%d").ok()?,
            ),
        })
    }

    /// The form as saved.
    pub fn form_fields(&self) -> crate::fields::Fields {
        serde_json::from_str(&self.fields).unwrap_or_default()
    }
}

fn person_key(p: &PersonIdentity) -> String {
    format!("{}|{}|{}", p.last_name, p.first_name, p.date_of_birth)
}

/// A new draft designation; its id.
pub async fn insert_draft<'e, E>(
    db: E,
    organisation_id: i64,
    form: &DesignationForm,
    created_by: i64,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let now = now_millis();
    let fields = serde_json::to_string(&form.to_fields()).unwrap_or_default();
    sqlx::query_scalar(
        "INSERT INTO designations (organisation_id, duty_station, year, pass_kind,
            representative_type, status, title, first_name, last_name, date_of_birth, person_key,
            valid_from, valid_until, accreditation_rights, fields, created_by, created_at,
            updated_at, email)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16,
            $17)
         RETURNING id",
    )
    .bind(organisation_id)
    .bind(form.duty_station.as_str())
    .bind(i64::from(form.year()))
    .bind(form.pass_kind.as_str())
    .bind(form.representative_type.as_str())
    .bind(form.title.as_str())
    .bind(&form.first_name)
    .bind(&form.last_name)
    .bind(form.date_of_birth.to_string())
    .bind(person_key(&form.person()))
    .bind(form.valid_from.to_string())
    .bind(form.valid_until.to_string())
    .bind(i64::from(form.accreditation_rights))
    .bind(fields)
    .bind(created_by)
    .bind(now)
    .bind(email_of(form))
    .fetch_one(db)
    .await
}

/// Rewrites a draft (only while it is a draft); whether it was.
pub async fn update_draft<'e, E>(
    db: E,
    id: i64,
    form: &DesignationForm,
    expected_version: Option<i64>,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let fields = serde_json::to_string(&form.to_fields()).unwrap_or_default();
    let done = sqlx::query(
        "UPDATE designations SET duty_station = $1, year = $2, pass_kind = $3,
            representative_type = $4, title = $5, first_name = $6, last_name = $7,
            date_of_birth = $8, person_key = $9, valid_from = $10, valid_until = $11,
            accreditation_rights = $12, fields = $13, updated_at = $14, version = version + 1,
            email = $16
         WHERE id = $15 AND status = 'draft' AND ($17 < 0 OR version = $17)",
    )
    .bind(form.duty_station.as_str())
    .bind(i64::from(form.year()))
    .bind(form.pass_kind.as_str())
    .bind(form.representative_type.as_str())
    .bind(form.title.as_str())
    .bind(&form.first_name)
    .bind(&form.last_name)
    .bind(form.date_of_birth.to_string())
    .bind(person_key(&form.person()))
    .bind(form.valid_from.to_string())
    .bind(form.valid_until.to_string())
    .bind(i64::from(form.accreditation_rights))
    .bind(fields)
    .bind(now_millis())
    .bind(id)
    .bind(email_of(form))
    .bind(expected_version.unwrap_or(-1))
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The address a designation names, as rights are looked up (lower case).
fn email_of(form: &DesignationForm) -> Option<String> {
    form.email.as_ref().map(|e| e.as_str().to_lowercase())
}

pub async fn designation<'e, E>(db: E, id: i64) -> Result<Option<DesignationRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM designations WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Every designation of an organisation, newest first.
pub async fn of_organisation<'e, E>(
    db: E,
    organisation_id: i64,
) -> Result<Vec<DesignationRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM designations WHERE organisation_id = $1 ORDER BY id DESC"
    ))
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

/// Moves a designation from `from` to `to`, with the seat it holds in its new state (none once
/// it ends), who decided and why; whether it was still in `from`.
#[allow(clippy::too_many_arguments)]
pub async fn change_status<'e, E>(
    db: E,
    id: i64,
    from: DesignationStatus,
    to: DesignationStatus,
    seat: Option<i64>,
    by: i64,
    reason: Option<&str>,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let now = now_millis();
    let submitted = to == DesignationStatus::Submitted;
    let decided = matches!(
        to,
        DesignationStatus::Approved | DesignationStatus::Rejected | DesignationStatus::Revoked
    );
    let done = sqlx::query(
        "UPDATE designations SET status = $1, seat = $2, reason = COALESCE($3, reason),
            updated_at = $4, version = version + 1,
            submitted_at = CASE WHEN $5 = 1 THEN $4 ELSE submitted_at END,
            decided_at = CASE WHEN $6 = 1 THEN $4 ELSE decided_at END,
            decided_by = CASE WHEN $6 = 1 THEN $7 ELSE decided_by END
         WHERE id = $8 AND status = $9",
    )
    .bind(to.as_str())
    .bind(seat)
    .bind(reason)
    .bind(now)
    .bind(i64::from(submitted))
    .bind(i64::from(decided))
    .bind(by)
    .bind(id)
    .bind(from.as_str())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Approved designations whose validity ended before `day` (`YYYY-MM-DD`): the expiry job's.
pub async fn approved_until_before<'e, E>(
    db: E,
    day: &str,
) -> Result<Vec<DesignationRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM designations WHERE status = 'approved' AND valid_until < $1
         ORDER BY id LIMIT 10000"
    ))
    .bind(day)
    .fetch_all(db)
    .await
}

/// One line of the secretariat's queue.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub duty_station: String,
    pub year: i64,
    pub pass_kind: String,
    pub representative_type: String,
    pub status: String,
    pub first_name: String,
    pub last_name: String,
    pub submitted_at: Option<i64>,
}

/// What the queue is narrowed to (each `None` is "any").
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub stations: Vec<String>,
    pub status: Option<String>,
    pub pass_kind: Option<String>,
    pub representative_type: Option<String>,
    pub year: Option<i64>,
    /// Part of the organisation's or the person's name.
    pub search: Option<String>,
}

/// The SQL of a page of the queue and of its count, with the values to bind in order.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueSql {
    pub rows: String,
    /// The ids alone, in the page's order, for an export (`limit` ids from `offset`).
    pub ids: String,
    pub count: String,
    pub binds: Vec<String>,
}

/// The queue's SQL for a filter, a sort (`submitted` oldest first, or `name`, `organisation`)
/// and a page: designations that left the draft state at the filter's stations. One station's
/// pages in submission or name order are read from an index in order (`designations_queue_order`,
/// `designations_queue_names`), a search through the trigram index of names.
pub fn queue_sql(f: &QueueFilter, sort: &str, limit: i64, offset: i64) -> QueueSql {
    // Station codes are checked by the caller against the closed list; they are bound, never
    // spliced, like every other value.
    let mut clauses = vec!["d.status <> 'draft'".to_string()];
    let mut binds: Vec<String> = vec![];
    let next = |v: String, binds: &mut Vec<String>| {
        binds.push(v);
        format!("${}", binds.len())
    };
    let stations: Vec<String> = f
        .stations
        .iter()
        .map(|s| next(s.clone(), &mut binds))
        .collect();
    clauses.push(format!("d.duty_station IN ({})", stations.join(", ")));
    for (column, value) in [
        ("d.status", &f.status),
        ("d.pass_kind", &f.pass_kind),
        ("d.representative_type", &f.representative_type),
    ] {
        if let Some(v) = value {
            let p = next(v.clone(), &mut binds);
            clauses.push(format!("{column} = {p}"));
        }
    }
    if let Some(y) = f.year {
        let p = next(y.to_string(), &mut binds);
        clauses.push(format!("CAST(d.year AS TEXT) = {p}"));
    }
    if let Some(q) = &f.search {
        // Through the trigram index of names (`designation_search`: the person's first and last
        // names and the organisation's, lower-cased; migration 20261202000001).
        let p = next(format!("%{}%", q.to_lowercase()), &mut binds);
        clauses.push(format!(
            "d.id IN (SELECT rowid FROM designation_search WHERE names LIKE {p})"
        ));
    }
    let order = match sort {
        "name" => "d.last_name, d.first_name, d.id",
        "organisation" => "o.legal_name, d.id",
        _ => "d.submitted_at, d.id",
    };
    let filter = clauses.join(" AND ");
    let rows = format!(
        "SELECT d.id, d.organisation_id, o.legal_name AS organisation, d.duty_station, d.year,
            d.pass_kind, d.representative_type, d.status, d.first_name, d.last_name, d.submitted_at
         FROM designations d JOIN organisations o ON o.id = d.organisation_id
         WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
    );
    let ids = format!(
        "SELECT d.id FROM designations d JOIN organisations o ON o.id = d.organisation_id
         WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
    );
    // The filter names only the designation's columns: the count needs no join.
    let count = format!("SELECT COUNT(*) FROM designations d WHERE {filter}");
    QueueSql {
        rows,
        ids,
        count,
        binds,
    }
}

/// The queue (see [`queue_sql`]): a page of `limit` from `offset`, and the total.
pub async fn queue(
    db: &Db,
    f: &QueueFilter,
    sort: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<QueueRow>, i64), sqlx::Error> {
    let QueueSql {
        rows, count, binds, ..
    } = queue_sql(f, sort, limit, offset);
    let mut q = sqlx::query_as::<_, QueueRow>(&rows);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let rows = q.fetch_all(db).await?;
    // Narrowed by stations and state only, the total is the figures the database keeps.
    if f.pass_kind.is_none()
        && f.representative_type.is_none()
        && f.year.is_none()
        && f.search.is_none()
    {
        let total = counts(db, &f.stations)
            .await?
            .into_iter()
            .filter(|(_, status, _)| f.status.as_ref().is_none_or(|s| s == status))
            .map(|(_, _, n)| n)
            .sum();
        return Ok((rows, total));
    }
    let mut c = sqlx::query_scalar::<_, i64>(&count);
    for b in &binds {
        c = c.bind(b.clone());
    }
    Ok((rows, c.fetch_one(db).await?))
}

/// The ids of the queue's first `limit` lines (see [`queue_sql`]), in its order: what an export
/// holds, chosen when it begins.
pub async fn queue_ids(
    db: &Db,
    f: &QueueFilter,
    sort: &str,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let QueueSql { ids, binds, .. } = queue_sql(f, sort, limit, 0);
    let mut q = sqlx::query_scalar::<_, i64>(&ids);
    for b in &binds {
        q = q.bind(b.clone());
    }
    q.fetch_all(db).await
}

/// The queue lines of these designations, in the order of `ids` (one that is gone is left out).
pub async fn queue_rows(db: &Db, ids: &[i64]) -> Result<Vec<QueueRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let params: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT d.id, d.organisation_id, o.legal_name AS organisation, d.duty_station, d.year,
            d.pass_kind, d.representative_type, d.status, d.first_name, d.last_name, d.submitted_at
         FROM designations d JOIN organisations o ON o.id = d.organisation_id
         WHERE d.id IN ({})",
        params.join(", ")
    );
    let mut q = sqlx::query_as::<_, QueueRow>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    let mut rows = q.fetch_all(db).await?;
    crate::ssr::export::in_order_of(ids, &mut rows, |r| r.id);
    Ok(rows)
}

/// Designations per station and state (drafts left out) at the given stations: the figures the
/// database keeps as designations change (`designation_counts`, by triggers).
pub async fn counts(
    db: &Db,
    stations: &[String],
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    if stations.is_empty() {
        return Ok(vec![]);
    }
    let params: Vec<String> = (1..=stations.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT duty_station, status, n FROM designation_counts
         WHERE status <> 'draft' AND n > 0 AND duty_station IN ({})",
        params.join(", ")
    );
    let mut q = sqlx::query_as::<_, (String, String, i64)>(&sql);
    for s in stations {
        q = q.bind(s.clone());
    }
    q.fetch_all(db).await
}

/// Submissions at the given stations per week of the chart (`rules::chart_start`): (week index,
/// count) for the times from `start` included to `now` excluded, counted by the database.
pub async fn weekly_submissions(
    db: &Db,
    stations: &[String],
    start: i64,
    now: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if stations.is_empty() {
        return Ok(vec![]);
    }
    let params: Vec<String> = (4..=stations.len() + 3).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT (submitted_at - $1) / $3 AS week, COUNT(*) FROM designations
         WHERE status <> 'draft' AND submitted_at >= $1 AND submitted_at < $2
           AND duty_station IN ({})
         GROUP BY (submitted_at - $1) / $3",
        params.join(", ")
    );
    let mut q = sqlx::query_as::<_, (i64, i64)>(&sql)
        .bind(start)
        .bind(now)
        .bind(crate::accreditation::domain::WEEK_MS);
    for s in stations {
        q = q.bind(s.clone());
    }
    q.fetch_all(db).await
}

/// The approved annual designations of `year` at the given stations that were not renewed yet.
pub async fn renewable(
    db: &mut sqlx::AnyConnection,
    year: i64,
    stations: &[String],
) -> Result<Vec<DesignationRow>, sqlx::Error> {
    if stations.is_empty() {
        return Ok(vec![]);
    }
    let params: Vec<String> = (2..=stations.len() + 1).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM designations d
         WHERE d.year = $1 AND d.status = 'approved' AND d.pass_kind = 'annual'
           AND d.duty_station IN ({})
           AND NOT EXISTS (SELECT 1 FROM designations r WHERE r.renewed_from = d.id)
         ORDER BY d.id",
        params.join(", ")
    );
    let mut q = sqlx::query_as::<_, DesignationRow>(&sql).bind(year);
    for st in stations {
        q = q.bind(st.clone());
    }
    q.fetch_all(&mut *db).await
}

/// Marks a new draft as the renewal of `source`.
pub async fn set_renewed_from<'e, E>(db: E, id: i64, source: i64) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE designations SET renewed_from = $1 WHERE id = $2")
        .bind(source)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// One organisation of the public directory.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DirectoryRow {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub consultative_status: String,
    pub consultative_since: Option<i64>,
}

/// Organisations in consultative status, by name, filtered by part of the name or acronym,
/// country and status; a page and the total.
pub async fn directory(
    db: &Db,
    q: Option<&str>,
    country: Option<&str>,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<DirectoryRow>, i64), sqlx::Error> {
    let mut clauses = vec!["consultative_status IS NOT NULL".to_string()];
    let mut binds: Vec<String> = vec![];
    if let Some(q) = q {
        binds.push(format!("%{}%", q.to_lowercase()));
        let p = binds.len();
        clauses.push(format!(
            "(LOWER(legal_name) LIKE ${p} OR LOWER(COALESCE(acronym, '')) LIKE ${p})"
        ));
    }
    if let Some(c) = country {
        binds.push(c.to_string());
        clauses.push(format!("country = ${}", binds.len()));
    }
    if let Some(st) = status {
        binds.push(st.to_string());
        clauses.push(format!("consultative_status = ${}", binds.len()));
    }
    let filter = clauses.join(" AND ");
    let sql = format!(
        "SELECT id, legal_name, acronym, country, consultative_status, consultative_since
         FROM organisations WHERE {filter} AND archived_at IS NULL
         ORDER BY legal_name, id LIMIT {limit} OFFSET {offset}"
    );
    let mut query = sqlx::query_as::<_, DirectoryRow>(&sql);
    for b in &binds {
        query = query.bind(b.clone());
    }
    let rows = query.fetch_all(db).await?;
    let count_sql =
        format!("SELECT COUNT(*) FROM organisations WHERE {filter} AND archived_at IS NULL");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for b in &binds {
        count = count.bind(b.clone());
    }
    Ok((rows, count.fetch_one(db).await?))
}

/// Sets a draft's photo (an upload); whether it was still a draft.
pub async fn set_photo<'e, E>(db: E, id: i64, upload_id: i64) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE designations SET photo_upload_id = $1, updated_at = $2, version = version + 1
         WHERE id = $3 AND status = 'draft'",
    )
    .bind(upload_id)
    .bind(now_millis())
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
