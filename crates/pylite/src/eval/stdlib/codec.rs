//! `base64` (standard and URL-safe alphabets, with padding, as `b64encode`/`b64decode` do)
//! and `hashlib.sha256` (`hexdigest()`, `digest()`). MD5 and SHA-1 are refused by name: their
//! code would only add to the page's download for the rare revision that uses them.

use super::native::{value, Native};
use crate::eval::exec::unsupported;
use crate::eval::expr::{type_error, value_error};
use crate::eval::{EvalError, Interpreter, Value};
use diagnostics::Span;
use sha2::{Digest, Sha256};
use std::rc::Rc;

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URLSAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub(super) fn base64_attrs() -> Vec<(&'static str, Value)> {
    let f = |n: &'static str| Value::Builtin(Rc::new(crate::eval::Builtin::Func(n)));
    vec![
        ("b64encode", f("base64.b64encode")),
        ("b64decode", f("base64.b64decode")),
        ("urlsafe_b64encode", f("base64.urlsafe_b64encode")),
        ("urlsafe_b64decode", f("base64.urlsafe_b64decode")),
    ]
}

pub(super) fn hashlib_attrs() -> Vec<(&'static str, Value)> {
    let f = |n: &'static str| Value::Builtin(Rc::new(crate::eval::Builtin::Func(n)));
    vec![("sha256", f("hashlib.sha256")), ("md5", f("hashlib.md5")), ("sha1", f("hashlib.sha1"))]
}

fn encode(data: &[u8], alphabet: &[u8; 64]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alphabet[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Python's non-strict decoding: characters outside the alphabet are skipped; the padding
/// must complete the last group.
fn decode(text: &[u8], alphabet: &[u8; 64]) -> Result<Vec<u8>, String> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut pads = 0;
    let mut count = 0;
    for &c in text {
        if c == b'=' {
            pads += 1;
            continue;
        }
        let Some(v) = alphabet.iter().position(|&a| a == c) else { continue };
        if pads > 0 {
            return Err("Incorrect padding".into());
        }
        count += 1;
        bits = (bits << 6) | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    if count % 4 == 1 {
        return Err(format!("Invalid base64-encoded string: number of data characters ({count}) cannot be 1 more than a multiple of 4"));
    }
    if count % 4 != 0 && pads < 4 - count % 4 {
        return Err("Incorrect padding".into());
    }
    Ok(out)
}

fn bytes_like<'a>(v: &'a Value, func: &str, span: Span) -> Result<&'a [u8], EvalError> {
    match v {
        Value::Bytes(b) => Ok(b),
        v if func.ends_with("decode") => {
            Err(type_error(format!("argument should be a bytes-like object or ASCII string, not '{}'", v.type_name()), span))
        }
        v => Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name()), span)),
    }
}

impl Interpreter<'_> {
    pub(super) fn call_codec(
        &mut self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if let Some((k, _)) = kwargs.first() {
            return Err(unsupported(&format!("{name}({k}=...)"), span));
        }
        let short = name.rsplit('.').next().unwrap_or(name);
        match name {
            "base64.b64encode" | "base64.urlsafe_b64encode" | "base64.b64decode" | "base64.urlsafe_b64decode" => {
                if args.len() != 1 {
                    return Err(type_error(format!("{short}() takes 1 positional argument but {} were given", args.len()), span));
                }
                let alphabet = if name.contains("urlsafe") { URLSAFE } else { STANDARD };
                let data: &[u8] = match &args[0] {
                    Value::Str(s) if name.ends_with("decode") && s.is_ascii() => s.as_bytes(),
                    Value::Str(_) if name.ends_with("decode") => {
                        return Err(value_error("ValueError", "string argument should contain only ASCII characters", span))
                    }
                    v => bytes_like(v, name, span)?,
                };
                let out = if name.ends_with("encode") {
                    self.alloc_bytes(data.len().div_ceil(3).saturating_mul(4))?;
                    encode(data, alphabet).into_bytes()
                } else {
                    self.alloc_bytes(data.len())?;
                    decode(data, alphabet).map_err(|m| value_error("binascii.Error", m, span))?
                };
                Ok(Value::Bytes(out.into()))
            }
            "hashlib.sha256" => {
                let data: &[u8] = match args.as_slice() {
                    [] => &[],
                    [v] => match v {
                        Value::Str(_) => return Err(type_error("Strings must be encoded before hashing", span)),
                        v => bytes_like(v, name, span)?,
                    },
                    _ => return Err(type_error(format!("sha256() takes at most 1 argument ({} given)", args.len()), span)),
                };
                self.scan_work(data.len())?;
                Ok(value(Native::Digest(Sha256::digest(data).to_vec())))
            }
            _ => Err(unsupported(&format!("{name}() (hashlib has sha256 here)"), span)),
        }
    }
}

/// `hexdigest()`, `digest()` of a hash.
pub(super) fn digest_method(digest: &[u8], name: &str, span: Span) -> Result<Value, EvalError> {
    match name {
        "hexdigest" => Ok(Value::str(&digest.iter().map(|b| format!("{b:02x}")).collect::<String>())),
        "digest" => Ok(Value::Bytes(Rc::from(digest))),
        _ => Err(unsupported(&format!("the hash's {name}()"), span)),
    }
}
