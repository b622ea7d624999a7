//! Lines of the authorisation matrix for drafts (see `super`).
use super::Who::{Only, SignedIn};
use super::{Check, NOBODY, rule};

pub(super) const ROWS: &[Check] = &[
    // Drafts: one's own details; an organisation's profile for its administrators and editors;
    // another form's key is nobody's.
    rule("drafts/load", &[("form", "my_details")], SignedIn),
    rule(
        "drafts/load",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
    rule(
        "drafts/load",
        &[("form", "my_details"), ("record_key", "{A}")],
        NOBODY,
    ),
    rule(
        "drafts/save",
        &[
            ("form", "my_details"),
            ("fields", "{}"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        SignedIn,
    ),
    rule(
        "drafts/save",
        &[
            ("form", "organisation_profile"),
            ("record_key", "{A}"),
            ("fields", "x"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
    rule(
        "drafts/save",
        &[
            ("form", "organisation_profile"),
            ("record_key", "{A}"),
            ("fields", "{}"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
    rule("drafts/discard", &[("form", "my_details")], SignedIn),
    rule(
        "drafts/discard",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
];
