//! The SQL preview of a console line: Alembic's `--sql` output, or its refusal and the exact
//! range command that works from the current state (with that command's SQL).

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::state::{act, Action};
use playground::session::{ConsoleEntry, Stream};

fn output(entry: &ConsoleEntry) -> Html {
    html! {
        <>
            if let Some(message) = &entry.failed {
                <pre class="failed-line">{ format!("FAILED: {message}") }</pre>
            } else if entry.exit_code != 0 {
                <pre class="failed-line">{ entry.text(Stream::Stderr).trim_end().to_string() }</pre>
            }
            if !entry.stdout().is_empty() {
                <pre class="preview-sql">{ entry.stdout().trim_end().to_string() }</pre>
            }
        </>
    }
}

/// A plain function (see `editor::view`).
pub fn view(ws: &WorkspaceHandle) -> Html {
    let Some(preview) = ws.preview.clone() else { return html! {} };
    let close = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::Preview(None)))
    };
    let body = match preview {
        Err(e) => html! { <p class="failed-line">{ e }</p> },
        Ok(p) => {
            let suggestion = p.suggestion.map(|(why, command, entry)| {
                let run = {
                    let (ws, command) = (ws.clone(), command.clone());
                    Callback::from(move |_: MouseEvent| ws.dispatch(act::run(command.clone())))
                };
                html! {
                    <div class="suggestion">
                        <p>{ why }</p>
                        if !command.is_empty() {
                            <p><code class="suggested">{ format!("alembic {command}") }</code>{ " " }
                                <button type="button" onclick={run}>{ "Run in console" }</button></p>
                            { output(&entry) }
                        }
                    </div>
                }
            });
            html! {
                <>
                    <p><code>{ format!("alembic {}", p.line) }</code></p>
                    { output(&p.entry) }
                    { for suggestion }
                </>
            }
        }
    };
    html! {
        <div class="sql-preview" role="region" aria-label="SQL preview">
            <h3>{ "SQL preview (nothing was run)" }</h3>
            { body }
            <button type="button" onclick={close}>{ "Close preview" }</button>
        </div>
    }
}
