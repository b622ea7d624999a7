//! Server functions of partner profiles: the profile with its completeness and spending, a
//! section's save, an agency's partner code, the spending import. Each loads the caller's role
//! in the organisation from the record (never from the client) and asks `partners::policy`.
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub kind: crate::organisations::kinds::OrganisationKind,
    /// The headquarters of a country office.
    pub parent: Option<(i64, String)>,
    pub answers: Answers,
    pub completeness: Completeness,
    pub version: i64,
    /// Files answering the file fields, by id.
    pub files: Vec<ProfileFile>,
    pub can_edit: bool,
    /// Who is looking (their drafts are theirs).
    pub viewer_id: i64,
    /// Agencies with a code or spending for the profile, then the viewer's own agencies.
    pub agencies: Vec<AgencyView>,
    /// The agencies the viewer links codes for.
    pub my_agencies: Vec<Agency>,
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
    use crate::partners::{policy, repo};
    use crate::ssr::{db, redirect};
    use chrono::Datelike;

    pub async fn profile(organisation_id: i64) -> Result<ProfileView, AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let org = organisations::organisation(&db, organisation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let kind = OrganisationKind::stored(&org.kind)?;
        let role = organisations::role_of(&db, org.id, me.user_id).await?;
        policy::may_read_profile(&actor, role)?;
        if !kind.is_civil_society() {
            return Err(AppError::NotFound);
        }
        let answers = repo::answers(&db, org.id).await?;
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
        Ok(ProfileView {
            id: org.id,
            completeness: profile::completeness(&answers),
            version: repo::version(&db, org.id).await?,
            can_edit: policy::may_edit_profile(&actor, role).is_ok(),
            viewer_id: me.user_id,
            parent: org.parent_id.zip(org.parent_name),
            legal_name: org.legal_name,
            acronym: org.acronym,
            country: org.country,
            kind,
            answers,
            files,
            agencies,
            my_agencies,
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
        let org = organisations::organisation(&db, organisation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = organisations::role_of(&db, org.id, me.user_id).await?;
        policy::may_edit_profile(&actor, role)?;
        if !OrganisationKind::stored(&org.kind)?.is_civil_society() {
            return Err(AppError::NotFound);
        }
        let answers = profile::parse_section(section, &fields, crate::ssr::db::today())
            .map_err(AppError::Invalid)?;
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
        let mut tx = crate::ssr::db::begin(&db).await?;
        let mut all = repo::answers(&mut *tx, org.id).await?;
        all.retain(|name, _| profile::spec(name).is_some_and(|f| f.section != section));
        all.extend(answers.clone());
        let completeness = profile::completeness(&all);
        if !repo::bump_version(&mut tx, org.id, version, completeness.percent).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        repo::replace_section(&mut tx, org.id, section, &answers).await?;
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
        let org = organisations::organisation(&db, organisation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !OrganisationKind::stored(&org.kind)?.is_civil_society() {
            return Err(AppError::NotFound);
        }
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
