//! The `ALTER TABLE` forms Alembic's SQLite implementation compiles
//! (alembic.ddl.base / alembic.ddl.sqlite), outside batch mode.

use crate::ddl::{cascades_and_deferrability, check_sql, column_specification, render_default};
use crate::quoting::quote;
use crate::schema::{split_target, Column, ServerDefault};
use crate::{CompileError, SqlType};

/// Flags of `op.add_column(...)` that change the rendered text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddColumnOptions {
    pub if_not_exists: bool,
    /// `inline_references=True`: a single ForeignKey becomes `REFERENCES t (c)`.
    /// Without it Alembic tries ALTER ADD CONSTRAINT, which SQLite rejects.
    pub inline_references: bool,
    /// `inline_primary_key=True`: append ` PRIMARY KEY` for a pk column.
    pub inline_primary_key: bool,
}

/// `ALTER TABLE t ADD COLUMN <spec>`: SQLite's column specification (with its
/// DEFAULT parenthesising), then inline REFERENCES, then column CHECKs.
pub fn add_column(table: &str, col: &Column, opts: AddColumnOptions) -> Result<String, CompileError> {
    let mut s = format!(
        "ALTER TABLE {} ADD COLUMN {}{}",
        quote(table),
        if opts.if_not_exists { "IF NOT EXISTS " } else { "" },
        column_specification(col, None)?
    );
    if opts.inline_primary_key && col.primary_key {
        s += " PRIMARY KEY";
    }
    if opts.inline_references && col.foreign_keys.len() == 1 {
        let fk = &col.foreign_keys[0];
        let (_, rtable, rcol) = split_target(&fk.target);
        s += &format!(" REFERENCES {} ({})", quote(rtable), quote(rcol));
        s += &cascades_and_deferrability(&fk.ondelete, &fk.onupdate, fk.deferrable, &fk.initially);
    }
    for ck in &col.constraints {
        s += " ";
        s += &check_sql(ck);
    }
    Ok(s)
}

pub fn drop_column(table: &str, column: &str) -> String {
    format!("ALTER TABLE {} DROP COLUMN {}", quote(table), quote(column))
}

pub fn rename_table(old: &str, new: &str) -> String {
    format!("ALTER TABLE {} RENAME TO {}", quote(old), quote(new))
}

/// `alter_column(new_column_name=...)`; the one column ALTER SQLite accepts.
pub fn rename_column(table: &str, old: &str, new: &str) -> String {
    format!("ALTER TABLE {} RENAME COLUMN {} TO {}", quote(table), quote(old), quote(new))
}

fn alter_column_prefix(table: &str, column: &str) -> String {
    format!("ALTER TABLE {} ALTER COLUMN {}", quote(table), quote(column))
}

/// `alter_column(nullable=...)`: generic form; SQLite fails on it at runtime.
pub fn alter_column_nullable(table: &str, column: &str, nullable: bool) -> String {
    let verb = if nullable { "DROP NOT NULL" } else { "SET NOT NULL" };
    format!("{} {verb}", alter_column_prefix(table, column))
}

/// `alter_column(server_default=...)`; `None` means `server_default=None`.
/// The default is rendered without SQLite's parenthesising.
pub fn alter_column_default(table: &str, column: &str, default: Option<&ServerDefault>) -> String {
    match default {
        Some(d) => format!("{} SET DEFAULT {}", alter_column_prefix(table, column), render_default(d)),
        None => format!("{} DROP DEFAULT", alter_column_prefix(table, column)),
    }
}

pub fn alter_column_type(table: &str, column: &str, type_: &SqlType) -> String {
    format!("{} TYPE {}", alter_column_prefix(table, column), type_.compile())
}

/// Everything `op.alter_column` emits outside batch mode, in Alembic's order:
/// nullable, server_default, type, then the rename last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlterColumn {
    pub nullable: Option<bool>,
    /// `Some(None)` = `server_default=None` (DROP DEFAULT); `None` = not given.
    pub server_default: Option<Option<ServerDefault>>,
    pub type_: Option<SqlType>,
    pub new_column_name: Option<String>,
}

pub fn alter_column(table: &str, column: &str, a: &AlterColumn) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = a.nullable {
        out.push(alter_column_nullable(table, column, n));
    }
    if let Some(d) = &a.server_default {
        out.push(alter_column_default(table, column, d.as_ref()));
    }
    if let Some(t) = &a.type_ {
        out.push(alter_column_type(table, column, t));
    }
    if let Some(n) = &a.new_column_name {
        out.push(rename_column(table, column, n));
    }
    out
}
