//! Pages of accreditation: the organisations a person designates for, an organisation's page
//! at a duty station (quotas, active, drafts, inactive with Copy), the designation form (form
//! kit, live checks, drafts), and the secretariat's queue.
use super::api::{
    BadgeCheck, Dashboard, DecideDesignation, DecideDesignations, DesignationSummary, RenewYear,
    ReprintBadge, SaveDesignation, WithdrawDesignation, designation_dashboard, designation_queue,
    open_designation_form, organisation_directory, station_page, verify_badge,
};
use super::domain::{DesignationForm, EYE_COLOURS, HAIR_COLOURS};
use crate::drafts::keeper::DraftKeeper;
use crate::i18n::*;
use crate::label;
use crate::organisations::api::my_organisations;
use crate::ui::errors::error_notice;
use crate::ui::forms::{
    CountryField, DateField, ErrorSummary, FormKit, Notice, NumberField, SelectField, TextField,
    YesNoField, country_name, query_param,
};
use crate::ui::history::History;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};

pub const STATIONS: [&str; 3] = ["new_york", "geneva", "vienna"];

// Labels list every case of their code list (an added case fails to compile here); a code
// that is no case at all (a corrupt row) shows as itself, never as another case's name.

pub fn station_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::accreditation::domain::DutyStation as S;
    let l = i18n.get_locale();
    let Some(station) = S::parse(code) else {
        return code.to_string();
    };
    match station {
        S::NewYork => td_string!(l, acc.station_new_york),
        S::Geneva => td_string!(l, acc.station_geneva),
        S::Vienna => td_string!(l, acc.station_vienna),
    }
    .to_string()
}

pub fn type_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::accreditation::domain::RepresentativeType as T;
    let l = i18n.get_locale();
    let Some(kind) = T::parse(code) else {
        return code.to_string();
    };
    match kind {
        T::PresidentChiefExecutive => td_string!(l, acc.type_president),
        T::AdministrativeDirector => td_string!(l, acc.type_admin_director),
        T::PrincipalRepresentative => td_string!(l, acc.type_principal),
        T::AdditionalRepresentative => td_string!(l, acc.type_additional),
    }
    .to_string()
}

pub fn status_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::accreditation::domain::DesignationStatus as D;
    let l = i18n.get_locale();
    let Some(status) = D::parse(code) else {
        return code.to_string();
    };
    match status {
        D::Draft => td_string!(l, acc.status_draft),
        D::Submitted => td_string!(l, acc.status_submitted),
        D::Approved => td_string!(l, acc.status_approved),
        D::Rejected => td_string!(l, acc.status_rejected),
        D::Withdrawn => td_string!(l, acc.status_withdrawn),
        D::Revoked => td_string!(l, acc.status_revoked),
        D::Expired => td_string!(l, acc.status_expired),
    }
    .to_string()
}

pub fn pass_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::accreditation::domain::PassKind as P;
    let l = i18n.get_locale();
    let Some(pass) = P::parse(code) else {
        return code.to_string();
    };
    match pass {
        P::Temporary => td_string!(l, acc.pass_temporary),
        P::Annual => td_string!(l, acc.pass_annual),
    }
    .to_string()
}

const TYPES: [&str; 4] = [
    "president_chief_executive",
    "administrative_director",
    "principal_representative",
    "additional_representative",
];

/// `/accreditation`: the organisations the person designates for, with their three stations.
#[component]
pub fn AccreditationHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(|| (), |_| my_organisations());
    view! {
        <PageTitle text=|l| td_string!(l, svc_accreditation_title).to_string() />
        <section>
            <h1>{t!(i18n, svc_accreditation_title)}</h1>
            <p class="hero__intro">{t!(i18n, svc_accreditation_body)}</p>
            <p><A href="/accreditation/directory">{t!(i18n, acc.directory_title)}</A>
                " · " <A href="/accreditation/rights">{t!(i18n, acc.rights_title)}</A></p>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || mine.get().map(|r| match r {
                    Err(crate::AppError::Unauthenticated) => view! {
                        <p class="service__cta">
                            <span>{t!(i18n, svc_sign_in_needed)}</span> " "
                            <A href="/login" attr:class="button">{t!(i18n, sign_in)}</A>
                        </p>
                    }.into_any(),
                    Err(e) => error_notice(i18n, e),
                    Ok(m) if m.memberships.is_empty() => view! {
                        <p class="empty-state">{t!(i18n, acc.no_organisation)} " "
                            <A href="/organisations">{t!(i18n, nav_organisations)}</A></p>
                    }.into_any(),
                    Ok(m) => view! {
                        <h2>{t!(i18n, acc.choose_station)}</h2>
                        <ul class="card-list" data-testid="accreditation-organisations">
                            {m.memberships.into_iter().map(|o| view! {
                                <li class="card">
                                    <h3 class="card__title">{o.legal_name.clone()}</h3>
                                    <ul class="inline-list">
                                        {STATIONS.iter().map(|s| view! {
                                            <li><A href=format!("/accreditation/{}/{s}", o.organisation_id)>{station_label(i18n, s)}</A></li>
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

pub fn saved_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    let l = i18n.get_locale();
    match key {
        "submitted" => td_string!(l, acc.saved_submitted),
        "withdrawn" => td_string!(l, acc.saved_withdrawn),
        "photo" => td_string!(l, acc.saved_photo),
        "reprinted" => td_string!(l, acc.saved_reprinted),
        _ => td_string!(l, acc.saved_draft),
    }
    .to_string()
}

/// `/accreditation/:org/:station`: quotas, active designations, drafts, inactive (Copy).
#[component]
pub fn StationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let withdraw = ServerAction::<WithdrawDesignation>::new();
    let withdraw_kit = FormKit::new("withdraw", withdraw);
    let reprint = ServerAction::<ReprintBadge>::new();
    let reprint_kit = FormKit::new("reprint", reprint);
    let page = Resource::new(
        move || {
            (
                params.read().get("org").and_then(|v| v.parse::<i64>().ok()),
                params.read().get("station").unwrap_or_default(),
                withdraw.version().get(),
            )
        },
        |(org, station, _)| async move {
            match org {
                Some(org) => station_page(org, station).await,
                None => Err(crate::AppError::NotFound),
            }
        },
    );
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        if matches!(withdraw.value().try_get().flatten(), Some(Ok(_))) {
            return Some(saved_text(i18n, "withdrawn"));
        }
        if matches!(reprint.value().try_get().flatten(), Some(Ok(_))) {
            return Some(saved_text(i18n, "reprinted"));
        }
        saved.get().map(|k| saved_text(i18n, &k))
    });
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || page.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(p) => {
                    let station = station_label(i18n, &p.duty_station);
                    let title = format!("{} — {station}", p.organisation);
                    let base = format!("/accreditation/{}/{}", p.organisation_id, p.duty_station);
                    let list = move |items: Vec<DesignationSummary>, kind: &'static str, base: String| {
                        view! {
                            <ul class="card-list" data-testid=kind>
                                {items.into_iter().map(|d| {
                                    let base = base.clone();
                                    view! {
                                        <li class="card">
                                            <p><strong>{format!("{} {} {}", if d.title == "ms" { "Mme" } else { "M." }, d.first_name, d.last_name)}</strong>
                                                " · " {type_label(i18n, &d.representative_type)} " · " {pass_label(i18n, &d.pass_kind)}
                                                " · " <span class="badge">{status_label(i18n, &d.status)}</span></p>
                                            <p class="muted">{format!("{} → {}", d.valid_from, d.valid_until)}</p>
                                            {d.reason.clone().map(|r| view! { <p>{t!(i18n, col_reason)} " : " {r}</p> })}
                                            {(kind == "drafts").then(|| view! {
                                                <A href=format!("{base}/designations/{}", d.id)>{t!(i18n, acc.continue_draft)}</A>
                                            })}
                                            {(kind == "inactive" && d.may_copy).then(|| view! {
                                                <A href=format!("{base}/new?copy={}", d.id) attr:class="button button--small">{t!(i18n, acc.copy)}</A>
                                            })}
                                            {(kind == "active" && d.badge).then(|| badge_actions(i18n, reprint, d.id))}
                                            {(kind == "active" && d.may_withdraw).then(|| view! {
                                                <details class="confirm">
                                                    <summary>{t!(i18n, acc.withdraw)}</summary>
                                                    <ActionForm action=withdraw attr:class="inline-form">
                                                        <input type="hidden" name="designation_id" value=d.id />
                                                        <p>{t!(i18n, acc.withdraw_confirm)}</p>
                                                        <button type="submit" class="button button--small button--danger">{t!(i18n, acc.withdraw)}</button>
                                                    </ActionForm>
                                                </details>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                    };
                    view! {
                        <Title text=title.clone() />
                        <section>
                            <h1>{title}</h1>
                            <Notice text=notice />
                            <ErrorSummary kit=withdraw_kit />
                            <ErrorSummary kit=reprint_kit />
                            {(!p.has_consultative_status).then(|| view! {
                                <p class="notice">{move || crate::ui::forms::error_message(i18n, "no_consultative_status")}</p>
                            })}
                            <h2 id="quotas-title">{t!(i18n, acc.quotas)} " " {p.year}</h2>
                            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="quotas-title">
                                <table class="table" data-testid="quotas">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, acc.col_type)}</th>
                                        <th scope="col">{t!(i18n, acc.col_used)}</th>
                                        {(p.can_designate && p.has_consultative_status).then(|| view! { <th scope="col">{t!(i18n, col_actions)}</th> })}
                                    </tr></thead>
                                    <tbody>
                                        {p.quotas.iter().map(|q| {
                                            let full = q.used >= q.limit;
                                            let href = format!("{base}/new?type={}", q.representative_type);
                                            view! {
                                                <tr>
                                                    <td>{type_label(i18n, &q.representative_type)}</td>
                                                    <td>{format!("{} / {}", q.used, q.limit)}</td>
                                                    {(p.can_designate && p.has_consultative_status).then(|| view! {
                                                        <td>{(!full).then(|| view! { <A href=href>{t!(i18n, acc.designate)}</A> })}</td>
                                                    })}
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {(p.can_designate && p.has_consultative_status).then(|| view! {
                                <p><A href=format!("{base}/new") attr:class="button">{t!(i18n, acc.new_designation)}</A></p>
                            })}
                            <h2>{t!(i18n, acc.active)}</h2>
                            {if p.active.is_empty() { view! { <p class="empty-state">{t!(i18n, acc.none)}</p> }.into_any() } else { list(p.active, "active", base.clone()).into_any() }}
                            {(!p.drafts.is_empty()).then(|| view! { <h2>{t!(i18n, acc.drafts)}</h2> {list(p.drafts, "drafts", base.clone())} })}
                            <h2>{t!(i18n, acc.inactive)}</h2>
                            {if p.inactive.is_empty() { view! { <p class="empty-state">{t!(i18n, acc.none)}</p> }.into_any() } else { list(p.inactive, "inactive", base.clone()).into_any() }}
                        </section>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

/// `/accreditation/:org/:station/new` (`?type=`, `?copy=`) and `…/designations/:id`: the form.
#[component]
pub fn DesignationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let save = ServerAction::<SaveDesignation>::new();
    let saved = query_param("saved");
    let saved_notice =
        Signal::derive(move || saved.try_get().flatten().map(|k| saved_text(i18n, &k)));
    let kit = FormKit::new("designation", save)
        .rules(|f| DesignationForm::errors(f, crate::ui::format::today()));
    // Read once: the form belongs to the address it was opened at. (Tracking the query would
    // re-run this page's resource while a redirect takes the browser elsewhere.)
    let opened_at = untrack(|| {
        (
            params.read().get("org").and_then(|v| v.parse::<i64>().ok()),
            params.read().get("station").unwrap_or_default(),
            params.read().get("id").and_then(|v| v.parse::<i64>().ok()),
            query.read().get("copy").and_then(|v| v.parse::<i64>().ok()),
            query.read().get("type"),
        )
    });
    let variant = match (&opened_at.3, &opened_at.4) {
        (Some(c), _) => format!("c{c}"),
        (None, Some(t)) => t.clone(),
        _ => "new".to_string(),
    };
    let state = Resource::new(
        move || opened_at.clone(),
        |(org, station, id, copy, rep)| async move {
            match org {
                Some(org) => open_designation_form(org, station, id, copy, rep).await,
                None => Err(crate::AppError::NotFound),
            }
        },
    );
    let options =
        move |codes: &[&str], label: fn(leptos_i18n::I18nContext<Locale>, &str) -> String| {
            let mut v = vec![(
                String::new(),
                td_string!(i18n.get_locale(), choose).to_string(),
            )];
            v.extend(codes.iter().map(|c| (c.to_string(), label(i18n, c))));
            v
        };
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || state.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(s) => {
                    let value = {
                        let f = s.fields.clone();
                        move |name: &str| f.get(name).cloned().unwrap_or_default()
                    };
                    let record_key = super::draft_key(s.organisation_id, &s.duty_station, s.designation_id, &variant);
                    let title = format!("{} — {}", s.organisation, station_label(i18n, &s.duty_station));
                    let submitted = Signal::derive(move || matches!(save.value().try_get().flatten(), Some(Ok(_))));
                    let active = s.active.clone();
                    let quota_users = move || {
                        let full = kit.errors().try_get().unwrap_or_default().into_iter().find_map(|e| e.code.strip_prefix("quota_full_").map(str::to_string));
                        full.map(|t| {
                            let users: Vec<String> = active.iter().filter(|d| d.representative_type == t)
                                .map(|d| format!("{} {} ({})", d.first_name, d.last_name, status_label(i18n, &d.status))).collect();
                            view! {
                                <div class="notice" data-testid="quota-users">
                                    <p>{t!(i18n, acc.quota_used_by)}</p>
                                    <ul>{users.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
                                </div>
                            }
                        })
                    };
                    let sex_label = |i18n: leptos_i18n::I18nContext<Locale>, c: &str| if c == "female" { td_string!(i18n.get_locale(), acc.sex_female).to_string() } else { td_string!(i18n.get_locale(), acc.sex_male).to_string() };
                    let title_label = |i18n: leptos_i18n::I18nContext<Locale>, c: &str| if c == "ms" { td_string!(i18n.get_locale(), acc.title_ms).to_string() } else { td_string!(i18n.get_locale(), acc.title_mr).to_string() };
                    let pref_label = |i18n: leptos_i18n::I18nContext<Locale>, c: &str| match c { "email" => td_string!(i18n.get_locale(), field_email).to_string(), "fax" => "Fax".to_string(), _ => td_string!(i18n.get_locale(), acc.post).to_string() };
                    let plain = |_: leptos_i18n::I18nContext<Locale>, c: &str| c.replace('_', " ");
                    view! {
                        <Title text=title.clone() />
                        <section class="form-page form-page--wide">
                            <h1>{title}</h1>
                            {if s.rights_holder {
                                view! { <p><A href="/accreditation/rights">{t!(i18n, acc.rights_title)}</A></p> }.into_any()
                            } else {
                                view! { <p><A href=format!("/accreditation/{}/{}", s.organisation_id, s.duty_station)>{t!(i18n, acc.back_to_station)}</A></p> }.into_any()
                            }}
                            <Notice text=saved_notice />
                            <ErrorSummary kit />
                            {quota_users}
                            <ActionForm action=save attr:class="form" attr:id=kit.id>
                                <input type="hidden" name="organisation_id" value=s.organisation_id />
                                {s.designation_id.map(|id| view! { <input type="hidden" name="designation_id" value=id /> })}
                                <input type="hidden" name="duty_station" value=s.duty_station.clone() />
                                <input type="hidden" name="draft_key" value=record_key.clone() />
                                <DraftKeeper form=crate::accreditation::drafts::DESIGNATION record_key owner=s.viewer_id.to_string()
                                    form_id=kit.id record=s.fields.clone() version=s.version submitted />
                                <fieldset class="form__section"><legend>{t!(i18n, acc.section_pass)}</legend>
                                    <SelectField kit name="representative_type" label=label!(i18n, acc.field_type) required=true
                                        options=options(&TYPES, type_label) selected=value("representative_type") />
                                    {if s.rights_holder {
                                        // A rights holder requests temporary passes only.
                                        view! {
                                            <input type="hidden" name="pass_kind" value="temporary" />
                                            <p class="notice" data-testid="rights-notice">{t!(i18n, acc.rights_form_notice)}</p>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <SelectField kit name="pass_kind" label=label!(i18n, acc.field_pass) required=true
                                                options=options(&["annual", "temporary"], pass_label) selected=value("pass_kind") />
                                        }.into_any()
                                    }}
                                    <DateField kit name="valid_from" label=label!(i18n, acc.field_valid_from) required=true value=value("valid_from") />
                                    <DateField kit name="valid_until" label=label!(i18n, acc.field_valid_until) required=true
                                        help=label!(i18n, acc.help_valid_until) value=value("valid_until") />
                                    <YesNoField kit name="accreditation_rights" label=label!(i18n, acc.field_rights)
                                        help=label!(i18n, acc.help_rights) value=value("accreditation_rights") />
                                    <SelectField kit name="communication_preference" label=label!(i18n, acc.field_preference) required=true
                                        options=options(&["email", "fax", "post"], pref_label) selected=value("communication_preference") />
                                </fieldset>
                                <fieldset class="form__section"><legend>{t!(i18n, acc.section_person)}</legend>
                                    <SelectField kit name="title" label=label!(i18n, acc.field_title) required=true
                                        help=label!(i18n, acc.help_title) options=options(&["mr", "ms"], title_label) selected=value("title") />
                                    <TextField kit name="first_name" label=label!(i18n, field_first_name) max_chars=100 required=true value=value("first_name") />
                                    <TextField kit name="middle_initial" label=label!(i18n, acc.field_middle_initial) max_chars=5 value=value("middle_initial") />
                                    <TextField kit name="last_name" label=label!(i18n, field_last_name) max_chars=100 required=true value=value("last_name") />
                                    <SelectField kit name="sex" label=label!(i18n, acc.field_sex) required=true
                                        options=options(&["female", "male"], sex_label) selected=value("sex") />
                                    <DateField kit name="date_of_birth" label=label!(i18n, acc.field_date_of_birth) required=true value=value("date_of_birth") />
                                    <TextField kit name="place_of_birth" label=label!(i18n, acc.field_place_of_birth) max_chars=100 required=true value=value("place_of_birth") />
                                    <CountryField kit name="nationality" label=label!(i18n, acc.field_nationality) required=true selected=value("nationality") />
                                    <SelectField kit name="hair_colour" label=label!(i18n, acc.field_hair) options=options(HAIR_COLOURS, plain) selected=value("hair_colour") />
                                    <SelectField kit name="eye_colour" label=label!(i18n, acc.field_eyes) options=options(EYE_COLOURS, plain) selected=value("eye_colour") />
                                    <NumberField kit name="height_cm" label=label!(i18n, acc.field_height) max_chars=3 value=value("height_cm") />
                                    <NumberField kit name="weight_kg" label=label!(i18n, acc.field_weight) max_chars=3 value=value("weight_kg") />
                                    <TextField kit name="position" label=label!(i18n, field_position) max_chars=200 required=true value=value("position") />
                                    <TextField kit name="department" label=label!(i18n, acc.field_department) max_chars=200 value=value("department") />
                                </fieldset>
                                <fieldset class="form__section"><legend>{t!(i18n, acc.section_contact)}</legend>
                                    <TextField kit name="address_street" label=label!(i18n, acc.field_street) max_chars=200 required=true value=value("address_street") />
                                    <TextField kit name="address_city" label=label!(i18n, acc.field_city) max_chars=100 required=true value=value("address_city") />
                                    <TextField kit name="address_postcode" label=label!(i18n, acc.field_postcode) max_chars=20 value=value("address_postcode") />
                                    <CountryField kit name="country" label=label!(i18n, field_country) required=true selected=value("country") />
                                    <TextField kit name="phone" label=label!(i18n, acc.field_phone) help=label!(i18n, acc.help_phone)
                                        input_type="tel" max_chars=30 required=true value=value("phone") />
                                    <TextField kit name="fax" label=label!(i18n, acc.field_fax) input_type="tel" max_chars=30 value=value("fax") />
                                    <TextField kit name="email" label=label!(i18n, field_email) input_type="email" value=value("email") />
                                </fieldset>
                                <div class="form__actions">
                                    <button type="submit" class="button button--secondary" name="submit" value="">{t!(i18n, acc.save_draft)}</button>
                                    <button type="submit" class="button" name="submit" value="1">{t!(i18n, acc.submit)}</button>
                                </div>
                            </ActionForm>
                            <PhotoSection designation=s.designation_id photo=s.photo />
                            {(!s.history.is_empty()).then(|| view! { <History events=s.history.clone() /> })}
                        </section>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

/// `/secretariat/designations`: the queue of the officer's stations, filtered, sorted, paged;
/// approve, reject (reason), revoke (reason).
#[component]
pub fn DesignationQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let decide = ServerAction::<DecideDesignation>::new();
    let bulk = ServerAction::<DecideDesignations>::new();
    let decide_errors = Signal::derive(move || {
        let mut all = crate::ui::forms::action_errors(decide).get();
        all.extend(crate::ui::forms::action_errors(bulk).get());
        all
    });
    let kit = FormKit::with_errors("decide", decide_errors, None);
    let dashboard = Resource::new(
        move || (decide.version().get(), bulk.version().get()),
        |_| designation_dashboard(),
    );
    let q = move |k: &str| query.read().get(k).unwrap_or_default();
    let page = Resource::new(
        move || {
            (
                [
                    q("status"),
                    q("station"),
                    q("type"),
                    q("pass"),
                    q("year"),
                    q("q"),
                    q("sort"),
                ],
                q("page").parse::<i64>().ok(),
                decide.version().get() + bulk.version().get(),
            )
        },
        |([status, station, rep, pass, year, search, sort], page, _)| {
            designation_queue(status, station, rep, pass, year, search, sort, page)
        },
    );
    let select = move |name: &'static str, label: Signal<String>, opts: Vec<(String, String)>| {
        let current = q(name);
        let id = format!("filter-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{move || label.get()}</label>
                <select id=id name=name>
                    {opts.into_iter().map(|(v, t)| { let sel = v == current; view! { <option value=v selected=sel>{t}</option> } }).collect_view()}
                </select>
            </div>
        }
    };
    let any = move || td_string!(i18n.get_locale(), acc.any).to_string();
    let with_any =
        move |codes: &[&str], f: fn(leptos_i18n::I18nContext<Locale>, &str) -> String| {
            let mut v = vec![(String::new(), any())];
            v.extend(codes.iter().map(|c| (c.to_string(), f(i18n, c))));
            v
        };
    view! {
        <PageTitle text=|l| td_string!(l, acc.queue_title).to_string() />
        <section>
            <h1>{t!(i18n, acc.queue_title)}</h1>
            <Suspense fallback=|| ()>
                {move || dashboard.get().and_then(|r| r.ok()).map(|d| dashboard_view(i18n, d))}
            </Suspense>
            <RenewalForm />
            <h2>{t!(i18n, acc.queue_list)}</h2>
            <Form method="GET" action="" attr:class="form form--filters">
                {select("status", label!(i18n, col_status), with_any(&["submitted", "approved", "rejected", "withdrawn", "revoked", "expired"], status_label))}
                {select("station", label!(i18n, acc.field_station), with_any(&STATIONS, station_label))}
                {select("type", label!(i18n, acc.field_type), with_any(&TYPES, type_label))}
                {select("pass", label!(i18n, acc.field_pass), with_any(&["annual", "temporary"], pass_label))}
                <div class="field">
                    <label for="filter-year">{t!(i18n, acc.field_year)}</label>
                    <input id="filter-year" name="year" inputmode="numeric" maxlength="4" value=q("year") />
                </div>
                <div class="field">
                    <label for="filter-q">{t!(i18n, search)}</label>
                    <input id="filter-q" name="q" type="search" maxlength="100" value=q("q") />
                </div>
                {select("sort", label!(i18n, acc.sort), vec![
                    ("submitted".into(), td_string!(i18n.get_locale(), acc.sort_submitted).to_string()),
                    ("name".into(), td_string!(i18n.get_locale(), col_name).to_string()),
                    ("organisation".into(), td_string!(i18n.get_locale(), acc.col_organisation).to_string()),
                ])}
                <button type="submit" class="button">{t!(i18n, acc.filter)}</button>
            </Form>
            <ErrorSummary kit />
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || page.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(p) if p.items.is_empty() => view! { <p class="empty-state">{t!(i18n, acc.queue_empty)}</p> }.into_any(),
                    Ok(p) => {
                        const FILTERS: [&str; 7] = ["status", "station", "type", "pass", "year", "q", "sort"];
                        let link_to = move |n: i64| crate::ui::pager::page_link(q, &FILTERS, n);
                        let export = move |ext: &str| {
                            format!("/secretariat/designations.{ext}?{}", crate::ui::pager::carried(q, &FILTERS).join("&"))
                        };
                        view! {
                            <p data-testid="queue-total">{t!(i18n, acc.total)} " " {p.total}
                                " · " <a href=export("csv") rel="external" download>{t!(i18n, acc.export_csv)}</a>
                                " · " <a href=export("xlsx") rel="external" download>{t!(i18n, acc.export_xlsx)}</a>
                            </p>
                            <ActionForm action=bulk attr:id="bulk" attr:class="form form--inline bulk-actions">
                                <span>{t!(i18n, acc.selected)}</span>
                                <button type="submit" name="decision" value="approve" class="button button--small">{t!(i18n, acc.approve_selected)}</button>
                                <label for="bulk-reason">{t!(i18n, field_reason)}</label>
                                <input id="bulk-reason" name="reason" maxlength="1000" />
                                <button type="submit" name="decision" value="reject" class="button button--small button--danger">{t!(i18n, acc.reject_selected)}</button>
                            </ActionForm>
                            <div class="table-wrap" tabindex="0" role="region" aria-label=move || td_string!(i18n.get_locale(), acc.queue_title)>
                                <table class="table" data-testid="queue">
                                    <thead><tr>
                                        <th scope="col"><span class="visually-hidden">{t!(i18n, acc.select)}</span></th>
                                        <th scope="col">{t!(i18n, col_name)}</th>
                                        <th scope="col">{t!(i18n, acc.col_organisation)}</th>
                                        <th scope="col">{t!(i18n, acc.col_type)}</th>
                                        <th scope="col">{t!(i18n, acc.field_station)}</th>
                                        <th scope="col">{t!(i18n, col_status)}</th>
                                        <th scope="col">{t!(i18n, col_actions)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {p.items.into_iter().map(|d| {
                                            let reason_id = format!("reason-{}", d.id);
                                            let pending = d.status == "submitted";
                                            let approved = d.status == "approved";
                                            view! {
                                                <tr>
                                                    <td>
                                                        <input type="checkbox" form="bulk" name="ids[]" value=d.id id=format!("select-{}", d.id)
                                                            aria-label=format!("{} — {}", td_string!(i18n.get_locale(), acc.select), d.person) />
                                                    </td>
                                                    <td>{d.person.clone()}</td>
                                                    <td><A href=format!("/accreditation/{}/{}", d.organisation_id, d.duty_station)>{d.organisation.clone()}</A></td>
                                                    <td>{type_label(i18n, &d.representative_type)} " · " {pass_label(i18n, &d.pass_kind)} " · " {d.year}</td>
                                                    <td>{station_label(i18n, &d.duty_station)}</td>
                                                    <td><span class="badge">{status_label(i18n, &d.status)}</span></td>
                                                    <td class="row-actions">
                                                        {pending.then(|| view! {
                                                            <ActionForm action=decide attr:class="inline-form">
                                                                <input type="hidden" name="designation_id" value=d.id />
                                                                <button type="submit" name="decision" value="approve" class="button button--small">{t!(i18n, approve)}</button>
                                                            </ActionForm>
                                                        })}
                                                        {(pending || approved).then(|| view! {
                                                            <details class="confirm">
                                                                <summary>{if pending { t!(i18n, reject).into_any() } else { t!(i18n, acc.revoke).into_any() }}</summary>
                                                                <ActionForm action=decide attr:class="form">
                                                                    <input type="hidden" name="designation_id" value=d.id />
                                                                    <input type="hidden" name="decision" value=if pending { "reject" } else { "revoke" } />
                                                                    <div class="field">
                                                                        <label for=reason_id.clone()>{t!(i18n, field_reason)} " " <span class="field__required">{t!(i18n, required_mark)}</span></label>
                                                                        <textarea id=reason_id name="reason" rows="2" required maxlength="1000"></textarea>
                                                                    </div>
                                                                    <button type="submit" class="button button--small button--danger">{t!(i18n, validate)}</button>
                                                                </ActionForm>
                                                            </details>
                                                        })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {crate::ui::pager::pager(i18n, p.page, p.pages, link_to)}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Counts per station and state, and an SVG bar chart of submissions per week (with the same
/// figures as a table for screen readers).
fn dashboard_view(i18n: leptos_i18n::I18nContext<Locale>, d: Dashboard) -> impl IntoView {
    let states = [
        "submitted",
        "approved",
        "rejected",
        "withdrawn",
        "revoked",
        "expired",
    ];
    let count = |station: &str, state: &str| {
        d.counts
            .iter()
            .find(|(s, st, _)| s == station && st == state)
            .map(|c| c.2)
            .unwrap_or(0)
    };
    let max = d.weekly.iter().map(|w| w.1).max().unwrap_or(0).max(1);
    let (w, h, bar) = (480.0_f64, 120.0_f64, 480.0 / d.weekly.len().max(1) as f64);
    let weeks = d.weekly.clone();
    view! {
        <section class="dashboard" aria-labelledby="dashboard-title">
            <h2 id="dashboard-title">{t!(i18n, acc.dashboard)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="dashboard-title">
                <table class="table" data-testid="dashboard-counts">
                    <thead><tr>
                        <th scope="col">{t!(i18n, acc.field_station)}</th>
                        {states.iter().map(|s| view! { <th scope="col">{status_label(i18n, s)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {d.stations.iter().map(|station| view! {
                            <tr>
                                <th scope="row">{station_label(i18n, station)}</th>
                                {states.iter().map(|state| view! { <td>{count(station, state)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3 id="chart-title">{t!(i18n, acc.chart_title)}</h3>
            <svg class="chart" viewBox=format!("0 0 {w} {}", h + 20.0) role="img" aria-labelledby="chart-title" data-testid="chart">
                {weeks.iter().enumerate().map(|(i, (start, n))| {
                    let bh = h * f64::from(*n) / f64::from(max);
                    let x = i as f64 * bar;
                    let label = crate::ui::format::utc_minute(*start).chars().take(10).collect::<String>();
                    view! {
                        <g>
                            <title>{format!("{label}: {n}")}</title>
                            <rect x=format!("{:.1}", x + 2.0) y=format!("{:.1}", h - bh) width=format!("{:.1}", bar - 4.0)
                                height=format!("{:.1}", bh) class="chart__bar" />
                            <text x=format!("{:.1}", x + bar / 2.0) y=format!("{:.1}", h + 14.0) class="chart__label" text-anchor="middle">
                                {label.chars().skip(5).collect::<String>()}
                            </text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <details>
                <summary>{t!(i18n, acc.chart_data)}</summary>
                <table class="table">
                    <thead><tr><th scope="col">{t!(i18n, acc.week_of)}</th><th scope="col">{t!(i18n, acc.submissions)}</th></tr></thead>
                    <tbody>
                        {d.weekly.iter().map(|(start, n)| view! {
                            <tr><td>{crate::ui::format::utc_minute(*start).chars().take(10).collect::<String>()}</td><td>{*n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}

/// The secretariat resets the year: approved annual designations become next year's drafts.
#[component]
fn RenewalForm() -> impl IntoView {
    let i18n = use_i18n();
    let renew = ServerAction::<RenewYear>::new();
    let kit = FormKit::new("renew", renew);
    let year = crate::ui::format::today().format("%Y").to_string();
    let done = Signal::derive(move || {
        renew
            .value()
            .try_get()
            .flatten()
            .and_then(|r| r.ok())
            .map(|n| format!("{} {n}", td_string!(i18n.get_locale(), acc.renewed)))
    });
    view! {
        <details class="confirm renewal">
            <summary>{t!(i18n, acc.renew_title)} " " {year.clone()}</summary>
            <p>{t!(i18n, acc.renew_intro)}</p>
            <ErrorSummary kit />
            <ActionForm action=renew attr:class="form form--inline" attr:id=kit.id>
                <input type="hidden" name="year" value=year />
                <button type="submit" class="button button--danger">{t!(i18n, acc.renew_submit)}</button>
            </ActionForm>
            <Notice text=done />
        </details>
    }
}

/// A valid designation's badge: the PDF (a plain link: the browser downloads it) and a
/// re-print behind a confirmation (the badge printed before stops being valid).
pub fn badge_actions(
    i18n: leptos_i18n::I18nContext<Locale>,
    reprint: ServerAction<ReprintBadge>,
    id: i64,
) -> impl IntoView {
    view! {
        <p class="inline-list">
            <a href=format!("/accreditation/badges/{id}") rel="external" download=format!("badge-{id}.pdf")
                class="button button--small" data-testid="badge-pdf">{t!(i18n, acc.badge_pdf)}</a>
        </p>
        <details class="confirm">
            <summary>{t!(i18n, acc.reprint)}</summary>
            <ActionForm action=reprint attr:class="inline-form">
                <input type="hidden" name="designation_id" value=id />
                <p>{t!(i18n, acc.reprint_confirm)}</p>
                <button type="submit" class="button button--small button--danger">{t!(i18n, acc.reprint)}</button>
            </ActionForm>
        </details>
    }
}

/// `/verify/:code`: what a scanned badge's QR code says (public; no personal data).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let check = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        verify_badge,
    );
    let state_text = move |state: &str| {
        let l = i18n.get_locale();
        match state {
            "valid" => td_string!(l, acc.verify_valid),
            "expired" => td_string!(l, acc.verify_expired),
            "revoked" => td_string!(l, acc.verify_revoked),
            "withdrawn" => td_string!(l, acc.verify_withdrawn),
            "replaced" => td_string!(l, acc.verify_replaced),
            "not_issued" => td_string!(l, acc.verify_not_issued),
            _ => td_string!(l, acc.verify_unknown),
        }
        .to_string()
    };
    view! {
        <PageTitle text=|l| td_string!(l, acc.verify_title).to_string() />
        <section>
            <h1>{t!(i18n, acc.verify_title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || check.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(BadgeCheck { state, organisation, representative_type, duty_station, pass_kind, valid_from, valid_until, serial }) => {
                        let known = state != "unknown";
                        let class = if state == "valid" { "verdict verdict--valid" } else { "verdict verdict--invalid" };
                        view! {
                            <p class=class role="status" data-testid="verdict" data-state=state.clone()>{state_text(&state)}</p>
                            {known.then(|| view! {
                                <dl class="facts">
                                    <dt>{t!(i18n, acc.col_organisation)}</dt><dd>{organisation}</dd>
                                    <dt>{t!(i18n, acc.col_type)}</dt><dd>{type_label(i18n, &representative_type)}</dd>
                                    <dt>{t!(i18n, acc.field_station)}</dt><dd>{station_label(i18n, &duty_station)}</dd>
                                    <dt>{t!(i18n, acc.field_pass)}</dt><dd>{pass_label(i18n, &pass_kind)}</dd>
                                    <dt>{t!(i18n, acc.field_valid_until)}</dt><dd>{format!("{valid_from} → {valid_until}")}</dd>
                                    <dt>{t!(i18n, acc.verify_serial)}</dt><dd>{serial}</dd>
                                </dl>
                                <p class="muted">{t!(i18n, acc.verify_privacy)}</p>
                            })}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/accreditation/directory`: organisations in consultative status, public, searchable.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move |k: &str| query.read().get(k).unwrap_or_default();
    let page = Resource::new(
        move || {
            (
                [q("q"), q("country"), q("status")],
                q("page").parse::<i64>().ok(),
            )
        },
        |([search, country, status], page)| organisation_directory(search, country, status, page),
    );
    let status_text = move |code: &str| {
        let l = i18n.get_locale();
        match code {
            "general" => td_string!(l, status_general),
            "special" => td_string!(l, status_special),
            _ => td_string!(l, status_roster),
        }
        .to_string()
    };
    view! {
        <PageTitle text=|l| td_string!(l, acc.directory_title).to_string() />
        <section>
            <h1>{t!(i18n, acc.directory_title)}</h1>
            <p>{t!(i18n, acc.directory_intro)}</p>
            <Form method="GET" action="" attr:class="form form--filters">
                <div class="field">
                    <label for="directory-q">{t!(i18n, search)}</label>
                    <input id="directory-q" name="q" type="search" maxlength="100" value=q("q") />
                </div>
                <div class="field">
                    <label for="directory-country">{t!(i18n, field_country)}</label>
                    <select id="directory-country" name="country">
                        <option value="">{t!(i18n, all_countries)}</option>
                        {move || {
                            let chosen = q("country").to_uppercase();
                            crate::countries::options(i18n.get_locale().as_str()).into_iter().map(|(v, t)| {
                                let sel = v == chosen;
                                view! { <option value=v selected=sel>{t}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="directory-status">{t!(i18n, org_consultative_status)}</label>
                    <select id="directory-status" name="status">
                        {[("", td_string!(i18n.get_locale(), acc.any).to_string()), ("general", status_text("general")),
                          ("special", status_text("special")), ("roster", status_text("roster"))]
                            .into_iter().map(|(v, t)| { let sel = q("status") == v; view! { <option value=v selected=sel>{t}</option> } }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t!(i18n, search)}</button>
            </Form>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || page.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(p) if p.items.is_empty() => view! { <p class="empty-state">{t!(i18n, orgs_no_match)}</p> }.into_any(),
                    Ok(p) => {
                        let link_to = move |n: i64| crate::ui::pager::page_link(q, &["q", "country", "status"], n);
                        view! {
                            <p data-testid="directory-total">{t!(i18n, acc.directory_total)} " " {p.total}</p>
                            <ul class="card-list" data-testid="directory">
                                {p.items.into_iter().map(|o| view! {
                                    <li class="card">
                                        <p><strong>{o.legal_name.clone()}</strong> {o.acronym.map(|a| format!(" ({a})"))}
                                            " · " {country_name(i18n, o.country.clone())} " · " {status_text(&o.status)}
                                            {o.since.map(|y| format!(" ({y})"))}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                            {crate::ui::pager::pager(i18n, p.page, p.pages, link_to)}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The badge photo of a saved draft: the current one and the upload form (a plain multipart
/// post, with or without JavaScript; checked at once in the browser, by content on the server).
#[component]
fn PhotoSection(designation: Option<i64>, photo: Option<i64>) -> impl IntoView {
    use crate::uploads::domain::{FileKind, MAX_PHOTO_BYTES};
    let i18n = use_i18n();
    let kit = FormKit::with_errors(
        "photo-form",
        crate::ui::forms::errors_from_query(Some(crate::accreditation::photo::PHOTO_UPLOAD_PATH))
            .into(),
        None,
    );
    view! {
        <section class="photo" aria-labelledby="photo-title">
            <h2 id="photo-title">{t!(i18n, acc.photo)}</h2>
            {match designation {
                None => view! { <p class="notice">{t!(i18n, acc.photo_after_draft)}</p> }.into_any(),
                Some(id) => view! {
                    {match photo {
                        Some(p) => view! {
                            <img class="designation-photo" src=format!("/files/{p}") alt=move || td_string!(i18n.get_locale(), acc.photo).to_string() data-testid="designation-photo" />
                        }.into_any(),
                        None => view! { <p class="empty-state">{t!(i18n, acc.no_photo)}</p> }.into_any(),
                    }}
                    <ErrorSummary kit />
                    <form id=kit.id class="form" method="post" enctype="multipart/form-data"
                        action=crate::accreditation::photo::PHOTO_UPLOAD_PATH>
                        <input type="hidden" name="designation_id" value=id />
                        <crate::ui::forms::FileField kit name="photo" label=label!(i18n, acc.photo)
                            help=label!(i18n, help_logo) accept=FileKind::Photo.accept() max_bytes=MAX_PHOTO_BYTES required=true />
                        <button type="submit" class="button">{t!(i18n, upload)}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
