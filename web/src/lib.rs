//! The Yew playground app: for now, proof that SQLite runs in the page.

use yew::prelude::*;

/// Opens an in-memory SQLite database and returns `sqlite_version()`.
pub fn sqlite_version() -> Result<String, rusqlite::Error> {
    let conn = rusqlite::Connection::open_in_memory()?;
    conn.query_row("select sqlite_version()", [], |row| row.get(0))
}

#[component]
pub fn App() -> Html {
    let version = match sqlite_version() {
        Ok(v) => format!("SQLite {v}"),
        Err(e) => format!("SQLite failed to open: {e}"),
    };
    html! {
        <main>
            <h1>{ "Alembic Playground" }</h1>
            <p id="sqlite-version">{ version }</p>
        </main>
    }
}
