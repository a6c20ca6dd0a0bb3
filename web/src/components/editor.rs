//! The revision file editor: a textarea over a highlighted copy of the text (the textarea's
//! own text is transparent, so the caret and selection are the browser's own), line numbers,
//! and every problem at its line and column — underlined in the text, listed below it —
//! updated as the user types. Every edit goes to the session's files at once.

use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use super::{find, WorkspaceHandle};
use crate::state::Action;
use playground::editor::{self, Marker, Tok};

fn tok_class(tok: Tok) -> Option<&'static str> {
    match tok {
        Tok::Plain => None,
        Tok::Keyword => Some("tk-kw"),
        Tok::Str => Some("tk-str"),
        Tok::Comment => Some("tk-com"),
        Tok::Number => Some("tk-num"),
        Tok::Builtin => Some("tk-bi"),
    }
}

fn line_view(line: &[(Tok, String)], marker: Option<&Marker>) -> Html {
    match marker {
        None => line.iter().map(|(tok, text)| html! { <span class={classes!(tok_class(*tok))}>{ text.clone() }</span> }).collect(),
        Some(m) => editor::mark(line, m.col, m.width)
            .into_iter()
            .map(|(tok, text, marked)| html! {
                <span class={classes!(tok_class(tok), marked.then_some(if m.error { "diag-error" } else { "diag-warning" }))}>{ text }</span>
            })
            .collect(),
    }
}

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code, and the page's size budget is tight.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let Some(path) = ws.editing.clone() else { return html! {} };
    let Some(text) = ws.file_text(&path) else { return html! {} };
    let markers = editor::check(&path, &text);
    let lines = editor::highlight(&text);
    let oninput = {
        let (ws, path) = (ws.clone(), path.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            ws.dispatch(Action::Edit { path: path.clone(), text });
        })
    };
    // One text node: a span per number would cost a node per line on every keystroke.
    let gutter: String = (1..=lines.len()).map(|n| format!("{n}\n")).collect();
    let code = lines.iter().enumerate().map(|(i, line)| {
        let marker = markers.iter().find(|m| m.line == i + 1);
        html! { <><span class={classes!("line", marker.map(|_| "has-diag"))}>{ line_view(line, marker) }</span>{ "\n" }</> }
    });
    let problems: Vec<Html> = markers
        .iter()
        .map(|m| {
            let goto = {
                let (text, line, col) = (text.clone(), m.line, m.col);
                Callback::from(move |e: MouseEvent| {
                    if let Some(el) = find::<HtmlTextAreaElement>(e.target_unchecked_into::<Element>(), ".editor-wrap", "textarea") {
                        let at = editor::utf16_offset(&text, line, col);
                        let _ = el.focus();
                        let _ = el.set_selection_range(at, at);
                    }
                })
            };
            let severity = if m.error { "error" } else { "warning" };
            html! {
                <li class={classes!("problem", severity)} title={m.rendered.clone()}>
                    <button type="button" class="at" onclick={goto} aria-label={format!("Go to line {} column {}", m.line, m.col)}>
                        { format!("{}:{}", m.line, m.col) }
                    </button>
                    <span class="what">{ format!(" {severity}[{}]: {}", m.code, m.message) }</span>
                </li>
            }
        })
        .collect();
    html! {
        <div class="editor-wrap">
            <label for="revision-editor" class="editor-label">{ format!("Edit {path}") }</label>
            <div class="editor">
                <pre class="gutter" aria-hidden="true">{ gutter }</pre>
                <div class="code">
                    <pre class="highlight" aria-hidden="true">{ for code }</pre>
                    <textarea id="revision-editor" spellcheck="false" wrap="off" autocomplete="off"
                        aria-describedby="editor-problems" value={text.clone()} {oninput} />
                </div>
            </div>
            <div id="editor-problems" role="status" aria-live="polite">
                if markers.is_empty() {
                    <p class="ok">{ "No problems: the file loads." }</p>
                } else {
                    <ul class="problems" aria-label="Problems">{ for problems }</ul>
                }
            </div>
        </div>
    }
}
