//! Pure organisation and membership rules (PRODUCT.md §1–2): roles, the last-administrator rule,
//! join-request states, the organisation form. No I/O.
use crate::code_enum;
use crate::fields::EmailAddress;
use crate::fields::FormErrors;
use crate::fields::email_error_code;
use crate::fields::parse_optional_text;
use crate::fields::parse_required_text;
use crate::fields::text_error_code;
use crate::organisations::kinds::ConsultativeStatus;
use crate::organisations::kinds::OrganisationKind;

code_enum! {
    /// A member's role in an organisation.
    MemberRole {
        Administrator = "administrator",
        Editor = "editor",
        Reader = "reader",
    }
}

impl MemberRole {
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

code_enum! {
    /// A join request: pending until an administrator approves or declines it.
    JoinRequestStatus {
        Pending = "pending",
        Approved = "approved",
        Declined = "declined",
    }
}

impl JoinRequestStatus {
    /// Only a pending request is decided, once.
    pub fn can_transition_to(self, next: Self) -> bool {
        self == Self::Pending && next != Self::Pending
    }
}

/// A country: an ISO 3166-1 alpha-2 code that `crate::countries` knows ("FR", "sn"),
/// upper-cased. The forms offer the list; the server still refuses anything else.
pub fn parse_country(input: &str) -> Result<String, &'static str> {
    let s = input.trim().to_uppercase();
    if s.is_empty() {
        Err("required")
    } else {
        crate::countries::by_code(&s)
            .map(|c| c.code.to_string())
            .ok_or("country_invalid")
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
            OrganisationKind::parse(kind.trim()).ok_or("kind_invalid"),
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

crate::code_enum! {
    /// A sector an organisation works in (PRODUCT.md §4).
    Sector {
        Health = "health",
        Education = "education",
        WaterSanitation = "water_sanitation",
        FoodSecurity = "food_security",
        Protection = "protection",
        GenderEquality = "gender_equality",
        ClimateEnvironment = "climate_environment",
        Governance = "governance",
        Livelihoods = "livelihoods",
        HumanitarianAid = "humanitarian_aid",
    }
}

/// Sectors an organisation works in, as stored codes (those of [`Sector`], in its order).
pub const SECTORS: &[&str] = &[
    "health",
    "education",
    "water_sanitation",
    "food_security",
    "protection",
    "gender_equality",
    "climate_environment",
    "governance",
    "livelihoods",
    "humanitarian_aid",
];

/// The profile's four flags (PRODUCT.md §4), as form field names.
pub const PROFILE_FLAGS: [&str; 4] = ["women_led", "youth_led", "indigenous_led", "refugee_led"];

pub mod profile_limits {
    pub const ADDRESS: usize = 500;
    pub const WEBSITE: usize = 300;
    pub const REGISTRATION_NUMBER: usize = 100;
    pub const MANDATE: usize = 4000;
    pub const FIRST_YEAR: i64 = 1800;
}

/// Whether the organisation profile form asks more than the identity (names, country, email).
/// A civil-society organisation states its address, registration, sectors, mandate and
/// leadership flags in its partner profile's sections (PRODUCT.md §4, the partners module),
/// so its organisation form keeps only the identity; the extranet groups keep the whole form.
pub fn asks_extended_profile(kind: OrganisationKind) -> bool {
    !kind.is_civil_society()
}

/// The extended fields of the organisation form, which a civil-society organisation's
/// partner profile holds instead ([`asks_extended_profile`]).
pub const EXTENDED_PROFILE_FIELDS: [&str; 12] = [
    "address",
    "website",
    "year_established",
    "registration_number",
    "registration_date",
    "annual_budget",
    "sectors",
    "mandate",
    "women_led",
    "youth_led",
    "indigenous_led",
    "refugee_led",
];

/// The organisation profile as its form gives it (PRODUCT.md §4): the names of the
/// organisation form, then address, website, year established, registration number and date,
/// annual budget (USD minor units), sectors, mandate and the four flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationProfile {
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub email: Option<EmailAddress>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub year_established: Option<i64>,
    pub registration_number: Option<String>,
    pub registration_date: Option<chrono::NaiveDate>,
    pub annual_budget_minor: Option<i64>,
    pub sectors: Vec<String>,
    pub mandate: Option<String>,
    /// In the order of `PROFILE_FLAGS`; `None` when not answered.
    pub flags: [Option<bool>; 4],
}

impl OrganisationProfile {
    /// The one validator of the profile form, run by the server and, live, by the browser:
    /// every field's problem at once. `today` bounds the year established and the
    /// registration date.
    pub fn parse(
        f: &crate::fields::Fields,
        kind: OrganisationKind,
        today: chrono::NaiveDate,
    ) -> Result<Self, Vec<crate::error::FieldError>> {
        use crate::fields::{
            parse_choices, parse_date, parse_money_minor, parse_web_address, parse_whole_number,
            parse_yes_no,
        };
        use chrono::Datelike;
        // A form that does not ask the extended fields ignores them (they are not its to keep).
        let extended = asks_extended_profile(kind);
        let get = |name: &str| {
            if !extended && EXTENDED_PROFILE_FIELDS.contains(&name) {
                return "";
            }
            f.get(name).map(String::as_str).unwrap_or("")
        };
        let base = NewOrganisationForm::parse(
            get("legal_name"),
            get("acronym"),
            get("country"),
            kind.as_str(),
            get("email"),
        );
        let mut e = FormErrors::default();
        let base = match base {
            Ok(b) => Some(b),
            Err(crate::AppError::Invalid(list)) => {
                e.0.extend(list);
                None
            }
            Err(_) => None,
        };
        fn optional(raw: &str) -> Option<&str> {
            (!raw.trim().is_empty()).then_some(raw)
        }
        let address = e.field(
            "address",
            parse_optional_text(get("address"), profile_limits::ADDRESS),
            text_error_code,
        );
        let website = e.field(
            "website",
            optional(get("website"))
                .map(|w| parse_web_address(w, profile_limits::WEBSITE).map(Some))
                .unwrap_or(Ok(None)),
            |c| c,
        );
        let year_established = e.field(
            "year_established",
            optional(get("year_established"))
                .map(|y| {
                    parse_whole_number(y, profile_limits::FIRST_YEAR, today.year() as i64).map(Some)
                })
                .unwrap_or(Ok(None)),
            |c| c,
        );
        let registration_number = e.field(
            "registration_number",
            parse_optional_text(
                get("registration_number"),
                profile_limits::REGISTRATION_NUMBER,
            ),
            text_error_code,
        );
        let registration_date = e.field(
            "registration_date",
            optional(get("registration_date"))
                .map(|d| match parse_date(d) {
                    Ok(d) if d > today => Err("date_in_future"),
                    other => other.map(Some),
                })
                .unwrap_or(Ok(None)),
            |c| c,
        );
        let annual_budget_minor = e.field(
            "annual_budget",
            optional(get("annual_budget"))
                .map(|m| parse_money_minor(m).map(Some))
                .unwrap_or(Ok(None)),
            |c| c,
        );
        let sectors = e.field("sectors", parse_choices(get("sectors"), SECTORS), |c| c);
        let mandate = e.field(
            "mandate",
            parse_optional_text(get("mandate"), profile_limits::MANDATE),
            text_error_code,
        );
        let mut flags = [None; 4];
        for (i, name) in PROFILE_FLAGS.iter().enumerate() {
            flags[i] = e.field(name, parse_yes_no(get(name)), |c| c).flatten();
        }
        if !e.is_empty() {
            return Err(e.0);
        }
        match (
            base,
            address,
            website,
            year_established,
            registration_number,
            registration_date,
            annual_budget_minor,
            sectors,
            mandate,
        ) {
            (
                Some(base),
                Some(address),
                Some(website),
                Some(year_established),
                Some(registration_number),
                Some(registration_date),
                Some(annual_budget_minor),
                Some(sectors),
                Some(mandate),
            ) => Ok(Self {
                legal_name: base.legal_name,
                acronym: base.acronym,
                country: base.country,
                email: base.email,
                address,
                website,
                year_established,
                registration_number,
                registration_date,
                annual_budget_minor,
                sectors,
                mandate,
                flags,
            }),
            _ => Err(vec![crate::error::FieldError::new("_", "generic")]),
        }
    }

    /// The profile as its form's fields (what a draft keeps and compares).
    pub fn to_fields(&self) -> crate::fields::Fields {
        use crate::fields::{format_money_minor, yes_no_value};
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut f = crate::fields::Fields::from([
            ("legal_name".to_string(), self.legal_name.clone()),
            ("acronym".to_string(), text(&self.acronym)),
            ("country".to_string(), self.country.clone()),
            (
                "email".to_string(),
                self.email
                    .as_ref()
                    .map(|e| e.as_str().to_string())
                    .unwrap_or_default(),
            ),
            ("address".to_string(), text(&self.address)),
            ("website".to_string(), text(&self.website)),
            (
                "year_established".to_string(),
                self.year_established
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
            ),
            (
                "registration_number".to_string(),
                text(&self.registration_number),
            ),
            (
                "registration_date".to_string(),
                self.registration_date
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            (
                "annual_budget".to_string(),
                self.annual_budget_minor
                    .map(format_money_minor)
                    .unwrap_or_default(),
            ),
            ("sectors".to_string(), self.sectors.join(",")),
            ("mandate".to_string(), text(&self.mandate)),
        ]);
        for (name, v) in PROFILE_FLAGS.iter().zip(self.flags) {
            f.insert(name.to_string(), yes_no_value(v).to_string());
        }
        f
    }
}

/// The profile form's errors (empty when it is right): the live check in the browser.
pub fn profile_errors(
    f: &crate::fields::Fields,
    kind: OrganisationKind,
    today: chrono::NaiveDate,
) -> Vec<crate::error::FieldError> {
    OrganisationProfile::parse(f, kind, today)
        .err()
        .unwrap_or_default()
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

    #[test]
    fn the_sector_codes_are_those_of_the_sector_list() {
        let codes: Vec<&str> = Sector::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(codes, SECTORS);
    }

    #[test]
    fn a_country_is_a_code_from_the_list() {
        assert_eq!(parse_country(" sn "), Ok("SN".to_string()));
        assert_eq!(parse_country("CI"), Ok("CI".to_string()));
        assert_eq!(parse_country(""), Err("required"));
        assert_eq!(
            parse_country("ZZ"),
            Err("country_invalid"),
            "well-formed but not a country"
        );
        assert_eq!(parse_country("France"), Err("country_invalid"));
    }
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
        for &r in MemberRole::ALL {
            assert_eq!(MemberRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(MemberRole::parse("owner"), None);
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

    fn profile_fields(pairs: &[(&str, &str)]) -> crate::fields::Fields {
        let mut f = crate::fields::Fields::from([
            ("legal_name".to_string(), "Aide Internationale".to_string()),
            ("country".to_string(), "CH".to_string()),
        ]);
        for (k, v) in pairs {
            f.insert(k.to_string(), v.to_string());
        }
        f
    }

    fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_full_profile_parses_and_comes_back_as_its_fields() {
        let f = profile_fields(&[
            ("acronym", "AIE"),
            ("email", "siege@aie.example"),
            ("address", "Rue de Lausanne 1, Genève"),
            ("website", "aie.example"),
            ("year_established", "1998"),
            ("registration_number", "CHE-123.456.789"),
            ("registration_date", "1998-03-02"),
            ("annual_budget", "1 250 000,50"),
            ("sectors", "water_sanitation,health"),
            ("mandate", "Eau potable."),
            ("women_led", "yes"),
            ("youth_led", "no"),
        ]);
        let p = OrganisationProfile::parse(&f, OrganisationKind::LocalAuthority, day(2026, 11, 22))
            .unwrap();
        assert_eq!(p.website.as_deref(), Some("https://aie.example"));
        assert_eq!(p.annual_budget_minor, Some(125_000_050));
        assert_eq!(p.sectors, vec!["health", "water_sanitation"]);
        assert_eq!(p.flags, [Some(true), Some(false), None, None]);
        let again = OrganisationProfile::parse(
            &p.to_fields(),
            OrganisationKind::LocalAuthority,
            day(2026, 11, 22),
        )
        .unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn a_civil_society_form_keeps_only_the_identity_and_ignores_the_rest() {
        let f = profile_fields(&[
            ("acronym", "AIE"),
            ("email", "siege@aie.example"),
            ("address", "Rue de Lausanne 1, Genève"),
            ("year_established", "1700"),
            ("annual_budget", "lots"),
            ("sectors", "health"),
            ("women_led", "yes"),
        ]);
        let p =
            OrganisationProfile::parse(&f, OrganisationKind::InternationalNgo, day(2026, 11, 22))
                .expect("the extended fields are not this form's: not checked");
        assert_eq!(p.acronym.as_deref(), Some("AIE"));
        assert_eq!(
            p.email.as_ref().map(|e| e.as_str()),
            Some("siege@aie.example")
        );
        assert_eq!(
            (p.address, p.year_established, p.annual_budget_minor),
            (None, None, None)
        );
        assert!(p.sectors.is_empty() && p.flags == [None; 4]);
        for &kind in OrganisationKind::ALL {
            assert_eq!(asks_extended_profile(kind), kind.is_extranet_group());
        }
    }

    #[test]
    fn every_profile_problem_is_named_at_once() {
        let f = profile_fields(&[
            ("legal_name", ""),
            ("website", "javascript:alert(1)"),
            ("year_established", "2030"),
            ("registration_date", "2027-01-01"),
            ("annual_budget", "lots"),
            ("sectors", "health,weapons"),
            ("women_led", "perhaps"),
        ]);
        let errors =
            OrganisationProfile::parse(&f, OrganisationKind::Prefecture, day(2026, 11, 22))
                .unwrap_err();
        let got: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        for expected in [
            ("legal_name", "required"),
            ("website", "url_invalid"),
            ("year_established", "number_out_of_range"),
            ("registration_date", "date_in_future"),
            ("annual_budget", "money_invalid"),
            ("sectors", "choice_invalid"),
            ("women_led", "choice_invalid"),
        ] {
            assert!(got.contains(&expected), "{expected:?} missing from {got:?}");
        }
        assert_eq!(
            profile_errors(
                &profile_fields(&[]),
                OrganisationKind::NationalNgo,
                day(2026, 1, 1)
            ),
            vec![]
        );
    }
}
