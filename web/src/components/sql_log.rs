//! The SQL each command ran, grouped by revision step (`upgrade a -> b, message`).

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::state::Action;

/// Steps shown until "Show all": a 1,000-revision `upgrade head` is 1,000 steps, and
/// re-rendering them all took the page ~0.5 s for that click and ~0.2 s for every later one.
pub const SQL_LOG_SHOWN: usize = 100;

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
pub fn view(ws: &WorkspaceHandle) -> Html {
    if ws.sql_log.is_empty() {
        return html! { <p class="muted">{ "No SQL has run yet." }</p> };
    }
    let shown = if ws.all_sql { ws.sql_log.len() } else { ws.sql_log.len().min(SQL_LOG_SHOWN) };
    let show_all = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::ShowAllSql))
    };
    html! {
        <>
        <ol class="sql-log">
            { for ws.sql_log.iter().enumerate().rev().take(shown).map(|(i, step)| html! {
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
        if shown < ws.sql_log.len() {
            <p class="muted">
                { format!("{} earlier steps are not shown. ", ws.sql_log.len() - shown) }
                <button onclick={show_all}>{ "Show all" }</button>
            </p>
        }
        </>
    }
}
