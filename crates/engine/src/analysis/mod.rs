//! What a revision's `upgrade()` and `downgrade()` do, read from pylite's syntax tree without
//! running anything: whether an upgrade only adds (and may skip the data-loss rehearsal),
//! what it drops, changes or inspects, and whether a downgrade has a way back.
//!
//! The analysis is conservative. Every call is resolved through the module's imports
//! (`import sqlalchemy as sa`, `from alembic import op as o`, `from sqlalchemy import Column`),
//! pure builtins and the function's own locals; a name it cannot resolve, a call to a helper
//! function, a dynamic callee, an operation used as a value, a `lambda`, a `with` other than
//! `op.batch_alter_table(...)` ... is [`Unresolved`], and an unresolved function never "only
//! adds". A rebinding of `op` (in the module or the function) makes it unresolved.
//!
//! Each finding becomes a [`diagnostics::Diagnostic`] with the span of its call or statement
//! ([`Analysis::diagnostics`]). `<fn>` is `upgrade` or `downgrade`:
//!
//! | code | severity | meaning |
//! |---|---|---|
//! | `<fn>-drops-table` | warning (upgrade) / note (downgrade) | `op.drop_table(...)` |
//! | `<fn>-drops-column` | warning / note | `op.drop_column`, a batch's `drop_column` |
//! | `<fn>-drops-index` | warning / note | `op.drop_index`, a batch's `drop_index` |
//! | `<fn>-drops-constraint` | warning / note | `op.drop_constraint`, a batch's `drop_constraint` |
//! | `<fn>-changes-schema` | note | `alter_column`, `rename_table`, table comments, a batch block |
//! | `<fn>-changes-data` | warning | `op.execute` of anything but one literal INSERT/CREATE; calls on the connection (`bind.execute`) |
//! | `<fn>-inserts-rows` | note | `op.bulk_insert`, `op.execute("INSERT INTO ...")` |
//! | `<fn>-raises` | warning | a `raise` other than `NotImplementedError` |
//! | `<fn>-raises-not-implemented` | warning (upgrade) / note (downgrade) | `raise NotImplementedError(...)`: a downgrade that says it has no way back |
//! | `<fn>-empty` | warning (downgrade) / note (upgrade) | only a docstring, `pass`, `...` or comments; not reported when the upgrade is empty too (a merge: nothing to undo) |
//! | `<fn>-missing` | error (upgrade) / warning (downgrade) | no `def <fn>()` in the file |
//! | `<fn>-unresolved` | note | code the analysis cannot prove harmless (why: in the message) |
//! | `inspects-database` | warning | `op.get_bind()`, `op.get_context()`, `context.get_context()`, `sa.inspect(...)`, a connection passed to SQLAlchemy: offline (`--sql`) mode has no database |
//! | `batch-without-copy-from` | warning | `op.batch_alter_table(...)` without `copy_from=`: the table is reflected, which offline mode cannot do |
//!
//! A `# noqa: <code>` comment on the line where a finding starts silences it ([`is_silenced`]);
//! pylite's tree has no comments, so the source line is read.

mod diagnose;
mod effect;
mod noqa;
mod ops;
mod rebinds;
mod value;
mod walk;

#[cfg(test)]
mod tests;

use diagnostics::{Diagnostic, Span};
use pylite::ast::StmtKind;
use pylite::{ExprKind, Module};

use crate::script::Script;

pub use effect::{DataChange, Drop, DropKind, Effect, Finding, Inspection, Raise, Unresolved};
pub use noqa::is_silenced;

/// Which function of the revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    Upgrade,
    Downgrade,
}

impl Function {
    pub fn name(self) -> &'static str {
        match self {
            Function::Upgrade => "upgrade",
            Function::Downgrade => "downgrade",
        }
    }
}

/// The shape of a function's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// No `def` in the file.
    Missing,
    /// Only a docstring, `pass`, `...` (comments are not statements).
    Empty,
    Code,
}

/// Why a downgrade across this revision restores nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoWayBack {
    /// No `def downgrade()`.
    Missing,
    /// `pass`, a docstring or `...` only (while the upgrade does something).
    Empty,
    /// The body raises unconditionally (a `raise` among its top-level statements).
    Raises(Raise),
}

/// What one function does.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionReport {
    pub function: Function,
    pub body: Body,
    /// The `def`'s name, when there is one.
    pub name_span: Option<Span>,
    /// Every effect, in source order (a loop body is walked twice; duplicates removed).
    pub findings: Vec<Finding>,
    /// A `raise` among the body's top-level statements: it always raises.
    pub always_raises: Option<Raise>,
    /// The other function is empty too: there is nothing to do or undo (a merge revision).
    pub nothing_to_undo: bool,
}

impl FunctionReport {
    /// Proven to only add: every call resolved to an additive operation (or the body is
    /// empty). Batch blocks, drops, alters, non-INSERT/CREATE SQL, the connection, raises and
    /// anything unresolved make it false. A missing function is not proven either.
    pub fn only_adds(&self) -> bool {
        self.body != Body::Missing && self.findings.iter().all(|f| f.effect.is_additive())
    }

    /// For a downgrade: why it has no way back, if it has none.
    pub fn no_way_back(&self) -> Option<NoWayBack> {
        match self.body {
            Body::Missing => Some(NoWayBack::Missing),
            Body::Empty if !self.nothing_to_undo => Some(NoWayBack::Empty),
            Body::Empty => None,
            Body::Code => self.always_raises.map(NoWayBack::Raises),
        }
    }

    pub fn drops(&self) -> impl Iterator<Item = (&Drop, Span)> {
        self.findings.iter().filter_map(|f| match &f.effect {
            Effect::Drops(d) => Some((d, f.span)),
            _ => None,
        })
    }

    pub fn inspects_database(&self) -> bool {
        self.findings.iter().any(|f| matches!(f.effect, Effect::InspectsDatabase(_)))
    }

    /// Rows inserted, SQL run, or the connection used.
    pub fn changes_data(&self) -> bool {
        self.findings.iter().any(|f| matches!(f.effect, Effect::InsertsRows { .. } | Effect::ChangesData(_)))
    }

    pub fn changes_schema(&self) -> bool {
        self.findings.iter().any(|f| matches!(f.effect, Effect::ChangesSchema { .. }))
    }

    /// Whether any `raise` is reached (conditionally or not), and which kind first.
    pub fn raises(&self) -> Option<Raise> {
        self.findings.iter().find_map(|f| if let Effect::Raises(r) = f.effect { Some(r) } else { None })
    }

    /// Batch blocks that reflect their table (no `copy_from=`).
    pub fn batch_without_copy_from(&self) -> bool {
        self.findings.iter().any(|f| matches!(f.effect, Effect::BatchWithoutCopyFrom { .. }))
    }

    pub fn unresolved(&self) -> impl Iterator<Item = (&Unresolved, Span)> {
        self.findings.iter().filter_map(|f| match &f.effect {
            Effect::Unresolved(u) => Some((u, f.span)),
            _ => None,
        })
    }
}

/// The analysis of one revision file.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub upgrade: FunctionReport,
    pub downgrade: FunctionReport,
    /// `down_revision` names two or more parents.
    pub merge: bool,
}

impl Analysis {
    /// Either function reads the live database.
    pub fn inspects_database(&self) -> bool {
        self.upgrade.inspects_database() || self.downgrade.inspects_database()
    }

    /// `--sql` (offline) mode cannot run it: it inspects the database or reflects a batch.
    pub fn breaks_offline(&self) -> bool {
        self.inspects_database() || self.upgrade.batch_without_copy_from() || self.downgrade.batch_without_copy_from()
    }

    /// Every finding as a diagnostic, upgrade first, in source order (codes in the module doc).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        diagnose::diagnostics(self)
    }

    /// The diagnostics whose line carries no `# noqa` for their code.
    pub fn unsilenced_diagnostics(&self, source: &str) -> Vec<Diagnostic> {
        self.diagnostics().into_iter().filter(|d| !is_silenced(source, d)).collect()
    }
}

/// Analyses a loaded script (its module is parsed again: scripts keep their text).
pub fn analyse(script: &Script) -> Analysis {
    analyse_module(&script.module(), script.down_revisions.len() >= 2)
}

/// Analyses a parsed revision module; `merge` when its `down_revision` has 2+ parents.
pub fn analyse_module(module: &Module, merge: bool) -> Analysis {
    let bindings = value::module_bindings(module, |names, e| {
        let mut w = walk::Walker::new(names);
        let v = w.expr(e);
        if w.findings.is_empty() {
            v
        } else {
            value::Value::Unknown
        }
    });
    let mut upgrade = report(module, Function::Upgrade, &bindings);
    let mut downgrade = report(module, Function::Downgrade, &bindings);
    if upgrade.body == Body::Empty && downgrade.body == Body::Empty {
        upgrade.nothing_to_undo = true;
        downgrade.nothing_to_undo = true;
    }
    Analysis { upgrade, downgrade, merge }
}

fn report(module: &Module, function: Function, bindings: &[(String, value::Value)]) -> FunctionReport {
    let Some(def) = module.function(function.name()) else {
        return FunctionReport {
            function,
            body: Body::Missing,
            name_span: None,
            findings: Vec::new(),
            always_raises: None,
            nothing_to_undo: false,
        };
    };
    let empty = def.body.iter().all(|s| match &s.kind {
        StmtKind::Pass => true,
        StmtKind::Expr(e) => matches!(e.kind, ExprKind::Str { .. } | ExprKind::Ellipsis),
        _ => false,
    });
    let mut walker = walk::Walker::new(bindings);
    // A decorator wraps the function; a later module-level binding replaces it.
    for d in &def.decorators {
        walker.record_unresolved(Unresolved::Construct("a decorator"), d.span);
    }
    let last = bindings.iter().rev().find(|(n, _)| n == function.name()).map(|(_, v)| v);
    if last != Some(&value::Value::Helper(function.name().to_string())) {
        walker.record_unresolved(Unresolved::Construct("a module-level rebinding of the function"), def.name.span);
    }
    // Module code (a decorator, a helper, a comprehension) may rebind the function at import
    // time through `global` or `:=`.
    if rebinds::anywhere(&module.body, function.name()) {
        walker.record_unresolved(Unresolved::Construct("a `global` or `:=` rebinding of the function"), def.name.span);
    }
    for p in &def.params {
        walker.bind_param(&p.name.name);
    }
    walker.block(&def.body);
    let mut findings: Vec<Finding> = Vec::new();
    for f in walker.findings {
        if !findings.contains(&f) {
            findings.push(f);
        }
    }
    let always_raises = def.body.iter().find_map(|s| match &s.kind {
        StmtKind::Raise { .. } => findings.iter().find_map(|f| match f.effect {
            Effect::Raises(r) if f.span == s.span => Some(r),
            _ => None,
        }),
        _ => None,
    });
    FunctionReport {
        function,
        body: if empty { Body::Empty } else { Body::Code },
        name_span: Some(def.name.span),
        findings,
        always_raises,
        nothing_to_undo: false,
    }
}
