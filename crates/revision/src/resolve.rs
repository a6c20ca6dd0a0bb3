//! Identifier resolution (section 3): `head`, `heads`, `base`, labels, `L@X`, partial ids.

use crate::error::{MultipleHeadsContext, RevisionError};
use crate::graph::Edges;
use crate::map::{Idx, RevisionMap};

/// An argument as Alembic passes it around: a string, a tuple of rows, or `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    None,
    Str(String),
    Tuple(Vec<String>),
}

impl Arg {
    pub(crate) fn rows(rows: &[String]) -> Arg {
        Arg::Tuple(rows.to_vec())
    }

    /// Python's `str()` of the value (a tuple prints as `('a', 'b')`).
    pub(crate) fn repr(&self) -> String {
        match self {
            Arg::None => "None".into(),
            Arg::Str(s) => s.clone(),
            Arg::Tuple(v) if v.len() == 1 => format!("('{}',)", v[0]),
            Arg::Tuple(v) => format!("({})", v.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")),
        }
    }

    /// `value or "base"`.
    pub(crate) fn repr_or_base(&self) -> String {
        match self {
            Arg::None => "base".into(),
            Arg::Str(s) if s.is_empty() => "base".into(),
            Arg::Tuple(v) if v.is_empty() => "base".into(),
            other => other.repr(),
        }
    }

    /// `util.to_tuple(value)`: elements, `None` for a missing value.
    pub(crate) fn to_tuple(&self) -> Vec<String> {
        match self {
            Arg::None => vec![],
            Arg::Str(s) => vec![s.clone()],
            Arg::Tuple(v) => v.clone(),
        }
    }
}

/// One result of resolution or of a relative walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pos {
    Rev(Idx),
    /// The `"base"` string a downward walk reaches below a base.
    BaseStr,
    /// Python's `None`: the empty (base) state, or an over-walk.
    None,
}

/// Python `int()` of a string, when it is one (only the sign and value matter here).
pub(crate) fn python_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let mut v: i64 = 0;
    for c in digits.chars() {
        match c {
            '_' => continue,
            '0'..='9' => v = v.saturating_mul(10).saturating_add(c as i64 - '0' as i64),
            _ => return None,
        }
    }
    Some(if neg { -v } else { v })
}

impl RevisionMap {
    /// Alembic's `_resolve_revision_number`: symbolic names → ids, plus the branch label.
    pub(crate) fn resolve_number(&self, arg: &Arg) -> Result<(Vec<String>, Option<String>), RevisionError> {
        let (branch, id) = match arg {
            Arg::Str(s) => match s.split_once('@') {
                Some((b, rest)) => (Some(b.to_string()), Arg::Str(rest.to_string())),
                None => (None, arg.clone()),
            },
            other => (None, other.clone()),
        };
        let branch_truthy = branch.as_deref().filter(|b| !b.is_empty());
        let ids = match &id {
            Arg::Str(s) if s == "heads" => match branch_truthy {
                Some(b) => self.ids_of(&self.filter_for_lineage(&self.heads, b, false)?),
                None => self.ids_of(&self.real_heads),
            },
            Arg::Str(s) if s == "head" => self.current_head(branch_truthy)?.map(|h| vec![self.id(h).to_string()]).unwrap_or_default(),
            Arg::Str(s) if s == "base" => vec![],
            Arg::None => vec![],
            other => other.to_tuple(),
        };
        Ok((ids, branch))
    }

    fn ids_of(&self, v: &[Idx]) -> Vec<String> {
        v.iter().map(|&i| self.id(i).to_string()).collect()
    }

    /// `get_current_head(branch_label)`: the single versioned head (on the label's lineage).
    pub(crate) fn current_head(&self, branch: Option<&str>) -> Result<Option<Idx>, RevisionError> {
        let heads = match branch {
            Some(b) => self.filter_for_lineage(&self.heads, b, false)?,
            None => self.heads.clone(),
        };
        if heads.len() > 1 {
            return Err(RevisionError::MultipleHeads {
                heads: self.ids_of(&heads),
                argument: branch.map(|b| format!("{b}@head")).unwrap_or_else(|| "head".into()),
                context: MultipleHeadsContext::Default { end: None },
            });
        }
        Ok(heads.first().copied())
    }

    /// `filter_for_lineage(targets, check_against)`: targets related (ancestor, self or
    /// descendant) to what `check_against` names.
    pub(crate) fn filter_for_lineage(&self, targets: &[Idx], check_against: &str, include_deps: bool) -> Result<Vec<Idx>, RevisionError> {
        if targets.is_empty() {
            return Ok(vec![]);
        }
        let (ids, branch) = self.resolve_number(&Arg::Str(check_against.to_string()))?;
        let mut shares: Vec<String> = branch.filter(|b| !b.is_empty()).into_iter().collect();
        shares.extend(ids);
        if shares.is_empty() {
            return Ok(targets.to_vec());
        }
        let mut tests = Vec::new();
        for s in &shares {
            if let Some(i) = self.revision_for_ident(Some(s), None)? {
                tests.push(i);
            }
        }
        let mark = if include_deps {
            let mut m = self.closure(&tests, Edges::NormDown);
            for (a, b) in m.iter_mut().zip(self.closure(&tests, Edges::AllUp)) {
                *a |= b;
            }
            m
        } else {
            let mut m = self.closure(&tests, Edges::Down);
            for (a, b) in m.iter_mut().zip(self.closure(&tests, Edges::Up)) {
                *a |= b;
            }
            m
        };
        Ok(targets.iter().copied().filter(|&t| mark[t as usize]).collect())
    }

    /// `_resolve_branch`: a label or revision id (exact, then partial) naming a branch.
    pub(crate) fn resolve_branch(&self, label: &str) -> Result<Idx, RevisionError> {
        if let Some(&i) = self.keys.get(label) {
            return Ok(i);
        }
        match self.revision_for_ident(Some(label), None) {
            Ok(Some(i)) => Ok(i),
            Ok(None) | Err(RevisionError::Resolution { .. }) => Err(RevisionError::resolution(format!("No such branch: '{label}'"), label)),
            Err(e) => Err(e),
        }
    }

    /// `_revision_for_ident`: exact key (id or label), else a unique partial match; with a
    /// branch, the revision must share lineage with it. `None` id means base.
    pub(crate) fn revision_for_ident(&self, id: Option<&str>, check_branch: Option<&str>) -> Result<Option<Idx>, RevisionError> {
        let check_branch = check_branch.filter(|b| !b.is_empty());
        let branch_rev = match check_branch {
            Some(b) => Some(self.resolve_branch(b)?),
            None => None,
        };
        let Some(id) = id else { return Ok(None) };
        let rev = match self.keys.get(id) {
            Some(&i) => i,
            // Alembic asserts a non-empty id before partial matching (`upgrade ""`, `L@`).
            None if id.is_empty() => {
                return Err(RevisionError::Assertion { message: "An empty revision identifier names no revision".into() })
            }
            None => self.partial_match(id, check_branch)?,
        };
        if let (Some(b), Some(br)) = (check_branch, branch_rev) {
            if !self.lineage(br)[rev as usize] {
                return Err(RevisionError::resolution(format!("Revision {} is not a member of branch '{b}'", self.id(rev)), id));
            }
        }
        Ok(Some(rev))
    }

    fn partial_match(&self, id: &str, check_branch: Option<&str>) -> Result<Idx, RevisionError> {
        let mut cands: Vec<(&str, Idx)> =
            self.key_order.iter().filter(|(k, _)| k.chars().count() > 3 && k.starts_with(id)).map(|(k, i)| (k.as_str(), *i)).collect();
        if let (Some(b), false) = (check_branch, cands.is_empty()) {
            let idxs: Vec<Idx> = cands.iter().map(|c| c.1).collect();
            let keep = self.filter_for_lineage(&idxs, b, false)?;
            cands.retain(|c| keep.contains(&c.1));
        }
        match cands.len() {
            0 => {
                let hint = if id.chars().count() < 4 {
                    "; please ensure at least four characters are present for partial revision identifier matches"
                } else {
                    ""
                };
                Err(RevisionError::resolution(format!("No such revision or branch '{id}'{hint}"), id))
            }
            1 => Ok(cands[0].1),
            _ => {
                let shown: Vec<String> = cands.iter().take(3).map(|c| format!("'{}'", c.0)).collect();
                Err(RevisionError::resolution(format!("Multiple revisions start with '{id}': {}...", shown.join(", ")), id))
            }
        }
    }

    /// Alembic's `get_revisions`: zero or more positions (a list resolves element-wise).
    pub(crate) fn get_positions(&self, arg: &Arg) -> Result<Vec<Pos>, RevisionError> {
        if let Arg::Tuple(v) = arg {
            let mut out = Vec::new();
            for s in v {
                out.extend(self.get_positions(&Arg::Str(s.clone()))?);
            }
            return Ok(out);
        }
        let (ids, branch) = self.resolve_number(arg)?;
        if ids.len() == 1 {
            if let Some(n) = python_int(&ids[0]).filter(|&n| n < 0) {
                // `-N` / `L@-N`: walk down from each real head (carrying L).
                let mut out = Vec::new();
                for h in self.real_heads.clone() {
                    if let Some(b) = &branch {
                        if !self.node(h).labels.iter().any(|l| l == b) {
                            continue;
                        }
                    }
                    out.push(self.walk(Pos::Rev(h), n, None, true)?);
                }
                return Ok(out);
            }
        }
        let mut out = Vec::new();
        for id in &ids {
            if let Some(i) = self.revision_for_ident(Some(id), branch.as_deref())? {
                out.push(Pos::Rev(i));
            }
        }
        Ok(out)
    }

    /// Alembic's `get_revision`: at most one revision; several → `MultipleHeads`.
    pub(crate) fn get_position(&self, arg: &Arg) -> Result<Option<Idx>, RevisionError> {
        let (ids, branch) = self.resolve_number(arg)?;
        if ids.len() > 1 {
            return Err(RevisionError::MultipleHeads {
                heads: ids,
                argument: arg.repr(),
                context: MultipleHeadsContext::Default { end: None },
            });
        }
        self.revision_for_ident(ids.first().map(String::as_str), branch.as_deref())
    }

    /// Section 3 `get_revisions(id)`: ids of the revisions an identifier names (`base` →
    /// empty). Over-walks of `-N` (Alembic yields `None`/`"base"` entries) are left out.
    pub fn get_revisions(&self, id: &str) -> Result<Vec<&str>, RevisionError> {
        let pos = self.get_positions(&Arg::Str(id.to_string()))?;
        Ok(pos.into_iter().filter_map(|p| if let Pos::Rev(i) = p { Some(self.id(i)) } else { None }).collect())
    }

    /// `get_revisions` of a list (concatenation of each element's result).
    pub fn get_revisions_list(&self, ids: &[String]) -> Result<Vec<&str>, RevisionError> {
        let pos = self.get_positions(&Arg::Tuple(ids.to_vec()))?;
        Ok(pos.into_iter().filter_map(|p| if let Pos::Rev(i) = p { Some(self.id(i)) } else { None }).collect())
    }

    /// Section 3 `get_revision(id)`: one revision or base (`None`); several → MultipleHeads.
    pub fn get_revision(&self, id: &str) -> Result<Option<&str>, RevisionError> {
        Ok(self.get_position(&Arg::Str(id.to_string()))?.map(|i| self.id(i)))
    }
}
