//! `--junit FILE`: one test case per revision (and one for the project as a whole); errors
//! and warnings are failures, notes go to system-out.

use crate::check::{Finding, Report, Severity};

/// XML text and attribute escaping: `& < > " '`, and characters XML 1.0 cannot hold dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn body(report: &Report, f: &Finding) -> String {
    let mut text = String::new();
    if let (Some(loc), Some((line, col))) = (&f.location, report.line_col(f)) {
        text.push_str(&format!("{}:{line}:{col}\n", loc.file));
    }
    for n in &f.notes {
        text.push_str(&format!("note: {n}\n"));
    }
    if !f.help.is_empty() {
        text.push_str(&format!("help: {}\n", f.help));
    }
    text
}

fn case(out: &mut String, report: &Report, name: &str, classname: &str, findings: &[&Finding]) {
    out.push_str(&format!("    <testcase name=\"{}\" classname=\"{}\">\n", escape(name), escape(classname)));
    for f in findings.iter().filter(|f| f.severity != Severity::Note) {
        out.push_str(&format!(
            "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
            escape(f.code),
            escape(&format!("{}: {}", f.severity.as_str(), f.message)),
            escape(&body(report, f))
        ));
    }
    let notes: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Note)
        .map(|f| format!("note[{}]: {}\n{}", f.code, f.message, body(report, f)))
        .collect();
    if !notes.is_empty() {
        out.push_str(&format!("      <system-out>{}</system-out>\n", escape(&notes.join(""))));
    }
    out.push_str("    </testcase>\n");
}

pub fn render(report: &Report) -> String {
    let project: Vec<&Finding> = report.findings.iter().filter(|f| f.revision.is_none()).collect();
    let failures = report.findings.iter().filter(|f| f.severity != Severity::Note).count();
    let cases = report.revisions.len() + 1;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<testsuites name=\"alembic-playground check\" tests=\"{cases}\" failures=\"{failures}\">\n"));
    out.push_str(&format!("  <testsuite name=\"alembic-playground check\" tests=\"{cases}\" failures=\"{failures}\" errors=\"0\">\n"));
    case(&mut out, report, "history", "project", &project);
    for (id, file) in &report.revisions {
        let mine: Vec<&Finding> = report.findings.iter().filter(|f| f.revision.as_deref() == Some(id.as_str())).collect();
        case(&mut out, report, &format!("{id} ({file})"), "revision", &mine);
    }
    // Findings about revisions the upgrade never reached (unreachable ones).
    let stray: Vec<&Finding> =
        report.findings.iter().filter(|f| f.revision.as_ref().is_some_and(|r| !report.revisions.iter().any(|(id, _)| id == r))).collect();
    if !stray.is_empty() {
        case(&mut out, report, "revisions not on the upgrade path", "revision", &stray);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(super::escape("a<b>&\"c'\u{1}d\n"), "a&lt;b&gt;&amp;&quot;c&apos;d\n");
    }
}
