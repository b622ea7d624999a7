//! The agencies that read partner profiles, and their partner codes.
use crate::code_enum;

code_enum! {
    /// A UN agency taking part in the partner portal.
    Agency {
        Unfpa = "unfpa",
        Unicef = "unicef",
        Unhcr = "unhcr",
        Wfp = "wfp",
        Undp = "undp",
        UnWomen = "un_women",
        Who = "who",
        Fao = "fao",
        Iom = "iom",
    }
}

impl Agency {
    /// The scope an agency officer's staff role carries for this agency (`UNFPA`, `UNWOMEN`):
    /// what `staff::domain::parse_scope` accepts, upper-case letters and digits.
    pub fn scope(self) -> String {
        self.as_str().replace('_', "").to_uppercase()
    }

    /// The agency of a staff role's scope.
    pub fn of_scope(scope: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.scope() == scope)
    }

    /// The agency's usual name (an acronym, the same in every language).
    pub fn name(self) -> String {
        match self {
            Self::UnWomen => "UN Women".to_string(),
            _ => self.scope(),
        }
    }
}

/// The longest partner code.
pub const PARTNER_CODE_MAX: usize = 40;

/// An agency's partner code (not the profile ID, which is in the profile's URL): letters,
/// digits, `-`, `_`, `/` and `.`, upper-cased, at most `PARTNER_CODE_MAX` characters.
pub fn parse_partner_code(input: &str) -> Result<String, &'static str> {
    let s = input.trim().to_uppercase();
    if s.is_empty() {
        return Err("required");
    }
    if s.chars().count() > PARTNER_CODE_MAX {
        return Err("too_long");
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
    {
        return Err("partner_code_invalid");
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_officers_scope_names_its_agency() {
        for a in Agency::ALL {
            assert_eq!(Agency::of_scope(&a.scope()), Some(*a));
            let scope = crate::staff::domain::parse_scope(
                crate::actor::StaffRoleKind::AgencyOfficer,
                &a.scope(),
            );
            assert_eq!(scope, Ok(a.scope()), "a grant can name {a:?}");
        }
        assert_eq!(Agency::of_scope("unfpa"), None);
        assert_eq!(Agency::UnWomen.name(), "UN Women");
    }

    #[test]
    fn partner_codes() {
        assert_eq!(parse_partner_code(" p12345 "), Ok("P12345".into()));
        assert_eq!(parse_partner_code(""), Err("required"));
        assert_eq!(parse_partner_code("P 12"), Err("partner_code_invalid"));
        assert_eq!(parse_partner_code(&"9".repeat(41)), Err("too_long"));
    }
}
