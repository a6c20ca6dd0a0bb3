//! More methods of builtin values, beyond the basic ones in `builtins.rs`: what revision
//! files call on strings (`find`, `partition`, `title`, `zfill`, `splitlines`, ...), lists
//! (`index`, `insert`, `pop`, `sort(key=, reverse=)`, ...), dicts (`setdefault`, `pop`,
//! `update`, ...), sets (`union`, `discard`, ...) and bytes (`decode`), and the set
//! operators. Python's results and messages; every result charged before it is built.

use super::builtins_extra::is_utf8;
use super::exec::unsupported;
use super::expr::{type_error, value_error};
use super::value::eq_in;
use super::{EvalError, Interpreter, Value};
use crate::ast::BinOp;
use diagnostics::Span;
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) const STR_MORE: &[&str] = &[
    "split",
    "rsplit",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
    "zfill",
    "center",
    "ljust",
    "rjust",
    "partition",
    "rpartition",
    "splitlines",
    "count",
    "find",
    "rfind",
    "index",
    "rindex",
    "isdigit",
    "isdecimal",
    "isnumeric",
    "isalnum",
    "isalpha",
    "isspace",
    "isupper",
    "islower",
    "isidentifier",
    "isascii",
    "removeprefix",
    "removesuffix",
    "encode",
    "startswith",
    "endswith",
];
pub(crate) const LIST_MORE: &[&str] = &["index", "count", "insert", "remove", "pop", "sort", "reverse", "clear", "copy"];
pub(crate) const DICT_MORE: &[&str] = &["setdefault", "pop", "update", "copy", "clear", "popitem"];
pub(crate) const SET_MORE: &[&str] = &[
    "update",
    "discard",
    "remove",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "copy",
    "clear",
    "pop",
];
pub(crate) const BYTES_METHODS: &[&str] = &["decode", "hex"];

/// The methods of `v` served here.
pub(crate) fn more_methods(v: &Value) -> &'static [&'static str] {
    match v {
        Value::Str(_) => STR_MORE,
        Value::List(_) => LIST_MORE,
        Value::Dict(_) => DICT_MORE,
        Value::Set(_) => SET_MORE,
        Value::Bytes(_) => BYTES_METHODS,
        _ => &[],
    }
}

/// The methods (here and in `builtins.rs`) that take keyword arguments.
pub(crate) fn takes_keywords(name: &str) -> bool {
    matches!(name, "format" | "update" | "sort" | "split" | "rsplit" | "splitlines" | "encode" | "decode")
}

fn count_args(name: &str, args: &[Value], min: usize, max: usize, span: Span) -> Result<(), EvalError> {
    if args.len() < min || args.len() > max {
        let msg = match (min, max) {
            (0, 0) => format!("{name}() takes no arguments ({} given)", args.len()),
            (1, 1) => format!("{name}() takes exactly one argument ({} given)", args.len()),
            _ if args.len() < min => {
                format!("{name} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, args.len())
            }
            _ => format!("{name} expected at most {max} arguments, got {}", args.len()),
        };
        return Err(type_error(msg, span));
    }
    Ok(())
}

fn str_of<'v>(v: &'v Value, what: &str, span: Span) -> Result<&'v str, EvalError> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(type_error(format!("{what} must be str, not {}", v.type_name()), span)),
    }
}

fn kwarg<'a>(kwargs: &'a [(String, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn check_kwargs(method: &str, kwargs: &[(String, Value)], allowed: &[&str], span: Span) -> Result<(), EvalError> {
    match kwargs.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((k, _)) if allowed.is_empty() => Err(type_error(format!("{method}() takes no keyword arguments"), span)),
        Some((k, _)) => Err(type_error(format!("'{k}' is an invalid keyword argument for {method}()"), span)),
        None => Ok(()),
    }
}

/// Python's `str.title`: a cased character after an uncased one starts a word.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        let cased = c.is_lowercase() || c.is_uppercase();
        if cased && prev_cased {
            out.extend(c.to_lowercase());
        } else if cased {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_cased = cased;
    }
    out
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && it.peek().map(|(_, n)| *n) == Some('\n') {
            it.next();
            end += 1;
        }
        out.push(&s[start..if keepends { end } else { i }]);
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Python's `str.split(sep, maxsplit)` (and `rsplit` when `right`).
fn split(s: &str, sep: Option<&str>, maxsplit: i64, right: bool) -> Vec<String> {
    let limit = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    match sep {
        Some(sep) => {
            let parts: Vec<String> = if right {
                let mut v: Vec<String> = s.rsplitn(limit.saturating_add(1), sep).map(String::from).collect();
                v.reverse();
                v
            } else {
                s.splitn(limit.saturating_add(1), sep).map(String::from).collect()
            };
            parts
        }
        None => {
            // Runs of whitespace separate; the rest after `maxsplit` splits keeps its inner
            // whitespace but loses the leading run.
            let mut out = Vec::new();
            if right {
                let mut rest = s.trim_end();
                while !rest.is_empty() {
                    if out.len() == limit {
                        out.push(rest.to_string());
                        break;
                    }
                    let start = rest.rfind(char::is_whitespace).map_or(0, |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
                    out.push(rest[start..].to_string());
                    rest = rest[..start].trim_end();
                }
                out.reverse();
            } else {
                let mut rest = s.trim_start();
                while !rest.is_empty() {
                    if out.len() == limit {
                        out.push(rest.to_string());
                        break;
                    }
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    out.push(rest[..end].to_string());
                    rest = rest[end..].trim_start();
                }
            }
            out
        }
    }
}

/// `(start, end)` arguments of `find`/`count`/`index` as byte offsets into `s`.
fn char_range(s: &str, args: &[Value], span: Span) -> Result<(usize, usize), EvalError> {
    let n = s.chars().count() as i64;
    let clamp = |v: Option<&Value>, default: i64| -> Result<i64, EvalError> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = v.as_int().ok_or_else(|| type_error("slice indices must be integers or None or have an __index__ method", span))?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
        }
    };
    let (a, b) = (clamp(args.get(1), 0)?, clamp(args.get(2), n)?);
    let byte = |ci: i64| s.char_indices().nth(ci as usize).map_or(s.len(), |(b, _)| b);
    Ok((byte(a), byte(b.max(a))))
}

/// A character count of `s[..byte]`.
fn chars_before(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

impl Interpreter<'_> {
    /// `recv.name(...)` for a name in [`more_methods`].
    pub(crate) fn call_more_method(
        &mut self,
        recv: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        match recv {
            Value::Str(s) => self.str_more(s, name, args, kwargs, span),
            Value::List(l) => self.list_more(l, name, args, kwargs, span),
            Value::Dict(d) => self.dict_more(d, name, args, kwargs, span),
            Value::Set(s) => self.set_more(s, name, args, span),
            Value::Bytes(b) => {
                check_kwargs(name, &kwargs, &["encoding", "errors"], span)?;
                if name == "hex" {
                    self.alloc_bytes(b.len() * 2)?;
                    return Ok(Value::str(&b.iter().map(|x| format!("{x:02x}")).collect::<String>()));
                }
                let enc = args.first().or_else(|| kwarg(&kwargs, "encoding"));
                if let Some(e) = enc {
                    let e = str_of(e, "decode() argument 'encoding'", span)?;
                    if !is_utf8(e) {
                        return Err(unsupported(&format!("the '{e}' encoding"), span));
                    }
                }
                self.alloc_bytes(b.len())?;
                match std::str::from_utf8(b) {
                    Ok(s) => Ok(Value::str(s)),
                    Err(e) => Err(value_error(
                        "UnicodeDecodeError",
                        format!(
                            "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                            b[e.valid_up_to()],
                            e.valid_up_to()
                        ),
                        span,
                    )),
                }
            }
            _ => Err(unsupported(&format!("{}.{name}", recv.type_name()), span)),
        }
    }

    fn str_more(&mut self, s: &str, name: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        let text = |this: &mut Self, t: String| -> Result<Value, EvalError> {
            this.alloc_bytes(t.len())?;
            Ok(Value::str(&t))
        };
        // Every method here reads the whole text at most a few times.
        self.scan_work(s.len())?;
        match name {
            "split" | "rsplit" => {
                check_kwargs(name, &kwargs, &["sep", "maxsplit"], span)?;
                count_args(name, &args, 0, 2, span)?;
                let sep = match args.first().or_else(|| kwarg(&kwargs, "sep")) {
                    None | Some(Value::None) => None,
                    Some(v) => Some(
                        str_of(v, "must be str or None, not", span)
                            .map_err(|_| type_error(format!("must be str or None, not {}", v.type_name()), span))?,
                    ),
                };
                if sep == Some("") {
                    return Err(value_error("ValueError", "empty separator", span));
                }
                let maxsplit = match args.get(1).or_else(|| kwarg(&kwargs, "maxsplit")) {
                    None => -1,
                    Some(v) => super::builtins::int_arg(v, span)?,
                };
                // Bounded before splitting: at most one part per byte (or separator).
                self.alloc_bytes(s.len())?;
                self.alloc_items(s.len() / sep.map_or(1, |p| p.len().max(1)) + 1)?;
                let parts = split(s, sep, maxsplit, name == "rsplit");
                Ok(Value::list(parts.iter().map(|p| Value::str(p)).collect()))
            }
            "title" | "capitalize" | "swapcase" | "casefold" => {
                count_args(name, &args, 0, 0, span)?;
                self.alloc_bytes(s.len().saturating_mul(3))?;
                let out = match name {
                    "title" => title(s),
                    "capitalize" => {
                        let mut c = s.chars();
                        match c.next() {
                            Some(first) => first.to_uppercase().chain(c.as_str().to_lowercase().chars()).collect(),
                            None => String::new(),
                        }
                    }
                    "swapcase" => s
                        .chars()
                        .flat_map(|c| if c.is_uppercase() { c.to_lowercase().collect::<Vec<_>>() } else { c.to_uppercase().collect() })
                        .collect(),
                    _ => s.to_lowercase(),
                };
                Ok(Value::str(&out))
            }
            "zfill" | "center" | "ljust" | "rjust" => {
                count_args(name, &args, 1, if name == "zfill" { 1 } else { 2 }, span)?;
                let width = super::builtins::int_arg(&args[0], span)?;
                let fill = match args.get(1) {
                    None => ' ',
                    Some(v) => {
                        let f = str_of(v, "The fill character", span)?;
                        let mut cs = f.chars();
                        match (cs.next(), cs.next()) {
                            (Some(c), None) => c,
                            _ => return Err(type_error("The fill character must be exactly one character long", span)),
                        }
                    }
                };
                let len = s.chars().count() as i64;
                let pad = (width - len).max(0) as usize;
                // Charged before it is built: a width of 10**12 is the memory budget's error.
                self.alloc_bytes(s.len().saturating_add(pad.saturating_mul(fill.len_utf8())))?;
                let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
                let out = match name {
                    "zfill" => match s.strip_prefix(['+', '-']) {
                        Some(rest) => format!("{}{}{rest}", &s[..1], "0".repeat(pad)),
                        None => format!("{}{s}", "0".repeat(pad)),
                    },
                    "ljust" => format!("{s}{}", fills(pad)),
                    "rjust" => format!("{}{s}", fills(pad)),
                    // Python puts the odd extra character on the left when the width is odd
                    // and the text even... precisely: left = pad/2 + (pad & width & 1).
                    _ => {
                        let left = pad / 2 + (pad & width as usize & 1);
                        format!("{}{s}{}", fills(left), fills(pad - left))
                    }
                };
                Ok(Value::str(&out))
            }
            "partition" | "rpartition" => {
                count_args(name, &args, 1, 1, span)?;
                let sep = str_of(&args[0], "must be str, not", span)
                    .map_err(|_| type_error(format!("must be str, not {}", args[0].type_name()), span))?;
                if sep.is_empty() {
                    return Err(value_error("ValueError", "empty separator", span));
                }
                self.alloc_bytes(s.len())?;
                self.alloc_items(3)?;
                let found = if name == "partition" { s.find(sep) } else { s.rfind(sep) };
                let parts: [&str; 3] = match found {
                    Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
                    None if name == "partition" => [s, "", ""],
                    None => ["", "", s],
                };
                Ok(Value::Tuple(parts.iter().map(|p| Value::str(p)).collect()))
            }
            "splitlines" => {
                check_kwargs(name, &kwargs, &["keepends"], span)?;
                count_args(name, &args, 0, 1, span)?;
                let keepends = args.first().or_else(|| kwarg(&kwargs, "keepends")).is_some_and(Value::truthy);
                self.alloc_bytes(s.len())?;
                let lines = splitlines(s, keepends);
                self.alloc_items(lines.len())?;
                Ok(Value::list(lines.into_iter().map(Value::str).collect()))
            }
            "count" | "find" | "rfind" | "index" | "rindex" => {
                count_args(name, &args, 1, 3, span)?;
                let sub = str_of(&args[0], "must be str, not", span)
                    .map_err(|_| type_error(format!("must be str, not {}", args[0].type_name()), span))?;
                let (a, b) = char_range(s, &args, span)?;
                let hay = &s[a..b];
                if name == "count" {
                    let n = if sub.is_empty() { hay.chars().count() + 1 } else { hay.matches(sub).count() };
                    return Ok(Value::Int(n as i64));
                }
                let at = if name.starts_with('r') { hay.rfind(sub) } else { hay.find(sub) };
                match at {
                    Some(i) => Ok(Value::Int(chars_before(s, a + i))),
                    None if name.ends_with("find") => Ok(Value::Int(-1)),
                    None => Err(value_error("ValueError", "substring not found", span)),
                }
            }
            "isdigit" | "isdecimal" | "isnumeric" | "isalnum" | "isalpha" | "isspace" | "isascii" => {
                count_args(name, &args, 0, 0, span)?;
                let all = |f: fn(char) -> bool| !s.is_empty() && s.chars().all(f);
                Ok(Value::Bool(match name {
                    // Python also counts other scripts' digits; revision files test ASCII ones.
                    "isdigit" | "isdecimal" => all(|c| c.is_ascii_digit()),
                    "isnumeric" => all(char::is_numeric),
                    "isalnum" => all(char::is_alphanumeric),
                    "isalpha" => all(char::is_alphabetic),
                    "isspace" => all(char::is_whitespace),
                    _ => s.is_ascii(),
                }))
            }
            "isupper" | "islower" => {
                count_args(name, &args, 0, 0, span)?;
                let cased = s.chars().any(|c| c.is_uppercase() || c.is_lowercase());
                let ok = if name == "isupper" { !s.chars().any(char::is_lowercase) } else { !s.chars().any(char::is_uppercase) };
                Ok(Value::Bool(cased && ok))
            }
            "isidentifier" => {
                count_args(name, &args, 0, 0, span)?;
                let mut cs = s.chars();
                Ok(Value::Bool(cs.next().is_some_and(|c| c == '_' || c.is_alphabetic()) && cs.all(|c| c == '_' || c.is_alphanumeric())))
            }
            "removeprefix" | "removesuffix" => {
                count_args(name, &args, 1, 1, span)?;
                let p = str_of(&args[0], &format!("{name}() argument"), span)?;
                let out = if name == "removeprefix" { s.strip_prefix(p) } else { s.strip_suffix(p) }.unwrap_or(s);
                text(self, out.to_string())
            }
            "startswith" | "endswith" => {
                count_args(name, &args, 1, 3, span)?;
                let (a, b) = char_range(s, &args, span)?;
                let hay = &s[a..b];
                let options = match &args[0] {
                    Value::Tuple(t) => t.to_vec(),
                    v => vec![v.clone()],
                };
                let mut hit = false;
                for o in &options {
                    let o = match o {
                        Value::Str(o) => o,
                        v => {
                            return Err(type_error(format!("{name} first arg must be str or a tuple of str, not {}", v.type_name()), span))
                        }
                    };
                    hit |= if name == "startswith" { hay.starts_with(&**o) } else { hay.ends_with(&**o) };
                }
                Ok(Value::Bool(hit))
            }
            "encode" => {
                check_kwargs(name, &kwargs, &["encoding", "errors"], span)?;
                count_args(name, &args, 0, 2, span)?;
                if let Some(e) = args.first().or_else(|| kwarg(&kwargs, "encoding")) {
                    let e = str_of(e, "encode() argument 'encoding'", span)?;
                    if !is_utf8(e) {
                        return Err(unsupported(&format!("the '{e}' encoding"), span));
                    }
                    if e.eq_ignore_ascii_case("ascii") {
                        if let Some((i, c)) = s.char_indices().find(|(_, c)| !c.is_ascii()) {
                            let pos = chars_before(s, i);
                            return Err(value_error(
                                "UnicodeEncodeError",
                                format!("'ascii' codec can't encode character {} in position {pos}: ordinal not in range(128)", escaped(c)),
                                span,
                            ));
                        }
                    }
                }
                self.alloc_bytes(s.len())?;
                Ok(Value::Bytes(Rc::from(s.as_bytes())))
            }
            _ => Err(unsupported(&format!("str.{name}"), span)),
        }
    }

    fn list_more(
        &mut self,
        l: &Rc<RefCell<Vec<Value>>>,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if name != "sort" {
            check_kwargs(name, &kwargs, &[], span)?;
        }
        let len = l.borrow().len();
        match name {
            "index" | "count" => {
                count_args(name, &args, 1, if name == "index" { 3 } else { 1 }, span)?;
                let items = l.borrow().clone();
                let (mut hits, mut first) = (0, None);
                let start = args.get(1).map(|v| super::builtins::int_arg(v, span)).transpose()?.unwrap_or(0);
                let start = if start < 0 { (start + len as i64).max(0) } else { start } as usize;
                let stop = args.get(2).map(|v| super::builtins::int_arg(v, span)).transpose()?.unwrap_or(len as i64);
                let stop = if stop < 0 { (stop + len as i64).max(0) } else { stop.min(len as i64) } as usize;
                self.metered(|m| {
                    for (i, x) in items.iter().enumerate() {
                        if name == "index" && (i < start || i >= stop) {
                            continue;
                        }
                        if eq_in(x, &args[0], m, 0)? {
                            hits += 1;
                            first.get_or_insert(i);
                            if name == "index" {
                                break;
                            }
                        }
                    }
                    Ok(())
                })?;
                match (name, first) {
                    ("count", _) => Ok(Value::Int(hits)),
                    (_, Some(i)) => Ok(Value::Int(i as i64)),
                    (_, None) => Err(value_error("ValueError", format!("{} is not in list", self.text(&args[0], true)?), span)),
                }
            }
            "insert" => {
                count_args(name, &args, 2, 2, span)?;
                let i = super::builtins::int_arg(&args[0], span)?;
                let at = if i < 0 { (i + len as i64).max(0) } else { i.min(len as i64) } as usize;
                self.alloc_items(1)?;
                self.copy_work(len)?;
                l.borrow_mut().insert(at, args[1].clone());
                Ok(Value::None)
            }
            "remove" => {
                count_args(name, &args, 1, 1, span)?;
                let items = l.borrow().clone();
                let at = self.metered(|m| {
                    for (i, x) in items.iter().enumerate() {
                        if eq_in(x, &args[0], m, 0)? {
                            return Ok(Some(i));
                        }
                    }
                    Ok(None)
                })?;
                match at {
                    Some(i) if i < l.borrow().len() => {
                        l.borrow_mut().remove(i);
                        Ok(Value::None)
                    }
                    _ => Err(value_error("ValueError", "list.remove(x): x not in list", span)),
                }
            }
            "pop" => {
                count_args(name, &args, 0, 1, span)?;
                if len == 0 {
                    return Err(value_error("IndexError", "pop from empty list", span));
                }
                let i = args.first().map(|v| super::builtins::int_arg(v, span)).transpose()?.unwrap_or(-1);
                let at = if i < 0 { i + len as i64 } else { i };
                if at < 0 || at >= len as i64 {
                    return Err(value_error("IndexError", "pop index out of range", span));
                }
                self.copy_work(len)?;
                Ok(l.borrow_mut().remove(at as usize))
            }
            "sort" => {
                check_kwargs(name, &kwargs, &["key", "reverse"], span)?;
                if !args.is_empty() {
                    return Err(type_error("sort() takes no positional arguments", span));
                }
                let items = l.borrow().clone();
                let sorted = self.call_func("sorted", vec![Value::list(items)], kwargs, span)?;
                if let Value::List(ref s) = sorted {
                    let s = std::mem::take(&mut *s.borrow_mut());
                    *l.borrow_mut() = s;
                }
                Ok(Value::None)
            }
            "reverse" | "clear" => {
                count_args(name, &args, 0, 0, span)?;
                self.copy_work(len)?;
                if name == "reverse" {
                    l.borrow_mut().reverse();
                } else {
                    let old = std::mem::take(&mut *l.borrow_mut());
                    drop(old);
                }
                Ok(Value::None)
            }
            _ => {
                count_args(name, &args, 0, 0, span)?;
                self.alloc_items(len)?;
                Ok(Value::list(l.borrow().clone()))
            }
        }
    }

    fn dict_more(
        &mut self,
        d: &Rc<RefCell<Vec<(Value, Value)>>>,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if name != "update" {
            check_kwargs(name, &kwargs, &[], span)?;
        }
        let find = |this: &mut Self, key: &Value| -> Result<Option<usize>, EvalError> {
            let items = d.borrow();
            this.metered(|m| {
                for (i, (k, _)) in items.iter().enumerate() {
                    if eq_in(k, key, m, 0)? {
                        return Ok(Some(i));
                    }
                }
                Ok(None)
            })
        };
        let len = d.borrow().len();
        match name {
            "setdefault" => {
                count_args(name, &args, 1, 2, span)?;
                let default = args.get(1).cloned().unwrap_or(Value::None);
                match find(self, &args[0])? {
                    Some(i) => Ok(d.borrow()[i].1.clone()),
                    None => {
                        self.alloc_items(2)?;
                        d.borrow_mut().push((args[0].clone(), default.clone()));
                        Ok(default)
                    }
                }
            }
            "pop" => {
                count_args(name, &args, 1, 2, span)?;
                match (find(self, &args[0])?, args.get(1)) {
                    (Some(i), _) => {
                        self.copy_work(len)?;
                        Ok(d.borrow_mut().remove(i).1)
                    }
                    (None, Some(default)) => Ok(default.clone()),
                    (None, None) => {
                        Err(EvalError::new("eval-error", format!("KeyError: {}", self.text(&args[0], true)?), span).catchable("KeyError"))
                    }
                }
            }
            "popitem" => {
                count_args(name, &args, 0, 0, span)?;
                let last = d.borrow_mut().pop();
                match last {
                    Some((k, v)) => Ok(Value::Tuple(vec![k, v].into())),
                    None => Err(EvalError::new("eval-error", "KeyError: 'popitem(): dictionary is empty'", span).catchable("KeyError")),
                }
            }
            "update" => {
                count_args(name, &args, 0, 1, span)?;
                let mut pairs: Vec<(Value, Value)> = Vec::new();
                if let Some(other) = args.first() {
                    match other {
                        Value::Dict(o) => pairs.extend(o.borrow().iter().cloned()),
                        v => {
                            for (i, pair) in self.iterate(v, span)?.into_iter().enumerate() {
                                let kv = self.iterate(&pair, span)?;
                                let n = kv.len();
                                let [k, v] = <[Value; 2]>::try_from(kv).map_err(|_| {
                                    let msg = format!("dictionary update sequence element #{i} has length {n}; 2 is required");
                                    value_error("ValueError", &msg, span)
                                })?;
                                pairs.push((k, v));
                            }
                        }
                    }
                }
                pairs.extend(kwargs.into_iter().map(|(k, v)| (Value::str(&k), v)));
                self.alloc_items(pairs.len() * 2)?;
                let mut items = std::mem::take(&mut *d.borrow_mut());
                let mut r = Ok(());
                for (k, v) in pairs {
                    r = self.dict_insert(&mut items, k, v);
                    if r.is_err() {
                        break;
                    }
                }
                *d.borrow_mut() = items;
                r.map(|()| Value::None)
            }
            "clear" => {
                count_args(name, &args, 0, 0, span)?;
                let old = std::mem::take(&mut *d.borrow_mut());
                drop(old);
                Ok(Value::None)
            }
            _ => {
                count_args(name, &args, 0, 0, span)?;
                self.alloc_items(len * 2)?;
                Ok(Value::Dict(Rc::new(RefCell::new(d.borrow().clone()))))
            }
        }
    }

    fn set_more(&mut self, s: &Rc<RefCell<Vec<Value>>>, name: &str, args: Vec<Value>, span: Span) -> Result<Value, EvalError> {
        let mine = s.borrow().clone();
        match name {
            "update" | "union" | "intersection" | "difference" | "symmetric_difference" => {
                let mut acc = mine;
                for other in &args {
                    let items = self.iterate(other, span)?;
                    acc = self.set_combine(name, acc, items)?;
                }
                if name == "update" {
                    *s.borrow_mut() = acc;
                    return Ok(Value::None);
                }
                Ok(Value::Set(Rc::new(RefCell::new(acc))))
            }
            "discard" | "remove" => {
                count_args(name, &args, 1, 1, span)?;
                let at = self.position(&mine, &args[0])?;
                match at {
                    Some(i) => {
                        s.borrow_mut().remove(i);
                        Ok(Value::None)
                    }
                    None if name == "discard" => Ok(Value::None),
                    None => {
                        Err(EvalError::new("eval-error", format!("KeyError: {}", self.text(&args[0], true)?), span).catchable("KeyError"))
                    }
                }
            }
            "issubset" | "issuperset" | "isdisjoint" => {
                count_args(name, &args, 1, 1, span)?;
                let other = self.iterate(&args[0], span)?;
                let (small, big) = if name == "issuperset" { (&other, &mine) } else { (&mine, &other) };
                let mut all = true;
                let mut none = true;
                for x in small {
                    let hit = self.position(big, x)?.is_some();
                    all &= hit;
                    none &= !hit;
                }
                Ok(Value::Bool(if name == "isdisjoint" { none } else { all }))
            }
            "pop" => {
                count_args(name, &args, 0, 0, span)?;
                if mine.is_empty() {
                    return Err(EvalError::new("eval-error", "KeyError: 'pop from an empty set'", span).catchable("KeyError"));
                }
                Ok(s.borrow_mut().remove(0))
            }
            "clear" => {
                count_args(name, &args, 0, 0, span)?;
                let old = std::mem::take(&mut *s.borrow_mut());
                drop(old);
                Ok(Value::None)
            }
            _ => {
                count_args(name, &args, 0, 0, span)?;
                self.alloc_items(mine.len())?;
                Ok(Value::Set(Rc::new(RefCell::new(mine))))
            }
        }
    }

    fn position(&mut self, items: &[Value], v: &Value) -> Result<Option<usize>, EvalError> {
        self.metered(|m| {
            for (i, x) in items.iter().enumerate() {
                if eq_in(x, v, m, 0)? {
                    return Ok(Some(i));
                }
            }
            Ok(None)
        })
    }

    /// `a op b` for sets (`update`/`union` = `|`, `intersection` = `&`, `difference` = `-`,
    /// `symmetric_difference` = `^`), in `a`'s order then `b`'s.
    fn set_combine(&mut self, op: &str, a: Vec<Value>, b: Vec<Value>) -> Result<Vec<Value>, EvalError> {
        self.alloc_items(a.len() + b.len())?;
        let mut out = Vec::new();
        match op {
            "update" | "union" => {
                out = a;
                for x in b {
                    self.set_insert(&mut out, x)?;
                }
            }
            "intersection" => {
                for x in a {
                    if self.position(&b, &x)?.is_some() {
                        out.push(x);
                    }
                }
            }
            "difference" => {
                for x in a {
                    if self.position(&b, &x)?.is_none() {
                        out.push(x);
                    }
                }
            }
            _ => {
                for x in &a {
                    if self.position(&b, x)?.is_none() {
                        out.push(x.clone());
                    }
                }
                for x in b {
                    if self.position(&a, &x)?.is_none() {
                        self.set_insert(&mut out, x)?;
                    }
                }
            }
        }
        Ok(out)
    }

    /// `|`, `&`, `-`, `^` on two sets and `|` on two dicts; `None` for other operands.
    pub(crate) fn container_binop(&mut self, op: BinOp, l: &Value, r: &Value, span: Span) -> Option<Result<Value, EvalError>> {
        let sets = matches!((op, l, r), (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(_), Value::Set(_)));
        if !cfg!(feature = "stdlib") && (sets || matches!((op, l, r), (BinOp::BitOr, Value::Dict(_), Value::Dict(_)))) {
            return Some(Err(super::left_out(&format!("'{}' between two {}s", op.symbol(), l.type_name()), span)));
        }
        match (op, l, r) {
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(a), Value::Set(b)) => {
                let name = match op {
                    BinOp::BitOr => "union",
                    BinOp::BitAnd => "intersection",
                    BinOp::Sub => "difference",
                    _ => "symmetric_difference",
                };
                let (a, b) = (a.borrow().clone(), b.borrow().clone());
                Some(self.set_combine(name, a, b).map(|v| Value::Set(Rc::new(RefCell::new(v)))))
            }
            (BinOp::BitOr, Value::Dict(a), Value::Dict(b)) => {
                let (a, b) = (a.borrow().clone(), b.borrow().clone());
                Some((|| {
                    self.alloc_items((a.len() + b.len()) * 2)?;
                    let mut out = a;
                    for (k, v) in b {
                        self.dict_insert(&mut out, k, v)?;
                    }
                    Ok(Value::Dict(Rc::new(RefCell::new(out))))
                })())
            }
            _ => None,
        }
    }
}

/// How Python's messages show a character: `'\xe9'`, `'\u20ac'`.
fn escaped(c: char) -> String {
    match c as u32 {
        n @ 0..=0xff => format!("'\\x{n:02x}'"),
        n @ 0x100..=0xffff => format!("'\\u{n:04x}'"),
        n => format!("'\\U{n:08x}'"),
    }
}
