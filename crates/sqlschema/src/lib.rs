//! SQLAlchemy's part of an Alembic-on-SQLite engine: the schema model (types,
//! `Column`, `Table`, constraints, indexes) and the SQLite dialect compiler
//! producing the exact DDL/DML text SQLAlchemy 2.1.9 + Alembic 1.20.1 emit.
//!
//! Statements are returned as SQLAlchemy compiles them, stripped and without a
//! trailing `;`. Alembic's offline (`--sql`) output additionally replaces each
//! tab with four spaces and appends `;` — that is the caller's business.
//! No I/O happens here: reflection takes PRAGMA rows as plain values.

pub mod alter;
pub mod batch;
pub mod ddl;
pub mod dml;
pub mod expr;
pub mod literal;
pub mod quoting;
pub mod reflect;
pub mod schema;
pub mod types;

pub use alter::{AddColumnOptions, AlterColumn};
pub use literal::Value;
pub use schema::{
    CheckConstraint, Column, Constraint, ForeignKey, ForeignKeyConstraint, Index, IndexExpr, PrimaryKeyConstraint, ServerDefault, Table,
    UniqueConstraint,
};
pub use types::SqlType;

/// SQLAlchemy's `CompileError`: a construct SQLite's compiler refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CompileError(pub String);
