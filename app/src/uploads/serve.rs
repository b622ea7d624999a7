//! `GET /files/{id}`: an uploaded file, to the people allowed to read its record, with its
//! real type, `nosniff`, a sandboxing CSP, and inline (images) or attachment (documents).
use crate::ssr::AppState;
use crate::ssr::session::SessionUser;
use crate::uploads::domain::{ContentType, disposition};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `GET /files/{id}`.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/files/{id}", axum::routing::get(file))
}

fn refused(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

pub async fn file(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    let Some(user) = req.extensions().get::<SessionUser>().cloned() else {
        return refused(StatusCode::UNAUTHORIZED, "Sign in to see this file.");
    };
    let Ok(id) = id.parse::<i64>() else {
        return refused(StatusCode::NOT_FOUND, "No such file.");
    };
    let found = async {
        let row = crate::uploads::repo::upload(&state.db, id).await?;
        let Some(row) = row else { return Ok(None) };
        let actor = crate::actor::server::actor_of(&state.db, &user).await?;
        // Those the module owning the purpose allows (no one, for an unknown purpose).
        let allowed = match crate::uploads::registry::purpose(&row.purpose) {
            Some(p) => (p.may_read)(&state.db, &actor, row.organisation_id, row.id).await?,
            None => false,
        };
        Ok::<_, crate::AppError>(Some((row, allowed)))
    }
    .await;
    let (row, allowed) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return refused(StatusCode::NOT_FOUND, "No such file."),
        Err(e) => {
            tracing::error!(error = %e, "cannot read an upload");
            return refused(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.");
        }
    };
    if !allowed {
        return refused(StatusCode::FORBIDDEN, "You may not see this file.");
    }
    let Some(content) = ContentType::from_mime(&row.content_type) else {
        return refused(StatusCode::NOT_FOUND, "No such file.");
    };
    let path = crate::uploads::repo::folder(&state.data_dir).join(&row.stored_name);
    let file = match tokio::fs::File::open(&path).await {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, upload = row.id, "an upload's bytes are missing");
            return refused(StatusCode::NOT_FOUND, "No such file.");
        }
    };
    let stream = tokio_util::io::ReaderStream::new(file);
    let mut resp = Response::new(Body::from_stream(stream));
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content.mime()),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition(content, &row.file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(row.size_bytes as u64),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    resp
}
