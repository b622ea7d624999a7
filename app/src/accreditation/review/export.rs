//! `GET /secretariat/designations.csv` and `.xlsx`: the queue as the officer filtered it (same
//! query and order as the page), for their stations only, streamed (`ssr::export`): the lines are
//! chosen when the export begins and read a batch at a time as the download goes.
use crate::accreditation::repo::{self, QueueRow};
use crate::accreditation::review::api::server::{queue_filter, stations_of};
use crate::ssr::AppState;
use crate::ssr::export::{Format, batches_of_ids, download};
use crate::ssr::session::SessionUser;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The most lines an export holds (the whole queue of three years at the three stations fits).
pub const MAX_EXPORT_ROWS: i64 = 250_000;

const HEADERS: [&str; 9] = [
    "id",
    "organisation",
    "duty_station",
    "year",
    "pass",
    "representative_type",
    "status",
    "person",
    "submitted_at_utc",
];

fn cells(r: &QueueRow) -> [String; 9] {
    [
        r.id.to_string(),
        r.organisation.clone(),
        r.duty_station.clone(),
        r.year.to_string(),
        r.pass_kind.clone(),
        r.representative_type.clone(),
        r.status.clone(),
        format!("{} {}", r.first_name, r.last_name),
        r.submitted_at
            .map(crate::ui::format::utc_minute)
            .unwrap_or_default(),
    ]
}

fn refused(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

/// The ids of the lines to export, chosen now; who may export is checked here.
async fn ids_for(
    state: &AppState,
    user: Option<SessionUser>,
    q: &HashMap<String, String>,
) -> Result<Vec<i64>, Response> {
    let Some(user) = user else {
        return Err(refused(StatusCode::UNAUTHORIZED, "Sign in to export."));
    };
    let actor = crate::actor::server::actor_of(&state.db, &user)
        .await
        .map_err(|_| refused(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong."))?;
    if crate::accreditation::policy::may_review_designations(&actor).is_err() {
        return Err(refused(
            StatusCode::FORBIDDEN,
            "You may not export this queue.",
        ));
    }
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    let filter = queue_filter(
        &stations_of(&actor),
        get("status"),
        get("station"),
        get("type"),
        get("pass"),
        get("year"),
        get("q"),
    );
    if filter.stations.is_empty() {
        return Ok(vec![]);
    }
    repo::queue_ids(&state.db, &filter, get("sort"), MAX_EXPORT_ROWS)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "cannot export the queue");
            refused(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.")
        })
}

async fn export(
    state: AppState,
    user: Option<SessionUser>,
    q: HashMap<String, String>,
    format: Format,
) -> Response {
    let ids = match ids_for(&state, user, &q).await {
        Ok(ids) => ids,
        Err(r) => return r,
    };
    let db = state.db.clone();
    let batches = batches_of_ids(ids, move |chunk| {
        let db = db.clone();
        async move {
            repo::queue_rows(&db, &chunk)
                .await
                .map(|rows| rows.iter().map(|r| cells(r).to_vec()).collect())
        }
    });
    download(format, "designations", "designations", &HEADERS, batches)
}

pub async fn csv(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    user: Option<Extension<SessionUser>>,
) -> Response {
    export(state, user.map(|u| u.0), q, Format::Csv).await
}

pub async fn xlsx(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    user: Option<Extension<SessionUser>>,
) -> Response {
    export(state, user.map(|u| u.0), q, Format::Xlsx).await
}
