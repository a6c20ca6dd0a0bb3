//! "Add revision": `alembic revision -m <message>` in the page. The new file revises the
//! current head(s) and opens in the editor.

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::{find, WorkspaceHandle};
use crate::state::act;

/// A plain function (see `editor::view`); the input is read when the form is submitted.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let onsubmit = {
        let ws = ws.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = find::<HtmlInputElement>(e.target_unchecked_into::<Element>(), "form", "input") else { return };
            let message = input.value();
            let text = if message.trim().is_empty() { "new revision".to_string() } else { message.trim().to_string() };
            ws.dispatch(act::add_revision(text));
            input.set_value("");
        })
    };
    html! {
            <form class="add-revision" {onsubmit}>
                <label for="revision-message">{ "Message" }</label>
                <input id="revision-message" type="text" autocomplete="off" placeholder="add email column"
    />
                <button type="submit">{ "Add revision" }</button>
            </form>
        }
}
