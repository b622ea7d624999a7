//! Sign-up in three steps (seed 001, steps 1–6): address → code → password and names.
use super::Auth;
use crate::accounts::sign_up::{
    CompleteSignUp, RequestSignUpCode, VerifySignUpCode, sign_up_email,
};
use crate::i18n::*;
use crate::label;
use crate::ui::forms::{CheckboxField, ErrorSummary, FormKit, Notice, TextField, query_param};
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::A;

/// Step 1: the address.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestSignUpCode>::new();
    let kit = FormKit::new("signup-email", action);
    view! {
        <PageTitle text=|l| td_string!(l, sign_up_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, sign_up_title)}</h1>
            <p>{t!(i18n, sign_up_intro)}</p>
            <ol class="steps" aria-label=move || td_string!(i18n.get_locale(), steps_label)>
                <li aria-current="step">{t!(i18n, sign_up_step_email)}</li>
                <li>{t!(i18n, sign_up_step_code)}</li>
                <li>{t!(i18n, sign_up_step_details)}</li>
            </ol>
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
                <button type="submit" class="button">{t!(i18n, sign_up_send_code)}</button>
            </ActionForm>
            <p>{t!(i18n, sign_up_have_account)} " " <A href="/login">{t!(i18n, sign_in)}</A></p>
        </section>
    }
}

/// Step 2: the code from the mail, or a new code.
#[component]
pub fn SignUpCodePage() -> impl IntoView {
    let i18n = use_i18n();
    let verify = ServerAction::<VerifySignUpCode>::new();
    let resend = ServerAction::<RequestSignUpCode>::new();
    let verify_errors = crate::ui::forms::action_errors(verify);
    let resend_errors = Signal::derive(move || match resend.value().get() {
        Some(Err(e)) => e.field_errors(),
        _ => vec![],
    });
    let errors = Signal::derive(move || {
        let mut all = verify_errors.get();
        all.extend(resend_errors.get());
        all
    });
    let kit = FormKit::with_errors("signup-code", errors, None);
    let email = query_param("email");
    let email_value = move || email.get().unwrap_or_default();
    let resent = Signal::derive(move || {
        matches!(resend.value().get(), Some(Ok(_)))
            .then(|| td_string!(i18n.get_locale(), sign_up_code_resent).to_string())
    });
    view! {
        <PageTitle text=|l| td_string!(l, sign_up_code_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, sign_up_code_title)}</h1>
            <ol class="steps" aria-label=move || td_string!(i18n.get_locale(), steps_label)>
                <li>{t!(i18n, sign_up_step_email)}</li>
                <li aria-current="step">{t!(i18n, sign_up_step_code)}</li>
                <li>{t!(i18n, sign_up_step_details)}</li>
            </ol>
            <p>
                {t!(i18n, sign_up_code_sent_to)} " " <strong data-testid="code-email">{email_value}</strong>
            </p>
            <p class="field__help">{t!(i18n, sign_up_code_help)}</p>
            <Notice text=resent />
            <ErrorSummary kit />
            <ActionForm action=verify attr:class="form" attr:id=kit.id>
                <input type="hidden" name="email" value=email_value />
                <TextField
                    name="code"
                    label=label!(i18n, field_code)
                    kit
                    autocomplete="one-time-code"
                    inputmode="numeric"
                    max_chars=12
                    required=true
                />
                <button type="submit" class="button">{t!(i18n, sign_up_verify_code)}</button>
            </ActionForm>
            <ActionForm action=resend attr:class="form form--secondary">
                <input type="hidden" name="email" value=email_value />
                <button type="submit" class="button button--secondary">
                    {t!(i18n, sign_up_new_code)}
                </button>
            </ActionForm>
            <p><A href="/sign-up">{t!(i18n, sign_up_other_address)}</A></p>
        </section>
    }
}

/// Step 3: password, display name, first and last name.
#[component]
pub fn SignUpDetailsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<Auth>();
    let action = ServerAction::<CompleteSignUp>::new();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            auth.session_changed.update(|n| *n += 1);
        }
    });
    let kit = FormKit::new("signup", action);
    let email = Resource::new(|| (), |_| sign_up_email());
    view! {
        <PageTitle text=|l| td_string!(l, sign_up_details_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, sign_up_details_title)}</h1>
            <ol class="steps" aria-label=move || td_string!(i18n.get_locale(), steps_label)>
                <li>{t!(i18n, sign_up_step_email)}</li>
                <li>{t!(i18n, sign_up_step_code)}</li>
                <li aria-current="step">{t!(i18n, sign_up_step_details)}</li>
            </ol>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || {
                    email
                        .get()
                        .map(|r| match r.ok().flatten() {
                            None => {
                                view! {
                                    <p class="notice">
                                        {t!(i18n, sign_up_expired)} " "
                                        <A href="/sign-up">{t!(i18n, sign_up_start_again)}</A>
                                    </p>
                                }
                                    .into_any()
                            }
                            Some(address) => {
                                view! {
                                    <p>
                                        {t!(i18n, sign_up_verified_address)} " "
                                        <strong>{address}</strong>
                                    </p>
                                    <ErrorSummary kit />
                                    <ActionForm action attr:class="form" attr:id=kit.id>
                                        <TextField
                                            name="username"
                                            label=label!(i18n, field_username)
                                            help=label!(i18n, help_username)
                                            kit
                                            autocomplete="username"
                                            max_chars=40
                                            required=true
                                        />
                                        <TextField
                                            name="display_name"
                                            label=label!(i18n, field_display_name)
                                            kit
                                            autocomplete="nickname"
                                            max_chars=100
                                            required=true
                                        />
                                        <TextField
                                            name="first_name"
                                            label=label!(i18n, field_first_name)
                                            kit
                                            autocomplete="given-name"
                                            max_chars=100
                                            required=true
                                        />
                                        <TextField
                                            name="last_name"
                                            label=label!(i18n, field_last_name)
                                            kit
                                            autocomplete="family-name"
                                            max_chars=100
                                            required=true
                                        />
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
                                        <CheckboxField kit name="newsletter" label=label!(i18n, field_newsletter) />
                                        <button type="submit" class="button">{t!(i18n, sign_up_create)}</button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}
