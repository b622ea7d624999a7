//! An organisation's documents: its logo (a photo, shown on its page) and its registration
//! certificate (a PDF), posted by the documents form — a plain multipart post, so the browser
//! bundle needs no upload code.
use crate::uploads::domain::{FileKind, Purpose};

pub const LOGO: Purpose = Purpose::new("logo", FileKind::Photo);
pub const CERTIFICATE: Purpose = Purpose::new("certificate", FileKind::Document);

/// Where the documents form posts (the server function below; checked by a test).
pub const UPLOAD_PATH: &str = "/api/uploads/organisation_files";

#[cfg(feature = "ssr")]
pub use endpoint::*;

#[cfg(feature = "ssr")]
mod endpoint {
    use crate::AppError;
    use leptos::prelude::*;
    use leptos::server_fn::codec::{MultipartData, MultipartFormData};

    /// Uploads the organisation's logo (JPEG/PNG ≤ 5 MB) and/or registration certificate (PDF ≤
    /// 20 MB): fields `organisation_id`, `logo`, `certificate`. Each file is checked by content;
    /// nothing is kept unless every file given is right.
    #[server(input = MultipartFormData, endpoint = "uploads/organisation_files")]
    #[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
    pub async fn upload_organisation_files(data: MultipartData) -> Result<usize, AppError> {
        crate::ssr::respond(crate::uploads::api::server::upload(data, &super::server::TARGET).await)
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::{CERTIFICATE, LOGO};
    use crate::AppError;
    use crate::actor::Actor;
    use crate::organisations::{policy, repo};
    use crate::ssr::Db;
    use crate::uploads::registry::{FilePurpose, Opened, Pending, UploadTarget};

    /// The documents form: the organisation's editors add files.
    pub const TARGET: UploadTarget = UploadTarget {
        record_field: "organisation_id",
        purposes: &[LOGO, CERTIFICATE],
        open,
        attach,
    };

    /// Read by those who read the organisation.
    pub const PURPOSES: [FilePurpose; 2] = [
        FilePurpose {
            purpose: LOGO,
            may_read,
        },
        FilePurpose {
            purpose: CERTIFICATE,
            may_read,
        },
    ];

    fn open<'a>(db: &'a Db, record_id: i64, actor: &'a Actor) -> Pending<'a, Opened> {
        Box::pin(async move {
            let org = repo::organisation(db, record_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let role = repo::role_of(db, org.id, actor.user_id).await?;
            policy::may_edit_organisation(actor, role)?;
            Ok(Opened {
                organisation_id: org.id,
                record_type: "organisation",
                record_id: org.id,
                redirect: format!("/organisations/{}?saved=files", org.id),
                key: org.id,
            })
        })
    }

    /// A file is the organisation's by its row alone.
    fn attach<'a>(_: &'a mut sqlx::AnyConnection, _: &'a Opened, _: i64) -> Pending<'a, ()> {
        Box::pin(async { Ok(()) })
    }

    fn may_read<'a>(
        db: &'a Db,
        actor: &'a Actor,
        organisation_id: i64,
        _upload_id: i64,
    ) -> Pending<'a, bool> {
        Box::pin(async move {
            let role = repo::role_of(db, organisation_id, actor.user_id).await?;
            Ok(policy::may_read_organisation(actor, role).is_ok())
        })
    }
}
