//! The demo data set (`passerelle demo-data`): idempotent, never loaded unless asked.
use app::accounts::repo;
use app::fields::EmailAddress;
use app::organisations::kinds::ConsultativeStatus;
use app::organisations::kinds::OrganisationKind as K;
use app::organisations::repo::{self as organisations, NewOrganisation};
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
pub async fn load(db: &Db, data_dir: &std::path::Path) -> Result<String, String> {
    let db_err = |e: sqlx::Error| e.to_string();
    let mut added = 0;
    for o in organisations() {
        if organisations::insert_organisation_if_absent(db, &o)
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
        crate::admin::create_admin(db, &email, DEMO_PASSWORD.to_string()).await?
    } else {
        false
    };
    let people = load_people(db).await.map_err(db_err)?;
    let designations = load_designations(db).await.map_err(db_err)?;
    let rooms = load_rooms(db).await.map_err(db_err)?;
    let partners = load_partners(db).await.map_err(db_err)?
        + load_profiles_at_every_completeness(db, data_dir)
            .await
            .map_err(db_err)?;
    let calls = load_calls(db).await.map_err(db_err)?;
    let directory = load_directory(db).await.map_err(db_err)?;
    let added = added + directory;
    let total = organisations::count_organisations(db)
        .await
        .map_err(db_err)?;
    Ok(format!(
        "Demo data: {added} organisations added ({total} in all), {people} demo people added, {designations} designations added, {rooms} meeting rooms added, partner profiles filled: {partners}, calls for expression of interest added: {calls}{}.",
        if admin_added {
            ", demo administrator created"
        } else {
            ""
        }
    ))
}

/// The AIE headquarters' partner profile, partly filled (the completeness page has something
/// to list), linked to UNFPA's partner code `P12345` with the seed's spending table (2018
/// $38,758 · 2019 $85,971 · 2020 $117,824 · 2021 $96,956). Once; answers 1 when it filled it.
async fn load_partners(db: &Db) -> Result<usize, sqlx::Error> {
    use app::partners::domain::profile::{Answers, Section, completeness, parse_section};
    use app::partners::domain::spending::SpendingRow;
    use app::partners::repo as partners;
    let hq: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1 AND country = 'CH'")
            .bind("Alliance internationale pour l’eau")
            .fetch_optional(db)
            .await?;
    let officer: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE username = 'agency.unfpa'")
            .fetch_optional(db)
            .await?;
    let (Some(hq), Some(officer)) = (hq, officer) else {
        return Ok(0);
    };
    if partners::version(db, hq).await? > 0 {
        return Ok(0);
    }
    let sections: [(Section, &[(&str, &str)]); 4] = [
        (
            Section::Identification,
            &[
                ("year_established", "1987"),
                ("registered", "yes"),
                ("registration_number", "CHE-109.322.516"),
                ("registration_authority", "Registre du commerce de Genève"),
                ("registration_date", "1987-03-12"),
                ("women_led", "yes"),
            ],
        ),
        (
            Section::Contacts,
            &[
                ("address", "Rue de Lausanne 64, 1202 Genève"),
                ("phone", "+41 22 555 01 23"),
                ("email", "siege@aie.example"),
                ("website", "https://aie.example"),
                ("head_name", "Awa Diop"),
                ("head_title", "Directrice générale"),
                ("board", "yes"),
                ("board_members", "Awa Diop, Jean Morel, Lucía Pérez"),
                ("board_authorised", "yes"),
                ("authorised_officers", "Awa Diop (directrice générale)"),
                ("working_languages", "fr,en,es"),
            ],
        ),
        (
            Section::Funding,
            &[
                ("budget_this_year", "1m_5m"),
                ("budget_last_year", "1m_5m"),
                ("budget_two_years_ago", "500k_1m"),
                ("main_donors", "UNFPA, Fondation Eau Vive, DDC"),
                ("core_funding", "foundations"),
            ],
        ),
        (
            Section::Collaboration,
            &[
                ("un_partner", "yes"),
                (
                    "un_partnerships",
                    "UNFPA depuis 2018 (santé maternelle, Sénégal et Haïti)",
                ),
                ("references", "Ministère de la Santé du Sénégal"),
            ],
        ),
    ];
    let today = app::ssr::db::today();
    let mut all = Answers::new();
    let mut parsed = vec![];
    for (section, pairs) in sections {
        let fields = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let answers = parse_section(section, &fields, today)
            .map_err(|e| sqlx::Error::Protocol(format!("demo profile {section:?}: {e:?}")))?;
        all.extend(answers.clone());
        parsed.push((section, answers));
    }
    let mut tx = app::ssr::db::begin(db).await?;
    if !partners::bump_version(&mut tx, hq, 0, completeness(&all).percent).await? {
        return Ok(0);
    }
    for (section, answers) in &parsed {
        partners::replace_section(&mut tx, hq, *section, answers).await?;
    }
    partners::link_code(&mut tx, "unfpa", "P12345", hq, officer).await?;
    let rows: Vec<SpendingRow> = [
        (2018, 3_875_800),
        (2019, 8_597_100),
        (2020, 11_782_400),
        (2021, 9_695_600),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (year, amount_minor))| SpendingRow {
        line: i + 1,
        partner_code: "P12345".into(),
        year,
        amount_minor,
    })
    .collect();
    partners::import_spending(&mut tx, "unfpa", &rows, officer).await?;
    load_support_requests(&mut tx, hq).await?;
    load_psea(&mut tx, hq).await?;
    tx.commit().await?;
    Ok(1)
}

/// A demo call: title, description, sectors, countries, criteria, its deadline in days from
/// today, the states it moves through.
type DemoCall = (
    &'static str,
    &'static str,
    Vec<String>,
    Vec<String>,
    Vec<app::partners::domain::calls::Criterion>,
    i64,
    &'static [&'static str],
);

/// UNFPA's calls for expression of interest (issue 15), one in each state: two open (one in
/// the partners' health sector in Senegal and Mali), a draft, one closed at its deadline three
/// days ago, one finalised. Once; answers how many it added.
async fn load_calls(db: &Db) -> Result<usize, sqlx::Error> {
    use app::partners::calls::repo as calls;
    use app::partners::domain::calls::{CallDates, CallForm, Criterion};
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partner_calls")
        .fetch_one(db)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let Some(officer) = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM users WHERE email = 'agency.unfpa@passerelle.example'",
    )
    .fetch_optional(db)
    .await?
    else {
        return Ok(0);
    };
    let today = app::ssr::db::today();
    let day = |n: i64| today + chrono::Duration::days(n);
    let criteria = |list: &[(&str, u8)]| -> Vec<Criterion> {
        list.iter()
            .map(|(name, weight)| Criterion {
                name: name.to_string(),
                weight: *weight,
            })
            .collect()
    };
    let s = |list: &[&str]| -> Vec<String> { list.iter().map(|x| x.to_string()).collect() };
    let calls: [DemoCall; 5] = [
        (
            "Santé maternelle et planification familiale à Kaolack et Kayes",
            "L’UNFPA cherche des organisations locales pour renforcer l’accès des femmes aux soins prénatals et à la planification familiale dans les régions de Kaolack (Sénégal) et de Kayes (Mali) : mobilisation communautaire, orientation vers les structures de santé, suivi des résultats.",
            s(&["health", "gender_equality"]),
            s(&["ML", "SN"]),
            criteria(&[
                ("Expérience en santé sexuelle et reproductive", 40),
                ("Présence dans les régions visées", 35),
                ("Coût et efficience", 25),
            ]),
            21,
            &["published"],
        ),
        (
            "Prévention des violences basées sur le genre en contexte humanitaire",
            "Mise en place d’espaces sûrs pour les femmes et les filles, prise en charge psychosociale et orientation des survivantes dans les camps et communautés d’accueil.",
            s(&["gender_equality", "protection"]),
            s(&["CD", "CF", "TD"]),
            criteria(&[
                ("Approche centrée sur les survivantes", 50),
                ("Capacité opérationnelle", 30),
                ("Partenariats locaux", 20),
            ]),
            35,
            &["published"],
        ),
        (
            "Jeunes et santé : éducation complète à la sexualité",
            "Brouillon en préparation : programmes d’éducation complète à la sexualité menés par et pour les jeunes.",
            s(&["education", "health"]),
            s(&["BJ", "TG"]),
            criteria(&[
                ("Participation des jeunes", 60),
                ("Qualité pédagogique", 40),
            ]),
            50,
            &[],
        ),
        (
            "Données démographiques pour la planification locale",
            "Appui aux collectivités pour collecter et utiliser des données de population dans leur planification.",
            s(&["governance", "health"]),
            s(&["SN"]),
            criteria(&[("Expertise statistique", 70), ("Ancrage territorial", 30)]),
            -3,
            &["published", "closed"],
        ),
        (
            "Sages-femmes communautaires au Niger",
            "Formation et déploiement de sages-femmes communautaires dans les zones rurales.",
            s(&["health"]),
            s(&["NE"]),
            criteria(&[("Expérience", 50), ("Coût", 50)]),
            -60,
            &["published", "closed", "finalised"],
        ),
    ];
    let mut tx = app::ssr::db::begin(db).await?;
    let mut added = 0;
    for (title, description, sectors, countries, criteria, offset, moves) in calls {
        let form = CallForm {
            title: title.to_string(),
            description: description.to_string(),
            sectors,
            countries,
            criteria,
            dates: CallDates {
                clarification_deadline: day(offset - 10),
                deadline: day(offset),
                notification: day(offset + 14),
                start: day(offset + 30),
                end: day(offset + 395),
            },
        };
        let id = calls::create(&mut tx, "unfpa", &form, officer).await?;
        let mut from = "draft";
        for to in moves {
            let reason = (*to == "finalised").then_some((
                "no_suitable_applicant",
                "Aucune candidature ne réunissait l’expérience demandée.",
            ));
            calls::move_to(&mut tx, id, from, None, to, reason).await?;
            from = to;
        }
        added += 1;
    }
    tx.commit().await?;
    Ok(added)
}

/// A small real PDF: the demo's governing document.
const DEMO_PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Partner profiles at every completeness (issue 14): Femmes et développement durable complete
/// (its governing document and registration certificate PDFs kept in the data directory), the Red de Jóvenes por el Clima
/// with two sections filled; the Alliance's is half filled (`load_partners`), the others empty.
/// Once; answers the profiles filled.
async fn load_profiles_at_every_completeness(
    db: &Db,
    data_dir: &std::path::Path,
) -> Result<usize, sqlx::Error> {
    use app::partners::domain::profile::{Answers, Section, completeness, parse_section};
    use app::partners::repo as partners;
    let id_of = |name: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM organisations WHERE legal_name = $1")
            .bind(name)
            .fetch_optional(db)
            .await
    };
    let (Some(fdd), Some(rjc)) = (
        id_of("Femmes et développement durable").await?,
        id_of("Red de Jóvenes por el Clima").await?,
    ) else {
        return Ok(0);
    };
    let Some(admin) = repo::find_user_id_by_email(
        db,
        &EmailAddress::parse(DEMO_ADMIN_EMAIL).map_err(|e| sqlx::Error::Protocol(e.to_string()))?,
    )
    .await?
    else {
        return Ok(0);
    };
    if partners::version(db, fdd).await? > 0 {
        return Ok(0);
    }
    let identification: &[(&str, &str)] = &[
        ("year_established", "1994"),
        ("registered", "yes"),
        ("registration_number", "W751234567"),
        ("registration_authority", "Préfecture de police de Paris"),
        ("registration_date", "1994-09-15"),
        ("women_led", "yes"),
    ];
    let rest: [(Section, &[(&str, &str)]); 6] = [
        (
            Section::Contacts,
            &[
                ("address", "12 rue de la Solidarité, 75011 Paris"),
                ("phone", "+33 1 55 00 12 34"),
                ("email", "contact@fdd.example"),
                ("head_name", "Mariam Koné"),
                ("head_title", "Présidente"),
                ("board", "yes"),
                ("board_members", "Mariam Koné, Hélène Garnier, Aïssatou Ba"),
                ("board_authorised", "yes"),
                (
                    "authorised_officers",
                    "Mariam Koné (présidente), Hélène Garnier (trésorière)",
                ),
                ("working_languages", "fr,en"),
            ],
        ),
        (
            Section::Mandate,
            &[
                (
                    "background",
                    "Fondée en 1994 par des associations de femmes migrantes.",
                ),
                ("mandate", "Droits et autonomie économique des femmes."),
                (
                    "governance",
                    "Assemblée générale annuelle, conseil de neuf membres.",
                ),
                ("populations", "women_girls"),
                ("sectors", "gender_equality,livelihoods"),
                ("experience", "over_10"),
                ("countries_of_operation", "FR,SN,ML"),
                ("safeguarding_policy", "no"),
                (
                    "safeguarding_policy_comment",
                    "Adoption prévue par le conseil en 2027",
                ),
                ("anti_fraud_policy", "no"),
                (
                    "anti_fraud_policy_comment",
                    "Procédure de double signature en place",
                ),
            ],
        ),
        (
            Section::Funding,
            &[
                ("budget_this_year", "250k_500k"),
                ("budget_last_year", "250k_500k"),
                ("budget_two_years_ago", "100k_250k"),
                ("main_donors", "AFD, Fondation de France, UNFPA"),
                ("core_funding", "foundations"),
            ],
        ),
        (
            Section::Collaboration,
            &[
                ("un_partner", "yes"),
                (
                    "un_partnerships",
                    "UNFPA (2021–2024, autonomisation au Mali)",
                ),
                ("references", "Coordination SUD"),
            ],
        ),
        (
            Section::Implementation,
            &[
                ("results_based_management", "yes"),
                ("monitoring_evaluation", "yes"),
                ("feedback_mechanism", "yes"),
                ("segregation_of_duties", "yes"),
                ("bank_account", "yes"),
                ("audited", "no"),
                (
                    "key_results",
                    "3 400 femmes accompagnées vers un emploi depuis 2019.",
                ),
            ],
        ),
        (Section::Other, &[("data_confirmed", "yes")]),
    ];
    let today = app::ssr::db::today();
    let parse = |section: Section, pairs: &[(&str, &str)]| {
        let fields = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        parse_section(section, &fields, today)
            .map_err(|e| sqlx::Error::Protocol(format!("demo profile {section:?}: {e:?}")))
    };
    let mut tx = app::ssr::db::begin(db).await?;
    let document = app::uploads::repo::keep_bytes(
        &mut tx,
        data_dir,
        fdd,
        "partner_governing_document",
        "statuts-fdd.pdf",
        DEMO_PDF,
        admin,
    )
    .await?;
    let certificate = app::uploads::repo::keep_bytes(
        &mut tx,
        data_dir,
        fdd,
        "partner_registration_certificate",
        "recepisse-prefecture.pdf",
        DEMO_PDF,
        admin,
    )
    .await?;
    let mut id_section = identification.to_vec();
    let (document, certificate) = (document.to_string(), certificate.to_string());
    id_section.push(("governing_document", &document));
    id_section.push(("registration_certificate", &certificate));
    let mut sections = vec![(
        Section::Identification,
        parse(Section::Identification, &id_section)?,
    )];
    for (section, pairs) in rest {
        sections.push((section, parse(section, pairs)?));
    }
    let all: Answers = sections.iter().flat_map(|(_, a)| a.clone()).collect();
    if !partners::bump_version(&mut tx, fdd, 0, completeness(&all).percent).await? {
        return Ok(0);
    }
    for (section, answers) in &sections {
        partners::replace_section(&mut tx, fdd, *section, answers).await?;
    }
    // The Red de Jóvenes: identification (without its documents) and funding.
    let young = [
        (
            Section::Identification,
            parse(
                Section::Identification,
                &[
                    ("year_established", "2016"),
                    ("registered", "yes"),
                    ("registration_number", "S0012345"),
                    ("registration_authority", "Cámara de Comercio de Bogotá"),
                    ("registration_date", "2016-04-22"),
                    ("youth_led", "yes"),
                ],
            )?,
        ),
        (
            Section::Funding,
            parse(
                Section::Funding,
                &[
                    ("budget_this_year", "under_50k"),
                    ("budget_last_year", "under_50k"),
                    ("budget_two_years_ago", "under_50k"),
                    ("main_donors", "Fondos propios, donaciones"),
                    ("core_funding", "membership_fees"),
                ],
            )?,
        ),
    ];
    let all: Answers = young.iter().flat_map(|(_, a)| a.clone()).collect();
    if partners::version(&mut *tx, rjc).await? == 0
        && partners::bump_version(&mut tx, rjc, 0, completeness(&all).percent).await?
    {
        for (section, answers) in &young {
            partners::replace_section(&mut tx, rjc, *section, answers).await?;
        }
    }
    tx.commit().await?;
    Ok(2)
}

/// A PSEA self-assessment of the Alliance, submitted by its administrator (seven of eight
/// standards met, with evidence: medium capacity), waiting for an agency's review.
async fn load_psea(tx: &mut sqlx::AnyConnection, hq: i64) -> Result<(), sqlx::Error> {
    use app::partners::domain::psea::{parse_assessment, rating_of};
    use app::partners::psea::repo as psea;
    let Some(admin) = sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE username = $1")
        .bind("aie.admin")
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(());
    };
    let mut form = app::fields::Fields::new();
    for (i, s) in app::partners::domain::psea::Standard::ALL
        .iter()
        .enumerate()
    {
        let met = i != 3; // training: not met yet
        form.insert(
            s.as_str().to_string(),
            if met { "yes" } else { "no" }.to_string(),
        );
        if met {
            form.insert(
                format!("{}_evidence", s.as_str()),
                "Politique PSEA adoptée par le conseil (2023), annexée aux contrats".to_string(),
            );
        }
    }
    let answers = parse_assessment(&form, true)
        .map_err(|e| sqlx::Error::Protocol(format!("demo PSEA: {e:?}")))?;
    let id = psea::create(tx, hq, admin).await?;
    psea::replace_answers(tx, id, &answers).await?;
    psea::move_to(
        tx,
        id,
        "draft",
        1,
        "submitted",
        psea::Move {
            rating: Some(rating_of(&answers).as_str()),
            submitted: true,
            review: None,
        },
    )
    .await?;
    Ok(())
}

/// The help desk's queue: a new request, one in hand with a reply, one resolved.
async fn load_support_requests(tx: &mut sqlx::AnyConnection, hq: i64) -> Result<(), sqlx::Error> {
    use app::partners::domain::support::{Category, NewRequest};
    use app::partners::support::repo as support;
    let user = |name: &'static str| {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE username = $1").bind(name)
    };
    let (Some(editor), Some(reader), Some(desk)) = (
        user("aie.editor").fetch_optional(&mut *tx).await?,
        user("aie.reader").fetch_optional(&mut *tx).await?,
        user("helpdesk").fetch_optional(&mut *tx).await?,
    ) else {
        return Ok(());
    };
    // (requester, category, subject, message, page, the help desk's reply, state)
    type Request<'a> = (
        i64,
        Category,
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        &'a str,
    );
    let requests: [Request; 3] = [
        (
            editor,
            Category::NonEditableInformation,
            "Le numéro d’enregistrement ne se modifie pas",
            "Notre numéro d’enregistrement a changé en 2024 ; le champ est grisé.",
            "/partners/{hq}/identification",
            None,
            "open",
        ),
        (
            reader,
            Category::LostAccess,
            "Accès de notre bureau de Dakar",
            "Notre collègue de Dakar ne reçoit pas le code de connexion.",
            "/partners/{hq}",
            Some("Nous avons renvoyé l’invitation ; pouvez-vous vérifier les indésirables ?"),
            "in_progress",
        ),
        (
            editor,
            Category::DuplicateProfile,
            "Deux profils pour l’Alliance",
            "Un ancien profil « AIE Genève » existe aussi.",
            "/partners/{hq}",
            Some("L’ancien profil est archivé ; tout est sur celui-ci."),
            "resolved",
        ),
    ];
    for (who, category, subject, message, page, reply, status) in requests {
        let r = NewRequest {
            category,
            subject: subject.into(),
            message: message.into(),
        };
        let page = page.replace("{hq}", &hq.to_string());
        let id = support::create(tx, hq, who, &r, &page).await?;
        if let Some(reply) = reply {
            support::move_to(tx, id, "open", 1, "in_progress", Some(desk)).await?;
            support::add_message(tx, id, desk, true, reply).await?;
        }
        if status == "resolved" {
            support::move_to(tx, id, "in_progress", 2, "resolved", None).await?;
        }
    }
    Ok(())
}

/// A demo person: (email, username, display name, staff role and scope, membership of the
/// headquarters of the Alliance internationale pour l’eau).
type DemoPerson = (
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
    Option<&'static str>,
);

/// Staff of every role and members of every role; all use `DEMO_PASSWORD`.
pub const DEMO_PEOPLE: [DemoPerson; 7] = [
    (
        "officer.geneva@passerelle.example",
        "officer.geneva",
        "Agent d’accréditation (Genève)",
        Some(("accreditation_officer", "geneva")),
        None,
    ),
    (
        "agency.unfpa@passerelle.example",
        "agency.unfpa",
        "Agent UNFPA",
        Some(("agency_officer", "UNFPA")),
        None,
    ),
    (
        "helpdesk@passerelle.example",
        "helpdesk",
        "Assistance Passerelle",
        Some(("help_desk", "")),
        None,
    ),
    (
        "extranet@passerelle.example",
        "extranet.secretariat",
        "Secrétariat de l’extranet",
        Some(("extranet_secretariat", "")),
        None,
    ),
    (
        "aie.admin@passerelle.example",
        "aie.admin",
        "Awa Diop",
        None,
        Some("administrator"),
    ),
    (
        "aie.editor@passerelle.example",
        "aie.editor",
        "Jean Morel",
        None,
        Some("editor"),
    ),
    (
        "aie.reader@passerelle.example",
        "aie.reader",
        "Lucía Pérez",
        None,
        Some("reader"),
    ),
];

const HQ_EMAIL: &str = "siege@aie.example";
const PENDING_EMAIL: &str = "elu.bordeaux@passerelle.example";
/// The administrator of the regional network (an extranet group).
const NETWORK_EMAIL: &str = "reseau.admin@passerelle.example";

/// Adds the demo people who are missing, one transaction; answers how many were added.
async fn load_people(db: &Db) -> Result<usize, sqlx::Error> {
    use app::organisations::domain::MemberRole;
    use app::organisations::repo as orgs;
    let hq: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1 AND country = 'CH'")
            .bind("Alliance internationale pour l’eau")
            .fetch_one(db)
            .await?;
    // One hash for every demo person (they share the demo password).
    let hash = app::ssr::passwords::hash_password(DEMO_PASSWORD.to_string())
        .await
        .map_err(|_| sqlx::Error::Protocol("cannot hash the demo password".into()))?;
    let mut tx = app::ssr::db::begin(db).await?;
    sqlx::query("UPDATE organisations SET email = $1 WHERE id = $2 AND email IS NULL")
        .bind(HQ_EMAIL)
        .bind(hq)
        .execute(&mut *tx)
        .await?;
    let mut added = 0;
    for (email, username, name, staff, member) in DEMO_PEOPLE {
        let address =
            EmailAddress::parse(email).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        if repo::find_user_id_by_email(&mut *tx, &address)
            .await?
            .is_some()
        {
            continue;
        }
        let (first, last) = name.split_once(' ').unwrap_or((name, ""));
        let id = repo::insert_user(
            &mut *tx,
            &repo::NewUser {
                email: &address,
                username,
                display_name: name,
                first_name: first,
                last_name: last,
                password_hash: &hash,
                locale: "fr",
                status: "active",
                newsletter: false,
            },
        )
        .await?;
        if let Some((role, scope)) = staff {
            repo::grant_staff_role(&mut *tx, id, role, scope).await?;
        }
        if let Some(role) = member.and_then(MemberRole::parse) {
            orgs::insert_membership(&mut *tx, hq, Some(id), email, name, role).await?;
        }
        added += 1;
    }
    // An officer for every other agency: agency.<code>@passerelle.example ("Agent UNICEF").
    for agency in app::partners::domain::agencies::Agency::ALL {
        if *agency == app::partners::domain::agencies::Agency::Unfpa {
            continue;
        }
        let code = agency.as_str().replace('_', "");
        let email = format!("agency.{code}@passerelle.example");
        let address =
            EmailAddress::parse(&email).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        if repo::find_user_id_by_email(&mut *tx, &address)
            .await?
            .is_some()
        {
            continue;
        }
        let name = format!("Agent {}", agency.name());
        let id = repo::insert_user(
            &mut *tx,
            &repo::NewUser {
                email: &address,
                username: &format!("agency.{code}"),
                display_name: &name,
                first_name: "Agent",
                last_name: &agency.name(),
                password_hash: &hash,
                locale: "fr",
                status: "active",
                newsletter: false,
            },
        )
        .await?;
        repo::grant_staff_role(&mut *tx, id, "agency_officer", &agency.scope()).await?;
        added += 1;
    }
    // The administrator of an extranet group (a regional network), already validated.
    let network: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM organisations WHERE legal_name = 'Réseau régional multi-acteurs Grand Est'",
    )
    .fetch_optional(&mut *tx)
    .await?;
    let network_admin =
        EmailAddress::parse(NETWORK_EMAIL).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    if let Some(network) = network
        && repo::find_user_id_by_email(&mut *tx, &network_admin)
            .await?
            .is_none()
    {
        let id = repo::insert_user(
            &mut *tx,
            &repo::NewUser {
                email: &network_admin,
                username: "reseau.admin",
                display_name: "Marc Weber",
                first_name: "Marc",
                last_name: "Weber",
                password_hash: &hash,
                locale: "fr",
                status: "active",
                newsletter: false,
            },
        )
        .await?;
        orgs::insert_membership(
            &mut *tx,
            network,
            Some(id),
            NETWORK_EMAIL,
            "Marc Weber",
            MemberRole::Administrator,
        )
        .await?;
        added += 1;
    }
    // One extranet registration waiting for the secretariat.
    let pending =
        EmailAddress::parse(PENDING_EMAIL).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    if repo::find_user_id_by_email(&mut *tx, &pending)
        .await?
        .is_none()
    {
        let id = repo::insert_user(
            &mut *tx,
            &repo::NewUser {
                email: &pending,
                username: "elu.bordeaux",
                display_name: "Claire Martin",
                first_name: "Claire",
                last_name: "Martin",
                password_hash: &hash,
                locale: "fr",
                status: "pending",
                newsletter: false,
            },
        )
        .await?;
        app::extranet::repo::insert(
            &mut *tx,
            &app::extranet::repo::NewRegistration {
                user_id: id,
                group_kind: "local_authority",
                organisation_id: None,
                organisation_name: "Ville de Bordeaux",
                country: "FR",
                position: "Adjointe aux relations internationales",
            },
        )
        .await?;
        added += 1;
    }
    tx.commit().await?;
    Ok(added)
}

/// Designations of the Alliance's headquarters at Geneva, this year: three additional
/// representatives (two submitted, one approved) and one withdrawn (an inactive
/// representative to copy); at New York, an approved Principal representative with
/// accreditation rights (Lucía Pérez, the demo reader). Added once.
async fn load_designations(db: &Db) -> Result<usize, sqlx::Error> {
    const ADDITIONAL: &str = "additional_representative";
    use app::accreditation::domain::{DesignationForm, DesignationStatus};
    use app::accreditation::repo as acc;
    use chrono::Datelike;
    let hq: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1 AND country = 'CH'")
            .bind("Alliance internationale pour l’eau")
            .fetch_one(db)
            .await?;
    let existing: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM designations WHERE organisation_id = $1")
            .bind(hq)
            .fetch_one(db)
            .await?;
    if existing > 0 {
        return Ok(0);
    }
    let admin: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'aie.admin'")
        .fetch_one(db)
        .await?;
    let today = app::ssr::db::today();
    // (first, last, sex, title, status, seat, type, accreditation rights, address): Lucía
    // Pérez, a reader of the Alliance, is its Principal representative at New York with
    // accreditation rights (the demo's rights holder: temporary passes and meeting rooms).
    let people = [
        (
            "Karim",
            "Benali",
            "male",
            "mr",
            DesignationStatus::Submitted,
            Some(1),
            ADDITIONAL,
            false,
            None,
        ),
        (
            "Sofia",
            "Rossi",
            "female",
            "ms",
            DesignationStatus::Approved,
            Some(2),
            ADDITIONAL,
            false,
            None,
        ),
        (
            "Nadia",
            "Haddad",
            "female",
            "ms",
            DesignationStatus::Submitted,
            Some(3),
            ADDITIONAL,
            false,
            None,
        ),
        (
            "Tomás",
            "Silva",
            "male",
            "mr",
            DesignationStatus::Withdrawn,
            None,
            ADDITIONAL,
            false,
            None,
        ),
        (
            "Lucía",
            "Pérez",
            "female",
            "ms",
            DesignationStatus::Approved,
            Some(1),
            "principal_representative",
            true,
            Some("aie.reader@passerelle.example"),
        ),
    ];
    let mut tx = app::ssr::db::begin(db).await?;
    for (first, last, sex, title, status, seat, rep, rights, email) in people {
        let fields: app::fields::Fields = [
            (
                "duty_station",
                if rights { "new_york" } else { "geneva" }.to_string(),
            ),
            ("pass_kind", "annual".into()),
            ("representative_type", rep.into()),
            (
                "accreditation_rights",
                if rights { "yes" } else { "no" }.into(),
            ),
            ("valid_from", today.to_string()),
            ("valid_until", format!("{}-12-31", today.year())),
            ("communication_preference", "email".into()),
            ("title", title.into()),
            ("first_name", first.into()),
            ("last_name", last.into()),
            ("address_street", "Rue de Lausanne 1".into()),
            ("address_city", "Genève".into()),
            ("country", "CH".into()),
            ("phone", "+41 22 917 12 34".into()),
            (
                "email",
                email.map(str::to_string).unwrap_or_else(|| {
                    format!("{}@aie.example", first.to_lowercase().replace('á', "a"))
                }),
            ),
            ("place_of_birth", "Genève".into()),
            ("nationality", "CH".into()),
            ("date_of_birth", "1985-03-12".into()),
            ("sex", sex.into()),
            ("position", "Chargé·e de plaidoyer".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let form = DesignationForm::parse(&fields, today)
            .map_err(|e| sqlx::Error::Protocol(format!("demo designation: {e:?}")))?;
        let id = acc::insert_draft(&mut *tx, hq, &form, admin).await?;
        acc::change_status(
            &mut *tx,
            id,
            DesignationStatus::Draft,
            DesignationStatus::Submitted,
            seat.or(Some(4)),
            admin,
            None,
        )
        .await?;
        if status != DesignationStatus::Submitted {
            acc::change_status(
                &mut *tx,
                id,
                DesignationStatus::Submitted,
                status,
                seat,
                admin,
                None,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(people.len())
}

/// Meeting rooms of the three duty stations (added when missing).
pub const DEMO_ROOMS: [(&str, &str, i64); 7] = [
    ("geneva", "Salle XII", 80),
    ("geneva", "Salle XXIII", 40),
    ("geneva", "Salle E-3051", 20),
    ("new_york", "Conference Room 4", 120),
    ("new_york", "Conference Room 11", 30),
    ("vienna", "Board Room C", 50),
    ("vienna", "M-Building Room 2", 200),
];

async fn load_rooms(db: &Db) -> Result<usize, sqlx::Error> {
    let mut added = 0;
    for (station, name, capacity) in DEMO_ROOMS {
        if app::accreditation::rooms::repo::add_room(db, station, name, capacity)
            .await?
            .is_some()
        {
            added += 1;
        }
    }
    Ok(added)
}

/// How many organisations in consultative status the public directory's demo holds beyond the
/// named ones (the seed cites 13 000 profiles).
pub const DIRECTORY_SIZE: usize = 13_000;

/// The `i`-th generated organisation of the directory: a name, a country, a status and year.
pub fn directory_entry(i: usize) -> (String, &'static str, &'static str, i64) {
    const FORMS: [&str; 10] = [
        "Association",
        "Fondation",
        "Réseau",
        "Alliance",
        "Centre",
        "Institut",
        "Coalition",
        "Fédération",
        "Union",
        "Observatoire",
    ];
    const AIMS: [&str; 20] = [
        "pour l’eau",
        "des femmes rurales",
        "pour la paix",
        "des droits de l’enfant",
        "pour le climat",
        "de la santé communautaire",
        "pour l’éducation",
        "des peuples autochtones",
        "pour la sécurité alimentaire",
        "des jeunes leaders",
        "pour la démocratie locale",
        "des personnes handicapées",
        "pour les océans",
        "des réfugiés",
        "pour la forêt",
        "des travailleurs migrants",
        "pour l’énergie solaire",
        "des médias libres",
        "pour le commerce équitable",
        "des aînés",
    ];
    const COUNTRIES: [&str; 26] = [
        "FR", "SN", "CH", "KE", "BR", "IN", "CA", "MX", "NG", "PH", "DE", "ES", "AR", "MA", "TN",
        "CM", "CI", "BF", "ML", "NE", "TD", "GH", "ZA", "JP", "US", "GB",
    ];
    const STATUSES: [&str; 3] = ["special", "general", "roster"];
    let name = format!(
        "{} {} n° {}",
        FORMS[i % FORMS.len()],
        AIMS[(i / FORMS.len()) % AIMS.len()],
        i / (FORMS.len() * AIMS.len()) + 1
    );
    (
        name,
        COUNTRIES[(i * 7) % COUNTRIES.len()],
        STATUSES[usize::from(i.is_multiple_of(10)) + usize::from(i.is_multiple_of(25))],
        1950 + (i % 75) as i64,
    )
}

/// The directory's organisations, added once, in batches.
async fn load_directory(db: &Db) -> Result<usize, sqlx::Error> {
    let (first, country, ..) = directory_entry(0);
    let present: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM organisations WHERE legal_name = $1 AND country = $2",
    )
    .bind(&first)
    .bind(country)
    .fetch_one(db)
    .await?;
    if present > 0 {
        return Ok(0);
    }
    let now = app::ssr::db::now_millis();
    let mut tx = app::ssr::db::begin(db).await?;
    for batch in (0..DIRECTORY_SIZE).collect::<Vec<_>>().chunks(250) {
        let mut sql = String::from(
            "INSERT INTO organisations (legal_name, country, kind, consultative_status,
                consultative_since, created_at) VALUES ",
        );
        let rows: Vec<String> = (0..batch.len())
            .map(|j| {
                let b = j * 5;
                format!(
                    "(${}, ${}, 'national_ngo', ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5
                )
            })
            .collect();
        sql.push_str(&rows.join(", "));
        let mut q = sqlx::query(&sql);
        for i in batch {
            let (name, country, status, since) = directory_entry(*i);
            q = q
                .bind(name)
                .bind(country)
                .bind(status)
                .bind(since)
                .bind(now);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(DIRECTORY_SIZE)
}

#[cfg(test)]
mod tests {
    #[test]
    fn directory_entries_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..super::DIRECTORY_SIZE {
            let (name, country, ..) = super::directory_entry(i);
            assert!(seen.insert((name, country)), "entry {i} repeats");
        }
    }
}
