//! The history of a record (the audit trail): who, when, what, from, to, why.
use crate::audit::AuditEvent;
use crate::i18n::*;
use crate::ui::format::utc_minute;
use crate::words::words;
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
/// `audit::actions()`, checked by a test and when recording in debug builds).
pub fn action_text(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    action_label(i18n.get_locale(), code).map_or_else(|| code.to_string(), str::to_string)
}

/// The words of an action (`module.name`), from its module.
pub fn action_label(l: Locale, code: &str) -> Option<&'static str> {
    let (module, name) = crate::audit::split_action(code)?;
    words()
        .iter()
        .find(|w| w.module == module)
        .and_then(|w| (w.action)(l, name))
}

/// Whether an action's from/to hold codes (states, roles) rather than what a person typed
/// (a username, an address), which is shown as it is.
fn codes_in_states(action: &str) -> bool {
    !words().iter().any(|w| w.typed.contains(&action))
}

/// A state, role, station or file kind in the reader's language, word by word ("accreditation_officer
/// geneva"), from the first module that knows the word; a word that is no code (an agency code)
/// stays as it is.
fn state_text(i18n: leptos_i18n::I18nContext<Locale>, value: &str) -> String {
    code_words(i18n.get_locale(), value)
}

/// Whether a module gives words to `code` in the language `l`.
pub fn knows_code(l: Locale, code: &str) -> bool {
    words()
        .iter()
        .any(|m| (m.code)(l, code).is_some_and(|w| !w.is_empty()))
}

/// [`state_text`] in the language `l`.
pub fn code_words(l: Locale, value: &str) -> String {
    value
        .split(' ')
        .map(|w| {
            words()
                .iter()
                .find_map(|m| (m.code)(l, w))
                .unwrap_or_else(|| w.to_string())
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "Approuvée" as it reads inside a sentence: "soumise → approuvée".
pub fn lower_first(label: &str) -> String {
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
