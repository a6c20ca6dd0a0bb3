//! The selected revision: its identifiers, edges, state, and its file in the editor.

use yew::prelude::*;

use super::{editor, WorkspaceHandle};
use crate::state::Action;

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let Some(id) = ws.selected.clone() else {
        return html! { <p class="muted">{ "Select a revision to see its file." }</p> };
    };
    let Some(node) = ws.graph.nodes.iter().find(|n| n.id == id) else { return html! {} };
    let edited = ws.drift.iter().any(|d| d.revision == id);
    let state = if edited {
        "applied, edited since"
    } else if ws.snapshot.version_rows.contains(&id) {
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
                if node.no_way_back {
                    <dt>{ "Downgrade" }</dt>
                    <dd class="warn-text">{ "no way back: downgrade() restores nothing" }</dd>
                }
                if node.downgrade_raises {
                    <dt>{ "Downgrade" }</dt>
                    <dd>{ "irreversible: downgrade() raises, so a downgrade stops here and changes nothing" }</dd>
                }
            </dl>
            <button type="button" onclick={onclose}>{ "Close revision" }</button>
            { editor::view(ws) }
        </div>
    }
}
