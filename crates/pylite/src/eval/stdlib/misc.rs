//! Small modules: `time` (the embedding program's clock; `sleep` returns at once: a
//! migration's waiting changes nothing it does), `textwrap` (`dedent`, `indent`), `math`'s
//! number tests and roundings, and `os` as a pure stand-in (`os.environ` is empty,
//! `os.getenv` gives its default, `os.path` joins and splits `/` paths).

use crate::eval::exec::unsupported;
use crate::eval::expr::{type_error, value_error};
use crate::eval::{Builtin, EvalError, Interpreter, Value};
use diagnostics::Span;
use std::cell::RefCell;
use std::rc::Rc;

fn f(n: &'static str) -> Value {
    Value::Builtin(Rc::new(Builtin::Func(n)))
}

pub(super) fn math_attrs() -> Vec<(&'static str, Value)> {
    vec![
        ("isnan", f("math.isnan")),
        ("isinf", f("math.isinf")),
        ("isfinite", f("math.isfinite")),
        ("floor", f("math.floor")),
        ("ceil", f("math.ceil")),
        ("sqrt", f("math.sqrt")),
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ]
}

pub(super) fn os_attrs() -> Vec<(&'static str, Value)> {
    vec![
        // The program's environment is not the script's to read: empty, so `.get(k, d)`
        // gives `d` and a script takes its default branch.
        ("environ", Value::Dict(Rc::new(RefCell::new(Vec::new())))),
        ("getenv", f("os.getenv")),
        ("path", os_path()),
        ("sep", Value::str("/")),
        ("linesep", Value::str("\n")),
    ]
}

pub(super) fn os_path() -> Value {
    super::native_module(
        "posixpath",
        vec![
            ("join", f("os.path.join")),
            ("dirname", f("os.path.dirname")),
            ("basename", f("os.path.basename")),
            ("splitext", f("os.path.splitext")),
            ("sep", Value::str("/")),
        ],
    )
}

fn str_args<'a>(name: &str, args: &'a [Value], span: Span) -> Result<Vec<&'a str>, EvalError> {
    args.iter()
        .map(|a| match a {
            Value::Str(s) => Ok(&**s),
            v => Err(type_error(format!("{name}() argument must be str, not '{}'", v.type_name()), span)),
        })
        .collect()
}

/// Python's `textwrap.dedent`: whitespace-only lines become empty; the longest common
/// leading run of spaces and tabs of the other lines is removed.
pub(super) fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let blank = |l: &str| l.trim_end_matches('\n').bytes().all(|b| b == b' ' || b == b'\t');
    let mut margin: Option<&str> = None;
    for l in lines.iter().filter(|l| !blank(l)) {
        let indent = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
        margin = Some(match margin {
            None => indent,
            Some(m) if indent.starts_with(m) => m,
            Some(m) if m.starts_with(indent) => indent,
            Some(m) => {
                let common = m.bytes().zip(indent.bytes()).take_while(|(a, b)| a == b).count();
                &m[..common]
            }
        });
    }
    let margin = margin.unwrap_or("");
    let mut out = String::with_capacity(text.len());
    for l in lines {
        if blank(l) {
            if l.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(l.strip_prefix(margin).unwrap_or(l));
        }
    }
    out
}

/// Python's `textwrap.indent` with its default predicate: lines with non-whitespace.
fn indent(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    for l in text.split_inclusive(['\n']) {
        if !l.trim().is_empty() {
            out.push_str(prefix);
        }
        out.push_str(l);
    }
    out
}

impl Interpreter<'_> {
    /// `functools`' decorators: `wraps(f)`,
    /// `lru_cache`/`cache` leave the function as it is (a migration calls it a few times;
    /// caching would change nothing it does).
    fn call_decorator_helper(
        &mut self,
        name: &str,
        args: &[Value],
        kwargs: &[(String, Value)],
        span: Span,
    ) -> Option<Result<Value, EvalError>> {
        let identity = || Value::Builtin(Rc::new(Builtin::Func("functools.identity")));
        Some(match name {
            "functools.wraps" if args.len() == 1 => Ok(identity()),
            "functools.lru_cache" | "functools.cache" => match args {
                [f @ (Value::Function(_) | Value::Method(_))] => Ok(f.clone()),
                _ => Ok(identity()),
            },
            "functools.identity" if args.len() == 1 && kwargs.is_empty() => Ok(args[0].clone()),
            "functools.wraps" | "functools.identity" => Err(type_error(
                format!("{}() takes exactly one argument ({} given)", name.rsplit('.').next().unwrap_or(name), args.len()),
                span,
            )),
            _ => return None,
        })
    }

    pub(super) fn call_misc(&mut self, name: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        if let Some(r) = self.call_decorator_helper(name, &args, &kwargs, span) {
            return r;
        }
        if let Some((k, _)) = kwargs.iter().find(|(k, _)| !(name == "textwrap.indent" && k == "predicate")) {
            return Err(type_error(
                format!("{}() got an unexpected keyword argument '{k}'", name.rsplit('.').next().unwrap_or(name)),
                span,
            ));
        }
        let count = |n: usize| -> Result<(), EvalError> {
            if args.len() != n {
                let short = name.rsplit('.').next().unwrap_or(name);
                return Err(type_error(
                    format!("{short}() takes exactly {n} argument{} ({} given)", if n == 1 { "" } else { "s" }, args.len()),
                    span,
                ));
            }
            Ok(())
        };
        Ok(match name {
            "time.time" | "time.monotonic" | "time.perf_counter" => {
                count(0)?;
                Value::Float(self.clock_seconds(&format!("{name}()"), span)?)
            }
            "time.sleep" => {
                count(1)?;
                match args[0].as_f64() {
                    Some(s) if s < 0.0 => return Err(value_error("ValueError", "sleep length must be non-negative", span)),
                    Some(_) => Value::None,
                    None => return Err(type_error(format!("'{}' object cannot be interpreted as an integer", args[0].type_name()), span)),
                }
            }
            "textwrap.dedent" => {
                count(1)?;
                let t = str_args("dedent", &args, span)?[0];
                self.alloc_bytes(t.len())?;
                Value::str(&dedent(t))
            }
            "textwrap.indent" => {
                if kwargs.iter().any(|(k, _)| k == "predicate") {
                    return Err(unsupported("textwrap.indent(predicate=...)", span));
                }
                count(2)?;
                let a = str_args("indent", &args, span)?;
                let lines = a[0].matches('\n').count() + 1;
                self.alloc_bytes(a[0].len().saturating_add(lines.saturating_mul(a[1].len())))?;
                Value::str(&indent(a[0], a[1]))
            }
            "math.isnan" | "math.isinf" | "math.isfinite" | "math.floor" | "math.ceil" | "math.sqrt" => {
                count(1)?;
                let x = args[0].as_f64().ok_or_else(|| type_error(format!("must be real number, not {}", args[0].type_name()), span))?;
                match name {
                    "math.isnan" => Value::Bool(x.is_nan()),
                    "math.isinf" => Value::Bool(x.is_infinite()),
                    "math.isfinite" => Value::Bool(x.is_finite()),
                    "math.sqrt" if x < 0.0 => return Err(value_error("ValueError", "math domain error", span)),
                    "math.sqrt" => Value::Float(x.sqrt()),
                    _ if args[0].as_int().is_some() => Value::Int(args[0].as_int().unwrap_or(0)),
                    _ => {
                        let r = if name == "math.floor" { x.floor() } else { x.ceil() };
                        if !r.is_finite() || r.abs() >= 9.2e18 {
                            return Err(value_error("OverflowError", "cannot convert float infinity to integer", span));
                        }
                        Value::Int(r as i64)
                    }
                }
            }
            "os.getenv" => {
                if args.is_empty() || args.len() > 2 {
                    return Err(type_error(format!("getenv() takes from 1 to 2 positional arguments but {} were given", args.len()), span));
                }
                str_args("getenv", &args[..1], span)?;
                args.get(1).cloned().unwrap_or(Value::None)
            }
            "os.path.join" => {
                if args.is_empty() {
                    return Err(type_error("join() missing 1 required positional argument: 'a'", span));
                }
                let parts = str_args("join", &args, span)?;
                let mut out = String::new();
                for p in parts {
                    if p.starts_with('/') {
                        out.clear();
                    } else if !out.is_empty() && !out.ends_with('/') {
                        out.push('/');
                    }
                    out.push_str(p);
                }
                self.alloc_bytes(out.len())?;
                Value::str(&out)
            }
            "os.path.dirname" | "os.path.basename" | "os.path.splitext" => {
                count(1)?;
                let p = str_args(name, &args, span)?[0];
                let cut = p.rfind('/').map_or(0, |i| i + 1);
                match name {
                    "os.path.basename" => Value::str(&p[cut..]),
                    "os.path.dirname" => {
                        let head = &p[..cut];
                        let trimmed = head.trim_end_matches('/');
                        Value::str(if trimmed.is_empty() { head } else { trimmed })
                    }
                    _ => {
                        let base = &p[cut..];
                        let dot = base.rfind('.').filter(|&i| base[..i].bytes().any(|b| b != b'.'));
                        let at = dot.map_or(p.len(), |i| cut + i);
                        Value::Tuple(vec![Value::str(&p[..at]), Value::str(&p[at..])].into())
                    }
                }
            }
            _ => return Err(unsupported(&format!("{name}()"), span)),
        })
    }
}
