//! Where in a revision file a finding points, read from its syntax tree: the `def` of
//! `upgrade`/`downgrade`, or the `op.<method>(...)` call naming a table or column. The rules
//! decide from what ran on the database; this only finds the line to show.

use pylite::ast::{Expr, ExprKind, Module, Stmt, StmtKind};

use super::finding::Location;
use engine::script::Script;

/// The `def <function>` line of the script.
pub fn function(script: &Script, module: &Module, name: &str, label: &str) -> Option<Location> {
    let f = module.function(name)?;
    Some(Location { file: script.path.clone(), span: f.name.span, label: label.to_string() })
}

/// The first call `<x>.<method>(...)` in `function` whose string arguments (with those of the
/// `with` blocks around it, for `batch_op`) include every one of `names`; else the `def`.
pub fn call(script: &Script, module: &Module, function_name: &str, methods: &[&str], names: &[&str], label: &str) -> Option<Location> {
    match find_call(module, function_name, methods, names) {
        Some(span) => Some(Location { file: script.path.clone(), span, label: label.to_string() }),
        None => function(script, module, function_name, label),
    }
}

/// The span of the first such call, if `function` makes one.
pub fn find_call(module: &Module, function_name: &str, methods: &[&str], names: &[&str]) -> Option<diagnostics::Span> {
    let f = module.function(function_name)?;
    let mut found = None;
    walk(&f.body, &mut Vec::new(), &mut |expr, context| {
        if found.is_some() {
            return;
        }
        let ExprKind::Call { func, args, keywords } = &expr.kind else { return };
        let ExprKind::Attribute { attr, .. } = &func.kind else { return };
        if !methods.contains(&attr.name.as_str()) {
            return;
        }
        let mut strings: Vec<&str> = context.to_vec();
        for arg in args.iter().chain(keywords.iter().map(|k| &k.value)) {
            match &arg.kind {
                // `sa.Column("name", ...)`, `sa.UniqueConstraint("a", "b")`: one level down.
                ExprKind::Call { args, keywords, .. } => {
                    strings.extend(args.iter().chain(keywords.iter().map(|k| &k.value)).filter_map(|e| e.as_str()))
                }
                ExprKind::List(items) | ExprKind::Tuple(items) => strings.extend(items.iter().filter_map(|e| e.as_str())),
                _ => strings.extend(arg.as_str()),
            }
        }
        if names.iter().all(|n| strings.contains(n)) {
            found = Some(expr.span);
        }
    });
    found
}

/// Every expression statement's call (and calls nested in `with` items), with the string
/// arguments of the enclosing `with` items.
fn walk<'a>(body: &'a [Stmt], context: &mut Vec<&'a str>, visit: &mut dyn FnMut(&'a Expr, &[&'a str])) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::Expr(e) => visit(e, context),
            StmtKind::Assign { value, .. } => visit(value, context),
            StmtKind::With { items, body } => {
                let before = context.len();
                for item in items {
                    visit(&item.context, context);
                    if let ExprKind::Call { args, keywords, .. } = &item.context.kind {
                        context.extend(args.iter().chain(keywords.iter().map(|k| &k.value)).filter_map(|e| e.as_str()));
                    }
                }
                walk(body, context, visit);
                context.truncate(before);
            }
            StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                walk(body, context, visit);
                walk(orelse, context, visit);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                walk(body, context, visit);
                for h in handlers {
                    walk(&h.body, context, visit);
                }
                walk(orelse, context, visit);
                walk(finalbody, context, visit);
            }
            _ => {}
        }
    }
}

/// What a downgrade's body says about going back (`rules::no_way_back`, from engine::analysis).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Only `pass`, `...` or a docstring: it does nothing.
    Empty,
    /// It raises at its top level: an honest "no way back".
    Raises,
    Other,
}
