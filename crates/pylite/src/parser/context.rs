//! The checks CPython's compiler makes after parsing on where `yield`, `await` and
//! asynchronous comprehensions may appear, with its messages. Run only when the parser saw
//! one of them (most files have none). `async for`/`async with` are checked by the parser.
//! Iterative: the trees the parser accepts nest thousands deep (operator chains, `elif`s).

use crate::ast::*;
use crate::lexer::syntax_error;
use diagnostics::{Diagnostic, Span};

/// The scope an expression is evaluated in.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Module,
    Class,
    Lambda,
    Function { is_async: bool, is_generator: bool },
}

/// Where an expression is: its scope, and the comprehension it is part of (not counting a
/// comprehension's first iterable, which belongs to the enclosing scope).
#[derive(Clone, Copy)]
struct Ctx {
    scope: Scope,
    comp: Option<usize>,
}

/// A comprehension met on the walk: asynchronous once an `async for` or `await` is seen in it.
struct Comp {
    kind: CompKind,
    span: Span,
    is_async: bool,
    /// The comprehension it is part of, which an asynchronous one makes asynchronous too.
    outer: Option<usize>,
    scope: Scope,
}

enum Work<'a> {
    Stmt(&'a Stmt, Scope),
    Expr(&'a Expr, Ctx),
    /// After a comprehension's parts: is it asynchronous where it may not be?
    FinishComp(usize),
}

pub(super) fn check(module: &Module, errors: &mut Vec<Diagnostic>) {
    let mut c = Checker { errors: Vec::new(), comps: Vec::new(), todo: Vec::new() };
    c.block(&module.body, Scope::Module);
    while let Some(w) = c.todo.pop() {
        match w {
            Work::Stmt(s, scope) => c.stmt(s, scope),
            Work::Expr(e, ctx) => c.expr(e, ctx),
            Work::FinishComp(id) => c.finish_comp(id),
        }
    }
    errors.extend(c.errors);
    sorting::sort_by_key(errors, |d| d.primary_span().map_or(u32::MAX, |s| s.start));
}

struct Checker<'a> {
    errors: Vec<Diagnostic>,
    comps: Vec<Comp>,
    todo: Vec<Work<'a>>,
}

fn comp_name(kind: CompKind) -> &'static str {
    match kind {
        CompKind::List => "list comprehension",
        CompKind::Set => "set comprehension",
        CompKind::Dict => "dict comprehension",
        CompKind::Generator => "generator expression",
    }
}

impl<'a> Checker<'a> {
    fn error(&mut self, msg: impl Into<String>, span: Span) {
        self.errors.push(syntax_error(msg, span));
    }

    fn block(&mut self, body: &'a [Stmt], scope: Scope) {
        self.todo.extend(body.iter().map(|s| Work::Stmt(s, scope)));
    }

    /// An expression of a statement (outside any comprehension).
    fn e(&mut self, x: &'a Expr, scope: Scope) {
        self.todo.push(Work::Expr(x, Ctx { scope, comp: None }));
    }

    fn stmt(&mut self, s: &'a Stmt, scope: Scope) {
        match &s.kind {
            StmtKind::Expr(x) => self.e(x, scope),
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(|t| self.e(t, scope));
                self.e(value, scope);
            }
            StmtKind::AnnAssign { target, annotation, value } => {
                self.e(target, scope);
                self.e(annotation, scope);
                value.iter().for_each(|v| self.e(v, scope));
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.e(target, scope);
                self.e(value, scope);
            }
            StmtKind::FunctionDef(f) => {
                f.decorators.iter().for_each(|d| self.e(d, scope));
                self.params(f, Ctx { scope, comp: None });
                f.returns.iter().for_each(|r| self.e(r, scope));
                self.block(&f.body, Scope::Function { is_async: f.is_async, is_generator: f.is_generator });
            }
            StmtKind::ClassDef { bases, keywords, body, decorators, .. } => {
                decorators.iter().for_each(|d| self.e(d, scope));
                bases.iter().for_each(|b| self.e(b, scope));
                keywords.iter().for_each(|k| self.e(&k.value, scope));
                self.block(body, Scope::Class);
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.e(test, scope);
                self.block(body, scope);
                self.block(orelse, scope);
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.e(target, scope);
                self.e(iter, scope);
                self.block(body, scope);
                self.block(orelse, scope);
            }
            StmtKind::With { items, body } => {
                for i in items {
                    self.e(&i.context, scope);
                    i.target.iter().for_each(|t| self.e(t, scope));
                }
                self.block(body, scope);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.block(body, scope);
                for h in handlers {
                    h.kind.iter().for_each(|k| self.e(k, scope));
                    self.block(&h.body, scope);
                }
                self.block(orelse, scope);
                self.block(finalbody, scope);
            }
            StmtKind::Return(v) => {
                if let (Some(_), Scope::Function { is_async: true, is_generator: true }) = (v, scope) {
                    self.error("'return' with value in async generator", s.span);
                }
                v.iter().for_each(|v| self.e(v, scope));
            }
            StmtKind::Raise { exc, cause } => {
                exc.iter().for_each(|x| self.e(x, scope));
                cause.iter().for_each(|x| self.e(x, scope));
            }
            StmtKind::Assert { test, msg } => {
                self.e(test, scope);
                msg.iter().for_each(|m| self.e(m, scope));
            }
            StmtKind::Del(targets) => targets.iter().for_each(|t| self.e(t, scope)),
            StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Import(_)
            | StmtKind::ImportFrom { .. }
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_)
            | StmtKind::Error => {}
        }
    }

    /// Defaults and annotations are evaluated where the `def` or `lambda` is.
    fn params(&mut self, f: &'a FunctionDef, ctx: Ctx) {
        for p in &f.params {
            for x in [&p.default, &p.annotation].into_iter().flatten() {
                self.todo.push(Work::Expr(x, ctx));
            }
        }
    }

    fn expr(&mut self, x: &'a Expr, ctx: Ctx) {
        let sub = |c: &mut Self, y: &'a Expr| c.todo.push(Work::Expr(y, ctx));
        match &x.kind {
            ExprKind::Await(v) => {
                sub(self, v);
                match (ctx.comp, ctx.scope) {
                    (Some(id), _) => self.comps[id].is_async = true,
                    (None, Scope::Function { is_async: true, .. }) => {}
                    (None, Scope::Function { .. } | Scope::Lambda) => self.error("'await' outside async function", x.span),
                    (None, Scope::Module | Scope::Class) => self.error("'await' outside function", x.span),
                }
            }
            ExprKind::Yield(v) => {
                v.iter().for_each(|v| sub(self, v));
                self.yield_here(x.span, ctx, false);
            }
            ExprKind::YieldFrom(v) => {
                sub(self, v);
                self.yield_here(x.span, ctx, true);
            }
            ExprKind::Lambda(f) => {
                self.params(f, ctx);
                if let [Stmt { kind: StmtKind::Return(Some(body)), .. }] = f.body.as_slice() {
                    self.todo.push(Work::Expr(body, Ctx { scope: Scope::Lambda, comp: None }));
                }
            }
            ExprKind::Comprehension { kind, element, value, generators } => {
                let id = self.comps.len();
                let is_async = generators.iter().any(|g| g.is_async);
                self.comps.push(Comp { kind: *kind, span: x.span, is_async, outer: ctx.comp, scope: ctx.scope });
                // Runs after the parts below (a stack).
                self.todo.push(Work::FinishComp(id));
                let inner = Ctx { scope: ctx.scope, comp: Some(id) };
                for (i, g) in generators.iter().enumerate() {
                    // The first iterable is evaluated in the enclosing scope.
                    self.todo.push(Work::Expr(&g.iter, if i == 0 { ctx } else { inner }));
                    self.todo.push(Work::Expr(&g.target, inner));
                    self.todo.extend(g.ifs.iter().map(|c| Work::Expr(c, inner)));
                }
                self.todo.push(Work::Expr(element, inner));
                if let Some(v) = value {
                    self.todo.push(Work::Expr(v, inner));
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) => items.iter().for_each(|i| sub(self, i)),
            ExprKind::Dict(items) => {
                for i in items {
                    i.key.iter().for_each(|k| sub(self, k));
                    sub(self, &i.value);
                }
            }
            ExprKind::Call { func, args, keywords } => {
                sub(self, func);
                args.iter().for_each(|a| sub(self, a));
                keywords.iter().for_each(|k| sub(self, &k.value));
            }
            ExprKind::Attribute { value, .. } | ExprKind::UnaryOp { operand: value, .. } | ExprKind::Starred(value) => sub(self, value),
            ExprKind::Subscript { value, index } => {
                sub(self, value);
                sub(self, index);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    sub(self, part);
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                sub(self, left);
                sub(self, right);
            }
            ExprKind::BoolOp { values, .. } => values.iter().for_each(|v| sub(self, v)),
            ExprKind::Compare { left, comparators, .. } => {
                sub(self, left);
                comparators.iter().for_each(|c| sub(self, c));
            }
            ExprKind::IfExp { test, body, orelse } => {
                sub(self, test);
                sub(self, body);
                sub(self, orelse);
            }
            ExprKind::NamedExpr { target, value } => {
                sub(self, target);
                sub(self, value);
            }
            ExprKind::FString(parts) => self.fstring(parts, ctx),
            ExprKind::Name(_)
            | ExprKind::Str { .. }
            | ExprKind::Int(_)
            | ExprKind::BigInt(_)
            | ExprKind::Float(_)
            | ExprKind::Imaginary(_)
            | ExprKind::NoneLit
            | ExprKind::True
            | ExprKind::False
            | ExprKind::Ellipsis
            | ExprKind::Error => {}
        }
    }

    /// An f-string's fields (their format specs nest at most two deep).
    fn fstring(&mut self, parts: &'a [FStringPart], ctx: Ctx) {
        for p in parts {
            if let FStringPart::Field { expr, format_spec, .. } = p {
                self.todo.push(Work::Expr(expr, ctx));
                self.fstring(format_spec, ctx);
            }
        }
    }

    /// An asynchronous generator expression is allowed anywhere; the other comprehensions
    /// only where their result can be awaited.
    fn finish_comp(&mut self, id: usize) {
        let Comp { kind, span, is_async, outer, scope } = self.comps[id];
        if !is_async || kind == CompKind::Generator {
            return;
        }
        match outer {
            Some(o) => self.comps[o].is_async = true,
            None if matches!(scope, Scope::Function { is_async: true, .. }) => {}
            None => self.error("asynchronous comprehension outside of an asynchronous function", span),
        }
    }

    fn yield_here(&mut self, span: Span, ctx: Ctx, from: bool) {
        if let Some(id) = ctx.comp {
            let kind = self.comps[id].kind;
            return self.error(format!("'yield' inside {}", comp_name(kind)), span);
        }
        match ctx.scope {
            Scope::Module | Scope::Class => self.error("'yield' outside function", span),
            Scope::Function { is_async: true, .. } if from => self.error("'yield from' inside async function", span),
            _ => {}
        }
    }
}
