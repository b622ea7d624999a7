//! Pure account and organisation rules: no I/O, unit-tested.
use crate::fields::{EmailAddress, FormErrors, parse_required_text, text_error_code};
use crate::locale::parse_locale;
use serde::{Deserialize, Serialize};

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

/// A username: 3 to 40 characters among letters, digits, `.`, `_` and `-`, without `@` (so a
/// login with `@` is always an email). Stored lower-cased: "Ana" and "ana" are the same name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Username(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    #[error("the username must have at least 3 characters")]
    TooShort,
    #[error("the username must have at most 40 characters")]
    TooLong,
    #[error("the username may only use letters, digits, dot, dash and underscore")]
    Invalid,
}

impl Username {
    pub const MIN_CHARS: usize = 3;
    pub const MAX_CHARS: usize = 40;

    pub fn parse(input: &str) -> Result<Self, UsernameError> {
        let s = input.trim();
        let n = s.chars().count();
        if n < Self::MIN_CHARS {
            return Err(UsernameError::TooShort);
        }
        if n > Self::MAX_CHARS {
            return Err(UsernameError::TooLong);
        }
        if !s
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(UsernameError::Invalid);
        }
        Ok(Self(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The longest names we keep (the database checks the same bounds).
pub mod limits {
    pub const DISPLAY_NAME: usize = 100;
    pub const PERSON_NAME: usize = 100;
    pub const POSITION: usize = 200;
    pub const MESSAGE: usize = 1000;
}

/// A person's three names as typed in a form (display, first, last), all required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonNames {
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

impl PersonNames {
    /// Parses the names, recording each field's problem in `e` (fields `display_name`,
    /// `first_name`, `last_name`); `None` when one is wrong.
    pub fn parse(
        e: &mut FormErrors,
        display_name: &str,
        first_name: &str,
        last_name: &str,
    ) -> Option<Self> {
        let display_name = e.field(
            "display_name",
            parse_required_text(display_name, limits::DISPLAY_NAME),
            text_error_code,
        );
        let first_name = e.field(
            "first_name",
            parse_required_text(first_name, limits::PERSON_NAME),
            text_error_code,
        );
        let last_name = e.field(
            "last_name",
            parse_required_text(last_name, limits::PERSON_NAME),
            text_error_code,
        );
        Some(Self {
            display_name: display_name?,
            first_name: first_name?,
            last_name: last_name?,
        })
    }
}

/// The 6-digit code mailed to prove an address (seed 001, steps 4–5): valid 15 minutes, void
/// after 5 wrong tries; a verified sign-up code leaves one hour to finish the sign-up.
pub mod code_rules {
    pub const VALID_MINUTES: u32 = 15;
    pub const VALID_MS: i64 = VALID_MINUTES as i64 * 60 * 1000;
    pub const MAX_WRONG_TRIES: i64 = 5;
    pub const TICKET_VALID_MS: i64 = 60 * 60 * 1000;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum CodeCheck {
        Accepted,
        /// Wrong, and this many tries remain.
        Wrong {
            tries_left: i64,
        },
        /// Too many wrong tries: the code no longer works; a new one must be sent.
        Voided,
        Expired,
    }

    impl CodeCheck {
        /// The field error code a form shows.
        pub fn error_code(self) -> Option<&'static str> {
            match self {
                Self::Accepted => None,
                Self::Wrong { .. } => Some("code_wrong"),
                Self::Voided => Some("code_voided"),
                Self::Expired => Some("code_expired"),
            }
        }
    }

    /// Judges one try of a code that has had `wrong_tries` wrong tries and expires at `expires_at`.
    pub fn check_code(matches: bool, wrong_tries: i64, expires_at: i64, now: i64) -> CodeCheck {
        if now >= expires_at {
            CodeCheck::Expired
        } else if wrong_tries >= MAX_WRONG_TRIES {
            CodeCheck::Voided
        } else if matches {
            CodeCheck::Accepted
        } else if wrong_tries + 1 >= MAX_WRONG_TRIES {
            CodeCheck::Voided
        } else {
            CodeCheck::Wrong {
                tries_left: MAX_WRONG_TRIES - wrong_tries - 1,
            }
        }
    }

    /// Six digits, spaces ignored (people copy "123 456").
    pub fn normalise_code(input: &str) -> Option<String> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
    }
}

/// Password reset links: single use, valid one hour.
pub mod reset_rules {
    pub const VALID_MINUTES: u32 = 60;
    pub const VALID_MS: i64 = VALID_MINUTES as i64 * 60 * 1000;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ResetLink {
        Usable,
        /// Used already, or replaced by a newer link (field error `reset_link_used`).
        Used,
        Expired,
    }

    pub fn check_reset_link(used: bool, expires_at: i64, now: i64) -> ResetLink {
        if used {
            ResetLink::Used
        } else if now >= expires_at {
            ResetLink::Expired
        } else {
            ResetLink::Usable
        }
    }
}

pub fn password_error_code(e: PasswordError) -> &'static str {
    match e {
        PasswordError::TooShort => "password_too_short",
        PasswordError::TooLong => "password_too_long",
        PasswordError::Common => "password_common",
    }
}

pub fn username_error_code(e: UsernameError) -> &'static str {
    match e {
        UsernameError::TooShort => "username_too_short",
        UsernameError::TooLong => "username_too_long",
        UsernameError::Invalid => "username_invalid",
    }
}

/// The "My details" form: username, the three names, language, newsletter. Its one
/// validator, run by the server and, live, by the browser (the username's uniqueness is
/// checked by the server only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyDetailsForm {
    pub username: Username,
    pub names: PersonNames,
    pub locale: &'static str,
    pub newsletter: bool,
}

impl MyDetailsForm {
    pub fn parse(f: &crate::fields::Fields) -> Result<Self, Vec<crate::error::FieldError>> {
        let get = |name: &str| f.get(name).map(String::as_str).unwrap_or("");
        let mut e = FormErrors::default();
        let username = e.field(
            "username",
            Username::parse(get("username")),
            username_error_code,
        );
        let names = PersonNames::parse(
            &mut e,
            get("display_name"),
            get("first_name"),
            get("last_name"),
        );
        let locale = e.field(
            "locale",
            parse_locale(get("locale")).ok_or("locale_invalid"),
            |c| c,
        );
        match (username, names, locale) {
            (Some(username), Some(names), Some(locale)) if e.is_empty() => Ok(Self {
                username,
                names,
                locale,
                newsletter: get("newsletter") == "on",
            }),
            _ => Err(e.0),
        }
    }

    /// The form's errors (empty when right): the live check in the browser.
    pub fn errors(f: &crate::fields::Fields) -> Vec<crate::error::FieldError> {
        Self::parse(f).err().unwrap_or_default()
    }
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
    fn password_length_counts_characters_not_bytes() {
        assert_eq!(check_password_length("short"), Err(PasswordError::TooShort));
        assert_eq!(check_password_length("éééééééé"), Ok(()));
        assert_eq!(
            check_password_length(&"x".repeat(129)),
            Err(PasswordError::TooLong)
        );
        assert_eq!(check_password_length(&"x".repeat(128)), Ok(()));
    }

    #[test]
    fn usernames_are_short_plain_and_lower_cased() {
        assert_eq!(Username::parse(" Ana.L_1 ").unwrap().as_str(), "ana.l_1");
        assert_eq!(Username::parse("ab"), Err(UsernameError::TooShort));
        assert_eq!(
            Username::parse(&"a".repeat(41)),
            Err(UsernameError::TooLong)
        );
        assert_eq!(Username::parse("ana@x.org"), Err(UsernameError::Invalid));
        assert_eq!(Username::parse("ana lopez"), Err(UsernameError::Invalid));
    }

    #[test]
    fn a_code_is_void_after_five_wrong_tries_and_expires_after_fifteen_minutes() {
        use code_rules::*;
        let exp = VALID_MS;
        assert_eq!(check_code(true, 0, exp, 0), CodeCheck::Accepted);
        assert_eq!(
            check_code(false, 0, exp, 0),
            CodeCheck::Wrong { tries_left: 4 }
        );
        assert_eq!(
            check_code(false, 3, exp, 0),
            CodeCheck::Wrong { tries_left: 1 }
        );
        assert_eq!(
            check_code(false, 4, exp, 0),
            CodeCheck::Voided,
            "the fifth wrong try"
        );
        assert_eq!(
            check_code(true, 5, exp, 0),
            CodeCheck::Voided,
            "even the right code"
        );
        assert_eq!(check_code(true, 0, exp, exp), CodeCheck::Expired);
        assert_eq!(VALID_MS, 15 * 60 * 1000);
    }

    #[test]
    fn codes_are_six_digits_spaces_ignored() {
        use code_rules::normalise_code;
        assert_eq!(normalise_code(" 123 456 "), Some("123456".into()));
        assert_eq!(normalise_code("12345"), None);
        assert_eq!(normalise_code("12345a"), None);
        assert_eq!(normalise_code("١٢٣٤٥٦"), None, "ASCII digits only");
    }

    #[test]
    fn a_reset_link_works_once_within_the_hour() {
        use reset_rules::*;
        assert_eq!(check_reset_link(false, VALID_MS, 0), ResetLink::Usable);
        assert_eq!(check_reset_link(true, VALID_MS, 0), ResetLink::Used);
        assert_eq!(
            check_reset_link(false, VALID_MS, VALID_MS),
            ResetLink::Expired
        );
        assert_eq!(VALID_MS, 3600 * 1000);
    }

    #[test]
    fn the_three_names_are_required_and_reported_together() {
        let mut e = FormErrors::default();
        let names = PersonNames::parse(&mut e, " Ana L. ", "Ana", "López");
        assert_eq!(names.map(|n| n.display_name), Some("Ana L.".into()));
        assert!(e.is_empty());
        let mut e = FormErrors::default();
        assert_eq!(PersonNames::parse(&mut e, "", &"x".repeat(101), "ok"), None);
        let fields: Vec<_> =
            e.0.iter()
                .map(|f| (f.field.as_str(), f.code.as_str()))
                .collect();
        assert_eq!(
            fields,
            [("display_name", "required"), ("first_name", "too_long")]
        );
    }

    #[test]
    fn locales_are_the_three_languages() {
        assert_eq!(parse_locale("es"), Some("es"));
        assert_eq!(parse_locale("de"), None);
    }
}
