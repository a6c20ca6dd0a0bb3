//! Operators with Python's semantics: arithmetic (floor division and modulo round toward
//! negative infinity, overflow is an error rather than a wrap), comparisons, `in`, `is`.

use super::expr::{type_error, value_error};
use super::value::eq_in;
use super::value::Builtin;
use super::{CallContext, EvalError, Interpreter, Operator, Value};
use crate::ast::*;
use diagnostics::Span;
use std::rc::Rc;

impl Interpreter<'_> {
    pub(crate) fn binop(&mut self, op: BinOp, l: Value, r: Value, span: Span) -> Result<Value, EvalError> {
        use Value::*;
        if let Some(v) = self.host_operator(Operator::Bin(op), &l, &r, span) {
            return v;
        }
        let bad = |l: &Value, r: &Value| {
            type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", op.symbol(), l.type_name(), r.type_name()), span)
        };
        if let (Some(a), Some(b)) = (l.as_int(), r.as_int()) {
            return int_op(op, a, b, span).unwrap_or_else(|| Err(bad(&l, &r)));
        }
        if let (Some(a), Some(b)) = (l.as_f64(), r.as_f64()) {
            return float_op(op, a, b, span).unwrap_or_else(|| Err(bad(&l, &r)));
        }
        if let Some(r) = self.container_binop(op, &l, &r, span) {
            return r;
        }
        if let Some(r) = super::stdlib::binop(op, &l, &r, span) {
            return r;
        }
        // The page's build leaves unions out (its budget): there `|` of types is a TypeError.
        if cfg!(feature = "stdlib")
            && op == BinOp::BitOr
            && is_type_like(&l)
            && is_type_like(&r)
            && !(matches!(l, Value::None) && matches!(r, Value::None))
        {
            // PEP 604 (`str | None`, `ConfigType = str | int`): a union is only ever an
            // annotation here, an inert typing value.
            return Ok(Value::Builtin(Rc::new(super::value::Builtin::Typing("Union".into()))));
        }
        Ok(match (op, &l, &r) {
            (BinOp::Add, Str(a), Str(b)) => {
                self.alloc_bytes(a.len().saturating_add(b.len()))?;
                Value::str(&format!("{a}{b}"))
            }
            (BinOp::Add, Bytes(a), Bytes(b)) => {
                self.alloc_bytes(a.len().saturating_add(b.len()))?;
                Bytes([&a[..], &b[..]].concat().into())
            }
            (BinOp::Add, Tuple(a), Tuple(b)) => {
                self.alloc_items(a.len().saturating_add(b.len()))?;
                Tuple([&a[..], &b[..]].concat().into())
            }
            (BinOp::Add, List(a), List(b)) => {
                self.alloc_items(a.borrow().len().saturating_add(b.borrow().len()))?;
                let v = [&a.borrow()[..], &b.borrow()[..]].concat();
                Value::list(v)
            }
            (BinOp::Mult, Str(_) | List(_) | Tuple(_), Int(_) | Bool(_)) | (BinOp::Mult, Int(_) | Bool(_), Str(_) | List(_) | Tuple(_)) => {
                let (seq, n) = if r.as_int().is_some() { (&l, r.as_int().unwrap()) } else { (&r, l.as_int().unwrap()) };
                self.repeat(seq, n)?
            }
            (BinOp::Mod, Str(fmt), _) => {
                let out = self.percent(fmt, &r, span)?;
                self.alloc_bytes(out.len())?;
                Value::str(&out)
            }
            _ => return Err(bad(&l, &r)),
        })
    }

    pub(crate) fn augmented(&mut self, op: BinOp, l: Value, r: Value, span: Span) -> Result<Value, EvalError> {
        // `xs += ys` extends the list in place, as in Python.
        if let (BinOp::Add, Value::List(a)) = (op, &l) {
            let items = self.iterate(&r, span)?;
            self.alloc_items(items.len())?;
            a.borrow_mut().extend(items);
            return Ok(l);
        }
        self.binop(op, l, r, span)
    }

    /// A host object's overload of `op` with `l` and `r`, tried left then reflected.
    fn host_operator(&mut self, op: Operator, l: &Value, r: &Value, span: Span) -> Option<Result<Value, EvalError>> {
        if let Value::Host(h) = l {
            let h = h.clone();
            if let Some(v) = h.operator(op, Some(r), false, &mut CallContext::new(span, &mut *self.host)) {
                return Some(v);
            }
        }
        if let Value::Host(h) = r {
            let h = h.clone();
            return h.operator(op, Some(l), true, &mut CallContext::new(span, &mut *self.host));
        }
        None
    }

    /// A comparison's value: a host object's overload (`col == 5` is SQL), else a bool.
    pub(crate) fn compare_value(&mut self, op: CmpOp, l: &Value, r: &Value, span: Span) -> Result<Value, EvalError> {
        let rich = !matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn);
        if rich {
            if let Some(v) = self.host_operator(Operator::Cmp(op), l, r, span) {
                return v;
            }
        }
        Ok(Value::Bool(self.compare(op, l, r, span)?))
    }

    pub(crate) fn compare(&mut self, op: CmpOp, l: &Value, r: &Value, span: Span) -> Result<bool, EvalError> {
        use std::cmp::Ordering::*;
        Ok(match op {
            CmpOp::Eq => self.eq(l, r)?,
            CmpOp::NotEq => !self.eq(l, r)?,
            CmpOp::Is => self.identical(l, r)?,
            CmpOp::IsNot => !self.identical(l, r)?,
            CmpOp::In => self.contains(r, l, span)?,
            CmpOp::NotIn => !self.contains(r, l, span)?,
            _ => {
                let Some(ord) = self.cmp(l, r)? else {
                    return Err(type_error(
                        format!("'{}' not supported between instances of '{}' and '{}'", op.symbol(), l.type_name(), r.type_name()),
                        span,
                    ));
                };
                match op {
                    CmpOp::Lt => ord == Less,
                    CmpOp::LtE => ord != Greater,
                    CmpOp::Gt => ord == Greater,
                    _ => ord != Less,
                }
            }
        })
    }

    /// `item in container`: one step per element compared (the list is not copied), one
    /// per 256 bytes of text searched.
    fn contains(&mut self, container: &Value, item: &Value, span: Span) -> Result<bool, EvalError> {
        let any = |items: &[Value], m: &mut super::value::Meter| -> Result<bool, super::value::Stop> {
            for x in items {
                if eq_in(x, item, m, 0)? {
                    return Ok(true);
                }
            }
            Ok(false)
        };
        Ok(match (container, item) {
            (Value::Str(s), Value::Str(sub)) => {
                self.scan_work(s.len().saturating_add(sub.len()))?;
                s.contains(&**sub)
            }
            (Value::Str(_), _) => {
                return Err(type_error(format!("'in <string>' requires string as left operand, not {}", item.type_name()), span))
            }
            (Value::Dict(d), _) => {
                let d = d.borrow();
                self.metered(|m| {
                    for (k, _) in d.iter() {
                        if eq_in(k, item, m, 0)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                })?
            }
            (Value::List(l), _) => {
                let l = l.borrow();
                self.metered(|m| any(&l, m))?
            }
            (Value::Tuple(t), _) => self.metered(|m| any(t, m))?,
            (Value::Set(t), _) => {
                let t = t.borrow();
                self.metered(|m| any(&t, m))?
            }
            // Consumed up to the first equal item, as in Python.
            (Value::Generator(g), _) => {
                let mut it = super::generator::PyIter::Gen(g.clone());
                while let Some(x) = self.iter_next(&mut it, span)? {
                    if self.metered(|m| eq_in(&x, item, m, 0))? {
                        return Ok(true);
                    }
                }
                false
            }
            _ => {
                let items = self.iterate(container, span)?;
                self.metered(|m| any(&items, m))?
            }
        })
    }

    fn identical(&mut self, a: &Value, b: &Value) -> Result<bool, EvalError> {
        Ok(match (a, b) {
            (Value::None, Value::None) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::List(x), Value::List(y)) => Rc::ptr_eq(x, y),
            (Value::Dict(x), Value::Dict(y)) => Rc::ptr_eq(x, y),
            (Value::Host(x), Value::Host(y)) => Rc::ptr_eq(x, y),
            (Value::Function(x), Value::Function(y)) => Rc::ptr_eq(x, y),
            (Value::Set(x), Value::Set(y)) => Rc::ptr_eq(x, y),
            (Value::Iter(x), Value::Iter(y)) => Rc::ptr_eq(x, y),
            (Value::Generator(x), Value::Generator(y)) => Rc::ptr_eq(x, y),
            (Value::Class(x), Value::Class(y)) => Rc::ptr_eq(x, y),
            (Value::Instance(x), Value::Instance(y)) => Rc::ptr_eq(x, y),
            (Value::Set(_) | Value::Iter(_) | Value::Generator(_) | Value::Class(_) | Value::Instance(_), _)
            | (_, Value::Set(_) | Value::Iter(_) | Value::Generator(_) | Value::Class(_) | Value::Instance(_)) => false,
            (Value::None | Value::Bool(_), _) | (_, Value::None | Value::Bool(_)) => false,
            _ => self.eq(a, b)?,
        })
    }
}

pub(crate) fn overflow(span: Span) -> EvalError {
    EvalError::new("eval-error", "OverflowError: integer result does not fit in 64 bits", span).catchable("OverflowError")
}

fn zero_div(span: Span, what: &str) -> EvalError {
    value_error("ZeroDivisionError", what.to_string(), span)
}

fn int_op(op: BinOp, a: i64, b: i64, span: Span) -> Option<Result<Value, EvalError>> {
    let checked = |r: Option<i64>| Some(r.map(Value::Int).ok_or_else(|| overflow(span)));
    match op {
        BinOp::Add => checked(a.checked_add(b)),
        BinOp::Sub => checked(a.checked_sub(b)),
        BinOp::Mult => checked(a.checked_mul(b)),
        BinOp::Div if b == 0 => Some(Err(zero_div(span, "division by zero"))),
        BinOp::Div => Some(Ok(Value::Float(a as f64 / b as f64))),
        BinOp::FloorDiv | BinOp::Mod if b == 0 => Some(Err(zero_div(span, "integer division or modulo by zero"))),
        // Python rounds toward negative infinity; the remainder takes the divisor's sign.
        BinOp::FloorDiv => checked(a.checked_div(b).map(|q| if a % b != 0 && ((a < 0) != (b < 0)) { q - 1 } else { q })),
        BinOp::Mod => checked(a.checked_rem(b).map(|r| if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })),
        BinOp::Pow if b < 0 => Some(Ok(Value::Float((a as f64).powf(b as f64)))),
        BinOp::Pow => checked(u32::try_from(b).ok().and_then(|e| a.checked_pow(e))),
        BinOp::LShift if !(0..64).contains(&b) => Some(Err(overflow(span))),
        BinOp::LShift => checked(a.checked_shl(b as u32).filter(|r| r >> b == a)),
        BinOp::RShift if b < 0 => Some(Err(value_error("ValueError", "negative shift count", span))),
        BinOp::RShift => checked(Some(a >> b.min(63))),
        BinOp::BitOr => checked(Some(a | b)),
        BinOp::BitAnd => checked(Some(a & b)),
        BinOp::BitXor => checked(Some(a ^ b)),
        BinOp::MatMult => None,
    }
}

fn float_op(op: BinOp, a: f64, b: f64, span: Span) -> Option<Result<Value, EvalError>> {
    let v = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => a * b,
        BinOp::Div | BinOp::FloorDiv | BinOp::Mod if b == 0.0 => return Some(Err(zero_div(span, "float division by zero"))),
        BinOp::Div => a / b,
        BinOp::FloorDiv => (a / b).floor(),
        BinOp::Mod => {
            let r = a % b;
            if r != 0.0 && ((r < 0.0) != (b < 0.0)) {
                r + b
            } else {
                r
            }
        }
        BinOp::Pow => a.powf(b),
        _ => return None,
    };
    Some(Ok(Value::Float(v)))
}

/// A builtin type, `None` or a typing value: what `|` makes a union of.
fn is_type_like(v: &Value) -> bool {
    match v {
        Value::None => true,
        Value::Builtin(b) => match &**b {
            Builtin::Typing(_) => true,
            Builtin::Func(name) => {
                matches!(
                    *name,
                    "str" | "int" | "float" | "bool" | "bytes" | "list" | "dict" | "tuple" | "set" | "frozenset" | "object" | "type"
                )
            }
            _ => false,
        },
        _ => false,
    }
}
