//! The checks CPython's compiler makes after parsing on where `yield`, `await` and
//! asynchronous comprehensions may appear, with its messages. Run only when the parser saw
//! one of them (most files have none). `async for`/`async with` are checked by the parser.

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

pub(super) fn check(module: &Module, errors: &mut Vec<Diagnostic>) {
    let mut c = Checker { errors: Vec::new() };
    c.block(&module.body, Scope::Module);
    errors.extend(c.errors);
    errors.sort_by_key(|d| d.primary_span().map_or(u32::MAX, |s| s.start));
}

struct Checker {
    errors: Vec<Diagnostic>,
}

fn comp_name(kind: CompKind) -> &'static str {
    match kind {
        CompKind::List => "list comprehension",
        CompKind::Set => "set comprehension",
        CompKind::Dict => "dict comprehension",
        CompKind::Generator => "generator expression",
    }
}

impl Checker {
    fn error(&mut self, msg: impl Into<String>, span: Span) {
        self.errors.push(syntax_error(msg, span));
    }

    fn block(&mut self, body: &[Stmt], scope: Scope) {
        for s in body {
            self.stmt(s, scope);
        }
    }

    fn stmt(&mut self, s: &Stmt, scope: Scope) {
        let e = |c: &mut Self, x: &Expr| {
            c.expr(x, scope, None);
        };
        match &s.kind {
            StmtKind::Expr(x) => e(self, x),
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(|t| e(self, t));
                e(self, value);
            }
            StmtKind::AnnAssign { target, annotation, value } => {
                e(self, target);
                e(self, annotation);
                value.iter().for_each(|v| e(self, v));
            }
            StmtKind::AugAssign { target, value, .. } => {
                e(self, target);
                e(self, value);
            }
            StmtKind::FunctionDef(f) => {
                f.decorators.iter().for_each(|d| e(self, d));
                self.params(f, scope);
                f.returns.iter().for_each(|r| e(self, r));
                self.block(&f.body, Scope::Function { is_async: f.is_async, is_generator: f.is_generator });
            }
            StmtKind::ClassDef { bases, keywords, body, decorators, .. } => {
                decorators.iter().for_each(|d| e(self, d));
                bases.iter().for_each(|b| e(self, b));
                keywords.iter().for_each(|k| e(self, &k.value));
                self.block(body, Scope::Class);
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                e(self, test);
                self.block(body, scope);
                self.block(orelse, scope);
            }
            StmtKind::For { target, iter, body, orelse } => {
                e(self, target);
                e(self, iter);
                self.block(body, scope);
                self.block(orelse, scope);
            }
            StmtKind::With { items, body } => {
                for i in items {
                    e(self, &i.context);
                    i.target.iter().for_each(|t| e(self, t));
                }
                self.block(body, scope);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.block(body, scope);
                for h in handlers {
                    h.kind.iter().for_each(|k| e(self, k));
                    self.block(&h.body, scope);
                }
                self.block(orelse, scope);
                self.block(finalbody, scope);
            }
            StmtKind::Return(v) => {
                if let (Some(_), Scope::Function { is_async: true, is_generator: true }) = (v, scope) {
                    self.error("'return' with value in async generator", s.span);
                }
                v.iter().for_each(|v| e(self, v));
            }
            StmtKind::Raise { exc, cause } => {
                exc.iter().for_each(|x| e(self, x));
                cause.iter().for_each(|x| e(self, x));
            }
            StmtKind::Assert { test, msg } => {
                e(self, test);
                msg.iter().for_each(|m| e(self, m));
            }
            StmtKind::Del(targets) => targets.iter().for_each(|t| e(self, t)),
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
    fn params(&mut self, f: &FunctionDef, scope: Scope) {
        for p in &f.params {
            if let Some(d) = &p.default {
                self.expr(d, scope, None);
            }
            if let Some(a) = &p.annotation {
                self.expr(a, scope, None);
            }
        }
    }

    /// Walks `x` in `scope`, inside the comprehension `comp` when it is part of one (but not
    /// its first iterable). Returns whether it awaits in a way that makes the enclosing
    /// comprehension asynchronous.
    fn expr(&mut self, x: &Expr, scope: Scope, comp: Option<CompKind>) -> bool {
        let mut awaits = false;
        let mut sub = |c: &mut Self, y: &Expr| awaits |= c.expr(y, scope, comp);
        match &x.kind {
            ExprKind::Await(v) => {
                sub(self, v);
                if comp.is_some() {
                    return true;
                }
                match scope {
                    Scope::Function { is_async: true, .. } => {}
                    Scope::Function { .. } | Scope::Lambda => self.error("'await' outside async function", x.span),
                    Scope::Module | Scope::Class => self.error("'await' outside function", x.span),
                }
            }
            ExprKind::Yield(v) => {
                v.iter().for_each(|v| sub(self, v));
                self.yield_here(x.span, scope, comp, false);
            }
            ExprKind::YieldFrom(v) => {
                sub(self, v);
                self.yield_here(x.span, scope, comp, true);
            }
            ExprKind::Lambda(f) => {
                self.params(f, scope);
                if let [Stmt { kind: StmtKind::Return(Some(body)), .. }] = f.body.as_slice() {
                    self.expr(body, Scope::Lambda, None);
                }
            }
            ExprKind::Comprehension { kind, element, value, generators } => {
                let mut is_async = false;
                for (i, g) in generators.iter().enumerate() {
                    // The first iterable is evaluated in the enclosing scope.
                    if i == 0 {
                        sub(self, &g.iter);
                    } else {
                        is_async |= self.expr(&g.iter, scope, Some(*kind));
                    }
                    is_async |= g.is_async | self.expr(&g.target, scope, Some(*kind));
                    for cond in &g.ifs {
                        is_async |= self.expr(cond, scope, Some(*kind));
                    }
                }
                is_async |= self.expr(element, scope, Some(*kind));
                if let Some(v) = value {
                    is_async |= self.expr(v, scope, Some(*kind));
                }
                // An asynchronous generator expression is allowed anywhere; the others only
                // where their result can be awaited.
                if is_async && *kind != CompKind::Generator {
                    if comp.is_some() {
                        return true;
                    }
                    if !matches!(scope, Scope::Function { is_async: true, .. }) {
                        self.error("asynchronous comprehension outside of an asynchronous function", x.span);
                    }
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
            ExprKind::FString(parts) => self.fstring(parts, scope, comp, &mut awaits),
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
        awaits
    }

    fn fstring(&mut self, parts: &[FStringPart], scope: Scope, comp: Option<CompKind>, awaits: &mut bool) {
        for p in parts {
            if let FStringPart::Field { expr, format_spec, .. } = p {
                *awaits |= self.expr(expr, scope, comp);
                self.fstring(format_spec, scope, comp, awaits);
            }
        }
    }

    fn yield_here(&mut self, span: Span, scope: Scope, comp: Option<CompKind>, from: bool) {
        if let Some(kind) = comp {
            return self.error(format!("'yield' inside {}", comp_name(kind)), span);
        }
        match scope {
            Scope::Module | Scope::Class => self.error("'yield' outside function", span),
            Scope::Function { is_async: true, .. } if from => self.error("'yield from' inside async function", span),
            _ => {}
        }
    }
}
