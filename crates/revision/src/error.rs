//! `RevisionError`: Alembic's revision errors, with its internal messages word for word.

use thiserror::Error;

/// How a range error is worded at the CLI (Alembic's `_catch_revision_errors`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeContext {
    /// `history -r start:end` (and other callers without a special wording).
    Range { start: String, end: String },
    /// `downgrade <destination>` whose destination is above the current heads.
    Downgrade { destination: String },
}

/// How a multiple-heads error is worded at the CLI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MultipleHeadsContext {
    /// The generic wording; `end` (history's upper bound) replaces the argument when given.
    Default { end: Option<String> },
    /// `alembic stamp`.
    Stamp,
}

/// Which kind of cycle `build` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleKind {
    Cycle,
    DependencyCycle,
    SelfLoop,
    DependencySelfLoop,
}

impl CycleKind {
    fn word(self) -> &'static str {
        match self {
            CycleKind::Cycle => "Cycle",
            CycleKind::DependencyCycle => "Dependency cycle",
            CycleKind::SelfLoop => "Self-loop",
            CycleKind::DependencySelfLoop => "Dependency self-loop",
        }
    }
}

/// A revision-graph error. `Display` is Alembic's internal message; `cli_message` is what
/// Alembic's CLI prints after `FAILED: `.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RevisionError {
    #[error("Multiple heads are present for given argument '{argument}'; {}", heads.join(", "))]
    MultipleHeads { heads: Vec<String>, argument: String, context: MultipleHeadsContext },

    /// "No such revision or branch", "Multiple revisions start with", "not a member of
    /// branch", "No such branch"; `argument` is what the CLI echoes.
    #[error("{message}")]
    Resolution { message: String, argument: String },

    #[error("Revision {lower} is not an ancestor of revision {upper}")]
    RangeNotAncestor { lower: String, upper: String, context: Option<RangeContext> },

    #[error("{} is detected in revisions ({})", kind.word(), revisions.join(", "))]
    Cycle { kind: CycleKind, revisions: Vec<String> },

    #[error("Character(s) '{chars}' not allowed in revision identifier '{revision}'")]
    IllegalCharacters { chars: String, revision: String },

    #[error("Branch name '{label}' in revision {revision} already used by revision {used_by}")]
    DuplicateBranchLabel { label: String, revision: String, used_by: String },

    /// Alembic warns `Revision X referenced from Y is not present` and then crashes with
    /// `KeyError: 'X'`; we stop with the warning's text instead.
    #[error("Revision {missing} referenced from {referenced_from} is not present")]
    MissingRevision { missing: String, referenced_from: String },

    #[error("Relative revision {relative} didn't produce {count} migrations")]
    RelativeNotProduced { relative: String, count: u64 },

    /// Alembic crashes with a bare `AssertionError` when `S+N`/`S-N` walks off the graph
    /// during `upgrade` (`head+1`, `base+9`, `<first>-1`); same wording as the relative error.
    #[error("Relative revision {target} didn't produce {count} migrations")]
    RelativeWalkFailed { target: String, count: u64 },

    #[error("Ambiguous walk")]
    AmbiguousWalk,

    #[error("Walked too far")]
    WalkedTooFar,

    #[error("Ambiguous upgrade from multiple current revisions")]
    AmbiguousUpgrade,

    /// Alembic asserts that `L@-N` finds exactly one current revision on L's lineage.
    #[error("Ambiguous downgrade from multiple current revisions on branch '{label}'")]
    AmbiguousDowngrade { label: String },

    #[error("Requested revision {revision} overlaps with other requested revisions {}", overlaps.join(", "))]
    Overlap { revision: String, overlaps: Vec<String> },

    #[error("Not a valid downgrade target from current heads")]
    NotValidDowngradeTarget,

    /// Alembic's topological sort asserts that it emitted every revision of the range
    /// (it does not when a range's lower bound is reached only through a dependency).
    #[error("Revisions {} could not be ordered within the requested range", revisions.join(", "))]
    Unordered { revisions: Vec<String> },

    /// A state where Alembic fails an internal assertion; described in plain words.
    #[error("{message}")]
    Assertion { message: String },

    /// Alembic's HeadMaintainer crashes on a version-table step it did not expect:
    /// `KeyError` (a row it deletes or updates is not there, e.g. a merge whose parent row
    /// was already moved on), `AssertionError` (a row it inserts or updates to is already
    /// there), `IndexError` (a merge left with no parent row to update).
    #[error("{message}")]
    VersionTableCrash { exception: &'static str, row: String, message: String },
}

impl RevisionError {
    /// The text Alembic's CLI prints after `FAILED: `.
    pub fn cli_message(&self) -> String {
        match self {
            RevisionError::Resolution { argument, .. } => {
                format!("Can't locate revision identified by '{argument}'")
            }
            RevisionError::MultipleHeads { argument, context, .. } => match context {
                MultipleHeadsContext::Stamp => "Multiple heads are present; please specify a single target revision".to_string(),
                MultipleHeadsContext::Default { end } => {
                    let arg = end.as_deref().unwrap_or(argument);
                    format!(
                        "Multiple head revisions are present for given argument '{arg}'; please \
                         specify a specific target revision, '<branchname>@{arg}' to narrow to \
                         a specific head, or 'heads' for all heads"
                    )
                }
            },
            RevisionError::RangeNotAncestor { lower, upper, context } => match context {
                Some(RangeContext::Downgrade { destination }) => {
                    format!("Destination {destination} is not a valid downgrade target from current head(s)")
                }
                Some(RangeContext::Range { start, end }) => range_message(start, end),
                None => range_message(lower, upper),
            },
            other => other.to_string(),
        }
    }

    /// Where real Alembic does not report this error cleanly but crashes, the Python
    /// exception it raises (`AssertionError`, `KeyError`); `None` when it reports it.
    pub fn alembic_crash(&self) -> Option<&'static str> {
        match self {
            RevisionError::RelativeWalkFailed { .. }
            | RevisionError::AmbiguousDowngrade { .. }
            | RevisionError::Unordered { .. }
            | RevisionError::Assertion { .. } => Some("AssertionError"),
            RevisionError::MissingRevision { .. } => Some("KeyError"),
            RevisionError::VersionTableCrash { exception, .. } => Some(exception),
            _ => None,
        }
    }

    pub(crate) fn resolution(message: String, argument: &str) -> Self {
        RevisionError::Resolution { message, argument: argument.to_string() }
    }
}

fn range_message(start: &str, end: &str) -> String {
    format!(
        "Requested range {start}:{end} does not refer to ancestor/descendant revisions along the \
         same branch"
    )
}
