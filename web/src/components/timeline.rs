//! Time travel: every step taken, the point shown, and buttons to go back, forward or to
//! the start. Each point is a snapshot, so going back undoes even what Alembic cannot.

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::state::Action;

/// A plain function (see `editor::view`).
pub fn view(ws: &WorkspaceHandle) -> Html {
    let travel = |to: usize| {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::Travel(to)))
    };
    let (at, steps) = (ws.at, ws.steps);
    let names = ws.step_names();
    html! {
        <div class="timeline">
            <div class="travel" role="group" aria-label="Time travel">
                <button onclick={travel(0)} disabled={at == 0}>{ "Start" }</button>
                <button onclick={travel(at.saturating_sub(1))} disabled={at == 0}>{ "Back" }</button>
                <button onclick={travel(at + 1)} disabled={at >= steps}>{ "Forward" }</button>
                <span class="position" aria-live="polite">{ format!("step {at} of {steps}") }</span>
            </div>
            if let Some(note) = &ws.travel_note {
                <p class="travel-note" role="status">{ note }</p>
            }
            if !names.is_empty() {
                <ol class="steps">
                    { for names.iter().enumerate().map(|(i, name)| {
                        let point = i + 1;
                        let class = classes!((point > at).then_some("undone"));
                        html! {
                            <li {class}>
                                <button onclick={travel(point)} aria-current={(point == at).then_some("step")}
                                        aria-label={format!("Go to step {point}: {name}")}>{ name.clone() }</button>
                            </li>
                        }
                    }) }
                </ol>
            }
        </div>
    }
}
