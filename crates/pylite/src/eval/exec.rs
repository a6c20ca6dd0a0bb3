//! Statements: assignment targets, control flow, `with`, `try`, imports and `def`.

use super::value::{Builtin, Function};
use super::{CallContext, Env, EvalError, Flow, Interpreter, Value};
use crate::ast::*;
use diagnostics::Span;
use std::rc::Rc;

pub(crate) fn unsupported(what: &str, span: Span) -> EvalError {
    EvalError::new("unsupported", format!("not supported in revision files: '{what}'"), span)
        .with_help("valid Python, but the revision-file subset cannot run it")
}

impl Interpreter<'_> {
    pub(crate) fn exec_block(&mut self, body: &[Stmt], env: &Env) -> Result<Flow, EvalError> {
        for s in body {
            match self.exec_stmt(s, env)? {
                Flow::Normal => {}
                flow => return Ok(flow),
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_stmt(&mut self, s: &Stmt, env: &Env) -> Result<Flow, EvalError> {
        self.stmt_span = s.span;
        self.step()?;
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
                if let Some(d) = def.decorators.first() {
                    return Err(unsupported("decorator", d.span));
                }
                let mut defaults = Vec::with_capacity(def.params.len());
                for p in &def.params {
                    if matches!(p.kind, ParamKind::VarArgs | ParamKind::VarKeywords) {
                        return Err(unsupported(if p.kind == ParamKind::VarArgs { "*args" } else { "**kwargs" }, p.span));
                    }
                    defaults.push(match &p.default {
                        Some(d) => Some(self.eval(d, env)?),
                        None => None,
                    });
                }
                let f = Function { def: Rc::new(def.clone()), defaults, enclosing: env.scopes.clone() };
                self.set_name(&def.name.name, Value::Function(Rc::new(f)), env);
            }
            StmtKind::If { test, body, orelse } => {
                // `elif` chains are nested `If`s: walk them in a loop, not by recursion.
                let (mut test, mut body, mut orelse) = (test, body, orelse);
                loop {
                    if self.eval(test, env)?.truthy() {
                        return self.exec_block(body, env);
                    }
                    match orelse.as_slice() {
                        [Stmt { kind: StmtKind::If { test: t, body: b, orelse: o }, span }] => {
                            self.stmt_span = *span;
                            self.step()?;
                            (test, body, orelse) = (t, b, o);
                        }
                        _ => return self.exec_block(orelse, env),
                    }
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                let items = self.eval(iter, env)?;
                let items = self.iterate(&items, iter.span)?;
                for item in items {
                    self.stmt_span = s.span;
                    self.step()?;
                    self.assign(target, item, env)?;
                    match self.exec_block(body, env)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse, env);
            }
            StmtKind::While { test, body, orelse } => {
                loop {
                    self.stmt_span = s.span;
                    self.step()?;
                    if !self.eval(test, env)?.truthy() {
                        break;
                    }
                    match self.exec_block(body, env)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse, env);
            }
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
                let Some(module) = module.as_deref().filter(|_| *level == 0) else {
                    return Err(unsupported("relative import", s.span));
                };
                for a in names {
                    if a.name == "*" {
                        return Err(unsupported("import *", a.span));
                    }
                    let v = self.import_from(module, &a.name, a.span)?;
                    let bind = a.asname.as_ref().map_or(a.name.as_str(), |n| n.name.as_str());
                    self.set_name(bind, v, env);
                }
            }
            StmtKind::Del(_) => return Err(unsupported("del", s.span)),
            StmtKind::ClassDef { .. } => return Err(unsupported("class", s.span)),
            StmtKind::Global(_) => return Err(unsupported("global", s.span)),
            StmtKind::Nonlocal(_) => return Err(unsupported("nonlocal", s.span)),
            StmtKind::Error => return Err(EvalError::new("eval-error", "cannot run a statement that failed to parse", s.span)),
        }
        Ok(Flow::Normal)
    }

    fn import(&mut self, name: &str, span: Span) -> Result<Value, EvalError> {
        if let Some(v) = self.host.import(name) {
            return Ok(v);
        }
        if matches!(name, "typing" | "__future__") {
            return Ok(Value::Builtin(Rc::new(Builtin::Typing(name.to_string()))));
        }
        Err(EvalError::new("name-error", format!("No module named '{name}'"), span).catchable("ImportError"))
    }

    fn import_from(&mut self, module: &str, name: &str, span: Span) -> Result<Value, EvalError> {
        if matches!(module, "typing" | "__future__") && self.host.import(module).is_none() {
            return Ok(Value::Builtin(Rc::new(Builtin::Typing(name.to_string()))));
        }
        if let Some(Value::Host(m)) = self.host.import(module) {
            let mut cx = CallContext::new(span, &mut *self.host);
            if let Ok(v) = m.get_attr(name, &mut cx) {
                return Ok(v);
            }
        }
        match self.host.import(&format!("{module}.{name}")) {
            Some(v) => Ok(v),
            None => {
                Err(EvalError::new("name-error", format!("cannot import name '{name}' from '{module}'"), span).catchable("ImportError"))
            }
        }
    }

    fn raise(&mut self, exc: Option<&Expr>, span: Span, env: &Env) -> Result<EvalError, EvalError> {
        let Some(exc) = exc else { return Ok(unsupported("bare raise", span)) };
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
        Ok(EvalError::new("eval-error", text, span).catchable(&class))
    }

    fn not_exception(&self, _v: &Value, span: Span) -> EvalError {
        EvalError::new("type-error", "exceptions must derive from BaseException", span).catchable("TypeError")
    }

    fn with(&mut self, items: &[WithItem], body: &[Stmt], env: &Env) -> Result<Flow, EvalError> {
        let Some((item, rest)) = items.split_first() else { return self.exec_block(body, env) };
        let ctx = self.eval(&item.context, env)?;
        let Value::Host(h) = &ctx else {
            return Err(EvalError::new(
                "type-error",
                format!("'{}' object does not support the context manager protocol", ctx.type_name()),
                item.context.span,
            )
            .catchable("TypeError"));
        };
        let mut cx = CallContext::new(item.context.span, &mut *self.host);
        let entered = h.enter(&mut cx)?;
        if let Some(t) = &item.target {
            self.assign(t, entered, env)?;
        }
        let result = self.with(rest, body, env);
        let mut cx = CallContext::new(item.context.span, &mut *self.host);
        h.exit(result.is_ok(), &mut cx)?;
        result
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        env: &Env,
    ) -> Result<Flow, EvalError> {
        let mut result = self.exec_block(body, env);
        if let Err(err) = &result {
            if let Some(class) = err.exception.clone() {
                for h in handlers {
                    if self.handler_matches(h, &class, env)? {
                        if let Some(n) = &h.name {
                            let msg = err.message().split_once(": ").map_or("", |x| x.1).to_string();
                            let class: &'static str = exc_class_static(&class);
                            self.set_name(&n.name, Value::Builtin(Rc::new(Builtin::ExcInstance(class, msg))), env);
                        }
                        result = self.exec_block(&h.body, env);
                        break;
                    }
                }
            }
        } else if !handlers.is_empty() {
            if let Ok(Flow::Normal) = result {
                result = self.exec_block(orelse, env);
            }
        }
        if !finalbody.is_empty() {
            match self.exec_block(finalbody, env)? {
                Flow::Normal => {}
                flow => return Ok(flow),
            }
        }
        result
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
                    Builtin::ExcType(t) if exc_matches(t, class) => return Ok(true),
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

    /// Binds a name in the innermost function scope, or globally at module level.
    pub(crate) fn set_name(&mut self, name: &str, v: Value, env: &Env) {
        match env.scopes.last() {
            Some(scope) => {
                scope.borrow_mut().insert(name.to_string(), v);
            }
            None => {
                self.globals.insert(name.to_string(), v);
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
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    return Err(unsupported("starred assignment", target.span));
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
            ExprKind::Attribute { .. } => Err(unsupported("attribute assignment", target.span)),
            _ => Err(unsupported("assignment target", target.span)),
        }
    }
}

/// `except Exception` catches every catchable error; otherwise the class must match.
fn exc_matches(handler: &str, raised: &str) -> bool {
    handler == raised
        || handler == "Exception"
        || handler == "BaseException"
        || (handler == "LookupError" && matches!(raised, "KeyError" | "IndexError"))
        || (handler == "ArithmeticError" && raised == "ZeroDivisionError")
}

fn exc_class_static(class: &str) -> &'static str {
    super::builtins::EXCEPTIONS.iter().copied().find(|c| *c == class).unwrap_or("Exception")
}
