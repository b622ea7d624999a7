//! Form pieces shared by every module: the error summary at the top of the page, the message
//! next to a field, and the translation of error codes.
use crate::error::{AppError, FieldError};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The message for an error code, in the page's language.
pub fn error_message(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    let l = i18n.get_locale();
    match code {
        "login_required" => td_string!(l, err_login_required),
        "password_required" => td_string!(l, err_password_required),
        "login_failed" => td_string!(l, err_login_failed),
        "rate_limited" => td_string!(l, err_rate_limited),
        _ => td_string!(l, err_generic),
    }
    .to_string()
}

/// Field errors of an error answered by the server: per field for invalid input, else one
/// form-level error (field `_`).
pub fn field_errors_of(error: &AppError) -> Vec<FieldError> {
    match error {
        AppError::Invalid(errors) => errors.clone(),
        AppError::RateLimited => vec![FieldError::new("_", "rate_limited")],
        _ => vec![FieldError::new("_", "generic")],
    }
}

/// Errors a form post without JavaScript was sent back with (`?errors=field:code,…`).
pub fn errors_from_query() -> Memo<Vec<FieldError>> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("errors")
            .map(|raw| {
                raw.split(',')
                    .filter_map(|pair| pair.split_once(':'))
                    .map(|(field, code)| FieldError::new(field, code))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The list of problems at the top of a form; each links to its field. Screen readers hear it
/// at once (role alert).
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2 class="error-summary__title">{t!(i18n, error_summary_title)}</h2>
                    <ul>
                        {errors
                            .into_iter()
                            .map(|e| {
                                let message = error_message(i18n, &e.code);
                                if e.field == "_" {
                                    view! { <li>{message}</li> }.into_any()
                                } else {
                                    view! {
                                        <li>
                                            <a href=format!("#{}", e.field)>{message}</a>
                                        </li>
                                    }
                                        .into_any()
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The message next to one field, if it has an error.
#[component]
pub fn FieldMessage(
    field: &'static str,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        errors
            .get()
            .into_iter()
            .find(|e| e.field == field)
            .map(|e| {
                view! {
                    <p class="field__error" id=format!("{field}-error")>
                        {error_message(i18n, &e.code)}
                    </p>
                }
            })
    }
}

/// A labelled text input with its required mark and its error message; `aria-invalid` follows
/// the errors. Posts under `name`, which is also its id (the error summary links to it).
#[component]
pub fn TextField(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = 254)] max_chars: usize,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let invalid = move || errors.get().iter().any(|e| e.field == name).to_string();
    view! {
        <div class="field">
            <label for=name>
                {move || label.get()}
                {required
                    .then(|| {
                        view! {
                            " "
                            <span class="field__required">{t!(i18n, required_mark)}</span>
                        }
                    })}
            </label>
            <input
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                maxlength=max_chars.to_string()
                aria-invalid=invalid
            />
            <FieldMessage field=name errors />
        </div>
    }
}
