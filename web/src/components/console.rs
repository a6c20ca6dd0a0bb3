//! The console: type an Alembic command line, Enter runs it, ↑/↓ walk the history; the
//! transcript shows what a terminal would (the log, stdout, `FAILED: ...`) as text.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::{find, WorkspaceHandle};
use crate::state::{act, Action};
use playground::session::{ConsoleEntry, Stream};

/// The history position after ↑ (`older`) or ↓ from `at` (`None`: the line being typed).
pub fn step_history(len: usize, at: Option<usize>, older: bool) -> Option<usize> {
    match (at, older) {
        (_, true) if len == 0 => None,
        (None, true) => Some(len - 1),
        (Some(i), true) => Some(i.saturating_sub(1)),
        (None, false) => None,
        (Some(i), false) if i + 1 < len => Some(i + 1),
        (Some(_), false) => None,
    }
}

fn entry_view(key: usize, entry: &ConsoleEntry) -> Html {
    // Each part as written, stderr's and stdout's interleaved as a terminal shows them; then
    // the located frame of a failure (ours, not Alembic's).
    let frame = entry.frame.iter().map(|text| (&Stream::Stderr, text));
    let parts = entry.output.iter().map(|(stream, text)| (stream, text)).chain(frame).map(|(stream, text)| {
        let class = if *stream == Stream::Stderr { "stderr" } else { "stdout" };
        html! { <pre {class}>{ text.strip_suffix('\n').unwrap_or(text).to_string() }</pre> }
    });
    html! {
        <div {key} class={classes!("entry", (entry.exit_code != 0).then_some("failed"))}>
            <pre class="cmd">{ format!("$ alembic {}", entry.line) }</pre>
            { for parts }
            if let Some(message) = &entry.failed {
                <pre class="failed-line">{ format!("FAILED: {message}") }</pre>
            }
        </div>
    }
}

/// The console's own state, kept by `App`: the history position of ↑/↓ (no re-render).
#[derive(Clone)]
pub struct ConsoleState {
    pub at: Rc<RefCell<Option<usize>>>,
}

/// The console's output (`view` places it; `App` may keep the previous one for a frame).
pub fn transcript(ws: &WorkspaceHandle) -> Html {
    html! {
        // The newest output stays in view as a terminal's does, by CSS alone
        // (`column-reverse` anchors scrolling at the end): reading `scrollHeight` after each
        // command forced a layout of the whole page inside the click (~6 ms, web/PERF.md).
        <div class="transcript" role="log" aria-label="Console output" tabindex="0">
            <div class="transcript-lines">
                if ws.transcript.is_empty() {
                    <p class="muted">{ "Try heads, history, current, upgrade +1, downgrade base, upgrade head --sql." }</p>
                } else {
                    // Keyed: Yew pairs unkeyed children from the end, so each new entry
                    // rewrote every entry before it.
                    { for ws.transcript.iter().enumerate().map(|(i, e)| entry_view(i, e)) }
                }
            </div>
        </div>
    }
}

/// A plain function, not a component (each component type costs the wasm its own copy of
/// Yew's lifecycle code); the input is uncontrolled and read when a command runs.
pub fn view(ws: &WorkspaceHandle, state: &ConsoleState, transcript: Html) -> Html {
    let input_of = |from: Element| find::<HtmlInputElement>(from, ".prompt", "input");
    let oninput = {
        let at = state.at.clone();
        Callback::from(move |_: InputEvent| *at.borrow_mut() = None)
    };
    let onsubmit = {
        let (ws, at) = (ws.clone(), state.at.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = input_of(e.target_unchecked_into()) else { return };
            ws.dispatch(act::run(input.value()));
            input.set_value("");
            *at.borrow_mut() = None;
        })
    };
    let onkeydown = {
        let (ws, at) = (ws.clone(), state.at.clone());
        Callback::from(move |e: KeyboardEvent| {
            let older = match e.key().as_str() {
                "ArrowUp" => true,
                "ArrowDown" => false,
                _ => return,
            };
            e.prevent_default();
            let next = step_history(ws.history.len(), *at.borrow(), older);
            e.target_unchecked_into::<HtmlInputElement>().set_value(&next.map(|i| ws.history[i].clone()).unwrap_or_default());
            *at.borrow_mut() = next;
        })
    };
    let onpreview = {
        let ws = ws.clone();
        Callback::from(move |e: MouseEvent| {
            let line = input_of(e.target_unchecked_into()).map(|i| i.value()).unwrap_or_default();
            if !line.trim().is_empty() {
                ws.dispatch(Action::Preview(Some(line)));
            }
        })
    };
    html! {
        <div class="console">
            { transcript }
            <form class="prompt" {onsubmit}>
                <label for="console-input">{ "alembic" }</label>
                <input id="console-input" type="text" autocomplete="off" spellcheck="false"
                    aria-label="Alembic command" placeholder="upgrade head" {oninput} {onkeydown} />
                <button type="submit">{ "Run" }</button>
                <button type="button" onclick={onpreview}>{ "Preview SQL" }</button>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::step_history;

    #[test]
    fn arrows_walk_the_history() {
        let check = |len, at, older, expected| assert_eq!(step_history(len, at, older), expected, "{len} {at:?} {older}");
        check(0, None, true, None);
        check(3, None, true, Some(2));
        check(3, Some(2), true, Some(1));
        check(3, Some(0), true, Some(0));
        check(3, Some(1), false, Some(2));
        check(3, Some(2), false, None);
        check(3, None, false, None);
    }
}
