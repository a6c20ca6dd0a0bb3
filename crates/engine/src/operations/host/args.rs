//! Binding a host call's arguments to parameter names, the way Python binds them, and the
//! small conversions every `op`/`sa` call needs (names, flags, lists of names).

use pylite::eval::{CallContext, EvalError, Value};

use super::downcast;
use super::sa::SaObj;

/// Arguments bound to a signature: named parameters, extra positionals (`*args`) and extra
/// keywords (`**kw`), each left for the callee to accept or refuse.
pub struct Bound {
    func: String,
    named: Vec<(&'static str, Value)>,
    pub rest: Vec<Value>,
    pub extra: Vec<(String, Value)>,
}

/// Binds `args`/`kwargs` to `params`; positionals beyond them go to `rest` when `star`.
pub fn bind(
    func: &str,
    params: &[&'static str],
    star: bool,
    args: Vec<Value>,
    kwargs: Vec<(String, Value)>,
    cx: &CallContext,
) -> Result<Bound, EvalError> {
    let mut b = Bound { func: func.to_string(), named: Vec::new(), rest: Vec::new(), extra: Vec::new() };
    let n = args.len();
    for (i, v) in args.into_iter().enumerate() {
        match params.get(i) {
            Some(p) => b.named.push((p, v)),
            None if star => b.rest.push(v),
            None => {
                return Err(cx
                    .error("type-error", format!("{func}() takes {} positional arguments but {n} were given", params.len()))
                    .catchable("TypeError"))
            }
        }
    }
    for (k, v) in kwargs {
        match params.iter().find(|p| **p == k) {
            Some(p) if b.named.iter().any(|(q, _)| q == p) => {
                return Err(cx.error("type-error", format!("{func}() got multiple values for argument '{k}'")));
            }
            Some(p) => b.named.push((p, v)),
            None => b.extra.push((k, v)),
        }
    }
    Ok(b)
}

impl Bound {
    /// The raw value, `None` when not given (an explicit `None` is `Some(Value::None)`).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.named.iter().find(|(p, _)| *p == name).map(|(_, v)| v)
    }

    /// Given and not `None`.
    pub fn some(&self, name: &str) -> Option<&Value> {
        self.get(name).filter(|v| !matches!(v, Value::None))
    }

    pub fn required(&self, name: &str, cx: &CallContext) -> Result<&Value, EvalError> {
        self.get(name).ok_or_else(|| {
            cx.error("type-error", format!("{}() missing 1 required positional argument: '{name}'", self.func)).catchable("TypeError")
        })
    }

    pub fn req_str(&self, name: &str, cx: &CallContext) -> Result<String, EvalError> {
        name_of(self.required(name, cx)?, cx)
    }

    pub fn opt_str(&self, name: &str, cx: &CallContext) -> Result<Option<String>, EvalError> {
        self.some(name).map(|v| name_of(v, cx)).transpose()
    }

    pub fn flag(&self, name: &str, default: bool) -> bool {
        self.some(name).map_or(default, Value::truthy)
    }

    /// Refuses keywords the callee does not know (those that change the SQL), naming them.
    pub fn no_extra(&self, ignored: &[&str], cx: &CallContext) -> Result<(), EvalError> {
        for (k, v) in &self.extra {
            if !ignored.contains(&k.as_str()) && !matches!(v, Value::None) {
                return Err(super::unsupported(cx, &format!("{}({k}=...)", self.func)));
            }
        }
        Ok(())
    }
}

/// A name: a `str`, `op.f("x")`, or a Column whose name is meant (`["a", col]`).
pub fn name_of(v: &Value, cx: &CallContext) -> Result<String, EvalError> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        _ => match downcast::<SaObj>(v) {
            Some(SaObj::Column(c)) => Ok(c.name.clone()),
            _ => Err(cx.error("type-error", format!("expected a name (str), got {}", v.type_name())).catchable("TypeError")),
        },
    }
}

/// A list/tuple of names (a single string counts as one name, as Alembic accepts).
pub fn names(v: &Value, cx: &CallContext) -> Result<Vec<String>, EvalError> {
    match v {
        Value::List(l) => l.borrow().iter().map(|x| name_of(x, cx)).collect(),
        Value::Tuple(t) => t.iter().map(|x| name_of(x, cx)).collect(),
        _ => Ok(vec![name_of(v, cx)?]),
    }
}

/// The items of a list or tuple.
pub fn items(v: &Value, cx: &CallContext) -> Result<Vec<Value>, EvalError> {
    match v {
        Value::List(l) => Ok(l.borrow().clone()),
        Value::Tuple(t) => Ok(t.to_vec()),
        _ => Err(cx.error("type-error", format!("expected a list, got {}", v.type_name())).catchable("TypeError")),
    }
}
