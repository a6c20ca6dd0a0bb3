//! `json.dumps` (Python's default separators, `indent`, `sort_keys`, `ensure_ascii`,
//! `separators`, `default`) and `json.loads` (with `JSONDecodeError`'s messages and
//! positions). The text `dumps` builds is bounded by the memory left before it grows past it.

use super::native::of;
use crate::eval::exec::unsupported;
use crate::eval::expr::{type_error, value_error};
use crate::eval::value::repr_float;
use crate::eval::{EvalError, Interpreter, Value};
use diagnostics::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// Containers nested deeper than this are refused (Python's RecursionError).
const MAX_DEPTH: usize = 200;

struct Options {
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    ensure_ascii: bool,
    default: Option<Value>,
    /// Bytes the output may reach (the memory budget left).
    limit: usize,
}

fn escape(s: &str, ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) > 0x7e) => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        repr_float(f)
    }
}

impl Interpreter<'_> {
    pub(super) fn call_json(&mut self, name: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        match name {
            "json.dumps" => {
                if args.len() != 1 {
                    return Err(type_error(format!("dumps() takes 1 positional argument but {} were given", args.len()), span));
                }
                let mut o = Options {
                    indent: None,
                    item_sep: ", ".into(),
                    key_sep: ": ".into(),
                    sort_keys: false,
                    ensure_ascii: true,
                    default: None,
                    limit: 0,
                };
                let mut separators = None;
                for (k, v) in &kwargs {
                    match k.as_str() {
                        "indent" => {
                            o.indent = match v {
                                Value::None => None,
                                Value::Str(s) => Some(s.to_string()),
                                v => Some(" ".repeat(
                                    v.as_int().ok_or_else(|| type_error("indent must be an int or a str", span))?.clamp(0, 64) as usize,
                                )),
                            }
                        }
                        "sort_keys" => o.sort_keys = v.truthy(),
                        "ensure_ascii" => o.ensure_ascii = v.truthy(),
                        "default" if !matches!(v, Value::None) => o.default = Some(v.clone()),
                        "separators" if !matches!(v, Value::None) => separators = Some(v.clone()),
                        "default" | "separators" | "skipkeys" | "check_circular" | "allow_nan" | "cls" => {}
                        _ => return Err(type_error(format!("dumps() got an unexpected keyword argument '{k}'"), span)),
                    }
                }
                if o.indent.is_some() {
                    o.item_sep = ",".into();
                }
                if let Some(sep) = separators {
                    let parts = self.iterate(&sep, span)?;
                    match parts.as_slice() {
                        [Value::Str(a), Value::Str(b)] => {
                            o.item_sep = a.to_string();
                            o.key_sep = b.to_string();
                        }
                        _ => return Err(value_error("ValueError", "separators must be a (item_separator, key_separator) tuple", span)),
                    }
                }
                o.limit = usize::try_from(self.memory_budget.saturating_sub(self.memory_used)).unwrap_or(usize::MAX);
                let mut out = String::new();
                let mut stack = Vec::new();
                self.dump(&args[0], &o, &mut out, &mut stack, span)?;
                self.alloc_bytes(out.len())?;
                Ok(Value::str(&out))
            }
            "json.loads" => {
                if let Some((k, _)) = kwargs.first() {
                    return Err(unsupported(&format!("json.loads({k}=...)"), span));
                }
                let text: Rc<str> = match args.as_slice() {
                    [Value::Str(s)] => s.clone(),
                    [Value::Bytes(b)] => match std::str::from_utf8(b) {
                        Ok(s) => Rc::from(s),
                        Err(_) => return Err(value_error("UnicodeDecodeError", "'utf-8' codec can't decode the bytes", span)),
                    },
                    [v] => return Err(type_error(format!("the JSON object must be str, bytes or bytearray, not {}", v.type_name()), span)),
                    _ => return Err(type_error(format!("loads() takes 1 positional argument but {} were given", args.len()), span)),
                };
                self.scan_work(text.len())?;
                let mut p = Parser { text: &text, pos: 0, span };
                let v = p.value(self, 0)?;
                p.skip_ws();
                if p.pos < text.len() {
                    return Err(p.error("Extra data", p.pos));
                }
                Ok(v)
            }
            _ => Err(unsupported(&format!("{name}()"), span)),
        }
    }

    fn dump(&mut self, v: &Value, o: &Options, out: &mut String, stack: &mut Vec<usize>, span: Span) -> Result<(), EvalError> {
        self.step()?;
        if out.len() > o.limit {
            // Charging what was built reports the memory budget's error.
            self.alloc_bytes(out.len())?;
        }
        let depth = stack.len();
        let newline = |out: &mut String, level: usize| {
            if let Some(ind) = &o.indent {
                out.push('\n');
                for _ in 0..level {
                    out.push_str(ind);
                }
            }
        };
        match v {
            Value::None => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&float_text(*f)),
            Value::Str(s) => {
                self.scan_work(s.len())?;
                if out.len().saturating_add(s.len()) > o.limit {
                    self.alloc_bytes(out.len().saturating_add(s.len()))?;
                }
                escape(s, o.ensure_ascii, out)
            }
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) => {
                let id = match v {
                    Value::List(l) => Rc::as_ptr(l) as *const u8 as usize,
                    Value::Dict(d) => Rc::as_ptr(d) as *const u8 as usize,
                    Value::Tuple(t) => t.as_ptr() as usize,
                    _ => 0,
                };
                if stack.contains(&id) {
                    return Err(value_error("ValueError", "Circular reference detected", span));
                }
                if depth >= MAX_DEPTH {
                    return Err(EvalError::new(
                        "eval-error",
                        "RecursionError: maximum recursion depth exceeded while encoding a JSON object",
                        span,
                    )
                    .catchable("RecursionError"));
                }
                stack.push(id);
                if let Value::Dict(d) = v {
                    let mut items: Vec<(Value, Value)> = d.borrow().clone();
                    self.alloc_items(items.len() * 2)?;
                    let mut keyed = Vec::with_capacity(items.len());
                    for (k, v) in items.drain(..) {
                        let key = match &k {
                            Value::Str(s) => s.to_string(),
                            Value::Int(i) => i.to_string(),
                            Value::Float(f) => float_text(*f),
                            Value::Bool(b) => (if *b { "true" } else { "false" }).into(),
                            Value::None => "null".into(),
                            k => {
                                return Err(type_error(format!("keys must be str, int, float, bool or None, not {}", k.type_name()), span))
                            }
                        };
                        keyed.push((key, v));
                    }
                    if o.sort_keys {
                        self.copy_work(keyed.len().saturating_mul(8))?;
                        sorting::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
                    }
                    out.push('{');
                    for (i, (k, v)) in keyed.iter().enumerate() {
                        if i > 0 {
                            out.push_str(&o.item_sep);
                        }
                        newline(out, depth + 1);
                        escape(k, o.ensure_ascii, out);
                        out.push_str(&o.key_sep);
                        self.dump(v, o, out, stack, span)?;
                    }
                    if !keyed.is_empty() {
                        newline(out, depth);
                    }
                    out.push('}');
                } else {
                    let items = self.iterate(v, span)?;
                    out.push('[');
                    for (i, x) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(&o.item_sep);
                        }
                        newline(out, depth + 1);
                        self.dump(x, o, out, stack, span)?;
                    }
                    if !items.is_empty() {
                        newline(out, depth);
                    }
                    out.push(']');
                }
                stack.pop();
            }
            v => match &o.default {
                Some(f) if stack.len() < MAX_DEPTH => {
                    let converted = self.call_value(f, vec![v.clone()], Vec::new(), span)?;
                    stack.push(usize::MAX - stack.len());
                    let r = self.dump(&converted, o, out, stack, span);
                    stack.pop();
                    r?
                }
                _ => {
                    let name = match of(v) {
                        Some(n) => crate::eval::HostObject::type_name(n).rsplit('.').next().unwrap_or_default().to_string(),
                        None => v.type_name(),
                    };
                    return Err(type_error(format!("Object of type {name} is not JSON serializable"), span));
                }
            },
        }
        Ok(())
    }
}

/// `json.loads`' parser: Python's grammar (NaN, Infinity accepted) and messages.
struct Parser<'t> {
    text: &'t str,
    /// A byte offset into `text`.
    pos: usize,
    span: Span,
}

impl Parser<'_> {
    fn error(&self, msg: &str, at: usize) -> EvalError {
        let before = &self.text[..at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rfind('\n').map_or(before.chars().count() + 1, |i| before[i + 1..].chars().count() + 1);
        let char_pos = before.chars().count();
        value_error("JSONDecodeError", format!("{msg}: line {line} column {col} (char {char_pos})"), self.span)
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text.as_bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, word: &str) -> bool {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, it: &mut Interpreter<'_>, depth: usize) -> Result<Value, EvalError> {
        it.step()?;
        if depth > MAX_DEPTH {
            return Err(EvalError::new(
                "eval-error",
                "RecursionError: maximum recursion depth exceeded while decoding a JSON document",
                self.span,
            )
            .catchable("RecursionError"));
        }
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            Some(b'"') => {
                let s = self.string()?;
                it.alloc_bytes(s.len())?;
                Ok(Value::str(&s))
            }
            Some(b'{') => {
                self.pos += 1;
                let mut items: Vec<(Value, Value)> = Vec::new();
                self.skip_ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Value::Dict(Rc::new(RefCell::new(items))));
                }
                loop {
                    self.skip_ws();
                    if self.peek() != Some(b'"') {
                        return Err(self.error("Expecting property name enclosed in double quotes", self.pos));
                    }
                    let k = self.string()?;
                    self.skip_ws();
                    if self.peek() != Some(b':') {
                        return Err(self.error("Expecting ':' delimiter", self.pos));
                    }
                    self.pos += 1;
                    let v = self.value(it, depth + 1)?;
                    it.alloc_items(2)?;
                    it.alloc_bytes(k.len())?;
                    it.dict_insert(&mut items, Value::str(&k), v)?;
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Value::Dict(Rc::new(RefCell::new(items))));
                        }
                        _ => return Err(self.error("Expecting ',' delimiter", self.pos)),
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Value::list(items));
                }
                loop {
                    let v = self.value(it, depth + 1)?;
                    it.alloc_items(1)?;
                    items.push(v);
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Value::list(items));
                        }
                        _ => return Err(self.error("Expecting ',' delimiter", self.pos)),
                    }
                }
            }
            _ if self.eat("null") => Ok(Value::None),
            _ if self.eat("true") => Ok(Value::Bool(true)),
            _ if self.eat("false") => Ok(Value::Bool(false)),
            _ if self.eat("NaN") => Ok(Value::Float(f64::NAN)),
            _ if self.eat("Infinity") => Ok(Value::Float(f64::INFINITY)),
            _ if self.eat("-Infinity") => Ok(Value::Float(f64::NEG_INFINITY)),
            Some(b'-' | b'0'..=b'9') => self.number(start),
            _ => Err(self.error("Expecting value", start)),
        }
    }

    fn number(&mut self, start: usize) -> Result<Value, EvalError> {
        let b = self.text.as_bytes();
        let mut i = self.pos;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |i: &mut usize| {
            let s = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i > s
        };
        if b.get(i) == Some(&b'0') {
            i += 1;
        } else if !digits(&mut i) {
            return Err(self.error("Expecting value", start));
        }
        let mut float = false;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            digits(&mut i);
            float = true;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            let mut j = i + 1;
            if matches!(b.get(j), Some(b'+' | b'-')) {
                j += 1;
            }
            if digits(&mut j) {
                i = j;
                float = true;
            }
        }
        let t = &self.text[start..i];
        self.pos = i;
        if float {
            return Ok(Value::Float(t.parse().unwrap_or(f64::NAN)));
        }
        t.parse::<i64>().map(Value::Int).map_err(|_| unsupported(&format!("the integer {t} (more than 64 bits)"), self.span))
    }

    fn string(&mut self) -> Result<String, EvalError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                return Err(self.error("Unterminated string starting at", start));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    let esc = self.text.as_bytes().get(self.pos + 1).copied();
                    let simple = match esc {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'/') => Some('/'),
                        Some(b'b') => Some('\x08'),
                        Some(b'f') => Some('\x0c'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        _ => None,
                    };
                    if let Some(ch) = simple {
                        out.push(ch);
                        self.pos += 2;
                        continue;
                    }
                    if esc != Some(b'u') {
                        if esc.is_none() {
                            return Err(self.error("Unterminated string starting at", start));
                        }
                        return Err(self.error("Invalid \\escape", self.pos));
                    }
                    let unit = |p: usize| self.text.get(p..p + 4).and_then(|h| u16::from_str_radix(h, 16).ok());
                    let Some(u) = unit(self.pos + 2) else {
                        return Err(self.error("Invalid \\uXXXX escape", self.pos + 1));
                    };
                    self.pos += 6;
                    if (0xd800..0xdc00).contains(&u) && self.text[self.pos..].starts_with("\\u") {
                        if let Some(low) = unit(self.pos + 2).filter(|l| (0xdc00..0xe000).contains(l)) {
                            self.pos += 6;
                            let c = 0x10000 + ((u as u32 - 0xd800) << 10) + (low as u32 - 0xdc00);
                            out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                            continue;
                        }
                    }
                    // A lone surrogate: Python keeps it; Rust strings cannot hold one.
                    out.push(char::from_u32(u as u32).unwrap_or('\u{fffd}'));
                }
                c if (c as u32) < 0x20 => return Err(self.error("Invalid control character at", self.pos)),
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }
}
