//! Pure accreditation rules (PRODUCT.md §3, seed 000): duty stations, pass and representative
//! types, designation states, quotas, the same-person rule, badge validity, the one designation
//! form validator (server and browser), copy, annual renewal, badge verification, room-booking
//! overlaps. No I/O: the database transaction re-checks quotas under concurrent submissions.
use crate::error::FieldError;
use crate::fields::EmailAddress;
use crate::fields::Fields;
use crate::fields::FormErrors;
use crate::fields::email_error_code;
use crate::fields::parse_optional_text;
use crate::fields::parse_required_text;
use crate::fields::text_error_code;
use crate::organisations::domain::parse_country;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::code_enum;

code_enum! {
    /// The three duty stations where representatives are accredited.
    DutyStation { NewYork = "new_york", Geneva = "geneva", Vienna = "vienna" }
}
code_enum! {
    /// The level of representation (seed 000, step 4); the seed has no other type, for
    /// temporary passes either.
    RepresentativeType {
        PresidentChiefExecutive = "president_chief_executive",
        AdministrativeDirector = "administrative_director",
        PrincipalRepresentative = "principal_representative",
        AdditionalRepresentative = "additional_representative",
    }
}
code_enum! {
    /// The badge asked for: annual, or temporary (for an event).
    PassKind { Annual = "annual", Temporary = "temporary" }
}
code_enum! {
    /// Mr or Ms only: not Dr, Prof or a function (seed 000, step 6).
    Title { Mr = "mr", Ms = "ms" }
}
code_enum! {
    /// How the secretariat writes to the representative.
    CommunicationPreference { Email = "email", Fax = "fax", Post = "post" }
}
code_enum! {
    /// Sex as the seed's form asks it (Homme, Femme).
    Sex { Female = "female", Male = "male" }
}
code_enum! {
    /// The states of a designation (PRODUCT.md §3), and no other.
    DesignationStatus {
        Draft = "draft",
        Submitted = "submitted",
        Approved = "approved",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
        Revoked = "revoked",
        Expired = "expired",
    }
}
code_enum! {
    /// What may happen to a designation; `transition` says from which state.
    DesignationAction {
        /// The organisation changes a draft.
        Edit = "edit",
        /// The organisation sends a draft to the secretariat.
        Submit = "submit",
        /// The secretariat accepts a submitted designation.
        Approve = "approve",
        /// The secretariat refuses a submitted designation, with a reason.
        Reject = "reject",
        /// The organisation withdraws a submitted or approved designation.
        Withdraw = "withdraw",
        /// The secretariat revokes an approved designation, with a reason.
        Revoke = "revoke",
        /// The system ends an approved designation after its valid-until date.
        Expire = "expire",
    }
}

/// Which side performs an action (who exactly may is the policy's question).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Organisation,
    Secretariat,
    System,
}

impl DesignationAction {
    /// Rule: the organisation edits, submits and withdraws; the secretariat approves, rejects
    /// and revokes; only the system expires.
    pub fn actor(self) -> Actor {
        match self {
            Self::Edit | Self::Submit | Self::Withdraw => Actor::Organisation,
            Self::Approve | Self::Reject | Self::Revoke => Actor::Secretariat,
            Self::Expire => Actor::System,
        }
    }

    /// Rule: a rejection and a revocation give a reason (shown to the organisation, mailed).
    pub fn requires_reason(self) -> bool {
        matches!(self, Self::Reject | Self::Revoke)
    }
}

pub const REASON_MAX_CHARS: usize = 1000;

/// Rule: the reason of an action (field `reason`): required to reject or revoke, else optional.
pub fn parse_reason(action: DesignationAction, input: &str) -> Result<Option<String>, FieldError> {
    let parsed = if action.requires_reason() {
        parse_required_text(input, REASON_MAX_CHARS).map(Some)
    } else {
        parse_optional_text(input, REASON_MAX_CHARS)
    };
    parsed.map_err(|e| FieldError::new("reason", text_error_code(e)))
}

/// An action the designation's state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionError {
    pub from: DesignationStatus,
    pub action: DesignationAction,
}

impl TransitionError {
    /// A form-level error (field `_`, code `transition_not_allowed`).
    pub fn field_error(self) -> FieldError {
        FieldError::new("_", "transition_not_allowed")
    }
}

/// Rule (PRODUCT.md §3): draft → submitted → approved | rejected; submitted/approved →
/// withdrawn; approved → revoked; approved → expired; only a draft is edited. Rejected,
/// withdrawn, revoked and expired are final.
pub fn transition(
    from: DesignationStatus,
    action: DesignationAction,
) -> Result<DesignationStatus, TransitionError> {
    use DesignationAction as A;
    use DesignationStatus as S;
    match (from, action) {
        (S::Draft, A::Edit) => Ok(S::Draft),
        (S::Draft, A::Submit) => Ok(S::Submitted),
        (S::Submitted, A::Approve) => Ok(S::Approved),
        (S::Submitted, A::Reject) => Ok(S::Rejected),
        (S::Submitted | S::Approved, A::Withdraw) => Ok(S::Withdrawn),
        (S::Approved, A::Revoke) => Ok(S::Revoked),
        (S::Approved, A::Expire) => Ok(S::Expired),
        _ => Err(TransitionError { from, action }),
    }
}

/// Rule: submitted and approved designations are active: they count toward quotas and the
/// same-person rule, and are not offered for copy.
pub fn is_active(status: DesignationStatus) -> bool {
    matches!(
        status,
        DesignationStatus::Submitted | DesignationStatus::Approved
    )
}

/// Rule: only an ended designation (rejected, withdrawn, revoked, expired) may be copied; not an
/// active one, nor a draft (a draft is edited).
pub fn may_copy(status: DesignationStatus) -> bool {
    use DesignationStatus as S;
    matches!(status, S::Rejected | S::Withdrawn | S::Revoked | S::Expired)
}

/// Rule: the "inactive representatives" list: ended designations, and those of a past year that
/// left the draft state (an approved one the expiry job has not reached yet included).
pub fn is_inactive_representative(status: DesignationStatus, year: i32, this_year: i32) -> bool {
    may_copy(status) || (year < this_year && status != DesignationStatus::Draft)
}

/// Rule: an approved designation expires once its valid-until date has passed.
pub fn should_expire(status: DesignationStatus, valid_until: NaiveDate, today: NaiveDate) -> bool {
    status == DesignationStatus::Approved && today > valid_until
}

/// Rule (PRODUCT.md §3): only an organisation in consultative status designates
/// representatives (`no_consultative_status`).
pub fn may_apply(consultative_status: Option<&str>) -> Result<(), FieldError> {
    match consultative_status {
        Some(s) if !s.is_empty() => Ok(()),
        _ => Err(FieldError::new("_", "no_consultative_status")),
    }
}

/// The number of weeks the secretariat's chart shows.
pub const CHART_WEEKS: usize = 12;

/// The chart's span (dashboard): from `chart_start(now)` included to `now` excluded, in weeks of
/// `WEEK_MS` — week `i` holds the times `t` with `(t - start) / WEEK_MS == i`. The database
/// counts per week with the same arithmetic (`repo::weekly_submissions`).
pub fn chart_start(now: i64) -> i64 {
    now - (CHART_WEEKS as i64) * WEEK_MS
}

/// The length of one week of the chart, in ms.
pub const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;

/// Rule (dashboard): submissions per week over the last `CHART_WEEKS` weeks ending at `now`
/// (epoch ms), oldest first; each bucket is (week start, count). Times outside are ignored.
pub fn weekly_counts(times: &[i64], now: i64) -> Vec<(i64, u32)> {
    let first = chart_start(now);
    let mut per_week: Vec<(i64, i64)> = vec![];
    for t in times {
        if *t < first || *t >= now {
            continue;
        }
        per_week.push(((t - first) / WEEK_MS, 1));
    }
    weekly_from_counts(&per_week, now)
}

/// The chart's buckets from counts per week index (what the database answers): (week start,
/// count), oldest first; indexes outside the chart are ignored.
pub fn weekly_from_counts(per_week: &[(i64, i64)], now: i64) -> Vec<(i64, u32)> {
    let first = chart_start(now);
    let mut buckets: Vec<(i64, u32)> = (0..CHART_WEEKS as i64)
        .map(|i| (first + i * WEEK_MS, 0))
        .collect();
    for (week, n) in per_week {
        if let Some(b) = usize::try_from(*week).ok().and_then(|i| buckets.get_mut(i)) {
            b.1 += u32::try_from(*n).unwrap_or(u32::MAX);
        }
    }
    buckets
}

mod form;
mod quota;
mod validity;

pub use form::*;
pub use quota::*;
pub use validity::*;

#[cfg(test)]
mod tests;
