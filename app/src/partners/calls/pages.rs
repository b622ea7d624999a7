//! The pages of calls for expression of interest: the open calls (`/calls`, to everyone, with
//! filters in the address), one call (`/calls/:id`: its criteria, dates, and for its agency's
//! officers publishing, finalising and the history), the agency's calls by state
//! (`/agency/calls`) and the call form (`/agency/calls/new`, `/agency/calls/:id/edit`).
use super::api::{
    CallFormData, CallList, CallSummary, CallView, MoveCall, SaveCall, agency_calls, call_detail,
    call_form, open_calls,
};
use crate::AppError;
use crate::i18n::*;
use crate::label;
use crate::partners::applications::api::{ApplyToCall, WithdrawApplication};
use crate::partners::domain::agencies::Agency;
use crate::partners::domain::applications::{
    ApplicationAction, ApplicationState, PartnerView, parse_concept_note,
};
use crate::partners::domain::calls::{
    CRITERION_FIELDS, CallForm, CallState, FinalReason, limits, may_finalise_for,
};
use crate::partners::review::api::{MoveApplication, SetCallReviewer};
use crate::ui::errors::error_notice;
use crate::ui::forms::{
    CountriesField, DateField, ErrorSummary, FieldMessage, FormKit, MultiChoiceField, Notice,
    SelectField, TextAreaField, TextField, query_param,
};
use crate::ui::history::History;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

type I18n = leptos_i18n::I18nContext<Locale>;

pub fn state_label(l: Locale, s: CallState) -> &'static str {
    match s {
        CallState::Draft => td_string!(l, calls.st_draft),
        CallState::Published => td_string!(l, calls.st_published),
        CallState::Closed => td_string!(l, calls.st_closed),
        CallState::Finalised => td_string!(l, calls.st_finalised),
    }
}

pub fn partner_view_label(l: Locale, v: PartnerView) -> &'static str {
    match v {
        PartnerView::UnderReview => td_string!(l, calls.pv_under_review),
        PartnerView::Withdrawn => td_string!(l, calls.pv_withdrawn),
        PartnerView::Unsuccessful => td_string!(l, calls.pv_unsuccessful),
        PartnerView::Successful => td_string!(l, calls.pv_successful),
        PartnerView::Accepted => td_string!(l, calls.pv_accepted),
        PartnerView::Declined => td_string!(l, calls.pv_declined),
    }
}

pub fn application_state_label(l: Locale, s: ApplicationState) -> &'static str {
    use ApplicationState as A;
    match s {
        A::Pending => td_string!(l, calls.as_pending),
        A::Withdrawn => td_string!(l, calls.pv_withdrawn),
        A::Preselected => td_string!(l, calls.as_preselected),
        A::Recommended => td_string!(l, calls.as_recommended),
        A::Rejected => td_string!(l, calls.as_rejected),
        A::Awarded => td_string!(l, calls.as_awarded),
        A::Accepted => td_string!(l, calls.pv_accepted),
        A::Declined => td_string!(l, calls.pv_declined),
        A::Retracted => td_string!(l, calls.as_retracted),
    }
}

pub fn reason_label(l: Locale, r: FinalReason) -> &'static str {
    match r {
        FinalReason::PartnerSelected => td_string!(l, calls.r_partner_selected),
        FinalReason::NoSuitableApplicant => td_string!(l, calls.r_no_suitable_applicant),
        FinalReason::Cancelled => td_string!(l, calls.r_cancelled),
    }
}

fn sectors_text(i18n: I18n, sectors: &[String]) -> String {
    sectors
        .iter()
        .map(|s| crate::organisations::pages::sector_label(i18n, s))
        .collect::<Vec<_>>()
        .join(", ")
}

fn countries_text(l: Locale, countries: &[String]) -> String {
    countries
        .iter()
        .map(|c| crate::countries::name_of(c, l.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_text(l: Locale, d: chrono::NaiveDate) -> String {
    {
        let _ = l;
        d.to_string()
    }
}

fn sector_options(i18n: I18n) -> Vec<(String, String)> {
    crate::partners::pages::options_of(i18n, crate::organisations::domain::SECTORS)
}

fn agency_options() -> Vec<(String, String)> {
    Agency::ALL
        .iter()
        .map(|a| (a.as_str().to_string(), a.name()))
        .collect()
}

/// One call in a list.
fn call_card(i18n: I18n, c: &CallSummary, show_state: bool) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    let state = show_state.then(|| {
        view! { " " <span class=format!("badge badge--{}", c.state.as_str())>{state_label(l, c.state)}</span> }
    });
    view! {
        <li class="card">
            <p><a href=format!("/calls/{}", c.id)><strong>{c.title.clone()}</strong></a>{state}</p>
            <p class="muted">{c.agency.name()} " · " {td_string!(l, calls.deadline)} " " {date_text(l, c.deadline)}</p>
            <p class="muted">{sectors_text(i18n, &c.sectors)} " · " {countries_text(l, &c.countries)}</p>
        </li>
    }
}

/// The open calls, to everyone: a plain GET form of filters, soonest deadline first.
#[component]
pub fn OpenCallsPage() -> impl IntoView {
    use leptos_router::components::Form;
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let q = move |k: &str| query.read().get(k).unwrap_or_default();
    const KEYS: [&str; 4] = ["sector", "country", "agency", "deadline_by"];
    let list = Resource::new(
        move || (KEYS.map(q), q("page").parse::<i64>().ok()),
        |([sector, country, agency, deadline_by], page)| {
            open_calls(sector, country, agency, deadline_by, page)
        },
    );
    let select =
        move |name: &'static str, label: Signal<String>, options: Vec<(String, String)>| {
            let id = format!("calls-{name}");
            let current = q(name);
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    <select id=id name=name>
                        <option value="">{td_string!(i18n.get_locale(), acc.any)}</option>
                        {options.into_iter().map(|(v, t)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{t}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
        };
    view! {
        <PageTitle text=|l| td_string!(l, calls.title_open).to_string() />
        <section aria-labelledby="calls-title">
            <h1 id="calls-title">{t!(i18n, calls.title_open)}</h1>
            <p class="muted">{t!(i18n, calls.intro_open)}</p>
            <Form method="GET" action="" attr:class="form form--filters" attr:role="search">
                {select("sector", label!(i18n, calls.f_sectors), sector_options(i18n))}
                <div class="field">
                    <label for="calls-country">{t!(i18n, field_country)}</label>
                    <select id="calls-country" name="country" inner_html=move || {
                        let lang = i18n.get_locale();
                        crate::countries::options_html(lang.as_str(), td_string!(lang, all_countries), &q("country").to_uppercase())
                    }></select>
                </div>
                {select("agency", label!(i18n, calls.f_agency), agency_options())}
                <div class="field">
                    <label for="calls-deadline_by">{t!(i18n, calls.deadline_by)}</label>
                    <input id="calls-deadline_by" name="deadline_by" type="date" value=q("deadline_by") />
                </div>
                <button type="submit" class="button">{t!(i18n, calls.filter)}</button>
            </Form>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || list.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(list) => {
                        let mine = (!list.my_agencies.is_empty()).then(|| view! {
                            <p><a href="/agency/calls">{t!(i18n, calls.title_agency)}</a></p>
                        });
                        let filtered = KEYS.iter().any(|k| !q(k).is_empty());
                        let link_to = move |n: i64| crate::ui::pager::page_link(q, &KEYS, n);
                        view! {
                            {mine}
                            {if list.items.is_empty() {
                                let empty = if filtered { td_string!(i18n.get_locale(), calls.none_match) } else { td_string!(i18n.get_locale(), calls.none_open) };
                                view! { <p class="empty-state" data-testid="calls-empty">{empty}</p> }.into_any()
                            } else {
                                view! {
                                    <p data-testid="calls-total">{t!(i18n, calls.found)} " " {list.total}</p>
                                    <ul class="card-list" data-testid="calls">
                                        {list.items.iter().map(|c| call_card(i18n, c, false)).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {(list.pages > 1).then(|| crate::ui::pager::pager(i18n, list.page, list.pages, link_to))}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The agency's calls by state, latest change first.
#[component]
pub fn AgencyCallsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = query_param("state");
    let page_no = query_param("page");
    let list = Resource::new(
        move || (state.get(), page_no.get()),
        |(state, page)| async move {
            agency_calls(state.unwrap_or_default(), page.and_then(|p| p.parse().ok())).await
        },
    );
    view! {
        <PageTitle text=|l| td_string!(l, calls.title_agency).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || list.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(list) => agency_list(i18n, list).into_any(),
            })}
        </Suspense>
    }
}

fn agency_list(i18n: I18n, list: CallList) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    let state = list.state;
    let total: i64 = list.counts.iter().map(|(_, n)| n).sum();
    let link = move |n: i64| match state {
        Some(s) => format!("?state={}&page={n}", s.as_str()),
        None => format!("?page={n}"),
    };
    view! {
        <section aria-labelledby="agency-calls-title">
            <h1 id="agency-calls-title">{td_string!(l, calls.title_agency)}</h1>
            <p><a href="/agency/calls/new" class="button" data-testid="new-call">{td_string!(l, calls.new_call)}</a>
                " " <a href="/calls">{td_string!(l, calls.title_open)}</a>
                " · " <a href="/agency">{td_string!(l, partners.agency_title)}</a></p>
            <nav class="tabs" aria-label=td_string!(l, calls.by_state)>
                <a href="/agency/calls" aria-current=state.is_none().then_some("page")>
                    {format!("{} ({total})", td_string!(l, calls.all))}</a>
                {list.counts.iter().map(|(s, n)| view! {
                    <a href=format!("/agency/calls?state={}", s.as_str()) aria-current=(state == Some(*s)).then_some("page")>
                        {format!("{} ({n})", state_label(l, *s))}</a>
                }).collect_view()}
            </nav>
            {if list.items.is_empty() {
                view! { <p class="empty-state">{td_string!(l, calls.none_here)}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list" data-testid="agency-calls">
                        {list.items.iter().map(|c| call_card(i18n, c, true)).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(list.pages > 1).then(|| crate::ui::pager::pager(i18n, list.page, list.pages, link))}
        </section>
    }
}

/// One call: what partners read, and for its agency's officers the moves and the history.
#[component]
pub fn CallPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let moved = ServerAction::<MoveCall>::new();
    let publish_kit = FormKit::new("call-publish", moved);
    let finalise_kit = FormKit::new("call-finalise", moved);
    let apply = ServerAction::<ApplyToCall>::new();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let reviewer = ServerAction::<SetCallReviewer>::new();
    let answer = ServerAction::<MoveApplication>::new();
    let kits = Kits {
        publish: publish_kit,
        finalise: finalise_kit,
        apply: FormKit::new("apply", apply),
        withdraw: FormKit::new("withdraw", withdraw),
        reviewer: FormKit::new("call-reviewer", reviewer),
        answer: FormKit::new("award-answer", answer),
    };
    let _ = kits
        .apply
        .rules(|f| parse_concept_note(f).err().unwrap_or_default());
    let page = Resource::new(
        move || {
            (
                id.get(),
                moved.version().get(),
                apply.version().get(),
                withdraw.version().get(),
                reviewer.version().get(),
                answer.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => call_detail(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        let done = saved.get().or_else(|| {
            let done = |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(_)));
            (done(moved.value().try_get().flatten())
                || done(apply.value().try_get().flatten())
                || done(withdraw.value().try_get().flatten())
                || done(reviewer.value().try_get().flatten())
                || done(answer.value().try_get().flatten()))
            .then(|| "moved".to_string())
        })?;
        Some(
            match done.as_str() {
                "draft" => td_string!(l, calls.saved_draft),
                "published" => td_string!(l, calls.saved_published),
                "finalised" => td_string!(l, calls.saved_finalised),
                "applied" => td_string!(l, calls.saved_applied),
                "withdrawn" => td_string!(l, calls.saved_withdrawn),
                "reviewers" => td_string!(l, review.saved_reviewers),
                "accepted" | "declined" => td_string!(l, review.saved_answered),
                _ => td_string!(l, saved_generic),
            }
            .to_string(),
        )
    });
    view! {
        <PageTitle text=|l| td_string!(l, calls.title_open).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || page.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(c) => call_view(i18n, c, notice, Actions { moved, apply, withdraw, reviewer, answer }, kits).into_any(),
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct Kits {
    publish: FormKit,
    finalise: FormKit,
    apply: FormKit,
    withdraw: FormKit,
    reviewer: FormKit,
    answer: FormKit,
}

#[derive(Clone, Copy)]
struct Actions {
    moved: ServerAction<MoveCall>,
    apply: ServerAction<ApplyToCall>,
    withdraw: ServerAction<WithdrawApplication>,
    reviewer: ServerAction<SetCallReviewer>,
    answer: ServerAction<MoveApplication>,
}

/// The applications part of a call's page: the viewer's own (with withdrawing), applying, and
/// for the agency every application.
fn applications_view(
    i18n: I18n,
    c: &CallView,
    actions: Actions,
    kits: Kits,
) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    let apps = c.applications.clone();
    let mine = (!apps.mine.is_empty()).then(|| view! {
        <section aria-labelledby="mine-title">
            <h2 id="mine-title">{td_string!(l, calls.my_applications)}</h2>
            <ErrorSummary kit=kits.withdraw />
            <ul class="card-list" data-testid="my-applications">
                {apps.mine.clone().into_iter().map(|a| {
                    let (id, version) = (a.id, a.version);
                    view! {
                    <li class="card">
                        <p><strong>{a.legal_name.clone()}</strong> " "
                            <span class=format!("badge badge--{}", a.partner_view.as_str()) data-testid="application-status">{partner_view_label(l, a.partner_view)}</span></p>
                        <p class="muted">{td_string!(l, calls.sent)} " " {crate::ui::format::utc_minute(a.created_at)}</p>
                        {(!a.retract_reason.is_empty()).then(|| view! {
                            <p><strong>{td_string!(l, review.retract_reason)}</strong> " " {a.retract_reason.clone()}</p>
                        })}
                        {(!a.feedback.is_empty()).then(|| view! {
                            <p data-testid="application-feedback"><strong>{td_string!(l, review.agency_feedback)}</strong> " " {a.feedback.clone()}</p>
                        })}
                        {a.may_answer.then(move || view! {
                            <ErrorSummary kit=kits.answer />
                            <div class="actions">
                                {[ApplicationAction::Accept, ApplicationAction::Decline].into_iter().map(|x| view! {
                                    <details class="confirm">
                                        <summary class=if x == ApplicationAction::Accept { "button" } else { "button button--secondary" }>{crate::partners::labels::action_label(l, x)}</summary>
                                        <ActionForm action=actions.answer attr:class="inline-form" attr:id=kits.answer.id>
                                            <input type="hidden" name="application_id" value=id />
                                            <input type="hidden" name="version" value=version />
                                            <input type="hidden" name="action" value=x.as_str() />
                                            <p>{crate::partners::labels::action_confirm(l, x)}</p>
                                            <button type="submit" class=if x == ApplicationAction::Accept { "button" } else { "button button--danger" }
                                                data-testid=format!("award-{}", x.as_str())>{crate::partners::labels::action_label(l, x)}</button>
                                        </ActionForm>
                                    </details>
                                }).collect_view()}
                            </div>
                        })}
                        {a.may_withdraw.then(move || view! {
                            <details class="confirm">
                                <summary class="button button--secondary">{td_string!(l, calls.withdraw)}</summary>
                                <ActionForm action=actions.withdraw attr:class="inline-form" attr:id=kits.withdraw.id>
                                    <input type="hidden" name="application_id" value=id />
                                    <input type="hidden" name="version" value=version />
                                    <p>{td_string!(l, calls.withdraw_confirm)}</p>
                                    <button type="submit" class="button button--danger" data-testid="withdraw-application">{td_string!(l, calls.withdraw_button)}</button>
                                </ActionForm>
                            </details>
                        })}
                    </li>
                }}).collect_view()}
            </ul>
        </section>
    });
    let open = c.open_for_applications;
    let call_id = c.id;
    let sign_in = (open && !c.signed_in).then(|| {
        view! {
            <p class="notice"><a href="/login">{td_string!(l, calls.sign_in_to_apply)}</a></p>
        }
    });
    let allowed: Vec<(String, String)> = apps
        .apply_as
        .iter()
        .filter(|a| a.refusal.is_none())
        .map(|a| (a.organisation_id.to_string(), a.legal_name.clone()))
        .collect();
    let refused: Vec<(String, String)> = apps
        .apply_as
        .iter()
        .filter_map(|a| a.refusal.clone().map(|r| (a.legal_name.clone(), r)))
        .collect();
    let apply = (open && !apps.apply_as.is_empty()).then(|| {
        let form = (!allowed.is_empty()).then(move || view! {
            <ErrorSummary kit=kits.apply />
            <ActionForm action=actions.apply attr:class="form" attr:id=kits.apply.id attr:novalidate=true>
                <input type="hidden" name="call_id" value=call_id />
                <SelectField kit=kits.apply name="organisation_id" label=label!(i18n, calls.apply_as) options=allowed required=true />
                <TextAreaField kit=kits.apply name="concept_note" label=label!(i18n, calls.concept_note)
                    help=label!(i18n, calls.concept_note_help)
                    max_chars=crate::partners::domain::applications::limits::CONCEPT_NOTE required=true rows=10 />
                <button type="submit" class="button" data-testid="send-application">{td_string!(l, calls.send_application)}</button>
            </ActionForm>
        });
        view! {
            <section aria-labelledby="apply-title">
                <h2 id="apply-title">{td_string!(l, calls.apply_title)}</h2>
                {refused.into_iter().map(|(name, code)| view! {
                    <p class="muted" data-testid="cannot-apply">{name} " — " {crate::ui::forms::error_text(l, &code)}</p>
                }).collect_view()}
                {form}
            </section>
        }
    });
    let reviewers = c.reviewers.as_ref().map_or(0, |r| r.assigned.len());
    let all = c.may_manage.then(|| view! {
        <section aria-labelledby="applications-title">
            <h2 id="applications-title">{td_string!(l, calls.applications_title)} " (" {apps.all.len()} ")"</h2>
            {if apps.all.is_empty() {
                view! { <p class="empty-state">{td_string!(l, calls.no_applications)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="applications-title">
                        <table class="table" data-testid="applications">
                            <thead><tr>
                                <th scope="col">{td_string!(l, col_name)}</th>
                                <th scope="col">{td_string!(l, field_country)}</th>
                                <th scope="col">{td_string!(l, calls.state)}</th>
                                <th scope="col" class="number">{td_string!(l, review.reviews_col)}</th>
                                <th scope="col" class="number">{td_string!(l, review.score_col)}</th>
                                <th scope="col">{td_string!(l, calls.sent)}</th>
                            </tr></thead>
                            <tbody>
                                {apps.all.iter().map(|a| view! {
                                    <tr>
                                        <td><a href=format!("/agency/applications/{}", a.id) data-testid="review-link">{a.legal_name.clone()}</a></td>
                                        <td>{crate::countries::name_of(&a.country, l.as_str())}</td>
                                        <td>{a.state.map(|s| application_state_label(l, s)).unwrap_or("")}</td>
                                        <td class="number">{format!("{} / {}", a.reviews, reviewers)}</td>
                                        <td class="number">{a.score.map(|s| s.to_string()).unwrap_or_default()}</td>
                                        <td>{crate::ui::format::utc_minute(a.created_at)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    });
    let review = reviewers_view(i18n, c, actions, kits);
    view! { {mine}{sign_in}{apply}{review}{all} }
}

/// The call's reviewers, to those who manage it: assign one of the agency's officers, remove
/// one who has not reviewed yet.
fn reviewers_view(i18n: I18n, c: &CallView, actions: Actions, kits: Kits) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    let call_id = c.id;
    let r = c.reviewers.clone()?;
    if c.state == CallState::Finalised && r.assigned.is_empty() {
        return None;
    }
    let open = c.state != CallState::Finalised;
    let options: Vec<(String, String)> = r
        .available
        .iter()
        .map(|o| (o.user_id.to_string(), o.name.clone()))
        .collect();
    Some(view! {
        <section aria-labelledby="reviewers-title">
            <h2 id="reviewers-title">{td_string!(l, review.reviewers_title)}</h2>
            <ErrorSummary kit=kits.reviewer />
            {if r.assigned.is_empty() {
                view! { <p class="empty-state">{td_string!(l, review.no_reviewers)}</p> }.into_any()
            } else {
                view! {
                    <ul class="reviewer-list" data-testid="reviewers">
                        {r.assigned.into_iter().map(|p| view! {
                            <li>{p.name.clone()} " "
                                {open.then(|| view! {
                                    <ActionForm action=actions.reviewer attr:class="inline-form">
                                        <input type="hidden" name="call_id" value=call_id />
                                        <input type="hidden" name="user_id" value=p.user_id />
                                        <input type="hidden" name="action" value="remove" />
                                        <button type="submit" class="button button--secondary button--small">{td_string!(l, review.remove)}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(open && !options.is_empty()).then(move || view! {
                <ActionForm action=actions.reviewer attr:class="form" attr:id=kits.reviewer.id>
                    <input type="hidden" name="call_id" value=call_id />
                    <input type="hidden" name="action" value="add" />
                    <SelectField kit=kits.reviewer name="user_id" label=label!(i18n, review.add_reviewer) options=options required=true />
                    <button type="submit" class="button button--secondary" data-testid="assign-reviewer">{td_string!(l, review.assign)}</button>
                </ActionForm>
            })}
        </section>
    })
}

fn call_view(
    i18n: I18n,
    c: CallView,
    notice: Signal<Option<String>>,
    actions: Actions,
    kits: Kits,
) -> impl IntoView + use<> {
    let (moved, publish_kit, finalise_kit) = (actions.moved, kits.publish, kits.finalise);
    let applications = applications_view(i18n, &c, actions, kits);
    let l = i18n.get_locale();
    let total: u32 = c.criteria.iter().map(|x| u32::from(x.weight)).sum();
    let dates = [
        (
            td_string!(l, calls.f_clarification_deadline),
            c.dates.clarification_deadline,
        ),
        (td_string!(l, calls.f_deadline), c.dates.deadline),
        (td_string!(l, calls.f_notification), c.dates.notification),
        (td_string!(l, calls.f_start), c.dates.start),
        (td_string!(l, calls.f_end), c.dates.end),
    ];
    let status = match (c.state, c.open_for_applications) {
        (CallState::Published, true) => td_string!(l, calls.open_now),
        (CallState::Published, false) => td_string!(l, calls.closing),
        _ => state_label(l, c.state),
    };
    let finalised = c.final_reason.map(|r| {
        view! {
            <p data-testid="call-final"><strong>{td_string!(l, calls.final_reason)}</strong> " " {reason_label(l, r)}
                {(!c.final_note.is_empty()).then(|| format!(" — {}", c.final_note))}</p>
        }
    });
    let manage = c.may_manage.then(|| {
        let edit = (c.state == CallState::Draft).then(|| view! {
            <a href=format!("/agency/calls/{}/edit", c.id) class="button button--secondary" data-testid="edit-call">{td_string!(l, calls.edit)}</a>
        });
        let publish = (c.state == CallState::Draft).then(|| view! {
            <details class="confirm">
                <summary class="button">{td_string!(l, calls.publish)}</summary>
                <ErrorSummary kit=publish_kit />
                <ActionForm action=moved attr:class="inline-form" attr:id=publish_kit.id>
                    <input type="hidden" name="call_id" value=c.id />
                    <input type="hidden" name="version" value=c.version />
                    <input type="hidden" name="action" value="publish" />
                    <p>{td_string!(l, calls.publish_confirm)}</p>
                    <button type="submit" class="button" data-testid="publish-call">{td_string!(l, calls.publish_confirm_button)}</button>
                </ActionForm>
            </details>
        });
        let finalise = matches!(c.state, CallState::Published | CallState::Closed).then(|| {
            let reasons: Vec<(String, String)> = std::iter::once((String::new(), td_string!(l, calls.choose_reason).to_string()))
                .chain(FinalReason::ALL.iter().filter(|r| may_finalise_for(c.state, **r))
                    .map(|r| (r.as_str().to_string(), reason_label(l, *r).to_string())))
                .collect();
            view! {
                <details class="confirm">
                    <summary class="button button--secondary">{td_string!(l, calls.finalise)}</summary>
                    <ErrorSummary kit=finalise_kit />
                    <ActionForm action=moved attr:class="form" attr:id=finalise_kit.id>
                        <input type="hidden" name="call_id" value=c.id />
                        <input type="hidden" name="version" value=c.version />
                        <input type="hidden" name="action" value="finalise" />
                        <p class="muted">{td_string!(l, calls.finalise_help)}</p>
                        <SelectField kit=finalise_kit name="reason" label=label!(i18n, calls.reason) options=reasons required=true />
                        <TextAreaField kit=finalise_kit name="note" label=label!(i18n, calls.note) max_chars=limits::FINAL_NOTE rows=3 />
                        <button type="submit" class="button button--danger" data-testid="finalise-call">{td_string!(l, calls.finalise_confirm_button)}</button>
                    </ActionForm>
                </details>
            }
        });
        view! { <div class="actions" data-testid="call-actions">{edit}{publish}{finalise}</div> }
    });
    let history = c
        .may_manage
        .then(|| view! { <History events=c.history.clone() /> });
    view! {
        <article aria-labelledby="call-title" data-testid="call">
            <p><a href="/calls">{"← "}{td_string!(l, calls.title_open)}</a></p>
            <Notice text=notice />
            <h1 id="call-title">{c.title.clone()}</h1>
            <p><span class=format!("badge badge--{}", c.state.as_str()) data-testid="call-state">{status}</span>
                " " {c.agency.name()}</p>
            {finalised}
            {manage}
            <p class="prose">{c.description.clone()}</p>
            <dl class="facts">
                <dt>{td_string!(l, calls.f_sectors)}</dt><dd>{sectors_text(i18n, &c.sectors)}</dd>
                <dt>{td_string!(l, calls.f_countries)}</dt><dd>{countries_text(l, &c.countries)}</dd>
                {dates.into_iter().map(|(label, d)| view! { <dt>{label}</dt><dd>{date_text(l, d)}</dd> }).collect_view()}
            </dl>
            <h2 id="criteria-title">{td_string!(l, calls.f_criteria)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="criteria-title">
                <table class="table" data-testid="criteria">
                    <thead><tr><th scope="col">{td_string!(l, calls.criterion)}</th><th scope="col" class="number">{td_string!(l, calls.points)}</th></tr></thead>
                    <tbody>
                        {c.criteria.iter().map(|x| view! { <tr><td>{x.name.clone()}</td><td class="number">{x.weight}</td></tr> }).collect_view()}
                    </tbody>
                    <tfoot><tr><th scope="row">{td_string!(l, calls.total)}</th><td class="number">{total}</td></tr></tfoot>
                </table>
            </div>
            {applications}
            {history}
        </article>
    }
}

/// The call form: a new draft, or a draft edited. Checked in the browser by the server's own
/// validator (`CallForm::parse`, against the server's day).
#[component]
pub fn CallFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let save = ServerAction::<SaveCall>::new();
    let kit = FormKit::new("call", save);
    let data = Resource::new(move || id.get(), call_form);
    view! {
        <PageTitle text=|l| td_string!(l, calls.new_call).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || data.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(d) => form_view(i18n, d, save, kit).into_any(),
            })}
        </Suspense>
    }
}

fn form_view(
    i18n: I18n,
    d: CallFormData,
    save: ServerAction<SaveCall>,
    kit: FormKit,
) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    let today = d.today;
    let _ = kit.rules(move |f| CallForm::parse(f, today).err().unwrap_or_default());
    let call = d.call.clone();
    let c = call.as_ref();
    let text = |v: Option<String>| v.unwrap_or_default();
    let dates = c.map(|c| c.dates);
    let date = move |pick: fn(&crate::partners::domain::calls::CallDates) -> chrono::NaiveDate| {
        dates.map(|d| pick(&d).to_string()).unwrap_or_default()
    };
    let min = today.to_string();
    let agency = match c {
        Some(c) => {
            view! { <p><strong>{td_string!(l, calls.f_agency)}</strong> " " {c.agency.name()}</p> }
                .into_any()
        }
        None if d.my_agencies.len() == 1 => view! {
            <input type="hidden" name="agency" value=d.my_agencies[0].as_str() />
            <p><strong>{td_string!(l, calls.f_agency)}</strong> " " {d.my_agencies[0].name()}</p>
        }
        .into_any(),
        None => {
            let options = d
                .my_agencies
                .iter()
                .map(|a| (a.as_str().to_string(), a.name()))
                .collect();
            view! { <SelectField kit name="agency" label=label!(i18n, calls.f_agency) options required=true /> }.into_any()
        }
    };
    let rows = CRITERION_FIELDS.iter().enumerate().map(|(i, (name, weight))| {
        let existing = c.and_then(|c| c.criteria.get(i));
        let n = i + 1;
        let name_label = Signal::derive(move || format!("{} {n}", td_string!(i18n.get_locale(), calls.criterion)));
        let weight_label = Signal::derive(move || format!("{} {n}", td_string!(i18n.get_locale(), calls.points)));
        view! {
            <div class="criterion-row">
                <TextField kit name=*name label=name_label max_chars=limits::CRITERION value=existing.map(|x| x.name.clone()).unwrap_or_default() />
                <TextField kit name=*weight label=weight_label max_chars=3 inputmode="numeric" value=existing.map(|x| x.weight.to_string()).unwrap_or_default() />
            </div>
        }
    }).collect_view();
    let title = if c.is_some() {
        td_string!(l, calls.edit)
    } else {
        td_string!(l, calls.new_call)
    };
    let (call_id, version) = (c.map_or(0, |c| c.id), c.map_or(0, |c| c.version));
    let call_title = text(c.map(|c| c.title.clone()));
    let description = text(c.map(|c| c.description.clone()));
    let sectors = c.map(|c| c.sectors.join(",")).unwrap_or_default();
    let countries = c.map(|c| c.countries.join(",")).unwrap_or_default();
    view! {
        <section aria-labelledby="call-form-title">
            <p><a href="/agency/calls">{"← "}{td_string!(l, calls.title_agency)}</a></p>
            <h1 id="call-form-title">{title}</h1>
            <p class="muted">{td_string!(l, calls.form_help)}</p>
            <ErrorSummary kit />
            <ActionForm action=save attr:class="form" attr:id=kit.id attr:novalidate=true>
                <input type="hidden" name="call_id" value=call_id />
                <input type="hidden" name="version" value=version />
                {agency}
                <TextField kit name="title" label=label!(i18n, calls.f_title) max_chars=limits::TITLE required=true value=call_title />
                <TextAreaField kit name="description" label=label!(i18n, calls.f_description) max_chars=limits::DESCRIPTION required=true rows=8 value=description />
                <MultiChoiceField kit name="sectors" label=label!(i18n, calls.f_sectors) options=sector_options(i18n) selected=sectors />
                <CountriesField kit name="countries" label=label!(i18n, calls.f_countries) required=true selected=countries help=label!(i18n, calls.countries_help) />
                <fieldset class="field field--criteria" id="call-criteria">
                    <legend>{td_string!(l, calls.f_criteria)}</legend>
                    <p class="muted" id="call-criteria-help">{td_string!(l, calls.criteria_help)}</p>
                    {rows}
                    <FieldMessage kit field="criteria" />
                </fieldset>
                <fieldset class="field">
                    <legend>{td_string!(l, calls.dates)}</legend>
                    <p class="muted">{td_string!(l, calls.dates_help)}</p>
                    <DateField kit name="clarification_deadline" label=label!(i18n, calls.f_clarification_deadline) required=true min=min.clone() value=date(|d| d.clarification_deadline) />
                    <DateField kit name="deadline" label=label!(i18n, calls.f_deadline) required=true min=min.clone() value=date(|d| d.deadline) />
                    <DateField kit name="notification" label=label!(i18n, calls.f_notification) required=true min=min.clone() value=date(|d| d.notification) />
                    <DateField kit name="start" label=label!(i18n, calls.f_start) required=true min=min.clone() value=date(|d| d.start) />
                    <DateField kit name="end" label=label!(i18n, calls.f_end) required=true min=min value=date(|d| d.end) />
                </fieldset>
                <button type="submit" class="button" data-testid="save-call">{td_string!(l, calls.save_draft)}</button>
            </ActionForm>
        </section>
    }
}
