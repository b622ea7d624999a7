//! Pure account and organisation rules: no I/O, unit-tested.
use serde::{Deserialize, Serialize};

/// Every kind of organisation Passerelle knows (PRODUCT.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    // civil society (UN Partner Portal types)
    NationalNgo,
    InternationalNgo,
    CommunityBasedOrganisation,
    AcademicInstitution,
    RedCrossRedCrescent,
    // extranet groups (CNCD)
    Embassy,
    LocalAuthority,
    NationalElectedOfficialsAssociation,
    InternationalElectedOfficialsAssociation,
    RegionalNetwork,
    MinistryOrPublicOperator,
    Prefecture,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 12] = [
        Self::NationalNgo,
        Self::InternationalNgo,
        Self::CommunityBasedOrganisation,
        Self::AcademicInstitution,
        Self::RedCrossRedCrescent,
        Self::Embassy,
        Self::LocalAuthority,
        Self::NationalElectedOfficialsAssociation,
        Self::InternationalElectedOfficialsAssociation,
        Self::RegionalNetwork,
        Self::MinistryOrPublicOperator,
        Self::Prefecture,
    ];

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::NationalNgo => "national_ngo",
            Self::InternationalNgo => "international_ngo",
            Self::CommunityBasedOrganisation => "community_based_organisation",
            Self::AcademicInstitution => "academic_institution",
            Self::RedCrossRedCrescent => "red_cross_red_crescent",
            Self::Embassy => "embassy",
            Self::LocalAuthority => "local_authority",
            Self::NationalElectedOfficialsAssociation => "national_elected_officials_association",
            Self::InternationalElectedOfficialsAssociation => {
                "international_elected_officials_association"
            }
            Self::RegionalNetwork => "regional_network",
            Self::MinistryOrPublicOperator => "ministry_or_public_operator",
            Self::Prefecture => "prefecture",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The seven CNCD extranet groups (seed 002).
    pub fn is_extranet_group(self) -> bool {
        !self.is_civil_society()
    }

    /// The UN Partner Portal types (seed 001).
    pub fn is_civil_society(self) -> bool {
        matches!(
            self,
            Self::NationalNgo
                | Self::InternationalNgo
                | Self::CommunityBasedOrganisation
                | Self::AcademicInstitution
                | Self::RedCrossRedCrescent
        )
    }
}

/// ECOSOC consultative status, which opens the accreditation module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultativeStatus {
    General,
    Special,
    Roster,
}

impl ConsultativeStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::Special => "special",
            Self::Roster => "roster",
        }
    }
}

/// An email address as typed by a person: trimmed, at most 254 characters, one `@` with a
/// non-empty local part and a dotted domain. Stored lower-cased so that lookups are exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the email address is empty")]
    Empty,
    #[error("the email address is longer than 254 characters")]
    TooLong,
    #[error("the email address is not valid")]
    Malformed,
}

impl EmailAddress {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::Malformed)?;
        let well_formed = !local.is_empty()
            && local.len() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if !well_formed {
            return Err(EmailError::Malformed);
        }
        Ok(Self(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The password rules of NIST 800-63B: 8 to 128 characters, no composition rules, not a
/// common password (checked on the server against the shipped list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least 8 characters")]
    TooShort,
    #[error("the password must have at most 128 characters")]
    TooLong,
    #[error("this password is too common: choose another one")]
    Common,
}

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

pub fn check_password_length(password: &str) -> Result<(), PasswordError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN_CHARS {
        Err(PasswordError::TooShort)
    } else if n > PASSWORD_MAX_CHARS {
        Err(PasswordError::TooLong)
    } else {
        Ok(())
    }
}

/// Session lifetimes (PRODUCT.md §2, security baseline): an idle timeout and an absolute
/// lifetime, longer with "remember me".
pub mod session_rules {
    const MINUTE: i64 = 60 * 1000;
    const DAY: i64 = 24 * 60 * MINUTE;
    pub const IDLE_TIMEOUT_MS: i64 = 30 * MINUTE;
    pub const ABSOLUTE_LIFETIME_MS: i64 = 12 * 60 * MINUTE;
    pub const REMEMBER_IDLE_TIMEOUT_MS: i64 = 30 * DAY;
    pub const REMEMBER_ABSOLUTE_LIFETIME_MS: i64 = 30 * DAY;
    /// `last_seen_at` is written at most this often, to spare the database a write per request.
    pub const TOUCH_EVERY_MS: i64 = MINUTE;

    /// When a session created at `created_at` ends at the latest.
    pub fn expires_at(created_at: i64, remember: bool) -> i64 {
        created_at
            + if remember {
                REMEMBER_ABSOLUTE_LIFETIME_MS
            } else {
                ABSOLUTE_LIFETIME_MS
            }
    }

    /// Whether a session is still valid at `now`.
    pub fn is_alive(now: i64, created_at: i64, last_seen_at: i64, remember: bool) -> bool {
        let idle = if remember {
            REMEMBER_IDLE_TIMEOUT_MS
        } else {
            IDLE_TIMEOUT_MS
        };
        now < expires_at(created_at, remember) && now - last_seen_at < idle
    }
}

/// What a person types to sign in: an email address or a username, trimmed; emails are
/// compared lower-cased.
pub fn normalise_login(input: &str) -> Option<String> {
    let s = input.trim();
    if s.is_empty() || s.chars().count() > EmailAddress::MAX_LEN {
        return None;
    }
    Some(if s.contains('@') {
        s.to_lowercase()
    } else {
        s.to_string()
    })
}

/// Every rule for a new password: length, then the common-password list (server side).
#[cfg(feature = "ssr")]
pub fn check_new_password(password: &str) -> Result<(), PasswordError> {
    check_password_length(password)?;
    if super::common_passwords::is_common_password(password) {
        return Err(PasswordError::Common);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn a_new_password_must_be_long_enough_and_not_common() {
        assert_eq!(check_new_password("abc"), Err(PasswordError::TooShort));
        assert_eq!(check_new_password("Password1"), Err(PasswordError::Common));
        assert_eq!(check_new_password("mangoes in the rain"), Ok(()));
    }

    #[test]
    fn sessions_end_after_30_idle_minutes_or_12_hours_and_remember_me_lasts_30_days() {
        use session_rules::*;
        let min = 60 * 1000;
        assert!(is_alive(29 * min, 0, 0, false));
        assert!(!is_alive(30 * min, 0, 0, false), "idle timeout");
        assert!(is_alive(11 * 60 * min, 0, 11 * 60 * min - min, false));
        assert!(
            !is_alive(12 * 60 * min, 0, 12 * 60 * min - min, false),
            "absolute lifetime"
        );
        assert!(is_alive(29 * 24 * 60 * min, 0, 20 * 24 * 60 * min, true));
        assert!(!is_alive(
            30 * 24 * 60 * min,
            0,
            30 * 24 * 60 * min - min,
            true
        ));
    }

    #[test]
    fn login_names_are_trimmed_and_emails_lower_cased() {
        assert_eq!(
            normalise_login("  Ana@Example.ORG "),
            Some("ana@example.org".into())
        );
        assert_eq!(normalise_login(" AnaL "), Some("AnaL".into()));
        assert_eq!(normalise_login("   "), None);
        assert_eq!(normalise_login(&"x".repeat(300)), None);
    }

    #[test]
    fn kind_codes_round_trip_and_split_into_the_two_families() {
        for k in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(k.code()), Some(k));
        }
        let extranet = OrganisationKind::ALL
            .iter()
            .filter(|k| k.is_extranet_group())
            .count();
        assert_eq!(extranet, 7, "the CNCD extranet has seven groups");
        assert_eq!(OrganisationKind::from_code("club"), None);
    }

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        let e = EmailAddress::parse("  Ana.Lopez@Example.ORG ").unwrap();
        assert_eq!(e.as_str(), "ana.lopez@example.org");
    }

    #[test]
    fn malformed_or_oversized_emails_are_refused() {
        assert_eq!(EmailAddress::parse(""), Err(EmailError::Empty));
        for bad in [
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "a@@b.org",
            "a@b..org",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailError::Malformed),
                "{bad}"
            );
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        assert_eq!(check_password_length("short"), Err(PasswordError::TooShort));
        assert_eq!(check_password_length("éééééééé"), Ok(()));
        assert_eq!(
            check_password_length(&"x".repeat(129)),
            Err(PasswordError::TooLong)
        );
        assert_eq!(check_password_length(&"x".repeat(128)), Ok(()));
    }
}
