//! Does any code of the module declare `global <name>` or bind `<name> := ...`? Then running
//! the module may replace `upgrade`/`downgrade` with something the analysis never saw.
//! Conservative: any occurrence counts, wherever it is.

use pylite::ast::{FStringPart, StmtKind};
use pylite::{Expr, ExprKind, Stmt};

pub(super) fn anywhere(body: &[Stmt], name: &str) -> bool {
    body.iter().any(|s| stmt(s, name))
}

fn stmt(s: &Stmt, name: &str) -> bool {
    let e = |x: &Expr| expr(x, name);
    let b = |body: &[Stmt]| anywhere(body, name);
    match &s.kind {
        StmtKind::Global(names) | StmtKind::Nonlocal(names) => names.iter().any(|n| n.name == name),
        StmtKind::Expr(x) | StmtKind::Return(Some(x)) => e(x),
        StmtKind::Assign { targets, value } => targets.iter().any(e) || e(value),
        StmtKind::AnnAssign { target, annotation, value } => e(target) || e(annotation) || value.as_ref().is_some_and(e),
        StmtKind::AugAssign { target, value, .. } => e(target) || e(value),
        StmtKind::FunctionDef(f) => f.decorators.iter().any(e) || f.params.iter().any(|p| p.default.as_ref().is_some_and(e)) || b(&f.body),
        StmtKind::ClassDef { bases, keywords, body, decorators, .. } => {
            bases.iter().any(e) || keywords.iter().any(|k| e(&k.value)) || decorators.iter().any(e) || b(body)
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => e(test) || b(body) || b(orelse),
        StmtKind::For { target, iter, body, orelse } => e(target) || e(iter) || b(body) || b(orelse),
        StmtKind::With { items, body } => items.iter().any(|i| e(&i.context) || i.target.as_ref().is_some_and(e)) || b(body),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            b(body) || handlers.iter().any(|h| h.kind.as_ref().is_some_and(e) || b(&h.body)) || b(orelse) || b(finalbody)
        }
        StmtKind::Raise { exc, cause } => exc.as_ref().is_some_and(e) || cause.as_ref().is_some_and(e),
        StmtKind::Assert { test, msg } => e(test) || msg.as_ref().is_some_and(e),
        StmtKind::Del(targets) => targets.iter().any(e),
        StmtKind::Return(None)
        | StmtKind::Pass
        | StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::Error => false,
    }
}

fn expr(x: &Expr, name: &str) -> bool {
    let e = |x: &Expr| expr(x, name);
    match &x.kind {
        ExprKind::NamedExpr { target, value } => target.as_name() == Some(name) || e(value),
        ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) | ExprKind::BoolOp { values: items, .. } => {
            items.iter().any(e)
        }
        ExprKind::Dict(items) => items.iter().any(|i| i.key.as_ref().is_some_and(e) || e(&i.value)),
        ExprKind::FString(parts) => parts.iter().any(|p| part(p, name)),
        ExprKind::Call { func, args, keywords } => e(func) || args.iter().any(e) || keywords.iter().any(|k| e(&k.value)),
        ExprKind::Attribute { value, .. } => e(value),
        ExprKind::Subscript { value, index } => e(value) || e(index),
        ExprKind::Slice { lower, upper, step } => [lower, upper, step].into_iter().flatten().any(|b| e(b)),
        ExprKind::BinOp { left, right, .. } => e(left) || e(right),
        ExprKind::UnaryOp { operand, .. } => e(operand),
        ExprKind::Compare { left, comparators, .. } => e(left) || comparators.iter().any(e),
        ExprKind::IfExp { test, body, orelse } => e(test) || e(body) || e(orelse),
        ExprKind::Starred(inner) | ExprKind::Await(inner) | ExprKind::YieldFrom(inner) => e(inner),
        ExprKind::Yield(inner) => inner.as_deref().is_some_and(e),
        ExprKind::Lambda(def) => def.params.iter().any(|p| p.default.as_ref().is_some_and(e)) || anywhere(&def.body, name),
        ExprKind::Comprehension { element, value, generators, .. } => {
            e(element) || value.as_deref().is_some_and(e) || generators.iter().any(|g| e(&g.target) || e(&g.iter) || g.ifs.iter().any(e))
        }
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
        | ExprKind::Error => false,
    }
}

fn part(p: &FStringPart, name: &str) -> bool {
    match p {
        FStringPart::Literal(_) => false,
        FStringPart::Field { expr: x, format_spec, .. } => expr(x, name) || format_spec.iter().any(|p| part(p, name)),
    }
}
