//! Alembic's RevisionMap: the revision graph, heads and bases, identifier resolution, upgrade /
//! downgrade / history order, version-table updates and Alembic's errors word for word.
//! Knows nothing of files, Python or SQL.
//!
//! Where Alembic is nondeterministic (Python set order) we pick one order: labelled
//! revisions claim labels and propagate them in load order; several `depends_on` keep
//! declaration order; children are visited in load order; `current_heads` and
//! `branch_labels_of` are sorted; a merge's version-table UPDATE goes to its last parent row.
//! Where Alembic crashes (`KeyError`, `AssertionError`) we return a clean error whose
//! `alembic_crash()` names the Python exception. `tests/data/verify_cases.py` reruns the
//! case tables on real Alembic.

mod build;
mod error;
mod graph;
mod history;
mod map;
mod plan;
mod relative;
mod resolve;
mod stamp;
mod version_table;
mod walk;

pub use error::{CycleKind, MultipleHeadsContext, RangeContext, RevisionError};
pub use map::{Revision, RevisionMap};
pub use plan::Plan;
pub use stamp::StampStep;
pub use version_table::{VersionTable, VersionUpdate};
