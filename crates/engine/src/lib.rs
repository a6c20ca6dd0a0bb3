//! The Alembic engine: revision scripts → graph → commands, over SQLite. No ambient I/O:
//! files come in as `(path, text)`, the database as a connection the caller opened.

pub mod analysis;
pub mod command;
pub mod config;
pub mod database;
pub mod env_py;
pub mod format;
pub mod operations;
pub mod project;
pub mod runtime;
pub mod script;
