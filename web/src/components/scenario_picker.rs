//! The workspace list: every workspace on the shelf (bundled scenarios opened, imports,
//! links), each as it was left, and the bundled scenarios not opened yet; removing one (on
//! purpose, with undo); the bundled scenario's README.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::WorkspaceHandle;
use crate::scenarios::SCENARIOS;
use crate::state::Action;
use playground::state::Origin;

/// A shelf workspace's option value; a bundled one's is its scenario name (`Open` finds it on
/// the shelf), so a scenario is picked by the same value whether it was opened before or not.
const SHELVED: &str = "workspace-";

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let shelf = ws.shelf.borrow();
    let current = shelf.current().id;
    let value = |e: &playground::state::Entry| match e.origin {
        Origin::Bundled => e.name.clone(),
        _ => format!("{SHELVED}{}", e.id),
    };
    let onchange = {
        let ws = ws.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            match value.strip_prefix(SHELVED).and_then(|id| id.parse().ok()) {
                Some(id) => ws.dispatch(Action::Switch(id)),
                None => ws.dispatch(Action::Open(value)),
            }
        })
    };
    let remove = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::Remove(current)))
    };
    let undo = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::UndoRemove))
    };
    let fresh = SCENARIOS.iter().filter(|s| !shelf.entries().iter().any(|e| e.origin == Origin::Bundled && e.name == s.name));
    let readme = ws.readme_html();
    html! {
        <div class="scenario">
            <label for="scenario">{ "Workspace" }</label>
            <select id="scenario" {onchange}>
                // The workspaces first, then the bundled scenarios not opened yet.
                { for shelf.entries().iter().map(|e| html! {
                    <option value={value(e)} selected={e.id == current}>{ e.label() }</option>
                }) }
                { for fresh.map(|s| html! { <option value={s.name}>{ s.name }</option> }) }
            </select>
            <button type="button" class="remove-workspace" onclick={remove}>{ "Remove workspace" }</button>
            if let Some(removed) = shelf.removed() {
                <span class="removed" role="status">
                    { format!("Removed {}. ", removed.label()) }
                    <button type="button" onclick={undo}>{ "Undo" }</button>
                </span>
            }
            // Bundled scenarios have a README; an import or a link says nothing about itself.
            if !readme.is_empty() {
                <details class="readme">
                    <summary>{ "About this scenario" }</summary>
                    <div class="about">{ Html::from_html_unchecked(AttrValue::Static(readme)) }</div>
                </details>
            }
        </div>
    }
}
