//! The page: the workspace state and the panels around it. `App` is the only component:
//! the panels are plain functions of the workspace handle, because every component type
//! costs the wasm its own copy of Yew's lifecycle code and the page has a 700 KB budget.

use yew::prelude::*;

use super::console::{self, ConsoleState};
use super::{
    action_buttons, add_revision, confirm, environment, revision_details, revision_graph, scenario_picker, schema_panel,
    sql_box, sql_log, sql_preview, warnings,
};
use crate::state::Workspace;

pub type WorkspaceHandle = UseReducerHandle<Workspace>;

#[component]
pub fn App() -> Html {
    let ws = use_reducer(Workspace::default);
    let error = ws.error.clone();
    let console_state = ConsoleState { at: use_mut_ref(|| None) };
    // Computed once: it proves SQLite runs in the page and says which one.
    let sqlite = use_memo((), |_| match crate::sqlite_version() {
        Ok(v) => format!("SQLite {v}"),
        Err(e) => format!("SQLite failed to open: {e}"),
    });
    html! {
        <>
            <header>
                <h1>{ "Alembic Playground" }</h1>
                { scenario_picker::view(&ws) }
                { environment::view(&ws) }
            </header>
            if let Some(error) = error {
                <p class="error" role="alert">{ error }</p>
            }
            <main class="panels">
                <section class="panel" aria-labelledby="graph-h">
                    <h2 id="graph-h">{ "Revisions" }</h2>
                    { action_buttons::view(&ws) }
                    { confirm::view(&ws) }
                    { warnings::view(&ws) }
                    { revision_graph::view(&ws) }
                    { add_revision::view(&ws) }
                    { revision_details::view(&ws) }
                </section>
                <section class="panel" aria-labelledby="console-h">
                    <h2 id="console-h">{ "Console" }</h2>
                    { console::view(&ws, &console_state) }
                    { sql_preview::view(&ws) }
                </section>
                <section class="panel" aria-labelledby="db-h">
                    <h2 id="db-h">{ "Database" }</h2>
                    { schema_panel::view(&ws) }
                    { sql_box::view(&ws) }
                </section>
                <section class="panel" aria-labelledby="sql-log-h">
                    <h2 id="sql-log-h">{ "SQL log" }</h2>
                    { sql_log::view(&ws) }
                </section>
            </main>
            <footer>
                { "Alembic-compatible engine in WebAssembly on in-browser " }
                <span id="sqlite-version">{ (*sqlite).clone() }</span>
            </footer>
        </>
    }
}
