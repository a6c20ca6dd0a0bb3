//! Containers: indexing, item assignment, slicing, repetition and iteration.

use super::builtins::int_arg;
use super::expr::{type_error, value_error};
use super::value::{eq_in, Builtin};
use super::{EvalError, Interpreter, Value};
use diagnostics::Span;

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
            Value::Str(s) if s.is_ascii() => Ok(Value::str(&s[index(s.len())?..][..1])),
            Value::Str(s) => {
                self.scan_work(s.len())?;
                let n = s.chars().count();
                Ok(Value::str(&s.chars().nth(index(n)?).unwrap_or_default().to_string()))
            }
            Value::Dict(d) => {
                let found = {
                    let d = d.borrow();
                    self.metered(|m| {
                        for (k, v) in d.iter() {
                            if eq_in(k, i, m, 0)? {
                                return Ok(Some(v.clone()));
                            }
                        }
                        Ok(None)
                    })?
                };
                found.ok_or_else(|| EvalError::new("eval-error", format!("KeyError: {}", i.repr()), span).catchable("KeyError"))
            }
            Value::Class(c) if cfg!(feature = "stdlib") && super::stdlib::enums::members(c).is_some() => self.enum_by_name(c, i, span),
            // `Box[int]` of a `Generic` class: the class, as a base or an annotation uses it.
            Value::Class(c) if matches!(c.lookup("__class_getitem__"), Some(Value::Builtin(_))) => Ok(v.clone()),
            // `Union[str, None]` and friends evaluate to an inert typing value.
            Value::Builtin(b) if matches!(**b, Builtin::Typing(_)) => Ok(v.clone()),
            // `list[int]`, `dict[str, Any]`: generic aliases, inert as typing values.
            Value::Builtin(b) if matches!(**b, Builtin::Func("list" | "dict" | "tuple" | "set" | "frozenset" | "type")) => {
                let Builtin::Func(n) = **b else { unreachable!() };
                Ok(Value::Builtin(std::rc::Rc::new(Builtin::Typing(n.to_string()))))
            }
            Value::Host(h) => h.get_item(i, &mut super::CallContext::new(span, &mut *self.host)),
            _ => Err(type_error(format!("'{}' object is not subscriptable", v.type_name()), span)),
        }
    }

    pub(crate) fn set_item(&mut self, c: &Value, k: Value, v: Value, span: Span) -> Result<(), EvalError> {
        match c {
            Value::Dict(d) => self.dict_insert(&mut d.borrow_mut(), k, v),
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

    /// `del c[k]`.
    pub(crate) fn del_item(&mut self, c: &Value, k: &Value, span: Span) -> Result<(), EvalError> {
        match c {
            Value::Dict(d) => {
                let at = {
                    let d = d.borrow();
                    self.metered(|m| {
                        for (i, (k2, _)) in d.iter().enumerate() {
                            if eq_in(k2, k, m, 0)? {
                                return Ok(Some(i));
                            }
                        }
                        Ok(None)
                    })?
                };
                match at {
                    Some(i) => {
                        self.copy_work(d.borrow().len())?;
                        d.borrow_mut().remove(i);
                        Ok(())
                    }
                    None => Err(EvalError::new("eval-error", format!("KeyError: {}", k.repr()), span).catchable("KeyError")),
                }
            }
            Value::List(l) => {
                let len = l.borrow().len() as i64;
                let n = int_arg(k, span)?;
                let i = if n < 0 { n + len } else { n };
                if i < 0 || i >= len {
                    return Err(value_error("IndexError", "list assignment index out of range", span));
                }
                self.copy_work(len as usize)?;
                l.borrow_mut().remove(i as usize);
                Ok(())
            }
            _ => Err(type_error(format!("'{}' object doesn't support item deletion", c.type_name()), span)),
        }
    }

    /// The items a `for` loop (or unpacking, `list()`) sees: a copy, charged as work (one
    /// step per 16 elements). A string's characters are new values: charged as memory.
    pub(crate) fn iterate(&mut self, v: &Value, span: Span) -> Result<Vec<Value>, EvalError> {
        if let Value::Generator(g) = v {
            return self.drain_generator(g, span);
        }
        if let Some(members) = match v {
            Value::Class(c) if cfg!(feature = "stdlib") => super::stdlib::enums::members(c),
            _ => None,
        } {
            self.copy_work(members.len())?;
            return Ok(members);
        }
        let n = match v {
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.borrow().len(),
            Value::Bytes(b) => b.len(),
            Value::Set(s) => s.borrow().len(),
            Value::Iter(i) => i.borrow().len(),
            _ => 0,
        };
        self.copy_work(n)?;
        if let Value::Str(s) = v {
            self.alloc_items(s.len())?;
        }
        Ok(match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            Value::Dict(d) => d.borrow().iter().map(|(k, _)| k.clone()).collect(),
            Value::Str(s) => s.chars().map(|c| Value::str(&c.to_string())).collect(),
            Value::Bytes(b) => b.iter().map(|&x| Value::Int(x as i64)).collect(),
            Value::Set(s) => s.borrow().clone(),
            // Consumed: a generator yields its items once.
            Value::Iter(i) => i.borrow_mut().drain(..).collect(),
            Value::Host(h) => return h.iterate(&mut super::CallContext::new(span, &mut *self.host)),
            _ => return Err(type_error(format!("'{}' object is not iterable", v.type_name()), span)),
        })
    }
}

impl Interpreter<'_> {
    /// `seq * n`: the result's size is charged before it is built.
    pub(crate) fn repeat(&mut self, seq: &Value, n: i64) -> Result<Value, EvalError> {
        let n = n.max(0) as usize;
        let len = match seq {
            Value::Str(s) => s.len(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            _ => 0,
        };
        let total = len.saturating_mul(n);
        match seq {
            Value::Str(_) => self.alloc_bytes(total)?,
            _ => self.alloc_items(total)?,
        }
        Ok(match seq {
            Value::Str(s) => Value::str(&s.repeat(n)),
            Value::List(l) => Value::list((0..n).flat_map(|_| l.borrow().clone()).collect()),
            Value::Tuple(t) => Value::Tuple((0..n).flat_map(|_| t.iter().cloned()).collect()),
            _ => unreachable!("repeat is only called on str, list and tuple"),
        })
    }

    /// `v[lo:hi:step]`: the result's length is computed, and charged, before it is built.
    pub(crate) fn slice(&mut self, v: &Value, lo: Option<i64>, hi: Option<i64>, step: Option<i64>, span: Span) -> Result<Value, EvalError> {
        let step = step.unwrap_or(1);
        if step == 0 {
            return Err(value_error("ValueError", "slice step cannot be zero", span));
        }
        // Python's slice.indices: the first index, the stop, and how many are taken.
        let bounds = |len: usize| -> (i64, usize) {
            let len = len as i64;
            let clamp = |x: i64, lo: i64, hi: i64| if x < 0 { (x + len).max(lo) } else { x.min(hi) };
            if step > 0 {
                let (i, end) = (lo.map_or(0, |x| clamp(x, 0, len)), hi.map_or(len, |x| clamp(x, 0, len)));
                let count = if end > i { (end - i - 1) as i128 / step as i128 + 1 } else { 0 };
                (i, count as usize)
            } else {
                let (i, end) = (lo.map_or(len - 1, |x| clamp(x, -1, len - 1)), hi.map_or(-1, |x| clamp(x, -1, len - 1)));
                let count = if i > end { (i - end - 1) as i128 / -(step as i128) + 1 } else { 0 };
                (i, count as usize)
            }
        };
        let pick = |first: i64, count: usize| (0..count as i64).map(move |k| (first + k * step) as usize);
        Ok(match v {
            Value::Str(s) if s.is_ascii() => {
                let (first, count) = bounds(s.len());
                self.alloc_bytes(count)?;
                let b = s.as_bytes();
                Value::str(&pick(first, count).map(|i| b[i] as char).collect::<String>())
            }
            Value::Str(s) => {
                self.scan_work(s.len())?;
                let chars: Vec<char> = s.chars().collect();
                let (first, count) = bounds(chars.len());
                self.alloc_bytes(count.saturating_mul(4))?;
                Value::str(&pick(first, count).map(|i| chars[i]).collect::<String>())
            }
            Value::List(l) => {
                let (first, count) = bounds(l.borrow().len());
                self.alloc_items(count)?;
                let l = l.borrow();
                Value::list(pick(first, count).map(|i| l[i].clone()).collect())
            }
            Value::Tuple(t) => {
                let (first, count) = bounds(t.len());
                self.alloc_items(count)?;
                Value::Tuple(pick(first, count).map(|i| t[i].clone()).collect())
            }
            _ => return Err(type_error(format!("'{}' object is not subscriptable", v.type_name()), span)),
        })
    }
}
