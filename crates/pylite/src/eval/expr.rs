//! Expressions: names, literals, operators with Python's semantics, calls, subscripts.

use super::exec::unsupported;
use super::generator::PyIter;
use super::ops::overflow;
use super::value::{eq_in, BoundMethod, Class, Function, Instance};
use super::{CallContext, Env, EvalError, Flow, Interpreter, Operator, Value, MAX_CALL_DEPTH};
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
    /// `value`, or when it overflowed 64 bits, the expression computed from its integer
    /// literals in 128 bits if that fits (`2**63 - 1`; `wide_ints.rs`, the CLI's build only).
    fn or_wide_constant(&mut self, value: Result<Value, EvalError>, e: &Expr) -> Result<Value, EvalError> {
        match value {
            Err(err) if cfg!(feature = "stdlib") && err.exception.as_deref() == Some("OverflowError") => {
                super::wide_ints::fold(e).map(Value::Int).ok_or(err)
            }
            other => other,
        }
    }

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
                        let m = self.eval(&it.value, env)?;
                        let Value::Dict(d) = &m else {
                            return Err(type_error(format!("'{}' object is not a mapping", m.type_name()), it.value.span));
                        };
                        let pairs = d.borrow().clone();
                        self.alloc_items(pairs.len() * 2)?;
                        for (k, v) in pairs {
                            self.dict_insert(&mut out, k, v)?;
                        }
                        continue;
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
                let value = match self.eval(left, env) {
                    Ok(l) => match self.eval(right, env) {
                        Ok(r) => self.binop(*op, l, r, e.span),
                        Err(err) => Err(err),
                    },
                    Err(err) => Err(err),
                };
                self.or_wide_constant(value, e)?
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = match self.eval(operand, env) {
                    // `-(2**63)`: the operand alone does not fit, the negation does.
                    Err(err) if *op == UnaryOp::Neg => return self.or_wide_constant(Err(err), e),
                    v => v?,
                };
                if let (Value::Host(h), false) = (&v, *op == UnaryOp::Not) {
                    let h = h.clone();
                    if let Some(r) = h.operator(Operator::Unary(*op), None, false, &mut CallContext::new(e.span, &mut *self.host)) {
                        return r;
                    }
                }
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
                // `a < b < c` is `a < b and b < c`: the first false value, else the last.
                let mut l = self.eval(left, env)?;
                let mut last = Value::Bool(true);
                for (op, c) in ops.iter().zip(comparators) {
                    let r = self.eval(c, env)?;
                    last = self.compare_value(*op, &l, &r, e.span)?;
                    if !last.truthy() {
                        return Ok(last);
                    }
                    l = r;
                }
                last
            }
            ExprKind::IfExp { test, body, orelse } => {
                if self.eval(test, env)?.truthy() {
                    self.eval(body, env)?
                } else {
                    self.eval(orelse, env)?
                }
            }
            ExprKind::Ellipsis => return Err(unsupported("...", e.span)),
            ExprKind::Set(items) => {
                let items = self.eval_all(items, env)?;
                self.alloc_items(items.len())?;
                let mut out = Vec::with_capacity(items.len());
                for v in items {
                    self.set_insert(&mut out, v)?;
                }
                Value::Set(Rc::new(RefCell::new(out)))
            }
            ExprKind::Starred(_) => return Err(unsupported("starred expression", e.span)),
            ExprKind::Slice { .. } => return Err(unsupported("slice", e.span)),
            ExprKind::Lambda(def) => self.make_function(def.clone(), env)?,
            ExprKind::Comprehension { kind, element, value, generators } => {
                self.comprehension(*kind, element, value.as_deref(), generators, env)?
            }
            ExprKind::Imaginary(_) => return Err(unsupported("imaginary literal", e.span)),
            ExprKind::Await(_) => return Err(unsupported("await", e.span)),
            // A `yield` statement runs in `exec`; one inside a larger expression is not supported.
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                return Err(unsupported("yield inside an expression", e.span)
                    .with_help("write it as a statement of its own: `yield value` or `x = yield value`"))
            }
            ExprKind::NamedExpr { target, value } => {
                let v = self.eval(value, env)?;
                let ExprKind::Name(n) = &target.kind else { return Err(unsupported(":= target", target.span)) };
                // In a comprehension, `:=` binds in the enclosing function (or module).
                if env.comps == 0 {
                    self.set_name(n, v.clone(), env);
                } else {
                    let keep = env.scopes.len() - env.comps;
                    let outer = Env {
                        scopes: env.scopes[..keep].to_vec(),
                        comps: 0,
                        class_ns: None,
                        decls: env.decls.clone(),
                        qual: None,
                        this: None,
                    };
                    self.set_name(n, v.clone(), &outer);
                }
                v
            }
            ExprKind::Error => return Err(EvalError::new("eval-error", "cannot run an expression that failed to parse", e.span)),
        })
    }

    /// Kept out of `eval` so its stack frame stays small: each nested call goes through
    /// `eval` again, and the call-depth cap must hold within a 2 MB (debug) thread stack.
    #[inline(never)]
    fn eval_call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword], span: Span, env: &Env) -> Result<Value, EvalError> {
        let f = match self.eval(func, env) {
            Err(e) if e.diagnostic.code == "name-error" && matches!(&func.kind, ExprKind::Name(n) if n == "super") => {
                if !cfg!(feature = "stdlib") {
                    return Err(super::left_out("super()", span));
                }
                if !args.is_empty() || !keywords.is_empty() {
                    return Err(unsupported("super() with arguments", span));
                }
                return super::derive::zero_arg_super(env, span);
            }
            f => f?,
        };
        let mut argv = Vec::with_capacity(args.len());
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    let v = self.eval(inner, env)?;
                    if !is_iterable(&v) {
                        let msg = format!("{}() argument after * must be an iterable, not {}", callable_name(&f), v.type_name());
                        return Err(type_error(msg, inner.span));
                    }
                    let items = self.iterate(&v, inner.span)?;
                    self.alloc_items(items.len())?;
                    argv.extend(items);
                }
                _ => argv.push(self.eval(a, env)?),
            }
        }
        let mut kwargs: Vec<(String, Value)> = Vec::with_capacity(keywords.len());
        for k in keywords {
            let Some(name) = &k.name else {
                let m = self.eval(&k.value, env)?;
                let Value::Dict(d) = &m else {
                    let msg = format!("{}() argument after ** must be a mapping, not {}", callable_name(&f), m.type_name());
                    return Err(type_error(msg, k.value.span));
                };
                let pairs = d.borrow().clone();
                self.alloc_items(pairs.len())?;
                for (key, v) in pairs {
                    let Value::Str(ref key) = key else {
                        return Err(type_error(format!("{}() keywords must be strings", callable_name(&f)), k.value.span));
                    };
                    self.copy_work(kwargs.len())?;
                    if kwargs.iter().any(|(n, _)| **n == **key) {
                        let msg = format!("{}() got multiple values for keyword argument '{key}'", callable_name(&f));
                        return Err(type_error(msg, span));
                    }
                    kwargs.push((key.to_string(), v));
                }
                continue;
            };
            let v = self.eval(&k.value, env)?;
            if kwargs.iter().any(|(n, _)| *n == name.name) {
                let msg = format!("{}() got multiple values for keyword argument '{}'", callable_name(&f), name.name);
                return Err(type_error(msg, span));
            }
            kwargs.push((name.name.clone(), v));
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
        if let Some(ns) = &env.class_ns {
            if let Some(v) = ns.borrow().get(name) {
                return Ok(v.clone());
            }
        }
        let global = env.comps == 0 && env.decls.as_ref().is_some_and(|d| d.globals.iter().any(|g| g == name));
        for scope in env.scopes.iter().rev().filter(|_| !global) {
            if let Some(v) = scope.borrow().get(name) {
                return Ok(v.clone());
            }
        }
        if let Some(v) = self.globals.borrow().get(name) {
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
            Value::Host(h) if h.as_any().is::<super::stdlib::Native>() => self.call_native(f, args, kwargs, span),
            Value::Host(h) if !cfg!(feature = "stdlib") => h.call(args, kwargs, &mut CallContext::new(span, &mut *self.host)),
            Value::Host(h) => match h.as_any().downcast_ref::<super::stdlib::contextlib::Contextlib>().filter(|c| c.needs_interpreter()) {
                Some(f) => self.call_contextlib(f, args, kwargs, span),
                None => h.call(args, kwargs, &mut CallContext::new(span, &mut *self.host)),
            },
            Value::Builtin(b) => self.call_builtin(b, args, kwargs, span),
            Value::Class(c) => self.instantiate(c, args, kwargs, span),
            Value::Method(m) => {
                let mut argv = Vec::with_capacity(args.len() + 1);
                argv.push(Value::Instance(m.receiver.clone()));
                argv.extend(args);
                self.call_function_value(&m.func, argv, kwargs, span)
            }
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
        if self.depth >= MAX_CALL_DEPTH {
            return Err(EvalError::new("eval-error", "RecursionError: maximum recursion depth exceeded", span)
                .with_help(format!("calls may nest at most {MAX_CALL_DEPTH} deep in revision files")));
        }
        // Only `super()` reads it, and the page's build has no `super()`.
        let this = if cfg!(feature = "stdlib") { args.first().cloned() } else { None };
        let locals = self.bind_arguments(func, args, kwargs, span)?;
        if func.def.is_async {
            let msg =
                format!("cannot call '{}': it is an 'async def' function, and coroutines cannot run in a revision file", func.qualname);
            return Err(
                EvalError::new("unsupported", msg, span).with_help("importing a module that defines one is fine; calling it is not")
            );
        }
        let mut scopes = func.enclosing.clone();
        scopes.push(Rc::new(RefCell::new(locals)));
        let qual = Some(format!("{}.<locals>.", func.qualname).into());
        let env = Env { scopes, comps: 0, class_ns: None, decls: Some(func.decls.clone()), qual, this };
        if func.def.is_generator {
            if !cfg!(feature = "generators") {
                return Err(super::left_out(&format!("calling the generator function '{}'", func.qualname), span));
            }
            return self.make_generator(func, env);
        }
        self.depth += 1;
        let saved = self.stmt_span;
        let crossing = super::modules::crosses(&self.file, &func.file);
        let (saved_globals, saved_file) = if crossing || !Rc::ptr_eq(&self.globals, &func.globals) {
            (Some(std::mem::replace(&mut self.globals, func.globals.clone())), Some(std::mem::replace(&mut self.file, func.file.clone())))
        } else {
            (None, None)
        };
        let r = self.exec_block(&func.def.body, &env);
        if let Some(locals) = env.scopes.last() {
            self.release_scope(locals);
        }
        if let (Some(g), Some(f)) = (saved_globals, saved_file) {
            self.globals = g;
            self.file = f;
        }
        self.depth -= 1;
        self.stmt_span = saved;
        let r = match r {
            Err(e) if crossing => Err(super::modules::relocate(e, func.file.as_ref(), span, &func.qualname)),
            r => r,
        };
        Ok(match r? {
            Flow::Return(v) => v,
            _ => Value::None,
        })
    }
}

impl Interpreter<'_> {
    /// At the end of a call: its locals, if functions defined in the call captured them.
    /// When only those functions (held by nothing but the locals) refer to the locals, the
    /// two form a cycle nothing can reach: emptied now, as Python's collector would. Else
    /// (a closure returned or stored elsewhere) remembered, to be emptied when the
    /// interpreter is dropped.
    pub(crate) fn release_scope(&mut self, locals: &super::Scope) {
        let strong = Rc::strong_count(locals);
        if strong == 1 {
            return;
        }
        let internal: usize = locals
            .borrow()
            .values()
            .map(|v| match v {
                Value::Function(f) if Rc::strong_count(f) == 1 => f.enclosing.iter().filter(|s| Rc::ptr_eq(s, locals)).count(),
                _ => 0,
            })
            .sum();
        if strong == 1 + internal {
            let values = std::mem::take(&mut *locals.borrow_mut());
            drop(values);
            return;
        }
        if self.captured.len() >= 2 * self.captured_live.max(16) {
            self.captured.retain(|w| w.strong_count() > 0);
            self.captured_live = self.captured.len();
        }
        self.captured.push(Rc::downgrade(locals));
    }
}

/// How Python's call errors name a callable.
fn callable_name(f: &Value) -> String {
    match f {
        Value::Function(f) => f.qualname.clone(),
        Value::Method(m) => m.func.qualname.clone(),
        Value::Class(c) => c.qualname.clone(),
        Value::Builtin(b) => match &**b {
            super::value::Builtin::Func(n) | super::value::Builtin::Method(_, n) => n.to_string(),
            _ => f.type_name(),
        },
        _ => f.type_name(),
    }
}

fn is_iterable(v: &Value) -> bool {
    matches!(
        v,
        Value::Str(_)
            | Value::Bytes(_)
            | Value::Tuple(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Iter(_)
            | Value::Generator(_)
            | Value::Host(_)
    )
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: how CPython lists missing arguments.
fn name_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 | 1 => q.join(""),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

impl Interpreter<'_> {
    /// Binds a call's arguments to a function's parameters as CPython does, with its messages.
    fn bind_arguments(
        &mut self,
        func: &Function,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<HashMap<String, Value>, EvalError> {
        let params = &func.def.params;
        let name = &func.qualname;
        let positional: Vec<usize> =
            (0..params.len()).filter(|&i| matches!(params[i].kind, ParamKind::PositionalOnly | ParamKind::Normal)).collect();
        let varargs = params.iter().position(|p| p.kind == ParamKind::VarArgs);
        let varkw = params.iter().position(|p| p.kind == ParamKind::VarKeywords);
        let mut slots: Vec<Option<Value>> = vec![None; params.len()];
        let given = args.len();
        let mut extra = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            match positional.get(i) {
                Some(&p) => slots[p] = Some(a),
                None => extra.push(a),
            }
        }
        self.copy_work(kwargs.len().saturating_mul(params.len()))?;
        let mut kwdict: Vec<(Value, Value)> = Vec::new();
        let mut positional_only_given: Vec<String> = Vec::new();
        for (k, v) in kwargs {
            match params.iter().position(|p| p.name.name == k && matches!(p.kind, ParamKind::Normal | ParamKind::KeywordOnly)) {
                Some(i) => {
                    if slots[i].is_some() {
                        return Err(type_error(format!("{name}() got multiple values for argument '{k}'"), span));
                    }
                    slots[i] = Some(v);
                }
                None if varkw.is_some() => kwdict.push((Value::str(&k), v)),
                None if params.iter().any(|p| p.kind == ParamKind::PositionalOnly && p.name.name == k) => positional_only_given.push(k),
                None => return Err(type_error(format!("{name}() got an unexpected keyword argument '{k}'"), span)),
            }
        }
        if !positional_only_given.is_empty() {
            let msg =
                format!("{name}() got some positional-only arguments passed as keyword arguments: '{}'", positional_only_given.join(", "));
            return Err(type_error(msg, span));
        }
        if !extra.is_empty() && varargs.is_none() {
            let with_default = positional.iter().filter(|&&i| func.defaults[i].is_some()).count();
            let takes = if with_default > 0 {
                format!("from {} to {}", positional.len() - with_default, positional.len())
            } else {
                positional.len().to_string()
            };
            let s = if with_default > 0 || positional.len() != 1 { "s" } else { "" };
            let kwonly = params.iter().zip(&slots).filter(|(p, slot)| p.kind == ParamKind::KeywordOnly && slot.is_some()).count();
            let kwonly_sig = if kwonly > 0 {
                format!(" positional argument{} (and {kwonly} keyword-only argument{})", plural(given), plural(kwonly))
            } else {
                String::new()
            };
            let was = if given == 1 && kwonly == 0 { "was" } else { "were" };
            return Err(type_error(format!("{name}() takes {takes} positional argument{s} but {given}{kwonly_sig} {was} given"), span));
        }
        for (kind, what) in [(ParamKind::Normal, "positional"), (ParamKind::KeywordOnly, "keyword-only")] {
            let missing: Vec<&str> = params
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    let same = p.kind == kind || (kind == ParamKind::Normal && p.kind == ParamKind::PositionalOnly);
                    same && slots[*i].is_none() && func.defaults[*i].is_none()
                })
                .map(|(_, p)| p.name.name.as_str())
                .collect();
            if !missing.is_empty() {
                let n = missing.len();
                let msg = format!("{name}() missing {n} required {what} argument{}: {}", plural(n), name_list(&missing));
                return Err(type_error(msg, span));
            }
        }
        if let Some(i) = varargs {
            self.alloc_items(extra.len())?;
            slots[i] = Some(Value::Tuple(extra.into()));
        }
        if let Some(i) = varkw {
            self.alloc_items(kwdict.len() * 2)?;
            slots[i] = Some(Value::Dict(Rc::new(RefCell::new(kwdict))));
        }
        let mut locals = HashMap::with_capacity(params.len());
        for ((p, slot), default) in params.iter().zip(slots).zip(&func.defaults) {
            if let Some(v) = slot.or_else(|| default.clone()) {
                locals.insert(p.name.name.clone(), v);
            }
        }
        Ok(locals)
    }

    /// `Class(...)`: a new instance, initialised by `__init__` when the class has one.
    fn instantiate(&mut self, c: &Rc<Class>, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        self.alloc_items(2)?;
        let inst = Rc::new(Instance { class: c.clone(), attrs: RefCell::new(HashMap::new()) });
        if cfg!(feature = "stdlib") && super::stdlib::enums::members(c).is_some() {
            return self.enum_by_value(c, &args, span);
        }
        if let Some(base) = c.host_base.as_ref().filter(|_| cfg!(feature = "stdlib")) {
            return self.instantiate_derived(base.clone(), &inst, args, kwargs, span);
        }
        match c.lookup("__init__") {
            Some(Value::Function(ref init)) => {
                let mut argv = Vec::with_capacity(args.len() + 1);
                argv.push(Value::Instance(inst.clone()));
                argv.extend(args);
                let r = self.call_function_value(init, argv, kwargs, span)?;
                if !matches!(r, Value::None) {
                    return Err(type_error(format!("__init__() should return None, not '{}'", r.type_name()), span));
                }
            }
            Some(other) => return Err(unsupported(&format!("an __init__ that is a {}", other.type_name()), span)),
            None if !args.is_empty() || !kwargs.is_empty() => {
                return Err(type_error(format!("{}() takes no arguments", c.qualname), span));
            }
            None => {}
        }
        Ok(Value::Instance(inst))
    }

    /// A bound method of `inst` when `v` is a function found on its class.
    pub(crate) fn bind_method(inst: &Rc<Instance>, v: Value) -> Value {
        match v {
            Value::Function(ref func) => Value::Method(Rc::new(BoundMethod { func: func.clone(), receiver: inst.clone() })),
            other => other,
        }
    }

    /// A list, set or dict comprehension, or a generator expression (computed now). Its own
    /// scope holds the loop variables; the first iterable is evaluated outside it, as in
    /// Python. One step per item, each result charged before it is stored.
    fn comprehension(
        &mut self,
        kind: CompKind,
        element: &Expr,
        value: Option<&Expr>,
        generators: &[Generator],
        env: &Env,
    ) -> Result<Value, EvalError> {
        let Some(first) = generators.first() else { return Err(unsupported("comprehension without 'for'", element.span)) };
        let it = self.eval(&first.iter, env)?;
        let items = self.py_iter(it, first.iter.span)?;
        let mut scopes = env.scopes.clone();
        scopes.push(Rc::new(RefCell::new(HashMap::new())));
        let cenv =
            Env { scopes, comps: env.comps + 1, class_ns: None, decls: env.decls.clone(), qual: env.qual.clone(), this: env.this.clone() };
        let mut out: Vec<Value> = Vec::new();
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        // An explicit stack, one level per `for` clause (a comprehension may have thousands).
        let mut stack: Vec<(PyIter, usize)> = vec![(items, 0)];
        while let Some((iter, level)) = stack.last_mut() {
            let level = *level;
            let Some(item) = self.iter_next(iter, element.span)? else {
                stack.pop();
                continue;
            };
            self.step()?;
            let g = &generators[level];
            self.assign(&g.target, item, &cenv)?;
            let mut keep = true;
            for cond in &g.ifs {
                if !self.eval(cond, &cenv)?.truthy() {
                    keep = false;
                    break;
                }
            }
            if !keep {
                continue;
            }
            if let Some(next) = generators.get(level + 1) {
                let it = self.eval(&next.iter, &cenv)?;
                let items = self.py_iter(it, next.iter.span)?;
                stack.push((items, level + 1));
                continue;
            }
            let x = self.eval(element, &cenv)?;
            match (kind, value) {
                (CompKind::Dict, Some(v)) => {
                    let v = self.eval(v, &cenv)?;
                    self.alloc_items(2)?;
                    self.dict_insert(&mut pairs, x, v)?;
                }
                (CompKind::Set, _) => {
                    self.alloc_items(1)?;
                    self.set_insert(&mut out, x)?;
                }
                _ => {
                    self.alloc_items(1)?;
                    out.push(x);
                }
            }
        }
        Ok(match kind {
            CompKind::List => Value::list(out),
            CompKind::Set => Value::Set(Rc::new(RefCell::new(out))),
            CompKind::Dict => Value::Dict(Rc::new(RefCell::new(pairs))),
            CompKind::Generator => Value::Iter(Rc::new(RefCell::new(out.into()))),
        })
    }

    /// Adds `v` to a set's items unless an equal item is there; each item compared is a step.
    pub(crate) fn set_insert(&mut self, items: &mut Vec<Value>, v: Value) -> Result<(), EvalError> {
        let found = self.metered(|m| {
            for x in items.iter() {
                if eq_in(x, &v, m, 0)? {
                    return Ok(true);
                }
            }
            Ok(false)
        })?;
        if !found {
            items.push(v);
        }
        Ok(())
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
