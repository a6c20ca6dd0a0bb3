//! One finding of `check`: a stable code, a severity, one line of why, the safer alternative,
//! and where (file, line, column). The `# noqa: <code>` filter lives here too.

use diagnostics::{Diagnostic, Label, LineIndex, Span};

/// Error, warning or note: the diagnostics' own severity (their rendering uses it as is).
pub use diagnostics::Severity;

/// Where a finding points: a revision file and a span in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The path as the script directory has it (the CLI shows it relative to the project).
    pub file: String,
    pub span: Span,
    /// What the label under the span says.
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: why this is a problem.
    pub message: String,
    /// The safer alternative.
    pub help: String,
    /// Figures and details (counts, the difference found, the database's message).
    pub notes: Vec<String>,
    /// The revision it is about, when it is about one.
    pub revision: Option<String>,
    pub location: Option<Location>,
}

impl Finding {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>, help: impl Into<String>) -> Finding {
        Finding { code, severity, message: message.into(), help: help.into(), notes: Vec::new(), revision: None, location: None }
    }

    pub fn revision(mut self, id: &str) -> Finding {
        self.revision = Some(id.to_string());
        self
    }

    pub fn at(mut self, location: Option<Location>) -> Finding {
        self.location = location;
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Finding {
        self.notes.push(note.into());
        self
    }

    /// 1-based line and column of the location in `source`.
    pub fn line_col(&self, source: &str) -> Option<(usize, usize)> {
        let loc = self.location.as_ref()?;
        let at = LineIndex::new(source).line_col(source, loc.span.start as usize);
        Some((at.line, at.col))
    }

    /// The finding as a `Diagnostic`, for the rustc-style rendering.
    pub fn diagnostic(&self) -> Diagnostic {
        let labels = self.location.iter().map(|l| Label { span: l.span, message: l.label.clone() }).collect();
        let mut notes = self.notes.clone();
        if let (Some(rev), None) = (&self.revision, &self.location) {
            notes.insert(0, format!("revision {rev}"));
        }
        Diagnostic {
            severity: self.severity,
            code: self.code,
            message: self.message.clone(),
            labels,
            notes,
            help: (!self.help.is_empty()).then(|| self.help.clone()),
        }
    }
}

/// Whether line `line` (1-based) of `source` carries `# noqa: <code>[, <code>...]` naming `code`.
pub fn silenced(source: &str, line: usize, code: &str) -> bool {
    let text = LineIndex::new(source).line_text(source, line);
    let Some(at) = text.find("# noqa:") else { return false };
    text[at + "# noqa:".len()..].split([',', ' ', '\t']).map(str::trim).any(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noqa_names_codes() {
        let src = "a\nop.drop_column('t', 'c')  # noqa: drop-add-column, x\nb # noqa\n";
        assert!(silenced(src, 2, "drop-add-column"));
        assert!(silenced(src, 2, "x"));
        assert!(!silenced(src, 2, "drop"));
        assert!(!silenced(src, 3, "drop-add-column"), "a bare noqa silences nothing: name the code");
        assert!(!silenced(src, 1, "drop-add-column"));
    }
}
