//! Upgrade base → heads, then the stairway: every revision up → down → up on an empty
//! database, the downgrade leaving the schema exactly as it was before the upgrade.

use engine::command::{CommandError, Environment};
use engine::env_py::EnvOptions;
use engine::operations::modules::ProjectModules;
use engine::runtime::{Direction, MigrationError};
use engine::script::{Script, ScriptDirectory};
use pylite::ast::Module;

use crate::check::finding::{Finding, Location, Severity};
use crate::check::locate::{self, Shape};
use crate::check::rehearsal::{self, Throwaway};
use crate::check::rules::no_way_back;
use crate::check::schema::Schema;

/// Where a migration failed, as a finding's location.
pub fn failure_location(e: &MigrationError, label: &str) -> Option<Location> {
    e.location.as_deref().map(|(file, _, span)| Location { file: file.clone(), span: *span, label: label.to_string() })
}

pub fn check(dir: &ScriptDirectory, options: &EnvOptions, modules: &ProjectModules, order: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    let Ok(mut db) = Throwaway::empty(&options.version_table) else { return out };
    let mut runner = engine::operations::Runner::new(modules.clone());
    let mut env = Environment { dir, options, db: &mut db, runner: &mut runner, record_applied_at: None };
    if let Err(e) = engine::command::upgrade(&mut env, "heads", false) {
        let mut f = Finding::new(
            "upgrade-fails",
            Severity::Error,
            "`upgrade heads` fails on an empty database",
            "fix the failing operation; `alembic-playground upgrade heads` on a scratch database shows the same error",
        );
        match &e {
            CommandError::Migration(m, _) => {
                f = f.note(m.to_string()).at(failure_location(m, "fails here"));
            }
            other => f = f.note(other.to_string()),
        }
        out.push(f);
    }
    out.extend(stairway(dir, options, modules, order));
    out
}

fn read(db: &Throwaway, options: &EnvOptions) -> Schema {
    Schema::read(&db.db.conn, &options.version_table).unwrap_or_default()
}

fn stairway(dir: &ScriptDirectory, options: &EnvOptions, modules: &ProjectModules, order: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    let Ok(mut db) = Throwaway::empty(&options.version_table) else { return out };
    for id in order {
        let Some(script) = dir.script(id) else { continue };
        let module = script.module();
        let before = read(&db, options);
        let up = rehearsal::step(dir, options, modules, &mut db, id, Direction::Upgrade);
        if up.result.is_err() {
            // `upgrade-fails` has said it; nothing above this revision can be rehearsed.
            break;
        }
        let after_up = read(&db, options);
        out.extend(schema_hazards(script, &module, &before, &after_up));
        let Ok(snapshot) = db.snapshot() else { break };
        let shape = no_way_back::shape(&module);
        if let Some(f) = no_way_back::finding(script, &module, shape) {
            out.push(f);
        }
        if shape == Shape::Empty {
            continue;
        }
        let down = rehearsal::step(dir, options, modules, &mut db, id, Direction::Downgrade);
        if let Err(e) = down.result {
            if shape != Shape::Raises {
                out.push(
                    Finding::new(
                        "downgrade-fails",
                        Severity::Error,
                        "downgrade() fails right after its upgrade",
                        "make downgrade() undo exactly what upgrade() did, in reverse order; or raise NotImplementedError(\"why\")",
                    )
                    .revision(id)
                    .note(e.to_string())
                    .at(failure_location(&e, "fails here").or_else(|| locate::function(script, &module, "downgrade", "this downgrade"))),
                );
            }
            if db.restore(&snapshot).is_err() {
                break;
            }
            continue;
        }
        let after_down = read(&db, options);
        let trace = before.diff(&after_down);
        if !trace.is_empty() {
            let mut f = Finding::new(
                "downgrade-leaves-trace",
                Severity::Error,
                "the schema after downgrade() differs from the schema before upgrade()",
                "make downgrade() undo every change of upgrade(): drop what it created, restore what it dropped or altered",
            )
            .revision(id)
            .at(locate::function(script, &module, "downgrade", "this downgrade"));
            for d in trace {
                f = f.note(format!("{}: {}", d.kind, d.text));
            }
            out.push(f);
        }
        let again = rehearsal::step(dir, options, modules, &mut db, id, Direction::Upgrade);
        if let Err(e) = again.result {
            out.push(
                Finding::new(
                    "reupgrade-fails",
                    Severity::Error,
                    "upgrade() fails after upgrade() → downgrade(): the downgrade left something behind",
                    "make downgrade() drop everything upgrade() creates (tables, indexes, constraints)",
                )
                .revision(id)
                .note(e.to_string())
                .at(failure_location(&e, "fails here the second time")),
            );
        }
        if db.restore(&snapshot).is_err() {
            break;
        }
    }
    out
}

/// Hazards visible in the schema an upgrade leaves, before any data.
fn schema_hazards(script: &Script, module: &Module, before: &Schema, after: &Schema) -> Vec<Finding> {
    let mut out = Vec::new();
    for (name, old) in &before.tables {
        let Some(new) = after.tables.get(name) else { continue };
        let dropped: Vec<&str> =
            old.columns.iter().filter(|c| !new.columns.iter().any(|n| n.name == c.name)).map(|c| c.name.as_str()).collect();
        let added: Vec<&crate::check::schema::Column> =
            new.columns.iter().filter(|n| !old.columns.iter().any(|c| c.name == n.name)).collect();
        // A rename looks the same in the schema; only a real `drop_column` call loses values.
        let gone = dropped.iter().find(|c| locate::find_call(module, "upgrade", &["drop_column"], &[c]).is_some());
        if let (Some(gone), Some(came)) = (gone, added.first()) {
            out.push(drop_add(script, module, name, gone, &came.name));
        }
        for c in added {
            if c.not_null && c.default.is_none() && c.pk == 0 {
                out.push(not_null(script, module, name, &c.name, Severity::Warning));
            }
        }
    }
    out
}

pub fn drop_add(script: &Script, module: &Module, table: &str, gone: &str, came: &str) -> Finding {
    Finding::new(
        "drop-add-column",
        Severity::Warning,
        format!("upgrade() drops {table}.{gone} and adds {table}.{came}: if this is a rename, every value is lost"),
        format!(
            "rename in place: op.alter_column(\"{table}\", \"{gone}\", new_column_name=\"{came}\") (batch_op.alter_column in batch mode)"
        ),
    )
    .revision(&script.revision)
    .at(locate::call(script, module, "upgrade", &["drop_column"], &[gone], "drops the column"))
}

pub fn not_null(script: &Script, module: &Module, table: &str, column: &str, severity: Severity) -> Finding {
    let message = match severity {
        Severity::Error => format!("{table}.{column} is added NOT NULL without a server default to a table with rows: the upgrade fails"),
        _ => format!("{table}.{column} is added NOT NULL without a server default: the upgrade fails once {table} has rows"),
    };
    Finding::new(
        "not-null-without-default",
        severity,
        message,
        "add it with server_default=..., or nullable, fill it with an UPDATE, then make it NOT NULL (batch_op.alter_column(nullable=False))",
    )
    .revision(&script.revision)
    .at(locate::call(script, module, "upgrade", &["add_column", "alter_column"], &[column], "adds the column"))
}
