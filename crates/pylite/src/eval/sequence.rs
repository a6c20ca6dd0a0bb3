//! Containers: indexing, item assignment, slicing, repetition and iteration.

use super::builtins::int_arg;
use super::exec::unsupported;
use super::expr::{dict_insert, type_error, value_error};
use super::value::{py_eq, Builtin};
use super::{EvalError, Interpreter, Value};
use diagnostics::Span;

/// Repetition (`'ab' * n`) may build at most this many items.
const MAX_REPEAT: i64 = 10_000_000;

impl Interpreter<'_> {
    pub(crate) fn get_item(&mut self, v: &Value, i: &Value, span: Span) -> Result<Value, EvalError> {
        let index = |len: usize| -> Result<usize, EvalError> {
            let n =
                i.as_int().ok_or_else(|| type_error(format!("{} indices must be integers, not {}", v.type_name(), i.type_name()), span))?;
            let k = if n < 0 { n + len as i64 } else { n };
            if k < 0 || k >= len as i64 {
                return Err(value_error("IndexError", format!("{} index out of range", v.type_name()), span));
            }
            Ok(k as usize)
        };
        match v {
            Value::List(l) => {
                let l = l.borrow();
                Ok(l[index(l.len())?].clone())
            }
            Value::Tuple(t) => Ok(t[index(t.len())?].clone()),
            Value::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                Ok(Value::str(&chars[index(chars.len())?].to_string()))
            }
            Value::Dict(d) => d
                .borrow()
                .iter()
                .find(|(k, _)| py_eq(k, i))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| EvalError::new("eval-error", format!("KeyError: {}", i.repr()), span).catchable("KeyError")),
            // `Union[str, None]` and friends evaluate to an inert typing value.
            Value::Builtin(b) if matches!(**b, Builtin::Typing(_)) => Ok(v.clone()),
            Value::Host(h) => h.get_item(i, &mut super::CallContext::new(span, &mut *self.host)),
            _ => Err(type_error(format!("'{}' object is not subscriptable", v.type_name()), span)),
        }
    }

    pub(crate) fn set_item(&mut self, c: &Value, k: Value, v: Value, span: Span) -> Result<(), EvalError> {
        match c {
            Value::Dict(d) => {
                dict_insert(&mut d.borrow_mut(), k, v);
                Ok(())
            }
            Value::List(l) => {
                let len = l.borrow().len() as i64;
                let n = int_arg(&k, span)?;
                let i = if n < 0 { n + len } else { n };
                if i < 0 || i >= len {
                    return Err(value_error("IndexError", "list assignment index out of range", span));
                }
                l.borrow_mut()[i as usize] = v;
                Ok(())
            }
            _ => Err(type_error(format!("'{}' object does not support item assignment", c.type_name()), span)),
        }
    }

    /// The items a `for` loop (or unpacking, `list()`, `in`) sees.
    pub(crate) fn iterate(&mut self, v: &Value, span: Span) -> Result<Vec<Value>, EvalError> {
        Ok(match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            Value::Dict(d) => d.borrow().iter().map(|(k, _)| k.clone()).collect(),
            Value::Str(s) => s.chars().map(|c| Value::str(&c.to_string())).collect(),
            Value::Bytes(b) => b.iter().map(|&x| Value::Int(x as i64)).collect(),
            Value::Host(h) => return h.iterate(&mut super::CallContext::new(span, &mut *self.host)),
            _ => return Err(type_error(format!("'{}' object is not iterable", v.type_name()), span)),
        })
    }
}

pub(crate) fn repeat(seq: &Value, n: i64, span: Span) -> Result<Value, EvalError> {
    let n = n.max(0) as usize;
    let len = match seq {
        Value::Str(s) => s.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        _ => 0,
    };
    if (len as i64).saturating_mul(n as i64) > MAX_REPEAT {
        return Err(unsupported("a repeated sequence this large", span));
    }
    Ok(match seq {
        Value::Str(s) => Value::str(&s.repeat(n)),
        Value::List(l) => Value::list((0..n).flat_map(|_| l.borrow().clone()).collect()),
        Value::Tuple(t) => Value::Tuple((0..n).flat_map(|_| t.iter().cloned()).collect()),
        _ => unreachable!("repeat is only called on str, list and tuple"),
    })
}

pub(crate) fn slice(v: &Value, lo: Option<i64>, hi: Option<i64>, step: Option<i64>, span: Span) -> Result<Value, EvalError> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(value_error("ValueError", "slice step cannot be zero", span));
    }
    let pick = |len: usize| -> Vec<usize> {
        let len = len as i64;
        let clamp = |x: i64, lo: i64, hi: i64| if x < 0 { (x + len).max(lo) } else { x.min(hi) };
        let mut out = Vec::new();
        if step > 0 {
            let (mut i, end) = (lo.map_or(0, |x| clamp(x, 0, len)), hi.map_or(len, |x| clamp(x, 0, len)));
            while i < end {
                out.push(i as usize);
                i += step;
            }
        } else {
            let (mut i, end) = (lo.map_or(len - 1, |x| clamp(x, -1, len - 1)), hi.map_or(-1, |x| clamp(x, -1, len - 1)));
            while i > end {
                out.push(i as usize);
                i += step;
            }
        }
        out
    };
    Ok(match v {
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            Value::str(&pick(chars.len()).into_iter().map(|i| chars[i]).collect::<String>())
        }
        Value::List(l) => {
            let l = l.borrow();
            Value::list(pick(l.len()).into_iter().map(|i| l[i].clone()).collect())
        }
        Value::Tuple(t) => Value::Tuple(pick(t.len()).into_iter().map(|i| t[i].clone()).collect()),
        _ => return Err(type_error(format!("'{}' object is not subscriptable", v.type_name()), span)),
    })
}
