//! Rows of the authorisation matrix for accounts: sign-up, sign-in, recovery, one's own details (see `super`).
use super::Expect::{Allowed, Unauthenticated};
use super::Row;

pub(super) const ROWS: &[Row] = &[
    ("anonymous", "accounts/whoami", &[], Allowed),
    ("anonymous", "accounts/logout", &[], Allowed),
    (
        "anonymous",
        "accounts/login",
        &[("login", "nobody"), ("password", "x")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/request_sign_up_code",
        &[("email", "bad")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/verify_sign_up_code",
        &[("email", "new@example.org"), ("code", "1")],
        Allowed,
    ),
    ("anonymous", "accounts/sign_up_email", &[], Allowed),
    (
        "anonymous",
        "accounts/complete_sign_up",
        &[
            ("username", "x"),
            ("display_name", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("password", ""),
        ],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/request_password_reset",
        &[("email", "bad")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/reset_password",
        &[("token", "x"), ("password", "")],
        Allowed,
    ),
    // Own account: signed-in people only.
    ("anonymous", "accounts/my_details", &[], Unauthenticated),
    ("a.reader", "accounts/my_details", &[], Allowed),
    (
        "anonymous",
        "accounts/update_my_details",
        &[
            ("username", ""),
            ("display_name", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("locale", ""),
        ],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accounts/update_my_details",
        &[
            ("username", ""),
            ("display_name", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("locale", ""),
        ],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/change_password",
        &[("current_password", ""), ("new_password", "")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accounts/change_password",
        &[("current_password", ""), ("new_password", "")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/request_email_change",
        &[("new_email", "bad")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accounts/request_email_change",
        &[("new_email", "bad")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/confirm_email_change",
        &[("code", "1")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accounts/confirm_email_change",
        &[("code", "1")],
        Allowed,
    ),
];
