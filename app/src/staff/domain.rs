//! Pure staff rules (PRODUCT.md §1): the five staff roles and their scopes.
use crate::actor::StaffRoleKind;
use serde::{Deserialize, Serialize};

/// A staff role granted to a person, as the staff page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffGrant {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub scope: String,
    pub granted_at: i64,
}

/// The UN duty stations where representatives are accredited.
pub const DUTY_STATIONS: [&str; 3] = ["new_york", "geneva", "vienna"];

/// The scope a role is granted with: a duty station for accreditation officers, an agency code
/// (UNFPA, UNICEF…) for agency officers, nothing for the other roles.
pub fn parse_scope(kind: StaffRoleKind, input: &str) -> Result<String, &'static str> {
    let s = input.trim();
    match kind {
        StaffRoleKind::AccreditationOfficer => DUTY_STATIONS
            .into_iter()
            .find(|d| *d == s)
            .map(str::to_string)
            .ok_or("scope_duty_station"),
        StaffRoleKind::AgencyOfficer => {
            let agency = s.to_uppercase();
            if (2..=12).contains(&agency.len())
                && agency
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                Ok(agency)
            } else {
                Err("scope_agency")
            }
        }
        _ if s.is_empty() => Ok(String::new()),
        _ => Err("scope_none"),
    }
}

/// Passerelle keeps at least one platform administrator: the last one cannot be removed.
pub fn keeps_a_platform_admin(active_platform_admins: i64, removing: StaffRoleKind) -> bool {
    removing != StaffRoleKind::PlatformAdmin || active_platform_admins > 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use StaffRoleKind::*;

    #[test]
    fn scopes_fit_their_role() {
        assert_eq!(
            parse_scope(AccreditationOfficer, "geneva"),
            Ok("geneva".into())
        );
        assert_eq!(
            parse_scope(AccreditationOfficer, "paris"),
            Err("scope_duty_station")
        );
        assert_eq!(parse_scope(AgencyOfficer, " unfpa "), Ok("UNFPA".into()));
        assert_eq!(parse_scope(AgencyOfficer, ""), Err("scope_agency"));
        assert_eq!(parse_scope(HelpDesk, ""), Ok(String::new()));
        assert_eq!(parse_scope(PlatformAdmin, "geneva"), Err("scope_none"));
    }

    #[test]
    fn the_last_platform_administrator_stays() {
        assert!(!keeps_a_platform_admin(1, PlatformAdmin));
        assert!(keeps_a_platform_admin(2, PlatformAdmin));
        assert!(keeps_a_platform_admin(1, HelpDesk));
    }
}
