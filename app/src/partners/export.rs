//! `GET /agency/partners.csv` and `.xlsx`: the agencies' partner search as the officer filtered
//! and sorted it, with their agency's codes, streamed (`ssr::export`): the lines are chosen when
//! the export begins and read a batch at a time as the download goes.
use crate::partners::api::server::search_agency;
use crate::partners::domain::search::SearchFilter;
use crate::partners::repo::{self, SearchRow};
use crate::ssr::AppState;
use crate::ssr::export::{Format, batches_of_ids, download};
use crate::ssr::session::SessionUser;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The most lines an export holds (every partner profile of a large portal fits).
pub const MAX_EXPORT_ROWS: i64 = 100_000;

const HEADERS: [&str; 9] = [
    "profile_id",
    "legal_name",
    "acronym",
    "country",
    "kind",
    "completeness_percent",
    "verification",
    "partner_code",
    "leadership",
];

fn cells(r: &SearchRow) -> Vec<String> {
    let verification = match r.verified {
        Some(1) => "verified",
        Some(_) => "not_verified",
        None => "never",
    };
    vec![
        r.id.to_string(),
        r.legal_name.clone(),
        r.acronym.clone().unwrap_or_default(),
        r.country.clone(),
        r.kind.clone(),
        r.completeness.clamp(0, 100).to_string(),
        verification.to_string(),
        r.code.clone().unwrap_or_default(),
        r.leadership
            .split(',')
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(";"),
    ]
}

fn refused(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

async fn export(
    state: AppState,
    user: Option<SessionUser>,
    q: HashMap<String, String>,
    format: Format,
) -> Response {
    let Some(user) = user else {
        return refused(StatusCode::UNAUTHORIZED, "Sign in to export.");
    };
    let Ok(actor) = crate::actor::server::actor_of(&state.db, &user).await else {
        return refused(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.");
    };
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    let Ok(agency) = search_agency(&actor, get("agency")) else {
        return refused(
            StatusCode::FORBIDDEN,
            "You may not export the partner search.",
        );
    };
    let filter = SearchFilter::parse(
        get("q"),
        get("country"),
        get("kind"),
        get("sector"),
        get("leadership"),
        get("completeness"),
        get("verification"),
        get("linked"),
        get("sort"),
    );
    let ids = match repo::search_ids(&state.db, &filter, agency.as_str(), MAX_EXPORT_ROWS).await {
        Ok(ids) => ids,
        Err(e) => {
            tracing::error!(error = %e, "cannot export the partner search");
            return refused(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.");
        }
    };
    let db = state.db.clone();
    let batches = batches_of_ids(ids, move |chunk| {
        let db = db.clone();
        async move {
            repo::search_rows(&db, agency.as_str(), &chunk)
                .await
                .map(|rows| rows.iter().map(cells).collect())
        }
    });
    let stem = format!("partners-{}", agency.as_str());
    download(format, &stem, "partners", &HEADERS, batches)
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
