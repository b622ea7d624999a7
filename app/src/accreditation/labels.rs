//! The words of accreditation's codes (stations, representative types, states, passes) and the
//! "saved" notices, shared by its pages.
use crate::i18n::*;

// Labels list every case of their code list (an added case fails to compile here); a code
// that is no case at all (a corrupt row) shows as itself, never as another case's name.

pub const STATIONS: [&str; 3] = ["new_york", "geneva", "vienna"];

pub fn station_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::accreditation::domain::DutyStation as S;
    let l = i18n.get_locale();
    let Some(station) = S::parse(code) else {
        return code.to_string();
    };
    match station {
        S::NewYork => td_string!(l, acc.station_new_york),
        S::Geneva => td_string!(l, acc.station_geneva),
        S::Vienna => td_string!(l, acc.station_vienna),
    }
    .to_string()
}

pub fn type_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::accreditation::domain::RepresentativeType as T;
    let l = i18n.get_locale();
    let Some(kind) = T::parse(code) else {
        return code.to_string();
    };
    match kind {
        T::PresidentChiefExecutive => td_string!(l, acc.type_president),
        T::AdministrativeDirector => td_string!(l, acc.type_admin_director),
        T::PrincipalRepresentative => td_string!(l, acc.type_principal),
        T::AdditionalRepresentative => td_string!(l, acc.type_additional),
    }
    .to_string()
}

pub fn status_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::accreditation::domain::DesignationStatus as D;
    let l = i18n.get_locale();
    let Some(status) = D::parse(code) else {
        return code.to_string();
    };
    match status {
        D::Draft => td_string!(l, acc.status_draft),
        D::Submitted => td_string!(l, acc.status_submitted),
        D::Approved => td_string!(l, acc.status_approved),
        D::Rejected => td_string!(l, acc.status_rejected),
        D::Withdrawn => td_string!(l, acc.status_withdrawn),
        D::Revoked => td_string!(l, acc.status_revoked),
        D::Expired => td_string!(l, acc.status_expired),
    }
    .to_string()
}

pub fn pass_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::accreditation::domain::PassKind as P;
    let l = i18n.get_locale();
    let Some(pass) = P::parse(code) else {
        return code.to_string();
    };
    match pass {
        P::Temporary => td_string!(l, acc.pass_temporary),
        P::Annual => td_string!(l, acc.pass_annual),
    }
    .to_string()
}

pub const TYPES: [&str; 4] = [
    "president_chief_executive",
    "administrative_director",
    "principal_representative",
    "additional_representative",
];

pub fn saved_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    let l = i18n.get_locale();
    match key {
        "submitted" => td_string!(l, acc.saved_submitted),
        "withdrawn" => td_string!(l, acc.saved_withdrawn),
        "photo" => td_string!(l, acc.saved_photo),
        "reprinted" => td_string!(l, acc.saved_reprinted),
        "draft" => td_string!(l, acc.saved_draft),
        _ => td_string!(l, saved_generic),
    }
    .to_string()
}
