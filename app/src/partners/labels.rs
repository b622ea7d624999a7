//! The words of the profile's catalogue and of the PSEA ratings: each field's label, each choice's, each section's
//! (`partners.f_*`, `partners.o_*`, `partners.s_*` in the module's locales). Generated lists
//! would hide a missing word; these matches name every code, and a test checks the catalogue.
use crate::i18n::*;
use crate::partners::domain::profile::Section;

/// A field's label; `None` for a name the catalogue does not have.
pub fn field_label(l: Locale, name: &str) -> Option<&'static str> {
    Some(match name {
        "year_established" => td_string!(l, partners.f_year_established),
        "registered" => td_string!(l, partners.f_registered),
        "registration_number" => td_string!(l, partners.f_registration_number),
        "registration_authority" => td_string!(l, partners.f_registration_authority),
        "registration_date" => td_string!(l, partners.f_registration_date),
        "registration_certificate" => td_string!(l, partners.f_registration_certificate),
        "not_registered_reason" => td_string!(l, partners.f_not_registered_reason),
        "governing_document" => td_string!(l, partners.f_governing_document),
        "women_led" => td_string!(l, partners.f_women_led),
        "youth_led" => td_string!(l, partners.f_youth_led),
        "indigenous_led" => td_string!(l, partners.f_indigenous_led),
        "refugee_led" => td_string!(l, partners.f_refugee_led),
        "address" => td_string!(l, partners.f_address),
        "phone" => td_string!(l, partners.f_phone),
        "email" => td_string!(l, partners.f_email),
        "website" => td_string!(l, partners.f_website),
        "head_name" => td_string!(l, partners.f_head_name),
        "head_title" => td_string!(l, partners.f_head_title),
        "board" => td_string!(l, partners.f_board),
        "board_members" => td_string!(l, partners.f_board_members),
        "board_authorised" => td_string!(l, partners.f_board_authorised),
        "authorised_officers" => td_string!(l, partners.f_authorised_officers),
        "working_languages" => td_string!(l, partners.f_working_languages),
        "background" => td_string!(l, partners.f_background),
        "mandate" => td_string!(l, partners.f_mandate),
        "governance" => td_string!(l, partners.f_governance),
        "populations" => td_string!(l, partners.f_populations),
        "sectors" => td_string!(l, partners.f_sectors),
        "experience" => td_string!(l, partners.f_experience),
        "countries_of_operation" => td_string!(l, partners.f_countries_of_operation),
        "safeguarding_policy" => td_string!(l, partners.f_safeguarding_policy),
        "safeguarding_policy_file" => td_string!(l, partners.f_safeguarding_policy_file),
        "safeguarding_policy_comment" => td_string!(l, partners.f_safeguarding_policy_comment),
        "anti_fraud_policy" => td_string!(l, partners.f_anti_fraud_policy),
        "anti_fraud_policy_file" => td_string!(l, partners.f_anti_fraud_policy_file),
        "anti_fraud_policy_comment" => td_string!(l, partners.f_anti_fraud_policy_comment),
        "budget_this_year" => td_string!(l, partners.f_budget_this_year),
        "budget_last_year" => td_string!(l, partners.f_budget_last_year),
        "budget_two_years_ago" => td_string!(l, partners.f_budget_two_years_ago),
        "main_donors" => td_string!(l, partners.f_main_donors),
        "core_funding" => td_string!(l, partners.f_core_funding),
        "un_partner" => td_string!(l, partners.f_un_partner),
        "un_partnerships" => td_string!(l, partners.f_un_partnerships),
        "accreditations" => td_string!(l, partners.f_accreditations),
        "references" => td_string!(l, partners.f_references),
        "networks" => td_string!(l, partners.f_networks),
        "results_based_management" => td_string!(l, partners.f_results_based_management),
        "monitoring_evaluation" => td_string!(l, partners.f_monitoring_evaluation),
        "feedback_mechanism" => td_string!(l, partners.f_feedback_mechanism),
        "segregation_of_duties" => td_string!(l, partners.f_segregation_of_duties),
        "bank_account" => td_string!(l, partners.f_bank_account),
        "audited" => td_string!(l, partners.f_audited),
        "audit_report" => td_string!(l, partners.f_audit_report),
        "key_results" => td_string!(l, partners.f_key_results),
        "data_confirmed" => td_string!(l, partners.f_data_confirmed),
        _ => return None,
    })
}

/// A choice's label (languages, populations, experience, funding sources, budget bands).
pub fn option_label(l: Locale, code: &str) -> Option<&'static str> {
    Some(match code {
        "ar" => td_string!(l, partners.o_ar),
        "en" => td_string!(l, partners.o_en),
        "es" => td_string!(l, partners.o_es),
        "fr" => td_string!(l, partners.o_fr),
        "pt" => td_string!(l, partners.o_pt),
        "ru" => td_string!(l, partners.o_ru),
        "zh" => td_string!(l, partners.o_zh),
        "other" => td_string!(l, partners.o_other),
        "women_girls" => td_string!(l, partners.o_women_girls),
        "children_youth" => td_string!(l, partners.o_children_youth),
        "older_persons" => td_string!(l, partners.o_older_persons),
        "persons_with_disabilities" => td_string!(l, partners.o_persons_with_disabilities),
        "refugees" => td_string!(l, partners.o_refugees),
        "internally_displaced" => td_string!(l, partners.o_internally_displaced),
        "migrants" => td_string!(l, partners.o_migrants),
        "indigenous_peoples" => td_string!(l, partners.o_indigenous_peoples),
        "rural_communities" => td_string!(l, partners.o_rural_communities),
        "urban_poor" => td_string!(l, partners.o_urban_poor),
        "under_1" => td_string!(l, partners.o_under_1),
        "1_3" => td_string!(l, partners.o_1_3),
        "3_5" => td_string!(l, partners.o_3_5),
        "5_10" => td_string!(l, partners.o_5_10),
        "over_10" => td_string!(l, partners.o_over_10),
        "un_agencies" => td_string!(l, partners.o_un_agencies),
        "governments" => td_string!(l, partners.o_governments),
        "private_donors" => td_string!(l, partners.o_private_donors),
        "foundations" => td_string!(l, partners.o_foundations),
        "own_income" => td_string!(l, partners.o_own_income),
        "membership_fees" => td_string!(l, partners.o_membership_fees),
        "under_50k" => td_string!(l, partners.o_under_50k),
        "50k_100k" => td_string!(l, partners.o_50k_100k),
        "100k_250k" => td_string!(l, partners.o_100k_250k),
        "250k_500k" => td_string!(l, partners.o_250k_500k),
        "500k_1m" => td_string!(l, partners.o_500k_1m),
        "1m_5m" => td_string!(l, partners.o_1m_5m),
        "5m_10m" => td_string!(l, partners.o_5m_10m),
        "over_10m" => td_string!(l, partners.o_over_10m),
        _ => return None,
    })
}

pub fn section_label(l: Locale, s: Section) -> &'static str {
    match s {
        Section::Identification => td_string!(l, partners.s_identification),
        Section::Contacts => td_string!(l, partners.s_contacts),
        Section::Mandate => td_string!(l, partners.s_mandate),
        Section::Funding => td_string!(l, partners.s_funding),
        Section::Collaboration => td_string!(l, partners.s_collaboration),
        Section::Implementation => td_string!(l, partners.s_implementation),
        Section::Other => td_string!(l, partners.s_other),
    }
}

/// The words of a flag level, a flag category or a verification's verdict (histories, pages).
pub fn verification_code(l: Locale, code: &str) -> Option<&'static str> {
    use crate::partners::domain::verification::{FlagCategory as C, FlagLevel as F};
    if let Some(level) = F::parse(code) {
        return Some(match level {
            F::Observation => td_string!(l, partners.l_observation),
            F::Yellow => td_string!(l, partners.l_yellow),
            F::Escalated => td_string!(l, partners.l_escalated),
            F::Red => td_string!(l, partners.l_red),
        });
    }
    if let Some(c) = C::parse(code) {
        return Some(match c {
            C::Reputational => td_string!(l, partners.c_reputational),
            C::Financial => td_string!(l, partners.c_financial),
            C::Operational => td_string!(l, partners.c_operational),
            C::Compliance => td_string!(l, partners.c_compliance),
            C::Sea => td_string!(l, partners.c_sea),
            C::Safeguarding => td_string!(l, partners.c_safeguarding),
            C::Other => td_string!(l, partners.c_other),
        });
    }
    Some(match code {
        "verified" => td_string!(l, partners.st_verified),
        "not_verified" => td_string!(l, partners.st_not_verified),
        _ => return None,
    })
}

/// The words of a verification question.
pub fn question_label(
    l: Locale,
    q: crate::partners::domain::verification::Question,
) -> &'static str {
    use crate::partners::domain::verification::Question as Q;
    match q {
        Q::RegistrationValid => td_string!(l, partners.q_registration_valid),
        Q::MandateConsistent => td_string!(l, partners.q_mandate_consistent),
        Q::SafeguardsInPlace => td_string!(l, partners.q_safeguards_in_place),
        Q::OtherRisk => td_string!(l, partners.q_other_risk),
        Q::RiskUnacceptable => td_string!(l, partners.q_risk_unacceptable),
    }
}

/// A PSEA rating's words.
pub fn rating_label(l: Locale, r: crate::partners::domain::psea::Rating) -> &'static str {
    use crate::partners::domain::psea::Rating as R;
    match r {
        R::Full => td_string!(l, psea.r_full),
        R::Medium => td_string!(l, psea.r_medium),
        R::Low => td_string!(l, psea.r_low),
    }
}

/// The name of a move of an application in its review.
pub fn action_label(
    l: Locale,
    a: crate::partners::domain::applications::ApplicationAction,
) -> &'static str {
    use crate::partners::domain::applications::ApplicationAction as A;
    match a {
        A::Preselect => td_string!(l, review.a_preselect),
        A::Recommend => td_string!(l, review.a_recommend),
        A::Reject => td_string!(l, review.a_reject),
        A::Award => td_string!(l, review.a_award),
        A::Retract => td_string!(l, review.a_retract),
        A::Accept => td_string!(l, review.a_accept),
        A::Decline => td_string!(l, review.a_decline),
    }
}

/// What asking twice says before each move.
pub fn action_confirm(
    l: Locale,
    a: crate::partners::domain::applications::ApplicationAction,
) -> &'static str {
    use crate::partners::domain::applications::ApplicationAction as A;
    match a {
        A::Preselect => td_string!(l, review.c_preselect),
        A::Recommend => td_string!(l, review.c_recommend),
        A::Reject => td_string!(l, review.c_reject),
        A::Award => td_string!(l, review.c_award),
        A::Retract => td_string!(l, review.c_retract),
        A::Accept => td_string!(l, review.c_accept),
        A::Decline => td_string!(l, review.c_decline),
    }
}
