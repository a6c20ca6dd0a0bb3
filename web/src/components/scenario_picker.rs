//! Picks one of the bundled scenarios (a fresh database each time) and shows its README.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::WorkspaceHandle;
use crate::scenarios::SCENARIOS;
use crate::state::Action;

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let current = ws.project.name.as_str();
    let onchange = {
        let ws = ws.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            ws.dispatch(Action::Open(select.value()));
        })
    };
    html! {
        <div class="scenario">
            <label for="scenario">{ "Scenario" }</label>
            <select id="scenario" {onchange}>
                { for SCENARIOS.iter().map(|s| html! {
                    <option value={s.name} selected={s.name == current}>{ s.name }</option>
                }) }
            </select>
            <details class="readme">
                <summary>{ "About this scenario" }</summary>
                <pre>{ ws.readme() }</pre>
            </details>
        </div>
    }
}
