//! DML SQLAlchemy compiles for Alembic: bulk_insert rows and the version table.

use crate::expr::{self, Bind, Expr, Insert, Statement, TableRef};
use crate::literal::Value;
use crate::quoting::quote;
use crate::schema::{Column, Constraint, PrimaryKeyConstraint, Table};
use crate::{CompileError, SqlType};

/// One offline `bulk_insert` row: `INSERT INTO t (a, b) VALUES (1, 'x')`, each value
/// rendered by its column's type (an untyped column's is SQLAlchemy's CompileError). The
/// columns come in table order, whatever the dict order; a key that is not a column is an
/// error, as `table.c[k]` would be.
pub fn insert_literal(table: &Table, row: &[(String, Value)]) -> Result<String, CompileError> {
    let row =
        row.iter().map(|(k, v)| (k.clone(), Expr::Param { value: v.clone(), type_: table.column(k).map(|c| c.type_.clone()) })).collect();
    Ok(expr::compile(&Statement::Insert(Insert { table: TableRef::of(table), rows: vec![row] }), true)?.sql)
}

/// The online (executemany) form: `INSERT INTO t (a, b) VALUES (?, ?)`, with
/// the columns of `keys` in table order; returns the column order used.
pub fn insert_params(table: &Table, keys: &[String]) -> Result<(String, Vec<String>), CompileError> {
    let row = keys.iter().map(|k| (k.clone(), Expr::Named { name: k.clone(), value: None })).collect();
    let compiled = expr::compile(&Statement::Insert(Insert { table: TableRef::of(table), rows: vec![row] }), false)?;
    let names = compiled
        .binds
        .into_iter()
        .filter_map(|b| match b {
            Bind::Named(n, _) => Some(n),
            Bind::Value(..) => None,
        })
        .collect();
    Ok((compiled.sql, names))
}

/// Alembic's version table: one `VARCHAR(32)` key named `<table>_pkc`.
pub fn version_table(name: &str) -> Table {
    Table::new(name, vec![Column::new("version_num", SqlType::String(Some(32))).nullable(false)])
        .with(Constraint::PrimaryKey(PrimaryKeyConstraint { columns: vec!["version_num".into()], name: Some(format!("{name}_pkc")) }))
}

pub fn version_table_create(name: &str) -> String {
    crate::ddl::create_table(&version_table(name)).expect("version table always compiles")
}

/// Alembic binds the id as `literal_column("'<id>'")` (no escaping), and the
/// SQL expression in the key makes SQLAlchemy ask for it back via RETURNING.
pub fn version_insert(table: &str, version: &str) -> String {
    format!("INSERT INTO {} (version_num) VALUES ('{version}') RETURNING version_num", quote(table))
}

/// The INSERT as it runs online: without RETURNING (nothing reads the row back, and a
/// statement that returns rows cannot be executed as one that changes them), the id escaped.
pub fn version_insert_executed(table: &str, version: &str) -> String {
    format!("INSERT INTO {} (version_num) VALUES ('{}')", quote(table), version.replace('\'', "''"))
}

/// The rows Alembic reads (`SELECT t.version_num FROM t`, no ORDER BY: table order).
pub fn version_select(table: &str) -> String {
    let t = quote(table);
    format!("SELECT {t}.version_num FROM {t}")
}

/// UPDATE's SET clause has no spaces around `=` in SQLAlchemy's compiler.
pub fn version_update(table: &str, from: &str, to: &str) -> String {
    let t = quote(table);
    format!("UPDATE {t} SET version_num='{to}' WHERE {t}.version_num = '{from}'")
}

pub fn version_delete(table: &str, version: &str) -> String {
    let t = quote(table);
    format!("DELETE FROM {t} WHERE {t}.version_num = '{version}'")
}

/// `DELETE FROM t` (`stamp --purge`).
pub fn delete_all(table: &str) -> String {
    format!("DELETE FROM {}", quote(table))
}
