//! The selected revision: its identifiers, edges, state, and its file in the editor.

use yew::prelude::*;

use super::{editor, WorkspaceHandle};
use crate::markup::Markup;
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
    // The list is text only: one escaped-markup node (`markup.rs`), not a Yew node per cell.
    let mut dl = Markup::default();
    dl.open("dl", &[]);
    let rows = [
        ("Revision ID", node.id.clone()),
        ("Message", node.message.clone()),
        ("Revises", list(&node.down_revisions)),
        ("Depends on", list(&node.depends_on)),
        ("Branch labels", list(&node.branch_labels)),
        ("State", state.to_string()),
        ("File", node.file.clone()),
    ];
    for (term, value) in &rows {
        dl.element("dt", &[], term).element("dd", &[], value);
    }
    if node.no_way_back {
        dl.element("dt", &[], "Downgrade").element("dd", &[("class", "warn-text")], "no way back: downgrade() restores nothing");
    }
    if node.downgrade_raises {
        dl.element("dt", &[], "Downgrade").element(
            "dd",
            &[],
            "irreversible: downgrade() raises, so a downgrade stops here and changes nothing",
        );
    }
    dl.close("dl");
    html! {
        <div class="details" aria-label="Selected revision">
            { Html::from_html_unchecked(AttrValue::from(dl.finish())) }
            <button type="button" onclick={onclose}>{ "Close revision" }</button>
            { editor::view(ws) }
        </div>
    }
}
