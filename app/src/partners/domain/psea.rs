//! The PSEA self-assessment (UN Implementing Partner PSEA capacity assessment): eight core
//! standards met or not with evidence, and the rating.
use crate::code_enum;

code_enum! {
    /// The eight core standards, in the assessment's order.
    Standard {
        OrganisationalPolicy = "organisational_policy",
        PartnerAgreements = "partner_agreements",
        Recruitment = "recruitment",
        Training = "training",
        Reporting = "reporting",
        SurvivorAssistance = "survivor_assistance",
        Investigations = "investigations",
        CorrectiveAction = "corrective_action",
    }
}

code_enum! {
    /// The capacity the answers show.
    Rating { Full = "full", Medium = "medium", Low = "low" }
}

/// The one rating rule: all eight standards met → full capacity; six or seven → medium; five or
/// fewer → low.
pub fn rating(standards_met: usize) -> Rating {
    match standards_met {
        8.. => Rating::Full,
        6 | 7 => Rating::Medium,
        _ => Rating::Low,
    }
}

code_enum! {
    /// A self-assessment: written by the partner, submitted, then agreed by an agency officer or
    /// sent back (with comments) to be corrected and submitted again.
    AssessmentStatus {
        Draft = "draft",
        Submitted = "submitted",
        SentBack = "sent_back",
        Agreed = "agreed",
    }
}

impl AssessmentStatus {
    pub fn can_transition_to(self, next: Self) -> bool {
        use AssessmentStatus::*;
        matches!(
            (self, next),
            (Draft | SentBack, Submitted) | (Submitted, Agreed | SentBack)
        )
    }

    /// The partner edits a draft or one sent back; a submitted or agreed one is locked.
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::SentBack)
    }
}

/// One standard's answer: a "met" needs its evidence (a text or a file).
pub fn check_answer(
    met: Option<bool>,
    evidence: &str,
    file: Option<i64>,
) -> Result<(), &'static str> {
    match met {
        None => Err("required"),
        Some(true) if evidence.trim().is_empty() && file.is_none() => Err("evidence_required"),
        _ => Ok(()),
    }
}

/// The longest evidence of a standard.
pub const EVIDENCE_MAX: usize = 2000;

/// One standard's answer as saved: met or not (none: not answered yet) and its evidence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Answer {
    pub standard: Standard,
    pub met: Option<bool>,
    pub evidence: String,
}

/// The name of a standard's evidence field in the form (`<standard>_evidence`).
pub fn evidence_field(s: Standard) -> &'static str {
    use Standard as S;
    match s {
        S::OrganisationalPolicy => "organisational_policy_evidence",
        S::PartnerAgreements => "partner_agreements_evidence",
        S::Recruitment => "recruitment_evidence",
        S::Training => "training_evidence",
        S::Reporting => "reporting_evidence",
        S::SurvivorAssistance => "survivor_assistance_evidence",
        S::Investigations => "investigations_evidence",
        S::CorrectiveAction => "corrective_action_evidence",
    }
}

/// The one validator of the self-assessment form (server and browser): each standard's yes/no
/// (field `<standard>`) and evidence (`<standard>_evidence`); a draft may leave answers out,
/// a submission (`submit`) answers every standard and gives evidence for each one met.
pub fn parse_assessment(
    form: &crate::fields::Fields,
    submit: bool,
) -> Result<Vec<Answer>, Vec<crate::error::FieldError>> {
    use crate::error::FieldError;
    let mut answers = vec![];
    let mut errors = vec![];
    for s in Standard::ALL {
        let field = |name: &str| form.get(name).map(String::as_str).unwrap_or("");
        let met = match crate::fields::parse_yes_no(field(s.as_str())) {
            Ok(m) => m,
            Err(code) => {
                errors.push(FieldError::new(s.as_str(), code));
                continue;
            }
        };
        let evidence =
            match crate::fields::parse_optional_text(field(evidence_field(*s)), EVIDENCE_MAX) {
                Ok(e) => e.unwrap_or_default(),
                Err(e) => {
                    errors.push(FieldError::new(
                        evidence_field(*s),
                        crate::fields::text_error_code(e),
                    ));
                    continue;
                }
            };
        if submit && let Err(code) = check_answer(met, &evidence, None) {
            let on = if code == "evidence_required" {
                evidence_field(*s)
            } else {
                s.as_str()
            };
            errors.push(FieldError::new(on, code));
        }
        answers.push(Answer {
            standard: *s,
            met,
            evidence,
        });
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// The rating of a complete set of answers.
pub fn rating_of(answers: &[Answer]) -> Rating {
    rating(answers.iter().filter(|a| a.met == Some(true)).count())
}

/// A new self-assessment may be started once a year: when none is under way and the last one
/// was submitted a year ago or more (`last_submitted`, none: never).
pub fn may_start_new(
    under_way: bool,
    last_submitted: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> bool {
    !under_way
        && last_submitted.is_none_or(|d| {
            d.checked_add_months(chrono::Months::new(12))
                .is_some_and(|next| today >= next)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_rating_counts_the_standards_met() {
        assert_eq!(Standard::ALL.len(), 8);
        assert_eq!(rating(8), Rating::Full);
        assert_eq!(rating(7), Rating::Medium);
        assert_eq!(rating(6), Rating::Medium);
        assert_eq!(rating(5), Rating::Low);
        assert_eq!(rating(0), Rating::Low);
    }

    #[test]
    fn a_met_standard_needs_evidence() {
        assert_eq!(
            check_answer(Some(true), " ", None),
            Err("evidence_required")
        );
        assert_eq!(
            check_answer(Some(true), "Code of conduct, 2024", None),
            Ok(())
        );
        assert_eq!(check_answer(Some(true), "", Some(4)), Ok(()));
        assert_eq!(check_answer(Some(false), "", None), Ok(()));
        assert_eq!(check_answer(None, "x", None), Err("required"));
    }

    #[test]
    fn the_form_is_checked_whole_on_submission_only() {
        let mut f = crate::fields::Fields::new();
        f.insert("organisational_policy".into(), "yes".into());
        f.insert("training".into(), "maybe".into());
        let draft = parse_assessment(&f, false).unwrap_err();
        assert_eq!(draft.len(), 1, "{draft:?}");
        assert_eq!(draft[0].field, "training");
        f.insert("training".into(), "no".into());
        assert!(
            parse_assessment(&f, false).is_ok(),
            "a draft may be partial"
        );
        let errors = parse_assessment(&f, true).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.field == "organisational_policy_evidence"
                    && e.code == "evidence_required")
        );
        assert_eq!(errors.iter().filter(|e| e.code == "required").count(), 6);
        for s in Standard::ALL {
            f.insert(s.as_str().into(), "yes".into());
            f.insert(evidence_field(*s).into(), "Politique signée".into());
            assert_eq!(evidence_field(*s), format!("{}_evidence", s.as_str()));
        }
        f.insert("training".into(), "no".into());
        let answers = parse_assessment(&f, true).unwrap();
        assert_eq!(rating_of(&answers), Rating::Medium);
    }

    #[test]
    fn states_and_yearly_assessments() {
        use AssessmentStatus::*;
        assert!(Draft.can_transition_to(Submitted));
        assert!(Submitted.can_transition_to(SentBack));
        assert!(SentBack.can_transition_to(Submitted));
        assert!(Submitted.can_transition_to(Agreed));
        assert!(!Agreed.can_transition_to(SentBack));
        assert!(!Draft.can_transition_to(Agreed));
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(may_start_new(false, None, d(2026, 1, 1)));
        assert!(!may_start_new(true, None, d(2026, 1, 1)));
        assert!(!may_start_new(false, Some(d(2026, 3, 1)), d(2027, 2, 28)));
        assert!(may_start_new(false, Some(d(2026, 3, 1)), d(2027, 3, 1)));
    }
}
