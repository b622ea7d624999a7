//! Extranet registration (seed 002): choose the group, fill the form → the account is pending →
//! the extranet secretariat validates or rejects it with a reason → mail → sign-in allowed once
//! validated.
// The registration form has ten fields, which the server function takes as arguments (the
// generated code cannot carry an attribute of its own).
#![allow(clippy::too_many_arguments)]
use crate::AppError;
use crate::audit::AuditEvent;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub id: i64,
    pub person: String,
    pub email: String,
    pub group_kind: crate::organisations::kinds::OrganisationKind,
    pub organisation_name: String,
    pub organisation_known: bool,
    pub country: String,
    pub position: String,
    pub status: crate::extranet::domain::RegistrationStatus,
    pub reason: Option<String>,
    pub at: i64,
    pub history: Vec<AuditEvent>,
    /// Organisations already registered in the same country with a similar name (for a pending
    /// registration that did not pick one): the secretariat may attach the person to one.
    pub similar: Vec<SimilarOrganisation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarOrganisation {
    pub id: i64,
    pub legal_name: String,
}

#[server(endpoint = "extranet/register")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn register_extranet(
    group: String,
    #[server(default)] organisation_id: Option<i64>,
    #[server(default)] organisation_name: String,
    country: String,
    first_name: String,
    last_name: String,
    position: String,
    email: String,
    username: String,
    password: String,
) -> Result<(), AppError> {
    crate::ssr::respond(
        server::register(server::Form {
            group,
            organisation_id,
            organisation_name,
            country,
            first_name,
            last_name,
            position,
            email,
            username,
            password,
        })
        .await,
    )
}

/// The registrations the extranet secretariat sees: pending first, then the latest decided.
#[server(endpoint = "extranet/registrations")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn registrations() -> Result<Vec<Registration>, AppError> {
    crate::ssr::respond(server::list().await)
}

#[server(endpoint = "extranet/decide_registration")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_registration(
    registration_id: i64,
    decision: String,
    #[server(default)] reason: String,
    #[server(default)] attach_to: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::decide(registration_id, decision, reason, attach_to).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::{Registration, SimilarOrganisation};
    use crate::AppError;
    use crate::accounts::domain::{
        Username, check_new_password, limits, password_error_code, username_error_code,
    };
    use crate::accounts::repo as accounts;
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::extranet::domain::{
        MAX_SIMILAR_ORGANISATIONS, RegistrationStatus, member_role_on_validation,
        parse_rejection_reason, similar_organisation_names,
    };
    use crate::extranet::repo;
    use crate::fields::EmailAddress;
    use crate::fields::FormErrors;
    use crate::fields::email_error_code;
    use crate::fields::parse_required_text;
    use crate::fields::text_error_code;
    use crate::locale::Language;
    use crate::mail::queue::enqueue;
    use crate::organisations::domain::{NewOrganisationForm, parse_country};
    use crate::organisations::kinds::OrganisationKind;
    use crate::organisations::repo as organisations;
    use crate::ssr::rate_limit::limits as rl;
    use crate::ssr::{db, link, passwords, rate_limit, redirect, request_locale, session};

    pub struct Form {
        pub group: String,
        pub organisation_id: Option<i64>,
        pub organisation_name: String,
        pub country: String,
        pub first_name: String,
        pub last_name: String,
        pub position: String,
        pub email: String,
        pub username: String,
        pub password: String,
    }

    fn change<'a>(actor: Option<i64>, id: i64, action: &'a str) -> Change<'a> {
        Change::new("extranet_registration", id, action).actor(actor)
    }

    pub async fn register(f: Form) -> Result<(), AppError> {
        rate_limit(
            rl::REGISTRATIONS_PER_ADDRESS,
            &format!("registrations:address:{}", session::client_address()),
        )
        .await?;
        let db = db()?;
        let mut e = FormErrors::default();
        let group = e.field(
            "group",
            OrganisationKind::parse(f.group.trim())
                .filter(|k| k.is_extranet_group())
                .ok_or("group_invalid"),
            |c| c,
        );
        let picked = match f.organisation_id {
            Some(id) => {
                let org = organisations::organisation(&db, id).await?;
                match (org, group) {
                    (Some(o), Some(g)) if o.kind == g.as_str() => Some(o),
                    (Some(_), Some(_)) => {
                        e.push("organisation_id", "organisation_other_group");
                        None
                    }
                    (None, _) => {
                        e.push("organisation_id", "organisation_unknown");
                        None
                    }
                    _ => None,
                }
            }
            None => None,
        };
        let organisation_name = match &picked {
            Some(o) => Some(o.legal_name.clone()),
            None => e.field(
                "organisation_name",
                parse_required_text(
                    &f.organisation_name,
                    crate::organisations::domain::limits::LEGAL_NAME,
                ),
                text_error_code,
            ),
        };
        let country = match &picked {
            Some(o) => Some(o.country.clone()),
            None => e.field("country", parse_country(&f.country), |c| c),
        };
        let first_name = e.field(
            "first_name",
            parse_required_text(&f.first_name, limits::PERSON_NAME),
            text_error_code,
        );
        let last_name = e.field(
            "last_name",
            parse_required_text(&f.last_name, limits::PERSON_NAME),
            text_error_code,
        );
        let position = e.field(
            "position",
            parse_required_text(&f.position, limits::POSITION),
            text_error_code,
        );
        let email = e.field("email", EmailAddress::parse(&f.email), email_error_code);
        let username = e.field(
            "username",
            Username::parse(&f.username),
            username_error_code,
        );
        e.field(
            "password",
            check_new_password(&f.password),
            password_error_code,
        );
        if let Some(u) = &username
            && accounts::username_taken(&db, u.as_str(), None).await?
        {
            e.push("username", "username_taken");
        }
        if let Some(m) = &email
            && accounts::email_taken(&db, m).await?
        {
            e.push("email", "email_taken");
        }
        e.finish()?;
        let (
            Some(group),
            Some(organisation_name),
            Some(country),
            Some(first_name),
            Some(last_name),
            Some(position),
            Some(email),
            Some(username),
        ) = (
            group,
            organisation_name,
            country,
            first_name,
            last_name,
            position,
            email,
            username,
        )
        else {
            return Err(AppError::Internal);
        };
        let hash = passwords::hash_password(f.password).await?;
        let locale = request_locale();
        let display_name = format!("{first_name} {last_name}");
        let mut tx = crate::ssr::db::begin(&db).await?;
        let user_id = accounts::insert_user(
            &mut *tx,
            &accounts::NewUser {
                email: &email,
                username: username.as_str(),
                display_name: &display_name,
                first_name: &first_name,
                last_name: &last_name,
                password_hash: &hash,
                locale: locale.code(),
                status: "pending",
                newsletter: false,
            },
        )
        .await?;
        let id = repo::insert(
            &mut *tx,
            &repo::NewRegistration {
                user_id,
                group_kind: group.as_str(),
                organisation_id: picked.as_ref().map(|o| o.id),
                organisation_name: &organisation_name,
                country: &country,
                position: &position,
            },
        )
        .await?;
        let mut c = change(Some(user_id), id, "extranet.registered");
        c.to_state = Some(RegistrationStatus::Pending.as_str());
        record(&mut *tx, &c).await?;
        enqueue(
            &mut *tx,
            &email,
            locale,
            &crate::extranet::mail::ExtranetMail::RegistrationReceived,
        )
        .await?;
        for (address, staff_locale) in repo::secretariat_contacts(&mut *tx).await? {
            if let Ok(to) = EmailAddress::parse(&address) {
                let template = crate::extranet::mail::ExtranetMail::RegistrationToReview {
                    person: display_name.clone(),
                    organisation: organisation_name.clone(),
                    link: link("/secretariat/registrations")?,
                };
                enqueue(&mut *tx, &to, Language::from_code(&staff_locale), &template).await?;
            }
        }
        tx.commit().await?;
        redirect("/extranet/register?sent=1");
        Ok(())
    }

    pub async fn list() -> Result<Vec<Registration>, AppError> {
        let (_, actor) = actor().await?;
        crate::extranet::policy::may_review_extranet_registrations(&actor)?;
        let db = db()?;
        let mut out = vec![];
        for r in repo::list(&db, 200).await? {
            let similar = if r.status == RegistrationStatus::Pending.as_str()
                && r.organisation_id.is_none()
            {
                similar_organisations(&db, &r.organisation_name, &r.country).await?
            } else {
                vec![]
            };
            out.push(Registration {
                similar,
                history: crate::audit::repo::history(&db, "extranet_registration", r.id).await?,
                id: r.id,
                person: r.person,
                email: r.email,
                group_kind: crate::organisations::kinds::OrganisationKind::stored(&r.group_kind)?,
                organisation_name: r.organisation_name,
                organisation_known: r.organisation_id.is_some(),
                country: r.country,
                position: r.position,
                status: RegistrationStatus::stored(&r.status)?,
                reason: r.reason,
                at: r.created_at,
            });
        }
        Ok(out)
    }

    /// The organisations of `country` whose name is similar to `name`, closest first.
    async fn similar_organisations(
        db: &crate::ssr::Db,
        name: &str,
        country: &str,
    ) -> Result<Vec<SimilarOrganisation>, AppError> {
        Ok(organisations::names_in_country(db, country, 5000)
            .await?
            .into_iter()
            .filter(|(_, n)| similar_organisation_names(name, n))
            .take(MAX_SIMILAR_ORGANISATIONS)
            .map(|(id, legal_name)| SimilarOrganisation { id, legal_name })
            .collect())
    }

    /// `attach_to` (validation only): an existing organisation of the registration's country
    /// to attach the person to instead of the one named at registration; empty for none.
    pub async fn decide(
        id: i64,
        decision: String,
        reason: String,
        attach_to: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        crate::extranet::policy::may_review_extranet_registrations(&actor)?;
        let db = db()?;
        let r = repo::find(&db, id).await?.ok_or(AppError::NotFound)?;
        let next = match decision.trim() {
            "validate" => RegistrationStatus::Validated,
            "reject" => RegistrationStatus::Rejected,
            _ => return Err(AppError::invalid("decision", "decision_invalid")),
        };
        let current = RegistrationStatus::parse(&r.status).ok_or(AppError::Internal)?;
        if !current.can_transition_to(next) {
            return Err(AppError::invalid("_", "already_decided"));
        }
        let attach_to = match attach_to.trim() {
            "" => None,
            s => Some(
                s.parse::<i64>()
                    .map_err(|_| AppError::invalid("attach_to", "organisation_unknown"))?,
            ),
        };
        let reason = match next {
            RegistrationStatus::Rejected => {
                Some(parse_rejection_reason(&reason).map_err(|c| AppError::invalid("reason", c))?)
            }
            _ => None,
        };
        let person = accounts::person(&db, r.user_id)
            .await?
            .ok_or(AppError::Internal)?;
        let to = EmailAddress::parse(&person.email).map_err(|_| AppError::Internal)?;
        let locale = Language::from_code(&person.locale);
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !repo::decide(&mut *tx, id, next.as_str(), reason.as_deref(), me.user_id).await? {
            return Err(AppError::invalid("_", "already_decided"));
        }
        if next == RegistrationStatus::Validated {
            accounts::set_status(&mut *tx, r.user_id, "active").await?;
            let attach_to = match attach_to {
                // Only an organisation of the registration's country, and only when none was
                // picked at registration (never trust the id alone).
                Some(o) => {
                    let same_country = organisations::organisation(&mut *tx, o)
                        .await?
                        .is_some_and(|org| org.country == r.country);
                    if !same_country || r.organisation_id.is_some() {
                        return Err(AppError::invalid("attach_to", "organisation_unknown"));
                    }
                    Some(o)
                }
                None => None,
            };
            let organisation_id = match r.organisation_id.or(attach_to) {
                Some(o) => o,
                None => {
                    match organisations::exists_by_name(&mut *tx, &r.organisation_name, &r.country)
                        .await?
                    {
                        Some(o) => o,
                        None => {
                            let form = NewOrganisationForm::parse(
                                &r.organisation_name,
                                "",
                                &r.country,
                                &r.group_kind,
                                "",
                            )?;
                            let org_id =
                                organisations::insert_organisation(&mut *tx, &form, None).await?;
                            let mut c = Change::new(
                                "organisation",
                                org_id,
                                "extranet.created_at_registration",
                            )
                            .by(me.user_id)
                            .to_state(Some("active"));
                            let why = format!("extranet registration {id}");
                            c.reason = Some(&why);
                            record(&mut *tx, &c).await?;
                            org_id
                        }
                    }
                }
            };
            let has_admin =
                organisations::count_administrators(&mut *tx, organisation_id).await? > 0;
            let role = member_role_on_validation(has_admin);
            if organisations::membership_by_email(&mut *tx, organisation_id, &person.email)
                .await?
                .is_none()
            {
                organisations::insert_membership(
                    &mut *tx,
                    organisation_id,
                    Some(r.user_id),
                    &person.email,
                    &person.display_name,
                    role,
                )
                .await?;
            }
            let why = format!(
                "{} <{}>, extranet registration {id}",
                person.display_name, person.email
            );
            let c = Change::new(
                "organisation",
                organisation_id,
                "organisations.member_added",
            )
            .by(me.user_id)
            .to_state(Some(role.as_str()))
            .reason(Some(&why));
            record(&mut *tx, &c).await?;
            let template = crate::extranet::mail::ExtranetMail::RegistrationValidated {
                sign_in_link: link("/login")?,
            };
            enqueue(&mut *tx, &to, locale, &template).await?;
        } else {
            accounts::set_status(&mut *tx, r.user_id, "rejected").await?;
            let template = crate::extranet::mail::ExtranetMail::RegistrationRejected {
                reason: reason.clone().unwrap_or_default(),
            };
            enqueue(&mut *tx, &to, locale, &template).await?;
        }
        let mut c = change(Some(me.user_id), id, "extranet.decided");
        c.from_state = Some(current.as_str());
        c.to_state = Some(next.as_str());
        c.reason = reason.as_deref();
        record(&mut *tx, &c).await?;
        tx.commit().await?;
        redirect("/secretariat/registrations?saved=1");
        Ok(())
    }
}
