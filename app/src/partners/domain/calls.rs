//! Calls for expression of interest (CFEI, PRODUCT.md §4 "Opportunities", issue 15): the one
//! validator of a call's form (criteria whose weights add up to 100, dates in order and none in
//! the past), the call's states and the moves between them, and when partners may apply, ask
//! for clarification, and when the call closes. Pure rules, no I/O.
use crate::code_enum;
use crate::error::FieldError;
use crate::fields::{
    Fields, parse_choices, parse_date, parse_optional_text, parse_required_text,
    parse_whole_number, text_error_code,
};
use chrono::NaiveDate;

code_enum! {
    /// A call's states: draft → published → closed (the deadline passed, by the scheduled job)
    /// → finalised (with a reason).
    CallState {
        Draft = "draft",
        Published = "published",
        Closed = "closed",
        Finalised = "finalised",
    }
}

code_enum! {
    /// What moves a call.
    CallAction {
        Edit = "edit",
        Publish = "publish",
        Close = "close",
        Finalise = "finalise",
    }
}

code_enum! {
    /// Why a call was finalised.
    FinalReason {
        PartnerSelected = "partner_selected",
        NoSuitableApplicant = "no_suitable_applicant",
        Cancelled = "cancelled",
    }
}

/// Rule: draft → published → closed → finalised; only a draft is edited; a call is finalised
/// once closed (cancelled also while published: no one will be selected). Finalised is final.
pub fn transition(from: CallState, action: CallAction) -> Result<CallState, FieldError> {
    use CallAction as A;
    use CallState as S;
    match (from, action) {
        (S::Draft, A::Edit) => Ok(S::Draft),
        (S::Draft, A::Publish) => Ok(S::Published),
        (S::Published, A::Close) => Ok(S::Closed),
        (S::Closed | S::Published, A::Finalise) => Ok(S::Finalised),
        _ => Err(FieldError::new("_", "call_state_not_allowed")),
    }
}

/// Rule: a published call closes once its application deadline has passed (the end of that
/// day, UTC): what the scheduled job asks of every published call.
pub fn is_due_to_close(state: CallState, deadline: NaiveDate, today: NaiveDate) -> bool {
    state == CallState::Published && today > deadline
}

/// Rule: partners apply (and withdraw) while the call is published, up to its deadline day.
pub fn is_open_for_applications(state: CallState, deadline: NaiveDate, today: NaiveDate) -> bool {
    state == CallState::Published && today <= deadline
}

/// Rule: clarification questions are asked up to the clarification deadline day.
pub fn is_open_for_questions(
    state: CallState,
    clarification_deadline: NaiveDate,
    today: NaiveDate,
) -> bool {
    state == CallState::Published && today <= clarification_deadline
}

/// Rule: a finalisation gives its reason. A published call is only cancelled (its applicants
/// have not been reviewed); a closed one is finalised for any reason. Finalised is final.
pub fn finalise(from: CallState, raw_reason: &str) -> Result<(CallState, FinalReason), FieldError> {
    let reason = FinalReason::parse(raw_reason.trim())
        .ok_or_else(|| FieldError::new("reason", "choice_invalid"))?;
    let to = transition(from, CallAction::Finalise)?;
    if !may_finalise_for(from, reason) {
        return Err(FieldError::new("reason", "call_not_closed"));
    }
    Ok((to, reason))
}

/// Rule: which reasons finalise a call in `state` (a published call is only cancelled); what
/// `finalise` checks and the finalise form offers.
pub fn may_finalise_for(state: CallState, reason: FinalReason) -> bool {
    state != CallState::Published || reason == FinalReason::Cancelled
}

/// Rule: a partner hears of a new call when it works in one of the call's sectors and in one of
/// its countries (its own country or one it operates in).
pub fn concerns_partner(
    call_sectors: &[String],
    call_countries: &[String],
    partner_sectors: &[&str],
    partner_countries: &[&str],
) -> bool {
    call_sectors
        .iter()
        .any(|s| partner_sectors.contains(&s.as_str()))
        && call_countries
            .iter()
            .any(|c| partner_countries.contains(&c.as_str()))
}

/// One selection criterion: its name and its weight (points out of 100).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Criterion {
    pub name: String,
    pub weight: u8,
}

pub mod limits {
    pub const TITLE: usize = 200;
    pub const DESCRIPTION: usize = 8_000;
    pub const CRITERION: usize = 200;
    /// Criteria rows the form offers (`criterion_<i>_name`, `criterion_<i>_weight`, i from 1).
    pub const MAX_CRITERIA: usize = 10;
    pub const ATTACHMENTS: usize = 5;
    pub const FINAL_NOTE: usize = 2_000;
}

/// The criteria rows' fields, (name, weight), in the form's order.
pub const CRITERION_FIELDS: [(&str, &str); limits::MAX_CRITERIA] = [
    ("criterion_1_name", "criterion_1_weight"),
    ("criterion_2_name", "criterion_2_weight"),
    ("criterion_3_name", "criterion_3_weight"),
    ("criterion_4_name", "criterion_4_weight"),
    ("criterion_5_name", "criterion_5_weight"),
    ("criterion_6_name", "criterion_6_weight"),
    ("criterion_7_name", "criterion_7_weight"),
    ("criterion_8_name", "criterion_8_weight"),
    ("criterion_9_name", "criterion_9_weight"),
    ("criterion_10_name", "criterion_10_weight"),
];

/// Rule: the weights of a call's criteria add up to exactly 100 (each 1 to 100).
pub fn check_weights(criteria: &[Criterion]) -> Result<(), &'static str> {
    if criteria.is_empty() {
        return Err("criteria_required");
    }
    let total: u32 = criteria.iter().map(|c| u32::from(c.weight)).sum();
    if total == 100 {
        Ok(())
    } else {
        Err("weights_not_100")
    }
}

/// A call's five dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CallDates {
    pub clarification_deadline: NaiveDate,
    pub deadline: NaiveDate,
    pub notification: NaiveDate,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The dates' form fields, in the order they must follow.
pub const DATE_FIELDS: [&str; 5] = [
    "clarification_deadline",
    "deadline",
    "notification",
    "start",
    "end",
];

/// Rule (PRODUCT.md §4): clarification deadline ≤ application deadline ≤ notification ≤ start ≤
/// end, none in the past: each date out of order is named (`date_before_previous`), and each
/// past one (`date_in_past`).
pub fn check_dates(dates: &CallDates, today: NaiveDate) -> Vec<FieldError> {
    let in_order = [
        dates.clarification_deadline,
        dates.deadline,
        dates.notification,
        dates.start,
        dates.end,
    ];
    let mut errors = vec![];
    for (i, (name, date)) in DATE_FIELDS.iter().zip(in_order).enumerate() {
        if date < today {
            errors.push(FieldError::new(name, "date_in_past"));
        } else if i > 0 && date < in_order[i - 1] {
            errors.push(FieldError::new(name, "date_before_previous"));
        }
    }
    errors
}

/// A call as its form gives it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CallForm {
    pub title: String,
    pub description: String,
    pub sectors: Vec<String>,
    /// Country codes.
    pub countries: Vec<String>,
    pub criteria: Vec<Criterion>,
    pub dates: CallDates,
}

impl CallForm {
    /// The one validator of the call form, run by the server and, live, by the browser: every
    /// field's problem at once. Criteria rows left empty are skipped; a row with a name needs a
    /// weight and the reverse.
    pub fn parse(f: &Fields, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let get = |name: &str| f.get(name).map(String::as_str).unwrap_or("");
        let mut errors = vec![];
        let title = parse_required_text(get("title"), limits::TITLE)
            .map_err(|e| errors.push(FieldError::new("title", text_error_code(e))))
            .ok();
        let description = parse_required_text(get("description"), limits::DESCRIPTION)
            .map_err(|e| errors.push(FieldError::new("description", text_error_code(e))))
            .ok();
        let sectors = match parse_choices(get("sectors"), crate::organisations::domain::SECTORS) {
            Ok(s) if s.is_empty() => {
                errors.push(FieldError::new("sectors", "required"));
                None
            }
            Ok(s) => Some(s),
            Err(code) => {
                errors.push(FieldError::new("sectors", code));
                None
            }
        };
        let mut countries = vec![];
        for c in get("countries")
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            match crate::organisations::domain::parse_country(c) {
                Ok(code) if !countries.contains(&code) => countries.push(code),
                Ok(_) => {}
                Err(code) => {
                    errors.push(FieldError::new("countries", code));
                    break;
                }
            }
        }
        countries.sort();
        if countries.is_empty() && !errors.iter().any(|e| e.field == "countries") {
            errors.push(FieldError::new("countries", "required"));
        }
        let mut criteria = vec![];
        let mut criteria_ok = true;
        for (name_field, weight_field) in CRITERION_FIELDS {
            let (name, weight) = (get(name_field).trim(), get(weight_field).trim());
            if name.is_empty() && weight.is_empty() {
                continue;
            }
            let name = match parse_optional_text(name, limits::CRITERION) {
                Ok(Some(n)) => Some(n),
                Ok(None) => {
                    errors.push(FieldError::new(name_field, "required"));
                    None
                }
                Err(e) => {
                    errors.push(FieldError::new(name_field, text_error_code(e)));
                    None
                }
            };
            let weight = if weight.is_empty() {
                errors.push(FieldError::new(weight_field, "required"));
                None
            } else {
                parse_whole_number(weight, 1, 100)
                    .map_err(|code| errors.push(FieldError::new(weight_field, code)))
                    .ok()
            };
            match (name, weight) {
                (Some(name), Some(weight)) => criteria.push(Criterion {
                    name,
                    weight: weight as u8,
                }),
                _ => criteria_ok = false,
            }
        }
        if criteria_ok && let Err(code) = check_weights(&criteria) {
            errors.push(FieldError::new("criteria", code));
        }
        let mut date = |name: &str| match parse_date(get(name)).map_err(|c| {
            if get(name).trim().is_empty() {
                "required"
            } else {
                c
            }
        }) {
            Ok(d) => Some(d),
            Err(code) => {
                errors.push(FieldError::new(name, code));
                None
            }
        };
        let parsed = DATE_FIELDS.map(&mut date);
        let dates = match parsed {
            [Some(c), Some(d), Some(n), Some(s), Some(e)] => {
                let dates = CallDates {
                    clarification_deadline: c,
                    deadline: d,
                    notification: n,
                    start: s,
                    end: e,
                };
                errors.extend(check_dates(&dates, today));
                Some(dates)
            }
            _ => None,
        };
        match (title, description, sectors, dates) {
            (Some(title), Some(description), Some(sectors), Some(dates)) if errors.is_empty() => {
                Ok(Self {
                    title,
                    description,
                    sectors,
                    countries,
                    criteria,
                    dates,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        day(2026, 12, 7)
    }

    fn form(pairs: &[(&str, &str)]) -> Fields {
        let mut f: Fields = [
            ("title", "Santé maternelle à Kaolack"),
            (
                "description",
                "Appel à manifestation d’intérêt pour des partenaires locaux.",
            ),
            ("sectors", "health,gender_equality"),
            ("countries", "SN, ML"),
            ("criterion_1_name", "Expérience dans le secteur"),
            ("criterion_1_weight", "40"),
            ("criterion_2_name", "Présence locale"),
            ("criterion_2_weight", "35"),
            ("criterion_3_name", "Coût"),
            ("criterion_3_weight", "25"),
            ("clarification_deadline", "2027-01-10"),
            ("deadline", "2027-01-31"),
            ("notification", "2027-02-28"),
            ("start", "2027-03-01"),
            ("end", "2027-12-31"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in pairs {
            f.insert(k.to_string(), v.to_string());
        }
        f
    }

    fn codes(errors: &[FieldError]) -> Vec<(String, String)> {
        let mut c: Vec<_> = errors
            .iter()
            .map(|e| (e.field.clone(), e.code.clone()))
            .collect();
        c.sort();
        c
    }

    #[test]
    fn a_call_form_parses_with_its_criteria_and_dates() {
        let c = CallForm::parse(&form(&[]), today()).unwrap();
        assert_eq!(c.countries, ["ML", "SN"]);
        assert_eq!(c.sectors, ["health", "gender_equality"]);
        assert_eq!(c.criteria.len(), 3);
        assert_eq!(
            c.criteria[2],
            Criterion {
                name: "Coût".into(),
                weight: 25
            }
        );
        assert_eq!(c.dates.deadline, day(2027, 1, 31));
        // Equal dates are in order (≤).
        let same = form(&[("notification", "2027-01-31"), ("start", "2027-01-31")]);
        assert!(CallForm::parse(&same, today()).is_ok());
    }

    #[test]
    fn weights_that_do_not_add_up_to_100_are_refused() {
        let f = form(&[("criterion_3_weight", "20")]);
        assert_eq!(
            codes(&CallForm::parse(&f, today()).unwrap_err()),
            [("criteria".to_string(), "weights_not_100".to_string())]
        );
        let f = form(&[
            ("criterion_4_name", "Innovation"),
            ("criterion_4_weight", "10"),
        ]);
        assert!(CallForm::parse(&f, today()).is_err());
        assert_eq!(check_weights(&[]), Err("criteria_required"));
        // A row half filled names its missing half, and the total is not judged meanwhile.
        let f = form(&[("criterion_3_weight", "")]);
        assert_eq!(
            codes(&CallForm::parse(&f, today()).unwrap_err()),
            [("criterion_3_weight".to_string(), "required".to_string())]
        );
        let f = form(&[("criterion_1_weight", "140")]);
        assert_eq!(
            codes(&CallForm::parse(&f, today()).unwrap_err()),
            [(
                "criterion_1_weight".to_string(),
                "number_out_of_range".to_string()
            )]
        );
    }

    #[test]
    fn dates_out_of_order_or_in_the_past_are_each_named() {
        let f = form(&[("deadline", "2027-01-05"), ("end", "2027-02-01")]);
        assert_eq!(
            codes(&CallForm::parse(&f, today()).unwrap_err()),
            [
                ("deadline".to_string(), "date_before_previous".to_string()),
                ("end".to_string(), "date_before_previous".to_string()),
            ]
        );
        let f = form(&[("clarification_deadline", "2026-12-01")]);
        assert_eq!(
            codes(&CallForm::parse(&f, today()).unwrap_err()),
            [(
                "clarification_deadline".to_string(),
                "date_in_past".to_string()
            )]
        );
        let f = form(&[("start", "soon")]);
        assert_eq!(
            codes(&CallForm::parse(&f, today()).unwrap_err()),
            [("start".to_string(), "date_invalid".to_string())]
        );
    }

    #[test]
    fn every_missing_field_is_named_at_once() {
        let f: Fields = Fields::new();
        let got = codes(&CallForm::parse(&f, today()).unwrap_err());
        for expected in [
            ("title", "required"),
            ("description", "required"),
            ("sectors", "required"),
            ("countries", "required"),
            ("criteria", "criteria_required"),
            ("deadline", "required"),
        ] {
            assert!(
                got.contains(&(expected.0.to_string(), expected.1.to_string())),
                "{expected:?} in {got:?}"
            );
        }
        let f = form(&[("countries", "SN,XX"), ("sectors", "weapons")]);
        let got = codes(&CallForm::parse(&f, today()).unwrap_err());
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_call_moves_only_along_its_transitions() {
        use CallAction as A;
        use CallState as S;
        let allowed = [
            (S::Draft, A::Edit, S::Draft),
            (S::Draft, A::Publish, S::Published),
            (S::Published, A::Close, S::Closed),
            (S::Published, A::Finalise, S::Finalised),
            (S::Closed, A::Finalise, S::Finalised),
        ];
        for &from in S::ALL {
            for &action in A::ALL {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(
                    transition(from, action).ok(),
                    expected,
                    "{from:?} {action:?}"
                );
            }
        }
        // Finalised is final; nothing goes back to draft.
        for &action in A::ALL {
            assert!(transition(S::Finalised, action).is_err());
            assert_ne!(transition(S::Published, action).ok(), Some(S::Draft));
        }
    }

    #[test]
    fn a_call_concerns_partners_of_one_of_its_sectors_in_one_of_its_countries() {
        let sectors = ["health".to_string(), "education".to_string()];
        let countries = ["SN".to_string(), "ML".to_string()];
        assert!(concerns_partner(&sectors, &countries, &["health"], &["SN"]));
        assert!(concerns_partner(
            &sectors,
            &countries,
            &["water_sanitation", "education"],
            &["FR", "ML"]
        ));
        assert!(!concerns_partner(
            &sectors,
            &countries,
            &["health"],
            &["FR"]
        ));
        assert!(!concerns_partner(
            &sectors,
            &countries,
            &["water_sanitation"],
            &["SN"]
        ));
        assert!(!concerns_partner(&sectors, &countries, &[], &["SN"]));
    }

    #[test]
    fn applications_questions_and_closing_follow_the_deadlines() {
        let deadline = day(2027, 1, 31);
        let published = CallState::Published;
        assert!(is_open_for_applications(published, deadline, deadline));
        assert!(!is_open_for_applications(
            published,
            deadline,
            day(2027, 2, 1)
        ));
        assert!(!is_open_for_applications(
            CallState::Draft,
            deadline,
            day(2027, 1, 1)
        ));
        assert!(!is_due_to_close(published, deadline, deadline));
        assert!(is_due_to_close(published, deadline, day(2027, 2, 1)));
        assert!(!is_due_to_close(
            CallState::Closed,
            deadline,
            day(2027, 2, 1)
        ));
        assert!(is_open_for_questions(
            published,
            day(2027, 1, 10),
            day(2027, 1, 10)
        ));
        assert!(!is_open_for_questions(
            published,
            day(2027, 1, 10),
            day(2027, 1, 11)
        ));
        assert_eq!(
            finalise(CallState::Closed, "no_suitable_applicant"),
            Ok((CallState::Finalised, FinalReason::NoSuitableApplicant))
        );
        assert_eq!(
            finalise(published, "cancelled"),
            Ok((CallState::Finalised, FinalReason::Cancelled))
        );
        let code = |r: Result<_, FieldError>| r.unwrap_err().code;
        assert_eq!(
            code(finalise(published, "partner_selected")),
            "call_not_closed"
        );
        assert_eq!(code(finalise(CallState::Closed, "bored")), "choice_invalid");
        assert_eq!(
            code(finalise(CallState::Draft, "cancelled")),
            "call_state_not_allowed"
        );
        assert!(finalise(CallState::Finalised, "cancelled").is_err());
    }
}
