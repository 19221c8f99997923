//! Charts (issue 24): each chart is a tagged Figure with alternative text in the PDF's
//! structure tree, its axis and figures are text, and the web edition draws it as an inline
//! `<svg role="img">` with the figures in a `<details>` table; in Swedish and English.

use std::process::Command;

use crate::common::{pdf_text, render, root};

fn qdf(pdf: &std::path::Path) -> String {
    let out = pdf.with_extension("qdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&out)
        .status()
        .expect("qpdf must be installed (tests/setup.sh)");
    assert!(status.success());
    String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned()
}

#[test]
fn charts_are_tagged_figures_with_alt_text_and_their_figures_as_text() {
    let input = root().join("tests/fixtures/charts/vastervik-2021.toml");
    let dir = tempfile::tempdir().unwrap();
    for (locale, data, figure, tick) in [
        (
            "sv",
            "Diagrammets siffror",
            "\u{2212}13,2",
            "\u{2212}1\u{202f}000",
        ),
        ("en", "The chart's figures", "\u{2212}13.2", "\u{2212}1,000"),
    ] {
        let pdf = dir.path().join(format!("{locale}.pdf"));
        render(&input, &pdf, &["--locale", locale, "--format", "pdf,html"]);
        let tree = qdf(&pdf);
        let figures = tree.matches("/S /Figure").count();
        assert!(figures >= 3, "{locale}: {figures} Figure elements");
        assert!(tree.contains("/Alt"), "{locale}: no /Alt");
        let text = pdf_text(&pdf, None, false);
        assert!(text.contains(data), "{locale}: {text}");
        assert!(text.contains(figure), "{locale}: no {figure}");
        assert!(text.contains("Samhällsbyggnad"), "{locale}");
        let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
        assert_eq!(html.matches("<svg role=\"img\"").count(), 3, "{locale}");
        assert_eq!(html.matches("<details>").count(), 3, "{locale}");
        assert!(html.contains("<desc id=\"chart1-d\">"), "{locale}");
        assert!(html.contains(tick), "{locale}: no tick {tick}");
    }
}
