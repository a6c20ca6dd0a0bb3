//! `--format json`: `{"findings": [...], "summary": {...}, "revisions": [...]}`, stable keys.

use serde::Serialize;

use crate::check::{Report, Severity};

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: &'static str,
    message: &'a str,
    help: &'a str,
    notes: &'a [String],
    revision: Option<&'a str>,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    notes: usize,
    revisions: usize,
}

#[derive(Serialize)]
struct JsonRevision<'a> {
    revision: &'a str,
    file: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
    revisions: Vec<JsonRevision<'a>>,
}

pub fn render(report: &Report) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| {
            let at = report.line_col(f);
            JsonFinding {
                code: f.code,
                severity: f.severity.as_str(),
                message: &f.message,
                help: &f.help,
                notes: &f.notes,
                revision: f.revision.as_deref(),
                file: f.location.as_ref().map(|l| l.file.as_str()),
                line: at.map(|a| a.0),
                column: at.map(|a| a.1),
            }
        })
        .collect();
    let summary = Summary {
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        notes: report.count(Severity::Note),
        revisions: report.revisions.len(),
    };
    let revisions = report.revisions.iter().map(|(r, f)| JsonRevision { revision: r, file: f }).collect();
    let mut text = serde_json::to_string_pretty(&JsonReport { findings, summary, revisions }).expect("plain data serializes");
    text.push('\n');
    text
}
