//! A form as the server and the browser both see it: its fields by name, and the errors found
//! while parsing them.
use crate::error::{AppError, FieldError};
use std::collections::BTreeMap;

/// A form's fields by name: what the browser posts and keeps as a draft, what a validator reads.
pub type Fields = BTreeMap<String, String>;

/// One field of a form whose fields a catalogue names (a server function taking the whole form,
/// `#[server(flatten)] form: BTreeMap<String, FormValue>`): a value, or the ticked choices of a
/// `name[]` group.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum FormValue {
    One(String),
    Many(Vec<String>),
}

/// A posted form as `Fields` (ticked choices joined by commas, as the domain reads them).
pub fn fields_of(form: BTreeMap<String, FormValue>) -> Fields {
    form.into_iter()
        .map(|(k, v)| {
            let v = match v {
                FormValue::One(s) => s,
                FormValue::Many(list) => list.join(","),
            };
            (k.trim_end_matches("[]").to_string(), v)
        })
        .collect()
}

/// Fields never kept (in a draft, on the device or on the server) nor sent back after a post.
pub fn is_secret(field: &str) -> bool {
    field.contains("password") || field == "code" || field == "token"
}

/// Collects field errors while a form is parsed, so that all problems are shown at once.
#[derive(Debug, Default)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    pub fn field<T, E>(
        &mut self,
        field: &str,
        result: Result<T, E>,
        code: impl Fn(E) -> &'static str,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, code(e));
                None
            }
        }
    }

    pub fn push(&mut self, field: &str, code: &str) {
        self.0.push(FieldError::new(field, code));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when no field failed, else the `Invalid` error with every field's problem.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}
