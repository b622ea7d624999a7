//! Sign in by email or username.
use super::Auth;
use crate::i18n::*;
use crate::label;
use crate::ui::forms::{ErrorSummary, FormKit, Notice, TextField, query_param};
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<Auth>();
    let kit = FormKit::new("signin", auth.login);
    let reset = query_param("reset");
    let notice = Signal::derive(move || {
        reset
            .get()
            .map(|_| td_string!(i18n.get_locale(), password_reset_done).to_string())
    });
    view! {
        <PageTitle text=|l| td_string!(l, sign_in_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, sign_in_title)}</h1>
            <p>{t!(i18n, sign_in_intro)}</p>
            <Notice text=notice />
            <ErrorSummary kit />
            <ActionForm action=auth.login attr:class="form" attr:id=kit.id>
                <TextField
                    name="login"
                    label=label!(i18n, field_login)
                    kit
                    autocomplete="username"
                    required=true
                />
                <TextField
                    name="password"
                    label=label!(i18n, field_password)
                    kit
                    input_type="password"
                    autocomplete="current-password"
                    max_chars=1024
                    required=true
                />
                <div class="field field--checkbox">
                    <input id="remember" name="remember" type="checkbox" value="on" />
                    <label for="remember">{t!(i18n, field_remember)}</label>
                </div>
                <button type="submit" class="button">{t!(i18n, sign_in_submit)}</button>
            </ActionForm>
            <ul class="form-links">
                <li><A href="/forgot">{t!(i18n, forgot_link)}</A></li>
                <li><A href="/sign-up">{t!(i18n, sign_up_link)}</A></li>
                <li><A href="/extranet/register">{t!(i18n, extranet_register_link)}</A></li>
            </ul>
        </section>
    }
}
