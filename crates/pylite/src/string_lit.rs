//! String literal tokens: prefix flags, body boundaries, and escape decoding.

use crate::lexer::syntax_error;
use diagnostics::{Diagnostic, Span};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefix {
    pub raw: bool,
    pub bytes: bool,
    pub fmt: bool,
}

/// Splits a complete string token at `span` into its prefix and body `[start, end)`.
pub fn split(src: &str, span: Span) -> (Prefix, usize, usize) {
    let text = &src[span.range()];
    let mut prefix = Prefix::default();
    let mut q = 0;
    for (i, c) in text.char_indices() {
        match c {
            'r' | 'R' => prefix.raw = true,
            'b' | 'B' => prefix.bytes = true,
            'f' | 'F' => prefix.fmt = true,
            'u' | 'U' => {}
            _ => {
                q = i;
                break;
            }
        }
    }
    let quote = text.as_bytes()[q];
    let triple = text.len() >= q + 6 && text.as_bytes()[q + 1] == quote && text.as_bytes()[q + 2] == quote;
    let ql = if triple { 3 } else { 1 };
    let start = span.start as usize + q + ql;
    let end = (span.end as usize).saturating_sub(ql).max(start);
    (prefix, start, end)
}

/// Appends the decoded value of `src[start..end]` to `out`. Bytes are kept one char per byte
/// (U+0000..=U+00FF), so `b"\xff"` decodes to "\u{ff}".
pub fn decode(src: &str, start: usize, end: usize, prefix: Prefix, token_start: usize, errors: &mut Vec<Diagnostic>, out: &mut String) {
    let body = &src[start..end];
    if prefix.bytes && !body.is_ascii() {
        errors.push(syntax_error("bytes can only contain ASCII literal characters", Span::point(token_start)));
    }
    if prefix.raw || !body.contains('\\') {
        out.push_str(body);
        return;
    }
    let b = body.as_bytes();
    let mut i = 0;
    let mut lit = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&body[lit..i]);
        let esc = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            out.push('\\');
            lit = i;
            break;
        };
        i += 1;
        let simple = match c {
            b'\n' => Some(None),
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
                Some(None)
            }
            b'\\' => Some(Some('\\')),
            b'\'' => Some(Some('\'')),
            b'"' => Some(Some('"')),
            b'a' => Some(Some('\x07')),
            b'b' => Some(Some('\x08')),
            b'f' => Some(Some('\x0c')),
            b'n' => Some(Some('\n')),
            b'r' => Some(Some('\r')),
            b't' => Some(Some('\t')),
            b'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(ch) = simple {
            out.extend(ch);
            lit = i;
            continue;
        }
        let at = Span::new(start + esc, start + i);
        match c {
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && matches!(b.get(i), Some(b'0'..=b'7')) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(if prefix.bytes { v & 0xff } else { v }).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' if c == b'x' || !prefix.bytes => {
                let want = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let digits = b[i..].iter().take(want).take_while(|d| d.is_ascii_hexdigit()).count();
                if digits < want {
                    let msg = if prefix.bytes {
                        format!("(value error) invalid \\x escape at position {esc}")
                    } else {
                        let name = match c {
                            b'x' => "\\xXX",
                            b'u' => "\\uXXXX",
                            _ => "\\UXXXXXXXX",
                        };
                        format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {esc}-{}: truncated {name} escape",
                            i + digits - 1
                        )
                    };
                    errors.push(syntax_error(msg, at));
                    i += digits;
                } else {
                    let v = u32::from_str_radix(&body[i..i + want], 16).unwrap_or(0);
                    i += want;
                    match char::from_u32(v) {
                        Some(ch) => out.push(ch),
                        // Python allows lone surrogates in str; a Rust String cannot hold them.
                        None if (0xD800..=0xDFFF).contains(&v) => out.push('\u{fffd}'),
                        None => errors.push(syntax_error(
                            format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position {esc}-{}: illegal Unicode character",
                                i - 1
                            ),
                            Span::new(start + esc, start + i),
                        )),
                    }
                }
            }
            b'N' if !prefix.bytes => {
                let close = body[i..].find('}').map_or(b.len(), |k| i + k + 1);
                errors.push(
                    Diagnostic::error("unsupported", "not supported in revision files: '\\N{...}'")
                        .with_label(Span::new(start + esc, start + close), "here"),
                );
                i = close;
            }
            _ => {
                // Unknown escapes keep their backslash (a DeprecationWarning in CPython, not an error).
                out.push('\\');
                i = esc + 1;
            }
        }
        lit = i;
    }
    if lit < b.len() {
        out.push_str(&body[lit..]);
    }
}
