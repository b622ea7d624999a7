//! Pages of organisations: mine (with join requests and creation), and one organisation
//! (members, roles, join requests, country offices, consultative status, history).
use super::api::{
    AddMember, ChangeMemberRole, CreateOrganisation, DecideJoinRequest, LeaveOrganisation,
    OrganisationDetails, RemoveMember, RequestToJoin, SetConsultativeStatus,
    UpdateOrganisationProfile, my_organisations, organisation_page, search_organisations,
    similar_organisations,
};
use crate::AppError;
use crate::drafts::keeper::DraftKeeper;
use crate::i18n::*;
use crate::label;
use crate::organisations::duplicates::MatchReason;
use crate::organisations::kinds::OrganisationKind;
use crate::ui::errors::error_notice;
use crate::ui::forms::{
    CountryField, DateField, ErrorSummary, FileField, FormKit, MoneyField, MultiChoiceField,
    Notice, NumberField, SelectField, TextAreaField, TextField, YesNoField, country_name,
    query_param,
};
use crate::ui::history::History;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_params_map;

/// An ECOSOC consultative status in the page's language (an unknown code shows as itself).
pub fn consultative_status_label(l: Locale, code: &str) -> String {
    use crate::organisations::kinds::ConsultativeStatus as C;
    match C::parse(code) {
        Some(C::General) => td_string!(l, status_general).to_string(),
        Some(C::Special) => td_string!(l, status_special).to_string(),
        Some(C::Roster) => td_string!(l, status_roster).to_string(),
        None => code.to_string(),
    }
}

/// A join request's state in the page's language (an unknown code shows as itself).
fn join_request_status_label(l: Locale, code: &str) -> String {
    use crate::organisations::domain::JoinRequestStatus as J;
    match J::parse(code) {
        Some(J::Pending) => td_string!(l, status_pending).to_string(),
        Some(J::Approved) => td_string!(l, status_approved).to_string(),
        Some(J::Declined) => td_string!(l, status_declined).to_string(),
        None => code.to_string(),
    }
}

/// The name of an organisation kind in the page's language (an unknown code shows as itself).
pub fn kind_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    let l = i18n.get_locale();
    use crate::organisations::kinds::OrganisationKind as K;
    let Some(kind) = K::parse(code) else {
        return code.to_string();
    };
    match kind {
        K::NationalNgo => td_string!(l, kind.national_ngo),
        K::InternationalNgo => td_string!(l, kind.international_ngo),
        K::CommunityBasedOrganisation => td_string!(l, kind.community_based_organisation),
        K::AcademicInstitution => td_string!(l, kind.academic_institution),
        K::RedCrossRedCrescent => td_string!(l, kind.red_cross_red_crescent),
        K::Embassy => td_string!(l, kind.embassy),
        K::LocalAuthority => td_string!(l, kind.local_authority),
        K::NationalElectedOfficialsAssociation => {
            td_string!(l, kind.national_elected_officials_association)
        }
        K::InternationalElectedOfficialsAssociation => {
            td_string!(l, kind.international_elected_officials_association)
        }
        K::RegionalNetwork => td_string!(l, kind.regional_network),
        K::MinistryOrPublicOperator => td_string!(l, kind.ministry_or_public_operator),
        K::Prefecture => td_string!(l, kind.prefecture),
    }
    .to_string()
}

/// The name of a member role in the page's language.
pub fn role_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::organisations::domain::MemberRole as R;
    let l = i18n.get_locale();
    // Every role listed; a code that is none shows as itself.
    let Some(role) = R::parse(code) else {
        return code.to_string();
    };
    match role {
        R::Administrator => td_string!(l, role_administrator),
        R::Editor => td_string!(l, role_editor),
        R::Reader => td_string!(l, role_reader),
    }
    .to_string()
}

fn role_options(i18n: leptos_i18n::I18nContext<Locale>) -> Vec<(String, String)> {
    ["reader", "editor", "administrator"]
        .into_iter()
        .map(|r| (r.to_string(), role_label(i18n, r)))
        .collect()
}

fn kind_options(
    i18n: leptos_i18n::I18nContext<Locale>,
    kinds: impl Iterator<Item = OrganisationKind>,
) -> Vec<(String, String)> {
    kinds
        .map(|k| (k.as_str().to_string(), kind_label(i18n, k.as_str())))
        .collect()
}

fn saved_message(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    let l = i18n.get_locale();
    match key {
        "member_added" => td_string!(l, saved_member_added),
        "join_requested" => td_string!(l, saved_join_requested),
        "left" => td_string!(l, saved_left),
        "join_request" => td_string!(l, saved_join_request),
        "profile" => td_string!(l, saved_profile),
        "files" => td_string!(l, saved_files),
        _ => td_string!(l, saved_generic),
    }
    .to_string()
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let join = ServerAction::<RequestToJoin>::new();
    let create = ServerAction::<CreateOrganisation>::new();
    let join_kit = FormKit::new("join", join);
    let create_kit = FormKit::new("create", create);
    let mine = Resource::new(move || join.version().get(), |_| my_organisations());
    let q = query_param("q");
    let results = Resource::new(
        move || q.get(),
        |q| async move {
            match q {
                Some(q) => search_organisations(q, None).await.map(Some),
                None => Ok(None),
            }
        },
    );
    // A creation refused as a likely duplicate lists the organisations it is probably: asked
    // with what was typed (sent back after a plain post, or read from the form once hydrated).
    let is_duplicate = move |errors: &[crate::error::FieldError]| {
        errors.iter().any(|e| e.code == "likely_duplicate")
    };
    let typed = move |f: &dyn Fn(&'static str) -> String| {
        ["legal_name", "acronym", "country", "registration_number"].map(f)
    };
    let asked = RwSignal::new(
        is_duplicate(&create_kit.errors().get_untracked())
            .then(|| typed(&|n| create_kit.value(n, String::new()))),
    );
    let last_typed = StoredValue::new(None::<[String; 4]>);
    let remember_submitted = move |_ev: leptos::ev::SubmitEvent| {
        // The submitted form itself (its id is shared with the section's heading).
        #[cfg(feature = "hydrate")]
        if let Some(target) = _ev.target()
            && let Ok(form) =
                web_sys::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(target)
        {
            let fields = crate::ui::dom::read_fields(&form, true);
            last_typed.set_value(Some(typed(&|n| fields.get(n).cloned().unwrap_or_default())));
        }
    };
    Effect::new(move |_| {
        if let Some(Err(AppError::Invalid(errors))) = create.value().get()
            && is_duplicate(&errors)
        {
            asked.set(last_typed.get_value());
        }
    });
    let duplicates = Resource::new(
        move || asked.get(),
        |asked| async move {
            match asked {
                Some([name, acronym, country, number]) => {
                    similar_organisations(name, acronym, country, number).await
                }
                None => Ok(vec![]),
            }
        },
    );
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        if matches!(join.value().try_get().flatten(), Some(Ok(_))) {
            return Some(saved_message(i18n, "join_requested"));
        }
        saved.get().map(|k| saved_message(i18n, &k))
    });
    view! {
        <PageTitle text=|l| td_string!(l, orgs_title).to_string() />
        <section>
            <h1>{t!(i18n, orgs_title)}</h1>
            <Notice text=notice />
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || mine.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(m) => view! {
                        {if m.memberships.is_empty() {
                            view! { <p class="empty-state">{t!(i18n, orgs_none)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="card-list" data-testid="my-organisations">
                                    {m.memberships.into_iter().map(|o| view! {
                                        <li class="card">
                                            <A href=format!("/organisations/{}", o.organisation_id)>{o.legal_name}</A>
                                            " · " {country_name(i18n, o.country)} " · " {kind_label(i18n, o.kind.as_str())}
                                            " · " <span class="badge">{role_label(i18n, o.role.as_str())}</span>
                                            {o.profile_percent.map(|p| view! {
                                                " · " <a href=format!("/partners/{}", o.organisation_id) data-testid="profile-percent">
                                                    {move || format!("{p}{}", td_string!(i18n.get_locale(), org_partner_profile_percent))}
                                                </a>
                                            })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {(!m.requests.is_empty()).then(|| view! {
                            <h2>{t!(i18n, orgs_my_requests)}</h2>
                            <ul>
                                {m.requests.into_iter().map(|r| {
                                    let status = join_request_status_label(i18n.get_locale(), r.status.as_str());
                                    view! { <li>{r.organisation} " — " {status}</li> }
                                }).collect_view()}
                            </ul>
                        })}
                    }.into_any(),
                })}
            </Suspense>

            <h2 id="join">{t!(i18n, orgs_join_title)}</h2>
            <p>{t!(i18n, orgs_join_intro)}</p>
            <Form method="GET" action="/organisations" attr:class="form form--inline" attr:role="search">
                <div class="field">
                    <label for="q">{t!(i18n, field_search_organisation)}</label>
                    <input id="q" name="q" type="search" maxlength="100" value=move || q.get().unwrap_or_default() />
                </div>
                <button type="submit" class="button">{t!(i18n, search)}</button>
            </Form>
            <ErrorSummary kit=join_kit />
            <Suspense fallback=|| ()>
                {move || results.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(None) => ().into_any(),
                    Ok(Some(list)) if list.is_empty() => view! {
                        <p class="empty-state">{t!(i18n, orgs_no_match)} " " <a href="#create">{t!(i18n, orgs_create_instead)}</a></p>
                    }.into_any(),
                    Ok(Some(list)) => view! {
                        <ul class="card-list" data-testid="search-results">
                            {list.into_iter().map(|o| join_card(i18n, join, o, None)).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>

            <h2 id="create">{t!(i18n, orgs_create_title)}</h2>
            <p>{t!(i18n, orgs_create_intro)}</p>
            <ErrorSummary kit=create_kit />
            <Suspense fallback=|| ()>
                {move || duplicates.get().map(|r| match r {
                    Ok(list) if !list.is_empty() => view! {
                        <div class="notice" data-testid="duplicates">
                            <h3>{t!(i18n, orgs_duplicates_title)}</h3>
                            <p>{t!(i18n, orgs_duplicates_intro)}</p>
                            <ul class="card-list">
                                {list.into_iter().map(|d| {
                                    let why = match d.likeness.reason {
                                        MatchReason::RegistrationNumber => td_string!(i18n.get_locale(), orgs_same_registration_number),
                                        MatchReason::Name => td_string!(i18n.get_locale(), orgs_similar_name),
                                        MatchReason::NameAndAcronym => td_string!(i18n.get_locale(), orgs_similar_name_acronym),
                                    };
                                    let why = format!("{why} ({} %)", d.likeness.score);
                                    join_card(i18n, join, d.organisation, Some(why))
                                }).collect_view()}
                            </ul>
                        </div>
                    }.into_any(),
                    _ => ().into_any(),
                })}
            </Suspense>
            <ActionForm action=create attr:class="form" attr:id=create_kit.id on:submit=remember_submitted>
                <TextField name="legal_name" label=label!(i18n, field_legal_name) kit=create_kit max_chars=300 required=true />
                <TextField name="acronym" label=label!(i18n, field_acronym) kit=create_kit max_chars=30 />
                <CountryField name="country" label=label!(i18n, field_country) kit=create_kit required=true />
                <SelectField name="kind" label=label!(i18n, field_kind) kit=create_kit
                    options=kind_options(i18n, OrganisationKind::ALL.iter().copied()) required=true />
                <TextField name="email" label=label!(i18n, field_org_email) help=label!(i18n, help_org_email)
                    kit=create_kit input_type="email" />
                <TextField name="registration_number" label=label!(i18n, field_registration_number)
                    help=label!(i18n, help_registration_number) kit=create_kit max_chars=100 />
                <button type="submit" class="button">{t!(i18n, orgs_create_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let add = ServerAction::<AddMember>::new();
    let change = ServerAction::<ChangeMemberRole>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let leave = ServerAction::<LeaveOrganisation>::new();
    let decide = ServerAction::<DecideJoinRequest>::new();
    let status = ServerAction::<SetConsultativeStatus>::new();
    let office = ServerAction::<CreateOrganisation>::new();
    let profile = ServerAction::<UpdateOrganisationProfile>::new();
    let page = Resource::new(
        move || {
            (
                id.get(),
                add.version().get(),
                change.version().get(),
                remove.version().get(),
                decide.version().get(),
                status.version().get(),
                profile.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => organisation_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let members_errors = Signal::derive(move || {
        let mut all = crate::ui::forms::action_errors(change).get();
        all.extend(crate::ui::forms::action_errors(remove).get());
        all.extend(crate::ui::forms::action_errors(leave).get());
        all.extend(crate::ui::forms::action_errors(decide).get());
        all
    });
    let kits = OrgKits {
        add: FormKit::new("add-member", add),
        members: FormKit::with_errors("members", members_errors, None),
        status: FormKit::new("status", status),
        office: FormKit::new("office", office),
        profile: FormKit::new("profile", profile),
        files: FormKit::with_errors(
            "files",
            crate::ui::forms::errors_from_query(Some(crate::organisations::files::UPLOAD_PATH))
                .into(),
            None,
        ),
    };
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        if matches!(profile.value().try_get().flatten(), Some(Ok(_))) {
            return Some(saved_message(i18n, "profile"));
        }
        saved.get().map(|k| saved_message(i18n, &k))
    });
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || page.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(p) => organisation_view(i18n, p, OrgActions { add, change, remove, leave, decide, status, office, profile },
                    notice, kits),
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct OrgActions {
    add: ServerAction<AddMember>,
    change: ServerAction<ChangeMemberRole>,
    remove: ServerAction<RemoveMember>,
    leave: ServerAction<LeaveOrganisation>,
    decide: ServerAction<DecideJoinRequest>,
    status: ServerAction<SetConsultativeStatus>,
    office: ServerAction<CreateOrganisation>,
    profile: ServerAction<UpdateOrganisationProfile>,
}

/// The forms of the organisation page.
#[derive(Clone, Copy)]
struct OrgKits {
    add: FormKit,
    members: FormKit,
    status: FormKit,
    office: FormKit,
    profile: FormKit,
    files: FormKit,
}

fn organisation_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    p: OrganisationDetails,
    a: OrgActions,
    notice: Signal<Option<String>>,
    kits: OrgKits,
) -> AnyView {
    let org_id = p.summary.id;
    let manage = p.can_manage_members;
    let name = p.summary.legal_name.clone();
    let title = name.clone();
    let status_text = p
        .consultative_status
        .clone()
        .map(|s| {
            let l = i18n.get_locale();
            let label = consultative_status_label(l, &s);
            format!("{label} ({})", p.consultative_since.unwrap_or_default())
        })
        .unwrap_or_else(|| td_string!(i18n.get_locale(), status_none).to_string());
    view! {
        <Title text=title />
        <section>
            <h1>{name}</h1>
            <Notice text=notice />
            <dl class="facts">
                <dt>{t!(i18n, field_kind)}</dt><dd>{kind_label(i18n, p.summary.kind.as_str())}</dd>
                <dt>{t!(i18n, field_country)}</dt><dd>{country_name(i18n, p.summary.country.clone())}</dd>
                {p.summary.acronym.clone().map(|a| view! { <dt>{t!(i18n, field_acronym)}</dt><dd>{a}</dd> })}
                {p.summary.parent_name.clone().map(|h| view! { <dt>{t!(i18n, org_headquarters)}</dt><dd>{h}</dd> })}
                {p.email.clone().map(|e| view! { <dt>{t!(i18n, field_org_email)}</dt><dd>{e}</dd> })}
                <dt>{t!(i18n, org_consultative_status)}</dt><dd data-testid="consultative-status">{status_text}</dd>
                <dt>{t!(i18n, org_my_role)}</dt>
                <dd>{p.my_role.clone().map(|r| role_label(i18n, &r)).unwrap_or_else(|| "—".into())}</dd>
            </dl>
            // A partner's profile (the partners module's pages, by their address).
            {p.summary.kind.is_civil_society().then(|| view! {
                <p><a class="button button--secondary" href=format!("/partners/{}", p.summary.id)>{t!(i18n, org_partner_profile)}</a></p>
            })}

            {p.files.iter().find(|f| f.purpose == "logo").map(|f| view! {
                <img class="org-logo" src=format!("/files/{}", f.id) alt=format!("{} — logo", p.summary.legal_name) />
            })}
            {p.can_edit.then(|| profile_form(i18n, &p, a, kits.profile))}
            {(p.can_edit || !p.files.is_empty()).then(|| files_section(i18n, &p, kits.files))}

            <h2 id="members-title">{t!(i18n, org_members)}</h2>
            <ErrorSummary kit=kits.members />
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="members-title">
                <table class="table" data-testid="members">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, col_name)}</th>
                            <th scope="col">{t!(i18n, field_email)}</th>
                            <th scope="col">{t!(i18n, col_role)}</th>
                            {manage.then(|| view! { <th scope="col">{t!(i18n, col_actions)}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {p.members.into_iter().map(|m| {
                            let select_id = format!("role_{}", m.id);
                            let listed = m.status == "listed";
                            view! {
                                <tr>
                                    <td>{m.name.clone()} {listed.then(|| view! { " " <span class="badge">{t!(i18n, member_listed)}</span> })}</td>
                                    <td>{m.email.clone()}</td>
                                    <td>{role_label(i18n, m.role.as_str())}</td>
                                    {manage.then(|| view! {
                                        <td class="row-actions">
                                            <ActionForm action=a.change attr:class="inline-form">
                                                <input type="hidden" name="membership_id" value=m.id />
                                                <label for=select_id.clone() class="visually-hidden">{t!(i18n, col_role)}</label>
                                                <select id=select_id name="role">
                                                    {role_options(i18n).into_iter().map(|(v, l)| {
                                                        let sel = v == m.role.as_str();
                                                        view! { <option value=v selected=sel>{l}</option> }
                                                    }).collect_view()}
                                                </select>
                                                <button type="submit" class="button button--small">{t!(i18n, change_role)}</button>
                                            </ActionForm>
                                            <details class="confirm">
                                                <summary>{t!(i18n, remove)}</summary>
                                                <ActionForm action=a.remove attr:class="inline-form">
                                                    <input type="hidden" name="membership_id" value=m.id />
                                                    <p>{t!(i18n, remove_confirm)}</p>
                                                    <button type="submit" class="button button--small button--danger">{t!(i18n, remove_confirm_button)}</button>
                                                </ActionForm>
                                            </details>
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {p.my_role.is_some().then(|| view! {
                <details class="confirm">
                    <summary>{t!(i18n, org_leave)}</summary>
                    <ActionForm action=a.leave attr:class="inline-form">
                        <input type="hidden" name="organisation_id" value=org_id />
                        <p>{t!(i18n, org_leave_confirm)}</p>
                        <button type="submit" class="button button--small button--danger">{t!(i18n, org_leave)}</button>
                    </ActionForm>
                </details>
            })}

            {manage.then(|| view! {
                <h2 id="join-requests">{t!(i18n, org_join_requests)}</h2>
                {if p.join_requests.is_empty() {
                    view! { <p class="empty-state">{t!(i18n, org_no_join_requests)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list" data-testid="join-requests">
                            {p.join_requests.into_iter().map(|j| {
                                let select_id = format!("join_role_{}", j.id);
                                view! {
                                    <li class="card">
                                        <p><strong>{j.name}</strong> " · " {j.email}</p>
                                        {(!j.message.is_empty()).then(|| view! { <blockquote>{j.message}</blockquote> })}
                                        <ActionForm action=a.decide attr:class="inline-form">
                                            <input type="hidden" name="request_id" value=j.id />
                                            <label for=select_id.clone()>{t!(i18n, col_role)}</label>
                                            <select id=select_id name="role">
                                                {role_options(i18n).into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                                            </select>
                                            <button type="submit" name="decision" value="approve" class="button button--small">{t!(i18n, approve)}</button>
                                            <button type="submit" name="decision" value="decline" class="button button--small button--secondary">{t!(i18n, decline)}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}

                <h2>{t!(i18n, org_add_member)}</h2>
                <p>{t!(i18n, org_add_member_intro)}</p>
                <ErrorSummary kit=kits.add />
                <ActionForm action=a.add attr:class="form" attr:id=kits.add.id>
                    <input type="hidden" name="organisation_id" value=org_id />
                    <TextField name="name" label=label!(i18n, col_name) kit=kits.add max_chars=100 required=true />
                    <TextField name="email" label=label!(i18n, field_email) kit=kits.add input_type="email" required=true />
                    <SelectField name="role" label=label!(i18n, col_role) kit=kits.add options=role_options(i18n) required=true />
                    <button type="submit" class="button">{t!(i18n, org_add_member_submit)}</button>
                </ActionForm>
            })}

            {(!p.offices.is_empty() || p.can_add_office).then(|| view! {
                <h2>{t!(i18n, org_offices)}</h2>
                <ul>
                    {p.offices.into_iter().map(|(id, name, country)| view! {
                        <li><A href=format!("/organisations/{id}")>{name}</A> " · " {country}</li>
                    }).collect_view()}
                </ul>
            })}
            {p.can_add_office.then(|| view! {
                <h3>{t!(i18n, org_add_office)}</h3>
                <ErrorSummary kit=kits.office />
                <ActionForm action=a.office attr:class="form" attr:id=kits.office.id>
                    <input type="hidden" name="parent_id" value=org_id />
                    <input type="hidden" name="kind" value=p.summary.kind.as_str() />
                    <TextField name="legal_name" label=label!(i18n, field_legal_name) kit=kits.office max_chars=300 required=true />
                    <CountryField name="country" label=label!(i18n, field_country) kit=kits.office required=true />
                    <TextField name="email" label=label!(i18n, field_org_email) kit=kits.office input_type="email" />
                    <button type="submit" class="button">{t!(i18n, org_add_office_submit)}</button>
                </ActionForm>
            })}

            {p.can_set_status.then(|| view! {
                <h2>{t!(i18n, org_consultative_status)}</h2>
                <ErrorSummary kit=kits.status />
                <ActionForm action=a.status attr:class="form form--inline" attr:id=kits.status.id>
                    <input type="hidden" name="organisation_id" value=org_id />
                    <SelectField name="status" label=label!(i18n, org_consultative_status) kit=kits.status
                        options=vec![
                            ("none".into(), td_string!(i18n.get_locale(), status_none).to_string()),
                            ("general".into(), td_string!(i18n.get_locale(), status_general).to_string()),
                            ("special".into(), td_string!(i18n.get_locale(), status_special).to_string()),
                            ("roster".into(), td_string!(i18n.get_locale(), status_roster).to_string()),
                        ]
                        selected=p.consultative_status.clone().unwrap_or_else(|| "none".into()) />
                    <TextField name="year" label=label!(i18n, field_year_granted) kit=kits.status max_chars=4 inputmode="numeric"
                        value=p.consultative_since.map(|y| y.to_string()).unwrap_or_default() />
                    <button type="submit" class="button">{t!(i18n, save)}</button>
                </ActionForm>
            })}

            <History events=p.history />
        </section>
    }
    .into_any()
}

/// An organisation one may ask to join (an administrator's address is asked: it proves one
/// knows the organisation, and says nothing of its members to those who do not), with why it
/// was found when it is a likely duplicate.
fn join_card(
    i18n: leptos_i18n::I18nContext<Locale>,
    join: ServerAction<RequestToJoin>,
    o: super::api::OrganisationSummary,
    why: Option<String>,
) -> impl IntoView {
    let field_id = format!("admin_email_{}", o.id);
    let message_id = format!("message_{}", o.id);
    view! {
        <li class="card">
            <p><strong>{o.legal_name.clone()}</strong>
                {o.acronym.map(|a| format!(" ({a})"))} " · " {country_name(i18n, o.country)} " · " {kind_label(i18n, o.kind.as_str())}
                {o.parent_name.map(|p| format!(" · {p}"))}
            </p>
            {why.map(|w| view! { <p class="muted">{w}</p> })}
            <ActionForm action=join attr:class="form">
                <input type="hidden" name="organisation_id" value=o.id />
                <div class="field">
                    <label for=field_id.clone()>{t!(i18n, field_admin_email)}</label>
                    <input id=field_id name="admin_email" type="email" required maxlength="254" />
                </div>
                <div class="field">
                    <label for=message_id.clone()>{t!(i18n, field_message)}</label>
                    <textarea id=message_id name="message" rows="2" maxlength="1000"></textarea>
                </div>
                <button type="submit" class="button">{t!(i18n, orgs_send_request)}</button>
            </ActionForm>
        </li>
    }
}

/// The profile form (administrators and editors), with drafts and live checks.
fn profile_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    p: &OrganisationDetails,
    a: OrgActions,
    kit: FormKit,
) -> impl IntoView + use<> {
    let org_id = p.summary.id;
    let record = p.profile.clone();
    let value = {
        let record = record.clone();
        move |name: &str| record.get(name).cloned().unwrap_or_default()
    };
    let (owner, version) = (p.viewer_id.to_string(), p.version);
    let extended = crate::organisations::domain::asks_extended_profile(p.summary.kind);
    {
        let kind = p.summary.kind;
        let _ = kit.rules(move |f| {
            crate::organisations::domain::profile_errors(f, kind, crate::ui::format::today())
        });
    }
    let sectors: Vec<(String, String)> = crate::organisations::domain::SECTORS
        .iter()
        .map(|s| (s.to_string(), sector_label(i18n, s)))
        .collect();
    let submitted =
        Signal::derive(move || matches!(a.profile.value().try_get().flatten(), Some(Ok(_))));
    let today = crate::ui::format::today().to_string();
    view! {
        <h2>{t!(i18n, org_profile)}</h2>
        <ErrorSummary kit />
        <ActionForm action=a.profile attr:class="form" attr:id=kit.id>
            <input type="hidden" name="organisation_id" value=org_id />
            <DraftKeeper form=crate::organisations::drafts::PROFILE record_key=org_id.to_string()
                owner form_id=kit.id record version submitted />
            <TextField kit name="legal_name" label=label!(i18n, field_legal_name)
                max_chars=300 required=true value=value("legal_name") />
            <TextField kit name="acronym" label=label!(i18n, field_acronym) max_chars=30 value=value("acronym") />
            <CountryField kit name="country" label=label!(i18n, field_country) required=true selected=value("country") />
            <TextField kit name="email" label=label!(i18n, field_org_email) input_type="email" value=value("email") />
            {if extended { Some(view! {
            <TextAreaField kit name="address" label=label!(i18n, field_address) max_chars=500 value=value("address") />
            <TextField kit name="website" label=label!(i18n, field_website) help=label!(i18n, help_website)
                inputmode="url" max_chars=300 value=value("website") />
            <NumberField kit name="year_established" label=label!(i18n, field_year_established) max_chars=4
                value=value("year_established") />
            <TextField kit name="registration_number" label=label!(i18n, field_registration_number) max_chars=100
                value=value("registration_number") />
            <DateField kit name="registration_date" label=label!(i18n, field_registration_date)
                max=today value=value("registration_date") />
            <MoneyField kit name="annual_budget" label=label!(i18n, field_annual_budget) currency="USD"
                help=label!(i18n, help_money) value=value("annual_budget") />
            <MultiChoiceField kit name="sectors" label=label!(i18n, field_sectors) options=sectors
                selected=value("sectors") />
            <TextAreaField kit name="mandate" label=label!(i18n, field_mandate) max_chars=4000 rows=6 value=value("mandate") />
            <YesNoField kit name="women_led" label=label!(i18n, field_women_led) value=value("women_led") />
            <YesNoField kit name="youth_led" label=label!(i18n, field_youth_led) value=value("youth_led") />
            <YesNoField kit name="indigenous_led" label=label!(i18n, field_indigenous_led) value=value("indigenous_led") />
            <YesNoField kit name="refugee_led" label=label!(i18n, field_refugee_led) value=value("refugee_led") />
            }) } else { None }}
            {(!extended).then(|| view! {
                <p class="muted" data-testid="profile-elsewhere">{t!(i18n, org_profile_in_partner_sections)}
                    " " <a href=format!("/partners/{org_id}")>{t!(i18n, org_partner_sections_link)}</a></p>
            })}
            <button type="submit" class="button">{t!(i18n, save)}</button>
        </ActionForm>
    }
}

/// The organisation's files: the current ones, and (for editors) the upload form, which posts
/// as a plain multipart form with or without JavaScript.
fn files_section(
    i18n: leptos_i18n::I18nContext<Locale>,
    p: &OrganisationDetails,
    kit: FormKit,
) -> impl IntoView + use<> {
    use crate::uploads::domain::{FileKind, MAX_DOCUMENT_BYTES, MAX_PHOTO_BYTES};
    let files = p.files.clone();
    let can_edit = p.can_edit;
    let org_id = p.summary.id;
    view! {
        <h2 id="files-title">{t!(i18n, org_files)}</h2>
        {if files.is_empty() {
            view! { <p class="empty-state">{t!(i18n, org_no_files)}</p> }.into_any()
        } else {
            view! {
                <ul data-testid="files">
                    {files.into_iter().map(|f| {
                        let what = if f.purpose == "logo" { label!(i18n, field_logo) } else { label!(i18n, field_certificate) };
                        view! {
                            <li>
                                {move || what.get()} " : "
                                <a href=format!("/files/{}", f.id)>{f.file_name.clone()}</a>
                                " (" {format!("{:.1}", f.size_bytes as f64 / 1_048_576.0)} " MB, " {crate::ui::format::utc_minute(f.uploaded_at)} ")"
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {can_edit.then(|| view! {
            <ErrorSummary kit />
            <form id=kit.id class="form" method="post" enctype="multipart/form-data"
                action=crate::organisations::files::UPLOAD_PATH>
                <input type="hidden" name="organisation_id" value=org_id />
                <FileField kit name="logo" label=label!(i18n, field_logo) help=label!(i18n, help_logo)
                    accept=FileKind::Photo.accept() max_bytes=MAX_PHOTO_BYTES />
                <FileField kit name="certificate" label=label!(i18n, field_certificate) help=label!(i18n, help_certificate)
                    accept=FileKind::Document.accept() max_bytes=MAX_DOCUMENT_BYTES />
                <button type="submit" class="button">{t!(i18n, upload)}</button>
            </form>
        })}
    }
}

/// A sector's name in the page's language (an unknown code shows as itself).
pub fn sector_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    let l = i18n.get_locale();
    use crate::organisations::domain::Sector as S;
    let Some(sector) = S::parse(code) else {
        return code.to_string();
    };
    match sector {
        S::Health => td_string!(l, sector.health),
        S::Education => td_string!(l, sector.education),
        S::WaterSanitation => td_string!(l, sector.water_sanitation),
        S::FoodSecurity => td_string!(l, sector.food_security),
        S::Protection => td_string!(l, sector.protection),
        S::GenderEquality => td_string!(l, sector.gender_equality),
        S::ClimateEnvironment => td_string!(l, sector.climate_environment),
        S::Governance => td_string!(l, sector.governance),
        S::Livelihoods => td_string!(l, sector.livelihoods),
        S::HumanitarianAid => td_string!(l, sector.humanitarian_aid),
    }
    .to_string()
}
