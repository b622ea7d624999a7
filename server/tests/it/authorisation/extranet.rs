//! Rows of the authorisation matrix for extranet registrations (see `super`).
use super::Expect::{Allowed, Forbidden, Unauthenticated};
use super::Row;

pub(super) const ROWS: &[Row] = &[
    (
        "anonymous",
        "extranet/register",
        &[
            ("group", ""),
            ("country", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("position", ""),
            ("email", ""),
            ("username", ""),
            ("password", ""),
        ],
        Allowed,
    ),
    // Extranet registrations: the extranet secretariat.
    ("anonymous", "extranet/registrations", &[], Unauthenticated),
    ("a.admin", "extranet/registrations", &[], Forbidden),
    ("helpdesk", "extranet/registrations", &[], Forbidden),
    ("officer", "extranet/registrations", &[], Forbidden),
    ("extranet", "extranet/registrations", &[], Allowed),
    ("platform", "extranet/registrations", &[], Allowed),
    (
        "anonymous",
        "extranet/decide_registration",
        &[("registration_id", "{registration}"), ("decision", "bogus")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "extranet/decide_registration",
        &[
            ("registration_id", "{registration}"),
            ("decision", "validate"),
        ],
        Forbidden,
    ),
    (
        "agency",
        "extranet/decide_registration",
        &[
            ("registration_id", "{registration}"),
            ("decision", "validate"),
        ],
        Forbidden,
    ),
    (
        "extranet",
        "extranet/decide_registration",
        &[("registration_id", "{registration}"), ("decision", "bogus")],
        Allowed,
    ),
];
