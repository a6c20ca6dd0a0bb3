//! The SQL box: one ad-hoc statement on the live database (Ctrl+Enter or Run).

use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use super::schema_panel::grid_view;
use super::{find, WorkspaceHandle};
use crate::state::Action;
use playground::inspect::SqlBoxResult;

/// A plain function, not a component (each component type costs the wasm its own copy of
/// Yew's lifecycle code); the statement is read from the textarea when it runs.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let run = {
        let ws = ws.clone();
        move |from: Element| {
            if let Some(area) = find::<HtmlTextAreaElement>(from, ".sql-box", "textarea") {
                ws.dispatch(Action::Sql(area.value()));
            }
        }
    };
    let onkeydown = {
        let run = run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                run(e.target_unchecked_into());
            }
        })
    };
    let onclick = Callback::from(move |e: MouseEvent| run(e.target_unchecked_into()));
    let result = match &ws.sql_box {
        None => html! {},
        Some((_, SqlBoxResult::Rows(grid))) => grid_view(grid, &format!("{} row(s)", grid.rows.len())),
        Some((_, SqlBoxResult::Changed(n))) => html! { <p class="sql-result">{ format!("{n} row(s) changed") }</p> },
        Some((_, SqlBoxResult::Error(e))) => html! { <pre class="sql-result failed-line" role="alert">{ e.clone() }</pre> },
    };
    html! {
        <div class="sql-box">
            <label for="sql-input">{ "SQL statement" }</label>
            // Uncontrolled: Yew sets this once, the user's text stays between renders.
            <textarea id="sql-input" rows="3" spellcheck="false" value="SELECT * FROM alembic_version" {onkeydown} />
            <button type="button" {onclick}>{ "Run SQL" }</button>
            { result }
        </div>
    }
}
