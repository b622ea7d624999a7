//! Who may do what in the extranet: pure decisions from facts the server loaded (the `Actor` with its
//! staff roles). Every server function of the module asks here; none decides on its own.
use crate::AppError;
use crate::actor::{Actor, StaffRoleKind, allow};

/// Validating or rejecting extranet registrations: the extranet secretariat.
pub fn may_review_extranet_registrations(actor: &Actor) -> Result<(), AppError> {
    allow(actor.is_platform_admin() || actor.has(StaffRoleKind::ExtranetSecretariat))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::StaffRole;

    #[test]
    fn only_the_extranet_secretariat_reviews_registrations() {
        let with = |role: &str, scope: &str| Actor {
            user_id: 1,
            staff: vec![StaffRole {
                role: role.into(),
                scope: scope.into(),
            }],
        };
        assert!(
            may_review_extranet_registrations(&with("accreditation_officer", "geneva")).is_err()
        );
        assert!(may_review_extranet_registrations(&with("extranet_secretariat", "")).is_ok());
    }
}
