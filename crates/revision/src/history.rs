//! `alembic history -r base:head` order and `alembic current` (section 8).

use crate::error::{MultipleHeadsContext, RangeContext, RevisionError};
use crate::map::RevisionMap;
use crate::resolve::Arg;

impl RevisionMap {
    /// Revisions `history -r base:head` lists, newest first. Empty `base`/`head` mean `base`
    /// and `heads`; `current` on either side stands for the version-table rows.
    pub fn history(&self, base: &str, head: &str, current_rows: &[String]) -> Result<Vec<&str>, RevisionError> {
        let rows = || {
            if current_rows.is_empty() {
                None
            } else {
                Some(Arg::rows(current_rows))
            }
        };
        let or = |s: &str, d: &str| Arg::Str(if s.is_empty() { d.to_string() } else { s.to_string() });
        let (lower, upper) = if head == "current" {
            (or(base, "base"), rows().unwrap_or(Arg::Str("heads".into())))
        } else if base == "current" {
            (rows().unwrap_or(Arg::Str("base".into())), or(head, "heads"))
        } else {
            (or(base, "base"), or(head, "heads"))
        };
        let run = || {
            let (needs, targets) = self.collect_upgrade(&upper, &lower, true, false, false)?;
            self.topological_sort(&needs, &targets)
        };
        match run() {
            Ok(order) => Ok(self.ids(&order)),
            Err(RevisionError::RangeNotAncestor { lower: l, upper: u, .. }) => Err(RevisionError::RangeNotAncestor {
                lower: l,
                upper: u,
                context: Some(RangeContext::Range { start: lower.repr(), end: upper.repr() }),
            }),
            Err(RevisionError::MultipleHeads { heads, argument, .. }) => {
                Err(RevisionError::MultipleHeads { heads, argument, context: MultipleHeadsContext::Default { end: Some(upper.repr()) } })
            }
            Err(e) => Err(e),
        }
    }

    /// `alembic current`: the rows plus their ancestors, reduced to those without a
    /// versioned descendant in that set, sorted by id (Alembic prints Python set order).
    pub fn current_heads(&self, rows: &[String]) -> Result<Vec<&str>, RevisionError> {
        let mut v = self.ids(&self.all_current(&Arg::rows(rows))?);
        sorting::sort(&mut v);
        Ok(v)
    }
}
