//! The SQL box: one ad-hoc statement on the live database (Ctrl+Enter or Run).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::schema_panel::grid_view;
use super::use_workspace;
use crate::inspect::SqlBoxResult;
use crate::state::Action;

#[component]
pub fn SqlBox() -> Html {
    let ws = use_workspace();
    let text = use_state(|| "SELECT * FROM alembic_version".to_string());
    let run = {
        let (ws, text) = (ws.clone(), text.clone());
        move || ws.dispatch(Action::Sql((*text).clone()))
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let onkeydown = {
        let run = run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                run();
            }
        })
    };
    let onclick = Callback::from(move |_: MouseEvent| run());
    let result = match &ws.sql_box {
        None => html! {},
        Some((_, SqlBoxResult::Rows(grid))) => grid_view(grid, &format!("{} row(s)", grid.rows.len())),
        Some((_, SqlBoxResult::Changed(n))) => html! { <p class="sql-result">{ format!("{n} row(s) changed") }</p> },
        Some((_, SqlBoxResult::Error(e))) => html! { <pre class="sql-result failed-line" role="alert">{ e.clone() }</pre> },
    };
    html! {
        <div class="sql-box">
            <label for="sql-input">{ "SQL statement" }</label>
            <textarea id="sql-input" rows="3" spellcheck="false" value={(*text).clone()} {oninput} {onkeydown} />
            <button type="button" {onclick}>{ "Run SQL" }</button>
            { result }
        </div>
    }
}
