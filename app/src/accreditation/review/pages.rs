//! Pages of the secretariat's review: the queue (filters, one or many decisions), the dashboard,
//! the annual renewal, and the public directory.
use crate::accreditation::domain::DesignationStatus;
use crate::accreditation::labels::*;
use crate::accreditation::review::api::{
    Dashboard, DecideDesignation, DecideDesignations, RenewYear, designation_dashboard,
    designation_queue, organisation_directory,
};
use crate::i18n::*;
use crate::label;
use crate::ui::errors::error_notice;
use crate::ui::forms::{ErrorSummary, FormKit, Notice, country_name};
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

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
                                            let pending = d.status == DesignationStatus::Submitted;
                                            let approved = d.status == DesignationStatus::Approved;
                                            view! {
                                                <tr>
                                                    <td>
                                                        <input type="checkbox" form="bulk" name="ids[]" value=d.id id=format!("select-{}", d.id)
                                                            aria-label=format!("{} — {}", td_string!(i18n.get_locale(), acc.select), d.person) />
                                                    </td>
                                                    <td>{d.person.clone()}</td>
                                                    <td><A href=format!("/accreditation/{}/{}", d.organisation_id, d.duty_station.as_str())>{d.organisation.clone()}</A></td>
                                                    <td>{type_label(i18n, d.representative_type.as_str())} " · " {pass_label(i18n, d.pass_kind.as_str())} " · " {d.year}</td>
                                                    <td>{station_label(i18n, d.duty_station.as_str())}</td>
                                                    <td><span class="badge">{status_label(i18n, d.status.as_str())}</span></td>
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
        crate::organisations::pages::consultative_status_label(i18n.get_locale(), code)
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
                    <select id="directory-country" name="country" inner_html=move || {
                        let lang = i18n.get_locale();
                        crate::countries::options_html(lang.as_str(), td_string!(lang, all_countries), &q("country").to_uppercase())
                    }></select>
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
                                            " · " {country_name(i18n, o.country.clone())} " · " {status_text(o.status.as_str())}
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
