//! The page: the workspace state and the panels around it.

use yew::prelude::*;

use super::action_buttons::ActionButtons;
use super::console::Console;
use super::revision_details::RevisionDetails;
use super::revision_graph::RevisionGraph;
use super::scenario_picker::ScenarioPicker;
use super::schema_panel::SchemaPanel;
use super::sql_box::SqlBox;
use super::sql_log::SqlLog;
use crate::state::Workspace;

pub type WorkspaceHandle = UseReducerHandle<Workspace>;

#[component]
pub fn App() -> Html {
    let ws = use_reducer(Workspace::default);
    let error = ws.error.clone();
    // Computed once: it proves SQLite runs in the page and says which one.
    let sqlite = use_memo((), |_| match crate::sqlite_version() {
        Ok(v) => format!("SQLite {v}"),
        Err(e) => format!("SQLite failed to open: {e}"),
    });
    html! {
        <ContextProvider<WorkspaceHandle> context={ws}>
            <header>
                <h1>{ "Alembic Playground" }</h1>
                <ScenarioPicker />
            </header>
            if let Some(error) = error {
                <p class="error" role="alert">{ error }</p>
            }
            <main class="panels">
                <section class="panel" aria-labelledby="graph-h">
                    <h2 id="graph-h">{ "Revisions" }</h2>
                    <ActionButtons />
                    <RevisionGraph />
                    <RevisionDetails />
                </section>
                <section class="panel" aria-labelledby="console-h">
                    <h2 id="console-h">{ "Console" }</h2>
                    <Console />
                </section>
                <section class="panel" aria-labelledby="db-h">
                    <h2 id="db-h">{ "Database" }</h2>
                    <SchemaPanel />
                    <SqlBox />
                </section>
                <section class="panel" aria-labelledby="sql-log-h">
                    <h2 id="sql-log-h">{ "SQL log" }</h2>
                    <SqlLog />
                </section>
            </main>
            <footer>
                { "Alembic-compatible engine in WebAssembly on in-browser " }
                <span id="sqlite-version">{ (*sqlite).clone() }</span>
            </footer>
        </ContextProvider<WorkspaceHandle>>
    }
}
