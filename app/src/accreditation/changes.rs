//! What the features of accreditation share on the server: loading the organisation and station
//! a call names, and recording + mailing a designation's change of state.
#![allow(clippy::too_many_arguments)]
use crate::AppError;
use crate::accreditation::domain::{DesignationStatus, DutyStation};
use crate::accreditation::repo::DesignationRow;
use crate::audit::Change;
use crate::fields::EmailAddress;
use crate::locale::Language;
use crate::mail::queue::enqueue;
use crate::organisations::domain::MemberRole;
use crate::organisations::repo::{self as orgs, OrganisationRow};
use crate::ssr::{db, link};

pub fn station_of(code: &str) -> Result<DutyStation, AppError> {
    DutyStation::parse(code).ok_or(AppError::NotFound)
}

pub async fn load_org(
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

pub fn change<'a>(
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
pub async fn tell(
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
pub async fn tell_at(
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
    let duty_station = crate::accreditation::domain::DutyStation::parse(&r.duty_station)
        .ok_or_else(|| {
            tracing::error!(station = %r.duty_station, "a designation at an unknown duty station");
            AppError::Internal
        })?;
    let template = crate::accreditation::mail::AccreditationMail::DesignationChanged {
        organisation: organisation.to_string(),
        person: format!("{} {} {}", title_text(&r.title), r.first_name, r.last_name),
        duty_station,
        state: to,
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

pub fn title_text(code: &str) -> &'static str {
    if code == "ms" { "Ms" } else { "Mr" }
}
