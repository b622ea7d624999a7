//! Support requests ("ask for help", PRODUCT.md §4): categories, the request as its form sends
//! it (one validator, shared with the browser), the states and who may reopen. Pure.
use crate::code_enum;
use crate::error::FieldError;
use crate::fields::{Fields, FormErrors, parse_required_text, text_error_code};

code_enum! {
    /// What the person needs.
    Category {
        LostAccess = "lost_access",
        NonEditableInformation = "non_editable_information",
        DuplicateProfile = "duplicate_profile",
        Other = "other",
    }
}

code_enum! {
    /// A request: open, taken in hand, resolved; its requester may reopen it for 14 days.
    RequestStatus {
        Open = "open",
        InProgress = "in_progress",
        Resolved = "resolved",
        Reopened = "reopened",
    }
}

/// The longest subject and message (characters).
pub const SUBJECT_MAX: usize = 150;
pub const MESSAGE_MAX: usize = 4000;

/// A request as its form sends it: `category`, `subject`, `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub category: Category,
    pub subject: String,
    pub message: String,
}

impl NewRequest {
    pub fn parse(f: &Fields) -> Result<Self, Vec<FieldError>> {
        let mut errors = FormErrors::default();
        let category = Category::parse(value(f, "category").trim());
        if category.is_none() {
            errors.push("category", "choice_invalid");
        }
        let subject = text(f, "subject", SUBJECT_MAX, &mut errors);
        let message = text(f, "message", MESSAGE_MAX, &mut errors);
        match (category, subject, message) {
            (Some(category), Some(subject), Some(message)) if errors.is_empty() => Ok(NewRequest {
                category,
                subject,
                message,
            }),
            _ => Err(errors.0),
        }
    }
}

/// A message on a request (a reply of either side): `message`.
pub fn parse_reply(f: &Fields) -> Result<String, Vec<FieldError>> {
    let mut errors = FormErrors::default();
    text(f, "message", MESSAGE_MAX, &mut errors).ok_or(errors.0)
}

fn value<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.get(name).map(String::as_str).unwrap_or("")
}

fn text(f: &Fields, name: &str, max: usize, errors: &mut FormErrors) -> Option<String> {
    errors.field(
        name,
        parse_required_text(value(f, name), max),
        text_error_code,
    )
}

impl RequestStatus {
    /// Whether messages and files may still be added (not once resolved: reopen first).
    pub fn is_active(self) -> bool {
        self != RequestStatus::Resolved
    }
}

/// How long after it was resolved a request may be reopened.
pub const REOPEN_DAYS: i64 = 14;

impl RequestStatus {
    /// The help desk's moves (reopening is the requester's: `may_reopen`).
    pub fn can_transition_to(self, next: Self) -> bool {
        use RequestStatus::*;
        matches!(
            (self, next),
            (Open | Reopened, InProgress)
                | (Open | InProgress | Reopened, Resolved)
                | (Resolved, Reopened)
        )
    }
}

/// The requester reopens a resolved request within `REOPEN_DAYS` of its resolution.
pub fn may_reopen(
    status: RequestStatus,
    resolved_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    status == RequestStatus::Resolved && now - resolved_at <= chrono::Duration::days(REOPEN_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn requests_move_forward_and_reopen_for_fourteen_days() {
        use RequestStatus::*;
        assert!(Open.can_transition_to(InProgress));
        assert!(InProgress.can_transition_to(Resolved));
        assert!(Resolved.can_transition_to(Reopened));
        assert!(Reopened.can_transition_to(InProgress));
        assert!(!Resolved.can_transition_to(Open));
        assert!(!InProgress.can_transition_to(Open));
        let resolved = Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0).unwrap();
        assert!(may_reopen(
            Resolved,
            resolved,
            resolved + Duration::days(14)
        ));
        assert!(!may_reopen(
            Resolved,
            resolved,
            resolved + Duration::days(14) + Duration::seconds(1)
        ));
        assert!(!may_reopen(InProgress, resolved, resolved));
        assert!(!Resolved.is_active() && Reopened.is_active());
    }

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_request_needs_a_category_a_subject_and_a_message() {
        let ok = NewRequest::parse(&form(&[
            ("category", "lost_access"),
            ("subject", " Our administrator left "),
            ("message", "Please give access to awa@example.org."),
        ]))
        .unwrap();
        assert_eq!(ok.category, Category::LostAccess);
        assert_eq!(ok.subject, "Our administrator left");
        let e = NewRequest::parse(&form(&[
            ("category", "bogus"),
            ("subject", &"x".repeat(SUBJECT_MAX + 1)),
            ("message", "  "),
        ]))
        .unwrap_err();
        let codes: Vec<(String, String)> = e
            .iter()
            .map(|e| (e.field.to_string(), e.code.to_string()))
            .collect();
        assert_eq!(
            codes,
            [
                ("category".into(), "choice_invalid".into()),
                ("subject".into(), "too_long".into()),
                ("message".into(), "required".into())
            ]
        );
        assert_eq!(
            parse_reply(&form(&[("message", " Merci ")])).unwrap(),
            "Merci"
        );
        assert!(parse_reply(&form(&[])).is_err());
    }
}
