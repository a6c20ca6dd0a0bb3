//! The `sqlalchemy` module as revision files use it: types, `Column`, constraints, `text`,
//! `func`, `table`/`column`. Every object is one `SaObj`; an unknown name is `unsupported`.

use std::rc::Rc;

use pylite::eval::{CallContext, EvalError, HostObject, Value};
use sqlschema::{Column, Constraint, ForeignKey, Index, ServerDefault, SqlType, Table};

use super::sa_core;
use super::sa_schema;
use super::sa_types::{make_type, TYPE_NAMES, UNRENDERABLE};
use super::{args::bind, obj, unsupported};

/// A `sqlalchemy` object.
#[derive(Debug, Clone)]
pub enum SaObj {
    /// `sqlalchemy`, `sqlalchemy.sql`, `sqlalchemy.types`, `sqlalchemy.dialects.sqlite`, ...
    Module(&'static str),
    /// `sa.Integer`: a type class, usable bare or called.
    TypeClass(&'static str),
    Type(SqlType),
    /// A type `Inspector.get_columns` returned: DDL text in `type_`, SQLAlchemy's `repr`.
    Reflected {
        type_: SqlType,
        repr: String,
    },
    /// `sqlalchemy.engine.reflection.Inspector` (the class: `Inspector.from_engine(bind)`).
    InspectorClass,
    /// `sa.Column`, `sa.ForeignKey`, `sa.text`, ...: callables building the objects below.
    Factory(&'static str),
    /// `sa.func` and `sa.func.<name>`.
    Func(Option<String>),
    Column(Column),
    ForeignKey(ForeignKey),
    Constraint(Constraint),
    /// `sa.Index(...)`: the table is filled in by `create_table`.
    Index(Index),
    /// `sa.text(...)` with its `bindparams`.
    Text {
        sql: String,
        binds: Vec<(String, Value)>,
    },
    /// `func.now()`, `sa.true()`, `literal_column(...)`: SQL expressions usable as defaults.
    Expr(ServerDefault),
    /// `sa.table(...)`, `sa.Table(...)` or what `op.create_table` returned.
    Table(Table),
    MetaData,
    /// A method of an object above, e.g. `text(...).bindparams`.
    Method(Rc<SaObj>, &'static str),
}

/// SQLAlchemy Core's factories (`sa_core.rs`, the `sa-core` feature; without it they import
/// and refuse when called).
pub const CORE_FACTORIES: &[&str] =
    &["select", "insert", "update", "delete", "and_", "or_", "not_", "bindparam", "literal", "cast", "case", "desc", "asc", "tuple_"];

const FACTORIES: &[&str] = &[
    "Column",
    "ForeignKey",
    "PrimaryKeyConstraint",
    "ForeignKeyConstraint",
    "UniqueConstraint",
    "CheckConstraint",
    "Index",
    "text",
    "true",
    "false",
    "null",
    "literal_column",
    "table",
    "column",
    "Table",
    "MetaData",
    "inspect",
];

/// `sqlalchemy.exc`'s classes that a revision file catches: SQLite's errors arrive as the
/// first three (by pysqlite's class), reflection raises `NoSuchTableError`.
pub const EXCEPTIONS: &[&str] = &[
    "sqlalchemy.exc.OperationalError",
    "sqlalchemy.exc.IntegrityError",
    "sqlalchemy.exc.ProgrammingError",
    "sqlalchemy.exc.NoSuchTableError",
    "sqlalchemy.exc.NoInspectionAvailable",
    "sqlalchemy.exc.NoResultFound",
    "sqlalchemy.exc.MultipleResultsFound",
    "sqlalchemy.exc.CompileError",
    "sqlalchemy.exc.DatabaseError",
    "sqlalchemy.exc.DBAPIError",
    "sqlalchemy.exc.StatementError",
    "sqlalchemy.exc.InvalidRequestError",
    "sqlalchemy.exc.SQLAlchemyError",
];

/// Whether `raised` derives from `handler` in `sqlalchemy.exc` (SQLAlchemy 2.1's classes).
pub fn exception_derives(raised: &str, handler: &str) -> bool {
    let bases: &[&str] = match raised.strip_prefix("sqlalchemy.exc.") {
        Some("OperationalError" | "IntegrityError" | "ProgrammingError") => {
            &["DatabaseError", "DBAPIError", "StatementError", "SQLAlchemyError"]
        }
        Some("NoSuchTableError" | "NoInspectionAvailable" | "NoResultFound" | "MultipleResultsFound") => {
            &["InvalidRequestError", "SQLAlchemyError"]
        }
        Some("CompileError") => &["SQLAlchemyError"],
        _ => &[],
    };
    handler.strip_prefix("sqlalchemy.exc.").is_some_and(|h| bases.contains(&h))
}

/// Other databases' dialect modules. Revision files often import them (autogenerate writes
/// `from sqlalchemy.dialects import postgresql`); importing one is harmless. Their types that
/// SQLite's type compiler renders work as under Alembic on SQLite (the generic names,
/// `postgresql.JSONB` as `JSONB`, `postgresql.ENUM` as an Enum); the others can be built
/// (`with_variant`, a `sqlite` branch) and fail only when their DDL is rendered, as there.
const FOREIGN_DIALECTS: &[&str] =
    &["sqlalchemy.dialects.postgresql", "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.oracle"];

/// A dialect module's own type, as the type-class name `make_type` knows.
fn dialect_type(module: &str, name: &str) -> Option<&'static str> {
    let postgres = module.ends_with("postgresql");
    Some(match name {
        "JSONB" if postgres => "JSONB",
        "ENUM" if postgres => "Enum",
        "INTERVAL" => "INTERVAL",
        _ => return UNRENDERABLE.iter().find(|t| **t == name).copied(),
    })
}

/// `sqlmodel` as migrations touch it: `sqlmodel.sql.sqltypes.AutoString`.
const SQLMODEL: &[&str] = &["sqlmodel", "sqlmodel.sql", "sqlmodel.sql.sqltypes"];

/// `import sqlalchemy...`: the modules this host provides.
pub fn import(module: &str) -> Option<Value> {
    let name: &'static str = match module {
        "sqlalchemy" => "sqlalchemy",
        "sqlalchemy.sql" => "sqlalchemy.sql",
        "sqlalchemy.sql.expression" => "sqlalchemy.sql.expression",
        "sqlalchemy.types" => "sqlalchemy.types",
        "sqlalchemy.schema" => "sqlalchemy.schema",
        "sqlalchemy.dialects" => "sqlalchemy.dialects",
        "sqlalchemy.dialects.sqlite" => "sqlalchemy.dialects.sqlite",
        "sqlalchemy.exc" => "sqlalchemy.exc",
        "sqlalchemy.orm" => "sqlalchemy.orm",
        "sqlalchemy.engine" => "sqlalchemy.engine",
        "sqlalchemy.engine.reflection" => "sqlalchemy.engine.reflection",
        #[cfg(feature = "stdlib")]
        "sqlalchemy.ext.compiler" => "sqlalchemy.ext.compiler",
        m => return FOREIGN_DIALECTS.iter().chain(SQLMODEL).find(|d| **d == m).map(|d| obj(SaObj::Module(d))),
    };
    Some(obj(SaObj::Module(name)))
}

fn module_attr(module: &'static str, name: &str, cx: &CallContext) -> Result<Value, EvalError> {
    let sub = |m: &'static str| Ok(obj(SaObj::Module(m)));
    match (module, name) {
        ("sqlalchemy", "sql") => return sub("sqlalchemy.sql"),
        ("sqlalchemy", "types") => return sub("sqlalchemy.types"),
        ("sqlalchemy", "schema") => return sub("sqlalchemy.schema"),
        ("sqlalchemy", "dialects") => return sub("sqlalchemy.dialects"),
        ("sqlalchemy", "exc") => return sub("sqlalchemy.exc"),
        ("sqlalchemy", "orm") => return sub("sqlalchemy.orm"),
        ("sqlalchemy.orm", "Session") => return Ok(obj(SaObj::Factory("Session"))),
        ("sqlalchemy.orm", _) => return Err(unsupported(cx, &format!("sqlalchemy.orm.{name}"))),
        ("sqlalchemy", "engine") => return sub("sqlalchemy.engine"),
        ("sqlalchemy.engine", "reflection") => return sub("sqlalchemy.engine.reflection"),
        ("sqlalchemy.engine" | "sqlalchemy.engine.reflection", "Inspector") => return Ok(obj(SaObj::InspectorClass)),
        ("sqlalchemy.exc", _) => {
            let full = format!("sqlalchemy.exc.{name}");
            return match EXCEPTIONS.iter().find(|e| **e == full) {
                Some(e) => Ok(Value::Builtin(Rc::new(pylite::eval::Builtin::ExcType(e)))),
                None => Err(unsupported(cx, &full)),
            };
        }
        ("sqlalchemy.engine" | "sqlalchemy.engine.reflection", _) => return Err(unsupported(cx, &format!("{module}.{name}"))),
        ("sqlalchemy.sql", "expression") => return sub("sqlalchemy.sql.expression"),
        ("sqlalchemy.dialects", "sqlite") => return sub("sqlalchemy.dialects.sqlite"),
        ("sqlalchemy.dialects", d) => {
            if let Some(m) = FOREIGN_DIALECTS.iter().find(|m| m.rsplit('.').next() == Some(d)) {
                return sub(m);
            }
        }
        (_, "func") if module != "sqlalchemy.types" => return Ok(obj(SaObj::Func(None))),
        #[cfg(feature = "stdlib")]
        ("sqlalchemy" | "sqlalchemy.types", "TypeDecorator") => return Ok(obj(super::type_decorator::TypeDecorator)),
        #[cfg(feature = "stdlib")]
        ("sqlalchemy.ext.compiler", "compiles") => return Ok(obj(super::type_decorator::Compiles(None))),
        _ => {}
    }
    if let Some(t) = TYPE_NAMES.iter().find(|t| **t == name) {
        // `AutoString` is sqlmodel's, and sqlmodel has no other type here.
        if SQLMODEL.contains(&module) == (name == "AutoString") {
            return Ok(obj(SaObj::TypeClass(t)));
        }
    }
    if FOREIGN_DIALECTS.contains(&module) {
        return match dialect_type(module, name) {
            Some(t) => Ok(obj(SaObj::TypeClass(t))),
            None => Err(unsupported(cx, &format!("{module}.{name}"))),
        };
    }
    match (module, name) {
        ("sqlmodel", "sql") => return sub("sqlmodel.sql"),
        ("sqlmodel.sql", "sqltypes") => return sub("sqlmodel.sql.sqltypes"),
        ("sqlmodel" | "sqlmodel.sql" | "sqlmodel.sql.sqltypes", _) if name != "AutoString" => {
            return Err(unsupported(cx, &format!("{module}.{name}")))
        }
        ("sqlalchemy" | "sqlalchemy.types", "ARRAY") => return Ok(obj(SaObj::TypeClass("ARRAY"))),
        _ => {}
    }
    if let Some(f) = FACTORIES.iter().chain(sa_core::FACTORIES).find(|f| **f == name) {
        if module != "sqlalchemy.types" {
            return Ok(obj(SaObj::Factory(f)));
        }
    }
    Err(unsupported(cx, &format!("{module}.{name}")))
}

impl HostObject for SaObj {
    fn type_name(&self) -> String {
        match self {
            SaObj::Module(m) => format!("module {m}"),
            SaObj::TypeClass(t) => format!("sqlalchemy.{t}"),
            SaObj::Type(t) => format!("sqlalchemy type {}", t.compile()),
            SaObj::Reflected { type_, .. } => format!("sqlalchemy type {}", type_.compile()),
            SaObj::InspectorClass => "sqlalchemy.engine.reflection.Inspector".into(),
            SaObj::Factory(f) => format!("sqlalchemy.{f}"),
            SaObj::Func(_) => "sqlalchemy.func".into(),
            SaObj::Column(_) => "sqlalchemy.Column".into(),
            SaObj::ForeignKey(_) => "sqlalchemy.ForeignKey".into(),
            SaObj::Constraint(_) => "sqlalchemy.Constraint".into(),
            SaObj::Index(_) => "sqlalchemy.Index".into(),
            SaObj::Text { .. } => "sqlalchemy.TextClause".into(),
            SaObj::Expr(_) => "sqlalchemy.ColumnElement".into(),
            SaObj::Table(_) => "sqlalchemy.Table".into(),
            SaObj::MetaData => "sqlalchemy.MetaData".into(),
            SaObj::Method(_, m) => format!("method {m}"),
        }
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match self {
            SaObj::Module(m) => module_attr(m, name, cx),
            SaObj::Func(None) => Ok(obj(SaObj::Func(Some(name.to_string())))),
            SaObj::Text { .. } if name == "bindparams" => Ok(obj(SaObj::Method(Rc::new(self.clone()), "bindparams"))),
            SaObj::Table(t) if name == "name" => Ok(Value::str(&t.name)),
            SaObj::Table(t) => sa_core::table_attr(t, name, cx),
            SaObj::Column(c) if name == "name" => Ok(Value::str(&c.name)),
            SaObj::Column(c) => sa_core::column_attr(c, name, cx),
            SaObj::Expr(d) => sa_core::default_attr(d, name, cx),
            SaObj::Index(i) if name == "name" => Ok(Value::str(&i.name)),
            SaObj::Type(_) if name == "with_variant" => Ok(obj(SaObj::Method(Rc::new(self.clone()), "with_variant"))),
            SaObj::TypeClass(_) if name == "with_variant" => Err(cx
                .error("type-error", "TypeEngine.with_variant() missing 1 required positional argument: 'type_'")
                .catchable("TypeError")),
            SaObj::InspectorClass if name == "from_engine" => Ok(obj(SaObj::Method(Rc::new(self.clone()), "from_engine"))),
            _ => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }

    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let out = match self {
            SaObj::TypeClass(t) => SaObj::Type(make_type(t, args, kwargs, cx)?),
            SaObj::Factory("Session") => return super::bind::orm_session(args, kwargs, cx),
            SaObj::Factory("Table") if kwargs.iter().any(|(k, _)| k == "autoload_with") => return autoload(args, kwargs, cx),
            SaObj::Factory(f) => return factory(f, args, kwargs, cx),
            SaObj::Func(Some(name)) if args.iter().any(sa_core::is_core) => return sa_core::func(name, &args, cx),
            SaObj::Func(Some(name)) => {
                let mut fargs = Vec::new();
                for a in &args {
                    fargs.push(expr_of(a, cx)?);
                }
                SaObj::Expr(ServerDefault::Func { name: name.clone(), args: fargs })
            }
            SaObj::Method(this, "with_variant") => {
                let b = bind("with_variant", &["type_"], true, args, kwargs, cx)?;
                let variant = b.required("type_", cx)?;
                let mut dialects = Vec::new();
                for d in &b.rest {
                    dialects.extend(super::args::names(d, cx)?);
                }
                // Only the SQLite variant matters here: this engine compiles for SQLite.
                return match (dialects.iter().any(|d| d == "sqlite"), type_of(variant, cx)) {
                    (true, Some(t)) => Ok(obj(SaObj::Type(t?))),
                    (true, None) => {
                        Err(cx.error("argument-error", format!("sqlalchemy.exc.ArgumentError: expected a type, got {}", variant.repr())))
                    }
                    (false, _) => Ok(obj((**this).clone())),
                };
            }
            SaObj::Method(_, "from_engine") => return super::inspect::inspect(args, kwargs, cx),
            SaObj::Method(this, "bindparams") => match &**this {
                SaObj::Text { sql, binds } => {
                    let mut binds = binds.clone();
                    if !args.is_empty() {
                        return Err(unsupported(cx, "bindparams() with bindparam objects"));
                    }
                    binds.extend(kwargs);
                    SaObj::Text { sql: sql.clone(), binds }
                }
                _ => unreachable!("bindparams is only offered on text()"),
            },
            _ => return Err(cx.error("type-error", format!("'{}' object is not callable", self.type_name())).catchable("TypeError")),
        };
        Ok(obj(out))
    }

    fn operator(
        &self,
        op: pylite::eval::Operator,
        other: Option<&Value>,
        reflected: bool,
        cx: &mut CallContext,
    ) -> Option<Result<Value, EvalError>> {
        match self {
            SaObj::Column(c) => sa_core::column_operator(c, op, other, reflected, cx),
            SaObj::Expr(d) => sa_core::default_operator(d, op, other, reflected, cx),
            _ => None,
        }
    }

    fn repr(&self) -> Option<String> {
        match self {
            SaObj::Reflected { repr, .. } => Some(repr.clone()),
            SaObj::InspectorClass => Some("<class 'sqlalchemy.engine.reflection.Inspector'>".into()),
            _ => None,
        }
    }

    fn str(&self) -> Option<String> {
        match self {
            SaObj::Reflected { type_, .. } | SaObj::Type(type_) => Some(type_.compile()),
            SaObj::Text { sql, .. } => Some(sql.clone()),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A value used as a SQL expression inside `func.x(...)` or as a default.
pub fn expr_of(v: &Value, cx: &CallContext) -> Result<ServerDefault, EvalError> {
    Ok(match v {
        Value::Str(s) => ServerDefault::String(s.to_string()),
        Value::Int(i) => ServerDefault::LiteralColumn(i.to_string()),
        Value::Float(f) => ServerDefault::LiteralColumn(pylite::eval::repr_float(*f)),
        _ => match super::downcast::<SaObj>(v) {
            Some(SaObj::Expr(e)) => e.clone(),
            Some(SaObj::Text { sql, .. }) => ServerDefault::Text(sql.clone()),
            _ => return Err(cx.error("type-error", format!("expected a SQL expression, got {}", v.type_name())).catchable("TypeError")),
        },
    })
}

/// A type argument: `sa.Integer` or `sa.Integer()`.
pub fn type_of(v: &Value, cx: &CallContext) -> Option<Result<SqlType, EvalError>> {
    match super::downcast::<SaObj>(v)? {
        SaObj::TypeClass(t) => Some(make_type(t, Vec::new(), Vec::new(), cx)),
        SaObj::Type(t) | SaObj::Reflected { type_: t, .. } => Some(Ok(t.clone())),
        _ => None,
    }
}

fn factory(f: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<Value, EvalError> {
    let simple = |e: ServerDefault, args: &Vec<Value>| -> Result<Value, EvalError> {
        if !args.is_empty() {
            return Err(cx.error("type-error", format!("{f}() takes no arguments")).catchable("TypeError"));
        }
        Ok(obj(SaObj::Expr(e)))
    };
    match f {
        "true" => simple(ServerDefault::True, &args),
        "false" => simple(ServerDefault::False, &args),
        "null" => simple(ServerDefault::LiteralColumn("NULL".into()), &args),
        "text" => {
            let b = bind(f, &["text"], false, args, kwargs, cx)?;
            Ok(obj(SaObj::Text { sql: b.req_str("text", cx)?, binds: Vec::new() }))
        }
        "literal_column" => {
            let b = bind(f, &["text", "type_"], false, args, kwargs, cx)?;
            Ok(obj(SaObj::Expr(ServerDefault::LiteralColumn(b.req_str("text", cx)?))))
        }
        "MetaData" => Ok(obj(SaObj::MetaData)),
        "inspect" => super::inspect::inspect(args, kwargs, cx),
        f if sa_core::FACTORIES.contains(&f) => sa_core::factory(f, args, kwargs, cx),
        _ => sa_schema::build(f, args, kwargs, cx),
    }
}

/// `sa.Table(name, meta, autoload_with=conn)`: the table as the database has it (columns
/// named in the call replace the reflected ones). Offline this is SQLAlchemy's
/// `NoInspectionAvailable` for Alembic's mock connection, as `sa.inspect` is.
fn autoload(args: Vec<Value>, mut kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
    let at = kwargs.iter().position(|(k, _)| k == "autoload_with").expect("the caller checked");
    let bind = kwargs.remove(at).1;
    super::inspect::inspect(vec![bind.clone()], Vec::new(), cx)?;
    let session = match (super::downcast::<super::bind::Connection>(&bind), super::downcast::<super::bind::Engine>(&bind)) {
        (Some(c), _) => c.session.clone(),
        (_, Some(e)) => e.session.clone(),
        _ => return Err(unsupported(cx, "autoload_with= something other than the migration's connection")),
    };
    let built = sa_schema::build("Table", args, kwargs, cx)?;
    let Some(SaObj::Table(declared)) = super::downcast::<SaObj>(&built).cloned() else { unreachable!("Table() builds a table") };
    let mut table = super::reflect::reflect_live(&session, &declared.name, cx)?;
    for c in declared.columns {
        match table.columns.iter_mut().find(|r| r.name == c.name) {
            Some(r) => *r = c,
            None => table.columns.push(c),
        }
    }
    Ok(obj(SaObj::Table(table)))
}
