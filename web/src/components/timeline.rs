//! Time travel: every step taken, the point shown, and buttons to go back, forward or to
//! the start. Each point is a snapshot, so going back undoes even what Alembic cannot.

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::state::Action;

fn travel(ws: &WorkspaceHandle, to: usize) -> Callback<MouseEvent> {
    let ws = ws.clone();
    Callback::from(move |_: MouseEvent| ws.dispatch(Action::Travel(to)))
}

/// A plain function (see `editor::view`); `steps_list` is `steps` (`App` may keep the
/// previous one for a frame: its buttons name absolute points, which a new step does not
/// move).
pub fn view(ws: &WorkspaceHandle, steps_list: Html) -> Html {
    let (at, steps) = (ws.at, ws.steps);
    html! {
        <div class="timeline">
            <div class="travel" role="group" aria-label="Time travel">
                <button onclick={travel(ws, 0)} disabled={at == 0}>{ "Start" }</button>
                <button onclick={travel(ws, at.saturating_sub(1))} disabled={at == 0}>{ "Back" }</button>
                <button onclick={travel(ws, at + 1)} disabled={at >= steps}>{ "Forward" }</button>
                <span class="position" aria-live="polite">{ format!("step {at} of {steps}") }</span>
            </div>
            if let Some(note) = &ws.travel_note {
                <p class="travel-note" role="status">{ note }</p>
            }
            { steps_list }
            { branches(ws) }
        </div>
    }
}

/// The steps kept when another step was taken at an earlier point, each one restorable.
fn branches(ws: &WorkspaceHandle) -> Html {
    if ws.branches == 0 {
        return Html::default();
    }
    html! {
        <div class="branches">
            <h3>{ "Kept branches" }</h3>
            <ul>
                { for ws.branch_list().into_iter().enumerate().map(|(i, (from, names))| {
                    let restore = {
                        let ws = ws.clone();
                        Callback::from(move |_: MouseEvent| ws.dispatch(Action::RestoreBranch(i)))
                    };
                    let steps = if names.len() == 1 { "step" } else { "steps" };
                    html! {
                        <li><button onclick={restore}>{ format!("Restore the {} {steps} after step {from}: {}", names.len(), names.join(", ")) }</button></li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The steps taken, each a button to its point; the current one marked.
pub fn steps(ws: &WorkspaceHandle) -> Html {
    let at = ws.at;
    let names = ws.step_names();
    if names.is_empty() {
        return Html::default();
    }
    html! {
        <ol class="steps">
            { for names.iter().enumerate().map(|(i, name)| {
                let point = i + 1;
                let class = classes!((point > at).then_some("undone"));
                html! {
                    // Keyed (as the console's entries): a new step adds one item.
                    <li key={point} {class}>
                        <button onclick={travel(ws, point)} aria-current={(point == at).then_some("step")}
                                aria-label={format!("Go to step {point}: {name}")}>{ name.clone() }</button>
                    </li>
                }
            }) }
        </ol>
    }
}
