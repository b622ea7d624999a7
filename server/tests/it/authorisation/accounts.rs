//! Lines of the authorisation matrix for accounts: sign-up, sign-in, recovery, one's own details (see `super`).
use super::Who::{Anyone, SignedIn};
use super::{Check, rule};

pub(super) const ROWS: &[Check] = &[
    // Public: signing in, signing up, recovery.
    rule("accounts/whoami", &[], Anyone),
    // Asked anonymously only: signing out would end the asker's session.
    rule("accounts/logout", &[], Anyone),
    rule(
        "accounts/login",
        &[("login", "nobody"), ("password", "x")],
        Anyone,
    ),
    rule("accounts/request_sign_up_code", &[("email", "bad")], Anyone),
    rule(
        "accounts/verify_sign_up_code",
        &[("email", "new@example.org"), ("code", "1")],
        Anyone,
    ),
    rule("accounts/sign_up_email", &[], Anyone),
    rule(
        "accounts/complete_sign_up",
        &[
            ("username", "x"),
            ("display_name", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("password", ""),
        ],
        Anyone,
    ),
    rule(
        "accounts/request_password_reset",
        &[("email", "bad")],
        Anyone,
    ),
    rule(
        "accounts/reset_password",
        &[("token", "x"), ("password", "")],
        Anyone,
    ),
    // One's own account: anyone signed in.
    rule("accounts/my_details", &[], SignedIn),
    rule(
        "accounts/update_my_details",
        &[
            ("username", ""),
            ("display_name", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("locale", ""),
        ],
        SignedIn,
    ),
    rule(
        "accounts/change_password",
        &[("current_password", ""), ("new_password", "")],
        SignedIn,
    ),
    rule(
        "accounts/request_email_change",
        &[("new_email", "bad")],
        SignedIn,
    ),
    rule("accounts/confirm_email_change", &[("code", "1")], SignedIn),
];
