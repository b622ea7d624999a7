//! Server functions of accreditation (issue #5): an organisation's designations at a duty
//! station, the designation form (save a draft, submit — quotas enforced in the transaction —,
//! withdraw, copy), and the secretariat's queue and decisions, scoped by duty station.
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
    pub representative_type: String,
    pub pass_kind: String,
    pub status: String,
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

pub use crate::accreditation::domain::BadgeCheck;

/// One quota at the station this year: how many seats are used, of how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaUse {
    pub representative_type: String,
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

/// One line of the secretariat's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub duty_station: String,
    pub year: i64,
    pub pass_kind: String,
    pub representative_type: String,
    pub status: String,
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

/// The organisation withdraws a submitted or approved designation.
/// The public verification of a scanned badge (`/verify/{code}`).
#[server(endpoint = "accreditation/verify")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn verify_badge(code: String) -> Result<BadgeCheck, AppError> {
    crate::ssr::respond(
        async { crate::accreditation::badges::verify(&crate::ssr::db()?, &code).await }.await,
    )
}

/// Re-prints a badge: a new serial; the badge printed before stops being valid. Recorded in the
/// designation's history.
#[server(endpoint = "accreditation/reprint")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reprint_badge(designation_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(server::reprint(designation_id).await)
}

#[server(endpoint = "accreditation/withdraw")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn withdraw_designation(designation_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(server::withdraw(designation_id).await)
}

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
    pub status: String,
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
    use crate::accreditation::domain::{
        self as rules, DesignationAction, DesignationForm, DesignationStatus, DutyStation,
        ExistingDesignation, PassKind, RepresentativeType,
    };
    use crate::accreditation::repo::{self, DesignationRow, QueueFilter};
    use crate::accreditation::rights::{Designator, designator};
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::fields::EmailAddress;
    use crate::locale::Language;
    use crate::mail::domain::MailTemplate;
    use crate::mail::queue::enqueue;
    use crate::organisations::domain::MemberRole;
    use crate::organisations::repo::{self as orgs, OrganisationRow};
    use crate::ssr::{db, link, redirect};
    use crate::ui::pager::Paging;
    use chrono::Datelike;

    fn station_of(code: &str) -> Result<DutyStation, AppError> {
        DutyStation::parse(code).ok_or(AppError::NotFound)
    }

    async fn load_org(
        id: i64,
        user_id: i64,
    ) -> Result<(OrganisationRow, Option<MemberRole>), AppError> {
        let db = db()?;
        let org = orgs::organisation(&db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = orgs::role_of(&db, id, user_id).await?;
        Ok((org, role))
    }

    pub fn summary(r: &DesignationRow, this_year: i32) -> DesignationSummary {
        let status = r.status().unwrap_or(DesignationStatus::Draft);
        DesignationSummary {
            id: r.id,
            representative_type: r.representative_type.clone(),
            pass_kind: r.pass_kind.clone(),
            status: r.status.clone(),
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
        }
    }

    fn existing(rows: &[DesignationRow]) -> Vec<ExistingDesignation> {
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
                    representative_type: t.as_str().to_string(),
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
            let s = summary(r, this_year);
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
            .collect();
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
    fn lenient(fields: &Fields, today: chrono::NaiveDate) -> Result<DesignationForm, AppError> {
        let mut f = fields.clone();
        let (from, until) = rules::default_validity(today);
        f.insert("valid_from".into(), from.to_string());
        f.insert("valid_until".into(), until.to_string());
        DesignationForm::parse(&f, today).map_err(|_| AppError::Internal)
    }

    fn change<'a>(
        by: i64,
        id: i64,
        action: &'a str,
        from: &'a str,
        to: &'a str,
        reason: Option<&'a str>,
    ) -> Change<'a> {
        Change::new("designation", id, action)
            .by(by)
            .between(from, to)
            .reason(reason)
    }

    /// Mails the person who designated, and the representative (their address on the form),
    /// that the designation changed state.
    async fn tell(
        conn: &mut sqlx::AnyConnection,
        r: &DesignationRow,
        organisation: &str,
        to: DesignationStatus,
        reason: Option<&str>,
    ) -> Result<(), AppError> {
        let base = link("")?;
        tell_at(conn, r, organisation, to, reason, &base).await
    }

    /// [`tell`] with the public address given (outside a request: the expiry job).
    async fn tell_at(
        conn: &mut sqlx::AnyConnection,
        r: &DesignationRow,
        organisation: &str,
        to: DesignationStatus,
        reason: Option<&str>,
        base_url: &str,
    ) -> Result<(), AppError> {
        let Some(person) = crate::accounts::repo::person(&mut *conn, r.created_by).await? else {
            return Ok(());
        };
        let Ok(address) = EmailAddress::parse(&person.email) else {
            return Ok(());
        };
        let template = MailTemplate::DesignationChanged {
            organisation: organisation.to_string(),
            person: format!("{} {} {}", title_text(&r.title), r.first_name, r.last_name),
            duty_station: r.duty_station.clone(),
            state: to.as_str().to_string(),
            reason: reason.map(str::to_string),
            link: format!(
                "{}/accreditation/{}/{}",
                base_url.trim_end_matches('/'),
                r.organisation_id,
                r.duty_station
            ),
        };
        let locale = Language::from_code(&person.locale);
        enqueue(&mut *conn, &address, locale, &template).await?;
        // The representative too, where the form gives an address (PRODUCT §3).
        if let Some(rep) = r
            .form_fields()
            .get("email")
            .and_then(|e| EmailAddress::parse(e).ok())
            .filter(|rep| !rep.as_str().eq_ignore_ascii_case(address.as_str()))
        {
            enqueue(&mut *conn, &rep, locale, &template).await?;
        }
        Ok(())
    }

    fn title_text(code: &str) -> &'static str {
        if code == "ms" { "Ms" } else { "Mr" }
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
                    &change(me.user_id, id, "designation_edited", "draft", "draft", None),
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
                        "designation_created",
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
                crate::accreditation::drafts::DESIGNATION.code(),
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
                    "designation_submitted",
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

    pub async fn reprint(designation_id: i64) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let r = repo::designation(&db, designation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        crate::accreditation::badges::may_print(&db, &actor, &r, crate::ssr::db::today()).await?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        crate::accreditation::badges::issue(&mut tx, r.id, me.user_id).await?;
        tx.commit().await?;
        let role = orgs::role_of(&db, r.organisation_id, me.user_id).await?;
        redirect(&if role.is_some_and(MemberRole::edits) {
            format!(
                "/accreditation/{}/{}?saved=reprinted",
                r.organisation_id, r.duty_station
            )
        } else if crate::accreditation::policy::may_decide_designation(&actor, &r.duty_station)
            .is_ok()
        {
            "/secretariat/designations?saved=reprinted".to_string()
        } else {
            "/accreditation/rights?saved=reprinted".to_string()
        });
        Ok(())
    }

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
                &Change::new("designation", r.id, "designation_expired")
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
                "designation_withdrawn",
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
            items: rows
                .into_iter()
                .map(|r| QueueItem {
                    id: r.id,
                    organisation_id: r.organisation_id,
                    organisation: r.organisation,
                    duty_station: r.duty_station,
                    year: r.year,
                    pass_kind: r.pass_kind,
                    representative_type: r.representative_type,
                    status: r.status,
                    person: format!("{} {}", r.first_name, r.last_name),
                    submitted_at: r.submitted_at,
                })
                .collect(),
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
            let action_code = format!("designation_{}", to.as_str());
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
        let since = now - 7 * 24 * 3600 * 1000 * rules::CHART_WEEKS as i64;
        let times = repo::submission_times(&db, &stations, since).await?;
        Ok(Dashboard {
            counts: repo::counts(&db, &stations).await?,
            weekly: rules::weekly_counts(&times, now),
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
                    "designation_renewed",
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
                crate::organisations::kinds::ConsultativeStatus::from_code(status)
                    .ok_or("status_invalid")
            })
            .transpose()
            .map_err(|c| AppError::invalid("status", c))?;
        let paging = Paging::new(page, QUEUE_PAGE_SIZE);
        let (rows, total) = repo::directory(
            &db()?,
            (!q.is_empty()).then_some(q),
            country.as_deref(),
            status.map(|s| s.code()),
            paging.size,
            paging.offset(),
        )
        .await?;
        Ok(DirectoryPage {
            items: rows
                .into_iter()
                .map(|r| DirectoryEntry {
                    id: r.id,
                    legal_name: r.legal_name,
                    acronym: r.acronym,
                    country: r.country,
                    status: r.consultative_status,
                    since: r.consultative_since,
                })
                .collect(),
            total,
            page: paging.page,
            pages: paging.pages(total),
        })
    }
}
