//! The forms that keep drafts, as their modules register them (`app::modules::install`): for
//! each, how to load the record a draft belongs to once the caller may edit it. `drafts::api`
//! asks here and knows no module.
use crate::AppError;
use crate::actor::Actor;
use crate::drafts::domain::DraftForm;
use crate::fields::Fields;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

/// The record a draft edits, as fields, with its version.
pub type RecordState<'a> =
    Pin<Box<dyn Future<Output = Result<(Fields, i64), AppError>> + Send + 'a>>;

/// A module's form that keeps drafts.
pub struct DraftSource {
    pub form: DraftForm,
    /// The record `record_key` names, as the form shows it, with its version — `Forbidden` (or
    /// `NotFound`) unless `actor` may edit it.
    pub record_state: for<'a> fn(record_key: &'a str, actor: &'a Actor) -> RecordState<'a>,
}

static SOURCES: OnceLock<Vec<DraftSource>> = OnceLock::new();

/// Registers the forms of every module (once per process; later calls change nothing).
pub fn install(sources: Vec<DraftSource>) {
    let _ = SOURCES.set(sources);
}

/// The registered form with this code.
pub fn source(code: &str) -> Option<&'static DraftSource> {
    SOURCES.get()?.iter().find(|s| s.form.code() == code)
}
