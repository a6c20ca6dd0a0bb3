//! Offline: every revision renders as `--sql` would, up (and down, when its downgrade does
//! something). Those that need a live database — reflection, batch mode without `copy_from`,
//! reading rows — are named with the engine's own message.

use engine::env_py::EnvOptions;
use engine::operations::modules::ProjectModules;
use engine::runtime::Direction;
use engine::script::ScriptDirectory;

use crate::check::finding::{Finding, Severity};
use crate::check::locate::Shape;
use crate::check::rules::{no_way_back, stairway};

pub fn check(dir: &ScriptDirectory, options: &EnvOptions, modules: &ProjectModules, order: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    for id in order {
        let Some(script) = dir.script(id) else { continue };
        let module = script.module();
        let mut directions = vec![Direction::Upgrade];
        if no_way_back::shape(&module) == Shape::Other {
            directions.push(Direction::Downgrade);
        }
        for direction in directions {
            if let Err(e) = crate::check::rehearsal::offline(dir, options, modules, id, direction) {
                let name = direction.function_name();
                // Why, from the syntax tree (engine::analysis); the engine's message is the note.
                let analysis = engine::analysis::analyse_module(&module, script.down_revisions.len() >= 2);
                let report = if direction == Direction::Upgrade { &analysis.upgrade } else { &analysis.downgrade };
                let why = if report.inspects_database() {
                    ": it inspects the database"
                } else if report.batch_without_copy_from() {
                    ": batch mode without copy_from reflects the table"
                } else {
                    ""
                };
                out.push(
                    Finding::new(
                        "offline-fails",
                        Severity::Warning,
                        format!("{name}() does not render with --sql (offline mode){why}"),
                        "for batch mode pass copy_from=sa.Table(...); for reads of the database, check context.is_offline_mode() and emit plain SQL",
                    )
                    .revision(id)
                    .note(e.message.clone())
                    .at(stairway::failure_location(&e, "fails offline")),
                );
            }
        }
    }
    out
}
