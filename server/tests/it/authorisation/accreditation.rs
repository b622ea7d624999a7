//! Lines of the authorisation matrix for accreditation: designations, review, badges, rooms, photos (see `super`).
use super::Expect::{Allowed, Forbidden, Unauthenticated};
use super::Who::{Anyone, Only, SignedIn};
use super::{Check, NOBODY, hidden, once, rule};

pub(super) const ROWS: &[Check] = &[
    // An organisation's designations are read by its members, accreditation officers of the
    // station, the help desk and platform administrators; designated by its administrators and
    // editors only; decided by the officers of the designation's duty station.
    rule(
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Only(&[
            "a.reader", "a.editor", "a.admin", "helpdesk", "officer", "platform",
        ]),
    ),
    rule(
        "accreditation/form",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Only(&["a.admin", "a.editor"]),
    ),
    rule(
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Only(&["a.admin", "a.editor"]),
    ),
    // The secretariat's queue, decisions, dashboard, renewal: officers and platform administrators.
    rule("accreditation/queue", &[], Only(&["officer", "platform"])),
    rule(
        "accreditation/decide",
        &[("designation_id", "{A.designation}"), ("decision", "none")],
        Only(&["officer", "platform"]),
    ),
    rule(
        "accreditation/dashboard",
        &[],
        Only(&["officer", "platform"]),
    ),
    rule(
        "accreditation/decide_many",
        &[("ids[]", "{A.designation}"), ("decision", "none")],
        Only(&["officer", "platform"]),
    ),
    rule("accreditation/directory", &[], Anyone),
    rule(
        "accreditation/renew",
        &[("year", "1999")],
        Only(&["officer", "platform"]),
    ),
    // Withdrawing: the organisation's administrators and editors (a real change, asked once).
    once(
        "anonymous",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Unauthenticated,
    ),
    once(
        "a.reader",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    once(
        "b.admin",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    once(
        "officer",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    once(
        "platform",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    once(
        "a.editor",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Allowed,
    ),
    // A designation's photo: the organisation's administrators and editors.
    rule(
        "uploads/designation_photo",
        &[("designation_id", "{A.designation}")],
        Only(&["a.admin", "a.editor"]),
    ),
    rule("accreditation/rights", &[], SignedIn),
    // Booking a room needs an accredited designation at the station: nobody here holds one.
    rule(
        "accreditation/book",
        &[
            ("room_id", "{room}"),
            ("date", "{today}"),
            ("starts_at", "10:00"),
            ("ends_at", "11:00"),
            ("purpose", "x"),
        ],
        NOBODY,
    ),
    // Cancelling: an outsider and a reader learn nothing of the booking (404).
    once(
        "anonymous",
        "accreditation/cancel_booking",
        &[("booking_id", "{booking}")],
        Unauthenticated,
    ),
    once(
        "outsider",
        "accreditation/cancel_booking",
        &[("booking_id", "{booking}")],
        Allowed,
    ),
    once(
        "a.reader",
        "accreditation/cancel_booking",
        &[("booking_id", "{booking}")],
        Allowed,
    ),
    once(
        "officer",
        "accreditation/cancel_booking",
        &[("booking_id", "{booking}")],
        Allowed,
    ),
    // Rooms and their calendar: officers of the station and platform administrators.
    rule(
        "accreditation/calendar",
        &[("station", "geneva")],
        Only(&["officer", "platform"]),
    ),
    rule(
        "accreditation/add_room",
        &[("station", "geneva"), ("name", ""), ("capacity", "")],
        Only(&["officer", "platform"]),
    ),
    rule("accreditation/verify", &[("code", "x.y")], Anyone),
    // Reprinting a badge: the organisation's administrators and editors, officers, platform
    // administrators; to anyone else the designation does not exist.
    hidden(
        "accreditation/reprint",
        &[("designation_id", "{A.designation}")],
        Only(&["a.admin", "a.editor", "officer", "platform"]),
    ),
];
