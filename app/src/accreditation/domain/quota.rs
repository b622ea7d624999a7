//! Quotas per organisation, duty station and year, and the same-person rule across stations.
use super::*;

/// A person as the same-person rule compares them: last and first name folded by `fold_name`,
/// and the date of birth. The middle initial is ignored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonIdentity {
    pub last_name: String,
    pub first_name: String,
    pub date_of_birth: NaiveDate,
}

impl PersonIdentity {
    pub fn new(first_name: &str, last_name: &str, date_of_birth: NaiveDate) -> Self {
        let (last_name, first_name) = (fold_name(last_name), fold_name(first_name));
        Self {
            last_name,
            first_name,
            date_of_birth,
        }
    }
}

pub use crate::fields::fold_name;

/// One of the organisation's designations, as the quota and same-person rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingDesignation {
    pub id: i64,
    pub duty_station: DutyStation,
    pub year: i32,
    pub representative_type: RepresentativeType,
    pub pass_kind: PassKind,
    pub status: DesignationStatus,
    pub person: PersonIdentity,
}

/// Rule (seed 000): annual passes per organisation, duty station and year: 1 President/Chief
/// executive, 1 Administrative director, 1 Principal representative, 4 Additional
/// representatives. Temporary passes have no quota.
pub fn quota_of(rep_type: RepresentativeType, pass: PassKind) -> Option<u32> {
    match (pass, rep_type) {
        (PassKind::Temporary, _) => None,
        (PassKind::Annual, RepresentativeType::AdditionalRepresentative) => Some(4),
        (PassKind::Annual, _) => Some(1),
    }
}

/// A full quota: which one, its limit, and the designations that use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaFull {
    pub representative_type: RepresentativeType,
    pub limit: u32,
    pub used_by: Vec<i64>,
}

impl QuotaFull {
    /// E.g. `quota_full_additional_representative` on `representative_type` (so shown at the
    /// top of the page and next to the type); the page lists `used_by` itself.
    pub fn field_error(&self) -> FieldError {
        let code = format!("quota_full_{}", self.representative_type.as_str());
        FieldError::new("representative_type", &code)
    }
}

/// Rule: a new annual designation fits its quota. `existing`: the organisation's designations
/// (any station, any year); the active annual ones of the type at `duty_station` in `year`
/// count. The designation being submitted is still a draft, so it never counts itself.
pub fn check_quota(
    rep_type: RepresentativeType,
    pass: PassKind,
    duty_station: DutyStation,
    year: i32,
    existing: &[ExistingDesignation],
) -> Result<(), QuotaFull> {
    let Some(limit) = quota_of(rep_type, pass) else {
        return Ok(());
    };
    let used_by: Vec<i64> = existing
        .iter()
        .filter(|d| d.representative_type == rep_type && d.pass_kind == PassKind::Annual)
        .filter(|d| d.duty_station == duty_station && d.year == year && is_active(d.status))
        .map(|d| d.id)
        .collect();
    if used_by.len() < limit as usize {
        return Ok(());
    }
    Err(QuotaFull {
        representative_type: rep_type,
        limit,
        used_by,
    })
}

/// Rule (seed 000, step 4): the President/Chief executive and the Administrative director are
/// the same person in all three duty stations.
pub fn same_person_everywhere(rep_type: RepresentativeType) -> bool {
    use RepresentativeType as R;
    matches!(
        rep_type,
        R::PresidentChiefExecutive | R::AdministrativeDirector
    )
}

/// Another person holds the role this year, in designation `held_by` at `duty_station`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSamePerson {
    pub representative_type: RepresentativeType,
    pub held_by: i64,
    pub duty_station: DutyStation,
}

impl NotSamePerson {
    /// E.g. `not_same_person_administrative_director`, next to the last name.
    pub fn field_error(&self) -> FieldError {
        let code = format!("not_same_person_{}", self.representative_type.as_str());
        FieldError::new("last_name", &code)
    }
}

/// Rule: a President/Chief executive or Administrative director is the person who holds that
/// role in every active designation of the same year, at any station (any pass kind).
pub fn check_same_person_across_stations(
    rep_type: RepresentativeType,
    year: i32,
    person: &PersonIdentity,
    existing: &[ExistingDesignation],
) -> Result<(), NotSamePerson> {
    if !same_person_everywhere(rep_type) {
        return Ok(());
    }
    let other = existing.iter().find(|d| {
        d.representative_type == rep_type
            && d.year == year
            && is_active(d.status)
            && d.person != *person
    });
    match other {
        Some(d) => Err(NotSamePerson {
            representative_type: rep_type,
            held_by: d.id,
            duty_station: d.duty_station,
        }),
        None => Ok(()),
    }
}

/// Rule: designating a President/Chief executive or Administrative director proposes the
/// holder at another station: the active designation of that role and year elsewhere,
/// approved before submitted, then the latest (highest id). Pre-fill with `prefill_from`.
pub fn proposed_person(
    rep_type: RepresentativeType,
    year: i32,
    duty_station: DutyStation,
    existing: &[ExistingDesignation],
) -> Option<&ExistingDesignation> {
    if !same_person_everywhere(rep_type) {
        return None;
    }
    existing
        .iter()
        .filter(|d| d.representative_type == rep_type && d.year == year && is_active(d.status))
        .filter(|d| d.duty_station != duty_station)
        .max_by_key(|d| (d.status == DesignationStatus::Approved, d.id))
}
