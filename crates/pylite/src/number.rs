//! Number literals: scanning with CPython's error messages (lexer side) and value conversion
//! (parser side).

use crate::lexer::syntax_error;
use diagnostics::{Diagnostic, Span};

/// Keywords CPython 3.11 still accepts straight after a number (`1if x else 2`).
const KEYWORDS_AFTER_NUMBER: [&str; 8] = ["and", "else", "for", "if", "in", "is", "not", "or"];

/// Scans the number starting at `start`; returns its end and an error if it is malformed.
/// On error the returned end covers the whole malformed word so lexing resumes after it.
pub fn scan(src: &str, start: usize, end: usize) -> (usize, Option<Diagnostic>) {
    let b = &src.as_bytes()[..end];
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = start;
    // An error is reported at the last good character before the offending one, as CPython does.
    let fail = |i: usize, msg: String| {
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'.') {
            j += 1;
        }
        if j == i && i < b.len() {
            j += src[i..].chars().next().map_or(1, char::len_utf8);
        }
        let at = i.saturating_sub(1).max(start);
        (j, Some(syntax_error(msg, Span::new(at, at + 1))))
    };
    if at(i) == b'0' && matches!(at(i + 1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
        let (kind, radix) = match at(i + 1) | 0x20 {
            b'x' => ("hexadecimal", 16),
            b'o' => ("octal", 8),
            _ => ("binary", 2),
        };
        i += 2;
        loop {
            if at(i) == b'_' {
                i += 1;
            }
            if !(at(i) as char).is_digit(radix) {
                if at(i).is_ascii_digit() {
                    return fail(i + 1, format!("invalid digit '{}' in {kind} literal", at(i) as char));
                }
                return fail(i, format!("invalid {kind} literal"));
            }
            while (at(i) as char).is_digit(radix) {
                i += 1;
            }
            if at(i) != b'_' {
                break;
            }
        }
        if at(i).is_ascii_digit() {
            return fail(i + 1, format!("invalid digit '{}' in {kind} literal", at(i) as char));
        }
        return end_of_number(src, start, i, kind).unwrap_or_else(|| fail(i, format!("invalid {kind} literal")));
    }
    let mut is_float = false;
    if at(i) != b'.' {
        match digits(b, i) {
            Ok(j) => i = j,
            Err(j) => return fail(j, "invalid decimal literal".into()),
        }
    }
    if at(i) == b'.' {
        is_float = true;
        i += 1;
        if at(i).is_ascii_digit() {
            match digits(b, i) {
                Ok(j) => i = j,
                Err(j) => return fail(j, "invalid decimal literal".into()),
            }
        }
    }
    if matches!(at(i), b'e' | b'E') {
        let mut j = i + 1;
        if matches!(at(j), b'+' | b'-') {
            j += 1;
        }
        if !at(j).is_ascii_digit() {
            return fail(i, "invalid decimal literal".into());
        }
        is_float = true;
        match digits(b, j) {
            Ok(k) => i = k,
            Err(k) => return fail(k, "invalid decimal literal".into()),
        }
    }
    if matches!(at(i), b'j' | b'J') {
        i += 1;
        is_float = true;
    }
    let text = &src[start..i];
    if !is_float && text.len() > 1 && text.starts_with('0') && text.bytes().any(|c| c != b'0' && c != b'_') {
        return (
            i,
            Some(syntax_error(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                Span::new(start, start + 1),
            )),
        );
    }
    end_of_number(src, start, i, "decimal").unwrap_or_else(|| fail(i, "invalid decimal literal".into()))
}

/// Digits with single underscores between them; `Err` carries the offending position.
fn digits(b: &[u8], mut i: usize) -> Result<usize, usize> {
    loop {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'_' {
            return Ok(i);
        }
        i += 1;
        if i >= b.len() || !b[i].is_ascii_digit() {
            return Err(i);
        }
    }
}

/// `Some` when the number ends cleanly at `i` (no name character glued to it).
fn end_of_number(src: &str, _start: usize, i: usize, _kind: &str) -> Option<(usize, Option<Diagnostic>)> {
    let b = src.as_bytes();
    let Some(&c) = b.get(i) else { return Some((i, None)) };
    if !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80) {
        return Some((i, None));
    }
    let rest = &src[i..];
    let allowed = KEYWORDS_AFTER_NUMBER.iter().any(|kw| {
        rest.starts_with(kw) && !rest[kw.len()..].bytes().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
    });
    if allowed {
        Some((i, None))
    } else {
        None
    }
}

/// The value of a number token that scanned cleanly.
pub enum Value {
    Int(i64),
    BigInt(String),
    Float(f64),
    Imaginary(f64),
}

pub fn value(text: &str) -> Value {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    if let Some(im) = lower.strip_suffix('j') {
        return Value::Imaginary(im.parse().unwrap_or(0.0));
    }
    let (digits, radix) = match lower.get(..2) {
        Some("0x") => (&lower[2..], 16),
        Some("0o") => (&lower[2..], 8),
        Some("0b") => (&lower[2..], 2),
        _ => (lower.as_str(), 10),
    };
    if radix == 10 && digits.contains(['.', 'e']) {
        return Value::Float(digits.parse().unwrap_or(f64::INFINITY));
    }
    match i64::from_str_radix(digits, radix) {
        Ok(v) => Value::Int(v),
        Err(_) => Value::BigInt(clean),
    }
}
