//! Literal rendering (`literal_binds=True`) as SQLAlchemy's SQLite compiler does it.

/// A Python value handed to `bulk_insert` (or any literal-bound parameter).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `None`
    Null,
    Bool(bool),
    /// Python ints are unbounded; keep the decimal text when it does not fit.
    Int(i128),
    Float(f64),
    Str(String),
    /// `decimal.Decimal`, kept as its text (`1.50` renders `1.50`).
    Decimal(String),
    /// `datetime.date(y, m, d)`
    Date {
        year: i32,
        month: u32,
        day: u32,
    },
    /// `datetime.datetime(...)`; SQLite's storage format always prints microseconds.
    DateTime {
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        microsecond: u32,
    },
    /// `datetime.time(...)`
    Time {
        hour: u32,
        minute: u32,
        second: u32,
        microsecond: u32,
    },
}

/// A SQL string literal: single quotes, embedded quotes doubled.
pub fn quote_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Python's `repr(float)`: shortest round-trip digits, positional notation for
/// decimal exponents in [-4, 16), otherwise `d.ddde+XX`.
pub fn python_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // `{:e}` gives the shortest round-trip mantissa, e.g. "1.5e0", "-1e20".
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent digits");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{body}")
    } else {
        let m = if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits };
        format!("{sign}{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    }
}

impl Value {
    /// The literal SQL text for this value. Integer columns coerce floats with
    /// `int()`, which is why the target type is passed.
    pub fn render(&self, type_: Option<&crate::SqlType>) -> String {
        use crate::types::Affinity;
        match self {
            Value::Null => "NULL".into(),
            Value::Bool(b) => if *b { "1" } else { "0" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => {
                if type_.map(|t| t.affinity()) == Some(Affinity::Integer) {
                    (f.trunc() as i128).to_string()
                } else {
                    python_float_repr(*f)
                }
            }
            Value::Str(s) => quote_string(s),
            Value::Decimal(d) => d.clone(),
            Value::Date { year, month, day } => format!("'{year:04}-{month:02}-{day:02}'"),
            Value::DateTime { year, month, day, hour, minute, second, microsecond } => {
                format!("'{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}.{microsecond:06}'")
            }
            Value::Time { hour, minute, second, microsecond } => {
                format!("'{hour:02}:{minute:02}:{second:02}.{microsecond:06}'")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        for (f, s) in [
            (1.5, "1.5"),
            (3.0, "3.0"),
            (1e20, "1e+20"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5e-7, "-2.5e-07"),
            (123456.789, "123456.789"),
            (0.0, "0.0"),
        ] {
            assert_eq!(python_float_repr(f), s);
        }
    }
}
