//! SQLAlchemy Core's expression language as SQLite's compiler writes it: column
//! expressions (`t.c.id == 5`, `and_`, `in_`, `func.count()`, `case`, `cast`, ...) and the
//! `select`/`insert`/`update`/`delete` statements built from them.
//!
//! A statement compiles to SQL text plus its bound parameters in order (`?` online), or to
//! text with every value rendered inline (`literal_binds`, Alembic's `--sql`).

use crate::literal::Value;
use crate::quoting::quote;
use crate::{CompileError, SqlType};

/// A column expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `t.c.name` (with its table) or a bare `column("name")`.
    Column {
        table: Option<String>,
        name: String,
        type_: SqlType,
    },
    /// A Python value bound as a parameter, typed by what it is compared with.
    Param {
        value: Value,
        type_: Option<SqlType>,
    },
    /// `bindparam("name")`: its value comes with the execution's parameters.
    Named {
        name: String,
        value: Option<Value>,
    },
    /// `null()`, `true()`, `false()`; SQLite has no boolean literals: `1`/`0`.
    Null,
    Bool(bool),
    /// `text(...)` / `literal_column(...)`: written as given.
    Raw(String),
    Binary {
        left: Box<Expr>,
        op: BinaryOp,
        right: Box<Expr>,
    },
    /// `a IN (...)` / `(a NOT IN (...))`.
    In {
        expr: Box<Expr>,
        items: InItems,
        negate: bool,
    },
    /// `a BETWEEN x AND y`.
    Between {
        expr: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
    },
    /// `and_(...)` (`true`) or `or_(...)` (`false`).
    Clauses {
        and: bool,
        items: Vec<Expr>,
    },
    /// `not_(...)` / `~x` of what has no negated operator.
    Not(Box<Expr>),
    Func {
        name: String,
        args: Vec<Expr>,
    },
    Label {
        expr: Box<Expr>,
        name: String,
    },
    Cast {
        expr: Box<Expr>,
        type_: SqlType,
    },
    Case {
        whens: Vec<(Expr, Expr)>,
        else_: Option<Box<Expr>>,
    },
    /// `x.desc()` / `x.asc()` in ORDER BY.
    Order {
        expr: Box<Expr>,
        desc: bool,
    },
    /// `select(...).scalar_subquery()` or a select used as a value.
    Subquery(Box<Select>),
    /// Parenthesised as SQLAlchemy groups it (`col.contains(x)`).
    Group(Box<Expr>),
    /// `col.contains(x)` / `startswith` / `endswith`: `col LIKE '%' || ? || '%'`.
    Affix {
        expr: Box<Expr>,
        value: Box<Expr>,
        before: bool,
        after: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum InItems {
    Values(Vec<Expr>),
    Select(Box<Select>),
}

/// A binary operator: its SQL text and SQLAlchemy's precedence (`operators._PRECEDENCE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    IsNot,
    Like,
    NotLike,
    ILike,
    NotILike,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Concat,
}

impl BinaryOp {
    fn sql(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Eq => "=",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            Is => "IS",
            IsNot => "IS NOT",
            Like | ILike => "LIKE",
            NotLike | NotILike => "NOT LIKE",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Mod => "%",
            Concat => "||",
        }
    }

    fn precedence(self) -> i8 {
        use BinaryOp::*;
        match self {
            Mul | Div | Mod => 8,
            Add | Sub => 7,
            _ => 5,
        }
    }

    fn associative(self) -> bool {
        matches!(self, BinaryOp::Add | BinaryOp::Mul | BinaryOp::Concat)
    }

    /// The operator `not_()` turns this one into, as SQLAlchemy negates comparisons.
    pub fn negated(self) -> Option<BinaryOp> {
        use BinaryOp::*;
        Some(match self {
            Eq => Ne,
            Ne => Eq,
            Lt => Ge,
            Ge => Lt,
            Gt => Le,
            Le => Gt,
            Is => IsNot,
            IsNot => Is,
            Like => NotLike,
            NotLike => Like,
            ILike => NotILike,
            NotILike => ILike,
            _ => return None,
        })
    }
}

const AND: i8 = 3;
const OR: i8 = 2;
const NOT: i8 = 5;

impl Expr {
    /// `left op right`, with `None` compared as SQLAlchemy does (`IS NULL`).
    pub fn compare(left: Expr, op: BinaryOp, right: Expr) -> Expr {
        let op = match (op, &right) {
            (BinaryOp::Eq, Expr::Null) => BinaryOp::Is,
            (BinaryOp::Ne, Expr::Null) => BinaryOp::IsNot,
            _ => op,
        };
        Expr::Binary { left: Box::new(left), op, right: Box::new(right) }
    }

    /// `not_(self)` / `~self`.
    pub fn negate(self) -> Expr {
        match self {
            Expr::Binary { left, op, right } if op.negated().is_some() => Expr::Binary { left, op: op.negated().unwrap(), right },
            Expr::In { expr, items, negate } => Expr::In { expr, items, negate: !negate },
            Expr::Not(e) => *e,
            Expr::Bool(b) => Expr::Bool(!b),
            // A boolean column negated is `col = 0` on SQLite (no native boolean).
            Expr::Column { type_: SqlType::Boolean { .. }, .. } => {
                Expr::Binary { left: Box::new(self), op: BinaryOp::Eq, right: Box::new(Expr::Bool(false)) }
            }
            e => Expr::Not(Box::new(e)),
        }
    }

    /// The declared type, where bound values take theirs from.
    pub fn type_(&self) -> Option<&SqlType> {
        match self {
            Expr::Column { type_, .. } | Expr::Cast { type_, .. } => Some(type_),
            Expr::Label { expr, .. } => expr.type_(),
            _ => None,
        }
    }

    /// The precedence SQLAlchemy groups this expression against its parent by.
    fn precedence(&self) -> Option<(i8, Option<BinaryOp>)> {
        match self {
            Expr::Binary { op, .. } => Some((op.precedence(), Some(*op))),
            Expr::In { .. } | Expr::Between { .. } => Some((5, None)),
            Expr::Clauses { and: true, items } if items.len() > 1 => Some((AND, None)),
            Expr::Clauses { and: false, items } if items.len() > 1 => Some((OR, None)),
            Expr::Not(_) => Some((NOT, None)),
            _ => None,
        }
    }

    /// The name a SELECT gives this column when it is not labelled: its own, or none
    /// (then it is anonymous).
    fn own_name(&self) -> Option<&str> {
        match self {
            Expr::Column { name, .. } => Some(name),
            Expr::Label { name, .. } => Some(name),
            Expr::Cast { expr, .. } => expr.own_name(),
            _ => None,
        }
    }
}

/// `select(...)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Select {
    pub columns: Vec<Expr>,
    /// `select_from(...)`: tables named first.
    pub from: Vec<String>,
    pub where_: Vec<Expr>,
    pub group_by: Vec<Expr>,
    pub having: Vec<Expr>,
    /// `.join(t, on)` / `.outerjoin(t, on)`: joined to the first table of the FROM list.
    pub joins: Vec<Join>,
    pub order_by: Vec<Expr>,
    pub limit: Option<Expr>,
    pub offset: Option<Expr>,
    pub distinct: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    pub table: String,
    pub on: Expr,
    pub outer: bool,
}

/// A table as statements see it: its name and columns in declaration order.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRef {
    pub name: String,
    pub columns: Vec<(String, SqlType)>,
}

impl TableRef {
    pub fn of(t: &crate::Table) -> TableRef {
        TableRef { name: t.name.clone(), columns: t.columns.iter().map(|c| (c.name.clone(), c.type_.clone())).collect() }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Insert {
    pub table: TableRef,
    /// One row per `values(...)`; several are a multi-row VALUES. Empty: every column
    /// bound from the execution's parameters.
    pub rows: Vec<Vec<(String, Expr)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub table: TableRef,
    pub values: Vec<(String, Expr)>,
    pub where_: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    pub table: TableRef,
    pub where_: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    Select(Box<Select>),
    Insert(Insert),
    Update(Update),
    Delete(Delete),
}

/// A compiled statement's placeholder, in order: a value, or a name to look up in the
/// execution's parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Bind {
    Value(Value, Option<SqlType>),
    Named(String, Option<Value>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub sql: String,
    pub binds: Vec<Bind>,
    /// A SELECT's result column names (`count_1`, `anon_1`, labels).
    pub columns: Vec<String>,
}

/// How values are written: `?` placeholders, or inline literals.
struct Compiler {
    literal: bool,
    binds: Vec<Bind>,
    /// Counters of anonymous labels: `count_1`, `anon_1`, ...
    anon: Vec<(String, usize)>,
}

/// A statement's SQL: placeholders and their binds, or (`literal`) values inline.
pub fn compile(statement: &Statement, literal: bool) -> Result<Compiled, CompileError> {
    let mut c = Compiler { literal, binds: Vec::new(), anon: Vec::new() };
    let mut columns = Vec::new();
    let sql = match statement {
        Statement::Insert(i) => c.insert(i)?,
        _ if !cfg!(feature = "core") => return Err(left_out()),
        Statement::Select(s) => c.select(s, Some(&mut columns))?,
        Statement::Update(u) => c.update(u)?,
        Statement::Delete(d) => c.delete(d)?,
    };
    Ok(Compiled { sql, binds: c.binds, columns })
}

impl Compiler {
    fn anon(&mut self, base: &str) -> String {
        let n = match self.anon.iter_mut().find(|(b, _)| b == base) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.anon.push((base.to_string(), 1));
                1
            }
        };
        format!("{base}_{n}")
    }

    fn bind(&mut self, b: Bind) -> Result<String, CompileError> {
        if !self.literal {
            self.binds.push(b);
            return Ok("?".into());
        }
        match b {
            // An untyped column (NullType) has no literal renderer.
            Bind::Value(v, Some(SqlType::Custom(t))) if t == "NULL" && v != Value::Null => Err(CompileError(format!(
                "No literal value renderer is available for literal value \"{}\" with datatype NULL",
                python_repr(&v)
            ))),
            Bind::Value(v, t) => Ok(v.render(t.as_ref())),
            Bind::Named(_, Some(v)) => Ok(v.render(None)),
            Bind::Named(name, None) => Err(CompileError(format!("No literal value renderer is available for literal value \"{name}\""))),
        }
    }

    /// `WHERE ...` after `lead` (a SELECT starts it on a new line, UPDATE/DELETE do not);
    /// several `.where()` calls are joined by AND.
    fn where_clause(&mut self, where_: &[Expr], lead: &str) -> Result<String, CompileError> {
        Ok(match where_ {
            [] => String::new(),
            [one] => format!("{lead}WHERE {}", self.expr(one)?),
            many => format!("{lead}WHERE {}", self.expr(&Expr::Clauses { and: true, items: many.to_vec() })?),
        })
    }

    fn select(&mut self, s: &Select, names: Option<&mut Vec<String>>) -> Result<String, CompileError> {
        let mut cols = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for e in &s.columns {
            let text = self.expr(e)?;
            let (text, name) = match (e, e.own_name()) {
                (Expr::Label { name, .. }, _) => (format!("{text} AS {}", quote(name)), name.clone()),
                (Expr::Column { name, .. }, _) if !seen.contains(name) => (text, name.clone()),
                (Expr::Column { name, .. }, _) => {
                    let n = self.anon(name);
                    (format!("{text} AS {n}"), n)
                }
                (_, Some(name)) => (format!("{text} AS {}", quote(name)), name.to_string()),
                (Expr::Func { name, .. }, None) => {
                    let n = self.anon(&func_base(name));
                    (format!("{text} AS {n}"), n)
                }
                (_, None) => {
                    let n = self.anon("anon");
                    (format!("{text} AS {n}"), n)
                }
            };
            seen.push(name.clone());
            cols.push(text);
        }
        if let Some(out) = names {
            *out = seen;
        }
        let mut froms = s.from.clone();
        for e in s.columns.iter().chain(&s.where_) {
            tables_of(e, &mut froms);
        }
        // A join replaces its table in the FROM list: `a JOIN b ON ...`, then the others.
        froms.retain(|t| !s.joins.iter().any(|j| j.table == *t));
        let mut from_items: Vec<String> = froms.iter().map(|t| quote(t)).collect();
        if !s.joins.is_empty() {
            let Some(first) = from_items.first_mut() else {
                return Err(CompileError("Don't know how to join; please use an explicit select_from()".into()));
            };
            for j in &s.joins {
                let kind = if j.outer { "LEFT OUTER JOIN" } else { "JOIN" };
                first.push_str(&format!(" {kind} {} ON {}", quote(&j.table), self.expr(&j.on)?));
            }
        }
        let mut sql = format!("SELECT {}{}", if s.distinct { "DISTINCT " } else { "" }, cols.join(", "));
        if !from_items.is_empty() {
            sql.push_str(&format!(" \nFROM {}", from_items.join(", ")));
        }
        sql.push_str(&self.where_clause(&s.where_, " \n")?);
        if !s.group_by.is_empty() {
            sql.push_str(&format!(" GROUP BY {}", self.list(&s.group_by)?));
        }
        if !s.having.is_empty() {
            let having = if s.having.len() == 1 { s.having[0].clone() } else { Expr::Clauses { and: true, items: s.having.clone() } };
            sql.push_str(&format!(" \nHAVING {}", self.expr(&having)?));
        }
        if !s.order_by.is_empty() {
            sql.push_str(&format!(" ORDER BY {}", self.list(&s.order_by)?));
        }
        if s.limit.is_some() || s.offset.is_some() {
            let limit = match &s.limit {
                Some(l) => self.expr(l)?,
                // SQLite needs a LIMIT before OFFSET: SQLAlchemy binds -1, and leaves that
                // bind unrendered even with literal binds (Alembic's env.py template asks
                // for the named paramstyle offline).
                None if self.literal => format!(":{}", self.anon("param")),
                None => self.bind(Bind::Value(Value::Int(-1), None))?,
            };
            sql.push_str(&format!("\n LIMIT {limit}"));
            let offset = match &s.offset {
                Some(o) => Some(self.expr(o)?),
                None if s.limit.is_some() => Some(self.bind(Bind::Value(Value::Int(0), None))?),
                None => None,
            };
            if let Some(o) = offset {
                sql.push_str(&format!(" OFFSET {o}"));
            }
        }
        Ok(sql)
    }

    fn insert(&mut self, i: &Insert) -> Result<String, CompileError> {
        let t = &i.table;
        let rows: Vec<Vec<(String, Expr)>> = if i.rows.is_empty() {
            vec![t.columns.iter().map(|(c, _)| (c.clone(), Expr::Named { name: c.clone(), value: None })).collect()]
        } else {
            i.rows.clone()
        };
        let first = ordered(t, &rows[0])?;
        let names: Vec<String> = first.iter().map(|(c, _)| quote(c)).collect();
        let mut values = Vec::new();
        for row in &rows {
            let cols = ordered(t, row)?;
            let mut vals = Vec::new();
            for (name, _) in &first {
                match cols.iter().find(|(c, _)| c == name) {
                    Some((_, e)) => vals.push(self.value(e)?),
                    None => vals.push(self.bind(Bind::Named(name.clone(), None))?),
                }
            }
            values.push(format!("({})", vals.join(", ")));
        }
        Ok(format!("INSERT INTO {} ({}) VALUES {}", quote(&t.name), names.join(", "), values.join(", ")))
    }

    fn update(&mut self, u: &Update) -> Result<String, CompileError> {
        let mut sets = Vec::new();
        for (name, e) in ordered(&u.table, &u.values)? {
            sets.push(format!("{}={}", quote(&name), self.value(&e)?));
        }
        let wh = self.where_clause(&u.where_, " ")?;
        Ok(format!("UPDATE {} SET {}{wh}", quote(&u.table.name), sets.join(", ")))
    }

    fn delete(&mut self, d: &Delete) -> Result<String, CompileError> {
        let wh = self.where_clause(&d.where_, " ")?;
        Ok(format!("DELETE FROM {}{wh}", quote(&d.table.name)))
    }

    /// A value in VALUES or SET: an operation is parenthesised there.
    fn value(&mut self, e: &Expr) -> Result<String, CompileError> {
        let text = self.expr(e)?;
        Ok(if matches!(e, Expr::Binary { .. } | Expr::Clauses { .. }) { format!("({text})") } else { text })
    }

    fn list(&mut self, items: &[Expr]) -> Result<String, CompileError> {
        Ok(items.iter().map(|e| self.expr(e)).collect::<Result<Vec<_>, _>>()?.join(", "))
    }

    /// `e` as an operand of an operator of precedence `against`: grouped when it binds no
    /// tighter (SQLAlchemy's `is_precedent`), unless it is the same associative operator.
    fn operand(&mut self, e: &Expr, against: i8, op: Option<BinaryOp>) -> Result<String, CompileError> {
        let text = self.expr(e)?;
        Ok(match e.precedence() {
            Some((_, Some(child))) if Some(child) == op && child.associative() => text,
            Some((p, _)) if p <= against => format!("({text})"),
            _ => text,
        })
    }

    fn expr(&mut self, e: &Expr) -> Result<String, CompileError> {
        Ok(match e {
            Expr::Column { table: Some(t), name, .. } => format!("{}.{}", quote(t), quote(name)),
            Expr::Column { table: None, name, .. } => quote(name),
            Expr::Param { value, type_ } => self.bind(Bind::Value(value.clone(), type_.clone()))?,
            Expr::Named { name, value } => self.bind(Bind::Named(name.clone(), value.clone()))?,
            Expr::Null => "NULL".into(),
            Expr::Bool(b) => if *b { "1" } else { "0" }.into(),
            Expr::Raw(s) => s.clone(),
            _ if !cfg!(feature = "core") => return Err(left_out()),
            Expr::Binary { left, op, right } => {
                let p = op.precedence();
                let l = self.operand(left, p, Some(*op))?;
                let r = self.operand(right, p, Some(*op))?;
                match op {
                    BinaryOp::ILike | BinaryOp::NotILike => format!("lower({l}) {} lower({r})", op.sql()),
                    _ => format!("{l} {} {r}", op.sql()),
                }
            }
            Expr::In { expr, items, negate } => {
                let l = self.operand(expr, 5, None)?;
                let list = match items {
                    InItems::Values(v) if v.is_empty() => "(SELECT 1 FROM (SELECT 1) WHERE 1!=1)".to_string(),
                    InItems::Values(v) => format!("({})", self.list(v)?),
                    InItems::Select(s) => format!("({})", self.select(s, None)?),
                };
                if *negate {
                    format!("({l} NOT IN {list})")
                } else {
                    format!("{l} IN {list}")
                }
            }
            Expr::Between { expr, low, high } => {
                format!("{} BETWEEN {} AND {}", self.operand(expr, 5, None)?, self.operand(low, 5, None)?, self.operand(high, 5, None)?)
            }
            Expr::Clauses { and, items } => {
                let p = if *and { AND } else { OR };
                let parts = items.iter().map(|i| self.operand(i, p, None)).collect::<Result<Vec<_>, _>>()?;
                parts.join(if *and { " AND " } else { " OR " })
            }
            Expr::Not(inner) => format!("NOT {}", self.operand(inner, NOT, None)?),
            Expr::Func { name, args } => match (name.to_ascii_lowercase().as_str(), args.is_empty()) {
                ("count", true) => "count(*)".into(),
                ("now" | "current_timestamp", _) => "CURRENT_TIMESTAMP".into(),
                ("current_date", _) => "CURRENT_DATE".into(),
                ("current_time", _) => "CURRENT_TIME".into(),
                ("char_length", _) => format!("length({})", self.list(args)?),
                _ => format!("{name}({})", self.list(args)?),
            },
            Expr::Label { expr, .. } => self.expr(expr)?,
            Expr::Cast { expr, type_ } => format!("CAST({} AS {})", self.expr(expr)?, type_.compile()),
            Expr::Case { whens, else_ } => {
                let mut s = String::from("CASE");
                for (cond, then) in whens {
                    s.push_str(&format!(" WHEN ({}) THEN {}", self.expr(cond)?, self.expr(then)?));
                }
                if let Some(e) = else_ {
                    s.push_str(&format!(" ELSE {}", self.expr(e)?));
                }
                s.push_str(" END");
                s
            }
            Expr::Order { expr, desc } => format!("{} {}", self.expr(expr)?, if *desc { "DESC" } else { "ASC" }),
            Expr::Subquery(s) => format!("({})", self.select(s, None)?),
            Expr::Group(e) => format!("({})", self.expr(e)?),
            Expr::Affix { expr, value, before, after } => format!(
                "{} LIKE {}{}{}",
                self.operand(expr, 5, None)?,
                if *before { "'%' || " } else { "" },
                self.expr(value)?,
                if *after { " || '%'" } else { "" }
            ),
        })
    }
}

/// A statement or expression of SQLAlchemy Core in a build without the `core` feature (the
/// page's): the engine refuses Core before building one, so this is a backstop.
fn left_out() -> CompileError {
    CompileError(
        "SQLAlchemy Core statements and expressions are not available in the page; the alembic-playground CLI compiles them".into(),
    )
}

/// The anonymous label base SQLAlchemy gives a function column: its name.
fn func_base(name: &str) -> String {
    name.to_string()
}

/// Tables a SELECT reads, in order of first mention (SQLAlchemy's implicit FROM list).
fn tables_of(e: &Expr, out: &mut Vec<String>) {
    let mut add = |t: &String| {
        if !out.contains(t) {
            out.push(t.clone());
        }
    };
    match e {
        Expr::Column { table: Some(t), .. } => add(t),
        Expr::Binary { left, right, .. } => {
            tables_of(left, out);
            tables_of(right, out);
        }
        Expr::In { expr, items, .. } => {
            tables_of(expr, out);
            if let InItems::Values(v) = items {
                v.iter().for_each(|i| tables_of(i, out));
            }
        }
        Expr::Between { expr, low, high } => [expr, low, high].iter().for_each(|i| tables_of(i, out)),
        Expr::Clauses { items, .. } | Expr::Func { args: items, .. } => items.iter().for_each(|i| tables_of(i, out)),
        Expr::Affix { expr, value, .. } => [expr, value].iter().for_each(|i| tables_of(i, out)),
        Expr::Not(x) | Expr::Group(x) | Expr::Label { expr: x, .. } | Expr::Cast { expr: x, .. } | Expr::Order { expr: x, .. } => {
            tables_of(x, out)
        }
        Expr::Case { whens, else_ } => {
            for (a, b) in whens {
                tables_of(a, out);
                tables_of(b, out);
            }
            if let Some(x) = else_ {
                tables_of(x, out);
            }
        }
        _ => {}
    }
}

/// The columns of `row` in the table's column order, as SQLAlchemy renders an INSERT's
/// or UPDATE's columns; a key that is not a column is SQLAlchemy's error.
fn ordered(t: &TableRef, row: &[(String, Expr)]) -> Result<Vec<(String, Expr)>, CompileError> {
    let unknown: Vec<&str> = row.iter().filter(|(k, _)| !t.columns.iter().any(|(c, _)| c == k)).map(|(k, _)| k.as_str()).collect();
    if !unknown.is_empty() {
        return Err(CompileError(format!("Unconsumed column names: {}", unknown.join(", "))));
    }
    Ok(t.columns.iter().filter_map(|(c, _)| row.iter().find(|(k, _)| k == c).cloned()).collect())
}

/// Python's `repr` of a bound value, for messages.
fn python_repr(v: &Value) -> String {
    match v {
        Value::Str(s) if s.contains('\'') && !s.contains('"') => format!("\"{s}\""),
        Value::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Null => "None".into(),
        other => other.render(None),
    }
}
