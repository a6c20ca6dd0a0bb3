//! The confirmation a guarded command waits for: what the rehearsal on a copy of the
//! database would lose, the revisions with no way back it crosses, and in production the
//! target typed out before `downgrade base` runs. A modal dialog (`showModal`: in the top
//! layer, in view at any scroll and width, the page behind inert): the focus moves in (to
//! Cancel, or to the target to type), Escape cancels, and the focus goes back to where it
//! was (the console's input, the button clicked) when it closes.

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::{find, WorkspaceHandle};
use crate::state::{act, Action};

const DIALOG: &str = "confirm-dialog";

/// A plain function (see `editor::view`); the typed target is read on submit.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let Some(pending) = ws.pending.clone() else { return html! {} };
    let r = &pending.rehearsal;
    let command = pending.lines.join(", then ");
    let onsubmit = {
        let (ws, pending) = (ws.clone(), pending.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = find::<HtmlInputElement>(e.target_unchecked_into::<Element>(), "form", "input");
            let typed = input.as_ref().map(HtmlInputElement::value).unwrap_or_default();
            // The form goes away with this dispatch unless the target was mistyped: the focus
            // is dropped first (cheaper), but stays in the input to type again.
            if playground::guard::confirmed(&pending, &typed) {
                crate::browser::modal_closed(DIALOG);
            }
            ws.dispatch(act::confirm(typed));
            if let Some(input) = input {
                input.set_value("");
            }
        })
    };
    let oncancel = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| {
            crate::browser::modal_closed(DIALOG);
            ws.dispatch(Action::Cancel)
        })
    };
    // Escape (before the dialog's own `cancel`): the workspace closes it (Yew removes it).
    let onescape = {
        let ws = ws.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                crate::browser::modal_closed(DIALOG);
                ws.dispatch(Action::Cancel)
            }
        })
    };
    // After this render has put the dialog in the page.
    crate::browser::show_modal(DIALOG);
    let heading = if pending.type_to_confirm.is_some() {
        "Production: type the target to confirm"
    } else if !r.losses.is_empty() {
        "This will lose data"
    } else if !r.no_way_back.is_empty() {
        "This downgrade cannot restore the schema"
    } else if pending.stamp {
        "Production: stamp moves alembic_version only"
    } else {
        "Production: check before downgrading"
    };
    html! {
        <dialog id={DIALOG} class="confirm-dialog" role="alertdialog" aria-labelledby="confirm-h" aria-describedby="confirm-body" onkeydown={onescape}>
        <form class="confirm" {onsubmit}>
            <h3 id="confirm-h">{ heading }</h3>
            <div id="confirm-body">
                <p>{ format!("Rehearsed `{command}` on a copy of the database ({} → {}).",
                    if r.rows_before.is_empty() { "base".to_string() } else { r.rows_before.join(", ") },
                    if r.rows_after.is_empty() { "base".to_string() } else { r.rows_after.join(", ") }) }</p>
                if r.losses.is_empty() {
                    <p class="loss-none">{ "Data-loss report: nothing will be lost." }</p>
                } else {
                    <p>{ "Data-loss report — running it for real will lose:" }</p>
                    <ul class="losses">{ for playground::rehearse::summary(&r.losses).into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
                }
                if !r.no_way_back.is_empty() {
                    <p>{ "These revisions have no way back: their downgrade() is empty, so the schema and data they changed will not be restored:" }</p>
                    <ul class="no-way-back">{ for r.no_way_back.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                }
                if pending.stamp {
                    <p class="stamp-note">{ "No migration runs: the schema stays as it is, and Alembic will take the database to be at the stamped revision from now on." }</p>
                }
                if let Some((line, message)) = &r.failed {
                    <p class="failed-line">{ format!("On the copy, `{line}` failed: {message}") }</p>
                }
            </div>
            if let Some(target) = &pending.type_to_confirm {
                <label for="confirm-target">{ format!("Type {target} to run downgrade {target} in production") }</label>
                <input id="confirm-target" type="text" autocomplete="off" autofocus=true />
                if pending.mistyped {
                    <p class="failed-line" role="alert">{ format!("Refused: type {target} exactly.") }</p>
                }
            }
            <div class="fixes">
                <button type="submit" class="danger">{ format!("Run {command}") }</button>
                // First in focus unless there is a target to type: Enter must not run it.
                <button type="button" onclick={oncancel} autofocus={pending.type_to_confirm.is_none()}>{ "Cancel" }</button>
            </div>
        </form>
        </dialog>
    }
}
