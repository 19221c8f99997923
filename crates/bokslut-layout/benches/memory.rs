//! Memory over many renders in one process: renders distinct variants of the example report
//! with one `Publisher` and prints the resident set size (Linux `/proc/self/status`) as it
//! goes. It should level off after the first few hundred renders, not grow with their number.
//!
//! Run: `cargo bench -p bokslut-layout --bench memory -- 3000` (the number of renders).
//!
//! With `pages N` instead, it renders one synthetic report of about N pages step by step and
//! prints time and memory after each step: `cargo bench -p bokslut-layout --bench memory --
//! pages 500`.

use bokslut_layout::{Publisher, RenderOptions};

const EXAMPLE: &str = include_str!("../../../examples/delarsbokslut-2020-syd-it.toml");

/// Resident and peak resident memory of this process, in MiB (0 where unknown).
fn rss_mib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// One large report, step by step.
fn large(pages: usize) {
    let publisher = Publisher::new();
    let options = RenderOptions::default();
    let start = std::time::Instant::now();
    let report = |step: &str| {
        let (rss, peak) = rss_mib();
        println!(
            "{step}\t{rss}\t{peak}\t{:.2}",
            start.elapsed().as_secs_f64()
        );
    };
    println!("step\tRSS MiB\tpeak MiB\tseconds");
    let text = bokslut_synth::report(pages);
    let report_data =
        bokslut_core::check_str(&text, bokslut_core::Format::Toml, "synthetic.toml".as_ref())
            .report
            .expect("valid");
    report("read");
    let prepared = publisher.prepare(&report_data, &options).expect("prepared");
    report("prepare");
    let compiled = prepared.compile().expect("compiled");
    report("compile");
    let rendered = compiled.export().expect("exported");
    report("export");
    drop(compiled);
    bokslut_layout::trim_caches();
    report("trim");
    println!("{} pages, {} bytes", rendered.pages, rendered.pdf.len());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "pages") {
        let pages = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(500);
        return large(pages);
    }
    let count: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(2000);
    let publisher = Publisher::new();
    let options = RenderOptions::default();
    let start = std::time::Instant::now();
    println!("renders\tRSS MiB\tpeak MiB\tseconds");
    for n in 1..=count {
        let text = bokslut_synth::variant(EXAMPLE, n).expect("TOML");
        let report =
            bokslut_core::check_str(&text, bokslut_core::Format::Toml, "variant.toml".as_ref())
                .report
                .expect("valid");
        let rendered = publisher.render(&report, &options).expect("rendered");
        assert!(rendered.pages > 1);
        if n == 1 || n % (count / 10).max(1) == 0 {
            let (rss, peak) = rss_mib();
            println!("{n}\t{rss}\t{peak}\t{:.1}", start.elapsed().as_secs_f64());
        }
    }
}
