//! Server functions of the secretariat's review (issue #5), scoped by duty station: the queue,
//! decisions (one or many), the dashboard, the annual renewal, expiry, and the public directory.
#![allow(clippy::too_many_arguments)]
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line of the secretariat's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub duty_station: crate::accreditation::domain::DutyStation,
    pub year: i64,
    pub pass_kind: crate::accreditation::domain::PassKind,
    pub representative_type: crate::accreditation::domain::RepresentativeType,
    pub status: crate::accreditation::domain::DesignationStatus,
    pub person: String,
    pub submitted_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// The stations this officer decides for.
    pub stations: Vec<String>,
}

pub const QUEUE_PAGE_SIZE: i64 = 25;

/// The secretariat's queue, filtered (status, organisation or person, type, pass, year),
/// sorted and paginated; only the stations the officer decides for.
#[server(endpoint = "accreditation/queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn designation_queue(
    #[server(default)] status: String,
    #[server(default)] station: String,
    #[server(default)] representative_type: String,
    #[server(default)] pass_kind: String,
    #[server(default)] year: String,
    #[server(default)] q: String,
    #[server(default)] sort: String,
    #[server(default)] page: Option<i64>,
) -> Result<QueuePage, AppError> {
    crate::ssr::respond(
        server::queue(
            status,
            station,
            representative_type,
            pass_kind,
            year,
            q,
            sort,
            page,
        )
        .await,
    )
}

/// An accreditation officer of the designation's station approves, rejects (with a reason) or
/// revokes (with a reason) it.
#[server(endpoint = "accreditation/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_designation(
    designation_id: i64,
    decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::decide(designation_id, decision, reason).await)
}

/// Several designations decided at once (all or none): `ids[]`, `decision`, `reason`.
#[server(endpoint = "accreditation/decide_many")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_designations(
    #[server(default)] ids: Vec<i64>,
    decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::decide_many(ids, decision, reason).await)
}

/// The secretariat's figures: designations per station and state, submissions per week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub stations: Vec<String>,
    /// (station, state, count).
    pub counts: Vec<(String, String, i64)>,
    /// (week start, epoch ms; submissions).
    pub weekly: Vec<(i64, u32)>,
}

#[server(endpoint = "accreditation/dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn designation_dashboard() -> Result<Dashboard, AppError> {
    crate::ssr::respond(server::dashboard().await)
}

/// The secretariat resets the year (annual renewal): the approved annual designations of
/// `year` at the officer's stations become drafts of the next year, for each organisation to
/// review and submit. Done once per designation; answers how many were renewed.
#[server(endpoint = "accreditation/renew")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn renew_year(year: i64) -> Result<usize, AppError> {
    crate::ssr::respond(server::renew(year).await)
}

/// One organisation of the public directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub status: crate::organisations::kinds::ConsultativeStatus,
    pub since: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub items: Vec<DirectoryEntry>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

/// The public directory of organisations in consultative status (no sign-in): by part of the
/// name or acronym, country (ISO code) and status type, 25 a page.
#[server(endpoint = "accreditation/directory")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn organisation_directory(
    #[server(default)] q: String,
    #[server(default)] country: String,
    #[server(default)] status: String,
    #[server(default)] page: Option<i64>,
) -> Result<DirectoryPage, AppError> {
    crate::ssr::respond(server::directory(q, country, status, page).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::accreditation::changes::*;
    use crate::accreditation::domain::{
        self as rules, DesignationAction, DesignationForm, DesignationStatus, DutyStation,
        PassKind, RepresentativeType,
    };
    use crate::accreditation::repo::{self, QueueFilter};

    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};

    use crate::organisations::repo::{self as orgs};
    use crate::ssr::db;
    use crate::ui::pager::Paging;
    use chrono::Datelike;

    /// The expiry job (run by the server's housekeeping): approved designations past their
    /// valid-until become expired (`domain::should_expire`), one transaction each — the seat is
    /// released, the change is in the history (by the system) and mailed. How many expired.
    /// Hourly: approved designations past their validity expire (mailed, audited).
    pub const EXPIRY_JOB: crate::ssr::jobs::Job = crate::ssr::jobs::Job {
        name: "accreditation.expiry",
        every: std::time::Duration::from_secs(3600),
        run: |db, public_url| Box::pin(async move { Ok(expire_due(db, public_url).await? as u64) }),
    };

    pub async fn expire_due(db: &crate::ssr::Db, base_url: &str) -> Result<usize, AppError> {
        let today = crate::ssr::db::today();
        let due = repo::approved_until_before(db, &today.to_string()).await?;
        let mut expired = 0;
        for r in due {
            let Ok(until) = chrono::NaiveDate::parse_from_str(&r.valid_until, "%Y-%m-%d") else {
                continue;
            };
            let status = r.status().ok_or(AppError::Internal)?;
            if !rules::should_expire(status, until, today) {
                continue;
            }
            let to = rules::transition(status, DesignationAction::Expire)
                .map_err(|e| AppError::Invalid(vec![e.field_error()]))?;
            let mut tx = crate::ssr::db::begin(db).await?;
            // Changed meanwhile (revoked, say): left as it is.
            if !repo::change_status(&mut *tx, r.id, status, to, None, 0, None).await? {
                continue;
            }
            record(
                &mut *tx,
                &Change::new("designation", r.id, "accreditation.designation_expired")
                    .between(status.as_str(), to.as_str()),
            )
            .await?;
            let organisation = orgs::organisation(&mut *tx, r.organisation_id)
                .await?
                .map(|o| o.legal_name)
                .unwrap_or_default();
            tell_at(&mut tx, &r, &organisation, to, None, base_url).await?;
            tx.commit().await?;
            expired += 1;
        }
        Ok(expired)
    }

    /// The stations an officer decides for: their scopes (every station for platform
    /// administrators).
    pub fn stations_of(actor: &crate::actor::Actor) -> Vec<String> {
        DutyStation::ALL
            .iter()
            .map(|s| s.as_str())
            .filter(|s| crate::accreditation::policy::may_decide_designation(actor, s).is_ok())
            .map(str::to_string)
            .collect()
    }

    /// The queue's filter from the query's raw values: unknown codes are "any"; the stations
    /// are those asked for among `mine` (the officer's).
    pub fn queue_filter(
        mine: &[String],
        status: &str,
        station: &str,
        representative_type: &str,
        pass_kind: &str,
        year: &str,
        q: &str,
    ) -> QueueFilter {
        let pick = |v: &str, ok: bool| (!v.trim().is_empty() && ok).then(|| v.trim().to_string());
        let stations = match pick(station, DutyStation::parse(station).is_some()) {
            Some(s) if mine.contains(&s) => vec![s],
            Some(_) => vec![],
            None => mine.to_vec(),
        };
        QueueFilter {
            stations,
            status: pick(status, DesignationStatus::parse(status).is_some()),
            pass_kind: pick(pass_kind, PassKind::parse(pass_kind).is_some()),
            representative_type: pick(
                representative_type,
                RepresentativeType::parse(representative_type).is_some(),
            ),
            year: year.trim().parse().ok(),
            search: pick(q, q.trim().chars().count() <= 100),
        }
    }

    pub async fn queue(
        status: String,
        station: String,
        representative_type: String,
        pass_kind: String,
        year: String,
        q: String,
        sort: String,
        page: Option<i64>,
    ) -> Result<QueuePage, AppError> {
        let (_, actor) = actor().await?;
        crate::accreditation::policy::may_review_designations(&actor)?;
        let mine = stations_of(&actor);
        let filter = queue_filter(
            &mine,
            &status,
            &station,
            &representative_type,
            &pass_kind,
            &year,
            &q,
        );
        let paging = Paging::new(page, QUEUE_PAGE_SIZE);
        let (rows, total) = if filter.stations.is_empty() {
            (vec![], 0)
        } else {
            repo::queue(&db()?, &filter, &sort, paging.size, paging.offset()).await?
        };
        Ok(QueuePage {
            // The codes come from constrained columns: one that is no case is a corrupt row.
            items: rows
                .into_iter()
                .map(|r| {
                    let corrupt = || AppError::Internal;
                    Ok(QueueItem {
                        id: r.id,
                        organisation_id: r.organisation_id,
                        organisation: r.organisation,
                        duty_station: DutyStation::parse(&r.duty_station).ok_or_else(corrupt)?,
                        year: r.year,
                        pass_kind: PassKind::parse(&r.pass_kind).ok_or_else(corrupt)?,
                        representative_type: RepresentativeType::parse(&r.representative_type)
                            .ok_or_else(corrupt)?,
                        status: DesignationStatus::parse(&r.status).ok_or_else(corrupt)?,
                        person: format!("{} {}", r.first_name, r.last_name),
                        submitted_at: r.submitted_at,
                    })
                })
                .collect::<Result<_, AppError>>()?,
            total,
            page: paging.page,
            pages: paging.pages(total),
            stations: mine,
        })
    }

    pub async fn decide(
        designation_id: i64,
        decision: String,
        reason: String,
    ) -> Result<(), AppError> {
        decide_many(vec![designation_id], decision, reason).await
    }

    /// Decides on several designations at once, all or none: each must be at a station the
    /// officer decides for and in a state the decision applies to; one transaction.
    pub async fn decide_many(
        ids: Vec<i64>,
        decision: String,
        reason: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        crate::accreditation::policy::may_review_designations(&actor)?;
        let db = db()?;
        if ids.is_empty() {
            return Err(AppError::invalid("_", "nothing_selected"));
        }
        if ids.len() > QUEUE_PAGE_SIZE as usize * 4 {
            return Err(AppError::invalid("_", "too_many_selected"));
        }
        let mut rows = vec![];
        for id in &ids {
            let r = repo::designation(&db, *id)
                .await?
                .ok_or(AppError::NotFound)?;
            crate::accreditation::policy::may_decide_designation(&actor, &r.duty_station)?;
            rows.push(r);
        }
        let action = match decision.as_str() {
            "approve" => DesignationAction::Approve,
            "reject" => DesignationAction::Reject,
            "revoke" => DesignationAction::Revoke,
            _ => return Err(AppError::invalid("decision", "decision_invalid")),
        };
        let reason =
            rules::parse_reason(action, &reason).map_err(|e| AppError::Invalid(vec![e]))?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        for r in &rows {
            let from = r.status().ok_or(AppError::Internal)?;
            let to = rules::transition(from, action)
                .map_err(|e| AppError::Invalid(vec![e.field_error()]))?;
            let org = orgs::organisation(&mut *tx, r.organisation_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let seat = if to == DesignationStatus::Approved {
                r.seat
            } else {
                None
            };
            if !repo::change_status(
                &mut *tx,
                r.id,
                from,
                to,
                seat,
                me.user_id,
                reason.as_deref(),
            )
            .await?
            {
                return Err(AppError::invalid("_", "record_changed"));
            }
            let action_code = format!("accreditation.designation_{}", to.as_str());
            record(
                &mut *tx,
                &change(
                    me.user_id,
                    r.id,
                    &action_code,
                    from.as_str(),
                    to.as_str(),
                    reason.as_deref(),
                ),
            )
            .await?;
            tell(&mut tx, r, &org.legal_name, to, reason.as_deref()).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn dashboard() -> Result<Dashboard, AppError> {
        let (_, actor) = actor().await?;
        crate::accreditation::policy::may_review_designations(&actor)?;
        let stations = stations_of(&actor);
        let db = db()?;
        let now = crate::ssr::db::now_millis();
        let per_week =
            repo::weekly_submissions(&db, &stations, rules::chart_start(now), now).await?;
        Ok(Dashboard {
            counts: repo::counts(&db, &stations).await?,
            weekly: rules::weekly_from_counts(&per_week, now),
            stations,
        })
    }

    pub async fn renew(year: i64) -> Result<usize, AppError> {
        let (me, actor) = actor().await?;
        crate::accreditation::policy::may_review_designations(&actor)?;
        let this_year = i64::from(crate::ssr::db::today().year());
        if !(this_year - 1..=this_year).contains(&year) {
            return Err(AppError::invalid("year", "year_invalid"));
        }
        let stations = stations_of(&actor);
        let db = db()?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        let rows = repo::renewable(&mut tx, year, &stations).await?;
        let mut renewed = 0;
        for r in &rows {
            let Some(status) = r.status() else { continue };
            let fields = r.form_fields();
            let Some(source) = DesignationForm::parse_saved(&fields) else {
                tracing::warn!(designation = r.id, "a saved designation no longer parses");
                continue;
            };
            let Some(next) = rules::renewal_of(&source, status) else {
                continue;
            };
            let id = repo::insert_draft(&mut *tx, r.organisation_id, &next, r.created_by).await?;
            repo::set_renewed_from(&mut *tx, id, r.id).await?;
            record(
                &mut *tx,
                &change(
                    me.user_id,
                    id,
                    "accreditation.designation_renewed",
                    "approved",
                    "draft",
                    None,
                ),
            )
            .await?;
            let org = orgs::organisation(&mut *tx, r.organisation_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let draft = repo::designation(&mut *tx, id)
                .await?
                .ok_or(AppError::Internal)?;
            tell(
                &mut tx,
                &draft,
                &org.legal_name,
                DesignationStatus::Draft,
                None,
            )
            .await?;
            renewed += 1;
        }
        tx.commit().await?;
        Ok(renewed)
    }

    pub async fn directory(
        q: String,
        country: String,
        status: String,
        page: Option<i64>,
    ) -> Result<DirectoryPage, AppError> {
        let q = q.trim();
        if q.chars().count() > 100 {
            return Err(AppError::invalid("q", "too_long"));
        }
        let country = country.trim().to_uppercase();
        let country = (!country.is_empty())
            .then(|| crate::organisations::domain::parse_country(&country))
            .transpose()
            .map_err(|c| AppError::invalid("country", c))?;
        let status = status.trim();
        let status = (!status.is_empty())
            .then(|| {
                crate::organisations::kinds::ConsultativeStatus::parse(status)
                    .ok_or("status_invalid")
            })
            .transpose()
            .map_err(|c| AppError::invalid("status", c))?;
        let paging = Paging::new(page, QUEUE_PAGE_SIZE);
        let (rows, total) = repo::directory(
            &db()?,
            (!q.is_empty()).then_some(q),
            country.as_deref(),
            status.map(|s| s.as_str()),
            paging.size,
            paging.offset(),
        )
        .await?;
        Ok(DirectoryPage {
            items: rows
                .into_iter()
                .map(|r| {
                    Ok(DirectoryEntry {
                        status: crate::organisations::kinds::ConsultativeStatus::stored(
                            &r.consultative_status,
                        )?,
                        id: r.id,
                        legal_name: r.legal_name,
                        acronym: r.acronym,
                        country: r.country,
                        since: r.consultative_since,
                    })
                })
                .collect::<Result<_, AppError>>()?,
            total,
            page: paging.page,
            pages: paging.pages(total),
        })
    }
}
