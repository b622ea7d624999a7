//! Lines of the authorisation matrix for organisations: creation, members, join requests, consultative status, profile, files (see `super`).
use super::Expect::{Allowed, Forbidden, Unauthenticated};
use super::Who::{Anyone, Only, SignedIn};
use super::{Check, once, rule};

pub(super) const ROWS: &[Check] = &[
    rule("organisations/search", &[("q", "Org")], Anyone),
    rule("organisations/mine", &[], SignedIn),
    rule(
        "organisations/similar",
        &[("legal_name", "Org A"), ("country", "SN")],
        SignedIn,
    ),
    // Creating an organisation: anyone signed in; a country office under a headquarters: its
    // administrators and editors.
    rule(
        "organisations/create",
        &[("legal_name", ""), ("country", ""), ("kind", "")],
        SignedIn,
    ),
    rule(
        "organisations/create",
        &[
            ("legal_name", ""),
            ("country", ""),
            ("kind", ""),
            ("parent_id", "{A}"),
        ],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
    // Reading an organisation: its members, the help desk, platform administrators.
    rule(
        "organisations/page",
        &[("id", "{A}")],
        Only(&["a.reader", "a.editor", "a.admin", "helpdesk", "platform"]),
    ),
    // Members: administrators of that organisation (and platform administrators); demoting or
    // removing the last administrator is refused by validation (422), so those lines change nothing.
    rule(
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Only(&["a.admin", "platform"]),
    ),
    rule(
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "bogus"),
        ],
        Only(&["a.admin", "platform"]),
    ),
    once(
        "a.editor",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    once(
        "a.reader",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    once(
        "b.admin",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    rule(
        "organisations/change_member_role",
        &[
            ("membership_id", "{B.admin_membership}"),
            ("role", "reader"),
        ],
        Only(&["b.admin", "platform"]),
    ),
    once(
        "anonymous",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Unauthenticated,
    ),
    once(
        "a.editor",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Forbidden,
    ),
    once(
        "b.admin",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Forbidden,
    ),
    rule(
        "organisations/remove_member",
        &[("membership_id", "{B.admin_membership}")],
        Only(&["b.admin", "platform"]),
    ),
    once(
        "a.admin",
        "organisations/remove_member",
        &[("membership_id", "{A.listed_membership}")],
        Allowed,
    ),
    // Leaving: a member (a real change, asked once).
    once(
        "anonymous",
        "organisations/leave",
        &[("organisation_id", "{A}")],
        Unauthenticated,
    ),
    once(
        "b.admin",
        "organisations/leave",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    rule(
        "organisations/request_to_join",
        &[("organisation_id", "{A}"), ("admin_email", "bad")],
        SignedIn,
    ),
    // Join requests: administrators of the organisation asked.
    rule(
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "bogus")],
        Only(&["a.admin", "platform"]),
    ),
    once(
        "a.editor",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    once(
        "a.reader",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    once(
        "b.admin",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    once(
        "outsider",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    once(
        "a.admin",
        "organisations/decide_join_request",
        &[("request_id", "{B.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    // Consultative status: platform administrators.
    rule(
        "organisations/set_consultative_status",
        &[("organisation_id", "{A}"), ("status", "bogus")],
        Only(&["platform"]),
    ),
    once(
        "a.admin",
        "organisations/set_consultative_status",
        &[
            ("organisation_id", "{A}"),
            ("status", "general"),
            ("year", "2000"),
        ],
        Forbidden,
    ),
    once(
        "officer",
        "organisations/set_consultative_status",
        &[
            ("organisation_id", "{A}"),
            ("status", "general"),
            ("year", "2000"),
        ],
        Forbidden,
    ),
    // The profile and its files: administrators and editors, platform administrators.
    rule(
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", ""),
            ("country", ""),
        ],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
    once(
        "a.reader",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    once(
        "b.admin",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    once(
        "helpdesk",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    rule(
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
];
