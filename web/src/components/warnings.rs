//! Warnings about the project and the database as they stand: applied revisions edited since
//! (with the diff and the three ways out), several heads (and the merge that joins them), and
//! revision files that no longer load.

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::markup::Markup;
use crate::state::{act, Action};
use playground::next_upgrade::Blocked;
use playground::safety::{self, DiffTag, Drift};

/// The lines that changed, and inside a changed line the words: `<del>`/`<ins>`, wrapped.
/// One escaped-markup node (`markup.rs`): a diff is text, and this keeps it one string.
fn diff_view(drift: &Drift) -> Html {
    let mut m = Markup::default();
    m.open("pre", &[("class", "diff"), ("aria-label", &format!("Changes to {} since it was applied", drift.revision))]);
    for line in safety::shown_diff(&drift.applied_text, drift.current_text.as_deref().unwrap_or(""), 2) {
        let Some(line) = line else {
            m.element("span", &[("class", "gap")], "…\n");
            continue;
        };
        let (class, sign) = match line.tag {
            DiffTag::Same => ("same", "  "),
            DiffTag::Removed => ("removed", "- "),
            DiffTag::Added => ("added", "+ "),
        };
        m.open("span", &[("class", class)]).text(sign);
        let whole = line.parts.len() == 1;
        for (tag, text) in &line.parts {
            match tag {
                _ if whole => m.text(text),
                DiffTag::Same => m.text(text),
                DiffTag::Removed => m.element("del", &[], text),
                DiffTag::Added => m.element("ins", &[], text),
            };
        }
        m.text("\n").close("span");
    }
    m.close("pre");
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}

fn drift_view(ws: &WorkspaceHandle, drift: &Drift) -> Html {
    let rev = drift.revision.clone();
    // The action is made when the button is pressed: it carries that moment's clock.
    let button = |label: &str, action: Box<dyn Fn() -> Action>| {
        let ws = ws.clone();
        html! { <button type="button" onclick={Callback::from(move |_: MouseEvent| ws.dispatch(action()))}>{ label.to_string() }</button> }
    };
    // Back to where it stands: the revision's parent (or base), then up to today's rows.
    let parent = safety::downgrade_target(&drift.path, &drift.applied_text);
    let mut fix = vec![format!("downgrade {parent}")];
    fix.extend(ws.snapshot.version_rows.iter().map(|r| format!("upgrade {r}")));
    html! {
        <div class="warning drift" role="alert" data-revision={rev.clone()}>
            <p><strong>{ format!("{rev} was edited after it was applied") }</strong>{ format!(" (applied {}).", drift.applied_at) }</p>
            <p>{ "Alembic will not run it again: the database now differs from this script. The change below is not in the database." }</p>
            { diff_view(drift) }
            <div class="fixes" role="group" aria-label={format!("Fix the edit of {rev}")}>
                { button("Revert the edit", Box::new({ let rev = rev.clone(); move || Action::RevertEdit(rev.clone()) })) }
                { button(&format!("Downgrade past it and re-apply ({})", fix.join(", then ")), Box::new({ let fix = fix.clone(); move || act::run_lines(fix.clone()) })) }
                { button("Write a new revision instead", Box::new({ let rev = rev.clone(); move || act::follow_up(rev.clone()) })) }
            </div>
        </div>
    }
}

/// The next upgrade will fail on something already in the database: why, and the way out.
fn blocked_view(b: &Blocked) -> Html {
    let why = if b.no_way_back {
        format!("Its downgrade() restored nothing, so the {} stayed when the database went back.", b.kind)
    } else {
        format!("If the database already matches {}, `stamp {}` records it as applied without running it.", b.revision, b.revision)
    };
    let (drop, loses) = match b.kind {
        "table" => (format!("DROP TABLE {}", b.name), "; its rows go with it"),
        _ => (format!("DROP INDEX {}", b.name), ""),
    };
    let mut m = Markup::default();
    m.open("div", &[("class", "warning blocked"), ("role", "alert"), ("data-revision", &b.revision)]);
    m.open("p", &[]).element("strong", &[], &format!("The next upgrade will fail at {}: ", b.revision)).element("code", &[], &b.error());
    m.close("p").open("p", &[]).text(&why).text(" Or drop it first (").element("code", &[], &drop);
    m.text(&format!(" in the SQL box{loses}) and upgrade again.")).close("p").close("div");
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}

/// A plain function (see `editor::view`).
pub fn view(ws: &WorkspaceHandle) -> Html {
    let heads: Vec<String> = ws.graph.nodes.iter().filter(|n| n.is_head).map(|n| n.id.clone()).collect();
    let merge = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(act::add_revision("merge heads".into())))
    };
    html! {
        <div class="warnings">
            if let Some(error) = ws.load_error.clone() {
                <p class="warning load" role="alert">{ format!("The revision files do not load: {error}. The graph shows them as they last loaded.") }</p>
            }
            { for ws.drift.iter().map(|d| drift_view(ws, d)) }
            { for ws.blocked.iter().map(blocked_view) }
            if heads.len() > 1 {
                <div class="note heads" role="note">
                    <p>{ format!("Multiple heads: {}. ", heads.join(", ")) }
                    { "`upgrade head` refuses to choose between them (use `upgrade heads`, or a branch label). A merge revision joins them: " }
                    <code>{ format!("down_revision = ({})", heads.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", ")) }</code></p>
                    <button type="button" onclick={merge}>{ "Add merge revision" }</button>
                </div>
            }
        </div>
    }
}
