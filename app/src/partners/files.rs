//! The profile's documents: each file field of the profile (registration certificate,
//! governing document, policies, audit report) is answered by uploading its file — a plain
//! multipart post, so the browser bundle needs no upload code; the upload records the answer.
use crate::uploads::domain::{FileKind, Purpose};

/// The purpose each file field's documents are kept for.
pub const DOCUMENTS: [(&str, Purpose); 5] = [
    (
        "registration_certificate",
        Purpose::new("partner_registration_certificate", FileKind::Document),
    ),
    (
        "governing_document",
        Purpose::new("partner_governing_document", FileKind::Document),
    ),
    (
        "safeguarding_policy_file",
        Purpose::new("partner_safeguarding_policy", FileKind::Document),
    ),
    (
        "anti_fraud_policy_file",
        Purpose::new("partner_anti_fraud_policy", FileKind::Document),
    ),
    (
        "audit_report",
        Purpose::new("partner_audit_report", FileKind::Document),
    ),
];

/// The purposes alone (what the upload form takes).
#[cfg(feature = "ssr")]
const PURPOSES: [Purpose; 5] = [
    DOCUMENTS[0].1,
    DOCUMENTS[1].1,
    DOCUMENTS[2].1,
    DOCUMENTS[3].1,
    DOCUMENTS[4].1,
];

/// The purpose of a file field.
pub fn purpose_of(field: &str) -> Option<Purpose> {
    DOCUMENTS.iter().find(|(f, _)| *f == field).map(|(_, p)| *p)
}

/// Where the documents form posts (the server function below).
pub const UPLOAD_PATH: &str = "/api/uploads/partner_documents";

#[cfg(feature = "ssr")]
pub use endpoint::*;

#[cfg(feature = "ssr")]
mod endpoint {
    use crate::AppError;
    use leptos::prelude::*;
    use leptos::server_fn::codec::{MultipartData, MultipartFormData};

    /// Uploads documents of a profile (PDF ≤ 20 MB): field `organisation_id`, and one file
    /// field per document, named by its purpose. Each becomes its field's answer.
    #[server(input = MultipartFormData, endpoint = "uploads/partner_documents")]
    #[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
    pub async fn upload_partner_documents(data: MultipartData) -> Result<usize, AppError> {
        crate::ssr::respond(crate::uploads::api::server::upload(data, &super::server::TARGET).await)
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::{DOCUMENTS, PURPOSES};
    use crate::AppError;
    use crate::actor::Actor;
    use crate::organisations::repo as organisations;
    use crate::partners::domain::profile;
    use crate::partners::{policy, repo};
    use crate::ssr::Db;
    use crate::uploads::registry::{FilePurpose, Opened, Pending, UploadTarget};

    /// The documents form: the profile's editors add files.
    pub const TARGET: UploadTarget = UploadTarget {
        record_field: "organisation_id",
        purposes: &PURPOSES,
        open,
        attach,
    };

    /// Read by those who read the profile.
    pub const FILE_PURPOSES: [FilePurpose; 5] = [
        FilePurpose {
            purpose: DOCUMENTS[0].1,
            may_read,
        },
        FilePurpose {
            purpose: DOCUMENTS[1].1,
            may_read,
        },
        FilePurpose {
            purpose: DOCUMENTS[2].1,
            may_read,
        },
        FilePurpose {
            purpose: DOCUMENTS[3].1,
            may_read,
        },
        FilePurpose {
            purpose: DOCUMENTS[4].1,
            may_read,
        },
    ];

    fn open<'a>(db: &'a Db, record_id: i64, actor: &'a Actor) -> Pending<'a, Opened> {
        Box::pin(async move {
            let org = crate::partners::api::server::partner_organisation(db, record_id).await?;
            let role = organisations::role_of(db, org.id, actor.user_id).await?;
            policy::may_edit_profile(actor, role)?;
            Ok(Opened {
                organisation_id: org.id,
                record_type: "organisation",
                record_id: org.id,
                redirect: format!("/partners/{}?saved=files", org.id),
                key: org.id,
            })
        })
    }

    /// The file becomes its field's answer; the profile moves to its next version.
    fn attach<'a>(
        tx: &'a mut sqlx::AnyConnection,
        opened: &'a Opened,
        upload_id: i64,
    ) -> Pending<'a, ()> {
        Box::pin(async move {
            let upload = crate::uploads::repo::upload(&mut *tx, upload_id)
                .await?
                .ok_or(AppError::Internal)?;
            let field = DOCUMENTS
                .iter()
                .find(|(_, p)| p.code() == upload.purpose)
                .map(|(f, _)| *f)
                .ok_or(AppError::Internal)?;
            let mut answers = repo::answers(&mut *tx, opened.key).await?;
            answers.insert(field.to_string(), upload_id.to_string());
            let percent = profile::completeness(&answers).percent;
            repo::set_answer(tx, opened.key, field, &upload_id.to_string(), percent).await?;
            Ok(())
        })
    }

    /// Those who read the profile; and the members of its country offices, for the documents
    /// their headquarters states for them (`profile::FROM_HEADQUARTERS`: the governing
    /// document, the policies), which their own profile shows.
    fn may_read<'a>(
        db: &'a Db,
        actor: &'a Actor,
        organisation_id: i64,
        upload_id: i64,
    ) -> Pending<'a, bool> {
        Box::pin(async move {
            let role = organisations::role_of(db, organisation_id, actor.user_id).await?;
            if policy::may_read_profile(actor, role).is_ok() {
                return Ok(true);
            }
            let answers = repo::answers(db, organisation_id).await?;
            let id = upload_id.to_string();
            let inherited = profile::FROM_HEADQUARTERS
                .iter()
                .any(|f| answers.get(*f) == Some(&id));
            if !inherited {
                return Ok(false);
            }
            for (office, ..) in organisations::offices(db, organisation_id).await? {
                let role = organisations::role_of(db, office, actor.user_id).await?;
                if policy::may_read_profile(actor, role).is_ok() {
                    return Ok(true);
                }
            }
            Ok(false)
        })
    }
}
