//! The pages of support requests: asking for help (`/partners/:id/help`, linked from every page
//! of the partner space), one request (`/support/:rid`: its thread, files, the help desk's moves,
//! reopening, history) and the list (`/support`: the help desk's queue by state, or one's own
//! requests).
use super::api::{
    AskForHelp, MoveRequest, ReplyToRequest, SupportList, SupportRequestView, support_request,
    support_requests,
};
use crate::AppError;
use crate::i18n::*;
use crate::label;
use crate::partners::domain::support::{Category, NewRequest, RequestStatus, parse_reply};
use crate::ui::errors::error_notice;
use crate::ui::forms::{
    ErrorSummary, FileField, FormKit, Notice, SelectField, TextAreaField, TextField, query_param,
};
use crate::ui::history::History;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map};

pub fn category_label(l: Locale, c: Category) -> &'static str {
    match c {
        Category::LostAccess => td_string!(l, support.c_lost_access),
        Category::NonEditableInformation => td_string!(l, support.c_non_editable_information),
        Category::DuplicateProfile => td_string!(l, support.c_duplicate_profile),
        Category::Other => td_string!(l, support.c_other),
    }
}

pub fn status_label(l: Locale, s: RequestStatus) -> &'static str {
    match s {
        RequestStatus::Open => td_string!(l, support.st_open),
        RequestStatus::InProgress => td_string!(l, support.st_in_progress),
        RequestStatus::Resolved => td_string!(l, support.st_resolved),
        RequestStatus::Reopened => td_string!(l, support.st_reopened),
    }
}

/// "Ask for help", on every page of the partner space: the page it is asked from goes along.
#[component]
pub fn AskForHelpLink(organisation_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let href = move || {
        format!(
            "/partners/{organisation_id}/help?from={}",
            crate::ui::pager::encode(&location.pathname.get())
        )
    };
    view! {
        <p class="ask-for-help"><a href=href data-testid="ask-for-help">{t!(i18n, support.ask)}</a></p>
    }
}

#[component]
pub fn AskForHelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let from = query_param("from");
    let ask = ServerAction::<AskForHelp>::new();
    let kit = FormKit::new("ask-for-help", ask);
    let _ = kit.rules(|f| NewRequest::parse(f).err().unwrap_or_default());
    let categories = move || {
        let l = i18n.get_locale();
        Category::ALL
            .iter()
            .map(|c| (c.as_str().to_string(), category_label(l, *c).to_string()))
            .collect::<Vec<_>>()
    };
    view! {
        <PageTitle text=|l| td_string!(l, support.ask_title).to_string() />
        <section aria-labelledby="ask-title">
            {move || id.get().map(|id| view! {
                <p><a href=format!("/partners/{id}")>{"← "}{t!(i18n, partners.back_to_profile)}</a></p>
            })}
            <h1 id="ask-title">{t!(i18n, support.ask_title)}</h1>
            <p class="muted">{t!(i18n, support.ask_help)}</p>
            <ErrorSummary kit />
            <ActionForm action=ask attr:class="form" attr:id=kit.id attr:novalidate=true>
                <input type="hidden" name="organisation_id" value=move || id.get().unwrap_or(0) />
                <input type="hidden" name="page" value=move || from.get().unwrap_or_default() />
                <SelectField kit name="category" label=label!(i18n, support.category) options=categories() required=true />
                <TextField kit name="subject" label=label!(i18n, support.subject)
                    max_chars=crate::partners::domain::support::SUBJECT_MAX required=true />
                <TextAreaField kit name="message" label=label!(i18n, support.message)
                    max_chars=crate::partners::domain::support::MESSAGE_MAX required=true rows=6 />
                <button type="submit" class="button">{t!(i18n, support.send)}</button>
            </ActionForm>
            <p><A href="/support">{t!(i18n, support.mine)}</A></p>
        </section>
    }
}

#[component]
pub fn SupportRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("rid").and_then(|v| v.parse::<i64>().ok()));
    let reply = ServerAction::<ReplyToRequest>::new();
    let moved = ServerAction::<MoveRequest>::new();
    let kits = Kits {
        reply: FormKit::new("support-reply", reply),
        moved: FormKit::new("support-move", moved),
        reopen: FormKit::new("support-reopen", moved),
        files: FormKit::with_errors(
            "support-files",
            crate::ui::forms::errors_from_query(Some(super::files::UPLOAD_PATH)).into(),
            None,
        ),
    };
    let _ = kits
        .reply
        .rules(|f| parse_reply(f).err().unwrap_or_default());
    let _ = kits
        .reopen
        .rules(|f| parse_reply(f).err().unwrap_or_default());
    let page = Resource::new(
        move || (id.get(), reply.version().get(), moved.version().get()),
        |(id, ..)| async move {
            match id {
                Some(id) => support_request(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        let done = saved.get().is_some()
            || matches!(reply.value().try_get().flatten(), Some(Ok(_)))
            || matches!(moved.value().try_get().flatten(), Some(Ok(_)));
        done.then(|| td_string!(i18n.get_locale(), saved_generic).to_string())
    });
    view! {
        <PageTitle text=|l| td_string!(l, support.title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || page.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(r) => request_view(i18n, r, notice, reply, moved, kits).into_any(),
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct Kits {
    reply: FormKit,
    moved: FormKit,
    reopen: FormKit,
    files: FormKit,
}

fn request_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    r: SupportRequestView,
    notice: Signal<Option<String>>,
    reply: ServerAction<ReplyToRequest>,
    moved: ServerAction<MoveRequest>,
    kits: Kits,
) -> impl IntoView + use<> {
    use crate::uploads::domain::{FileKind, MAX_DOCUMENT_BYTES, MAX_PHOTO_BYTES};
    let l = i18n.get_locale();
    let active = r.status.is_active();
    let back = if r.help_desk {
        td_string!(l, support.back_queue)
    } else {
        td_string!(l, support.back)
    };
    let help_desk_moves = (r.help_desk && active).then(|| {
        let mut moves = vec![];
        if r.status.can_transition_to(RequestStatus::InProgress) {
            moves.push(("in_progress", td_string!(l, support.take)));
        }
        moves.push(("resolved", td_string!(l, support.resolve)));
        let kit = kits.moved;
        view! {
            <ErrorSummary kit />
            <ActionForm action=moved attr:class="form" attr:id=kit.id>
                <input type="hidden" name="request_id" value=r.id />
                <input type="hidden" name="version" value=r.version />
                <TextAreaField kit name="message" label=label!(i18n, support.note)
                    max_chars=crate::partners::domain::support::MESSAGE_MAX />
                <div class="form__actions">
                    {moves.into_iter().map(|(to, text)| view! {
                        <button type="submit" class="button button--secondary" name="to" value=to>{text}</button>
                    }).collect_view()}
                </div>
            </ActionForm>
        }
    });
    let reopen = r.may_reopen.then(|| {
        let kit = kits.reopen;
        view! {
            <h2>{t!(i18n, support.reopen)}</h2>
            <p class="muted">{t!(i18n, support.reopen_help)}</p>
            <ErrorSummary kit />
            <ActionForm action=moved attr:class="form" attr:id=kit.id attr:novalidate=true>
                <input type="hidden" name="request_id" value=r.id />
                <input type="hidden" name="version" value=r.version />
                <input type="hidden" name="to" value="reopened" />
                <TextAreaField kit name="message" label=label!(i18n, support.reopen_why)
                    max_chars=crate::partners::domain::support::MESSAGE_MAX required=true />
                <button type="submit" class="button">{t!(i18n, support.reopen)}</button>
            </ActionForm>
        }
    });
    let reply_form = active.then(|| {
        let kit = kits.reply;
        view! {
            <h2>{t!(i18n, support.reply)}</h2>
            <ErrorSummary kit />
            <ActionForm action=reply attr:class="form" attr:id=kit.id attr:novalidate=true>
                <input type="hidden" name="request_id" value=r.id />
                <TextAreaField kit name="message" label=label!(i18n, support.message)
                    max_chars=crate::partners::domain::support::MESSAGE_MAX required=true rows=4 />
                <button type="submit" class="button">{t!(i18n, support.reply_send)}</button>
            </ActionForm>
        }
    });
    let files_form = active.then(|| {
        let kit = kits.files;
        view! {
            <ErrorSummary kit />
            <form id=kit.id class="form" method="post" enctype="multipart/form-data" action=super::files::UPLOAD_PATH>
                <input type="hidden" name="request_id" value=r.id />
                <FileField kit name=super::files::SCREENSHOT.code() label=label!(i18n, support.screenshot)
                    accept=FileKind::Photo.accept() max_bytes=MAX_PHOTO_BYTES />
                <FileField kit name=super::files::DOCUMENT.code() label=label!(i18n, support.document)
                    accept=FileKind::Document.accept() max_bytes=MAX_DOCUMENT_BYTES />
                <button type="submit" class="button button--secondary">{t!(i18n, support.attach)}</button>
            </form>
        }
    });
    let asked_from = (!r.page.is_empty()).then(|| {
        let page = r.page.clone();
        view! { <dt>{t!(i18n, support.asked_from)}</dt><dd><a href=page.clone()>{page.clone()}</a></dd> }
    });
    view! {
        <section aria-labelledby="request-title">
            <p><A href="/support">{"← "}{back}</A></p>
            <h1 id="request-title">{r.subject.clone()}</h1>
            <p><span class=format!("badge badge--{}", r.status.as_str()) data-testid="request-status">{status_label(l, r.status)}</span>
                " · " {category_label(l, r.category)}</p>
            <Notice text=notice />
            <dl class="facts">
                <dt>{t!(i18n, support.organisation)}</dt>
                <dd><a href=format!("/partners/{}", r.organisation_id)>{r.legal_name.clone()}</a></dd>
                <dt>{t!(i18n, support.requester)}</dt><dd>{r.requester.clone()}</dd>
                {r.assignee.clone().map(|a| view! { <dt>{t!(i18n, support.assignee)}</dt><dd>{a}</dd> })}
                {asked_from}
            </dl>
            {help_desk_moves}
            <h2>{t!(i18n, support.thread)}</h2>
            <ol class="thread">
                {r.messages.iter().map(|m| view! {
                    <li class=if m.from_help_desk { "thread__message thread__message--desk" } else { "thread__message" }>
                        <p class="muted"><strong>{m.author.clone()}</strong>
                            {m.from_help_desk.then(|| format!(" · {}", td_string!(l, support.help_desk)))}
                            " · " {crate::ui::format::utc_minute(m.at)}</p>
                        <p class="thread__body">{m.body.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
            {(!active).then(|| view! { <p class="notice">{t!(i18n, support.resolved_note)}</p> })}
            {reply_form}
            <h2>{t!(i18n, support.files)}</h2>
            {if r.files.is_empty() {
                view! { <p class="empty-state">{t!(i18n, support.no_files)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {r.files.iter().map(|f| view! {
                            <li><a href=format!("/files/{}", f.id)>{f.file_name.clone()}</a>
                                {format!(" ({} KB)", (f.size_bytes + 1023) / 1024)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {files_form}
            {reopen}
            <History events=r.history.clone() />
        </section>
    }
}

#[component]
pub fn SupportListPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = query_param("status");
    let page_no = query_param("page");
    let list = Resource::new(
        move || (status.get(), page_no.get()),
        |(status, page)| async move {
            support_requests(
                status.unwrap_or_default(),
                page.and_then(|p| p.parse().ok()),
            )
            .await
        },
    );
    view! {
        <PageTitle text=|l| td_string!(l, support.title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || list.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(list) => list_view(i18n, list).into_any(),
            })}
        </Suspense>
    }
}

fn list_view(i18n: leptos_i18n::I18nContext<Locale>, list: SupportList) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    let status = list.status;
    let tabs = list.help_desk.then(|| {
        let total: i64 = list.counts.iter().map(|(_, n)| n).sum();
        view! {
            <nav class="tabs" aria-label=td_string!(l, support.queue)>
                <a href="/support" aria-current=status.is_none().then_some("page")>
                    {format!("{} ({total})", td_string!(l, support.all))}</a>
                {list.counts.iter().map(|(s, n)| view! {
                    <a href=format!("/support?status={}", s.as_str()) aria-current=(status == Some(*s)).then_some("page")>
                        {format!("{} ({n})", status_label(l, *s))}</a>
                }).collect_view()}
            </nav>
        }
    });
    let empty = if status.is_some() {
        td_string!(l, support.none_here)
    } else {
        td_string!(l, support.none)
    };
    let link = move |n: i64| match status {
        Some(s) => format!("?status={}&page={n}", s.as_str()),
        None => format!("?page={n}"),
    };
    view! {
        <section aria-labelledby="support-title">
            <h1 id="support-title">{if list.help_desk { td_string!(l, support.queue) } else { td_string!(l, support.mine) }}</h1>
            {tabs}
            {if list.items.is_empty() {
                view! { <p class="empty-state">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list" data-testid="support-list">
                        {list.items.iter().map(|r| view! {
                            <li class="card">
                                <p><a href=format!("/support/{}", r.id)><strong>{r.subject.clone()}</strong></a>
                                    " " <span class=format!("badge badge--{}", r.status.as_str())>{status_label(l, r.status)}</span></p>
                                <p class="muted">{category_label(l, r.category)} " · " {r.legal_name.clone()} " · " {r.requester.clone()}
                                    {r.assignee.clone().map(|a| format!(" · {} {a}", td_string!(l, support.assignee)))}
                                    " · " {td_string!(l, support.updated)} " " {crate::ui::format::utc_minute(r.updated_at)}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(list.pages > 1).then(|| crate::ui::pager::pager(i18n, list.page, list.pages, link))}
        </section>
    }
}
