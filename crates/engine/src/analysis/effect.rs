//! What one call or statement of `upgrade()`/`downgrade()` does, as the analysis proved it.

use diagnostics::Span;

/// One thing a function does, at the span of the call or statement that does it.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub effect: Effect,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// A known additive operation (`op.create_table`, `op.add_column`, a literal
    /// `op.execute("CREATE ...")` ...): `op` is the method's name.
    Adds {
        op: &'static str,
        name: Option<String>,
    },
    /// Rows added: `op.bulk_insert`, or `op.execute` of a literal `INSERT INTO`.
    InsertsRows {
        table: Option<String>,
    },
    Drops(Drop),
    /// The schema changes in place: `alter_column`, renames, comments, a batch block.
    ChangesSchema {
        op: &'static str,
        name: Option<String>,
    },
    /// Data may change or be lost: `op.execute` of anything but a literal INSERT/CREATE, or
    /// a call on the connection (`bind.execute(...)`).
    ChangesData(DataChange),
    /// The live database is read: `op.get_bind()`, `sa.inspect(...)`, `get_context()`, or a
    /// connection passed to SQLAlchemy. Offline (`--sql`) mode has no database.
    InspectsDatabase(Inspection),
    /// `with op.batch_alter_table(...)` without `copy_from=`: the table is reflected from the
    /// database, which offline mode cannot do.
    BatchWithoutCopyFrom {
        table: Option<String>,
    },
    Raises(Raise),
    /// Something the analysis cannot prove harmless: the function is not "only adds".
    Unresolved(Unresolved),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropKind {
    Table,
    Column,
    Index,
    Constraint,
}

impl DropKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DropKind::Table => "table",
            DropKind::Column => "column",
            DropKind::Index => "index",
            DropKind::Constraint => "constraint",
        }
    }
}

/// `op.drop_*` or a batch block's `drop_*`. Names are `None` when not string literals (or
/// when the operation was only referenced, not called: `f = op.drop_table`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drop {
    pub kind: DropKind,
    pub name: Option<String>,
    /// The table, for columns, indexes and constraints (a batch block's table).
    pub table: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataChange {
    /// `op.execute(...)`: the SQL when it is a literal (or `sa.text(literal)`).
    Execute { sql: Option<String> },
    /// A method called on the connection or on what it returned (`bind.execute`).
    Connection { method: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inspection {
    /// `op.get_bind()`
    GetBind,
    /// `op.get_context()`, `context.get_context()`
    GetContext,
    /// `sa.inspect(...)`
    Inspect,
    /// A connection handed to SQLAlchemy (`sa.Table(..., autoload_with=bind)`).
    ConnectionArgument,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Raise {
    /// `raise NotImplementedError` / `raise NotImplementedError("why")`
    NotImplemented,
    /// Any other `raise`.
    Other,
}

/// Why the analysis gave up on proving a piece of code harmless.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// A name bound by nothing the analysis knows (not an import, builtin or local).
    UnknownName(String),
    /// A call to a function defined in the file (or another callable of unknown effect).
    HelperCall(String),
    /// A callee that is not a plain name or attribute (`[op.drop_table][0](...)`).
    DynamicCall,
    /// An `op` method the analysis does not classify.
    UnknownOperation(String),
    /// An operation used as a value instead of being called (`f = op.drop_table`).
    OperationAsValue(String),
    /// A `with` whose context is not `op.batch_alter_table(...)`.
    UnknownContext,
    /// A construct whose effect is not followed (`lambda`, `class`, nested `def`, `global`,
    /// `del`, a statement that failed to parse ...).
    Construct(&'static str),
}

impl Effect {
    /// Whether this effect keeps "only adds" true.
    pub fn is_additive(&self) -> bool {
        matches!(self, Effect::Adds { .. } | Effect::InsertsRows { .. })
    }
}
