//! Python tokenizer: INDENT/DEDENT, implicit line joining, continuation lines, strings, numbers,
//! with CPython 3.11's error messages and positions.

use crate::token::{Kw, Op, Tok, Token};
use diagnostics::{Diagnostic, LineIndex, Span};

/// CPython's tokenizer limits (MAXLEVEL, MAXINDENT); brackets are capped at half CPython's
/// 200 to keep the recursive parser's stack small (see `parser::MAX_DEPTH`).
const MAX_BRACKETS: usize = 100;
const MAX_INDENT: usize = 100;

pub struct Lexed {
    pub tokens: Vec<Token>,
    pub errors: Vec<Diagnostic>,
    /// Position of the bracket reported as never closed: parser errors after it are noise.
    pub unclosed_at: Option<u32>,
}

/// Tokenizes a whole file.
#[cfg(test)]
pub fn tokenize(src: &str) -> Lexed {
    tokenize_into(src, Vec::new())
}

/// Tokenizes a whole file into `buf` (cleared first), so callers can reuse one buffer.
pub fn tokenize_into(src: &str, buf: Vec<Token>) -> Lexed {
    let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    Lexer::new(src, start, src.len(), false, buf).run()
}

/// Tokenizes `src[start..end]` as if inside brackets (an f-string replacement field).
pub fn tokenize_nested(src: &str, start: usize, end: usize) -> Lexed {
    Lexer::new(src, start, end, true, Vec::new()).run()
}

pub(crate) fn syntax_error(msg: impl Into<String>, span: Span) -> Diagnostic {
    Diagnostic::error("syntax-error", msg).with_label(span, "here")
}

fn indentation_error(msg: impl Into<String>, span: Span) -> Diagnostic {
    Diagnostic::error("indentation-error", msg).with_label(span, "here")
}

/// 1-based line of `offset` (only needed on the error path).
pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    LineIndex::new(src).line_col(src, offset).line
}

struct Level {
    col: usize,
    altcol: usize,
    /// Pushed only to recover from a bad dedent: no INDENT was emitted, so emit no DEDENT.
    phantom: bool,
}

struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    end: usize,
    nested: bool,
    tokens: Vec<Token>,
    errors: Vec<Diagnostic>,
    indents: Vec<Level>,
    brackets: Vec<(u8, usize)>,
    at_line_start: bool,
    line_has_tokens: bool,
    too_deep_reported: bool,
}

fn is_id_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_id_continue(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str, start: usize, end: usize, nested: bool, mut tokens: Vec<Token>) -> Lexer<'a> {
        tokens.clear();
        tokens.reserve((end - start) / 4 + 4);
        Lexer {
            src,
            b: src.as_bytes(),
            pos: start,
            end,
            nested,
            tokens,
            errors: Vec::new(),
            indents: vec![Level { col: 0, altcol: 0, phantom: false }],
            brackets: Vec::new(),
            at_line_start: !nested,
            line_has_tokens: false,
            too_deep_reported: false,
        }
    }

    fn peek(&self, off: usize) -> u8 {
        let i = self.pos + off;
        if i < self.end {
            self.b[i]
        } else {
            0
        }
    }

    fn push(&mut self, kind: Tok, start: usize, end: usize) {
        self.tokens.push(Token { kind, span: Span::new(start, end) });
        self.line_has_tokens = true;
    }

    fn run(mut self) -> Lexed {
        loop {
            if self.at_line_start {
                self.at_line_start = false;
                self.indentation();
            }
            // Hot loops work on a local index over the byte slice: going through `self.pos`
            // and `peek` costs a store and a bounds check per byte.
            let mut i = self.pos;
            while i < self.end && matches!(self.b[i], b' ' | b'\t' | b'\x0c') {
                i += 1;
            }
            self.pos = i;
            if i >= self.end {
                break;
            }
            let c = self.b[self.pos];
            match c {
                b'#' => {
                    if self.nested {
                        self.errors.push(syntax_error("f-string expression part cannot include '#'", Span::point(self.pos)));
                    }
                    self.pos = self.line_end(self.pos);
                }
                b'\n' | b'\r' => self.newline(),
                b'\\' => self.continuation(),
                b'0'..=b'9' => self.number(),
                b'.' if self.peek(1).is_ascii_digit() => self.number(),
                b'"' | b'\'' => self.string(self.pos),
                _ if is_id_start(c) => self.name(),
                _ => self.operator(),
            }
        }
        self.finish()
    }

    fn newline(&mut self) {
        let len = if self.b[self.pos] == b'\r' && self.peek(1) == b'\n' { 2 } else { 1 };
        if self.brackets.is_empty() && !self.nested {
            if self.line_has_tokens {
                self.tokens.push(Token { kind: Tok::Newline, span: Span::new(self.pos, self.pos + len) });
            }
            self.line_has_tokens = false;
            self.at_line_start = true;
        }
        self.pos += len;
    }

    fn continuation(&mut self) {
        let start = self.pos;
        self.pos += 1;
        match self.peek(0) {
            b'\n' => self.pos += 1,
            b'\r' => self.pos += if self.peek(1) == b'\n' { 2 } else { 1 },
            0 if self.pos >= self.end => {
                self.errors.push(syntax_error("unexpected EOF while parsing", Span::point(start)));
            }
            _ => {
                let next = self.src[self.pos..].chars().next().map_or(0, char::len_utf8);
                self.errors
                    .push(syntax_error("unexpected character after line continuation character", Span::new(self.pos, self.pos + next)));
                self.push(Tok::Error, start, start + 1);
            }
        }
    }

    /// Measures the indentation of a new logical line and emits INDENT/DEDENT tokens.
    fn indentation(&mut self) {
        let line_start = self.pos;
        let (mut col, mut altcol) = (0usize, 0usize);
        loop {
            match self.peek(0) {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                b'\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        // Blank and comment-only lines do not count.
        if self.pos >= self.end || matches!(self.b[self.pos], b'#' | b'\n' | b'\r') {
            return;
        }
        let top = self.indents.last().expect("indent stack never empty");
        let here = Span::new(self.pos.saturating_sub(1).max(line_start), self.pos);
        if col == top.col {
            if altcol != top.altcol {
                self.tab_error(line_start);
            }
        } else if col > top.col {
            if altcol <= top.altcol {
                self.tab_error(line_start);
            }
            if self.indents.len() >= MAX_INDENT {
                // Reported once; deeper lines are kept flat so the parser's recursion stays bounded.
                if !self.indents.last().unwrap().phantom {
                    self.errors.push(indentation_error("too many levels of indentation", Span::point(line_start)));
                }
                self.indents.push(Level { col, altcol, phantom: true });
            } else {
                self.indents.push(Level { col, altcol, phantom: false });
                self.tokens.push(Token { kind: Tok::Indent, span: here });
            }
        } else {
            while self.indents.len() > 1 && col < self.indents.last().unwrap().col {
                let level = self.indents.pop().unwrap();
                if !level.phantom {
                    self.tokens.push(Token { kind: Tok::Dedent, span: Span::point(self.pos) });
                }
            }
            let top = self.indents.last().unwrap();
            if col != top.col {
                let eol = self.line_end(self.pos);
                self.errors.push(indentation_error("unindent does not match any outer indentation level", Span::point(eol)));
                self.indents.push(Level { col, altcol, phantom: true });
            } else if altcol != top.altcol {
                self.tab_error(line_start);
            }
        }
    }

    fn tab_error(&mut self, line_start: usize) {
        self.errors.push(
            Diagnostic::error("indentation-error", "inconsistent use of tabs and spaces in indentation")
                .with_label(Span::point(line_start), "here"),
        );
    }

    fn line_end(&self, from: usize) -> usize {
        let rest = &self.b[from..self.end];
        from + rest.iter().position(|&c| c == b'\n' || c == b'\r').unwrap_or(rest.len())
    }

    fn number(&mut self) {
        let start = self.pos;
        let (end, err) = crate::number::scan(self.src, start, self.end);
        self.pos = end;
        match err {
            Some(e) => {
                self.errors.push(e);
                self.push(Tok::Error, start, end);
            }
            None => self.push(Tok::Number, start, end),
        }
    }

    fn name(&mut self) {
        let start = self.pos;
        // ASCII run first (identifiers are ASCII in practice); the loop below finishes a name
        // that continues with non-ASCII characters.
        let rest = &self.b[start..self.end];
        self.pos += rest.iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'_')).unwrap_or(rest.len());
        while self.pos < self.end && is_id_continue(self.b[self.pos]) {
            if self.b[self.pos] >= 0x80 {
                let ch = self.src[self.pos..].chars().next().unwrap();
                if !(ch.is_alphanumeric() || ch == '_') {
                    break;
                }
                self.pos += ch.len_utf8();
            } else {
                self.pos += 1;
            }
        }
        if self.pos == start {
            // A non-ASCII character that cannot start a name.
            let ch = self.src[start..].chars().next().unwrap();
            self.pos += ch.len_utf8();
            self.errors.push(syntax_error(format!("invalid character '{ch}' (U+{:04X})", ch as u32), Span::new(start, self.pos)));
            self.push(Tok::Error, start, self.pos);
            return;
        }
        let text = &self.src[start..self.pos];
        if matches!(self.peek(0), b'"' | b'\'') && text.len() <= 2 && is_string_prefix(text) {
            self.string(start);
            return;
        }
        let kind = Kw::lookup(text.as_bytes()).map_or(Tok::Name, Tok::Keyword);
        self.push(kind, start, self.pos);
    }

    /// Scans a string literal whose prefix starts at `start` and whose quote is at `self.pos`.
    fn string(&mut self, start: usize) {
        let quote = self.b[self.pos];
        let triple = self.peek(1) == quote && self.peek(2) == quote;
        let mut i = self.pos + if triple { 3 } else { 1 };
        loop {
            if i >= self.end {
                self.pos = self.end;
                return self.unterminated(start, triple);
            }
            // Skip plain characters in one scan instead of one `match` per byte.
            let rest = &self.b[i..self.end];
            i += rest.iter().position(|&c| c == quote || c == b'\\' || (!triple && (c == b'\n' || c == b'\r'))).unwrap_or(rest.len());
            if i >= self.end {
                continue;
            }
            match self.b[i] {
                b'\\' => {
                    i += 2;
                    if i < self.end && self.b[i - 1] == b'\r' && self.b[i] == b'\n' {
                        i += 1;
                    }
                }
                b'\n' | b'\r' if !triple => {
                    self.pos = i;
                    return self.unterminated(start, false);
                }
                c if c == quote => {
                    if !triple {
                        i += 1;
                        break;
                    }
                    if i + 2 < self.end && self.b[i + 1] == quote && self.b[i + 2] == quote {
                        i += 3;
                        break;
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        self.pos = i;
        self.push(Tok::String, start, i);
    }

    fn unterminated(&mut self, start: usize, triple: bool) {
        let (what, line) = if triple {
            self.pos = self.end;
            ("unterminated triple-quoted string literal", line_of(self.src, self.end.saturating_sub(1).max(start)))
        } else {
            ("unterminated string literal", line_of(self.src, start))
        };
        self.errors.push(syntax_error(format!("{what} (detected at line {line})"), Span::point(start)));
        self.push(Tok::Error, start, self.pos);
    }

    fn operator(&mut self) {
        let start = self.pos;
        let Some((op, len)) = Op::scan(&self.b[start..self.end]) else {
            // `$`, `?`, `!`, backtick: no token; the parser says "invalid syntax" here.
            let ch = self.src[start..].chars().next().unwrap();
            self.pos += ch.len_utf8();
            self.push(Tok::Unknown, start, self.pos);
            return;
        };
        self.pos += len;
        let c = self.b[start];
        match op {
            Op::LPar | Op::LSqb | Op::LBrace => {
                if self.brackets.len() >= MAX_BRACKETS && !self.too_deep_reported {
                    self.too_deep_reported = true;
                    self.errors.push(syntax_error("too many nested parentheses", Span::new(start, start + 1)));
                }
                self.brackets.push((c, start));
            }
            Op::RPar | Op::RSqb | Op::RBrace => match self.brackets.pop() {
                None => {
                    self.errors.push(syntax_error(format!("unmatched '{}'", c as char), Span::new(start, start + 1)));
                    return self.push(Tok::Error, start, self.pos);
                }
                Some((open, at)) if closer(open) != c => {
                    let mut msg = format!("closing parenthesis '{}' does not match opening parenthesis '{}'", c as char, open as char);
                    let (l1, l2) = (line_of(self.src, at), line_of(self.src, start));
                    if l1 != l2 {
                        msg.push_str(&format!(" on line {l1}"));
                    }
                    self.errors.push(syntax_error(msg, Span::new(start, start + 1)));
                    return self.push(Tok::Error, start, self.pos);
                }
                Some(_) => {}
            },
            _ => {}
        }
        self.push(Tok::Op(op), start, self.pos);
    }

    fn finish(mut self) -> Lexed {
        let mut unclosed_at = None;
        if let Some(&(open, at)) = self.brackets.last() {
            if !self.nested {
                self.errors.push(syntax_error(format!("'{}' was never closed", open as char), Span::new(at, at + 1)));
                unclosed_at = Some(at as u32);
            }
        }
        let end = self.end;
        if self.line_has_tokens && !self.nested {
            self.tokens.push(Token { kind: Tok::Newline, span: Span::point(end) });
        }
        for level in self.indents.drain(1..).rev() {
            if !level.phantom {
                self.tokens.push(Token { kind: Tok::Dedent, span: Span::point(end) });
            }
        }
        self.tokens.push(Token { kind: Tok::EndMarker, span: Span::point(end) });
        Lexed { tokens: self.tokens, errors: self.errors, unclosed_at }
    }
}

fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

fn is_string_prefix(p: &str) -> bool {
    matches!(p.to_ascii_lowercase().as_str(), "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf")
}
