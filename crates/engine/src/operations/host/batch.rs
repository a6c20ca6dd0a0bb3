//! `op.batch_alter_table`: Alembic's `BatchOperations`. Ops are collected in the `with`
//! block and run at its end: as plain ALTERs when SQLite can do them all natively, otherwise
//! by "move and copy" of the reflected table (`ApplyBatchImpl`).

use std::cell::RefCell;
use std::rc::Rc;

use pylite::eval::{CallContext, EvalError, HostObject, Value};
use sqlschema::batch::{recreate, Transfer};
use sqlschema::{
    ddl, AddColumnOptions, AlterColumn, CheckConstraint, Column, Constraint, ForeignKeyConstraint, Index, PrimaryKeyConstraint, Table,
    UniqueConstraint,
};

use super::args::{bind, Bound};
use super::op::{add_column, alter_column_args, column_arg, exec, exec_all, exec_alter_column, index_arg, name_list, NO_ALTER_CONSTRAINT};
use super::sa_schema::sql_text;
use super::{obj, reflect::reflect_live, unsupported, Session};

/// One collected batch operation.
#[derive(Debug, Clone)]
pub enum BatchOp {
    AddColumn { column: Column, before: Option<String>, after: Option<String> },
    DropColumn(String),
    AlterColumn(String, AlterColumn),
    CreateIndex(Index),
    DropIndex(String),
    AddConstraint(Constraint),
    DropConstraint(String),
}

/// The `batch_alter_table(...)` context manager.
#[derive(Debug)]
pub struct BatchContext {
    session: Rc<Session>,
    table: String,
    recreate: String,
    ops: Rc<RefCell<Vec<BatchOp>>>,
}

impl BatchContext {
    pub fn new(session: Rc<Session>, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Self, EvalError> {
        let b = bind(
            "batch_alter_table",
            &[
                "table_name",
                "schema",
                "recreate",
                "partial_reordering",
                "copy_from",
                "table_args",
                "table_kwargs",
                "reflect_args",
                "reflect_kwargs",
                "naming_convention",
            ],
            false,
            args,
            kwargs,
            cx,
        )?;
        for k in [
            "schema",
            "partial_reordering",
            "copy_from",
            "table_args",
            "table_kwargs",
            "reflect_args",
            "reflect_kwargs",
            "naming_convention",
        ] {
            let empty =
                |v: &Value| matches!(v, Value::None) || (matches!(v, Value::Tuple(_) | Value::List(_) | Value::Dict(_)) && !v.truthy());
            if b.get(k).is_some_and(|v| !empty(v)) {
                return Err(unsupported(cx, &format!("batch_alter_table({k}=...)")));
            }
        }
        let recreate = b.opt_str("recreate", cx)?.unwrap_or_else(|| "auto".into());
        if !matches!(recreate.as_str(), "auto" | "always" | "never") {
            return Err(cx
                .error("eval-error", "ValueError: recreate may be one of 'auto', 'always', or 'never'.".to_string())
                .catchable("ValueError"));
        }
        Ok(BatchContext { session, table: b.req_str("table_name", cx)?, recreate, ops: Rc::default() })
    }

    /// `SQLiteImpl.requires_recreate_in_batch`: only indexes and plain added columns are native.
    fn needs_recreate(&self) -> bool {
        match self.recreate.as_str() {
            "always" => true,
            "never" => false,
            _ => self.ops.borrow().iter().any(|op| match op {
                BatchOp::AddColumn { column, .. } => {
                    column.server_default.as_ref().is_some_and(|d| !matches!(d, sqlschema::ServerDefault::String(_)))
                }
                BatchOp::CreateIndex(_) | BatchOp::DropIndex(_) => false,
                _ => true,
            }),
        }
    }

    fn flush(&self, cx: &mut CallContext) -> Result<(), EvalError> {
        let (s, t) = (&self.session, self.table.as_str());
        let ops = self.ops.borrow().clone();
        if !self.needs_recreate() {
            for op in ops {
                match op {
                    BatchOp::AddColumn { column, .. } => add_column(s, t, &column, AddColumnOptions::default(), cx)?,
                    BatchOp::CreateIndex(ix) => exec(s, &ddl::create_index(&ix), cx).map(drop)?,
                    BatchOp::DropIndex(n) => exec(s, &ddl::drop_index(&n), cx).map(drop)?,
                    BatchOp::DropColumn(c) => exec(s, &sqlschema::alter::drop_column(t, &c), cx).map(drop)?,
                    BatchOp::AlterColumn(c, a) => exec_alter_column(s, t, &c, &a, cx)?,
                    BatchOp::AddConstraint(_) | BatchOp::DropConstraint(_) => {
                        return Err(s.fail(format!("NotImplementedError: {NO_ALTER_CONSTRAINT}"), None, cx.span))
                    }
                }
            }
            return Ok(());
        }
        if s.offline {
            let msg = format!("This operation cannot proceed in --sql mode; batch mode with dialect sqlite requires a live database connection with which to reflect the table \"{t}\". To generate a batch SQL migration script using table \"move and copy\", a complete Table object should be passed to the \"copy_from\" argument of the batch_alter_table() method so that table reflection can be skipped.");
            return Err(s.fail(msg, None, cx.span));
        }
        let old = reflect_live(s, t, cx)?;
        let (new, transfers) = apply(&old, &ops).map_err(|m| s.fail(m, None, cx.span))?;
        let stmts = recreate(t, &new, &transfers).map_err(|e| s.fail(e.0, None, cx.span))?;
        exec_all(s, &stmts, cx)
    }
}

impl HostObject for BatchContext {
    fn type_name(&self) -> String {
        "alembic.operations.BatchOperations context".into()
    }
    fn enter(&self, _cx: &mut CallContext) -> Result<Value, EvalError> {
        Ok(obj(BatchOperations { table: self.table.clone(), ops: self.ops.clone(), method: None }))
    }
    fn exit(&self, ok: bool, cx: &mut CallContext) -> Result<(), EvalError> {
        if ok {
            self.flush(cx)
        } else {
            Ok(())
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `batch_op` and its bound methods.
#[derive(Debug)]
pub struct BatchOperations {
    table: String,
    ops: Rc<RefCell<Vec<BatchOp>>>,
    method: Option<&'static str>,
}

const METHODS: &[&str] = &[
    "add_column",
    "drop_column",
    "alter_column",
    "create_index",
    "drop_index",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "create_primary_key",
    "drop_constraint",
    "f",
];

impl HostObject for BatchOperations {
    fn type_name(&self) -> String {
        match self.method {
            None => "alembic.operations.BatchOperations".into(),
            Some(m) => format!("batch_op.{m}"),
        }
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (self.method, METHODS.iter().find(|m| **m == name)) {
            (None, Some(m)) => Ok(obj(BatchOperations { table: self.table.clone(), ops: self.ops.clone(), method: Some(m) })),
            _ => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let Some(m) = self.method else {
            return Err(cx.error("type-error", "'BatchOperations' object is not callable").catchable("TypeError"));
        };
        if m == "f" {
            return Ok(bind(m, &["name"], false, args, kwargs, cx)?.required("name", cx)?.clone());
        }
        let op = collect(m, &self.table, args, kwargs, cx)?;
        self.ops.borrow_mut().push(op);
        Ok(Value::None)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn fk_options(b: &Bound, cx: &CallContext) -> Result<ForeignKeyConstraint, EvalError> {
    let mut fk = ForeignKeyConstraint::default();
    for (k, v) in &b.extra {
        let text = || super::args::name_of(v, cx);
        match k.as_str() {
            "ondelete" if !matches!(v, Value::None) => fk.ondelete = Some(text()?),
            "onupdate" if !matches!(v, Value::None) => fk.onupdate = Some(text()?),
            "initially" if !matches!(v, Value::None) => fk.initially = Some(text()?),
            "deferrable" if !matches!(v, Value::None) => fk.deferrable = Some(v.truthy()),
            "ondelete" | "onupdate" | "initially" | "deferrable" | "match" | "referent_schema" => {}
            _ => return Err(unsupported(cx, &format!("create_foreign_key({k}=...)"))),
        }
    }
    Ok(fk)
}

fn collect(m: &str, table: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<BatchOp, EvalError> {
    Ok(match m {
        "add_column" => {
            let b = bind(m, &["column", "insert_before", "insert_after"], false, args, kwargs, cx)?;
            BatchOp::AddColumn {
                column: column_arg(b.required("column", cx)?, cx)?,
                before: b.opt_str("insert_before", cx)?,
                after: b.opt_str("insert_after", cx)?,
            }
        }
        "drop_column" => {
            let b = bind(m, &["column_name"], false, args, kwargs, cx)?;
            BatchOp::DropColumn(b.req_str("column_name", cx)?)
        }
        "alter_column" => {
            let b = bind(m, &["column_name"], false, args, kwargs, cx)?;
            BatchOp::AlterColumn(b.req_str("column_name", cx)?, alter_column_args(&b.extra, cx)?)
        }
        "create_index" => {
            let b = bind(m, &["index_name", "columns", "unique"], false, args, kwargs, cx)?;
            BatchOp::CreateIndex(index_arg(
                &b.req_str("index_name", cx)?,
                table,
                b.required("columns", cx)?,
                b.flag("unique", false),
                &b.extra,
                cx,
            )?)
        }
        "drop_index" => BatchOp::DropIndex(bind(m, &["index_name"], false, args, kwargs, cx)?.req_str("index_name", cx)?),
        "create_unique_constraint" => {
            let b = bind(m, &["constraint_name", "columns"], false, args, kwargs, cx)?;
            BatchOp::AddConstraint(Constraint::Unique(UniqueConstraint {
                name: b.opt_str("constraint_name", cx)?,
                columns: name_list(b.required("columns", cx)?, cx)?,
            }))
        }
        "create_primary_key" => {
            let b = bind(m, &["constraint_name", "columns"], false, args, kwargs, cx)?;
            BatchOp::AddConstraint(Constraint::PrimaryKey(PrimaryKeyConstraint {
                name: b.opt_str("constraint_name", cx)?,
                columns: name_list(b.required("columns", cx)?, cx)?,
            }))
        }
        "create_check_constraint" => {
            let b = bind(m, &["constraint_name", "condition"], false, args, kwargs, cx)?;
            BatchOp::AddConstraint(Constraint::Check(CheckConstraint {
                name: b.opt_str("constraint_name", cx)?,
                sqltext: sql_text(b.required("condition", cx)?, cx)?,
            }))
        }
        "create_foreign_key" => {
            let b = bind(m, &["constraint_name", "referent_table", "local_cols", "remote_cols"], false, args, kwargs, cx)?;
            let referent = b.req_str("referent_table", cx)?;
            let remote = name_list(b.required("remote_cols", cx)?, cx)?;
            BatchOp::AddConstraint(Constraint::ForeignKey(ForeignKeyConstraint {
                name: b.opt_str("constraint_name", cx)?,
                columns: name_list(b.required("local_cols", cx)?, cx)?,
                refcolumns: remote.iter().map(|c| format!("{referent}.{c}")).collect(),
                ..fk_options(&b, cx)?
            }))
        }
        "drop_constraint" => {
            let b = bind(m, &["constraint_name", "type_"], false, args, kwargs, cx)?;
            BatchOp::DropConstraint(b.req_str("constraint_name", cx)?)
        }
        _ => return Err(unsupported(cx, &format!("batch_op.{m}"))),
    })
}

fn constraint_columns(c: &Constraint) -> &[String] {
    match c {
        Constraint::PrimaryKey(p) => &p.columns,
        Constraint::ForeignKey(f) => &f.columns,
        Constraint::Unique(u) => &u.columns,
        Constraint::Check(_) => &[],
    }
}

fn constraint_name(c: &Constraint) -> Option<&str> {
    match c {
        Constraint::PrimaryKey(p) => p.name.as_deref(),
        Constraint::ForeignKey(f) => f.name.as_deref(),
        Constraint::Unique(u) => u.name.as_deref(),
        Constraint::Check(k) => k.name.as_deref(),
    }
}

/// `ApplyBatchImpl`: the new table and where each of its columns is copied from.
fn apply(old: &Table, ops: &[BatchOp]) -> Result<(Table, Vec<Transfer>), String> {
    let mut t = old.clone();
    // (new name, old name) of each column copied from the old table.
    let mut sources: Vec<(String, String)> = old.columns.iter().map(|c| (c.name.clone(), c.name.clone())).collect();
    let mut added_columns: Vec<String> = Vec::new();
    let mut reflected_constraints = old.constraints.len();
    for op in ops {
        match op {
            BatchOp::AddColumn { column, before, after } => {
                let at = match (before, after) {
                    (Some(b), _) => t.columns.iter().position(|c| &c.name == b),
                    (_, Some(a)) => t.columns.iter().position(|c| &c.name == a).map(|i| i + 1),
                    _ => None,
                };
                t.columns.insert(at.unwrap_or(t.columns.len()), column.clone());
                added_columns.push(column.name.clone());
            }
            BatchOp::DropColumn(name) => {
                let Some(i) = t.columns.iter().position(|c| &c.name == name) else {
                    return Err(format!("KeyError: '{name}'"));
                };
                t.columns.remove(i);
                sources.retain(|(n, _)| n != name);
            }
            BatchOp::AlterColumn(name, a) => {
                let Some(col) = t.columns.iter_mut().find(|c| &c.name == name) else {
                    return Err(format!("KeyError: '{name}'"));
                };
                if let Some(n) = a.nullable {
                    col.nullable = Some(n);
                }
                if let Some(d) = &a.server_default {
                    col.server_default = d.clone();
                }
                if let Some(ty) = &a.type_ {
                    col.type_ = ty.clone();
                }
                if let Some(new) = &a.new_column_name {
                    col.name = new.clone();
                    for (n, _) in sources.iter_mut().filter(|(n, _)| n == name) {
                        *n = new.clone();
                    }
                    rename_in_constraints(&mut t, name, new);
                }
            }
            BatchOp::CreateIndex(ix) => t.indexes.push(ix.clone()),
            BatchOp::DropIndex(n) => t.indexes.retain(|i| &i.name != n),
            BatchOp::AddConstraint(c) => t.constraints.push(c.clone()),
            BatchOp::DropConstraint(n) => {
                let Some(i) = t.constraints.iter().position(|c| constraint_name(c) == Some(n.as_str())) else {
                    return Err(format!("ValueError: No such constraint: '{n}'"));
                };
                t.constraints.remove(i);
                if i < reflected_constraints {
                    reflected_constraints -= 1;
                }
            }
        }
    }
    // Alembic keeps a constraint only when its columns are among the copied columns' keys:
    // reflected constraints follow renames, but one added in the batch names columns by their
    // new names and is silently dropped when one of them was renamed in the same batch.
    // Indexes are all recreated, even on a dropped column (CREATE INDEX then fails).
    let present = |n: &String| t.columns.iter().any(|c| &c.name == n);
    let keys: Vec<&String> = sources.iter().map(|(_, src)| src).chain(added_columns.iter()).collect();
    let keep: Vec<bool> = t
        .constraints
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cols = constraint_columns(c);
            if i >= reflected_constraints {
                cols.iter().all(|n| keys.contains(&n))
            } else {
                cols.iter().all(present)
            }
        })
        .collect();
    let mut k = keep.iter();
    t.constraints.retain(|_| *k.next().unwrap());
    let transfers = sources
        .iter()
        .map(|(new, src)| {
            let old_type = &old.column(src).expect("source columns come from the old table").type_;
            let new_type = &t.column(new).expect("transferred columns exist").type_;
            Transfer::new(new, src, old_type, new_type)
        })
        .collect();
    Ok((t, transfers))
}

fn rename_in_constraints(t: &mut Table, old: &str, new: &str) {
    let fix = |cols: &mut Vec<String>| cols.iter_mut().filter(|c| *c == old).for_each(|c| *c = new.to_string());
    for c in &mut t.constraints {
        match c {
            Constraint::PrimaryKey(p) => fix(&mut p.columns),
            Constraint::ForeignKey(f) => fix(&mut f.columns),
            Constraint::Unique(u) => fix(&mut u.columns),
            Constraint::Check(_) => {}
        }
    }
    for ix in &mut t.indexes {
        for e in &mut ix.expressions {
            if let sqlschema::IndexExpr::Column(c) = e {
                if c == old {
                    *c = new.to_string();
                }
            }
        }
    }
}
