//! A designation's photo (for the badge), posted by the photo form of a draft designation.
use crate::uploads::domain::{FileKind, Purpose};

pub const PHOTO: Purpose = Purpose::new("photo", FileKind::Photo);

/// Where a designation's photo form posts.
pub const PHOTO_UPLOAD_PATH: &str = "/api/uploads/designation_photo";

#[cfg(feature = "ssr")]
pub use endpoint::*;

#[cfg(feature = "ssr")]
mod endpoint {
    use crate::AppError;
    use leptos::prelude::*;
    use leptos::server_fn::codec::{MultipartData, MultipartFormData};

    /// Uploads the photo of a draft designation (JPEG/PNG ≤ 5 MB, checked by content): fields
    /// `designation_id`, `photo`. Those who may write the designation.
    #[server(input = MultipartFormData, endpoint = "uploads/designation_photo")]
    #[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
    pub async fn upload_designation_photo(data: MultipartData) -> Result<usize, AppError> {
        crate::ssr::respond(crate::uploads::api::server::upload(data, &super::server::TARGET).await)
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::PHOTO;
    use crate::AppError;
    use crate::accreditation::domain::DutyStation;
    use crate::accreditation::{policy, repo, rights};
    use crate::actor::Actor;
    use crate::ssr::Db;
    use crate::uploads::registry::{FilePurpose, Opened, Pending, UploadTarget};

    /// The photo form of a draft designation: those who may write it.
    pub const TARGET: UploadTarget = UploadTarget {
        record_field: "designation_id",
        purposes: &[PHOTO],
        open,
        attach,
    };

    /// Read by those who read the organisation's designations.
    pub const PURPOSE: FilePurpose = FilePurpose {
        purpose: PHOTO,
        may_read,
    };

    fn open<'a>(db: &'a Db, record_id: i64, actor: &'a Actor) -> Pending<'a, Opened> {
        Box::pin(async move {
            let d = repo::designation(db, record_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let org = crate::organisations::repo::organisation(db, d.organisation_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let role = crate::organisations::repo::role_of(db, org.id, actor.user_id).await?;
            let station = DutyStation::parse(&d.duty_station).ok_or(AppError::NotFound)?;
            rights::designator(db, actor.user_id, org.id, role, station)
                .await?
                .may_touch(&d, actor.user_id)?;
            if d.status != "draft" {
                return Err(AppError::invalid("_", "transition_not_allowed"));
            }
            Ok(Opened {
                organisation_id: org.id,
                record_type: "designation",
                record_id: d.id,
                redirect: format!(
                    "/accreditation/{}/{}/designations/{}?saved=photo",
                    org.id, d.duty_station, d.id
                ),
                key: d.id,
            })
        })
    }

    /// The designation (still a draft) takes the photo.
    fn attach<'a>(
        tx: &'a mut sqlx::AnyConnection,
        opened: &'a Opened,
        upload_id: i64,
    ) -> Pending<'a, ()> {
        Box::pin(async move {
            if !repo::set_photo(&mut *tx, opened.key, upload_id).await? {
                return Err(AppError::invalid("_", "transition_not_allowed"));
            }
            Ok(())
        })
    }

    fn may_read<'a>(
        db: &'a Db,
        actor: &'a Actor,
        organisation_id: i64,
        _upload_id: i64,
    ) -> Pending<'a, bool> {
        Box::pin(async move {
            let role =
                crate::organisations::repo::role_of(db, organisation_id, actor.user_id).await?;
            Ok(policy::may_read_designations(actor, role).is_ok())
        })
    }
}
