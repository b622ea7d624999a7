//! Support requests ("ask for help"): categories and states.
use crate::code_enum;

code_enum! {
    /// What the person needs.
    Category {
        LostAccess = "lost_access",
        NonEditableInformation = "non_editable_information",
        DuplicateProfile = "duplicate_profile",
        Other = "other",
    }
}

code_enum! {
    /// A request: open, taken in hand, resolved; its requester may reopen it for 14 days.
    RequestStatus {
        Open = "open",
        InProgress = "in_progress",
        Resolved = "resolved",
        Reopened = "reopened",
    }
}

/// How long after it was resolved a request may be reopened.
pub const REOPEN_DAYS: i64 = 14;

impl RequestStatus {
    /// The help desk's moves (reopening is the requester's: `may_reopen`).
    pub fn can_transition_to(self, next: Self) -> bool {
        use RequestStatus::*;
        matches!(
            (self, next),
            (Open | Reopened, InProgress)
                | (Open | InProgress | Reopened, Resolved)
                | (Resolved, Reopened)
        )
    }
}

/// The requester reopens a resolved request within `REOPEN_DAYS` of its resolution.
pub fn may_reopen(
    status: RequestStatus,
    resolved_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    status == RequestStatus::Resolved && now - resolved_at <= chrono::Duration::days(REOPEN_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn requests_move_forward_and_reopen_for_fourteen_days() {
        use RequestStatus::*;
        assert!(Open.can_transition_to(InProgress));
        assert!(InProgress.can_transition_to(Resolved));
        assert!(Resolved.can_transition_to(Reopened));
        assert!(Reopened.can_transition_to(InProgress));
        assert!(!Resolved.can_transition_to(Open));
        assert!(!InProgress.can_transition_to(Open));
        let resolved = Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0).unwrap();
        assert!(may_reopen(
            Resolved,
            resolved,
            resolved + Duration::days(14)
        ));
        assert!(!may_reopen(
            Resolved,
            resolved,
            resolved + Duration::days(14) + Duration::seconds(1)
        ));
        assert!(!may_reopen(InProgress, resolved, resolved));
    }
}
