//! Pure extranet rules: the registration states (seed 002) and what a validated person becomes.
use crate::organisations::domain::MemberRole;
use serde::{Deserialize, Serialize};

/// An extranet registration: pending until the extranet secretariat validates or rejects it.
/// The account can sign in only once validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    Pending,
    Validated,
    Rejected,
}

impl RegistrationStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Validated => "validated",
            Self::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Pending, Self::Validated, Self::Rejected]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// A registration is decided once, from pending.
    pub fn can_transition_to(self, next: Self) -> bool {
        self == Self::Pending && next != Self::Pending
    }
}

/// The role a validated person gets in their organisation: its first member administers it;
/// otherwise they read until an administrator gives them more.
pub fn member_role_on_validation(organisation_has_administrator: bool) -> MemberRole {
    if organisation_has_administrator {
        MemberRole::Reader
    } else {
        MemberRole::Administrator
    }
}

/// A rejection always says why (the reason is mailed to the person).
pub fn parse_rejection_reason(input: &str) -> Result<String, &'static str> {
    match crate::accounts::domain::parse_required_text(input, crate::audit::MAX_REASON_CHARS) {
        Ok(r) => Ok(r),
        Err(crate::accounts::domain::TextError::Required) => Err("reason_required"),
        Err(e) => Err(crate::accounts::domain::text_error_code(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RegistrationStatus::*;

    #[test]
    fn a_registration_is_decided_once() {
        assert!(Pending.can_transition_to(Validated));
        assert!(Pending.can_transition_to(Rejected));
        assert!(!Rejected.can_transition_to(Validated));
        assert!(!Validated.can_transition_to(Rejected));
    }

    #[test]
    fn the_first_member_administers_the_organisation() {
        assert_eq!(member_role_on_validation(false), MemberRole::Administrator);
        assert_eq!(member_role_on_validation(true), MemberRole::Reader);
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        assert_eq!(parse_rejection_reason("  "), Err("reason_required"));
        assert_eq!(
            parse_rejection_reason(" unknown body "),
            Ok("unknown body".into())
        );
    }
}
