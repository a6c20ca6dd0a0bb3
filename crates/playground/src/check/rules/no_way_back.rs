//! "No way back": a `downgrade()` that does nothing (`pass`, `...`, a docstring) silently
//! leaves the upgrade's changes behind; one that raises says so honestly.

use pylite::ast::Module;

use engine::script::Script;

use crate::check::finding::{Finding, Severity};
use crate::check::locate::{self, Shape};

/// The downgrade's shape; an empty downgrade of an empty upgrade (a merge point) is fine.
pub fn shape(module: &Module) -> Shape {
    let down = module.function("downgrade").map_or(Shape::Other, locate::shape);
    let up = module.function("upgrade").map_or(Shape::Other, locate::shape);
    if down == Shape::Empty && up == Shape::Empty {
        return Shape::Other;
    }
    down
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
