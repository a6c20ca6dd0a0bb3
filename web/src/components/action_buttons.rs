//! The common commands as buttons; each runs its command line through the console, so the
//! transcript shows exactly what typing it would.

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::state::act;

/// The buttons' command lines, which are also their accessible names.
pub const COMMANDS: [&str; 4] = ["upgrade +1", "upgrade head", "downgrade -1", "downgrade base"];

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
pub fn view(ws: &WorkspaceHandle) -> Html {
    html! {
        <div class="actions" role="group" aria-label="Migrate">
            { for COMMANDS.iter().map(|line| {
                let ws = ws.clone();
                let onclick = Callback::from(move |_: MouseEvent| ws.dispatch(act::run(line.to_string())));
                html! { <button type="button" {onclick}>{ *line }</button> }
            }) }
        </div>
    }
}
