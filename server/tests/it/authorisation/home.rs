//! Lines of the authorisation matrix for the public figures (see `super`).
use super::Who::Anyone;
use super::{Check, rule};

pub(super) const ROWS: &[Check] = &[rule("home_stats", &[], Anyone)];
