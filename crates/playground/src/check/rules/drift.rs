//! Drift: a revision applied to the database (its applied record, `runtime::applied`) whose
//! file has changed since. Only with a copy of the database: the record is in it.

use engine::env_py::EnvOptions;
use engine::runtime::applied::{self, APPLIED_TABLE};
use engine::script::ScriptDirectory;

use crate::check::finding::{Finding, Severity};
use crate::check::locate;
use crate::check::rehearsal::Throwaway;

pub fn check(dir: &ScriptDirectory, options: &EnvOptions, copy: &[u8]) -> Vec<Finding> {
    let Ok(db) = Throwaway::copy_of(copy, &options.version_table) else { return Vec::new() };
    let records = applied::read(&db.db.conn).unwrap_or_default();
    if records.is_empty() {
        return vec![Finding::new(
            "drift-unknown",
            Severity::Note,
            format!("the database keeps no applied record ({APPLIED_TABLE}): edits to applied revisions cannot be seen"),
            "apply revisions with `-x record_applied=true` to keep the record",
        )];
    }
    let mut out = Vec::new();
    for r in records {
        match dir.script(&r.revision) {
            None => out.push(
                Finding::new(
                    "applied-revision-missing",
                    Severity::Error,
                    format!("revision {} is applied to the database but its file is gone", r.revision),
                    "restore the file: without it the database cannot be downgraded past it",
                )
                .revision(&r.revision)
                .note(format!("applied at {}", r.applied_at)),
            ),
            Some(script) if applied::script_sha256(&script.source) != r.script_sha256 => {
                let module = script.module();
                out.push(
                    Finding::new(
                        "applied-script-changed",
                        Severity::Error,
                        format!("revision {} changed after it was applied: the database was not built by this file", r.revision),
                        "revert the edit and put the change in a new revision (`alembic revision -m ...`)",
                    )
                    .revision(&r.revision)
                    .note(format!("applied at {}", r.applied_at))
                    .at(locate::function(script, &module, "upgrade", "applied with a different text")),
                );
            }
            Some(_) => {}
        }
    }
    out
}
