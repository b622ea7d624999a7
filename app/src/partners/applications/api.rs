//! Server functions of applications to calls: a partner applies (once per call, while it is
//! open, from a complete profile that is not a headquarters) and withdraws until the deadline.
//! What a call's page shows of them is built here too (`for_call`). Rules:
//! `partners::domain::applications`.
use crate::AppError;
use crate::partners::domain::applications::{ApplicationState, PartnerView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationItem {
    pub id: i64,
    pub organisation_id: i64,
    pub legal_name: String,
    pub country: String,
    /// The agency's state (shown to its officers only; partners read `partner_view`).
    pub state: Option<ApplicationState>,
    pub partner_view: PartnerView,
    pub concept_note: String,
    pub version: i64,
    pub created_at: i64,
    /// Its partner may withdraw it now.
    pub may_withdraw: bool,
    /// Its partner may accept or decline its award now.
    pub may_answer: bool,
    /// The agency's feedback (to the partner once the call is finalised).
    pub feedback: String,
    /// Why its award was retracted.
    pub retract_reason: String,
    /// Reviews done (to the agency).
    pub reviews: i64,
    /// The average of their totals, out of 100 (to the agency).
    pub score: Option<i64>,
}

/// An organisation the viewer could apply as, or the reason it cannot (an error code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyAs {
    pub organisation_id: i64,
    pub legal_name: String,
    pub refusal: Option<String>,
}

/// What a call's page shows of its applications.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallApplications {
    /// Every application (to the call's agency's officers).
    pub all: Vec<ApplicationItem>,
    /// Those of the viewer's organisations.
    pub mine: Vec<ApplicationItem>,
    /// The viewer's organisations (administrator or editor) that have not applied.
    pub apply_as: Vec<ApplyAs>,
}

/// A partner applies to a call with its concept note.
#[server(endpoint = "partners/apply")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn apply_to_call(
    call_id: i64,
    #[server(default)] organisation_id: i64,
    #[server(default)] concept_note: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::apply(call_id, organisation_id, concept_note).await)
}

/// A partner withdraws its application, up to the call's deadline.
#[server(endpoint = "partners/withdraw_application")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn withdraw_application(
    application_id: i64,
    #[server(default)] version: i64,
) -> Result<(), AppError> {
    crate::ssr::respond(server::withdraw(application_id, version).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::actor::Actor;
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::fields::Fields;
    use crate::organisations::domain::{MemberRole, may_have_country_office};
    use crate::organisations::kinds::OrganisationKind;
    use crate::partners::applications::repo::{self, ApplicationRow};
    use crate::partners::calls::repo::{self as calls, CallRow};
    use crate::partners::domain::applications::{
        Applicant, ApplicationAction, may_apply, may_withdraw, move_application, parse_concept_note,
    };
    use crate::partners::domain::calls::CallState;
    use crate::partners::policy;
    use crate::ssr::{Db, db, redirect};
    use chrono::NaiveDate;

    fn deadline_of(c: &CallRow) -> Result<NaiveDate, AppError> {
        NaiveDate::parse_from_str(&c.deadline, "%Y-%m-%d").map_err(|_| AppError::Internal)
    }

    fn item(
        r: ApplicationRow,
        call: CallState,
        deadline: NaiveDate,
        for_agency: bool,
    ) -> Result<ApplicationItem, AppError> {
        let state = ApplicationState::stored(&r.state)?;
        let today = crate::ssr::db::today();
        let finalised = call == CallState::Finalised;
        Ok(ApplicationItem {
            may_answer: move_application(state, ApplicationAction::Accept, call).is_ok(),
            feedback: if for_agency || finalised {
                r.feedback
            } else {
                String::new()
            },
            retract_reason: r.retract_reason,
            reviews: if for_agency { r.reviews } else { 0 },
            score: (for_agency && r.reviews > 0).then(|| r.score_sum / r.reviews),
            partner_view: state.partner_view(finalised),
            state: for_agency.then_some(state),
            may_withdraw: may_withdraw(state, call, deadline, today).is_ok(),
            id: r.id,
            organisation_id: r.organisation_id,
            legal_name: r.legal_name,
            country: r.country,
            concept_note: r.concept_note,
            version: r.version,
            created_at: r.created_at,
        })
    }

    /// What `actor` (if signed in) sees of the applications to `call`; `manages`: the viewer
    /// writes the call's agency's calls.
    pub async fn for_call(
        db: &Db,
        call: &CallRow,
        actor: Option<&Actor>,
        manages: bool,
    ) -> Result<CallApplications, AppError> {
        let Some(actor) = actor else {
            return Ok(CallApplications::default());
        };
        let state = CallState::stored(&call.state)?;
        let deadline = deadline_of(call)?;
        let today = crate::ssr::db::today();
        let all = if manages {
            repo::of_call(db, call.id)
                .await?
                .into_iter()
                .map(|r| item(r, state, deadline, true))
                .collect::<Result<_, _>>()?
        } else {
            vec![]
        };
        let mine: Vec<ApplicationItem> = repo::of_member(db, call.id, actor.user_id)
            .await?
            .into_iter()
            .map(|r| item(r, state, deadline, false))
            .collect::<Result<_, _>>()?;
        let mut apply_as = vec![];
        if state == CallState::Published {
            for o in repo::applicants_of(db, actor.user_id).await? {
                let kind = OrganisationKind::stored(&o.kind)?;
                let role = MemberRole::parse(&o.role);
                if !kind.is_civil_society()
                    || !role.is_some_and(MemberRole::edits)
                    || mine.iter().any(|m| m.organisation_id == o.id)
                {
                    continue;
                }
                let applicant = Applicant {
                    profile_complete: o.completeness >= 100,
                    is_headquarters: may_have_country_office(kind, o.is_office == 1),
                    already_applied: false,
                };
                apply_as.push(ApplyAs {
                    organisation_id: o.id,
                    legal_name: o.legal_name,
                    refusal: may_apply(applicant, state, deadline, today)
                        .err()
                        .map(|e| e.code),
                });
            }
        }
        Ok(CallApplications {
            all,
            mine,
            apply_as,
        })
    }

    pub async fn apply(
        call_id: i64,
        organisation_id: i64,
        concept_note: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let call = calls::call(&db, call_id).await?.ok_or(AppError::NotFound)?;
        let state = CallState::stored(&call.state)?;
        policy::may_read_call(
            Some(&actor),
            crate::partners::domain::agencies::Agency::stored(&call.agency)?,
            state,
        )
        .map_err(|_| AppError::NotFound)?;
        let org = crate::partners::api::server::partner_organisation(&db, organisation_id).await?;
        let role = crate::organisations::repo::role_of(&db, org.id, me.user_id).await?;
        // Its administrators and editors apply for it (never an agency, nor platform staff).
        if !role.is_some_and(MemberRole::edits) {
            return Err(AppError::Forbidden);
        }
        let note = parse_concept_note(&Fields::from([("concept_note".to_string(), concept_note)]))
            .map_err(AppError::Invalid)?;
        let kind = OrganisationKind::stored(&org.kind)?;
        let stored = crate::partners::repo::completeness_of(&db, &[org.id]).await?;
        let applicant = Applicant {
            profile_complete: stored.first().and_then(|(_, p)| *p).unwrap_or(0) >= 100,
            is_headquarters: may_have_country_office(kind, org.parent_id.is_some()),
            already_applied: !repo::of_member(&db, call.id, me.user_id)
                .await?
                .iter()
                .all(|a| a.organisation_id != org.id),
        };
        may_apply(
            applicant,
            state,
            deadline_of(&call)?,
            crate::ssr::db::today(),
        )
        .map_err(|e| AppError::Invalid(vec![e]))?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        let Some(id) = repo::create(&mut tx, call.id, org.id, &note, me.user_id).await? else {
            return Err(AppError::invalid("_", "already_applied"));
        };
        record(
            &mut *tx,
            &Change::new("partner_application", id, "partners.application_submitted")
                .by(me.user_id)
                .to_state(Some(ApplicationState::Pending.as_str()))
                .reason(Some(&call.title)),
        )
        .await?;
        let mail = crate::partners::mail::PartnerMail::ApplicationSubmitted {
            organisation: org.legal_name.clone(),
            call: call.title.clone(),
            deadline: call.deadline.clone(),
            link: crate::ssr::link(&format!("/calls/{}", call.id))?,
        };
        crate::partners::mail::to_administrators(&mut tx, org.id, &mail).await?;
        tx.commit().await?;
        redirect(&format!("/calls/{}?saved=applied", call.id));
        Ok(())
    }

    pub async fn withdraw(application_id: i64, version: i64) -> Result<(), AppError> {
        let (me, _actor) = actor().await?;
        let db = db()?;
        let a = repo::application(&db, application_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = crate::organisations::repo::role_of(&db, a.organisation_id, me.user_id).await?;
        // Hidden from those outside the organisation; readers see it but do not withdraw.
        match role {
            None => return Err(AppError::NotFound),
            Some(r) if !r.edits() => return Err(AppError::Forbidden),
            Some(_) => {}
        }
        let call = calls::call(&db, a.call_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let from = ApplicationState::stored(&a.state)?;
        may_withdraw(
            from,
            CallState::stored(&call.state)?,
            deadline_of(&call)?,
            crate::ssr::db::today(),
        )
        .map_err(|e| AppError::Invalid(vec![e]))?;
        let to = ApplicationState::Withdrawn;
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !repo::move_to(&mut *tx, a.id, from.as_str(), version, to.as_str()).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        record(
            &mut *tx,
            &Change::new(
                "partner_application",
                a.id,
                "partners.application_withdrawn",
            )
            .by(me.user_id)
            .between(from.as_str(), to.as_str()),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/calls/{}?saved=withdrawn", call.id));
        Ok(())
    }
}
