//! What was applied, kept beside `alembic_version` and never inside it, so the database stays
//! usable by real Alembic: one row per applied revision with the SHA-256 of its script text
//! and when it ran. It is the evidence for drift warnings (an applied script edited later).

use sha2::{Digest, Sha256};

use super::sink::{SqlSink, SqlValue};
use crate::database::DatabaseError;

/// The table's name; its `script_sha256` column holds the lowercase hex SHA-256 of the
/// revision file's full text (UTF-8) at the time it was applied.
pub const APPLIED_TABLE: &str = "alembic_playground_applied";

/// The record's time format: `YYYY-MM-DDTHH:MM:SSZ` (or `...SS.mmmZ`) in UTC for Unix
/// milliseconds. The caller reads the clock; this only formats.
pub use calendar::utc_iso;

/// A row of the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedRecord {
    pub revision: String,
    pub script_sha256: String,
    pub applied_at: String,
}

/// Lowercase hex SHA-256 of a script's text.
pub fn script_sha256(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Not `format!` per byte: the page hashes every applied file after each command.
    Sha256::digest(text.as_bytes()).iter().flat_map(|b| [HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]).collect()
}

fn ensure(sink: &mut dyn SqlSink) -> Result<(), DatabaseError> {
    sink.execute_quiet(
        &format!(
            "CREATE TABLE IF NOT EXISTS {APPLIED_TABLE} (revision VARCHAR(32) NOT NULL PRIMARY KEY, \
             script_sha256 CHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL)"
        ),
        &[],
    )
}

/// Records `revision` as applied from `text` at `applied_at` (in the migration's transaction).
pub fn record(sink: &mut dyn SqlSink, revision: &str, text: &str, applied_at: &str) -> Result<(), DatabaseError> {
    ensure(sink)?;
    sink.execute_quiet(
        &format!("INSERT OR REPLACE INTO {APPLIED_TABLE} (revision, script_sha256, applied_at) VALUES (?1, ?2, ?3)"),
        &[SqlValue::Text(revision.into()), SqlValue::Text(script_sha256(text)), SqlValue::Text(applied_at.into())],
    )
}

/// Forgets `revision` after its downgrade.
pub fn forget(sink: &mut dyn SqlSink, revision: &str) -> Result<(), DatabaseError> {
    ensure(sink)?;
    sink.execute_quiet(&format!("DELETE FROM {APPLIED_TABLE} WHERE revision = ?1"), &[SqlValue::Text(revision.into())])
}

/// Every record, by revision; empty when the table does not exist.
pub fn read(conn: &rusqlite::Connection) -> Result<Vec<AppliedRecord>, DatabaseError> {
    let exists: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [APPLIED_TABLE], |r| r.get(0))?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(&format!("SELECT revision, script_sha256, applied_at FROM {APPLIED_TABLE} ORDER BY revision"))?;
    let rows = stmt.query_map([], |r| Ok(AppliedRecord { revision: r.get(0)?, script_sha256: r.get(1)?, applied_at: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(script_sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
