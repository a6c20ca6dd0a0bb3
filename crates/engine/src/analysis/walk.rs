//! The walk over one function's statements: every call resolved through the module's imports
//! and the function's locals, every effect recorded as a `Finding`.

use diagnostics::Span;
use pylite::ast::{Keyword, StmtKind};
use pylite::{Expr, ExprKind, Stmt};

use super::effect::{DataChange, Drop, Effect, Finding, Inspection, Raise, Unresolved};
use super::ops::{self, Args};
use super::value::{self, Receiver, Value};

type Env = Vec<(String, Value)>;

pub(super) struct Walker<'m> {
    module: &'m [(String, Value)],
    locals: Env,
    pub(super) findings: Vec<Finding>,
}

impl<'m> Walker<'m> {
    pub(super) fn new(module: &'m [(String, Value)]) -> Walker<'m> {
        Walker { module, locals: Vec::new(), findings: Vec::new() }
    }

    /// A parameter of `upgrade()`/`downgrade()` (the multi-database template's
    /// `engine_name`): its value is unknown.
    pub(super) fn bind_param(&mut self, name: &str) {
        self.bind(name, Value::Unknown);
    }

    pub(super) fn record_unresolved(&mut self, why: Unresolved, span: Span) {
        self.unresolved(why, span);
    }

    fn record(&mut self, effect: Effect, span: Span) {
        self.findings.push(Finding { effect, span });
    }

    fn unresolved(&mut self, why: Unresolved, span: Span) -> Value {
        self.record(Effect::Unresolved(why), span);
        Value::Unknown
    }

    fn bind(&mut self, name: &str, value: Value) {
        self.locals.push((name.to_string(), value));
    }

    fn lookup(&mut self, name: &str, span: Span) -> Value {
        let found = self.locals.iter().rev().chain(self.module.iter().rev()).find(|(n, _)| n == name).map(|(_, v)| v.clone());
        match found.or_else(|| value::builtin(name)) {
            Some(Value::Unknown) | None => self.unresolved(Unresolved::UnknownName(name.to_string()), span),
            Some(v) => v,
        }
    }

    // ---- statements ----

    pub(super) fn block(&mut self, stmts: &[Stmt]) {
        for stmt in stmts {
            self.stmt(stmt);
        }
    }

    /// Runs `stmts` from the current bindings on a copy, returning the bindings after.
    fn branch(&mut self, start: &Env, stmts: &[Stmt]) -> Env {
        let saved = std::mem::replace(&mut self.locals, start.clone());
        self.block(stmts);
        std::mem::replace(&mut self.locals, saved)
    }

    fn stmt(&mut self, stmt: &Stmt) {
        let span = stmt.span;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                if !matches!(e.kind, ExprKind::Str { .. } | ExprKind::Ellipsis) {
                    self.used(e);
                }
            }
            StmtKind::Assign { targets, value } => {
                let v = self.used(value);
                targets.iter().for_each(|t| self.assign(t, v.clone()));
            }
            StmtKind::AnnAssign { target, value, .. } => {
                let v = value.as_ref().map_or(Value::Unknown, |e| self.used(e));
                self.assign(target, v);
            }
            StmtKind::AugAssign { target, value, .. } => {
                let right = self.used(value);
                let left = self.used(target);
                self.assign(target, left.join(right));
            }
            StmtKind::FunctionDef(f) => {
                self.unresolved(Unresolved::Construct("a nested `def`"), f.name.span);
                self.bind(&f.name.name, Value::Helper(f.name.name.clone()));
            }
            StmtKind::ClassDef { name, .. } => {
                self.unresolved(Unresolved::Construct("a `class`"), name.span);
                self.bind(&name.name, Value::Unknown);
            }
            StmtKind::If { test, body, orelse } => {
                self.used(test);
                let start = self.locals.clone();
                let a = self.branch(&start, body);
                let b = self.branch(&start, orelse);
                self.locals = merge(&a, &b);
            }
            StmtKind::For { target, iter, body, orelse } => {
                let items = self.used(iter);
                let item = element(&items);
                self.loop_body(|w| w.assign(target, item.clone()), body);
                self.block(orelse);
            }
            StmtKind::While { test, body, orelse } => {
                self.used(test);
                self.loop_body(|_| {}, body);
                self.block(orelse);
            }
            StmtKind::With { items, body } => {
                for item in items {
                    let v = self.with_context(&item.context);
                    if let Some(target) = &item.target {
                        self.assign(target, v);
                    }
                }
                self.block(body);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                let start = self.locals.clone();
                let after_body = self.branch(&start, body);
                let handler_start = merge(&start, &after_body);
                let mut end = self.branch(&after_body, orelse);
                for h in handlers {
                    self.locals = handler_start.clone();
                    if let Some(kind) = &h.kind {
                        self.used(kind);
                    }
                    if let Some(name) = &h.name {
                        self.bind(&name.name, Value::Exception(false));
                    }
                    self.block(&h.body);
                    end = merge(&end, &self.locals);
                }
                self.locals = end;
                self.block(finalbody);
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::Return(value) => {
                if let Some(e) = value {
                    self.used(e);
                }
            }
            StmtKind::Raise { exc, cause } => {
                let kind = match exc {
                    Some(e) => match self.used(e) {
                        Value::Exception(true) => Raise::NotImplemented,
                        _ => Raise::Other,
                    },
                    None => Raise::Other,
                };
                if let Some(c) = cause {
                    self.used(c);
                }
                self.record(Effect::Raises(kind), span);
            }
            StmtKind::Assert { test, msg } => {
                self.used(test);
                if let Some(m) = msg {
                    self.used(m);
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    match &t.kind {
                        ExprKind::Name(n) => self.bind(n, Value::Unknown),
                        _ => {
                            self.unresolved(Unresolved::Construct("`del` of an attribute or item"), t.span);
                        }
                    }
                }
            }
            StmtKind::Import(aliases) => aliases.iter().for_each(|a| {
                let (name, v) = value::import(a);
                self.bind(&name, v);
            }),
            StmtKind::ImportFrom { module, names, level } => {
                for a in names {
                    match value::import_from(module.as_deref(), *level, a) {
                        Some((name, v)) => self.bind(&name, v),
                        None => {
                            self.unresolved(Unresolved::Construct("a star import"), a.span);
                        }
                    }
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {
                self.unresolved(Unresolved::Construct("`global`/`nonlocal`"), span);
            }
            StmtKind::Error => {
                self.unresolved(Unresolved::Construct("a statement that does not parse"), span);
            }
        }
    }

    /// A loop body runs zero, one or more times: twice from the merged bindings.
    fn loop_body(&mut self, mut start: impl FnMut(&mut Walker<'m>), body: &[Stmt]) {
        let before = self.locals.clone();
        for _ in 0..2 {
            start(self);
            let entry = self.locals.clone();
            let after = self.branch(&entry, body);
            self.locals = merge(&before, &after);
        }
    }

    /// `with op.batch_alter_table("t") as b:` binds a batch; any other context is unknown.
    fn with_context(&mut self, context: &Expr) -> Value {
        if let ExprKind::Call { func, args, keywords } = &context.kind {
            if let Value::Method(Receiver::Op, m) = self.callee(func).0 {
                if m == "batch_alter_table" {
                    let args = self.args(args, keywords);
                    let table = match args.positional.first() {
                        Some(Value::Str(s)) => Some(s.clone()),
                        _ => None,
                    };
                    self.record(Effect::ChangesSchema { op: "batch_alter_table", name: table.clone() }, context.span);
                    if !args.has_keyword("copy_from") {
                        self.record(Effect::BatchWithoutCopyFrom { table: table.clone() }, context.span);
                    }
                    return Value::Batch(table);
                }
            }
        }
        self.used(context);
        self.unresolved(Unresolved::UnknownContext, context.span)
    }

    fn assign(&mut self, target: &Expr, v: Value) {
        match &target.kind {
            ExprKind::Name(n) => {
                // Rebinding `op`, `sa` or another import inside the function: what the name
                // means from here on is not proven.
                let imported = self.module.iter().rev().find(|(m, _)| m == n).map(|(_, m)| m);
                if imported.is_some_and(|m| matches!(m, Value::Op | Value::Context | Value::SaMember(_)) && *m != v) {
                    self.unresolved(Unresolved::Construct("a rebinding of an imported name"), target.span);
                    self.bind(n, Value::Unknown);
                } else {
                    self.bind(n, v);
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let each = element(&v);
                items.iter().for_each(|i| self.assign(i, each.clone()));
            }
            ExprKind::Starred(inner) => self.assign(inner, element(&v)),
            ExprKind::Attribute { value, .. } | ExprKind::Subscript { value, .. } => {
                if let ExprKind::Subscript { index, .. } = &target.kind {
                    self.used(index);
                }
                if !matches!(self.used(value), Value::Data | Value::Str(_)) {
                    self.unresolved(Unresolved::Construct("an assignment to an attribute or item"), target.span);
                }
            }
            _ => {
                self.unresolved(Unresolved::Construct("an assignment target"), target.span);
            }
        }
    }

    // ---- expressions ----

    /// An expression whose value is used as data (an argument, an item, an assigned value):
    /// an operation or helper used this way escapes the analysis.
    fn used(&mut self, e: &Expr) -> Value {
        let v = self.expr(e);
        self.escape(v, e.span)
    }

    fn escape(&mut self, v: Value, span: Span) -> Value {
        match v {
            Value::Method(receiver, method) => {
                if let Some(kind) = ops::drop_kind(&method) {
                    let table = if let Receiver::Batch(t) = &receiver { t.clone() } else { None };
                    self.record(Effect::Drops(Drop { kind, name: None, table }), span);
                }
                self.unresolved(Unresolved::OperationAsValue(method), span)
            }
            Value::Op | Value::Batch(_) | Value::Context => self.unresolved(Unresolved::OperationAsValue("op".into()), span),
            Value::Helper(name) => self.unresolved(Unresolved::HelperCall(name), span),
            other => other,
        }
    }

    pub(super) fn expr(&mut self, e: &Expr) -> Value {
        match &e.kind {
            ExprKind::Name(n) => self.lookup(n, e.span),
            ExprKind::Str { value, bytes: false } => Value::Str(value.clone()),
            ExprKind::Str { .. }
            | ExprKind::Int(_)
            | ExprKind::BigInt(_)
            | ExprKind::Float(_)
            | ExprKind::Imaginary(_)
            | ExprKind::NoneLit
            | ExprKind::True
            | ExprKind::False
            | ExprKind::Ellipsis => Value::Data,
            ExprKind::FString(parts) => {
                let mut out = Value::Data;
                for part in parts {
                    if let pylite::ast::FStringPart::Field { expr, format_spec, .. } = part {
                        let v = self.used(expr);
                        out = out.join(v);
                        for spec in format_spec {
                            if let pylite::ast::FStringPart::Field { expr, .. } = spec {
                                let v = self.used(expr);
                                out = out.join(v);
                            }
                        }
                    }
                }
                out
            }
            ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) => self.all(items.iter()),
            ExprKind::Dict(items) => {
                let mut out = Value::Data;
                for item in items {
                    if let Some(k) = &item.key {
                        let v = self.used(k);
                        out = out.join(v);
                    }
                    let v = self.used(&item.value);
                    out = out.join(v);
                }
                out
            }
            ExprKind::Call { func, args, keywords } => self.call(func, args, keywords, e.span),
            ExprKind::Attribute { value, attr } => {
                let base = self.expr(value);
                self.attribute(base, &attr.name, value.span)
            }
            ExprKind::Subscript { value, index } => {
                let base = self.used(value);
                self.used(index);
                element(&base)
            }
            ExprKind::Slice { lower, upper, step } => self.all([lower, upper, step].into_iter().flatten().map(|b| &**b)),
            ExprKind::BinOp { left, right, .. } => self.all([&**left, &**right].into_iter()),
            ExprKind::UnaryOp { operand, .. } => {
                let v = self.used(operand);
                Value::Data.join(v)
            }
            ExprKind::BoolOp { values, .. } => self.all(values.iter()),
            ExprKind::Compare { left, comparators, .. } => {
                let v = self.all(std::iter::once(&**left).chain(comparators));
                if v.is_database() {
                    v
                } else {
                    Value::Data
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.used(test);
                self.all([&**body, &**orelse].into_iter())
            }
            ExprKind::Starred(inner) => self.used(inner),
            ExprKind::Comprehension { element: item, value, generators, .. } => {
                let saved = self.locals.clone();
                for g in generators {
                    let items = self.used(&g.iter);
                    self.assign(&g.target, element(&items));
                    g.ifs.iter().for_each(|i| {
                        self.used(i);
                    });
                }
                let mut out = self.used(item);
                if let Some(v) = value {
                    let v = self.used(v);
                    out = out.join(v);
                }
                self.locals = saved;
                Value::Data.join(out)
            }
            ExprKind::Lambda(_) => self.unresolved(Unresolved::Construct("a `lambda`"), e.span),
            ExprKind::Await(_) | ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                self.unresolved(Unresolved::Construct("`await`/`yield`"), e.span)
            }
            ExprKind::NamedExpr { .. } => self.unresolved(Unresolved::Construct("`:=`"), e.span),
            ExprKind::Error => self.unresolved(Unresolved::Construct("an expression that does not parse"), e.span),
        }
    }

    fn all<'e>(&mut self, items: impl Iterator<Item = &'e Expr>) -> Value {
        let mut out = Value::Data;
        for item in items {
            let v = self.used(item);
            out = out.join(v);
        }
        out
    }

    fn attribute(&mut self, base: Value, attr: &str, span: Span) -> Value {
        match base {
            Value::Op => Value::Method(Receiver::Op, attr.to_string()),
            Value::Batch(t) => Value::Method(Receiver::Batch(t), attr.to_string()),
            Value::Context => Value::Method(Receiver::Context, attr.to_string()),
            Value::SaMember(_) | Value::Sa | Value::SqlText(_) => Value::SaMember(attr.to_string()),
            Value::Database(_) => Value::Database(Some(attr.to_string())),
            Value::Inspector => Value::Inspector,
            Value::Data | Value::Str(_) | Value::Builtin | Value::Exception(_) => Value::Data,
            method @ (Value::Method(..) | Value::Helper(_)) => self.escape(method, span),
            Value::Unknown => Value::Unknown,
        }
    }

    /// The callee of a call, and whether it was reached dynamically (not a plain name or
    /// attribute chain): `[op.drop_table][0]` resolves to `op.drop_table`, dynamically.
    fn callee(&mut self, func: &Expr) -> (Value, bool) {
        match &func.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } => (self.expr(func), false),
            ExprKind::Subscript { value, index } => {
                if let (ExprKind::List(items) | ExprKind::Tuple(items), ExprKind::Int(i)) = (&value.kind, &index.kind) {
                    let at = if *i < 0 { items.len() as i64 + i } else { *i };
                    if let Some(chosen) = usize::try_from(at).ok().filter(|&a| a < items.len()) {
                        for (n, item) in items.iter().enumerate() {
                            if n != chosen {
                                self.used(item);
                            }
                        }
                        return (self.callee(&items[chosen]).0, true);
                    }
                }
                (self.expr(func), true)
            }
            _ => (self.expr(func), true),
        }
    }

    fn args(&mut self, args: &[Expr], keywords: &[Keyword]) -> Args {
        let positional = args.iter().map(|a| self.used(a)).collect();
        let keywords = keywords.iter().map(|k| (k.name.as_ref().map(|n| n.name.clone()), self.used(&k.value))).collect();
        Args { positional, keywords }
    }

    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword], span: Span) -> Value {
        let (callee, dynamic) = self.callee(func);
        if dynamic {
            self.record(Effect::Unresolved(Unresolved::DynamicCall), func.span);
        }
        let args = self.args(args, keywords);
        let tainted = args.positional.iter().chain(args.keywords.iter().map(|(_, v)| v)).any(Value::is_database);
        let (effect, result) = match callee {
            Value::Method(Receiver::Op, m) => ops::classify(&m, &args, None),
            Value::Method(Receiver::Batch(t), m) => ops::classify(&m, &args, Some(&t)),
            Value::Method(Receiver::Context, m) => match m.as_str() {
                "get_context" | "get_bind" => {
                    let how = if m == "get_bind" { Inspection::GetBind } else { Inspection::GetContext };
                    (Some(Effect::InspectsDatabase(how)), Value::Database(Some(m)))
                }
                "is_offline_mode" => (None, Value::Data),
                _ => (Some(Effect::Unresolved(Unresolved::UnknownOperation(format!("context.{m}")))), Value::Unknown),
            },
            Value::SaMember(m) => match m.as_str() {
                "inspect" => (Some(Effect::InspectsDatabase(Inspection::Inspect)), Value::Inspector),
                "text" => match args.positional.first() {
                    Some(Value::Str(s)) if !tainted => (None, Value::SqlText(s.clone())),
                    _ => (None, Value::Sa),
                },
                "create_engine" | "engine_from_config" | "create_mock_engine" => {
                    (Some(Effect::Unresolved(Unresolved::HelperCall(format!("sqlalchemy.{m}")))), Value::Unknown)
                }
                _ if tainted => {
                    self.record(Effect::InspectsDatabase(Inspection::ConnectionArgument), span);
                    (Some(Effect::ChangesData(DataChange::Connection { method: m })), Value::Database(None))
                }
                _ => (None, Value::Sa),
            },
            Value::Sa | Value::SqlText(_) => (None, if tainted { Value::Database(None) } else { Value::Sa }),
            Value::Database(m) => {
                let method = m.unwrap_or_else(|| "call".into());
                (Some(Effect::ChangesData(DataChange::Connection { method })), Value::Database(None))
            }
            Value::Inspector => (None, Value::Data),
            Value::Builtin => (None, if tainted { Value::Database(None) } else { Value::Data }),
            // A method of plain data (`"...".format(...)`, `rows.append(...)`).
            Value::Data | Value::Str(_) if matches!(func.kind, ExprKind::Attribute { .. }) => {
                (None, if tainted { Value::Database(None) } else { Value::Data })
            }
            Value::Exception(ni) => (None, Value::Exception(ni)),
            Value::Helper(name) => (Some(Effect::Unresolved(Unresolved::HelperCall(name))), Value::Unknown),
            Value::Op | Value::Batch(_) | Value::Context => (Some(Effect::Unresolved(Unresolved::DynamicCall)), Value::Unknown),
            Value::Data | Value::Str(_) | Value::Unknown => {
                (Some(Effect::Unresolved(Unresolved::HelperCall(describe(func)))), Value::Unknown)
            }
        };
        if let Some(effect) = effect {
            self.record(effect, span);
        }
        result
    }
}

/// What iterating (or indexing) a value yields.
fn element(v: &Value) -> Value {
    match v {
        Value::Data | Value::Str(_) => Value::Data,
        Value::Database(_) => Value::Database(None),
        Value::Sa | Value::SaMember(_) | Value::SqlText(_) => Value::Sa,
        Value::Inspector => Value::Data,
        _ => Value::Unknown,
    }
}

/// After two paths: a name bound to different values on each is unknown.
fn merge(a: &Env, b: &Env) -> Env {
    let get = |env: &Env, name: &str| env.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let mut out = a.clone();
    let mut names: Vec<&str> = a.iter().chain(b).map(|(n, _)| n.as_str()).collect();
    sorting::sort(&mut names);
    names.dedup();
    for name in names {
        let (x, y) = (get(a, name), get(b, name));
        if x != y {
            // Bound on one path only, or differently: the module binding may still show
            // through on the other path, so the name is unknown after both.
            out.push((name.to_string(), Value::Unknown));
        }
    }
    out
}

/// `a.b.c` for a message, or `<expression>`.
fn describe(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Attribute { value, attr } => format!("{}.{}", describe(value), attr.name),
        ExprKind::Call { func, .. } => format!("{}(...)", describe(func)),
        _ => "<expression>".into(),
    }
}
