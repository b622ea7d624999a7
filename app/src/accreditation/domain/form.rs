//! The designation form: its one validator (server and browser), copy and annual renewal.
use super::validity::{year_end, year_start};
use super::*;

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
    pub const PHONE: usize = crate::fields::PHONE_MAX_CHARS;
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

pub use crate::fields::parse_phone;

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
