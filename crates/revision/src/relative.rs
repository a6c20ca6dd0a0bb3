//! Relative identifiers (section 4): `[L@][S](+|-)N`, walking N steps, and how `upgrade` and
//! `downgrade` turn their target argument into revisions.

use crate::error::RevisionError;
use crate::graph::Edges;
use crate::map::{Idx, RevisionMap};
use crate::resolve::{Arg, Pos};

/// A match of Alembic's `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)` at the start of a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relative {
    pub branch: Option<String>,
    pub symbol: Option<String>,
    /// The signed number as written (`+2`, `-0`).
    pub text: String,
    pub value: i64,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `(\w+)?([+-]\d+)` at the start of `s` (trailing text ignored, as `re.match` does).
fn match_tail(s: &str) -> Option<(Option<String>, String)> {
    let word_end = s.char_indices().find(|&(_, c)| !is_word(c)).map(|(i, _)| i).unwrap_or(s.len());
    let rest = &s[word_end..];
    let sign = rest.chars().next().filter(|c| *c == '+' || *c == '-')?;
    let digits: String = rest[1..].chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let symbol = (word_end > 0).then(|| s[..word_end].to_string());
    Some((symbol, format!("{sign}{digits}")))
}

pub(crate) fn match_relative(s: &str) -> Option<Relative> {
    let build = |branch: Option<String>, (symbol, text): (Option<String>, String)| {
        let value = crate::resolve::python_int(&text).unwrap_or(0);
        Relative { branch, symbol, text, value }
    };
    // The lazy `(.+?)@`: the first '@' (not at 0, no newline before it) after which the rest matches.
    for (i, c) in s.char_indices() {
        if c == '\n' {
            break;
        }
        if c == '@' && i > 0 {
            if let Some(t) = match_tail(&s[i + 1..]) {
                return Some(build(Some(s[..i].to_string()), t));
            }
        }
    }
    match_tail(s).map(|t| build(None, t))
}

impl RevisionMap {
    /// Alembic's `_walk`: `steps` up (>0, optionally within a branch's lineage) or down (<0).
    /// Past the end: `Pos::None` when `no_overwalk`, else the last position reached.
    pub(crate) fn walk(&self, start: Pos, steps: i64, branch: Option<&str>, no_overwalk: bool) -> Result<Pos, RevisionError> {
        let mut at = start;
        for _ in 0..steps.unsigned_abs() {
            let children: Vec<Pos> = if steps > 0 {
                let up: Vec<Idx> = match at {
                    Pos::Rev(i) => self.node(i).children.clone(),
                    _ => self.bases.clone(),
                };
                let up = match branch.filter(|b| !b.is_empty()) {
                    Some(b) => self.filter_for_lineage(&up, b, false)?,
                    None => up,
                };
                up.into_iter().map(Pos::Rev).collect()
            } else {
                match at {
                    Pos::BaseStr => vec![],
                    _ => {
                        let down = match at {
                            Pos::Rev(i) => self.node(i).down.clone(),
                            _ => self.heads.clone(),
                        };
                        if down.is_empty() {
                            vec![Pos::BaseStr]
                        } else {
                            down.into_iter().map(Pos::Rev).collect()
                        }
                    }
                }
            };
            match children.len() {
                0 => return Ok(if no_overwalk { Pos::None } else { at }),
                1 => at = children[0],
                _ => return Err(RevisionError::AmbiguousWalk),
            }
        }
        Ok(at)
    }

    fn pos_of(&self, id: &str) -> Result<Pos, RevisionError> {
        Ok(self.get_position(&Arg::Str(id.to_string()))?.map_or(Pos::None, Pos::Rev))
    }

    /// `_parse_upgrade_target`: the revisions `upgrade <target>` aims at, given `current`.
    pub(crate) fn parse_upgrade_target(&self, current: &Arg, target: &Arg, assert_len: bool) -> Result<Vec<Pos>, RevisionError> {
        let rel = match target {
            Arg::Str(s) => match_relative(s),
            _ => None,
        };
        let Some(rel) = rel else { return self.get_positions(target) };
        let branch = rel.branch.as_deref().filter(|b| !b.is_empty());
        let count = rel.value.unsigned_abs();
        if rel.value > 0 {
            let Some(symbol) = &rel.symbol else {
                let rows = current.to_tuple();
                let mut starts: Vec<Pos> = Vec::new();
                if let Some(b) = branch {
                    let positions = self.get_positions(&Arg::Tuple(rows.clone()))?;
                    // Alembic resolves each entry again as an identifier: a walk's "base"
                    // is not one, a `None` trips an assertion.
                    if positions.contains(&Pos::BaseStr) {
                        return Err(RevisionError::resolution("No such revision or branch 'base'".into(), "base"));
                    }
                    if positions.contains(&Pos::None) {
                        return Err(RevisionError::Assertion {
                            message: format!("Relative revision {} walked off the graph", rows.join(", ")),
                        });
                    }
                    let revs: Vec<Idx> = self.rev_positions(&positions);
                    let on_branch = self.filter_for_lineage(&revs, b, false)?;
                    starts = on_branch.into_iter().map(Pos::Rev).collect();
                    if starts.is_empty() {
                        // Not on the branch yet: the tips of the current ancestry on its lineage.
                        let anc = self.closure(&revs, Edges::NormDown);
                        let all: Vec<Idx> = (0..self.nodes.len() as Idx).filter(|&i| anc[i as usize]).collect();
                        let active = self.filter_for_lineage(&all, b, false)?;
                        let mut lower = vec![false; self.nodes.len()];
                        for &a in &active {
                            for &d in &self.node(a).norm_down {
                                lower[d as usize] = true;
                            }
                        }
                        starts = active.into_iter().filter(|&a| !lower[a as usize]).map(Pos::Rev).collect();
                        if starts.is_empty() {
                            starts.push(Pos::None);
                        }
                    }
                } else if rows.is_empty() {
                    starts.push(Pos::None);
                } else {
                    if rows.len() > 1 {
                        return Err(RevisionError::AmbiguousUpgrade);
                    }
                    starts.push(self.pos_of(&rows[0])?);
                }
                if starts.len() > 1 {
                    return Err(RevisionError::AmbiguousUpgrade);
                }
                return match self.walk(starts[0], rel.value, branch, assert_len)? {
                    Pos::None => Err(RevisionError::RelativeNotProduced { relative: rel.text.clone(), count }),
                    p => Ok(vec![p]),
                };
            };
            let start = self.pos_of(symbol)?;
            Ok(vec![self.walk(start, rel.value, branch, assert_len)?])
        } else {
            let Some(symbol) = &rel.symbol else {
                return Err(RevisionError::RelativeNotProduced { relative: rel.value.to_string(), count });
            };
            let start = match &rel.branch {
                None => self.pos_of(symbol)?,
                Some(b) => self.pos_of(&format!("{b}@{symbol}"))?,
            };
            Ok(vec![self.walk(start, rel.value, None, assert_len)?])
        }
    }

    pub(crate) fn rev_positions(&self, v: &[Pos]) -> Vec<Idx> {
        v.iter().filter_map(|p| if let Pos::Rev(i) = p { Some(*i) } else { None }).collect()
    }

    /// `_parse_downgrade_target`: (branch label in effect, target position) for `downgrade`.
    pub(crate) fn parse_downgrade_target(
        &self,
        current: &Arg,
        target: &str,
        assert_len: bool,
        warnings: &mut Vec<String>,
    ) -> Result<(Option<String>, Pos), RevisionError> {
        let Some(rel) = match_relative(target) else {
            let (branch, symbol) = match target.rfind('@') {
                Some(i) => (Some(target[..i].to_string()).filter(|b| !b.is_empty()), &target[i + 1..]),
                None => (None, target),
            };
            return Ok((branch, self.pos_of(symbol)?));
        };
        let count = rel.value.unsigned_abs();
        let mut branch = rel.branch.clone();
        if rel.value >= 0 {
            let Some(symbol) = &rel.symbol else {
                return Err(RevisionError::RelativeNotProduced { relative: rel.text.clone(), count });
            };
            let start = self.pos_of(symbol)?;
            return match self.walk(start, rel.value, branch.as_deref(), assert_len)? {
                Pos::None => Err(RevisionError::WalkedTooFar),
                p => Ok((branch, p)),
            };
        }
        let relative_to_current = rel.symbol.is_none();
        let symbol = match &rel.symbol {
            Some(s) => s.clone(),
            None => {
                let rows = current.to_tuple();
                match branch.as_deref().filter(|b| !b.is_empty()) {
                    Some(b) => self.current_on_branch(&rows, b)?,
                    None => {
                        if rows.is_empty() {
                            return Err(RevisionError::RelativeNotProduced { relative: rel.text.clone(), count });
                        }
                        let mut distinct = rows.clone();
                        sorting::sort(&mut distinct);
                        distinct.dedup();
                        if distinct.len() > 1 {
                            warnings.push(
                                "downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release."
                                    .to_string(),
                            );
                        }
                        // Restrict the downgrade to the first row's branch.
                        branch = Some(rows[0].clone());
                        rows[0].clone()
                    }
                }
            }
        };
        let start = match &branch {
            None => self.pos_of(&symbol)?,
            Some(b) => self.pos_of(&format!("{b}@{symbol}"))?,
        };
        match self.walk(start, rel.value, None, assert_len)? {
            Pos::None if relative_to_current => Err(RevisionError::RelativeNotProduced { relative: rel.text.clone(), count }),
            Pos::None => Err(RevisionError::WalkedTooFar),
            p => Ok((branch, p)),
        }
    }

    /// The one current row on `label`'s lineage (or, failing that, the one implied head on it).
    fn current_on_branch(&self, rows: &[String], label: &str) -> Result<String, RevisionError> {
        let mut resolved: Vec<(String, Idx)> = Vec::new();
        for r in rows {
            if let Some(i) = self.revision_for_ident(Some(r), None)? {
                resolved.push((r.clone(), i));
            }
        }
        let idxs: Vec<Idx> = resolved.iter().map(|r| r.1).collect();
        let keep = self.filter_for_lineage(&idxs, label, false)?;
        let mut symbols: Vec<String> = resolved.into_iter().filter(|r| keep.contains(&r.1)).map(|r| r.0).collect();
        if symbols.is_empty() {
            let all = self.all_current(&Arg::Tuple(rows.to_vec()))?;
            symbols = self.filter_for_lineage(&all, label, false)?.into_iter().map(|i| self.id(i).to_string()).collect();
        }
        if symbols.len() != 1 {
            return Err(RevisionError::AmbiguousDowngrade { label: label.to_string() });
        }
        Ok(symbols.remove(0))
    }

    /// `_get_all_current`: rows plus their ancestors (all edges), keeping only those with no
    /// versioned child in that set; load order (Alembic: set order).
    pub(crate) fn all_current(&self, rows: &Arg) -> Result<Vec<Idx>, RevisionError> {
        let top = self.rev_positions(&self.get_positions(rows)?);
        let set = self.closure(&top, Edges::NormDown);
        Ok((0..self.nodes.len() as Idx).filter(|&i| set[i as usize] && !self.node(i).children.iter().any(|&c| set[c as usize])).collect())
    }
}
