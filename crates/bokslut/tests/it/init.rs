//! `bokslut init` writes a report (and with `--profile` a profile) that `check` accepts and
//! `render` turns into a PDF at once, in a new directory; it replaces no file.

use crate::common::{bokslut, pdf_text};

#[test]
fn init_then_check_and_render_in_a_new_directory() {
    for with_profile in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("nämnd");
        let dir_arg = dir.to_str().unwrap();
        let mut args = vec!["init", dir_arg];
        if with_profile {
            args.push("--profile");
        }
        let out = bokslut(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report = dir.join("rapport.toml");
        assert_eq!(dir.join("profil/logo.svg").exists(), with_profile);

        let out = bokslut(&["check", "--deny-warnings", report.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "check: {stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");

        let out = bokslut(&["render", report.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "render: {stderr}");
        let pdf = dir.join("rapport.pdf");
        let text = pdf_text(&pdf, None, false);
        assert!(
            text.contains("Exempels kommun") || text.contains("EXEMPELS KOMMUN"),
            "{text}"
        );
        assert!(text.contains("Driftredovisning"), "{text}");

        // A second init into the same directory replaces nothing.
        let before = std::fs::read(&report).unwrap();
        let out = bokslut(&args);
        assert_eq!(out.status.code(), Some(3));
        assert!(String::from_utf8_lossy(&out.stderr).contains("exists already"));
        assert_eq!(std::fs::read(&report).unwrap(), before);
    }
}
