//! Server functions of the review of applications to calls: one application as its agency
//! reviews it, assigning a call's reviewers, scoring (once, after closing), the agency's moves
//! and the partner's answer to an award, the feedback. Rules: `partners::domain::applications`,
//! `partners::policy::may_manage_calls`.
use crate::AppError;
use crate::audit::AuditEvent;
use crate::fields::FormValue;
use crate::partners::domain::agencies::Agency;
use crate::partners::domain::applications::{ApplicationAction, ApplicationState};
use crate::partners::domain::calls::{CallState, Criterion};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An agency officer, as a reviewer or one who may become one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewer {
    pub user_id: i64,
    pub name: String,
}

/// A call's reviewers and the agency's officers who could be assigned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallReviewers {
    pub assigned: Vec<Reviewer>,
    pub available: Vec<Reviewer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub reviewer: String,
    pub scores: Vec<u8>,
    pub total: u32,
    pub comment: String,
    pub created_at: i64,
}

/// One application as its agency reviews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: i64,
    pub call_id: i64,
    pub call_title: String,
    pub call_state: CallState,
    pub agency: Agency,
    pub organisation_id: i64,
    pub legal_name: String,
    pub country: String,
    pub concept_note: String,
    pub state: ApplicationState,
    pub version: i64,
    pub created_at: i64,
    pub feedback: String,
    pub retract_reason: String,
    pub criteria: Vec<Criterion>,
    pub reviews: Vec<ReviewItem>,
    /// Reviewers assigned to the call.
    pub reviewers: usize,
    /// The viewer is one of them.
    pub is_reviewer: bool,
    /// Why the viewer may not score it now (none: the score form is shown).
    pub score_refusal: Option<String>,
    /// The agency's moves possible now.
    pub actions: Vec<ApplicationAction>,
    /// Why it may not be awarded yet (reviews missing, the partner not verified or flagged).
    pub award_refusal: Option<String>,
    pub partner_verified: bool,
    pub red_flag: bool,
    pub history: Vec<AuditEvent>,
}

/// One application to one of the agency's calls, with its reviews: to the agency's officers.
#[server(endpoint = "partners/application_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn application_review(application_id: i64) -> Result<ReviewView, AppError> {
    crate::ssr::respond(server::review(application_id).await)
}

/// Assigns (`add`) an officer of the call's agency as a reviewer of the call, or removes
/// (`remove`) one who has not reviewed yet.
#[server(endpoint = "partners/call_reviewer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_call_reviewer(
    call_id: i64,
    #[server(default)] user_id: i64,
    #[server(default)] action: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::set_reviewer(call_id, user_id, action).await)
}

/// A reviewer's scores of an application (`application_id`, `score_1`… one per criterion,
/// `comment`): once, after the call closed; then locked.
#[server(endpoint = "partners/score_application")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn score_application(
    #[server(flatten)] form: BTreeMap<String, FormValue>,
) -> Result<(), AppError> {
    crate::ssr::respond(server::score(crate::fields::fields_of(form)).await)
}

/// Moves an application on: the agency's `preselect`, `recommend`, `reject`, `award`,
/// `retract` (with a `reason`), or the partner's `accept` or `decline` of an award.
#[server(endpoint = "partners/move_application")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn move_application(
    application_id: i64,
    #[server(default)] version: i64,
    #[server(default)] action: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::move_on(application_id, version, action, reason).await)
}

/// The agency's feedback to the partner, shown to it once the call is finalised.
#[server(endpoint = "partners/application_feedback")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_feedback(
    application_id: i64,
    #[server(default)] feedback: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::feedback(application_id, feedback).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::actor::Actor;
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::fields::{Fields, parse_optional_text, text_error_code};
    use crate::partners::applications::repo::{self as applications, ApplicationRow};
    use crate::partners::calls::repo::{self as calls, CallRow};
    use crate::partners::domain::applications::{
        AwardCheck, limits, may_award, may_score, move_application as move_rule, parse_scores,
    };
    use crate::partners::domain::verification::{FlagLevel, blocks_selection};
    use crate::partners::mail::{PartnerMail, send, to_administrators};
    use crate::partners::policy;
    use crate::partners::review::repo;
    use crate::ssr::{Db, db, redirect};

    fn reviewer(p: repo::PersonRow) -> Reviewer {
        Reviewer {
            user_id: p.user_id,
            name: p.display_name,
        }
    }

    /// A call's reviewers and the officers who could be added (to those who manage it).
    pub async fn of_call(db: &Db, call: &CallRow) -> Result<CallReviewers, AppError> {
        let assigned: Vec<Reviewer> = repo::reviewers(db, call.id)
            .await?
            .into_iter()
            .map(reviewer)
            .collect();
        let scope = Agency::stored(&call.agency)?.scope();
        let available = repo::officers_of(db, &scope)
            .await?
            .into_iter()
            .map(reviewer)
            .filter(|o| assigned.iter().all(|a| a.user_id != o.user_id))
            .collect();
        Ok(CallReviewers {
            assigned,
            available,
        })
    }

    /// The application `id` and its call, to one who manages the call's agency's calls (not
    /// found for anyone else: its existence is not told).
    async fn managed(
        db: &Db,
        actor: &Actor,
        id: i64,
    ) -> Result<(ApplicationRow, CallRow, Agency), AppError> {
        let a = applications::application(db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let c = calls::call(db, a.call_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let agency = Agency::stored(&c.agency)?;
        policy::may_manage_calls(actor, agency).map_err(|_| AppError::NotFound)?;
        Ok((a, c, agency))
    }

    /// What an award of the application would need that it lacks.
    async fn award_check(db: &Db, a: &ApplicationRow, c: &CallRow) -> Result<AwardCheck, AppError> {
        let verified = crate::partners::repo::latest_verification(db, a.organisation_id)
            .await?
            .is_some_and(|(_, v, _)| v);
        let flags: Vec<FlagLevel> = crate::partners::repo::flags_of(db, a.organisation_id)
            .await?
            .iter()
            .map(|f| FlagLevel::stored(&f.level))
            .collect::<Result<_, _>>()?;
        Ok(AwardCheck {
            reviews_assigned: repo::reviewers(db, c.id).await?.len(),
            reviews_done: a.reviews as usize,
            partner_verified: verified,
            red_flag: blocks_selection(&flags),
        })
    }

    pub async fn review(application_id: i64) -> Result<ReviewView, AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let (a, c, agency) = managed(&db, &actor, application_id).await?;
        let state = ApplicationState::stored(&a.state)?;
        let call_state = CallState::stored(&c.state)?;
        let reviewers = repo::reviewers(&db, c.id).await?;
        let reviews = repo::reviews_of(&db, a.id).await?;
        let is_reviewer = reviewers.iter().any(|r| r.user_id == me.user_id);
        let already = reviews.iter().any(|r| r.reviewer_id == me.user_id);
        let score_refusal = if is_reviewer {
            may_score(call_state, state, already).err().map(|e| e.code)
        } else {
            Some("not_a_reviewer".to_string())
        };
        let check = award_check(&db, &a, &c).await?;
        let award_refusal = may_award(check).err().map(|e| e.code);
        let actions = ApplicationAction::agency_actions(state)
            .into_iter()
            .filter(|x| move_rule(state, *x, call_state).is_ok())
            .filter(|x| *x != ApplicationAction::Award || award_refusal.is_none())
            .collect();
        Ok(ReviewView {
            call_title: c.title.clone(),
            call_state,
            agency,
            criteria: calls::criteria(&db, c.id).await?,
            reviews: reviews
                .into_iter()
                .map(|r| ReviewItem {
                    reviewer: r.reviewer_name,
                    scores: calls::codes(&r.scores)
                        .iter()
                        .filter_map(|s| s.parse().ok())
                        .collect(),
                    total: u32::try_from(r.total).unwrap_or(0),
                    comment: r.comment,
                    created_at: r.created_at,
                })
                .collect(),
            reviewers: reviewers.len(),
            is_reviewer,
            score_refusal,
            actions,
            award_refusal,
            partner_verified: check.partner_verified,
            red_flag: check.red_flag,
            history: crate::audit::repo::history(&db, "partner_application", a.id).await?,
            id: a.id,
            call_id: c.id,
            organisation_id: a.organisation_id,
            legal_name: a.legal_name,
            country: a.country,
            concept_note: a.concept_note,
            state,
            version: a.version,
            created_at: a.created_at,
            feedback: a.feedback,
            retract_reason: a.retract_reason,
        })
    }

    pub async fn set_reviewer(call_id: i64, user_id: i64, action: String) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let c = calls::call(&db, call_id).await?.ok_or(AppError::NotFound)?;
        let agency = Agency::stored(&c.agency)?;
        policy::may_manage_calls(&actor, agency).map_err(|_| AppError::NotFound)?;
        if CallState::stored(&c.state)? == CallState::Finalised {
            return Err(AppError::invalid("_", "review_not_open"));
        }
        let mut tx = crate::ssr::db::begin(&db).await?;
        match action.trim() {
            "add" => {
                // Reviewers are the agency's own officers.
                let officer = repo::officers_of(&db, &agency.scope())
                    .await?
                    .into_iter()
                    .find(|o| o.user_id == user_id)
                    .ok_or_else(|| AppError::invalid("user_id", "choice_invalid"))?;
                if repo::assign(&mut tx, c.id, user_id, me.user_id).await? {
                    record(
                        &mut *tx,
                        &Change::new("partner_call", c.id, "partners.reviewer_assigned")
                            .by(me.user_id)
                            .reason(Some(&officer.display_name)),
                    )
                    .await?;
                    let mail = PartnerMail::ReviewerAssigned {
                        call: c.title.clone(),
                        link: crate::ssr::link(&format!("/calls/{}", c.id))?,
                    };
                    send(&mut tx, &[(officer.email, officer.locale)], &mail).await?;
                }
            }
            "remove" => {
                let Some(r) = repo::reviewers(&mut *tx, c.id)
                    .await?
                    .into_iter()
                    .find(|r| r.user_id == user_id)
                else {
                    return Err(AppError::invalid("user_id", "choice_invalid"));
                };
                if !repo::unassign(&mut tx, c.id, user_id).await? {
                    return Err(AppError::invalid("_", "reviewer_has_reviewed"));
                }
                record(
                    &mut *tx,
                    &Change::new("partner_call", c.id, "partners.reviewer_removed")
                        .by(me.user_id)
                        .reason(Some(&r.display_name)),
                )
                .await?;
            }
            _ => return Err(AppError::invalid("action", "choice_invalid")),
        }
        tx.commit().await?;
        redirect(&format!("/calls/{}?saved=reviewers", c.id));
        Ok(())
    }

    fn number(f: &Fields, name: &str) -> i64 {
        f.get(name).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
    }

    fn comment_of(raw: &str, field: &str) -> Result<String, AppError> {
        Ok(parse_optional_text(raw, limits::COMMENT)
            .map_err(|e| AppError::invalid(field, text_error_code(e)))?
            .unwrap_or_default())
    }

    pub async fn score(f: Fields) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let (a, c, _agency) = managed(&db, &actor, number(&f, "application_id")).await?;
        // Only the call's assigned reviewers score: there is no review of theirs to write
        // for anyone else.
        if repo::reviewers(&db, c.id)
            .await?
            .iter()
            .all(|r| r.user_id != me.user_id)
        {
            return Err(AppError::NotFound);
        }
        let already = repo::reviews_of(&db, a.id)
            .await?
            .iter()
            .any(|r| r.reviewer_id == me.user_id);
        may_score(
            CallState::stored(&c.state)?,
            ApplicationState::stored(&a.state)?,
            already,
        )
        .map_err(|e| AppError::Invalid(vec![e]))?;
        let criteria = calls::criteria(&db, c.id).await?;
        let scores = parse_scores(&criteria, &f).map_err(AppError::Invalid)?;
        let comment = comment_of(
            f.get("comment").map(String::as_str).unwrap_or(""),
            "comment",
        )?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !repo::insert_review(&mut tx, a.id, me.user_id, &scores, &comment).await? {
            return Err(AppError::invalid("_", "review_locked"));
        }
        let total = crate::partners::domain::applications::total(&scores).to_string();
        record(
            &mut *tx,
            &Change::new("partner_application", a.id, "partners.application_scored")
                .by(me.user_id)
                .reason(Some(&total)),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/agency/applications/{}?saved=scored", a.id));
        Ok(())
    }

    pub async fn move_on(
        application_id: i64,
        version: i64,
        action: String,
        reason: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let a = applications::application(&db, application_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let c = calls::call(&db, a.call_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let agency = Agency::stored(&c.agency)?;
        let role = crate::organisations::repo::role_of(&db, a.organisation_id, me.user_id).await?;
        let manages = policy::may_manage_calls(&actor, agency).is_ok();
        if role.is_none() && !manages {
            return Err(AppError::NotFound);
        }
        let action = ApplicationAction::parse(action.trim())
            .ok_or_else(|| AppError::invalid("action", "choice_invalid"))?;
        // The partner's administrators and editors answer an award; the agency does the rest.
        let allowed = if action.by_partner() {
            role.is_some_and(crate::organisations::domain::MemberRole::edits)
        } else {
            manages
        };
        if !allowed {
            return Err(AppError::Forbidden);
        }
        let from = ApplicationState::stored(&a.state)?;
        let to = move_rule(from, action, CallState::stored(&c.state)?)
            .map_err(|e| AppError::Invalid(vec![e]))?;
        let reason = if action.needs_reason() {
            let r = comment_of(&reason, "reason")?;
            if r.is_empty() {
                return Err(AppError::invalid("reason", "required"));
            }
            r
        } else {
            String::new()
        };
        if action == ApplicationAction::Award {
            may_award(award_check(&db, &a, &c).await?).map_err(|e| AppError::Invalid(vec![e]))?;
        }
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !applications::move_to(&mut *tx, a.id, from.as_str(), version, to.as_str()).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        if !reason.is_empty() {
            repo::set_retract_reason(&mut tx, a.id, &reason).await?;
        }
        let audit = format!("partners.application_{}", to.as_str());
        record(
            &mut *tx,
            &Change::new("partner_application", a.id, &audit)
                .by(me.user_id)
                .between(from.as_str(), to.as_str())
                .reason((!reason.is_empty()).then_some(reason.as_str())),
        )
        .await?;
        let link = crate::ssr::link(&format!("/calls/{}", c.id))?;
        let (organisation, call) = (a.legal_name.clone(), c.title.clone());
        match action {
            ApplicationAction::Award => {
                let mail = PartnerMail::ApplicationAwarded {
                    organisation,
                    call,
                    link,
                };
                to_administrators(&mut tx, a.organisation_id, &mail).await?;
            }
            ApplicationAction::Retract => {
                let mail = PartnerMail::AwardRetracted {
                    organisation,
                    call,
                    reason: reason.clone(),
                    link,
                };
                to_administrators(&mut tx, a.organisation_id, &mail).await?;
            }
            ApplicationAction::Accept | ApplicationAction::Decline => {
                let mail = PartnerMail::AwardAnswered {
                    organisation,
                    call,
                    accepted: action == ApplicationAction::Accept,
                    link,
                };
                send(
                    &mut tx,
                    &[(c.author_email.clone(), c.author_locale.clone())],
                    &mail,
                )
                .await?;
            }
            // The review's inner steps stay the agency's (the partner sees "under review").
            _ => {}
        }
        tx.commit().await?;
        if action.by_partner() {
            redirect(&format!("/calls/{}?saved={}", c.id, to.as_str()));
        } else {
            redirect(&format!(
                "/agency/applications/{}?saved={}",
                a.id,
                to.as_str()
            ));
        }
        Ok(())
    }

    pub async fn feedback(application_id: i64, feedback: String) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let (a, _c, _agency) = managed(&db, &actor, application_id).await?;
        let text = comment_of(&feedback, "feedback")?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        repo::set_feedback(&mut tx, a.id, &text).await?;
        record(
            &mut *tx,
            &Change::new("partner_application", a.id, "partners.application_feedback")
                .by(me.user_id),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/agency/applications/{}?saved=feedback", a.id));
        Ok(())
    }

    /// When a call is finalised: the partners whose applications were not withdrawn hear that
    /// the result is out (in the finalisation's transaction).
    pub async fn tell_result(tx: &mut sqlx::AnyConnection, c: &CallRow) -> Result<(), AppError> {
        let link = crate::ssr::link(&format!("/calls/{}", c.id))?;
        for (organisation_id, organisation) in repo::applicants_to_tell(&mut *tx, c.id).await? {
            let mail = PartnerMail::CallResult {
                organisation,
                call: c.title.clone(),
                link: link.clone(),
            };
            to_administrators(tx, organisation_id, &mail).await?;
        }
        Ok(())
    }

    /// How many awards of the call were accepted (a selection needs one).
    pub async fn accepted_awards(
        tx: &mut sqlx::AnyConnection,
        call_id: i64,
    ) -> Result<usize, AppError> {
        Ok(
            repo::count_in_state(&mut *tx, call_id, ApplicationState::Accepted.as_str()).await?
                as usize,
        )
    }
}
