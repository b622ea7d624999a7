//! What the modules keep files for (`app::modules::install`): each purpose with who may read its
//! files, and the shape of an upload form's record (`UploadTarget`). `uploads` knows no module.
use crate::AppError;
use crate::actor::Actor;
use crate::ssr::Db;
use crate::uploads::domain::Purpose;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 'a>>;

/// A purpose a module keeps files for, and who may read them.
pub struct FilePurpose {
    pub purpose: Purpose,
    /// Whether `actor` may read the file `upload_id` of this purpose, kept for `organisation_id`.
    pub may_read: for<'a> fn(
        db: &'a Db,
        actor: &'a Actor,
        organisation_id: i64,
        upload_id: i64,
    ) -> Pending<'a, bool>,
}

/// The record an upload form adds files to, as the module found it for the caller.
pub struct Opened {
    /// The organisation the files are kept for.
    pub organisation_id: i64,
    /// The audited record (`organisation` 12, `designation` 40).
    pub record_type: &'static str,
    pub record_id: i64,
    /// Where the browser goes once the files are kept.
    pub redirect: String,
    /// The module's own reference to the record (e.g. the designation id), for `attach`.
    pub key: i64,
}

/// An upload form of a module: the field naming its record, the file fields it takes, and how
/// the record is found and given its files.
pub struct UploadTarget {
    pub record_field: &'static str,
    pub purposes: &'static [Purpose],
    /// Loads the record `record_id` names; `Forbidden`/`NotFound` unless `actor` may add files.
    pub open: for<'a> fn(db: &'a Db, record_id: i64, actor: &'a Actor) -> Pending<'a, Opened>,
    /// In the upload's transaction, once the file `upload_id` is recorded.
    pub attach: for<'a> fn(
        tx: &'a mut sqlx::AnyConnection,
        opened: &'a Opened,
        upload_id: i64,
    ) -> Pending<'a, ()>,
}

static PURPOSES: OnceLock<Vec<FilePurpose>> = OnceLock::new();

/// Registers every module's purposes (once per process; later calls change nothing).
pub fn install(purposes: Vec<FilePurpose>) {
    let _ = PURPOSES.set(purposes);
}

/// The registered purpose with this code.
pub fn purpose(code: &str) -> Option<&'static FilePurpose> {
    PURPOSES.get()?.iter().find(|p| p.purpose.code() == code)
}
