//! Extranet registration (public) and its review by the extranet secretariat.
use super::api::{DecideRegistration, RegisterExtranet, registrations};
use crate::i18n::*;
use crate::label;
use crate::organisations::kinds::OrganisationKind;
use crate::organisations::pages::kind_label;
use crate::ui::errors::error_notice;
use crate::ui::format::utc_minute;
use crate::ui::forms::{
    CountryField, ErrorSummary, FormKit, Notice, SelectField, TextField, country_name, query_param,
};
use crate::ui::history::History;
use crate::ui::title::PageTitle;
use leptos::prelude::*;

#[component]
pub fn ExtranetRegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RegisterExtranet>::new();
    let kit = FormKit::new("register", action);
    let sent = query_param("sent");
    let done =
        Signal::derive(move || sent.get().is_some() || matches!(action.value().get(), Some(Ok(_))));
    let groups: Vec<(String, String)> = std::iter::once((
        String::new(),
        td_string!(i18n.get_locale(), choose).to_string(),
    ))
    .chain(
        OrganisationKind::ALL
            .iter()
            .filter(|k| k.is_extranet_group())
            .map(|k| (k.as_str().to_string(), kind_label(i18n, k.as_str()))),
    )
    .collect();
    let groups = StoredValue::new(groups);
    view! {
        <PageTitle text=|l| td_string!(l, register_title).to_string() />
        <section class="form-page">
            <h1>{t!(i18n, register_title)}</h1>
            <Show
                when=move || !done.get()
                fallback=move || view! { <p class="notice notice--success" role="status">{t!(i18n, register_sent)}</p> }
            >
                <p>{t!(i18n, register_intro)}</p>
                <ErrorSummary kit />
                <ActionForm action attr:class="form" attr:id=kit.id>
                    <fieldset>
                        <legend>{t!(i18n, register_organisation)}</legend>
                        <SelectField kit name="group" label=label!(i18n, field_group) options=groups.get_value() required=true />
                        <TextField kit name="organisation_name" label=label!(i18n, field_organisation_name) max_chars=300 required=true />
                        <CountryField kit name="country" label=label!(i18n, field_country) required=true />
                        <TextField kit name="position" label=label!(i18n, field_position) max_chars=200 required=true />
                    </fieldset>
                    <fieldset>
                        <legend>{t!(i18n, register_identity)}</legend>
                        <TextField kit name="first_name" label=label!(i18n, field_first_name) autocomplete="given-name" max_chars=100 required=true />
                        <TextField kit name="last_name" label=label!(i18n, field_last_name) autocomplete="family-name" max_chars=100 required=true />
                        <TextField kit name="email" label=label!(i18n, field_email) input_type="email" autocomplete="email" required=true />
                        <TextField kit name="username" label=label!(i18n, field_username) help=label!(i18n, help_username) autocomplete="username" max_chars=40 required=true />
                        <TextField kit name="password" label=label!(i18n, field_new_password) help=label!(i18n, help_password) input_type="password" autocomplete="new-password" max_chars=128 required=true />
                    </fieldset>
                    <button type="submit" class="button">{t!(i18n, register_submit)}</button>
                </ActionForm>
            </Show>
        </section>
    }
}

#[component]
pub fn RegistrationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideRegistration>::new();
    let kit = FormKit::new("decide", decide);
    let list = Resource::new(move || decide.version().get(), |_| registrations());
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        (saved.get().is_some() || matches!(decide.value().get(), Some(Ok(_))))
            .then(|| td_string!(i18n.get_locale(), saved_generic).to_string())
    });
    view! {
        <PageTitle text=|l| td_string!(l, registrations_title).to_string() />
        <section>
            <h1>{t!(i18n, registrations_title)}</h1>
            <Notice text=notice />
            <ErrorSummary kit />
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || list.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(list) if list.is_empty() => view! { <p class="empty-state">{t!(i18n, registrations_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="card-list" data-testid="registrations">
                            {list.into_iter().map(|r| {
                                let reason_id = format!("reason_{}", r.id);
                                let pending = r.status == crate::extranet::domain::RegistrationStatus::Pending;
                                let similar = r.similar.clone();
                                let validate_class = if similar.is_empty() { "inline-form" } else { "form" };
                                let named = r.organisation_name.clone();
                                let status = {
                                    use crate::extranet::domain::RegistrationStatus as R;
                                    let l = i18n.get_locale();
                                    match r.status {
                                        R::Pending => td_string!(l, status_pending),
                                        R::Validated => td_string!(l, status_validated),
                                        R::Rejected => td_string!(l, status_rejected),
                                    }
                                };
                                view! {
                                    <li class="card" data-status=r.status.as_str()>
                                        <h2 class="card__title">{r.person.clone()} " — " <span class="badge">{status}</span></h2>
                                        <dl class="facts">
                                            <dt>{t!(i18n, field_email)}</dt><dd>{r.email.clone()}</dd>
                                            <dt>{t!(i18n, field_group)}</dt><dd>{kind_label(i18n, r.group_kind.as_str())}</dd>
                                            <dt>{t!(i18n, field_organisation_name)}</dt><dd>{r.organisation_name.clone()} " (" {country_name(i18n, r.country.clone())} ")"</dd>
                                            <dt>{t!(i18n, field_position)}</dt><dd>{r.position.clone()}</dd>
                                            <dt>{t!(i18n, col_date)}</dt><dd>{utc_minute(r.at)}</dd>
                                            {r.reason.clone().map(|x| view! { <dt>{t!(i18n, col_reason)}</dt><dd>{x}</dd> })}
                                        </dl>
                                        {pending.then(|| view! {
                                            <ActionForm action=decide attr:class=validate_class>
                                                <input type="hidden" name="registration_id" value=r.id />
                                                <input type="hidden" name="decision" value="validate" />
                                                {(!similar.is_empty()).then(|| {
                                                    let new_id = format!("attach_{}_new", r.id);
                                                    // The same name in the same country is that organisation
                                                    // (validation attaches to it): no "create" choice then.
                                                    let exact = similar.iter().any(|o| o.legal_name == named);
                                                    view! {
                                                        <fieldset class="field" data-testid="similar-organisations">
                                                            <legend>{t!(i18n, attach_legend)}</legend>
                                                            {similar.iter().map(|o| {
                                                                let id = format!("attach_{}_{}", r.id, o.id);
                                                                let checked = o.legal_name == named;
                                                                view! {
                                                                    <div class="choice">
                                                                        <input type="radio" id=id.clone() name="attach_to" value=o.id checked=checked />
                                                                        <label for=id>{o.legal_name.clone()}</label>
                                                                    </div>
                                                                }
                                                            }).collect_view()}
                                                            {(!exact).then(|| view! {
                                                                <div class="choice">
                                                                    <input type="radio" id=new_id.clone() name="attach_to" value="" checked />
                                                                    <label for=new_id.clone()>{t!(i18n, attach_new)} " « " {named.clone()} " »"</label>
                                                                </div>
                                                            })}
                                                        </fieldset>
                                                    }
                                                })}
                                                <button type="submit" class="button">{t!(i18n, validate)}</button>
                                            </ActionForm>
                                            <details class="confirm">
                                                <summary>{t!(i18n, reject)}</summary>
                                                <ActionForm action=decide attr:class="form">
                                                    <input type="hidden" name="registration_id" value=r.id />
                                                    <input type="hidden" name="decision" value="reject" />
                                                    <div class="field">
                                                        <label for=reason_id.clone()>{t!(i18n, field_reason)} " " <span class="field__required">{t!(i18n, required_mark)}</span></label>
                                                        <textarea id=reason_id name="reason" rows="3" required maxlength="2000"></textarea>
                                                    </div>
                                                    <button type="submit" class="button button--danger">{t!(i18n, reject)}</button>
                                                </ActionForm>
                                            </details>
                                        })}
                                        <details>
                                            <summary>{t!(i18n, history_title)}</summary>
                                            <History events=r.history.clone() />
                                        </details>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
