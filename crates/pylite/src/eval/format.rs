//! String formatting: `%` (printf-style), format specs (`{x:>10}`, `{n:03d}`), f-strings and
//! `str.format`, with Python's results and messages for the supported subset.

use super::exec::unsupported;
use super::expr::{type_error, value_error};
use super::value::repr_float;
use super::{Env, EvalError, Interpreter, Value};
use crate::ast::FStringPart;
use diagnostics::Span;

/// Widths and precisions above this are refused (they would only build huge strings).
const MAX_WIDTH: usize = 10_000;

impl Interpreter<'_> {
    pub(crate) fn fstring(&mut self, parts: &[FStringPart], env: &Env) -> Result<String, EvalError> {
        let mut out = String::new();
        for p in parts {
            match p {
                FStringPart::Literal(s) => out.push_str(s),
                FStringPart::Field { expr, conversion, format_spec, span } => {
                    let v = self.eval(expr, env)?;
                    let v = match conversion {
                        Some('r') => Value::str(&self.text(&v, true)?),
                        Some('s') => Value::str(&self.text(&v, false)?),
                        Some(c) => return Err(unsupported(&format!("!{c} conversion"), *span)),
                        None => v,
                    };
                    let spec = self.fstring(format_spec, env)?;
                    let piece = self.apply_spec(&v, &spec, *span)?;
                    out.push_str(&piece);
                }
            }
        }
        Ok(out)
    }
}

impl Interpreter<'_> {
    /// `format(value, spec)`; its text charged to the memory budget before it is built.
    pub(crate) fn apply_spec(&mut self, v: &Value, spec: &str, span: Span) -> Result<String, EvalError> {
        if spec.is_empty() {
            return self.text(v, false);
        }
        if let Value::Str(s) = v {
            self.alloc_bytes(s.len())?;
        }
        let out = apply_spec(v, spec, span)?;
        self.alloc_bytes(out.len())?;
        Ok(out)
    }
}

/// `format(value, spec)` for the spec mini-language: `[[fill]align][sign][0][width][,][.prec][type]`.
/// The caller charges the text (see `Interpreter::apply_spec`).
fn apply_spec(v: &Value, spec: &str, span: Span) -> Result<String, EvalError> {
    if spec.is_empty() {
        return Ok(v.to_str());
    }
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let (mut fill, mut align) = (' ', None);
    if chars.len() >= 2 && matches!(chars[1], '<' | '>' | '^' | '=') {
        (fill, align, i) = (chars[0], Some(chars[1]), 2);
    } else if matches!(chars[0], '<' | '>' | '^' | '=') {
        (align, i) = (Some(chars[0]), 1);
    }
    let mut sign = '-';
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        sign = chars[i];
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' && align.is_none() {
        (fill, align) = ('0', Some('='));
        i += 1;
    }
    let num = |i: &mut usize| {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>().parse::<usize>().ok()
    };
    let width = num(&mut i).unwrap_or(0);
    let comma = i < chars.len() && chars[i] == ',';
    if comma {
        i += 1;
    }
    let precision = if i < chars.len() && chars[i] == '.' {
        i += 1;
        num(&mut i)
    } else {
        None
    };
    let ty = chars.get(i).copied();
    if i + usize::from(ty.is_some()) != chars.len() || width > MAX_WIDTH || precision.is_some_and(|p| p > MAX_WIDTH) {
        return Err(value_error("ValueError", format!("Invalid format specifier '{spec}' for object of type '{}'", v.type_name()), span));
    }
    let bad =
        || value_error("ValueError", format!("Unknown format code '{}' for object of type '{}'", ty.unwrap_or('s'), v.type_name()), span);
    let is_num = matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_));
    let body = match (ty, v) {
        (None | Some('s'), Value::Str(s)) => match precision {
            Some(p) => s.chars().take(p).collect(),
            None => s.to_string(),
        },
        (Some('s'), _) => return Err(bad()),
        (None | Some('d') | Some('n'), Value::Int(_) | Value::Bool(_)) if precision.is_none() || ty.is_none() => {
            let n = v.as_int().unwrap_or(0);
            if let (None, Some(p)) = (ty, precision) {
                format!("{:.p$}", n as f64)
            } else {
                group(&n.unsigned_abs().to_string(), comma, n < 0)
            }
        }
        (Some('x' | 'X' | 'o' | 'b'), Value::Int(_) | Value::Bool(_)) => {
            let n = v.as_int().unwrap_or(0);
            let m = n.unsigned_abs();
            let s = match ty {
                Some('x') => format!("{m:x}"),
                Some('X') => format!("{m:X}"),
                Some('o') => format!("{m:o}"),
                _ => format!("{m:b}"),
            };
            if n < 0 {
                format!("-{s}")
            } else {
                s
            }
        }
        (Some('f' | 'F' | '%' | 'e'), _) | (None, Value::Float(_)) if is_num => {
            let f = v.as_f64().unwrap_or(0.0);
            match ty {
                None if precision.is_none() => repr_float(f),
                None => format!("{f:.*}", precision.unwrap_or(6)),
                Some('%') => format!("{:.*}%", precision.unwrap_or(6), f * 100.0),
                Some('e') => exp_form(f, precision.unwrap_or(6)),
                _ => {
                    let s = format!("{:.*}", precision.unwrap_or(6), f.abs());
                    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
                    let g = group(int, comma, f.is_sign_negative() && f != 0.0);
                    match frac {
                        Some(fr) => format!("{g}.{fr}"),
                        None => g,
                    }
                }
            }
        }
        _ => return Err(bad()),
    };
    let body = if is_num && sign != '-' && !body.starts_with('-') { format!("{sign}{body}") } else { body };
    let len = body.chars().count();
    if len >= width {
        return Ok(body);
    }
    let pad = width - len;
    let fills = |n: usize| fill.to_string().repeat(n);
    Ok(match align.unwrap_or(if is_num { '>' } else { '<' }) {
        '<' => format!("{body}{}", fills(pad)),
        '>' => format!("{}{body}", fills(pad)),
        '^' => format!("{}{body}{}", fills(pad / 2), fills(pad - pad / 2)),
        _ => match body.chars().next() {
            Some(c @ ('-' | '+' | ' ')) if is_num => format!("{c}{}{}", fills(pad), &body[1..]),
            _ => format!("{}{body}", fills(pad)),
        },
    })
}

fn group(digits: &str, comma: bool, negative: bool) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if comma && i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if negative {
        format!("-{out}")
    } else {
        out
    }
}

fn exp_form(f: f64, p: usize) -> String {
    let s = format!("{f:.p$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

impl Interpreter<'_> {
    /// `fmt % args` with `%s %r %d %i %f %x %%`, flags `-0+ `, width and precision, `%(name)s`.
    pub(crate) fn percent(&mut self, fmt: &str, args: &Value, span: Span) -> Result<String, EvalError> {
        let positional: Vec<Value> = match args {
            Value::Tuple(t) => t.to_vec(),
            _ => vec![args.clone()],
        };
        let mapping = matches!(args, Value::Dict(_));
        let mut next = 0;
        let mut out = String::new();
        let mut it = fmt.char_indices().peekable();
        let too_few = || type_error("not enough arguments for format string", span);
        while let Some((_, c)) = it.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut key = None;
            if it.peek().map(|x| x.1) == Some('(') {
                it.next();
                let mut k = String::new();
                for (_, c) in it.by_ref() {
                    if c == ')' {
                        break;
                    }
                    k.push(c);
                }
                key = Some(k);
            }
            let mut flags = String::new();
            while let Some(&(_, f @ ('-' | '0' | '+' | ' ' | '#'))) = it.peek() {
                flags.push(f);
                it.next();
            }
            let mut spec_num = String::new();
            while let Some(&(_, d)) = it.peek().filter(|x| x.1.is_ascii_digit() || x.1 == '.') {
                spec_num.push(d);
                it.next();
            }
            let Some((_, ty)) = it.next() else {
                return Err(value_error("ValueError", "incomplete format", span));
            };
            if ty == '%' {
                out.push('%');
                continue;
            }
            let arg = match &key {
                Some(k) => {
                    let Value::Dict(d) = args else { return Err(type_error("format requires a mapping", span)) };
                    let key = Value::str(k);
                    let found = {
                        let d = d.borrow();
                        self.metered(|m| {
                            for (k2, v) in d.iter() {
                                if super::value::eq_in(k2, &key, m, 0)? {
                                    return Ok(Some(v.clone()));
                                }
                            }
                            Ok(None)
                        })?
                    };
                    found.ok_or_else(|| EvalError::new("eval-error", format!("KeyError: {}", key.repr()), span).catchable("KeyError"))?
                }
                None if mapping => args.clone(),
                None => {
                    let a = positional.get(next).cloned().ok_or_else(too_few)?;
                    next += 1;
                    a
                }
            };
            let (width, prec) = match spec_num.split_once('.') {
                Some((w, p)) => (w, Some(p.parse::<usize>().unwrap_or(0))),
                None => (spec_num.as_str(), None),
            };
            let body = match ty {
                's' => self.text(&arg, false)?,
                'r' => self.text(&arg, true)?,
                'd' | 'i' | 'u' => match &arg {
                    Value::Float(f) => format!("{}", f.trunc() as i64),
                    v => v
                        .as_int()
                        .map(|n| n.to_string())
                        .ok_or_else(|| type_error(format!("%{ty} format: a real number is required, not {}", v.type_name()), span))?,
                },
                'f' | 'F' | 'e' | 'x' | 'X' | 'o' => {
                    let spec = format!("{}{}", prec.map(|p| format!(".{p}")).unwrap_or_default(), if ty == 'F' { 'f' } else { ty });
                    if !matches!(arg, Value::Int(_) | Value::Bool(_) | Value::Float(_)) {
                        return Err(type_error(format!("must be real number, not {}", arg.type_name()), span));
                    }
                    let arg = if matches!(ty, 'f' | 'F' | 'e') { Value::Float(arg.as_f64().unwrap_or(0.0)) } else { arg };
                    apply_spec(&arg, &spec, span)?
                }
                c => return Err(unsupported(&format!("%{c} format"), span)),
            };
            let body = match (ty, prec) {
                ('s' | 'r', Some(p)) => body.chars().take(p).collect(),
                _ => body,
            };
            self.alloc_bytes(body.len())?;
            let body =
                if flags.contains('+') && matches!(ty, 'd' | 'i' | 'f') && !body.starts_with('-') { format!("+{body}") } else { body };
            let width: usize = width.parse().unwrap_or(0).min(MAX_WIDTH);
            let pad = width.saturating_sub(body.chars().count());
            if flags.contains('-') {
                out.push_str(&body);
                out.push_str(&" ".repeat(pad));
            } else if flags.contains('0') && ty != 's' && ty != 'r' {
                let (sign, digits) = if body.starts_with(['-', '+']) { body.split_at(1) } else { ("", body.as_str()) };
                out.push_str(&format!("{sign}{}{digits}", "0".repeat(pad)));
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(&body);
            }
        }
        if !mapping && next < positional.len() {
            return Err(type_error("not all arguments converted during string formatting", span));
        }
        Ok(out)
    }
}

impl Interpreter<'_> {
    /// `"...".format(*args, **kwargs)`: `{}`, `{0}`, `{name}`, `{!r}`, `{:spec}`, `{{`/`}}`.
    pub(crate) fn str_format(&mut self, fmt: &str, args: &[Value], kwargs: &[(String, Value)], span: Span) -> Result<String, EvalError> {
        let mut out = String::new();
        let mut auto = 0;
        let mut chars = fmt.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '}' => return Err(value_error("ValueError", "Single '}' encountered in format string", span)),
                '{' => {
                    let mut field = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('{') => return Err(unsupported("nested replacement field in str.format", span)),
                            Some(c) => field.push(c),
                            None => return Err(value_error("ValueError", "expected '}' before end of string", span)),
                        }
                    }
                    let (head, spec) = field.split_once(':').unwrap_or((&field, ""));
                    let (name, conv) = match head.split_once('!') {
                        Some((n, c)) => (n, Some(c)),
                        None => (head, None),
                    };
                    let v = if name.is_empty() {
                        auto += 1;
                        args.get(auto - 1)
                    } else if let Ok(i) = name.parse::<usize>() {
                        args.get(i)
                    } else if name.contains(['.', '[']) {
                        return Err(unsupported("attribute or index in a str.format field", span));
                    } else {
                        match kwargs.iter().find(|(k, _)| k == name) {
                            Some((_, v)) => Some(v),
                            None => return Err(EvalError::new("eval-error", format!("KeyError: '{name}'"), span).catchable("KeyError")),
                        }
                    };
                    let v = v.ok_or_else(|| {
                        value_error(
                            "IndexError",
                            format!("Replacement index {} out of range for positional args tuple", auto.max(1) - 1),
                            span,
                        )
                    })?;
                    let v = match conv {
                        Some("r") => Value::str(&self.text(v, true)?),
                        Some("s") => Value::str(&self.text(v, false)?),
                        Some(c) => return Err(unsupported(&format!("!{c} conversion"), span)),
                        None => v.clone(),
                    };
                    let piece = self.apply_spec(&v, spec, span)?;
                    out.push_str(&piece);
                }
                c => out.push(c),
            }
        }
        Ok(out)
    }
}
