//! SQLAlchemy's generic types and how SQLite's type compiler spells them.

/// A column type, named after SQLAlchemy's type classes.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlType {
    Integer,
    BigInteger,
    SmallInteger,
    /// `String(length)`; no length renders bare `VARCHAR`.
    String(Option<u32>),
    Text,
    Unicode(Option<u32>),
    UnicodeText,
    /// `Boolean(create_constraint=..., name=...)`; SQLAlchemy 2.x defaults the
    /// flag to false, so no `CHECK (b IN (0, 1))` unless asked for.
    Boolean {
        create_constraint: bool,
        name: Option<String>,
    },
    DateTime {
        timezone: bool,
    },
    Timestamp {
        timezone: bool,
    },
    Date,
    Time,
    /// SQLite's compiler drops the precision: always `FLOAT`.
    Float {
        precision: Option<u32>,
    },
    Double,
    Numeric {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    LargeBinary,
    Json,
    /// Non-native on SQLite: `VARCHAR(<longest value>)` plus an optional CHECK.
    Enum {
        values: Vec<String>,
        name: Option<String>,
        create_constraint: bool,
        length: Option<u32>,
    },
    /// `Uuid()` is stored as `CHAR(32)` on SQLite.
    Uuid,
    /// A dialect/uppercase type whose DDL text is given verbatim
    /// (`sqlite.JSON`, `VARCHAR(30)`, reflected types, ...).
    Custom(String),
    /// Another database's type SQLite's type compiler has no rule for (`mysql.LONGTEXT`,
    /// `postgresql.ARRAY`): constructing it works, rendering its DDL is SQLAlchemy's
    /// `UnsupportedCompilationError`.
    Unrenderable(String),
}

/// SQLAlchemy's `_type_affinity`: the generic class a type behaves as. Batch
/// mode CASTs a copied column only when the affinity changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    String,
    Boolean,
    DateTime,
    Date,
    Time,
    Float,
    Numeric,
    LargeBinary,
    Json,
    Uuid,
    Other,
}

impl SqlType {
    /// The DDL text SQLite's type compiler produces for this type.
    pub fn compile(&self) -> String {
        match self {
            SqlType::Integer => "INTEGER".into(),
            SqlType::BigInteger => "BIGINT".into(),
            SqlType::SmallInteger => "SMALLINT".into(),
            SqlType::String(len) | SqlType::Unicode(len) => varchar(*len),
            SqlType::Text | SqlType::UnicodeText => "TEXT".into(),
            SqlType::Boolean { .. } => "BOOLEAN".into(),
            SqlType::DateTime { .. } => "DATETIME".into(),
            SqlType::Timestamp { .. } => "TIMESTAMP".into(),
            SqlType::Date => "DATE".into(),
            SqlType::Time => "TIME".into(),
            SqlType::Float { .. } => "FLOAT".into(),
            SqlType::Double => "DOUBLE".into(),
            SqlType::Numeric { precision: None, .. } => "NUMERIC".into(),
            SqlType::Numeric { precision: Some(p), scale: None } => format!("NUMERIC({p})"),
            SqlType::Numeric { precision: Some(p), scale: Some(s) } => format!("NUMERIC({p}, {s})"),
            SqlType::LargeBinary => "BLOB".into(),
            SqlType::Json => "JSON".into(),
            SqlType::Enum { values, length, .. } => {
                // SQLAlchemy sizes the VARCHAR to the longest value (in characters).
                let longest = values.iter().map(|v| v.chars().count() as u32).max().unwrap_or(0);
                varchar(Some(length.unwrap_or(longest)))
            }
            SqlType::Uuid => "CHAR(32)".into(),
            SqlType::Custom(text) | SqlType::Unrenderable(text) => text.clone(),
        }
    }

    /// SQLite's type compiler's refusal of a type it cannot render, as SQLAlchemy words it.
    pub fn renderable(&self) -> Result<(), String> {
        match self {
            SqlType::Unrenderable(name) => {
                Err(format!("Compiler <sqlalchemy.dialects.sqlite.base.SQLiteTypeCompiler object> can't render element of type {name}"))
            }
            _ => Ok(()),
        }
    }

    /// The generic type this one behaves as (see [`Affinity`]).
    pub fn affinity(&self) -> Affinity {
        match self {
            SqlType::Integer | SqlType::BigInteger | SqlType::SmallInteger => Affinity::Integer,
            // Text and Enum are String subclasses in SQLAlchemy.
            SqlType::String(_) | SqlType::Unicode(_) | SqlType::Enum { .. } => Affinity::String,
            SqlType::Text | SqlType::UnicodeText => Affinity::String,
            SqlType::Boolean { .. } => Affinity::Boolean,
            SqlType::DateTime { .. } | SqlType::Timestamp { .. } => Affinity::DateTime,
            SqlType::Date => Affinity::Date,
            SqlType::Time => Affinity::Time,
            SqlType::Float { .. } | SqlType::Double => Affinity::Float,
            SqlType::Numeric { .. } => Affinity::Numeric,
            SqlType::LargeBinary => Affinity::LargeBinary,
            SqlType::Json => Affinity::Json,
            SqlType::Uuid => Affinity::Uuid,
            SqlType::Custom(text) => custom_affinity(text),
            SqlType::Unrenderable(_) => Affinity::Other,
        }
    }

    /// The CHECK text a type contributes when `create_constraint` is set
    /// (Boolean and Enum only), with the column name already quoted.
    pub(crate) fn type_check(&self, quoted_col: &str) -> Option<(Option<String>, String)> {
        match self {
            SqlType::Boolean { create_constraint: true, name } => Some((name.clone(), format!("{quoted_col} IN (0, 1)"))),
            SqlType::Enum { values, name, create_constraint: true, .. } => {
                let list: Vec<String> = values.iter().map(|v| crate::literal::quote_string(v)).collect();
                Some((name.clone(), format!("{quoted_col} IN ({})", list.join(", "))))
            }
            _ => None,
        }
    }
}

fn varchar(len: Option<u32>) -> String {
    match len {
        Some(n) => format!("VARCHAR({n})"),
        None => "VARCHAR".into(),
    }
}

/// Affinity of a verbatim type text, via the SQLAlchemy class its leading
/// word names (as SQLite reflection would resolve it).
fn custom_affinity(text: &str) -> Affinity {
    let word: String = text.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>().to_ascii_uppercase();
    match word.as_str() {
        "INTEGER" | "INT" | "BIGINT" | "SMALLINT" => Affinity::Integer,
        "VARCHAR" | "NVARCHAR" | "CHAR" | "NCHAR" | "TEXT" | "CLOB" => Affinity::String,
        "BOOLEAN" | "BOOL" => Affinity::Boolean,
        "DATETIME" | "TIMESTAMP" => Affinity::DateTime,
        "DATE" => Affinity::Date,
        "TIME" => Affinity::Time,
        "FLOAT" | "REAL" | "DOUBLE" => Affinity::Float,
        "NUMERIC" | "DECIMAL" => Affinity::Numeric,
        "BLOB" => Affinity::LargeBinary,
        "JSON" => Affinity::Json,
        _ => Affinity::Other,
    }
}
