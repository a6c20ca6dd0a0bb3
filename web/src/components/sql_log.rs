//! The SQL each command ran, grouped by revision step (`upgrade a -> b, message`).

use yew::prelude::*;

use super::WorkspaceHandle;

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
pub fn view(ws: &WorkspaceHandle) -> Html {
    if ws.sql_log.is_empty() {
        return html! { <p class="muted">{ "No SQL has run yet." }</p> };
    }
    html! {
        <ol class="sql-log">
            { for ws.sql_log.iter().enumerate().rev().map(|(i, step)| html! {
                <li class={classes!("step", step.failed.then_some("failed"), step.offline.then_some("offline"))} key={i}>
                    <h3>
                        <span class="step-title">{ step.title.clone() }</span>
                        <span class="step-command">{ format!(" — {}", step.command) }</span>
                        if step.offline {
                            <span class="tag">{ " (--sql: printed, not run)" }</span>
                        } else if step.failed {
                            <span class="tag">{ " (failed, rolled back)" }</span>
                        }
                    </h3>
                    <pre>{ step.statements.iter().map(|s| format!("{s};")).collect::<Vec<_>>().join("\n\n") }</pre>
                </li>
            }) }
        </ol>
    }
}
