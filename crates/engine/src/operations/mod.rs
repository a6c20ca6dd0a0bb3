//! Running a revision script's `upgrade()` / `downgrade()` (Alembic's `op` and `sa`).
//!
//! For now only empty bodies (`pass`, a docstring, `...`) run; the `op`/`sa` host over the
//! pylite evaluator replaces this runner.

use diagnostics::Diagnostic;
use pylite::ast::{ExprKind, StmtKind};

use crate::runtime::{Direction, MigrationError, ScriptRunner, SqlSink};
use crate::script::Script;

#[derive(Default)]
pub struct Runner;

impl ScriptRunner for Runner {
    fn run(&mut self, script: &Script, direction: Direction, _sink: &mut dyn SqlSink) -> Result<(), MigrationError> {
        let module = script.module();
        let name = direction.function_name();
        let Some(function) = module.function(name) else {
            return Err(MigrationError {
                location: None,
                ..MigrationError::new(format!("module '{}' has no attribute '{name}'", script.file_name))
            });
        };
        for stmt in &function.body {
            let empty = match &stmt.kind {
                StmtKind::Pass => true,
                StmtKind::Expr(e) => matches!(e.kind, ExprKind::Str { .. } | ExprKind::Ellipsis),
                _ => false,
            };
            if !empty {
                let d = Diagnostic::error("unsupported", "running migration code is not available yet")
                    .with_label(stmt.span, "this statement would run");
                return Err(MigrationError {
                    location: Some((script.path.clone(), script.source.clone(), stmt.span)),
                    diagnostic: Some(d),
                    ..MigrationError::new("running migration code is not available yet")
                });
            }
        }
        Ok(())
    }
}
