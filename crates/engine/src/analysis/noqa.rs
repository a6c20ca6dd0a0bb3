//! `# noqa: <code>[, <code>...]` on a finding's line silences it (a bare `# noqa` silences
//! every finding there; `NOQA` too). The line is the one where the finding's span starts: the
//! call, or the `def` line for `<fn>-empty`. pylite's tree keeps no comments, so the source
//! line is read.

use diagnostics::{Diagnostic, LineIndex};

/// Whether the line where `diagnostic` starts carries `# noqa` for its code.
pub fn is_silenced(source: &str, diagnostic: &Diagnostic) -> bool {
    let Some(span) = diagnostic.primary_span() else { return false };
    let index = LineIndex::new(source);
    let line = index.line_text(source, index.line_col(source, span.start as usize).line);
    let Some(comment) = comment(line) else { return false };
    let text = comment.trim_start_matches('#').trim_start();
    let Some(rest) = text.get(..4).filter(|w| w.eq_ignore_ascii_case("noqa")).map(|_| &text[4..]) else { return false };
    match rest.trim_start().strip_prefix(':') {
        Some(codes) => codes.split([',', ' ']).map(str::trim).any(|c| c == diagnostic.code),
        None => rest.trim().is_empty() || rest.starts_with([' ', '\t', '#']),
    }
}

/// The comment of one line: from the first `#` outside a string literal.
fn comment(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '#' => return Some(&line[i..]),
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
    }
    None
}
