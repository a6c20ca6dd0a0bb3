//! Python values ↔ SQL values: bound parameters online, literals offline, rows read back,
//! and SQLAlchemy's `text()` bind syntax (`:name`) turned into SQLite's `?`.

use pylite::eval::{CallContext, EvalError, Value};
use sqlschema::literal::Value as Literal;

use crate::runtime::SqlValue;

/// A bound parameter as pysqlite receives it (`True` is 1).
pub fn to_sql(v: &Value, cx: &CallContext) -> Result<SqlValue, EvalError> {
    Ok(match v {
        Value::None => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Int(i) => SqlValue::Integer(*i),
        Value::Float(f) => SqlValue::Real(*f),
        Value::Str(s) => SqlValue::Text(s.to_string()),
        Value::Bytes(b) => SqlValue::Blob(b.to_vec()),
        _ => return Err(unbindable(v, cx)),
    })
}

/// A value rendered inline (offline `bulk_insert`, offline `text()` binds).
pub fn to_literal(v: &Value, cx: &CallContext) -> Result<Literal, EvalError> {
    Ok(match v {
        Value::None => Literal::Null,
        Value::Bool(b) => Literal::Bool(*b),
        Value::Int(i) => Literal::Int(*i as i128),
        Value::Float(f) => Literal::Float(*f),
        Value::Str(s) => Literal::Str(s.to_string()),
        _ => return Err(unbindable(v, cx)),
    })
}

fn unbindable(v: &Value, cx: &CallContext) -> EvalError {
    super::unsupported(cx, &format!("a {} as a SQL parameter", v.type_name()))
}

/// A column value read back from SQLite.
pub fn from_sql(v: &SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::None,
        SqlValue::Integer(i) => Value::Int(*i),
        SqlValue::Real(f) => Value::Float(*f),
        SqlValue::Text(s) => Value::str(s),
        SqlValue::Blob(b) => Value::Bytes(b.as_slice().into()),
    }
}

/// The `:name` bind parameters of a `text()` statement, in order of appearance, with each
/// replaced by `replace(name)`: SQLAlchemy's `(?<![:\w\\]):(\w+)(?!:)`, quotes included,
/// and `\:` unescaped to `:`.
pub fn rewrite_binds(sql: &str, mut replace: impl FnMut(&str) -> Result<String, EvalError>) -> Result<String, EvalError> {
    let chars: Vec<char> = sql.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1) == Some(&':') {
            out.push(':');
            i += 2;
            continue;
        }
        let free = i == 0 || !(word(chars[i - 1]) || chars[i - 1] == ':' || chars[i - 1] == '\\');
        if c == ':' && free && chars.get(i + 1).is_some_and(|n| word(*n)) {
            let mut j = i + 1;
            while j < chars.len() && word(chars[j]) {
                j += 1;
            }
            if chars.get(j) != Some(&':') {
                let name: String = chars[i + 1..j].iter().collect();
                out.push_str(&replace(&name)?);
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    Ok(out)
}

/// Looks `name` up in the binds of `text().bindparams()` and then in the call's parameters.
pub fn bind_value<'a>(name: &str, sources: &[&'a [(String, Value)]], cx: &CallContext) -> Result<&'a Value, EvalError> {
    sources.iter().flat_map(|s| s.iter()).find(|(k, _)| k == name).map(|(_, v)| v).ok_or_else(|| {
        cx.error("migration-failed", format!("(sqlalchemy.exc.InvalidRequestError) A value is required for bind parameter '{name}'"))
    })
}

/// A dict of str keys as (key, value) pairs.
pub fn dict_pairs(v: &Value, cx: &CallContext) -> Result<Vec<(String, Value)>, EvalError> {
    match v {
        Value::Dict(d) => d
            .borrow()
            .iter()
            .map(|(k, v)| match k {
                Value::Str(s) => Ok((s.to_string(), v.clone())),
                _ => Err(cx.error("type-error", "keys must be column names (str)").catchable("TypeError")),
            })
            .collect(),
        _ => Err(cx.error("type-error", format!("expected a dict, got {}", v.type_name())).catchable("TypeError")),
    }
}
