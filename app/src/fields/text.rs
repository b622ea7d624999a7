//! Text a person types: names and free text (trimmed, bounded, no control characters) and email
//! addresses. Pure, the same on server and browser.
use serde::{Deserialize, Serialize};

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

/// A name typed in a form (display name, first or last name, organisation name, position):
/// trimmed, required, at most `max` characters, no control characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("this field is required")]
    Required,
    #[error("this field is too long")]
    TooLong,
    #[error("this field holds characters that are not allowed")]
    Invalid,
}

pub fn parse_required_text(input: &str, max_chars: usize) -> Result<String, TextError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(TextError::Required);
    }
    parse_optional_text(s, max_chars).map(|t| t.unwrap_or_default())
}

/// Like `parse_required_text`, but empty is allowed (none). Line breaks are allowed.
pub fn parse_optional_text(input: &str, max_chars: usize) -> Result<Option<String>, TextError> {
    let s = input.trim();
    if s.chars().count() > max_chars {
        return Err(TextError::TooLong);
    }
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(TextError::Invalid);
    }
    Ok((!s.is_empty()).then(|| s.to_string()))
}

/// The field error codes of the text and address rules (translated by `ui::forms::error_message`).
pub fn email_error_code(e: EmailError) -> &'static str {
    match e {
        EmailError::Empty => "email_required",
        EmailError::TooLong => "email_too_long",
        EmailError::Malformed => "email_malformed",
    }
}

pub fn text_error_code(e: TextError) -> &'static str {
    match e {
        TextError::Required => "required",
        TextError::TooLong => "too_long",
        TextError::Invalid => "invalid_characters",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn texts_are_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(parse_required_text("  Ana ", 10), Ok("Ana".into()));
        assert_eq!(parse_required_text("   ", 10), Err(TextError::Required));
        assert_eq!(parse_required_text("abcdef", 5), Err(TextError::TooLong));
        assert_eq!(parse_required_text("a\u{0}b", 5), Err(TextError::Invalid));
        assert_eq!(parse_optional_text("", 5), Ok(None));
        assert_eq!(parse_optional_text("a\nb", 5), Ok(Some("a\nb".into())));
    }
}
