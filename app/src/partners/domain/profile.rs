//! The partner profile in UNPP's seven sections (PRODUCT.md §4): one catalogue of its fields
//! (section, kind, limits, when it is asked and required), the one validator of a section's form
//! (server and browser), and completeness that names what is missing. The organisation's name,
//! acronym, kind and country are its record's (asked at creation); everything else is here.
use crate::code_enum;
use crate::error::FieldError;
use crate::fields::Fields;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

code_enum! {
    /// The seven sections of a profile, in the order they are shown (UNPP's tabs).
    Section {
        Identification = "identification",
        Contacts = "contacts",
        Mandate = "mandate",
        Funding = "funding",
        Collaboration = "collaboration",
        Implementation = "implementation",
        Other = "other",
    }
}

/// A budget band (UNPP asks a band, not an amount), in USD.
pub const BUDGET_BANDS: &[&str] = &[
    "under_50k",
    "50k_100k",
    "100k_250k",
    "250k_500k",
    "500k_1m",
    "1m_5m",
    "5m_10m",
    "over_10m",
];

/// The band an annual budget in USD minor units falls in (the older profile asked an amount).
pub fn budget_band(minor: i64) -> &'static str {
    const UPPER_USD: [i64; 7] = [
        50_000, 100_000, 250_000, 500_000, 1_000_000, 5_000_000, 10_000_000,
    ];
    let usd = minor / 100;
    let i = UPPER_USD
        .iter()
        .position(|upper| usd < *upper)
        .unwrap_or(UPPER_USD.len());
    BUDGET_BANDS[i]
}

/// The working languages a profile can state.
pub const WORKING_LANGUAGES: &[&str] = &["ar", "en", "es", "fr", "pt", "ru", "zh", "other"];

/// The populations an organisation serves.
pub const POPULATIONS: &[&str] = &[
    "women_girls",
    "children_youth",
    "older_persons",
    "persons_with_disabilities",
    "refugees",
    "internally_displaced",
    "migrants",
    "indigenous_peoples",
    "rural_communities",
    "urban_poor",
    "other",
];

/// Years of experience in its sectors, as UNPP bands them.
pub const EXPERIENCE: &[&str] = &["under_1", "1_3", "3_5", "5_10", "over_10"];

/// Where the core (unearmarked) funding mainly comes from.
pub const CORE_FUNDING: &[&str] = &[
    "un_agencies",
    "governments",
    "private_donors",
    "foundations",
    "own_income",
    "membership_fees",
    "other",
];

/// What kind of value a field holds, with its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text, at most this many characters.
    Line(usize),
    /// Several lines of text, at most this many characters.
    Text(usize),
    YesNo,
    /// A year from 1800 to this year.
    Year,
    /// A date, not in the future.
    PastDate,
    Email,
    Phone,
    WebAddress,
    /// One code of the list.
    Choice(&'static [&'static str]),
    /// Codes of the list (comma-separated, at least one when required).
    Choices(&'static [&'static str]),
    /// Country codes (comma-separated).
    Countries,
    /// A file uploaded for the profile (its id).
    File,
    /// A box ticked to confirm (stored as the date it was ticked).
    Confirmation,
}

/// One field of the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The form's input name, and the stored answer's name.
    pub name: &'static str,
    pub section: Section,
    pub kind: Kind,
    /// Whether a complete profile answers it (when it is asked).
    pub required: bool,
    /// Asked only when this yes/no field has this answer (else not asked, and its answer dropped).
    pub asked_if: Option<(&'static str, bool)>,
}

const fn field(name: &'static str, section: Section, kind: Kind) -> FieldSpec {
    FieldSpec {
        name,
        section,
        kind,
        required: true,
        asked_if: None,
    }
}

const fn optional(mut f: FieldSpec) -> FieldSpec {
    f.required = false;
    f
}

const fn when(mut f: FieldSpec, yes_no: &'static str, answer: bool) -> FieldSpec {
    f.asked_if = Some((yes_no, answer));
    f
}

pub mod limits {
    pub const LINE: usize = 200;
    pub const SHORT_TEXT: usize = 1_000;
    pub const TEXT: usize = 4_000;
}

use Kind::*;
use Section::*;
use limits::{LINE, SHORT_TEXT, TEXT};

/// Every field of the profile, section by section, in the order the forms show them.
pub const FIELDS: &[FieldSpec] = &[
    // Identification
    field("year_established", Identification, Year),
    field("registered", Identification, YesNo),
    when(
        field("registration_number", Identification, Line(100)),
        "registered",
        true,
    ),
    when(
        field("registration_authority", Identification, Line(LINE)),
        "registered",
        true,
    ),
    when(
        field("registration_date", Identification, PastDate),
        "registered",
        true,
    ),
    when(
        field("registration_certificate", Identification, File),
        "registered",
        true,
    ),
    when(
        field("not_registered_reason", Identification, Text(SHORT_TEXT)),
        "registered",
        false,
    ),
    field("governing_document", Identification, File),
    optional(field("women_led", Identification, YesNo)),
    optional(field("youth_led", Identification, YesNo)),
    optional(field("indigenous_led", Identification, YesNo)),
    optional(field("refugee_led", Identification, YesNo)),
    // Contacts
    field("address", Contacts, Text(500)),
    field("phone", Contacts, Phone),
    field("email", Contacts, Email),
    optional(field("website", Contacts, WebAddress)),
    field("head_name", Contacts, Line(LINE)),
    field("head_title", Contacts, Line(LINE)),
    field("board", Contacts, YesNo),
    when(
        field("board_members", Contacts, Text(SHORT_TEXT)),
        "board",
        true,
    ),
    when(field("board_authorised", Contacts, YesNo), "board", true),
    field("authorised_officers", Contacts, Text(SHORT_TEXT)),
    field("working_languages", Contacts, Choices(WORKING_LANGUAGES)),
    // Mandate and mission
    field("background", Mandate, Text(TEXT)),
    field("mandate", Mandate, Text(TEXT)),
    field("governance", Mandate, Text(TEXT)),
    field("populations", Mandate, Choices(POPULATIONS)),
    field(
        "sectors",
        Mandate,
        Choices(crate::organisations::domain::SECTORS),
    ),
    field("experience", Mandate, Choice(EXPERIENCE)),
    field("countries_of_operation", Mandate, Countries),
    field("safeguarding_policy", Mandate, YesNo),
    when(
        field("safeguarding_policy_file", Mandate, File),
        "safeguarding_policy",
        true,
    ),
    when(
        field("safeguarding_policy_comment", Mandate, Text(SHORT_TEXT)),
        "safeguarding_policy",
        false,
    ),
    field("anti_fraud_policy", Mandate, YesNo),
    when(
        field("anti_fraud_policy_file", Mandate, File),
        "anti_fraud_policy",
        true,
    ),
    when(
        field("anti_fraud_policy_comment", Mandate, Text(SHORT_TEXT)),
        "anti_fraud_policy",
        false,
    ),
    // Funding
    field("budget_this_year", Funding, Choice(BUDGET_BANDS)),
    field("budget_last_year", Funding, Choice(BUDGET_BANDS)),
    field("budget_two_years_ago", Funding, Choice(BUDGET_BANDS)),
    field("main_donors", Funding, Text(SHORT_TEXT)),
    field("core_funding", Funding, Choice(CORE_FUNDING)),
    // Collaboration
    field("un_partner", Collaboration, YesNo),
    when(
        field("un_partnerships", Collaboration, Text(SHORT_TEXT)),
        "un_partner",
        true,
    ),
    optional(field("accreditations", Collaboration, Text(SHORT_TEXT))),
    field("references", Collaboration, Text(SHORT_TEXT)),
    optional(field("networks", Collaboration, Text(SHORT_TEXT))),
    // Project implementation
    field("results_based_management", Implementation, YesNo),
    field("monitoring_evaluation", Implementation, YesNo),
    field("feedback_mechanism", Implementation, YesNo),
    field("segregation_of_duties", Implementation, YesNo),
    field("bank_account", Implementation, YesNo),
    field("audited", Implementation, YesNo),
    when(field("audit_report", Implementation, File), "audited", true),
    field("key_results", Implementation, Text(TEXT)),
    // Other
    field("data_confirmed", Other, Confirmation),
];

/// The field of this name.
pub fn spec(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The fields of one section, in order.
pub fn section_fields(section: Section) -> impl Iterator<Item = &'static FieldSpec> {
    FIELDS.iter().filter(move |f| f.section == section)
}

/// A profile's answers by field name, each in its stored form (codes, `YYYY-MM-DD`, trimmed
/// text). Only answered fields are present.
pub type Answers = BTreeMap<String, String>;

/// Whether a field is asked, given the answers (a field asked only after a "yes" is not asked
/// while the answer is "no" or missing).
pub fn is_asked(f: &FieldSpec, answers: &Answers) -> bool {
    match f.asked_if {
        None => true,
        Some((other, answer)) => {
            answers.get(other).map(String::as_str)
                == Some(crate::fields::yes_no_value(Some(answer)))
        }
    }
}

/// One value of a field, checked and put in its stored form; `Ok(None)` when empty.
pub fn parse_value(
    f: &FieldSpec,
    raw: &str,
    today: NaiveDate,
) -> Result<Option<String>, &'static str> {
    use crate::fields::*;
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let value = match f.kind {
        Line(max) => {
            if raw.contains(['\n', '\r']) {
                return Err("invalid_characters");
            }
            parse_optional_text(raw, max).map_err(text_error_code)?
        }
        Text(max) => parse_optional_text(raw, max).map_err(text_error_code)?,
        YesNo => parse_yes_no(raw)?.map(|b| yes_no_value(Some(b)).to_string()),
        Year => Some(parse_whole_number(raw, 1800, today.year() as i64)?.to_string()),
        PastDate => match parse_date(raw)? {
            d if d > today => return Err("date_in_future"),
            d => Some(d.to_string()),
        },
        Email => Some(
            EmailAddress::parse(raw)
                .map_err(email_error_code)?
                .as_str()
                .to_string(),
        ),
        Phone => Some(parse_phone(raw)?),
        WebAddress => Some(parse_web_address(raw, 300)?),
        Choice(list) => match list.iter().find(|c| **c == raw) {
            Some(c) => Some(c.to_string()),
            None => return Err("choice_invalid"),
        },
        Choices(list) => Some(parse_choices(raw, list)?.join(",")).filter(|s| !s.is_empty()),
        Countries => {
            let mut codes = vec![];
            for c in raw.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                let code = crate::organisations::domain::parse_country(c)?;
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            if codes.len() > crate::countries::COUNTRIES.len() {
                return Err("too_long");
            }
            codes.sort();
            Some(codes.join(","))
        }
        File => {
            if raw.len() > 19 || !raw.chars().all(|c| c.is_ascii_digit()) {
                return Err("file_invalid");
            }
            Some(raw.to_string())
        }
        Confirmation => match raw {
            // A checked box: "on" from a browser's checkbox, "yes" from other clients.
            "yes" | "on" => Some(today.to_string()),
            // Already confirmed: the stored date comes back as it was.
            d => Some(parse_date(d).map_err(|_| "choice_invalid")?.to_string()),
        },
    };
    Ok(value)
}

/// The one validator of a section's form, run by the server and, live, by the browser: every
/// field's problem at once; the section's answers in their stored form, without the fields that
/// are not asked (a number after "registered: no" is dropped). A section may be saved
/// incomplete: what is missing is `missing`'s to say, not an error.
pub fn parse_section(
    section: Section,
    form: &Fields,
    today: NaiveDate,
) -> Result<Answers, Vec<FieldError>> {
    let mut answers = Answers::new();
    let mut errors = vec![];
    for f in section_fields(section) {
        let raw = form.get(f.name).map(String::as_str).unwrap_or("");
        match parse_value(f, raw, today) {
            Ok(Some(v)) => {
                answers.insert(f.name.to_string(), v);
            }
            Ok(None) => {}
            Err(code) => errors.push(FieldError::new(f.name, code)),
        }
    }
    errors.retain(|e| spec(&e.field).is_some_and(|f| is_asked(f, &answers)));
    if !errors.is_empty() {
        return Err(errors);
    }
    let not_asked: Vec<String> = answers
        .keys()
        .filter(|name| spec(name).is_none_or(|f| !is_asked(f, &answers)))
        .cloned()
        .collect();
    for name in not_asked {
        answers.remove(&name);
    }
    Ok(answers)
}

/// The fields a country office takes from its headquarters, the authority on them (PRODUCT.md
/// §4: HQ first): the governing document, the board, the organisation-wide policies. Each comes
/// with the fields asked after it.
pub const FROM_HEADQUARTERS: [&str; 10] = [
    "governing_document",
    "board",
    "board_members",
    "board_authorised",
    "safeguarding_policy",
    "safeguarding_policy_file",
    "safeguarding_policy_comment",
    "anti_fraud_policy",
    "anti_fraud_policy_file",
    "anti_fraud_policy_comment",
];

/// Whether a country office takes this field from its headquarters.
pub fn is_from_headquarters(name: &str) -> bool {
    FROM_HEADQUARTERS.contains(&name)
}

/// A country office's answers as they stand: its own, except where the headquarters is the
/// authority — there the headquarters' answers (or none, while it has not stated them).
pub fn with_headquarters(own: &Answers, headquarters: &Answers) -> Answers {
    let mut answers: Answers = own
        .iter()
        .filter(|(name, _)| !is_from_headquarters(name))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for name in FROM_HEADQUARTERS {
        if let Some(v) = headquarters.get(name) {
            answers.insert(name.to_string(), v.clone());
        }
    }
    answers
}

/// What a civil-society organisation's own form stated before those fields moved into the
/// partner sections (issue 14): its values by the organisation form's names (`address`,
/// `website`, `year_established`, `registration_number`, `registration_date`, `sectors`,
/// `mandate`, the four leadership flags), its annual budget, its registration certificate.
#[derive(Debug, Clone, Default)]
pub struct FormerProfile {
    pub fields: Fields,
    pub annual_budget_minor: Option<i64>,
    /// The id of its current registration certificate upload.
    pub certificate: Option<i64>,
}

/// The answers the former organisation form gives a profile: only for fields the profile
/// leaves unanswered (what a partner stated since stays), each checked as its section form
/// would (a value that no longer passes is left out), the budget as its band for this year,
/// "registered: yes" where a registration number or date was given — and only what is asked
/// once they are added. The one rule of the move, and of what a new profile is offered.
pub fn from_former_profile(own: &Answers, former: &FormerProfile, today: NaiveDate) -> Answers {
    // The organisation form's extended fields, by the names the sections share; the budget
    // (`annual_budget`, an amount) becomes a band below.
    let mut raw: Vec<(&str, String)> = crate::organisations::domain::EXTENDED_PROFILE_FIELDS
        .iter()
        .filter(|name| **name != "annual_budget")
        .filter_map(|name| {
            let v = former.fields.get(*name)?.trim();
            (!v.is_empty()).then(|| (*name, v.to_string()))
        })
        .collect();
    if raw
        .iter()
        .any(|(n, _)| *n == "registration_number" || *n == "registration_date")
    {
        raw.push(("registered", "yes".to_string()));
        if let Some(id) = former.certificate {
            raw.push(("registration_certificate", id.to_string()));
        }
    }
    if let Some(minor) = former.annual_budget_minor.filter(|m| *m >= 0) {
        raw.push(("budget_this_year", budget_band(minor).to_string()));
    }
    let mut added = Answers::new();
    for (name, value) in raw {
        let Some(f) = spec(name) else { continue };
        if own.contains_key(name) {
            continue;
        }
        if let Ok(Some(v)) = parse_value(f, &value, today) {
            added.insert(name.to_string(), v);
        }
    }
    let mut all = own.clone();
    all.extend(added.clone());
    added.retain(|name, _| spec(name).is_some_and(|f| is_asked(f, &all)));
    added
}

/// The required fields of a section that the answers leave empty, in the form's order: what the
/// profile page lists, each a link to its field.
pub fn missing(section: Section, answers: &Answers) -> Vec<&'static str> {
    section_fields(section)
        .filter(|f| f.required && is_asked(f, answers) && !answers.contains_key(f.name))
        .map(|f| f.name)
        .collect()
}

/// A profile's completeness: per section what is missing (empty: complete), and the share of
/// the asked required fields that are answered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Completeness {
    pub sections: Vec<(Section, Vec<String>)>,
    /// 0 to 100; 100 only when every section is complete.
    pub percent: u8,
}

impl Completeness {
    pub fn is_complete(&self) -> bool {
        self.sections.iter().all(|(_, m)| m.is_empty())
    }
}

/// The one rule of completeness (PRODUCT.md §4): each section complete or the fields it lacks;
/// a complete profile may apply to calls, be given a workplan and create country offices.
pub fn completeness(answers: &Answers) -> Completeness {
    let mut asked = 0usize;
    let mut answered = 0usize;
    let mut sections = vec![];
    for s in Section::ALL {
        let lacking = missing(*s, answers);
        let required = section_fields(*s)
            .filter(|f| f.required && is_asked(f, answers))
            .count();
        asked += required;
        answered += required - lacking.len();
        sections.push((*s, lacking.into_iter().map(str::to_string).collect()));
    }
    let percent = if answered == asked {
        100
    } else {
        // Rounded down, so that 100 % means complete.
        (answered * 100 / asked.max(1)) as u8
    };
    Completeness { sections, percent }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Answers that complete every section.
    fn complete() -> Answers {
        let mut a = Answers::new();
        for f in FIELDS
            .iter()
            .filter(|f| f.asked_if.is_none() || f.asked_if.unwrap().1)
        {
            let v = match f.kind {
                YesNo => "yes",
                Year => "1998",
                PastDate => "2001-05-04",
                Email => "contact@femmes-dev.example",
                Phone => "+221 33 123 45 67",
                WebAddress => "https://femmes-dev.example",
                Choice(l) | Choices(l) => l[0],
                Countries => "SN",
                File => "12",
                Confirmation => "2026-11-30",
                Line(_) | Text(_) => "Texte",
            };
            a.insert(f.name.to_string(), v.to_string());
        }
        a
    }

    #[test]
    fn every_field_is_named_once_and_asked_after_a_yes_no_of_its_section() {
        let mut names: Vec<_> = FIELDS.iter().map(|f| f.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FIELDS.len());
        for f in FIELDS {
            if let Some((other, _)) = f.asked_if {
                let o = spec(other).unwrap();
                assert_eq!(o.kind, YesNo, "{}", f.name);
                assert_eq!(o.section, f.section, "{}", f.name);
                let before = FIELDS.iter().position(|g| g.name == other).unwrap();
                let at = FIELDS.iter().position(|g| g.name == f.name).unwrap();
                assert!(before < at, "{} is asked after {other}", f.name);
            }
        }
        for s in Section::ALL {
            assert!(section_fields(*s).any(|f| f.required), "{s:?}");
        }
    }

    #[test]
    fn a_complete_profile_is_complete_at_100_percent() {
        let c = completeness(&complete());
        assert!(c.is_complete(), "{c:?}");
        assert_eq!(c.percent, 100);
    }

    #[test]
    fn completeness_names_exactly_what_is_missing() {
        let mut a = complete();
        a.remove("phone");
        a.remove("audit_report");
        let c = completeness(&a);
        assert!(!c.is_complete());
        assert!(c.percent < 100 && c.percent > 90, "{}", c.percent);
        for (s, lacking) in &c.sections {
            match s {
                Contacts => assert_eq!(lacking, &["phone"]),
                Implementation => assert_eq!(lacking, &["audit_report"]),
                _ => assert!(lacking.is_empty(), "{s:?}: {lacking:?}"),
            }
        }
        assert_eq!(completeness(&Answers::new()).percent, 0);
    }

    #[test]
    fn a_no_asks_for_the_explanation_instead_of_the_document() {
        let mut a = complete();
        a.insert("registered".into(), "no".into());
        assert_eq!(missing(Identification, &a), ["not_registered_reason"]);
        a.insert("not_registered_reason".into(), "Pas encore".into());
        assert!(missing(Identification, &a).is_empty());
        a.remove("registered");
        assert_eq!(missing(Identification, &a), ["registered"]);
    }

    #[test]
    fn a_section_form_is_checked_field_by_field() {
        let f = form(&[
            ("year_established", "2999"),
            ("registered", "yes"),
            ("registration_date", "2030-01-01"),
            ("registration_certificate", "../etc/passwd"),
            ("women_led", "maybe"),
        ]);
        let errors = parse_section(Identification, &f, today()).unwrap_err();
        let mut got: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("registration_certificate", "file_invalid"),
                ("registration_date", "date_in_future"),
                ("women_led", "choice_invalid"),
                ("year_established", "number_out_of_range"),
            ]
        );
        let c = form(&[
            ("phone", "33 123"),
            ("email", "nobody"),
            ("working_languages", "fr,xx"),
            ("head_name", "Awa\nDiop"),
        ]);
        let errors = parse_section(Contacts, &c, today()).unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:?}");
    }

    #[test]
    fn answers_that_are_not_asked_are_dropped_and_values_stored_canonically() {
        let f = form(&[
            ("year_established", " 1998 "),
            ("registered", "no"),
            ("registration_number", "W123"),
            ("not_registered_reason", "En cours"),
            ("governing_document", "7"),
            ("women_led", "yes"),
            ("unknown_field", "ignored"),
        ]);
        let a = parse_section(Identification, &f, today()).unwrap();
        assert_eq!(a.get("year_established").unwrap(), "1998");
        assert!(!a.contains_key("registration_number"));
        assert!(!a.contains_key("unknown_field"));
        assert_eq!(a.get("not_registered_reason").unwrap(), "En cours");
        let m = form(&[
            ("countries_of_operation", "sn, ml,SN"),
            ("sectors", "education,health"),
            ("safeguarding_policy", "no"),
            ("safeguarding_policy_file", "not a number but not asked"),
        ]);
        let a = parse_section(Mandate, &m, today()).unwrap();
        assert_eq!(a.get("countries_of_operation").unwrap(), "ML,SN");
        assert_eq!(a.get("sectors").unwrap(), "health,education");
        assert!(!a.contains_key("safeguarding_policy_file"));
        let o = parse_section(Other, &form(&[("data_confirmed", "yes")]), today()).unwrap();
        assert_eq!(o.get("data_confirmed").unwrap(), "2026-12-03");
    }

    #[test]
    fn the_former_organisation_form_fills_only_what_the_profile_leaves_unanswered() {
        let former = FormerProfile {
            fields: form(&[
                ("address", " Rue de Lausanne 64, Genève "),
                ("website", "aie.example"),
                ("year_established", "1987"),
                ("registration_number", "CHE-109.322.516"),
                ("registration_date", "1987-05-04"),
                ("sectors", "water_sanitation,health"),
                ("mandate", "Eau potable pour tous."),
                ("women_led", "yes"),
                ("youth_led", "no"),
                ("indigenous_led", ""),
            ]),
            annual_budget_minor: Some(25_000_000),
            certificate: Some(42),
        };
        let added = from_former_profile(&Answers::new(), &former, today());
        let expected: Answers = [
            ("address", "Rue de Lausanne 64, Genève"),
            ("website", "https://aie.example"),
            ("year_established", "1987"),
            ("registered", "yes"),
            ("registration_number", "CHE-109.322.516"),
            ("registration_date", "1987-05-04"),
            ("registration_certificate", "42"),
            ("sectors", "health,water_sanitation"),
            ("mandate", "Eau potable pour tous."),
            ("women_led", "yes"),
            ("youth_led", "no"),
            ("budget_this_year", budget_band(25_000_000)),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(added, expected);

        // What the partner stated stays; a number after "registered: no" is not asked.
        let own: Answers = [("registered", "no"), ("mandate", "Notre mandat")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let added = from_former_profile(&own, &former, today());
        assert!(!added.contains_key("mandate") && !added.contains_key("registered"));
        for gone in [
            "registration_number",
            "registration_date",
            "registration_certificate",
        ] {
            assert!(!added.contains_key(gone), "{gone} is not asked after no");
        }
        assert_eq!(added["address"], "Rue de Lausanne 64, Genève");

        // A value that no longer passes its section's check is left out.
        let odd = FormerProfile {
            fields: form(&[("year_established", "1700"), ("sectors", "weapons")]),
            ..Default::default()
        };
        assert!(from_former_profile(&Answers::new(), &odd, today()).is_empty());
    }

    #[test]
    fn budget_bands() {
        assert_eq!(budget_band(0), "under_50k");
        assert_eq!(budget_band(4_999_999), "under_50k");
        assert_eq!(budget_band(5_000_000), "50k_100k");
        assert_eq!(budget_band(120_000_000), "1m_5m");
        assert_eq!(budget_band(i64::MAX), "over_10m");
    }

    #[test]
    fn a_country_office_takes_governing_documents_and_policies_from_its_headquarters() {
        let answers = |pairs: &[(&str, &str)]| -> Answers {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let office = answers(&[
            ("governing_document", "9"),
            ("phone", "+221 33 800 00 00"),
            ("safeguarding_policy", "no"),
        ]);
        let hq = answers(&[
            ("governing_document", "7"),
            ("board", "yes"),
            ("board_members", "A, B"),
            ("phone", "+41 22 000 00 00"),
        ]);
        let merged = with_headquarters(&office, &hq);
        assert_eq!(
            merged["governing_document"], "7",
            "the HQ's document stands"
        );
        assert_eq!(merged["board_members"], "A, B");
        assert_eq!(
            merged["phone"], "+221 33 800 00 00",
            "the office's own contacts"
        );
        assert!(
            !merged.contains_key("safeguarding_policy"),
            "not stated by the HQ: missing for the office too"
        );
        let c = completeness(&merged);
        let identification = &c.sections[0].1;
        assert!(!identification.contains(&"governing_document".to_string()));
        // Every inherited field is a field of the catalogue.
        assert!(FROM_HEADQUARTERS.iter().all(|n| spec(n).is_some()));
    }

    #[test]
    fn the_confirmation_box_as_a_browser_sends_it_is_dated_today() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        for raw in ["on", "yes"] {
            let form: crate::fields::Fields = [("data_confirmed".to_string(), raw.to_string())]
                .into_iter()
                .collect();
            let answers = parse_section(Section::Other, &form, today).unwrap();
            assert_eq!(answers["data_confirmed"], "2026-12-04", "{raw}");
        }
    }
}
