//! The Verify panel: `alembic-playground check`'s safety checks on this project (the same
//! code, `playground::verify`), for what a pull request would be told in CI.

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::state::Action;
use playground::check::Severity;
use playground::verify::{Shown, Verified};

/// Text whose `backquoted` parts are code, as the findings write commands and names.
fn with_code(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{ part.to_string() }</code> }
        } else {
            html! { { part.to_string() } }
        }
    });
    html! { <>{ for parts }</> }
}

fn finding(f: &Shown) -> Html {
    let severity = f.severity.as_str();
    html! {
        <li class={classes!("finding", severity)} data-code={f.code}>
            <p><strong>{ format!("{severity}[{}]", f.code) }</strong>{ ": " }{ with_code(&f.message) }</p>
            if let Some(place) = &f.place {
                <p class="muted"><code>{ place.clone() }</code></p>
            }
            { for f.notes.iter().map(|n| html! { <p class="muted">{ n.clone() }</p> }) }
            if !f.help.is_empty() {
                <p class="help">{ "Instead: " }{ with_code(&f.help) }</p>
            }
        </li>
    }
}

fn summary(v: &Verified) -> String {
    let data = if v.on_data { "on a copy of this database's data" } else { "on an empty database" };
    let counts = [Severity::Error, Severity::Warning, Severity::Note]
        .iter()
        .map(|s| (v.count(*s), s.as_str()))
        .filter(|(n, _)| *n > 0)
        .map(|(n, s)| format!("{n} {s}{}", if n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>();
    let found = if counts.is_empty() { "nothing to report".to_string() } else { counts.join(", ") };
    format!("{} revisions checked {data}: {found}.", v.revisions)
}

/// A plain function (see `editor::view`).
pub fn view(ws: &WorkspaceHandle) -> Html {
    let run = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::Verify))
    };
    let result = match &ws.verified {
        None => html! {},
        Some(Err(e)) => html! { <p class="failed-line" role="status">{ format!("The checks could not run: {e}") }</p> },
        Some(Ok(v)) => html! {
            <>
                <p class="verify-summary" role="status">{ summary(v) }</p>
                <ul class="findings">{ for v.findings.iter().map(finding) }</ul>
            </>
        },
    };
    html! {
        <div class="verify">
            // Static text: one raw node.
            { Html::from_html_unchecked(AttrValue::Static("<p class=\"muted\">Rehearses every revision up, down and up again on a throwaway database, as <code>alembic-playground check</code> does in CI. Your database is not touched.</p>")) }
            <button type="button" onclick={run}>{ "Run the checks" }</button>
            { result }
        </div>
    }
}
