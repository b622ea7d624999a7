//! Lines of the authorisation matrix for staff roles (see `super`).
use super::Expect::{Forbidden, Unauthenticated};
use super::Who::Only;
use super::{Check, once, rule};

pub(super) const ROWS: &[Check] = &[
    // Staff management: platform administrators; real grants and revocations are asked only of
    // those refused.
    rule("staff/list", &[], Only(&["platform"])),
    once(
        "anonymous",
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "platform_admin")],
        Unauthenticated,
    ),
    once(
        "a.admin",
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "platform_admin")],
        Forbidden,
    ),
    once(
        "extranet",
        "staff/grant",
        &[
            ("email", "extranet@example.org"),
            ("role", "platform_admin"),
        ],
        Forbidden,
    ),
    rule(
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "bogus")],
        Only(&["platform"]),
    ),
    once(
        "anonymous",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Unauthenticated,
    ),
    once(
        "helpdesk",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Forbidden,
    ),
    once(
        "officer",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Forbidden,
    ),
];
