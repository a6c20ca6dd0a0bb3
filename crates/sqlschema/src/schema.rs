//! The schema model: plain data mirroring SQLAlchemy's `Column`, `Table`,
//! constraints and `Index`, with small builders for the common spellings.

use crate::SqlType;

/// A `server_default=` value (SQLAlchemy's `DefaultClause` argument).
#[derive(Debug, Clone, PartialEq)]
pub enum ServerDefault {
    /// A plain Python string: rendered as a quoted literal (`DEFAULT 'false'`).
    String(String),
    /// `text("...")`: rendered raw.
    Text(String),
    /// `literal_column("...")` or a number literal: rendered raw.
    LiteralColumn(String),
    /// `func.<name>(*args)`; SQLite spells `now()` as `CURRENT_TIMESTAMP` etc.
    Func { name: String, args: Vec<ServerDefault> },
    /// `sa.true()` (SQLite has no boolean literal: `1`)
    True,
    /// `sa.false()` (`0`)
    False,
}

/// `ForeignKey("table.column", ...)` attached to a column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForeignKey {
    /// `"table.column"` or `"schema.table.column"`.
    pub target: String,
    pub name: Option<String>,
    pub ondelete: Option<String>,
    pub onupdate: Option<String>,
    pub deferrable: Option<bool>,
    pub initially: Option<String>,
}

/// `Column(name, type_, ...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub type_: SqlType,
    /// `None` = not given: SQLAlchemy then derives it from primary-key membership.
    pub nullable: Option<bool>,
    pub primary_key: bool,
    pub server_default: Option<ServerDefault>,
    pub unique: bool,
    pub index: bool,
    /// `None` = "auto"; only `Some(true)` on a composite key is an error on SQLite.
    pub autoincrement: Option<bool>,
    /// Kept for the model; SQLite's dialect does not render comments.
    pub comment: Option<String>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Column-level `CheckConstraint`s, rendered inline after the column spec.
    pub constraints: Vec<CheckConstraint>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PrimaryKeyConstraint {
    pub columns: Vec<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForeignKeyConstraint {
    pub columns: Vec<String>,
    /// `"table.column"` (or `"schema.table.column"`) per local column.
    pub refcolumns: Vec<String>,
    pub name: Option<String>,
    pub ondelete: Option<String>,
    pub onupdate: Option<String>,
    pub deferrable: Option<bool>,
    pub initially: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UniqueConstraint {
    pub columns: Vec<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckConstraint {
    /// The SQL text, rendered verbatim inside `CHECK (...)`.
    pub sqltext: String,
    pub name: Option<String>,
}

/// A table-level constraint, in the order it was declared.
#[derive(Debug, Clone, PartialEq)]
pub enum Constraint {
    PrimaryKey(PrimaryKeyConstraint),
    ForeignKey(ForeignKeyConstraint),
    Unique(UniqueConstraint),
    Check(CheckConstraint),
}

/// One element of an index: a column name (quoted as needed) or a raw expression.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexExpr {
    Column(String),
    Text(String),
}

/// `Index(name, *exprs, unique=..., sqlite_where=...)` on `table`.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub name: String,
    pub table: String,
    pub expressions: Vec<IndexExpr>,
    pub unique: bool,
    pub sqlite_where: Option<String>,
}

/// `Table(name, metadata, *columns, *constraints, **sqlite_options)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub constraints: Vec<Constraint>,
    pub indexes: Vec<Index>,
    pub sqlite_autoincrement: bool,
    pub sqlite_with_rowid: Option<bool>,
    pub sqlite_strict: bool,
}

impl Column {
    pub fn new(name: &str, type_: SqlType) -> Column {
        Column {
            name: name.into(),
            type_,
            nullable: None,
            primary_key: false,
            server_default: None,
            unique: false,
            index: false,
            autoincrement: None,
            comment: None,
            foreign_keys: Vec::new(),
            constraints: Vec::new(),
        }
    }
    pub fn primary_key(mut self) -> Self {
        self.primary_key = true;
        self
    }
    pub fn nullable(mut self, v: bool) -> Self {
        self.nullable = Some(v);
        self
    }
    pub fn server_default(mut self, d: ServerDefault) -> Self {
        self.server_default = Some(d);
        self
    }
    pub fn unique(mut self) -> Self {
        self.unique = true;
        self
    }
    pub fn index(mut self) -> Self {
        self.index = true;
        self
    }
    pub fn foreign_key(mut self, fk: ForeignKey) -> Self {
        self.foreign_keys.push(fk);
        self
    }
    pub fn check(mut self, sqltext: &str) -> Self {
        self.constraints.push(CheckConstraint { sqltext: sqltext.into(), name: None });
        self
    }
}

impl ForeignKey {
    pub fn new(target: &str) -> ForeignKey {
        ForeignKey { target: target.into(), ..Default::default() }
    }
}

/// Split `"schema.table.column"` / `"table.column"` into (schema, table, column).
pub(crate) fn split_target(target: &str) -> (Option<&str>, &str, &str) {
    let mut parts = target.rsplitn(3, '.');
    let col = parts.next().unwrap_or("");
    let table = parts.next().unwrap_or("");
    (parts.next(), table, col)
}

impl Table {
    pub fn new(name: &str, columns: Vec<Column>) -> Table {
        Table { name: name.into(), columns, ..Default::default() }
    }
    pub fn with(mut self, c: Constraint) -> Self {
        self.constraints.push(c);
        self
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The primary key: an explicit `PrimaryKeyConstraint` wins (SQLAlchemy lets
    /// it replace the column flags); otherwise the `primary_key=True` columns.
    pub fn primary_key(&self) -> PrimaryKeyConstraint {
        for c in &self.constraints {
            if let Constraint::PrimaryKey(pk) = c {
                return pk.clone();
            }
        }
        PrimaryKeyConstraint { columns: self.columns.iter().filter(|c| c.primary_key).map(|c| c.name.clone()).collect(), name: None }
    }

    /// Whether `col` is part of the primary key.
    pub fn is_pk(&self, col: &Column) -> bool {
        col.primary_key || self.primary_key().columns.contains(&col.name)
    }

    /// `column.nullable` as SQLAlchemy resolves it: explicit, else not-pk.
    pub fn is_nullable(&self, col: &Column) -> bool {
        col.nullable.unwrap_or(!self.is_pk(col))
    }

    /// The indexes `op.create_table` emits: `index=True` columns
    /// (`ix_<table>_<col>`, unique when also `unique=True`), then explicit ones.
    pub fn all_indexes(&self) -> Vec<Index> {
        let mut out: Vec<Index> = self
            .columns
            .iter()
            .filter(|c| c.index)
            .map(|c| Index {
                name: format!("ix_{}_{}", self.name, c.name),
                table: self.name.clone(),
                expressions: vec![IndexExpr::Column(c.name.clone())],
                unique: c.unique,
                sqlite_where: None,
            })
            .collect();
        out.extend(self.indexes.iter().cloned());
        out
    }
}
