//! rustc-style text: each finding rendered by `diagnostics`, then a summary line.

use crate::check::{Report, Severity};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let d = f.diagnostic();
        let rendered = match f.location.as_ref().and_then(|l| report.sources.get(&l.file).map(|s| (l, s))) {
            Some((loc, source)) => d.render(&loc.file, source),
            None => {
                let mut text = format!("{}[{}]: {}\n", f.severity.as_str(), f.code, f.message);
                for n in &d.notes {
                    text.push_str(&format!("  = note: {n}\n"));
                }
                if let Some(h) = &d.help {
                    text.push_str(&format!("  = help: {h}\n"));
                }
                text
            }
        };
        out.push_str(&rendered);
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

pub fn summary(report: &Report) -> String {
    let n = |s| report.count(s);
    let revisions = report.revisions.len();
    format!(
        "check: {} error{}, {} warning{}, {} note{} ({revisions} revision{} checked)",
        n(Severity::Error),
        if n(Severity::Error) == 1 { "" } else { "s" },
        n(Severity::Warning),
        if n(Severity::Warning) == 1 { "" } else { "s" },
        n(Severity::Note),
        if n(Severity::Note) == 1 { "" } else { "s" },
        if revisions == 1 { "" } else { "s" },
    )
}
