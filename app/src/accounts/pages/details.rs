//! "My details": names, username, language, newsletter; password; email; the account's history.
use super::Auth;
use crate::AppError;
use crate::accounts::details::{
    ChangePassword, ConfirmEmailChange, RequestEmailChange, UpdateMyDetails, my_details,
};
use crate::accounts::domain::MyDetailsForm;
use crate::drafts::keeper::DraftKeeper;
use crate::fields::Fields;
use crate::i18n::*;
use crate::label;
use crate::ui::format::language_name;
use crate::ui::forms::{
    CheckboxField, ErrorSummary, FormKit, Notice, SelectField, TextField, query_param,
};
use crate::ui::history::History;
use crate::ui::title::PageTitle;
use leptos::prelude::*;

#[component]
pub fn MyDetailsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<Auth>();
    let update = ServerAction::<UpdateMyDetails>::new();
    let password = ServerAction::<ChangePassword>::new();
    let email = ServerAction::<RequestEmailChange>::new();
    let confirm = ServerAction::<ConfirmEmailChange>::new();
    let details = Resource::new(
        move || {
            (
                update.version().get(),
                email.version().get(),
                confirm.version().get(),
            )
        },
        |_| my_details(),
    );
    Effect::new(move |_| {
        if matches!(update.value().try_get().flatten(), Some(Ok(_))) {
            auth.session_changed.update(|n| *n += 1);
        }
    });
    let details_kit = FormKit::new("details", update).rules(MyDetailsForm::errors);
    let password_kit = FormKit::new("password", password);
    let email_kit = FormKit::new("email", email);
    let confirm_kit = FormKit::new("confirm", confirm);
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        let from_action = [
            (update.value().get().is_some_and(|r| r.is_ok()), "details"),
            (
                password.value().get().is_some_and(|r| r.is_ok()),
                "password",
            ),
            (email.value().get().is_some_and(|r| r.is_ok()), "code_sent"),
            (confirm.value().get().is_some_and(|r| r.is_ok()), "email"),
        ]
        .into_iter()
        .find(|(ok, _)| *ok)
        .map(|(_, k)| k.to_string());
        from_action.or(saved.get()).map(|k| {
            match k.as_str() {
                "password" => td_string!(l, saved_password),
                "code_sent" => td_string!(l, saved_code_sent),
                "email" => td_string!(l, saved_email),
                _ => td_string!(l, saved_details),
            }
            .to_string()
        })
    });
    let languages: Vec<(String, String)> = Locale::get_all()
        .iter()
        .map(|l| (l.as_str().to_string(), language_name(*l).to_string()))
        .collect();
    view! {
        <PageTitle text=|l| td_string!(l, me_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, me_title)}</h1>
            <Notice text=notice />
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || {
                    let languages = languages.clone();
                    details
                        .get()
                        .map(move |r| match r {
                            Err(AppError::Unauthenticated) => {
                                view! { <p class="notice">{t!(i18n, err_unauthenticated)}</p> }.into_any()
                            }
                            Err(_) => view! { <p class="notice">{t!(i18n, err_generic)}</p> }.into_any(),
                            Ok(d) => {
                                let pending = d.pending_email.clone();
                                let record = Fields::from([
                                    ("username".to_string(), d.username.clone()),
                                    ("display_name".to_string(), d.display_name.clone()),
                                    ("first_name".to_string(), d.first_name.clone()),
                                    ("last_name".to_string(), d.last_name.clone()),
                                    ("locale".to_string(), d.locale.clone()),
                                    ("newsletter".to_string(), if d.newsletter { "on".to_string() } else { String::new() }),
                                ]);
                                let submitted = Signal::derive(move || matches!(update.value().try_get().flatten(), Some(Ok(_))));
                                view! {
                                    <h2>{t!(i18n, me_profile)}</h2>
                                    <ErrorSummary kit=details_kit />
                                    <ActionForm action=update attr:class="form" attr:id=details_kit.id>
                                        <DraftKeeper form=crate::accounts::drafts::MY_DETAILS record_key="" owner=d.id.to_string()
                                            form_id=details_kit.id record version=d.version submitted />
                                        <TextField name="username" label=label!(i18n, field_username)
                                            help=label!(i18n, help_username) kit=details_kit
                                            autocomplete="username" max_chars=40 required=true value=d.username.clone() />
                                        <TextField name="display_name" label=label!(i18n, field_display_name)
                                            kit=details_kit max_chars=100 required=true value=d.display_name.clone() />
                                        <TextField name="first_name" label=label!(i18n, field_first_name)
                                            kit=details_kit autocomplete="given-name" max_chars=100 required=true
                                            value=d.first_name.clone() />
                                        <TextField name="last_name" label=label!(i18n, field_last_name)
                                            kit=details_kit autocomplete="family-name" max_chars=100 required=true
                                            value=d.last_name.clone() />
                                        <SelectField name="locale" label=label!(i18n, field_language)
                                            kit=details_kit options=languages selected=d.locale.clone() required=true />
                                        <CheckboxField kit=details_kit name="newsletter" label=label!(i18n, field_newsletter)
                                            checked=d.newsletter />
                                        <button type="submit" class="button">{t!(i18n, save)}</button>
                                    </ActionForm>

                                    <h2 id="email-change">{t!(i18n, me_email)}</h2>
                                    <p>{t!(i18n, me_current_email)} " " <strong data-testid="current-email">{d.email.clone()}</strong></p>
                                    <ErrorSummary kit=email_kit />
                                    <ActionForm action=email attr:class="form" attr:id=email_kit.id>
                                        <TextField name="new_email" label=label!(i18n, field_new_email)
                                            kit=email_kit input_type="email" autocomplete="email" required=true />
                                        <button type="submit" class="button">{t!(i18n, sign_up_send_code)}</button>
                                    </ActionForm>
                                    {pending.map(|address| view! {
                                        <p>{t!(i18n, sign_up_code_sent_to)} " " <strong>{address}</strong></p>
                                        <ErrorSummary kit=confirm_kit />
                                        <ActionForm action=confirm attr:class="form" attr:id=confirm_kit.id>
                                            <TextField name="code" label=label!(i18n, field_code) kit=confirm_kit
                                                autocomplete="one-time-code" inputmode="numeric" max_chars=12 required=true />
                                            <button type="submit" class="button">{t!(i18n, me_confirm_email)}</button>
                                        </ActionForm>
                                    })}

                                    <h2>{t!(i18n, me_password)}</h2>
                                    <ErrorSummary kit=password_kit />
                                    <ActionForm action=password attr:class="form" attr:id=password_kit.id>
                                        <TextField name="current_password" label=label!(i18n, field_current_password)
                                            kit=password_kit input_type="password" autocomplete="current-password"
                                            max_chars=1024 required=true />
                                        <TextField name="new_password" label=label!(i18n, field_new_password)
                                            help=label!(i18n, help_password) kit=password_kit input_type="password"
                                            autocomplete="new-password" max_chars=128 required=true />
                                        <button type="submit" class="button">{t!(i18n, me_change_password)}</button>
                                    </ActionForm>

                                    <History events=d.history />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}
