//! Agencies' verification of a profile (five questions) and their flags (UNPP).
use crate::code_enum;

code_enum! {
    /// The five questions of a verification, in order.
    Question {
        RegistrationValid = "registration_valid",
        MandateConsistent = "mandate_consistent",
        SafeguardsInPlace = "safeguards_in_place",
        OtherRisk = "other_risk",
        RiskUnacceptable = "risk_unacceptable",
    }
}

/// The one verification rule: verified when the registration certificate is valid, the mandate
/// is consistent with the UN's and anti-fraud, SEA and safeguarding mechanisms are in place (yes,
/// yes, yes), and there is no other risk and so none unacceptable (no, no). Every question is
/// answered; an unacceptable risk needs a risk (`risk_not_stated`).
pub fn verified(answers: [Option<bool>; 5]) -> Result<bool, (Question, &'static str)> {
    for (q, a) in Question::ALL.iter().zip(answers) {
        if a.is_none() {
            return Err((*q, "required"));
        }
    }
    let [a, b, c, risk, unacceptable] = answers.map(|a| a.unwrap_or(false));
    if unacceptable && !risk {
        return Err((Question::RiskUnacceptable, "risk_not_stated"));
    }
    Ok(a && b && c && !risk && !unacceptable)
}

code_enum! {
    /// A flag an agency puts on a profile; partners never see them.
    FlagLevel {
        Observation = "observation",
        Yellow = "yellow",
        Escalated = "escalated",
        Red = "red",
    }
}

code_enum! {
    /// What a flag is about.
    FlagCategory {
        Reputational = "reputational",
        Financial = "financial",
        Operational = "operational",
        Compliance = "compliance",
        Sea = "sea",
        Safeguarding = "safeguarding",
        Other = "other",
    }
}

impl FlagLevel {
    /// A yellow flag can be escalated; an escalated one is then confirmed (red) or not (yellow).
    pub fn can_transition_to(self, next: Self) -> bool {
        use FlagLevel::*;
        matches!(
            (self, next),
            (Yellow, Escalated) | (Escalated, Red | Yellow)
        )
    }
}

impl FlagLevel {
    /// A new flag is an observation, a yellow (risk) or a red flag; "escalated" is reached
    /// from yellow only.
    pub fn may_be_raised(self) -> bool {
        self != FlagLevel::Escalated
    }
}

/// The longest comment of a verification or a flag.
pub const COMMENT_MAX: usize = 2000;

/// A red flag blocks selection (an award, a workplan).
pub fn blocks_selection(flags: &[FlagLevel]) -> bool {
    flags.contains(&FlagLevel::Red)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_is_not_raised_escalated() {
        assert!(FlagLevel::Yellow.may_be_raised());
        assert!(FlagLevel::Red.may_be_raised());
        assert!(!FlagLevel::Escalated.may_be_raised());
    }

    #[test]
    fn verified_only_with_three_yes_and_two_no() {
        let y = Some(true);
        let n = Some(false);
        assert_eq!(verified([y, y, y, n, n]), Ok(true));
        assert_eq!(verified([y, n, y, n, n]), Ok(false));
        assert_eq!(verified([y, y, y, y, n]), Ok(false));
        assert_eq!(verified([y, y, y, y, y]), Ok(false));
        assert_eq!(
            verified([y, y, y, n, y]),
            Err((Question::RiskUnacceptable, "risk_not_stated"))
        );
        assert_eq!(
            verified([y, None, y, n, n]),
            Err((Question::MandateConsistent, "required"))
        );
    }

    #[test]
    fn flags_escalate_and_red_blocks() {
        use FlagLevel::*;
        assert!(Yellow.can_transition_to(Escalated));
        assert!(Escalated.can_transition_to(Red));
        assert!(Escalated.can_transition_to(Yellow));
        assert!(!Observation.can_transition_to(Red));
        assert!(!Yellow.can_transition_to(Red));
        assert!(!Red.can_transition_to(Yellow));
        assert!(blocks_selection(&[Yellow, Red]));
        assert!(!blocks_selection(&[Yellow, Escalated, Observation]));
    }
}
