//! `alembic-playground`: a drop-in for `alembic` on SQLite projects. Results on stdout,
//! `FAILED: <message>` and exit 255 for command errors, a Python-style traceback and exit 1
//! where real Alembic crashes with an exception, the migration log on stderr.

mod check;
mod lesson;
mod project_files;

use std::io::Write;
use std::process::ExitCode;

use engine::command::console::{Console, Logger, Stream};
use engine::command::line::{self as args, Command, Invocation};
use engine::command::{CommandError, Output};
use engine::script::ScriptDirectory;
use project_files::{FileDatabase, Project};

/// One of our own subcommands, when `parsed` says the command line is one: its run, or its
/// usage on stderr and exit 2.
fn own_command<A>(parsed: Option<Result<A, String>>, run: fn(&A) -> ExitCode) -> Option<ExitCode> {
    Some(match parsed? {
        Ok(args) => run(&args),
        Err(usage) => {
            eprintln!("{usage}");
            ExitCode::from(2)
        }
    })
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    // `lesson` (the course, without a browser) and `check` are ours, not Alembic's: their own
    // arguments, exit codes and output.
    if let Some(code) = own_command(lesson::parse(&argv), lesson::run).or_else(|| own_command(check::parse(&argv), check::run)) {
        return code;
    }
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
    let ini_path = inv.config.clone().or_else(|| std::env::var("ALEMBIC_CONFIG").ok()).unwrap_or_else(|| "alembic.ini".to_string());
    let section = inv.name.as_deref().unwrap_or("alembic");
    let project = match Project::open(&ini_path, section) {
        Ok(p) => p,
        Err(e) => {
            let mut console = Console::default();
            console.fail(&e.to_string(), None, inv.quiet, None);
            return print(&console);
        }
    };
    let logger = Logger::from_ini(&project.ini);
    let result = execute(inv, &project);
    let mut console = Console::of(&result, inv.quiet, &logger);
    // Where real Alembic crashes with a Python exception, so does this process.
    if let Some(traceback) = result.as_ref().err().and_then(|(error, _)| engine::command::traceback::of(error)) {
        console.crash(traceback);
    }
    print(&console)
}

/// Writes the console's parts in Alembic's order, each to its stream (stdout flushed before
/// each switch, so a terminal shows them interleaved as written), then the located frame of
/// a failure (stderr) and `FAILED:` (stdout).
fn print(console: &Console) -> ExitCode {
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr().lock());
    for (stream, text) in &console.parts {
        let _ = match stream {
            Stream::Stdout => stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()),
            Stream::Stderr => stderr.write_all(text.as_bytes()),
        };
    }
    let _ = stderr.write_all(console.frame.as_deref().unwrap_or_default().as_bytes());
    if let Some(message) = &console.failed {
        let _ = writeln!(stdout, "FAILED: {message}");
    }
    ExitCode::from(console.exit_code)
}

/// Runs the command; on error, also returns what was produced before it (logs, warnings).
fn execute(inv: &Invocation, project: &Project) -> Result<Output, engine::command::invoke::Failure> {
    let version_table = project.env.as_ref().map(|e| e.version_table.clone()).unwrap_or_else(|_| "alembic_version".into());
    let mut db = FileDatabase::new(project.config.sqlalchemy_url.clone(), version_table);
    // Only commands that run revision files read the project's other Python files.
    let runs_scripts = matches!(inv.command, Command::Upgrade { .. } | Command::Downgrade { .. });
    let mut runner = engine::operations::Runner::new(if runs_scripts { project.python_modules() } else { Default::default() });
    if runs_scripts {
        // The scripts' `time.time()`/`datetime.now()` and `uuid.uuid4()`: this process's clock,
        // and randomness seeded from it (nanoseconds) and the process id.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let seed = (now.as_nanos() as u64) ^ (u64::from(std::process::id()) << 32);
        runner = runner.with_clock(now.as_millis() as i64, seed);
    }
    let load = || {
        let source = project.script_source().map_err(|e| CommandError::Usage(e.to_string()))?;
        Ok(ScriptDirectory::load(&source)?)
    };
    let context = engine::command::invoke::Invocation {
        options: project.env.as_ref().map_err(|e| e.to_string()),
        db: &mut db,
        runner: &mut runner,
        record_applied_at: record_applied(inv),
    };
    engine::command::invoke::run(&inv.command, load, context)
}

/// `-x record_applied=true`: also keep the playground's applied record (revision, script
/// SHA-256, time) in the database, beside alembic_version. Off by default: the user's
/// database then holds exactly what Alembic would write. (`-x` is Alembic's own way to pass
/// options to env.py, so the same command line still works with real Alembic.)
fn record_applied(inv: &Invocation) -> Option<String> {
    inv.x_args.iter().any(|x| matches!(x.as_str(), "record_applied=true" | "record_applied=1" | "record_applied")).then(utc_now)
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
fn utc_now() -> String {
    let millis = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis()) as i64;
    engine::runtime::applied::utc_iso(millis, false)
}
