//! The selected revision: its identifiers, edges, state and file, shown as text.

use yew::prelude::*;

use super::use_workspace;
use crate::state::Action;

#[component]
pub fn RevisionDetails() -> Html {
    let ws = use_workspace();
    let Some(id) = ws.selected.clone() else {
        return html! { <p class="muted">{ "Select a revision to see its file." }</p> };
    };
    let Some(node) = ws.graph.nodes.iter().find(|n| n.id == id) else { return html! {} };
    let source = ws.scenario.files.iter().find(|(path, _)| *path == node.file).map_or("", |(_, text)| *text);
    let state = if ws.snapshot.version_rows.contains(&id) {
        "current"
    } else if ws.applied().contains(&id) {
        "applied"
    } else {
        "pending"
    };
    let list = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.join(", ") };
    let onclose = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::Select(None)))
    };
    html! {
        <div class="details" aria-label="Selected revision">
            <dl>
                <dt>{ "Revision ID" }</dt><dd>{ node.id.clone() }</dd>
                <dt>{ "Message" }</dt><dd>{ node.message.clone() }</dd>
                <dt>{ "Revises" }</dt><dd>{ list(&node.down_revisions) }</dd>
                <dt>{ "Depends on" }</dt><dd>{ list(&node.depends_on) }</dd>
                <dt>{ "Branch labels" }</dt><dd>{ list(&node.branch_labels) }</dd>
                <dt>{ "State" }</dt><dd>{ state }</dd>
                <dt>{ "File" }</dt><dd>{ node.file.clone() }</dd>
            </dl>
            <button type="button" onclick={onclose}>{ "Close revision" }</button>
            <pre class="source">{ source }</pre>
        </div>
    }
}
