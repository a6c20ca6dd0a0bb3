//! Statements: assignment targets, control flow, `with`, `try`, imports and `def`.

use super::expr::type_error;
use super::generator::{yield_of, Frame, PyIter, TryStage};
use super::modules::StandIn;
use super::value::{Builtin, Class, Decls, Function};
use super::{Env, EvalError, Flow, Interpreter, Value};
use crate::ast::*;
use diagnostics::Span;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Base classes a class may have, all told (its linearised hierarchy).
const MAX_MRO: usize = 100;

/// The `global`/`nonlocal` declarations of a function body (not of nested functions).
/// Iterative: a body's blocks may nest a thousand deep.
fn declarations(body: &[Stmt]) -> (Decls, usize) {
    let mut d = Decls::default();
    let mut visited = 0;
    let mut todo: Vec<&[Stmt]> = vec![body];
    while let Some(block) = todo.pop() {
        for s in block {
            visited += 1;
            match &s.kind {
                StmtKind::Global(names) => d.globals.extend(names.iter().map(|n| n.name.clone())),
                StmtKind::Nonlocal(names) => d.nonlocals.extend(names.iter().map(|n| n.name.clone())),
                StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                    todo.push(body);
                    todo.push(orelse);
                }
                StmtKind::With { body, .. } => todo.push(body),
                StmtKind::Try { body, handlers, orelse, finalbody } => {
                    todo.push(body);
                    todo.extend(handlers.iter().map(|h| h.body.as_slice()));
                    todo.push(orelse);
                    todo.push(finalbody);
                }
                _ => {}
            }
        }
    }
    (d, visited)
}

pub(crate) fn attribute_error(msg: impl Into<String>, span: Span) -> EvalError {
    EvalError::new("eval-error", format!("AttributeError: {}", msg.into()), span).catchable("AttributeError")
}

pub(crate) fn unsupported(what: &str, span: Span) -> EvalError {
    EvalError::new("unsupported", format!("not supported in revision files: '{what}'"), span)
        .with_help("valid Python, but the revision-file subset cannot run it")
}

impl Interpreter<'_> {
    pub(crate) fn exec_block(&mut self, body: &[Stmt], env: &Env) -> Result<Flow, EvalError> {
        self.exec_block_from(body, 0, env)
    }

    /// The statements of a block from index `start` (a resumed generator's rest of a block).
    pub(crate) fn exec_block_from(&mut self, body: &[Stmt], start: usize, env: &Env) -> Result<Flow, EvalError> {
        for (i, s) in body.iter().enumerate().skip(start) {
            match self.exec_stmt(s, env)? {
                Flow::Normal => {}
                flow => return Ok(flow.within(|| Frame::Block(i))),
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_stmt(&mut self, s: &Stmt, env: &Env) -> Result<Flow, EvalError> {
        self.stmt_span = s.span;
        self.step()?;
        if let Some(y) = yield_of(s) {
            return self.start_yield(s, y, env);
        }
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(e, env)?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value, env)?;
                for t in targets {
                    self.assign(t, v.clone(), env)?;
                }
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(value) = value {
                    let v = self.eval(value, env)?;
                    self.assign(target, v, env)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                let current = self.eval(target, env)?;
                let rhs = self.eval(value, env)?;
                let v = self.augmented(*op, current, rhs, s.span)?;
                self.assign(target, v, env)?;
            }
            StmtKind::FunctionDef(def) => {
                // Decorators are evaluated first, top to bottom, and applied bottom-up.
                let decorators = self.eval_decorators(&def.decorators, env)?;
                let f = self.make_function(def.clone(), env)?;
                let f = self.decorate(f, &decorators)?;
                self.set_name(&def.name.name, f, env);
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorators } => {
                let decorators = self.eval_decorators(decorators, env)?;
                let class = self.class_def(name, bases, keywords, body, s.span, env)?;
                let class = self.decorate(class, &decorators)?;
                self.set_name(&name.name, class, env);
            }
            StmtKind::If { test, body, orelse } => {
                // `elif` chains are nested `If`s: walk them in a loop, not by recursion.
                let (mut test, mut body, mut orelse) = (test, body, orelse);
                let mut hops = 0;
                loop {
                    if self.eval(test, env)?.truthy() {
                        return Ok(self.exec_block(body, env)?.within(|| Frame::If { hops, in_else: false }));
                    }
                    match orelse.as_slice() {
                        [Stmt { kind: StmtKind::If { test: t, body: b, orelse: o }, span }] => {
                            self.stmt_span = *span;
                            self.step()?;
                            (test, body, orelse) = (t, b, o);
                            hops += 1;
                        }
                        _ => return Ok(self.exec_block(orelse, env)?.within(|| Frame::If { hops, in_else: true })),
                    }
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                let items = self.eval(iter, env)?;
                let items = self.py_iter(items, iter.span)?;
                return self.for_loop(s.span, target, body, orelse, items, env);
            }
            StmtKind::While { test, body, orelse } => return self.while_loop(s.span, test, body, orelse, env),
            StmtKind::With { items, body } => return self.with(items, body, env),
            StmtKind::Try { body, handlers, orelse, finalbody } => return self.try_stmt(body, handlers, orelse, finalbody, env),
            StmtKind::Pass => {}
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, env)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::Raise { exc, .. } => return Err(self.raise(exc.as_ref(), s.span, env)?),
            StmtKind::Assert { test, msg } => {
                if !self.eval(test, env)?.truthy() {
                    let text = match msg {
                        Some(m) => {
                            let m = self.eval(m, env)?;
                            format!("AssertionError: {}", self.text(&m, false)?)
                        }
                        None => "AssertionError".to_string(),
                    };
                    return Err(EvalError::new("eval-error", text, s.span).catchable("AssertionError"));
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let module = self.import(&a.name, a.span)?;
                    match &a.asname {
                        Some(asname) => self.set_name(&asname.name, module, env),
                        // `import a.b` binds `a`.
                        None => {
                            let top = a.name.split('.').next().unwrap_or(&a.name);
                            let v = if top == a.name { module } else { self.import(top, a.span)? };
                            self.set_name(top, v, env);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                let module = self.absolute_module(module.as_deref(), *level, s.span)?;
                for a in names {
                    if a.name == "*" {
                        for (name, v) in self.import_star(&module, a.span)? {
                            self.set_name(&name, v, env);
                        }
                        continue;
                    }
                    let v = self.import_from(&module, &a.name, a.span)?;
                    let bind = a.asname.as_ref().map_or(a.name.as_str(), |n| n.name.as_str());
                    self.set_name(bind, v, env);
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t, env)?;
                }
            }
            // Declarations take effect for the whole function (`Function::decls`).
            StmtKind::Global(_) => {}
            StmtKind::Nonlocal(names) => {
                if env.scopes.is_empty() && env.class_ns.is_none() {
                    return Err(syntax_error("nonlocal declaration not allowed at module level", s.span));
                }
                let _ = names;
            }
            StmtKind::Error => return Err(EvalError::new("eval-error", "cannot run a statement that failed to parse", s.span)),
        }
        Ok(Flow::Normal)
    }

    fn raise(&mut self, exc: Option<&Expr>, span: Span, env: &Env) -> Result<EvalError, EvalError> {
        let Some(exc) = exc else {
            // A bare `raise` re-raises the exception being handled, where it was raised.
            return Ok(match self.handling.last() {
                Some(e) => e.clone(),
                None => EvalError::new("eval-error", "RuntimeError: No active exception to reraise", span).catchable("RuntimeError"),
            });
        };
        let v = self.eval(exc, env)?;
        let (class, msg) = match &v {
            Value::Builtin(b) => match &**b {
                Builtin::ExcType(t) => (t.to_string(), String::new()),
                Builtin::ExcInstance(t, m) => (t.to_string(), m.clone()),
                _ => return Ok(self.not_exception(&v, exc.span)),
            },
            _ => return Ok(self.not_exception(&v, exc.span)),
        };
        let text = if msg.is_empty() { class.clone() } else { format!("{class}: {msg}") };
        let mut e = EvalError::new("eval-error", text, span).catchable(&class);
        e.raised = true;
        Ok(e)
    }

    fn not_exception(&self, _v: &Value, span: Span) -> EvalError {
        EvalError::new("type-error", "exceptions must derive from BaseException", span).catchable("TypeError")
    }

    /// A `for` loop from its next item on (`items` is the iterator left).
    pub(crate) fn for_loop(
        &mut self,
        span: Span,
        target: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        mut items: PyIter,
        env: &Env,
    ) -> Result<Flow, EvalError> {
        while let Some(item) = self.iter_next(&mut items, span)? {
            self.stmt_span = span;
            self.step()?;
            match self.assign(target, item, env).and_then(|()| self.exec_block(body, env)) {
                Ok(Flow::Normal | Flow::Continue) => {}
                Ok(Flow::Yield(y)) => return Ok(Flow::Yield(y).within(|| Frame::For { iter: items, in_else: false })),
                r => return self.leave_loop(items, r, span),
            }
        }
        Ok(self.exec_block(orelse, env)?.within(|| Frame::For { iter: PyIter::empty(), in_else: true }))
    }

    /// A `while` loop from its next test on.
    pub(crate) fn while_loop(&mut self, span: Span, test: &Expr, body: &[Stmt], orelse: &[Stmt], env: &Env) -> Result<Flow, EvalError> {
        loop {
            self.stmt_span = span;
            self.step()?;
            if !self.eval(test, env)?.truthy() {
                break;
            }
            match self.exec_block(body, env)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Yield(y) => return Ok(Flow::Yield(y).within(|| Frame::While { in_else: false })),
                Flow::Normal | Flow::Continue => {}
            }
        }
        Ok(self.exec_block(orelse, env)?.within(|| Frame::While { in_else: true }))
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        env: &Env,
    ) -> Result<Flow, EvalError> {
        let result = self.exec_block(body, env);
        self.try_after_body(result, handlers, orelse, finalbody, env)
    }

    /// A `try` whose body ended with `result`: its handlers or `else`, then `finally`. A
    /// suspended body (a generator's `yield`) leaves the statement without either.
    pub(crate) fn try_after_body(
        &mut self,
        mut result: Result<Flow, EvalError>,
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        env: &Env,
    ) -> Result<Flow, EvalError> {
        if let Ok(Flow::Yield(_)) = result {
            return result.map(|f| f.within(|| Frame::Try(TryStage::Body)));
        }
        if let Err(err) = &result {
            if let Some(class) = err.exception.clone() {
                for (i, h) in handlers.iter().enumerate() {
                    if self.handler_matches(h, &class, env)? {
                        if let Some(n) = &h.name {
                            let msg = exception_text(err.message()).to_string();
                            let class: &'static str = exc_class_static(&class);
                            self.set_name(&n.name, Value::Builtin(Rc::new(Builtin::ExcInstance(class, msg))), env);
                        }
                        let err = err.clone();
                        self.handling.push(err.clone());
                        result = self.exec_block(&h.body, env);
                        self.handling.pop();
                        result = result.map(|f| f.within(|| Frame::Try(TryStage::Handler(i, err))));
                        break;
                    }
                }
            }
        } else if !handlers.is_empty() {
            if let Ok(Flow::Normal) = result {
                result = self.exec_block(orelse, env).map(|f| f.within(|| Frame::Try(TryStage::Else)));
            }
        }
        self.try_finally(result, finalbody, env)
    }

    /// `finally` after the rest of a `try` ended with `result` (not when it was suspended).
    pub(crate) fn try_finally(&mut self, result: Result<Flow, EvalError>, finalbody: &[Stmt], env: &Env) -> Result<Flow, EvalError> {
        if finalbody.is_empty() || matches!(result, Ok(Flow::Yield(_))) {
            return result;
        }
        match self.exec_block(finalbody, env)? {
            Flow::Normal => result,
            Flow::Yield(y) => Ok(Flow::Yield(y).within(|| Frame::Try(TryStage::Finally(Box::new(result))))),
            flow => Ok(flow),
        }
    }

    fn handler_matches(&mut self, h: &ExceptHandler, class: &str, env: &Env) -> Result<bool, EvalError> {
        let Some(kind) = &h.kind else { return Ok(true) };
        let v = self.eval(kind, env)?;
        let classes = match &v {
            Value::Tuple(t) => t.to_vec(),
            _ => vec![v],
        };
        for c in &classes {
            match c {
                Value::Builtin(b) => match &**b {
                    Builtin::ExcType(t) if exc_matches(t, class) || (cfg!(feature = "stdlib") && self.host.exception_derives(class, t)) => {
                        return Ok(true)
                    }
                    Builtin::ExcType(_) => {}
                    _ => return Err(self.bad_except(kind.span)),
                },
                _ => return Err(self.bad_except(kind.span)),
            }
        }
        Ok(false)
    }

    fn bad_except(&self, span: Span) -> EvalError {
        EvalError::new("type-error", "catching classes that do not inherit from BaseException is not allowed", span).catchable("TypeError")
    }

    /// Binds a name: in a class body's namespace, where `global`/`nonlocal` say, in the
    /// innermost function (or comprehension) scope, or globally at module level.
    pub(crate) fn set_name(&mut self, name: &str, v: Value, env: &Env) {
        if let Some(ns) = &env.class_ns {
            ns.borrow_mut().insert(name.to_string(), v);
            return;
        }
        if let (Some(d), 0) = (&env.decls, env.comps) {
            if d.globals.iter().any(|g| g == name) {
                self.globals.borrow_mut().insert(name.to_string(), v);
                return;
            }
            if d.nonlocals.iter().any(|g| g == name) {
                let outer = &env.scopes[..env.scopes.len().saturating_sub(1)];
                if let Some(scope) = outer.iter().rev().find(|s| s.borrow().contains_key(name)).or(outer.last()) {
                    scope.borrow_mut().insert(name.to_string(), v);
                    return;
                }
            }
        }
        match env.scopes.last() {
            Some(scope) => {
                scope.borrow_mut().insert(name.to_string(), v);
            }
            None => {
                self.globals.borrow_mut().insert(name.to_string(), v);
            }
        }
    }

    pub(crate) fn assign(&mut self, target: &Expr, v: Value, env: &Env) -> Result<(), EvalError> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.set_name(n, v, env);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let is_star = |i: &&Expr| matches!(i.kind, ExprKind::Starred(_));
                if let Some(star) = items.iter().position(|i| is_star(&i)) {
                    if items.iter().filter(is_star).count() > 1 {
                        return Err(syntax_error("multiple starred expressions in assignment", target.span));
                    }
                    let mut values = self.iterate(&v, target.span)?;
                    let after = items.len() - star - 1;
                    if values.len() < star + after {
                        let msg = format!("not enough values to unpack (expected at least {}, got {})", star + after, values.len());
                        return Err(EvalError::new("eval-error", msg, target.span).catchable("ValueError"));
                    }
                    let tail = values.split_off(values.len() - after);
                    let middle = values.split_off(star);
                    self.alloc_items(middle.len())?;
                    for (t, v) in items[..star].iter().zip(values) {
                        self.assign(t, v, env)?;
                    }
                    if let ExprKind::Starred(inner) = &items[star].kind {
                        self.assign(inner, Value::list(middle), env)?;
                    }
                    for (t, v) in items[star + 1..].iter().zip(tail) {
                        self.assign(t, v, env)?;
                    }
                    return Ok(());
                }
                let values = self.iterate(&v, target.span)?;
                if values.len() != items.len() {
                    let msg = if values.len() > items.len() {
                        format!("too many values to unpack (expected {})", items.len())
                    } else {
                        format!("not enough values to unpack (expected {}, got {})", items.len(), values.len())
                    };
                    return Err(EvalError::new("eval-error", msg, target.span).catchable("ValueError"));
                }
                for (t, v) in items.iter().zip(values) {
                    self.assign(t, v, env)?;
                }
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                let container = self.eval(value, env)?;
                let key = self.eval(index, env)?;
                self.set_item(&container, key, v, target.span)
            }
            ExprKind::Attribute { value, attr } => {
                let obj = self.eval(value, env)?;
                self.set_attr(&obj, &attr.name, v, target.span)
            }
            _ => Err(unsupported("assignment target", target.span)),
        }
    }

    /// `obj.name = v`: on instances and classes of the file.
    pub(crate) fn set_attr(&mut self, obj: &Value, name: &str, v: Value, span: Span) -> Result<(), EvalError> {
        match obj {
            Value::Instance(i) => {
                self.alloc_items(2)?;
                i.attrs.borrow_mut().insert(name.to_string(), v);
                Ok(())
            }
            Value::Class(c) => {
                self.alloc_items(2)?;
                c.attrs.borrow_mut().insert(name.to_string(), v);
                Ok(())
            }
            Value::Host(_) | Value::Function(_) | Value::Method(_) | Value::Builtin(_) => {
                Err(unsupported(&format!("attribute assignment on '{}'", obj.type_name()), span))
            }
            _ => Err(attribute_error(format!("'{}' object has no attribute '{name}'", obj.type_name()), span)),
        }
    }

    /// `del target`: a name, an item, an attribute, or a tuple of them.
    fn delete(&mut self, target: &Expr, env: &Env) -> Result<(), EvalError> {
        match &target.kind {
            ExprKind::Name(n) => {
                let removed = if let Some(ns) = &env.class_ns {
                    ns.borrow_mut().remove(n)
                } else if env.decls.as_ref().is_some_and(|d| d.globals.contains(n)) || env.scopes.is_empty() {
                    self.globals.borrow_mut().remove(n)
                } else if env.decls.as_ref().is_some_and(|d| d.nonlocals.contains(n)) {
                    let outer = &env.scopes[..env.scopes.len() - 1];
                    outer.iter().rev().find_map(|s| s.borrow_mut().remove(n))
                } else {
                    env.scopes.last().and_then(|s| s.borrow_mut().remove(n))
                };
                match removed {
                    Some(_) => Ok(()),
                    None if env.scopes.is_empty() || env.class_ns.is_some() => {
                        Err(EvalError::new("name-error", format!("name '{n}' is not defined"), target.span).catchable("NameError"))
                    }
                    None => Err(EvalError::new(
                        "name-error",
                        format!("UnboundLocalError: cannot access local variable '{n}' where it is not associated with a value"),
                        target.span,
                    )
                    .catchable("UnboundLocalError")),
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(|t| self.delete(t, env)),
            ExprKind::Subscript { value, index } => {
                let container = self.eval(value, env)?;
                if let ExprKind::Slice { .. } = index.kind {
                    return Err(unsupported("del of a slice", target.span));
                }
                let key = self.eval(index, env)?;
                self.del_item(&container, &key, target.span)
            }
            ExprKind::Attribute { value, attr } => {
                let obj = self.eval(value, env)?;
                let removed = match &obj {
                    Value::Instance(i) => i.attrs.borrow_mut().remove(&attr.name),
                    Value::Class(c) => c.attrs.borrow_mut().remove(&attr.name),
                    Value::Host(_) => return Err(unsupported(&format!("del of an attribute of a {}", obj.type_name()), target.span)),
                    _ => None,
                };
                match removed {
                    Some(_) => Ok(()),
                    None => Err(attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), attr.name), target.span)),
                }
            }
            _ => Err(unsupported("del target", target.span)),
        }
    }

    fn eval_decorators(&mut self, decorators: &[Expr], env: &Env) -> Result<Vec<(Value, Span)>, EvalError> {
        decorators.iter().map(|d| Ok((self.eval(d, env)?, d.span))).collect()
    }

    fn decorate(&mut self, mut v: Value, decorators: &[(Value, Span)]) -> Result<Value, EvalError> {
        for (d, span) in decorators.iter().rev() {
            v = self.call_value(d, vec![v], Vec::new(), *span)?;
        }
        Ok(v)
    }

    /// A `def` (or `lambda`) evaluated here: its defaults now, its declarations, its scope.
    pub(crate) fn make_function(&mut self, def: Arc<FunctionDef>, env: &Env) -> Result<Value, EvalError> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(d, env)?),
                None => None,
            });
        }
        let (decls, visited) = declarations(&def.body);
        self.work(visited as u64)?;
        if let Some(n) = decls.nonlocals.first() {
            if env.scopes.is_empty() {
                return Err(syntax_error(format!("no binding for nonlocal '{n}' found"), def.span));
            }
        }
        if let Some(n) = decls.globals.iter().find(|g| def.params.iter().any(|p| &p.name.name == *g)) {
            return Err(syntax_error(format!("name '{n}' is parameter and global"), def.span));
        }
        let qualname = env.qualname(&def.name.name);
        self.alloc_items(def.params.len() + 1)?;
        let f = Function {
            def,
            defaults,
            enclosing: env.scopes.clone(),
            qualname,
            decls: Rc::new(decls),
            globals: self.globals.clone(),
            file: self.file.clone(),
        };
        Ok(Value::Function(Rc::new(f)))
    }

    fn class_def(
        &mut self,
        name: &Ident,
        bases: &[Expr],
        keywords: &[Keyword],
        body: &[Stmt],
        span: Span,
        env: &Env,
    ) -> Result<Value, EvalError> {
        let mut direct: Vec<Rc<Class>> = Vec::new();
        // A base that is not here (a stand-in) makes the class a stand-in: the module
        // defining it still imports, and only using the class fails.
        let mut missing_base: Option<String> = None;
        let mut host_base = None;
        let mut generic = false;
        let mut mixin: Option<(Span, bool)> = None;
        for b in bases {
            if let ExprKind::Starred(_) = b.kind {
                return Err(unsupported("*bases", b.span));
            }
            match self.eval(b, env)? {
                Value::Class(ref c) => {
                    if direct.iter().any(|d| Rc::ptr_eq(d, c)) {
                        return Err(type_error(format!("duplicate base class {}", c.name), b.span));
                    }
                    direct.push(c.clone());
                }
                Value::Builtin(ref f) if matches!(**f, Builtin::Func("object")) => {}
                // `class Color(str, Enum)`: a mixin of an enumeration (checked below).
                Value::Builtin(ref f) if matches!(**f, Builtin::Func("str" | "int")) && cfg!(feature = "stdlib") => {
                    mixin = Some((b.span, matches!(**f, Builtin::Func("int"))));
                }
                // `Generic[T]`, `Protocol`: for the type checker; at run time the class is plain.
                // The page's build leaves these out (its budget): such a class is refused there.
                Value::Builtin(ref f)
                    if cfg!(feature = "stdlib") && matches!(&**f, Builtin::Typing(n) if n == "Generic" || n == "Protocol") =>
                {
                    generic = true
                }
                Value::Host(ref h) if cfg!(feature = "stdlib") && h.as_any().is::<StandIn>() => {
                    if let (None, Some(s)) = (&missing_base, h.as_any().downcast_ref::<StandIn>()) {
                        missing_base = Some(s.as_base());
                    }
                }
                // The hosts' derivable classes are the CLI's (the page's engine has none).
                Value::Host(ref h) if cfg!(feature = "stdlib") && h.as_base().is_some() => {
                    if host_base.is_some() {
                        return Err(unsupported("a class with two host bases", b.span));
                    }
                    host_base = h.as_base();
                }
                // A host object pylite cannot derive from (`sa.PickleType`): the class is a
                // stand-in, as for a missing base.
                Value::Host(ref h) if cfg!(feature = "stdlib") => {
                    if missing_base.is_none() {
                        missing_base = Some(format!("its base {} cannot be derived from here", h.type_name()));
                    }
                }
                v => return Err(unsupported(&format!("a base class that is not a class of the file ({})", v.repr()), b.span)),
            }
        }
        if let Some(why) = missing_base {
            return Ok(self.stand_in_class(&name.name, why, span));
        }
        if let Some(k) = keywords.first() {
            return Err(unsupported("class keyword arguments", k.span));
        }
        // Only the CLI's build has `enum` (pylite `stdlib`).
        let enumeration = match cfg!(feature = "stdlib") {
            true => super::stdlib::enums::kind(
                &direct.iter().flat_map(|c| std::iter::once(c.clone()).chain(c.mro.iter().cloned())).collect::<Vec<_>>(),
            ),
            false => None,
        };
        if let (Some((at, _)), None) = (mixin, enumeration) {
            return Err(unsupported("a base class that is not a class of the file (str or int without enum.Enum)", at));
        }
        let host_base = match host_base.or_else(|| direct.iter().find_map(|c| c.host_base.clone())) {
            Some(h) if direct.iter().any(|c| c.host_base.as_ref().is_some_and(|o| !Rc::ptr_eq(o, &h))) => {
                return Err(unsupported("a class with two host bases", span))
            }
            h => h,
        };
        // Depth-first, each class at its last occurrence: `D(B, C)` over `B(A)`, `C(A)` is
        // D, B, C, A as Python's C3 gives.
        let all: Vec<Rc<Class>> = direct.iter().flat_map(|b| std::iter::once(b.clone()).chain(b.mro.iter().cloned())).collect();
        if all.len() > MAX_MRO {
            return Err(unsupported(&format!("a class hierarchy of more than {MAX_MRO} classes"), span));
        }
        self.copy_work(all.len() * all.len())?;
        let mro: Vec<Rc<Class>> =
            all.iter().enumerate().filter(|(i, c)| !all[i + 1..].iter().any(|d| Rc::ptr_eq(c, d))).map(|(_, c)| c.clone()).collect();
        let qualname = env.qualname(&name.name);
        let ns = Rc::new(RefCell::new(HashMap::new()));
        let body_env = Env {
            scopes: env.scopes.clone(),
            comps: 0,
            class_ns: Some(ns.clone()),
            decls: None,
            qual: Some(format!("{qualname}.").into()),
            this: None,
        };
        match self.exec_block(body, &body_env)? {
            Flow::Normal => {}
            Flow::Return(_) => return Err(syntax_error("'return' outside function", self.stmt_span)),
            Flow::Break | Flow::Continue => return Err(syntax_error("'break' or 'continue' outside loop", self.stmt_span)),
            Flow::Yield(_) => return Err(syntax_error("'yield' outside function", self.stmt_span)),
        }
        self.stmt_span = span;
        let mut attrs = ns.take();
        if generic {
            // Typing's `Generic.__class_getitem__`: `Box[int]` is (as a base) `Box`.
            attrs.entry("__class_getitem__".into()).or_insert_with(|| Value::Builtin(Rc::new(Builtin::Typing("Generic".into()))));
        }
        self.alloc_items(attrs.len() * 2 + mro.len() + 1)?;
        let class = Rc::new(Class { name: name.name.clone(), qualname, mro, attrs: RefCell::new(attrs), host_base });
        if let Some(int) = enumeration {
            self.make_enum(&class, body, int || mixin.is_some_and(|(_, i)| i), span)?;
        }
        Ok(Value::Class(class))
    }
}

impl Interpreter<'_> {
    /// The stand-in for class `name` defined at `span` of the running file, and why.
    fn stand_in_class(&self, name: &str, why: String, span: Span) -> Value {
        let (module, at) = match &self.file {
            Some(f) => {
                let line = diagnostics::LineIndex::new(&f.text).line_col(&f.text, (span.start as usize).min(f.text.len())).line;
                (module_name(&f.path), format!("{}, line {line}", f.path))
            }
            None => ("__main__".to_string(), "this file".to_string()),
        };
        StandIn::class(&module, name, &at, why, span)
    }
}

/// `pkg/sub.py`, `pkg/__init__.py` → `pkg.sub`, `pkg`.
fn module_name(path: &str) -> String {
    let stem = path.strip_suffix(".py").unwrap_or(path);
    stem.strip_suffix("/__init__").unwrap_or(stem).replace('/', ".")
}

/// What CPython reports when it compiles the file (we find it when the code runs).
fn syntax_error(msg: impl Into<String>, span: Span) -> EvalError {
    EvalError::new("syntax-error", msg, span)
}

/// `except Exception` catches every catchable error but `GeneratorExit` (a `BaseException`);
/// otherwise the class must match.
pub(crate) fn exc_matches(handler: &str, raised: &str) -> bool {
    handler == raised
        || (handler == "Exception" && raised != "GeneratorExit")
        || handler == "BaseException"
        || (handler == "LookupError" && matches!(raised, "KeyError" | "IndexError"))
        || (handler == "ArithmeticError" && raised == "ZeroDivisionError")
        || (handler == "NameError" && raised == "UnboundLocalError")
        || (handler == "ValueError" && matches!(raised, "JSONDecodeError" | "UnicodeDecodeError" | "UnicodeEncodeError" | "binascii.Error"))
}

/// The exception's own text in an error message: `KeyError: 'x'` → `'x'`; messages
/// without a class prefix (type errors, host errors) are the text itself.
fn exception_text(message: &str) -> &str {
    match message.split_once(": ") {
        Some((head, rest))
            if !head.contains(' ') && (head.ends_with("Error") || head.ends_with("Exception") || head == "StopIteration") =>
        {
            rest
        }
        _ => message,
    }
}

fn exc_class_static(class: &str) -> &'static str {
    super::builtins::EXCEPTIONS.iter().chain(&["JSONDecodeError"]).copied().find(|c| *c == class).unwrap_or("Exception")
}
