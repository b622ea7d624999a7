//! The one rule that says whether two organisations are probably the same (PRODUCT.md §4 "No
//! duplicates", better than UNPP's exact match; also extranet registrations, §5): names compared
//! word by word once folded (`fields::fold_name`), without the words that only say what kind of
//! body it is ("association", "ONG", "e.V.") or join others ("de", "and", "&"), a typo forgiven in
//! long words; then acronym, country and registration number. Pure.

/// Words that join others, in fr/en/es/de/pt (articles, "and", "of", "for").
const JOINING_WORDS: &[&str] = &[
    "a", "au", "aux", "d", "da", "das", "de", "del", "der", "des", "die", "do", "dos", "du", "e",
    "el", "en", "et", "for", "fur", "l", "la", "las", "le", "les", "los", "of", "para", "pour",
    "the", "und", "von", "y", "and", "und",
];

/// Words that say what legal form or kind of body an organisation is, not which one it is, in
/// fr/en/es/de/pt, as folded ("e.V." is `ev` once its letters are joined).
const LEGAL_FORM_WORDS: &[&str] = &[
    "aisbl",
    "asbl",
    "asociacion",
    "associacao",
    "association",
    "associazione",
    "charity",
    "cic",
    "ev",
    "foundation",
    "fondation",
    "fundacao",
    "fundacion",
    "gemeinnutzige",
    "gmbh",
    "inc",
    "incorporated",
    "limited",
    "ltd",
    "ngo",
    "npo",
    "ong",
    "ongd",
    "organisation",
    "organization",
    "organizacion",
    "organizacao",
    "sarl",
    "stiftung",
    "verein",
];

/// The words of an organisation's name that tell which one it is: folded, punctuation ignored,
/// runs of single letters joined ("O.N.G." → `ong`, "e.V." → `ev`), joining and legal-form
/// words left out. In the order written.
pub fn name_words(name: &str) -> Vec<String> {
    let spaced: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '.') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let folded = crate::fields::fold_name(&spaced);
    let mut words: Vec<String> = vec![];
    let mut letters = String::new();
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        if w.chars().count() == 1 {
            letters.push_str(w);
            continue;
        }
        if !letters.is_empty() {
            words.push(std::mem::take(&mut letters));
        }
        words.push(w.to_string());
    }
    if !letters.is_empty() {
        words.push(letters);
    }
    words
        .into_iter()
        .filter(|w| !JOINING_WORDS.contains(&w.as_str()) && !LEGAL_FORM_WORDS.contains(&w.as_str()))
        .collect()
}

/// Edits (insert, delete, replace) between two words, counted up to `limit + 1`.
fn edits_within(a: &str, b: &str, limit: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (previous[j] + usize::from(ca != cb))
                .min(previous[j + 1] + 1)
                .min(row[j] + 1);
        }
        if row.iter().min().copied().unwrap_or(0) > limit {
            return false;
        }
        previous = row;
    }
    previous[b.len()] <= limit
}

/// Two words are the same word when equal, or, both of five letters or more, one edit apart
/// (two from nine letters): "developement" is "developpement", "femme" is "femmes"; "lyon" is
/// not "lille".
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let shortest = a.chars().count().min(b.chars().count());
    match shortest {
        0..=4 => false,
        5..=8 => edits_within(a, b, 1),
        _ => edits_within(a, b, 2),
    }
}

/// How alike two organisation names are, 0 to 100: twice the words they share over all their
/// words (`name_words`; each word of one matched to at most one of the other). Names with no
/// telling word are alike to nothing.
pub fn name_similarity(a: &str, b: &str) -> u8 {
    let (a, b) = (name_words(a), name_words(b));
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut unused: Vec<&String> = b.iter().collect();
    let mut shared = 0usize;
    for w in &a {
        if let Some(i) = unused.iter().position(|u| same_word(w, u)) {
            unused.swap_remove(i);
            shared += 1;
        }
    }
    (shared * 200 / (a.len() + b.len())) as u8
}

/// From this similarity on, two names are taken for one organisation.
pub const SAME_NAME: u8 = 80;
/// From this similarity on, two names with the same acronym are taken for one organisation.
pub const SAME_NAME_WITH_ACRONYM: u8 = 50;
/// The similarity extranet registrations are matched from ("Ville de Lyon" and "Ville de Lyon
/// (Métropole)", not "Ville de Lyon" and "Ville de Lille"): the secretariat is only offered to
/// attach the person, so the bar is lower.
pub const SIMILAR_NAME: u8 = 66;

/// What an organisation is compared by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity<'a> {
    pub legal_name: &'a str,
    pub acronym: Option<&'a str>,
    /// ISO 3166-1 alpha-2, as stored.
    pub country: &'a str,
    pub registration_number: Option<&'a str>,
}

/// Why an organisation was taken for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    RegistrationNumber,
    Name,
    NameAndAcronym,
}

/// A likely duplicate: how sure (0–100) and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Likeness {
    pub score: u8,
    pub reason: MatchReason,
}

/// Letters and digits only, upper-cased: "RNA W-751 234.567" is `RNAW751234567`.
fn compact_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `new` is probably `existing`, registered again: only within one country (an
/// international NGO's country offices share its name); the same registration number (of four
/// characters or more once compacted); names at least `SAME_NAME` alike; or the same acronym
/// and names at least `SAME_NAME_WITH_ACRONYM` alike.
pub fn likely_duplicate(new: &Identity, existing: &Identity) -> Option<Likeness> {
    if !new.country.eq_ignore_ascii_case(existing.country) {
        return None;
    }
    if let (Some(a), Some(b)) = (new.registration_number, existing.registration_number) {
        let (a, b) = (compact_code(a), compact_code(b));
        if a.len() >= 4 && a == b {
            return Some(Likeness {
                score: 100,
                reason: MatchReason::RegistrationNumber,
            });
        }
    }
    let similarity = name_similarity(new.legal_name, existing.legal_name);
    let same_acronym = match (new.acronym, existing.acronym) {
        (Some(a), Some(b)) => {
            let (a, b) = (compact_code(a), compact_code(b));
            a.len() >= 2 && a == b
        }
        _ => false,
    };
    if similarity >= SAME_NAME {
        Some(Likeness {
            score: similarity,
            reason: if same_acronym {
                MatchReason::NameAndAcronym
            } else {
                MatchReason::Name
            },
        })
    } else if same_acronym && similarity >= SAME_NAME_WITH_ACRONYM {
        Some(Likeness {
            score: similarity.max(SAME_NAME),
            reason: MatchReason::NameAndAcronym,
        })
    } else {
        None
    }
}

/// How many likely duplicates a person is shown at creation.
pub const MAX_SHOWN: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    fn org<'a>(name: &'a str, acronym: Option<&'a str>, country: &'a str) -> Identity<'a> {
        Identity {
            legal_name: name,
            acronym,
            country,
            registration_number: None,
        }
    }

    #[test]
    fn the_words_that_tell_which_organisation_it_is() {
        assert_eq!(
            name_words("Association Femmes & Développement"),
            ["femmes", "developpement"]
        );
        assert_eq!(
            name_words("FEMMES ET DEVELOPPEMENT (ONG)"),
            ["femmes", "developpement"]
        );
        assert_eq!(name_words("Kinderhilfe e.V."), ["kinderhilfe"]);
        assert_eq!(name_words("O.N.G. Terre Verte"), ["terre", "verte"]);
        assert_eq!(name_words("Fundação Amigos da Terra"), ["amigos", "terra"]);
        assert_eq!(name_words("The Water Foundation, Ltd."), ["water"]);
        assert_eq!(name_words("de la"), Vec::<String>::new());
    }

    #[test]
    fn near_duplicates_are_found() {
        for (a, b) in [
            (
                "Association Femmes & Développement",
                "FEMMES ET DEVELOPPEMENT (ONG)",
            ),
            ("Femmes et Développement", "Femmes et Developement"),
            ("Fondation Enfance du Monde", "Enfance du Monde e.V."),
            ("Asociación Agua Limpia", "Agua limpia, asociacion"),
            ("Save the Rivers Foundation", "SAVE THE RIVERS"),
        ] {
            let found = likely_duplicate(&org(a, None, "SN"), &org(b, None, "sn"));
            assert!(
                matches!(found, Some(l) if l.score >= SAME_NAME),
                "{a} ~ {b}: {found:?}"
            );
        }
    }

    #[test]
    fn different_organisations_are_not_taken_for_one() {
        for (a, b) in [
            ("Femmes et Santé", "Femmes et Développement"),
            ("Médecins du Monde", "Médecins Sans Frontières"),
            ("Ville de Lyon", "Ville de Lille"),
            (
                "Association des amis du Mali",
                "Association des maires du Sénégal",
            ),
            ("Association", "Association"),
        ] {
            assert_eq!(
                likely_duplicate(&org(a, None, "FR"), &org(b, None, "FR")),
                None,
                "{a} !~ {b}"
            );
        }
    }

    #[test]
    fn a_name_is_only_a_duplicate_within_one_country() {
        let hq = org("Save the Rivers Foundation", Some("STR"), "GB");
        let office = org("Save the Rivers Foundation", Some("STR"), "KE");
        assert_eq!(likely_duplicate(&office, &hq), None);
    }

    #[test]
    fn the_acronym_and_the_registration_number_count() {
        let a = org(
            "Action pour la Santé Communautaire et le Développement",
            Some("A.S.C.D."),
            "CM",
        );
        let b = org("Action Santé", Some("ASCD"), "CM");
        assert_eq!(name_similarity(a.legal_name, b.legal_name), 66);
        assert_eq!(
            likely_duplicate(&a, &b),
            Some(Likeness {
                score: SAME_NAME,
                reason: MatchReason::NameAndAcronym
            })
        );
        let c = Identity {
            registration_number: Some("RNA W-751 234 567"),
            ..org("Les Amis de la Forêt", None, "FR")
        };
        let d = Identity {
            registration_number: Some("rnaw751234567"),
            ..org("Forêt Vivante", None, "FR")
        };
        assert_eq!(
            likely_duplicate(&c, &d).map(|l| l.reason),
            Some(MatchReason::RegistrationNumber)
        );
        let short = Identity {
            registration_number: Some("12"),
            ..d
        };
        let short2 = Identity {
            registration_number: Some("12"),
            ..c
        };
        assert_eq!(likely_duplicate(&short, &short2), None);
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let names = [
            "Association Femmes & Développement",
            "Femmes",
            "Ville de Lyon (Métropole)",
            "",
            "Кооператив Женщин",
            "A B C D",
        ];
        for a in names {
            for b in names {
                let s = name_similarity(a, b);
                assert!(s <= 100);
                assert_eq!(s, name_similarity(b, a), "{a} / {b}");
            }
        }
    }
}
