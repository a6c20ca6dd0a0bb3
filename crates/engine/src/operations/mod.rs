//! Running a revision script's `upgrade()` / `downgrade()`: the pylite evaluator over the
//! `op` and `sa` host objects (`host/`), each `op.*` call executed (or printed) at once.

pub mod host;
pub mod modules;

use std::rc::Rc;

use pylite::eval::{EvalError, Interpreter, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET};

use crate::runtime::{Direction, MigrationError, ScriptRunner, SqlSink};
use crate::script::Script;
use host::{PyHost, Session};

/// Runs revision files; `modules` are the project's own Python files their imports find.
#[derive(Clone, Debug, Default)]
pub struct Runner {
    pub modules: modules::ProjectModules,
}

impl Runner {
    pub fn new(modules: modules::ProjectModules) -> Runner {
        Runner { modules }
    }
}

impl ScriptRunner for Runner {
    fn run(&mut self, script: &Script, direction: Direction, sink: &mut dyn SqlSink) -> Result<(), MigrationError> {
        let module = script.module();
        let name = direction.function_name();
        if module.function(name).is_none() {
            return Err(MigrationError {
                location: None,
                ..MigrationError::new(format!("module '{}' has no attribute '{name}'", script.file_name))
            });
        }
        let session = Rc::new(Session::new(sink.is_offline()));
        let result = {
            let mut host = PyHost { session: session.clone(), sink, modules: &self.modules };
            let mut interp = Interpreter::new(&mut host, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET);
            interp.run_module(&module).and_then(|()| interp.call_function(name).map(drop))
        };
        result.map_err(|e| to_migration_error(script, &session, e))
    }
}

/// An evaluation error located in the script; when a statement failed, SQLAlchemy's message
/// and the statement come from the session.
fn to_migration_error(script: &Script, session: &Session, e: EvalError) -> MigrationError {
    // A failure the script caught (`except sa.exc.OperationalError:`) is not this error's.
    let failure = session.failure.borrow().clone().filter(|f| f.message == e.diagnostic.message);
    let (message, statement) = match failure {
        Some(f) => (f.message, f.statement),
        None => (e.diagnostic.message.clone(), None),
    };
    let location = e.span().map(|span| Box::new((script.path.clone(), script.source.clone(), span)));
    MigrationError { message, step: None, statement, location, diagnostic: Some(e.diagnostic) }
}
