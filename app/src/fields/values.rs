//! Parsing of the field types every form shares (numbers, dates, money, yes/no, choices, web
//! addresses): pure functions giving the value or the field's error code, the same on the
//! server and in the browser.
use chrono::NaiveDate;

/// A whole number between `min` and `max` (spaces allowed as thousands separators).
pub fn parse_whole_number(raw: &str, min: i64, max: i64) -> Result<i64, &'static str> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty()
        || digits.len() > 18
        || !digits
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit())
        || digits.trim_start_matches('-').is_empty()
    {
        return Err("number_invalid");
    }
    let n: i64 = digits.parse().map_err(|_| "number_invalid")?;
    if n < min || n > max {
        return Err("number_out_of_range");
    }
    Ok(n)
}

/// A calendar date as the date picker posts it (`YYYY-MM-DD`).
pub fn parse_date(raw: &str) -> Result<NaiveDate, &'static str> {
    let s = raw.trim();
    if s.len() != 10 {
        return Err("date_invalid");
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| "date_invalid")
}

/// The largest amount of money accepted (in minor units): 10^15, a thousand billion.
pub const MAX_MONEY_MINOR: i64 = 1_000_000_000_000_000;

/// An amount of money in minor units (cents): `12500`, `12 500,50`, `12,500.50`, `12500.5`.
/// The last `.` or `,` followed by one or two digits is the decimal separator; other `.`, `,`,
/// spaces and apostrophes group thousands. Never negative.
pub fn parse_money_minor(raw: &str) -> Result<i64, &'static str> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{202f}')
        .collect();
    if s.is_empty()
        || s.len() > 24
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err("money_invalid");
    }
    let (whole, cents) = match s.rfind(['.', ',']) {
        Some(i) if (1..=2).contains(&(s.len() - i - 1)) => (&s[..i], &s[i + 1..]),
        _ => (s.as_str(), ""),
    };
    // Thousands groups: every separator is followed by exactly three digits.
    let mut groups = whole.split(['.', ',']);
    let first = groups.next().unwrap_or("");
    if first.is_empty() || groups.any(|g| g.len() != 3) {
        return Err("money_invalid");
    }
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    let units: i64 = digits.parse().map_err(|_| "money_invalid")?;
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().map_err(|_| "money_invalid")? * 10,
        _ => cents.parse().map_err(|_| "money_invalid")?,
    };
    units
        .checked_mul(100)
        .and_then(|u| u.checked_add(cents))
        .filter(|m| *m <= MAX_MONEY_MINOR)
        .ok_or("number_out_of_range")
}

/// Minor units shown for editing: `1250050` → `12500.50`.
pub fn format_money_minor(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

/// A yes/no answer: `yes` → true, `no` → false, nothing → None.
pub fn parse_yes_no(raw: &str) -> Result<Option<bool>, &'static str> {
    match raw.trim() {
        "yes" => Ok(Some(true)),
        "no" => Ok(Some(false)),
        "" => Ok(None),
        _ => Err("choice_invalid"),
    }
}

/// The form's value of a yes/no answer.
pub fn yes_no_value(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

/// Several choices (comma-separated codes), each among `allowed`; kept in `allowed`'s order,
/// without repeats.
pub fn parse_choices(raw: &str, allowed: &[&str]) -> Result<Vec<String>, &'static str> {
    let picked: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if picked.iter().any(|p| !allowed.contains(p)) {
        return Err("choice_invalid");
    }
    Ok(allowed
        .iter()
        .filter(|a| picked.contains(a))
        .map(|a| a.to_string())
        .collect())
}

/// The longest phone or fax number, as typed.
pub const PHONE_MAX_CHARS: usize = 30;

/// Rule: a phone or fax number is `+`, the country code, then 7 to 15 digits in all, grouped by
/// spaces, `-`, `.` or parentheses (`phone_invalid`). Kept as typed, spaces collapsed.
pub fn parse_phone(input: &str) -> Result<String, &'static str> {
    let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(rest) = s.strip_prefix('+') else {
        return Err(if s.is_empty() {
            "required"
        } else {
            "phone_invalid"
        });
    };
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    let grouping = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')');
    let ok = rest
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit() && c != '0')
        && rest.chars().all(grouping)
        && (7..=15).contains(&digits)
        && s.chars().count() <= PHONE_MAX_CHARS;
    if ok { Ok(s) } else { Err("phone_invalid") }
}

/// A web address: `https://` or `http://` then a host with a dot, no spaces; a bare
/// `example.org` gets `https://`.
pub fn parse_web_address(raw: &str, max_chars: usize) -> Result<String, &'static str> {
    let s = raw.trim();
    if s.chars().count() > max_chars {
        return Err("too_long");
    }
    let full = if s.starts_with("https://") || s.starts_with("http://") {
        s.to_string()
    } else {
        format!("https://{s}")
    };
    let host = full
        .split_once("://")
        .map(|(_, r)| r.split(['/', '?', '#']).next().unwrap_or(""))
        .unwrap_or("");
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == ':');
    if !host_ok || full.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("url_invalid");
    }
    Ok(full)
}

/// A name folded for comparison: lower case, Latin accents removed (precomposed or combining),
/// `-`, `'`, `’`, `.` and runs of spaces as one space. Other scripts are only lower-cased.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        out.push_str(match c {
            '\u{300}'..='\u{36f}' => "",
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            '-' | '\'' | '’' | '.' => " ",
            c if c.is_whitespace() => " ",
            c => {
                out.push(c);
                continue;
            }
        });
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers() {
        assert_eq!(parse_whole_number("1998", 1800, 2100), Ok(1998));
        assert_eq!(parse_whole_number(" 1 998 ", 0, 5000), Ok(1998));
        assert_eq!(
            parse_whole_number("1700", 1800, 2100),
            Err("number_out_of_range")
        );
        assert_eq!(parse_whole_number("19a8", 0, 5000), Err("number_invalid"));
        assert_eq!(parse_whole_number("", 0, 5000), Err("number_invalid"));
        assert_eq!(parse_whole_number("-", 0, 5000), Err("number_invalid"));
        assert_eq!(parse_whole_number("1.5", 0, 5000), Err("number_invalid"));
        assert_eq!(
            parse_whole_number("99999999999999999999", 0, 5),
            Err("number_invalid")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2020-02-29"),
            Ok(NaiveDate::from_ymd_opt(2020, 2, 29).unwrap())
        );
        assert_eq!(parse_date("2021-02-29"), Err("date_invalid"));
        assert_eq!(parse_date("29/02/2020"), Err("date_invalid"));
        assert_eq!(parse_date("2020-2-9"), Err("date_invalid"));
    }

    #[test]
    fn money_in_minor_units() {
        assert_eq!(parse_money_minor("12500"), Ok(1_250_000));
        assert_eq!(parse_money_minor("12 500,50"), Ok(1_250_050));
        assert_eq!(parse_money_minor("12,500.50"), Ok(1_250_050));
        assert_eq!(parse_money_minor("12.500,5"), Ok(1_250_050));
        assert_eq!(parse_money_minor("1'234'567.89"), Ok(123_456_789));
        assert_eq!(parse_money_minor("0.07"), Ok(7));
        assert_eq!(parse_money_minor("339,509"), Ok(33_950_900));
        assert_eq!(parse_money_minor("-5"), Err("money_invalid"));
        assert_eq!(parse_money_minor("12,50,0"), Err("money_invalid"));
        assert_eq!(parse_money_minor("1.2345"), Err("money_invalid"));
        assert_eq!(parse_money_minor("ten"), Err("money_invalid"));
        assert_eq!(parse_money_minor(""), Err("money_invalid"));
        assert_eq!(
            parse_money_minor("99999999999999999"),
            Err("number_out_of_range")
        );
        for minor in [0, 7, 10, 1_250_050, 33_950_900] {
            assert_eq!(parse_money_minor(&format_money_minor(minor)), Ok(minor));
        }
    }

    #[test]
    fn yes_no_and_choices() {
        assert_eq!(parse_yes_no("yes"), Ok(Some(true)));
        assert_eq!(parse_yes_no("no"), Ok(Some(false)));
        assert_eq!(parse_yes_no(""), Ok(None));
        assert_eq!(parse_yes_no("maybe"), Err("choice_invalid"));
        for v in [Some(true), Some(false), None] {
            assert_eq!(parse_yes_no(yes_no_value(v)), Ok(v));
        }
        let allowed = ["health", "water", "education"];
        assert_eq!(
            parse_choices("education,health,health", &allowed),
            Ok(vec!["health".to_string(), "education".to_string()])
        );
        assert_eq!(parse_choices("", &allowed), Ok(vec![]));
        assert_eq!(
            parse_choices("health,guns", &allowed),
            Err("choice_invalid")
        );
    }

    #[test]
    fn web_addresses() {
        assert_eq!(
            parse_web_address("aie.example", 300),
            Ok("https://aie.example".into())
        );
        assert_eq!(
            parse_web_address("http://aie.example/fr?a=1", 300),
            Ok("http://aie.example/fr?a=1".into())
        );
        assert_eq!(
            parse_web_address("javascript:alert(1)", 300),
            Err("url_invalid")
        );
        assert_eq!(parse_web_address("https://nodot", 300), Err("url_invalid"));
        assert_eq!(
            parse_web_address("https://a b.org", 300),
            Err("url_invalid")
        );
        assert_eq!(parse_web_address(&"a".repeat(301), 300), Err("too_long"));
    }
}
