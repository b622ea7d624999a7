//! Badge validity, accreditation rights, badge states and room-booking overlaps.
use super::*;

pub(super) fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

pub(super) fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The validity a new form offers, as the seed's form does: from today to 31 December.
pub fn default_validity(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today, year_end(today.year()))
}

/// Rule (seed 000, step 5): from ≤ until ≤ 31 December of the current year (that of `today`),
/// from not before 1 January of it; a temporary pass does not start in the past. Codes:
/// `valid_from`: `from_before_year_start`, `from_after_year_end`, `from_in_past`;
/// `valid_until`: `until_before_from`, `until_after_year_end`.
pub fn check_validity(
    from: NaiveDate,
    until: NaiveDate,
    today: NaiveDate,
    pass: PassKind,
) -> Result<(), Vec<FieldError>> {
    let (start, end) = (year_start(today.year()), year_end(today.year()));
    let mut errors = Vec::new();
    if from < start {
        errors.push(FieldError::new("valid_from", "from_before_year_start"));
    } else if from > end {
        errors.push(FieldError::new("valid_from", "from_after_year_end"));
    } else if pass == PassKind::Temporary && from < today {
        errors.push(FieldError::new("valid_from", "from_in_past"));
    }
    if until < from {
        errors.push(FieldError::new("valid_until", "until_before_from"));
    } else if until > end {
        errors.push(FieldError::new("valid_until", "until_after_year_end"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Rule: accreditation rights (the "yes" box) go to an annual Principal representative only.
pub fn may_hold_rights(rep_type: RepresentativeType, pass: PassKind) -> bool {
    rep_type == RepresentativeType::PrincipalRepresentative && pass == PassKind::Annual
}

/// Rule: the person of a designation may request temporary passes and book rooms at its duty
/// station while it is an approved, unexpired annual Principal representative with rights.
pub fn holds_accreditation_rights(
    rep_type: RepresentativeType,
    pass: PassKind,
    status: DesignationStatus,
    rights_granted: bool,
    valid_until: NaiveDate,
    today: NaiveDate,
) -> bool {
    rights_granted
        && may_hold_rights(rep_type, pass)
        && status == DesignationStatus::Approved
        && today <= valid_until
}

/// What the public verification page says of a scanned badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadgeState {
    Valid,
    Expired,
    Revoked,
    Withdrawn,
    /// Never approved (draft, submitted, rejected): no badge was issued.
    NotIssued,
}

crate::code_enum! {
    /// What a scanned code says: the badge's state, `replaced` when a re-print exists, or
    /// `unknown` (a code we did not sign, or no such badge).
    BadgeVerdict {
        Valid = "valid",
        Expired = "expired",
        Revoked = "revoked",
        Withdrawn = "withdrawn",
        NotIssued = "not_issued",
        Replaced = "replaced",
        Unknown = "unknown",
    }
}

// `code_enum!` writes the derives, so `Default` is by hand.
#[allow(clippy::derivable_impls)]
impl Default for BadgeVerdict {
    fn default() -> Self {
        Self::Unknown
    }
}

impl From<BadgeState> for BadgeVerdict {
    fn from(s: BadgeState) -> Self {
        match s {
            BadgeState::Valid => Self::Valid,
            BadgeState::Expired => Self::Expired,
            BadgeState::Revoked => Self::Revoked,
            BadgeState::Withdrawn => Self::Withdrawn,
            BadgeState::NotIssued => Self::NotIssued,
        }
    }
}

/// Rule: a badge is valid while approved and not past valid-until; past it, it is expired even
/// before the expiry job ran.
pub fn badge_state(status: DesignationStatus, until: NaiveDate, today: NaiveDate) -> BadgeState {
    use DesignationStatus as S;
    match status {
        S::Approved if today <= until => BadgeState::Valid,
        S::Approved | S::Expired => BadgeState::Expired,
        S::Revoked => BadgeState::Revoked,
        S::Withdrawn => BadgeState::Withdrawn,
        S::Draft | S::Submitted | S::Rejected => BadgeState::NotIssued,
    }
}

/// Rule: two half-open slots [start, end) overlap when they share an instant; an empty slot
/// overlaps nothing, back-to-back slots do not overlap.
pub fn overlaps<T: Ord>(a_start: T, a_end: T, b_start: T, b_end: T) -> bool {
    a_start < a_end && b_start < b_end && a_start < b_end && b_start < a_end
}

/// Rule: a booking ends after it starts (field `ends_at`, code `end_not_after_start`).
pub fn check_booking_slot<T: Ord>(start: T, end: T) -> Result<(), FieldError> {
    if start < end {
        Ok(())
    } else {
        Err(FieldError::new("ends_at", "end_not_after_start"))
    }
}

/// Rule: two bookings of one room never overlap: the id of a booking `(id, start, end)` of the
/// room that the new slot overlaps, if any (the caller answers `room_taken`).
pub fn conflicting_booking<T: Ord + Copy>(
    start: T,
    end: T,
    bookings: &[(i64, T, T)],
) -> Option<i64> {
    let mut hits = bookings
        .iter()
        .filter(|(_, s, e)| overlaps(start, end, *s, *e));
    hits.next().map(|(id, _, _)| *id)
}

/// What the public verification page says of a scanned badge: no personal data. `state` is
/// `valid`, `expired`, `revoked`, `withdrawn`, `not_issued`, `replaced` (a re-print exists) or
/// `unknown` (a code we did not sign, or no such badge).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeCheck {
    pub state: BadgeVerdict,
    pub organisation: String,
    pub representative_type: String,
    pub duty_station: String,
    pub pass_kind: String,
    pub valid_from: String,
    pub valid_until: String,
    pub serial: String,
}
