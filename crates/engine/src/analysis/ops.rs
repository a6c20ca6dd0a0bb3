//! Alembic's `op` (and batch) methods: what each does and the names it is given.

use super::effect::{DataChange, Drop, DropKind, Effect, Inspection, Unresolved};
use super::value::Value;

/// One evaluated argument list: positional values with their literal strings, and keywords.
pub(super) struct Args {
    pub positional: Vec<Value>,
    pub keywords: Vec<(Option<String>, Value)>,
}

impl Args {
    /// The literal string of positional argument `index`, or of keyword `name`.
    fn literal(&self, index: Option<usize>, name: &str) -> Option<String> {
        let from_keyword = self.keywords.iter().find(|(k, _)| k.as_deref() == Some(name)).map(|(_, v)| v);
        match index.and_then(|i| self.positional.get(i)).or(from_keyword) {
            Some(Value::Str(s)) => Some(s.clone()),
            _ => None,
        }
    }

    pub(super) fn has_keyword(&self, name: &str) -> bool {
        self.keywords.iter().any(|(k, _)| k.as_deref() == Some(name))
    }
}

/// Additive `op` methods (also on a batch, where they run inside the table's re-creation).
const ADDS: &[&str] = &[
    "create_table",
    "add_column",
    "create_index",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "create_primary_key",
    "create_exclude_constraint",
];

/// Methods that change the schema in place (nothing added, nothing dropped outright).
const CHANGES: &[&str] = &["alter_column", "rename_table", "create_table_comment", "drop_table_comment"];

/// What calling `op.<method>` (or, with `batch = Some(table)`, `batch_op.<method>`) does, and
/// the value it returns.
pub(super) fn classify(method: &str, args: &Args, batch: Option<&Option<String>>) -> (Option<Effect>, Value) {
    let first = || args.positional.first().and_then(|v| if let Value::Str(s) = v { Some(s.clone()) } else { None });
    let batch_table = || batch.and_then(|t| t.clone());
    if let Some(&op) = ADDS.iter().find(|&&m| m == method) {
        return (Some(Effect::Adds { op, name: first() }), Value::Sa);
    }
    if let Some(&op) = CHANGES.iter().find(|&&m| m == method) {
        return (Some(Effect::ChangesSchema { op, name: first().or_else(batch_table) }), Value::Data);
    }
    let drop = |kind, name: Option<String>, table: Option<String>| (Some(Effect::Drops(Drop { kind, name, table })), Value::Data);
    match (method, batch) {
        ("f", _) => (None, first().map_or(Value::Data, Value::Str)),
        ("inline_literal", _) => (None, Value::Sa),
        ("bulk_insert", _) => (Some(Effect::InsertsRows { table: None }), Value::Data),
        ("execute", _) => (Some(execute(args.positional.first())), Value::Data),
        ("drop_table", None) => drop(DropKind::Table, args.literal(Some(0), "table_name"), None),
        ("drop_column", None) => drop(DropKind::Column, args.literal(Some(1), "column_name"), args.literal(Some(0), "table_name")),
        ("drop_column", Some(_)) => drop(DropKind::Column, args.literal(Some(0), "column_name"), batch_table()),
        ("drop_index", None) => drop(DropKind::Index, args.literal(Some(0), "index_name"), args.literal(Some(1), "table_name")),
        ("drop_index", Some(_)) => drop(DropKind::Index, args.literal(Some(0), "index_name"), batch_table()),
        ("drop_constraint", None) => {
            drop(DropKind::Constraint, args.literal(Some(0), "constraint_name"), args.literal(Some(1), "table_name"))
        }
        ("drop_constraint", Some(_)) => drop(DropKind::Constraint, args.literal(Some(0), "constraint_name"), batch_table()),
        ("get_bind", None) => (Some(Effect::InspectsDatabase(Inspection::GetBind)), Value::Database(Some("get_bind".into()))),
        ("get_context", None) => (Some(Effect::InspectsDatabase(Inspection::GetContext)), Value::Database(Some("get_context".into()))),
        _ => (Some(Effect::Unresolved(Unresolved::UnknownOperation(method.to_string()))), Value::Unknown),
    }
}

/// The drop a referenced-but-not-called method would do, for reporting `f = op.drop_table`.
pub(super) fn drop_kind(method: &str) -> Option<DropKind> {
    match method {
        "drop_table" => Some(DropKind::Table),
        "drop_column" => Some(DropKind::Column),
        "drop_index" => Some(DropKind::Index),
        "drop_constraint" => Some(DropKind::Constraint),
        _ => None,
    }
}

/// `op.execute(sql)`: a single literal `INSERT INTO ...` adds rows, a literal `CREATE ...`
/// adds an object; anything else changes data.
fn execute(sql: Option<&Value>) -> Effect {
    let text = match sql {
        Some(Value::Str(s) | Value::SqlText(s)) => Some(s.clone()),
        _ => None,
    };
    match text.as_deref().map(additive_sql) {
        Some(Some(true)) => Effect::InsertsRows { table: None },
        Some(Some(false)) => Effect::Adds { op: "execute", name: None },
        _ => Effect::ChangesData(DataChange::Execute { sql: text }),
    }
}

/// `Some(true)`: one plain `INSERT INTO`; `Some(false)`: one `CREATE`; `None`: anything else
/// (several statements, `INSERT OR REPLACE`, `ON CONFLICT`, `REPLACE`, a leading comment ...).
pub(super) fn additive_sql(sql: &str) -> Option<bool> {
    let trimmed = sql.trim();
    let single = trimmed.strip_suffix(';').unwrap_or(trimmed);
    if single.contains(';') {
        return None;
    }
    let lower = single.to_ascii_lowercase();
    let mut words = lower.split_ascii_whitespace();
    match (words.next(), words.next()) {
        (Some("insert"), Some(second)) if second == "into" || second.starts_with("into") => {
            (!lower.contains("on conflict")).then_some(true)
        }
        (Some("create"), Some(_)) if !lower.contains("or replace") => Some(false),
        _ => None,
    }
}
