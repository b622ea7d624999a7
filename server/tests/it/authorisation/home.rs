//! Rows of the authorisation matrix for the public figures (see `super`).
use super::Expect::Allowed;
use super::Row;

pub(super) const ROWS: &[Row] = &[
    // Public: anyone, signed in or not.
    ("anonymous", "home_stats", &[], Allowed),
];
