//! Pages of designations: the organisations a person designates for, an organisation's page at a
//! duty station (quotas, active, drafts, inactive with Copy), the designation form (form kit, live
//! checks, drafts) and its photo.
use crate::accreditation::badges::api::ReprintBadge;
use crate::accreditation::designations::api::{
    DesignationSummary, SaveDesignation, WithdrawDesignation, open_designation_form, station_page,
};
use crate::accreditation::domain::{DesignationForm, EYE_COLOURS, HAIR_COLOURS};
use crate::accreditation::labels::*;
use crate::drafts::keeper::DraftKeeper;
use crate::i18n::*;
use crate::label;
use crate::organisations::api::my_organisations;
use crate::ui::errors::error_notice;
use crate::ui::forms::{
    CountryField, DateField, ErrorSummary, FormKit, Notice, NumberField, SelectField, TextField,
    YesNoField, query_param,
};
use crate::ui::history::History;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

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
                                                " · " {type_label(i18n, d.representative_type.as_str())} " · " {pass_label(i18n, d.pass_kind.as_str())}
                                                " · " <span class="badge">{status_label(i18n, d.status.as_str())}</span></p>
                                            <p class="muted">{format!("{} → {}", d.valid_from, d.valid_until)}</p>
                                            {d.reason.clone().map(|r| view! { <p>{t!(i18n, col_reason)} " : " {r}</p> })}
                                            {(kind == "drafts").then(|| view! {
                                                <A href=format!("{base}/designations/{}", d.id)>{t!(i18n, acc.continue_draft)}</A>
                                            })}
                                            {(kind == "inactive" && d.may_copy).then(|| view! {
                                                <A href=format!("{base}/new?copy={}", d.id) attr:class="button button--small">{t!(i18n, acc.copy)}</A>
                                            })}
                                            {(kind == "active" && d.badge).then(|| crate::accreditation::badges::pages::badge_actions(i18n, reprint, d.id))}
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
                                            let href = format!("{base}/new?type={}", q.representative_type.as_str());
                                            view! {
                                                <tr>
                                                    <td>{type_label(i18n, q.representative_type.as_str())}</td>
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
                    let record_key = crate::accreditation::draft_key(s.organisation_id, &s.duty_station, s.designation_id, &variant);
                    let title = format!("{} — {}", s.organisation, station_label(i18n, &s.duty_station));
                    let submitted = Signal::derive(move || matches!(save.value().try_get().flatten(), Some(Ok(_))));
                    let active = s.active.clone();
                    let quota_users = move || {
                        let full = kit.errors().try_get().unwrap_or_default().into_iter().find_map(|e| e.code.strip_prefix("quota_full_").map(str::to_string));
                        full.map(|t| {
                            let users: Vec<String> = active.iter().filter(|d| d.representative_type.as_str() == t)
                                .map(|d| format!("{} {} ({})", d.first_name, d.last_name, status_label(i18n, d.status.as_str()))).collect();
                            view! {
                                <div class="notice" data-testid="quota-users">
                                    <p>{t!(i18n, acc.quota_used_by)}</p>
                                    <ul>{users.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
                                </div>
                            }
                        })
                    };
                    let sex_label = |i18n: leptos_i18n::I18nContext<Locale>, c: &str| {
                        use crate::accreditation::domain::Sex;
                        match Sex::parse(c) {
                            Some(Sex::Female) => td_string!(i18n.get_locale(), acc.sex_female).to_string(),
                            Some(Sex::Male) => td_string!(i18n.get_locale(), acc.sex_male).to_string(),
                            None => c.to_string(),
                        }
                    };
                    let title_label = |i18n: leptos_i18n::I18nContext<Locale>, c: &str| {
                        use crate::accreditation::domain::Title as T;
                        match T::parse(c) {
                            Some(T::Ms) => td_string!(i18n.get_locale(), acc.title_ms).to_string(),
                            Some(T::Mr) => td_string!(i18n.get_locale(), acc.title_mr).to_string(),
                            None => c.to_string(),
                        }
                    };
                    let pref_label = |i18n: leptos_i18n::I18nContext<Locale>, c: &str| {
                        use crate::accreditation::domain::CommunicationPreference as C;
                        match C::parse(c) {
                            Some(C::Email) => td_string!(i18n.get_locale(), field_email).to_string(),
                            Some(C::Fax) => "Fax".to_string(),
                            Some(C::Post) => td_string!(i18n.get_locale(), acc.post).to_string(),
                            None => c.to_string(),
                        }
                    };
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
                                <DraftKeeper form=crate::accreditation::designations::drafts::DESIGNATION record_key owner=s.viewer_id.to_string()
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

/// The badge photo of a saved draft: the current one and the upload form (a plain multipart
/// post, with or without JavaScript; checked at once in the browser, by content on the server).
#[component]
fn PhotoSection(designation: Option<i64>, photo: Option<i64>) -> impl IntoView {
    use crate::uploads::domain::{FileKind, MAX_PHOTO_BYTES};
    let i18n = use_i18n();
    let kit = FormKit::with_errors(
        "photo-form",
        crate::ui::forms::errors_from_query(Some(
            crate::accreditation::designations::photo::PHOTO_UPLOAD_PATH,
        ))
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
                        action=crate::accreditation::designations::photo::PHOTO_UPLOAD_PATH>
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
