//! Receiving uploaded files (multipart, with or without JavaScript), for the modules' upload
//! server functions: `server::upload(data, &TARGET)` reads every part, checks each file by
//! content, and keeps them all or none. The record the files belong to, and who may add them, is
//! the module's `UploadTarget`.
use serde::{Deserialize, Serialize};

/// A file of a record as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub id: i64,
    pub purpose: String,
    pub content_type: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub uploaded_at: i64,
}

#[cfg(feature = "ssr")]
pub mod server {
    use crate::AppError;
    use crate::actor::server::actor;
    use crate::audit::Change;
    use crate::audit::repo::record;
    use crate::fields::FormErrors;
    use crate::ssr::{app_state, redirect};
    use crate::uploads::domain::{Purpose, SNIFF_BYTES, check_file, safe_file_name};
    use crate::uploads::registry::UploadTarget;
    use crate::uploads::repo::{self, NewUpload};
    use leptos::server_fn::codec::MultipartData;
    use sha2::{Digest, Sha256};
    use tokio::io::AsyncWriteExt;

    /// A file received and written to a temporary place, not yet recorded.
    struct Received {
        purpose: Purpose,
        original_name: String,
        head: Vec<u8>,
        size: u64,
        sha256: String,
        temp: std::path::PathBuf,
    }

    /// Removes the temporary files of a refused upload.
    async fn discard(files: &[Received]) {
        for f in files {
            let _ = tokio::fs::remove_file(&f.temp).await;
        }
    }

    /// Receives the files of `target`'s form; answers the number kept.
    pub async fn upload(data: MultipartData, target: &UploadTarget) -> Result<usize, AppError> {
        let (me, actor) = actor().await?;
        let state = app_state()?;
        let folder = repo::folder(&state.data_dir);
        tokio::fs::create_dir_all(&folder).await.map_err(|e| {
            tracing::error!(error = %e, "cannot create the uploads folder");
            AppError::Internal
        })?;
        let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
        let mut record_id: Option<i64> = None;
        let mut received: Vec<Received> = vec![];
        let mut errors = FormErrors::default();
        // Read every part (so that the browser gets our answer, not a broken connection),
        // writing files to temporary names and counting their size.
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => {
                    discard(&received).await;
                    tracing::info!(error = %e, "malformed upload");
                    return Err(AppError::invalid("_", "generic"));
                }
            };
            let name = field.name().unwrap_or_default().to_string();
            if name == target.record_field {
                let text = field.text().await.unwrap_or_default();
                record_id = text.trim().parse().ok();
                continue;
            }
            let Some(purpose) = target.purposes.iter().copied().find(|p| p.code() == name) else {
                continue;
            };
            let original_name = field.file_name().unwrap_or_default().to_string();
            let limit = purpose.kind().max_bytes();
            let temp = folder.join(format!("{}.part", crate::ssr::session::new_token()));
            let mut out = tokio::fs::File::create(&temp).await.map_err(|e| {
                tracing::error!(error = %e, "cannot write an upload");
                AppError::Internal
            })?;
            let (mut head, mut size, mut hasher) = (Vec::new(), 0_u64, Sha256::new());
            let mut field = field;
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        size += chunk.len() as u64;
                        if size > limit {
                            continue; // drained, not kept
                        }
                        if head.len() < SNIFF_BYTES {
                            head.extend(chunk.iter().take(SNIFF_BYTES - head.len()));
                        }
                        hasher.update(&chunk);
                        if out.write_all(&chunk).await.is_err() {
                            let _ = tokio::fs::remove_file(&temp).await;
                            discard(&received).await;
                            return Err(AppError::Internal);
                        }
                    }
                    Ok(None) => break,
                    Err(_) => {
                        let _ = tokio::fs::remove_file(&temp).await;
                        discard(&received).await;
                        return Err(AppError::invalid(purpose.code(), "generic"));
                    }
                }
            }
            let _ = out.flush().await;
            if size == 0 && original_name.is_empty() {
                // The field was left empty.
                let _ = tokio::fs::remove_file(&temp).await;
                continue;
            }
            received.push(Received {
                purpose,
                original_name,
                head,
                size,
                sha256: crate::ssr::session::hex(&hasher.finalize()),
                temp,
            });
        }
        let result = async {
            let record_id = record_id.ok_or(AppError::NotFound)?;
            let db = crate::ssr::db()?;
            // The record the files belong to, from the server's own data; who may change it.
            let opened = (target.open)(&db, record_id, &actor).await?;
            if received.is_empty() {
                return Err(AppError::invalid("_", "file_required"));
            }
            let mut checked = vec![];
            for r in &received {
                if let Some(t) = errors.field(
                    r.purpose.code(),
                    check_file(r.purpose.kind(), &r.head, r.size),
                    |c| c,
                ) {
                    checked.push((r, t));
                }
            }
            errors.finish()?;
            let mut tx = crate::ssr::db::begin(&db).await?;
            for (r, content) in &checked {
                let stored_name = format!(
                    "{}.{}",
                    crate::ssr::session::new_token(),
                    content.extension()
                );
                tokio::fs::rename(&r.temp, folder.join(&stored_name))
                    .await
                    .map_err(|e| {
                        tracing::error!(error = %e, "cannot keep an upload");
                        AppError::Internal
                    })?;
                let id = repo::insert(
                    &mut tx,
                    &NewUpload {
                        organisation_id: opened.organisation_id,
                        purpose: r.purpose.code(),
                        content_type: content.mime(),
                        size_bytes: r.size as i64,
                        sha256: &r.sha256,
                        file_name: &safe_file_name(&r.original_name, *content),
                        stored_name: &stored_name,
                        uploaded_by: me.user_id,
                    },
                )
                .await?;
                (target.attach)(&mut tx, &opened, id).await?;
                record(
                    &mut *tx,
                    &Change::new(
                        opened.record_type,
                        opened.record_id,
                        "uploads.file_uploaded",
                    )
                    .by(me.user_id)
                    .to_state(Some(r.purpose.code())),
                )
                .await?;
                tracing::info!(
                    upload = id,
                    purpose = r.purpose.code(),
                    size = r.size,
                    "file kept"
                );
            }
            tx.commit().await?;
            redirect(&opened.redirect);
            Ok(checked.len())
        }
        .await;
        if result.is_err() {
            discard(&received).await;
        }
        result
    }
}
