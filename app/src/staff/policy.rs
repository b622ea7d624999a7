//! Who may do what with staff roles: pure decisions from facts the server loaded (the `Actor` with its
//! staff roles). Every server function of the module asks here; none decides on its own.
use crate::AppError;
use crate::actor::{Actor, allow};

/// Granting and removing staff roles: platform administrators.
pub fn may_manage_staff(actor: &Actor) -> Result<(), AppError> {
    allow(actor.is_platform_admin())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::StaffRole;

    #[test]
    fn only_platform_administrators_manage_staff() {
        let with = |role: &str| Actor {
            user_id: 1,
            staff: vec![StaffRole {
                role: role.into(),
                scope: String::new(),
            }],
        };
        assert!(may_manage_staff(&with("extranet_secretariat")).is_err());
        assert!(may_manage_staff(&with("platform_admin")).is_ok());
    }
}
