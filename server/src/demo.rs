//! The demo data set (`passerelle demo-data`): idempotent, never loaded unless asked.
use app::accounts::domain::{ConsultativeStatus, EmailAddress, OrganisationKind as K};
use app::accounts::repo::{self, NewOrganisation};
use app::ssr::Db;

/// Demo logins, printed by the README's run command.
pub const DEMO_ADMIN_EMAIL: &str = "admin@passerelle.example";
pub const DEMO_PASSWORD: &str = "passerelle-demo";

fn org<'a>(
    legal_name: &'a str,
    acronym: Option<&'a str>,
    country: &'a str,
    kind: K,
) -> NewOrganisation<'a> {
    NewOrganisation {
        legal_name,
        acronym,
        country,
        kind,
        parent: None,
        consultative: None,
    }
}

fn organisations() -> Vec<NewOrganisation<'static>> {
    let hq = ("Alliance internationale pour l’eau", "CH");
    vec![
        NewOrganisation {
            consultative: Some((ConsultativeStatus::General, 1998)),
            ..org(
                "Alliance internationale pour l’eau",
                Some("AIE"),
                "CH",
                K::InternationalNgo,
            )
        },
        NewOrganisation {
            parent: Some(hq),
            ..org(
                "Alliance internationale pour l’eau",
                Some("AIE"),
                "SN",
                K::InternationalNgo,
            )
        },
        NewOrganisation {
            parent: Some(hq),
            ..org(
                "Alliance internationale pour l’eau",
                Some("AIE"),
                "HT",
                K::InternationalNgo,
            )
        },
        NewOrganisation {
            consultative: Some((ConsultativeStatus::Special, 2011)),
            ..org(
                "Femmes et développement durable",
                Some("FDD"),
                "FR",
                K::NationalNgo,
            )
        },
        NewOrganisation {
            consultative: Some((ConsultativeStatus::Roster, 2019)),
            ..org(
                "Red de Jóvenes por el Clima",
                Some("RJC"),
                "CO",
                K::NationalNgo,
            )
        },
        org(
            "Association communautaire de Kaolack",
            None,
            "SN",
            K::CommunityBasedOrganisation,
        ),
        org(
            "Université de Ouagadougou — Institut du Sahel",
            None,
            "BF",
            K::AcademicInstitution,
        ),
        org(
            "Croissant-Rouge tunisien",
            None,
            "TN",
            K::RedCrossRedCrescent,
        ),
        org("Ambassade de France au Sénégal", None, "SN", K::Embassy),
        org("Région Nouvelle-Aquitaine", None, "FR", K::LocalAuthority),
        org(
            "Cités Unies France",
            Some("CUF"),
            "FR",
            K::NationalElectedOfficialsAssociation,
        ),
        org(
            "Association internationale des maires francophones",
            Some("AIMF"),
            "FR",
            K::InternationalElectedOfficialsAssociation,
        ),
        org(
            "Réseau régional multi-acteurs Grand Est",
            None,
            "FR",
            K::RegionalNetwork,
        ),
        org(
            "Agence française de développement",
            Some("AFD"),
            "FR",
            K::MinistryOrPublicOperator,
        ),
        org(
            "Préfecture de la région Occitanie",
            None,
            "FR",
            K::Prefecture,
        ),
    ]
}

/// Loads the data set; a second run changes nothing. Returns a short report.
pub async fn load(db: &Db) -> Result<String, String> {
    let db_err = |e: sqlx::Error| e.to_string();
    let mut added = 0;
    for o in organisations() {
        if repo::insert_organisation_if_absent(db, &o)
            .await
            .map_err(db_err)?
        {
            added += 1;
        }
    }
    let email = EmailAddress::parse(DEMO_ADMIN_EMAIL).map_err(|e| e.to_string())?;
    let admin_added = if repo::find_user_id_by_email(db, &email)
        .await
        .map_err(db_err)?
        .is_none()
    {
        crate::commands::create_admin(db, &email, DEMO_PASSWORD.to_string()).await?
    } else {
        false
    };
    let total = repo::count_organisations(db).await.map_err(db_err)?;
    Ok(format!(
        "Demo data: {added} organisations added ({total} in all){}.",
        if admin_added {
            ", demo administrator created"
        } else {
            ""
        }
    ))
}
