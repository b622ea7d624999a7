//! Server copies of drafts: load (with the three-way merge when the record changed since the
//! draft began), save, discard. A draft belongs to its person; the record must be one they may edit.
use super::domain::Merge;
use crate::AppError;
use crate::fields::Fields;
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
    use crate::actor::server::actor;
    use crate::drafts::domain::{check_fields, merge};
    use crate::drafts::registry::{self, DraftSource};
    use crate::drafts::repo;
    use crate::ssr::db;

    fn source_of(code: &str) -> Result<&'static DraftSource, AppError> {
        registry::source(code.trim()).ok_or_else(|| AppError::invalid("form", "form_unknown"))
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
        let source = source_of(&form)?;
        let form = source.form;
        let (record, record_version) = (source.record_state)(record_key.trim(), &actor).await?;
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
        let source = source_of(&form)?;
        let form = source.form;
        let (_, record_version) = (source.record_state)(record_key.trim(), &actor).await?;
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
        let source = source_of(&form)?;
        let form = source.form;
        (source.record_state)(record_key.trim(), &actor).await?;
        repo::discard(&db()?, me.user_id, form.code(), record_key.trim()).await?;
        Ok(())
    }
}
