//! What a scanned code says, without personal data.
use super::{repo::*, token::*};
use crate::AppError;
use crate::accreditation::domain::{self as rules, BadgeVerdict, DesignationStatus};
use crate::ssr::Db;

/// What a scanned code says, without personal data.
pub async fn verify(
    db: &Db,
    code: &str,
) -> Result<crate::accreditation::domain::BadgeCheck, AppError> {
    use crate::accreditation::domain::BadgeCheck;
    let key = signing_key(db).await?;
    let unknown = BadgeCheck::default();
    let Some(serial) = verify_token(&key, code) else {
        return Ok(unknown);
    };
    let Some(badge) = by_serial(db, &serial).await? else {
        return Ok(unknown);
    };
    let Some(row) = crate::accreditation::repo::designation(db, badge.designation_id).await? else {
        return Ok(unknown);
    };
    let latest = current(db, row.id).await?.map(|b| b.id);
    let status = row.status().unwrap_or(DesignationStatus::Draft);
    let until = chrono::NaiveDate::parse_from_str(&row.valid_until, "%Y-%m-%d")
        .map_err(|_| AppError::Internal)?;
    let state = if latest != Some(badge.id) {
        BadgeVerdict::Replaced
    } else {
        rules::badge_state(status, until, crate::ssr::db::today()).into()
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
