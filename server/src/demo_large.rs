//! The large demo volume (`passerelle demo-data --scale large`), on top of the demo data set: 60 000
//! designations over three years at the three duty stations, spread over the directory's 13 000
//! organisations, in every state — what a secretariat works through, for the benchmarks
//! (`bench/compare`); and 20 000 partner profiles (`load_partners`). Idempotent; inserted in
//! batches in one transaction each.
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

/// Partner profiles the large volume adds (issue 14): new partner organisations, each with a
/// profile at some completeness, some with leadership flags, sectors, a UNFPA code, a
/// verification — what the agencies' search works through.
pub const LARGE_PARTNERS: usize = 20_000;

const PREFIXES: [&str; 6] = [
    "Association",
    "Collectif",
    "Réseau",
    "Fondation",
    "Union",
    "Groupement",
];
const THEMES: [&str; 8] = [
    "des femmes",
    "pour l’eau",
    "des jeunes",
    "pour la santé",
    "pour l’éducation",
    "des paysans",
    "pour le climat",
    "des réfugiés",
];
const COUNTRIES: [&str; 12] = [
    "SN", "ML", "BF", "CI", "NE", "HT", "CD", "CM", "MG", "TD", "GN", "BJ",
];
const KINDS: [&str; 5] = [
    "national_ngo",
    "community_based_organisation",
    "national_ngo",
    "academic_institution",
    "red_cross_red_crescent",
];

/// One generated partner.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedPartner {
    pub legal_name: String,
    pub country: &'static str,
    pub kind: &'static str,
    pub completeness: i64,
    /// Its answers: sectors, leadership flags.
    pub answers: Vec<(&'static str, String)>,
    /// Its UNFPA partner code, if linked.
    pub code: Option<String>,
    /// Its verification (verified or not), if verified.
    pub verified: Option<bool>,
}

/// The `i`-th generated partner.
pub fn generated_partner(i: usize) -> GeneratedPartner {
    let name = format!(
        "{} {} n° {i}",
        PREFIXES[i % PREFIXES.len()],
        THEMES[(i / 6) % THEMES.len()]
    );
    let completeness = match i % 5 {
        0 => 100,
        1 => 0,
        k => (k as i64) * 20 + (i % 17) as i64,
    };
    let sectors = app::organisations::domain::SECTORS;
    let mut answers = vec![(
        "sectors",
        format!(
            "{},{}",
            sectors[i % sectors.len()],
            sectors[(i / 3 + 1) % sectors.len()]
        ),
    )];
    if i.is_multiple_of(4) {
        answers.push(("women_led", "yes".to_string()));
    }
    if i.is_multiple_of(5) {
        answers.push(("youth_led", "yes".to_string()));
    }
    let code = (i % 4 == 1).then(|| format!("UF{i:06}"));
    let verified = i.is_multiple_of(3).then_some(i.is_multiple_of(6));
    GeneratedPartner {
        legal_name: name,
        country: COUNTRIES[i % COUNTRIES.len()],
        kind: KINDS[i % KINDS.len()],
        completeness,
        answers,
        code,
        verified,
    }
}

/// Adds the partner volume (once), in batches in one transaction; answers the profiles added.
pub async fn load_partners(db: &Db) -> Result<usize, sqlx::Error> {
    let present: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE legal_name = $1")
            .bind(generated_partner(0).legal_name)
            .fetch_one(db)
            .await?;
    if present > 0 {
        return Ok(0);
    }
    let officer: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'agency.unfpa'")
        .fetch_one(db)
        .await?;
    let now = app::ssr::db::now_millis();
    let mut tx = app::ssr::db::begin(db).await?;
    // Placeholders `($1, …, $n), (…)` for `rows` rows of `columns` values.
    let values = |rows: usize, columns: usize| {
        (0..rows)
            .map(|j| {
                let p: Vec<String> = (1..=columns)
                    .map(|c| format!("${}", j * columns + c))
                    .collect();
                format!("({})", p.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for batch in (0..LARGE_PARTNERS).collect::<Vec<_>>().chunks(500) {
        let sql = format!(
            "INSERT INTO organisations (legal_name, country, kind, created_at) VALUES {}
             RETURNING id, legal_name",
            values(batch.len(), 4)
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
        let generated: Vec<_> = batch.iter().map(|&i| (i, generated_partner(i))).collect();
        for (_, g) in &generated {
            q = q
                .bind(g.legal_name.clone())
                .bind(g.country)
                .bind(g.kind)
                .bind(now);
        }
        // RETURNING promises no order: each id is found by its (unique) name.
        let by_name: std::collections::HashMap<String, i64> = q
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(id, n)| (n, id))
            .collect();
        let ids: Vec<i64> = generated
            .iter()
            .map(|(_, g)| by_name[&g.legal_name])
            .collect();
        let sql = format!(
            "INSERT INTO partner_profiles (organisation_id, version, completeness, updated_at) VALUES {}",
            values(ids.len(), 4)
        );
        let mut q = sqlx::query(&sql);
        for (id, (i, g)) in ids.iter().zip(&generated) {
            q = q
                .bind(*id)
                .bind(1_i64)
                .bind(g.completeness)
                .bind(now - *i as i64 * 60_000);
        }
        q.execute(&mut *tx).await?;
        let answers: Vec<(i64, &str, String)> = ids
            .iter()
            .zip(&generated)
            .flat_map(|(id, (_, g))| g.answers.iter().map(move |(f, v)| (*id, *f, v.clone())))
            .collect();
        let sql = format!(
            "INSERT INTO partner_answers (organisation_id, field, value) VALUES {}",
            values(answers.len(), 3)
        );
        let mut q = sqlx::query(&sql);
        for (id, f, v) in &answers {
            q = q.bind(*id).bind(*f).bind(v.clone());
        }
        q.execute(&mut *tx).await?;
        for (id, (_, g)) in ids.iter().zip(&generated) {
            if let Some(code) = &g.code {
                sqlx::query(
                    "INSERT INTO partner_codes (agency, code, organisation_id, linked_by, linked_at)
                     VALUES ('unfpa', $1, $2, $3, $4)",
                )
                .bind(code)
                .bind(*id)
                .bind(officer)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(v) = g.verified {
                let v = i64::from(v);
                sqlx::query(
                    "INSERT INTO partner_verifications (organisation_id, agency, registration_valid,
                        mandate_consistent, safeguards_in_place, other_risk, risk_unacceptable,
                        verified, verified_by, created_at)
                     VALUES ($1, 'unfpa', 1, $2, 1, 0, 0, $3, $4, $5)",
                )
                .bind(*id)
                .bind(v)
                .bind(v)
                .bind(officer)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(LARGE_PARTNERS)
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

    #[test]
    fn generated_partners_are_unique_and_spread_over_every_state() {
        let mut names = std::collections::HashSet::new();
        let mut complete = 0;
        let mut verified = [0, 0];
        for i in 0..LARGE_PARTNERS {
            let g = generated_partner(i);
            assert!(
                app::organisations::kinds::OrganisationKind::parse(g.kind)
                    .is_some_and(|k| k.is_civil_society())
            );
            assert!((0..=100).contains(&g.completeness));
            complete += usize::from(g.completeness == 100);
            assert!(!g.answers.is_empty());
            assert!(
                names.insert((g.legal_name, g.country)),
                "{i} repeats a name"
            );
            if let Some(v) = g.verified {
                verified[usize::from(v)] += 1;
            }
        }
        assert_eq!(complete, LARGE_PARTNERS / 5);
        assert!(verified[0] > 1_000 && verified[1] > 1_000, "{verified:?}");
    }
}
