//! The revision graph as SVG: one row per revision (newest first), lanes for branches, edges
//! to down_revision (dashed for depends_on). Applied, pending, current, head, base, branch and
//! merge points are drawn differently and named in text; every node is a focusable button.

use std::collections::BTreeSet;

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::{find, WorkspaceHandle};
use crate::state::Action;
use playground::graph::{GraphEdge, GraphNode};

const ROW_H: usize = 34;
const LANE_W: usize = 20;
const X0: usize = 16;
const Y0: usize = 18;
/// A long history draws only the rows near the visible ones: with 5,000 revisions every
/// node in the DOM made each click 110 ms (BENCHMARKS.md). The window moves in blocks of
/// rows, so scrolling re-renders once per block, not once per pixel.
const BLOCK: usize = 25;
const DRAWN_AROUND: usize = 100;
/// More rows than the bounded graph ever shows at once (`.graph-scroll` in style.css).
const VISIBLE: usize = 40;

fn x(lane: usize) -> usize {
    X0 + lane * LANE_W
}

fn y(row: usize) -> usize {
    Y0 + row * ROW_H
}

/// Alembic ids are 12 characters; longer hand-written ids are cut for the graph.
pub fn short_id(id: &str) -> &str {
    id.char_indices().nth(12).map_or(id, |(i, _)| &id[..i])
}

/// The node's markers, in the words `alembic history` uses, plus `current`.
pub fn tags(node: &GraphNode, current: bool) -> Vec<&'static str> {
    let mut tags = Vec::new();
    if node.is_head {
        tags.push("head");
    }
    if node.is_base {
        tags.push("base");
    }
    if node.is_branch_point {
        tags.push("branchpoint");
    }
    if node.is_merge_point {
        tags.push("mergepoint");
    }
    if current {
        tags.push("current");
    }
    tags
}

fn edge_path(edge: &GraphEdge) -> String {
    let pts: Vec<(usize, usize)> = edge.points.iter().map(|&(l, r)| (x(l), y(r))).collect();
    if edge.dashed {
        // A curve bulging right, so a dependency does not run over the nodes between.
        let ((x1, y1), (x2, y2)) = (pts[0], pts[pts.len() - 1]);
        let bulge = x1.max(x2) + LANE_W * 3 / 2;
        return format!("M{x1} {y1} C{bulge} {y1} {bulge} {y2} {x2} {y2}");
    }
    let mut d = String::new();
    for (i, (px, py)) in pts.iter().enumerate() {
        d.push_str(&format!("{}{px} {py} ", if i == 0 { "M" } else { "L" }));
    }
    d.trim_end().to_string()
}

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
/// `top` is the first row in view, in blocks (kept by `App` from the scroll position).
pub fn view(ws: &WorkspaceHandle, top: &UseStateHandle<usize>) -> Html {
    let graph = ws.graph.clone();
    if graph.nodes.is_empty() {
        return html! { <p class="muted">{ "No revisions." }</p> };
    }
    let first = (**top).min(graph.nodes.len() - 1);
    let drawn = first.saturating_sub(DRAWN_AROUND)..first + VISIBLE + DRAWN_AROUND;
    let applied: BTreeSet<String> = ws.applied();
    let current: &[String] = &ws.snapshot.version_rows;
    // Dependency curves bulge right of the lanes: leave them a lane of room.
    let has_dashed = graph.edges.iter().any(|e| e.dashed);
    let text_x = x(graph.lanes.max(1) + usize::from(has_dashed)) + 6;
    let width = text_x + 560;
    let height = y(graph.nodes.len() - 1) + Y0;
    let nodes = graph.nodes.iter().filter(|node| drawn.contains(&node.row)).map(|node| {
        let is_current = current.contains(&node.id);
        let is_applied = applied.contains(&node.id);
        let selected = ws.selected.as_deref() == Some(node.id.as_str());
        let is_edited = ws.drift.iter().any(|d| d.revision == node.id);
        let mut tags = tags(node, is_current);
        if is_edited {
            tags.push("edited");
        }
        if node.no_way_back {
            tags.push("no way back");
        }
        if node.downgrade_raises {
            tags.push("irreversible");
        }
        let state = if is_applied { "applied" } else { "pending" };
        let label = format!(
            "{} {}, {}{}",
            node.id,
            node.message,
            state,
            tags.iter().map(|t| format!(", {t}")).collect::<String>()
        );
        let select = {
            let ws = ws.clone();
            let id = node.id.clone();
            move || ws.dispatch(Action::Select(if selected { None } else { Some(id.clone()) }))
        };
        let onclick = {
            let select = select.clone();
            Callback::from(move |_: MouseEvent| select())
        };
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                select();
            }
        });
        let (cx, cy) = (x(node.lane), y(node.row));
        let class = classes!("node", state, is_current.then_some("current"), selected.then_some("selected"),
            node.is_head.then_some("head"), node.is_base.then_some("base"), is_edited.then_some("edited"),
            node.no_way_back.then_some("no-way-back"));
        let marker = if node.is_merge_point {
            html! { <polygon class="dot" points={format!("{cx},{} {},{cy} {cx},{} {},{cy}", cy - 7, cx + 7, cy + 7, cx - 7)} /> }
        } else if node.is_branch_point {
            html! { <rect class="dot" x={(cx - 6).to_string()} y={(cy - 6).to_string()} width="12" height="12" /> }
        } else {
            html! { <circle class="dot" cx={cx.to_string()} cy={cy.to_string()} r="6" /> }
        };
        html! {
            // Keyed: when the drawn rows move, the nodes still drawn are kept, not rewritten.
            <g key={node.id.clone()} {class} role="button" tabindex="0" aria-label={label} aria-pressed={selected.to_string()}
               data-revision={node.id.clone()} {onclick} {onkeydown}>
                <rect class="hit" x="0" y={(cy - ROW_H / 2).to_string()} width={width.to_string()} height={ROW_H.to_string()} />
                // The highlight starts where the text does: it never covers the lanes.
                <rect class="band" x={(text_x - 6).to_string()} y={(cy - ROW_H / 2).to_string()} width={(width - text_x + 6).to_string()} height={ROW_H.to_string()} rx="4" />
                if is_current {
                    <circle class="ring" cx={cx.to_string()} cy={cy.to_string()} r="10" />
                }
                { marker }
                <text x={text_x.to_string()} y={(cy + 4).to_string()}>
                    <tspan class="rev-id">{ short_id(&node.id) }</tspan>
                    { for node.branch_labels.iter().map(|l| html! { <tspan class="label" dx="6">{ format!("({l})") }</tspan> }) }
                    // Markers before the message, as `alembic history` prints them: a long
                    // message is cut at the panel's edge, the state never is.
                    { for tags.iter().map(|t| html! { <tspan class={classes!("tag", t.replace(' ', "-"))} dx="6">{ format!("({t})") }</tspan> }) }
                    <tspan class="rev-msg" dx="8">{ node.message.clone() }</tspan>
                </text>
            </g>
        }
    });
    html! {
        <div class="graph" role="group" aria-label="Revision graph">
            if graph.nodes.len() > JUMP_FROM {
                { jump_box(ws) }
            }
            <div class="graph-scroll" onscroll={on_scroll(top)}>
                <svg width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}>
                    { for graph.edges.iter().filter(|e| crosses(e, &drawn)).map(|e| html! {
                        <path key={format!("{}>{}{}", e.child, e.parent, if e.dashed { " depends" } else { "" })} class={classes!("edge", e.dashed.then_some("depends"))} d={edge_path(e)} />
                    }) }
                    { for nodes }
                </svg>
            </div>
            // Static text: one raw node, not a Yew node per key.
            { Html::from_html_unchecked(AttrValue::Static(LEGEND)) }
        </div>
    }
}

/// Whether an edge has a point in the drawn rows or runs across them.
fn crosses(edge: &GraphEdge, drawn: &std::ops::Range<usize>) -> bool {
    let rows = edge.points.iter().map(|&(_, row)| row);
    let (lo, hi) = (rows.clone().min().unwrap_or(0), rows.max().unwrap_or(0));
    lo < drawn.end && hi >= drawn.start
}

/// Keeps `top` at the block of the first row in view.
fn on_scroll(top: &UseStateHandle<usize>) -> Callback<Event> {
    let top = top.clone();
    Callback::from(move |e: Event| {
        let row = e.target_unchecked_into::<Element>().scroll_top().max(0) as usize / ROW_H / BLOCK * BLOCK;
        if row != *top {
            top.set(row);
        }
    })
}

const LEGEND: &str = "<p class=\"legend\"><span class=\"key applied\">● applied</span><span class=\"key pending\">○ pending</span>\
<span class=\"key current\">◎ current</span><span>■ branch point · ◆ merge point · dashed: depends_on</span>\
<span class=\"key edited\">(edited): applied, then changed</span><span class=\"key no-way-back\">(no way back): empty downgrade()</span>\
<span class=\"key irreversible\">(irreversible): downgrade() raises</span></p>";

/// A history longer than this gets a box to jump to a revision.
const JUMP_FROM: usize = 12;

/// The revision a jump names, ignoring case: an id starting with the text (Alembic's partial
/// ids), else the message equal to it, else the newest message containing it.
pub fn jump_target<'a>(nodes: &'a [GraphNode], text: &str) -> Option<&'a GraphNode> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return None;
    }
    let first = |matches: &dyn Fn(&GraphNode) -> bool| nodes.iter().find(|n| matches(n));
    first(&|n| n.id.to_lowercase().starts_with(&text))
        .or_else(|| first(&|n| n.message.to_lowercase() == text))
        .or_else(|| first(&|n| n.message.to_lowercase().contains(&text)))
}

/// Enter selects the revision and scrolls the graph to it; no match is said on the box.
fn jump_box(ws: &WorkspaceHandle) -> Html {
    let onkeydown = {
        let ws = ws.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            let input: HtmlInputElement = e.target_unchecked_into();
            match jump_target(&ws.graph.nodes, &input.value()) {
                Some(node) => {
                    input.set_custom_validity("");
                    ws.dispatch(Action::Select(Some(node.id.clone())));
                    if let Some(scroller) = find::<Element>(input.into(), ".graph", ".graph-scroll") {
                        scroller.set_scroll_top((y(node.row) as i32) - scroller.client_height() / 2);
                    }
                }
                None => {
                    input.set_custom_validity(&format!(
                        "No revision id starts with, and no message contains, \"{}\".",
                        input.value().trim()
                    ));
                    input.report_validity();
                }
            }
        })
    };
    let oninput = Callback::from(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().set_custom_validity(""));
    html! {
        <input type="search" class="jump" aria-label="Jump to a revision" placeholder="Jump to a revision: id or message, Enter"
               {onkeydown} {oninput} />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_cut_at_twelve_characters() {
        assert_eq!(short_id("b10900000001"), "b10900000001");
        assert_eq!(short_id("b10900000001_long"), "b10900000001");
        assert_eq!(short_id("ab"), "ab");
    }

    fn node(id: &str, message: &str, row: usize) -> GraphNode {
        GraphNode { id: id.into(), message: message.into(), row, ..GraphNode::default() }
    }

    #[test]
    fn a_jump_takes_an_id_beginning_then_a_message() {
        let nodes = [node("c3", "step 429", 0), node("b2", "Step 42", 1), node("a1", "add b2 column", 2)];
        assert_eq!(jump_target(&nodes, "B2").map(|n| n.row), Some(1), "id before message");
        assert_eq!(jump_target(&nodes, " step 42 ").map(|n| n.row), Some(1), "the equal message before a longer one");
        assert_eq!(jump_target(&nodes, "step 4").map(|n| n.row), Some(0), "else the newest containing it");
        assert_eq!(jump_target(&nodes, "column").map(|n| n.row), Some(2));
        assert!(jump_target(&nodes, "drop").is_none());
        assert!(jump_target(&nodes, "  ").is_none());
    }

    #[test]
    fn an_edge_is_drawn_when_it_reaches_or_crosses_the_drawn_rows() {
        let e = |rows: &[usize]| GraphEdge {
            child: "a".into(),
            parent: "b".into(),
            points: rows.iter().map(|&r| (0, r)).collect(),
            dashed: false,
        };
        assert!(crosses(&e(&[0, 1]), &(0..10)));
        assert!(crosses(&e(&[5, 300]), &(100..200)), "a long edge running through");
        assert!(crosses(&e(&[199, 250]), &(100..200)));
        assert!(!crosses(&e(&[200, 250]), &(100..200)));
        assert!(!crosses(&e(&[10, 99]), &(100..200)));
    }

    #[test]
    fn dashed_edges_curve_and_lanes_step() {
        let e = GraphEdge { child: "a".into(), parent: "b".into(), points: vec![(0, 0), (1, 1), (1, 3), (0, 4)], dashed: false };
        assert_eq!(edge_path(&e), "M16 18 L36 52 L36 120 L16 154");
        let d = GraphEdge { dashed: true, points: vec![(0, 0), (1, 2)], ..e };
        assert_eq!(edge_path(&d), "M16 18 C66 18 66 86 36 86");
    }
}
