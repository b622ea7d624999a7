//! Lines of the authorisation matrix for partner profiles: reading, sections, documents,
//! partner codes, the spending import (see `super`).
use super::Expect::Forbidden;
use super::Who::{Anyone, Only, SignedIn};
use super::{Check, hidden, once, rule};

pub(super) const ROWS: &[Check] = &[
    // Calls for expression of interest: open calls and published ones are read by everyone; a
    // draft by its agency's officers (hidden from the others); only they write, publish and
    // finalise (the form is invalid, the action unknown: 422 for the allowed).
    rule("partners/open_calls", &[("sector", "health")], Anyone),
    rule("partners/call", &[("call_id", "{call_published}")], Anyone),
    hidden(
        "partners/call",
        &[("call_id", "{call_draft}")],
        Only(&["agency", "platform"]),
    ),
    rule("partners/agency_calls", &[], Only(&["agency", "platform"])),
    rule(
        "partners/call_form",
        &[("call_id", "0")],
        Only(&["agency", "platform"]),
    ),
    rule(
        "partners/call_form",
        &[("call_id", "{call_draft}")],
        Only(&["agency", "platform"]),
    ),
    rule(
        "partners/call_save",
        &[("call_id", "0"), ("agency", "unfpa"), ("title", "")],
        Only(&["agency", "platform"]),
    ),
    hidden(
        "partners/call_save",
        &[("call_id", "{call_draft}"), ("title", "")],
        Only(&["agency", "platform"]),
    ),
    hidden(
        "partners/call_move",
        &[("call_id", "{call_draft}"), ("action", "bogus")],
        Only(&["agency", "platform"]),
    ),
    rule(
        "partners/call_move",
        &[("call_id", "{call_published}"), ("action", "bogus")],
        Only(&["agency", "platform"]),
    ),
    // Applications: an organisation's administrators and editors apply for it (the note is
    // empty: 422); withdrawing is theirs, the application hidden from others (a stale version:
    // 422).
    rule(
        "partners/apply",
        &[
            ("call_id", "{call_published}"),
            ("organisation_id", "{A}"),
            ("concept_note", ""),
        ],
        Only(&["a.admin", "a.editor"]),
    ),
    hidden(
        "partners/withdraw_application",
        &[("application_id", "{application}"), ("version", "0")],
        Only(&["b.admin"]),
    ),
    // The review: the application and its reviews are the call's agency's (hidden from
    // everyone else, its partner included); reviewers are assigned by its officers (the action
    // unknown: 422); only an assigned reviewer scores (the agency's officer is one; the score
    // missing: 422, the call still open); the agency moves it and the partner answers an award
    // (the action unknown: 422); the feedback is the agency's.
    hidden(
        "partners/application_review",
        &[("application_id", "{application}")],
        Only(&["agency", "platform"]),
    ),
    hidden(
        "partners/call_reviewer",
        &[("call_id", "{call_published}"), ("action", "bogus")],
        Only(&["agency", "platform"]),
    ),
    hidden(
        "partners/score_application",
        &[("application_id", "{application}"), ("score_1", "")],
        Only(&["agency"]),
    ),
    hidden(
        "partners/move_application",
        &[
            ("application_id", "{application}"),
            ("version", "0"),
            ("action", "bogus"),
        ],
        Only(&["b.admin", "agency", "platform"]),
    ),
    hidden(
        "partners/application_feedback",
        &[("application_id", "{application}"), ("feedback", "")],
        Only(&["agency", "platform"]),
    ),
    // A profile is read by its members, every agency officer, the help desk and platform
    // administrators.
    rule(
        "partners/profile",
        &[("organisation_id", "{A}")],
        Only(&[
            "a.admin", "a.editor", "a.reader", "agency", "helpdesk", "platform",
        ]),
    ),
    // The agencies' search: agency officers and platform administrators.
    rule(
        "partners/search",
        &[("q", "Org")],
        Only(&["agency", "platform"]),
    ),
    // The agencies' dashboard: agency officers and platform administrators.
    rule("partners/dashboard", &[], Only(&["agency", "platform"])),
    // Sections and documents: its administrators and editors (the year is invalid: the
    // allowed are answered 422 and nothing changes).
    rule(
        "partners/save_section",
        &[
            ("organisation_id", "{A}"),
            ("section", "identification"),
            ("version", "0"),
            ("year_established", "1"),
        ],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
    rule(
        "uploads/partner_documents",
        &[("organisation_id", "{A}")],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
    // Partner codes and spending: officers of that agency (the code is invalid, the file
    // missing: 422 for the allowed).
    rule(
        "partners/link_code",
        &[
            ("organisation_id", "{A}"),
            ("agency", "unfpa"),
            ("code", "not a code"),
        ],
        Only(&["agency", "platform"]),
    ),
    once(
        "agency",
        "partners/link_code",
        &[
            ("organisation_id", "{A}"),
            ("agency", "unicef"),
            ("code", "P1"),
        ],
        Forbidden,
    ),
    // Verification and flags: officers of that agency (answers invalid: 422 for the allowed;
    // yellow cannot go back to an observation: 422).
    rule(
        "partners/verify",
        &[
            ("organisation_id", "{A}"),
            ("agency", "unfpa"),
            ("registration_valid", "maybe"),
        ],
        Only(&["agency", "platform"]),
    ),
    rule(
        "partners/flag",
        &[
            ("organisation_id", "{A}"),
            ("agency", "unfpa"),
            ("level", "bogus"),
        ],
        Only(&["agency", "platform"]),
    ),
    rule(
        "partners/change_flag",
        &[("flag_id", "{A.flag}"), ("level", "observation")],
        Only(&["agency", "platform"]),
    ),
    rule(
        "uploads/partner_spending",
        &[("agency", "unfpa")],
        Only(&["agency", "platform"]),
    ),
    once(
        "agency",
        "uploads/partner_spending",
        &[("agency", "unicef")],
        Forbidden,
    ),
    // The PSEA self-assessment: read with the profile, written by its editors, reviewed by
    // agency officers (an invalid answer, an invalid decision: 422 for the allowed).
    rule(
        "partners/psea",
        &[("organisation_id", "{A}")],
        Only(&[
            "a.admin", "a.editor", "a.reader", "agency", "helpdesk", "platform",
        ]),
    ),
    rule(
        "partners/psea_save",
        &[("organisation_id", "{A}"), ("training", "maybe")],
        Only(&["a.admin", "a.editor", "platform"]),
    ),
    rule(
        "partners/psea_review",
        &[
            ("assessment_id", "0"),
            ("agency", "unfpa"),
            ("decision", "bogus"),
        ],
        Only(&["agency", "platform"]),
    ),
    // Support requests: asked by the organisation's members (an unknown category: 422 for
    // them); followed by the requester and the help desk, hidden from everyone else; each
    // signed-in person lists their own (the help desk, every request).
    rule(
        "partners/ask_for_help",
        &[("organisation_id", "{A}"), ("category", "bogus")],
        Only(&["a.admin", "a.editor", "a.reader"]),
    ),
    rule("partners/support_requests", &[], SignedIn),
    hidden(
        "partners/support_request",
        &[("request_id", "{A.support}")],
        Only(&["a.reader", "helpdesk", "platform"]),
    ),
    hidden(
        "partners/support_reply",
        &[("request_id", "{A.support}"), ("message", "")],
        Only(&["a.reader", "helpdesk", "platform"]),
    ),
    hidden(
        "partners/support_move",
        &[
            ("request_id", "{A.support}"),
            ("version", "0"),
            ("to", "bogus"),
        ],
        Only(&["a.reader", "helpdesk", "platform"]),
    ),
    // Only the help desk moves a request on; only its requester reopens it.
    once(
        "a.reader",
        "partners/support_move",
        &[
            ("request_id", "{A.support}"),
            ("version", "1"),
            ("to", "in_progress"),
        ],
        Forbidden,
    ),
    once(
        "helpdesk",
        "partners/support_move",
        &[
            ("request_id", "{A.support}"),
            ("version", "1"),
            ("to", "reopened"),
            ("message", "x"),
        ],
        Forbidden,
    ),
    hidden(
        "uploads/support_files",
        &[("request_id", "{A.support}")],
        Only(&["a.reader", "helpdesk", "platform"]),
    ),
];
