//! SQLAlchemy's type classes (`sa.Integer`, `sa.String(200)`, `sqlite.JSON`, ...) as
//! sqlschema `SqlType`s. A class is usable bare (`sa.Integer`) or called (`sa.Integer()`).

use pylite::eval::{CallContext, EvalError, Value};
use sqlschema::SqlType;

use super::args::bind;

/// Every type name `sa`, `sa.types` and `sqlalchemy.dialects.sqlite` provide here.
pub const TYPE_NAMES: &[&str] = &[
    "Integer",
    "INTEGER",
    "INT",
    "BigInteger",
    "BIGINT",
    "SmallInteger",
    "SMALLINT",
    "String",
    "VARCHAR",
    "Unicode",
    "NVARCHAR",
    "CHAR",
    "NCHAR",
    "Text",
    "TEXT",
    "UnicodeText",
    "CLOB",
    "Boolean",
    "BOOLEAN",
    "DateTime",
    "DATETIME",
    "TIMESTAMP",
    "Date",
    "DATE",
    "Time",
    "TIME",
    "Float",
    "FLOAT",
    "REAL",
    "Double",
    "DOUBLE",
    "DOUBLE_PRECISION",
    "Numeric",
    "NUMERIC",
    "DECIMAL",
    "LargeBinary",
    "BLOB",
    "JSON",
    "Uuid",
    "UUID",
    "Enum",
    "Interval",
    "PickleType",
    "AutoString",
];

/// Other databases' types SQLite's type compiler cannot render (SQLAlchemy's
/// `UnsupportedCompilationError` when their DDL is written).
pub const UNRENDERABLE: &[&str] = &[
    "LONGTEXT",
    "MEDIUMTEXT",
    "TINYTEXT",
    "TINYINT",
    "MEDIUMINT",
    "LONGBLOB",
    "MEDIUMBLOB",
    "TINYBLOB",
    "BIT",
    "ENUM",
    "SET",
    "YEAR",
    "ARRAY",
    "BYTEA",
    "INET",
    "CIDR",
    "MACADDR",
    "TSVECTOR",
    "HSTORE",
    "CITEXT",
    "MONEY",
    "OID",
    "UNIQUEIDENTIFIER",
    "DATETIME2",
    "DATETIMEOFFSET",
    "SMALLDATETIME",
    "IMAGE",
    "NTEXT",
    "SQL_VARIANT",
    "XML",
    "ROWVERSION",
];

fn u32_arg(v: Option<&Value>, cx: &CallContext) -> Result<Option<u32>, EvalError> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.as_int() {
            Some(n) if n >= 0 => Ok(Some(n as u32)),
            _ => Err(cx.error("type-error", format!("expected a length, got {}", v.repr())).catchable("TypeError")),
        },
    }
}

/// String types that take `collation=`.
const COLLATABLE: &[&str] =
    &["String", "VARCHAR", "Unicode", "NVARCHAR", "CHAR", "NCHAR", "Text", "TEXT", "UnicodeText", "CLOB", "AutoString"];

/// `name(*args, **kwargs)` → the type; a string type's `collation=` is SQLite's
/// `VARCHAR(250) COLLATE name` (the name quoted as an identifier), as SQLAlchemy writes it.
pub fn make_type(name: &str, args: Vec<Value>, mut kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<SqlType, EvalError> {
    let collation = match kwargs.iter().position(|(k, _)| k == "collation") {
        Some(i) if COLLATABLE.contains(&name) => Some(kwargs.remove(i).1).filter(|v| !matches!(v, Value::None)),
        _ => None,
    };
    let base = make_base_type(name, args, kwargs, cx)?;
    Ok(match collation {
        Some(c) => SqlType::Custom(format!("{} COLLATE {}", base.compile(), sqlschema::quoting::quote(&super::args::name_of(&c, cx)?))),
        None => base,
    })
}

fn make_base_type(name: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<SqlType, EvalError> {
    let len_type = |make: fn(Option<u32>) -> SqlType, args: Vec<Value>, kwargs: Vec<(String, Value)>| {
        let b = bind(name, &["length"], false, args, kwargs, cx)?;
        b.no_extra(&[], cx)?;
        Ok(make(u32_arg(b.get("length"), cx)?))
    };
    let sized = |word: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>| -> Result<SqlType, EvalError> {
        let b = bind(name, &["length"], false, args, kwargs, cx)?;
        Ok(SqlType::Custom(match u32_arg(b.get("length"), cx)? {
            Some(n) => format!("{word}({n})"),
            None => word.to_string(),
        }))
    };
    let tz = |args: Vec<Value>, kwargs: Vec<(String, Value)>| -> Result<bool, EvalError> {
        Ok(bind(name, &["timezone"], false, args, kwargs, cx)?.flag("timezone", false))
    };
    Ok(match name {
        t if UNRENDERABLE.contains(&t) => SqlType::Unrenderable(t.to_string()),
        "INTERVAL" => SqlType::Unrenderable("INTERVAL".into()),
        "JSONB" => SqlType::Custom("JSONB".into()),
        // sqlmodel's String subclass: VARCHAR on SQLite.
        "AutoString" => len_type(SqlType::String, args, kwargs)?,
        "Integer" | "INTEGER" | "INT" => SqlType::Integer,
        "BigInteger" | "BIGINT" => SqlType::BigInteger,
        "SmallInteger" | "SMALLINT" => SqlType::SmallInteger,
        "String" | "VARCHAR" => len_type(SqlType::String, args, kwargs)?,
        "Unicode" => len_type(SqlType::Unicode, args, kwargs)?,
        "NVARCHAR" | "CHAR" | "NCHAR" => sized(name, args, kwargs)?,
        "Text" | "TEXT" => SqlType::Text,
        "UnicodeText" => SqlType::UnicodeText,
        "CLOB" => SqlType::Custom("CLOB".into()),
        "Boolean" | "BOOLEAN" => {
            let b = bind(name, &["create_constraint", "name"], false, args, kwargs, cx)?;
            SqlType::Boolean { create_constraint: b.flag("create_constraint", false), name: b.opt_str("name", cx)? }
        }
        "DateTime" | "DATETIME" => SqlType::DateTime { timezone: tz(args, kwargs)? },
        "TIMESTAMP" => SqlType::Timestamp { timezone: tz(args, kwargs)? },
        "Date" | "DATE" => SqlType::Date,
        "Time" | "TIME" => {
            tz(args, kwargs)?;
            SqlType::Time
        }
        "Float" | "FLOAT" => {
            let b = bind(name, &["precision", "asdecimal", "decimal_return_scale"], false, args, kwargs, cx)?;
            SqlType::Float { precision: u32_arg(b.get("precision"), cx)? }
        }
        "REAL" => SqlType::Custom("REAL".into()),
        "Double" | "DOUBLE" => SqlType::Double,
        "DOUBLE_PRECISION" => SqlType::Custom("DOUBLE PRECISION".into()),
        "Numeric" | "NUMERIC" | "DECIMAL" => {
            let b = bind(name, &["precision", "scale", "asdecimal", "decimal_return_scale"], false, args, kwargs, cx)?;
            let (precision, scale) = (u32_arg(b.get("precision"), cx)?, u32_arg(b.get("scale"), cx)?);
            if name == "DECIMAL" {
                SqlType::Custom(match (precision, scale) {
                    (None, _) => "DECIMAL".into(),
                    (Some(p), None) => format!("DECIMAL({p})"),
                    (Some(p), Some(s)) => format!("DECIMAL({p}, {s})"),
                })
            } else {
                SqlType::Numeric { precision, scale }
            }
        }
        "LargeBinary" | "BLOB" | "PickleType" => SqlType::LargeBinary,
        "JSON" => SqlType::Json,
        "Uuid" => SqlType::Uuid,
        "UUID" => SqlType::Custom("UUID".into()),
        // Non-native on SQLite: stored as a DATETIME (epoch + delta).
        "Interval" => SqlType::DateTime { timezone: false },
        "Enum" => {
            let b = bind(name, &[], true, args, kwargs, cx)?;
            let mut values = Vec::new();
            // SQLAlchemy names the type after a Python enumeration: its class name, lowercased.
            let mut class_name = None;
            for v in &b.rest {
                match v {
                    Value::Str(s) => values.push(s.to_string()),
                    // A Python enumeration: its members' names, as SQLAlchemy stores them.
                    Value::Class(c) => match pylite::eval::enum_members(c) {
                        Some(members) => {
                            values.extend(members.into_iter().map(|(name, _)| name.to_string()));
                            class_name = Some(c.name.to_lowercase());
                        }
                        None => return Err(super::unsupported(cx, &format!("Enum() of the class {}", c.qualname))),
                    },
                    _ => return Err(super::unsupported(cx, "Enum() of a Python enum class")),
                }
            }
            let mut name_kw = None;
            let (mut create_constraint, mut length) = (false, None);
            for (k, v) in &b.extra {
                match k.as_str() {
                    "name" => name_kw = super::args::name_of(v, cx).ok(),
                    "create_constraint" => create_constraint = v.truthy(),
                    "length" => length = u32_arg(Some(v), cx)?,
                    "native_enum" | "validate_strings" | "inherit_schema" | "schema" | "metadata" => {}
                    _ => return Err(super::unsupported(cx, &format!("Enum({k}=...)"))),
                }
            }
            SqlType::Enum { values, name: name_kw.or(class_name), create_constraint, length }
        }
        _ => return Err(super::unsupported(cx, &format!("sqlalchemy.{name}"))),
    })
}
