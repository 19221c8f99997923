//! bokslut-synth: synthetic reports for tests and benchmarks, deterministic and of any size.
//!
//! Two kinds, both as TOML text so that reading is measured too:
//! - [`report`]: a report of about the given number of pages, made of chapters that each hold
//!   prose, a decision table, a goal table and a financial table, as a real board's would;
//! - [`variant`]: a real report (the bundled example) with its figures varied, for batches
//!   of distinct reports of realistic size.
//!
//! The same arguments always give the same text: the figures come from a fixed-seed
//! generator, never from the clock.

use std::fmt::Write;

/// Pages a [`report`] chapter takes when rendered with the bundled template, its share of the
/// table of contents included: fitted to renders of 10 to 205 chapters (24 to 504 pages).
/// The test `synthetic_reports_have_about_the_pages_they_are_made_for` keeps it within 10 %.
pub const PAGES_PER_CHAPTER: f64 = 2.45;

/// Pages besides the chapters: the title page and the first page of the contents.
const FIXED_PAGES: f64 = 2.0;

/// The number of chapters that gives about `pages` pages (at least one).
pub fn chapters_for_pages(pages: usize) -> usize {
    (((pages as f64 - FIXED_PAGES) / PAGES_PER_CHAPTER).round() as usize).max(1)
}

/// A fixed-seed pseudo-random generator (SplitMix64): test data only, the same sequence on
/// every machine and in every version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..high` (`high > low`).
    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low) as u64) as i64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "verksamheten",
    "nämnden",
    "förvaltningen",
    "under",
    "perioden",
    "har",
    "arbetet",
    "med",
    "digitalisering",
    "fortsatt",
    "enligt",
    "plan",
    "och",
    "kostnaderna",
    "för",
    "licenser",
    "ökat",
    "medan",
    "personalkostnaderna",
    "minskat",
    "till",
    "följd",
    "av",
    "vakanser",
    "samverkan",
    "mellan",
    "kommunerna",
    "utvecklas",
    "inom",
    "ramen",
    "budget",
    "prognosen",
    "visar",
    "ett",
    "överskott",
    "på",
    "helåret",
    "investeringarna",
    "skjuts",
    "upp",
    "måluppfyllelsen",
    "bedöms",
    "som",
    "god",
    "internkontrollen",
    "avvikelser",
];

const STATUSES: &[&str] = &[
    "completed",
    "ongoing",
    "not_started",
    "postponed",
    "cancelled",
];

/// A sentence of `words` words, capitalised, ending in a full stop.
fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let word = rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                s.extend(first.to_uppercase());
                s.push_str(chars.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(word);
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng) -> String {
    let sentences = rng.range(4, 8) as usize;
    (0..sentences)
        .map(|_| {
            let words = rng.range(8, 18) as usize;
            sentence(rng, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A synthetic report of about `pages` pages (at least one chapter): see [`chapters_for_pages`].
pub fn report(pages: usize) -> String {
    report_with_chapters(chapters_for_pages(pages))
}

/// A synthetic report of `chapters` chapters. Each chapter has an introduction, a decision
/// table of 6 rows, a section with a goal table (2 council goals, 2 board goals each, 3
/// indicators each, of every value kind) and a section with prose and a financial table of
/// 10 rows with its sums.
pub fn report_with_chapters(chapters: usize) -> String {
    let mut rng = Rng(0x6b6f_6b73_6c75_7400 ^ chapters as u64);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"# Synthetic report for tests and benchmarks (bokslut-synth), {chapters} chapter(s).
format_version = 1
locale = "sv"

[meta]
organisation = "Exempelby kommun"
board = "Syntetiska nämnden"
kind = "annual"
period = {{ start = 2025-01-01, end = 2025-12-31 }}
date = 2026-02-15
"#
    );
    for c in 1..=chapters.max(1) {
        let _ = write!(
            out,
            "\n[[chapters]]\ntitle = \"Verksamhetsområde {c}\"\n\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"\"\"\n{}\n\n{}\n\"\"\"\n",
            paragraph(&mut rng),
            paragraph(&mut rng)
        );
        let _ = write!(
            out,
            "\n[[chapters.blocks]]\ntype = \"decisions\"\ncaption = \"Politiska beslut, område {c}\"\n"
        );
        for d in 1..=6 {
            let words = rng.range(10, 22) as usize;
            let decision = sentence(&mut rng, words);
            let status = rng.pick(STATUSES);
            let words = rng.range(4, 10) as usize;
            let comment = sentence(&mut rng, words);
            let _ = write!(
                out,
                "\n[[chapters.blocks.rows]]\ndecision = \"{decision}\"\nreference = \"SYN {c}-{d}\"\nstatus = \"{status}\"\ncomment = \"{comment}\"\n"
            );
        }
        let _ = write!(
            out,
            "\n[[chapters.sections]]\ntitle = \"Mål och måluppfyllelse\"\n\n[[chapters.sections.blocks]]\ntype = \"goals\"\n"
        );
        for g in 1..=2 {
            let words = rng.range(6, 12) as usize;
            let _ = write!(
                out,
                "\n[[chapters.sections.blocks.council_goals]]\nname = \"{g}. {}\"\n",
                sentence(&mut rng, words)
            );
            for b in 1..=2 {
                let words = rng.range(5, 10) as usize;
                let _ = write!(
                    out,
                    "\n[[chapters.sections.blocks.council_goals.board_goals]]\nname = \"{g}.{b} {}\"\n",
                    sentence(&mut rng, words)
                );
                for i in 0..3 {
                    let words = rng.range(5, 12) as usize;
                    let name = sentence(&mut rng, words);
                    let (current, forecast, target) = match (i + b) % 3 {
                        0 => (
                            format!("{{ percent = {} }}", rng.range(40, 100)),
                            format!("{{ percent = {} }}", rng.range(40, 100)),
                            format!(
                                "{{ relation = \"at_least\", percent = {} }}",
                                rng.range(60, 100)
                            ),
                        ),
                        1 => (
                            format!("{{ count = {}, unit = \"st\" }}", rng.range(1, 400)),
                            format!("{{ count = {}, unit = \"st\" }}", rng.range(1, 400)),
                            format!(
                                "{{ relation = \"at_most\", count = {}, unit = \"st\" }}",
                                rng.range(1, 400)
                            ),
                        ),
                        _ => (
                            format!("{{ amount = {} }}", rng.range(100, 90_000)),
                            format!("{{ amount = {} }}", rng.range(100, 90_000)),
                            format!("{{ amount = {} }}", rng.range(100, 90_000)),
                        ),
                    };
                    let _ = write!(
                        out,
                        "\n[[chapters.sections.blocks.council_goals.board_goals.indicators]]\nname = \"{name}\"\ncurrent = {current}\nforecast = {forecast}\ntarget = {target}\n"
                    );
                }
            }
        }
        let _ = write!(
            out,
            "\n[[chapters.sections]]\ntitle = \"Ekonomi\"\n\n[[chapters.sections.blocks]]\ntype = \"text\"\ntext = \"\"\"\n{}\n\"\"\"\n\n[[chapters.sections.blocks]]\ntype = \"finance\"\noutcome_date = 2025-12-31\nrows = [\n",
            paragraph(&mut rng)
        );
        let income = rng.range(20_000, 90_000);
        let _ = writeln!(
            out,
            "  {{ label = \"Intäkter\", budget = -{income}, outcome = -{}, forecast = -{} }},",
            income + rng.range(-900, 900),
            income + rng.range(-900, 900)
        );
        for r in 1..10 {
            let budget = rng.range(100, 15_000);
            let _ = writeln!(
                out,
                "  {{ label = \"Kostnadsslag {c}.{r}\", budget = {budget}, outcome = {}, forecast = {} }},",
                budget + rng.range(-400, 400),
                budget + rng.range(-400, 400)
            );
        }
        out.push_str("]\n");
    }
    out
}

/// A variant of a report given as TOML: every budget, outcome and forecast of its financial
/// tables moved by up to ±`(n mod 997) + 1` and stated totals dropped (they would no longer
/// agree), and `(variant n)` added to the board's name, so that each `n` gives a distinct
/// report of the same shape. `None` when `source` is not TOML.
pub fn variant(source: &str, n: u64) -> Option<String> {
    let mut table: toml::Table = source.parse().ok()?;
    let mut rng = Rng(n);
    let spread = (n % 997) as i64 + 1;
    if let Some(toml::Value::Table(meta)) = table.get_mut("meta")
        && let Some(toml::Value::String(board)) = meta.get_mut("board")
    {
        board.push_str(&format!(" (variant {n})"));
    }
    vary(&mut table, &mut rng, spread);
    toml::to_string(&table).ok()
}

/// A report given as TOML with one figure edited: the first `budget` of its financial tables
/// raised by `n` and stated totals dropped, as when a user corrects one figure and renders
/// again. `None` when `source` is not TOML or has no budget.
pub fn edited(source: &str, n: u64) -> Option<String> {
    fn first_budget(table: &mut toml::Table, n: i64) -> bool {
        table.remove("stated_total");
        let mut done = false;
        for (key, value) in table.iter_mut() {
            match value {
                toml::Value::Integer(i) if key == "budget" && !done => {
                    *i += n;
                    done = true;
                }
                toml::Value::Table(t) => done |= first_budget(t, if done { 0 } else { n }),
                toml::Value::Array(items) => {
                    for item in items {
                        if let toml::Value::Table(t) = item {
                            done |= first_budget(t, if done { 0 } else { n });
                        }
                    }
                }
                _ => {}
            }
        }
        done
    }
    let mut table: toml::Table = source.parse().ok()?;
    first_budget(&mut table, i64::try_from(n).ok()?).then(|| toml::to_string(&table).ok())?
}

fn vary(table: &mut toml::Table, rng: &mut Rng, spread: i64) {
    table.remove("stated_total");
    for (key, value) in table.iter_mut() {
        match value {
            toml::Value::Integer(i)
                if matches!(key.as_str(), "budget" | "outcome" | "forecast") =>
            {
                *i += rng.range(-spread, spread + 1);
            }
            toml::Value::Table(t) => vary(t, rng, spread),
            toml::Value::Array(items) => {
                for item in items {
                    if let toml::Value::Table(t) = item {
                        vary(t, rng, spread);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_growing() {
        assert_eq!(report(10), report(10));
        assert!(report(100).len() > 5 * report(10).len());
        assert!(chapters_for_pages(500) > 9 * chapters_for_pages(50));
    }

    #[test]
    fn variants_differ_and_parse() {
        let example = include_str!("../../../examples/delarsbokslut-2020-syd-it.toml");
        let a = variant(example, 1).unwrap();
        let b = variant(example, 2).unwrap();
        assert_ne!(a, b);
        assert_eq!(a, variant(example, 1).unwrap());
        assert!(!a.contains("stated_total"));
        assert!(a.contains("Sydnärkes IT-nämnd (variant 1)"));
    }

    #[test]
    fn an_edit_changes_one_figure() {
        let example = include_str!("../../../examples/delarsbokslut-2020-syd-it.toml");
        let numbers = |t: &str| -> Vec<i64> {
            t.split(|c: char| !(c.is_ascii_digit() || c == '-'))
                .filter_map(|w| w.parse().ok())
                .collect()
        };
        let before = numbers(&edited(example, 0).unwrap());
        let after = numbers(&edited(example, 5).unwrap());
        assert_eq!(before.len(), after.len());
        let differing: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
        assert_eq!(differing, [(&-34559, &-34554)]);
        assert_eq!(edited("x = 1", 1), None);
    }
}
