//! The outbox page: what Passerelle would have mailed when no SMTP server is configured.
use super::api::{RetryMail, outbox};
use crate::AppError;
use crate::i18n::*;
use crate::ui::format::utc_minute;
use crate::ui::title::PageTitle;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let before = Memo::new(move |_| {
        query
            .read()
            .get("before")
            .and_then(|b| b.parse::<i64>().ok())
    });
    let retry = ServerAction::<RetryMail>::new();
    let page = Resource::new(
        move || (before.get(), retry.version().get()),
        |(b, _)| outbox(b),
    );
    // Why a retry was refused: from the action once hydrated, from the URL after a plain post.
    let posted = crate::ui::forms::errors_from_query(Some("/api/mail/retry"));
    let retry_error = move || {
        let mut errors = crate::ui::forms::action_errors(retry).get();
        errors.extend(posted.get());
        errors
            .first()
            .map(|e| crate::ui::forms::error_message(i18n, &e.code))
    };
    let status = move |s: crate::mail::domain::MailStatus| {
        use crate::mail::domain::MailStatus as M;
        let l = i18n.get_locale();
        match s {
            M::Queued => td_string!(l, mail_status_queued),
            M::Sent => td_string!(l, mail_status_sent),
            M::Outbox => td_string!(l, mail_status_outbox),
            M::Failed => td_string!(l, mail_status_failed),
        }
    };
    view! {
        <PageTitle text=|l| td_string!(l, outbox_title).to_string() />
        <section>
            <h1 id="outbox-title">{t!(i18n, outbox_title)}</h1>
            <p>{t!(i18n, outbox_intro)}</p>
            {move || retry_error().map(|m| view! { <p class="notice notice--error" role="alert">{m}</p> })}
            <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || {
                    page.get()
                        .map(|result| match result {
                            Err(AppError::Unauthenticated) => {
                                view! {
                                    <p class="notice">
                                        {t!(i18n, err_unauthenticated)} " "
                                        <A href="/login">{t!(i18n, sign_in)}</A>
                                    </p>
                                }
                                    .into_any()
                            }
                            Err(AppError::Forbidden) => {
                                view! { <p class="notice">{t!(i18n, err_forbidden)}</p> }.into_any()
                            }
                            Err(_) => view! { <p class="notice">{t!(i18n, err_generic)}</p> }.into_any(),
                            Ok(p) if p.mails.is_empty() => {
                                view! { <p class="empty-state">{t!(i18n, outbox_empty)}</p> }.into_any()
                            }
                            Ok(p) => {
                                let next = p.next_before;
                                view! {
                                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="outbox-title">
                                        <table class="table">
                                            <thead>
                                                <tr>
                                                    <th scope="col">{t!(i18n, col_date)}</th>
                                                    <th scope="col">{t!(i18n, col_to)}</th>
                                                    <th scope="col">{t!(i18n, col_subject)}</th>
                                                    <th scope="col">{t!(i18n, col_status)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {p.mails
                                                    .into_iter()
                                                    .map(|m| {
                                                        view! {
                                                            <tr>
                                                                <td>{utc_minute(m.created_at)}</td>
                                                                <td>{m.to_address.clone()}</td>
                                                                <td>
                                                                    <details>
                                                                        <summary>{m.subject}</summary>
                                                                        <pre class="mail-body">{m.body}</pre>
                                                                    </details>
                                                                </td>
                                                                <td>
                                                                    {status(m.status)}
                                                                    {m.last_error.clone().filter(|_| m.status == crate::mail::domain::MailStatus::Failed).map(|e| view! { <p class="field__help">{e}</p> })}
                                                                    {(m.status == crate::mail::domain::MailStatus::Failed).then(|| view! {
                                                                        <ActionForm action=retry attr:class="inline-form">
                                                                            <input type="hidden" name="mail_id" value=m.id />
                                                                            <button type="submit" class="button button--small"
                                                                                aria-label=format!("{} : {}", td_string!(i18n.get_locale(), outbox_retry), m.to_address)>
                                                                                {t!(i18n, outbox_retry)}
                                                                            </button>
                                                                        </ActionForm>
                                                                    })}
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), outbox_title)>
                                        {before.get().map(|_| view! { <A href="/admin/outbox">{t!(i18n, outbox_newest)}</A> })}
                                        {next.map(|n| view! { <A href=format!("/admin/outbox?before={n}")>{t!(i18n, outbox_older)}</A> })}
                                    </nav>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}
