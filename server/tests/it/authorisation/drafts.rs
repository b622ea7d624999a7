//! Rows of the authorisation matrix for drafts (see `super`).
use super::Expect::{Allowed, Forbidden, Unauthenticated};
use super::Row;

pub(super) const ROWS: &[Row] = &[
    // Drafts: one's own details; an organisation's profile for its administrators and editors.
    (
        "anonymous",
        "drafts/load",
        &[("form", "my_details")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "drafts/load",
        &[("form", "my_details")],
        Allowed,
    ),
    (
        "a.editor",
        "drafts/load",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Allowed,
    ),
    (
        "a.reader",
        "drafts/load",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Forbidden,
    ),
    (
        "b.admin",
        "drafts/load",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Forbidden,
    ),
    (
        "a.reader",
        "drafts/load",
        &[("form", "my_details"), ("record_key", "{A}")],
        Forbidden,
    ),
    (
        "anonymous",
        "drafts/save",
        &[
            ("form", "my_details"),
            ("fields", "{}"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Unauthenticated,
    ),
    (
        "a.admin",
        "drafts/save",
        &[
            ("form", "organisation_profile"),
            ("record_key", "{A}"),
            ("fields", "x"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Allowed,
    ),
    (
        "b.admin",
        "drafts/save",
        &[
            ("form", "organisation_profile"),
            ("record_key", "{A}"),
            ("fields", "{}"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Forbidden,
    ),
    (
        "helpdesk",
        "drafts/save",
        &[
            ("form", "organisation_profile"),
            ("record_key", "{A}"),
            ("fields", "{}"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Forbidden,
    ),
    (
        "anonymous",
        "drafts/discard",
        &[("form", "my_details")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "drafts/discard",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Forbidden,
    ),
    (
        "a.editor",
        "drafts/discard",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Allowed,
    ),
];
