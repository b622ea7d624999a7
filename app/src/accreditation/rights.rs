//! Accreditation rights (seed 000 step 4): the account whose address an approved annual
//! Principal representative's designation names, with the "yes" box ticked, may request
//! temporary passes and book meeting rooms at that duty station. One place decides who may
//! write a designation: the organisation's administrators and editors, or a rights holder for
//! their own temporary passes.
use super::domain::{self as rules, DutyStation, PassKind, RepresentativeType};
use super::repo::DesignationRow;
use super::rooms::repo::{self as rooms_repo, RightsRow};
use crate::AppError;
use crate::organisations::domain::MemberRole;
use crate::ssr::Db;

/// The rights a person holds today, one per organisation and duty station.
pub async fn current_rights(db: &Db, user_id: i64) -> Result<Vec<RightsRow>, AppError> {
    let Some(person) = crate::accounts::repo::person(db, user_id).await? else {
        return Ok(vec![]);
    };
    let today = crate::ssr::db::today();
    let rows = rooms_repo::rights_of(db, &person.email).await?;
    Ok(rows
        .into_iter()
        .filter(|r| {
            let (Some(rep), Some(pass), Some(status), Ok(until)) = (
                RepresentativeType::parse(&r.representative_type),
                PassKind::parse(&r.pass_kind),
                rules::DesignationStatus::parse(&r.status),
                chrono::NaiveDate::parse_from_str(&r.valid_until, "%Y-%m-%d"),
            ) else {
                return false;
            };
            rules::holds_accreditation_rights(rep, pass, status, true, until, today)
        })
        .collect())
}

/// The rights a person holds at one organisation's duty station, if any.
pub async fn rights_at(
    db: &Db,
    user_id: i64,
    organisation_id: i64,
    station: DutyStation,
) -> Result<Option<RightsRow>, AppError> {
    Ok(current_rights(db, user_id)
        .await?
        .into_iter()
        .find(|r| r.organisation_id == organisation_id && r.duty_station == station.as_str()))
}

/// Who writes a designation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Designator {
    /// An administrator or editor of the organisation: any designation of it.
    Member,
    /// The holder of accreditation rights at the station: their own temporary passes only.
    RightsHolder,
}

/// Rule: who may write designations of an organisation at a station (authorisation).
pub async fn designator(
    db: &Db,
    user_id: i64,
    organisation_id: i64,
    role: Option<MemberRole>,
    station: DutyStation,
) -> Result<Designator, AppError> {
    if crate::accreditation::policy::may_designate(role).is_ok() {
        return Ok(Designator::Member);
    }
    match rights_at(db, user_id, organisation_id, station).await? {
        Some(_) => Ok(Designator::RightsHolder),
        None => Err(AppError::Forbidden),
    }
}

impl Designator {
    /// Rule: a rights holder requests temporary passes only (field `pass_kind`).
    pub fn may_request(self, pass: PassKind) -> Result<(), AppError> {
        match (self, pass) {
            (Designator::RightsHolder, PassKind::Annual) => {
                Err(AppError::Invalid(vec![crate::error::FieldError::new(
                    "pass_kind",
                    "rights_temporary_only",
                )]))
            }
            _ => Ok(()),
        }
    }

    /// Rule: a rights holder sees and changes only the temporary passes they requested
    /// (others are "not found": their existence is not told).
    pub fn may_touch(self, row: &DesignationRow, user_id: i64) -> Result<(), AppError> {
        match self {
            Designator::Member => Ok(()),
            Designator::RightsHolder
                if row.created_by == user_id && row.pass_kind == PassKind::Temporary.as_str() =>
            {
                Ok(())
            }
            Designator::RightsHolder => Err(AppError::NotFound),
        }
    }
}
