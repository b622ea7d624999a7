//! Lines of the authorisation matrix for the outbox (see `super`).
use super::Who::Only;
use super::{Check, rule};

pub(super) const ROWS: &[Check] = &[
    // The outbox: platform administrators.
    rule("mail/outbox", &[], Only(&["platform"])),
    rule("mail/retry", &[("mail_id", "1")], Only(&["platform"])),
];
