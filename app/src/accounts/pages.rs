//! Pages of the accounts module, and the sign-in state every page shares.
use super::api::{CurrentUser, Login, Logout, whoami};
use crate::i18n::*;
use crate::ui::forms::{ErrorSummary, TextField, errors_from_query, field_errors_of};
use leptos::prelude::*;
use leptos_meta::Title;

/// The sign-in state: the two actions and who is signed in (refetched after either action).
#[derive(Clone, Copy)]
pub struct Auth {
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub user: Resource<Option<CurrentUser>>,
}

pub fn provide_auth() {
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let user = Resource::new(
        move || (login.version().get(), logout.version().get()),
        |_| async { whoami().await.ok().flatten() },
    );
    provide_context(Auth {
        login,
        logout,
        user,
    });
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<Auth>();
    let from_query = errors_from_query();
    let errors = Signal::derive(move || match auth.login.value().get() {
        Some(Err(e)) => field_errors_of(&e),
        Some(Ok(_)) => vec![],
        None => from_query.get(),
    });
    view! {
        <Title text=move || td_string!(i18n.get_locale(), sign_in_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, sign_in_title)}</h1>
            <p>{t!(i18n, sign_in_intro)}</p>
            <ErrorSummary errors />
            <ActionForm action=auth.login attr:class="form">
                <TextField
                    name="login"
                    label=Signal::derive(move || td_string!(i18n.get_locale(), field_login).to_string())
                    errors
                    autocomplete="username"
                    required=true
                />
                <TextField
                    name="password"
                    label=Signal::derive(move || td_string!(i18n.get_locale(), field_password).to_string())
                    errors
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
        </section>
    }
}
