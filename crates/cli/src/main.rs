//! `alembic-playground`: a drop-in for `alembic` on SQLite projects. Results on stdout,
//! `FAILED: <message>` and exit 255 for command errors, the migration log on stderr.

mod args;
mod logging;
mod project_files;

use std::io::Write;
use std::process::ExitCode;

use args::{Command, Invocation};
use engine::command::{self, CommandError, Output};
use engine::script::ScriptDirectory;
use logging::Logger;
use project_files::{FileDatabase, Project};

/// Alembic's exit code for `CommandError` (`sys.exit(-1)`).
const FAILED: u8 = 255;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let invocation = match args::parse(&argv) {
        Ok(inv) => inv,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    if invocation.command == Command::Version {
        println!("alembic-playground {} (alembic 1.20.1 compatible)", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    run(&invocation)
}

fn run(inv: &Invocation) -> ExitCode {
    let ini_path = inv
        .config
        .clone()
        .or_else(|| std::env::var("ALEMBIC_CONFIG").ok())
        .unwrap_or_else(|| "alembic.ini".to_string());
    let section = inv.name.as_deref().unwrap_or("alembic");
    let project = match Project::open(&ini_path, section) {
        Ok(p) => p,
        Err(e) => return fail(inv, &e.to_string(), None, None),
    };
    let logger = Logger::from_ini(&project.ini);
    let result = execute(inv, &project);
    match result {
        Ok(out) => {
            emit(inv, &logger, &out);
            ExitCode::SUCCESS
        }
        Err((err, partial)) => {
            if let Some(out) = &partial {
                emit(inv, &logger, out);
            }
            fail(inv, &err.to_string(), err.render(), Some(&logger))
        }
    }
}

/// Runs the command; on error, also returns what was produced before it (logs, warnings).
fn execute(inv: &Invocation, project: &Project) -> Result<Output, (CommandError, Option<Output>)> {
    let version_table = project.env.as_ref().map(|e| e.version_table.clone()).unwrap_or_else(|_| "alembic_version".into());
    let mut db = FileDatabase::new(project.config.sqlalchemy_url.clone(), version_table);
    if needs_environment(&inv.command) {
        if let Err(e) = &project.env {
            return Err((CommandError::Usage(e.to_string()), None));
        }
        // Alembic runs env.py (connecting, and creating the version table unless the command
        // only reads) before it loads the revision files: a broken file still leaves that.
        open_environment(&mut db, !matches!(inv.command, Command::Current { .. })).map_err(|e| (e, None))?;
    }
    let source = project.script_source().map_err(|e| (CommandError::Usage(e.to_string()), None))?;
    let dir = ScriptDirectory::load(&source).map_err(|e| (CommandError::from(e), None))?;
    let mut runner = engine::operations::Runner::default();
    let result = match &inv.command {
        Command::Heads { verbose, resolve_dependencies } => command::heads(&dir, *verbose, *resolve_dependencies),
        Command::Branches { verbose } => command::branches(&dir, *verbose),
        Command::History { rev_range, verbose, indicate_current } => {
            command::history(&dir, rev_range.as_deref(), *verbose, *indicate_current, &mut db)
        }
        Command::Show { rev } => command::show(&dir, rev, &mut db),
        Command::Current { verbose, check_heads } => command::current(&dir, *verbose, *check_heads, &mut db),
        Command::Upgrade { revision, sql, .. } => command::upgrade(&mut environment(project, &dir, &mut db, &mut runner), revision, *sql),
        Command::Downgrade { revision, sql, .. } => {
            command::downgrade(&mut environment(project, &dir, &mut db, &mut runner), revision, *sql)
        }
        Command::Stamp { revisions, sql, purge, .. } => {
            command::stamp(&mut environment(project, &dir, &mut db, &mut runner), revisions, *sql, *purge)
        }
        Command::None | Command::Version => unreachable!("handled by main"),
    };
    result.map_err(|e| match e {
        // What ran before the failure (offline SQL, the log) is shown before FAILED.
        CommandError::Migration(error, out) => (CommandError::Migration(error, Box::default()), Some(*out)),
        CommandError::Failed(error, out) => (*error, Some(*out)),
        // Loading warnings (duplicate revisions) are printed even when the command then fails.
        e => (e, Some(Output { warnings: dir.warnings().to_vec(), ..Output::default() })),
    })
}

fn environment<'a>(
    project: &'a Project,
    dir: &'a ScriptDirectory,
    db: &'a mut FileDatabase,
    runner: &'a mut engine::operations::Runner,
) -> command::Environment<'a> {
    let options = project.env.as_ref().expect("checked by needs_environment");
    command::Environment { dir, options, db, runner }
}

fn open_environment(db: &mut FileDatabase, mutate: bool) -> Result<(), CommandError> {
    use engine::database::Connector;
    let db = db.connect()?;
    if mutate && db.version_rows()?.is_empty() {
        db.ensure_version_table()?;
    }
    Ok(())
}

fn needs_environment(command: &Command) -> bool {
    match command {
        Command::Current { .. } | Command::Upgrade { .. } | Command::Downgrade { .. } | Command::Stamp { .. } => true,
        Command::Show { rev } => rev == "current",
        Command::History { rev_range, indicate_current, .. } => {
            *indicate_current || rev_range.as_deref().is_some_and(|r| r.split(':').any(|p| p == "current"))
        }
        _ => false,
    }
}

fn emit(inv: &Invocation, logger: &Logger, out: &Output) {
    let mut stderr = std::io::stderr().lock();
    for warning in &out.warnings {
        let _ = writeln!(stderr, "UserWarning: {warning}");
    }
    for record in &out.log {
        if let Some(line) = logger.render(record) {
            let _ = writeln!(stderr, "{line}");
        }
    }
    if !inv.quiet {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(out.stdout.as_bytes());
        let _ = stdout.flush();
    }
}

/// Alembic's `util.err`: log the error, print `FAILED: <message>` on stdout, exit 255. The
/// located frame (file, line, column, caret) goes to stderr after it.
fn fail(inv: &Invocation, message: &str, frame: Option<String>, logger: Option<&Logger>) -> ExitCode {
    let record = engine::command::LogRecord {
        level: engine::command::Level::Error,
        logger: "alembic.util.messaging",
        message: message.to_string(),
    };
    if let Some(line) = logger.and_then(|l| l.render(&record)) {
        eprintln!("{line}");
    }
    if let Some(frame) = frame {
        eprint!("{frame}");
    }
    if !inv.quiet {
        println!("FAILED: {message}");
    }
    ExitCode::from(FAILED)
}
