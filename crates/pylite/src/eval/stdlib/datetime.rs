//! `datetime`: `datetime`, `date`, `timedelta`, `timezone` (fixed offsets, `timezone.utc`):
//! construction, arithmetic, comparison, `isoformat`/`fromisoformat`, `strftime`, `str()`
//! and `repr()` as CPython 3.11 gives them. `now()`/`today()` read the embedding program's
//! clock (`Host::now`); pylite's local time zone is UTC. Day arithmetic is the `calendar`
//! crate's.

use super::native::{of, value, Native, DAY, SECOND};
use crate::ast::BinOp;
use crate::eval::exec::{attribute_error, unsupported};
use crate::eval::expr::{type_error, value_error};
use crate::eval::{EvalError, Interpreter, Value};
use calendar::{civil_from_days, days_from_civil};
use diagnostics::Span;

const MAX_DAYS: i64 = 999_999_999;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;

pub(super) fn module_attrs() -> Vec<(&'static str, Value)> {
    vec![
        ("datetime", value(Native::Type("datetime"))),
        ("date", value(Native::Type("date"))),
        ("timedelta", value(Native::Type("timedelta"))),
        ("timezone", value(Native::Type("timezone"))),
        ("MINYEAR", Value::Int(1)),
        ("MAXYEAR", Value::Int(9999)),
    ]
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since the epoch of a valid Python date (year 1..=9999), else Python's message.
fn checked_days(y: i64, m: i64, d: i64) -> Result<i64, String> {
    if !(1..=9999).contains(&y) {
        return Err(format!("year {y} is out of range"));
    }
    if !(1..=12).contains(&m) {
        return Err("month must be in 1..12".into());
    }
    if d < 1 || d > days_in_month(y, m) {
        return Err("day is out of range for month".into());
    }
    Ok(days_from_civil(y, m, d))
}

/// The datetime range Python allows (years 1 to 9999).
fn in_range(micros: i64) -> bool {
    let days = micros.div_euclid(DAY);
    (days_from_civil(1, 1, 1)..=days_from_civil(9999, 12, 31)).contains(&days)
}

pub(super) fn iso_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn iso_time(micros_of_day: i64) -> String {
    let (h, mi, s, us) = split_time(micros_of_day);
    if us != 0 {
        format!("{h:02}:{mi:02}:{s:02}.{us:06}")
    } else {
        format!("{h:02}:{mi:02}:{s:02}")
    }
}

fn split_time(t: i64) -> (i64, i64, i64, i64) {
    (t / HOUR, t % HOUR / MINUTE, t % MINUTE / SECOND, t % SECOND)
}

/// `+HH:MM` (with `:SS` when the offset has seconds).
fn offset_text(off: i64) -> String {
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.abs();
    if a % 60 != 0 {
        format!("{sign}{:02}:{:02}:{:02}", a / 3600, a % 3600 / 60, a % 60)
    } else {
        format!("{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
    }
}

pub(super) fn isoformat(micros: i64, tz: Option<i64>, sep: char) -> String {
    let mut out = format!("{}{sep}{}", iso_date(micros.div_euclid(DAY)), iso_time(micros.rem_euclid(DAY)));
    if let Some(off) = tz {
        out.push_str(&offset_text(off));
    }
    out
}

pub(super) fn tz_name(off: i64) -> String {
    if off == 0 {
        "UTC".into()
    } else {
        format!("UTC{}", offset_text(off))
    }
}

fn tz_repr(off: i64) -> String {
    if off == 0 {
        "datetime.timezone.utc".into()
    } else {
        format!("datetime.timezone({})", repr_timedelta(off * SECOND))
    }
}

pub(super) fn repr_datetime(micros: i64, tz: Option<i64>) -> String {
    let (y, m, d) = civil_from_days(micros.div_euclid(DAY));
    let (h, mi, s, us) = split_time(micros.rem_euclid(DAY));
    let mut out = format!("datetime.datetime({y}, {m}, {d}, {h}, {mi}");
    if s != 0 || us != 0 {
        out.push_str(&format!(", {s}"));
    }
    if us != 0 {
        out.push_str(&format!(", {us}"));
    }
    if let Some(off) = tz {
        out.push_str(&format!(", tzinfo={}", tz_repr(off)));
    }
    out.push(')');
    out
}

/// (days, seconds, microseconds) as Python normalises a timedelta.
fn td_parts(us: i64) -> (i64, i64, i64) {
    (us.div_euclid(DAY), us.rem_euclid(DAY) / SECOND, us.rem_euclid(SECOND))
}

pub(super) fn repr_timedelta(us: i64) -> String {
    let (d, s, u) = td_parts(us);
    let parts: Vec<String> =
        [("days", d), ("seconds", s), ("microseconds", u)].iter().filter(|(_, v)| *v != 0).map(|(k, v)| format!("{k}={v}")).collect();
    if parts.is_empty() {
        "datetime.timedelta(0)".into()
    } else {
        format!("datetime.timedelta({})", parts.join(", "))
    }
}

pub(super) fn str_timedelta(us: i64) -> String {
    let (d, s, u) = td_parts(us);
    let mut out = String::new();
    if d != 0 {
        out.push_str(&format!("{d} day{}, ", if d.abs() != 1 { "s" } else { "" }));
    }
    out.push_str(&format!("{}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60));
    if u != 0 {
        out.push_str(&format!(".{u:06}"));
    }
    out
}

const DAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_NAMES: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// Monday = 0 (1970-01-01 was a Thursday).
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// `strftime` for the codes revision files use; C's (glibc's) results in the C locale.
fn strftime(micros: i64, tz: Option<i64>, fmt: &str, span: Span) -> Result<String, EvalError> {
    let days = micros.div_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, us) = split_time(micros.rem_euclid(DAY));
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(code) = chars.next() else {
            out.push('%');
            break;
        };
        let piece = match code {
            'Y' => format!("{y}"),
            'y' => format!("{:02}", y % 100),
            'm' => format!("{m:02}"),
            'd' => format!("{d:02}"),
            'e' => format!("{d:>2}"),
            'H' => format!("{h:02}"),
            'I' => format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 }),
            'p' => (if h < 12 { "AM" } else { "PM" }).into(),
            'M' => format!("{mi:02}"),
            'S' => format!("{s:02}"),
            'f' => format!("{us:06}"),
            'j' => format!("{:03}", days - days_from_civil(y, 1, 1) + 1),
            'a' => DAY_NAMES[weekday(days) as usize][..3].into(),
            'A' => DAY_NAMES[weekday(days) as usize].into(),
            'w' => format!("{}", (weekday(days) + 1) % 7),
            'b' | 'h' => MONTH_NAMES[m as usize - 1][..3].into(),
            'B' => MONTH_NAMES[m as usize - 1].into(),
            'F' => format!("{y:04}-{m:02}-{d:02}"),
            'T' => format!("{h:02}:{mi:02}:{s:02}"),
            'D' => format!("{m:02}/{d:02}/{:02}", y % 100),
            'z' => tz.map(|o| offset_text(o).replace(':', "")).unwrap_or_default(),
            'Z' => tz.map(tz_name).unwrap_or_default(),
            '%' => "%".into(),
            c => return Err(unsupported(&format!("the strftime code %{c}"), span)),
        };
        out.push_str(&piece);
    }
    Ok(out)
}

/// Python 3.11's `fromisoformat`: `YYYY-MM-DD[*HH[:MM[:SS[.ffffff]]]][Z|±HH:MM[:SS]]`.
fn parse_iso(s: &str, with_time: bool) -> Option<(i64, Option<i64>)> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        (!t.is_empty() && t.bytes().all(|c| c.is_ascii_digit())).then(|| t.parse().ok())?
    };
    let (y, m, d) = if b.get(4) == Some(&b'-') {
        (b.get(7) == Some(&b'-')).then_some(())?;
        (num(0..4)?, num(5..7)?, num(8..10)?)
    } else {
        (num(0..4)?, num(4..6)?, num(6..8)?)
    };
    let date_len = if b.get(4) == Some(&b'-') { 10 } else { 8 };
    let days = checked_days(y, m, d).ok()?;
    let rest = s.get(date_len..)?;
    if rest.is_empty() {
        return Some((days * DAY, None));
    }
    if !with_time {
        return None;
    }
    let rest = rest.get(rest.chars().next()?.len_utf8()..)?;
    let tz_at = rest.find(['Z', '+', '-']).unwrap_or(rest.len());
    let (time, tz) = rest.split_at(tz_at);
    // The basic format (`030405`) has no colons.
    let spaced: String;
    let time = if time.contains(':') || time.len() < 4 {
        time
    } else {
        let (hms, frac) = time.split_at(time.find(['.', ',']).unwrap_or(time.len()));
        spaced = hms.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(":") + frac;
        &spaced
    };
    let mut fields = time.splitn(3, ':');
    let h = fields.next().filter(|f| f.len() == 2)?.parse::<i64>().ok()?;
    let mi = fields.next().map(|f| if f.len() == 2 { f.parse::<i64>().ok() } else { None }).unwrap_or(Some(0))?;
    let (sec, frac) = match fields.next() {
        Some(f) => {
            let (whole, frac) = f.split_once(['.', ',']).unwrap_or((f, ""));
            if whole.len() != 2 || frac.len() > 6 || !frac.bytes().all(|c| c.is_ascii_digit()) || (f.len() > 2 && frac.is_empty()) {
                return None;
            }
            (whole.parse::<i64>().ok()?, if frac.is_empty() { 0 } else { format!("{frac:0<6}").parse::<i64>().ok()? })
        }
        None => (0, 0),
    };
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let off = match tz {
        "" => None,
        "Z" => Some(0),
        t => {
            let sign = if t.starts_with('-') { -1 } else { 1 };
            let mut p = t[1..].split(':');
            let oh = p.next().filter(|x| x.len() == 2)?.parse::<i64>().ok()?;
            let om = p.next().map(|x| if x.len() == 2 { x.parse::<i64>().ok() } else { None }).unwrap_or(Some(0))?;
            let os = p.next().map(|x| if x.len() == 2 { x.parse::<i64>().ok() } else { None }).unwrap_or(Some(0))?;
            Some(sign * (oh * 3600 + om * 60 + os))
        }
    };
    Some((days * DAY + h * HOUR + mi * MINUTE + sec * SECOND + frac, off))
}

/// Why `YYYY-MM-DD...` is not a date, when its fields are numbers.
fn date_error(s: &str) -> Option<String> {
    let field = |r: std::ops::Range<usize>| s.get(r).filter(|t| t.bytes().all(|b| b.is_ascii_digit()))?.parse::<i64>().ok();
    if s.get(4..5) != Some("-") || s.get(7..8) != Some("-") {
        return None;
    }
    checked_days(field(0..4)?, field(5..7)?, field(8..10)?).err()
}

fn overflow(span: Span) -> EvalError {
    value_error("OverflowError", "date value out of range", span)
}

fn td_checked(us: i128, span: Span) -> Result<Value, EvalError> {
    let days = us.div_euclid(DAY as i128);
    if days.abs() > MAX_DAYS as i128 {
        return Err(value_error("OverflowError", format!("days={days}; must have magnitude <= {MAX_DAYS}"), span));
    }
    // Microseconds in 64 bits reach ±106,751 days; Python's timedeltas reach further.
    let us = i64::try_from(us).map_err(|_| unsupported("a timedelta beyond 106,751 days", span))?;
    Ok(value(Native::TimeDelta(us)))
}

fn dt_checked(micros: i64, tz: Option<i64>, span: Span) -> Result<Value, EvalError> {
    if !in_range(micros) {
        return Err(overflow(span));
    }
    Ok(value(Native::DateTime { micros, tz }))
}

/// Arithmetic with dates, datetimes and timedeltas; `None` for other operands.
pub(super) fn binop(op: BinOp, l: &Value, r: &Value, span: Span) -> Option<Result<Value, EvalError>> {
    use Native::*;
    let (a, b) = (of(l), of(r));
    let n = |v: &Value| v.as_int();
    Some(match (op, a, b) {
        (BinOp::Add, Some(TimeDelta(x)), Some(TimeDelta(y))) => td_checked(*x as i128 + *y as i128, span),
        (BinOp::Sub, Some(TimeDelta(x)), Some(TimeDelta(y))) => td_checked(*x as i128 - *y as i128, span),
        (BinOp::Mult, Some(TimeDelta(x)), None) | (BinOp::Mult, None, Some(TimeDelta(x))) => {
            let other = if a.is_some() { r } else { l };
            match (n(other), other) {
                (Some(k), _) => td_checked(*x as i128 * k as i128, span),
                (None, Value::Float(f)) => td_checked((*x as f64 * f).round_ties_even() as i128, span),
                _ => return None,
            }
        }
        (BinOp::Div, Some(TimeDelta(x)), Some(TimeDelta(y))) if *y == 0 => Err(value_error("ZeroDivisionError", "division by zero", span)),
        (BinOp::Div, Some(TimeDelta(x)), Some(TimeDelta(y))) => Ok(Value::Float(*x as f64 / *y as f64)),
        (BinOp::FloorDiv, Some(TimeDelta(x)), Some(TimeDelta(y))) if *y == 0 => {
            Err(value_error("ZeroDivisionError", "integer division or modulo by zero", span))
        }
        (BinOp::FloorDiv, Some(TimeDelta(x)), Some(TimeDelta(y))) => Ok(Value::Int(x.div_euclid(*y))),
        (BinOp::Div | BinOp::FloorDiv, Some(TimeDelta(x)), None) => match r.as_f64() {
            Some(0.0) => Err(value_error("ZeroDivisionError", "division by zero", span)),
            Some(_) if op == BinOp::FloorDiv && n(r).is_some() => td_checked((*x).div_euclid(n(r).unwrap_or(1)) as i128, span),
            Some(k) => td_checked((*x as f64 / k).round_ties_even() as i128, span),
            None => return None,
        },
        (BinOp::Add, Some(DateTime { micros, tz }), Some(TimeDelta(d)))
        | (BinOp::Add, Some(TimeDelta(d)), Some(DateTime { micros, tz })) => dt_checked(micros.saturating_add(*d), *tz, span),
        (BinOp::Sub, Some(DateTime { micros, tz }), Some(TimeDelta(d))) => dt_checked(micros.saturating_sub(*d), *tz, span),
        (BinOp::Sub, Some(DateTime { micros: x, tz: p }), Some(DateTime { micros: y, tz: q })) => match (p, q) {
            (None, None) => td_checked(*x as i128 - *y as i128, span),
            (Some(p), Some(q)) => td_checked((*x - p * SECOND) as i128 - (*y - q * SECOND) as i128, span),
            _ => Err(type_error("can't subtract offset-naive and offset-aware datetimes", span)),
        },
        (BinOp::Add, Some(Date(days)), Some(TimeDelta(d))) | (BinOp::Add, Some(TimeDelta(d)), Some(Date(days))) => {
            date_checked(days + d.div_euclid(DAY), span)
        }
        (BinOp::Sub, Some(Date(days)), Some(TimeDelta(d))) => date_checked(days - d.div_euclid(DAY), span),
        (BinOp::Sub, Some(Date(x)), Some(Date(y))) => td_checked((*x - *y) as i128 * DAY as i128, span),
        _ => return None,
    })
}

fn date_checked(days: i64, span: Span) -> Result<Value, EvalError> {
    if !in_range(days.saturating_mul(DAY)) {
        return Err(overflow(span));
    }
    Ok(value(Native::Date(days)))
}

/// An attribute that is a value (methods are found first by `Native::method`).
pub(super) fn attr(n: &Native, name: &str, span: Span) -> Result<Value, EvalError> {
    let civil = |days: i64| civil_from_days(days);
    let found = match (n, name) {
        (Native::Date(days), "year" | "month" | "day") | (Native::DateTime { micros: days, .. }, "year" | "month" | "day") => {
            let days = if let Native::DateTime { .. } = n { days.div_euclid(DAY) } else { *days };
            let (y, m, d) = civil(days);
            Some(Value::Int(match name {
                "year" => y,
                "month" => m,
                _ => d,
            }))
        }
        (Native::DateTime { micros, .. }, "hour" | "minute" | "second" | "microsecond") => {
            let (h, mi, s, us) = split_time(micros.rem_euclid(DAY));
            Some(Value::Int(match name {
                "hour" => h,
                "minute" => mi,
                "second" => s,
                _ => us,
            }))
        }
        (Native::DateTime { tz, .. }, "tzinfo") => Some(tz.map_or(Value::None, |o| value(Native::TimeZone(o)))),
        (Native::TimeDelta(us), "days" | "seconds" | "microseconds") => {
            let (d, s, u) = td_parts(*us);
            Some(Value::Int(match name {
                "days" => d,
                "seconds" => s,
                _ => u,
            }))
        }
        (Native::Type("timezone"), "utc") => Some(value(Native::TimeZone(0))),
        (Native::Type("datetime"), "min") => Some(value(Native::DateTime { micros: days_from_civil(1, 1, 1) * DAY, tz: None })),
        (Native::Type("datetime"), "max") => {
            Some(value(Native::DateTime { micros: days_from_civil(9999, 12, 31) * DAY + DAY - 1, tz: None }))
        }
        (Native::Type(t), "__name__") => Some(Value::str(t)),
        _ => None,
    };
    found.ok_or_else(|| {
        let what = match n {
            Native::Type(t) => format!("type object 'datetime.{t}' has no attribute '{name}'"),
            n => format!("'{}' object has no attribute '{name}'", crate::eval::HostObject::type_name(n)),
        };
        attribute_error(what, span)
    })
}

/// Positional-or-keyword arguments by name, in order; Python's messages for what is wrong.
fn bind<'a>(
    func: &str,
    names: &[&str],
    args: &'a [Value],
    kwargs: &'a [(String, Value)],
    span: Span,
) -> Result<Vec<Option<&'a Value>>, EvalError> {
    if args.len() > names.len() {
        return Err(type_error(format!("{func}() takes at most {} arguments ({} given)", names.len(), args.len()), span));
    }
    let mut out: Vec<Option<&Value>> = names.iter().enumerate().map(|(i, _)| args.get(i)).collect();
    for (k, v) in kwargs {
        let Some(i) = names.iter().position(|n| n == k) else {
            return Err(type_error(format!("'{k}' is an invalid keyword argument for {func}()"), span));
        };
        if out[i].is_some() {
            return Err(type_error(format!("argument for {func}() given by name ('{k}') and position ({})", i + 1), span));
        }
        out[i] = Some(v);
    }
    Ok(out)
}

fn int_field(v: Option<&Value>, default: i64, span: Span) -> Result<i64, EvalError> {
    match v {
        None => Ok(default),
        Some(v) => v.as_int().ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name()), span)),
    }
}

fn tz_field(v: Option<&Value>, span: Span) -> Result<Option<i64>, EvalError> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match of(v) {
            Some(Native::TimeZone(o)) => Ok(Some(*o)),
            _ => Err(type_error(format!("tzinfo argument must be None or of a tzinfo subclass, not type '{}'", v.type_name()), span)),
        },
    }
}

fn required(v: Option<&Value>, name: &str, pos: usize, span: Span) -> Result<(), EvalError> {
    if v.is_none() {
        return Err(type_error(format!("function missing required argument '{name}' (pos {pos})"), span));
    }
    Ok(())
}

fn make_datetime(f: &[Option<&Value>], span: Span) -> Result<Value, EvalError> {
    for (i, name) in ["year", "month", "day"].iter().enumerate() {
        required(f[i], name, i + 1, span)?;
    }
    let (y, m, d) = (int_field(f[0], 0, span)?, int_field(f[1], 0, span)?, int_field(f[2], 0, span)?);
    let days = checked_days(y, m, d).map_err(|e| value_error("ValueError", e, span))?;
    let mut micros = days * DAY;
    for (i, (name, max, unit)) in
        [("hour", 23, HOUR), ("minute", 59, MINUTE), ("second", 59, SECOND), ("microsecond", 999_999, 1)].iter().enumerate()
    {
        let v = int_field(f[3 + i], 0, span)?;
        if !(0..=*max).contains(&v) {
            return Err(value_error("ValueError", format!("{name} must be in 0..{max}"), span));
        }
        micros += v * unit;
    }
    Ok(value(Native::DateTime { micros, tz: tz_field(f[7], span)? }))
}

const DATETIME_FIELDS: [&str; 8] = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"];

impl Interpreter<'_> {
    pub(super) fn call_datetime(
        &mut self,
        name: &str,
        _args: Vec<Value>,
        _kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        Err(unsupported(&format!("{name}()"), span))
    }

    /// The clock now, in microseconds since the epoch (UTC), from the embedding program.
    fn clock_micros(&mut self, what: &str, span: Span) -> Result<i64, EvalError> {
        match self.host.now() {
            Some(secs) => Ok((secs * 1e6).round() as i64),
            None => Err(EvalError::new("unsupported", format!("{what} needs a clock, and this program provides none"), span)),
        }
    }

    /// The seconds since the epoch, for `time.time()`.
    pub(super) fn clock_seconds(&mut self, what: &str, span: Span) -> Result<f64, EvalError> {
        Ok(self.clock_micros(what, span)? as f64 / 1e6)
    }

    /// `datetime(...)`, `date(...)`, `timedelta(...)`, `timezone(...)`.
    pub(super) fn construct_datetime(
        &mut self,
        t: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        match t {
            "datetime" => make_datetime(&bind("datetime", &DATETIME_FIELDS, &args, &kwargs, span)?, span),
            "date" => {
                let f = bind("date", &["year", "month", "day"], &args, &kwargs, span)?;
                for (i, name) in ["year", "month", "day"].iter().enumerate() {
                    required(f[i], name, i + 1, span)?;
                }
                let days = checked_days(int_field(f[0], 0, span)?, int_field(f[1], 0, span)?, int_field(f[2], 0, span)?)
                    .map_err(|e| value_error("ValueError", e, span))?;
                Ok(value(Native::Date(days)))
            }
            "timedelta" => {
                const UNITS: [(&str, i64); 7] = [
                    ("days", DAY),
                    ("seconds", SECOND),
                    ("microseconds", 1),
                    ("milliseconds", 1000),
                    ("minutes", MINUTE),
                    ("hours", HOUR),
                    ("weeks", 7 * DAY),
                ];
                let names: Vec<&str> = UNITS.iter().map(|(n, _)| *n).collect();
                let f = bind("timedelta", &names, &args, &kwargs, span)?;
                let (mut exact, mut fractional) = (0i128, 0f64);
                for (v, (_, unit)) in f.iter().zip(UNITS) {
                    match v {
                        None => {}
                        Some(Value::Float(x)) => fractional += x * unit as f64,
                        Some(v) => {
                            let k = v.as_int().ok_or_else(|| {
                                type_error(format!("unsupported type for timedelta {} component: {}", "", v.type_name()), span)
                            })?;
                            exact += k as i128 * unit as i128;
                        }
                    }
                }
                if !fractional.is_finite() || fractional.abs() > 1e20 {
                    return Err(value_error("OverflowError", "cannot convert float to integer", span));
                }
                td_checked(exact + fractional.round_ties_even() as i128, span)
            }
            "timezone" => {
                let f = bind("timezone", &["offset", "name"], &args, &kwargs, span)?;
                required(f[0], "offset", 1, span)?;
                if f[1].is_some() {
                    return Err(unsupported("a named timezone", span));
                }
                match f[0].and_then(of) {
                    Some(Native::TimeDelta(us)) if us.abs() < DAY && us % SECOND == 0 => Ok(value(Native::TimeZone(us / SECOND))),
                    Some(Native::TimeDelta(_)) => Err(value_error(
                        "ValueError",
                        "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
                        span,
                    )),
                    _ => Err(type_error(
                        format!("timezone() argument 1 must be datetime.timedelta, not {}", f[0].map_or("None".into(), Value::type_name)),
                        span,
                    )),
                }
            }
            _ => Err(unsupported(&format!("calling {t}"), span)),
        }
    }

    /// The methods of dates, datetimes, timedeltas, and the class methods of their types.
    pub(super) fn datetime_method(
        &mut self,
        n: &Native,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        let n = n.clone();
        let no_args = |args: &[Value], kwargs: &[(String, Value)]| -> Result<(), EvalError> {
            if !args.is_empty() || !kwargs.is_empty() {
                return Err(type_error(format!("{name}() takes no arguments ({} given)", args.len() + kwargs.len()), span));
            }
            Ok(())
        };
        let text = |s: String| Ok(Value::str(&s));
        match (&n, name) {
            (Native::Type(_), "now" | "today" | "utcnow") => {
                let f = bind(name, if name == "now" { &["tz"] } else { &[] }, &args, &kwargs, span)?;
                let tz = tz_field(f.first().copied().flatten(), span)?;
                let now = self.clock_micros(&format!("datetime.{name}()"), span)?;
                let local = now + tz.unwrap_or(0) * SECOND;
                if matches!(n, Native::Type("date")) {
                    return Ok(value(Native::Date(local.div_euclid(DAY))));
                }
                Ok(value(Native::DateTime { micros: local, tz }))
            }
            (Native::Type(t), "fromtimestamp" | "utcfromtimestamp") => {
                let f = bind(name, if name == "fromtimestamp" { &["timestamp", "tz"] } else { &["timestamp"] }, &args, &kwargs, span)?;
                required(f[0], "timestamp", 1, span)?;
                let secs = f[0].and_then(Value::as_f64).ok_or_else(|| type_error("'timestamp' must be a number", span))?;
                let tz = tz_field(f.get(1).copied().flatten(), span)?;
                let micros = (secs * 1e6).round_ties_even();
                if !micros.is_finite() || micros.abs() > 3e17 {
                    return Err(value_error("ValueError", "year is out of range", span));
                }
                let _ = t;
                dt_checked(micros as i64 + tz.unwrap_or(0) * SECOND, tz, span)
            }
            (Native::Type(t), "fromisoformat") => {
                let s = match args.first() {
                    Some(Value::Str(s)) if args.len() == 1 && kwargs.is_empty() => s.clone(),
                    Some(v) => return Err(type_error(format!("fromisoformat: argument must be str, not {}", v.type_name()), span)),
                    None => return Err(type_error("fromisoformat() takes exactly one argument (0 given)", span)),
                };
                let is_date = *t == "date";
                match parse_iso(&s, !is_date) {
                    Some((micros, _)) if is_date => Ok(value(Native::Date(micros.div_euclid(DAY)))),
                    Some((micros, tz)) => Ok(value(Native::DateTime { micros, tz })),
                    // A well-formed but impossible date gets the constructor's message.
                    None => Err(value_error(
                        "ValueError",
                        date_error(&s).unwrap_or_else(|| format!("Invalid isoformat string: {}", Value::Str(s).repr())),
                        span,
                    )),
                }
            }
            (Native::Type(_), "combine") => {
                let f = bind("combine", &["date", "time", "tzinfo"], &args, &kwargs, span)?;
                let _ = f;
                Err(unsupported("datetime.combine (datetime.time is not available)", span))
            }
            (Native::DateTime { micros, tz }, "isoformat") => {
                let f = bind("isoformat", &["sep", "timespec"], &args, &kwargs, span)?;
                if f[1].is_some() {
                    return Err(unsupported("isoformat(timespec=...)", span));
                }
                let sep = match f[0] {
                    None => 'T',
                    Some(Value::Str(s)) if s.chars().count() == 1 => s.chars().next().unwrap_or('T'),
                    Some(_) => return Err(type_error("isoformat() argument 1 must be a unicode character", span)),
                };
                text(isoformat(*micros, *tz, sep))
            }
            (Native::Date(days), "isoformat") => {
                no_args(&args, &kwargs)?;
                text(iso_date(*days))
            }
            (Native::DateTime { .. } | Native::Date(_), "strftime") => {
                let fmt = match args.first() {
                    Some(Value::Str(s)) if args.len() == 1 => s.clone(),
                    _ => return Err(type_error("strftime() argument 1 must be str", span)),
                };
                let (micros, tz) = match n {
                    Native::DateTime { micros, tz } => (micros, tz),
                    Native::Date(days) => (days * DAY, None),
                    _ => unreachable!(),
                };
                self.alloc_bytes(fmt.len().saturating_mul(4))?;
                text(strftime(micros, tz, &fmt, span)?)
            }
            (Native::DateTime { micros, .. }, "date") => {
                no_args(&args, &kwargs)?;
                Ok(value(Native::Date(micros.div_euclid(DAY))))
            }
            (Native::DateTime { micros, tz }, "timestamp") => {
                no_args(&args, &kwargs)?;
                Ok(Value::Float((micros - tz.unwrap_or(0) * SECOND) as f64 / 1e6))
            }
            (Native::DateTime { micros, tz }, "astimezone") => {
                let f = bind("astimezone", &["tz"], &args, &kwargs, span)?;
                let target = tz_field(f[0], span)?.unwrap_or(0);
                let utc = micros - tz.unwrap_or(0) * SECOND;
                dt_checked(utc + target * SECOND, Some(target), span)
            }
            (Native::DateTime { tz, .. }, "utcoffset") => {
                no_args(&args, &kwargs)?;
                Ok(tz.map_or(Value::None, |o| value(Native::TimeDelta(o * SECOND))))
            }
            (Native::DateTime { micros, .. }, "weekday" | "isoweekday") | (Native::Date(micros), "weekday" | "isoweekday") => {
                no_args(&args, &kwargs)?;
                let days = if matches!(n, Native::Date(_)) { *micros } else { micros.div_euclid(DAY) };
                Ok(Value::Int(weekday(days) + i64::from(name == "isoweekday")))
            }
            (Native::DateTime { micros, tz }, "replace") => {
                let (y, m, d) = civil_from_days(micros.div_euclid(DAY));
                let (h, mi, s, us) = split_time(micros.rem_euclid(DAY));
                let cur = [Value::Int(y), Value::Int(m), Value::Int(d), Value::Int(h), Value::Int(mi), Value::Int(s), Value::Int(us)];
                let tzv = tz.map_or(Value::None, |o| value(Native::TimeZone(o)));
                let f = bind("replace", &DATETIME_FIELDS, &args, &kwargs, span)?;
                let merged: Vec<Option<&Value>> = (0..8).map(|i| f[i].or(if i < 7 { Some(&cur[i]) } else { Some(&tzv) })).collect();
                make_datetime(&merged, span)
            }
            (Native::Date(days), "replace") => {
                let (y, m, d) = civil_from_days(*days);
                let f = bind("replace", &["year", "month", "day"], &args, &kwargs, span)?;
                let days = checked_days(int_field(f[0], y, span)?, int_field(f[1], m, span)?, int_field(f[2], d, span)?)
                    .map_err(|e| value_error("ValueError", e, span))?;
                Ok(value(Native::Date(days)))
            }
            (Native::TimeDelta(us), "total_seconds") => {
                no_args(&args, &kwargs)?;
                Ok(Value::Float(*us as f64 / 1e6))
            }
            _ => Err(unsupported(&format!("{}.{name}", crate::eval::HostObject::type_name(&n)), span)),
        }
    }
}
