//! Pure extranet rules: the registration states (seed 002) and what a validated person becomes.
use crate::code_enum;
use crate::organisations::domain::MemberRole;

code_enum! {
    /// An extranet registration: pending until the extranet secretariat validates or rejects it.
    /// The account can sign in only once validated.
    RegistrationStatus {
        Pending = "pending",
        Validated = "validated",
        Rejected = "rejected",
    }
}

impl RegistrationStatus {
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
    match crate::fields::parse_required_text(input, crate::audit::MAX_REASON_CHARS) {
        Ok(r) => Ok(r),
        Err(crate::fields::TextError::Required) => Err("reason_required"),
        Err(e) => Err(crate::fields::text_error_code(e)),
    }
}

/// Whether a registration's organisation is probably one already registered, so that the
/// secretariat is offered to attach the person to it instead of creating a duplicate: the one
/// name rule (`organisations::duplicates`) at `SIMILAR_NAME` ("Ville de Lyon" and "Ville de Lyon
/// (Métropole)"; not "Ville de Lyon" and "Ville de Lille").
pub fn similar_organisation_names(a: &str, b: &str) -> bool {
    use crate::organisations::duplicates::{SIMILAR_NAME, name_similarity};
    name_similarity(a, b) >= SIMILAR_NAME
}

/// How many similar organisations the secretariat is shown for one registration.
pub const MAX_SIMILAR_ORGANISATIONS: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;
    use RegistrationStatus::*;

    #[test]
    fn names_that_are_probably_the_same_organisation() {
        for (a, b) in [
            ("Ville de Lyon", "Ville de Lyon (Métropole)"),
            ("Mairie de Dakar", "MAIRIE DAKAR"),
            ("Région Nouvelle-Aquitaine", "Region Nouvelle Aquitaine"),
            ("Commune de Saint-Louis", "Saint Louis, commune"),
            (
                "Conseil départemental de l’Hérault",
                "Conseil départemental Hérault",
            ),
        ] {
            assert!(similar_organisation_names(a, b), "{a} ~ {b}");
            assert!(similar_organisation_names(b, a), "{b} ~ {a}");
        }
        for (a, b) in [
            ("Ville de Lyon", "Ville de Lille"),
            ("Région Bretagne", "Région Occitanie"),
            (
                "Association des maires du Sénégal",
                "Association des amis du Mali",
            ),
            ("de la", "de la"),
            ("", "Ville de Lyon"),
        ] {
            assert!(!similar_organisation_names(a, b), "{a} !~ {b}");
        }
    }

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
