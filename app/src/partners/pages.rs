//! The partner space's pages: the profile (`/partners/:id`: completeness per section, what is
//! missing as links to its fields, the agencies' spending tables, the officer's partner code),
//! a section's form (`/partners/:id/:section`: form kit, drafts, live checks, documents), and
//! the agency page (`/agency`: the spending import).
use super::api::{
    ChangeFlag, FlagPartner, LinkPartnerCode, ProfileView, SavePartnerSection, VerifyPartner,
    partner_profile,
};
use crate::AppError;
use crate::drafts::keeper::DraftKeeper;
use crate::i18n::*;
use crate::label;
use crate::partners::domain::profile::{FieldSpec, Kind, Section, parse_section, section_fields};
use crate::partners::domain::verification::{FlagCategory, FlagLevel, Question};
use crate::partners::labels::{field_label, option_label, section_label};
use crate::partners::labels::{question_label, verification_code};
use crate::partners::support::pages::AskForHelpLink;
use crate::ui::errors::error_notice;
use crate::ui::forms::{
    CheckboxField, CountriesField, DateField, ErrorSummary, FileField, FormKit, MultiChoiceField,
    Notice, NumberField, SelectField, TextAreaField, TextField, YesNoField, query_param,
};
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The id of the section form (its fields' ids are `pp-<name>`: the missing fields' links).
const FORM_ID: &str = "pp";

fn field_href(id: i64, section: Section, field: &str) -> String {
    format!("/partners/{id}/{}#{FORM_ID}-{field}", section.as_str())
}

/// A field's label as a signal of the page's language.
fn label_of(i18n: leptos_i18n::I18nContext<Locale>, name: &'static str) -> Signal<String> {
    Signal::derive(move || {
        field_label(i18n.get_locale(), name)
            .unwrap_or(name)
            .to_string()
    })
}

/// An amount in USD cents as the page's language writes it ($38,758 · 38 758 $ · 38.758 US$).
pub fn usd(l: Locale, minor: i64) -> String {
    let (whole, cents) = (minor / 100, minor % 100);
    let digits = whole.to_string();
    let group = |sep: &str, min_len: usize| {
        if digits.len() < min_len {
            return digits.clone();
        }
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    };
    match l {
        Locale::en => match cents {
            0 => format!("${}", group(",", 4)),
            c => format!("${}.{c:02}", group(",", 4)),
        },
        Locale::fr => match cents {
            0 => format!("{}\u{a0}$", group("\u{202f}", 4)),
            c => format!("{},{c:02}\u{a0}$", group("\u{202f}", 4)),
        },
        Locale::es => match cents {
            0 => format!("{}\u{a0}US$", group(".", 5)),
            c => format!("{},{c:02}\u{a0}US$", group(".", 5)),
        },
    }
}

fn profile_id() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()))
}

#[component]
pub fn PartnerProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = profile_id();
    let link = ServerAction::<LinkPartnerCode>::new();
    let link_kit = FormKit::new("link", link);
    let acts = AgencyActions {
        verify: ServerAction::<VerifyPartner>::new(),
        flag: ServerAction::<FlagPartner>::new(),
        change: ServerAction::<ChangeFlag>::new(),
    };
    let kits = AgencyKits {
        verify: FormKit::new("verify", acts.verify),
        flag: FormKit::new("flag", acts.flag),
        change: FormKit::new("change-flag", acts.change),
    };
    let page = Resource::new(
        move || {
            (
                id.get(),
                link.version().get(),
                acts.verify.version().get(),
                acts.flag.version().get(),
                acts.change.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => partner_profile(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        if matches!(link.value().try_get().flatten(), Some(Ok(_))) {
            return Some(td_string!(l, partners.code_linked).to_string());
        }
        if matches!(acts.verify.value().try_get().flatten(), Some(Ok(_))) {
            return Some(td_string!(l, partners.saved_verification).to_string());
        }
        if matches!(acts.flag.value().try_get().flatten(), Some(Ok(_)))
            || matches!(acts.change.value().try_get().flatten(), Some(Ok(_)))
        {
            return Some(td_string!(l, partners.saved_flag).to_string());
        }
        saved.get().map(|k| match k.as_str() {
            "code" => td_string!(l, partners.code_linked).to_string(),
            "verification" => td_string!(l, partners.saved_verification).to_string(),
            "flag" => td_string!(l, partners.saved_flag).to_string(),
            "files" => td_string!(l, saved_generic).to_string(),
            _ => td_string!(l, partners.section_saved).to_string(),
        })
    });
    view! {
        <PageTitle text=|l| td_string!(l, partners.profile_title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || page.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(p) => profile_view(i18n, p, notice, link, link_kit, acts, kits).into_any(),
            })}
        </Suspense>
    }
}

/// The flags a profile states (women-, youth-, indigenous-, refugee-led), as badges.
fn flag_badges(i18n: leptos_i18n::I18nContext<Locale>, p: &ProfileView) -> impl IntoView + use<> {
    let flags: Vec<&'static str> = ["women_led", "youth_led", "indigenous_led", "refugee_led"]
        .into_iter()
        .filter(|f| p.answers.get(*f).map(String::as_str) == Some("yes"))
        .collect();
    (!flags.is_empty()).then(|| {
        view! {
            <ul class="tag-list" aria-label=move || td_string!(i18n.get_locale(), partners.flags)>
                {flags.into_iter().map(|f| view! { <li class="tag">{label_of(i18n, f)}</li> }).collect_view()}
            </ul>
        }
    })
}

#[derive(Clone, Copy)]
struct AgencyActions {
    verify: ServerAction<VerifyPartner>,
    flag: ServerAction<FlagPartner>,
    change: ServerAction<ChangeFlag>,
}

#[derive(Clone, Copy)]
struct AgencyKits {
    verify: FormKit,
    flag: FormKit,
    change: FormKit,
}

fn profile_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    p: ProfileView,
    notice: Signal<Option<String>>,
    link: ServerAction<LinkPartnerCode>,
    link_kit: FormKit,
    acts: AgencyActions,
    kits: AgencyKits,
) -> impl IntoView + use<> {
    let id = p.id;
    let percent = p.completeness.percent;
    let complete = p.completeness.is_complete();
    let title = match &p.acronym {
        Some(a) => format!("{} ({a})", p.legal_name),
        None => p.legal_name.clone(),
    };
    let country = crate::ui::forms::country_name(i18n, p.country.clone());
    let sections = p.completeness.sections.clone();
    // What a country office lacks from its headquarters is completed there.
    let (inherited, hq) = (p.inherited.clone(), p.parent.as_ref().map(|(hq, _)| *hq));
    let where_to_fill = move |f: &str| match hq {
        Some(hq) if inherited.iter().any(|n| n == f) => hq,
        _ => id,
    };
    let agencies = p.agencies.clone();
    let my_agencies = p.my_agencies.clone();
    let link_options = agency_options(&p.my_agencies);
    view! {
        <section aria-labelledby="profile-title">
            <h1 id="profile-title">{title}</h1>
            {p.is_member.then(|| view! { <AskForHelpLink organisation_id=p.id /> })}
            <p class="muted">{country}
                {p.parent.clone().map(|(pid, name)| view! {
                    " · " {t!(i18n, partners.office_of)} " " <a href=format!("/partners/{pid}")>{name}</a>
                })}
                " · " <a href=format!("/organisations/{id}")>{t!(i18n, partners.organisation_page)}</a>
            </p>
            {flag_badges(i18n, &p)}
            <Notice text=notice />
            <h2 id="completeness-title">{t!(i18n, partners.completeness)}</h2>
            <p>
                <progress max="100" value=percent aria-labelledby="completeness-title"></progress>
                " " <strong data-testid="completeness">{percent} {t!(i18n, partners.percent_complete)}</strong>
            </p>
            <p>{if complete { t!(i18n, partners.profile_complete).into_any() } else { t!(i18n, partners.profile_incomplete).into_any() }}</p>
            <ul class="section-list" data-testid="sections">
                {sections.into_iter().map(|(s, missing)| {
                    let href = format!("/partners/{id}/{}", s.as_str());
                    let done = missing.is_empty();
                    view! {
                        <li class="section-list__item" data-section=s.as_str()>
                            <a class="section-list__name" href=href>{move || section_label(i18n.get_locale(), s)}</a>
                            {if done {
                                view! { <span class="status status--ok">{t!(i18n, partners.complete)}</span> }.into_any()
                            } else {
                                view! {
                                    <span class="status status--missing">{t!(i18n, partners.missing)}</span>
                                    <ul class="inline-list">
                                        {missing.into_iter().map(|f| {
                                            let href = field_href(where_to_fill(&f), s, &f);
                                            let text = field_label(i18n.get_locale(), &f).unwrap_or("").to_string();
                                            view! { <li><a href=href>{text}</a></li> }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p><a class="button button--secondary" href=format!("/partners/{id}/psea")>{t!(i18n, psea.link)}</a></p>
            <h2 id="spending-title">{t!(i18n, partners.spending_title)}</h2>
            {if agencies.is_empty() {
                view! { <p class="empty-state">{t!(i18n, partners.no_partner_code)}</p> }.into_any()
            } else {
                agencies.into_iter().map(|a| spending_view(i18n, a)).collect_view().into_any()
            }}
            {verification_view(i18n, &p, acts, kits)}
            {(!my_agencies.is_empty()).then(|| {
                let (options, only) = link_options;
                view! {
                    <h2>{t!(i18n, partners.link_title)}</h2>
                    <ErrorSummary kit=link_kit />
                    <ActionForm action=link attr:class="form" attr:id=link_kit.id>
                        <input type="hidden" name="organisation_id" value=id />
                        <SelectField kit=link_kit name="agency" label=label!(i18n, partners.agency) options required=true selected=only />
                        <TextField kit=link_kit name="code" label=label!(i18n, partners.partner_code) help=label!(i18n, partners.link_help)
                            max_chars=crate::partners::domain::agencies::PARTNER_CODE_MAX required=true />
                        <button type="submit" class="button">{t!(i18n, partners.link_submit)}</button>
                    </ActionForm>
                }
            })}
        </section>
    }
}

/// The viewer's agencies as a select's options, the only one chosen at render.
pub fn agency_options(
    agencies: &[crate::partners::domain::agencies::Agency],
) -> (Vec<(String, String)>, String) {
    let options = agencies
        .iter()
        .map(|a| (a.as_str().to_string(), a.name()))
        .collect();
    let only = match agencies {
        [one] => one.as_str().to_string(),
        _ => String::new(),
    };
    (options, only)
}

/// The verification that stands; for agency officers, the verification form and the flags.
fn verification_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    p: &ProfileView,
    acts: AgencyActions,
    kits: AgencyKits,
) -> impl IntoView + use<> {
    let id = p.id;
    let state = match &p.verification {
        None => view! { <p data-testid="verification">{t!(i18n, partners.never_verified)}</p> }
            .into_any(),
        Some(v) => {
            let (class, words) = if v.verified {
                ("status status--ok", label!(i18n, partners.verified_by))
            } else {
                (
                    "status status--missing",
                    label!(i18n, partners.not_verified_by),
                )
            };
            let (agency, at) = (v.agency.name(), crate::ui::format::utc_minute(v.at));
            view! {
                <p data-testid="verification"><span class=class>{words}</span> " " {agency} " " {t!(i18n, partners.on_date)} " " {at}</p>
            }.into_any()
        }
    };
    let officer = !p.my_agencies.is_empty();
    let (agencies, only) = agency_options(&p.my_agencies);
    let flags = p.flags.clone();
    let can_see_flags = p.can_see_flags;
    let level_options: Vec<(String, String)> = FlagLevel::ALL
        .iter()
        .filter(|l| l.may_be_raised())
        .map(|l| {
            (
                l.as_str().to_string(),
                verification_code(i18n.get_locale(), l.as_str())
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    let category_options: Vec<(String, String)> = FlagCategory::ALL
        .iter()
        .map(|c| {
            (
                c.as_str().to_string(),
                verification_code(i18n.get_locale(), c.as_str())
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    view! {
        <h2>{t!(i18n, partners.verification_title)}</h2>
        {state}
        {officer.then(|| {
            let (agencies, only) = (agencies.clone(), only.clone());
            view! {
                <details class="panel">
                    <summary>{t!(i18n, partners.verify_title)}</summary>
                    <p class="muted">{t!(i18n, partners.verify_help)}</p>
                    <ErrorSummary kit=kits.verify />
                    <ActionForm action=acts.verify attr:class="form" attr:id=kits.verify.id>
                        <input type="hidden" name="organisation_id" value=id />
                        <SelectField kit=kits.verify name="agency" label=label!(i18n, partners.agency) options=agencies required=true selected=only />
                        {Question::ALL.iter().map(|q| {
                            let q = *q;
                            let label = Signal::derive(move || question_label(i18n.get_locale(), q).to_string());
                            view! { <YesNoField kit=kits.verify name=q.as_str() label required=true /> }
                        }).collect_view()}
                        <TextAreaField kit=kits.verify name="comment" label=label!(i18n, partners.comment) max_chars=crate::partners::domain::verification::COMMENT_MAX />
                        <button type="submit" class="button">{t!(i18n, partners.verify_submit)}</button>
                    </ActionForm>
                </details>
            }
        })}
        {can_see_flags.then(|| view! {
            <h2>{t!(i18n, partners.flags_title)}</h2>
            <p class="muted">{t!(i18n, partners.red_blocks)}</p>
            <ErrorSummary kit=kits.change />
            {if flags.is_empty() {
                view! { <p class="empty-state">{t!(i18n, partners.no_flags)}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list" data-testid="flags">
                        {flags.into_iter().map(|f| {
                            let l = i18n.get_locale();
                            let level = verification_code(l, f.level.as_str()).unwrap_or("");
                            let category = verification_code(l, f.category.as_str()).unwrap_or("");
                            let moves: Vec<(FlagLevel, &'static str)> = if f.can_change {
                                FlagLevel::ALL.iter().copied().filter(|to| f.level.can_transition_to(*to)).map(|to| (to, match to {
                                    FlagLevel::Escalated => td_string!(l, partners.escalate),
                                    FlagLevel::Red => td_string!(l, partners.confirm_red),
                                    _ => td_string!(l, partners.lower_yellow),
                                })).collect()
                            } else { vec![] };
                            view! {
                                <li class="card" data-level=f.level.as_str()>
                                    <p><strong>{level}</strong> " · " {category} " · " {f.agency.name()} " · " {crate::ui::format::utc_minute(f.raised_at)}</p>
                                    <p>{f.comment.clone()}</p>
                                    {moves.into_iter().map(|(to, words)| view! {
                                        <ActionForm action=acts.change attr:class="inline-form">
                                            <input type="hidden" name="flag_id" value=f.id />
                                            <input type="hidden" name="level" value=to.as_str() />
                                            <button type="submit" class="button button--small">{words}</button>
                                        </ActionForm>
                                    }).collect_view()}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        })}
        {officer.then(|| view! {
            <details class="panel">
                <summary>{t!(i18n, partners.flag_title)}</summary>
                <ErrorSummary kit=kits.flag />
                <ActionForm action=acts.flag attr:class="form" attr:id=kits.flag.id>
                    <input type="hidden" name="organisation_id" value=id />
                    <SelectField kit=kits.flag name="agency" label=label!(i18n, partners.agency) options=agencies required=true selected=only />
                    <SelectField kit=kits.flag name="level" label=label!(i18n, partners.level) options=level_options required=true />
                    <SelectField kit=kits.flag name="category" label=label!(i18n, partners.category) options=category_options required=true />
                    <TextAreaField kit=kits.flag name="comment" label=label!(i18n, partners.comment) required=true
                        max_chars=crate::partners::domain::verification::COMMENT_MAX />
                    <button type="submit" class="button">{t!(i18n, partners.flag_submit)}</button>
                </ActionForm>
            </details>
        })}
    }
}

/// One agency's spending table: a column per year and the total (or why there is none).
fn spending_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    a: super::api::AgencyView,
) -> impl IntoView + use<> {
    let name = a.agency.name();
    let table_id = format!("spending-{}", a.agency.as_str());
    let body = match (&a.code, a.spending.years.is_empty()) {
        (None, _) => view! { <p class="muted">{t!(i18n, partners.no_partner_code)}</p> }.into_any(),
        (Some(_), true) => {
            view! { <p class="muted">{t!(i18n, partners.no_spending)}</p> }.into_any()
        }
        (Some(_), false) => {
            let years = a.spending.years.clone();
            let total = a.spending.total_minor;
            let cells = years.clone();
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby=table_id.clone()>
                    <table class="table" data-testid=table_id.clone()>
                        <thead>
                            <tr>
                                {years.into_iter().map(|(y, _)| view! { <th scope="col" class="number">{y}</th> }).collect_view()}
                                <th scope="col" class="number">{t!(i18n, partners.total)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <tr>
                                {cells.into_iter().map(|(_, amount)| view! {
                                    <td class="number">{move || amount.map(|m| usd(i18n.get_locale(), m)).unwrap_or_default()}</td>
                                }).collect_view()}
                                <td class="number"><strong>{move || usd(i18n.get_locale(), total)}</strong></td>
                            </tr>
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }
    };
    view! {
        <h3 id=table_id.clone()>{name}
            {a.code.clone().map(|c| view! { " · " {t!(i18n, partners.partner_code)} " " <code>{c}</code> })}
        </h3>
        {body}
    }
}

#[component]
pub fn PartnerSectionPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = profile_id();
    let params = use_params_map();
    let section = Memo::new(move |_| {
        params
            .read()
            .get("section")
            .and_then(|s| Section::parse(&s))
    });
    let save = ServerAction::<SavePartnerSection>::new();
    let kit = FormKit::new(FORM_ID, save);
    let files_kit = FormKit::with_errors(
        "documents",
        crate::ui::forms::errors_from_query(Some(crate::partners::files::UPLOAD_PATH)).into(),
        None,
    );
    let page = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => partner_profile(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <PageTitle text=move |l| match section.get_untracked() {
            Some(s) => format!("{} · {}", section_label(l, s), td_string!(l, partners.profile_title)),
            None => td_string!(l, partners.profile_title).to_string(),
        } />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || page.get().map(|r| match (r, section.get()) {
                (Err(e), _) => error_notice(i18n, e),
                (Ok(_), None) => error_notice(i18n, AppError::NotFound),
                (Ok(p), Some(s)) => section_view(i18n, p, s, save, kit, files_kit).into_any(),
            })}
        </Suspense>
    }
}

/// The options of a choice field, in the page's language.
pub(crate) fn options_of(
    i18n: leptos_i18n::I18nContext<Locale>,
    list: &'static [&'static str],
) -> Vec<(String, String)> {
    let l = i18n.get_locale();
    list.iter()
        .map(|c| {
            // By content: a `const` slice may have a different address at each use.
            let text = if list == crate::organisations::domain::SECTORS {
                crate::organisations::pages::sector_label(i18n, c)
            } else {
                option_label(l, c).unwrap_or(c).to_string()
            };
            (c.to_string(), text)
        })
        .collect()
}

/// One field of the section form, by its kind.
fn field_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    kit: FormKit,
    f: &'static FieldSpec,
    value: String,
    files: &[super::api::ProfileFile],
) -> AnyView {
    let name = f.name;
    let label = label_of(i18n, name);
    let required = f.required;
    let today = crate::ui::format::today().to_string();
    match f.kind {
        Kind::Line(max) => view! { <TextField kit name label max_chars=max required value /> }.into_any(),
        Kind::Text(max) => {
            let rows = if max > 1000 { 6 } else { 3 };
            view! { <TextAreaField kit name label max_chars=max required value rows /> }.into_any()
        }
        Kind::YesNo => view! { <YesNoField kit name label required value /> }.into_any(),
        Kind::Year => view! { <NumberField kit name label required value max_chars=4 /> }.into_any(),
        Kind::PastDate => view! { <DateField kit name label required value max=today /> }.into_any(),
        Kind::Email => view! { <TextField kit name label input_type="email" required value /> }.into_any(),
        Kind::Phone => view! { <TextField kit name label input_type="tel" max_chars=crate::fields::PHONE_MAX_CHARS required value /> }.into_any(),
        Kind::WebAddress => view! { <TextField kit name label inputmode="url" max_chars=300 required value /> }.into_any(),
        Kind::Choice(list) => {
            let options = options_of(i18n, list);
            view! { <SelectField kit name label options required selected=value /> }.into_any()
        }
        Kind::Choices(list) => {
            let options = options_of(i18n, list);
            view! { <MultiChoiceField kit name label options selected=value /> }.into_any()
        }
        Kind::Countries => view! { <CountriesField kit name label required selected=value /> }.into_any(),
        Kind::File => {
            let current = files.iter().find(|x| x.id.to_string() == value).cloned();
            view! {
                <div class="field" id=kit.field_id(name)>
                    <p class="field__label-text"><strong>{label}</strong></p>
                    {match current {
                        Some(file) => view! {
                            <p>{t!(i18n, partners.current_file)} " "
                                <a href=format!("/files/{}", file.id)>{file.file_name}</a></p>
                            <input type="hidden" name=name value=file.id />
                        }.into_any(),
                        None => view! { <p class="muted">{t!(i18n, partners.no_file)}</p> }.into_any(),
                    }}
                    <crate::ui::forms::FieldMessage kit field=name />
                </div>
            }
            .into_any()
        }
        Kind::Confirmation => {
            let confirmed = (!value.is_empty()).then(|| value.clone());
            view! {
                {confirmed.clone().map(|d| view! { <p class="muted">{t!(i18n, partners.confirm_data)} " " {d}</p> })}
                <CheckboxField kit name label checked=confirmed.is_some() />
            }
            .into_any()
        }
    }
}

fn section_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    p: ProfileView,
    section: Section,
    save: ServerAction<SavePartnerSection>,
    kit: FormKit,
    files_kit: FormKit,
) -> impl IntoView + use<> {
    let id = p.id;
    let record: crate::fields::Fields = p
        .answers
        .iter()
        .filter(|(k, _)| section_fields(section).any(|f| f.name == k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let _ = kit.rules(move |f| {
        parse_section(section, f, crate::ui::format::today())
            .err()
            .unwrap_or_default()
    });
    let submitted = Signal::derive(move || matches!(save.value().try_get().flatten(), Some(Ok(_))));
    let (owner, version) = (p.viewer_id.to_string(), p.version);
    let documents: Vec<&'static FieldSpec> = section_fields(section)
        .filter(|f| f.kind == Kind::File)
        .collect();
    let inherited = p.inherited.clone();
    let from_hq = |name: &str| inherited.iter().any(|n| n == name);
    let documents: Vec<&'static FieldSpec> =
        documents.into_iter().filter(|f| !from_hq(f.name)).collect();
    let fields: Vec<AnyView> = section_fields(section)
        .filter_map(|f| {
            if from_hq(f.name) {
                return inherited_view(
                    i18n,
                    f,
                    record.get(f.name).cloned(),
                    &p.files,
                    p.parent.clone(),
                );
            }
            let value = record
                .get(f.name)
                .or_else(|| p.suggested.get(f.name))
                .cloned()
                .unwrap_or_default();
            let view = field_view(i18n, kit, f, value, &p.files);
            match f.asked_if {
                // Shown once its question has this answer (CSS, so also without JavaScript).
                Some((q, yes)) => {
                    let when = format!("{q}={}", if yes { "yes" } else { "no" });
                    Some(view! { <div class="asked-if" data-when=when>{view}</div> }.into_any())
                }
                None => Some(view),
            }
        })
        .collect();
    let can_edit = p.can_edit;
    view! {
        <section aria-labelledby="section-title">
            <p><a href=format!("/partners/{id}")>{"← "}{t!(i18n, partners.back_to_profile)}</a></p>
            <h1 id="section-title">{move || section_label(i18n.get_locale(), section)}</h1>
            {p.is_member.then(|| view! { <AskForHelpLink organisation_id=id /> })}
            <p class="muted">{p.legal_name.clone()}</p>
            <nav class="tabs" aria-label=move || td_string!(i18n.get_locale(), partners.profile_title)>
                <ul>
                    {Section::ALL.iter().map(|s| {
                        let s = *s;
                        let current = (s == section).then_some("page");
                        view! { <li><a href=format!("/partners/{id}/{}", s.as_str()) aria-current=current>{move || section_label(i18n.get_locale(), s)}</a></li> }
                    }).collect_view()}
                </ul>
            </nav>
            {if can_edit {
                view! {
                    <ErrorSummary kit />
                    <ActionForm action=save attr:class="form" attr:id=kit.id attr:novalidate=true>
                        <input type="hidden" name="organisation_id" value=id />
                        <input type="hidden" name="section" value=section.as_str() />
                        // The record's version is the draft keeper's hidden field.
                        <DraftKeeper form=crate::partners::drafts::SECTION
                            record_key=crate::partners::drafts::record_key(id, section)
                            owner form_id=kit.id record version submitted />
                        {fields}
                        <button type="submit" class="button">{t!(i18n, partners.save_section)}</button>
                    </ActionForm>
                    {(!documents.is_empty()).then(|| documents_form(i18n, id, documents, files_kit))}
                }.into_any()
            } else {
                read_only(i18n, section, record, p.files.clone()).into_any()
            }}
        </section>
    }
}

/// The section's documents: one PDF per file field, posted as a plain multipart form.
fn documents_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    id: i64,
    documents: Vec<&'static FieldSpec>,
    kit: FormKit,
) -> impl IntoView + use<> {
    use crate::uploads::domain::{FileKind, MAX_DOCUMENT_BYTES};
    view! {
        <h2 id="documents-title">{t!(i18n, partners.documents_title)}</h2>
        <p class="muted">{t!(i18n, partners.documents_help)}</p>
        <ErrorSummary kit />
        <form id=kit.id class="form" method="post" enctype="multipart/form-data"
            action=crate::partners::files::UPLOAD_PATH>
            <input type="hidden" name="organisation_id" value=id />
            {documents.into_iter().filter_map(|f| {
                let purpose = crate::partners::files::purpose_of(f.name)?;
                Some(view! {
                    <FileField kit name=purpose.code() label=label_of(i18n, f.name)
                        accept=FileKind::Document.accept() max_bytes=MAX_DOCUMENT_BYTES />
                })
            }).collect_view()}
            <button type="submit" class="button">{t!(i18n, upload)}</button>
        </form>
    }
}

/// A section as its readers see it: each answered field.
fn read_only(
    i18n: leptos_i18n::I18nContext<Locale>,
    section: Section,
    record: crate::fields::Fields,
    files: Vec<super::api::ProfileFile>,
) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    view! {
        <dl class="facts">
            {section_fields(section).filter_map(|f| {
                let shown = shown_value(i18n, f, record.get(f.name)?.clone(), &files);
                Some(view! { <dt>{field_label(l, f.name).unwrap_or(f.name)}</dt><dd>{shown}</dd> })
            }).collect_view()}
        </dl>
    }
}

/// An answer in words: yes / no, the options' labels, country names, a file's name.
fn shown_value(
    i18n: leptos_i18n::I18nContext<Locale>,
    f: &FieldSpec,
    v: String,
    files: &[super::api::ProfileFile],
) -> String {
    let l = i18n.get_locale();
    match f.kind {
        Kind::YesNo => {
            if v == "yes" {
                td_string!(l, yes).to_string()
            } else {
                td_string!(l, no).to_string()
            }
        }
        Kind::Choice(list) | Kind::Choices(list) => v
            .split(',')
            .map(|c| {
                options_of(i18n, list)
                    .into_iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, t)| t)
                    .unwrap_or_else(|| c.to_string())
            })
            .collect::<Vec<_>>()
            .join(", "),
        Kind::Countries => v
            .split(',')
            .map(|c| crate::countries::name_of(c, l.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        Kind::File => files
            .iter()
            .find(|x| x.id.to_string() == v)
            .map(|x| x.file_name.clone())
            .unwrap_or_default(),
        _ => v,
    }
}

/// A field a country office takes from its headquarters: its answer there, not an input.
fn inherited_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    f: &FieldSpec,
    value: Option<String>,
    files: &[super::api::ProfileFile],
    headquarters: Option<(i64, String)>,
) -> Option<AnyView> {
    let l = i18n.get_locale();
    // A follow-up question the headquarters' answer does not ask: nothing to show.
    if value.is_none() && f.asked_if.is_some() {
        return None;
    }
    let shown = value
        .map(|v| shown_value(i18n, f, v, files))
        .unwrap_or_else(|| td_string!(l, partners.hq_not_stated).to_string());
    let hq = headquarters.map(|(id, name)| {
        view! {
            <a href=format!("/partners/{id}/{}", f.section.as_str())>{name}</a>
        }
    });
    Some(view! {
        <div class="field field--inherited" data-testid=format!("inherited-{}", f.name)>
            <p class="field__label"><strong>{field_label(l, f.name).unwrap_or(f.name)}</strong></p>
            <p>{shown}</p>
            <p class="muted">{t!(i18n, partners.hq_states)} " " {hq}</p>
        </div>
    }.into_any())
}

/// The agencies' dashboard: counts by completeness, verification and PSEA rating, and an SVG
/// bar chart of new profiles per month (with the same figures as a table for screen readers).
fn dashboard_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    d: super::api::DashboardView,
) -> impl IntoView + use<> {
    use crate::partners::domain::dashboard::CompletenessBand;
    let l = i18n.get_locale();
    let band_label = move |b: CompletenessBand| match b {
        CompletenessBand::Complete => td_string!(l, partners.d_complete),
        CompletenessBand::Half => td_string!(l, partners.d_half),
        CompletenessBand::Low => td_string!(l, partners.d_low),
    };
    let rows = |title: &'static str, testid: &'static str, items: Vec<(String, i64)>| {
        view! {
            <div class="dashboard__group">
                <table class="table" data-testid=testid>
                    <caption>{title}</caption>
                    <tbody>
                        {items.into_iter().map(|(label, n)| view! {
                            <tr><th scope="row">{label}</th><td>{n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    };
    let completeness = d
        .completeness
        .iter()
        .map(|(b, n)| (band_label(*b).to_string(), *n))
        .collect();
    let verification = vec![
        (td_string!(l, partners.d_verified).to_string(), d.verified),
        (
            td_string!(l, partners.d_not_verified).to_string(),
            d.not_verified,
        ),
        (
            td_string!(l, partners.d_never).to_string(),
            d.never_verified,
        ),
    ];
    let mut psea: Vec<(String, i64)> = d
        .psea
        .iter()
        .map(|(r, n)| (crate::partners::labels::rating_label(l, *r).to_string(), *n))
        .collect();
    psea.push((td_string!(l, partners.d_psea_none).to_string(), d.psea_none));
    let max = d.monthly.iter().map(|m| m.1).max().unwrap_or(0).max(1);
    let (w, h) = (480.0_f64, 120.0_f64);
    let bar = w / d.monthly.len().max(1) as f64;
    view! {
        <section class="dashboard" aria-labelledby="partners-dashboard-title">
            <h2 id="partners-dashboard-title">{t!(i18n, partners.dashboard_title)}</h2>
            <p data-testid="dashboard-total"><strong>{d.total}</strong> " " {t!(i18n, partners.d_total)}</p>
            <div class="dashboard__groups">
                {rows(td_string!(l, partners.d_by_completeness), "dashboard-completeness", completeness)}
                {rows(td_string!(l, partners.d_by_verification), "dashboard-verification", verification)}
                {rows(td_string!(l, partners.d_by_psea), "dashboard-psea", psea)}
            </div>
            <h3 id="profiles-chart-title">{t!(i18n, partners.d_chart)}</h3>
            <svg class="chart" viewBox=format!("0 0 {w} {}", h + 20.0) role="img" aria-labelledby="profiles-chart-title" data-testid="profiles-chart">
                {d.monthly.iter().enumerate().map(|(i, (month, n))| {
                    let bh = h * f64::from(*n) / f64::from(max);
                    let x = i as f64 * bar;
                    view! {
                        <g>
                            <title>{format!("{month}: {n}")}</title>
                            <rect x=format!("{:.1}", x + 2.0) y=format!("{:.1}", h - bh) width=format!("{:.1}", bar - 4.0)
                                height=format!("{:.1}", bh) class="chart__bar" />
                            <text x=format!("{:.1}", x + bar / 2.0) y=format!("{:.1}", h + 14.0) class="chart__label" text-anchor="middle">
                                {format!("{}/{}", &month[5..], &month[2..4])}
                            </text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <details>
                <summary>{t!(i18n, partners.d_chart_data)}</summary>
                <table class="table" data-testid="profiles-per-month">
                    <thead><tr><th scope="col">{t!(i18n, partners.d_month)}</th><th scope="col">{t!(i18n, partners.d_new)}</th></tr></thead>
                    <tbody>
                        {d.monthly.iter().map(|(month, n)| view! {
                            <tr><td>{month.clone()}</td><td>{*n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}

#[component]
pub fn AgencyPage() -> impl IntoView {
    let i18n = use_i18n();
    let posted = crate::ui::forms::errors_from_query(Some(super::api::IMPORT_PATH));
    // The file's and the form's problems at the top; the bad lines in a table.
    let form_errors = Signal::derive(move || {
        posted
            .get()
            .into_iter()
            .filter(|e| super::api::line_of_field(&e.field).is_none())
            .collect::<Vec<_>>()
    });
    let kit = FormKit::with_errors("import", form_errors, None);
    let lines = Memo::new(move |_| {
        posted
            .get()
            .into_iter()
            .filter_map(|e| super::api::line_of_field(&e.field).map(|n| (n, e.code)))
            .collect::<Vec<_>>()
    });
    let agencies: Vec<(String, String)> = crate::partners::domain::agencies::Agency::ALL
        .iter()
        .map(|a| (a.as_str().to_string(), a.name()))
        .collect();
    let applied = query_param("rows");
    let dashboard = Resource::new(|| (), |_| super::api::agency_dashboard());
    view! {
        <PageTitle text=|l| td_string!(l, partners.agency_title).to_string() />
        <section aria-labelledby="agency-title">
            <h1 id="agency-title">{t!(i18n, partners.agency_title)}</h1>
            <p><a href="/agency/partners">{t!(i18n, partners.search_title)}</a></p>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || dashboard.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(d) => dashboard_view(i18n, d).into_any(),
                })}
            </Suspense>
            {move || applied.get().map(|n| view! {
                <p class="notice" role="status" data-testid="import-applied">{t!(i18n, partners.import_applied)} " " {n}</p>
            })}
            <h2 id="import-title">{t!(i18n, partners.import_title)}</h2>
            <p class="muted">{t!(i18n, partners.import_help)}</p>
            <ErrorSummary kit />
            {move || {
                let lines = lines.get();
                (!lines.is_empty()).then(|| view! {
                    <div class="error-summary" role="alert" tabindex="-1">
                        <h3 class="error-summary__title">{t!(i18n, partners.import_refused)}</h3>
                        <div class="table-wrap">
                            <table class="table" data-testid="import-errors">
                                <thead><tr><th scope="col">{t!(i18n, partners.line)}</th><th scope="col">{t!(i18n, col_reason)}</th></tr></thead>
                                <tbody>
                                    {lines.into_iter().map(|(n, code)| view! {
                                        <tr><td>{n}</td><td>{crate::ui::forms::error_message(i18n, &code)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </div>
                })
            }}
            <form id=kit.id class="form" method="post" enctype="multipart/form-data" action=super::api::IMPORT_PATH>
                <SelectField kit name="agency" label=label!(i18n, partners.agency) options=agencies required=true />
                // Not the kit's file field: Excel's CSV comes with several declared types (or
                // none); the server reads the content.
                <div class="field field--file">
                    <label for="import-file">{t!(i18n, partners.import_file)}
                        <span class="field__required" aria-hidden="true">" *"</span></label>
                    <input id="import-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" required=true
                        aria-describedby="import-file-error" />
                    <crate::ui::forms::FieldMessage kit field="file" />
                </div>
                <button type="submit" class="button">{t!(i18n, partners.import_submit)}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partners::domain::profile::FIELDS;

    #[test]
    fn every_question_asked_after_an_answer_has_its_css_rule() {
        let css = include_str!("../../../style/main.css");
        for f in FIELDS {
            if let Some((q, yes)) = f.asked_if {
                let answer = if yes { "yes" } else { "no" };
                let rule = format!(
                    "form:not(:has(input[name=\"{q}\"][value=\"{answer}\"]:checked)) [data-when=\"{q}={answer}\"]"
                );
                assert!(css.contains(&rule), "{}: {rule}", f.name);
            }
        }
    }

    #[test]
    fn every_field_choice_and_section_has_its_words_in_each_language() {
        for l in Locale::get_all() {
            for f in FIELDS {
                assert!(
                    field_label(*l, f.name).is_some_and(|t| !t.is_empty()),
                    "{} {l:?}",
                    f.name
                );
                if let Kind::Choice(list) | Kind::Choices(list) = f.kind
                    && !std::ptr::eq(list, crate::organisations::domain::SECTORS)
                {
                    for c in list {
                        assert!(option_label(*l, c).is_some(), "{c} {l:?}");
                    }
                }
            }
            for s in Section::ALL {
                assert!(!section_label(*l, *s).is_empty());
            }
        }
        assert_eq!(field_label(Locale::en, "nothing"), None);
    }

    #[test]
    fn dollars_are_written_as_each_language_writes_them() {
        assert_eq!(usd(Locale::en, 33_950_900), "$339,509");
        assert_eq!(usd(Locale::en, 3_875_850), "$38,758.50");
        assert_eq!(usd(Locale::en, 99_900), "$999");
        assert_eq!(usd(Locale::fr, 33_950_900), "339\u{202f}509\u{a0}$");
        assert_eq!(usd(Locale::es, 969_500), "9695\u{a0}US$");
        assert_eq!(usd(Locale::es, 11_782_400), "117.824\u{a0}US$");
        assert_eq!(usd(Locale::en, 0), "$0");
    }
}

/// The agencies' partner search (`/agency/partners`): filters in the address (a plain GET
/// form), a page of profiles with completeness, verification and the agency's code.
#[component]
pub fn PartnerSearchPage() -> impl IntoView {
    use crate::partners::domain::search::LEADERSHIP;
    use leptos_router::components::Form;
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let q = move |k: &str| query.read().get(k).unwrap_or_default();
    const KEYS: [&str; 10] = [
        "q",
        "country",
        "kind",
        "sector",
        "leadership",
        "completeness",
        "verification",
        "linked",
        "sort",
        "agency",
    ];
    let page = Resource::new(
        move || (KEYS.map(q), q("page").parse::<i64>().ok()),
        |(
            [
                text,
                country,
                kind,
                sector,
                leadership,
                completeness,
                verification,
                linked,
                sort,
                agency,
            ],
            page,
        )| {
            super::api::search_partners(
                text,
                country,
                kind,
                sector,
                leadership,
                completeness,
                verification,
                linked,
                sort,
                agency,
                page,
            )
        },
    );
    let l = move || i18n.get_locale();
    let any = move || td_string!(l(), acc.any).to_string();
    // A select of the filter `name`: (value, words), the first "any".
    let select =
        move |name: &'static str, label: Signal<String>, options: Vec<(String, String)>| {
            let id = format!("search-{name}");
            let current = q(name);
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    <select id=id name=name>
                        <option value="">{any()}</option>
                        {options.into_iter().map(|(v, t)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{t}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
        };
    let kinds: Vec<(String, String)> = crate::organisations::kinds::OrganisationKind::ALL
        .iter()
        .filter(|k| k.is_civil_society())
        .map(|k| {
            (
                k.as_str().to_string(),
                crate::organisations::pages::kind_label(i18n, k.as_str()),
            )
        })
        .collect();
    let sectors = options_of(i18n, crate::organisations::domain::SECTORS);
    let leadership: Vec<(String, String)> = LEADERSHIP
        .iter()
        .map(|f| (f.to_string(), field_label(l(), f).unwrap_or(f).to_string()))
        .collect();
    let completeness = vec![
        (
            "complete".to_string(),
            td_string!(l(), partners.complete).to_string(),
        ),
        (
            "incomplete".to_string(),
            td_string!(l(), partners.incomplete).to_string(),
        ),
    ];
    let verification = vec![
        (
            "verified".to_string(),
            td_string!(l(), partners.st_verified).to_string(),
        ),
        (
            "not_verified".to_string(),
            td_string!(l(), partners.st_not_verified).to_string(),
        ),
        (
            "never".to_string(),
            td_string!(l(), partners.never_verified).to_string(),
        ),
    ];
    let linked = vec![
        (
            "yes".to_string(),
            td_string!(l(), partners.linked).to_string(),
        ),
        (
            "no".to_string(),
            td_string!(l(), partners.no_partner_code).to_string(),
        ),
    ];
    let sorts = vec![
        (
            "completeness".to_string(),
            td_string!(l(), partners.sort_completeness).to_string(),
        ),
        (
            "updated".to_string(),
            td_string!(l(), partners.sort_updated).to_string(),
        ),
    ];
    view! {
        <PageTitle text=|l| td_string!(l, partners.search_title).to_string() />
        <section aria-labelledby="search-title">
            <h1 id="search-title">{t!(i18n, partners.search_title)}</h1>
            <p><a href="/agency">{t!(i18n, partners.agency_title)}</a></p>
            <Form method="GET" action="" attr:class="form form--filters" attr:role="search">
                <div class="field">
                    <label for="search-q">{t!(i18n, search)}</label>
                    <input id="search-q" name="q" type="search" maxlength="100" value=q("q") />
                </div>
                <div class="field">
                    <label for="search-country">{t!(i18n, field_country)}</label>
                    <select id="search-country" name="country" inner_html=move || {
                        let lang = i18n.get_locale();
                        crate::countries::options_html(lang.as_str(), td_string!(lang, all_countries), &q("country").to_uppercase())
                    }></select>
                </div>
                {select("kind", label!(i18n, field_kind), kinds)}
                {select("sector", label!(i18n, partners.f_sectors), sectors)}
                {select("leadership", label!(i18n, partners.flags), leadership)}
                {select("completeness", label!(i18n, partners.completeness), completeness)}
                {select("verification", label!(i18n, partners.verification_title), verification)}
                {select("linked", label!(i18n, partners.partner_code), linked)}
                {select("sort", label!(i18n, partners.sort), sorts)}
                <button type="submit" class="button">{t!(i18n, search)}</button>
            </Form>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || page.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(p) if p.items.is_empty() => view! { <p class="empty-state">{t!(i18n, orgs_no_match)}</p> }.into_any(),
                    Ok(p) => {
                        let link_to = move |n: i64| crate::ui::pager::page_link(q, &KEYS, n);
                        let export = move |ext: &str| {
                            format!("/agency/partners.{ext}?{}", crate::ui::pager::carried(q, &KEYS).join("&"))
                        };
                        let agency = p.agency.name();
                        view! {
                            <p data-testid="search-total">{t!(i18n, partners.found)} " " {p.total}
                                " · " <a href=export("csv") rel="external" download>{t!(i18n, partners.export_csv)}</a>
                                " · " <a href=export("xlsx") rel="external" download>{t!(i18n, partners.export_xlsx)}</a>
                            </p>
                            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="search-title">
                                <table class="table" data-testid="partners">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, col_name)}</th>
                                            <th scope="col">{t!(i18n, field_country)}</th>
                                            <th scope="col">{t!(i18n, partners.completeness)}</th>
                                            <th scope="col">{t!(i18n, partners.verification_title)}</th>
                                            <th scope="col">{t!(i18n, partners.partner_code)} " " {agency}</th>
                                            <th scope="col">{t!(i18n, partners.flags)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {p.items.into_iter().map(|o| {
                                            let name = match &o.acronym { Some(a) => format!("{} ({a})", o.legal_name), None => o.legal_name.clone() };
                                            let verified = match o.verified {
                                                Some(true) => td_string!(l(), partners.st_verified),
                                                Some(false) => td_string!(l(), partners.st_not_verified),
                                                None => "—",
                                            };
                                            let leadership = o.leadership.iter().map(|f| field_label(l(), f).unwrap_or("").to_string()).collect::<Vec<_>>().join(", ");
                                            view! {
                                                <tr>
                                                    <td><a href=format!("/partners/{}", o.id)>{name}</a></td>
                                                    <td>{crate::countries::name_of(&o.country, l().as_str())}</td>
                                                    <td class="number">{o.completeness} " %"</td>
                                                    <td>{verified}</td>
                                                    <td>{o.code.unwrap_or_else(|| "—".into())}</td>
                                                    <td>{leadership}</td>
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
