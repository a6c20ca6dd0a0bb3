//! The rehearsal on data: a seed (`--seed FILE.sql`) or a copy of the database.
//!
//! Where the seed goes: the throwaway database starts empty (or as the copy), and the seed is
//! tried there and after each upgrade step, in a savepoint, until it runs without error: it is
//! applied at the first revision where every table and column it names exists. The upgrade
//! then goes on to the heads step by step on those rows (the hazards below are counted on
//! them), and then down to base one revision at a time, measuring what each downgrade
//! destroys. So a seed written for the tables of revision N exercises every revision after N.
//!
//! Hazards: batch move-and-copy of a table that others reference with ON DELETE CASCADE (the
//! rows that `PRAGMA foreign_keys=ON` would delete), NOT NULL added to a table with rows, a
//! unique constraint/index over duplicates, drop_column + add_column in one revision (the
//! values lost). A loss is reported only when rows or values really go.

use engine::env_py::EnvOptions;
use engine::operations::modules::ProjectModules;
use engine::runtime::{Direction, MigrationError};
use engine::script::{Script, ScriptDirectory};
use pylite::ast::Module;

use crate::check::finding::{Finding, Severity};
use crate::check::locate::{self, Shape};
use crate::check::rehearsal::{self, Observation, Throwaway};
use crate::check::rules::{no_way_back, stairway};
use crate::check::schema::{self, plural, Counts, Loss, Schema};
use crate::check::Seed;

fn try_seed(db: &Throwaway, sql: &str) -> Result<(), String> {
    let conn = &db.db.conn;
    conn.execute_batch("SAVEPOINT check_seed").map_err(|e| e.to_string())?;
    match conn.execute_batch(sql) {
        Ok(()) => conn.execute_batch("RELEASE check_seed").map_err(|e| e.to_string()),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK TO check_seed; RELEASE check_seed");
            Err(match e {
                rusqlite::Error::SqliteFailure(_, Some(m)) => m,
                other => other.to_string(),
            })
        }
    }
}

fn read(db: &Throwaway, options: &EnvOptions) -> (Schema, Counts) {
    let schema = Schema::read(&db.db.conn, &options.version_table).unwrap_or_default();
    let counts = Counts::read(&db.db.conn, &schema).unwrap_or_default();
    (schema, counts)
}

pub fn check(
    dir: &ScriptDirectory,
    options: &EnvOptions,
    modules: &ProjectModules,
    seed: Option<&Seed>,
    copy: Option<&[u8]>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let db = match copy {
        Some(bytes) => Throwaway::copy_of(bytes, &options.version_table),
        None => Throwaway::empty(&options.version_table),
    };
    let mut db = match db {
        Ok(db) => db,
        Err(e) => {
            out.push(
                Finding::new("copy-unreadable", Severity::Error, "the database copy cannot be opened", "check sqlalchemy.url").note(e),
            );
            return out;
        }
    };
    let mut seed_error = None;
    let mut seeded = seed.is_none_or(|s| match try_seed(&db, &s.sql) {
        Ok(()) => true,
        Err(e) => {
            seed_error = Some(e);
            false
        }
    });
    let map = dir.map();
    let plan: Vec<String> = match map.upgrade_plan(&db.rows(), "heads") {
        Ok(p) => p.into_iter().map(String::from).collect(),
        Err(_) => return out,
    };
    for id in &plan {
        let Some(script) = dir.script(id) else { continue };
        let module = script.module();
        let (before_schema, before) = read(&db, options);
        let run = rehearsal::step(dir, options, modules, &mut db, id, Direction::Upgrade);
        out.extend(observed(script, &module, "upgrade", &run.seen));
        if let Err(e) = run.result {
            out.push(classify(script, &module, &db, &e));
            return out;
        }
        let (after_schema, after) = read(&db, options);
        for (name, old) in &before_schema.tables {
            let Some(new) = after_schema.tables.get(name) else { continue };
            let gone: Vec<&str> =
                old.columns.iter().filter(|c| !new.columns.iter().any(|n| n.name == c.name)).map(|c| c.name.as_str()).collect();
            let came = new.columns.iter().find(|n| !old.columns.iter().any(|c| c.name == n.name));
            if let (Some(gone), Some(came)) = (gone.first(), came) {
                // Values that went: the dropped column's, unless the new one holds as many (a rename).
                let values = before.values(name, gone);
                let dropped = locate::find_call(&module, "upgrade", &["drop_column"], &[gone]).is_some();
                if dropped && values > 0 && after.values(name, &came.name) < values {
                    let mut f = stairway::drop_add(script, &module, name, gone, &came.name);
                    f.severity = Severity::Error;
                    out.push(f.note(format!("on the rehearsal's data: {values} value{} of {name}.{gone} lost", plural(values))));
                }
            }
        }
        if !seeded {
            if let Some(s) = seed {
                match try_seed(&db, &s.sql) {
                    Ok(()) => seeded = true,
                    Err(e) => seed_error = Some(e),
                }
            }
        }
    }
    if let (false, Some(s)) = (seeded, seed) {
        out.push(
            Finding::new(
                "seed-not-applied",
                Severity::Error,
                format!("the seed {} runs at no revision from base to the heads", s.name),
                "write the seed for the tables of one revision (it is applied at the first revision where it runs)",
            )
            .note(format!("last error: {}", seed_error.unwrap_or_default())),
        );
        return out;
    }
    let down: Vec<String> = match map.downgrade_plan(&db.rows(), "base") {
        Ok(p) => p.into_iter().map(String::from).collect(),
        Err(_) => return out,
    };
    for id in &down {
        let Some(script) = dir.script(id) else { continue };
        let module = script.module();
        if no_way_back::shape(&module) == Shape::Raises {
            break;
        }
        let (before_schema, before) = read(&db, options);
        let run = rehearsal::step(dir, options, modules, &mut db, id, Direction::Downgrade);
        out.extend(observed(script, &module, "downgrade", &run.seen));
        if let Err(e) = run.result {
            out.push(
                Finding::new(
                    "downgrade-fails",
                    Severity::Error,
                    "downgrade() fails on the rehearsal's data",
                    "make downgrade() work on existing rows (fill or drop what blocks it), or raise NotImplementedError(\"why\")",
                )
                .revision(id)
                .note(e.to_string())
                .at(stairway::failure_location(&e, "fails here")),
            );
            break;
        }
        let (after_schema, after) = read(&db, options);
        let losses = schema::losses(&before_schema, &before, &after_schema, &after);
        if let Some(first) = losses.first() {
            let at = match first {
                Loss::Table { table, .. } => locate::call(script, &module, "downgrade", &["drop_table"], &[table], "destroys data"),
                Loss::Column { column, .. } => locate::call(script, &module, "downgrade", &["drop_column"], &[column], "destroys data"),
                Loss::Rows { .. } => locate::function(script, &module, "downgrade", "destroys data"),
            };
            let mut f = Finding::new(
                "downgrade-loses-data",
                Severity::Warning,
                "downgrade() destroys data that the rehearsal had",
                "keep a backup before downgrading, or copy the data somewhere downgrade() can restore it from; if there is no way back, raise NotImplementedError(\"why\")",
            )
            .revision(id)
            .at(at);
            for l in &losses {
                f = f.note(l.describe());
            }
            out.push(f);
        }
    }
    out
}

/// Findings from what the statements were about to do.
fn observed(script: &Script, module: &Module, function: &str, seen: &[Observation]) -> Vec<Finding> {
    seen.iter()
        .map(|o| match o {
            Observation::BatchCascade { table, children } => {
                let total: i64 = children.iter().map(|c| c.1).sum();
                let mut f = Finding::new(
                    "batch-cascade-delete",
                    Severity::Error,
                    format!(
                        "batch mode recreates {table} (DROP TABLE {table}): with PRAGMA foreign_keys=ON, {total} row{} referencing it ON DELETE CASCADE are deleted",
                        plural(total)
                    ),
                    "run the batch with foreign keys off (PRAGMA foreign_keys=OFF before the migration's transaction), or alter without batch mode",
                )
                .revision(&script.revision)
                .at(locate::call(script, module, function, &["batch_alter_table"], &[table], "recreates the table"));
                for (child, n) in children {
                    f = f.note(format!("{n} row{} of {child}", plural(*n)));
                }
                f
            }
        })
        .collect()
}

/// A table and column named in SQLite's `... constraint failed: t.c` message.
fn failed_column(message: &str, what: &str) -> Option<(String, String)> {
    let rest = &message[message.find(what)? + what.len()..];
    let first = rest.split([',', ' ', ']', '\n']).find(|s| !s.is_empty())?;
    let (t, c) = first.split_once('.')?;
    Some((t.strip_prefix("_alembic_tmp_").unwrap_or(t).to_string(), c.to_string()))
}

fn count(db: &Throwaway, sql: &str) -> i64 {
    db.db.conn.query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

fn q(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An upgrade that failed on the data, named by the hazard when SQLite's error says which.
fn classify(script: &Script, module: &Module, db: &Throwaway, e: &MigrationError) -> Finding {
    if e.message.contains("Cannot add a NOT NULL column") {
        // `ALTER TABLE t ADD COLUMN c ...`: the statement that failed names them.
        let words: Vec<&str> = e.statement.as_deref().unwrap_or("").split_whitespace().collect();
        if let ["ALTER", "TABLE", t, "ADD", "COLUMN", c, ..] = words.as_slice() {
            let (t, c) = (t.trim_matches('"'), c.trim_matches('"'));
            let rows = count(db, &format!("SELECT count(*) FROM {}", q(t)));
            return stairway::not_null(script, module, t, c, Severity::Error).note(format!("{t} has {rows} row{}", plural(rows)));
        }
    }
    if let Some((t, c)) = failed_column(&e.message, "NOT NULL constraint failed: ") {
        let nulls = count(db, &format!("SELECT count(*) FROM {} WHERE {} IS NULL", q(&t), q(&c)));
        let rows = count(db, &format!("SELECT count(*) FROM {}", q(&t)));
        let n = if nulls > 0 { nulls } else { rows };
        return stairway::not_null(script, module, &t, &c, Severity::Error)
            .note(format!("{n} row{} of {t} would hold NULL in {c}", plural(n)))
            .note(e.to_string());
    }
    if let Some((t, c)) = failed_column(&e.message, "UNIQUE constraint failed: ") {
        let groups = count(db, &format!("SELECT count(*) FROM (SELECT 1 FROM {} GROUP BY {} HAVING count(*) > 1)", q(&t), q(&c)));
        let rows =
            count(db, &format!("SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {} GROUP BY {} HAVING n > 1)", q(&t), q(&c)));
        return Finding::new(
            "unique-on-duplicates",
            Severity::Error,
            format!("a unique constraint or index on {t}.{c} meets duplicate values: the upgrade fails"),
            "remove or merge the duplicates first (an UPDATE/DELETE in the same upgrade, before the constraint), then add it",
        )
        .revision(&script.revision)
        .at(locate::call(
            script,
            module,
            "upgrade",
            &["create_unique_constraint", "create_index", "create_unique_index"],
            &[c.as_str()],
            "adds the constraint",
        ))
        .note(format!("{groups} duplicated value{} in {rows} rows of {t}", plural(groups)));
    }
    Finding::new(
        "upgrade-fails-on-data",
        Severity::Error,
        "upgrade() fails on the rehearsal's data",
        "make the upgrade work on existing rows: fill, convert or clean them in the same revision first",
    )
    .revision(&script.revision)
    .note(e.to_string())
    .at(stairway::failure_location(e, "fails here"))
}
