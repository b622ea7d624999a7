//! Forgotten login details or password, and the page the reset link opens.
use crate::accounts::recovery::{RequestPasswordReset, ResetPassword};
use crate::i18n::*;
use crate::label;
use crate::ui::forms::{ErrorSummary, FormKit, Notice, TextField, query_param};
use crate::ui::title::PageTitle;
use leptos::prelude::*;

#[component]
pub fn ForgotPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let kit = FormKit::new("forgot", action);
    let sent = query_param("sent");
    let notice = Signal::derive(move || {
        (sent.get().is_some() || matches!(action.value().get(), Some(Ok(_))))
            .then(|| td_string!(i18n.get_locale(), forgot_sent).to_string())
    });
    view! {
        <PageTitle text=|l| td_string!(l, forgot_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, forgot_title)}</h1>
            <p>{t!(i18n, forgot_intro)}</p>
            <Notice text=notice />
            <ErrorSummary kit />
            <ActionForm action attr:class="form" attr:id=kit.id>
                <TextField
                    name="email"
                    label=label!(i18n, field_email)
                    kit
                    input_type="email"
                    autocomplete="email"
                    required=true
                />
                <button type="submit" class="button">{t!(i18n, forgot_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let kit = FormKit::new("reset", action);
    let token = query_param("token");
    view! {
        <PageTitle text=|l| td_string!(l, reset_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, reset_title)}</h1>
            <ErrorSummary kit />
            <ActionForm action attr:class="form" attr:id=kit.id>
                <input type="hidden" name="token" value=move || token.get().unwrap_or_default() />
                <TextField
                    name="password"
                    label=label!(i18n, field_new_password)
                    help=label!(i18n, help_password)
                    kit
                    input_type="password"
                    autocomplete="new-password"
                    max_chars=128
                    required=true
                />
                <button type="submit" class="button">{t!(i18n, reset_submit)}</button>
            </ActionForm>
        </section>
    }
}
