//! `GET /accreditation/badges/{id}`: the badge PDF, to those who may print it (issuing the badge
//! the first time), with its labels in the language of the person printing.
use super::pdf::{BadgeContent, render_badge};
use super::{repo::*, token::*};
use crate::AppError;
use crate::accreditation::domain::{self as rules, BadgeState, DutyStation};
use crate::accreditation::repo::DesignationRow;
use crate::actor::Actor;
use crate::ssr::session::SessionUser;
use crate::ssr::{AppState, Db};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Rule (authorisation): a badge is printed by those who designate (the organisation's
/// administrators and editors; a rights holder for their own temporary passes) and by the
/// accreditation officers of its station; only while it is valid.
pub async fn may_print(
    db: &Db,
    actor: &Actor,
    row: &DesignationRow,
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    let officer =
        crate::accreditation::policy::may_decide_designation(actor, &row.duty_station).is_ok();
    if !officer {
        let role =
            crate::organisations::repo::role_of(db, row.organisation_id, actor.user_id).await?;
        let station = DutyStation::parse(&row.duty_station).ok_or(AppError::NotFound)?;
        crate::accreditation::rights::designator(
            db,
            actor.user_id,
            row.organisation_id,
            role,
            station,
        )
        .await
        .map_err(|_| AppError::NotFound)?
        .may_touch(row, actor.user_id)?;
    }
    let status = row.status().ok_or(AppError::Internal)?;
    let until = chrono::NaiveDate::parse_from_str(&row.valid_until, "%Y-%m-%d")
        .map_err(|_| AppError::Internal)?;
    match rules::badge_state(status, until, today) {
        BadgeState::Valid => Ok(()),
        _ => Err(AppError::Invalid(vec![crate::error::FieldError::new(
            "_",
            "badge_not_valid",
        )])),
    }
}

/// The printed labels, in the language of the person printing.
pub(super) struct Labels {
    heading: &'static str,
    validity: &'static str,
    serial: &'static str,
    annual: &'static str,
    temporary: &'static str,
}

pub(super) fn labels(locale: &str) -> Labels {
    match locale {
        "en" => Labels {
            heading: "United Nations — NGO representative",
            validity: "Valid",
            serial: "No.",
            annual: "Annual pass",
            temporary: "Temporary pass",
        },
        "es" => Labels {
            heading: "Naciones Unidas — Representante de ONG",
            validity: "Válido",
            serial: "N.º",
            annual: "Pase anual",
            temporary: "Pase temporal",
        },
        _ => Labels {
            heading: "Nations Unies — Représentant d’ONG",
            validity: "Valide",
            serial: "N°",
            annual: "Badge annuel",
            temporary: "Badge temporaire",
        },
    }
}

pub(super) fn type_text(locale: &str, code: &str) -> &'static str {
    use crate::accreditation::domain::RepresentativeType as T;
    let t = T::parse(code).unwrap_or(T::AdditionalRepresentative);
    match (locale, t) {
        ("en", T::PresidentChiefExecutive) => "President / Chief executive",
        ("en", T::AdministrativeDirector) => "Administrative director",
        ("en", T::PrincipalRepresentative) => "Principal representative",
        ("en", T::AdditionalRepresentative) => "Additional representative",
        ("es", T::PresidentChiefExecutive) => "Presidente / Director ejecutivo",
        ("es", T::AdministrativeDirector) => "Director administrativo",
        ("es", T::PrincipalRepresentative) => "Representante principal",
        ("es", T::AdditionalRepresentative) => "Representante adicional",
        (_, T::PresidentChiefExecutive) => "Président / Directeur général",
        (_, T::AdministrativeDirector) => "Directeur administratif",
        (_, T::PrincipalRepresentative) => "Représentant principal",
        (_, T::AdditionalRepresentative) => "Représentant additionnel",
    }
}

pub(super) fn station_text(locale: &str, code: &str) -> String {
    use crate::accreditation::domain::DutyStation as D;
    let Some(station) = D::parse(code) else {
        return code.to_string();
    };
    match (station, locale) {
        (D::NewYork, "es") => "Nueva York",
        (D::NewYork, _) => "New York",
        (D::Geneva, "en") => "Geneva",
        (D::Geneva, "es") => "Ginebra",
        (D::Geneva, _) => "Genève",
        (D::Vienna, "en") => "Vienna",
        (D::Vienna, "es") => "Viena",
        (D::Vienna, _) => "Vienne",
    }
    .to_string()
}

pub(super) fn day(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

/// What the badge of `row` prints.
pub fn content(
    row: &DesignationRow,
    organisation: &str,
    locale: &str,
    serial: &str,
    verify_url: String,
    photo: Option<Vec<u8>>,
) -> BadgeContent {
    let l = labels(locale);
    let title = if row.title == "ms" { "Ms" } else { "Mr" };
    BadgeContent {
        heading: l.heading.to_string(),
        person_name: format!(
            "{title} {} {}",
            row.first_name,
            row.last_name.to_uppercase()
        ),
        organisation: organisation.to_string(),
        representative_type: type_text(locale, &row.representative_type).to_string(),
        duty_station: station_text(locale, &row.duty_station),
        pass_kind: if row.pass_kind == "temporary" {
            l.temporary
        } else {
            l.annual
        }
        .to_string(),
        validity_label: l.validity.to_string(),
        validity: format!("{} – {}", day(&row.valid_from), day(&row.valid_until)),
        serial_label: l.serial.to_string(),
        serial: short_serial(serial),
        verify_url,
        photo,
    }
}

pub(super) fn refused(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

/// `GET /accreditation/badges/{designation_id}`: the badge PDF (issued on first download).
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let Some(user) = req.extensions().get::<SessionUser>().cloned() else {
        return refused(StatusCode::UNAUTHORIZED, "Sign in to print a badge.");
    };
    let Ok(id) = id.trim_end_matches(".pdf").parse::<i64>() else {
        return refused(StatusCode::NOT_FOUND, "No such designation.");
    };
    match badge_pdf(&state, &user, id).await {
        Ok(pdf) => {
            let mut resp = pdf.into_response();
            let h = resp.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"badge-{id}.pdf\""))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            resp
        }
        Err(AppError::NotFound) => refused(StatusCode::NOT_FOUND, "No such designation."),
        Err(AppError::Forbidden) => refused(StatusCode::FORBIDDEN, "You may not print this badge."),
        Err(AppError::Invalid(_)) => refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "This designation has no valid badge (it is not approved, or its validity ended).",
        ),
        Err(e) => {
            tracing::error!(error = %e, designation = id, "cannot print a badge");
            refused(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.")
        }
    }
}

pub(super) async fn badge_pdf(
    state: &AppState,
    user: &SessionUser,
    id: i64,
) -> Result<Vec<u8>, AppError> {
    let db = &state.db;
    let row = crate::accreditation::repo::designation(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = crate::actor::server::actor_of(db, user).await?;
    let today = crate::ssr::db::today();
    may_print(db, &actor, &row, today).await?;
    let badge = match current(db, id).await? {
        Some(b) => b,
        None => {
            let mut tx = crate::ssr::db::begin(db).await?;
            let b = issue(&mut tx, id, user.user_id).await?;
            tx.commit().await?;
            b
        }
    };
    let key = signing_key(db).await?;
    let url = format!(
        "{}/verify/{}",
        state.public_url.trim_end_matches('/'),
        token(&key, &badge.serial)
    );
    let organisation = crate::organisations::repo::organisation(db, row.organisation_id)
        .await?
        .map(|o| o.legal_name)
        .unwrap_or_default();
    let locale = crate::accounts::repo::person(db, user.user_id)
        .await?
        .map(|p| p.locale)
        .unwrap_or_else(|| "fr".into());
    let photo = match row.photo_upload_id {
        Some(upload) => photo_bytes(state, upload).await,
        None => None,
    };
    let content = content(&row, &organisation, &locale, &badge.serial, url, photo);
    tokio::task::spawn_blocking(move || render_badge(&content))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| {
            tracing::warn!(error = %e, designation = id, "badge photo unusable");
            AppError::Internal
        })
}

pub(super) async fn photo_bytes(state: &AppState, upload: i64) -> Option<Vec<u8>> {
    let row = crate::uploads::repo::upload(&state.db, upload)
        .await
        .ok()??;
    let path = crate::uploads::repo::folder(&state.data_dir).join(&row.stored_name);
    tokio::fs::read(path).await.ok()
}
