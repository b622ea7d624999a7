//! Rows of the authorisation matrix for staff roles (see `super`).
use super::Expect::{Allowed, Forbidden, Unauthenticated};
use super::Row;

pub(super) const ROWS: &[Row] = &[
    // Staff management and the outbox: platform administrators.
    ("anonymous", "staff/list", &[], Unauthenticated),
    ("extranet", "staff/list", &[], Forbidden),
    ("helpdesk", "staff/list", &[], Forbidden),
    ("platform", "staff/list", &[], Allowed),
    (
        "anonymous",
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "platform_admin")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "platform_admin")],
        Forbidden,
    ),
    (
        "extranet",
        "staff/grant",
        &[
            ("email", "extranet@example.org"),
            ("role", "platform_admin"),
        ],
        Forbidden,
    ),
    (
        "platform",
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "bogus")],
        Allowed,
    ),
    (
        "anonymous",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Unauthenticated,
    ),
    (
        "helpdesk",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Forbidden,
    ),
    (
        "officer",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Forbidden,
    ),
];
