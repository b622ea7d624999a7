//! Server functions of partner profiles: the profile with its completeness and spending, a
//! section's save, an agency's partner code, the spending import. Each loads the caller's role
//! in the organisation from the record (never from the client) and asks `partners::policy`.
#![allow(clippy::too_many_arguments)]
use crate::AppError;
use crate::fields::FormValue;
use crate::partners::domain::agencies::Agency;
use crate::partners::domain::profile::{Answers, Completeness};
use crate::partners::domain::spending::{LineError, SpendingTable};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one agency knows of a profile: its partner code (none: "Partner code not provided by
/// the agency") and the spending table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyView {
    pub agency: Agency,
    pub code: Option<String>,
    pub spending: SpendingTable,
}

/// A current file of the profile (its documents answer file fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFile {
    pub id: i64,
    pub file_name: String,
}

/// The verification that stands (the latest), as everyone who reads the profile sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationView {
    pub agency: Agency,
    pub verified: bool,
    pub at: i64,
}

/// A flag, to agencies only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagView {
    pub id: i64,
    pub agency: Agency,
    pub level: crate::partners::domain::verification::FlagLevel,
    pub category: crate::partners::domain::verification::FlagCategory,
    pub comment: String,
    pub raised_at: i64,
    /// Whether the viewer may change its level (an officer of its agency).
    pub can_change: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub kind: crate::organisations::kinds::OrganisationKind,
    /// The headquarters of a country office.
    pub parent: Option<(i64, String)>,
    /// Its answers as they stand (a country office's with its headquarters' where the HQ is the
    /// authority: `profile::with_headquarters`).
    pub answers: Answers,
    /// The fields taken from the headquarters (a country office's; else empty).
    pub inherited: Vec<String>,
    /// Values offered for fields not answered yet (the registration number given when the
    /// organisation was created: `profile::from_former_profile`); not answers until saved.
    pub suggested: Answers,
    pub completeness: Completeness,
    pub version: i64,
    /// Files answering the file fields, by id.
    pub files: Vec<ProfileFile>,
    pub can_edit: bool,
    /// The viewer is a member of the organisation (may ask the help desk for help).
    pub is_member: bool,
    /// Who is looking (their drafts are theirs).
    pub viewer_id: i64,
    /// Agencies with a code or spending for the profile, then the viewer's own agencies.
    pub agencies: Vec<AgencyView>,
    /// The agencies the viewer links codes for.
    pub my_agencies: Vec<Agency>,
    pub verification: Option<VerificationView>,
    /// Empty unless the viewer may see flags.
    pub flags: Vec<FlagView>,
    pub can_see_flags: bool,
}

/// A profile, to those who read it.
#[server(endpoint = "partners/profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn partner_profile(organisation_id: i64) -> Result<ProfileView, AppError> {
    crate::ssr::respond(server::profile(organisation_id).await)
}

/// Saves one section: the whole form (`organisation_id`, `section`, `version`, and the
/// section's fields by their names).
#[server(endpoint = "partners/save_section")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_partner_section(
    #[server(flatten)] form: BTreeMap<String, FormValue>,
) -> Result<(), AppError> {
    crate::ssr::respond(server::save_section(crate::fields::fields_of(form)).await)
}

/// Links a profile to the officer's agency's partner code.
#[server(endpoint = "partners/link_code")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn link_partner_code(
    organisation_id: i64,
    #[server(default)] agency: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::link_code(organisation_id, agency, code).await)
}

/// Records an agency's verification: the five answers (`yes`/`no`) and a comment.
#[server(endpoint = "partners/verify")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn verify_partner(
    organisation_id: i64,
    #[server(default)] agency: String,
    #[server(default)] registration_valid: String,
    #[server(default)] mandate_consistent: String,
    #[server(default)] safeguards_in_place: String,
    #[server(default)] other_risk: String,
    #[server(default)] risk_unacceptable: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let answers = [
        registration_valid,
        mandate_consistent,
        safeguards_in_place,
        other_risk,
        risk_unacceptable,
    ];
    crate::ssr::respond(server::verify(organisation_id, agency, answers, comment).await)
}

/// Raises a flag (observation, yellow or red) with its category and a comment.
#[server(endpoint = "partners/flag")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn flag_partner(
    organisation_id: i64,
    #[server(default)] agency: String,
    #[server(default)] level: String,
    #[server(default)] category: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::flag(organisation_id, agency, level, category, comment).await)
}

/// Escalates a yellow flag, or confirms (red) or lowers (yellow) an escalated one.
#[server(endpoint = "partners/change_flag")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_flag(flag_id: i64, #[server(default)] level: String) -> Result<(), AppError> {
    crate::ssr::respond(server::change_flag(flag_id, level).await)
}

/// A profile as the agencies' search lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchItem {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub kind: crate::organisations::kinds::OrganisationKind,
    pub completeness: u8,
    pub verified: Option<bool>,
    /// The viewer's agency's partner code.
    pub code: Option<String>,
    pub leadership: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPage {
    pub items: Vec<SearchItem>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// The agency whose codes are shown (the viewer's first, or the one asked).
    pub agency: Agency,
}

/// The agencies' partner search: filters as the form sends them, a page of 25.
#[server(endpoint = "partners/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_partners(
    #[server(default)] q: String,
    #[server(default)] country: String,
    #[server(default)] kind: String,
    #[server(default)] sector: String,
    #[server(default)] leadership: String,
    #[server(default)] completeness: String,
    #[server(default)] verification: String,
    #[server(default)] linked: String,
    #[server(default)] sort: String,
    #[server(default)] agency: String,
    #[server(default)] page: Option<i64>,
) -> Result<SearchPage, AppError> {
    let filter = crate::partners::domain::search::SearchFilter::parse(
        &q,
        &country,
        &kind,
        &sector,
        &leadership,
        &completeness,
        &verification,
        &linked,
        &sort,
    );
    crate::ssr::respond(server::search(filter, agency, page).await)
}

/// The agencies' dashboard: profiles by completeness band, verification and PSEA rating, and
/// new profiles per month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub total: i64,
    /// Every band, in order.
    pub completeness: Vec<(crate::partners::domain::dashboard::CompletenessBand, i64)>,
    pub verified: i64,
    pub not_verified: i64,
    pub never_verified: i64,
    /// Every rating, in order, by the latest agreed assessment.
    pub psea: Vec<(crate::partners::domain::psea::Rating, i64)>,
    /// Profiles without an agreed assessment.
    pub psea_none: i64,
    /// ("YYYY-MM", new profiles), oldest first.
    pub monthly: Vec<(String, u32)>,
}

#[server(endpoint = "partners/dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn agency_dashboard() -> Result<DashboardView, AppError> {
    crate::ssr::respond(server::dashboard().await)
}

/// The bad lines a refused import reports (the first ones; the file's problem is `file`).
pub const REPORTED_LINES: usize = 100;

/// The field of a bad line's error (`line12`), and back.
pub fn line_field(e: &LineError) -> String {
    match e.line {
        0 => "file".to_string(),
        n => format!("line{n}"),
    }
}

pub fn line_of_field(field: &str) -> Option<usize> {
    field.strip_prefix("line")?.parse().ok()
}

/// Where the spending import form posts.
pub const IMPORT_PATH: &str = "/api/uploads/partner_spending";

#[cfg(feature = "ssr")]
pub use endpoint::*;

#[cfg(feature = "ssr")]
mod endpoint {
    use crate::AppError;
    use leptos::prelude::*;
    use leptos::server_fn::codec::{MultipartData, MultipartFormData};

    /// Imports an agency's spending CSV (fields `agency`, `file`), all rows or none: the rows
    /// applied, or the bad lines as errors of fields `line<n>`.
    #[server(input = MultipartFormData, endpoint = "uploads/partner_spending")]
    #[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
    pub async fn import_spending(data: MultipartData) -> Result<usize, AppError> {
        crate::ssr::respond(super::server::import(data).await)
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::organisations::kinds::OrganisationKind;
    use crate::organisations::repo as organisations;
    use crate::partners::domain::profile::{self, Kind, Section};
    use crate::partners::domain::spending::{MAX_BYTES, parse_import, spending_table};
    use crate::partners::domain::verification::{FlagCategory, FlagLevel};
    use crate::partners::{policy, repo};
    use crate::ssr::{db, redirect};
    use chrono::Datelike;

    pub async fn profile(organisation_id: i64) -> Result<ProfileView, AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let org = partner_organisation(&db, organisation_id).await?;
        let kind = OrganisationKind::stored(&org.kind)?;
        let role = organisations::role_of(&db, org.id, me.user_id).await?;
        policy::may_read_profile(&actor, role)?;
        let answers = standing_answers(&db, &org).await?;
        let former = profile::FormerProfile {
            fields: organisations::registration_number(&db, org.id)
                .await?
                .map(|n| ("registration_number".to_string(), n))
                .into_iter()
                .collect(),
            ..Default::default()
        };
        let suggested = profile::from_former_profile(&answers, &former, db::today());
        let inherited: Vec<String> = if org.parent_id.is_some() {
            profile::FROM_HEADQUARTERS.map(str::to_string).to_vec()
        } else {
            vec![]
        };
        let mut files = vec![];
        for f in profile::FIELDS.iter().filter(|f| f.kind == Kind::File) {
            if let Some(id) = answers.get(f.name).and_then(|v| v.parse::<i64>().ok())
                && let Some(u) = crate::uploads::repo::upload(&db, id).await?
            {
                files.push(ProfileFile {
                    id,
                    file_name: u.file_name,
                });
            }
        }
        let my_agencies = policy::agencies_of(&actor);
        let codes = repo::codes_of(&db, org.id).await?;
        let spending = repo::spending_of(&db, org.id).await?;
        let mut agencies = vec![];
        for agency in Agency::ALL {
            let code = codes
                .iter()
                .find(|(a, _)| a == agency.as_str())
                .map(|(_, c)| c.clone());
            let rows: Vec<(i32, i64)> = spending
                .iter()
                .filter(|(a, _, _)| a == agency.as_str())
                .map(|(_, y, m)| (*y as i32, *m))
                .collect();
            if code.is_some() || my_agencies.contains(agency) {
                agencies.push(AgencyView {
                    agency: *agency,
                    code,
                    spending: spending_table(&rows, None),
                });
            }
        }
        let verification = repo::latest_verification(&db, org.id)
            .await?
            .map(|(agency, verified, at)| {
                Ok::<_, AppError>(VerificationView {
                    agency: Agency::stored(&agency)?,
                    verified,
                    at,
                })
            })
            .transpose()?;
        let can_see_flags = policy::may_see_flags(&actor).is_ok();
        let flags = if can_see_flags {
            repo::flags_of(&db, org.id)
                .await?
                .into_iter()
                .map(|f| {
                    let agency = Agency::stored(&f.agency)?;
                    Ok(FlagView {
                        id: f.id,
                        can_change: policy::may_act_for_agency(&actor, agency).is_ok(),
                        agency,
                        level: FlagLevel::stored(&f.level)?,
                        category: FlagCategory::stored(&f.category)?,
                        comment: f.comment,
                        raised_at: f.raised_at,
                    })
                })
                .collect::<Result<_, AppError>>()?
        } else {
            vec![]
        };
        Ok(ProfileView {
            verification,
            flags,
            can_see_flags,
            id: org.id,
            completeness: profile::completeness(&answers),
            version: repo::version(&db, org.id).await?,
            can_edit: policy::may_edit_profile(&actor, role).is_ok(),
            is_member: policy::may_ask_for_help(role).is_ok(),
            viewer_id: me.user_id,
            parent: org.parent_id.zip(org.parent_name),
            legal_name: org.legal_name,
            acronym: org.acronym,
            country: org.country,
            kind,
            answers,
            inherited,
            suggested,
            files,
            agencies,
            my_agencies,
        })
    }

    /// A profile's answers as they stand: a country office's with its headquarters' where the
    /// HQ is the authority.
    async fn standing_answers<'e, E>(
        db: E,
        org: &crate::organisations::repo::OrganisationRow,
    ) -> Result<Answers, AppError>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
    {
        let own = repo::answers(db, org.id).await?;
        Ok(match org.parent_id {
            Some(hq) => profile::with_headquarters(&own, &repo::answers(db, hq).await?),
            None => own,
        })
    }

    pub async fn save_section(fields: crate::fields::Fields) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let organisation_id: i64 = fields
            .get("organisation_id")
            .and_then(|v| v.trim().parse().ok())
            .ok_or(AppError::NotFound)?;
        let section = fields
            .get("section")
            .and_then(|s| Section::parse(s))
            .ok_or(AppError::NotFound)?;
        let version: i64 = fields
            .get("version")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        let db = db()?;
        let org = partner_organisation(&db, organisation_id).await?;
        let role = organisations::role_of(&db, org.id, me.user_id).await?;
        policy::may_edit_profile(&actor, role)?;
        let mut answers = profile::parse_section(section, &fields, crate::ssr::db::today())
            .map_err(AppError::Invalid)?;
        // A country office does not state what its headquarters is the authority on.
        if org.parent_id.is_some() {
            answers.retain(|name, _| !profile::is_from_headquarters(name));
        }
        // A file field names one of this organisation's own current files.
        let mut errors = vec![];
        for f in profile::section_fields(section).filter(|f| f.kind == Kind::File) {
            if let Some(id) = answers.get(f.name).and_then(|v| v.parse::<i64>().ok())
                && !repo::is_file_of(&db, org.id, id).await?
            {
                errors.push(crate::error::FieldError::new(f.name, "file_invalid"));
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let offices = match org.parent_id {
            None => organisations::offices(&db, org.id).await?,
            Some(_) => vec![],
        };
        let mut tx = crate::ssr::db::begin(&db).await?;
        let mut all = repo::answers(&mut *tx, org.id).await?;
        all.retain(|name, _| profile::spec(name).is_some_and(|f| f.section != section));
        all.extend(answers.clone());
        let standing = match org.parent_id {
            Some(hq) => profile::with_headquarters(&all, &repo::answers(&mut *tx, hq).await?),
            None => all.clone(),
        };
        let completeness = profile::completeness(&standing);
        if !repo::bump_version(&mut tx, org.id, version, completeness.percent).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        repo::replace_section(&mut tx, org.id, section, &answers).await?;
        // The duplicate check compares the registration number on the organisation's record.
        if let Some(number) = answers.get("registration_number") {
            organisations::set_registration_number(&mut *tx, org.id, number).await?;
        }
        // The headquarters' answers stand for its country offices: their completeness follows.
        if org.parent_id.is_none() {
            for (office, ..) in &offices {
                let office = *office;
                let own = repo::answers(&mut *tx, office).await?;
                let percent =
                    profile::completeness(&profile::with_headquarters(&own, &all)).percent;
                repo::set_completeness(&mut tx, office, percent).await?;
            }
        }
        record(
            &mut *tx,
            &Change::new("organisation", org.id, "partners.profile_section_saved")
                .by(me.user_id)
                .to_state(Some(section.as_str())),
        )
        .await?;
        crate::drafts::repo::discard(
            &mut *tx,
            me.user_id,
            crate::partners::drafts::SECTION.code(),
            &crate::partners::drafts::record_key(org.id, section),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/partners/{}?saved={}", org.id, section.as_str()));
        Ok(())
    }

    /// The organisation an id names, when it is a partner's (else 404): every server function
    /// of the module starts here.
    pub async fn partner_organisation(
        db: &crate::ssr::Db,
        organisation_id: i64,
    ) -> Result<crate::organisations::repo::OrganisationRow, AppError> {
        let org = organisations::organisation(db, organisation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !OrganisationKind::stored(&org.kind)?.is_civil_society() {
            return Err(AppError::NotFound);
        }
        Ok(org)
    }

    fn agency_of(code: &str) -> Result<Agency, AppError> {
        Agency::parse(code.trim()).ok_or_else(|| AppError::invalid("agency", "choice_invalid"))
    }

    fn comment_of(raw: &str, required: bool) -> Result<String, AppError> {
        use crate::partners::domain::verification::COMMENT_MAX;
        let parsed = if required {
            crate::fields::parse_required_text(raw, COMMENT_MAX).map(Some)
        } else {
            crate::fields::parse_optional_text(raw, COMMENT_MAX)
        };
        parsed
            .map(Option::unwrap_or_default)
            .map_err(|e| AppError::invalid("comment", crate::fields::text_error_code(e)))
    }

    pub async fn verify(
        organisation_id: i64,
        agency: String,
        answers: [String; 5],
        comment: String,
    ) -> Result<(), AppError> {
        use crate::partners::domain::verification::{Question, verified};
        let (me, actor) = actor().await?;
        let agency = agency_of(&agency)?;
        policy::may_act_for_agency(&actor, agency)?;
        let db = db()?;
        let org = partner_organisation(&db, organisation_id).await?;
        let mut errors = vec![];
        let mut parsed = [None; 5];
        for (i, (q, raw)) in Question::ALL.iter().zip(&answers).enumerate() {
            match crate::fields::parse_yes_no(raw) {
                Ok(Some(a)) => parsed[i] = Some(a),
                Ok(None) => errors.push(crate::error::FieldError::new(q.as_str(), "required")),
                Err(code) => errors.push(crate::error::FieldError::new(q.as_str(), code)),
            }
        }
        let comment = comment_of(&comment, false);
        if let Err(AppError::Invalid(e)) = &comment {
            errors.extend(e.clone());
        }
        if errors.is_empty()
            && let Err((q, code)) = verified(parsed)
        {
            errors.push(crate::error::FieldError::new(q.as_str(), code));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let comment = comment?;
        let is_verified = verified(parsed).map_err(|_| AppError::Internal)?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        repo::insert_verification(
            &mut tx,
            &repo::NewVerification {
                organisation_id: org.id,
                agency: agency.as_str(),
                answers: parsed.map(|a| a.unwrap_or(false)),
                comment: &comment,
                verified: is_verified,
                by: me.user_id,
            },
        )
        .await?;
        let state = if is_verified {
            "verified"
        } else {
            "not_verified"
        };
        record(
            &mut *tx,
            &Change::new("organisation", org.id, "partners.profile_verified")
                .by(me.user_id)
                .to_state(Some(state)),
        )
        .await?;
        let mail = crate::partners::mail::PartnerMail::ProfileVerified {
            organisation: org.legal_name.clone(),
            agency: agency.name().to_string(),
            verified: is_verified,
            link: crate::ssr::link(&format!("/partners/{}", org.id))?,
        };
        crate::partners::mail::to_administrators(&mut tx, org.id, &mail).await?;
        tx.commit().await?;
        redirect(&format!("/partners/{}?saved=verification", org.id));
        Ok(())
    }

    pub async fn flag(
        organisation_id: i64,
        agency: String,
        level: String,
        category: String,
        comment: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let agency = agency_of(&agency)?;
        policy::may_act_for_agency(&actor, agency)?;
        let db = db()?;
        let org = partner_organisation(&db, organisation_id).await?;
        let mut errors = vec![];
        let level = FlagLevel::parse(level.trim()).filter(|l| l.may_be_raised());
        if level.is_none() {
            errors.push(crate::error::FieldError::new("level", "choice_invalid"));
        }
        let category = FlagCategory::parse(category.trim());
        if category.is_none() {
            errors.push(crate::error::FieldError::new("category", "choice_invalid"));
        }
        let comment = match comment_of(&comment, true) {
            Ok(c) => Some(c),
            Err(AppError::Invalid(e)) => {
                errors.extend(e);
                None
            }
            Err(e) => return Err(e),
        };
        let (Some(level), Some(category), Some(comment)) = (level, category, comment) else {
            return Err(AppError::Invalid(errors));
        };
        let mut tx = crate::ssr::db::begin(&db).await?;
        let id = repo::insert_flag(
            &mut tx,
            org.id,
            agency.as_str(),
            level.as_str(),
            category.as_str(),
            &comment,
            me.user_id,
        )
        .await?;
        record(
            &mut *tx,
            &Change::new("partner_flag", id, "partners.flag_raised")
                .by(me.user_id)
                .to_state(Some(level.as_str()))
                .reason(Some(category.as_str())),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/partners/{}?saved=flag", org.id));
        Ok(())
    }

    pub async fn change_flag(flag_id: i64, level: String) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        policy::may_see_flags(&actor)?;
        let db = db()?;
        let flag = repo::flag(&db, flag_id).await?.ok_or(AppError::NotFound)?;
        let agency = Agency::stored(&flag.agency)?;
        policy::may_act_for_agency(&actor, agency)?;
        let from = FlagLevel::stored(&flag.level)?;
        let to = FlagLevel::parse(level.trim())
            .ok_or_else(|| AppError::invalid("level", "choice_invalid"))?;
        if !from.can_transition_to(to) {
            return Err(AppError::invalid("level", "transition_not_allowed"));
        }
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !repo::set_flag_level(&mut tx, flag.id, from.as_str(), to.as_str()).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        record(
            &mut *tx,
            &Change::new("partner_flag", flag.id, "partners.flag_changed")
                .by(me.user_id)
                .from_state(Some(from.as_str()))
                .to_state(Some(to.as_str())),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/partners/{}?saved=flag", flag.organisation_id));
        Ok(())
    }

    pub async fn dashboard() -> Result<DashboardView, AppError> {
        use crate::partners::domain::dashboard::{
            CompletenessBand, band, chart_months, month_index,
        };
        use crate::partners::domain::psea::Rating;
        let (_, actor) = actor().await?;
        policy::may_search_partners(&actor)?;
        let now = crate::ssr::db::now_millis();
        let months = chart_months(now);
        let numbers: Vec<i64> = months.iter().map(|(_, a, _)| month_index(*a)).collect();
        let c = repo::dashboard(&db()?, &numbers).await?;
        let total: i64 = c.completeness.iter().map(|(_, n)| n).sum();
        let completeness = CompletenessBand::ALL
            .iter()
            .map(|b| {
                let n = c
                    .completeness
                    .iter()
                    .filter(|(p, _)| band(*p) == *b)
                    .map(|(_, n)| n)
                    .sum();
                (*b, n)
            })
            .collect();
        let verification = |v: Option<i64>| {
            c.verification
                .iter()
                .filter(|(x, _)| *x == v)
                .map(|(_, n)| n)
                .sum::<i64>()
        };
        let psea: Vec<(Rating, i64)> = Rating::ALL
            .iter()
            .map(|r| {
                let n = c
                    .psea
                    .iter()
                    .filter(|(x, _)| x == r.as_str())
                    .map(|(_, n)| n)
                    .sum();
                (*r, n)
            })
            .collect();
        let rated: i64 = psea.iter().map(|(_, n)| n).sum();
        Ok(DashboardView {
            total,
            completeness,
            verified: verification(Some(1)),
            not_verified: verification(Some(0)),
            never_verified: verification(None),
            psea,
            psea_none: (total - rated).max(0),
            monthly: months
                .into_iter()
                .zip(c.created)
                .map(|((label, ..), n)| (label, u32::try_from(n).unwrap_or(u32::MAX)))
                .collect(),
        })
    }

    /// Whether `actor` may search, and the agency whose codes the search shows: the one asked
    /// if it is theirs, else their first.
    pub fn search_agency(actor: &crate::actor::Actor, asked: &str) -> Result<Agency, AppError> {
        policy::may_search_partners(actor)?;
        let mine = policy::agencies_of(actor);
        Agency::parse(asked.trim())
            .filter(|a| mine.contains(a))
            .or_else(|| mine.first().copied())
            .ok_or(AppError::Forbidden)
    }

    pub async fn search(
        filter: crate::partners::domain::search::SearchFilter,
        agency: String,
        page: Option<i64>,
    ) -> Result<SearchPage, AppError> {
        use crate::partners::domain::search::PAGE_SIZE;
        let (_, actor) = actor().await?;
        let agency = search_agency(&actor, &agency)?;
        let paging = crate::ui::pager::Paging::new(page, PAGE_SIZE);
        let (rows, total) = repo::search(
            &db()?,
            &filter,
            agency.as_str(),
            paging.size,
            paging.offset(),
        )
        .await?;
        let items = rows
            .into_iter()
            .map(|r| {
                Ok(SearchItem {
                    kind: OrganisationKind::stored(&r.kind)?,
                    id: r.id,
                    legal_name: r.legal_name,
                    acronym: r.acronym,
                    country: r.country,
                    completeness: r.completeness.clamp(0, 100) as u8,
                    verified: r.verified.map(|v| v == 1),
                    code: r.code,
                    leadership: crate::partners::domain::search::LEADERSHIP
                        .iter()
                        .filter(|l| r.leadership.split(',').any(|x| x == **l))
                        .map(|l| l.to_string())
                        .collect(),
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(SearchPage {
            items,
            total,
            page: paging.page,
            pages: paging.pages(total),
            agency,
        })
    }

    pub async fn link_code(
        organisation_id: i64,
        agency: String,
        code: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let agency =
            Agency::parse(&agency).ok_or_else(|| AppError::invalid("agency", "choice_invalid"))?;
        policy::may_act_for_agency(&actor, agency)?;
        let db = db()?;
        let org = partner_organisation(&db, organisation_id).await?;
        let code = crate::partners::domain::agencies::parse_partner_code(&code)
            .map_err(|c| AppError::invalid("code", c))?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        match repo::profile_of_code(&mut *tx, agency.as_str(), &code).await? {
            Some(other) if other != org.id => {
                return Err(AppError::invalid("code", "partner_code_taken"));
            }
            Some(_) => return Ok(()),
            None => {}
        }
        let previous = repo::link_code(&mut tx, agency.as_str(), &code, org.id, me.user_id).await?;
        let to = format!("{} {code}", agency.scope());
        let from = previous.map(|p| format!("{} {p}", agency.scope()));
        record(
            &mut *tx,
            &Change::new("organisation", org.id, "partners.partner_code_linked")
                .by(me.user_id)
                .from_state(from.as_deref())
                .to_state(Some(&to)),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/partners/{}?saved=code", org.id));
        Ok(())
    }

    /// Reads the form's `agency` and `file` (at most `MAX_BYTES`), checks every row, then
    /// applies them all in one transaction.
    pub async fn import(data: leptos::server_fn::codec::MultipartData) -> Result<usize, AppError> {
        let (me, actor) = actor().await?;
        let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
        let mut agency: Option<String> = None;
        let mut bytes: Vec<u8> = vec![];
        let mut too_large = false;
        loop {
            let mut field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => {
                    tracing::info!(error = %e, "malformed spending upload");
                    return Err(AppError::invalid("file", "not_csv"));
                }
            };
            match field.name().unwrap_or_default() {
                "agency" => agency = Some(field.text().await.unwrap_or_default()),
                "file" => loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            if bytes.len() + chunk.len() > MAX_BYTES {
                                too_large = true;
                            } else if !too_large {
                                bytes.extend_from_slice(&chunk);
                            }
                        }
                        Ok(None) => break,
                        Err(_) => return Err(AppError::invalid("file", "not_csv")),
                    }
                },
                _ => {}
            }
        }
        let agency = agency
            .as_deref()
            .and_then(|a| Agency::parse(a.trim()))
            .ok_or_else(|| AppError::invalid("agency", "choice_invalid"))?;
        policy::may_act_for_agency(&actor, agency)?;
        if too_large {
            return Err(AppError::invalid("file", "spending_file_too_large"));
        }
        if bytes.is_empty() {
            return Err(AppError::invalid("file", "file_required"));
        }
        let db = db()?;
        let known = repo::codes_of_agency(&db, agency.as_str()).await?;
        let this_year = crate::ssr::db::today().year();
        let rows = match parse_import(&bytes, |c| known.contains(c), this_year) {
            Ok(rows) => rows,
            Err(errors) => {
                return Err(AppError::Invalid(
                    errors
                        .iter()
                        .take(REPORTED_LINES)
                        .map(|e| crate::error::FieldError::new(&line_field(e), &e.code))
                        .collect(),
                ));
            }
        };
        let mut tx = crate::ssr::db::begin(&db).await?;
        repo::import_spending(&mut tx, agency.as_str(), &rows, me.user_id).await?;
        let summary = format!("{} {}", agency.scope(), rows.len());
        record(
            &mut *tx,
            &Change::new("user", me.user_id, "partners.spending_imported")
                .by(me.user_id)
                .to_state(Some(&summary)),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/agency?rows={}", rows.len()));
        Ok(rows.len())
    }
}
