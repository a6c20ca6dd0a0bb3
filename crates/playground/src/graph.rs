//! The revision graph laid out in rows (newest first, as `alembic history` lists them) and
//! lanes, the way `git log --graph` draws branches: each edge to a down_revision keeps its own
//! lane until it reaches its parent. Pure data; `components::revision_graph` draws it.

use std::collections::{BTreeSet, HashMap};

use engine::analysis::NoWayBack;
use engine::script::ScriptDirectory;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphNode {
    pub id: String,
    /// The docstring's first line, as `history` shows it.
    pub message: String,
    pub file: String,
    pub down_revisions: Vec<String>,
    pub depends_on: Vec<String>,
    pub branch_labels: Vec<String>,
    pub lane: usize,
    pub row: usize,
    pub is_head: bool,
    pub is_base: bool,
    pub is_branch_point: bool,
    pub is_merge_point: bool,
    /// `downgrade()` restores nothing (`safety::no_way_back`).
    pub no_way_back: bool,
    /// `downgrade()` raises: a downgrade stops here, loudly, and changes nothing.
    pub downgrade_raises: bool,
    /// `downgrade()` has a batch block without `copy_from=`: `--sql` cannot render it (batch
    /// on SQLite copies the table, which offline mode has none of to read).
    pub downgrade_needs_database: bool,
}

/// A line between two nodes through (lane, row) points; dashed for depends_on.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphEdge {
    pub child: String,
    pub parent: String,
    pub points: Vec<(usize, usize)>,
    pub dashed: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphLayout {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    pub lanes: usize,
}

/// Where a child waits for its parent to be placed.
struct Waiting {
    child: String,
    at: (usize, usize),
    lane: usize,
    parent: String,
    dashed: bool,
}

pub fn layout(dir: &ScriptDirectory) -> GraphLayout {
    let map = dir.map();
    // Newest first; a graph `history` refuses (it should not, once loaded) falls back to
    // reversed load order.
    let order: Vec<String> = match map.history("", "", &[]) {
        Ok(ids) if ids.len() == map.len() => ids.into_iter().map(String::from).collect(),
        _ => map.revision_ids().into_iter().rev().map(String::from).collect(),
    };
    let mut lanes: Vec<Option<String>> = Vec::new();
    let mut waiting: Vec<Waiting> = Vec::new();
    let mut placed: HashMap<String, (usize, usize)> = HashMap::new();
    let mut out = GraphLayout::default();
    let free_lane = |lanes: &mut Vec<Option<String>>| match lanes.iter().position(Option::is_none) {
        Some(i) => i,
        None => {
            lanes.push(None);
            lanes.len() - 1
        }
    };
    for (row, id) in order.iter().enumerate() {
        let hits: Vec<usize> = (0..lanes.len()).filter(|&i| lanes[i].as_deref() == Some(id)).collect();
        let lane = match hits.first() {
            Some(&l) => l,
            None => free_lane(&mut lanes),
        };
        for &h in &hits {
            lanes[h] = None;
        }
        placed.insert(id.clone(), (lane, row));
        waiting.retain(|w| {
            if w.parent != *id {
                return true;
            }
            out.edges.push(edge(w, (lane, row)));
            false
        });
        let script = dir.script(id);
        let down: Vec<String> = map.get(id).map(|r| r.down_revisions.clone()).unwrap_or_default();
        for (k, parent) in down.iter().enumerate() {
            if map.get(parent).is_none() {
                continue;
            }
            // The first parent continues the node's own lane, as in git's graph.
            let l = if k == 0 && lanes[lane].is_none() { lane } else { free_lane(&mut lanes) };
            lanes[l] = Some(parent.clone());
            waiting.push(Waiting { child: id.clone(), at: (lane, row), lane: l, parent: parent.clone(), dashed: false });
        }
        let deps: Vec<String> = map.resolved_dependencies(id).into_iter().map(String::from).collect();
        for dep in &deps {
            let w = Waiting { child: id.clone(), at: (lane, row), lane, parent: dep.clone(), dashed: true };
            match placed.get(dep) {
                Some(&to) => out.edges.push(edge(&w, to)),
                None => waiting.push(w),
            }
        }
        out.lanes = out.lanes.max(lanes.len());
        let analysis = script.map(engine::analysis::analyse);
        out.nodes.push(GraphNode {
            id: id.clone(),
            message: script.map(|s| s.doc().to_string()).unwrap_or_default(),
            file: script.map(|s| s.path.clone()).unwrap_or_default(),
            down_revisions: down,
            depends_on: deps,
            // Declared here, like a git branch name on the commit that starts it (Alembic's
            // history repeats propagated labels on every descendant).
            branch_labels: map.get(id).map(|r| r.branch_labels.clone()).unwrap_or_default(),
            lane,
            row,
            is_head: map.is_head(id),
            is_base: map.is_base(id),
            is_branch_point: map.is_branch_point(id),
            is_merge_point: map.is_merge_point(id),
            no_way_back: analysis.as_ref().is_some_and(crate::safety::has_no_way_back),
            // Loud, unlike the silent one above: a downgrade stops here and changes nothing.
            downgrade_raises: analysis.as_ref().is_some_and(|a| matches!(a.downgrade.no_way_back(), Some(NoWayBack::Raises(_)))),
            downgrade_needs_database: analysis.as_ref().is_some_and(|a| a.downgrade.batch_without_copy_from()),
        });
    }
    out
}

fn edge(w: &Waiting, to: (usize, usize)) -> GraphEdge {
    let (from, lane) = (w.at, w.lane);
    let mut points = vec![from];
    if !w.dashed && to.1 > from.1 + 1 {
        // Step into the reserved lane, run down it, step into the parent's lane.
        points.push((lane, from.1 + 1));
        points.push((lane, to.1 - 1));
    }
    points.push(to);
    points.dedup();
    GraphEdge { child: w.child.clone(), parent: w.parent.clone(), points, dashed: w.dashed }
}

/// Revisions the database has applied: the version rows and everything they stand on
/// (down_revisions and depends_on), as Alembic's `current` walks them.
pub fn applied(layout: &GraphLayout, rows: &[String]) -> BTreeSet<String> {
    let by_id: HashMap<&str, &GraphNode> = layout.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = rows.iter().map(String::as_str).collect();
    while let Some(id) = stack.pop() {
        let Some(node) = by_id.get(id) else { continue };
        if seen.insert(id.to_string()) {
            stack.extend(node.down_revisions.iter().chain(&node.depends_on).map(String::as_str));
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::bundled as find;
    use crate::session::Session;

    fn graph(name: &str) -> GraphLayout {
        layout(&Session::open(&crate::project::Project::bundled(find(name).unwrap())).unwrap().directory().unwrap())
    }

    fn at(g: &GraphLayout, id: &str) -> (usize, usize) {
        let n = g.nodes.iter().find(|n| n.id.starts_with(id)).unwrap();
        (n.lane, n.row)
    }

    #[test]
    fn a_chain_is_one_lane_newest_first() {
        let g = graph("blog");
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["b10900000004", "b10900000003", "b10900000002", "b10900000001"]);
        assert_eq!(g.lanes, 1);
        assert!(g.nodes[0].is_head && g.nodes[3].is_base);
        assert_eq!(g.nodes[3].message, "create posts");
        assert_eq!(g.edges.len(), 3);
        assert_eq!(g.edges[0].points, [(0, 0), (0, 1)]);
    }

    #[test]
    fn branches_take_their_own_lanes() {
        let g = graph("team_branches");
        assert!(g.lanes >= 2, "{g:#?}");
        let branch_point = g.nodes.iter().find(|n| n.is_branch_point).expect("a branch point");
        let heads: Vec<&GraphNode> = g.nodes.iter().filter(|n| n.is_head).collect();
        assert!(heads.len() >= 2 || g.nodes.iter().any(|n| n.is_merge_point));
        // Every child of the branch point reaches it.
        let into: Vec<&GraphEdge> = g.edges.iter().filter(|e| e.parent == branch_point.id).collect();
        assert!(into.len() >= 2);
        for e in into {
            assert_eq!(*e.points.last().unwrap(), at(&g, &branch_point.id));
        }
    }

    #[test]
    fn empty_downgrades_are_flagged() {
        let g = graph("no_downgrade");
        let flagged: Vec<&str> = g.nodes.iter().filter(|n| n.no_way_back).map(|n| n.id.as_str()).collect();
        assert_eq!(flagged, ["0d0000000002"]);
        assert!(g.nodes.iter().all(|n| !n.downgrade_raises));
    }

    #[test]
    fn a_raising_downgrade_is_flagged_apart_from_an_empty_one() {
        let text = |rev: &str, down: &str, body: &str| {
            format!("from alembic import op\nimport sqlalchemy as sa\nrevision = '{rev}'\ndown_revision = {down}\n\ndef upgrade():\n    op.create_table('{rev}', sa.Column('id', sa.Integer()))\n\ndef downgrade():\n    {body}\n")
        };
        let scripts = vec![
            engine::script::load_script("versions/a.py", &text("a", "None", "raise NotImplementedError('the emails are lower-cased')"))
                .unwrap(),
            engine::script::load_script("versions/b.py", &text("b", "'a'", "pass")).unwrap(),
        ];
        let g = layout(&ScriptDirectory::from_scripts(scripts).unwrap());
        let flags = |id: &str| g.nodes.iter().find(|n| n.id == id).map(|n| (n.no_way_back, n.downgrade_raises)).unwrap();
        assert_eq!((flags("a"), flags("b")), ((false, true), (true, false)));
    }

    #[test]
    fn depends_on_is_dashed() {
        let g = graph("labels_depends_on");
        assert!(g.edges.iter().any(|e| e.dashed), "{:#?}", g.edges);
    }

    #[test]
    fn applied_is_the_rows_and_their_ancestors() {
        let g = graph("blog");
        let done = applied(&g, &["b10900000002".into()]);
        assert_eq!(done.into_iter().collect::<Vec<_>>(), ["b10900000001", "b10900000002"]);
        assert!(applied(&g, &[]).is_empty());
    }
}
