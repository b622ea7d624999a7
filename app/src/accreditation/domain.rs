//! Pure accreditation rules (PRODUCT.md §3, seed 000): duty stations, pass and representative
//! types, designation states, quotas, the same-person rule, badge validity, the one designation
//! form validator (server and browser), copy, annual renewal, badge verification, room-booking
//! overlaps. No I/O: the database transaction re-checks quotas under concurrent submissions.
use crate::accounts::domain::{
    EmailAddress, FormErrors, email_error_code, parse_optional_text, parse_required_text,
    text_error_code,
};
use crate::drafts::domain::Fields;
use crate::error::FieldError;
use crate::organisations::domain::parse_country;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A closed list of choices, each with a stable snake_case code (database, forms, serde).
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The stable code stored in the database and sent by forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }

            /// The value of a code (surrounding spaces ignored); `None` when unknown.
            pub fn parse(code: &str) -> Option<Self> {
                let code = code.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == code)
            }
        }
    };
}

code_enum! {
    /// The three duty stations where representatives are accredited.
    DutyStation { NewYork = "new_york", Geneva = "geneva", Vienna = "vienna" }
}
code_enum! {
    /// The level of representation (seed 000, step 4); the seed has no other type, for
    /// temporary passes either.
    RepresentativeType {
        PresidentChiefExecutive = "president_chief_executive",
        AdministrativeDirector = "administrative_director",
        PrincipalRepresentative = "principal_representative",
        AdditionalRepresentative = "additional_representative",
    }
}
code_enum! {
    /// The badge asked for: annual, or temporary (for an event).
    PassKind { Annual = "annual", Temporary = "temporary" }
}
code_enum! {
    /// Mr or Ms only: not Dr, Prof or a function (seed 000, step 6).
    Title { Mr = "mr", Ms = "ms" }
}
code_enum! {
    /// How the secretariat writes to the representative.
    CommunicationPreference { Email = "email", Fax = "fax", Post = "post" }
}
code_enum! {
    /// Sex as the seed's form asks it (Homme, Femme).
    Sex { Female = "female", Male = "male" }
}
code_enum! {
    /// The states of a designation (PRODUCT.md §3), and no other.
    DesignationStatus {
        Draft = "draft",
        Submitted = "submitted",
        Approved = "approved",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
        Revoked = "revoked",
        Expired = "expired",
    }
}
code_enum! {
    /// What may happen to a designation; `transition` says from which state.
    DesignationAction {
        /// The organisation changes a draft.
        Edit = "edit",
        /// The organisation sends a draft to the secretariat.
        Submit = "submit",
        /// The secretariat accepts a submitted designation.
        Approve = "approve",
        /// The secretariat refuses a submitted designation, with a reason.
        Reject = "reject",
        /// The organisation withdraws a submitted or approved designation.
        Withdraw = "withdraw",
        /// The secretariat revokes an approved designation, with a reason.
        Revoke = "revoke",
        /// The system ends an approved designation after its valid-until date.
        Expire = "expire",
    }
}

/// Which side performs an action (who exactly may is the policy's question).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Organisation,
    Secretariat,
    System,
}

impl DesignationAction {
    /// Rule: the organisation edits, submits and withdraws; the secretariat approves, rejects
    /// and revokes; only the system expires.
    pub fn actor(self) -> Actor {
        match self {
            Self::Edit | Self::Submit | Self::Withdraw => Actor::Organisation,
            Self::Approve | Self::Reject | Self::Revoke => Actor::Secretariat,
            Self::Expire => Actor::System,
        }
    }

    /// Rule: a rejection and a revocation give a reason (shown to the organisation, mailed).
    pub fn requires_reason(self) -> bool {
        matches!(self, Self::Reject | Self::Revoke)
    }
}

pub const REASON_MAX_CHARS: usize = 1000;

/// Rule: the reason of an action (field `reason`): required to reject or revoke, else optional.
pub fn parse_reason(action: DesignationAction, input: &str) -> Result<Option<String>, FieldError> {
    let parsed = if action.requires_reason() {
        parse_required_text(input, REASON_MAX_CHARS).map(Some)
    } else {
        parse_optional_text(input, REASON_MAX_CHARS)
    };
    parsed.map_err(|e| FieldError::new("reason", text_error_code(e)))
}

/// An action the designation's state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionError {
    pub from: DesignationStatus,
    pub action: DesignationAction,
}

impl TransitionError {
    /// A form-level error (field `_`, code `transition_not_allowed`).
    pub fn field_error(self) -> FieldError {
        FieldError::new("_", "transition_not_allowed")
    }
}

/// Rule (PRODUCT.md §3): draft → submitted → approved | rejected; submitted/approved →
/// withdrawn; approved → revoked; approved → expired; only a draft is edited. Rejected,
/// withdrawn, revoked and expired are final.
pub fn transition(
    from: DesignationStatus,
    action: DesignationAction,
) -> Result<DesignationStatus, TransitionError> {
    use DesignationAction as A;
    use DesignationStatus as S;
    match (from, action) {
        (S::Draft, A::Edit) => Ok(S::Draft),
        (S::Draft, A::Submit) => Ok(S::Submitted),
        (S::Submitted, A::Approve) => Ok(S::Approved),
        (S::Submitted, A::Reject) => Ok(S::Rejected),
        (S::Submitted | S::Approved, A::Withdraw) => Ok(S::Withdrawn),
        (S::Approved, A::Revoke) => Ok(S::Revoked),
        (S::Approved, A::Expire) => Ok(S::Expired),
        _ => Err(TransitionError { from, action }),
    }
}

/// Rule: submitted and approved designations are active: they count toward quotas and the
/// same-person rule, and are not offered for copy.
pub fn is_active(status: DesignationStatus) -> bool {
    matches!(
        status,
        DesignationStatus::Submitted | DesignationStatus::Approved
    )
}

/// Rule: only an ended designation (rejected, withdrawn, revoked, expired) may be copied; not an
/// active one, nor a draft (a draft is edited).
pub fn may_copy(status: DesignationStatus) -> bool {
    use DesignationStatus as S;
    matches!(status, S::Rejected | S::Withdrawn | S::Revoked | S::Expired)
}

/// Rule: the "inactive representatives" list: ended designations, and those of a past year that
/// left the draft state (an approved one the expiry job has not reached yet included).
pub fn is_inactive_representative(status: DesignationStatus, year: i32, this_year: i32) -> bool {
    may_copy(status) || (year < this_year && status != DesignationStatus::Draft)
}

/// Rule: an approved designation expires once its valid-until date has passed.
pub fn should_expire(status: DesignationStatus, valid_until: NaiveDate, today: NaiveDate) -> bool {
    status == DesignationStatus::Approved && today > valid_until
}

/// Rule (PRODUCT.md §3): only an organisation in consultative status designates
/// representatives (`no_consultative_status`).
pub fn may_apply(consultative_status: Option<&str>) -> Result<(), FieldError> {
    match consultative_status {
        Some(s) if !s.is_empty() => Ok(()),
        _ => Err(FieldError::new("_", "no_consultative_status")),
    }
}

/// The number of weeks the secretariat's chart shows.
pub const CHART_WEEKS: usize = 12;
const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;

/// Rule (dashboard): submissions per week over the last `CHART_WEEKS` weeks ending at `now`
/// (epoch ms), oldest first; each bucket is (week start, count). Times outside are ignored.
pub fn weekly_counts(times: &[i64], now: i64) -> Vec<(i64, u32)> {
    let first = now - (CHART_WEEKS as i64) * WEEK_MS;
    let mut buckets: Vec<(i64, u32)> = (0..CHART_WEEKS as i64)
        .map(|i| (first + i * WEEK_MS, 0))
        .collect();
    for t in times {
        if *t < first || *t >= now {
            continue;
        }
        let i = ((t - first) / WEEK_MS) as usize;
        if let Some(b) = buckets.get_mut(i) {
            b.1 += 1;
        }
    }
    buckets
}

// ---------------------------------------------------------------------------------------------
// Quotas and the same-person rule

/// A person as the same-person rule compares them: last and first name folded by `fold_name`,
/// and the date of birth. The middle initial is ignored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonIdentity {
    pub last_name: String,
    pub first_name: String,
    pub date_of_birth: NaiveDate,
}

impl PersonIdentity {
    pub fn new(first_name: &str, last_name: &str, date_of_birth: NaiveDate) -> Self {
        let (last_name, first_name) = (fold_name(last_name), fold_name(first_name));
        Self {
            last_name,
            first_name,
            date_of_birth,
        }
    }
}

/// A name folded for comparison: lower case, Latin accents removed (precomposed or combining),
/// `-`, `'`, `’`, `.` and runs of spaces as one space. Other scripts are only lower-cased.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        out.push_str(match c {
            '\u{300}'..='\u{36f}' => "",
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            '-' | '\'' | '’' | '.' => " ",
            c if c.is_whitespace() => " ",
            c => {
                out.push(c);
                continue;
            }
        });
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One of the organisation's designations, as the quota and same-person rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingDesignation {
    pub id: i64,
    pub duty_station: DutyStation,
    pub year: i32,
    pub representative_type: RepresentativeType,
    pub pass_kind: PassKind,
    pub status: DesignationStatus,
    pub person: PersonIdentity,
}

/// Rule (seed 000): annual passes per organisation, duty station and year: 1 President/Chief
/// executive, 1 Administrative director, 1 Principal representative, 4 Additional
/// representatives. Temporary passes have no quota.
pub fn quota_of(rep_type: RepresentativeType, pass: PassKind) -> Option<u32> {
    match (pass, rep_type) {
        (PassKind::Temporary, _) => None,
        (PassKind::Annual, RepresentativeType::AdditionalRepresentative) => Some(4),
        (PassKind::Annual, _) => Some(1),
    }
}

/// A full quota: which one, its limit, and the designations that use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaFull {
    pub representative_type: RepresentativeType,
    pub limit: u32,
    pub used_by: Vec<i64>,
}

impl QuotaFull {
    /// E.g. `quota_full_additional_representative` on `representative_type` (so shown at the
    /// top of the page and next to the type); the page lists `used_by` itself.
    pub fn field_error(&self) -> FieldError {
        let code = format!("quota_full_{}", self.representative_type.as_str());
        FieldError::new("representative_type", &code)
    }
}

/// Rule: a new annual designation fits its quota. `existing`: the organisation's designations
/// (any station, any year); the active annual ones of the type at `duty_station` in `year`
/// count. The designation being submitted is still a draft, so it never counts itself.
pub fn check_quota(
    rep_type: RepresentativeType,
    pass: PassKind,
    duty_station: DutyStation,
    year: i32,
    existing: &[ExistingDesignation],
) -> Result<(), QuotaFull> {
    let Some(limit) = quota_of(rep_type, pass) else {
        return Ok(());
    };
    let used_by: Vec<i64> = existing
        .iter()
        .filter(|d| d.representative_type == rep_type && d.pass_kind == PassKind::Annual)
        .filter(|d| d.duty_station == duty_station && d.year == year && is_active(d.status))
        .map(|d| d.id)
        .collect();
    if used_by.len() < limit as usize {
        return Ok(());
    }
    Err(QuotaFull {
        representative_type: rep_type,
        limit,
        used_by,
    })
}

/// Rule (seed 000, step 4): the President/Chief executive and the Administrative director are
/// the same person in all three duty stations.
pub fn same_person_everywhere(rep_type: RepresentativeType) -> bool {
    use RepresentativeType as R;
    matches!(
        rep_type,
        R::PresidentChiefExecutive | R::AdministrativeDirector
    )
}

/// Another person holds the role this year, in designation `held_by` at `duty_station`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSamePerson {
    pub representative_type: RepresentativeType,
    pub held_by: i64,
    pub duty_station: DutyStation,
}

impl NotSamePerson {
    /// E.g. `not_same_person_administrative_director`, next to the last name.
    pub fn field_error(&self) -> FieldError {
        let code = format!("not_same_person_{}", self.representative_type.as_str());
        FieldError::new("last_name", &code)
    }
}

/// Rule: a President/Chief executive or Administrative director is the person who holds that
/// role in every active designation of the same year, at any station (any pass kind).
pub fn check_same_person_across_stations(
    rep_type: RepresentativeType,
    year: i32,
    person: &PersonIdentity,
    existing: &[ExistingDesignation],
) -> Result<(), NotSamePerson> {
    if !same_person_everywhere(rep_type) {
        return Ok(());
    }
    let other = existing.iter().find(|d| {
        d.representative_type == rep_type
            && d.year == year
            && is_active(d.status)
            && d.person != *person
    });
    match other {
        Some(d) => Err(NotSamePerson {
            representative_type: rep_type,
            held_by: d.id,
            duty_station: d.duty_station,
        }),
        None => Ok(()),
    }
}

/// Rule: designating a President/Chief executive or Administrative director proposes the
/// holder at another station: the active designation of that role and year elsewhere,
/// approved before submitted, then the latest (highest id). Pre-fill with `prefill_from`.
pub fn proposed_person(
    rep_type: RepresentativeType,
    year: i32,
    duty_station: DutyStation,
    existing: &[ExistingDesignation],
) -> Option<&ExistingDesignation> {
    if !same_person_everywhere(rep_type) {
        return None;
    }
    existing
        .iter()
        .filter(|d| d.representative_type == rep_type && d.year == year && is_active(d.status))
        .filter(|d| d.duty_station != duty_station)
        .max_by_key(|d| (d.status == DesignationStatus::Approved, d.id))
}

// ---------------------------------------------------------------------------------------------
// Validity, rights, badges, rooms

fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The validity a new form offers, as the seed's form does: from today to 31 December.
pub fn default_validity(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today, year_end(today.year()))
}

/// Rule (seed 000, step 5): from ≤ until ≤ 31 December of the current year (that of `today`),
/// from not before 1 January of it; a temporary pass does not start in the past. Codes:
/// `valid_from`: `from_before_year_start`, `from_after_year_end`, `from_in_past`;
/// `valid_until`: `until_before_from`, `until_after_year_end`.
pub fn check_validity(
    from: NaiveDate,
    until: NaiveDate,
    today: NaiveDate,
    pass: PassKind,
) -> Result<(), Vec<FieldError>> {
    let (start, end) = (year_start(today.year()), year_end(today.year()));
    let mut errors = Vec::new();
    if from < start {
        errors.push(FieldError::new("valid_from", "from_before_year_start"));
    } else if from > end {
        errors.push(FieldError::new("valid_from", "from_after_year_end"));
    } else if pass == PassKind::Temporary && from < today {
        errors.push(FieldError::new("valid_from", "from_in_past"));
    }
    if until < from {
        errors.push(FieldError::new("valid_until", "until_before_from"));
    } else if until > end {
        errors.push(FieldError::new("valid_until", "until_after_year_end"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Rule: accreditation rights (the "yes" box) go to an annual Principal representative only.
pub fn may_hold_rights(rep_type: RepresentativeType, pass: PassKind) -> bool {
    rep_type == RepresentativeType::PrincipalRepresentative && pass == PassKind::Annual
}

/// Rule: the person of a designation may request temporary passes and book rooms at its duty
/// station while it is an approved, unexpired annual Principal representative with rights.
pub fn holds_accreditation_rights(
    rep_type: RepresentativeType,
    pass: PassKind,
    status: DesignationStatus,
    rights_granted: bool,
    valid_until: NaiveDate,
    today: NaiveDate,
) -> bool {
    rights_granted
        && may_hold_rights(rep_type, pass)
        && status == DesignationStatus::Approved
        && today <= valid_until
}

/// What the public verification page says of a scanned badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadgeState {
    Valid,
    Expired,
    Revoked,
    Withdrawn,
    /// Never approved (draft, submitted, rejected): no badge was issued.
    NotIssued,
}

/// Rule: a badge is valid while approved and not past valid-until; past it, it is expired even
/// before the expiry job ran.
pub fn badge_state(status: DesignationStatus, until: NaiveDate, today: NaiveDate) -> BadgeState {
    use DesignationStatus as S;
    match status {
        S::Approved if today <= until => BadgeState::Valid,
        S::Approved | S::Expired => BadgeState::Expired,
        S::Revoked => BadgeState::Revoked,
        S::Withdrawn => BadgeState::Withdrawn,
        S::Draft | S::Submitted | S::Rejected => BadgeState::NotIssued,
    }
}

/// Rule: two half-open slots [start, end) overlap when they share an instant; an empty slot
/// overlaps nothing, back-to-back slots do not overlap.
pub fn overlaps<T: Ord>(a_start: T, a_end: T, b_start: T, b_end: T) -> bool {
    a_start < a_end && b_start < b_end && a_start < b_end && b_start < a_end
}

/// Rule: a booking ends after it starts (field `ends_at`, code `end_not_after_start`).
pub fn check_booking_slot<T: Ord>(start: T, end: T) -> Result<(), FieldError> {
    if start < end {
        Ok(())
    } else {
        Err(FieldError::new("ends_at", "end_not_after_start"))
    }
}

/// Rule: two bookings of one room never overlap: the id of a booking `(id, start, end)` of the
/// room that the new slot overlaps, if any (the caller answers `room_taken`).
pub fn conflicting_booking<T: Ord + Copy>(
    start: T,
    end: T,
    bookings: &[(i64, T, T)],
) -> Option<i64> {
    let mut hits = bookings
        .iter()
        .filter(|(_, s, e)| overlaps(start, end, *s, *e));
    hits.next().map(|(id, _, _)| *id)
}

// ---------------------------------------------------------------------------------------------
// The designation form

/// The longest values kept (the database checks the same bounds) and the accepted ranges.
pub mod limits {
    pub const PERSON_NAME: usize = crate::accounts::domain::limits::PERSON_NAME;
    pub const MIDDLE_INITIAL: usize = 5;
    pub const STREET: usize = 200;
    pub const CITY: usize = 100;
    pub const POSTCODE: usize = 20;
    pub const PLACE_OF_BIRTH: usize = 100;
    pub const POSITION: usize = crate::accounts::domain::limits::POSITION;
    pub const DEPARTMENT: usize = 200;
    pub const PHONE: usize = 30;
    pub const HEIGHT_CM: (u16, u16) = (50, 250);
    pub const WEIGHT_KG: (u16, u16) = (20, 300);
    /// Dates of birth at most this many years back.
    pub const MAX_AGE_YEARS: i32 = 120;
}

/// The hair colours offered (the seed's form has a list but the guide does not give it).
pub const HAIR_COLOURS: &[&str] = &["black", "brown", "blond", "red", "grey", "white", "bald"];
/// The eye colours offered.
pub const EYE_COLOURS: &[&str] = &["brown", "blue", "green", "hazel", "grey", "black"];
/// The only contact type of a designation (the seed's other contact types are not ours).
pub const CONTACT_TYPE: &str = "representative";

/// Every field of the designation form, by input name. The photo is uploaded apart.
#[rustfmt::skip]
pub const DESIGNATION_FIELDS: &[&str] = &[
    "contact_type", "duty_station", "pass_kind", "representative_type", "accreditation_rights",
    "valid_from", "valid_until", "communication_preference", "title", "first_name",
    "middle_initial", "last_name", "address_street", "address_city", "address_postcode",
    "country", "phone", "fax", "email", "place_of_birth", "nationality", "date_of_birth",
    "hair_colour", "eye_colour", "height_cm", "weight_kg", "sex", "position", "department",
];

/// A designation as typed and checked. Countries and nationality are ISO 3166-1 alpha-2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignationForm {
    pub duty_station: DutyStation,
    pub pass_kind: PassKind,
    pub representative_type: RepresentativeType,
    pub accreditation_rights: bool,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub communication_preference: CommunicationPreference,
    pub title: Title,
    pub first_name: String,
    pub middle_initial: Option<String>,
    pub last_name: String,
    pub address_street: String,
    pub address_city: String,
    pub address_postcode: Option<String>,
    pub country: String,
    pub phone: String,
    pub fax: Option<String>,
    pub email: Option<EmailAddress>,
    pub place_of_birth: String,
    pub nationality: String,
    pub date_of_birth: NaiveDate,
    pub hair_colour: Option<String>,
    pub eye_colour: Option<String>,
    pub height_cm: Option<u16>,
    pub weight_kg: Option<u16>,
    pub sex: Sex,
    pub position: String,
    pub department: Option<String>,
}

/// Rule: a title is Mr or Ms (any case, trailing dot allowed), else `title_mr_or_ms`.
pub fn parse_title(input: &str) -> Result<Title, &'static str> {
    match input.trim().trim_end_matches('.').to_lowercase().as_str() {
        "" => Err("required"),
        s => Title::parse(s).ok_or("title_mr_or_ms"),
    }
}

/// Rule: a phone or fax number is `+`, the country code, then 7 to 15 digits in all, grouped by
/// spaces, `-`, `.` or parentheses (`phone_invalid`). Kept as typed, spaces collapsed.
pub fn parse_phone(input: &str) -> Result<String, &'static str> {
    let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(rest) = s.strip_prefix('+') else {
        return Err(if s.is_empty() {
            "required"
        } else {
            "phone_invalid"
        });
    };
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    let grouping = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')');
    let ok = rest
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit() && c != '0')
        && rest.chars().all(grouping)
        && (7..=15).contains(&digits)
        && s.chars().count() <= limits::PHONE;
    if ok { Ok(s) } else { Err("phone_invalid") }
}

/// A required date as an HTML date input sends it (`required`, else `fields::parse_date`).
pub fn parse_date(input: &str) -> Result<NaiveDate, &'static str> {
    match input.trim() {
        "" => Err("required"),
        s => crate::fields::parse_date(s),
    }
}

/// Rule: a date of birth is not in the future, nor more than 120 years back.
pub fn check_date_of_birth(date: NaiveDate, today: NaiveDate) -> Result<(), &'static str> {
    if date > today {
        Err("date_of_birth_in_future")
    } else if date.year() < today.year() - limits::MAX_AGE_YEARS {
        Err("date_of_birth_too_early")
    } else {
        Ok(())
    }
}

/// Rule: a height (cm) or weight (kg) is a whole number within `(min, max)`.
pub fn parse_measure(input: &str, (min, max): (u16, u16)) -> Result<u16, &'static str> {
    crate::fields::parse_whole_number(input, i64::from(min), i64::from(max))
        .and_then(|n| u16::try_from(n).map_err(|_| "number_out_of_range"))
}

/// The yes box: checked (`yes`, `on`, `true`, `1`) or not (empty, `no`, `off`, `false`, `0`).
pub fn parse_checkbox(input: &str) -> Result<bool, &'static str> {
    match input.trim().to_lowercase().as_str() {
        "yes" | "on" | "true" | "1" => Ok(true),
        "" | "no" | "off" | "false" | "0" => Ok(false),
        _ => Err("choice_invalid"),
    }
}

/// A required code: `required` when empty, `choice_invalid` when unknown.
fn code<T>(input: &str, parse: fn(&str) -> Option<T>) -> Result<T, &'static str> {
    match input.trim() {
        "" => Err("required"),
        s => parse(s).ok_or("choice_invalid"),
    }
}

/// An optional value: none when empty, else `parse`'s.
fn optional<T>(
    input: &str,
    parse: impl FnOnce(&str) -> Result<T, &'static str>,
) -> Result<Option<T>, &'static str> {
    match input.trim() {
        "" => Ok(None),
        s => parse(s).map(Some),
    }
}

/// One of `list` (`choice_invalid`).
fn among(input: &str, list: &[&str]) -> Result<String, &'static str> {
    list.iter()
        .find(|c| **c == input)
        .map(|c| c.to_string())
        .ok_or("choice_invalid")
}

/// Reads a form's fields, collecting every field's problem by input name.
struct Reader<'a> {
    fields: &'a Fields,
    errors: FormErrors,
}

impl Reader<'_> {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }

    fn read<T>(
        &mut self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, &'static str>,
    ) -> Option<T> {
        let result = parse(self.get(name));
        self.errors.field(name, result, |c| c)
    }

    fn text(&mut self, name: &str, max: usize) -> Option<String> {
        self.read(name, |s| {
            parse_required_text(s, max).map_err(text_error_code)
        })
    }

    fn optional_text(&mut self, name: &str, max: usize) -> Option<Option<String>> {
        self.read(name, |s| {
            parse_optional_text(s, max).map_err(text_error_code)
        })
    }
}

impl DesignationForm {
    /// The one validator of the designation form, on the server and in the browser: every
    /// field's problem at once, by input name. Beyond each field's own rule: `check_validity`,
    /// an email when the preference is email or rights are granted (`email_required`), a fax
    /// when the preference is fax, rights only for an annual principal representative
    /// (`rights_not_allowed`). Unknown fields are ignored.
    pub fn parse(fields: &Fields, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut r = Reader {
            fields,
            errors: FormErrors::default(),
        };
        r.read("contact_type", |s| {
            optional(s, |s| among(s, &[CONTACT_TYPE]))
        });
        let duty_station = r.read("duty_station", |s| code(s, DutyStation::parse));
        let pass_kind = r.read("pass_kind", |s| code(s, PassKind::parse));
        let rep_type = r.read("representative_type", |s| {
            code(s, RepresentativeType::parse)
        });
        let rights = r.read("accreditation_rights", parse_checkbox);
        let valid_from = r.read("valid_from", parse_date);
        let valid_until = r.read("valid_until", parse_date);
        let preference = r.read("communication_preference", |s| {
            code(s, CommunicationPreference::parse)
        });
        let title = r.read("title", parse_title);
        let first_name = r.text("first_name", limits::PERSON_NAME);
        let middle_initial = r.optional_text("middle_initial", limits::MIDDLE_INITIAL);
        let last_name = r.text("last_name", limits::PERSON_NAME);
        let address_street = r.text("address_street", limits::STREET);
        let address_city = r.text("address_city", limits::CITY);
        let address_postcode = r.optional_text("address_postcode", limits::POSTCODE);
        let country = r.read("country", parse_country);
        let phone = r.read("phone", parse_phone);
        let fax = r.read("fax", |s| optional(s, parse_phone));
        let email = r.read("email", |s| {
            optional(s, |s| EmailAddress::parse(s).map_err(email_error_code))
        });
        let place_of_birth = r.text("place_of_birth", limits::PLACE_OF_BIRTH);
        let nationality = r.read("nationality", parse_country);
        let date_of_birth = r.read("date_of_birth", |s| {
            parse_date(s).and_then(|d| check_date_of_birth(d, today).map(|()| d))
        });
        let hair_colour = r.read("hair_colour", |s| optional(s, |s| among(s, HAIR_COLOURS)));
        let eye_colour = r.read("eye_colour", |s| optional(s, |s| among(s, EYE_COLOURS)));
        let height_cm = r.read("height_cm", |s| {
            optional(s, |s| parse_measure(s, limits::HEIGHT_CM))
        });
        let weight_kg = r.read("weight_kg", |s| {
            optional(s, |s| parse_measure(s, limits::WEIGHT_KG))
        });
        let sex = r.read("sex", |s| code(s, Sex::parse));
        let position = r.text("position", limits::POSITION);
        let department = r.optional_text("department", limits::DEPARTMENT);

        let mut e = r.errors;
        if let (Some(from), Some(until), Some(pass)) = (valid_from, valid_until, pass_kind)
            && let Err(errors) = check_validity(from, until, today, pass)
        {
            e.0.extend(errors);
        }
        if let (Some(true), Some(t), Some(p)) = (rights, rep_type, pass_kind)
            && !may_hold_rights(t, p)
        {
            e.push("accreditation_rights", "rights_not_allowed");
        }
        let needs_email =
            rights == Some(true) || preference == Some(CommunicationPreference::Email);
        if needs_email && email == Some(None) {
            e.push("email", "email_required");
        }
        if preference == Some(CommunicationPreference::Fax) && fax == Some(None) {
            e.push("fax", "required");
        }
        if !e.is_empty() {
            return Err(e.0);
        }
        let form = || {
            Some(Self {
                duty_station: duty_station?,
                pass_kind: pass_kind?,
                representative_type: rep_type?,
                accreditation_rights: rights?,
                valid_from: valid_from?,
                valid_until: valid_until?,
                communication_preference: preference?,
                title: title?,
                first_name: first_name?,
                middle_initial: middle_initial?,
                last_name: last_name?,
                address_street: address_street?,
                address_city: address_city?,
                address_postcode: address_postcode?,
                country: country?,
                phone: phone?,
                fax: fax?,
                email: email?,
                place_of_birth: place_of_birth?,
                nationality: nationality?,
                date_of_birth: date_of_birth?,
                hair_colour: hair_colour?,
                eye_colour: eye_colour?,
                height_cm: height_cm?,
                weight_kg: weight_kg?,
                sex: sex?,
                position: position?,
                department: department?,
            })
        };
        form().ok_or_else(|| vec![FieldError::new("_", "generic")])
    }

    /// A saved form read back whatever today is (its dates may belong to another year than
    /// today's, which `parse` checks): the dates are checked against their own year.
    pub fn parse_saved(fields: &Fields) -> Option<Self> {
        let until = parse_date(fields.get("valid_until").map(String::as_str).unwrap_or("")).ok()?;
        let from = parse_date(fields.get("valid_from").map(String::as_str).unwrap_or("")).ok()?;
        // "Today" inside the designation's own validity, so that its year rules hold.
        Self::parse(fields, from.max(year_start(until.year()))).ok()
    }

    /// The form's errors (empty when right): the live check in the browser.
    pub fn errors(fields: &Fields, today: NaiveDate) -> Vec<FieldError> {
        Self::parse(fields, today).err().unwrap_or_default()
    }

    /// The form's fields by input name, what pre-fills a form; `parse` reads them back.
    pub fn to_fields(&self) -> Fields {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let num = |v: Option<u16>| v.map(|n| n.to_string()).unwrap_or_default();
        let email = self.email.as_ref().map(|m| m.as_str().to_string());
        let rights = if self.accreditation_rights { "yes" } else { "" };
        let pairs = [
            ("contact_type", CONTACT_TYPE.to_string()),
            ("duty_station", self.duty_station.as_str().to_string()),
            ("pass_kind", self.pass_kind.as_str().to_string()),
            (
                "representative_type",
                self.representative_type.as_str().to_string(),
            ),
            ("accreditation_rights", rights.to_string()),
            ("valid_from", self.valid_from.to_string()),
            ("valid_until", self.valid_until.to_string()),
            (
                "communication_preference",
                self.communication_preference.as_str().to_string(),
            ),
            ("title", self.title.as_str().to_string()),
            ("first_name", self.first_name.clone()),
            ("middle_initial", opt(&self.middle_initial)),
            ("last_name", self.last_name.clone()),
            ("address_street", self.address_street.clone()),
            ("address_city", self.address_city.clone()),
            ("address_postcode", opt(&self.address_postcode)),
            ("country", self.country.clone()),
            ("phone", self.phone.clone()),
            ("fax", opt(&self.fax)),
            ("email", opt(&email)),
            ("place_of_birth", self.place_of_birth.clone()),
            ("nationality", self.nationality.clone()),
            ("date_of_birth", self.date_of_birth.to_string()),
            ("hair_colour", opt(&self.hair_colour)),
            ("eye_colour", opt(&self.eye_colour)),
            ("height_cm", num(self.height_cm)),
            ("weight_kg", num(self.weight_kg)),
            ("sex", self.sex.as_str().to_string()),
            ("position", self.position.clone()),
            ("department", opt(&self.department)),
        ];
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// The designation's year: that of its valid-until date.
    pub fn year(&self) -> i32 {
        self.valid_until.year()
    }

    /// The person, for the same-person rule.
    pub fn person(&self) -> PersonIdentity {
        PersonIdentity::new(&self.first_name, &self.last_name, self.date_of_birth)
    }
}

/// Rule: a new designation pre-filled from another (a copy, or the holder proposed at another
/// station): same person and role, at `duty_station`, validity reset to `default_validity`,
/// accreditation rights not carried over (granting them is a deliberate choice).
pub fn prefill_from(
    source: &DesignationForm,
    duty_station: DutyStation,
    today: NaiveDate,
) -> Fields {
    let (from, until) = default_validity(today);
    let mut fields = source.to_fields();
    for (k, v) in [
        ("duty_station", duty_station.as_str().to_string()),
        ("valid_from", from.to_string()),
        ("valid_until", until.to_string()),
        ("accreditation_rights", String::new()),
    ] {
        fields.insert(k.to_string(), v);
    }
    fields
}

/// An active designation (or a draft) cannot be copied (code `copy_not_allowed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotCopyable;

/// Rule (seed 000, tip): "Copy" on an inactive representative opens a new designation
/// pre-filled from it at the same station; an active designation is not copied.
pub fn copy_of(
    source: &DesignationForm,
    status: DesignationStatus,
    today: NaiveDate,
) -> Result<Fields, NotCopyable> {
    if !is_inactive_representative(status, source.year(), today.year()) {
        return Err(NotCopyable);
    }
    Ok(prefill_from(source, source.duty_station, today))
}

/// Rule (annual renewal, "reset last year"): an approved annual designation of year Y becomes
/// a draft of year Y+1, valid 1 January to 31 December, rights kept, for the organisation to
/// confirm; nothing else is renewed. The caller stores the result as a new draft.
pub fn renewal_of(source: &DesignationForm, status: DesignationStatus) -> Option<DesignationForm> {
    if status != DesignationStatus::Approved || source.pass_kind != PassKind::Annual {
        return None;
    }
    let next = source.year() + 1;
    Some(DesignationForm {
        valid_from: year_start(next),
        valid_until: year_end(next),
        ..source.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use DesignationAction as A;
    use DesignationStatus as S;
    use DutyStation::*;
    use PassKind::{Annual, Temporary};
    use RepresentativeType as R;
    use proptest::prelude::*;

    const PRES: R = R::PresidentChiefExecutive;
    const ADMIN: R = R::AdministrativeDirector;
    const PRIN: R = R::PrincipalRepresentative;
    const ADD: R = R::AdditionalRepresentative;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        day(2026, 3, 10)
    }

    fn person(first: &str, last: &str) -> PersonIdentity {
        PersonIdentity::new(first, last, day(1970, 5, 1))
    }

    fn held(id: i64, at: DutyStation, rep: R, status: S, who: &str) -> ExistingDesignation {
        ExistingDesignation {
            id,
            duty_station: at,
            year: 2026,
            representative_type: rep,
            pass_kind: Annual,
            status,
            person: person(who, "Diallo"),
        }
    }

    /// Errors as `field:code`.
    fn codes(errors: Vec<FieldError>) -> Vec<String> {
        errors
            .into_iter()
            .map(|e| format!("{}:{}", e.field, e.code))
            .collect()
    }

    /// A complete, valid form, with `changes` (`field=value|…`) applied.
    fn fields(changes: &str) -> Fields {
        let valid = "contact_type=representative|duty_station=geneva|pass_kind=annual|\
            representative_type=principal_representative|accreditation_rights=yes|\
            valid_from=2026-03-10|valid_until=2026-12-31|communication_preference=email|\
            title=Ms|first_name= Amina |last_name=Diallo|address_street=12 rue du Rhône|\
            address_city=Genève|address_postcode=1204|country=ch|phone=+41 22  917 12 34|\
            email=Amina@Example.org|place_of_birth=Dakar|nationality=SN|\
            date_of_birth=1980-02-29|hair_colour=black|height_cm=170|sex=female|\
            position=Advocacy officer";
        let pairs = valid.split('|').chain(changes.split('|'));
        let pairs = pairs.filter_map(|kv| kv.split_once('='));
        pairs.map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn errors_of(changes: &str) -> Vec<String> {
        codes(DesignationForm::errors(&fields(changes), today()))
    }

    fn form() -> DesignationForm {
        DesignationForm::parse(&fields(""), today()).unwrap()
    }

    fn round_trips<T: Copy + PartialEq>(
        all: &[T],
        code: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> bool {
        all.iter().all(|v| parse(code(*v)) == Some(*v))
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        assert!(round_trips(
            DutyStation::ALL,
            DutyStation::as_str,
            DutyStation::parse
        ));
        assert!(round_trips(R::ALL, R::as_str, R::parse));
        assert!(round_trips(
            PassKind::ALL,
            PassKind::as_str,
            PassKind::parse
        ));
        assert!(round_trips(Sex::ALL, Sex::as_str, Sex::parse));
        assert!(round_trips(S::ALL, S::as_str, S::parse));
        assert!(round_trips(A::ALL, A::as_str, A::parse));
        use CommunicationPreference as C;
        assert!(round_trips(C::ALL, C::as_str, C::parse));
        assert_eq!(DutyStation::parse(" new_york "), Some(NewYork));
        assert_eq!(DutyStation::parse("nairobi"), None);
        assert_eq!(S::ALL.len(), 7, "the seven states of §3");
    }

    #[test]
    fn the_title_is_mr_or_ms_only() {
        assert_eq!(parse_title("Mr."), Ok(Title::Mr));
        assert_eq!(parse_title(" MS "), Ok(Title::Ms));
        for bad in ["Dr", "Prof.", "Director", "Mrs"] {
            assert_eq!(parse_title(bad), Err("title_mr_or_ms"), "{bad}");
        }
        assert_eq!(parse_title(" "), Err("required"));
    }

    #[test]
    fn transitions_are_exactly_those_of_the_specification() {
        let allowed = [
            (S::Draft, A::Edit, S::Draft),
            (S::Draft, A::Submit, S::Submitted),
            (S::Submitted, A::Approve, S::Approved),
            (S::Submitted, A::Reject, S::Rejected),
            (S::Submitted, A::Withdraw, S::Withdrawn),
            (S::Approved, A::Withdraw, S::Withdrawn),
            (S::Approved, A::Revoke, S::Revoked),
            (S::Approved, A::Expire, S::Expired),
        ];
        for from in S::ALL.iter().copied() {
            for action in A::ALL.iter().copied() {
                let rule = allowed.iter().find(|(f, a, _)| (*f, *a) == (from, action));
                let expected = rule.map(|(_, _, to)| *to);
                assert_eq!(
                    transition(from, action).ok(),
                    expected,
                    "{from:?} {action:?}"
                );
            }
        }
        let refused = transition(S::Rejected, A::Approve).unwrap_err();
        assert_eq!(refused.field_error().code, "transition_not_allowed");
    }

    #[test]
    fn each_side_does_its_actions_and_reject_and_revoke_need_a_reason() {
        let actors: Vec<_> = A::ALL.iter().map(|a| a.actor()).collect();
        use Actor::*;
        let expected = [
            Organisation,
            Organisation,
            Secretariat,
            Secretariat,
            Organisation,
        ];
        assert_eq!(actors, [&expected[..], &[Secretariat, System]].concat());
        assert_eq!(parse_reason(A::Reject, "  ").unwrap_err().code, "required");
        assert_eq!(
            parse_reason(A::Revoke, " Misuse "),
            Ok(Some("Misuse".into()))
        );
        assert_eq!(parse_reason(A::Approve, ""), Ok(None));
    }

    #[test]
    fn active_designations_count_and_only_ended_ones_are_copied() {
        let active: Vec<_> = S::ALL.iter().copied().filter(|s| is_active(*s)).collect();
        assert_eq!(active, [S::Submitted, S::Approved]);
        let copied: Vec<_> = S::ALL.iter().copied().filter(|s| may_copy(*s)).collect();
        assert_eq!(copied, [S::Rejected, S::Withdrawn, S::Revoked, S::Expired]);
        assert!(
            is_inactive_representative(S::Approved, 2025, 2026),
            "a past year"
        );
        assert!(!is_inactive_representative(S::Approved, 2026, 2026));
        assert!(!is_inactive_representative(S::Draft, 2025, 2026));
        let (end, new_year) = (day(2025, 12, 31), day(2026, 1, 1));
        assert!(should_expire(S::Approved, end, new_year));
        assert!(!should_expire(S::Approved, end, end));
        assert!(!should_expire(S::Revoked, end, new_year));
    }

    #[test]
    fn annual_quotas_are_one_one_one_and_four_and_temporary_passes_have_none() {
        let annual: Vec<_> = R::ALL.iter().map(|r| quota_of(*r, Annual)).collect();
        assert_eq!(annual, [Some(1), Some(1), Some(1), Some(4)]);
        assert!(R::ALL.iter().all(|r| quota_of(*r, Temporary).is_none()));
    }

    #[test]
    fn a_fifth_additional_representative_is_refused_naming_the_four() {
        let mut list: Vec<_> = (1..=4)
            .map(|id| held(id, Geneva, ADD, S::Submitted, "A"))
            .collect();
        let full = check_quota(ADD, Annual, Geneva, 2026, &list).unwrap_err();
        assert_eq!((full.limit, full.used_by.clone()), (4, vec![1, 2, 3, 4]));
        let error = full.field_error();
        assert_eq!(
            codes(vec![error]),
            ["representative_type:quota_full_additional_representative"]
        );
        let fits = |r, pass, at, year, list: &[_]| check_quota(r, pass, at, year, list).is_ok();
        assert!(fits(ADD, Annual, Vienna, 2026, &list), "another station");
        assert!(fits(ADD, Annual, Geneva, 2027, &list), "another year");
        assert!(
            fits(ADD, Temporary, Geneva, 2026, &list),
            "a temporary pass"
        );
        assert!(fits(PRIN, Annual, Geneva, 2026, &list), "another type");
        for status in [S::Withdrawn, S::Rejected, S::Revoked, S::Expired, S::Draft] {
            list[0].status = status;
            assert!(fits(ADD, Annual, Geneva, 2026, &list), "{status:?}");
        }
        list[0] = ExistingDesignation {
            pass_kind: Temporary,
            ..held(1, Geneva, ADD, S::Approved, "A")
        };
        assert!(
            fits(ADD, Annual, Geneva, 2026, &list),
            "temporary ones do not count"
        );
    }

    #[test]
    fn names_fold_case_accents_and_separators() {
        assert_eq!(fold_name("  José-María  O’Núñez "), "jose maria o nunez");
        assert_eq!(
            fold_name("Jose\u{301} Maria"),
            "jose maria",
            "combining accents"
        );
        assert_eq!(fold_name("STRAßE Œuvre"), "strasse oeuvre");
        assert_eq!(fold_name("Иван"), "иван");
        assert_eq!(person("Éloïse", "LEFÈVRE"), person("eloise", "Lefevre"));
        let other_birthday = PersonIdentity::new("Eloise", "Lefevre", day(1970, 5, 2));
        assert_ne!(person("Eloise", "Lefevre"), other_birthday);
    }

    #[test]
    fn the_president_is_the_same_person_at_every_station() {
        let list = [
            held(7, NewYork, PRES, S::Approved, "Ana"),
            held(8, Vienna, ADMIN, S::Withdrawn, "Ana"),
            held(9, Vienna, ADD, S::Approved, "Ana"),
        ];
        let check = |r, year, who| {
            check_same_person_across_stations(r, year, &person(who, "DIALLO"), &list)
        };
        assert_eq!(check(PRES, 2026, "ÁNA"), Ok(()));
        let err = check(PRES, 2026, "Bea").unwrap_err();
        assert_eq!((err.held_by, err.duty_station), (7, NewYork));
        let error = err.field_error();
        assert_eq!(
            codes(vec![error]),
            ["last_name:not_same_person_president_chief_executive"]
        );
        assert_eq!(check(PRES, 2027, "Bea"), Ok(()), "another year");
        assert_eq!(
            check(ADMIN, 2026, "Bea"),
            Ok(()),
            "the director's designation ended"
        );
        assert_eq!(
            check(ADD, 2026, "Bea"),
            Ok(()),
            "the rule is for the two roles only"
        );
    }

    #[test]
    fn the_holder_at_another_station_is_proposed_approved_first() {
        let list = [
            held(1, NewYork, ADMIN, S::Approved, "Ana"),
            held(2, Vienna, ADMIN, S::Submitted, "Bea"),
            held(3, Geneva, ADMIN, S::Approved, "Bea"),
            held(4, Vienna, ADD, S::Approved, "Bea"),
        ];
        let proposed = |r, year, at| proposed_person(r, year, at, &list).map(|d| d.id);
        assert_eq!(proposed(ADMIN, 2026, Geneva), Some(1));
        assert_eq!(proposed(ADMIN, 2026, NewYork), Some(3));
        assert_eq!(proposed(ADMIN, 2027, Geneva), None);
        assert_eq!(proposed(ADD, 2026, Geneva), None);
    }

    #[test]
    fn validity_ends_by_31_december_of_the_current_year() {
        let cases = [
            ((2026, 1, 1), (2026, 12, 31), Annual, vec![]),
            (
                (2026, 5, 1),
                (2026, 4, 1),
                Annual,
                vec!["valid_until:until_before_from"],
            ),
            (
                (2026, 5, 1),
                (2027, 1, 1),
                Annual,
                vec!["valid_until:until_after_year_end"],
            ),
            (
                (2025, 12, 1),
                (2026, 2, 1),
                Annual,
                vec!["valid_from:from_before_year_start"],
            ),
            (
                (2026, 3, 9),
                (2026, 3, 12),
                Temporary,
                vec!["valid_from:from_in_past"],
            ),
            ((2026, 3, 10), (2026, 3, 12), Temporary, vec![]),
            (
                (2027, 2, 1),
                (2027, 1, 1),
                Annual,
                vec![
                    "valid_from:from_after_year_end",
                    "valid_until:until_before_from",
                ],
            ),
        ];
        for ((fy, fm, fd), (uy, um, ud), pass, expected) in cases {
            let result = check_validity(day(fy, fm, fd), day(uy, um, ud), today(), pass);
            assert_eq!(codes(result.err().unwrap_or_default()), expected);
        }
    }

    #[test]
    fn a_complete_form_parses_and_round_trips() {
        let form = form();
        assert_eq!((form.first_name.as_str(), form.title), ("Amina", Title::Ms));
        assert_eq!(
            (form.country.as_str(), form.phone.as_str()),
            ("CH", "+41 22 917 12 34")
        );
        assert_eq!(
            form.email.as_ref().map(|m| m.as_str()),
            Some("amina@example.org")
        );
        assert_eq!(
            (form.height_cm, form.accreditation_rights),
            (Some(170), true)
        );
        let fields = form.to_fields();
        let mut names = DESIGNATION_FIELDS.to_vec();
        names.sort_unstable();
        assert_eq!(fields.keys().collect::<Vec<_>>(), names);
        assert_eq!(DesignationForm::parse(&fields, today()), Ok(form));
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        let errors = codes(DesignationForm::errors(&Fields::new(), today()));
        let required: Vec<_> = errors
            .iter()
            .filter_map(|e| e.strip_suffix(":required"))
            .collect();
        let expected = "duty_station pass_kind representative_type valid_from valid_until \
            communication_preference title first_name last_name address_street address_city \
            country phone place_of_birth nationality date_of_birth sex position";
        assert_eq!(required, expected.split(' ').collect::<Vec<_>>());
        assert_eq!(errors.len(), required.len());
    }

    #[test]
    fn each_field_is_checked_and_reported_next_to_it() {
        let long = format!("first_name={}", "x".repeat(101));
        let changes = "title=Dr|phone=0041 22 917|height_cm=17O|weight_kg=900|\
            date_of_birth=2027-01-01|hair_colour=purple|duty_station=nairobi|\
            valid_until=2027-01-31|nationality=Senegal|contact_type=application|";
        let expected = "contact_type:choice_invalid duty_station:choice_invalid \
            title:title_mr_or_ms first_name:too_long phone:phone_invalid \
            nationality:country_invalid date_of_birth:date_of_birth_in_future \
            hair_colour:choice_invalid height_cm:number_invalid weight_kg:number_out_of_range \
            valid_until:until_after_year_end";
        assert_eq!(
            errors_of(&(changes.to_string() + &long)),
            expected.split(' ').collect::<Vec<_>>()
        );
    }

    #[test]
    fn email_fax_and_rights_follow_the_choices() {
        let by_fax = errors_of("email=|communication_preference=fax");
        assert_eq!(
            by_fax,
            ["email:email_required", "fax:required"],
            "rights need an email"
        );
        assert!(errors_of("email=|communication_preference=post|accreditation_rights=").is_empty());
        let not_allowed = ["accreditation_rights:rights_not_allowed"];
        assert_eq!(
            errors_of("representative_type=additional_representative"),
            not_allowed
        );
        assert_eq!(errors_of("pass_kind=temporary"), not_allowed);
    }

    #[test]
    fn phones_need_the_country_code() {
        assert_eq!(
            parse_phone(" +1 (212) 963-1234 "),
            Ok("+1 (212) 963-1234".into())
        );
        assert_eq!(parse_phone("+41229171234"), Ok("+41229171234".into()));
        for bad in [
            "0229171234",
            "+0 22 917",
            "+41 22 x17",
            "+12345",
            "+1234567890123456",
        ] {
            assert_eq!(parse_phone(bad), Err("phone_invalid"), "{bad}");
        }
        assert_eq!(parse_phone(""), Err("required"));
    }

    #[test]
    fn an_inactive_designation_is_copied_with_fresh_dates_an_active_one_is_not() {
        let form = form();
        assert_eq!(copy_of(&form, S::Approved, today()), Err(NotCopyable));
        assert_eq!(copy_of(&form, S::Draft, today()), Err(NotCopyable));
        let later = day(2026, 6, 1);
        let copy = copy_of(&form, S::Withdrawn, later).unwrap();
        let kept = [
            "valid_from",
            "valid_until",
            "accreditation_rights",
            "last_name",
        ];
        let values: Vec<_> = kept.iter().map(|k| copy[*k].as_str()).collect();
        assert_eq!(values, ["2026-06-01", "2026-12-31", "", "Diallo"]);
        assert_eq!(
            DesignationForm::parse(&copy, later).unwrap().person(),
            form.person()
        );
        let (valid_from, valid_until) = (day(2025, 1, 1), day(2025, 12, 31));
        let old = DesignationForm {
            valid_from,
            valid_until,
            ..form.clone()
        };
        assert!(
            copy_of(&old, S::Approved, today()).is_ok(),
            "last year's approved is inactive"
        );
        assert_eq!(
            prefill_from(&form, Vienna, today())["duty_station"],
            "vienna"
        );
    }

    #[test]
    fn an_approved_annual_designation_renews_into_next_year() {
        let form = form();
        let next = renewal_of(&form, S::Approved).unwrap();
        assert_eq!(
            (next.valid_from, next.valid_until),
            (day(2027, 1, 1), day(2027, 12, 31))
        );
        let (valid_from, valid_until) = (form.valid_from, form.valid_until);
        assert_eq!(
            DesignationForm {
                valid_from,
                valid_until,
                ..next
            },
            form,
            "all else kept"
        );
        assert_eq!(renewal_of(&form, S::Submitted), None);
        let temporary = DesignationForm {
            pass_kind: Temporary,
            ..form
        };
        assert_eq!(renewal_of(&temporary, S::Approved), None);
    }

    #[test]
    fn a_badge_is_valid_until_its_date_unless_ended() {
        let until = day(2026, 12, 31);
        let state = |s, today| badge_state(s, until, today);
        assert_eq!(state(S::Approved, until), BadgeState::Valid);
        assert_eq!(state(S::Approved, day(2027, 1, 1)), BadgeState::Expired);
        assert_eq!(state(S::Expired, today()), BadgeState::Expired);
        assert_eq!(state(S::Revoked, today()), BadgeState::Revoked);
        assert_eq!(state(S::Withdrawn, today()), BadgeState::Withdrawn);
        assert_eq!(state(S::Submitted, today()), BadgeState::NotIssued);
    }

    #[test]
    fn rights_belong_to_an_approved_annual_principal_with_the_box_checked() {
        let end = day(2026, 12, 31);
        let rights = |r, pass, s, granted, until| {
            holds_accreditation_rights(r, pass, s, granted, until, today())
        };
        assert!(rights(PRIN, Annual, S::Approved, true, end));
        assert!(!rights(PRIN, Annual, S::Approved, false, end));
        assert!(!rights(PRIN, Annual, S::Submitted, true, end));
        assert!(!rights(PRIN, Temporary, S::Approved, true, end));
        assert!(!rights(ADD, Annual, S::Approved, true, end));
        assert!(!rights(PRIN, Annual, S::Approved, true, day(2026, 3, 9)));
    }

    #[test]
    fn room_bookings_are_half_open() {
        assert!(overlaps(9, 11, 10, 12) && overlaps(9, 12, 10, 11));
        assert!(!overlaps(9, 10, 10, 11), "back to back");
        assert!(!overlaps(10, 10, 9, 12), "empty");
        assert_eq!(
            check_booking_slot(10, 10).unwrap_err().code,
            "end_not_after_start"
        );
        assert_eq!(check_booking_slot(9, 10), Ok(()));
        let bookings = [(1, 8, 9), (2, 10, 12)];
        assert_eq!(conflicting_booking(9, 10, &bookings), None);
        assert_eq!(conflicting_booking(11, 13, &bookings), Some(2));
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (2024i32..2029, 1u32..=366)
            .prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d).unwrap_or_else(|| day(y, 12, 31)))
    }

    fn pass_of(annual: bool) -> PassKind {
        if annual { Annual } else { Temporary }
    }

    /// A random step: submit (`op` 1: approved at once, 2–3: submitted) or, with `op` 0,
    /// withdraw or reject (by `pick`'s parity) one of the earlier designations.
    fn any_step() -> impl Strategy<Value = (R, bool, usize, u8, usize)> {
        let rep = prop::sample::select(R::ALL);
        (rep, any::<bool>(), 0usize..3, 0u8..4, any::<usize>())
    }

    proptest! {
        /// Accepting only the submissions `check_quota` allows never exceeds a quota.
        #[test]
        fn accepted_submissions_never_exceed_the_quota(steps in prop::collection::vec(any_step(), 0..80)) {
            let mut list: Vec<ExistingDesignation> = Vec::new();
            for (id, (rep, annual, station, op, pick)) in steps.into_iter().enumerate() {
                let at = DutyStation::ALL[station];
                if op == 0 && !list.is_empty() {
                    let n = list.len();
                    let target = &mut list[pick % n];
                    let action = if pick % 2 == 0 { A::Withdraw } else { A::Reject };
                    target.status = transition(target.status, action).unwrap_or(target.status);
                } else if check_quota(rep, pass_of(annual), at, 2026, &list).is_ok() {
                    let status = if op == 1 { S::Approved } else { S::Submitted };
                    let new = held(id as i64, at, rep, status, "A");
                    list.push(ExistingDesignation { pass_kind: pass_of(annual), ..new });
                }
                for (at, r) in DutyStation::ALL.iter().flat_map(|s| R::ALL.iter().map(move |r| (*s, *r))) {
                    let counted = |d: &&ExistingDesignation| d.duty_station == at
                        && d.representative_type == r && d.pass_kind == Annual && is_active(d.status);
                    let used = list.iter().filter(counted).count() as u32;
                    prop_assert!(used <= quota_of(r, Annual).unwrap());
                }
            }
        }

        #[test]
        fn accepted_validity_lies_within_the_current_year(
            from in any_date(), until in any_date(), today in any_date(), annual in any::<bool>()
        ) {
            let year = today.year();
            let wrong = from > until || until.year() != year || from.year() != year
                || (!annual && from < today);
            match check_validity(from, until, today, pass_of(annual)) {
                Ok(()) => prop_assert!(!wrong),
                Err(errors) => prop_assert!(wrong && (1..=2).contains(&errors.len())),
            }
        }

        #[test]
        fn the_default_validity_is_always_accepted(today in any_date(), annual in any::<bool>()) {
            let (from, until) = default_validity(today);
            prop_assert_eq!(check_validity(from, until, today, pass_of(annual)), Ok(()));
        }

        #[test]
        fn overlap_is_symmetric_and_means_a_shared_instant(
            a in 0i32..30, la in 0i32..10, b in 0i32..30, lb in 0i32..10
        ) {
            let (a_end, b_end) = (a + la, b + lb);
            let shared = (a..a_end).any(|t| (b..b_end).contains(&t));
            prop_assert_eq!(overlaps(a, a_end, b, b_end), shared);
            prop_assert_eq!(overlaps(a, a_end, b, b_end), overlaps(b, b_end, a, a_end));
        }

        #[test]
        fn ended_designations_stay_ended(actions in prop::collection::vec(prop::sample::select(A::ALL), 0..20)) {
            let mut status = S::Draft;
            for action in actions {
                let ended = may_copy(status);
                match transition(status, action) {
                    Ok(next) => {
                        prop_assert!(!ended);
                        status = next;
                    }
                    Err(e) => prop_assert_eq!(e.from, status),
                }
            }
        }
    }

    #[test]
    fn weekly_counts_put_each_submission_in_its_week() {
        let week = 7 * 24 * 3600 * 1000;
        let now = 100 * week;
        let times = [
            now - 1,
            now - week,
            now - week - 1,
            now - 12 * week,
            now - 13 * week,
            now,
        ];
        let b = weekly_counts(&times, now);
        assert_eq!(b.len(), CHART_WEEKS);
        assert_eq!(b[11].1, 2, "the last week: now - 1 and now - week");
        assert_eq!(b[10].1, 1);
        assert_eq!(b[0].1, 1, "exactly 12 weeks back is the first bucket");
        assert_eq!(
            b.iter().map(|x| x.1).sum::<u32>(),
            4,
            "older and future times are left out"
        );
        assert_eq!(b[0].0, now - 12 * week);
    }
}
