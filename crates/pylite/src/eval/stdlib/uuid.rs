//! `uuid`: `UUID(str)` / `UUID(hex=...)`, `str()`, `.hex`, `.int` (when it fits), `.version`,
//! and `uuid4()` from the embedding program's randomness (`Host::random`).

use super::native::{value, Native};
use crate::eval::exec::{attribute_error, unsupported};
use crate::eval::expr::{type_error, value_error};
use crate::eval::{EvalError, Interpreter, Value};
use diagnostics::Span;
use std::rc::Rc;

pub(super) fn module_attrs() -> Vec<(&'static str, Value)> {
    let f = |n: &'static str| Value::Builtin(Rc::new(crate::eval::Builtin::Func(n)));
    vec![("UUID", value(Native::Type("UUID"))), ("uuid4", f("uuid.uuid4")), ("uuid1", f("uuid.uuid1")), ("uuid5", f("uuid.uuid5"))]
}

/// `12345678-1234-5678-1234-567812345678`.
pub(super) fn hyphenated(u: u128) -> String {
    let h = format!("{u:032x}");
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// Python's `UUID(hex)`: braces, `urn:uuid:` and hyphens are ignored; 32 hex digits remain.
fn parse(s: &str) -> Option<u128> {
    let s = s.trim_start_matches("urn:").trim_start_matches("uuid:");
    let s = s.trim_matches(|c| c == '{' || c == '}').replace('-', "");
    (s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())).then(|| u128::from_str_radix(&s, 16).ok())?
}

pub(super) fn attr(n: &Native, name: &str, span: Span) -> Result<Value, EvalError> {
    let Native::Uuid(u) = n else {
        return Err(attribute_error(format!("type object 'UUID' has no attribute '{name}'"), span));
    };
    Ok(match name {
        "hex" => Value::str(&format!("{u:032x}")),
        "int" => match i64::try_from(*u) {
            Ok(i) => Value::Int(i),
            Err(_) => return Err(unsupported("UUID.int above 2**63 (pylite's integers have 64 bits)", span)),
        },
        // Python gives a version only for RFC 4122 UUIDs (variant bits 10).
        "version" if (u >> 62) & 0b11 == 0b10 => Value::Int(((u >> 76) & 0xf) as i64),
        "version" => Value::None,
        "bytes" => Value::Bytes(Rc::from(&u.to_be_bytes()[..])),
        "urn" => Value::str(&format!("urn:uuid:{}", hyphenated(*u))),
        _ => return Err(attribute_error(format!("'UUID' object has no attribute '{name}'"), span)),
    })
}

impl Interpreter<'_> {
    pub(super) fn call_uuid(&mut self, name: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        match name {
            "uuid.uuid4" => {
                if !args.is_empty() || !kwargs.is_empty() {
                    return Err(type_error(format!("uuid4() takes 0 positional arguments but {} were given", args.len()), span));
                }
                let mut bytes = [0u8; 16];
                if !self.host.random(&mut bytes) {
                    return Err(EvalError::new("unsupported", "uuid.uuid4() needs randomness, and this program provides none", span));
                }
                let mut u = u128::from_be_bytes(bytes);
                // RFC 4122 version 4, variant 10 (what CPython's `UUID(bytes=..., version=4)` sets).
                u &= !(0xc000u128 << 48);
                u |= 0x8000u128 << 48;
                u &= !(0xf000u128 << 64);
                u |= 4u128 << 76;
                Ok(value(Native::Uuid(u)))
            }
            "uuid.UUID" => {
                let text = match (args.as_slice(), kwargs.as_slice()) {
                    ([Value::Str(s)], []) => s.clone(),
                    ([], [(k, Value::Str(s))]) if k == "hex" => s.clone(),
                    ([v], []) => {
                        return Err(type_error(
                            format!("one of the hex, bytes, bytes_le, fields, or int arguments must be given (got {})", v.type_name()),
                            span,
                        ))
                    }
                    _ => return Err(unsupported("UUID() other than from a hex string", span)),
                };
                parse(&text)
                    .map(|u| value(Native::Uuid(u)))
                    .ok_or_else(|| value_error("ValueError", "badly formed hexadecimal UUID string", span))
            }
            _ => Err(unsupported(&format!("{name}() (only uuid4 and UUID are built in)"), span)),
        }
    }
}
