//! The editor's plain parts: a light Python highlighter (one pass over the text, strings
//! spanning lines included) and the diagnostics a revision file has as it is typed — every
//! pylite error (including constructs revision files may not use) and the engine's load
//! errors (`revision`/`down_revision` values), each at its line and column.

use diagnostics::{Diagnostic, LineIndex, Severity};
use engine::script::{load_script, ScriptError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Plain,
    Keyword,
    Str,
    Comment,
    Number,
    Builtin,
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
    "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
    "yield",
];
const BUILTINS: &[&str] = &["op", "sa", "str", "int", "Union", "Sequence", "print", "len", "range"];

/// The text split into lines of `(kind, text)` pieces; joining the pieces gives the line back.
pub fn highlight(text: &str) -> Vec<Vec<(Tok, String)>> {
    let mut lines: Vec<Vec<(Tok, String)>> = vec![Vec::new()];
    let push = |lines: &mut Vec<Vec<(Tok, String)>>, tok: Tok, s: &str| {
        for (i, part) in s.split('\n').enumerate() {
            if i > 0 {
                lines.push(Vec::new());
            }
            if !part.is_empty() {
                lines.last_mut().unwrap().push((tok, part.to_string()));
            }
        }
    };
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let tok = if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            Tok::Comment
        } else if c == b'"' || c == b'\'' {
            let triple = b[i..].starts_with(&[c, c, c]);
            i += if triple { 3 } else { 1 };
            while i < b.len() {
                if b[i] == b'\\' {
                    i += 2;
                } else if triple && b[i..].starts_with(&[c, c, c]) {
                    i += 3;
                    break;
                } else if !triple && (b[i] == c || b[i] == b'\n') {
                    i += usize::from(b[i] == c);
                    break;
                } else {
                    i += 1;
                }
            }
            i = i.min(b.len());
            Tok::Str
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            Tok::Number
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let word = &text[start..i];
            if KEYWORDS.contains(&word) {
                Tok::Keyword
            } else if BUILTINS.contains(&word) {
                Tok::Builtin
            } else {
                Tok::Plain
            }
        } else {
            // Up to the next byte that may start a token; UTF-8 continuation bytes never do.
            i += 1;
            while i < b.len() && !(b[i] == b'#' || b[i] == b'"' || b[i] == b'\'' || b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            Tok::Plain
        };
        push(&mut lines, tok, &text[start..i]);
    }
    lines
}

/// A diagnostic placed in the editor: 1-based line and column, and how many columns to mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub line: usize,
    pub col: usize,
    pub width: usize,
    pub error: bool,
    pub code: String,
    pub message: String,
    /// The rustc-style frame (source line, caret, notes, help) as the console prints it.
    pub rendered: String,
}

fn marker(d: &Diagnostic, path: &str, text: &str, index: &LineIndex) -> Marker {
    let (line, col, width) = match d.primary_span() {
        Some(span) => {
            let at = index.line_col(text, span.start as usize);
            let end = index.line_col(text, span.end as usize);
            (at.line, at.col, if end.line == at.line { end.col.saturating_sub(at.col).max(1) } else { 1 })
        }
        None => (1, 1, 1),
    };
    Marker {
        line,
        col,
        width,
        error: d.severity == Severity::Error,
        code: d.code.to_string(),
        message: d.message.clone(),
        rendered: d.render(path, text),
    }
}

/// Every problem of one revision file, in source order. Unsupported constructs are errors too:
/// the file loads, but its migration will refuse to run.
pub fn check(path: &str, text: &str) -> Vec<Marker> {
    let index = LineIndex::new(text);
    let mut out: Vec<Marker> = pylite::parse(text).errors.iter().map(|d| marker(d, path, text, &index)).collect();
    if out.is_empty() {
        match load_script(path, text) {
            Ok(_) => {}
            Err(ScriptError::BadValue { diagnostic, .. }) => out.push(marker(&diagnostic, path, text, &index)),
            Err(e) => out.push(Marker {
                line: 1,
                col: 1,
                width: 1,
                error: true,
                code: "no-revision".into(),
                message: e.to_string(),
                rendered: e.to_string(),
            }),
        }
    }
    // pylite reports in source order; a load error comes alone.
    out
}

/// One highlighted line cut again where a marker's columns start and end, so the marked
/// characters can be drawn underlined; a marker past the line's end marks one space after it.
pub fn mark(line: &[(Tok, String)], col: usize, width: usize) -> Vec<(Tok, String, bool)> {
    let (lo, hi) = (col.saturating_sub(1), col.saturating_sub(1) + width.max(1));
    let mut out = Vec::new();
    let mut at = 0;
    for (tok, text) in line {
        let mut cut = |from: usize, to: usize, marked: bool| {
            let piece: String = text.chars().skip(from).take(to - from).collect();
            if !piece.is_empty() {
                out.push((*tok, piece, marked));
            }
        };
        let n = text.chars().count();
        let (s, e) = (lo.clamp(at, at + n) - at, hi.clamp(at, at + n) - at);
        cut(0, s, false);
        cut(s, e, true);
        cut(e, n, false);
        at += n;
    }
    if lo >= at {
        out.push((Tok::Plain, " ".into(), true));
    }
    out
}

/// The textarea offset (UTF-16 units, as the DOM counts) of a 1-based line and column.
pub fn utf16_offset(text: &str, line: usize, col: usize) -> u32 {
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            return offset + l.chars().take(col.saturating_sub(1)).map(|c| c.len_utf16() as u32).sum::<u32>();
        }
        offset += l.encode_utf16().count() as u32 + 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &[(Tok, String)]) -> Vec<(Tok, &str)> {
        line.iter().map(|(t, s)| (*t, s.as_str())).collect()
    }

    #[test]
    fn highlight_keeps_the_text_and_marks_tokens() {
        let text = "def upgrade():  # go\n    op.execute(\"x\")\n\"\"\"a\nb\"\"\" 12\n";
        let lines = highlight(text);
        let joined: Vec<String> = lines.iter().map(|l| l.iter().map(|p| p.1.as_str()).collect()).collect();
        assert_eq!(joined.join("\n"), text);
        assert_eq!(
            kinds(&lines[0]),
            [(Tok::Keyword, "def"), (Tok::Plain, " "), (Tok::Plain, "upgrade"), (Tok::Plain, "():  "), (Tok::Comment, "# go")]
        );
        assert_eq!(
            kinds(&lines[1])[1..],
            [(Tok::Builtin, "op"), (Tok::Plain, "."), (Tok::Plain, "execute"), (Tok::Plain, "("), (Tok::Str, "\"x\""), (Tok::Plain, ")")]
        );
        assert_eq!(kinds(&lines[2]), [(Tok::Str, "\"\"\"a")]);
        assert_eq!(kinds(&lines[3]), [(Tok::Str, "b\"\"\""), (Tok::Plain, " "), (Tok::Number, "12")]);
        assert_eq!(highlight("s = 'é'  # ü\n").concat().iter().map(|p| p.1.as_str()).collect::<String>(), "s = 'é'  # ü");
    }

    #[test]
    fn markers_cut_the_line_at_their_columns() {
        let line = vec![(Tok::Keyword, "def".to_string()), (Tok::Plain, " up(:".to_string())];
        let m = mark(&line, 7, 1);
        let parts: Vec<(&str, bool)> = m.iter().map(|(_, s, k)| (s.as_str(), *k)).collect();
        assert_eq!(parts, [("def", false), (" up", false), ("(", true), (":", false)]);
        assert_eq!(mark(&line, 9, 1).last().unwrap(), &(Tok::Plain, " ".to_string(), true));
        assert_eq!(utf16_offset("ab\néx\n", 2, 2), 4);
    }

    #[test]
    fn syntax_and_load_errors_have_positions() {
        let m = check("v/a.py", "revision = 'a'\ndown_revision = None\ndef upgrade(:\n    pass\n");
        assert_eq!((m[0].line, m[0].col, m[0].error), (3, 12, true), "{m:?}");
        assert!(m[0].rendered.contains("--> v/a.py:3:12"), "{}", m[0].rendered);
        let m = check("v/a.py", "revision = 'a'\ndown_revision = 5\n");
        assert_eq!((m[0].line, m[0].col), (2, 17), "{m:?}");
        let m = check("v/x_name.py", "down_revision = None\n");
        assert!(m[0].message.starts_with("Could not determine revision id"), "{m:?}");
        assert!(check("v/a.py", "revision = 'a'\ndown_revision = None\n").is_empty());
    }
}
