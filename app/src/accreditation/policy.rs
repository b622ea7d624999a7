//! Who may do what in accreditation: pure decisions from facts the server loaded (the `Actor` with its
//! staff roles, the caller's role in the designating organisation). Every server function of the module asks here; none decides on its own.
use crate::AppError;
use crate::actor::{Actor, StaffRoleKind, allow};
use crate::organisations::domain::MemberRole;

/// Designating representatives, submitting and withdrawing designations: the organisation's
/// administrators and editors (seed 000: readers only read).
pub fn may_designate(role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some_and(MemberRole::edits))
}

/// Reading an organisation's designations: its members, accreditation officers (any station:
/// they see the whole file), the help desk and platform administrators.
pub fn may_read_designations(actor: &Actor, role: Option<MemberRole>) -> Result<(), AppError> {
    allow(
        role.is_some()
            || actor.has(StaffRoleKind::AccreditationOfficer)
            || actor.has(StaffRoleKind::HelpDesk)
            || actor.is_platform_admin(),
    )
}

/// The secretariat's designation queue: accreditation officers and platform administrators.
pub fn may_review_designations(actor: &Actor) -> Result<(), AppError> {
    allow(actor.has(StaffRoleKind::AccreditationOfficer) || actor.is_platform_admin())
}

/// Approving, rejecting or revoking a designation at `duty_station`: the accreditation officers
/// of that station (and platform administrators).
pub fn may_decide_designation(actor: &Actor, duty_station: &str) -> Result<(), AppError> {
    allow(actor.has_scoped(StaffRoleKind::AccreditationOfficer, duty_station))
}
