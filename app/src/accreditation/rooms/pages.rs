//! Pages of accreditation rights and meeting rooms: the rights holder's page (temporary passes,
//! room booking, their bookings) and the secretariat's day/week calendar of a station's rooms.
use super::api::{
    AddRoom, BookRoom, BookingView, CancelBooking, RightsView, my_rights, room_calendar,
};
use super::domain::{BookingForm, limits};
use crate::accreditation::labels::{pass_label, saved_text, station_label, status_label};
use crate::i18n::*;
use crate::label;
use crate::ui::errors::error_notice;
use crate::ui::forms::{
    DateField, ErrorSummary, FormKit, Notice, NumberField, SelectField, TextField, query_param,
};
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

/// `HH:MM–HH:MM` of a booking.
fn hours(b: &BookingView) -> String {
    format!(
        "{}–{}",
        b.starts_at.get(11..).unwrap_or(""),
        b.ends_at.get(11..).unwrap_or("")
    )
}

/// A booking's cancel button, behind a confirmation.
fn cancel_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    cancel: ServerAction<CancelBooking>,
    id: i64,
) -> impl IntoView {
    view! {
        <details class="confirm">
            <summary>{t!(i18n, acc.cancel_booking)}</summary>
            <ActionForm action=cancel attr:class="inline-form">
                <input type="hidden" name="booking_id" value=id />
                <p>{t!(i18n, acc.cancel_booking_confirm)}</p>
                <button type="submit" class="button button--small button--danger">{t!(i18n, acc.cancel_booking)}</button>
            </ActionForm>
        </details>
    }
}

/// `/accreditation/rights`: where the signed-in person holds accreditation rights, their
/// temporary passes, the booking form and their bookings.
#[component]
pub fn RightsPage() -> impl IntoView {
    let i18n = use_i18n();
    let book = ServerAction::<BookRoom>::new();
    let cancel = ServerAction::<CancelBooking>::new();
    let today = crate::ui::format::today();
    let kit = FormKit::new("book", book).rules(move |f| BookingForm::errors(f, today));
    let cancel_kit = FormKit::new("cancel-booking", cancel);
    let reprint = ServerAction::<crate::accreditation::badges::api::ReprintBadge>::new();
    let reprint_kit = FormKit::new("reprint", reprint);
    let view_data = Resource::new(
        move || {
            (
                book.version().get(),
                cancel.version().get(),
                reprint.version().get(),
            )
        },
        |_| my_rights(),
    );
    let saved = query_param("saved");
    let booked = query_param("booked");
    let cancelled = query_param("cancelled");
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        if matches!(book.value().try_get().flatten(), Some(Ok(_))) || booked.get().is_some() {
            return Some(td_string!(l, acc.booked).to_string());
        }
        if matches!(cancel.value().try_get().flatten(), Some(Ok(_))) || cancelled.get().is_some() {
            return Some(td_string!(l, acc.booking_cancelled).to_string());
        }
        saved.get().map(|k| saved_text(i18n, &k))
    });
    view! {
        <PageTitle text=|l| td_string!(l, acc.rights_title).to_string() />
        <section>
            <h1>{t!(i18n, acc.rights_title)}</h1>
            <Notice text=notice />
            <ErrorSummary kit=cancel_kit />
            <ErrorSummary kit=reprint_kit />
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || view_data.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(v) if v.stations.is_empty() => view! {
                        <p class="empty-state" data-testid="no-rights">{t!(i18n, acc.rights_none)}</p>
                    }.into_any(),
                    Ok(v) => rights_view(i18n, v, kit, book, cancel, reprint).into_any(),
                })}
            </Suspense>
        </section>
    }
}

fn rights_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    v: RightsView,
    kit: FormKit,
    book: ServerAction<BookRoom>,
    cancel: ServerAction<CancelBooking>,
    reprint: ServerAction<crate::accreditation::badges::api::ReprintBadge>,
) -> impl IntoView {
    let mut organisations: Vec<(i64, String)> = v
        .stations
        .iter()
        .map(|s| (s.organisation_id, s.organisation.clone()))
        .collect();
    organisations.sort();
    organisations.dedup();
    let rooms: Vec<(String, String)> = v
        .stations
        .iter()
        .flat_map(|s| {
            let station = station_label(i18n, &s.duty_station);
            s.rooms.iter().map(move |r| {
                (
                    r.id.to_string(),
                    format!("{station} — {} ({})", r.name, r.capacity),
                )
            })
        })
        .collect();
    let one_organisation = (organisations.len() == 1).then(|| organisations[0].0);
    let org_options: Vec<(String, String)> = organisations
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    view! {
        {v.stations.into_iter().map(|s| {
            let base = format!("/accreditation/{}/{}", s.organisation_id, s.duty_station);
            let heading = format!("{} — {}", s.organisation, station_label(i18n, &s.duty_station));
            view! {
                <section class="card" data-testid="rights-station">
                    <h2>{heading}</h2>
                    <p class="muted">{t!(i18n, acc.rights_until)} " " {s.valid_until.clone()}</p>
                    <h3>{t!(i18n, acc.temporary_passes)}</h3>
                    {if s.passes.is_empty() {
                        view! { <p class="empty-state">{t!(i18n, acc.none)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="card-list" data-testid="temporary-passes">
                                {s.passes.into_iter().map(|d| {
                                    let draft = d.status == crate::accreditation::domain::DesignationStatus::Draft;
                                    view! {
                                        <li class="card">
                                            <p><strong>{format!("{} {}", d.first_name, d.last_name)}</strong>
                                                " · " {pass_label(i18n, d.pass_kind.as_str())}
                                                " · " <span class="badge">{status_label(i18n, d.status.as_str())}</span></p>
                                            <p class="muted">{format!("{} → {}", d.valid_from, d.valid_until)}</p>
                                            {d.badge.then(|| crate::accreditation::badges::pages::badge_actions(i18n, reprint, d.id))}
                                            {draft.then(|| view! {
                                                <A href=format!("{base}/designations/{}", d.id)>{t!(i18n, acc.continue_draft)}</A>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <p><A href=format!("{base}/new?type=additional_representative") attr:class="button">{t!(i18n, acc.request_temporary)}</A></p>
                </section>
            }
        }).collect_view()}
        <section aria-labelledby="book-title">
            <h2 id="book-title">{t!(i18n, acc.book_room)}</h2>
            {if rooms.is_empty() {
                view! { <p class="empty-state">{t!(i18n, acc.no_rooms)}</p> }.into_any()
            } else {
                view! {
                    <ErrorSummary kit />
                    <ActionForm action=book attr:class="form" attr:id=kit.id attr:novalidate=true>
                        {match one_organisation {
                            Some(id) => view! { <input type="hidden" name="organisation_id" value=id /> }.into_any(),
                            None => view! {
                                <SelectField kit name="organisation_id" label=label!(i18n, acc.col_organisation) options=org_options.clone() required=true />
                            }.into_any(),
                        }}
                        <SelectField kit name="room_id" label=label!(i18n, acc.room) options=rooms.clone() required=true />
                        <DateField kit name="date" label=label!(i18n, acc.booking_date) required=true />
                        <TextField kit name="starts_at" input_type="time" label=label!(i18n, acc.starts_at) required=true max_chars=5
                            help=label!(i18n, acc.help_hours) />
                        <TextField kit name="ends_at" input_type="time" label=label!(i18n, acc.ends_at) required=true max_chars=5 />
                        <TextField kit name="purpose" label=label!(i18n, acc.purpose) required=true max_chars=limits::PURPOSE />
                        <button type="submit" class="button">{t!(i18n, acc.book)}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="bookings-title">
            <h2 id="bookings-title">{t!(i18n, acc.my_bookings)}</h2>
            {if v.bookings.is_empty() {
                view! { <p class="empty-state">{t!(i18n, acc.no_bookings)}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list" data-testid="my-bookings">
                        {v.bookings.into_iter().map(|b| view! {
                            <li class="card">
                                <p><strong>{b.room.clone()}</strong> " · " {station_label(i18n, &b.duty_station)}
                                    " · " {b.starts_at.get(..10).unwrap_or("").to_string()} " " {hours(&b)}</p>
                                <p class="muted">{b.purpose.clone()} " · " {b.organisation.clone()}</p>
                                {cancel_form(i18n, cancel, b.id)}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// `/secretariat/rooms?station=&day=&span=day|week`: the rooms of a station and their bookings,
/// one day or one week; cancel a booking; add a room.
#[component]
pub fn RoomCalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move |k: &str| query.read().get(k).unwrap_or_default();
    let cancel = ServerAction::<CancelBooking>::new();
    let add = ServerAction::<AddRoom>::new();
    let cancel_kit = FormKit::new("cancel-booking", cancel);
    let add_kit = FormKit::new("add-room", add).rules(|f| {
        super::domain::parse_room(
            f.get("name").map_or("", |s| s.as_str()),
            f.get("capacity").map_or("", |s| s.as_str()),
        )
        .err()
        .unwrap_or_default()
    });
    let calendar = Resource::new(
        move || {
            (
                [q("station"), q("day"), q("span")],
                cancel.version().get(),
                add.version().get(),
            )
        },
        |([station, day, span], _, _)| room_calendar(station, day, span),
    );
    view! {
        <PageTitle text=|l| td_string!(l, acc.calendar_title).to_string() />
        <section>
            <h1>{t!(i18n, acc.calendar_title)}</h1>
            <ErrorSummary kit=cancel_kit />
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || calendar.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(c) => {
                        let link = {
                            let (station, span) = (c.duty_station.clone(), c.span.clone());
                            move |day: &str, span_: Option<&str>| format!(
                                "/secretariat/rooms?station={station}&day={day}&span={}",
                                span_.unwrap_or(&span)
                            )
                        };
                        let station_options: Vec<(String, String)> = c.stations.iter().map(|s| (s.clone(), station_label(i18n, s))).collect();
                        let current = c.duty_station.clone();
                        let week = c.span == "week";
                        view! {
                            <Form method="GET" action="" attr:class="form form--filters">
                                <div class="field">
                                    <label for="calendar-station">{t!(i18n, acc.field_station)}</label>
                                    <select id="calendar-station" name="station">
                                        {station_options.into_iter().map(|(v, t)| { let sel = v == current; view! { <option value=v selected=sel>{t}</option> } }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="calendar-day">{t!(i18n, acc.booking_date)}</label>
                                    <input id="calendar-day" name="day" type="date" value=c.day.clone() />
                                </div>
                                <div class="field">
                                    <label for="calendar-span">{t!(i18n, acc.span)}</label>
                                    <select id="calendar-span" name="span">
                                        <option value="day" selected=!week>{t!(i18n, acc.span_day)}</option>
                                        <option value="week" selected=week>{t!(i18n, acc.span_week)}</option>
                                    </select>
                                </div>
                                <button type="submit" class="button">{t!(i18n, acc.filter)}</button>
                            </Form>
                            <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), acc.pages).to_string()>
                                <A href=link(&c.previous, None) attr:rel="prev">{t!(i18n, acc.previous)}</A>
                                " "
                                <A href=link(&c.next, None) attr:rel="next">{t!(i18n, acc.next)}</A>
                            </nav>
                            {if c.rooms.is_empty() {
                                view! { <p class="empty-state">{t!(i18n, acc.no_rooms)}</p> }.into_any()
                            } else {
                                let header: Vec<(String, String)> = c.days.iter().map(|d| (d.clone(), link(d, Some("day")))).collect();
                                let rows: Vec<(String, i64, Vec<Vec<BookingView>>)> = c.rooms.iter().map(|room| {
                                    let cells = c.days.iter().map(|d| c.bookings.iter()
                                        .filter(|b| b.room_id == room.id && b.starts_at.starts_with(d.as_str()))
                                        .cloned().collect()).collect();
                                    (room.name.clone(), room.capacity, cells)
                                }).collect();
                                let caption = format!("{} · {}{}", station_label(i18n, &c.duty_station), c.days.first().cloned().unwrap_or_default(),
                                    if c.days.len() > 1 { format!(" → {}", c.days.last().cloned().unwrap_or_default()) } else { String::new() });
                                view! {
                                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="calendar-caption">
                                        <table class="table calendar" data-testid="calendar">
                                            <caption id="calendar-caption">{caption}</caption>
                                            <thead><tr>
                                                <th scope="col">{t!(i18n, acc.room)}</th>
                                                {header.into_iter().map(|(d, href)| view! { <th scope="col"><A href=href>{d}</A></th> }).collect_view()}
                                            </tr></thead>
                                            <tbody>
                                                {rows.into_iter().map(|(name, capacity, cells)| view! {
                                                    <tr>
                                                        <th scope="row">{name} <span class="muted">{format!(" ({capacity})")}</span></th>
                                                        {cells.into_iter().map(|items| view! {
                                                            <td>
                                                                {items.into_iter().map(|b| view! {
                                                                    <div class="booking" data-testid="booking">
                                                                        <strong>{hours(&b)}</strong> " " {b.organisation.clone()}
                                                                        <br /><span class="muted">{b.purpose.clone()} " · " {b.booker.clone()}</span>
                                                                        {cancel_form(i18n, cancel, b.id)}
                                                                    </div>
                                                                }).collect_view()}
                                                            </td>
                                                        }).collect_view()}
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                            <details class="confirm">
                                <summary>{t!(i18n, acc.add_room)}</summary>
                                <ErrorSummary kit=add_kit />
                                <ActionForm action=add attr:class="form" attr:id=add_kit.id attr:novalidate=true>
                                    <input type="hidden" name="station" value=c.duty_station.clone() />
                                    <TextField kit=add_kit name="name" label=label!(i18n, acc.room_name) required=true max_chars=limits::ROOM_NAME />
                                    <NumberField kit=add_kit name="capacity" label=label!(i18n, acc.capacity) required=true />
                                    <button type="submit" class="button">{t!(i18n, acc.add_room)}</button>
                                </ActionForm>
                            </details>
                        }.into_any()
                    }
                })}
            </Suspense>
            <p><A href="/secretariat/designations">{t!(i18n, acc.nav_queue)}</A></p>
        </section>
    }
}
