//! Rows of the authorisation matrix for organisations: creation, members, join requests, consultative status, profile, files (see `super`).
use super::Expect::{Allowed, Forbidden, Unauthenticated};
use super::Row;

pub(super) const ROWS: &[Row] = &[
    (
        "anonymous",
        "organisations/search",
        &[("q", "Org")],
        Allowed,
    ),
    ("anonymous", "organisations/mine", &[], Unauthenticated),
    ("outsider", "organisations/mine", &[], Allowed),
    // Creating an organisation, or a country office under a headquarters.
    (
        "anonymous",
        "organisations/create",
        &[("legal_name", ""), ("country", ""), ("kind", "")],
        Unauthenticated,
    ),
    (
        "outsider",
        "organisations/create",
        &[("legal_name", ""), ("country", ""), ("kind", "")],
        Allowed,
    ),
    (
        "a.editor",
        "organisations/create",
        &[
            ("legal_name", ""),
            ("country", ""),
            ("kind", ""),
            ("parent_id", "{A}"),
        ],
        Allowed,
    ),
    (
        "a.reader",
        "organisations/create",
        &[
            ("legal_name", ""),
            ("country", ""),
            ("kind", ""),
            ("parent_id", "{A}"),
        ],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/create",
        &[
            ("legal_name", ""),
            ("country", ""),
            ("kind", ""),
            ("parent_id", "{A}"),
        ],
        Forbidden,
    ),
    // Reading an organisation: its members, the help desk, platform administrators.
    (
        "anonymous",
        "organisations/page",
        &[("id", "{A}")],
        Unauthenticated,
    ),
    ("a.reader", "organisations/page", &[("id", "{A}")], Allowed),
    ("b.admin", "organisations/page", &[("id", "{A}")], Forbidden),
    (
        "outsider",
        "organisations/page",
        &[("id", "{A}")],
        Forbidden,
    ),
    ("helpdesk", "organisations/page", &[("id", "{A}")], Allowed),
    ("officer", "organisations/page", &[("id", "{A}")], Forbidden),
    ("agency", "organisations/page", &[("id", "{A}")], Forbidden),
    ("platform", "organisations/page", &[("id", "{A}")], Allowed),
    // Adding people: administrators of that organisation.
    (
        "anonymous",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Unauthenticated,
    ),
    (
        "a.admin",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Allowed,
    ),
    (
        "a.editor",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Forbidden,
    ),
    (
        "a.reader",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Forbidden,
    ),
    (
        "helpdesk",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Forbidden,
    ),
    (
        "platform",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Allowed,
    ),
    // Changing roles: the organisation of the membership decides, not an id from the client.
    (
        "anonymous",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "bogus"),
        ],
        Unauthenticated,
    ),
    (
        "a.admin",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "bogus"),
        ],
        Allowed,
    ),
    (
        "a.editor",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    (
        "a.reader",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    (
        "a.admin",
        "organisations/change_member_role",
        &[
            ("membership_id", "{B.admin_membership}"),
            ("role", "reader"),
        ],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    (
        "anonymous",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Unauthenticated,
    ),
    (
        "a.editor",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Forbidden,
    ),
    (
        "a.admin",
        "organisations/remove_member",
        &[("membership_id", "{B.admin_membership}")],
        Forbidden,
    ),
    (
        "a.admin",
        "organisations/remove_member",
        &[("membership_id", "{A.listed_membership}")],
        Allowed,
    ),
    // Leaving: members only.
    (
        "anonymous",
        "organisations/leave",
        &[("organisation_id", "{A}")],
        Unauthenticated,
    ),
    (
        "b.admin",
        "organisations/leave",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    // Join requests: anyone signed in asks; the organisation's administrators decide.
    (
        "anonymous",
        "organisations/request_to_join",
        &[("organisation_id", "{A}"), ("admin_email", "bad")],
        Unauthenticated,
    ),
    (
        "b.admin",
        "organisations/request_to_join",
        &[("organisation_id", "{A}"), ("admin_email", "bad")],
        Allowed,
    ),
    (
        "anonymous",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "bogus")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "bogus")],
        Allowed,
    ),
    (
        "a.editor",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    (
        "a.reader",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    (
        "a.admin",
        "organisations/decide_join_request",
        &[("request_id", "{B.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    (
        "outsider",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    // ECOSOC consultative status: platform administrators.
    (
        "anonymous",
        "organisations/set_consultative_status",
        &[("organisation_id", "{A}"), ("status", "bogus")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "organisations/set_consultative_status",
        &[
            ("organisation_id", "{A}"),
            ("status", "general"),
            ("year", "2000"),
        ],
        Forbidden,
    ),
    (
        "officer",
        "organisations/set_consultative_status",
        &[
            ("organisation_id", "{A}"),
            ("status", "general"),
            ("year", "2000"),
        ],
        Forbidden,
    ),
    (
        "platform",
        "organisations/set_consultative_status",
        &[("organisation_id", "{A}"), ("status", "bogus")],
        Allowed,
    ),
    // The organisation profile: its administrators and editors.
    (
        "anonymous",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", ""),
            ("country", ""),
        ],
        Unauthenticated,
    ),
    (
        "a.editor",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", ""),
            ("country", ""),
        ],
        Allowed,
    ),
    (
        "a.reader",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    (
        "helpdesk",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    // Uploading an organisation's files: its administrators and editors (and platform
    // administrators). The file sent is not a PNG, so an allowed call is a 422.
    (
        "anonymous",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Allowed,
    ),
    (
        "a.editor",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Allowed,
    ),
    (
        "a.reader",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "b.admin",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "outsider",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "helpdesk",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "officer",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "platform",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Allowed,
    ),
];
