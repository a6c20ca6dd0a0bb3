//! The Yew playground app: the engine on in-browser SQLite, the revision graph, console,
//! schema and SQL log. Everything but `components` is plain Rust and tested natively.

pub mod browser;
pub mod clock;
pub mod components;
pub mod editor;
pub mod export;
pub mod graph;
pub mod guard;
pub mod import;
pub mod inspect;
pub mod lookup;
pub mod markup;
pub mod new_revision;
pub mod persist;
pub mod preview;
pub mod project;
pub mod rehearse;
pub mod safety;
pub mod saving;
pub mod scenarios;
pub mod session;
pub mod sql_log;
pub mod state;
pub mod timeline;

pub use components::App;

/// Opens an in-memory SQLite database and returns `sqlite_version()`.
pub fn sqlite_version() -> Result<String, rusqlite::Error> {
    let conn = rusqlite::Connection::open_in_memory()?;
    conn.query_row("select sqlite_version()", [], |row| row.get(0))
}
