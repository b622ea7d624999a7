//! The mails of accreditation: designations changing state, room bookings. Their text is in `templates/<name>.<fr|en|es>.txt` (`mail::templates`).
use crate::accreditation::domain::{DesignationStatus, DutyStation};
use serde::Serialize;

/// The templates of the module, given to `mail::templates::install` (`app::modules`).
pub const TEMPLATES: &[crate::mail::templates::TemplateFiles] =
    crate::mail_templates!("accreditation": "designation_changed", "room_booking");

/// A mail of the module: the variant names its template, the fields are its variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum AccreditationMail {
    /// A designation changed state (submitted, approved, rejected, withdrawn, revoked): to the
    /// person who designated; `state` is the new state's code, `reason` the secretariat's.
    DesignationChanged {
        organisation: String,
        person: String,
        duty_station: DutyStation,
        state: DesignationStatus,
        reason: Option<String>,
        link: String,
    },
    /// A meeting-room booking was made, or cancelled (`cancelled`), with the slot in the
    /// station's time (`YYYY-MM-DD HH:MM–HH:MM`).
    RoomBooking {
        room: String,
        slot: String,
        purpose: String,
        cancelled: bool,
        link: String,
    },
}

impl crate::mail::templates::Mail for AccreditationMail {}
