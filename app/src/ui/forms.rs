//! Form pieces shared by every module: the error summary at the top of the page, the message
//! next to a field, and the translation of error codes.
use crate::error::{AppError, FieldError};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The message for an error code, in the page's language.
pub fn error_message(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    let l = i18n.get_locale();
    macro_rules! codes {
        ($($code:ident),* $(,)?) => {
            match code {
                $(stringify!($code) => td_string!(l, err.$code),)*
                _ => td_string!(l, err.generic),
            }
        };
    }
    // Every code a server function or a browser check can give (keys of the `err` namespace
    // in app/locales/*.json).
    codes!(
        login_required,
        password_required,
        login_failed,
        rate_limited,
        forbidden,
        unauthenticated,
        not_found,
        registration_pending,
        registration_rejected,
        email_required,
        email_too_long,
        email_malformed,
        email_taken,
        password_too_short,
        password_too_long,
        password_common,
        username_too_short,
        username_too_long,
        username_invalid,
        username_taken,
        required,
        too_long,
        invalid_characters,
        locale_invalid,
        code_malformed,
        code_wrong,
        code_voided,
        code_expired,
        sign_up_expired,
        reset_link_used,
        reset_link_expired,
        current_password_wrong,
        country_invalid,
        kind_invalid,
        organisation_exists,
        office_needs_international_hq,
        office_kind_mismatch,
        role_invalid,
        already_member,
        last_administrator,
        organisation_unknown,
        admin_email_wrong,
        join_request_pending,
        decision_invalid,
        already_decided,
        status_invalid,
        year_invalid,
        group_invalid,
        organisation_other_group,
        reason_required,
        scope_duty_station,
        scope_agency,
        scope_none,
        user_unknown,
        last_platform_admin,
        form_unknown,
        draft_too_large,
        draft_malformed,
        draft_secret,
        record_changed,
        already_exists,
    )
    .to_string()
}

/// Field errors of an error answered by the server: per field for invalid input, else one
/// form-level error (field `_`).
pub fn field_errors_of(error: &AppError) -> Vec<FieldError> {
    match error {
        AppError::Invalid(errors) => errors.clone(),
        AppError::RateLimited => vec![FieldError::new("_", "rate_limited")],
        AppError::Forbidden => vec![FieldError::new("_", "forbidden")],
        AppError::Unauthenticated => vec![FieldError::new("_", "unauthenticated")],
        AppError::NotFound => vec![FieldError::new("_", "not_found")],
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

/// The errors a form shows: those of its action's last answer once it ran in the browser,
/// else those a plain post came back with (`?errors=`).
pub fn action_errors<S>(action: ServerAction<S>) -> Signal<Vec<FieldError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let from_query = errors_from_query();
    Signal::derive(move || match action.value().get() {
        Some(Err(e)) => field_errors_of(&e),
        Some(Ok(_)) => vec![],
        None => from_query.get(),
    })
}

/// A query parameter of the page (`?saved=…`), as a signal.
pub fn query_param(name: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name))
}

/// A short confirmation shown after a successful action (role status: read out politely).
#[component]
pub fn Notice(#[prop(into)] text: Signal<Option<String>>) -> impl IntoView {
    move || {
        text.get()
            .map(|t| view! { <p class="notice notice--success" role="status">{t}</p> })
    }
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
    /// The value shown when the page renders (a saved record).
    #[prop(optional, into)]
    value: String,
    /// A hint under the label (format, rule).
    #[prop(optional, into)]
    help: Option<Signal<String>>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let invalid = move || errors.get().iter().any(|e| e.field == name).to_string();
    let help_id = help.map(|_| format!("{name}-help"));
    let described_by = move || {
        let mut ids = vec![];
        if let Some(h) = &help_id {
            ids.push(h.clone());
        }
        if errors.get().iter().any(|e| e.field == name) {
            ids.push(format!("{name}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
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
            {help.map(|h| view! { <p class="field__help" id=format!("{name}-help")>{move || h.get()}</p> })}
            <input
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                maxlength=max_chars.to_string()
                aria-invalid=invalid
                aria-describedby=described_by
                inputmode=inputmode
                value=value
            />
            <FieldMessage field=name errors />
        </div>
    }
}

/// A labelled select: `options` are (value, label); `selected` is the value chosen at render.
#[component]
pub fn SelectField(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
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
            <select id=name name=name required=required aria-invalid=invalid>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldMessage field=name errors />
        </div>
    }
}

/// A labelled multi-line text field.
#[component]
pub fn TextAreaField(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(default = 1000)] max_chars: usize,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = id.unwrap_or_else(|| name.to_string());
    let invalid = move || errors.get().iter().any(|e| e.field == name).to_string();
    view! {
        <div class="field">
            <label for=id.clone()>
                {move || label.get()}
                {required
                    .then(|| {
                        view! {
                            " "
                            <span class="field__required">{t!(i18n, required_mark)}</span>
                        }
                    })}
            </label>
            <textarea
                id=id
                name=name
                rows="3"
                required=required
                maxlength=max_chars.to_string()
                aria-invalid=invalid
            ></textarea>
            <FieldMessage field=name errors />
        </div>
    }
}

/// A checkbox with its label after it; posts `on` when ticked.
#[component]
pub fn CheckboxField(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    view! {
        <div class="field field--checkbox">
            <input id=name name=name type="checkbox" value="on" checked=checked />
            <label for=name>{move || label.get()}</label>
        </div>
    }
}

/// A translated label as a signal: `label!(i18n, field_email)`.
#[macro_export]
macro_rules! label {
    ($i18n:ident, $key:ident) => {
        leptos::prelude::Signal::derive(move || td_string!($i18n.get_locale(), $key).to_string())
    };
}
