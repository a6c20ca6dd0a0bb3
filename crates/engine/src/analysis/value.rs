//! What a name or an expression stands for, as far as the analysis can tell, and the names a
//! revision file binds at module level (imports, constants, helper functions).

use pylite::ast::{Alias, StmtKind};
use pylite::{Module, Stmt};

/// The abstract value of an expression. Only what matters for effects is kept: whether it is
/// plain data, SQLAlchemy, Alembic's `op`, the live database, or unknown.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value {
    /// Pure data built from literals: it holds no handle on the database.
    Data,
    /// A string literal (or `op.f("literal")`).
    Str(String),
    /// `alembic.op`.
    Op,
    /// A batch block's operations object, with the batch's table when it is a literal.
    Batch(Option<String>),
    /// `alembic.context`.
    Context,
    /// A method of `op`, a batch or `context`, not (yet) called.
    Method(Receiver, String),
    /// `sqlalchemy` or a member of it, by its last name (`sa.inspect` → `inspect`).
    SaMember(String),
    /// An object built by SQLAlchemy (a column, a type, a table clause, a statement).
    Sa,
    /// `sa.text("literal")`.
    SqlText(String),
    /// The connection, the migration context, or anything reached from them.
    Database(Option<String>),
    /// `sa.inspect(...)` and what it returns (reads only).
    Inspector,
    /// A pure builtin (`len`, `range`, `str` ...).
    Builtin,
    /// An exception class or instance; `true` for `NotImplementedError`.
    Exception(bool),
    /// A function defined in the file.
    Helper(String),
    /// Anything else: nothing about it is proven.
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Receiver {
    Op,
    Batch(Option<String>),
    Context,
}

impl Value {
    /// A value combined from several (a list's items, both sides of `or`): the worst wins.
    pub(super) fn join(self, other: Value) -> Value {
        use Value::*;
        let rank = |v: &Value| match v {
            Data | Str(_) | Builtin | Exception(_) => 0,
            Sa | SqlText(_) | SaMember(_) | Inspector => 1,
            Database(_) => 3,
            _ => 2,
        };
        match (rank(&self), rank(&other)) {
            (0, 0) => Data,
            (a, b) if a.max(b) == 1 => Sa,
            (a, b) if a.max(b) == 3 => Database(None),
            _ => Unknown,
        }
    }

    pub(super) fn is_database(&self) -> bool {
        matches!(self, Value::Database(_))
    }
}

/// Builtins that compute without side effects (and exceptions, for `raise`).
pub(super) fn builtin(name: &str) -> Option<Value> {
    const PURE: &[&str] = &[
        "len",
        "range",
        "str",
        "int",
        "float",
        "bool",
        "list",
        "tuple",
        "dict",
        "set",
        "frozenset",
        "enumerate",
        "zip",
        "sorted",
        "reversed",
        "min",
        "max",
        "sum",
        "any",
        "all",
        "isinstance",
        "repr",
        "print",
        "abs",
        "round",
        "format",
        "hash",
        "bytes",
    ];
    match name {
        "NotImplementedError" => Some(Value::Exception(true)),
        "None" | "True" | "False" => Some(Value::Data),
        n if n.ends_with("Error") || n.ends_with("Exception") || n == "Exception" => Some(Value::Exception(false)),
        n if PURE.contains(&n) => Some(Value::Builtin),
        _ => None,
    }
}

/// Stdlib modules whose members compute without touching the database.
const PURE_MODULES: &[&str] = &["typing", "__future__", "datetime", "decimal", "uuid", "enum", "collections", "json", "re"];

fn module_value(module: &str) -> Value {
    let root = module.split('.').next().unwrap_or(module);
    if root == "sqlalchemy" {
        Value::SaMember(module.rsplit('.').next().unwrap_or(module).to_string())
    } else if PURE_MODULES.contains(&root) {
        Value::Data
    } else {
        Value::Unknown
    }
}

/// `import a.b as c`: `(bound name, value)`.
pub(super) fn import(alias: &Alias) -> (String, Value) {
    match &alias.asname {
        Some(asname) => (asname.name.clone(), module_value(&alias.name)),
        // `import sqlalchemy.dialects` binds `sqlalchemy`.
        None => {
            let root = alias.name.split('.').next().unwrap_or(&alias.name).to_string();
            let value = module_value(&root);
            (root, value)
        }
    }
}

/// `from module import name as asname`: `None` for a star import (binds nothing we know).
pub(super) fn import_from(module: Option<&str>, level: u32, alias: &Alias) -> Option<(String, Value)> {
    if alias.name == "*" {
        return None;
    }
    let bound = alias.asname.as_ref().map_or(alias.name.clone(), |a| a.name.clone());
    let value = match (level, module) {
        (0, Some("alembic")) => match alias.name.as_str() {
            "op" => Value::Op,
            "context" => Value::Context,
            _ => Value::Unknown,
        },
        (0, Some(m)) => match module_value(m) {
            Value::SaMember(_) => Value::SaMember(alias.name.clone()),
            other => other,
        },
        _ => Value::Unknown,
    };
    Some((bound, value))
}

/// The names a module binds, in order (a later binding shadows an earlier one). Values of
/// module constants come from `evaluate` (the caller's expression evaluator, findings
/// discarded: module code is not the migration). Names bound inside `if`/`try`/loops at module
/// level are unknown.
pub(super) fn module_bindings(
    module: &Module,
    mut evaluate: impl FnMut(&[(String, Value)], &pylite::Expr) -> Value,
) -> Vec<(String, Value)> {
    let mut names: Vec<(String, Value)> = Vec::new();
    for stmt in &module.body {
        match &stmt.kind {
            StmtKind::Import(aliases) => names.extend(aliases.iter().map(import)),
            StmtKind::ImportFrom { module, names: aliases, level } => {
                names.extend(aliases.iter().filter_map(|a| import_from(module.as_deref(), *level, a)))
            }
            StmtKind::FunctionDef(f) => names.push((f.name.name.clone(), Value::Helper(f.name.name.clone()))),
            StmtKind::Assign { targets, value } => {
                let v = evaluate(&names, value);
                for t in targets {
                    bind_all(t, &v, &mut names);
                }
            }
            StmtKind::AnnAssign { target, value: Some(value), .. } => {
                let v = evaluate(&names, value);
                bind_all(target, &v, &mut names);
            }
            _ => {
                let mut bound = Vec::new();
                bound_names(std::slice::from_ref(stmt), &mut bound);
                names.extend(bound.into_iter().map(|n| (n, Value::Unknown)));
            }
        }
    }
    names
}

fn bind_all(target: &pylite::Expr, value: &Value, names: &mut Vec<(String, Value)>) {
    use pylite::ExprKind;
    match &target.kind {
        ExprKind::Name(n) => names.push((n.clone(), value.clone())),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let each = if matches!(value, Value::Data | Value::Str(_)) { Value::Data } else { Value::Unknown };
            items.iter().for_each(|i| bind_all(i, &each, names));
        }
        ExprKind::Starred(inner) => bind_all(inner, &Value::Unknown, names),
        _ => {}
    }
}

/// Every name a statement list may bind (assignments, imports, defs, loop targets, `as`).
pub(super) fn bound_names(stmts: &[Stmt], out: &mut Vec<String>) {
    use pylite::ExprKind;
    fn targets(e: &pylite::Expr, out: &mut Vec<String>) {
        match &e.kind {
            ExprKind::Name(n) => out.push(n.clone()),
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| targets(i, out)),
            ExprKind::Starred(inner) => targets(inner, out),
            _ => {}
        }
    }
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Assign { targets: ts, .. } => ts.iter().for_each(|t| targets(t, out)),
            StmtKind::AnnAssign { target, .. } | StmtKind::AugAssign { target, .. } => targets(target, out),
            StmtKind::FunctionDef(f) => out.push(f.name.name.clone()),
            StmtKind::ClassDef { name, .. } => out.push(name.name.clone()),
            StmtKind::Import(aliases) => out.extend(aliases.iter().map(|a| import(a).0)),
            StmtKind::ImportFrom { names, .. } => {
                out.extend(names.iter().map(|a| a.asname.as_ref().map_or(a.name.clone(), |n| n.name.clone())))
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                bound_names(body, out);
                bound_names(orelse, out);
            }
            StmtKind::For { target, body, orelse, .. } => {
                targets(target, out);
                bound_names(body, out);
                bound_names(orelse, out);
            }
            StmtKind::With { items, body } => {
                items.iter().filter_map(|i| i.target.as_ref()).for_each(|t| targets(t, out));
                bound_names(body, out);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                bound_names(body, out);
                for h in handlers {
                    out.extend(h.name.iter().map(|n| n.name.clone()));
                    bound_names(&h.body, out);
                }
                bound_names(orelse, out);
                bound_names(finalbody, out);
            }
            StmtKind::Del(items) => items.iter().for_each(|t| targets(t, out)),
            _ => {}
        }
    }
}
