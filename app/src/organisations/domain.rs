//! Pure organisation and membership rules (PRODUCT.md §1–2): roles, the last-administrator rule,
//! join-request states, the organisation form. No I/O.
use crate::accounts::domain::{
    ConsultativeStatus, EmailAddress, FormErrors, OrganisationKind, email_error_code,
    parse_optional_text, parse_required_text, text_error_code,
};
use serde::{Deserialize, Serialize};

/// A member's role in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Administrator,
    Editor,
    Reader,
}

impl MemberRole {
    pub const ALL: [MemberRole; 3] = [Self::Administrator, Self::Editor, Self::Reader];

    pub fn code(self) -> &'static str {
        match self {
            Self::Administrator => "administrator",
            Self::Editor => "editor",
            Self::Reader => "reader",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// Administrators manage members and join requests.
    pub fn manages_members(self) -> bool {
        self == Self::Administrator
    }

    /// Administrators and editors edit the organisation's records; readers read.
    pub fn edits(self) -> bool {
        matches!(self, Self::Administrator | Self::Editor)
    }
}

/// The last-administrator rule: an organisation always keeps at least one Administrator, so the
/// last one can neither leave, be removed, nor be demoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an organisation keeps at least one administrator")]
pub struct LastAdministrator;

/// Whether changing one member from `current` to `next` (none: leaving) keeps an Administrator,
/// given the organisation's `active_administrators` before the change.
pub fn keeps_an_administrator(
    active_administrators: i64,
    current: MemberRole,
    next: Option<MemberRole>,
) -> Result<(), LastAdministrator> {
    let loses_one = current == MemberRole::Administrator && next != Some(MemberRole::Administrator);
    if loses_one && active_administrators <= 1 {
        Err(LastAdministrator)
    } else {
        Ok(())
    }
}

/// A join request: pending until an administrator approves or declines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinRequestStatus {
    Pending,
    Approved,
    Declined,
}

impl JoinRequestStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Declined]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Only a pending request is decided, once.
    pub fn can_transition_to(self, next: Self) -> bool {
        self == Self::Pending && next != Self::Pending
    }
}

/// A country as an ISO 3166-1 alpha-2 code ("FR", "SN"), upper-cased.
pub fn parse_country(input: &str) -> Result<String, &'static str> {
    let s = input.trim().to_uppercase();
    if s.is_empty() {
        Err("required")
    } else if s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(s)
    } else {
        Err("country_invalid")
    }
}

pub mod limits {
    pub const LEGAL_NAME: usize = 300;
    pub const ACRONYM: usize = 30;
}

/// A new organisation, as typed in the creation form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisationForm {
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub kind: OrganisationKind,
    pub email: Option<EmailAddress>,
}

impl NewOrganisationForm {
    /// Every field's problem at once (field names are the form's input names).
    pub fn parse(
        legal_name: &str,
        acronym: &str,
        country: &str,
        kind: &str,
        email: &str,
    ) -> Result<Self, crate::AppError> {
        let mut e = FormErrors::default();
        let legal_name = e.field(
            "legal_name",
            parse_required_text(legal_name, limits::LEGAL_NAME),
            text_error_code,
        );
        let acronym = e.field(
            "acronym",
            parse_optional_text(acronym, limits::ACRONYM),
            text_error_code,
        );
        let country = e.field("country", parse_country(country), |c| c);
        let kind = e.field(
            "kind",
            OrganisationKind::from_code(kind.trim()).ok_or("kind_invalid"),
            |c| c,
        );
        let email = if email.trim().is_empty() {
            Some(None)
        } else {
            e.field(
                "email",
                EmailAddress::parse(email).map(Some),
                email_error_code,
            )
        };
        e.finish()?;
        match (legal_name, acronym, country, kind, email) {
            (Some(legal_name), Some(acronym), Some(country), Some(kind), Some(email)) => Ok(Self {
                legal_name,
                acronym,
                country,
                kind,
                email,
            }),
            _ => Err(crate::AppError::Internal),
        }
    }
}

/// HQ → country office (PRODUCT.md §4): a country office hangs under an international NGO's
/// headquarters (itself not an office), and has its kind.
pub fn may_have_country_office(parent_kind: OrganisationKind, parent_is_office: bool) -> bool {
    parent_kind == OrganisationKind::InternationalNgo && !parent_is_office
}

/// ECOSOC consultative status as set by the secretariat: a status and the year it was granted.
pub fn parse_consultative_status(
    status: &str,
    year: &str,
    current_year: i32,
) -> Result<Option<(ConsultativeStatus, i64)>, crate::AppError> {
    let status = match status.trim() {
        "" | "none" => return Ok(None),
        "general" => ConsultativeStatus::General,
        "special" => ConsultativeStatus::Special,
        "roster" => ConsultativeStatus::Roster,
        _ => {
            return Err(crate::AppError::Invalid(vec![
                crate::error::FieldError::new("status", "status_invalid"),
            ]));
        }
    };
    match year.trim().parse::<i64>() {
        Ok(y) if (1946..=i64::from(current_year)).contains(&y) => Ok(Some((status, y))),
        _ => Err(crate::AppError::Invalid(vec![
            crate::error::FieldError::new("year", "year_invalid"),
        ])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MemberRole::*;

    #[test]
    fn the_last_administrator_can_neither_leave_nor_be_demoted() {
        assert_eq!(
            keeps_an_administrator(1, Administrator, Some(Editor)),
            Err(LastAdministrator)
        );
        assert_eq!(
            keeps_an_administrator(1, Administrator, None),
            Err(LastAdministrator)
        );
        assert_eq!(
            keeps_an_administrator(1, Administrator, Some(Administrator)),
            Ok(())
        );
        assert_eq!(keeps_an_administrator(2, Administrator, None), Ok(()));
        assert_eq!(keeps_an_administrator(1, Editor, None), Ok(()));
        assert_eq!(keeps_an_administrator(1, Reader, Some(Editor)), Ok(()));
    }

    #[test]
    fn only_administrators_manage_members_and_readers_do_not_edit() {
        assert!(Administrator.manages_members());
        assert!(!Editor.manages_members());
        assert!(Editor.edits() && Administrator.edits());
        assert!(!Reader.edits());
        for r in MemberRole::ALL {
            assert_eq!(MemberRole::from_code(r.code()), Some(r));
        }
        assert_eq!(MemberRole::from_code("owner"), None);
    }

    #[test]
    fn a_join_request_is_decided_once() {
        use JoinRequestStatus::*;
        assert!(Pending.can_transition_to(Approved));
        assert!(Pending.can_transition_to(Declined));
        assert!(!Approved.can_transition_to(Declined));
        assert!(!Declined.can_transition_to(Approved));
        assert!(!Pending.can_transition_to(Pending));
    }

    #[test]
    fn the_organisation_form_reports_every_bad_field() {
        let ok =
            NewOrganisationForm::parse("Aide Sans Frontières", "ASF", "fr", "national_ngo", "")
                .unwrap();
        assert_eq!(ok.country, "FR");
        assert_eq!(ok.acronym.as_deref(), Some("ASF"));
        let Err(crate::AppError::Invalid(errors)) =
            NewOrganisationForm::parse(" ", "", "France", "club", "nope")
        else {
            panic!("invalid")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["legal_name", "country", "kind", "email"]);
    }

    #[test]
    fn country_offices_hang_under_an_international_ngo_headquarters() {
        assert!(may_have_country_office(
            OrganisationKind::InternationalNgo,
            false
        ));
        assert!(!may_have_country_office(
            OrganisationKind::InternationalNgo,
            true
        ));
        assert!(!may_have_country_office(
            OrganisationKind::NationalNgo,
            false
        ));
    }

    #[test]
    fn consultative_status_needs_a_plausible_year() {
        assert_eq!(
            parse_consultative_status("general", "1996", 2026).unwrap(),
            Some((ConsultativeStatus::General, 1996))
        );
        assert_eq!(parse_consultative_status("none", "", 2026).unwrap(), None);
        assert!(parse_consultative_status("general", "2031", 2026).is_err());
        assert!(parse_consultative_status("observer", "2000", 2026).is_err());
    }
}
