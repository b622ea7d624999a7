//! The large demo volume (`passerelle demo-data --scale large`), on top of the demo data set: 60 000
//! designations over three years at the three duty stations, spread over the directory's 13 000
//! organisations, in every state — what a secretariat works through, for the benchmarks
//! (`bench/compare`). Idempotent; inserted in batches in one transaction.
use app::ssr::Db;

/// Designations the large volume adds.
pub const LARGE_DESIGNATIONS: usize = 60_000;

const STATIONS: [&str; 3] = ["new_york", "geneva", "vienna"];
const FIRST: [&str; 12] = [
    "Awa", "Karim", "Lucía", "Sofia", "Tomás", "Nadia", "Jean", "Mariam", "Pedro", "Yuki", "Amina",
    "Omar",
];

/// One generated designation.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// Index of its organisation among the directory's.
    pub organisation: usize,
    pub station: &'static str,
    /// Years back from the current one (0, 1 or 2).
    pub years_back: i64,
    pub status: &'static str,
    pub pass_kind: &'static str,
    pub representative_type: &'static str,
    /// The principal seat (1) for an annual designation holding one, else none.
    pub seat: Option<i64>,
    pub first_name: &'static str,
    pub last_name: String,
    /// Day of the year it was submitted (0–359).
    pub day: i64,
}

/// The `i`-th designation of the large volume among `organisations` organisations. An
/// organisation has at most one designation per station and year, so a seat never repeats.
pub fn generated(i: usize, organisations: usize) -> Generated {
    let organisation = i % organisations;
    let k = i / organisations;
    let station = STATIONS[k % 3];
    // For one organisation, k and k + 3 share a station: their years differ.
    let years_back = ((k / 3 + k + organisation) % 3) as i64;
    let status = match (years_back, i % 20) {
        (_, 0) => "rejected",
        (_, 1) => "withdrawn",
        (0, 2..=9) => "submitted",
        (0, _) => "approved",
        (_, 2) => "revoked",
        (_, _) => "expired",
    };
    let pass_kind = if i.is_multiple_of(7) {
        "temporary"
    } else {
        "annual"
    };
    let holds_seat = pass_kind == "annual" && matches!(status, "submitted" | "approved");
    Generated {
        organisation,
        station,
        years_back,
        status,
        pass_kind,
        representative_type: if i.is_multiple_of(3) {
            "additional_representative"
        } else {
            "principal_representative"
        },
        seat: holds_seat.then_some(1),
        first_name: FIRST[i % FIRST.len()],
        last_name: format!("Nom{i}"),
        day: (i * 37 % 360) as i64,
    }
}

/// Adds the large volume unless it is there; answers how many designations were added.
pub async fn load(db: &Db) -> Result<usize, sqlx::Error> {
    use chrono::Datelike;
    let present: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM designations WHERE last_name = 'Nom0'")
            .fetch_one(db)
            .await?;
    if present > 0 {
        return Ok(0);
    }
    let organisations: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM organisations o WHERE consultative_status IS NOT NULL AND parent_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM designations d WHERE d.organisation_id = o.id)
         ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    let admin: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'aie.admin'")
        .fetch_one(db)
        .await?;
    if organisations.is_empty() {
        return Ok(0);
    }
    let this_year = i64::from(app::ssr::db::today().year());
    let day_ms = 86_400_000_i64;
    let mut tx = app::ssr::db::begin(db).await?;
    const COLUMNS: usize = 20;
    for batch in (0..LARGE_DESIGNATIONS).collect::<Vec<_>>().chunks(500) {
        let mut sql = String::from(
            "INSERT INTO designations (organisation_id, duty_station, year, pass_kind,
                representative_type, status, seat, title, first_name, last_name, date_of_birth,
                person_key, valid_from, valid_until, fields, created_by, created_at, updated_at,
                submitted_at, decided_at) VALUES ",
        );
        let rows: Vec<String> = (0..batch.len())
            .map(|j| {
                let params: Vec<String> = (1..=COLUMNS)
                    .map(|c| format!("${}", j * COLUMNS + c))
                    .collect();
                format!("({})", params.join(", "))
            })
            .collect();
        sql.push_str(&rows.join(", "));
        let mut q = sqlx::query(&sql);
        for &i in batch {
            let g = generated(i, organisations.len());
            let year = this_year - g.years_back;
            // 1 January of the year, in ms since the epoch, then the day of submission.
            let start = chrono::NaiveDate::from_ymd_opt(year as i32, 1, 1)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .map(|t| t.and_utc().timestamp_millis())
                .unwrap_or_default();
            let submitted = start + g.day * day_ms + (i as i64 % 36_000) * 1000;
            let decided = (g.status != "submitted").then_some(submitted + 3 * day_ms);
            let dob = format!("19{:02}-0{}-1{}", 50 + i % 50, 1 + i % 9, i % 10);
            let fields = serde_json::json!({
                "first_name": g.first_name, "last_name": g.last_name, "date_of_birth": dob,
                "email": format!("nom{i}@directory.example"), "nationality": "SN",
            })
            .to_string();
            q = q
                .bind(organisations[g.organisation])
                .bind(g.station)
                .bind(year)
                .bind(g.pass_kind)
                .bind(g.representative_type)
                .bind(g.status)
                .bind(g.seat)
                .bind(if i.is_multiple_of(2) { "ms" } else { "mr" })
                .bind(g.first_name)
                .bind(g.last_name.clone())
                .bind(dob.clone())
                .bind(format!("{}|nom{i}|{dob}", g.first_name.to_lowercase()))
                .bind(format!("{year}-01-01"))
                .bind(format!("{year}-12-31"))
                .bind(fields)
                .bind(admin)
                .bind(submitted)
                .bind(decided.unwrap_or(submitted))
                .bind(submitted)
                .bind(decided);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(LARGE_DESIGNATIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_holds_one_seat_per_station_and_year() {
        let mut seats = std::collections::HashSet::new();
        let mut states = std::collections::BTreeMap::new();
        for i in 0..LARGE_DESIGNATIONS {
            let g = generated(i, 13_000);
            *states.entry(g.status).or_insert(0) += 1;
            assert!(
                seats.insert((g.organisation, g.station, g.years_back)),
                "{i}: {g:?} repeats a station and year"
            );
        }
        assert_eq!(states.len(), 6, "every state but draft: {states:?}");
        assert!(states["submitted"] > 5_000, "{states:?}");
    }
}
