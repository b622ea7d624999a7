//! SQL of calls for expression of interest (portable: SQLite and PostgreSQL). Dates are kept as
//! `YYYY-MM-DD` text, which sorts as dates do.
use crate::partners::domain::calls::{CallForm, Criterion};
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::{Any, Executor};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CallRow {
    pub id: i64,
    pub agency: String,
    pub title: String,
    pub description: String,
    pub sectors: String,
    pub countries: String,
    pub clarification_deadline: String,
    pub deadline: String,
    pub notification_date: String,
    pub start_date: String,
    pub end_date: String,
    pub state: String,
    pub final_reason: Option<String>,
    pub final_note: String,
    pub created_by: i64,
    pub author_email: String,
    pub author_locale: String,
    pub version: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
}

const SELECT: &str = "SELECT c.id, c.agency, c.title, c.description, c.sectors, c.countries,
        c.clarification_deadline, c.deadline, c.notification_date, c.start_date, c.end_date,
        c.state, c.final_reason, c.final_note, c.created_by, u.email AS author_email,
        u.locale AS author_locale, c.version, c.updated_at, c.published_at
    FROM partner_calls c JOIN users u ON u.id = c.created_by";

/// `health,education` as stored: `,health,education,` (a filter is one LIKE).
fn listed(codes: &[String]) -> String {
    format!(",{},", codes.join(","))
}

/// The codes of a stored list.
pub fn codes(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

pub async fn call<'e, E>(db: E, id: i64) -> Result<Option<CallRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!("{SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn criteria(db: &Db, call_id: i64) -> Result<Vec<Criterion>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT name, weight FROM partner_call_criteria WHERE call_id = $1 ORDER BY seq",
    )
    .bind(call_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, weight)| Criterion {
            name,
            weight: weight.clamp(0, 100) as u8,
        })
        .collect())
}

async fn replace_criteria(
    tx: &mut sqlx::AnyConnection,
    call_id: i64,
    criteria: &[Criterion],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM partner_call_criteria WHERE call_id = $1")
        .bind(call_id)
        .execute(&mut *tx)
        .await?;
    for (i, c) in criteria.iter().enumerate() {
        sqlx::query(
            "INSERT INTO partner_call_criteria (call_id, seq, name, weight) VALUES ($1, $2, $3, $4)",
        )
        .bind(call_id)
        .bind(i as i64 + 1)
        .bind(&c.name)
        .bind(i64::from(c.weight))
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// A new draft call of `agency`; its id.
pub async fn create(
    tx: &mut sqlx::AnyConnection,
    agency: &str,
    f: &CallForm,
    author_id: i64,
) -> Result<i64, sqlx::Error> {
    let now = now_millis();
    let d = &f.dates;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO partner_calls (agency, title, description, sectors, countries,
            clarification_deadline, deadline, notification_date, start_date, end_date,
            created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(agency)
    .bind(&f.title)
    .bind(&f.description)
    .bind(listed(&f.sectors))
    .bind(listed(&f.countries))
    .bind(d.clarification_deadline.to_string())
    .bind(d.deadline.to_string())
    .bind(d.notification.to_string())
    .bind(d.start.to_string())
    .bind(d.end.to_string())
    .bind(author_id)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    replace_criteria(tx, id, &f.criteria).await?;
    Ok(id)
}

/// Rewrites a draft call at `version`; whether it was still that draft.
pub async fn update(
    tx: &mut sqlx::AnyConnection,
    id: i64,
    version: i64,
    f: &CallForm,
) -> Result<bool, sqlx::Error> {
    let d = &f.dates;
    let done = sqlx::query(
        "UPDATE partner_calls SET title = $1, description = $2, sectors = $3, countries = $4,
            clarification_deadline = $5, deadline = $6, notification_date = $7, start_date = $8,
            end_date = $9, version = version + 1, updated_at = $10
         WHERE id = $11 AND version = $12 AND state = 'draft'",
    )
    .bind(&f.title)
    .bind(&f.description)
    .bind(listed(&f.sectors))
    .bind(listed(&f.countries))
    .bind(d.clarification_deadline.to_string())
    .bind(d.deadline.to_string())
    .bind(d.notification.to_string())
    .bind(d.start.to_string())
    .bind(d.end.to_string())
    .bind(now_millis())
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if done == 1 {
        replace_criteria(tx, id, &f.criteria).await?;
    }
    Ok(done == 1)
}

/// Moves a call from `from` (at `version`, or any version when `None`: the scheduled job) to
/// `to`, dating the move; a finalisation carries its reason and note. Whether it was still there.
pub async fn move_to(
    tx: &mut sqlx::AnyConnection,
    id: i64,
    from: &str,
    version: Option<i64>,
    to: &str,
    reason: Option<(&str, &str)>,
) -> Result<bool, sqlx::Error> {
    let now = now_millis();
    let done = sqlx::query(
        "UPDATE partner_calls SET state = $1, version = version + 1, updated_at = $2,
            published_at = CASE WHEN $3 = 'published' THEN $4 ELSE published_at END,
            closed_at = CASE WHEN $5 = 'closed' THEN $6 ELSE closed_at END,
            finalised_at = CASE WHEN $7 = 'finalised' THEN $8 ELSE finalised_at END,
            final_reason = COALESCE($9, final_reason),
            final_note = COALESCE($10, final_note)
         WHERE id = $11 AND state = $12 AND ($13 = 0 OR version = $14)",
    )
    .bind(to)
    .bind(now)
    .bind(to)
    .bind(now)
    .bind(to)
    .bind(now)
    .bind(to)
    .bind(now)
    .bind(reason.map(|r| r.0))
    .bind(reason.map(|r| r.1))
    .bind(id)
    .bind(from)
    .bind(i64::from(version.is_some()))
    .bind(version.unwrap_or(0))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// The published calls whose deadline is before `today` (what the closing job closes).
pub async fn due_to_close(db: &Db, today: &str) -> Result<Vec<CallRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE c.state = 'published' AND c.deadline < $1 ORDER BY c.deadline, c.id"
    ))
    .bind(today)
    .fetch_all(db)
    .await
}

/// A list's filter: each `Some` narrows it.
#[derive(Debug, Clone, Default)]
pub struct CallFilter {
    pub agencies: Vec<String>,
    pub state: Option<String>,
    /// Open for applications on this day: published, deadline not passed.
    pub open_on: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    /// Deadline on or before this day.
    pub deadline_by: Option<String>,
}

/// `WHERE` and its values for `f` (numbered from `$1`).
fn conditions(f: &CallFilter) -> (String, Vec<String>) {
    let mut sql = vec!["1 = 1".to_string()];
    let mut values: Vec<String> = vec![];
    fn push(sql: &mut Vec<String>, values: &mut Vec<String>, cond: &str, v: String) {
        values.push(v);
        sql.push(cond.replace('?', &format!("${}", values.len())));
    }
    if !f.agencies.is_empty() {
        let mut marks = vec![];
        for a in &f.agencies {
            values.push(a.clone());
            marks.push(format!("${}", values.len()));
        }
        sql.push(format!("c.agency IN ({})", marks.join(", ")));
    }
    if let Some(s) = &f.state {
        push(&mut sql, &mut values, "c.state = ?", s.clone());
    }
    if let Some(d) = &f.open_on {
        push(
            &mut sql,
            &mut values,
            "c.state = 'published' AND c.deadline >= ?",
            d.clone(),
        );
    }
    if let Some(s) = &f.sector {
        push(
            &mut sql,
            &mut values,
            "c.sectors LIKE ?",
            format!("%,{s},%"),
        );
    }
    if let Some(c) = &f.country {
        push(
            &mut sql,
            &mut values,
            "c.countries LIKE ?",
            format!("%,{c},%"),
        );
    }
    if let Some(d) = &f.deadline_by {
        push(&mut sql, &mut values, "c.deadline <= ?", d.clone());
    }
    (sql.join(" AND "), values)
}

/// A page of calls matching `f`, soonest deadline first (open lists) or latest change first,
/// and how many match.
pub async fn list(
    db: &Db,
    f: &CallFilter,
    by_deadline: bool,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CallRow>, i64), sqlx::Error> {
    let (cond, values) = conditions(f);
    let order = if by_deadline {
        "c.deadline, c.id"
    } else {
        "c.updated_at DESC, c.id DESC"
    };
    let n = values.len();
    let sql = format!(
        "{SELECT} WHERE {cond} ORDER BY {order} LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let mut q = sqlx::query_as(&sql);
    for v in &values {
        q = q.bind(v.clone());
    }
    let rows = q.bind(limit).bind(offset).fetch_all(db).await?;
    let count_sql = format!("SELECT COUNT(*) FROM partner_calls c WHERE {cond}");
    let mut c = sqlx::query_scalar(&count_sql);
    for v in &values {
        c = c.bind(v.clone());
    }
    let total: i64 = c.fetch_one(db).await?;
    Ok((rows, total))
}

/// Calls per state among `agencies`' (the agency list's tabs).
pub async fn counts(db: &Db, agencies: &[String]) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let f = CallFilter {
        agencies: agencies.to_vec(),
        ..Default::default()
    };
    let (cond, values) = conditions(&f);
    let sql = format!(
        "SELECT c.state, CAST(COUNT(*) AS BIGINT) FROM partner_calls c WHERE {cond} GROUP BY c.state"
    );
    let mut q = sqlx::query_as(&sql);
    for v in &values {
        q = q.bind(v.clone());
    }
    q.fetch_all(db).await
}

/// A partner as a new call's notice needs it: its id, sectors (stored list), own country and
/// countries of operation (comma-separated).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartnerReach {
    pub organisation_id: i64,
    pub sectors: String,
    pub country: String,
    pub countries: String,
}

/// The partners, not archived, working in one of `sectors` (the countries are judged by
/// `domain::calls::concerns_partner`).
pub async fn partners_in_sectors(
    db: &Db,
    sectors: &[String],
) -> Result<Vec<PartnerReach>, sqlx::Error> {
    if sectors.is_empty() {
        return Ok(vec![]);
    }
    let likes: Vec<String> = (1..=sectors.len())
        .map(|i| format!("s.sectors LIKE ${i}"))
        .collect();
    let sql = format!(
        "SELECT s.organisation_id, s.sectors, s.country, COALESCE(a.value, '') AS countries
         FROM partner_search s
         LEFT JOIN partner_answers a ON a.organisation_id = s.organisation_id
             AND a.field = 'countries_of_operation'
         WHERE NOT s.archived AND ({})
         ORDER BY s.organisation_id",
        likes.join(" OR ")
    );
    let mut q = sqlx::query_as(&sql);
    for s in sectors {
        q = q.bind(format!("%,{s},%"));
    }
    q.fetch_all(db).await
}
