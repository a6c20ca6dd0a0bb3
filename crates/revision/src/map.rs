//! `RevisionMap`: the loaded revision graph and its plain queries (heads, bases, children, labels).

use std::collections::HashMap;

/// Index of a revision in the map's arena (map order = load order of first appearance).
pub(crate) type Idx = u32;

/// One revision as declared by its script (ids and labels are plain strings).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Revision {
    pub id: String,
    /// `down_revision`: empty for a base, several for a merge point.
    pub down_revisions: Vec<String>,
    pub branch_labels: Vec<String>,
    /// `depends_on`: revision ids or branch labels.
    pub depends_on: Vec<String>,
}

impl Revision {
    pub fn new(id: &str, down: &[&str]) -> Self {
        Revision { id: id.to_string(), down_revisions: down.iter().map(|s| s.to_string()).collect(), ..Default::default() }
    }
}

/// A revision plus its resolved edges.
#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    pub rev: Revision,
    /// Versioned parents (`down_revision`), deduplicated, tuple order.
    pub down: Vec<Idx>,
    /// `depends_on` resolved to revisions, declaration order.
    pub deps: Vec<Idx>,
    /// Dependencies not already implied by a versioned ancestor's dependencies.
    pub norm_deps: Vec<Idx>,
    /// "Parents" in every traversal: down, then normalized deps.
    pub norm_down: Vec<Idx>,
    /// Children by down_revision (Alembic's `nextrev`), load order.
    pub children: Vec<Idx>,
    /// Children by down_revision or depends_on (`_all_nextrev`).
    pub all_children: Vec<Idx>,
    /// Children by `norm_down` (reverse of the traversal edges).
    pub norm_children: Vec<Idx>,
    /// Branch labels carried, declared ones first (section 2 propagation).
    pub labels: Vec<String>,
}

/// Alembic's RevisionMap, built once from revisions in load order.
///
/// Duplicate ids: as in Alembic, the revision loaded later replaces the earlier one, which
/// keeps its map position; the earlier one survives only as an extra entry in `heads`,
/// `real_heads` (and `bases` if it was a base), which is what makes Alembic's `heads` list
/// the id twice, `upgrade head` report multiple heads and `history` report an overlap.
#[derive(Debug, Clone, Default)]
pub struct RevisionMap {
    pub(crate) nodes: Vec<Node>,
    /// Revision ids and branch labels → revision.
    pub(crate) keys: HashMap<String, Idx>,
    /// The same keys in Alembic's map order: ids (load order), then labels.
    pub(crate) key_order: Vec<(String, Idx)>,
    pub(crate) heads: Vec<Idx>,
    pub(crate) real_heads: Vec<Idx>,
    pub(crate) bases: Vec<Idx>,
    /// All revisions, every one after all its `norm_down` parents.
    pub(crate) topo: Vec<Idx>,
    /// Position of each revision in `topo`.
    pub(crate) topo_pos: Vec<usize>,
    pub(crate) warnings: Vec<String>,
}

impl RevisionMap {
    pub(crate) fn node(&self, i: Idx) -> &Node {
        &self.nodes[i as usize]
    }

    pub(crate) fn id(&self, i: Idx) -> &str {
        &self.nodes[i as usize].rev.id
    }

    pub(crate) fn ids<'a>(&'a self, v: &[Idx]) -> Vec<&'a str> {
        v.iter().map(|&i| self.id(i)).collect()
    }

    pub(crate) fn idx(&self, id: &str) -> Option<Idx> {
        self.keys.get(id).copied().filter(|&i| self.id(i) == id)
    }

    /// Warnings Alembic prints while loading (`Revision X is present more than once`).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The revision with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Revision> {
        self.idx(id).map(|i| &self.node(i).rev)
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Revision ids in map (load) order.
    pub fn revision_ids(&self) -> Vec<&str> {
        self.nodes.iter().map(|n| n.rev.id.as_str()).collect()
    }

    /// Versioned heads (no revision names them in down_revision), load order.
    pub fn heads(&self) -> Vec<&str> {
        self.ids(&self.heads)
    }

    /// Heads counting depends_on edges too (`heads` symbol, `--resolve-dependencies`).
    pub fn real_heads(&self) -> Vec<&str> {
        self.ids(&self.real_heads)
    }

    /// Revisions without down_revision, load order.
    pub fn bases(&self) -> Vec<&str> {
        self.ids(&self.bases)
    }

    fn with(&self, id: &str, f: impl Fn(&Node) -> bool) -> bool {
        self.idx(id).is_some_and(|i| f(self.node(i)))
    }

    pub fn is_head(&self, id: &str) -> bool {
        self.with(id, |n| n.children.is_empty())
    }

    pub fn is_real_head(&self, id: &str) -> bool {
        self.with(id, |n| n.all_children.is_empty())
    }

    /// A versioned head that something depends on: printed `(effective head)`.
    pub fn is_effective_head(&self, id: &str) -> bool {
        self.with(id, |n| n.children.is_empty() && !n.all_children.is_empty())
    }

    pub fn is_base(&self, id: &str) -> bool {
        self.with(id, |n| n.rev.down_revisions.is_empty())
    }

    pub fn is_branch_point(&self, id: &str) -> bool {
        self.with(id, |n| n.children.len() > 1)
    }

    pub fn is_merge_point(&self, id: &str) -> bool {
        self.with(id, |n| n.rev.down_revisions.len() > 1)
    }

    /// Children by down_revision, load order.
    pub fn children(&self, id: &str) -> Vec<&str> {
        self.idx(id).map(|i| self.ids(&self.node(i).children)).unwrap_or_default()
    }

    /// Children by down_revision or depends_on, load order.
    pub fn all_children(&self, id: &str) -> Vec<&str> {
        self.idx(id).map(|i| self.ids(&self.node(i).all_children)).unwrap_or_default()
    }

    /// Branch labels carried by the revision after propagation (section 2), sorted
    /// (Alembic keeps them in a set).
    pub fn branch_labels_of(&self, id: &str) -> Vec<&str> {
        let mut v: Vec<&str> = self.idx(id).map(|i| self.node(i).labels.iter().map(String::as_str).collect()).unwrap_or_default();
        sorting::sort(&mut v);
        v
    }

    /// depends_on resolved to revision ids, minus those implied by versioned ancestors.
    /// Several dependencies keep declaration order (Alembic: Python set order).
    pub fn normalized_dependencies(&self, id: &str) -> Vec<&str> {
        self.idx(id).map(|i| self.ids(&self.node(i).norm_deps)).unwrap_or_default()
    }

    /// depends_on resolved to revision ids (labels → declaring revision).
    pub fn resolved_dependencies(&self, id: &str) -> Vec<&str> {
        self.idx(id).map(|i| self.ids(&self.node(i).deps)).unwrap_or_default()
    }

    /// The traversal parents: down_revision then normalized dependencies.
    pub fn normalized_down_revisions(&self, id: &str) -> Vec<&str> {
        self.idx(id).map(|i| self.ids(&self.node(i).norm_down)).unwrap_or_default()
    }
}
