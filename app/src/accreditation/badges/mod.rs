//! Badges of approved designations (issue #5): `GET /accreditation/badges/{id}` answers the PDF
//! (issuing the badge the first time), a re-print issues a new serial (the older badge stops
//! being valid), and the QR code carries only `{public url}/verify/{serial}.{signature}`: a
//! random serial and its HMAC-SHA256 under a key the application generates once and keeps in
//! the database (`app_secrets`), so that a forged code is refused without a lookup and no
//! personal data is in the code.
pub mod pdf;

use super::domain::{self as rules, BadgeState, DesignationStatus, DutyStation};
use super::repo::DesignationRow;
use crate::AppError;
use crate::actor::Actor;
use crate::ssr::session::SessionUser;
use crate::ssr::{AppState, Db};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use pdf::{BadgeContent, render_badge};
use sha2::Sha256;
use sqlx::Executor;

type Any = sqlx::Any;

const KEY_NAME: &str = "badge_signing_key";
/// Crockford's base 32: no I, L, O, U (nothing to misread on a printed badge).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Bytes of a serial and of a signature (80 bits each: 16 characters).
const SERIAL_BYTES: usize = 10;
const SIGNATURE_BYTES: usize = 10;

/// Base 32 (Crockford) of whole 5-byte groups.
fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut n: u64 = 0;
        for b in chunk {
            n = (n << 8) | u64::from(*b);
        }
        let bits = chunk.len() * 8;
        n <<= (5 - chunk.len()) * 8;
        for i in 0..bits.div_ceil(5) {
            out.push(ALPHABET[((n >> (35 - 5 * i)) & 31) as usize] as char);
        }
    }
    out
}

/// A new random serial.
pub fn new_serial() -> String {
    let mut bytes = [0u8; SERIAL_BYTES];
    OsRng.fill_bytes(&mut bytes);
    base32(&bytes)
}

fn mac(key: &[u8], serial: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"passerelle-badge-v1:");
    mac.update(serial.as_bytes());
    mac
}

/// The signed code of a serial: `{serial}.{signature}`.
pub fn token(key: &[u8], serial: &str) -> String {
    let tag = mac(key, serial).finalize().into_bytes();
    format!("{serial}.{}", base32(&tag[..SIGNATURE_BYTES]))
}

/// The serial of a code whose signature is right (compared in constant time); `None` else.
pub fn verify_token(key: &[u8], token: &str) -> Option<String> {
    let (serial, signature) = token.trim().split_once('.')?;
    if serial.len() != 16 || signature.len() != 16 {
        return None;
    }
    let expected = mac(key, serial).finalize().into_bytes();
    let expected = base32(&expected[..SIGNATURE_BYTES]);
    // Constant time: every byte is compared.
    let same = expected
        .bytes()
        .zip(signature.to_ascii_uppercase().bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0;
    same.then(|| serial.to_string())
}

/// The serial as printed under the QR code: `XXXX-XXXX` (its first 8 characters).
pub fn short_serial(serial: &str) -> String {
    let s: String = serial.chars().take(8).collect();
    match s.get(..4) {
        Some(head) => format!("{head}-{}", &s[4..]),
        None => s,
    }
}

/// The signing key, generated on first use (the first instance to write it wins; later calls
/// only read it).
pub async fn signing_key(db: &Db) -> Result<Vec<u8>, sqlx::Error> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = $1")
            .bind(KEY_NAME)
            .fetch_optional(db)
            .await?;
    if let Some(hex) = stored {
        return Ok(from_hex(&hex));
    }
    let mut fresh = [0u8; 32];
    OsRng.fill_bytes(&mut fresh);
    sqlx::query(
        "INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(KEY_NAME)
    .bind(crate::ssr::session::hex(&fresh))
    .execute(db)
    .await?;
    let hex: String = sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = $1")
        .bind(KEY_NAME)
        .fetch_one(db)
        .await?;
    Ok(from_hex(&hex))
}

fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BadgeRow {
    pub id: i64,
    pub designation_id: i64,
    pub serial: String,
}

/// The badge in force of a designation (the last printed).
pub async fn current<'e, E>(db: E, designation_id: i64) -> Result<Option<BadgeRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, designation_id, serial FROM badges WHERE designation_id = $1
         ORDER BY id DESC LIMIT 1",
    )
    .bind(designation_id)
    .fetch_optional(db)
    .await
}

pub async fn by_serial<'e, E>(db: E, serial: &str) -> Result<Option<BadgeRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as("SELECT id, designation_id, serial FROM badges WHERE serial = $1")
        .bind(serial)
        .fetch_optional(db)
        .await
}

/// Issues a badge (a new serial) and records it: `badge_printed` the first time,
/// `badge_reprinted` after.
pub async fn issue(
    conn: &mut sqlx::AnyConnection,
    designation_id: i64,
    by: i64,
) -> Result<BadgeRow, sqlx::Error> {
    let before = current(&mut *conn, designation_id).await?;
    let serial = new_serial();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO badges (designation_id, serial, printed_by, printed_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(designation_id)
    .bind(&serial)
    .bind(by)
    .bind(crate::ssr::db::now_millis())
    .fetch_one(&mut *conn)
    .await?;
    crate::audit::repo::record(
        &mut *conn,
        &crate::audit::Change::new(
            "designation",
            designation_id,
            if before.is_some() {
                "badge_reprinted"
            } else {
                "badge_printed"
            },
        )
        .by(by),
    )
    .await?;
    Ok(BadgeRow {
        id,
        designation_id,
        serial,
    })
}

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
        super::rights::designator(db, actor.user_id, row.organisation_id, role, station)
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
struct Labels {
    heading: &'static str,
    validity: &'static str,
    serial: &'static str,
    annual: &'static str,
    temporary: &'static str,
}

fn labels(locale: &str) -> Labels {
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

fn type_text(locale: &str, code: &str) -> &'static str {
    use super::domain::RepresentativeType as T;
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

fn station_text(locale: &str, code: &str) -> &'static str {
    match (code, locale) {
        ("new_york", "es") => "Nueva York",
        ("new_york", _) => "New York",
        ("geneva", "en") => "Geneva",
        ("geneva", "es") => "Ginebra",
        ("geneva", _) => "Genève",
        (_, "en") => "Vienna",
        (_, "es") => "Viena",
        _ => "Vienne",
    }
}

fn day(iso: &str) -> String {
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
        duty_station: station_text(locale, &row.duty_station).to_string(),
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

fn refused(status: StatusCode, text: &'static str) -> Response {
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

async fn badge_pdf(state: &AppState, user: &SessionUser, id: i64) -> Result<Vec<u8>, AppError> {
    let db = &state.db;
    let row = super::repo::designation(db, id)
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

async fn photo_bytes(state: &AppState, upload: i64) -> Option<Vec<u8>> {
    let row = crate::uploads::repo::upload(&state.db, upload)
        .await
        .ok()??;
    let path = crate::uploads::repo::folder(&state.data_dir).join(&row.stored_name);
    tokio::fs::read(path).await.ok()
}

/// What a scanned code says, without personal data.
pub async fn verify(db: &Db, code: &str) -> Result<super::domain::BadgeCheck, AppError> {
    use super::domain::BadgeCheck;
    let key = signing_key(db).await?;
    let unknown = BadgeCheck {
        state: "unknown".into(),
        ..Default::default()
    };
    let Some(serial) = verify_token(&key, code) else {
        return Ok(unknown);
    };
    let Some(badge) = by_serial(db, &serial).await? else {
        return Ok(unknown);
    };
    let Some(row) = super::repo::designation(db, badge.designation_id).await? else {
        return Ok(unknown);
    };
    let latest = current(db, row.id).await?.map(|b| b.id);
    let status = row.status().unwrap_or(DesignationStatus::Draft);
    let until = chrono::NaiveDate::parse_from_str(&row.valid_until, "%Y-%m-%d")
        .map_err(|_| AppError::Internal)?;
    let state = if latest != Some(badge.id) {
        "replaced".to_string()
    } else {
        serde_json::to_value(rules::badge_state(status, until, crate::ssr::db::today()))
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "unknown".into())
    };
    let organisation = crate::organisations::repo::organisation(db, row.organisation_id)
        .await?
        .map(|o| o.legal_name)
        .unwrap_or_default();
    Ok(BadgeCheck {
        state,
        organisation,
        representative_type: row.representative_type,
        duty_station: row.duty_station,
        pass_kind: row.pass_kind,
        valid_from: row.valid_from,
        valid_until: row.valid_until,
        serial: short_serial(&serial),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_sixteen_unambiguous_characters() {
        let s = new_serial();
        assert_eq!(s.len(), 16);
        assert!(s.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(s, new_serial());
        assert_eq!(base32(&[0; 5]), "00000000");
        assert_eq!(base32(&[0xff; 5]), "ZZZZZZZZ");
        assert_eq!(short_serial("ABCDEFGH12345678"), "ABCD-EFGH");
    }

    #[test]
    fn only_a_code_signed_with_the_key_verifies() {
        let key = b"0123456789abcdef0123456789abcdef";
        let serial = new_serial();
        let t = token(key, &serial);
        assert_eq!(verify_token(key, &t), Some(serial.clone()));
        assert_eq!(
            verify_token(key, &t.to_lowercase()),
            None,
            "serials are exact"
        );
        assert_eq!(verify_token(b"another key", &t), None);
        let (s, sig) = t.split_once('.').unwrap();
        let mut forged = sig.to_string();
        let last = if forged.ends_with('0') { '1' } else { '0' };
        forged.pop();
        forged.push(last);
        assert_eq!(verify_token(key, &format!("{s}.{forged}")), None);
        assert_eq!(verify_token(key, &format!("{}.{sig}", new_serial())), None);
        for junk in ["", ".", "abc", "x.y", "ÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀ.ÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀ"]
        {
            assert_eq!(verify_token(key, junk), None);
        }
    }

    #[test]
    fn the_verification_url_carries_no_personal_data() {
        let key = b"k";
        let t = token(key, "ABCDEFGHJKMNPQRS");
        assert!(t.starts_with("ABCDEFGHJKMNPQRS."));
        assert_eq!(t.len(), 33);
    }
}
