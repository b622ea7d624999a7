//! Tables downloaded as CSV or XLSX, streamed: the first bytes leave after the first batch of
//! rows, the rest follows batch by batch, so no export holds a request while it is written and
//! no export is held whole in memory. Modules give the header and a stream of row batches.
//!
//! Cells are always text: a CSV cell that a spreadsheet would run as a formula is neutralised,
//! an XLSX cell is an inline string (never a formula).
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use futures::stream::{BoxStream, StreamExt};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// How many rows a module reads per query while it streams an export.
pub const BATCH_ROWS: usize = 1_000;

/// The formats of a table download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
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

/// Text for an XML element: escaped, without the control characters XML 1.0 forbids.
fn xml_text(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// The spreadsheet column of a 0-based index: A … Z, AA …
fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Two cell formats: 0 plain, 1 bold (the header row).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;

const SHEET_END: &str = "</sheetData></worksheet>";

/// The bytes the zip writer has written and the stream has not sent yet.
#[derive(Clone, Default)]
struct Pending(Arc<Mutex<Vec<u8>>>);

impl Pending {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut b| std::mem::take(&mut *b))
            .unwrap_or_default()
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("export buffer poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type Zip = zip::ZipWriter<zip::write::StreamWriter<Pending>>;

/// Writes a table a batch of rows at a time; `take` hands over what is ready to send.
pub struct TableEncoder {
    format: Format,
    csv: String,
    xlsx: Option<(Zip, Pending)>,
    rows: usize,
    columns: Vec<String>,
}

impl TableEncoder {
    /// Starts a table with its header row.
    pub fn new(format: Format, sheet: &str, headers: &[&str]) -> std::io::Result<Self> {
        let columns = (0..headers.len()).map(column_name).collect();
        let mut encoder = TableEncoder {
            format,
            csv: String::new(),
            xlsx: None,
            rows: 0,
            columns,
        };
        match format {
            Format::Csv => encoder.csv.push('\u{feff}'),
            Format::Xlsx => {
                let pending = Pending::default();
                let mut zip = zip::ZipWriter::new_stream(pending.clone());
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .compression_level(Some(1));
                let mut name = String::new();
                xml_text(sheet, &mut name);
                let workbook = format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                );
                for (path, text) in [
                    ("[Content_Types].xml", CONTENT_TYPES),
                    ("_rels/.rels", ROOT_RELS),
                    ("xl/workbook.xml", workbook.as_str()),
                    ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                    ("xl/styles.xml", STYLES),
                ] {
                    zip.start_file(path, options)
                        .map_err(std::io::Error::other)?;
                    zip.write_all(text.as_bytes())?;
                }
                zip.start_file("xl/worksheets/sheet1.xml", options)
                    .map_err(std::io::Error::other)?;
                zip.write_all(SHEET_START.as_bytes())?;
                encoder.xlsx = Some((zip, pending));
            }
        }
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        encoder.write_row(&headers, true)?;
        Ok(encoder)
    }

    fn write_row(&mut self, cells: &[String], header: bool) -> std::io::Result<()> {
        self.rows += 1;
        match self.format {
            Format::Csv => {
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        self.csv.push(',');
                    }
                    self.csv.push_str(&csv_field(c));
                }
                self.csv.push_str("\r\n");
                Ok(())
            }
            Format::Xlsx => {
                let style = if header { r#" s="1""# } else { "" };
                let mut xml = format!(r#"<row r="{}">"#, self.rows);
                for (c, value) in cells.iter().enumerate() {
                    let column = self
                        .columns
                        .get(c)
                        .cloned()
                        .unwrap_or_else(|| column_name(c));
                    xml.push_str(&format!(
                        r#"<c r="{column}{}" t="inlineStr"{style}><is><t xml:space="preserve">"#,
                        self.rows
                    ));
                    xml_text(value, &mut xml);
                    xml.push_str("</t></is></c>");
                }
                xml.push_str("</row>");
                match &mut self.xlsx {
                    Some((zip, _)) => zip.write_all(xml.as_bytes()),
                    None => Ok(()),
                }
            }
        }
    }

    /// Adds one data row.
    pub fn row(&mut self, cells: &[String]) -> std::io::Result<()> {
        self.write_row(cells, false)
    }

    /// What is ready to send.
    pub fn take(&mut self) -> Vec<u8> {
        match &self.xlsx {
            Some((_, pending)) => pending.take(),
            None => std::mem::take(&mut self.csv).into_bytes(),
        }
    }

    /// Ends the table: the last bytes.
    pub fn finish(mut self) -> std::io::Result<Vec<u8>> {
        if let Some((mut zip, pending)) = self.xlsx.take() {
            zip.write_all(SHEET_END.as_bytes())?;
            zip.finish().map_err(std::io::Error::other)?;
            return Ok(pending.take());
        }
        Ok(self.take())
    }
}

/// A streamed download: the header row, then each batch as it comes. A batch that fails ends
/// the body with an error (the browser shows a failed download, never a short file that looks
/// whole); the error is logged here.
pub fn download<E>(
    format: Format,
    file_stem: &str,
    sheet: &str,
    headers: &[&str],
    batches: BoxStream<'static, Result<Vec<Vec<String>>, E>>,
) -> Response
where
    E: std::fmt::Display + Send + 'static,
{
    let body = match TableEncoder::new(format, sheet, headers) {
        Ok(encoder) => {
            let stream = futures::stream::unfold(Some((encoder, batches)), |state| async move {
                let (mut encoder, mut batches) = state?;
                match batches.next().await {
                    Some(Ok(rows)) => {
                        for r in &rows {
                            if let Err(e) = encoder.row(r) {
                                tracing::error!(error = %e, "cannot write an export");
                                return Some((Err(e), None));
                            }
                        }
                        let bytes = Bytes::from(encoder.take());
                        Some((Ok(bytes), Some((encoder, batches))))
                    }
                    Some(Err(e)) => {
                        tracing::error!(error = %e, "cannot read the rows of an export");
                        Some((Err(std::io::Error::other("export interrupted")), None))
                    }
                    None => match encoder.finish() {
                        Ok(last) => Some((Ok(Bytes::from(last)), None)),
                        Err(e) => {
                            tracing::error!(error = %e, "cannot end an export");
                            Some((Err(e), None))
                        }
                    },
                }
            });
            Body::from_stream(stream)
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot start an export");
            return axum::response::IntoResponse::into_response((
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong.",
            ));
        }
    };
    let mut resp = Response::new(body);
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.mime()),
    );
    let name = format!("{file_stem}.{}", format.extension());
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    resp
}

/// Batches of `BATCH_ROWS` ids, read one after the other by `read` as the download goes: the ids
/// were chosen (filtered and ordered) when the export began, each batch reads their rows then.
pub fn batches_of_ids<F, Fut, E>(
    ids: Vec<i64>,
    read: F,
) -> BoxStream<'static, Result<Vec<Vec<String>>, E>>
where
    F: Fn(Vec<i64>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Vec<Vec<String>>, E>> + Send + 'static,
    E: Send + 'static,
{
    let chunks: Vec<Vec<i64>> = ids.chunks(BATCH_ROWS).map(<[i64]>::to_vec).collect();
    futures::stream::iter(chunks).then(read).boxed()
}

/// Puts rows read by `WHERE id IN (…)` back in the order of `ids` (the export's order).
pub fn in_order_of<T>(ids: &[i64], rows: &mut [T], id: impl Fn(&T) -> i64) {
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|r| position.get(&id(r)).copied().unwrap_or(usize::MAX));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn rows_come_back_in_the_order_of_their_ids() {
        let mut rows = vec![(3, "c"), (1, "a"), (2, "b")];
        in_order_of(&[2, 3, 1], &mut rows, |r| r.0);
        assert_eq!(rows, [(2, "b"), (3, "c"), (1, "a")]);
    }

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Awa Sow"), "Awa Sow");
        assert_eq!(csv_field("Eau, Vie"), "\"Eau, Vie\"");
        assert_eq!(csv_field("dit \"AIE\""), "\"dit \"\"AIE\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+41 22"), "'+41 22");
        assert_eq!(csv_field("-1"), "'-1");
    }

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(8), "I");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn xml_text_escapes_and_drops_forbidden_characters() {
        let mut s = String::new();
        xml_text("a<b>&\"c\"\u{1}\td", &mut s);
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c&quot;\td");
    }

    fn encode(format: Format, batches: &[Vec<Vec<String>>]) -> Vec<u8> {
        let mut e = TableEncoder::new(format, "rows", &["id", "name"]).unwrap();
        let mut out = e.take();
        for b in batches {
            for r in b {
                e.row(r).unwrap();
            }
            out.extend(e.take());
        }
        out.extend(e.finish().unwrap());
        out
    }

    fn row(id: usize, name: &str) -> Vec<String> {
        vec![id.to_string(), name.to_string()]
    }

    #[test]
    fn a_csv_comes_out_in_batches_as_one_table() {
        let out = encode(
            Format::Csv,
            &[
                vec![row(1, "Awa"), row(2, "=1+1")],
                vec![],
                vec![row(3, "Sow, B")],
            ],
        );
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\u{feff}id,name\r\n1,Awa\r\n2,'=1+1\r\n3,\"Sow, B\"\r\n"
        );
    }

    #[test]
    fn an_xlsx_comes_out_in_batches_as_one_valid_workbook() {
        let batches: Vec<Vec<Vec<String>>> = (0..3)
            .map(|b| (0..500).map(|i| row(b * 500 + i, "Fête & <Co>")).collect())
            .collect();
        let out = encode(Format::Xlsx, &batches);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/workbook.xml",
                "xl/worksheets/sheet1.xml"
            ]
        );
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(sheet.ends_with("</sheetData></worksheet>"));
        assert_eq!(
            sheet.matches("<row ").count(),
            1501,
            "the header and 1500 rows"
        );
        assert!(sheet.contains(r#"<row r="1"><c r="A1" t="inlineStr" s="1">"#));
        assert!(sheet.contains(r#"<c r="B1501" t="inlineStr"><is><t xml:space="preserve">Fête &amp; &lt;Co&gt;</t></is></c></row>"#));
        let mut workbook = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut workbook)
            .unwrap();
        assert!(workbook.contains(r#"<sheet name="rows""#));
    }
}
