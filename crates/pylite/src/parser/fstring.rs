//! String atoms: implicit concatenation, escape decoding, and f-string replacement fields
//! (3.11 rules: the whole f-string is one token; fields are re-lexed from their source range).

use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer;
use crate::string_lit::{self, Prefix};
use crate::token::Tok;
use diagnostics::Span;

impl<'a> Parser<'a> {
    /// One or more adjacent string tokens.
    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let first = self.tok().span;
        let mut span = first;
        let mut value = String::new();
        let mut parts: Vec<FStringPart> = Vec::new();
        let (mut any_fmt, mut bytes, mut broken) = (false, None, false);
        while matches!(self.peek(), Tok::String | Tok::Error) {
            let t = self.bump();
            span = span.to(t.span);
            if t.kind == Tok::Error {
                broken = true;
                continue;
            }
            let (prefix, start, end) = string_lit::split(self.src, t.span);
            match bytes {
                None => bytes = Some(prefix.bytes),
                Some(b) if b != prefix.bytes => {
                    self.error("cannot mix bytes and nonbytes literals", t.span);
                    broken = true;
                }
                _ => {}
            }
            if prefix.fmt {
                if !any_fmt {
                    any_fmt = true;
                    if !value.is_empty() {
                        parts.push(FStringPart::Literal(std::mem::take(&mut value)));
                    }
                }
                self.fstring_parts(start, end, prefix, t.span.start as usize, &mut parts, 0);
            } else if any_fmt {
                let mut lit = String::new();
                string_lit::decode(self.src, start, end, prefix, t.span.start as usize, &mut self.errors, &mut lit);
                push_literal(&mut parts, lit);
            } else {
                string_lit::decode(self.src, start, end, prefix, t.span.start as usize, &mut self.errors, &mut value);
            }
        }
        let kind = if broken {
            ExprKind::Error
        } else if any_fmt {
            ExprKind::FString(parts)
        } else {
            ExprKind::Str { value, bytes: bytes.unwrap_or(false) }
        };
        Ok(Expr { kind, span })
    }

    /// Parses f-string body `src[start..end]` into `parts`; with `depth > 0` (a format spec) it
    /// stops at an unmatched `}` and returns its position.
    fn fstring_parts(
        &mut self,
        start: usize,
        end: usize,
        prefix: Prefix,
        token_start: usize,
        parts: &mut Vec<FStringPart>,
        depth: u8,
    ) -> usize {
        let b = self.src.as_bytes();
        let (mut i, mut lit) = (start, start);
        while i < end {
            match b[i] {
                b'{' if i + 1 < end && b[i + 1] == b'{' => {
                    self.flush(lit, i + 1, prefix, token_start, parts);
                    i += 2;
                    lit = i;
                }
                b'{' => {
                    self.flush(lit, i, prefix, token_start, parts);
                    i = self.field(i, end, prefix, token_start, parts, depth);
                    lit = i;
                }
                b'}' if depth > 0 => {
                    self.flush(lit, i, prefix, token_start, parts);
                    return i;
                }
                b'}' if i + 1 < end && b[i + 1] == b'}' => {
                    self.flush(lit, i + 1, prefix, token_start, parts);
                    i += 2;
                    lit = i;
                }
                b'}' => {
                    self.error("f-string: single '}' is not allowed", Span::new(i, i + 1));
                    self.flush(lit, i, prefix, token_start, parts);
                    i += 1;
                    lit = i;
                }
                b'\\' if !prefix.raw && i + 1 < end && b[i + 1] == b'\\' => i += 2,
                _ => i += 1,
            }
        }
        self.flush(lit, end, prefix, token_start, parts);
        end
    }

    fn flush(&mut self, start: usize, end: usize, prefix: Prefix, token_start: usize, parts: &mut Vec<FStringPart>) {
        if start >= end {
            return;
        }
        let mut s = String::new();
        string_lit::decode(self.src, start, end, prefix, token_start, &mut self.errors, &mut s);
        push_literal(parts, s);
    }

    /// A replacement field starting at the `{` at `open`; returns the position after its `}`.
    fn field(&mut self, open: usize, end: usize, prefix: Prefix, token_start: usize, parts: &mut Vec<FStringPart>, depth: u8) -> usize {
        let b = self.src.as_bytes();
        let mut j = open + 1;
        let mut nest = 0usize;
        let mut quote: Option<u8> = None;
        while j < end {
            let c = b[j];
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                j += 1;
                continue;
            }
            match c {
                b'\'' | b'"' => quote = Some(c),
                b'(' | b'[' | b'{' => nest += 1,
                b')' | b']' => nest = nest.saturating_sub(1),
                b'}' if nest == 0 => break,
                b'}' => nest -= 1,
                b'\\' => {
                    self.error("f-string expression part cannot include a backslash", Span::new(j, j + 1));
                    return skip_field(b, j, end);
                }
                b'!' if nest == 0 && b.get(j + 1) != Some(&b'=') => break,
                b':' if nest == 0 => break,
                b'=' if nest == 0 && !matches!(b.get(j + 1), Some(b'=')) && !matches!(b[j - 1], b'=' | b'!' | b'<' | b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let expr_end = j;
        if self.src[open + 1..expr_end].trim().is_empty() {
            self.error("f-string: empty expression not allowed", Span::new(open, open + 1));
            return skip_field(b, j, end);
        }
        let expr = self.sub_expression(open + 1, expr_end);
        if j < end && b[j] == b'=' {
            // `{x = }`: the literal keeps the text and the spaces around `=`.
            j += 1;
            while j < end && b[j].is_ascii_whitespace() {
                j += 1;
            }
            push_literal(parts, self.src[open + 1..j].to_string());
        }
        let debug = j > expr_end;
        let mut conversion = None;
        if j < end && b[j] == b'!' {
            match b.get(j + 1).copied().filter(|_| j + 1 < end) {
                Some(c @ (b's' | b'r' | b'a')) => conversion = Some(c as char),
                _ => {
                    self.error("f-string: invalid conversion character: expected 's', 'r', or 'a'", Span::new(j, j + 1));
                    return skip_field(b, j, end);
                }
            }
            j += 2;
        }
        let mut format_spec = Vec::new();
        if j < end && b[j] == b':' {
            if depth >= 1 {
                self.error("f-string: expressions nested too deeply", Span::new(open, open + 1));
                return skip_field(b, j, end);
            }
            j = self.fstring_parts(j + 1, end, prefix, token_start, &mut format_spec, depth + 1);
        }
        if j >= end || b[j] != b'}' {
            self.error("f-string: expecting '}'", Span::new(open, open + 1));
            return end;
        }
        if debug && conversion.is_none() && format_spec.is_empty() {
            conversion = Some('r');
        }
        parts.push(FStringPart::Field { expr: Box::new(expr), conversion, format_spec, span: Span::new(open, j + 1) });
        j + 1
    }

    /// Parses `src[start..end]` as an expression list, as if it were in parentheses.
    fn sub_expression(&mut self, start: usize, end: usize) -> Expr {
        let lexed = lexer::tokenize_nested(self.src, start, end);
        let before = self.errors.len();
        self.errors.extend(lexed.errors);
        let saved = std::mem::replace(&mut self.tokens, lexed.tokens);
        let saved_pos = std::mem::replace(&mut self.pos, 0);
        let mut e = self.star_expressions_or_yield();
        if e.is_ok() && self.peek() != Tok::EndMarker {
            e = Err(self.invalid());
        }
        self.tokens = saved;
        self.pos = saved_pos;
        for d in &mut self.errors[before..] {
            if d.code == "syntax-error" && !d.message.starts_with("f-string") {
                d.message = format!("f-string: {}", d.message);
            }
        }
        e.unwrap_or(Expr { kind: ExprKind::Error, span: Span::new(start, end) })
    }
}

/// Error recovery inside a field: continue after its closing brace.
fn skip_field(b: &[u8], from: usize, end: usize) -> usize {
    let mut j = from;
    while j < end && b[j] != b'}' {
        j += 1;
    }
    (j + 1).min(end)
}

fn push_literal(parts: &mut Vec<FStringPart>, s: String) {
    if s.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(last)) = parts.last_mut() {
        last.push_str(&s);
    } else {
        parts.push(FStringPart::Literal(s));
    }
}
