//! Form pieces shared by every module: the error summary at the top of the page, the message
//! next to a field, and the translation of error codes.
use crate::error::{AppError, FieldError};
use crate::fields::Fields;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_query_map;

/// The message for an error code, in the page's language.
pub fn error_message(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    error_text(i18n.get_locale(), code).to_string()
}

/// The message of an error code in the language `l`: the codes of the form kit's own fields here,
/// then each module's (`crate::words`); an unknown code gets the generic message.
pub fn error_text(l: Locale, code: &str) -> &'static str {
    macro_rules! codes {
        ($($code:ident),* $(,)?) => {
            match code {
                $(stringify!($code) => return td_string!(l, err.$code),)*
                _ => {}
            }
        };
    }
    // The codes of the shared field parsers, the session and the common answers.
    codes!(
        forbidden,
        unauthenticated,
        not_found,
        rate_limited,
        required,
        too_long,
        invalid_characters,
        email_required,
        email_too_long,
        email_malformed,
        locale_invalid,
        country_invalid,
        number_invalid,
        number_out_of_range,
        date_invalid,
        money_invalid,
        choice_invalid,
        answer_required,
        url_invalid,
        date_in_future,
        record_changed,
        already_exists,
        nothing_selected,
        too_many_selected,
        date_in_past,
        date_not_this_year,
        time_invalid,
        time_step,
    );
    crate::words::words()
        .iter()
        .find_map(|w| (w.error)(l, code))
        .unwrap_or_else(|| td_string!(l, err.generic))
}

/// Errors a form post without JavaScript was sent back with (`?errors=field:code,…&form=path`),
/// for the form of server function `path` (all forms when `None`).
pub fn errors_from_query(path: Option<&'static str>) -> Memo<Vec<FieldError>> {
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        let for_this_form = match (path, query.get("form")) {
            (Some(mine), Some(posted_to)) => mine == posted_to,
            _ => true,
        };
        query
            .get("errors")
            .filter(|_| for_this_form)
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
/// else those a plain post to it came back with (`?errors=`).
pub fn action_errors<S>(action: ServerAction<S>) -> Signal<Vec<FieldError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let from_query = errors_from_query(Some(S::PATH));
    // `try_`: a page may be leaving (a redirect) while its signals are read one last time.
    Signal::derive(move || match action.value().try_get().flatten() {
        Some(Err(e)) => e.field_errors(),
        Some(Ok(_)) => vec![],
        None => from_query.try_get().unwrap_or_default(),
    })
}

/// A query parameter of the page (`?saved=…`), as a signal.
pub fn query_param(name: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name))
}

/// The one validator of a form (domain code): every problem of the fields as filled.
pub type Rules = std::sync::Arc<dyn Fn(&Fields) -> Vec<FieldError> + Send + Sync>;

/// One form of a page: its id (prefix of its fields' ids, so that two forms on a page never
/// share one), the errors it shows, the values a post without JavaScript came back with, and
/// its validator, which runs live in the browser once hydrated.
///
/// Errors shown: the server's answer, except for fields the person changed since — for those,
/// the validator's verdict on what they typed, as they leave the field (and as they type once
/// an error is shown). A submit with errors left is stopped in the browser and all are shown.
#[derive(Clone, Copy)]
pub struct FormKit {
    pub id: &'static str,
    server: Signal<Vec<FieldError>>,
    live: RwSignal<Vec<FieldError>>,
    /// Files refused in the browser (too large, wrong type) before any upload.
    files: RwSignal<Vec<FieldError>>,
    touched: RwSignal<std::collections::BTreeSet<String>>,
    echo: StoredValue<Option<Fields>>,
    rules: StoredValue<Option<Rules>>,
    /// Each field's label, for the error summary ("Last name: this field is required").
    labels: StoredValue<Vec<(&'static str, Signal<String>)>>,
}

impl FormKit {
    /// The form of a server action: its errors, and what a plain post sent back.
    pub fn new<S>(id: &'static str, action: ServerAction<S>) -> Self
    where
        S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        let kit = Self::with_errors(id, action_errors(action), Some(S::PATH));
        // A new answer from the server: its errors stand again.
        Effect::new(move |_| {
            action.version().track();
            kit.touched.try_update(|t| t.clear());
            kit.live.try_update(|l| l.clear());
        });
        kit
    }

    /// A form whose errors come from elsewhere (several actions); `path` is its server
    /// function's path, for the values sent back after a plain post.
    pub fn with_errors(
        id: &'static str,
        server: Signal<Vec<FieldError>>,
        path: Option<&'static str>,
    ) -> Self {
        #[cfg(feature = "ssr")]
        let echo = path.and_then(crate::ssr::echo::take);
        #[cfg(not(feature = "ssr"))]
        let echo: Option<Fields> = {
            let _ = path;
            None
        };
        let kit = FormKit {
            id,
            server,
            live: RwSignal::new(vec![]),
            files: RwSignal::new(vec![]),
            touched: RwSignal::new(Default::default()),
            echo: StoredValue::new(echo),
            rules: StoredValue::new(None),
            labels: StoredValue::new(vec![]),
        };
        #[cfg(feature = "hydrate")]
        live::watch(kit);
        kit
    }

    /// Sets the form's validator (the domain's, the same the server runs).
    pub fn rules(self, rules: impl Fn(&Fields) -> Vec<FieldError> + Send + Sync + 'static) -> Self {
        self.rules.set_value(Some(std::sync::Arc::new(rules)));
        self
    }

    /// Records the label of field `name` (each field does, as it renders).
    fn name_field(&self, name: &'static str, label: Signal<String>) {
        self.labels.try_update_value(|labels| {
            labels.retain(|(n, _)| *n != name);
            labels.push((name, label));
        });
    }

    /// The label of field `name`, if the form has such a field.
    pub fn label_of(&self, name: &str) -> Option<String> {
        self.labels
            .try_with_value(|labels| {
                labels
                    .iter()
                    .find(|(n, _)| *n == name)
                    .and_then(|(_, l)| l.try_get())
            })
            .flatten()
            .filter(|l| !l.is_empty())
    }

    /// The id of the element of field `name`.
    pub fn field_id(&self, name: &str) -> String {
        format!("{}-{name}", self.id)
    }

    /// Every error the form shows now.
    pub fn errors(&self) -> Signal<Vec<FieldError>> {
        let (server, live, files, touched) = (self.server, self.live, self.files, self.touched);
        Signal::derive(move || {
            let touched = touched.try_get().unwrap_or_default();
            let mut out: Vec<FieldError> = server
                .try_get()
                .unwrap_or_default()
                .into_iter()
                .filter(|e| !touched.contains(&e.field))
                .collect();
            for e in live.try_get().unwrap_or_default() {
                if touched.contains(&e.field) && !out.contains(&e) {
                    out.push(e);
                }
            }
            out.extend(files.try_get().unwrap_or_default());
            out
        })
    }

    /// The error code of field `name`, if it has one.
    pub fn error_of(&self, name: &'static str) -> Signal<Option<String>> {
        let errors = self.errors();
        Signal::derive(move || {
            errors
                .try_get()
                .unwrap_or_default()
                .into_iter()
                .find(|e| e.field == name)
                .map(|e| e.code)
        })
    }

    /// The value to render in field `name`: what a plain post sent back, else `record`.
    pub fn value(&self, name: &str, record: String) -> String {
        self.echo
            .with_value(|e| e.as_ref().map(|f| f.get(name).cloned().unwrap_or_default()))
            .unwrap_or(record)
    }

    /// Whether the fields show values sent back by the server (a plain post with errors).
    pub fn echoed(&self) -> bool {
        self.echo.with_value(|e| e.is_some())
    }

    /// The validator's verdict (`None` without a validator, or once the page has gone: every
    /// access here may come from an event after the form was unmounted).
    #[cfg(feature = "hydrate")]
    fn check(&self, fields: &Fields) -> Option<Vec<FieldError>> {
        self.rules
            .try_get_value()
            .flatten()
            .map(|rules| rules(fields))
    }
}

// Every read below is a `try_`: while a redirect takes the browser to another page, a field's
// last update may run after the signals it reads were dropped with the page.

/// The messages of a field: `aria-describedby` ids of its help and its error.
/// A closure rather than a derived signal: the attribute may be updated once more after the page
/// is dropped.
fn described_by(
    kit: FormKit,
    name: &'static str,
    help: bool,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    let error = kit.error_of(name);
    let id = kit.field_id(name);
    move || {
        let mut ids = vec![];
        if help {
            ids.push(format!("{id}-help"));
        }
        if error.try_get().flatten().is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A short confirmation shown after a successful action (role status: read out politely).
#[component]
pub fn Notice(#[prop(into)] text: Signal<Option<String>>) -> impl IntoView {
    move || {
        text.try_get()
            .flatten()
            .map(|t| view! { <p class="notice notice--success" role="status">{t}</p> })
    }
}

/// The list of problems at the top of a form; each links to its field. Screen readers hear it
/// at once (role alert).
#[component]
pub fn ErrorSummary(kit: FormKit) -> impl IntoView {
    let i18n = use_i18n();
    let errors = kit.errors();
    move || {
        let errors = errors.try_get().unwrap_or_default();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" tabindex="-1" data-form=kit.id>
                    <h2 class="error-summary__title">{t!(i18n, error_summary_title)}</h2>
                    <ul>
                        {errors
                            .into_iter()
                            .map(|e| {
                                let message = error_message(i18n, &e.code);
                                // Each line names its field: several "required" lines are
                                // told apart, by screen readers too.
                                let message = match kit.label_of(&e.field) {
                                    Some(label) => {
                                        named_message(i18n.get_locale_untracked(), &label, &message)
                                    }
                                    None => message,
                                };
                                if e.field == "_" {
                                    view! { <li>{message}</li> }.into_any()
                                } else {
                                    view! {
                                        <li>
                                            <a href=format!("#{}", kit.field_id(&e.field))>{message}</a>
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

/// A summary line: the field's label, then the message ("Nom : ce champ est obligatoire.",
/// "Last name: this field is required."). The message's first letter is lowered unless it
/// starts a word in capitals (an acronym).
pub fn named_message(locale: Locale, label: &str, message: &str) -> String {
    let mut chars = message.chars();
    let message = match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => first
            .to_lowercase()
            .chain(message.chars().skip(1))
            .collect(),
        _ => message.to_string(),
    };
    let separator = if locale.as_str() == "fr" {
        "\u{a0}: "
    } else {
        ": "
    };
    format!("{}{separator}{message}", label.trim_end_matches([' ', '*']))
}

/// The message next to one field, if it has an error.
#[component]
pub fn FieldMessage(kit: FormKit, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let error = kit.error_of(field);
    let id = format!("{}-error", kit.field_id(field));
    move || {
        error.try_get().flatten().map(|code| {
            view! {
                <p class="field__error" id=id.clone()>
                    {error_message(i18n, &code)}
                </p>
            }
        })
    }
}

/// A field's label with its required mark.
#[component]
fn FieldLabel(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] target: String,
    label: Signal<String>,
    required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    kit.name_field(name, label);
    view! {
        <label for=target>
            {move || label.try_get().unwrap_or_default()}
            {required.then(|| view! { " " <span class="field__required">{t!(i18n, required_mark)}</span> })}
        </label>
    }
}

/// A group's legend with its required mark (yes/no, multiple choice).
#[component]
fn GroupLegend(
    kit: FormKit,
    name: &'static str,
    label: Signal<String>,
    required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    kit.name_field(name, label);
    view! {
        <legend>
            {move || label.try_get().unwrap_or_default()}
            {required.then(|| view! { " " <span class="field__required">{t!(i18n, required_mark)}</span> })}
        </legend>
    }
}

/// The hint under a label.
#[component]
fn FieldHelp(id: String, help: Option<Signal<String>>) -> impl IntoView {
    help.map(|h| view! { <p class="field__help" id=format!("{id}-help")>{move || h.try_get().unwrap_or_default()}</p> })
}

/// A labelled text input with its required mark, help and error message; `aria-invalid`
/// follows the errors. Posts under `name`; its id is `{form}-{name}`.
#[component]
pub fn TextField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
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
    // Passwords are never sent back nor shown again.
    let value = if input_type == "password" {
        String::new()
    } else {
        kit.value(name, value)
    };
    let input = Input {
        input_type,
        autocomplete,
        max_chars,
        required,
        inputmode,
    };
    plain_input(kit, name, label, value, help, input)
}

/// A whole number (a year, a height): typed as text so that every browser, and the server's
/// message, say the same thing about a wrong value.
#[component]
pub fn NumberField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] help: Option<Signal<String>>,
    #[prop(default = 12)] max_chars: usize,
) -> impl IntoView {
    let input = Input {
        input_type: "text",
        autocomplete: "off",
        max_chars,
        required,
        inputmode: Some("numeric"),
    };
    plain_input(kit, name, label, kit.value(name, value), help, input)
}

/// How a one-line input behaves.
struct Input {
    input_type: &'static str,
    autocomplete: &'static str,
    max_chars: usize,
    required: bool,
    inputmode: Option<&'static str>,
}

fn plain_input(
    kit: FormKit,
    name: &'static str,
    label: Signal<String>,
    value: String,
    help: Option<Signal<String>>,
    input: Input,
) -> impl IntoView {
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let required = input.required;
    view! {
        <div class="field">
            <FieldLabel kit name target=id.clone() label required />
            <FieldHelp id=id.clone() help />
            <input
                id=id
                name=name
                type=input.input_type
                autocomplete=input.autocomplete
                required=required
                maxlength=input.max_chars.to_string()
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                aria-describedby=described_by(kit, name, help.is_some())
                inputmode=input.inputmode
                value=value
            />
            <FieldMessage kit field=name />
        </div>
    }
}

/// An amount of money in `currency`, typed with a decimal point or comma ("12 500,50"); the
/// domain stores minor units.
#[component]
pub fn MoneyField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    currency: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] help: Option<Signal<String>>,
) -> impl IntoView {
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let value = kit.value(name, value);
    view! {
        <div class="field field--money">
            <FieldLabel kit name target=id.clone() label required />
            <FieldHelp id=id.clone() help />
            <div class="field__affix">
                <span class="field__currency" aria-hidden="true">{currency}</span>
                <input
                    id=id
                    name=name
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    required=required
                    maxlength="20"
                    aria-invalid=move || error.try_get().flatten().is_some().to_string()
                    aria-describedby=described_by(kit, name, help.is_some())
                    value=value
                />
            </div>
            <FieldMessage kit field=name />
        </div>
    }
}

/// A date (the browser's date picker; posts `YYYY-MM-DD`).
#[component]
pub fn DateField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] help: Option<Signal<String>>,
    #[prop(optional)] min: Option<String>,
    #[prop(optional)] max: Option<String>,
) -> impl IntoView {
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let value = kit.value(name, value);
    view! {
        <div class="field field--date">
            <FieldLabel kit name target=id.clone() label required />
            <FieldHelp id=id.clone() help />
            <input
                id=id
                name=name
                type="date"
                required=required
                min=min
                max=max
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                aria-describedby=described_by(kit, name, help.is_some())
                value=value
            />
            <FieldMessage kit field=name />
        </div>
    }
}

/// A labelled select: `options` are (value, label); `selected` is the value chosen at render.
#[component]
pub fn SelectField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] help: Option<Signal<String>>,
) -> impl IntoView {
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let selected = kit.value(name, selected);
    view! {
        <div class="field">
            <FieldLabel kit name target=id.clone() label required />
            <FieldHelp id=id.clone() help />
            <select
                id=id
                name=name
                required=required
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                aria-describedby=described_by(kit, name, help.is_some())
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldMessage kit field=name />
        </div>
    }
}

/// The name of the country `code` in the page's language (follows a language switch).
pub fn country_name(
    i18n: leptos_i18n::I18nContext<Locale>,
    code: String,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || crate::countries::name_of(&code, i18n.get_locale().as_str())
}

/// A country, picked by its name in the page's language from the one list of
/// `crate::countries`; posts the ISO code. The first option asks for a choice.
#[component]
pub fn CountryField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let selected = kit.value(name, selected).trim().to_uppercase();
    view! {
        <div class="field">
            <FieldLabel kit name target=id.clone() label required />
            <select
                id=id
                name=name
                required=required
                autocomplete="off"
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                aria-describedby=described_by(kit, name, false)
                inner_html=move || {
                    let lang = i18n.get_locale();
                    crate::countries::options_html(
                        lang.as_str(),
                        td_string!(lang, choose_country),
                        &selected,
                    )
                }
            ></select>
            <FieldMessage kit field=name />
        </div>
    }
}

/// Several countries (a list to pick from, `name[]`), the codes of `selected` (comma-separated)
/// picked at render.
#[component]
pub fn CountriesField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] help: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let selected = kit.value(name, selected).to_uppercase();
    view! {
        <div class="field">
            <FieldLabel kit name target=id.clone() label required />
            <FieldHelp id=id.clone() help />
            <select
                id=id
                name=format!("{name}[]")
                multiple=true
                size="8"
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                aria-describedby=described_by(kit, name, help.is_some())
                inner_html=move || {
                    let codes: Vec<&str> = selected.split(',').map(str::trim).collect();
                    crate::countries::options_html_many(i18n.get_locale().as_str(), &codes)
                }
            ></select>
            <FieldMessage kit field=name />
        </div>
    }
}

/// A labelled multi-line text field.
#[component]
pub fn TextAreaField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(default = 1000)] max_chars: usize,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] help: Option<Signal<String>>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let value = kit.value(name, value);
    view! {
        <div class="field">
            <FieldLabel kit name target=id.clone() label required />
            <FieldHelp id=id.clone() help />
            <textarea
                id=id
                name=name
                rows=rows.to_string()
                required=required
                maxlength=max_chars.to_string()
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                aria-describedby=described_by(kit, name, help.is_some())
            >
                {value}
            </textarea>
            <FieldMessage kit field=name />
        </div>
    }
}

/// A checkbox with its label after it; posts `on` when ticked.
#[component]
pub fn CheckboxField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    let id = kit.field_id(name);
    let checked = if kit.echoed() {
        kit.value(name, String::new()) == "on"
    } else {
        checked
    };
    view! {
        <div class="field field--checkbox">
            <input id=id.clone() name=name type="checkbox" value="on" checked=checked />
            <label for=id>{move || label.try_get().unwrap_or_default()}</label>
        </div>
    }
}

/// A yes/no question: two radio buttons posting `yes` or `no` (nothing when unanswered).
#[component]
pub fn YesNoField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] required: bool,
    /// `yes`, `no` or empty.
    #[prop(optional, into)]
    value: String,
    #[prop(optional, into)] help: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let value = kit.value(name, value);
    let option = move |answer: &'static str, text: Signal<String>| {
        let option_id = format!("{}-{answer}", kit.field_id(name));
        view! {
            <div class="choice">
                <input id=option_id.clone() type="radio" name=name value=answer checked=value == answer />
                <label for=option_id>{move || text.try_get().unwrap_or_default()}</label>
            </div>
        }
    };
    view! {
        <fieldset
            class="field field--choices field--inline"
            id=id.clone()
            aria-invalid=move || error.try_get().flatten().is_some().to_string()
            aria-describedby=described_by(kit, name, help.is_some())
        >
            <GroupLegend kit name label required />
            <FieldHelp id=id.clone() help />
            {option("yes", crate::label!(i18n, yes))}
            {option("no", crate::label!(i18n, no))}
            <FieldMessage kit field=name />
        </fieldset>
    }
}

/// Several choices among `options` (value, label): checkboxes posting `name[]` once per ticked
/// choice; the domain reads them as one comma-separated field.
#[component]
pub fn MultiChoiceField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    options: Vec<(String, String)>,
    /// The values ticked at render, comma-separated.
    #[prop(optional, into)]
    selected: String,
    #[prop(optional, into)] help: Option<Signal<String>>,
) -> impl IntoView {
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    let selected = kit.value(name, selected);
    let ticked: Vec<&str> = selected.split(',').map(str::trim).collect();
    let post_name = format!("{name}[]");
    view! {
        <fieldset
            class="field field--choices"
            id=id.clone()
            aria-invalid=move || error.try_get().flatten().is_some().to_string()
            aria-describedby=described_by(kit, name, help.is_some())
        >
            <GroupLegend kit name label required=false />
            <FieldHelp id=id.clone() help />
            <div class="choices">
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let option_id = format!("{id}-{value}");
                        let checked = ticked.contains(&value.as_str());
                        view! {
                            <div class="choice">
                                <input id=option_id.clone() type="checkbox" name=post_name.clone() value=value checked=checked />
                                <label for=option_id>{text}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <FieldMessage kit field=name />
        </fieldset>
    }
}

/// A file to upload (a photo or a document): `accept` narrows the picker; the server checks
/// the content. Once hydrated, a file over `max_bytes` or of another type is refused at once.
#[component]
pub fn FileField(
    kit: FormKit,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    /// MIME types offered by the picker (`image/jpeg,image/png`).
    accept: &'static str,
    max_bytes: u64,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] help: Option<Signal<String>>,
) -> impl IntoView {
    let id = kit.field_id(name);
    let error = kit.error_of(name);
    #[cfg(feature = "hydrate")]
    let on_change = move |ev: leptos::ev::Event| live::check_file(kit, name, accept, max_bytes, ev);
    #[cfg(not(feature = "hydrate"))]
    let on_change = move |_: leptos::ev::Event| {
        let _ = max_bytes;
    };
    view! {
        <div class="field field--file">
            <FieldLabel kit name target=id.clone() label required />
            <FieldHelp id=id.clone() help />
            <input
                id=id
                name=name
                type="file"
                accept=accept
                required=required
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                aria-describedby=described_by(kit, name, help.is_some())
                on:change=on_change
            />
            <FieldMessage kit field=name />
        </div>
    }
}

/// Once hydrated: the form's validator runs as the person leaves a field (and as they type in
/// a field that shows an error); a submit with errors left is stopped and every error shown.
#[cfg(feature = "hydrate")]
mod live {
    use super::FormKit;
    use crate::error::FieldError;
    use crate::ui::dom;
    use leptos::prelude::*;
    use leptos_use::{
        UseEventListenerOptions, use_event_listener, use_event_listener_with_options,
    };
    use web_sys::wasm_bindgen::JsCast;

    /// The field an event happened in, when it is in the kit's form: its name (`name[]` → `name`).
    fn field_of(kit: FormKit, ev: &web_sys::Event) -> Option<String> {
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let form = el.closest("form").ok()??;
        if form.id() != kit.id {
            return None;
        }
        let name = el.get_attribute("name")?;
        Some(name.trim_end_matches("[]").to_string())
    }

    fn run(kit: FormKit) -> Option<Vec<FieldError>> {
        let form = dom::form(kit.id)?;
        let fields = dom::read_fields(&form, true);
        kit.check(&fields)
    }

    pub fn watch(kit: FormKit) {
        let leave = move |ev: web_sys::Event| {
            let Some(name) = field_of(kit, &ev) else {
                return;
            };
            let Some(errors) = run(kit) else { return };
            kit.touched.try_update(|t| {
                t.insert(name);
            });
            kit.live.try_set(errors);
        };
        let on_leave = leave;
        let _ = use_event_listener(document(), leptos::ev::focusout, move |ev| {
            on_leave(ev.into())
        });
        let _ = use_event_listener(document(), leptos::ev::change, leave);
        let _ = use_event_listener(document(), leptos::ev::input, move |ev| {
            let Some(name) = field_of(kit, &ev) else {
                return;
            };
            // Only a field already showing an error is checked as one types: its error goes
            // as soon as the value is right.
            let shows_error = kit
                .live
                .try_with_untracked(|l| l.iter().any(|e| e.field == name))
                .unwrap_or(false)
                || kit
                    .server
                    .try_with_untracked(|s| s.iter().any(|e| e.field == name))
                    .unwrap_or(false);
            if !shows_error {
                return;
            }
            if let Some(errors) = run(kit) {
                kit.touched.try_update(|t| {
                    t.insert(name);
                });
                kit.live.try_set(errors);
            }
        });
        // Before the form's own submit handler (capture on the window): stop a submit with errors.
        let _ = use_event_listener_with_options(
            window(),
            leptos::ev::submit,
            move |ev| {
                let Some(form) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                else {
                    return;
                };
                if form.id() != kit.id {
                    return;
                }
                let mut errors = run(kit).unwrap_or_default();
                errors.extend(kit.files.try_get_untracked().unwrap_or_default());
                if errors.is_empty() {
                    return;
                }
                ev.prevent_default();
                ev.stop_immediate_propagation();
                kit.touched.try_update(|t| {
                    t.extend(errors.iter().map(|e| e.field.clone()));
                });
                kit.live.try_set(
                    errors
                        .into_iter()
                        .filter(|e| {
                            !kit.files
                                .try_with_untracked(|f| f.contains(e))
                                .unwrap_or(false)
                        })
                        .collect(),
                );
                // Bring the summary into view and focus, for screen readers and keyboards.
                request_animation_frame(move || {
                    if let Some(summary) = document()
                        .query_selector(&format!(".error-summary[data-form='{}']", kit.id))
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = summary.focus();
                    }
                });
            },
            UseEventListenerOptions::default().capture(true),
        );
    }

    /// A picked file: refused at once when too large or not of an accepted type (the server
    /// checks the content again).
    pub fn check_file(
        kit: FormKit,
        name: &'static str,
        accept: &'static str,
        max_bytes: u64,
        ev: web_sys::Event,
    ) {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let file = input.files().and_then(|f| f.get(0));
        let code = file.and_then(|f| {
            let declared = f.type_();
            if f.size() as u64 > max_bytes {
                Some(crate::uploads::domain::too_large_code(accept))
            } else if !accept.split(',').any(|a| a.trim() == declared) {
                Some(crate::uploads::domain::wrong_type_code(accept))
            } else {
                None
            }
        });
        kit.touched.try_update(|t| {
            t.insert(name.to_string());
        });
        kit.files.try_update(|l| {
            l.retain(|e| e.field != name);
            if let Some(code) = code {
                l.push(FieldError::new(name, code));
            }
        });
        if code.is_some() {
            input.set_value("");
        }
    }
}
/// A translated label as a signal: `label!(i18n, field_email)`.
#[macro_export]
macro_rules! label {
    ($i18n:ident, $($key:ident).+) => {
        leptos::prelude::Signal::derive(move || td_string!($i18n.get_locale(), $($key).+).to_string())
    };
}
