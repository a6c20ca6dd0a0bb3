//! The schema and the data of the throwaway database, read through SQLite's own catalogue
//! (`sqlite_master` and the table/index pragmas), and the differences between two readings.

use std::collections::BTreeMap;

use engine::runtime::applied::APPLIED_TABLE;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub ty: String,
    pub not_null: bool,
    pub default: Option<String>,
    pub pk: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub table: String,
    pub to: Vec<String>,
    pub on_delete: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Unique constraints (SQLite's automatic indexes of origin `u`): their columns.
    pub uniques: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    pub table: String,
    pub columns: Vec<String>,
    pub unique: bool,
}

/// Tables and named indexes, without the version table and the applied record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    pub tables: BTreeMap<String, Table>,
    pub indexes: BTreeMap<String, Index>,
}

/// One difference between two schemas, named by what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// `table`, `column`, `index`, `constraint` or `default`.
    pub kind: &'static str,
    pub text: String,
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn strings(conn: &rusqlite::Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

fn is_internal(name: &str, version_table: &str) -> bool {
    name == version_table || name == APPLIED_TABLE || name.starts_with("sqlite_")
}

impl Schema {
    pub fn read(conn: &rusqlite::Connection, version_table: &str) -> rusqlite::Result<Schema> {
        let mut schema = Schema::default();
        for name in strings(conn, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")? {
            if is_internal(&name, version_table) {
                continue;
            }
            let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", quote(&name)))?;
            let columns = stmt
                .query_map([], |r| {
                    Ok(Column { name: r.get(1)?, ty: r.get(2)?, not_null: r.get::<_, i64>(3)? != 0, default: r.get(4)?, pk: r.get(5)? })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut fks: BTreeMap<i64, ForeignKey> = BTreeMap::new();
            let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list({})", quote(&name)))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let fk = fks.entry(r.get(0)?).or_insert_with(|| ForeignKey {
                    columns: Vec::new(),
                    table: r.get(2).unwrap_or_default(),
                    to: Vec::new(),
                    on_delete: r.get(6).unwrap_or_default(),
                });
                fk.columns.push(r.get(3)?);
                fk.to.push(r.get::<_, Option<String>>(4)?.unwrap_or_default());
            }
            let mut foreign_keys: Vec<ForeignKey> = fks.into_values().collect();
            sorting::sort(&mut foreign_keys);
            let mut uniques = Vec::new();
            let mut stmt = conn.prepare(&format!("PRAGMA index_list({})", quote(&name)))?;
            let list: Vec<(String, bool, String)> =
                stmt.query_map([], |r| Ok((r.get(1)?, r.get::<_, i64>(2)? != 0, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
            for (index, unique, origin) in list {
                let columns = index_columns(conn, &index)?;
                match origin.as_str() {
                    "u" => uniques.push(columns),
                    "c" => {
                        schema.indexes.insert(index, Index { table: name.clone(), columns, unique });
                    }
                    _ => {}
                }
            }
            sorting::sort(&mut uniques);
            schema.tables.insert(name, Table { columns, foreign_keys, uniques });
        }
        Ok(schema)
    }

    /// What `after` has that `self` has not, and the reverse, named by kind.
    pub fn diff(&self, after: &Schema) -> Vec<Difference> {
        let mut out = Vec::new();
        let mut push = |kind, text: String| out.push(Difference { kind, text });
        for (name, before) in &self.tables {
            let Some(now) = after.tables.get(name) else {
                push("table", format!("table {name} is gone"));
                continue;
            };
            for c in &before.columns {
                match now.columns.iter().find(|n| n.name == c.name) {
                    None => push("column", format!("column {name}.{} is gone", c.name)),
                    Some(n) => {
                        if n.ty != c.ty || n.not_null != c.not_null || n.pk != c.pk {
                            push("column", format!("column {name}.{} changed: {} → {}", c.name, describe(c), describe(n)));
                        }
                        if n.default != c.default {
                            let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
                            push("default", format!("default of {name}.{} changed: {} → {}", c.name, show(&c.default), show(&n.default)));
                        }
                    }
                }
            }
            for n in &now.columns {
                if !before.columns.iter().any(|c| c.name == n.name) {
                    push("column", format!("column {name}.{} was added", n.name));
                }
            }
            for fk in &before.foreign_keys {
                if !now.foreign_keys.contains(fk) {
                    push("constraint", format!("foreign key {name}({}) → {} is gone", fk.columns.join(", "), fk.table));
                }
            }
            for fk in &now.foreign_keys {
                if !before.foreign_keys.contains(fk) {
                    push("constraint", format!("foreign key {name}({}) → {} was added", fk.columns.join(", "), fk.table));
                }
            }
            for u in &before.uniques {
                if !now.uniques.contains(u) {
                    push("constraint", format!("unique constraint on {name}({}) is gone", u.join(", ")));
                }
            }
            for u in &now.uniques {
                if !before.uniques.contains(u) {
                    push("constraint", format!("unique constraint on {name}({}) was added", u.join(", ")));
                }
            }
        }
        for name in after.tables.keys() {
            if !self.tables.contains_key(name) {
                push("table", format!("table {name} was added"));
            }
        }
        for (name, index) in &self.indexes {
            match after.indexes.get(name) {
                None => push("index", format!("index {name} on {} is gone", index.table)),
                Some(n) if n != index => push("index", format!("index {name} changed")),
                Some(_) => {}
            }
        }
        for (name, index) in &after.indexes {
            if !self.indexes.contains_key(name) {
                push("index", format!("index {name} on {} was added", index.table));
            }
        }
        out
    }
}

fn describe(c: &Column) -> String {
    format!("{}{}", if c.ty.is_empty() { "(no type)" } else { &c.ty }, if c.not_null { " NOT NULL" } else { "" })
}

fn index_columns(conn: &rusqlite::Connection, index: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA index_info({})", quote(index)))?;
    let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(2))?;
    rows.map(|r| r.map(Option::unwrap_or_default)).collect()
}

/// Rows per table and non-NULL values per column: what a step could destroy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tables: BTreeMap<String, TableCounts>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableCounts {
    pub rows: i64,
    pub values: BTreeMap<String, i64>,
}

impl Counts {
    /// One scan per table: `count(*)` and `count(column)` for every column.
    pub fn read(conn: &rusqlite::Connection, schema: &Schema) -> rusqlite::Result<Counts> {
        let mut counts = Counts::default();
        for (name, table) in &schema.tables {
            let mut select = vec!["count(*)".to_string()];
            select.extend(table.columns.iter().map(|c| format!("count({})", quote(&c.name))));
            let sql = format!("SELECT {} FROM {}", select.join(", "), quote(name));
            let row: Vec<i64> = conn.query_row(&sql, [], |r| (0..select.len()).map(|i| r.get(i)).collect())?;
            let values = table.columns.iter().zip(&row[1..]).map(|(c, n)| (c.name.clone(), *n)).collect();
            counts.tables.insert(name.clone(), TableCounts { rows: row[0], values });
        }
        Ok(counts)
    }

    pub fn rows(&self, table: &str) -> i64 {
        self.tables.get(table).map_or(0, |t| t.rows)
    }

    pub fn values(&self, table: &str, column: &str) -> i64 {
        self.tables.get(table).and_then(|t| t.values.get(column)).copied().unwrap_or(0)
    }
}

/// What a step destroyed, from the counts before it and the schema and counts after it. Only
/// real losses: a dropped table or column that held something, or rows that went.
pub fn losses(before_schema: &Schema, before: &Counts, after_schema: &Schema, after: &Counts) -> Vec<Loss> {
    let mut out = Vec::new();
    for (name, table) in &before_schema.tables {
        let rows = before.rows(name);
        match after_schema.tables.get(name) {
            None if rows > 0 => out.push(Loss::Table { table: name.clone(), rows }),
            None => {}
            Some(now) => {
                // A column that appeared holding at least as many values: a rename, not a loss.
                let renamed_to = |values: i64| {
                    now.columns.iter().any(|n| !table.columns.iter().any(|c| c.name == n.name) && after.values(name, &n.name) >= values)
                };
                for c in &table.columns {
                    let values = before.values(name, &c.name);
                    if values > 0 && !now.columns.iter().any(|n| n.name == c.name) && !renamed_to(values) {
                        out.push(Loss::Column { table: name.clone(), column: c.name.clone(), values });
                    }
                }
                let gone = rows - after.rows(name);
                if gone > 0 {
                    out.push(Loss::Rows { table: name.clone(), rows: gone, of: rows });
                }
            }
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loss {
    Table { table: String, rows: i64 },
    Column { table: String, column: String, values: i64 },
    Rows { table: String, rows: i64, of: i64 },
}

impl Loss {
    pub fn describe(&self) -> String {
        match self {
            Loss::Table { table, rows } => format!("drops table {table} with {rows} row{}", plural(*rows)),
            Loss::Column { table, column, values } => {
                format!("drops column {table}.{column} with {values} non-NULL value{}", plural(*values))
            }
            Loss::Rows { table, rows, of } => format!("deletes {rows} of {of} row{} of {table}", plural(*of)),
        }
    }

    pub fn table(&self) -> &str {
        match self {
            Loss::Table { table, .. } | Loss::Column { table, .. } | Loss::Rows { table, .. } => table,
        }
    }
}

pub fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
