//! "No way back": a `downgrade()` that does nothing (`pass`, `...`, a docstring) silently
//! leaves the upgrade's changes behind; one that raises says so honestly.

use engine::analysis::NoWayBack;
use pylite::ast::Module;

use engine::script::Script;

use crate::check::finding::{Finding, Severity};
use crate::check::locate::{self, Shape};

/// The downgrade's shape, from `engine::analysis`; an empty downgrade of an empty upgrade (a
/// merge point) is fine. A missing `def downgrade` is left to the rehearsal (`downgrade-fails`).
pub fn shape(module: &Module) -> Shape {
    match engine::analysis::analyse_module(module, false).downgrade.no_way_back() {
        Some(NoWayBack::Empty) => Shape::Empty,
        Some(NoWayBack::Raises(_)) => Shape::Raises,
        Some(NoWayBack::Missing) | None => Shape::Other,
    }
}

pub fn finding(script: &Script, module: &Module, shape: Shape) -> Option<Finding> {
    let at = locate::function(script, module, "downgrade", "this downgrade");
    let f = match shape {
        Shape::Empty => Finding::new(
            "empty-downgrade",
            Severity::Warning,
            "downgrade() does nothing: `downgrade` reports success and leaves this revision's changes in place",
            "undo the upgrade's changes, or say there is no way back: raise NotImplementedError(\"why\")",
        ),
        Shape::Raises => Finding::new(
            "irreversible-downgrade",
            Severity::Note,
            "downgrade() raises: this revision declares that there is no way back",
            "restore from a backup to go below it; keep the reason in the exception's message",
        ),
        Shape::Other => return None,
    };
    Some(f.revision(&script.revision).at(at))
}
