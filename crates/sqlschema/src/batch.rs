//! The statements of Alembic's batch "move and copy" on SQLite: create
//! `_alembic_tmp_<t>`, copy rows, drop the original, rename, recreate indexes.

use crate::ddl::{create_index, create_table, drop_table};
use crate::quoting::quote;
use crate::schema::Table;
use crate::types::Affinity;
use crate::{alter, CompileError, SqlType};

/// Where a column of the new table gets its data from in the copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    /// Column name in the new table.
    pub target: String,
    /// Column name in the old table.
    pub source: String,
    /// `Some(type)` to copy as `CAST(old.source AS type)`.
    pub cast: Option<SqlType>,
}

impl Transfer {
    /// A transfer for an existing column whose type may have changed: Alembic's
    /// SQLite impl CASTs only when the type affinity differs (never to JSON).
    pub fn new(target: &str, source: &str, old_type: &SqlType, new_type: &SqlType) -> Transfer {
        let cast = (old_type.affinity() != new_type.affinity() && new_type.affinity() != Affinity::Json).then(|| new_type.clone());
        Transfer { target: target.into(), source: source.into(), cast }
    }
}

/// The temporary table's name.
pub fn temp_table_name(table: &str) -> String {
    format!("_alembic_tmp_{table}")
}

/// `INSERT INTO _alembic_tmp_t (a, b) SELECT t.a, t.b \nFROM t`.
pub fn copy_rows(temp: &str, source_table: &str, transfers: &[Transfer]) -> String {
    let src = quote(source_table);
    let targets: Vec<String> = transfers.iter().map(|t| quote(&t.target)).collect();
    let exprs: Vec<String> = transfers
        .iter()
        .map(|t| {
            let col = format!("{src}.{}", quote(&t.source));
            match &t.cast {
                // A CAST is anonymous, so SQLAlchemy labels it with the column name.
                Some(ty) => format!("CAST({col} AS {}) AS {}", ty.compile(), quote(&t.source)),
                None => col,
            }
        })
        .collect();
    format!("INSERT INTO {} ({}) SELECT {} \nFROM {src}", quote(temp), targets.join(", "), exprs.join(", "))
}

/// The whole recreate sequence for `old_name`, whose new shape is `new_table`
/// (its `name` is the final name; indexes are created after the rename).
pub fn recreate(old_name: &str, new_table: &Table, transfers: &[Transfer]) -> Result<Vec<String>, CompileError> {
    let temp = temp_table_name(old_name);
    let mut tmp_table = new_table.clone();
    tmp_table.name = temp.clone();
    tmp_table.indexes.clear();
    for c in &mut tmp_table.columns {
        // Indexes come back after the rename, under the final table name
        // (a unique index must not turn into a UNIQUE constraint meanwhile).
        if c.index {
            c.index = false;
            c.unique = false;
        }
    }
    let mut out = vec![create_table(&tmp_table)?];
    if !transfers.is_empty() {
        out.push(copy_rows(&temp, old_name, transfers));
    }
    out.push(drop_table(old_name));
    out.push(alter::rename_table(&temp, &new_table.name));
    out.extend(new_table.all_indexes().iter().map(create_index));
    Ok(out)
}
