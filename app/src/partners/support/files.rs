//! Files attached to a support request: screenshots (JPEG/PNG ≤ 5 MB) and documents (PDF ≤ 20
//! MB), posted by a plain multipart form on the request's page; at most
//! `api::MAX_FILES` a request. Read by the request's requester and the help desk only.
use crate::uploads::domain::{FileKind, Purpose};

pub const SCREENSHOT: Purpose = Purpose::new("support_screenshot", FileKind::Photo);
pub const DOCUMENT: Purpose = Purpose::new("support_document", FileKind::Document);

/// Where the files form posts (the server function below).
pub const UPLOAD_PATH: &str = "/api/uploads/support_files";

#[cfg(feature = "ssr")]
pub use endpoint::*;

#[cfg(feature = "ssr")]
mod endpoint {
    use crate::AppError;
    use leptos::prelude::*;
    use leptos::server_fn::codec::{MultipartData, MultipartFormData};

    /// Adds files to a request: fields `request_id`, `support_screenshot`, `support_document`.
    #[server(input = MultipartFormData, endpoint = "uploads/support_files")]
    #[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
    pub async fn upload_support_files(data: MultipartData) -> Result<usize, AppError> {
        crate::ssr::respond(crate::uploads::api::server::upload(data, &super::server::TARGET).await)
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::{DOCUMENT, SCREENSHOT};
    use crate::AppError;
    use crate::actor::Actor;
    use crate::partners::domain::support::RequestStatus;
    use crate::partners::policy;
    use crate::partners::support::{api::MAX_FILES, api::server::followed, repo};
    use crate::ssr::Db;
    use crate::uploads::registry::{FilePurpose, Opened, Pending, UploadTarget};

    pub const TARGET: UploadTarget = UploadTarget {
        record_field: "request_id",
        purposes: &[SCREENSHOT, DOCUMENT],
        open,
        attach,
    };

    pub const FILE_PURPOSES: [FilePurpose; 2] = [
        FilePurpose {
            purpose: SCREENSHOT,
            may_read,
        },
        FilePurpose {
            purpose: DOCUMENT,
            may_read,
        },
    ];

    /// The request, to those who follow it, while it is not resolved.
    fn open<'a>(db: &'a Db, record_id: i64, actor: &'a Actor) -> Pending<'a, Opened> {
        Box::pin(async move {
            let r = followed(db, record_id, actor).await?;
            if !RequestStatus::stored(&r.status)?.is_active() {
                return Err(AppError::invalid("_", "request_resolved"));
            }
            Ok(Opened {
                organisation_id: r.organisation_id,
                record_type: "support_request",
                record_id: r.id,
                redirect: format!("/support/{}?saved=files", r.id),
                key: r.id,
            })
        })
    }

    fn attach<'a>(
        tx: &'a mut sqlx::AnyConnection,
        opened: &'a Opened,
        upload_id: i64,
    ) -> Pending<'a, ()> {
        Box::pin(async move {
            if repo::attachment_count(&mut *tx, opened.key).await? >= MAX_FILES {
                return Err(AppError::invalid("_", "too_many_files"));
            }
            repo::attach(tx, opened.key, upload_id).await?;
            Ok(())
        })
    }

    /// The requester of the request the file is attached to, and the help desk.
    fn may_read<'a>(
        db: &'a Db,
        actor: &'a Actor,
        _organisation_id: i64,
        upload_id: i64,
    ) -> Pending<'a, bool> {
        Box::pin(async move {
            Ok(match repo::requester_of_file(db, upload_id).await? {
                Some(requester) => policy::may_follow_request(actor, requester).is_ok(),
                None => false,
            })
        })
    }
}
