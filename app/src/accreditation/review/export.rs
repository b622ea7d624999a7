//! `GET /secretariat/designations.csv` and `.xlsx`: the queue as the officer filtered it (same
//! query as the page), for their stations only. CSV cells that a spreadsheet would run as a
//! formula are neutralised.
use crate::accreditation::repo::{self, QueueRow};
use crate::accreditation::review::api::server::{queue_filter, stations_of};
use crate::ssr::AppState;
use crate::ssr::session::SessionUser;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The most lines an export holds.
pub const MAX_EXPORT_ROWS: i64 = 10_000;

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

/// One CSV field: quoted when needed; a leading `=`, `+`, `-`, `@` gets a `'` (no formula).
pub fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

pub fn to_csv(rows: &[QueueRow]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADERS.join(","));
    out.push_str("\r\n");
    for r in rows {
        let line: Vec<String> = cells(r).iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn to_xlsx(rows: &[QueueRow]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("designations")?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in cells(r).iter().enumerate() {
            // Written as text: a cell is never a formula.
            sheet.write_string(i as u32 + 1, c as u16, v)?;
        }
    }
    book.save_to_buffer()
}

fn refused(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

async fn rows_for(
    state: &AppState,
    user: Option<SessionUser>,
    q: &HashMap<String, String>,
) -> Result<Vec<QueueRow>, Response> {
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
    repo::queue(&state.db, &filter, get("sort"), MAX_EXPORT_ROWS, 0)
        .await
        .map(|(rows, _)| rows)
        .map_err(|e| {
            tracing::error!(error = %e, "cannot export the queue");
            refused(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.")
        })
}

fn download(body: Vec<u8>, mime: &'static str, name: &'static str) -> Response {
    let mut resp = Response::new(axum::body::Body::from(body));
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    resp
}

pub async fn csv(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    user: Option<Extension<SessionUser>>,
) -> Response {
    match rows_for(&state, user.map(|u| u.0), &q).await {
        Ok(rows) => download(
            to_csv(&rows).into_bytes(),
            "text/csv; charset=utf-8",
            "designations.csv",
        ),
        Err(r) => r,
    }
}

pub async fn xlsx(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    user: Option<Extension<SessionUser>>,
) -> Response {
    match rows_for(&state, user.map(|u| u.0), &q).await {
        Ok(rows) => match to_xlsx(&rows) {
            Ok(bytes) => download(
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "designations.xlsx",
            ),
            Err(e) => {
                tracing::error!(error = %e, "cannot write the xlsx export");
                refused(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.")
            }
        },
        Err(r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Awa Sow"), "Awa Sow");
        assert_eq!(csv_field("Eau, Vie"), "\"Eau, Vie\"");
        assert_eq!(csv_field("dit \"AIE\""), "\"dit \"\"AIE\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+41 22"), "'+41 22");
        assert_eq!(csv_field("-1"), "'-1");
    }
}
