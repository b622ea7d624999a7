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
                                        let change = match (e.from_state, e.to_state) {
                                            (Some(f), Some(t)) => format!("{f} → {t}"),
                                            (None, Some(t)) => format!("→ {t}"),
                                            (Some(f), None) => format!("{f} →"),
                                            (None, None) => String::new(),
                                        };
                                        view! {
                                            <tr>
                                                <td>{utc_minute(e.at)}</td>
                                                <td>{e.actor_name.unwrap_or_else(|| "Passerelle".into())}</td>
                                                <td><code>{e.action}</code></td>
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
