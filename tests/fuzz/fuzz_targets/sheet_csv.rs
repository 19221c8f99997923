//! Arbitrary bytes as a CSV sheet: the reader, the number reader and the making of a table's
//! rows must never panic, whatever the separators, quotes, encodings and numbers.

#![no_main]

use libfuzzer_sys::fuzz_target;

use bokslut_core::fuzzing::{ColumnMap, Mark, Place, SheetSource, extract, parse_number, read_csv};

fuzz_target!(|data: &[u8]| {
    let _ = parse_number(&String::from_utf8_lossy(data), Mark::Either);
    let _ = parse_number(&String::from_utf8_lossy(data), Mark::Point);
    let Ok(grid) = read_csv(data, None) else {
        return;
    };
    let place = Place {
        file: "fuzz.csv".into(),
        sheet: None,
    };
    let columns = ColumnMap(vec![
        ("budget".into(), "B".into()),
        ("outcome".into(), "C".into()),
    ]);
    for (range, header_row, kind) in [
        (Some("A1:D20"), None, None),
        (None, Some(1), Some("D")),
        (Some("A2:C3"), None, Some("B")),
    ] {
        let source = SheetSource {
            file: "fuzz.csv".into(),
            sheet: None,
            range: range.map(Into::into),
            header_row,
            label: "A".into(),
            columns: columns.clone(),
            kind: kind.map(Into::into),
            separator: None,
        };
        let (rows, problems) = extract(&grid, &source, &place, &|_| Some(1));
        for p in &problems {
            let _ = p.message.len();
        }
        let _ = rows.len();
    }
});
