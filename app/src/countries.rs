//! Countries: the ISO 3166-1 alpha-2 codes (249, as Debian's iso-codes lists them) with their
//! names in English, French and Spanish (Unicode CLDR, as ICU gives them). One list for every
//! country field, filter and display; shared by server and browser.

/// One country: its code and its name in each of Passerelle's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub en: &'static str,
    pub fr: &'static str,
    pub es: &'static str,
}

impl Country {
    /// The name in `lang` ("fr", "en", "es"); French for anything else.
    pub fn name(&self, lang: &str) -> &'static str {
        match lang {
            "en" => self.en,
            "es" => self.es,
            _ => self.fr,
        }
    }
}

/// The country with this code (upper case), if ISO 3166-1 assigns it.
pub fn by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES
        .binary_search_by(|c| c.code.cmp(code))
        .ok()
        .map(|i| &COUNTRIES[i])
}

/// The name of the country `code` in `lang`; the code itself when it is not a known country
/// (records written before the list existed keep showing what they hold).
pub fn name_of(code: &str, lang: &str) -> String {
    by_code(code).map_or_else(|| code.to_string(), |c| c.name(lang).to_string())
}

/// (code, name) for every country, in the alphabetical order of `lang`'s names (accents and
/// case ignored, as a person reading the list expects: "Émirats" among the E). Sorted once per
/// language, then shared: every country field of every page reads the same list.
pub fn options(lang: &str) -> &'static [(&'static str, &'static str)] {
    use std::sync::OnceLock;
    static SORTED: [OnceLock<Vec<(&'static str, &'static str)>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, lang) = match lang {
        "en" => (&SORTED[1], "en"),
        "es" => (&SORTED[2], "es"),
        _ => (&SORTED[0], "fr"),
    };
    slot.get_or_init(|| {
        let mut all: Vec<(&'static str, &'static str)> =
            COUNTRIES.iter().map(|c| (c.code, c.name(lang))).collect();
        all.sort_by_cached_key(|(_, name)| sort_key(name));
        all
    })
}

/// The `<option>` elements of a country list as HTML: first `placeholder` (empty value), then
/// every country in `options(lang)` order, the one whose code is `selected` marked selected.
/// The countries' part is written once per language; a render copies it and marks one option,
/// instead of building some 250 elements for every country field of every page.
pub fn options_html(lang: &str, placeholder: &str, selected: &str) -> String {
    let mut html = String::with_capacity(13 * 1024);
    html.push_str("<option value=\"\">");
    push_escaped(&mut html, placeholder);
    html.push_str("</option>");
    html.push_str(&marked(lang, &[selected]));
    html
}

/// The `<option>` elements of every country (no placeholder), those of `selected` marked: a
/// list of several countries (`<select multiple>`).
pub fn options_html_many(lang: &str, selected: &[&str]) -> String {
    marked(lang, selected)
}

/// Every country's `<option>` in `options(lang)` order, the known codes of `selected` marked.
fn marked(lang: &str, selected: &[&str]) -> String {
    use std::sync::OnceLock;
    static HTML: [OnceLock<String>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        "en" => &HTML[1],
        "es" => &HTML[2],
        _ => &HTML[0],
    };
    let list = slot.get_or_init(|| {
        let mut html = String::with_capacity(12 * 1024);
        for (code, name) in options(lang) {
            html.push_str("<option value=\"");
            html.push_str(code);
            html.push_str("\">");
            push_escaped(&mut html, name);
            html.push_str("</option>");
        }
        html
    });
    // Only known codes are looked for, so nothing from the request is ever written out.
    let mut marks: Vec<usize> = selected
        .iter()
        .filter_map(|s| by_code(s))
        .filter_map(|c| {
            let needle = format!("value=\"{}\"", c.code);
            list.find(&needle).map(|at| at + needle.len())
        })
        .collect();
    marks.sort_unstable();
    marks.dedup();
    let mut html = String::with_capacity(list.len() + 10 * marks.len());
    let mut from = 0;
    for at in marks {
        html.push_str(&list[from..at]);
        html.push_str(" selected");
        from = at;
    }
    html.push_str(&list[from..]);
    html
}

/// Text made safe inside an HTML element.
fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
}

/// A name folded for sorting: lower case, Latin accents removed, punctuation ignored.
fn sort_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            Some(match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
                'ç' | 'č' | 'ć' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
                'ñ' | 'ń' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
                'ý' | 'ÿ' => 'y',
                c if c.is_alphanumeric() || c == ' ' => c,
                _ => return None,
            })
        })
        .collect()
}

/// Every assigned code, sorted by code (`by_code` searches it).
pub const COUNTRIES: &[Country] = &[
    Country {
        code: "AD",
        en: "Andorra",
        fr: "Andorre",
        es: "Andorra",
    },
    Country {
        code: "AE",
        en: "United Arab Emirates",
        fr: "Émirats arabes unis",
        es: "Emiratos Árabes Unidos",
    },
    Country {
        code: "AF",
        en: "Afghanistan",
        fr: "Afghanistan",
        es: "Afganistán",
    },
    Country {
        code: "AG",
        en: "Antigua & Barbuda",
        fr: "Antigua-et-Barbuda",
        es: "Antigua y Barbuda",
    },
    Country {
        code: "AI",
        en: "Anguilla",
        fr: "Anguilla",
        es: "Anguila",
    },
    Country {
        code: "AL",
        en: "Albania",
        fr: "Albanie",
        es: "Albania",
    },
    Country {
        code: "AM",
        en: "Armenia",
        fr: "Arménie",
        es: "Armenia",
    },
    Country {
        code: "AO",
        en: "Angola",
        fr: "Angola",
        es: "Angola",
    },
    Country {
        code: "AQ",
        en: "Antarctica",
        fr: "Antarctique",
        es: "Antártida",
    },
    Country {
        code: "AR",
        en: "Argentina",
        fr: "Argentine",
        es: "Argentina",
    },
    Country {
        code: "AS",
        en: "American Samoa",
        fr: "Samoa américaines",
        es: "Samoa Americana",
    },
    Country {
        code: "AT",
        en: "Austria",
        fr: "Autriche",
        es: "Austria",
    },
    Country {
        code: "AU",
        en: "Australia",
        fr: "Australie",
        es: "Australia",
    },
    Country {
        code: "AW",
        en: "Aruba",
        fr: "Aruba",
        es: "Aruba",
    },
    Country {
        code: "AX",
        en: "Åland Islands",
        fr: "Îles Åland",
        es: "Islas Aland",
    },
    Country {
        code: "AZ",
        en: "Azerbaijan",
        fr: "Azerbaïdjan",
        es: "Azerbaiyán",
    },
    Country {
        code: "BA",
        en: "Bosnia & Herzegovina",
        fr: "Bosnie-Herzégovine",
        es: "Bosnia y Herzegovina",
    },
    Country {
        code: "BB",
        en: "Barbados",
        fr: "Barbade",
        es: "Barbados",
    },
    Country {
        code: "BD",
        en: "Bangladesh",
        fr: "Bangladesh",
        es: "Bangladés",
    },
    Country {
        code: "BE",
        en: "Belgium",
        fr: "Belgique",
        es: "Bélgica",
    },
    Country {
        code: "BF",
        en: "Burkina Faso",
        fr: "Burkina Faso",
        es: "Burkina Faso",
    },
    Country {
        code: "BG",
        en: "Bulgaria",
        fr: "Bulgarie",
        es: "Bulgaria",
    },
    Country {
        code: "BH",
        en: "Bahrain",
        fr: "Bahreïn",
        es: "Baréin",
    },
    Country {
        code: "BI",
        en: "Burundi",
        fr: "Burundi",
        es: "Burundi",
    },
    Country {
        code: "BJ",
        en: "Benin",
        fr: "Bénin",
        es: "Benín",
    },
    Country {
        code: "BL",
        en: "St. Barthélemy",
        fr: "Saint-Barthélemy",
        es: "San Bartolomé",
    },
    Country {
        code: "BM",
        en: "Bermuda",
        fr: "Bermudes",
        es: "Bermudas",
    },
    Country {
        code: "BN",
        en: "Brunei",
        fr: "Brunei",
        es: "Brunéi",
    },
    Country {
        code: "BO",
        en: "Bolivia",
        fr: "Bolivie",
        es: "Bolivia",
    },
    Country {
        code: "BQ",
        en: "Caribbean Netherlands",
        fr: "Pays-Bas caribéens",
        es: "Caribe neerlandés",
    },
    Country {
        code: "BR",
        en: "Brazil",
        fr: "Brésil",
        es: "Brasil",
    },
    Country {
        code: "BS",
        en: "Bahamas",
        fr: "Bahamas",
        es: "Bahamas",
    },
    Country {
        code: "BT",
        en: "Bhutan",
        fr: "Bhoutan",
        es: "Bután",
    },
    Country {
        code: "BV",
        en: "Bouvet Island",
        fr: "Île Bouvet",
        es: "Isla Bouvet",
    },
    Country {
        code: "BW",
        en: "Botswana",
        fr: "Botswana",
        es: "Botsuana",
    },
    Country {
        code: "BY",
        en: "Belarus",
        fr: "Biélorussie",
        es: "Bielorrusia",
    },
    Country {
        code: "BZ",
        en: "Belize",
        fr: "Belize",
        es: "Belice",
    },
    Country {
        code: "CA",
        en: "Canada",
        fr: "Canada",
        es: "Canadá",
    },
    Country {
        code: "CC",
        en: "Cocos (Keeling) Islands",
        fr: "Îles Cocos",
        es: "Islas Cocos",
    },
    Country {
        code: "CD",
        en: "Congo - Kinshasa",
        fr: "Congo-Kinshasa",
        es: "República Democrática del Congo",
    },
    Country {
        code: "CF",
        en: "Central African Republic",
        fr: "République centrafricaine",
        es: "República Centroafricana",
    },
    Country {
        code: "CG",
        en: "Congo - Brazzaville",
        fr: "Congo-Brazzaville",
        es: "Congo",
    },
    Country {
        code: "CH",
        en: "Switzerland",
        fr: "Suisse",
        es: "Suiza",
    },
    Country {
        code: "CI",
        en: "Côte d’Ivoire",
        fr: "Côte d’Ivoire",
        es: "Côte d’Ivoire",
    },
    Country {
        code: "CK",
        en: "Cook Islands",
        fr: "Îles Cook",
        es: "Islas Cook",
    },
    Country {
        code: "CL",
        en: "Chile",
        fr: "Chili",
        es: "Chile",
    },
    Country {
        code: "CM",
        en: "Cameroon",
        fr: "Cameroun",
        es: "Camerún",
    },
    Country {
        code: "CN",
        en: "China",
        fr: "Chine",
        es: "China",
    },
    Country {
        code: "CO",
        en: "Colombia",
        fr: "Colombie",
        es: "Colombia",
    },
    Country {
        code: "CR",
        en: "Costa Rica",
        fr: "Costa Rica",
        es: "Costa Rica",
    },
    Country {
        code: "CU",
        en: "Cuba",
        fr: "Cuba",
        es: "Cuba",
    },
    Country {
        code: "CV",
        en: "Cape Verde",
        fr: "Cap-Vert",
        es: "Cabo Verde",
    },
    Country {
        code: "CW",
        en: "Curaçao",
        fr: "Curaçao",
        es: "Curazao",
    },
    Country {
        code: "CX",
        en: "Christmas Island",
        fr: "Île Christmas",
        es: "Isla de Navidad",
    },
    Country {
        code: "CY",
        en: "Cyprus",
        fr: "Chypre",
        es: "Chipre",
    },
    Country {
        code: "CZ",
        en: "Czechia",
        fr: "Tchéquie",
        es: "Chequia",
    },
    Country {
        code: "DE",
        en: "Germany",
        fr: "Allemagne",
        es: "Alemania",
    },
    Country {
        code: "DJ",
        en: "Djibouti",
        fr: "Djibouti",
        es: "Yibuti",
    },
    Country {
        code: "DK",
        en: "Denmark",
        fr: "Danemark",
        es: "Dinamarca",
    },
    Country {
        code: "DM",
        en: "Dominica",
        fr: "Dominique",
        es: "Dominica",
    },
    Country {
        code: "DO",
        en: "Dominican Republic",
        fr: "République dominicaine",
        es: "República Dominicana",
    },
    Country {
        code: "DZ",
        en: "Algeria",
        fr: "Algérie",
        es: "Argelia",
    },
    Country {
        code: "EC",
        en: "Ecuador",
        fr: "Équateur",
        es: "Ecuador",
    },
    Country {
        code: "EE",
        en: "Estonia",
        fr: "Estonie",
        es: "Estonia",
    },
    Country {
        code: "EG",
        en: "Egypt",
        fr: "Égypte",
        es: "Egipto",
    },
    Country {
        code: "EH",
        en: "Western Sahara",
        fr: "Sahara occidental",
        es: "Sáhara Occidental",
    },
    Country {
        code: "ER",
        en: "Eritrea",
        fr: "Érythrée",
        es: "Eritrea",
    },
    Country {
        code: "ES",
        en: "Spain",
        fr: "Espagne",
        es: "España",
    },
    Country {
        code: "ET",
        en: "Ethiopia",
        fr: "Éthiopie",
        es: "Etiopía",
    },
    Country {
        code: "FI",
        en: "Finland",
        fr: "Finlande",
        es: "Finlandia",
    },
    Country {
        code: "FJ",
        en: "Fiji",
        fr: "Fidji",
        es: "Fiyi",
    },
    Country {
        code: "FK",
        en: "Falkland Islands",
        fr: "Îles Malouines",
        es: "Islas Malvinas",
    },
    Country {
        code: "FM",
        en: "Micronesia",
        fr: "Micronésie",
        es: "Micronesia",
    },
    Country {
        code: "FO",
        en: "Faroe Islands",
        fr: "Îles Féroé",
        es: "Islas Feroe",
    },
    Country {
        code: "FR",
        en: "France",
        fr: "France",
        es: "Francia",
    },
    Country {
        code: "GA",
        en: "Gabon",
        fr: "Gabon",
        es: "Gabón",
    },
    Country {
        code: "GB",
        en: "United Kingdom",
        fr: "Royaume-Uni",
        es: "Reino Unido",
    },
    Country {
        code: "GD",
        en: "Grenada",
        fr: "Grenade",
        es: "Granada",
    },
    Country {
        code: "GE",
        en: "Georgia",
        fr: "Géorgie",
        es: "Georgia",
    },
    Country {
        code: "GF",
        en: "French Guiana",
        fr: "Guyane française",
        es: "Guayana Francesa",
    },
    Country {
        code: "GG",
        en: "Guernsey",
        fr: "Guernesey",
        es: "Guernesey",
    },
    Country {
        code: "GH",
        en: "Ghana",
        fr: "Ghana",
        es: "Ghana",
    },
    Country {
        code: "GI",
        en: "Gibraltar",
        fr: "Gibraltar",
        es: "Gibraltar",
    },
    Country {
        code: "GL",
        en: "Greenland",
        fr: "Groenland",
        es: "Groenlandia",
    },
    Country {
        code: "GM",
        en: "Gambia",
        fr: "Gambie",
        es: "Gambia",
    },
    Country {
        code: "GN",
        en: "Guinea",
        fr: "Guinée",
        es: "Guinea",
    },
    Country {
        code: "GP",
        en: "Guadeloupe",
        fr: "Guadeloupe",
        es: "Guadalupe",
    },
    Country {
        code: "GQ",
        en: "Equatorial Guinea",
        fr: "Guinée équatoriale",
        es: "Guinea Ecuatorial",
    },
    Country {
        code: "GR",
        en: "Greece",
        fr: "Grèce",
        es: "Grecia",
    },
    Country {
        code: "GS",
        en: "South Georgia & South Sandwich Islands",
        fr: "Géorgie du Sud-et-les Îles Sandwich du Sud",
        es: "Islas Georgia del Sur y Sandwich del Sur",
    },
    Country {
        code: "GT",
        en: "Guatemala",
        fr: "Guatemala",
        es: "Guatemala",
    },
    Country {
        code: "GU",
        en: "Guam",
        fr: "Guam",
        es: "Guam",
    },
    Country {
        code: "GW",
        en: "Guinea-Bissau",
        fr: "Guinée-Bissau",
        es: "Guinea-Bisáu",
    },
    Country {
        code: "GY",
        en: "Guyana",
        fr: "Guyana",
        es: "Guyana",
    },
    Country {
        code: "HK",
        en: "Hong Kong SAR China",
        fr: "R.A.S. chinoise de Hong Kong",
        es: "RAE de Hong Kong (China)",
    },
    Country {
        code: "HM",
        en: "Heard & McDonald Islands",
        fr: "Îles Heard-et-MacDonald",
        es: "Islas Heard y McDonald",
    },
    Country {
        code: "HN",
        en: "Honduras",
        fr: "Honduras",
        es: "Honduras",
    },
    Country {
        code: "HR",
        en: "Croatia",
        fr: "Croatie",
        es: "Croacia",
    },
    Country {
        code: "HT",
        en: "Haiti",
        fr: "Haïti",
        es: "Haití",
    },
    Country {
        code: "HU",
        en: "Hungary",
        fr: "Hongrie",
        es: "Hungría",
    },
    Country {
        code: "ID",
        en: "Indonesia",
        fr: "Indonésie",
        es: "Indonesia",
    },
    Country {
        code: "IE",
        en: "Ireland",
        fr: "Irlande",
        es: "Irlanda",
    },
    Country {
        code: "IL",
        en: "Israel",
        fr: "Israël",
        es: "Israel",
    },
    Country {
        code: "IM",
        en: "Isle of Man",
        fr: "Île de Man",
        es: "Isla de Man",
    },
    Country {
        code: "IN",
        en: "India",
        fr: "Inde",
        es: "India",
    },
    Country {
        code: "IO",
        en: "British Indian Ocean Territory",
        fr: "Territoire britannique de l’océan Indien",
        es: "Territorio Británico del Océano Índico",
    },
    Country {
        code: "IQ",
        en: "Iraq",
        fr: "Irak",
        es: "Irak",
    },
    Country {
        code: "IR",
        en: "Iran",
        fr: "Iran",
        es: "Irán",
    },
    Country {
        code: "IS",
        en: "Iceland",
        fr: "Islande",
        es: "Islandia",
    },
    Country {
        code: "IT",
        en: "Italy",
        fr: "Italie",
        es: "Italia",
    },
    Country {
        code: "JE",
        en: "Jersey",
        fr: "Jersey",
        es: "Jersey",
    },
    Country {
        code: "JM",
        en: "Jamaica",
        fr: "Jamaïque",
        es: "Jamaica",
    },
    Country {
        code: "JO",
        en: "Jordan",
        fr: "Jordanie",
        es: "Jordania",
    },
    Country {
        code: "JP",
        en: "Japan",
        fr: "Japon",
        es: "Japón",
    },
    Country {
        code: "KE",
        en: "Kenya",
        fr: "Kenya",
        es: "Kenia",
    },
    Country {
        code: "KG",
        en: "Kyrgyzstan",
        fr: "Kirghizstan",
        es: "Kirguistán",
    },
    Country {
        code: "KH",
        en: "Cambodia",
        fr: "Cambodge",
        es: "Camboya",
    },
    Country {
        code: "KI",
        en: "Kiribati",
        fr: "Kiribati",
        es: "Kiribati",
    },
    Country {
        code: "KM",
        en: "Comoros",
        fr: "Comores",
        es: "Comoras",
    },
    Country {
        code: "KN",
        en: "St. Kitts & Nevis",
        fr: "Saint-Christophe-et-Niévès",
        es: "San Cristóbal y Nieves",
    },
    Country {
        code: "KP",
        en: "North Korea",
        fr: "Corée du Nord",
        es: "Corea del Norte",
    },
    Country {
        code: "KR",
        en: "South Korea",
        fr: "Corée du Sud",
        es: "Corea del Sur",
    },
    Country {
        code: "KW",
        en: "Kuwait",
        fr: "Koweït",
        es: "Kuwait",
    },
    Country {
        code: "KY",
        en: "Cayman Islands",
        fr: "Îles Caïmans",
        es: "Islas Caimán",
    },
    Country {
        code: "KZ",
        en: "Kazakhstan",
        fr: "Kazakhstan",
        es: "Kazajistán",
    },
    Country {
        code: "LA",
        en: "Laos",
        fr: "Laos",
        es: "Laos",
    },
    Country {
        code: "LB",
        en: "Lebanon",
        fr: "Liban",
        es: "Líbano",
    },
    Country {
        code: "LC",
        en: "St. Lucia",
        fr: "Sainte-Lucie",
        es: "Santa Lucía",
    },
    Country {
        code: "LI",
        en: "Liechtenstein",
        fr: "Liechtenstein",
        es: "Liechtenstein",
    },
    Country {
        code: "LK",
        en: "Sri Lanka",
        fr: "Sri Lanka",
        es: "Sri Lanka",
    },
    Country {
        code: "LR",
        en: "Liberia",
        fr: "Liberia",
        es: "Liberia",
    },
    Country {
        code: "LS",
        en: "Lesotho",
        fr: "Lesotho",
        es: "Lesoto",
    },
    Country {
        code: "LT",
        en: "Lithuania",
        fr: "Lituanie",
        es: "Lituania",
    },
    Country {
        code: "LU",
        en: "Luxembourg",
        fr: "Luxembourg",
        es: "Luxemburgo",
    },
    Country {
        code: "LV",
        en: "Latvia",
        fr: "Lettonie",
        es: "Letonia",
    },
    Country {
        code: "LY",
        en: "Libya",
        fr: "Libye",
        es: "Libia",
    },
    Country {
        code: "MA",
        en: "Morocco",
        fr: "Maroc",
        es: "Marruecos",
    },
    Country {
        code: "MC",
        en: "Monaco",
        fr: "Monaco",
        es: "Mónaco",
    },
    Country {
        code: "MD",
        en: "Moldova",
        fr: "Moldavie",
        es: "Moldavia",
    },
    Country {
        code: "ME",
        en: "Montenegro",
        fr: "Monténégro",
        es: "Montenegro",
    },
    Country {
        code: "MF",
        en: "St. Martin",
        fr: "Saint-Martin",
        es: "San Martín",
    },
    Country {
        code: "MG",
        en: "Madagascar",
        fr: "Madagascar",
        es: "Madagascar",
    },
    Country {
        code: "MH",
        en: "Marshall Islands",
        fr: "Îles Marshall",
        es: "Islas Marshall",
    },
    Country {
        code: "MK",
        en: "North Macedonia",
        fr: "Macédoine du Nord",
        es: "Macedonia del Norte",
    },
    Country {
        code: "ML",
        en: "Mali",
        fr: "Mali",
        es: "Mali",
    },
    Country {
        code: "MM",
        en: "Myanmar (Burma)",
        fr: "Myanmar (Birmanie)",
        es: "Myanmar (Birmania)",
    },
    Country {
        code: "MN",
        en: "Mongolia",
        fr: "Mongolie",
        es: "Mongolia",
    },
    Country {
        code: "MO",
        en: "Macao SAR China",
        fr: "R.A.S. chinoise de Macao",
        es: "RAE de Macao (China)",
    },
    Country {
        code: "MP",
        en: "Northern Mariana Islands",
        fr: "Îles Mariannes du Nord",
        es: "Islas Marianas del Norte",
    },
    Country {
        code: "MQ",
        en: "Martinique",
        fr: "Martinique",
        es: "Martinica",
    },
    Country {
        code: "MR",
        en: "Mauritania",
        fr: "Mauritanie",
        es: "Mauritania",
    },
    Country {
        code: "MS",
        en: "Montserrat",
        fr: "Montserrat",
        es: "Montserrat",
    },
    Country {
        code: "MT",
        en: "Malta",
        fr: "Malte",
        es: "Malta",
    },
    Country {
        code: "MU",
        en: "Mauritius",
        fr: "Maurice",
        es: "Mauricio",
    },
    Country {
        code: "MV",
        en: "Maldives",
        fr: "Maldives",
        es: "Maldivas",
    },
    Country {
        code: "MW",
        en: "Malawi",
        fr: "Malawi",
        es: "Malaui",
    },
    Country {
        code: "MX",
        en: "Mexico",
        fr: "Mexique",
        es: "México",
    },
    Country {
        code: "MY",
        en: "Malaysia",
        fr: "Malaisie",
        es: "Malasia",
    },
    Country {
        code: "MZ",
        en: "Mozambique",
        fr: "Mozambique",
        es: "Mozambique",
    },
    Country {
        code: "NA",
        en: "Namibia",
        fr: "Namibie",
        es: "Namibia",
    },
    Country {
        code: "NC",
        en: "New Caledonia",
        fr: "Nouvelle-Calédonie",
        es: "Nueva Caledonia",
    },
    Country {
        code: "NE",
        en: "Niger",
        fr: "Niger",
        es: "Níger",
    },
    Country {
        code: "NF",
        en: "Norfolk Island",
        fr: "Île Norfolk",
        es: "Isla Norfolk",
    },
    Country {
        code: "NG",
        en: "Nigeria",
        fr: "Nigeria",
        es: "Nigeria",
    },
    Country {
        code: "NI",
        en: "Nicaragua",
        fr: "Nicaragua",
        es: "Nicaragua",
    },
    Country {
        code: "NL",
        en: "Netherlands",
        fr: "Pays-Bas",
        es: "Países Bajos",
    },
    Country {
        code: "NO",
        en: "Norway",
        fr: "Norvège",
        es: "Noruega",
    },
    Country {
        code: "NP",
        en: "Nepal",
        fr: "Népal",
        es: "Nepal",
    },
    Country {
        code: "NR",
        en: "Nauru",
        fr: "Nauru",
        es: "Nauru",
    },
    Country {
        code: "NU",
        en: "Niue",
        fr: "Niue",
        es: "Niue",
    },
    Country {
        code: "NZ",
        en: "New Zealand",
        fr: "Nouvelle-Zélande",
        es: "Nueva Zelanda",
    },
    Country {
        code: "OM",
        en: "Oman",
        fr: "Oman",
        es: "Omán",
    },
    Country {
        code: "PA",
        en: "Panama",
        fr: "Panama",
        es: "Panamá",
    },
    Country {
        code: "PE",
        en: "Peru",
        fr: "Pérou",
        es: "Perú",
    },
    Country {
        code: "PF",
        en: "French Polynesia",
        fr: "Polynésie française",
        es: "Polinesia Francesa",
    },
    Country {
        code: "PG",
        en: "Papua New Guinea",
        fr: "Papouasie-Nouvelle-Guinée",
        es: "Papúa Nueva Guinea",
    },
    Country {
        code: "PH",
        en: "Philippines",
        fr: "Philippines",
        es: "Filipinas",
    },
    Country {
        code: "PK",
        en: "Pakistan",
        fr: "Pakistan",
        es: "Pakistán",
    },
    Country {
        code: "PL",
        en: "Poland",
        fr: "Pologne",
        es: "Polonia",
    },
    Country {
        code: "PM",
        en: "St. Pierre & Miquelon",
        fr: "Saint-Pierre-et-Miquelon",
        es: "San Pedro y Miquelón",
    },
    Country {
        code: "PN",
        en: "Pitcairn Islands",
        fr: "Îles Pitcairn",
        es: "Islas Pitcairn",
    },
    Country {
        code: "PR",
        en: "Puerto Rico",
        fr: "Porto Rico",
        es: "Puerto Rico",
    },
    Country {
        code: "PS",
        en: "Palestinian Territories",
        fr: "Territoires palestiniens",
        es: "Territorios Palestinos",
    },
    Country {
        code: "PT",
        en: "Portugal",
        fr: "Portugal",
        es: "Portugal",
    },
    Country {
        code: "PW",
        en: "Palau",
        fr: "Palaos",
        es: "Palaos",
    },
    Country {
        code: "PY",
        en: "Paraguay",
        fr: "Paraguay",
        es: "Paraguay",
    },
    Country {
        code: "QA",
        en: "Qatar",
        fr: "Qatar",
        es: "Catar",
    },
    Country {
        code: "RE",
        en: "Réunion",
        fr: "La Réunion",
        es: "Reunión",
    },
    Country {
        code: "RO",
        en: "Romania",
        fr: "Roumanie",
        es: "Rumanía",
    },
    Country {
        code: "RS",
        en: "Serbia",
        fr: "Serbie",
        es: "Serbia",
    },
    Country {
        code: "RU",
        en: "Russia",
        fr: "Russie",
        es: "Rusia",
    },
    Country {
        code: "RW",
        en: "Rwanda",
        fr: "Rwanda",
        es: "Ruanda",
    },
    Country {
        code: "SA",
        en: "Saudi Arabia",
        fr: "Arabie saoudite",
        es: "Arabia Saudí",
    },
    Country {
        code: "SB",
        en: "Solomon Islands",
        fr: "Îles Salomon",
        es: "Islas Salomón",
    },
    Country {
        code: "SC",
        en: "Seychelles",
        fr: "Seychelles",
        es: "Seychelles",
    },
    Country {
        code: "SD",
        en: "Sudan",
        fr: "Soudan",
        es: "Sudán",
    },
    Country {
        code: "SE",
        en: "Sweden",
        fr: "Suède",
        es: "Suecia",
    },
    Country {
        code: "SG",
        en: "Singapore",
        fr: "Singapour",
        es: "Singapur",
    },
    Country {
        code: "SH",
        en: "St. Helena",
        fr: "Sainte-Hélène",
        es: "Santa Elena",
    },
    Country {
        code: "SI",
        en: "Slovenia",
        fr: "Slovénie",
        es: "Eslovenia",
    },
    Country {
        code: "SJ",
        en: "Svalbard & Jan Mayen",
        fr: "Svalbard et Jan Mayen",
        es: "Svalbard y Jan Mayen",
    },
    Country {
        code: "SK",
        en: "Slovakia",
        fr: "Slovaquie",
        es: "Eslovaquia",
    },
    Country {
        code: "SL",
        en: "Sierra Leone",
        fr: "Sierra Leone",
        es: "Sierra Leona",
    },
    Country {
        code: "SM",
        en: "San Marino",
        fr: "Saint-Marin",
        es: "San Marino",
    },
    Country {
        code: "SN",
        en: "Senegal",
        fr: "Sénégal",
        es: "Senegal",
    },
    Country {
        code: "SO",
        en: "Somalia",
        fr: "Somalie",
        es: "Somalia",
    },
    Country {
        code: "SR",
        en: "Suriname",
        fr: "Suriname",
        es: "Surinam",
    },
    Country {
        code: "SS",
        en: "South Sudan",
        fr: "Soudan du Sud",
        es: "Sudán del Sur",
    },
    Country {
        code: "ST",
        en: "São Tomé & Príncipe",
        fr: "Sao Tomé-et-Principe",
        es: "Santo Tomé y Príncipe",
    },
    Country {
        code: "SV",
        en: "El Salvador",
        fr: "Salvador",
        es: "El Salvador",
    },
    Country {
        code: "SX",
        en: "Sint Maarten",
        fr: "Saint-Martin (partie néerlandaise)",
        es: "Sint Maarten",
    },
    Country {
        code: "SY",
        en: "Syria",
        fr: "Syrie",
        es: "Siria",
    },
    Country {
        code: "SZ",
        en: "Eswatini",
        fr: "Eswatini",
        es: "Esuatini",
    },
    Country {
        code: "TC",
        en: "Turks & Caicos Islands",
        fr: "Îles Turques-et-Caïques",
        es: "Islas Turcas y Caicos",
    },
    Country {
        code: "TD",
        en: "Chad",
        fr: "Tchad",
        es: "Chad",
    },
    Country {
        code: "TF",
        en: "French Southern Territories",
        fr: "Terres australes françaises",
        es: "Territorios Australes Franceses",
    },
    Country {
        code: "TG",
        en: "Togo",
        fr: "Togo",
        es: "Togo",
    },
    Country {
        code: "TH",
        en: "Thailand",
        fr: "Thaïlande",
        es: "Tailandia",
    },
    Country {
        code: "TJ",
        en: "Tajikistan",
        fr: "Tadjikistan",
        es: "Tayikistán",
    },
    Country {
        code: "TK",
        en: "Tokelau",
        fr: "Tokelau",
        es: "Tokelau",
    },
    Country {
        code: "TL",
        en: "Timor-Leste",
        fr: "Timor oriental",
        es: "Timor-Leste",
    },
    Country {
        code: "TM",
        en: "Turkmenistan",
        fr: "Turkménistan",
        es: "Turkmenistán",
    },
    Country {
        code: "TN",
        en: "Tunisia",
        fr: "Tunisie",
        es: "Túnez",
    },
    Country {
        code: "TO",
        en: "Tonga",
        fr: "Tonga",
        es: "Tonga",
    },
    Country {
        code: "TR",
        en: "Türkiye",
        fr: "Turquie",
        es: "Turquía",
    },
    Country {
        code: "TT",
        en: "Trinidad & Tobago",
        fr: "Trinité-et-Tobago",
        es: "Trinidad y Tobago",
    },
    Country {
        code: "TV",
        en: "Tuvalu",
        fr: "Tuvalu",
        es: "Tuvalu",
    },
    Country {
        code: "TW",
        en: "Taiwan",
        fr: "Taïwan",
        es: "Taiwán",
    },
    Country {
        code: "TZ",
        en: "Tanzania",
        fr: "Tanzanie",
        es: "Tanzania",
    },
    Country {
        code: "UA",
        en: "Ukraine",
        fr: "Ukraine",
        es: "Ucrania",
    },
    Country {
        code: "UG",
        en: "Uganda",
        fr: "Ouganda",
        es: "Uganda",
    },
    Country {
        code: "UM",
        en: "U.S. Outlying Islands",
        fr: "Îles mineures éloignées des États-Unis",
        es: "Islas menores alejadas de EE. UU.",
    },
    Country {
        code: "US",
        en: "United States",
        fr: "États-Unis",
        es: "Estados Unidos",
    },
    Country {
        code: "UY",
        en: "Uruguay",
        fr: "Uruguay",
        es: "Uruguay",
    },
    Country {
        code: "UZ",
        en: "Uzbekistan",
        fr: "Ouzbékistan",
        es: "Uzbekistán",
    },
    Country {
        code: "VA",
        en: "Vatican City",
        fr: "État de la Cité du Vatican",
        es: "Ciudad del Vaticano",
    },
    Country {
        code: "VC",
        en: "St. Vincent & Grenadines",
        fr: "Saint-Vincent-et-les Grenadines",
        es: "San Vicente y las Granadinas",
    },
    Country {
        code: "VE",
        en: "Venezuela",
        fr: "Venezuela",
        es: "Venezuela",
    },
    Country {
        code: "VG",
        en: "British Virgin Islands",
        fr: "Îles Vierges britanniques",
        es: "Islas Vírgenes Británicas",
    },
    Country {
        code: "VI",
        en: "U.S. Virgin Islands",
        fr: "Îles Vierges des États-Unis",
        es: "Islas Vírgenes de EE. UU.",
    },
    Country {
        code: "VN",
        en: "Vietnam",
        fr: "Viêt Nam",
        es: "Vietnam",
    },
    Country {
        code: "VU",
        en: "Vanuatu",
        fr: "Vanuatu",
        es: "Vanuatu",
    },
    Country {
        code: "WF",
        en: "Wallis & Futuna",
        fr: "Wallis-et-Futuna",
        es: "Wallis y Futuna",
    },
    Country {
        code: "WS",
        en: "Samoa",
        fr: "Samoa",
        es: "Samoa",
    },
    Country {
        code: "YE",
        en: "Yemen",
        fr: "Yémen",
        es: "Yemen",
    },
    Country {
        code: "YT",
        en: "Mayotte",
        fr: "Mayotte",
        es: "Mayotte",
    },
    Country {
        code: "ZA",
        en: "South Africa",
        fr: "Afrique du Sud",
        es: "Sudáfrica",
    },
    Country {
        code: "ZM",
        en: "Zambia",
        fr: "Zambie",
        es: "Zambia",
    },
    Country {
        code: "ZW",
        en: "Zimbabwe",
        fr: "Zimbabwe",
        es: "Zimbabue",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_unique_and_complete() {
        assert_eq!(COUNTRIES.len(), 249);
        assert!(COUNTRIES.windows(2).all(|w| w[0].code < w[1].code));
        for c in COUNTRIES {
            assert!(c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase()));
            assert!(!c.en.is_empty() && !c.fr.is_empty() && !c.es.is_empty());
        }
    }

    #[test]
    fn codes_are_found_and_named_in_each_language() {
        assert_eq!(by_code("CI").map(|c| c.name("fr")), Some("Côte d’Ivoire"));
        assert_eq!(name_of("DE", "en"), "Germany");
        assert_eq!(name_of("DE", "fr"), "Allemagne");
        assert_eq!(name_of("DE", "es"), "Alemania");
        assert_eq!(by_code("ZZ"), None);
        assert_eq!(by_code("fr"), None, "codes are upper case");
        assert_eq!(name_of("ZZ", "fr"), "ZZ");
    }

    #[test]
    fn several_countries_are_marked_and_only_known_codes() {
        let html = options_html_many("en", &["SN", "ML", "SN", "zz", "FR\" x"]);
        assert_eq!(html.matches(" selected").count(), 2);
        assert!(html.contains("value=\"SN\" selected>") && html.contains("value=\"ML\" selected>"));
        assert!(!html.contains("value=\"\""), "no placeholder");
        assert_eq!(
            options_html_many("fr", &[]).matches("<option").count(),
            COUNTRIES.len()
        );
    }

    #[test]
    fn option_html_lists_every_country_once_and_marks_only_a_known_code() {
        let html = options_html("en", "Choose <a> country", "de");
        assert!(html.starts_with("<option value=\"\">Choose &lt;a&gt; country</option>"));
        assert_eq!(html.matches("<option").count(), COUNTRIES.len() + 1);
        assert_eq!(html.matches(" selected").count(), 0, "codes are upper case");
        let html = options_html("en", "", "DE");
        assert_eq!(html.matches(" selected").count(), 1);
        assert!(html.contains("<option value=\"DE\" selected>Germany</option>"));
        assert!(html.contains(">Antigua &amp; Barbuda</option>"));
        let forged = options_html("fr", "", "FR\" onclick=\"x");
        assert!(!forged.contains("onclick") && !forged.contains(" selected"));
        let fr = options_html("fr", "Choisir", "CI");
        let first = fr.find("Afghanistan").unwrap();
        assert!(
            first < fr.find("Allemagne").unwrap(),
            "in the reader's alphabet"
        );
        assert!(fr.contains("<option value=\"CI\" selected>Côte d’Ivoire</option>"));
    }

    #[test]
    fn options_follow_the_reader_s_alphabet() {
        let fr = options("fr");
        assert_eq!(fr.len(), COUNTRIES.len());
        let pos = |name: &str| fr.iter().position(|(_, n)| *n == name).unwrap();
        // "Émirats arabes unis" sorts among the E, not after Z.
        assert!(pos("Égypte") < pos("Émirats arabes unis"));
        assert!(pos("Émirats arabes unis") < pos("Équateur"));
        assert!(pos("Équateur") < pos("Espagne"));
        assert_eq!(fr[0].1, "Afghanistan");
        let es = options("es");
        assert!(es.iter().position(|(c, _)| *c == "ES") < es.iter().position(|(c, _)| *c == "EE"));
    }
}
