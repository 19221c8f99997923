//! Structure-aware workbooks: the fuzzer picks the shape of an xlsx or ods file (declared
//! counts and dimensions, rows and columns repeated, shared strings, cell types and values,
//! a part replaced by garbage), the target writes it as a real zip archive, and a report with
//! tables reading it is checked from memory. Nothing may panic or abort, and libFuzzer's
//! limits (`-rss_limit_mb`, `-timeout`) hold every check to the bounds of issue 27: a
//! workbook is refused before it unpacks past its limit.

#![no_main]

use std::io::Write;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

/// One cell: what it holds, and (ods) how often it repeats.
#[derive(Arbitrary, Debug)]
enum Value {
    Number(f64),
    Text(String),
    /// An index into the shared strings (xlsx), perhaps past their end.
    Shared(u32),
    Bool(bool),
    Formula(String),
    Empty,
}

#[derive(Arbitrary, Debug)]
struct Cell {
    repeat: u32,
    value: Value,
}

#[derive(Arbitrary, Debug)]
struct Row {
    repeat: u32,
    cells: Vec<Cell>,
}

/// Which part of the archive is garbage instead of what it should be.
#[derive(Arbitrary, Debug)]
enum Spoil {
    Nothing,
    Sheet(Vec<u8>),
    Strings(Vec<u8>),
    Workbook(Vec<u8>),
    Manifest(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
struct Shape {
    ods: bool,
    sheet_name: String,
    /// The `uniqueCount` and `count` the shared-strings table declares.
    unique_count: u64,
    count: u64,
    strings: Vec<String>,
    /// The `<dimension ref>` of an xlsx sheet.
    dimension: String,
    rows: Vec<Row>,
    spoil: Spoil,
    /// How the report's table reads the sheet: a range, or a header row.
    range: Option<String>,
    header_row: u8,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The letters of a 0-based column (0 = A).
fn column(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn xlsx_sheet(shape: &Shape) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"{}\"/><sheetData>",
        escape(&shape.dimension)
    );
    // Rows repeat by being written again (xlsx has no repeat), a few times at most.
    let mut r = 0usize;
    for row in shape.rows.iter().take(200) {
        for _ in 0..(row.repeat % 4).max(1) {
            r += 1;
            xml.push_str(&format!("<row r=\"{r}\">"));
            for (c, cell) in row.cells.iter().take(60).enumerate() {
                let at = format!("{}{r}", column(c));
                let written = match &cell.value {
                    Value::Number(v) => format!("<c r=\"{at}\"><v>{v}</v></c>"),
                    Value::Text(t) => {
                        format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>", escape(t))
                    }
                    Value::Shared(i) => format!("<c r=\"{at}\" t=\"s\"><v>{i}</v></c>"),
                    Value::Bool(b) => format!("<c r=\"{at}\" t=\"b\"><v>{}</v></c>", u8::from(*b)),
                    Value::Formula(f) => {
                        format!("<c r=\"{at}\"><f>{}</f><v>1</v></c>", escape(f))
                    }
                    Value::Empty => format!("<c r=\"{at}\"/>"),
                };
                xml.push_str(&written);
            }
            xml.push_str("</row>");
        }
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

fn xlsx_strings(shape: &Shape) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{}\" uniqueCount=\"{}\">",
        shape.count, shape.unique_count
    );
    for s in shape.strings.iter().take(500) {
        xml.push_str(&format!("<si><t>{}</t></si>", escape(s)));
    }
    xml.push_str("</sst>");
    xml
}

fn ods_content(shape: &Shape) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"{}\">",
        escape(&shape.sheet_name)
    );
    for row in shape.rows.iter().take(200) {
        xml.push_str(&format!(
            "<table:table-row table:number-rows-repeated=\"{}\">",
            row.repeat.max(1)
        ));
        for cell in row.cells.iter().take(60) {
            let repeat = cell.repeat.max(1);
            let written = match &cell.value {
                Value::Number(v) => format!(
                    "<table:table-cell table:number-columns-repeated=\"{repeat}\" office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
                ),
                Value::Text(t) | Value::Formula(t) => format!(
                    "<table:table-cell table:number-columns-repeated=\"{repeat}\" office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                    escape(t)
                ),
                Value::Shared(i) => format!(
                    "<table:table-cell table:number-columns-repeated=\"{repeat}\" office:value-type=\"percentage\" office:value=\"{i}\"/>"
                ),
                Value::Bool(b) => format!(
                    "<table:table-cell table:number-columns-repeated=\"{repeat}\" office:value-type=\"boolean\" office:boolean-value=\"{b}\"/>"
                ),
                Value::Empty => {
                    format!("<table:table-cell table:number-columns-repeated=\"{repeat}\"/>")
                }
            };
            xml.push_str(&written);
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    xml
}

/// The archive of the shape's parts, one spoiled when the shape says so.
fn archive(shape: &Shape) -> Vec<u8> {
    let mut parts: Vec<(&str, Vec<u8>)> = if shape.ods {
        vec![
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
            ("content.xml", ods_content(shape).into_bytes()),
            ("META-INF/manifest.xml", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>".to_vec()),
        ]
    } else {
        vec![
            ("[Content_Types].xml", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>".to_vec()),
            ("_rels/.rels", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_vec()),
            ("xl/workbook.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", escape(&shape.sheet_name)).into_bytes()),
            ("xl/_rels/workbook.xml.rels", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>".to_vec()),
            ("xl/worksheets/sheet1.xml", xlsx_sheet(shape).into_bytes()),
            ("xl/sharedStrings.xml", xlsx_strings(shape).into_bytes()),
        ]
    };
    let (name, garbage) = match &shape.spoil {
        Spoil::Nothing => ("", &[][..]),
        Spoil::Sheet(g) => (if shape.ods { "content.xml" } else { "xl/worksheets/sheet1.xml" }, &g[..]),
        Spoil::Strings(g) => ("xl/sharedStrings.xml", &g[..]),
        Spoil::Workbook(g) => ("xl/workbook.xml", &g[..]),
        Spoil::Manifest(g) => ("META-INF/manifest.xml", &g[..]),
    };
    for part in &mut parts {
        if part.0 == name {
            part.1 = garbage.to_vec();
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        if zip.start_file(name, options).is_err() || zip.write_all(&data).is_err() {
            break;
        }
    }
    zip.finish().map(std::io::Cursor::into_inner).unwrap_or_default()
}

fuzz_target!(|shape: Shape| {
    let bytes = archive(&shape);
    let file = if shape.ods { "s.ods" } else { "s.xlsx" };
    let reading = match &shape.range {
        Some(range) => format!("range = {}", toml::Value::String(range.clone())),
        None => format!("header_row = {}", shape.header_row.max(1)),
    };
    let report = format!(
        "format_version = 1\n[meta]\norganisation = \"K\"\nboard = \"N\"\nkind = \"annual\"\nperiod = {{ start = 2023-01-01, end = 2023-12-31 }}\n[[chapters]]\ntitle = \"A\"\n[[chapters.blocks]]\ntype = \"finance\"\npreset = \"annual\"\nsheet = {{ file = \"{file}\", {reading}, label = \"A\", kind = \"D\", columns = {{ budget = \"B\", outcome = \"C\" }} }}\n[[chapters.blocks]]\ntype = \"finance\"\npreset = \"annual\"\nsheet = {{ file = \"{file}\", range = \"A1:C40\", label = \"A\", columns = {{ budget = \"B\", outcome = \"C\" }} }}\n"
    );
    let mut files = bokslut_core::files::Memory::new();
    files.insert(file, bytes);
    let checked = bokslut_core::check_str_in(
        &report,
        bokslut_core::Format::Toml,
        "r.toml".as_ref(),
        bokslut_core::CheckOptions::default(),
        &files,
    );
    for d in &checked.diagnostics {
        let _ = d.to_string();
    }
});
