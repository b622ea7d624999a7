//! Server functions of an organisation's designations (issue #5) at a duty station: its page, the
//! designation form (save a draft, submit — quotas enforced in the transaction —, copy), withdraw.
#![allow(clippy::too_many_arguments)]
use crate::AppError;
use crate::audit::AuditEvent;
use crate::fields::Fields;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A designation as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignationSummary {
    pub id: i64,
    pub representative_type: crate::accreditation::domain::RepresentativeType,
    pub pass_kind: crate::accreditation::domain::PassKind,
    pub status: crate::accreditation::domain::DesignationStatus,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub year: i64,
    pub valid_from: String,
    pub valid_until: String,
    pub reason: Option<String>,
    pub may_copy: bool,
    pub may_withdraw: bool,
    /// Its badge is valid (approved, within its validity): it can be printed.
    pub badge: bool,
}

/// One quota at the station this year: how many seats are used, of how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaUse {
    pub representative_type: crate::accreditation::domain::RepresentativeType,
    pub used: u32,
    pub limit: u32,
}

/// An organisation's page at one duty station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationView {
    pub organisation_id: i64,
    pub organisation: String,
    pub duty_station: String,
    pub year: i32,
    pub has_consultative_status: bool,
    pub can_designate: bool,
    pub quotas: Vec<QuotaUse>,
    pub active: Vec<DesignationSummary>,
    pub drafts: Vec<DesignationSummary>,
    pub inactive: Vec<DesignationSummary>,
}

/// What the designation form opens with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignationFormState {
    pub organisation_id: i64,
    pub organisation: String,
    pub duty_station: String,
    /// The draft edited, if any.
    pub designation_id: Option<i64>,
    pub version: i64,
    pub fields: Fields,
    /// The draft's photo (an upload id), if one was sent.
    pub photo: Option<i64>,
    /// The active designations at this station this year (named when a quota is full).
    pub active: Vec<DesignationSummary>,
    pub viewer_id: i64,
    pub history: Vec<AuditEvent>,
    /// The viewer writes as a holder of accreditation rights: temporary passes only.
    pub rights_holder: bool,
}

#[server(endpoint = "accreditation/station")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn station_page(
    organisation_id: i64,
    duty_station: String,
) -> Result<StationView, AppError> {
    crate::ssr::respond(server::station(organisation_id, duty_station).await)
}

/// The designation form: a draft to continue (`designation_id`), a copy of an inactive
/// designation (`copy_of`), or a new one (the holder at another station proposed for the
/// President/Chief executive and the Administrative director: `representative_type`).
#[server(endpoint = "accreditation/form")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn open_designation_form(
    organisation_id: i64,
    duty_station: String,
    #[server(default)] designation_id: Option<i64>,
    #[server(default)] copy_of: Option<i64>,
    #[server(default)] representative_type: Option<String>,
) -> Result<DesignationFormState, AppError> {
    crate::ssr::respond(
        server::form(
            organisation_id,
            duty_station,
            designation_id,
            copy_of,
            representative_type,
        )
        .await,
    )
}

/// Saves the designation form as a draft, or submits it (`submit` = `1`): quotas and the
/// same-person rule are checked in the transaction that submits.
#[server(endpoint = "accreditation/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_designation(
    organisation_id: i64,
    #[server(default)] designation_id: Option<i64>,
    #[server(default)] submit: Option<String>,
    #[server(default)] version: Option<i64>,
    #[server(default)] draft_key: String,
    #[server(default)] duty_station: String,
    #[server(default)] pass_kind: String,
    #[server(default)] representative_type: String,
    #[server(default)] accreditation_rights: String,
    #[server(default)] valid_from: String,
    #[server(default)] valid_until: String,
    #[server(default)] communication_preference: String,
    #[server(default)] title: String,
    #[server(default)] first_name: String,
    #[server(default)] middle_initial: String,
    #[server(default)] last_name: String,
    #[server(default)] address_street: String,
    #[server(default)] address_city: String,
    #[server(default)] address_postcode: String,
    #[server(default)] country: String,
    #[server(default)] phone: String,
    #[server(default)] fax: String,
    #[server(default)] email: String,
    #[server(default)] place_of_birth: String,
    #[server(default)] nationality: String,
    #[server(default)] date_of_birth: String,
    #[server(default)] hair_colour: String,
    #[server(default)] eye_colour: String,
    #[server(default)] height_cm: String,
    #[server(default)] weight_kg: String,
    #[server(default)] sex: String,
    #[server(default)] position: String,
    #[server(default)] department: String,
) -> Result<i64, AppError> {
    let fields = Fields::from(
        [
            ("duty_station", duty_station),
            ("pass_kind", pass_kind),
            ("representative_type", representative_type),
            ("accreditation_rights", accreditation_rights),
            ("valid_from", valid_from),
            ("valid_until", valid_until),
            ("communication_preference", communication_preference),
            ("title", title),
            ("first_name", first_name),
            ("middle_initial", middle_initial),
            ("last_name", last_name),
            ("address_street", address_street),
            ("address_city", address_city),
            ("address_postcode", address_postcode),
            ("country", country),
            ("phone", phone),
            ("fax", fax),
            ("email", email),
            ("place_of_birth", place_of_birth),
            ("nationality", nationality),
            ("date_of_birth", date_of_birth),
            ("hair_colour", hair_colour),
            ("eye_colour", eye_colour),
            ("height_cm", height_cm),
            ("weight_kg", weight_kg),
            ("sex", sex),
            ("position", position),
            ("department", department),
        ]
        .map(|(k, v)| (k.to_string(), v)),
    );
    let submit = submit.is_some_and(|s| !s.is_empty());
    crate::ssr::respond(
        server::save(
            organisation_id,
            designation_id,
            submit,
            version,
            &draft_key,
            fields,
        )
        .await,
    )
}

#[server(endpoint = "accreditation/withdraw")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn withdraw_designation(designation_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(server::withdraw(designation_id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::accreditation::changes::*;
    use crate::accreditation::domain::{
        self as rules, DesignationAction, DesignationForm, DesignationStatus, DutyStation,
        ExistingDesignation, PassKind, RepresentativeType,
    };
    use crate::accreditation::repo::{self, DesignationRow};
    use crate::accreditation::rights::{Designator, designator};
    use crate::actor::server::actor;
    use crate::audit::repo::record;

    use crate::ssr::{db, redirect};

    use chrono::Datelike;

    pub fn summary(r: &DesignationRow, this_year: i32) -> Result<DesignationSummary, AppError> {
        let status = DesignationStatus::stored(&r.status)?;
        Ok(DesignationSummary {
            id: r.id,
            representative_type: RepresentativeType::stored(&r.representative_type)?,
            pass_kind: PassKind::stored(&r.pass_kind)?,
            status,
            title: r.title.clone(),
            first_name: r.first_name.clone(),
            last_name: r.last_name.clone(),
            year: r.year,
            valid_from: r.valid_from.clone(),
            valid_until: r.valid_until.clone(),
            reason: r.reason.clone(),
            may_copy: rules::is_inactive_representative(status, r.year as i32, this_year),
            may_withdraw: rules::transition(status, DesignationAction::Withdraw).is_ok(),
            badge: chrono::NaiveDate::parse_from_str(&r.valid_until, "%Y-%m-%d").is_ok_and(
                |until| {
                    rules::badge_state(status, until, crate::ssr::db::today())
                        == rules::BadgeState::Valid
                },
            ),
        })
    }

    pub fn existing(rows: &[DesignationRow]) -> Vec<ExistingDesignation> {
        rows.iter().filter_map(DesignationRow::existing).collect()
    }

    pub async fn station(
        organisation_id: i64,
        duty_station: String,
    ) -> Result<StationView, AppError> {
        let (me, actor) = actor().await?;
        let (org, role) = load_org(organisation_id, me.user_id).await?;
        crate::accreditation::policy::may_read_designations(&actor, role)?;
        let station = station_of(&duty_station)?;
        let this_year = crate::ssr::db::today().year();
        let rows: Vec<DesignationRow> = repo::of_organisation(&db()?, org.id)
            .await?
            .into_iter()
            .filter(|r| r.duty_station == station.as_str())
            .collect();
        let all = existing(&rows);
        let quotas = RepresentativeType::ALL
            .iter()
            .filter_map(|t| {
                let limit = rules::quota_of(*t, PassKind::Annual)?;
                let used = match rules::check_quota(*t, PassKind::Annual, station, this_year, &all)
                {
                    Ok(()) => all
                        .iter()
                        .filter(|d| {
                            d.representative_type == *t
                                && d.pass_kind == PassKind::Annual
                                && d.year == this_year
                                && rules::is_active(d.status)
                        })
                        .count() as u32,
                    Err(full) => full.used_by.len() as u32,
                };
                Some(QuotaUse {
                    representative_type: *t,
                    used,
                    limit,
                })
            })
            .collect();
        let mut page = StationView {
            organisation_id: org.id,
            organisation: org.legal_name.clone(),
            duty_station: station.as_str().to_string(),
            year: this_year,
            has_consultative_status: org.consultative_status.is_some(),
            can_designate: crate::accreditation::policy::may_designate(role).is_ok(),
            quotas,
            active: vec![],
            drafts: vec![],
            inactive: vec![],
        };
        for r in &rows {
            let s = summary(r, this_year)?;
            match r.status() {
                Some(DesignationStatus::Draft) => page.drafts.push(s),
                _ if s.may_copy => page.inactive.push(s),
                _ => page.active.push(s),
            }
        }
        Ok(page)
    }

    pub async fn form(
        organisation_id: i64,
        duty_station: String,
        designation_id: Option<i64>,
        copy_of: Option<i64>,
        representative_type: Option<String>,
    ) -> Result<DesignationFormState, AppError> {
        let (me, _) = actor().await?;
        let (org, role) = load_org(organisation_id, me.user_id).await?;
        let station = station_of(&duty_station)?;
        let db = db()?;
        let who = designator(&db, me.user_id, org.id, role, station).await?;
        let today = crate::ssr::db::today();
        // A rights holder sees only the temporary passes they requested.
        let rows: Vec<DesignationRow> = repo::of_organisation(&db, org.id)
            .await?
            .into_iter()
            .filter(|r| who.may_touch(r, me.user_id).is_ok())
            .collect();
        let mine = |id: i64| rows.iter().find(|r| r.id == id).ok_or(AppError::NotFound);
        let photo = designation_id
            .and_then(|id| rows.iter().find(|r| r.id == id))
            .and_then(|r| r.photo_upload_id);
        let (designation_id, version, fields, history) = if let Some(id) = designation_id {
            let r = mine(id)?;
            if r.status() != Some(DesignationStatus::Draft) {
                return Err(AppError::invalid("_", "transition_not_allowed"));
            }
            let history = crate::audit::repo::history(&db, "designation", r.id).await?;
            (Some(r.id), r.version, r.form_fields(), history)
        } else if let Some(id) = copy_of {
            let r = mine(id)?;
            let status = r.status().ok_or(AppError::Internal)?;
            let source = DesignationForm::parse(&r.form_fields(), today)
                .or_else(|_| lenient(&r.form_fields(), today))?;
            let fields = rules::copy_of(&source, status, today)
                .map_err(|_| AppError::invalid("_", "copy_not_allowed"))?;
            (None, 0, fields, vec![])
        } else {
            let mut fields = Fields::new();
            let (from, until) = rules::default_validity(today);
            let rep = representative_type
                .as_deref()
                .and_then(RepresentativeType::parse);
            if let Some(rep) = rep {
                // The holder of the role at another station is proposed.
                if let Some(held) =
                    rules::proposed_person(rep, today.year(), station, &existing(&rows))
                    && let Some(r) = rows.iter().find(|r| r.id == held.id)
                    && let Ok(source) = lenient(&r.form_fields(), today)
                {
                    fields = rules::prefill_from(&source, station, today);
                }
                fields.insert("representative_type".into(), rep.as_str().into());
            }
            let pass = match who {
                Designator::RightsHolder => PassKind::Temporary.as_str().to_string(),
                Designator::Member => fields
                    .get("pass_kind")
                    .cloned()
                    .unwrap_or_else(|| "annual".into()),
            };
            for (k, v) in [
                ("duty_station", station.as_str().to_string()),
                ("pass_kind", pass),
                ("valid_from", from.to_string()),
                ("valid_until", until.to_string()),
                ("contact_type", rules::CONTACT_TYPE.to_string()),
            ] {
                fields.insert(k.to_string(), v);
            }
            (None, 0, fields, vec![])
        };
        let this_year = today.year();
        let active = rows
            .iter()
            .filter(|r| r.duty_station == station.as_str() && r.year as i32 == this_year)
            .filter(|r| r.status().is_some_and(rules::is_active))
            .map(|r| summary(r, this_year))
            .collect::<Result<_, _>>()?;
        Ok(DesignationFormState {
            organisation_id: org.id,
            organisation: org.legal_name,
            duty_station: station.as_str().to_string(),
            designation_id,
            version,
            fields,
            photo,
            active,
            viewer_id: me.user_id,
            history,
            rights_holder: who == Designator::RightsHolder,
        })
    }

    /// A saved form read back for a copy: its dates may belong to a past year, which the form's
    /// validator refuses today; the copy resets them anyway.
    pub fn lenient(fields: &Fields, today: chrono::NaiveDate) -> Result<DesignationForm, AppError> {
        let mut f = fields.clone();
        let (from, until) = rules::default_validity(today);
        f.insert("valid_from".into(), from.to_string());
        f.insert("valid_until".into(), until.to_string());
        DesignationForm::parse(&f, today).map_err(|_| AppError::Internal)
    }

    pub async fn save(
        organisation_id: i64,
        designation_id: Option<i64>,
        submit: bool,
        version: Option<i64>,
        draft_key: &str,
        mut fields: Fields,
    ) -> Result<i64, AppError> {
        let (me, _) = actor().await?;
        let (org, role) = load_org(organisation_id, me.user_id).await?;
        let db = db()?;
        // Who may write here depends on the station the form names (a rights holder's station).
        let station = DutyStation::parse(fields.get("duty_station").map_or("", |s| s.as_str()));
        let who = match station {
            Some(station) => designator(&db, me.user_id, org.id, role, station).await?,
            None => {
                crate::accreditation::policy::may_designate(role)?;
                Designator::Member
            }
        };
        rules::may_apply(org.consultative_status.as_deref())
            .map_err(|e| AppError::Invalid(vec![e]))?;
        fields.insert("contact_type".into(), rules::CONTACT_TYPE.into());
        let today = crate::ssr::db::today();
        let form = DesignationForm::parse(&fields, today).map_err(AppError::Invalid)?;
        who.may_request(form.pass_kind)?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        if submit {
            crate::organisations::repo::lock(&mut *tx, org.id).await?;
        }
        let id = match designation_id {
            Some(id) => {
                let r = repo::designation(&mut *tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                if r.organisation_id != org.id {
                    return Err(AppError::NotFound);
                }
                who.may_touch(&r, me.user_id)?;
                let status = r.status().ok_or(AppError::Internal)?;
                rules::transition(status, DesignationAction::Edit)
                    .map_err(|e| AppError::Invalid(vec![e.field_error()]))?;
                if version.is_some_and(|v| v != r.version) {
                    return Err(AppError::invalid("_", "record_changed"));
                }
                // The version is checked again by the update itself: of simultaneous saves
                // from one version exactly one is written.
                if !repo::update_draft(&mut *tx, id, &form, version).await? {
                    return Err(AppError::invalid("_", "record_changed"));
                }
                record(
                    &mut *tx,
                    &change(
                        me.user_id,
                        id,
                        "accreditation.designation_edited",
                        "draft",
                        "draft",
                        None,
                    ),
                )
                .await?;
                id
            }
            None => {
                let id = repo::insert_draft(&mut *tx, org.id, &form, me.user_id).await?;
                record(
                    &mut *tx,
                    &change(
                        me.user_id,
                        id,
                        "accreditation.designation_created",
                        "draft",
                        "draft",
                        None,
                    ),
                )
                .await?;
                id
            }
        };
        // Only the draft of the form this came from goes: another new form open in another tab
        // keeps its server copy.
        let key = match designation_id {
            Some(id) => Some(crate::accreditation::draft_key(org.id, "", Some(id), "")),
            None => crate::accreditation::new_form_draft_key(
                org.id,
                form.duty_station.as_str(),
                draft_key,
            ),
        };
        if let Some(key) = key {
            crate::drafts::repo::discard(
                &mut *tx,
                me.user_id,
                crate::accreditation::designations::drafts::DESIGNATION.code(),
                &key,
            )
            .await?;
        }
        if submit {
            let rows = repo::of_organisation(&mut *tx, org.id).await?;
            let others: Vec<ExistingDesignation> =
                existing(&rows).into_iter().filter(|d| d.id != id).collect();
            let year = form.year();
            let mut errors = vec![];
            if let Err(e) = rules::check_same_person_across_stations(
                form.representative_type,
                year,
                &form.person(),
                &others,
            ) {
                errors.push(e.field_error());
            }
            if let Err(full) = rules::check_quota(
                form.representative_type,
                form.pass_kind,
                form.duty_station,
                year,
                &others,
            ) {
                errors.push(full.field_error());
            }
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
            let seat = match rules::quota_of(form.representative_type, form.pass_kind) {
                None => None,
                Some(limit) => {
                    let taken: Vec<i64> = rows
                        .iter()
                        .filter(|r| {
                            r.id != id
                                && r.duty_station == form.duty_station.as_str()
                                && r.year as i32 == year
                                && r.representative_type == form.representative_type.as_str()
                        })
                        .filter_map(|r| r.seat)
                        .collect();
                    Some(
                        (1..=i64::from(limit))
                            .find(|s| !taken.contains(s))
                            .ok_or_else(|| {
                                AppError::invalid(
                                    "representative_type",
                                    &format!("quota_full_{}", form.representative_type.as_str()),
                                )
                            })?,
                    )
                }
            };
            let to = rules::transition(DesignationStatus::Draft, DesignationAction::Submit)
                .map_err(|e| AppError::Invalid(vec![e.field_error()]))?;
            if !repo::change_status(
                &mut *tx,
                id,
                DesignationStatus::Draft,
                to,
                seat,
                me.user_id,
                None,
            )
            .await?
            {
                return Err(AppError::invalid("_", "transition_not_allowed"));
            }
            record(
                &mut *tx,
                &change(
                    me.user_id,
                    id,
                    "accreditation.designation_submitted",
                    "draft",
                    to.as_str(),
                    None,
                ),
            )
            .await?;
            let r = repo::designation(&mut *tx, id)
                .await?
                .ok_or(AppError::Internal)?;
            tell(&mut tx, &r, &org.legal_name, to, None).await?;
        }
        tx.commit().await?;
        let saved = if submit { "submitted" } else { "draft" };
        redirect(&match who {
            Designator::Member => format!(
                "/accreditation/{}/{}?saved={saved}",
                org.id,
                form.duty_station.as_str(),
            ),
            Designator::RightsHolder => format!("/accreditation/rights?saved={saved}"),
        });
        Ok(id)
    }

    pub async fn withdraw(designation_id: i64) -> Result<(), AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let r = repo::designation(&db, designation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (org, role) = load_org(r.organisation_id, me.user_id).await?;
        let station = station_of(&r.duty_station)?;
        designator(&db, me.user_id, org.id, role, station)
            .await?
            .may_touch(&r, me.user_id)?;
        let from = r.status().ok_or(AppError::Internal)?;
        let to = rules::transition(from, DesignationAction::Withdraw)
            .map_err(|e| AppError::Invalid(vec![e.field_error()]))?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !repo::change_status(&mut *tx, r.id, from, to, None, me.user_id, None).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        record(
            &mut *tx,
            &change(
                me.user_id,
                r.id,
                "accreditation.designation_withdrawn",
                from.as_str(),
                to.as_str(),
                None,
            ),
        )
        .await?;
        tell(&mut tx, &r, &org.legal_name, to, None).await?;
        tx.commit().await?;
        redirect(&format!(
            "/accreditation/{}/{}?saved=withdrawn",
            org.id, r.duty_station
        ));
        Ok(())
    }
}
