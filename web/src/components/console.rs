//! The console: type an Alembic command line, Enter runs it, ↑/↓ walk the history; the
//! transcript shows what a terminal would (the log, stdout, `FAILED: ...`) as text.

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::use_workspace;
use crate::session::ConsoleEntry;
use crate::state::Action;

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

fn entry_view(entry: &ConsoleEntry) -> Html {
    let stderr = entry.stderr.join("\n");
    html! {
        <div class={classes!("entry", (entry.exit_code != 0).then_some("failed"))}>
            <pre class="cmd">{ format!("$ alembic {}", entry.line) }</pre>
            if !stderr.is_empty() {
                <pre class="stderr">{ stderr }</pre>
            }
            if !entry.stdout.is_empty() {
                <pre class="stdout">{ entry.stdout.trim_end_matches('\n').to_string() }</pre>
            }
            if let Some(message) = &entry.failed {
                <pre class="failed-line">{ format!("FAILED: {message}") }</pre>
            }
        </div>
    }
}

#[component]
pub fn Console() -> Html {
    let ws = use_workspace();
    let value = use_state(String::new);
    let at = use_state(|| None::<usize>);
    let transcript_ref = use_node_ref();
    {
        // Keep the newest output in view, as a terminal does.
        let transcript_ref = transcript_ref.clone();
        use_effect_with(ws.transcript.len(), move |_| {
            if let Some(el) = transcript_ref.cast::<Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let oninput = {
        let value = value.clone();
        let at = at.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value());
            at.set(None);
        })
    };
    let onsubmit = {
        let (ws, value, at) = (ws.clone(), value.clone(), at.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            ws.dispatch(Action::Run((*value).clone()));
            value.set(String::new());
            at.set(None);
        })
    };
    let onkeydown = {
        let (ws, value, at) = (ws.clone(), value.clone(), at.clone());
        Callback::from(move |e: KeyboardEvent| {
            let older = match e.key().as_str() {
                "ArrowUp" => true,
                "ArrowDown" => false,
                _ => return,
            };
            e.prevent_default();
            let next = step_history(ws.history.len(), *at, older);
            value.set(next.map(|i| ws.history[i].clone()).unwrap_or_default());
            at.set(next);
        })
    };
    html! {
        <div class="console">
            <div class="transcript" role="log" aria-label="Console output" tabindex="0" ref={transcript_ref}>
                if ws.transcript.is_empty() {
                    <p class="muted">{ "Try heads, history, current, upgrade +1, downgrade base, upgrade head --sql." }</p>
                }
                { for ws.transcript.iter().map(entry_view) }
            </div>
            <form class="prompt" {onsubmit}>
                <label for="console-input">{ "alembic" }</label>
                <input id="console-input" type="text" autocomplete="off" spellcheck="false"
                    aria-label="Alembic command" placeholder="upgrade head"
                    value={(*value).clone()} {oninput} {onkeydown} />
                <button type="submit">{ "Run" }</button>
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
