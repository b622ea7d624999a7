//! Server functions of organisations: create (HQ → country offices), read, members and roles,
//! join requests, ECOSOC consultative status. Every one loads the caller's role in the
//! organisation concerned (derived from the record, never from the client) and asks the policy.
#![allow(clippy::too_many_arguments)]
use crate::AppError;
use crate::audit::AuditEvent;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSummary {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub kind: crate::organisations::kinds::OrganisationKind,
    pub parent_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMembership {
    pub organisation_id: i64,
    pub legal_name: String,
    pub country: String,
    pub kind: crate::organisations::kinds::OrganisationKind,
    pub role: crate::organisations::domain::MemberRole,
    /// How complete its partner profile is (percent), where it has one.
    pub profile_percent: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyJoinRequest {
    pub organisation: String,
    pub status: crate::organisations::domain::JoinRequestStatus,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationsOfMine {
    pub memberships: Vec<MyMembership>,
    pub requests: Vec<MyJoinRequest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: crate::organisations::domain::MemberRole,
    /// `listed` (no account yet) or `active`.
    pub status: String,
    pub is_me: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingJoinRequest {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub message: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetails {
    pub summary: OrganisationSummary,
    /// The profile as its form's fields.
    pub profile: crate::fields::Fields,
    /// Its current files (logo, registration certificate).
    pub files: Vec<crate::uploads::api::FileView>,
    pub email: Option<String>,
    pub consultative_status: Option<String>,
    pub consultative_since: Option<i64>,
    pub my_role: Option<String>,
    pub can_manage_members: bool,
    pub can_edit: bool,
    pub version: i64,
    /// Who is looking (their drafts are theirs).
    pub viewer_id: i64,
    pub can_add_office: bool,
    pub can_set_status: bool,
    pub members: Vec<Member>,
    pub join_requests: Vec<PendingJoinRequest>,
    pub offices: Vec<(i64, String, String)>,
    pub history: Vec<AuditEvent>,
}

#[server(endpoint = "organisations/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_organisations() -> Result<OrganisationsOfMine, AppError> {
    crate::ssr::respond(server::mine().await)
}

/// The search list of organisations (join requests, extranet registration): names only.
#[server(endpoint = "organisations/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_organisations(
    q: String,
    #[server(default)] group: Option<String>,
) -> Result<Vec<OrganisationSummary>, AppError> {
    crate::ssr::respond(server::search(q, group).await)
}

/// An organisation that is probably the one being created (`duplicates::likely_duplicate`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LikelyDuplicate {
    pub organisation: OrganisationSummary,
    pub likeness: crate::organisations::duplicates::Likeness,
}

/// Creates an organisation (its creator administers it), or a country office under a
/// headquarters (`parent_id`). Refused with `legal_name: likely_duplicate` when it is probably
/// one that exists (`similar_organisations` lists them, to ask to join one).
#[server(endpoint = "organisations/create")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_organisation(
    legal_name: String,
    #[server(default)] acronym: String,
    country: String,
    kind: String,
    #[server(default)] email: String,
    #[server(default)] registration_number: String,
    #[server(default)] parent_id: Option<i64>,
) -> Result<i64, AppError> {
    crate::ssr::respond(
        server::create(
            legal_name,
            acronym,
            country,
            kind,
            email,
            registration_number,
            parent_id,
        )
        .await,
    )
}

/// The organisations that are probably the one described, most alike first (at most
/// `duplicates::MAX_SHOWN`), to the signed-in.
#[server(endpoint = "organisations/similar")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn similar_organisations(
    #[server(default)] legal_name: String,
    #[server(default)] acronym: String,
    #[server(default)] country: String,
    #[server(default)] registration_number: String,
) -> Result<Vec<LikelyDuplicate>, AppError> {
    crate::ssr::respond(server::similar(legal_name, acronym, country, registration_number).await)
}

#[server(endpoint = "organisations/page")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn organisation_page(id: i64) -> Result<OrganisationDetails, AppError> {
    crate::ssr::respond(server::page(id).await)
}

/// The organisation profile form (administrators and editors): names, address, website, year
/// established, registration, budget, sectors, mandate, flags; `version` is the record version
/// the form was filled from (a stale one is refused: `record_changed`).
#[server(endpoint = "organisations/update_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_organisation_profile(
    organisation_id: i64,
    #[server(default)] legal_name: String,
    #[server(default)] acronym: String,
    #[server(default)] country: String,
    #[server(default)] email: String,
    #[server(default)] address: String,
    #[server(default)] website: String,
    #[server(default)] year_established: String,
    #[server(default)] registration_number: String,
    #[server(default)] registration_date: String,
    #[server(default)] annual_budget: String,
    #[server(default)] sectors: Vec<String>,
    #[server(default)] mandate: String,
    #[server(default)] women_led: String,
    #[server(default)] youth_led: String,
    #[server(default)] indigenous_led: String,
    #[server(default)] refugee_led: String,
    #[server(default)] version: Option<i64>,
) -> Result<(), AppError> {
    let fields = crate::fields::Fields::from([
        ("legal_name".to_string(), legal_name),
        ("acronym".to_string(), acronym),
        ("country".to_string(), country),
        ("email".to_string(), email),
        ("address".to_string(), address),
        ("website".to_string(), website),
        ("year_established".to_string(), year_established),
        ("registration_number".to_string(), registration_number),
        ("registration_date".to_string(), registration_date),
        ("annual_budget".to_string(), annual_budget),
        ("sectors".to_string(), sectors.join(",")),
        ("mandate".to_string(), mandate),
        ("women_led".to_string(), women_led),
        ("youth_led".to_string(), youth_led),
        ("indigenous_led".to_string(), indigenous_led),
        ("refugee_led".to_string(), refugee_led),
    ]);
    crate::ssr::respond(server::update_profile(organisation_id, fields, version).await)
}

#[server(endpoint = "organisations/add_member")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_member(
    organisation_id: i64,
    name: String,
    email: String,
    role: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::add_member(organisation_id, name, email, role).await)
}

#[server(endpoint = "organisations/change_member_role")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_member_role(membership_id: i64, role: String) -> Result<(), AppError> {
    crate::ssr::respond(server::change_role(membership_id, Some(role)).await)
}

#[server(endpoint = "organisations/remove_member")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn remove_member(membership_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(server::change_role(membership_id, None).await)
}

#[server(endpoint = "organisations/leave")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn leave_organisation(organisation_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(server::leave(organisation_id).await)
}

#[server(endpoint = "organisations/request_to_join")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_to_join(
    organisation_id: i64,
    admin_email: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::request_to_join(organisation_id, admin_email, message).await)
}

#[server(endpoint = "organisations/decide_join_request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_join_request(
    request_id: i64,
    decision: String,
    #[server(default)] role: Option<String>,
) -> Result<(), AppError> {
    crate::ssr::respond(server::decide(request_id, decision, role).await)
}

#[server(endpoint = "organisations/set_consultative_status")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_consultative_status(
    organisation_id: i64,
    status: String,
    #[server(default)] year: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::set_status(organisation_id, status, year).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::accounts::domain::limits;
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::fields::EmailAddress;
    use crate::fields::FormErrors;
    use crate::fields::email_error_code;
    use crate::fields::parse_optional_text;
    use crate::fields::parse_required_text;
    use crate::fields::text_error_code;
    use crate::locale::Language;
    use crate::mail::queue::enqueue;
    use crate::organisations::domain::{
        JoinRequestStatus, MemberRole, NewOrganisationForm, OrganisationProfile,
        keeps_an_administrator, may_have_country_office, parse_consultative_status,
    };
    use crate::organisations::repo::{self, OrganisationRow};
    use crate::ssr::{db, link, redirect};

    use crate::organisations::kinds::OrganisationKind;

    fn summary(o: OrganisationRow) -> Result<OrganisationSummary, AppError> {
        Ok(OrganisationSummary {
            kind: OrganisationKind::stored(&o.kind)?,
            id: o.id,
            legal_name: o.legal_name,
            acronym: o.acronym,
            country: o.country,
            parent_name: o.parent_name,
        })
    }

    fn org_change<'a>(actor: i64, org: i64, action: &'a str) -> Change<'a> {
        Change::new("organisation", org, action).by(actor)
    }

    /// Loads an organisation (404 when it does not exist) and the caller's role in it.
    async fn load(
        id: i64,
        user_id: i64,
    ) -> Result<(OrganisationRow, Option<MemberRole>), AppError> {
        let db = db()?;
        let org = repo::organisation(&db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = repo::role_of(&db, id, user_id).await?;
        Ok((org, role))
    }

    pub async fn mine() -> Result<OrganisationsOfMine, AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let memberships = repo::my_organisations(&db, me.user_id)
            .await?
            .into_iter()
            .map(|(organisation_id, legal_name, country, kind, role)| {
                Ok(MyMembership {
                    organisation_id,
                    legal_name,
                    country,
                    kind: OrganisationKind::stored(&kind)?,
                    role: MemberRole::stored(&role)?,
                    profile_percent: None,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let ids: Vec<i64> = memberships.iter().map(|m| m.organisation_id).collect();
        let mut memberships = memberships;
        for hook in crate::organisations::hooks::registered() {
            for (id, percent) in (hook.profile_completeness)(&db, &ids).await? {
                if let Some(m) = memberships.iter_mut().find(|m| m.organisation_id == id) {
                    m.profile_percent = Some(percent);
                }
            }
        }
        let requests = repo::my_join_requests(&db, me.user_id)
            .await?
            .into_iter()
            .map(|(organisation, status, at)| {
                Ok(MyJoinRequest {
                    organisation,
                    status: crate::organisations::domain::JoinRequestStatus::stored(&status)?,
                    at,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(OrganisationsOfMine {
            memberships,
            requests,
        })
    }

    pub async fn search(
        q: String,
        group: Option<String>,
    ) -> Result<Vec<OrganisationSummary>, AppError> {
        let q: String = q.trim().chars().take(100).collect();
        let kinds: Vec<&str> = match group.as_deref().map(str::trim) {
            Some("extranet") => crate::organisations::kinds::OrganisationKind::ALL
                .iter()
                .filter(|k| k.is_extranet_group())
                .map(|k| k.as_str())
                .collect(),
            Some("civil_society") => crate::organisations::kinds::OrganisationKind::ALL
                .iter()
                .filter(|k| k.is_civil_society())
                .map(|k| k.as_str())
                .collect(),
            Some(code) if !code.is_empty() => {
                crate::organisations::kinds::OrganisationKind::parse(code)
                    .map(|k| vec![k.as_str()])
                    .unwrap_or_default()
            }
            _ => vec![],
        };
        let rows = repo::search(&db()?, &q, &kinds, 20).await?;
        rows.into_iter().map(summary).collect()
    }

    /// The likely duplicates of an organisation described so, most alike first.
    async fn likely_duplicates(
        legal_name: &str,
        acronym: Option<&str>,
        country: &str,
        registration_number: Option<&str>,
    ) -> Result<Vec<LikelyDuplicate>, AppError> {
        use crate::organisations::duplicates::{Identity, MAX_SHOWN, likely_duplicate};
        let new = Identity {
            legal_name,
            acronym,
            country,
            registration_number,
        };
        let mut found = vec![];
        for row in repo::identities_in_country(&db()?, country).await? {
            let existing = Identity {
                legal_name: &row.legal_name,
                acronym: row.acronym.as_deref(),
                country: &row.country,
                registration_number: row.registration_number.as_deref(),
            };
            if let Some(likeness) = likely_duplicate(&new, &existing) {
                found.push(LikelyDuplicate {
                    organisation: OrganisationSummary {
                        kind: OrganisationKind::stored(&row.kind)?,
                        id: row.id,
                        legal_name: row.legal_name,
                        acronym: row.acronym,
                        country: row.country,
                        parent_name: row.parent_name,
                    },
                    likeness,
                });
            }
        }
        found.sort_by(|a, b| {
            b.likeness
                .score
                .cmp(&a.likeness.score)
                .then_with(|| a.organisation.legal_name.cmp(&b.organisation.legal_name))
        });
        found.truncate(MAX_SHOWN);
        Ok(found)
    }

    /// The registration number given at creation (optional), as stored.
    fn registration_number_of(raw: &str) -> Result<Option<String>, AppError> {
        crate::fields::parse_optional_text(raw, 100).map_err(|e| {
            AppError::invalid("registration_number", crate::fields::text_error_code(e))
        })
    }

    pub async fn similar(
        legal_name: String,
        acronym: String,
        country: String,
        registration_number: String,
    ) -> Result<Vec<LikelyDuplicate>, AppError> {
        actor().await?;
        let Ok(country) = crate::organisations::domain::parse_country(&country) else {
            return Ok(vec![]);
        };
        let name = legal_name.trim();
        if name.is_empty() || name.chars().count() > 300 {
            return Ok(vec![]);
        }
        let acronym = acronym.trim();
        let number = registration_number_of(&registration_number)?;
        likely_duplicates(
            name,
            Some(acronym).filter(|a| !a.is_empty() && a.chars().count() <= 30),
            &country,
            number.as_deref(),
        )
        .await
    }

    pub async fn create(
        legal_name: String,
        acronym: String,
        country: String,
        kind: String,
        email: String,
        registration_number: String,
        parent_id: Option<i64>,
    ) -> Result<i64, AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let parent = match parent_id {
            Some(pid) => {
                let (parent, role_in_hq) = load(pid, me.user_id).await?;
                crate::organisations::policy::may_add_country_office(&actor, role_in_hq)?;
                let parent_kind =
                    crate::organisations::kinds::OrganisationKind::parse(&parent.kind)
                        .ok_or(AppError::Internal)?;
                if !may_have_country_office(parent_kind, parent.parent_id.is_some()) {
                    return Err(AppError::invalid("_", "office_needs_international_hq"));
                }
                for hook in crate::organisations::hooks::registered() {
                    (hook.before_country_office)(&db, parent.id).await?;
                }
                Some(parent)
            }
            None => None,
        };
        let form = NewOrganisationForm::parse(&legal_name, &acronym, &country, &kind, &email)?;
        if let Some(p) = &parent
            && form.kind.as_str() != p.kind
        {
            return Err(AppError::invalid("kind", "office_kind_mismatch"));
        }
        if repo::exists_by_name(&db, &form.legal_name, &form.country)
            .await?
            .is_some()
        {
            return Err(AppError::invalid("legal_name", "organisation_exists"));
        }
        let number = registration_number_of(&registration_number)?;
        // A new organisation that is probably one already here is refused (its people ask to
        // join it); a country office is its headquarters' own.
        if parent.is_none()
            && !likely_duplicates(
                &form.legal_name,
                form.acronym.as_deref(),
                &form.country,
                number.as_deref(),
            )
            .await?
            .is_empty()
        {
            return Err(AppError::invalid("legal_name", "likely_duplicate"));
        }
        let person = crate::accounts::repo::person(&db, me.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        let id = repo::insert_organisation(&mut *tx, &form, parent.as_ref().map(|p| p.id)).await?;
        if let Some(number) = &number {
            repo::set_registration_number(&mut *tx, id, number).await?;
        }
        repo::insert_membership(
            &mut *tx,
            id,
            Some(me.user_id),
            &person.email,
            &person.display_name,
            MemberRole::Administrator,
        )
        .await?;
        let mut c = org_change(me.user_id, id, "organisations.created");
        c.to_state = Some("active");
        record(&mut *tx, &c).await?;
        if let Some(p) = &parent {
            let reason = format!("{} ({})", form.legal_name, form.country);
            let mut c = org_change(me.user_id, p.id, "organisations.country_office_added");
            c.reason = Some(&reason);
            record(&mut *tx, &c).await?;
        }
        tx.commit().await?;
        redirect(&format!("/organisations/{id}"));
        Ok(id)
    }

    pub async fn page(id: i64) -> Result<OrganisationDetails, AppError> {
        let (me, actor) = actor().await?;
        let (org, role) = load(id, me.user_id).await?;
        crate::organisations::policy::may_read_organisation(&actor, role)?;
        let db = db()?;
        let can_manage_members =
            crate::organisations::policy::may_manage_members(&actor, role).is_ok();
        let members = repo::members(&db, id)
            .await?
            .into_iter()
            .map(|m| {
                Ok(Member {
                    id: m.id,
                    is_me: m.user_id == Some(me.user_id),
                    name: m.name,
                    email: m.email,
                    role: MemberRole::stored(&m.role)?,
                    status: m.status,
                })
            })
            .collect::<Result<_, AppError>>()?;
        let join_requests = if can_manage_members {
            repo::pending_join_requests(&db, id)
                .await?
                .into_iter()
                .map(|j| PendingJoinRequest {
                    id: j.id,
                    name: j.name,
                    email: j.email,
                    message: j.message,
                    at: j.created_at,
                })
                .collect()
        } else {
            vec![]
        };
        let parent_kind = crate::organisations::kinds::OrganisationKind::parse(&org.kind);
        let can_add_office = parent_kind
            .is_some_and(|k| may_have_country_office(k, org.parent_id.is_some()))
            && crate::organisations::policy::may_add_country_office(&actor, role).is_ok();
        Ok(OrganisationDetails {
            email: org.email.clone(),
            consultative_status: org.consultative_status.clone(),
            consultative_since: org.consultative_since,
            my_role: role.map(|r| r.as_str().to_string()),
            can_manage_members,
            can_edit: crate::organisations::policy::may_edit_organisation(&actor, role).is_ok(),
            version: repo::version_of(&db, id).await?,
            profile: repo::profile_fields(&db, id).await?.unwrap_or_default(),
            files: crate::uploads::repo::current_of(&db, id)
                .await?
                .into_iter()
                .map(|u| crate::uploads::api::FileView {
                    id: u.id,
                    purpose: u.purpose,
                    content_type: u.content_type,
                    file_name: u.file_name,
                    size_bytes: u.size_bytes,
                    uploaded_at: u.created_at,
                })
                .collect(),
            viewer_id: me.user_id,
            can_add_office,
            can_set_status: crate::organisations::policy::may_set_consultative_status(&actor)
                .is_ok(),
            members,
            join_requests,
            offices: repo::offices(&db, id).await?,
            history: crate::audit::repo::history(&db, "organisation", id).await?,
            summary: summary(org)?,
        })
    }

    pub async fn update_profile(
        organisation_id: i64,
        fields: crate::fields::Fields,
        version: Option<i64>,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let (org, role) = load(organisation_id, me.user_id).await?;
        crate::organisations::policy::may_edit_organisation(&actor, role)?;
        let kind = crate::organisations::kinds::OrganisationKind::parse(&org.kind)
            .ok_or(AppError::Internal)?;
        let form = OrganisationProfile::parse(&fields, kind, crate::ssr::db::today())
            .map_err(AppError::Invalid)?;
        let db = db()?;
        if let Some(other) = repo::exists_by_name(&db, &form.legal_name, &form.country).await?
            && other != org.id
        {
            return Err(AppError::invalid("legal_name", "organisation_exists"));
        }
        let mut tx = crate::ssr::db::begin(&db).await?;
        let extended = crate::organisations::domain::asks_extended_profile(kind);
        if !repo::update_profile(&mut *tx, org.id, &form, extended, version).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        record(
            &mut *tx,
            &org_change(me.user_id, org.id, "organisations.profile_updated"),
        )
        .await?;
        crate::drafts::repo::discard(
            &mut *tx,
            me.user_id,
            crate::organisations::drafts::PROFILE.code(),
            &org.id.to_string(),
        )
        .await?;
        tx.commit().await?;
        redirect(&format!("/organisations/{}?saved=profile", org.id));
        Ok(())
    }

    pub async fn add_member(
        organisation_id: i64,
        name: String,
        email: String,
        role: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let (org, my_role) = load(organisation_id, me.user_id).await?;
        crate::organisations::policy::may_manage_members(&actor, my_role)?;
        let mut e = FormErrors::default();
        let name = e.field(
            "name",
            parse_required_text(&name, limits::DISPLAY_NAME),
            text_error_code,
        );
        let email = e.field("email", EmailAddress::parse(&email), email_error_code);
        let role = e.field(
            "role",
            MemberRole::parse(&role).ok_or("role_invalid"),
            |c| c,
        );
        e.finish()?;
        let (Some(name), Some(email), Some(role)) = (name, email, role) else {
            return Err(AppError::Internal);
        };
        let db = db()?;
        if repo::membership_by_email(&db, organisation_id, email.as_str())
            .await?
            .is_some()
        {
            return Err(AppError::invalid("email", "already_member"));
        }
        let existing = crate::accounts::repo::person_by_email(&db, &email).await?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        let user_id = existing
            .as_ref()
            .filter(|p| p.status == "active")
            .map(|p| p.id);
        repo::insert_membership(
            &mut *tx,
            organisation_id,
            user_id,
            email.as_str(),
            &name,
            role,
        )
        .await?;
        let reason = format!("{name} <{}>", email.as_str());
        let mut c = org_change(me.user_id, organisation_id, "organisations.member_added");
        c.to_state = Some(role.as_str());
        c.reason = Some(&reason);
        record(&mut *tx, &c).await?;
        let (template, locale) = match &existing {
            Some(p) if user_id.is_some() => (
                crate::organisations::mail::OrganisationMail::AddedToOrganisation {
                    organisation: org.legal_name.clone(),
                    role,
                    link: link(&format!("/organisations/{organisation_id}"))?,
                },
                Language::from_code(&p.locale),
            ),
            _ => (
                crate::organisations::mail::OrganisationMail::InvitedToOrganisation {
                    organisation: org.legal_name.clone(),
                    role,
                    sign_up_link: link("/sign-up")?,
                },
                crate::ssr::request_locale(),
            ),
        };
        enqueue(&mut *tx, &email, locale, &template).await?;
        tx.commit().await?;
        redirect(&format!(
            "/organisations/{organisation_id}?saved=member_added"
        ));
        Ok(())
    }

    /// Changes a member's role, or ends the membership (`role` none).
    pub async fn change_role(membership_id: i64, role: Option<String>) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let m = repo::membership(&db, membership_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (org, my_role) = load(m.organisation_id, me.user_id).await?;
        crate::organisations::policy::may_manage_members(&actor, my_role)?;
        let next = match role {
            Some(r) => Some(
                MemberRole::parse(&r).ok_or_else(|| AppError::invalid("role", "role_invalid"))?,
            ),
            None => None,
        };
        end_or_change(&me, &org, m, next).await?;
        redirect(&format!("/organisations/{}?saved=members", org.id));
        Ok(())
    }

    pub async fn leave(organisation_id: i64) -> Result<(), AppError> {
        let (me, _) = actor().await?;
        let (org, my_role) = load(organisation_id, me.user_id).await?;
        crate::organisations::policy::may_leave(my_role)?;
        let db = db()?;
        let person = crate::accounts::repo::person(&db, me.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let m = repo::membership_by_email(&db, organisation_id, &person.email)
            .await?
            .filter(|m| m.user_id == Some(me.user_id))
            .ok_or(AppError::NotFound)?;
        end_or_change(&me, &org, m, None).await?;
        redirect("/organisations?saved=left");
        Ok(())
    }

    /// The one place a membership changes: the last-administrator rule re-checked inside the
    /// transaction, the change recorded and mailed.
    async fn end_or_change(
        me: &crate::ssr::session::SessionUser,
        org: &OrganisationRow,
        m: repo::MemberRow,
        next: Option<MemberRole>,
    ) -> Result<(), AppError> {
        let db = db()?;
        let current = MemberRole::parse(&m.role).ok_or(AppError::Internal)?;
        if next == Some(current) {
            return Ok(());
        }
        let mut tx = crate::ssr::db::begin(&db).await?;
        repo::lock(&mut *tx, org.id).await?;
        if m.status == "active" {
            let admins = repo::count_administrators(&mut *tx, org.id).await?;
            keeps_an_administrator(admins, current, next)
                .map_err(|_| AppError::invalid("_", "last_administrator"))?;
        }
        match next {
            Some(r) => repo::set_role(&mut *tx, m.id, r).await?,
            None => repo::end_membership(&mut *tx, m.id).await?,
        }
        let reason = format!("{} <{}>", m.name, m.email);
        let action = match (next, m.user_id == Some(me.user_id)) {
            (Some(_), _) => "organisations.member_role_changed",
            (None, true) => "organisations.member_left",
            (None, false) => "organisations.member_removed",
        };
        let mut c = org_change(me.user_id, org.id, action);
        c.from_state = Some(current.as_str());
        c.to_state = Some(next.map(MemberRole::as_str).unwrap_or("ended"));
        c.reason = Some(&reason);
        record(&mut *tx, &c).await?;
        if let Some(user_id) = m.user_id.filter(|u| *u != me.user_id)
            && let Some(p) = crate::accounts::repo::person(&mut *tx, user_id).await?
            && let Ok(to) = EmailAddress::parse(&p.email)
        {
            let template = crate::organisations::mail::OrganisationMail::MembershipChanged {
                organisation: org.legal_name.clone(),
                role: next,
            };
            enqueue(&mut *tx, &to, Language::from_code(&p.locale), &template).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn request_to_join(
        organisation_id: i64,
        admin_email: String,
        message: String,
    ) -> Result<(), AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let org = repo::organisation(&db, organisation_id)
            .await?
            .ok_or_else(|| AppError::invalid("organisation_id", "organisation_unknown"))?;
        let mut e = FormErrors::default();
        let admin_email = e.field(
            "admin_email",
            EmailAddress::parse(&admin_email),
            email_error_code,
        );
        let message = e.field(
            "message",
            parse_optional_text(&message, limits::MESSAGE),
            text_error_code,
        );
        e.finish()?;
        let (Some(admin_email), Some(message)) = (admin_email, message) else {
            return Err(AppError::Internal);
        };
        if repo::role_of(&db, organisation_id, me.user_id)
            .await?
            .is_some()
        {
            return Err(AppError::invalid("_", "already_member"));
        }
        let admins = repo::administrator_contacts(&db, organisation_id).await?;
        if !admins
            .iter()
            .any(|(email, _)| email == admin_email.as_str())
        {
            return Err(AppError::invalid("admin_email", "admin_email_wrong"));
        }
        if repo::has_pending_join_request(&db, organisation_id, me.user_id).await? {
            return Err(AppError::invalid("_", "join_request_pending"));
        }
        let person = crate::accounts::repo::person(&db, me.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let message = message.unwrap_or_default();
        let mut tx = crate::ssr::db::begin(&db).await?;
        let request_id =
            repo::insert_join_request(&mut *tx, organisation_id, me.user_id, &message).await?;
        let reason = format!(
            "request {request_id}: {} <{}>",
            person.display_name, person.email
        );
        let mut c = org_change(me.user_id, organisation_id, "organisations.join_requested");
        c.to_state = Some("pending");
        c.reason = Some(&reason);
        record(&mut *tx, &c).await?;
        for (email, locale) in &admins {
            if let Ok(to) = EmailAddress::parse(email) {
                let template = crate::organisations::mail::OrganisationMail::JoinRequestReceived {
                    organisation: org.legal_name.clone(),
                    requester: person.display_name.clone(),
                    requester_email: person.email.clone(),
                    message: message.clone(),
                    link: link(&format!("/organisations/{organisation_id}#join-requests"))?,
                };
                enqueue(&mut *tx, &to, Language::from_code(locale), &template).await?;
            }
        }
        tx.commit().await?;
        redirect("/organisations?saved=join_requested");
        Ok(())
    }

    pub async fn decide(
        request_id: i64,
        decision: String,
        role: Option<String>,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let request = repo::join_request(&db, request_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (org, my_role) = load(request.organisation_id, me.user_id).await?;
        crate::organisations::policy::may_manage_members(&actor, my_role)?;
        let next = match decision.trim() {
            "approve" => JoinRequestStatus::Approved,
            "decline" => JoinRequestStatus::Declined,
            _ => return Err(AppError::invalid("decision", "decision_invalid")),
        };
        let current = JoinRequestStatus::parse(&request.status).ok_or(AppError::Internal)?;
        if !current.can_transition_to(next) {
            return Err(AppError::invalid("_", "already_decided"));
        }
        let role = match role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => {
                MemberRole::parse(r).ok_or_else(|| AppError::invalid("role", "role_invalid"))?
            }
            None => MemberRole::Reader,
        };
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !repo::decide_join_request(&mut *tx, request_id, next.as_str(), me.user_id).await? {
            return Err(AppError::invalid("_", "already_decided"));
        }
        if next == JoinRequestStatus::Approved {
            match repo::membership_by_email(&mut *tx, org.id, &request.email).await? {
                Some(listed) if listed.status == "listed" => {
                    repo::end_membership(&mut *tx, listed.id).await?;
                }
                Some(_) => return Err(AppError::invalid("_", "already_member")),
                None => {}
            }
            repo::insert_membership(
                &mut *tx,
                org.id,
                Some(request.user_id),
                &request.email,
                &request.name,
                role,
            )
            .await?;
        }
        let reason = format!("request {request_id}: {} <{}>", request.name, request.email);
        let mut c = org_change(me.user_id, org.id, "organisations.join_request_decided");
        c.from_state = Some("pending");
        c.to_state = Some(next.as_str());
        c.reason = Some(&reason);
        record(&mut *tx, &c).await?;
        if let Ok(to) = EmailAddress::parse(&request.email) {
            let template = crate::organisations::mail::OrganisationMail::JoinRequestDecided {
                organisation: org.legal_name.clone(),
                approved: next == JoinRequestStatus::Approved,
            };
            enqueue(
                &mut *tx,
                &to,
                Language::from_code(&request.locale),
                &template,
            )
            .await?;
        }
        tx.commit().await?;
        redirect(&format!("/organisations/{}?saved=join_request", org.id));
        Ok(())
    }

    pub async fn set_status(
        organisation_id: i64,
        status: String,
        year: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let (org, _) = load(organisation_id, me.user_id).await?;
        crate::organisations::policy::may_set_consultative_status(&actor)?;
        use chrono::Datelike;
        let parsed = parse_consultative_status(&status, &year, chrono::Utc::now().year())?;
        let db = db()?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        repo::set_consultative_status(&mut *tx, org.id, parsed.map(|(s, y)| (s.as_str(), y)))
            .await?;
        let to = parsed.map(|(s, y)| format!("{} {y}", s.as_str()));
        let mut c = org_change(me.user_id, org.id, "organisations.consultative_status_set");
        c.from_state = org.consultative_status.as_deref();
        c.to_state = Some(to.as_deref().unwrap_or("none"));
        record(&mut *tx, &c).await?;
        tx.commit().await?;
        redirect(&format!("/organisations/{}?saved=status", org.id));
        Ok(())
    }
}
