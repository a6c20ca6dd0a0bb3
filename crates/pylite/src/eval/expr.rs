//! Expressions: names, literals, operators with Python's semantics, calls, subscripts.

use super::exec::unsupported;
use super::ops::overflow;
use super::value::{eq_in, Function};
use super::{CallContext, Env, EvalError, Flow, Interpreter, Value, MAX_CALL_DEPTH};
use crate::ast::*;
use diagnostics::Span;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub(crate) fn type_error(msg: impl Into<String>, span: Span) -> EvalError {
    EvalError::new("type-error", msg, span).catchable("TypeError")
}

pub(crate) fn value_error(class: &str, msg: impl Into<String>, span: Span) -> EvalError {
    let msg = msg.into();
    EvalError::new("eval-error", format!("{class}: {msg}"), span).catchable(class)
}

impl Interpreter<'_> {
    pub(crate) fn eval(&mut self, e: &Expr, env: &Env) -> Result<Value, EvalError> {
        self.step()?;
        Ok(match &e.kind {
            ExprKind::Name(n) => self.lookup(n, e.span, env)?,
            ExprKind::Str { value, bytes: false } => Value::str(value),
            ExprKind::Str { value, bytes: true } => Value::Bytes(value.chars().map(|c| c as u8).collect()),
            ExprKind::FString(parts) => {
                let text = self.fstring(parts, env)?;
                self.alloc_bytes(text.len())?;
                Value::str(&text)
            }
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::BigInt(_) => return Err(unsupported("integer literal beyond 64 bits", e.span)),
            ExprKind::Float(f) => Value::Float(*f),
            ExprKind::NoneLit => Value::None,
            ExprKind::True => Value::Bool(true),
            ExprKind::False => Value::Bool(false),
            ExprKind::Tuple(items) => {
                let items = self.eval_all(items, env)?;
                self.alloc_items(items.len())?;
                Value::Tuple(items.into())
            }
            ExprKind::List(items) => {
                let items = self.eval_all(items, env)?;
                self.alloc_items(items.len())?;
                Value::list(items)
            }
            ExprKind::Dict(items) => {
                let mut out: Vec<(Value, Value)> = Vec::with_capacity(items.len());
                for it in items {
                    let Some(k) = &it.key else {
                        return Err(unsupported("** in dict display", it.value.span));
                    };
                    let k = self.eval(k, env)?;
                    let v = self.eval(&it.value, env)?;
                    self.alloc_items(2)?;
                    self.dict_insert(&mut out, k, v)?;
                }
                Value::Dict(Rc::new(RefCell::new(out)))
            }
            ExprKind::Call { func, args, keywords } => self.eval_call(func, args, keywords, e.span, env)?,
            ExprKind::Attribute { value, attr } => {
                let v = self.eval(value, env)?;
                self.get_attr(&v, &attr.name, e.span)?
            }
            ExprKind::Subscript { value, index } => {
                let v = self.eval(value, env)?;
                if let ExprKind::Slice { lower, upper, step } = &index.kind {
                    let bound = |b: &Option<Box<Expr>>, this: &mut Self| -> Result<Option<i64>, EvalError> {
                        match b {
                            None => Ok(None),
                            Some(b) => match this.eval(b, env)? {
                                Value::None => Ok(None),
                                x => x.as_int().map(Some).ok_or_else(|| type_error("slice indices must be integers or None", b.span)),
                            },
                        }
                    };
                    let (lo, hi, st) = (bound(lower, self)?, bound(upper, self)?, bound(step, self)?);
                    return self.slice(&v, lo, hi, st, e.span);
                }
                let i = self.eval(index, env)?;
                self.get_item(&v, &i, e.span)?
            }
            ExprKind::BinOp { left, op, right } => {
                let l = self.eval(left, env)?;
                let r = self.eval(right, env)?;
                self.binop(*op, l, r, e.span)?
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand, env)?;
                match (op, &v) {
                    (UnaryOp::Not, _) => Value::Bool(!v.truthy()),
                    (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
                    (UnaryOp::Pos, Value::Float(_)) => v,
                    (UnaryOp::Invert, _) if v.as_int().is_some() => Value::Int(!v.as_int().unwrap()),
                    (UnaryOp::Neg, _) if v.as_int().is_some() => {
                        Value::Int(v.as_int().unwrap().checked_neg().ok_or_else(|| overflow(e.span))?)
                    }
                    (UnaryOp::Pos, _) if v.as_int().is_some() => Value::Int(v.as_int().unwrap()),
                    _ => return Err(type_error(format!("bad operand type for unary {}: '{}'", op.symbol(), v.type_name()), e.span)),
                }
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for v in values {
                    last = self.eval(v, env)?;
                    if (*op == BoolOp::And) != last.truthy() {
                        break;
                    }
                }
                last
            }
            ExprKind::Compare { left, ops, comparators } => {
                let mut l = self.eval(left, env)?;
                for (op, c) in ops.iter().zip(comparators) {
                    let r = self.eval(c, env)?;
                    if !self.compare(*op, &l, &r, e.span)? {
                        return Ok(Value::Bool(false));
                    }
                    l = r;
                }
                Value::Bool(true)
            }
            ExprKind::IfExp { test, body, orelse } => {
                if self.eval(test, env)?.truthy() {
                    self.eval(body, env)?
                } else {
                    self.eval(orelse, env)?
                }
            }
            ExprKind::Ellipsis => return Err(unsupported("...", e.span)),
            ExprKind::Set(_) => return Err(unsupported("set", e.span)),
            ExprKind::Starred(_) => return Err(unsupported("starred expression", e.span)),
            ExprKind::Slice { .. } => return Err(unsupported("slice", e.span)),
            ExprKind::Lambda { .. } => return Err(unsupported("lambda", e.span)),
            ExprKind::Comprehension { .. } => return Err(unsupported("comprehension", e.span)),
            ExprKind::Imaginary(_) => return Err(unsupported("imaginary literal", e.span)),
            ExprKind::Await(_) => return Err(unsupported("await", e.span)),
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => return Err(unsupported("yield", e.span)),
            ExprKind::NamedExpr { .. } => return Err(unsupported(":=", e.span)),
            ExprKind::Error => return Err(EvalError::new("eval-error", "cannot run an expression that failed to parse", e.span)),
        })
    }

    /// Kept out of `eval` so its stack frame stays small: each nested call goes through
    /// `eval` again, and the call-depth cap must hold within a 2 MB (debug) thread stack.
    #[inline(never)]
    fn eval_call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword], span: Span, env: &Env) -> Result<Value, EvalError> {
        let f = self.eval(func, env)?;
        let mut argv = Vec::with_capacity(args.len());
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    let v = self.eval(inner, env)?;
                    argv.extend(self.iterate(&v, inner.span)?);
                }
                _ => argv.push(self.eval(a, env)?),
            }
        }
        let mut kwargs = Vec::with_capacity(keywords.len());
        for k in keywords {
            let Some(name) = &k.name else {
                return Err(unsupported("**kwargs in a call", k.span));
            };
            kwargs.push((name.name.clone(), self.eval(&k.value, env)?));
        }
        self.call_value(&f, argv, kwargs, span)
    }

    fn eval_all(&mut self, items: &[Expr], env: &Env) -> Result<Vec<Value>, EvalError> {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            if let ExprKind::Starred(inner) = &i.kind {
                let v = self.eval(inner, env)?;
                out.extend(self.iterate(&v, inner.span)?);
            } else {
                out.push(self.eval(i, env)?);
            }
        }
        Ok(out)
    }

    fn lookup(&mut self, name: &str, span: Span, env: &Env) -> Result<Value, EvalError> {
        for scope in env.scopes.iter().rev() {
            if let Some(v) = scope.borrow().get(name) {
                return Ok(v.clone());
            }
        }
        if let Some(v) = self.globals.get(name) {
            return Ok(v.clone());
        }
        if let Some(b) = super::builtins::builtin(name) {
            return Ok(b);
        }
        Err(EvalError::new("name-error", format!("name '{name}' is not defined"), span).catchable("NameError"))
    }

    pub(crate) fn call_value(&mut self, f: &Value, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        match f {
            Value::Function(func) => self.call_function_value(func, args, kwargs, span),
            Value::Host(h) => h.call(args, kwargs, &mut CallContext::new(span, &mut *self.host)),
            Value::Builtin(b) => self.call_builtin(b, args, kwargs, span),
            _ => Err(type_error(format!("'{}' object is not callable", f.type_name()), span)),
        }
    }

    fn call_function_value(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        let def = &func.def;
        let name = &def.name.name;
        if self.depth >= MAX_CALL_DEPTH {
            return Err(EvalError::new("eval-error", "RecursionError: maximum recursion depth exceeded", span)
                .with_help(format!("calls may nest at most {MAX_CALL_DEPTH} deep in revision files")));
        }
        let positional = def.params.iter().filter(|p| p.kind != ParamKind::KeywordOnly).count();
        if args.len() > positional {
            return Err(type_error(
                format!("{name}() takes {positional} positional argument{} but {} were given", plural(positional), args.len()),
                span,
            ));
        }
        let mut slots: Vec<Option<Value>> = vec![None; def.params.len()];
        for (slot, a) in slots.iter_mut().zip(args) {
            *slot = Some(a);
        }
        for (k, v) in kwargs {
            let Some(i) = def.params.iter().position(|p| p.name.name == k && p.kind != ParamKind::PositionalOnly) else {
                return Err(type_error(format!("{name}() got an unexpected keyword argument '{k}'"), span));
            };
            if slots[i].is_some() {
                return Err(type_error(format!("{name}() got multiple values for argument '{k}'"), span));
            }
            slots[i] = Some(v);
        }
        let mut locals = HashMap::with_capacity(def.params.len());
        for ((p, slot), default) in def.params.iter().zip(slots).zip(&func.defaults) {
            let Some(v) = slot.or_else(|| default.clone()) else {
                return Err(type_error(format!("{name}() missing required argument: '{}'", p.name.name), span));
            };
            locals.insert(p.name.name.clone(), v);
        }
        let mut scopes = func.enclosing.clone();
        scopes.push(Rc::new(RefCell::new(locals)));
        let env = Env { scopes };
        self.depth += 1;
        let saved = self.stmt_span;
        let r = self.exec_block(&def.body, &env);
        self.depth -= 1;
        self.stmt_span = saved;
        Ok(match r? {
            Flow::Return(v) => v,
            _ => Value::None,
        })
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl Interpreter<'_> {
    /// Inserts or replaces `k` keeping first-insertion order; each key compared is a step.
    pub(crate) fn dict_insert(&mut self, d: &mut Vec<(Value, Value)>, k: Value, v: Value) -> Result<(), EvalError> {
        let at = self.metered(|m| {
            for (i, (k2, _)) in d.iter().enumerate() {
                if eq_in(k2, &k, m, 0)? {
                    return Ok(Some(i));
                }
            }
            Ok(None)
        })?;
        match at {
            Some(i) => d[i].1 = v,
            None => d.push((k, v)),
        }
        Ok(())
    }
}
