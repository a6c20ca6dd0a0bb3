//! Picks one of the bundled scenarios (a fresh database each time) and shows its README.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::use_workspace;
use crate::scenarios::SCENARIOS;
use crate::state::Action;

#[component]
pub fn ScenarioPicker() -> Html {
    let ws = use_workspace();
    let current = ws.scenario.name;
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
                <pre>{ ws.scenario.readme }</pre>
            </details>
        </div>
    }
}
