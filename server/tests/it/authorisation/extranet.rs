//! Lines of the authorisation matrix for extranet registrations (see `super`).
use super::Expect::Forbidden;
use super::Who::{Anyone, Only};
use super::{Check, once, rule};

pub(super) const ROWS: &[Check] = &[
    rule(
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
        Anyone,
    ),
    // Extranet registrations: the extranet secretariat and platform administrators.
    rule(
        // Extranet registrations: the extranet secretariat and platform administrators.
        "extranet/registrations",
        &[],
        Only(&["extranet", "platform"]),
    ),
    rule(
        "extranet/decide_registration",
        &[("registration_id", "{registration}"), ("decision", "bogus")],
        Only(&["extranet", "platform"]),
    ),
    once(
        "a.admin",
        "extranet/decide_registration",
        &[
            ("registration_id", "{registration}"),
            ("decision", "validate"),
        ],
        Forbidden,
    ),
    once(
        "agency",
        "extranet/decide_registration",
        &[
            ("registration_id", "{registration}"),
            ("decision", "validate"),
        ],
        Forbidden,
    ),
];
