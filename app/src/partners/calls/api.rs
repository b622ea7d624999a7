//! Server functions of calls for expression of interest: the public list of open calls, an
//! agency's own list, one call, its form, saving a draft, publishing (partners of its sectors
//! and countries are told), finalising; and the scheduled job that closes calls whose deadline
//! passed. Rules: `partners::domain::calls`, `partners::policy::{may_manage_calls, may_read_call}`.
use crate::AppError;
use crate::audit::AuditEvent;
use crate::fields::FormValue;
use crate::partners::domain::agencies::Agency;
use crate::partners::domain::calls::{CallDates, CallState, Criterion, FinalReason};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Calls a page of a list shows.
pub const PAGE_SIZE: i64 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallSummary {
    pub id: i64,
    pub agency: Agency,
    pub title: String,
    pub sectors: Vec<String>,
    pub countries: Vec<String>,
    pub deadline: NaiveDate,
    pub state: CallState,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallList {
    pub items: Vec<CallSummary>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// The agency list's state filter.
    pub state: Option<CallState>,
    /// Calls per state (the agency list's tabs; empty on the public list).
    pub counts: Vec<(CallState, i64)>,
    /// The agencies the viewer writes calls for.
    pub my_agencies: Vec<Agency>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    pub id: i64,
    pub agency: Agency,
    pub title: String,
    pub description: String,
    pub sectors: Vec<String>,
    pub countries: Vec<String>,
    pub criteria: Vec<Criterion>,
    pub dates: CallDates,
    pub state: CallState,
    pub final_reason: Option<FinalReason>,
    pub final_note: String,
    pub version: i64,
    pub published_at: Option<i64>,
    /// Partners may apply today (published, deadline not passed).
    pub open_for_applications: bool,
    /// The viewer writes its agency's calls (edits a draft, publishes, finalises).
    pub may_manage: bool,
    /// The call's history (to those who manage it; else empty).
    pub history: Vec<AuditEvent>,
    /// The server's day, for the form's checks in the browser.
    pub today: NaiveDate,
    pub signed_in: bool,
    /// The applications the viewer sees (their own, every one for the agency) and the
    /// organisations they may apply as.
    pub applications: crate::partners::applications::api::CallApplications,
    /// The call's reviewers and the officers who could be assigned (to those who manage it).
    pub reviewers: Option<crate::partners::review::api::CallReviewers>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFormData {
    /// The draft being edited (none: a new call).
    pub call: Option<CallView>,
    pub my_agencies: Vec<Agency>,
    pub today: NaiveDate,
}

/// The calls open for applications, to everyone: filters by sector, country, agency and a
/// latest deadline; soonest deadline first.
#[server(endpoint = "partners/open_calls")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn open_calls(
    #[server(default)] sector: String,
    #[server(default)] country: String,
    #[server(default)] agency: String,
    #[server(default)] deadline_by: String,
    #[server(default)] page: Option<i64>,
) -> Result<CallList, AppError> {
    crate::ssr::respond(server::open(sector, country, agency, deadline_by, page).await)
}

/// The calls of the agencies the officer writes for, by state, latest change first.
#[server(endpoint = "partners/agency_calls")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn agency_calls(
    #[server(default)] state: String,
    #[server(default)] page: Option<i64>,
) -> Result<CallList, AppError> {
    crate::ssr::respond(server::of_agencies(state, page).await)
}

/// One call: published ones to everyone, drafts to their agency's officers.
#[server(endpoint = "partners/call")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn call_detail(call_id: i64) -> Result<CallView, AppError> {
    crate::ssr::respond(server::detail(call_id).await)
}

/// What the call form needs: the draft (`call_id` > 0) or nothing, the agencies, today.
#[server(endpoint = "partners/call_form")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn call_form(#[server(default)] call_id: i64) -> Result<CallFormData, AppError> {
    crate::ssr::respond(server::form(call_id).await)
}

/// Saves a call as a draft (the whole form: `call_id` 0 for a new one, `version`, `agency`,
/// the fields of `CallForm`).
#[server(endpoint = "partners/call_save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_call(
    #[server(flatten)] form: BTreeMap<String, FormValue>,
) -> Result<(), AppError> {
    crate::ssr::respond(server::save(crate::fields::fields_of(form)).await)
}

/// Moves a call on: `publish` a draft (its dates checked again against today), or `finalise`
/// it with a `reason` and an optional `note`.
#[server(endpoint = "partners/call_move")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn move_call(
    call_id: i64,
    #[server(default)] version: i64,
    #[server(default)] action: String,
    #[server(default)] reason: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::move_on(call_id, version, action, reason, note).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::actor::Actor;
    use crate::actor::server::{actor, actor_of};
    use crate::audit::{Change, repo::record};
    use crate::fields::Fields;
    use crate::partners::calls::repo::{self, CallFilter, CallRow, codes};
    use crate::partners::domain::calls::{
        CallAction, CallForm, check_dates, concerns_partner, finalise, is_due_to_close,
        is_open_for_applications, limits, transition,
    };
    use crate::partners::mail::{PartnerMail, send};
    use crate::partners::policy;
    use crate::ssr::{Db, db, redirect};
    use crate::ui::pager::Paging;

    fn date(raw: &str) -> Result<NaiveDate, AppError> {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| AppError::Internal)
    }

    fn dates_of(r: &CallRow) -> Result<CallDates, AppError> {
        Ok(CallDates {
            clarification_deadline: date(&r.clarification_deadline)?,
            deadline: date(&r.deadline)?,
            notification: date(&r.notification_date)?,
            start: date(&r.start_date)?,
            end: date(&r.end_date)?,
        })
    }

    fn summary(r: CallRow) -> Result<CallSummary, AppError> {
        Ok(CallSummary {
            agency: Agency::stored(&r.agency)?,
            state: CallState::stored(&r.state)?,
            deadline: date(&r.deadline)?,
            sectors: codes(&r.sectors),
            countries: codes(&r.countries),
            id: r.id,
            title: r.title,
            updated_at: r.updated_at,
        })
    }

    /// The signed-in actor, if any (the public pages).
    async fn maybe_actor(db: &Db) -> Result<Option<Actor>, AppError> {
        Ok(match crate::ssr::session::current_user() {
            Some(u) => Some(actor_of(db, &u).await?),
            None => None,
        })
    }

    /// The call `id`, if `actor` may read it (else not found: a draft's existence is not told;
    /// anonymous readers are asked to sign in).
    async fn readable(db: &Db, id: i64, actor: Option<&Actor>) -> Result<CallRow, AppError> {
        let r = repo::call(db, id).await?.ok_or(AppError::NotFound)?;
        policy::may_read_call(
            actor,
            Agency::stored(&r.agency)?,
            CallState::stored(&r.state)?,
        )
        .map_err(|_| match actor {
            // Signing in may show it.
            None => AppError::Unauthenticated,
            Some(_) => AppError::NotFound,
        })?;
        Ok(r)
    }

    async fn view_of(db: &Db, r: CallRow, actor: Option<&Actor>) -> Result<CallView, AppError> {
        let agency = Agency::stored(&r.agency)?;
        let state = CallState::stored(&r.state)?;
        let dates = dates_of(&r)?;
        let today = crate::ssr::db::today();
        let may_manage = actor.is_some_and(|a| policy::may_manage_calls(a, agency).is_ok());
        let applications =
            crate::partners::applications::api::server::for_call(db, &r, actor, may_manage).await?;
        let reviewers = if may_manage {
            Some(crate::partners::review::api::server::of_call(db, &r).await?)
        } else {
            None
        };
        Ok(CallView {
            applications,
            reviewers,
            signed_in: actor.is_some(),
            criteria: repo::criteria(db, r.id).await?,
            history: if may_manage {
                crate::audit::repo::history(db, "partner_call", r.id).await?
            } else {
                vec![]
            },
            final_reason: r
                .final_reason
                .as_deref()
                .map(FinalReason::stored)
                .transpose()?,
            open_for_applications: is_open_for_applications(state, dates.deadline, today),
            sectors: codes(&r.sectors),
            countries: codes(&r.countries),
            id: r.id,
            agency,
            title: r.title,
            description: r.description,
            dates,
            state,
            final_note: r.final_note,
            version: r.version,
            published_at: r.published_at,
            may_manage,
            today,
        })
    }

    fn list_of(
        rows: Vec<CallRow>,
        total: i64,
        paging: Paging,
        state: Option<CallState>,
        counts: Vec<(CallState, i64)>,
        my_agencies: Vec<Agency>,
    ) -> Result<CallList, AppError> {
        Ok(CallList {
            items: rows.into_iter().map(summary).collect::<Result<_, _>>()?,
            total,
            page: paging.page,
            pages: paging.pages(total),
            state,
            counts,
            my_agencies,
        })
    }

    pub async fn open(
        sector: String,
        country: String,
        agency: String,
        deadline_by: String,
        page: Option<i64>,
    ) -> Result<CallList, AppError> {
        let db = db()?;
        let actor = maybe_actor(&db).await?;
        // Unknown filter values are "any".
        let sector = Some(sector.trim().to_string())
            .filter(|s| crate::organisations::domain::SECTORS.contains(&s.as_str()));
        let country = crate::organisations::domain::parse_country(country.trim()).ok();
        let agency = Agency::parse(agency.trim());
        let deadline_by = crate::fields::parse_date(deadline_by.trim())
            .ok()
            .map(|d| d.to_string());
        let paging = Paging::new(page, PAGE_SIZE);
        let filter = CallFilter {
            agencies: agency
                .map(|a| vec![a.as_str().to_string()])
                .unwrap_or_default(),
            open_on: Some(crate::ssr::db::today().to_string()),
            sector,
            country,
            deadline_by,
            ..Default::default()
        };
        let (rows, total) = repo::list(&db, &filter, true, paging.size, paging.offset()).await?;
        let mine = actor.as_ref().map(policy::agencies_of).unwrap_or_default();
        list_of(rows, total, paging, None, vec![], mine)
    }

    pub async fn of_agencies(state: String, page: Option<i64>) -> Result<CallList, AppError> {
        let (_me, actor) = actor().await?;
        let mine = policy::agencies_of(&actor);
        if mine.is_empty() {
            return Err(AppError::Forbidden);
        }
        let db = db()?;
        let codes: Vec<String> = mine.iter().map(|a| a.as_str().to_string()).collect();
        let state = CallState::parse(state.trim());
        let paging = Paging::new(page, PAGE_SIZE);
        let filter = CallFilter {
            agencies: codes.clone(),
            state: state.map(|s| s.as_str().to_string()),
            ..Default::default()
        };
        let (rows, total) = repo::list(&db, &filter, false, paging.size, paging.offset()).await?;
        let stored = repo::counts(&db, &codes).await?;
        let counts = CallState::ALL
            .iter()
            .map(|s| {
                let n = stored
                    .iter()
                    .find(|(c, _)| c == s.as_str())
                    .map_or(0, |(_, n)| *n);
                (*s, n)
            })
            .collect();
        list_of(rows, total, paging, state, counts, mine)
    }

    pub async fn detail(call_id: i64) -> Result<CallView, AppError> {
        let db = db()?;
        let actor = maybe_actor(&db).await?;
        let r = readable(&db, call_id, actor.as_ref()).await?;
        view_of(&db, r, actor.as_ref()).await
    }

    pub async fn form(call_id: i64) -> Result<CallFormData, AppError> {
        let (_me, actor) = actor().await?;
        let my_agencies = policy::agencies_of(&actor);
        if my_agencies.is_empty() {
            return Err(AppError::Forbidden);
        }
        let db = db()?;
        let call = if call_id > 0 {
            let r = readable(&db, call_id, Some(&actor)).await?;
            policy::may_manage_calls(&actor, Agency::stored(&r.agency)?)?;
            Some(view_of(&db, r, Some(&actor)).await?)
        } else {
            None
        };
        Ok(CallFormData {
            call,
            my_agencies,
            today: crate::ssr::db::today(),
        })
    }

    fn number(f: &Fields, name: &str) -> i64 {
        f.get(name).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
    }

    pub async fn save(f: Fields) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let call_id = number(&f, "call_id");
        let existing = if call_id > 0 {
            Some(readable(&db, call_id, Some(&actor)).await?)
        } else {
            None
        };
        // A draft keeps its agency; a new call is the chosen agency's.
        let agency = match &existing {
            Some(r) => Agency::stored(&r.agency)?,
            None => Agency::parse(f.get("agency").map(|a| a.trim()).unwrap_or(""))
                .ok_or_else(|| AppError::invalid("agency", "choice_invalid"))?,
        };
        policy::may_manage_calls(&actor, agency)?;
        if let Some(r) = &existing {
            transition(CallState::stored(&r.state)?, CallAction::Edit)
                .map_err(|e| AppError::Invalid(vec![e]))?;
        }
        let call = CallForm::parse(&f, crate::ssr::db::today()).map_err(AppError::Invalid)?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        let (id, action) = match existing {
            Some(r) => {
                if !repo::update(&mut tx, r.id, number(&f, "version"), &call).await? {
                    return Err(AppError::invalid("_", "record_changed"));
                }
                (r.id, "partners.call_edited")
            }
            None => (
                repo::create(&mut tx, agency.as_str(), &call, me.user_id).await?,
                "partners.call_created",
            ),
        };
        record(
            &mut *tx,
            &Change::new("partner_call", id, action)
                .by(me.user_id)
                .to_state(Some(CallState::Draft.as_str())),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/calls/{id}?saved=draft"));
        Ok(())
    }

    pub async fn move_on(
        call_id: i64,
        version: i64,
        action: String,
        reason: String,
        note: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let r = readable(&db, call_id, Some(&actor)).await?;
        let agency = Agency::stored(&r.agency)?;
        policy::may_manage_calls(&actor, agency)?;
        let from = CallState::stored(&r.state)?;
        let today = crate::ssr::db::today();
        let mut tx = crate::ssr::db::begin(&db).await?;
        let saved = match action.trim() {
            "publish" => {
                let to = transition(from, CallAction::Publish)
                    .map_err(|e| AppError::Invalid(vec![e]))?;
                // A draft written days ago: its dates must still be ahead.
                let errors = check_dates(&dates_of(&r)?, today);
                if !errors.is_empty() {
                    return Err(AppError::Invalid(errors));
                }
                if !repo::move_to(
                    &mut tx,
                    r.id,
                    from.as_str(),
                    Some(version),
                    to.as_str(),
                    None,
                )
                .await?
                {
                    return Err(AppError::invalid("_", "record_changed"));
                }
                record(
                    &mut *tx,
                    &Change::new("partner_call", r.id, "partners.call_published")
                        .by(me.user_id)
                        .between(from.as_str(), to.as_str()),
                )
                .await?;
                tell_partners(&db, &mut tx, &r, agency).await?;
                "published"
            }
            "finalise" => {
                let (to, reason) =
                    finalise(from, &reason).map_err(|e| AppError::Invalid(vec![e]))?;
                // A selection names a partner that accepted its award.
                let accepted =
                    crate::partners::review::api::server::accepted_awards(&mut tx, r.id).await?;
                crate::partners::domain::applications::may_select(
                    reason == FinalReason::PartnerSelected,
                    accepted,
                )
                .map_err(|e| AppError::Invalid(vec![e]))?;
                let note = crate::fields::parse_optional_text(&note, limits::FINAL_NOTE)
                    .map_err(|e| AppError::invalid("note", crate::fields::text_error_code(e)))?
                    .unwrap_or_default();
                let moved = repo::move_to(
                    &mut tx,
                    r.id,
                    from.as_str(),
                    Some(version),
                    to.as_str(),
                    Some((reason.as_str(), &note)),
                )
                .await?;
                if !moved {
                    return Err(AppError::invalid("_", "record_changed"));
                }
                record(
                    &mut *tx,
                    &Change::new("partner_call", r.id, "partners.call_finalised")
                        .by(me.user_id)
                        .between(from.as_str(), to.as_str())
                        .reason(Some(reason.as_str())),
                )
                .await?;
                crate::partners::review::api::server::tell_result(&mut tx, &r).await?;
                "finalised"
            }
            _ => return Err(AppError::invalid("action", "choice_invalid")),
        };
        tx.commit().await?;
        redirect(&format!("/calls/{}?saved={saved}", r.id));
        Ok(())
    }

    /// Tells the administrators of every partner the new call concerns
    /// (`domain::calls::concerns_partner`) that it is open.
    async fn tell_partners(
        db: &Db,
        tx: &mut sqlx::AnyConnection,
        r: &CallRow,
        agency: Agency,
    ) -> Result<(), AppError> {
        let sectors = codes(&r.sectors);
        let countries = codes(&r.countries);
        let link = crate::ssr::link(&format!("/calls/{}", r.id))?;
        for p in repo::partners_in_sectors(db, &sectors).await? {
            let theirs: Vec<&str> = p.sectors.split(',').filter(|s| !s.is_empty()).collect();
            let mut places: Vec<&str> = p.countries.split(',').map(str::trim).collect();
            places.push(p.country.as_str());
            if !concerns_partner(&sectors, &countries, &theirs, &places) {
                continue;
            }
            let mail = PartnerMail::CallPublished {
                agency: agency.name(),
                title: r.title.clone(),
                deadline: r.deadline.clone(),
                link: link.clone(),
            };
            crate::partners::mail::to_administrators(tx, p.organisation_id, &mail).await?;
        }
        Ok(())
    }

    /// Every few minutes: published calls past their deadline close
    /// (`domain::calls::is_due_to_close`), each in its own transaction, audited and mailed to
    /// its author. Safe with several instances: a call is claimed by its move.
    pub const CLOSE_JOB: crate::ssr::jobs::Job = crate::ssr::jobs::Job {
        name: "partners.calls_close",
        every: std::time::Duration::from_secs(300),
        run: |db, public_url| {
            Box::pin(
                async move { Ok(close_due(db, crate::ssr::db::today(), public_url).await? as u64) },
            )
        },
    };

    /// Closes the calls due to close on `today` (the job's clock, given so tests set it); how
    /// many this run closed.
    pub async fn close_due(db: &Db, today: NaiveDate, base_url: &str) -> Result<usize, AppError> {
        let mut closed = 0;
        for r in repo::due_to_close(db, &today.to_string()).await? {
            let from = CallState::stored(&r.state)?;
            if !is_due_to_close(from, date(&r.deadline)?, today) {
                continue;
            }
            let to = transition(from, CallAction::Close).map_err(|e| AppError::Invalid(vec![e]))?;
            let mut tx = crate::ssr::db::begin(db).await?;
            // Closed meanwhile (another instance, a cancellation): left as it is.
            if !repo::move_to(&mut tx, r.id, from.as_str(), None, to.as_str(), None).await? {
                continue;
            }
            record(
                &mut *tx,
                &Change::new("partner_call", r.id, "partners.call_closed")
                    .between(from.as_str(), to.as_str()),
            )
            .await?;
            let mail = PartnerMail::CallClosed {
                title: r.title.clone(),
                link: format!("{}/calls/{}", base_url.trim_end_matches('/'), r.id),
            };
            send(
                &mut tx,
                &[(r.author_email.clone(), r.author_locale.clone())],
                &mail,
            )
            .await?;
            tx.commit().await?;
            closed += 1;
        }
        Ok(closed)
    }
}
