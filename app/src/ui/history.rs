//! The history of a record (the audit trail): who, when, what, from, to, why.
use crate::audit::AuditEvent;
use crate::i18n::*;
use crate::ui::format::utc_minute;
use leptos::prelude::*;

#[component]
pub fn History(events: Vec<AuditEvent>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">{t!(i18n, history_title)}</h2>
            {if events.is_empty() {
                view! { <p class="empty-state">{t!(i18n, history_empty)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="history-title">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, col_date)}</th>
                                    <th scope="col">{t!(i18n, col_who)}</th>
                                    <th scope="col">{t!(i18n, col_action)}</th>
                                    <th scope="col">{t!(i18n, col_change)}</th>
                                    <th scope="col">{t!(i18n, col_reason)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {events
                                    .into_iter()
                                    .rev()
                                    .map(|e| {
                                        let states = codes_in_states(&e.action);
                                        let state = |w: String| if states { state_text(i18n, &w) } else { w };
                                        let change = match (e.from_state.map(state), e.to_state.map(state)) {
                                            (Some(f), Some(t)) => format!("{f} → {t}"),
                                            (None, Some(t)) => format!("→ {t}"),
                                            (Some(f), None) => format!("{f} →"),
                                            (None, None) => String::new(),
                                        };
                                        view! {
                                            <tr>
                                                <td>{utc_minute(e.at)}</td>
                                                <td>{e.actor_name.unwrap_or_else(|| "Passerelle".into())}</td>
                                                <td>{action_text(i18n, &e.action)}</td>
                                                <td>{change}</td>
                                                <td>{e.reason.unwrap_or_default()}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The action in the reader's language; an unknown code as it is (every recorded one is known:
/// `audit::actions()`, checked by a test below and when recording in debug builds).
pub fn action_text(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    action_label(i18n.get_locale(), code).map_or_else(|| code.to_string(), str::to_string)
}

/// The words of an action (`module.name`): `audit.<name>` in the locales.
pub fn action_label(l: Locale, code: &str) -> Option<&'static str> {
    let (_, code) = crate::audit::split_action(code)?;
    macro_rules! actions {
        ($($code:ident),* $(,)?) => {
            match code {
                $(stringify!($code) => Some(td_string!(l, audit.$code)),)*
                _ => None,
            }
        };
    }
    actions!(
        signed_up,
        member_attached_at_sign_up,
        details_updated,
        username_changed,
        email_changed,
        password_changed,
        password_reset,
        newsletter_subscribed,
        newsletter_unsubscribed,
        created_as_platform_admin,
        password_reset_by_command,
        created,
        country_office_added,
        profile_updated,
        member_added,
        member_removed,
        member_left,
        member_role_changed,
        join_requested,
        join_request_decided,
        consultative_status_set,
        file_uploaded,
        mail_retried,
        registered,
        decided,
        created_at_registration,
        staff_role_granted,
        staff_role_removed,
        designation_created,
        designation_edited,
        designation_submitted,
        designation_approved,
        designation_rejected,
        designation_withdrawn,
        designation_revoked,
        designation_expired,
        designation_renewed,
        badge_printed,
        badge_reprinted,
        room_added,
        room_booked,
        room_booking_cancelled,
    )
}

/// Whether an action's from/to hold codes (states, roles) rather than what a person typed
/// (a username, an address), which is shown as it is.
fn codes_in_states(action: &str) -> bool {
    !matches!(
        action,
        "accounts.username_changed" | "accounts.email_changed"
    )
}

/// A state, role, station or file kind in the reader's language, word by word ("accreditation_officer
/// geneva"); a word that is not a code (an agency code) stays as it is.
fn state_text(i18n: leptos_i18n::I18nContext<Locale>, value: &str) -> String {
    let l = i18n.get_locale();
    value
        .split(' ')
        .map(|w| -> String {
            let known: Option<&str> = match w {
                "draft" => return lower_first(td_string!(l, acc.status_draft)),
                "submitted" => return lower_first(td_string!(l, acc.status_submitted)),
                "approved" => return lower_first(td_string!(l, acc.status_approved)),
                "rejected" => return lower_first(td_string!(l, acc.status_rejected)),
                "withdrawn" => return lower_first(td_string!(l, acc.status_withdrawn)),
                "revoked" => return lower_first(td_string!(l, acc.status_revoked)),
                "expired" => return lower_first(td_string!(l, acc.status_expired)),
                "pending" => Some(td_string!(l, status_pending)),
                "validated" => Some(td_string!(l, status_validated)),
                "declined" => Some(td_string!(l, status_declined)),
                "none" => Some(td_string!(l, status_none)),
                "general" => Some(td_string!(l, status_general)),
                "special" => Some(td_string!(l, status_special)),
                "roster" => Some(td_string!(l, status_roster)),
                "administrator" => Some(td_string!(l, role_administrator)),
                "editor" => Some(td_string!(l, role_editor)),
                "reader" => Some(td_string!(l, role_reader)),
                "accreditation_officer" => Some(td_string!(l, staff.accreditation_officer)),
                "agency_officer" => Some(td_string!(l, staff.agency_officer)),
                "help_desk" => Some(td_string!(l, staff.help_desk)),
                "extranet_secretariat" => Some(td_string!(l, staff.extranet_secretariat)),
                "platform_admin" => Some(td_string!(l, staff.platform_admin)),
                "new_york" => Some(td_string!(l, acc.station_new_york)),
                "geneva" => Some(td_string!(l, acc.station_geneva)),
                "vienna" => Some(td_string!(l, acc.station_vienna)),
                "active" => Some(td_string!(l, audit_state.active)),
                "ended" => Some(td_string!(l, audit_state.ended)),
                "listed" => Some(td_string!(l, audit_state.listed)),
                "booked" => Some(td_string!(l, audit_state.booked)),
                "cancelled" => Some(td_string!(l, audit_state.cancelled)),
                "logo" => Some(td_string!(l, audit_state.logo)),
                "certificate" => Some(td_string!(l, audit_state.certificate)),
                "designation_photo" => Some(td_string!(l, audit_state.designation_photo)),
                _ => None,
            };
            known.map_or_else(|| w.to_string(), str::to_string)
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "Approuvée" as it reads inside a sentence: "soumise → approuvée".
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_inside_a_sentence() {
        assert_eq!(lower_first("Approuvée"), "approuvée");
        assert_eq!(lower_first("Élue"), "élue");
        assert_eq!(lower_first(""), "");
    }
}
