//! Server copies of drafts: load (with the three-way merge when the record changed since the
//! draft began), save, discard. A draft belongs to its person; the record must be one they may edit.
use super::domain::{Fields, Merge};
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub fields: Fields,
    /// The record's fields when the draft began.
    pub base: Fields,
    pub base_version: i64,
    pub saved_at: i64,
    /// Present when the record changed on the server since the draft began: what merges
    /// cleanly, and the fields the person must choose.
    pub merge: Option<Merge>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftState {
    /// The record as it is on the server now, and its version.
    pub record: Fields,
    pub record_version: i64,
    pub draft: Option<DraftView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSaved {
    pub saved_at: i64,
    pub record_version: i64,
}

#[server(endpoint = "drafts/load")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_draft(
    form: String,
    #[server(default)] record_key: String,
) -> Result<DraftState, AppError> {
    crate::ssr::respond(server::load(form, record_key).await)
}

#[server(endpoint = "drafts/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_draft(
    form: String,
    #[server(default)] record_key: String,
    fields: String,
    base: String,
    base_version: i64,
) -> Result<DraftSaved, AppError> {
    crate::ssr::respond(server::save(form, record_key, fields, base, base_version).await)
}

#[server(endpoint = "drafts/discard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn discard_draft(
    form: String,
    #[server(default)] record_key: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::discard(form, record_key).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::accounts::actor::actor;
    use crate::accounts::policy;
    use crate::drafts::domain::{DraftForm, check_fields, merge};
    use crate::drafts::repo;
    use crate::ssr::db;

    fn form_of(code: &str) -> Result<DraftForm, AppError> {
        DraftForm::from_code(code.trim()).ok_or_else(|| AppError::invalid("form", "form_unknown"))
    }

    /// The record a form edits, as fields, with its version — once the caller may edit it.
    pub async fn record_state(
        form: DraftForm,
        record_key: &str,
        user_id: i64,
        actor: &policy::Actor,
    ) -> Result<(Fields, i64), AppError> {
        let db = db()?;
        let s = |v: &str| v.to_string();
        match form {
            DraftForm::MyDetails => {
                if !record_key.is_empty() {
                    return Err(AppError::Forbidden);
                }
                let p = crate::accounts::repo::person(&db, user_id)
                    .await?
                    .ok_or(AppError::Unauthenticated)?;
                let version = crate::accounts::repo::version_of_user(&db, user_id).await?;
                let fields = Fields::from([
                    (s("username"), p.username),
                    (s("display_name"), p.display_name),
                    (s("first_name"), p.first_name),
                    (s("last_name"), p.last_name),
                    (s("locale"), p.locale),
                    (
                        s("newsletter"),
                        if p.newsletter == 1 {
                            s("on")
                        } else {
                            String::new()
                        },
                    ),
                ]);
                Ok((fields, version))
            }
            DraftForm::OrganisationProfile => {
                let id: i64 = record_key.trim().parse().map_err(|_| AppError::NotFound)?;
                let org = crate::organisations::repo::organisation(&db, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let role = crate::organisations::repo::role_of(&db, id, user_id).await?;
                policy::may_edit_organisation(actor, role)?;
                let version = crate::organisations::repo::version_of(&db, id).await?;
                let fields = crate::organisations::repo::profile_fields(&db, org.id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                Ok((fields, version))
            }
            DraftForm::Designation => {
                // `d{id}`: a draft designation; `o{organisation}-{station}-{variant}`: a new one.
                let key = record_key.trim();
                if let Some(id) = key.strip_prefix('d') {
                    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
                    let d = crate::accreditation::repo::designation(&db, id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    let role = crate::organisations::repo::role_of(&db, d.organisation_id, user_id)
                        .await?;
                    let station = crate::accreditation::domain::DutyStation::parse(&d.duty_station)
                        .ok_or(AppError::NotFound)?;
                    crate::accreditation::rights::designator(
                        &db,
                        user_id,
                        d.organisation_id,
                        role,
                        station,
                    )
                    .await?
                    .may_touch(&d, user_id)?;
                    Ok((d.form_fields(), d.version))
                } else {
                    let mut parts = key.strip_prefix('o').unwrap_or("").splitn(3, '-');
                    let (Some(org), Some(station), Some(variant)) =
                        (parts.next(), parts.next(), parts.next())
                    else {
                        return Err(AppError::NotFound);
                    };
                    if variant.is_empty() || variant.len() > 40 {
                        return Err(AppError::NotFound);
                    }
                    let org: i64 = org.parse().map_err(|_| AppError::NotFound)?;
                    let station = crate::accreditation::domain::DutyStation::parse(station)
                        .ok_or(AppError::NotFound)?;
                    crate::organisations::repo::organisation(&db, org)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    let role = crate::organisations::repo::role_of(&db, org, user_id).await?;
                    crate::accreditation::rights::designator(&db, user_id, org, role, station)
                        .await?;
                    Ok((Fields::new(), 0))
                }
            }
        }
    }

    fn parse_fields(field: &str, json: &str) -> Result<Fields, AppError> {
        if json.len() > crate::drafts::domain::MAX_DRAFT_BYTES {
            return Err(AppError::invalid(field, "draft_too_large"));
        }
        let fields: Fields =
            serde_json::from_str(json).map_err(|_| AppError::invalid(field, "draft_malformed"))?;
        check_fields(&fields).map_err(|e| AppError::invalid(field, e.code()))?;
        Ok(fields)
    }

    pub async fn load(form: String, record_key: String) -> Result<DraftState, AppError> {
        let (me, actor) = actor().await?;
        let form = form_of(&form)?;
        let (record, record_version) = record_state(form, &record_key, me.user_id, &actor).await?;
        let draft = repo::load(&db()?, me.user_id, form.code(), record_key.trim())
            .await?
            .map(|d| DraftView {
                merge: (d.base_version != record_version)
                    .then(|| merge(&d.base_fields, &d.fields, &record)),
                fields: d.fields,
                base: d.base_fields,
                base_version: d.base_version,
                saved_at: d.updated_at,
            });
        Ok(DraftState {
            record,
            record_version,
            draft,
        })
    }

    pub async fn save(
        form: String,
        record_key: String,
        fields: String,
        base: String,
        base_version: i64,
    ) -> Result<DraftSaved, AppError> {
        let (me, actor) = actor().await?;
        let form = form_of(&form)?;
        let (_, record_version) = record_state(form, &record_key, me.user_id, &actor).await?;
        let fields = parse_fields("fields", &fields)?;
        let base = parse_fields("base", &base)?;
        let saved_at = repo::save(
            &db()?,
            me.user_id,
            form.code(),
            record_key.trim(),
            &fields,
            &base,
            base_version,
        )
        .await?;
        Ok(DraftSaved {
            saved_at,
            record_version,
        })
    }

    pub async fn discard(form: String, record_key: String) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let form = form_of(&form)?;
        record_state(form, &record_key, me.user_id, &actor).await?;
        repo::discard(&db()?, me.user_id, form.code(), record_key.trim()).await?;
        Ok(())
    }
}
