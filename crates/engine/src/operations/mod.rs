//! Running a revision script's `upgrade()` / `downgrade()`: the pylite evaluator over the
//! `op` and `sa` host objects (`host/`), each `op.*` call executed (or printed) at once.

pub mod host;
pub mod modules;

use std::rc::Rc;

use pylite::eval::{EvalError, Interpreter, Value, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET};

use crate::runtime::{Direction, MigrationError, ScriptRunner, SqlSink};
use crate::script::Script;
use host::{PyHost, Session};

/// Runs revision files; `modules` are the project's own Python files their imports find,
/// `world` the clock and randomness they may read and the records they log.
#[derive(Clone, Debug, Default)]
pub struct Runner {
    pub modules: modules::ProjectModules,
    pub world: host::world::ScriptWorld,
}

impl Runner {
    /// A runner without a clock or randomness: `datetime.now()` and `uuid.uuid4()` fail,
    /// saying so.
    pub fn new(modules: modules::ProjectModules) -> Runner {
        Runner { modules, world: host::world::ScriptWorld::default() }
    }

    /// The command's clock (Unix ms, the one the applied record gets) and a seed for the
    /// scripts' randomness.
    pub fn with_clock(mut self, clock_ms: i64, seed: u64) -> Runner {
        self.world = host::world::ScriptWorld::new(clock_ms, seed);
        self
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
            let mut host = PyHost { session: session.clone(), sink, modules: &self.modules, world: &mut self.world };
            let mut interp = Interpreter::new(&mut host, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET);
            // Alembic imports a revision file as a module named after its file name.
            interp.set_global("__name__", Value::str(&module_name(&script.file_name)));
            interp.set_global("__file__", Value::str(&script.path));
            interp.run_module(&module).and_then(|()| interp.call_function(name).map(drop))
        };
        result.map_err(|e| to_migration_error(script, &session, e))
    }

    fn take_log(&mut self) -> Vec<crate::command::LogRecord> {
        self.world.take_log()
    }
}

/// Alembic's module name for a revision file (`load_python_file`): every non-word
/// character of the file name becomes `_` (`ab12_add.py` → `ab12_add_py`).
fn module_name(file_name: &str) -> String {
    file_name.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect()
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
    // Only the CLI prints tracebacks (`command::traceback`); the page's build leaves it out.
    let exception = if cfg!(feature = "stdlib") { python_class(&e) } else { None };
    MigrationError { message, step: None, statement, location, diagnostic: Some(e.diagnostic), rolled_back: false, exception }
}

/// The class Alembic's traceback would end with for `e`: its own when it has one; for a host
/// object's error (catchable only as `Exception`) the class its message starts with, if any.
/// Errors no Python code can catch are this program's own refusals: `None`.
fn python_class(e: &EvalError) -> Option<String> {
    match e.exception.as_deref()? {
        "Exception" => crate::command::traceback::class_prefix(e.message()).map(String::from),
        class => Some(class.to_string()),
    }
}
