//! The environment switch: development runs what it is told after its warnings; production
//! reports every downgrade first and wants `downgrade base` typed out.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::WorkspaceHandle;
use crate::state::Action;

/// A plain function (see `editor::view`).
pub fn view(ws: &WorkspaceHandle) -> Html {
    let onchange = {
        let ws = ws.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            ws.dispatch(Action::SetProduction(select.value() == "production"));
        })
    };
    html! {
        <div class={classes!("environment", ws.production.then_some("production"))}>
            <label for="environment">{ "Environment" }</label>
            <select id="environment" {onchange}>
                <option value="development" selected={!ws.production}>{ "development" }</option>
                <option value="production" selected={ws.production}>{ "production" }</option>
            </select>
        </div>
    }
}
