//! The Yew playground app: the view over the application layer (`crates/playground`). Here
//! are the components, the browser's calls (storage, URL, downloads, picked files), the
//! clock, saving between visits, the bundled projects and the markup of the few subtrees
//! inserted as HTML.

pub mod browser;
pub mod clock;
pub mod components;
pub mod markup;
pub mod saving;
pub mod scenarios;
pub mod state;

pub use components::App;

/// Opens an in-memory SQLite database and returns `sqlite_version()`.
pub fn sqlite_version() -> Result<String, rusqlite::Error> {
    let conn = rusqlite::Connection::open_in_memory()?;
    conn.query_row("select sqlite_version()", [], |row| row.get(0))
}
