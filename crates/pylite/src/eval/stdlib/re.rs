//! `re`: Python's regular expressions for what revision files and the modules they import
//! do with them — `compile`, `match`, `search`, `fullmatch`, `sub`/`subn`, `findall`,
//! `split`, `escape`, the flags, and match objects (`group`, `groups`, `groupdict`, `start`,
//! `end`, `span`, `m[n]`). Python's pattern syntax is translated to the `regex` crate's
//! (a linear-time engine): what it cannot run — backreferences, lookaround, conditionals —
//! is refused by name at the call.

use super::native::{value, Native};
use crate::eval::exec::unsupported;
use crate::eval::expr::{type_error, value_error};
use crate::eval::{Builtin, EvalError, Interpreter, Value};
use diagnostics::Span;
use std::rc::Rc;

const IGNORECASE: i64 = 2;
const MULTILINE: i64 = 8;
const DOTALL: i64 = 16;
const VERBOSE: i64 = 64;
const ASCII: i64 = 256;

/// A compiled pattern: Python's source and flags, and the three ways it is matched.
#[derive(Debug)]
pub(crate) struct Pattern {
    source: String,
    flags: i64,
    search: regex::Regex,
    /// Anchored at the start (`match`).
    anchored: regex::Regex,
    /// Anchored at both ends (`fullmatch`).
    full: regex::Regex,
}

impl Pattern {
    pub(crate) fn source(&self) -> &str {
        &self.source
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.source == other.source && self.flags == other.flags
    }
}

/// A successful match: the subject and each group's byte range in it.
#[derive(Debug, PartialEq)]
pub(crate) struct Match {
    pattern: Rc<Pattern>,
    subject: Rc<str>,
    groups: Vec<Option<(usize, usize)>>,
}

pub(super) fn module_attrs() -> Vec<(&'static str, Value)> {
    let f = |n: &'static str| Value::Builtin(Rc::new(Builtin::Func(n)));
    let mut attrs = vec![
        ("compile", f("re.compile")),
        ("match", f("re.match")),
        ("search", f("re.search")),
        ("fullmatch", f("re.fullmatch")),
        ("sub", f("re.sub")),
        ("subn", f("re.subn")),
        ("findall", f("re.findall")),
        ("split", f("re.split")),
        ("escape", f("re.escape")),
        ("error", Value::Builtin(Rc::new(Builtin::ExcType("re.error")))),
        // For annotations (`re.Pattern[str]`): inert typing values.
        ("Pattern", Value::Builtin(Rc::new(Builtin::Typing("re.Pattern".into())))),
        ("Match", Value::Builtin(Rc::new(Builtin::Typing("re.Match".into())))),
    ];
    for (long, short, v) in [
        ("IGNORECASE", "I", IGNORECASE),
        ("MULTILINE", "M", MULTILINE),
        ("DOTALL", "S", DOTALL),
        ("VERBOSE", "X", VERBOSE),
        ("ASCII", "A", ASCII),
    ] {
        attrs.push((long, Value::Int(v)));
        attrs.push((short, Value::Int(v)));
    }
    attrs.push(("UNICODE", Value::Int(32)));
    attrs.push(("U", Value::Int(32)));
    attrs
}

/// Python's pattern in the `regex` crate's syntax, or the construct it has no equivalent for.
fn translate(source: &str) -> Result<String, &'static str> {
    let mut out = String::with_capacity(source.len() + 8);
    let mut chars = source.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else { return Err("a pattern ending in a backslash") };
                match next {
                    '1'..='9' if !in_class => return Err("backreferences (\\1)"),
                    // Python's end of string; the crate's `\Z` does not exist.
                    'Z' if !in_class => out.push_str("\\z"),
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A `]` or `^]` right after the opening bracket is a literal in both.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    chars.next();
                    out.push_str("\\]");
                }
            }
            // Python reads a `[` inside a class as a literal; the crate as a nested class.
            '[' => out.push_str("\\["),
            // Python reads a brace that does not make a repetition (`{{ x }}`) as a literal;
            // the crate refuses it. `{,n}` is Python's `{0,n}`.
            '{' if !in_class => {
                let body: String = chars.clone().take_while(|c| *c != '}').collect();
                let closed = chars.clone().nth(body.chars().count()) == Some('}');
                let (lo, hi) = body.split_once(',').unwrap_or((&body, ""));
                let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
                if closed && digits(lo) && digits(hi) && !lo.is_empty() || closed && lo.is_empty() && !hi.is_empty() && digits(hi) {
                    out.push('{');
                    if lo.is_empty() {
                        out.push('0');
                    }
                } else {
                    out.push_str("\\{");
                }
            }
            '}' if !in_class && !out.ends_with(|c: char| c.is_ascii_digit() || c == ',') => out.push_str("\\}"),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '(' if !in_class && chars.peek() == Some(&'?') => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("?=") || rest.starts_with("?!") || rest.starts_with("?<=") || rest.starts_with("?<!") {
                    return Err("lookahead and lookbehind ((?=...), (?!...), (?<=...), (?<!...))");
                }
                if rest.starts_with("?P=") {
                    return Err("named backreferences ((?P=name))");
                }
                if rest.starts_with("?(") {
                    return Err("conditional groups ((?(id)yes|no))");
                }
                if rest.starts_with("?#") {
                    // A comment group: dropped.
                    for c in chars.by_ref() {
                        if c == ')' {
                            break;
                        }
                    }
                    continue;
                }
                out.push('(');
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// Compiles `source` with Python's `flags`.
fn compile(source: &str, flags: i64, span: Span) -> Result<Rc<Pattern>, EvalError> {
    let body = translate(source).map_err(|what| unsupported(&format!("{what} in regular expressions"), span))?;
    let mut prefix = String::new();
    for (flag, letter) in [(IGNORECASE, 'i'), (MULTILINE, 'm'), (DOTALL, 's'), (VERBOSE, 'x')] {
        if flags & flag != 0 {
            prefix.push(letter);
        }
    }
    let mut head = if prefix.is_empty() { String::new() } else { format!("(?{prefix})") };
    if flags & ASCII != 0 {
        head.push_str("(?-u)");
    }
    let build = |p: String| {
        regex::Regex::new(&p).map_err(|e| {
            let why = match e {
                regex::Error::Syntax(s) => s.lines().last().unwrap_or("invalid pattern").trim_start_matches("error: ").to_string(),
                other => other.to_string(),
            };
            value_error("re.error", why, span)
        })
    };
    Ok(Rc::new(Pattern {
        source: source.to_string(),
        flags,
        search: build(format!("{head}(?:{body})"))?,
        anchored: build(format!("{head}\\A(?:{body})"))?,
        full: build(format!("{head}\\A(?:{body})\\z"))?,
    }))
}

/// Python's index of a byte offset (Python counts characters).
fn char_index(s: &str, byte: usize) -> i64 {
    if s.is_ascii() {
        byte as i64
    } else {
        s[..byte].chars().count() as i64
    }
}

#[derive(Clone, Copy)]
enum Mode {
    Match,
    Search,
    Full,
}

impl Pattern {
    fn find(self: &Rc<Pattern>, subject: &Rc<str>, mode: Mode) -> Option<Match> {
        let re = match mode {
            Mode::Match => &self.anchored,
            Mode::Search => &self.search,
            Mode::Full => &self.full,
        };
        let caps = re.captures(subject)?;
        Some(Match {
            pattern: self.clone(),
            subject: subject.clone(),
            groups: caps.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect(),
        })
    }

    /// Names of the groups, by number (`None` for unnamed ones and group 0).
    fn names(&self) -> Vec<Option<&str>> {
        self.search.capture_names().collect()
    }
}

impl Match {
    fn text(&self, g: usize) -> Value {
        match self.groups.get(g).copied().flatten() {
            Some((a, b)) => Value::str(&self.subject[a..b]),
            None => Value::None,
        }
    }

    /// A group by number or name, as `group()` and `m[...]` take it.
    pub(crate) fn index(&self, key: &Value, span: Span) -> Result<usize, EvalError> {
        let found = match key {
            Value::Int(n) => usize::try_from(*n).ok().filter(|n| *n < self.groups.len()),
            Value::Bool(b) => Some(usize::from(*b)),
            Value::Str(name) => self.pattern.names().iter().position(|n| *n == Some(&**name)),
            _ => None,
        };
        found.ok_or_else(|| value_error("IndexError", "no such group", span))
    }

    pub(crate) fn group(&self, key: &Value, span: Span) -> Result<Value, EvalError> {
        Ok(self.text(self.index(key, span)?))
    }

    pub(crate) fn subject(&self) -> Value {
        Value::Str(self.subject.clone())
    }

    pub(crate) fn repr(&self) -> String {
        let (a, b) = self.groups[0].unwrap_or((0, 0));
        let mut matched = String::new();
        crate::eval::value::repr_str(&self.subject[a..b], &mut matched);
        format!("<re.Match object; span=({}, {}), match={matched}>", char_index(&self.subject, a), char_index(&self.subject, b))
    }
}

fn text_arg<'a>(v: Option<&'a Value>, what: &str, span: Span) -> Result<&'a Rc<str>, EvalError> {
    match v {
        Some(Value::Str(s)) => Ok(s),
        Some(other) => Err(type_error(format!("{what} must be a string, not '{}'", other.type_name()), span)),
        None => Err(type_error(format!("missing required argument '{what}'"), span)),
    }
}

/// Positional `args` with `names`' keywords filled in, in Python's order.
fn bind(
    name: &str,
    mut args: Vec<Value>,
    kwargs: Vec<(String, Value)>,
    names: &[&str],
    span: Span,
) -> Result<Vec<Option<Value>>, EvalError> {
    if args.len() > names.len() {
        return Err(type_error(format!("{name}() takes at most {} arguments ({} given)", names.len(), args.len()), span));
    }
    let mut out: Vec<Option<Value>> = args.drain(..).map(Some).collect();
    out.resize(names.len(), None);
    for (k, v) in kwargs {
        let Some(i) = names.iter().position(|n| *n == k) else {
            return Err(type_error(format!("{name}() got an unexpected keyword argument '{k}'"), span));
        };
        if out[i].is_some() {
            return Err(type_error(format!("argument for {name}() given by name ('{k}') and position ({})", i + 1), span));
        }
        out[i] = Some(v);
    }
    Ok(out)
}

fn int_arg(v: &Option<Value>, span: Span) -> Result<i64, EvalError> {
    match v {
        None => Ok(0),
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Bool(b)) => Ok(i64::from(*b)),
        Some(other) => Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()), span)),
    }
}

impl Interpreter<'_> {
    /// A pattern argument: a compiled pattern, or a string compiled with `flags`.
    fn pattern_arg(&mut self, v: Option<&Value>, flags: i64, span: Span) -> Result<Rc<Pattern>, EvalError> {
        if let Some(Native::Pattern(p)) = v.and_then(super::native::of) {
            if flags != 0 {
                return Err(value_error("ValueError", "cannot process flags argument with a compiled pattern", span));
            }
            return Ok(p.clone());
        }
        let source = text_arg(v, "pattern", span)?;
        self.scan_work(source.len())?;
        compile(source, flags, span)
    }

    /// `re.compile(...)` and the other module functions.
    pub(crate) fn call_re(&mut self, name: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        let short = name.trim_start_matches("re.");
        match short {
            "compile" => {
                let a = bind(short, args, kwargs, &["pattern", "flags"], span)?;
                let flags = int_arg(&a[1], span)?;
                Ok(value(Native::Pattern(self.pattern_arg(a[0].as_ref(), flags, span)?)))
            }
            "escape" => {
                let a = bind(short, args, kwargs, &["pattern"], span)?;
                let s = text_arg(a[0].as_ref(), "pattern", span)?;
                self.alloc_bytes(s.len() * 2)?;
                Ok(Value::str(&escape(s)))
            }
            "match" | "search" | "fullmatch" | "findall" | "split" => {
                let names: &[&str] =
                    if short == "split" { &["pattern", "string", "maxsplit", "flags"] } else { &["pattern", "string", "flags"] };
                let mut a = bind(short, args, kwargs, names, span)?;
                let flags = int_arg(&a[names.len() - 1], span)?;
                let p = self.pattern_arg(a[0].as_ref(), flags, span)?;
                let rest: Vec<Value> = a.drain(1..names.len() - 1).flatten().collect();
                self.pattern_method(&p, short, rest, Vec::new(), span)
            }
            "sub" | "subn" => {
                let mut a = bind(short, args, kwargs, &["pattern", "repl", "string", "count", "flags"], span)?;
                let flags = int_arg(&a[4], span)?;
                let p = self.pattern_arg(a[0].as_ref(), flags, span)?;
                let rest: Vec<Value> = a.drain(1..4).flatten().collect();
                self.pattern_method(&p, short, rest, Vec::new(), span)
            }
            _ => Err(unsupported(name, span)),
        }
    }

    /// `pattern.match(...)`, `pattern.sub(...)`, ...
    pub(crate) fn pattern_method(
        &mut self,
        p: &Rc<Pattern>,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        match name {
            "match" | "search" | "fullmatch" => {
                let a = bind(name, args, kwargs, &["string"], span)?;
                let s = text_arg(a[0].as_ref(), "string", span)?;
                self.scan_work(s.len())?;
                let mode = match name {
                    "match" => Mode::Match,
                    "search" => Mode::Search,
                    _ => Mode::Full,
                };
                Ok(p.find(s, mode).map_or(Value::None, |m| value(Native::Match(Rc::new(m)))))
            }
            "findall" => {
                let a = bind(name, args, kwargs, &["string"], span)?;
                let s = text_arg(a[0].as_ref(), "string", span)?;
                self.scan_work(s.len())?;
                let mut items = Vec::new();
                for caps in p.search.captures_iter(s) {
                    let text = |i: usize| caps.get(i).map_or(Value::str(""), |m| Value::str(m.as_str()));
                    items.push(match caps.len() {
                        1 => text(0),
                        2 => text(1),
                        n => Value::Tuple((1..n).map(text).collect::<Vec<_>>().into()),
                    });
                }
                self.alloc_items(items.len())?;
                Ok(Value::list(items))
            }
            "split" => {
                let a = bind(name, args, kwargs, &["string", "maxsplit"], span)?;
                let s = text_arg(a[0].as_ref(), "string", span)?;
                let max = int_arg(&a[1], span)?;
                self.scan_work(s.len())?;
                let mut items = Vec::new();
                let mut last = 0;
                for (n, caps) in p.search.captures_iter(s).enumerate() {
                    if max > 0 && n as i64 >= max {
                        break;
                    }
                    let whole = caps.get(0).expect("group 0 always matches");
                    items.push(Value::str(&s[last..whole.start()]));
                    items.extend((1..caps.len()).map(|i| caps.get(i).map_or(Value::None, |m| Value::str(m.as_str()))));
                    last = whole.end();
                }
                items.push(Value::str(&s[last..]));
                self.alloc_items(items.len())?;
                Ok(Value::list(items))
            }
            "sub" | "subn" => {
                let a = bind(name, args, kwargs, &["repl", "string", "count"], span)?;
                let s = text_arg(a[1].as_ref(), "string", span)?.clone();
                let count = int_arg(&a[2], span)?;
                let repl = a[0].clone().ok_or_else(|| type_error("missing required argument 'repl'", span))?;
                self.scan_work(s.len())?;
                let mut out = String::new();
                let mut last = 0;
                let mut done = 0i64;
                for caps in p.search.captures_iter(&s) {
                    if count > 0 && done >= count {
                        break;
                    }
                    let whole = caps.get(0).expect("group 0 always matches");
                    out.push_str(&s[last..whole.start()]);
                    let m = Match {
                        pattern: p.clone(),
                        subject: s.clone(),
                        groups: caps.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect(),
                    };
                    let piece = match &repl {
                        Value::Str(template) => expand(template, &m, span)?,
                        f => {
                            let got = self.call_value(f, vec![value(Native::Match(Rc::new(m)))], Vec::new(), span)?;
                            match &got {
                                Value::Str(t) => t.to_string(),
                                other => return Err(type_error(format!("expected str instance, {} found", other.type_name()), span)),
                            }
                        }
                    };
                    self.alloc_bytes(piece.len())?;
                    out.push_str(&piece);
                    last = whole.end();
                    done += 1;
                }
                out.push_str(&s[last..]);
                self.alloc_bytes(out.len())?;
                Ok(if name == "subn" { Value::Tuple(vec![Value::str(&out), Value::Int(done)].into()) } else { Value::str(&out) })
            }
            _ => Err(unsupported(&format!("re.Pattern.{name}"), span)),
        }
    }

    /// `m.group(...)`, `m.groups()`, ...
    pub(crate) fn match_method(&mut self, m: &Match, name: &str, args: Vec<Value>, span: Span) -> Result<Value, EvalError> {
        let default = args.first().cloned().unwrap_or(Value::None);
        let position = |at: fn((usize, usize)) -> usize| -> Result<i64, EvalError> {
            let g = m.index(args.first().unwrap_or(&Value::Int(0)), span)?;
            Ok(m.groups[g].map_or(-1, |r| char_index(&m.subject, at(r))))
        };
        Ok(match name {
            "group" if args.len() <= 1 => m.group(args.first().unwrap_or(&Value::Int(0)), span)?,
            "group" => Value::Tuple(args.iter().map(|k| m.group(k, span)).collect::<Result<Vec<_>, _>>()?.into()),
            "groups" => Value::Tuple(
                (1..m.groups.len()).map(|g| if m.groups[g].is_some() { m.text(g) } else { default.clone() }).collect::<Vec<_>>().into(),
            ),
            "groupdict" => {
                let names = m.pattern.names();
                let pairs = names
                    .iter()
                    .enumerate()
                    .filter_map(|(g, n)| n.map(|n| (Value::str(n), if m.groups[g].is_some() { m.text(g) } else { default.clone() })))
                    .collect();
                Value::Dict(Rc::new(std::cell::RefCell::new(pairs)))
            }
            "start" => Value::Int(position(|r| r.0)?),
            "end" => Value::Int(position(|r| r.1)?),
            "span" => Value::Tuple(vec![Value::Int(position(|r| r.0)?), Value::Int(position(|r| r.1)?)].into()),
            _ => return Err(unsupported(&format!("re.Match.{name}"), span)),
        })
    }
}

/// `sub`'s replacement template: `\1`, `\g<1>`, `\g<name>`, `\n` and the other escapes.
fn expand(template: &str, m: &Match, span: Span) -> Result<String, EvalError> {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let group = |key: Value| -> Result<String, EvalError> {
            let g = m.index(&key, span).map_err(|_| value_error("re.error", format!("invalid group reference {}", text_of(&key)), span))?;
            Ok(m.groups[g].map_or(String::new(), |(a, b)| m.subject[a..b].to_string()))
        };
        match chars.next() {
            Some(d @ '0'..='9') => {
                let mut n = d.to_digit(10).unwrap_or(0) as i64;
                if let Some(e) = chars.peek().and_then(|c| c.to_digit(10)) {
                    chars.next();
                    n = n * 10 + i64::from(e);
                }
                out.push_str(&group(Value::Int(n))?);
            }
            Some('g') if chars.peek() == Some(&'<') => {
                chars.next();
                let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
                out.push_str(&group(name.parse::<i64>().map_or_else(|_| Value::str(&name), Value::Int))?);
            }
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) if other.is_ascii_alphabetic() => return Err(value_error("re.error", format!("bad escape \\{other}"), span)),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => return Err(value_error("re.error", "bad escape (end of pattern)", span)),
        }
    }
    Ok(out)
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Int(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Python's `re.escape`: every character that is special in a pattern gets a backslash.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\u{b}\u{c}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn python_syntax_becomes_the_crates() {
        assert_eq!(translate(r"end\Z"), Ok(r"end\z".to_string()));
        assert_eq!(translate(r"[]a[]"), Ok(r"[\]a\[]".to_string()));
        assert_eq!(translate(r"a(?#note)b"), Ok("ab".to_string()));
        assert_eq!(translate(r"(?P<v>\d+)"), Ok(r"(?P<v>\d+)".to_string()));
        assert_eq!(translate(r"({{\s*(\w+)\s*}})"), Ok(r"(\{\{\s*(\w+)\s*\}\})".to_string()));
        assert_eq!(translate(r"a{2}b{1,}c{,3}d{x}"), Ok(r"a{2}b{1,}c{0,3}d\{x\}".to_string()));
    }

    #[test]
    fn what_the_engine_cannot_run_is_named() {
        assert!(translate(r"(a)\1").unwrap_err().contains("backreferences"));
        assert!(translate(r"a(?=b)").unwrap_err().contains("lookahead"));
        assert!(translate(r"(?<!a)b").unwrap_err().contains("lookbehind"));
        assert!(translate(r"(?P<x>a)(?P=x)").unwrap_err().contains("named backreferences"));
    }
}
