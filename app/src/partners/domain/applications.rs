//! Applications to calls for expression of interest (PRODUCT.md §4 "Opportunities", issue 15):
//! who may apply and when, the concept note's one validator, withdrawing, the review's scores
//! (each at most its criterion's weight) and the moves of an application, the award's conditions,
//! and what the partner is shown. Pure rules, no I/O.
use crate::code_enum;
use crate::error::FieldError;
use crate::fields::{Fields, parse_required_text, parse_whole_number, text_error_code};
use crate::partners::domain::calls::{CallState, Criterion, is_open_for_applications};
use chrono::NaiveDate;

code_enum! {
    /// An application's states: submitted (pending review) → preselected → recommended |
    /// rejected; recommended → awarded → accepted | declined, or retracted by the agency;
    /// withdrawn by the partner until the deadline.
    ApplicationState {
        Pending = "pending",
        Withdrawn = "withdrawn",
        Preselected = "preselected",
        Recommended = "recommended",
        Rejected = "rejected",
        Awarded = "awarded",
        Accepted = "accepted",
        Declined = "declined",
        Retracted = "retracted",
    }
}

code_enum! {
    /// What the partner is shown of its application (PRODUCT.md §4): the review's inner steps
    /// stay the agency's.
    PartnerView {
        UnderReview = "under_review",
        Withdrawn = "withdrawn",
        Unsuccessful = "unsuccessful",
        Successful = "successful",
        Accepted = "accepted",
        Declined = "declined",
    }
}

impl ApplicationState {
    /// Rule: the partner's view of a state, given whether the call is finalised (until then a
    /// rejection is not told: the review is still the agency's).
    pub fn partner_view(self, call_finalised: bool) -> PartnerView {
        use ApplicationState as S;
        match self {
            S::Pending | S::Preselected | S::Recommended => {
                if call_finalised {
                    PartnerView::Unsuccessful
                } else {
                    PartnerView::UnderReview
                }
            }
            S::Rejected => {
                if call_finalised {
                    PartnerView::Unsuccessful
                } else {
                    PartnerView::UnderReview
                }
            }
            // The partner was told of the award, and is told of its retraction.
            S::Retracted => PartnerView::Unsuccessful,
            S::Withdrawn => PartnerView::Withdrawn,
            S::Awarded => PartnerView::Successful,
            S::Accepted => PartnerView::Accepted,
            S::Declined => PartnerView::Declined,
        }
    }
}

/// Rule: the moves of an application, each by its side (the partner withdraws, accepts and
/// declines; the agency preselects, recommends, rejects, awards and retracts).
pub fn can_move(from: ApplicationState, to: ApplicationState) -> bool {
    use ApplicationState as S;
    matches!(
        (from, to),
        (S::Pending, S::Withdrawn)
            | (S::Pending, S::Preselected)
            | (S::Pending, S::Rejected)
            | (S::Preselected, S::Recommended)
            | (S::Preselected, S::Rejected)
            | (S::Recommended, S::Awarded)
            | (S::Recommended, S::Rejected)
            | (S::Awarded, S::Accepted)
            | (S::Awarded, S::Declined)
            | (S::Awarded, S::Retracted)
            | (S::Accepted, S::Retracted)
    )
}

code_enum! {
    /// What is done to an application in its review: the agency preselects, recommends,
    /// rejects, awards and retracts; the partner accepts or declines an award.
    ApplicationAction {
        Preselect = "preselect",
        Recommend = "recommend",
        Reject = "reject",
        Award = "award",
        Retract = "retract",
        Accept = "accept",
        Decline = "decline",
    }
}

impl ApplicationAction {
    /// The state the action leads to.
    pub fn target(self) -> ApplicationState {
        use ApplicationAction as A;
        use ApplicationState as S;
        match self {
            A::Preselect => S::Preselected,
            A::Recommend => S::Recommended,
            A::Reject => S::Rejected,
            A::Award => S::Awarded,
            A::Retract => S::Retracted,
            A::Accept => S::Accepted,
            A::Decline => S::Declined,
        }
    }

    /// The partner's own answers to an award (the rest is the agency's).
    pub fn by_partner(self) -> bool {
        matches!(self, ApplicationAction::Accept | ApplicationAction::Decline)
    }

    /// Rule: retracting an award is said why.
    pub fn needs_reason(self) -> bool {
        self == ApplicationAction::Retract
    }

    /// The agency's actions offered from `state` (for the application's page).
    pub fn agency_actions(state: ApplicationState) -> Vec<ApplicationAction> {
        Self::ALL
            .iter()
            .copied()
            .filter(|a| !a.by_partner() && can_move(state, a.target()))
            .collect()
    }
}

/// Rule: the window of each move. The agency's review runs once the call closed and until it
/// is finalised; an award may be retracted, accepted or declined after finalisation too.
pub fn move_application(
    from: ApplicationState,
    action: ApplicationAction,
    call: CallState,
) -> Result<ApplicationState, FieldError> {
    use ApplicationAction as A;
    let open = match action {
        A::Retract | A::Accept | A::Decline => {
            matches!(call, CallState::Closed | CallState::Finalised)
        }
        _ => call == CallState::Closed,
    };
    if !open {
        return Err(FieldError::new("_", "review_not_open"));
    }
    let to = action.target();
    if !can_move(from, to) {
        return Err(FieldError::new("_", "transition_not_allowed"));
    }
    Ok(to)
}

/// Rule (PRODUCT.md §4): an assigned reviewer scores an application once the call closed and
/// before it is finalised, while the application is still in review (not withdrawn, rejected
/// or decided); a completed review is locked.
pub fn may_score(
    call: CallState,
    application: ApplicationState,
    already_reviewed: bool,
) -> Result<(), FieldError> {
    use ApplicationState as S;
    if call != CallState::Closed {
        return Err(FieldError::new("_", "review_not_open"));
    }
    if !matches!(application, S::Pending | S::Preselected | S::Recommended) {
        return Err(FieldError::new("_", "transition_not_allowed"));
    }
    if already_reviewed {
        return Err(FieldError::new("_", "review_locked"));
    }
    Ok(())
}

/// Rule: a call is finalised for "partner selected" only once a partner accepted its award.
pub fn may_select(reason_is_selection: bool, accepted_awards: usize) -> Result<(), FieldError> {
    if reason_is_selection && accepted_awards == 0 {
        return Err(FieldError::new("reason", "no_accepted_award"));
    }
    Ok(())
}

/// The total of a review's scores (out of 100).
pub fn total(scores: &[u8]) -> u32 {
    scores.iter().map(|s| u32::from(*s)).sum()
}

/// What `may_apply` knows of the applicant and the call.
#[derive(Debug, Clone, Copy)]
pub struct Applicant {
    pub profile_complete: bool,
    /// A headquarters applies through its country offices, never itself.
    pub is_headquarters: bool,
    /// It already has an application to this call (withdrawn ones count: once per call).
    pub already_applied: bool,
}

/// Rule (PRODUCT.md §4): a complete, non-HQ profile applies once per call, while the call is
/// open (published, up to its deadline day).
pub fn may_apply(
    a: Applicant,
    call: CallState,
    deadline: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldError> {
    let refuse = |code: &str| Err(FieldError::new("_", code));
    if !is_open_for_applications(call, deadline, today) {
        return refuse("call_not_open");
    }
    if a.is_headquarters {
        return refuse("headquarters_cannot_apply");
    }
    if !a.profile_complete {
        return refuse("profile_not_complete");
    }
    if a.already_applied {
        return refuse("already_applied");
    }
    Ok(())
}

/// Rule: a partner withdraws its pending application up to the deadline.
pub fn may_withdraw(
    state: ApplicationState,
    call: CallState,
    deadline: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldError> {
    if !is_open_for_applications(call, deadline, today) {
        return Err(FieldError::new("_", "call_not_open"));
    }
    if !can_move(state, ApplicationState::Withdrawn) {
        return Err(FieldError::new("_", "transition_not_allowed"));
    }
    Ok(())
}

pub mod limits {
    pub const CONCEPT_NOTE: usize = 6_000;
    pub const ATTACHMENTS: usize = 5;
    pub const COMMENT: usize = 2_000;
}

/// The concept note's one validator (browser and server).
pub fn parse_concept_note(f: &Fields) -> Result<String, Vec<FieldError>> {
    let raw = f.get("concept_note").map(String::as_str).unwrap_or("");
    parse_required_text(raw, limits::CONCEPT_NOTE)
        .map_err(|e| vec![FieldError::new("concept_note", text_error_code(e))])
}

/// The score fields, one per criterion (at most 10), in the call's order.
pub const SCORE_FIELDS: [&str; 10] = [
    "score_1", "score_2", "score_3", "score_4", "score_5", "score_6", "score_7", "score_8",
    "score_9", "score_10",
];

/// The score field of the `i`-th criterion.
pub fn score_field(i: usize) -> &'static str {
    SCORE_FIELDS.get(i).copied().unwrap_or("score")
}

/// Rule: a review scores every criterion, each a whole number from 0 to the criterion's
/// weight; the total is out of 100.
pub fn parse_scores(criteria: &[Criterion], f: &Fields) -> Result<Vec<u8>, Vec<FieldError>> {
    let mut errors = vec![];
    let mut scores = vec![];
    for (i, c) in criteria.iter().enumerate() {
        let name = score_field(i);
        let raw = f.get(name).map(|v| v.trim()).unwrap_or("");
        if raw.is_empty() {
            errors.push(FieldError::new(name, "required"));
            continue;
        }
        match parse_whole_number(raw, 0, i64::from(c.weight)) {
            Ok(n) => scores.push(n as u8),
            Err("number_out_of_range") => errors.push(FieldError::new(name, "score_above_weight")),
            Err(code) => errors.push(FieldError::new(name, code)),
        }
    }
    if errors.is_empty() {
        Ok(scores)
    } else {
        Err(errors)
    }
}

/// What an award needs to know.
#[derive(Debug, Clone, Copy)]
pub struct AwardCheck {
    pub reviews_assigned: usize,
    pub reviews_done: usize,
    pub partner_verified: bool,
    pub red_flag: bool,
}

/// Rule (PRODUCT.md §4): an award needs every assigned review done (and at least one), a
/// verified partner and no red flag.
pub fn may_award(c: AwardCheck) -> Result<(), FieldError> {
    let refuse = |code: &str| Err(FieldError::new("_", code));
    if c.reviews_assigned == 0 || c.reviews_done < c.reviews_assigned {
        return refuse("reviews_missing");
    }
    if !c.partner_verified {
        return refuse("partner_not_verified");
    }
    if c.red_flag {
        return refuse("partner_red_flag");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const OK: Applicant = Applicant {
        profile_complete: true,
        is_headquarters: false,
        already_applied: false,
    };

    fn code(r: Result<(), FieldError>) -> String {
        r.unwrap_err().code
    }

    #[test]
    fn a_complete_non_hq_profile_applies_once_while_the_call_is_open() {
        let (deadline, open) = (day(2027, 1, 31), CallState::Published);
        assert!(may_apply(OK, open, deadline, deadline).is_ok());
        assert_eq!(
            code(may_apply(OK, open, deadline, day(2027, 2, 1))),
            "call_not_open"
        );
        assert_eq!(
            code(may_apply(OK, CallState::Draft, deadline, day(2027, 1, 1))),
            "call_not_open"
        );
        assert_eq!(
            code(may_apply(OK, CallState::Closed, deadline, day(2027, 1, 1))),
            "call_not_open"
        );
        let hq = Applicant {
            is_headquarters: true,
            ..OK
        };
        assert_eq!(
            code(may_apply(hq, open, deadline, deadline)),
            "headquarters_cannot_apply"
        );
        let partial = Applicant {
            profile_complete: false,
            ..OK
        };
        assert_eq!(
            code(may_apply(partial, open, deadline, deadline)),
            "profile_not_complete"
        );
        let twice = Applicant {
            already_applied: true,
            ..OK
        };
        assert_eq!(
            code(may_apply(twice, open, deadline, deadline)),
            "already_applied"
        );
    }

    #[test]
    fn withdrawing_is_for_a_pending_application_until_the_deadline() {
        let (deadline, open) = (day(2027, 1, 31), CallState::Published);
        assert!(may_withdraw(ApplicationState::Pending, open, deadline, deadline).is_ok());
        assert!(may_withdraw(ApplicationState::Pending, open, deadline, day(2027, 2, 1)).is_err());
        assert!(may_withdraw(ApplicationState::Withdrawn, open, deadline, deadline).is_err());
        assert!(
            may_withdraw(
                ApplicationState::Pending,
                CallState::Closed,
                deadline,
                day(2027, 1, 2)
            )
            .is_err()
        );
    }

    #[test]
    fn applications_move_only_along_the_review() {
        use ApplicationState as S;
        assert!(can_move(S::Pending, S::Preselected));
        assert!(can_move(S::Recommended, S::Awarded));
        assert!(can_move(S::Awarded, S::Accepted));
        assert!(
            !can_move(S::Pending, S::Awarded),
            "an award follows a recommendation"
        );
        assert!(!can_move(S::Rejected, S::Preselected));
        assert!(!can_move(S::Withdrawn, S::Pending));
        for &to in S::ALL {
            assert!(
                !can_move(S::Declined, to) && !can_move(S::Retracted, to),
                "{to:?}"
            );
        }
    }

    #[test]
    fn the_review_runs_after_closing_and_an_award_is_answered_after() {
        use ApplicationAction as A;
        use ApplicationState as S;
        assert_eq!(
            move_application(S::Pending, A::Preselect, CallState::Closed),
            Ok(S::Preselected)
        );
        assert_eq!(
            code(move_application(S::Pending, A::Preselect, CallState::Published).map(|_| ())),
            "review_not_open"
        );
        assert_eq!(
            code(move_application(S::Recommended, A::Award, CallState::Finalised).map(|_| ())),
            "review_not_open",
            "no award once the call is finalised"
        );
        assert_eq!(
            move_application(S::Awarded, A::Accept, CallState::Finalised),
            Ok(S::Accepted)
        );
        assert_eq!(
            code(move_application(S::Pending, A::Award, CallState::Closed).map(|_| ())),
            "transition_not_allowed"
        );
        assert_eq!(
            code(move_application(S::Accepted, A::Accept, CallState::Closed).map(|_| ())),
            "transition_not_allowed"
        );
        assert_eq!(
            ApplicationAction::agency_actions(S::Pending),
            vec![A::Preselect, A::Reject]
        );
        assert_eq!(
            ApplicationAction::agency_actions(S::Awarded),
            vec![A::Retract]
        );
        assert!(ApplicationAction::agency_actions(S::Declined).is_empty());
        for a in ApplicationAction::ALL {
            assert_eq!(a.needs_reason(), *a == A::Retract);
        }
    }

    #[test]
    fn a_reviewer_scores_once_after_closing_while_in_review() {
        use ApplicationState as S;
        assert!(may_score(CallState::Closed, S::Pending, false).is_ok());
        assert!(may_score(CallState::Closed, S::Recommended, false).is_ok());
        assert_eq!(
            code(may_score(CallState::Published, S::Pending, false)),
            "review_not_open"
        );
        assert_eq!(
            code(may_score(CallState::Finalised, S::Pending, false)),
            "review_not_open"
        );
        assert_eq!(
            code(may_score(CallState::Closed, S::Pending, true)),
            "review_locked"
        );
        assert_eq!(
            code(may_score(CallState::Closed, S::Withdrawn, false)),
            "transition_not_allowed"
        );
        assert_eq!(
            code(may_score(CallState::Closed, S::Awarded, false)),
            "transition_not_allowed"
        );
    }

    #[test]
    fn a_selection_needs_an_accepted_award() {
        assert_eq!(code(may_select(true, 0)), "no_accepted_award");
        assert!(may_select(true, 1).is_ok());
        assert!(may_select(false, 0).is_ok());
        assert_eq!(total(&[40, 35, 0]), 75);
    }

    #[test]
    fn the_partner_sees_the_review_only_once_the_call_is_finalised() {
        use ApplicationState as S;
        assert_eq!(S::Rejected.partner_view(false), PartnerView::UnderReview);
        assert_eq!(S::Rejected.partner_view(true), PartnerView::Unsuccessful);
        assert_eq!(S::Preselected.partner_view(false), PartnerView::UnderReview);
        assert_eq!(S::Awarded.partner_view(false), PartnerView::Successful);
        assert_eq!(S::Withdrawn.partner_view(true), PartnerView::Withdrawn);
        assert_eq!(S::Retracted.partner_view(false), PartnerView::Unsuccessful);
    }

    #[test]
    fn a_score_is_at_most_its_criterions_weight_and_every_criterion_is_scored() {
        let criteria = [
            Criterion {
                name: "Expérience".into(),
                weight: 60,
            },
            Criterion {
                name: "Coût".into(),
                weight: 40,
            },
        ];
        let f = |pairs: &[(&str, &str)]| -> Fields {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            parse_scores(&criteria, &f(&[("score_1", "55"), ("score_2", "0")])),
            Ok(vec![55, 0])
        );
        let e = parse_scores(&criteria, &f(&[("score_1", "61"), ("score_2", "-1")])).unwrap_err();
        let codes: Vec<_> = e
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(codes[0], ("score_1", "score_above_weight"));
        assert_eq!(codes.len(), 2);
        let e = parse_scores(&criteria, &f(&[("score_1", "10")])).unwrap_err();
        assert_eq!(
            (e[0].field.as_str(), e[0].code.as_str()),
            ("score_2", "required")
        );
        assert!(parse_concept_note(&f(&[("concept_note", "  ")])).is_err());
        assert_eq!(
            parse_concept_note(&f(&[("concept_note", " Notre approche ")])),
            Ok("Notre approche".into())
        );
    }

    #[test]
    fn an_award_needs_every_review_a_verified_partner_and_no_red_flag() {
        let ok = AwardCheck {
            reviews_assigned: 2,
            reviews_done: 2,
            partner_verified: true,
            red_flag: false,
        };
        assert!(may_award(ok).is_ok());
        assert_eq!(
            code(may_award(AwardCheck {
                reviews_done: 1,
                ..ok
            })),
            "reviews_missing"
        );
        assert_eq!(
            code(may_award(AwardCheck {
                reviews_assigned: 0,
                reviews_done: 0,
                ..ok
            })),
            "reviews_missing"
        );
        assert_eq!(
            code(may_award(AwardCheck {
                partner_verified: false,
                ..ok
            })),
            "partner_not_verified"
        );
        assert_eq!(
            code(may_award(AwardCheck {
                red_flag: true,
                ..ok
            })),
            "partner_red_flag"
        );
    }
}
