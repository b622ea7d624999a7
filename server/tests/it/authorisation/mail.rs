//! Rows of the authorisation matrix for the outbox (see `super`).
use super::Expect::{Allowed, Forbidden, Unauthenticated};
use super::Row;

pub(super) const ROWS: &[Row] = &[
    ("anonymous", "mail/outbox", &[], Unauthenticated),
    ("helpdesk", "mail/outbox", &[], Forbidden),
    ("a.admin", "mail/outbox", &[], Forbidden),
    ("platform", "mail/outbox", &[], Allowed),
    (
        "anonymous",
        "mail/retry",
        &[("mail_id", "1")],
        Unauthenticated,
    ),
    ("helpdesk", "mail/retry", &[("mail_id", "1")], Forbidden),
    ("a.admin", "mail/retry", &[("mail_id", "1")], Forbidden),
    ("platform", "mail/retry", &[("mail_id", "1")], Allowed),
];
