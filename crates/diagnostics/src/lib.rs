//! Byte spans, line/column lookup, and the `Diagnostic` type shared by every crate,
//! with a rustc-style text rendering (`file:line:col`, the source line, a caret).

use std::fmt::Write as _;

/// A half-open byte range `[start, end)` into one source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end.max(start) as u32 }
    }
    pub fn point(at: usize) -> Span {
        Span::new(at, at)
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// 1-based line and column; the column counts characters, as Python's tracebacks do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Maps byte offsets of one text to lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        LineCol { line: line + 1, col }
    }

    /// The text of 1-based `line`, without its line ending.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.line_starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.line_starts.get(line).copied().unwrap_or(text.len());
        text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A span with a short message shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding about one source file: what, where, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case identifier, e.g. `syntax-error`, `multiple-heads`.
    pub code: &'static str,
    pub message: String,
    /// The first label is the primary location.
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, code, message: message.into(), labels: Vec::new(), notes: Vec::new(), help: None }
    }
    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into() });
        self
    }
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }

    /// rustc-style rendering:
    /// ```text
    /// error[syntax-error]: '(' was never closed
    ///  --> versions/a1_create.py:3:7
    ///   |
    /// 3 | x = f(
    ///   |      ^ opened here
    ///   = help: ...
    /// ```
    pub fn render(&self, file: &str, source: &str) -> String {
        let index = LineIndex::new(source);
        let mut out = String::new();
        let _ = writeln!(out, "{}[{}]: {}", self.severity.as_str(), self.code, self.message);
        let gutter = self.labels.iter().map(|l| index.line_col(source, l.span.start as usize).line.to_string().len()).max().unwrap_or(1);
        let pad = " ".repeat(gutter);
        match self.labels.first() {
            Some(primary) => {
                let at = index.line_col(source, primary.span.start as usize);
                let _ = writeln!(out, "{pad}--> {file}:{}:{}", at.line, at.col);
            }
            None => {
                let _ = writeln!(out, "{pad}--> {file}");
            }
        }
        if !self.labels.is_empty() {
            let _ = writeln!(out, "{pad} |");
        }
        for label in &self.labels {
            let at = index.line_col(source, label.span.start as usize);
            let line_text = index.line_text(source, at.line);
            let end = index.line_col(source, label.span.end as usize);
            let width = if end.line == at.line { end.col.saturating_sub(at.col).max(1) } else { 1 };
            let _ = writeln!(out, "{:>gutter$} | {}", at.line, line_text.replace('\t', " "));
            let _ = writeln!(out, "{pad} | {}{} {}", " ".repeat(at.col - 1), "^".repeat(width), label.message);
        }
        for note in &self.notes {
            let _ = writeln!(out, "{pad} = note: {note}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        out
    }

    /// `file:line:col: message`, one line, for logs and short error texts.
    pub fn short(&self, file: &str, source: &str) -> String {
        match self.primary_span() {
            Some(span) => {
                let at = LineIndex::new(source).line_col(source, span.start as usize);
                format!("{file}:{}:{}: {}", at.line, at.col, self.message)
            }
            None => format!("{file}: {}", self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let text = "ab\ncé d\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, col: 1 });
        assert_eq!(index.line_col(text, 3), LineCol { line: 2, col: 1 });
        // 'é' is two bytes: the space after it is column 3.
        assert_eq!(index.line_col(text, 6), LineCol { line: 2, col: 3 });
        assert_eq!(index.line_text(text, 2), "cé d");
    }

    #[test]
    fn render_points_at_the_span() {
        let text = "x = 1\ny = f(\n";
        let d =
            Diagnostic::error("syntax-error", "'(' was never closed").with_label(Span::new(11, 12), "opened here").with_help("close it");
        let shown = d.render("a.py", text);
        assert_eq!(
            shown,
            "error[syntax-error]: '(' was never closed\n --> a.py:2:6\n  |\n2 | y = f(\n  |      ^ opened here\n  = help: close it\n"
        );
        assert_eq!(d.short("a.py", text), "a.py:2:6: '(' was never closed");
    }
}
