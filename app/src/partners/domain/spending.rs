//! Spending history (UN data): the agency's CSV of partner code, year and amount in USD, read as
//! Excel writes it in any language (UTF-8 with or without BOM, UTF-16, Windows-1252; commas,
//! semicolons or tabs; decimal commas), every row checked before anything is applied; and the
//! table the profile shows (one column per year and a total).
use std::collections::{BTreeMap, BTreeSet};

/// The largest file accepted (about 200 000 rows).
pub const MAX_BYTES: usize = 8 * 1024 * 1024;
/// The most rows one import applies.
pub const MAX_ROWS: usize = 250_000;
/// The first year spending is recorded for.
pub const FIRST_YEAR: i32 = 1990;

/// One checked row: amounts in USD cents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendingRow {
    pub line: usize,
    pub partner_code: String,
    pub year: i32,
    pub amount_minor: i64,
}

/// A bad row (or the file itself, line 0) and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineError {
    pub line: usize,
    pub code: String,
}

fn err(line: usize, code: &str) -> LineError {
    LineError {
        line,
        code: code.to_string(),
    }
}

/// The file's text: UTF-16 (with its BOM, as Excel's "Unicode text"), UTF-8 (BOM dropped), else
/// Windows-1252 (Excel's "CSV" in western languages). A file with NUL bytes and no UTF-16 BOM is
/// not text (`not_csv`).
pub fn decode(bytes: &[u8]) -> Result<String, &'static str> {
    if bytes.len() > MAX_BYTES {
        return Err("file_too_large");
    }
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| "not_csv")
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(true)?,
        [0xFE, 0xFF, ..] => utf16(false)?,
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).map_err(|_| "not_csv")?,
        _ if bytes.contains(&0) => return Err("not_csv"),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => bytes.iter().map(|b| windows_1252(*b)).collect(),
        },
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err("not_csv");
    }
    Ok(text)
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The separator of a file: of `;`, tab and `,`, the one its first line holds most of (outside
/// quotes); `,` when none.
fn separator(first_line: &str) -> char {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(2);
    if counts[best] == 0 {
        ','
    } else {
        [';', '\t', ','][best]
    }
}

/// One line's cells (quotes as CSV has them: `"a;b"`, `""` for a quote).
fn cells(line: &str, sep: char) -> Vec<String> {
    let mut out = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => out.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// An amount in USD as agencies' spreadsheets write it: `38758`, `38 758`, `38,758.00`,
/// `38 758,50`, `$38,758`, `38758 USD`; never negative (`amount_negative`).
pub fn parse_usd(raw: &str) -> Result<i64, &'static str> {
    let s: String = raw
        .replace(['$', '\u{a0}', '\u{202f}'], " ")
        .replace("USD", " ")
        .replace("US", " ");
    let s = s.trim();
    if s.starts_with('-') || (s.starts_with('(') && s.ends_with(')')) {
        return Err("amount_negative");
    }
    if s.is_empty() {
        return Err("amount_required");
    }
    crate::fields::parse_money_minor(s).map_err(|_| "amount_invalid")
}

/// Column positions of code, year and amount, from a header row ("partner code", "code
/// partenaire", "année", "amount (USD)", "montant"…), else `None` (the row is data).
fn header_columns(row: &[String]) -> Option<[usize; 3]> {
    let folded: Vec<String> = row.iter().map(|c| crate::fields::fold_name(c)).collect();
    let find = |words: &[&str]| {
        folded
            .iter()
            .position(|c| words.iter().any(|w| c.contains(w)))
    };
    let code = find(&["code", "partner", "partenaire", "socio"])?;
    let year = folded.iter().position(|c| {
        c.split(|ch: char| !ch.is_alphanumeric())
            .any(|w| ["year", "annee", "ano", "an", "exercice", "fiscal"].contains(&w))
    })?;
    let amount = find(&[
        "amount", "montant", "monto", "usd", "spent", "depense", "gasto",
    ])?;
    Some([code, year, amount])
}

/// Reads and checks every row of the file: all its rows, or every bad line with its reason
/// (line numbers as a spreadsheet shows them). `known` says whether a partner code is linked to
/// the importing agency; `this_year` bounds the years. The same (code, year) twice is an error.
pub fn parse_import(
    bytes: &[u8],
    known: impl Fn(&str) -> bool,
    this_year: i32,
) -> Result<Vec<SpendingRow>, Vec<LineError>> {
    let text = decode(bytes).map_err(|c| vec![err(0, c)])?;
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).peekable();
    let sep = lines.peek().map(|(_, l)| separator(l)).unwrap_or(',');
    let mut columns = [0, 1, 2];
    let mut rows = vec![];
    let mut errors = vec![];
    let mut seen: BTreeMap<(String, i32), usize> = BTreeMap::new();
    let mut first = true;
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let c = cells(line, sep);
        if std::mem::take(&mut first)
            && let Some(h) = header_columns(&c)
        {
            columns = h;
            continue;
        }
        if rows.len() + errors.len() >= MAX_ROWS {
            return Err(vec![err(n, "too_many_rows")]);
        }
        let get = |i: usize| c.get(i).map(String::as_str).unwrap_or("");
        let code = super::agencies::parse_partner_code(get(columns[0]));
        let year = get(columns[1])
            .parse::<i32>()
            .map_err(|_| "spending_year_invalid")
            .and_then(|y| {
                if (FIRST_YEAR..=this_year).contains(&y) {
                    Ok(y)
                } else {
                    Err("year_out_of_range")
                }
            });
        let amount = parse_usd(get(columns[2]));
        match (code, year, amount) {
            (Err(e), _, _) => errors.push(err(
                n,
                if e == "required" {
                    "partner_code_required"
                } else {
                    e
                },
            )),
            (_, Err(e), _) | (_, _, Err(e)) => errors.push(err(n, e)),
            (Ok(code), Ok(year), Ok(amount_minor)) => {
                if !known(&code) {
                    errors.push(err(n, "partner_code_unknown"));
                } else if seen.insert((code.clone(), year), n).is_some() {
                    errors.push(err(n, "duplicate_row"));
                } else {
                    rows.push(SpendingRow {
                        line: n,
                        partner_code: code,
                        year,
                        amount_minor,
                    });
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if rows.is_empty() {
        return Err(vec![err(0, "no_rows")]);
    }
    Ok(rows)
}

/// One agency's spending with a partner as the profile shows it: every year from the first
/// recorded to the last (a year without spending is empty, not zero), then the total.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpendingTable {
    pub years: Vec<(i32, Option<i64>)>,
    pub total_minor: i64,
}

pub fn spending_table(rows: &[(i32, i64)], from_year: Option<i32>) -> SpendingTable {
    let by_year: BTreeMap<i32, i64> = rows.iter().fold(BTreeMap::new(), |mut m, (y, a)| {
        *m.entry(*y).or_default() += a;
        m
    });
    let years: BTreeSet<i32> = by_year.keys().copied().collect();
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return SpendingTable {
            years: vec![],
            total_minor: 0,
        };
    };
    let first = from_year.map_or(*first, |f| f.min(*first));
    SpendingTable {
        years: (first..=*last)
            .map(|y| (y, by_year.get(&y).copied()))
            .collect(),
        total_minor: by_year.values().sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(code: &str) -> bool {
        ["P1234", "P5678"].contains(&code)
    }

    #[test]
    fn the_seeds_table() {
        let rows = [
            (2018, 3_875_800),
            (2019, 8_597_100),
            (2020, 11_782_400),
            (2021, 9_695_600),
        ];
        let t = spending_table(&rows, Some(2016));
        assert_eq!(
            t.years,
            [
                (2016, None),
                (2017, None),
                (2018, Some(3_875_800)),
                (2019, Some(8_597_100)),
                (2020, Some(11_782_400)),
                (2021, Some(9_695_600))
            ]
        );
        assert_eq!(t.total_minor, 33_950_900);
        assert_eq!(spending_table(&[], None).years, []);
    }

    #[test]
    fn a_plain_file_and_what_excel_writes_in_french() {
        let plain = b"partner_code,year,amount_usd\nP1234,2018,38758\nP1234,2019,\"85,971.00\"\n";
        let rows = parse_import(plain, known, 2026).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].amount_minor, 8_597_100);
        assert_eq!(rows[1].line, 3);
        let mut french = vec![0xEF, 0xBB, 0xBF];
        french.extend_from_slice("Code partenaire;Année;Montant (USD)\r\np1234;2020;117 824,00\r\nP1234;2021;96\u{a0}956\r\n".as_bytes());
        let rows = parse_import(&french, known, 2026).unwrap();
        assert_eq!(
            rows.iter()
                .map(|r| (r.year, r.amount_minor))
                .collect::<Vec<_>>(),
            [(2020, 11_782_400), (2021, 9_695_600)]
        );
        let cp1252: Vec<u8> = b"Ann\xe9e;Code partenaire;Montant\n2019;P5678;1 000\n".to_vec();
        let rows = parse_import(&cp1252, known, 2026).unwrap();
        assert_eq!(
            (
                rows[0].partner_code.as_str(),
                rows[0].year,
                rows[0].amount_minor
            ),
            ("P5678", 2019, 100_000)
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "code\tyear\tamount\nP1234\t2018\t$38,758\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            parse_import(&utf16, known, 2026).unwrap()[0].amount_minor,
            3_875_800
        );
    }

    #[test]
    fn every_bad_row_is_reported_by_line() {
        let file = b"P1234,2018,100\nP1234,20x8,100\nP1234,2031,5\nP1234,2019,-5\nP1234,2019,abc\nZZZ,2019,5\nP1234,2018,7\n,2019,5\n";
        let errors = parse_import(file, known, 2026).unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.line, e.code.as_str())).collect();
        assert_eq!(
            got,
            [
                (2, "spending_year_invalid"),
                (3, "year_out_of_range"),
                (4, "amount_negative"),
                (5, "amount_invalid"),
                (6, "partner_code_unknown"),
                (7, "duplicate_row"),
                (8, "partner_code_required")
            ]
        );
    }

    #[test]
    fn files_that_are_not_csv() {
        assert_eq!(
            parse_import(b"\x89PNG\r\n\x1a\n\0\0\0", known, 2026).unwrap_err()[0].code,
            "not_csv"
        );
        assert_eq!(
            parse_import(b"\n\n", known, 2026).unwrap_err()[0].code,
            "no_rows"
        );
        assert_eq!(decode(&vec![b'a'; MAX_BYTES + 1]), Err("file_too_large"));
    }
}
