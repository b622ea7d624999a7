//! Server functions of the PSEA self-assessment: the current one with its history, a save (as
//! a draft, or a submission), an agency's review.
use crate::AppError;
use crate::fields::FormValue;
use crate::partners::domain::agencies::Agency;
use crate::partners::domain::psea::{Answer, AssessmentStatus, Rating};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentView {
    pub id: i64,
    pub status: AssessmentStatus,
    pub rating: Option<Rating>,
    pub version: i64,
    pub answers: Vec<Answer>,
    pub created_at: i64,
    pub submitted_at: Option<i64>,
    pub reviewed_agency: Option<Agency>,
    pub reviewed_at: Option<i64>,
    pub review_comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PseaView {
    pub organisation_id: i64,
    pub legal_name: String,
    /// The latest assessment, then the earlier ones.
    pub assessments: Vec<AssessmentView>,
    /// The viewer is an administrator or editor of the partner.
    pub can_edit: bool,
    /// The viewer is a member of the organisation (may ask the help desk for help).
    pub is_member: bool,
    /// A new assessment may be started (none under way, the last submitted a year ago).
    pub may_start: bool,
    /// The agencies the viewer reviews for.
    pub my_agencies: Vec<Agency>,
    pub viewer_id: i64,
}

/// The partner's self-assessments, to those who read its profile.
#[server(endpoint = "partners/psea")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn psea_assessments(organisation_id: i64) -> Result<PseaView, AppError> {
    crate::ssr::respond(server::view(organisation_id).await)
}

/// Saves the self-assessment (the whole form: `organisation_id`, `version`, `submit` to
/// submit it, each standard's yes/no and evidence), starting one when none is under way.
#[server(endpoint = "partners/psea_save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_psea(
    #[server(flatten)] form: BTreeMap<String, FormValue>,
) -> Result<(), AppError> {
    crate::ssr::respond(server::save(crate::fields::fields_of(form)).await)
}

/// An agency officer agrees with a submitted assessment, or sends it back with a comment.
#[server(endpoint = "partners/psea_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_psea(
    assessment_id: i64,
    #[server(default)] agency: String,
    #[server(default)] decision: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::review(assessment_id, agency, decision, comment).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::organisations::repo as organisations;
    use crate::partners::api::server::partner_organisation;
    use crate::partners::domain::psea::{may_start_new, parse_assessment, rating_of};
    use crate::partners::policy;
    use crate::partners::psea::repo;
    use crate::ssr::{db, redirect};

    /// Whether a new assessment may start after these (latest first).
    fn may_start(rows: &[repo::AssessmentRow]) -> Result<bool, AppError> {
        let under_way = match rows.first() {
            Some(r) => AssessmentStatus::stored(&r.status)? != AssessmentStatus::Agreed,
            None => false,
        };
        let last_submitted = rows
            .iter()
            .find_map(|r| r.submitted_at)
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|t| t.date_naive());
        Ok(may_start_new(
            under_way,
            last_submitted,
            crate::ssr::db::today(),
        ))
    }

    pub async fn view(organisation_id: i64) -> Result<PseaView, AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let org = partner_organisation(&db, organisation_id).await?;
        let role = organisations::role_of(&db, org.id, me.user_id).await?;
        policy::may_read_profile(&actor, role)?;
        let rows = repo::of_organisation(&db, org.id).await?;
        let may_start = may_start(&rows)?;
        let mut assessments = vec![];
        for r in rows {
            assessments.push(AssessmentView {
                answers: repo::answers(&db, r.id).await?,
                status: AssessmentStatus::stored(&r.status)?,
                rating: r.rating.as_deref().map(Rating::stored).transpose()?,
                reviewed_agency: r
                    .reviewed_agency
                    .as_deref()
                    .map(Agency::stored)
                    .transpose()?,
                id: r.id,
                version: r.version,
                created_at: r.created_at,
                submitted_at: r.submitted_at,
                reviewed_at: r.reviewed_at,
                review_comment: r.review_comment,
            });
        }
        Ok(PseaView {
            organisation_id: org.id,
            legal_name: org.legal_name,
            assessments,
            can_edit: policy::may_edit_profile(&actor, role).is_ok(),
            is_member: policy::may_ask_for_help(role).is_ok(),
            may_start,
            my_agencies: policy::agencies_of(&actor),
            viewer_id: me.user_id,
        })
    }

    pub async fn save(fields: crate::fields::Fields) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let organisation_id: i64 = fields
            .get("organisation_id")
            .and_then(|v| v.trim().parse().ok())
            .ok_or(AppError::NotFound)?;
        let version: i64 = fields
            .get("version")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        let submit = fields.get("submit").is_some_and(|v| !v.trim().is_empty());
        let db = db()?;
        let org = partner_organisation(&db, organisation_id).await?;
        let role = organisations::role_of(&db, org.id, me.user_id).await?;
        policy::may_edit_profile(&actor, role)?;
        let answers = parse_assessment(&fields, submit).map_err(AppError::Invalid)?;
        let rows = repo::of_organisation(&db, org.id).await?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        // The one under way, or a new one when one may start.
        let (id, status, version) = match rows.first() {
            Some(r) if AssessmentStatus::stored(&r.status)?.is_editable() => {
                (r.id, AssessmentStatus::stored(&r.status)?, version)
            }
            Some(r) if AssessmentStatus::stored(&r.status)? == AssessmentStatus::Submitted => {
                return Err(AppError::invalid("_", "assessment_locked"));
            }
            _ if may_start(&rows)? => {
                let id = repo::create(&mut tx, org.id, me.user_id).await?;
                record(
                    &mut *tx,
                    &Change::new("psea_assessment", id, "partners.psea_started").by(me.user_id),
                )
                .await?;
                (id, AssessmentStatus::Draft, 1)
            }
            _ => return Err(AppError::invalid("_", "assessment_once_a_year")),
        };
        if !repo::touch(&mut tx, id, version).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        repo::replace_answers(&mut tx, id, &answers).await?;
        if submit {
            if !status.can_transition_to(AssessmentStatus::Submitted) {
                return Err(AppError::invalid("_", "transition_not_allowed"));
            }
            let rating = rating_of(&answers);
            let moved = repo::move_to(
                &mut tx,
                id,
                status.as_str(),
                version + 1,
                AssessmentStatus::Submitted.as_str(),
                repo::Move {
                    rating: Some(rating.as_str()),
                    submitted: true,
                    review: None,
                },
            )
            .await?;
            if !moved {
                return Err(AppError::invalid("_", "record_changed"));
            }
            record(
                &mut *tx,
                &Change::new("psea_assessment", id, "partners.psea_submitted")
                    .by(me.user_id)
                    .from_state(Some(status.as_str()))
                    .to_state(Some(rating.as_str())),
            )
            .await?;
        }
        tx.commit().await?;
        redirect(&format!(
            "/partners/{}/psea?saved={}",
            org.id,
            if submit { "submitted" } else { "draft" }
        ));
        Ok(())
    }

    pub async fn review(
        assessment_id: i64,
        agency: String,
        decision: String,
        comment: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let agency = Agency::parse(agency.trim())
            .ok_or_else(|| AppError::invalid("agency", "choice_invalid"))?;
        policy::may_act_for_agency(&actor, agency)?;
        let to = match decision.trim() {
            "agree" => AssessmentStatus::Agreed,
            "send_back" => AssessmentStatus::SentBack,
            _ => return Err(AppError::invalid("decision", "decision_invalid")),
        };
        let comment = crate::fields::parse_optional_text(&comment, 2000)
            .map_err(|e| AppError::invalid("comment", crate::fields::text_error_code(e)))?
            .unwrap_or_default();
        if to == AssessmentStatus::SentBack && comment.is_empty() {
            return Err(AppError::invalid("comment", "required"));
        }
        let db = db()?;
        let a = repo::assessment(&db, assessment_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let from = AssessmentStatus::stored(&a.status)?;
        if !from.can_transition_to(to) {
            return Err(AppError::invalid("_", "transition_not_allowed"));
        }
        let mut tx = crate::ssr::db::begin(&db).await?;
        let moved = repo::move_to(
            &mut tx,
            a.id,
            from.as_str(),
            a.version,
            to.as_str(),
            repo::Move {
                rating: None,
                submitted: false,
                review: Some((me.user_id, agency.as_str(), &comment)),
            },
        )
        .await?;
        if !moved {
            return Err(AppError::invalid("_", "record_changed"));
        }
        record(
            &mut *tx,
            &Change::new("psea_assessment", a.id, "partners.psea_reviewed")
                .by(me.user_id)
                .from_state(Some(from.as_str()))
                .to_state(Some(to.as_str()))
                .reason(Some(&comment).filter(|c| !c.is_empty()).map(String::as_str)),
        )
        .await?;
        let org = partner_organisation(&db, a.organisation_id).await?;
        let mail = crate::partners::mail::PartnerMail::PseaReviewed {
            organisation: org.legal_name,
            agency: agency.name().to_string(),
            agreed: to == AssessmentStatus::Agreed,
            rating: a.rating.as_deref().and_then(Rating::parse),
            comment,
            link: crate::ssr::link(&format!("/partners/{}/psea", a.organisation_id))?,
        };
        crate::partners::mail::to_administrators(&mut tx, a.organisation_id, &mail).await?;
        tx.commit().await?;
        redirect(&format!(
            "/partners/{}/psea?saved=reviewed",
            a.organisation_id
        ));
        Ok(())
    }
}
