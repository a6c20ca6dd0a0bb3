//! The engine on the page's SQLite: a scenario's files, its in-memory database, and console
//! lines run the way the CLI runs them (same parser, same commands, same output and FAILED
//! wording). Plain Rust: the same code runs natively in unit tests and in wasm in the page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub use engine::command::console::Stream;
use engine::command::console::{Console, Logger};
use engine::command::line::{self, Command, Invocation};
use engine::command::{invoke, CommandError, Output};
use engine::config::IniFile;
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::runtime::applied::{self, script_sha256};
use engine::script::{ScriptDirectory, ScriptSource};

use crate::project::Project;
use crate::rehearse::{self, Loss};
use crate::sql_log::{steps_of, SqlStep};

/// What the page calls the database in messages: SQLAlchemy's in-memory SQLite URL.
pub const URL: &str = "sqlite://";

/// One console command and what a terminal would have shown for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConsoleEntry {
    pub line: String,
    /// What the command wrote before any `FAILED:` line, in order, each part to one stream:
    /// warnings, the log (`INFO  [alembic...] ...`) and the text as written (`--sql` logs each
    /// step before its SQL), then the error's log record and frame.
    pub output: Vec<(Stream, String)>,
    /// Where a failure happened in a revision file, rustc-style: the playground's addition,
    /// shown apart from what Alembic prints.
    pub frame: Option<String>,
    /// The text after `FAILED: ` (Alembic's `CommandError` wording).
    pub failed: Option<String>,
    /// The CLI's exit code: 0, 2 for a usage error, 255 for FAILED.
    pub exit_code: u8,
}

impl ConsoleEntry {
    /// The lines written to stderr: warnings, the log, a usage error, the error.
    pub fn stderr(&self) -> Vec<String> {
        self.text(Stream::Stderr).lines().map(str::to_string).collect()
    }

    /// The text written to stdout (without the `FAILED:` line).
    pub fn stdout(&self) -> String {
        self.text(Stream::Stdout)
    }

    /// All that went to `stream`, in order.
    pub fn text(&self, stream: Stream) -> String {
        self.output.iter().filter(|(s, _)| *s == stream).map(|(_, text)| text.as_str()).collect()
    }

    /// What Alembic's terminal shows, `FAILED:` line included (not our `frame`).
    pub fn terminal(&self) -> String {
        let mut text: String = self.output.iter().map(|(_, text)| text.as_str()).collect();
        if let Some(message) = &self.failed {
            text.push_str(&format!("FAILED: {message}\n"));
        }
        text
    }
}

/// A command's console entry and the SQL it ran, grouped by revision step.
#[derive(Clone, Debug, PartialEq)]
pub struct Ran {
    pub entry: ConsoleEntry,
    pub steps: Vec<SqlStep>,
}

pub struct Session {
    /// Revision files as `(path, text)`; the editor changes them, every command reads them.
    files: Vec<(String, String)>,
    /// The files as loaded, until one changes: a click's guard, its rehearsal and its command
    /// share one parse, as Alembic's every command would see the same files.
    loaded: RefCell<Option<Rc<ScriptDirectory>>>,
    /// The project's other `.py` files, under the ini's `prepend_sys_path` roots: what the
    /// imports of revision files find (`from myapp.migrations.utils import ...`).
    modules: engine::operations::modules::ProjectModules,
    options: Result<EnvOptions, String>,
    /// The log's format and level from the project's alembic.ini, as the CLI prints it.
    logger: Logger,
    db: OpenDatabase,
    /// Each applied revision's file as it was applied, `(revision, path, text)`: the
    /// database's applied record keeps only the text's hash, the drift diff needs the text.
    /// (A list, not a map: a handful of entries, and one less generic map in the wasm.)
    pub applied: Vec<(String, String, String)>,
    /// The clock for the applied record (Unix ms): set by the page before each command, so a
    /// replayed scenario writes the times it was first run with.
    pub now_ms: i64,
}

#[derive(Debug)]
pub enum OpenError {
    Sqlite(rusqlite::Error),
    /// The project's database file is not a SQLite database (SQLite's words).
    NotADatabase(rusqlite::Error),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Sqlite(e) => write!(f, "SQLite failed to open: {e}"),
            OpenError::NotADatabase(e) => write!(f, "the database file could not be opened: {e}"),
        }
    }
}

/// Replaces the main database of `conn` with the SQLite file `bytes`, then reads its schema
/// so a file that is not a database fails here, not at the first command.
fn load_database(conn: &mut rusqlite::Connection, bytes: &[u8]) -> rusqlite::Result<()> {
    // A file saved in WAL mode says so in header bytes 18 and 19; an in-memory database has
    // no WAL (nor does the page's SQLite), so it is read as the rollback-journal file it
    // is once checkpointed.
    let mut owned;
    let mut bytes = bytes;
    if bytes.len() > 19 && (bytes[18] == 2 || bytes[19] == 2) {
        owned = bytes.to_vec();
        owned[18] = 1;
        owned[19] = 1;
        bytes = &owned;
    }
    conn.deserialize_read_exact(rusqlite::MAIN_DB, bytes, bytes.len(), false)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map(drop)
}

/// A command sequence run on a copy of the database first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rehearsal {
    pub losses: Vec<Loss>,
    /// Revisions with no way back that a downgrade in the sequence runs, as `id message`.
    pub no_way_back: Vec<String>,
    pub rows_before: Vec<String>,
    pub rows_after: Vec<String>,
    /// The first line that failed on the copy, and Alembic's message.
    pub failed: Option<(String, String)>,
}

/// The command a console line names, if it parses (as the console parses it: the line is
/// what follows `alembic` in a terminal).
pub fn parse_line(text: &str) -> Option<Command> {
    line::parse(&line::split_line(text).ok()?).ok().map(|inv| inv.command)
}

impl Session {
    /// The project on an in-memory database: empty, or a copy of the project's database file.
    pub fn open(project: &Project) -> Result<Session, OpenError> {
        let mut conn = rusqlite::Connection::open_in_memory().map_err(OpenError::Sqlite)?;
        if let Some(bytes) = &project.database {
            load_database(&mut conn, bytes).map_err(OpenError::NotADatabase)?;
        }
        let options = match project.env_py() {
            Some((path, text)) => EnvOptions::from_env_py(&path, text).map_err(|e| e.to_string()),
            None => Err(format!("no env.py in {}", project.layout().script_location)),
        };
        let version_table = options.as_ref().map_or_else(|_| "alembic_version".to_string(), |o| o.version_table.clone());
        let files = project.revision_files();
        let db = OpenDatabase(Database::new(conn, URL, version_table));
        // Alembic's ini templates' logging when the ini cannot be read (the engine reports why
        // when a command needs it).
        let ini = project.file("alembic.ini").and_then(|text| IniFile::parse("alembic.ini", text, ".").ok());
        let logger = ini.as_ref().map_or_else(Logger::template, Logger::from_ini);
        let roots: Vec<String> = match ini.as_ref().and_then(|ini| ini.get("alembic", "prepend_sys_path").ok().flatten()) {
            Some(raw) => raw.split([' ', ',', ':', ';', '\n']).filter(|p| !p.is_empty()).map(String::from).collect(),
            None => vec![".".to_string()],
        };
        let python = project.other_files().into_iter().filter(|(p, _)| p.ends_with(".py"));
        let modules = engine::operations::modules::ProjectModules::new(&roots, python);
        Ok(Session { files, loaded: RefCell::default(), modules, options, logger, db, applied: Vec::new(), now_ms: 0 })
    }

    /// The project's own Python modules, which its revision files may import.
    pub fn project_modules(&self) -> engine::operations::modules::ProjectModules {
        self.modules.clone()
    }

    /// `context.configure(...)`'s options from env.py, or why they could not be read.
    pub fn env_options(&self) -> Result<EnvOptions, String> {
        self.options.clone()
    }

    /// The database as a SQLite file (for a snapshot or a download).
    pub fn database_bytes(&mut self) -> rusqlite::Result<Vec<u8>> {
        Ok(self.db.0.conn.serialize(rusqlite::MAIN_DB)?.to_vec())
    }

    /// The database as a SQLite file as real Alembic would have left it: without the
    /// playground's applied record (`applied::APPLIED_TABLE`, which Alembic never creates),
    /// unless `with_record`. Taken from a copy, vacuumed so that no free page keeps the
    /// record's rows; the live database is untouched.
    pub fn database_download(&mut self, with_record: bool) -> rusqlite::Result<Vec<u8>> {
        if with_record {
            return self.database_bytes();
        }
        let mut copy = self.copy()?;
        copy.db.0.conn.execute_batch(&format!("DROP TABLE IF EXISTS \"{}\"; VACUUM;", applied::APPLIED_TABLE))?;
        copy.database_bytes()
    }

    /// Puts the database back as `bytes` had it (a snapshot taken by `database_bytes`).
    pub fn restore_database(&mut self, bytes: &[u8]) -> rusqlite::Result<()> {
        load_database(&mut self.db.0.conn, bytes)
    }

    /// The same files on a copy of the database: what a rehearsal or a preview runs on.
    pub fn copy(&mut self) -> rusqlite::Result<Session> {
        let conn = rehearse::copy(&mut self.db.0.conn)?;
        let db = OpenDatabase(Database::new(conn, URL, self.db.0.version_table.clone()));
        Ok(Session {
            files: self.files.clone(),
            loaded: self.loaded.clone(),
            modules: self.modules.clone(),
            options: self.options.clone(),
            logger: self.logger.clone(),
            db,
            applied: self.applied.clone(),
            now_ms: self.now_ms,
        })
    }

    /// Runs `lines` on a copy and reports what they would lose and which revisions with no
    /// way back their downgrades cross. The live database is not touched.
    pub fn rehearse(&mut self, lines: &[String]) -> Result<Rehearsal, String> {
        let mut copy = self.copy().map_err(|e| format!("could not copy the database: {e}"))?;
        let version_table = self.db.0.version_table.clone();
        let stats = |s: &Session| rehearse::stats(&s.db.0.conn, &version_table).map_err(|e| e.to_string());
        let mut out = Rehearsal { rows_before: copy.database().version_rows().unwrap_or_default(), ..Rehearsal::default() };
        for text in lines {
            if let Some(Command::Downgrade { revision, sql: false, .. }) = parse_line(text) {
                out.no_way_back.extend(copy.crossed_without_way_back(&revision));
            }
            // Line by line: a later line that re-creates a table does not bring its rows back.
            let before = stats(&copy)?;
            let ran = copy.run_line(text);
            out.losses.extend(rehearse::losses(&before, &stats(&copy)?));
            if ran.entry.exit_code != 0 {
                let message = ran.entry.failed.clone().unwrap_or_else(|| ran.entry.text(Stream::Stderr).trim_end().to_string());
                out.failed = Some((text.clone(), message));
                break;
            }
        }
        out.no_way_back.dedup();
        out.rows_after = copy.database().version_rows().unwrap_or_default();
        Ok(out)
    }

    /// The revisions `downgrade <target>` would run whose `downgrade()` restores nothing.
    fn crossed_without_way_back(&self, target: &str) -> Vec<String> {
        let (Ok(dir), Ok(rows)) = (self.directory(), self.database().version_rows()) else { return Vec::new() };
        let Ok(plan) = dir.map().plan_downgrade(&rows, target) else { return Vec::new() };
        plan.revisions
            .iter()
            .filter_map(|id| dir.script(id))
            .filter(|s| crate::safety::no_way_back(s))
            .map(|s| format!("{} {}", s.revision, s.doc()))
            .collect()
    }

    /// After a command: keep the text of what was just applied, forget what was downgraded.
    /// Linear-ish in the number of revisions (a 1,000-revision `upgrade head` comes here).
    fn sync_applied(&mut self) {
        let records = applied::read(&self.db.0.conn).unwrap_or_default();
        let by_revision: HashMap<&str, usize> = records.iter().enumerate().map(|(i, r)| (r.revision.as_str(), i)).collect();
        let mut kept = vec![false; records.len()];
        self.applied.retain(|(rev, _, text)| match by_revision.get(rev.as_str()) {
            Some(&i) if records[i].script_sha256 == script_sha256(text) => {
                kept[i] = true;
                true
            }
            _ => false,
        });
        if kept.iter().all(|k| *k) {
            return;
        }
        // Just applied: the file's current text is the one that ran.
        let hashes: Vec<String> = self.files.iter().map(|(_, text)| script_sha256(text)).collect();
        // The first file with that text (`rev`: later ones are overwritten by earlier ones).
        let by_hash: HashMap<&str, usize> = hashes.iter().enumerate().rev().map(|(i, h)| (h.as_str(), i)).collect();
        for (record, _) in records.iter().zip(kept).filter(|(_, kept)| !kept) {
            if let Some(&i) = by_hash.get(record.script_sha256.as_str()) {
                let (path, text) = &self.files[i];
                self.applied.push((record.revision.clone(), path.clone(), text.clone()));
            }
        }
    }

    pub fn database(&self) -> &Database {
        &self.db.0
    }

    /// The revision files as Alembic loads them on every command (loaded again only after
    /// a file changed).
    pub fn directory(&self) -> Result<Rc<ScriptDirectory>, CommandError> {
        load_directory(&self.files, &self.loaded)
    }

    pub fn files(&self) -> &[(String, String)] {
        &self.files
    }

    /// Writes a revision file (a new one when `path` is new).
    pub fn write_file(&mut self, path: &str, text: String) {
        match self.files.iter_mut().find(|(p, _)| p == path) {
            Some(file) => file.1 = text,
            None => self.files.push((path.to_string(), text)),
        }
        self.loaded.take();
    }

    /// Puts all revision files back as a snapshot had them.
    pub fn set_files(&mut self, files: Vec<(String, String)>) {
        self.files = files;
        self.loaded.take();
    }

    /// Runs one typed line (`upgrade head`, `history -v`: what follows `alembic` in a
    /// terminal) like the CLI.
    pub fn run_line(&mut self, line: &str) -> Ran {
        let mut entry = ConsoleEntry { line: line.trim().to_string(), ..ConsoleEntry::default() };
        let words = match line::split_line(line) {
            Ok(words) => words,
            // A shell would not run an unterminated quote; the console says so in argparse's form.
            Err(message) => return usage(entry, &line::UsageError { prog: "alembic".into(), message }.to_string()),
        };
        let inv = match line::parse(&words) {
            Ok(inv) => inv,
            Err(e) => return usage(entry, &e.to_string()),
        };
        if inv.command == Command::Version {
            entry.output = vec![(Stream::Stdout, "alembic-playground (alembic 1.20.1 compatible)\n".into())];
            return Ran { entry, steps: Vec::new() };
        }
        let result = self.execute(&inv);
        // What the CLI prints, from the same renderer and the project's logging set-up.
        let console = Console::of(&result, inv.quiet, &self.logger);
        entry.output = console.parts;
        entry.frame = console.frame;
        entry.failed = console.failed;
        entry.exit_code = console.exit_code;
        let out = match &result {
            Ok(out) => Some(out),
            Err((_, partial)) => partial.as_deref(),
        };
        let offline = matches!(
            inv.command,
            Command::Upgrade { sql: true, .. } | Command::Downgrade { sql: true, .. } | Command::Stamp { sql: true, .. }
        );
        let steps = out.map_or_else(Vec::new, |out| steps_of(&entry.line, out, offline));
        if !offline {
            self.sync_applied();
        }
        Ran { entry, steps }
    }

    /// Runs the command as the CLI does (`engine::command::invoke`), on the page's database
    /// and files, always keeping the applied record (the CLI's `-x record_applied=true`)
    /// with the browser's clock: it is the evidence for drift warnings.
    fn execute(&mut self, inv: &Invocation) -> Result<Output, invoke::Failure> {
        // The scripts' clock is the step's (the applied record's), their randomness seeded by
        // it: a replayed step makes the same UUIDs.
        let mut runner = engine::operations::Runner::new(self.modules.clone()).with_clock(self.now_ms, self.now_ms as u64);
        let load = || load_directory(&self.files, &self.loaded);
        let context = invoke::Invocation {
            options: self.options.as_ref().map_err(Clone::clone),
            db: &mut self.db,
            runner: &mut runner,
            record_applied_at: Some(engine::runtime::applied::utc_iso(self.now_ms, true)),
        };
        invoke::run(&inv.command, load, context)
    }
}

fn load_directory(files: &[(String, String)], loaded: &RefCell<Option<Rc<ScriptDirectory>>>) -> Result<Rc<ScriptDirectory>, CommandError> {
    if let Some(dir) = &*loaded.borrow() {
        return Ok(dir.clone());
    }
    let dir = Rc::new(ScriptDirectory::load(&ScriptSource::single(files.to_vec()))?);
    *loaded.borrow_mut() = Some(dir.clone());
    Ok(dir)
}

fn usage(mut entry: ConsoleEntry, text: &str) -> Ran {
    entry.output = vec![(Stream::Stderr, format!("{text}\n"))];
    entry.exit_code = 2;
    Ran { entry, steps: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::bundled as find;

    fn blog() -> Session {
        Session::open(&Project::bundled(find("blog").unwrap())).unwrap()
    }

    #[test]
    fn heads_prints_what_alembic_prints() {
        let ran = blog().run_line("heads");
        assert_eq!(ran.entry.stdout(), "b10900000004 (head)\n");
        assert_eq!(ran.entry.exit_code, 0);
        assert!(ran.steps.is_empty());
    }

    #[test]
    fn a_written_file_is_loaded_again_and_a_restored_set_too() {
        let mut session = blog();
        let original = session.files().to_vec();
        let (path, text) = original.iter().find(|(p, _)| p.ends_with("b10900000004_archive.py")).cloned().unwrap();
        assert_eq!(session.run_line("heads").entry.stdout(), "b10900000004 (head)\n");
        session.write_file(&path, text.replace("b10900000004", "c10900000004"));
        assert_eq!(session.run_line("heads").entry.stdout(), "c10900000004 (head)\n");
        session.set_files(original);
        assert_eq!(session.directory().unwrap().map().heads(), ["b10900000004"]);
    }

    #[test]
    fn the_console_logs_in_the_projects_format_as_the_cli_does() {
        let mut project = Project::bundled(find("blog").unwrap());
        let ini = &mut project.files.iter_mut().find(|(p, _)| p == "alembic.ini").unwrap().1;
        *ini = ini.replace("format = %(levelname)-5.5s [%(name)s] %(message)s", "format = %(levelname)s: %(message)s");
        let ran = Session::open(&project).unwrap().run_line("upgrade +1");
        assert!(ran.entry.stderr().iter().any(|l| l == "INFO: Running upgrade  -> b10900000001, create posts"), "{:?}", ran.entry.stderr());
        let ran = blog().run_line("upgrade +1");
        assert!(ran.entry.stderr().iter().any(|l| l == "INFO  [alembic.runtime.migration] Running upgrade  -> b10900000001, create posts"));
    }

    #[test]
    fn the_program_name_typed_again_is_argparses_invalid_choice() {
        let ran = blog().run_line("alembic heads");
        assert_eq!(ran.entry.exit_code, 2);
        assert_eq!(ran.entry.stdout(), "");
        let stderr = ran.entry.stderr();
        assert_eq!(stderr[0], "usage: alembic [-h] [--version] [-c CONFIG] [-n NAME] [-x X] [--raiseerr] [-q]");
        assert!(stderr[3].contains(": invalid choice: 'alembic' (choose from 'branches', "), "{stderr:?}");
    }

    #[test]
    fn a_failure_under_sql_says_nothing_of_a_rollback_and_an_online_one_does() {
        let offline = blog().run_line("downgrade b10900000002:b10900000001 --sql").entry;
        assert!(offline.failed.as_deref().unwrap().contains("copy_from"));
        let frame = offline.frame.unwrap();
        assert!(frame.contains("note: in downgrade b10900000002 -> b10900000001") && !frame.contains("rolled back"), "{frame}");
        let mut s = blog();
        s.run_line("upgrade +1");
        s.db.0.conn.execute_batch("ALTER TABLE posts ADD COLUMN is_featured BOOLEAN").unwrap();
        let online = s.run_line("upgrade +1").entry;
        assert!(online.frame.unwrap().contains("this migration was rolled back, the database is as it was before it"));
    }

    #[test]
    fn offline_sql_interleaves_with_the_log_as_a_terminal_shows_it() {
        let ran = blog().run_line("upgrade b10900000001 --sql");
        let terminal = ran.entry.terminal();
        let running = terminal.find("INFO  [alembic.runtime.migration] Running upgrade  -> b10900000001").unwrap();
        assert!(terminal.find("CREATE TABLE alembic_version").unwrap() < running, "{terminal}");
        assert!(running < terminal.find("CREATE TABLE posts").unwrap(), "{terminal}");
    }

    #[test]
    fn upgrade_logs_each_step_and_moves_the_version_table() {
        let mut s = blog();
        let ran = s.run_line("upgrade +1");
        assert_eq!(ran.entry.failed, None, "{:?}", ran.entry.stderr());
        assert_eq!(
            ran.entry.stderr(),
            [
                "INFO  [alembic.runtime.migration] Context impl SQLiteImpl.",
                "INFO  [alembic.runtime.migration] Will assume non-transactional DDL.",
                "INFO  [alembic.runtime.migration] Running upgrade  -> b10900000001, create posts",
            ]
        );
        assert_eq!(s.database().version_rows().unwrap(), ["b10900000001"]);
        assert_eq!(ran.steps.len(), 1);
        assert_eq!(ran.steps[0].title, "upgrade  -> b10900000001, create posts");
        assert!(ran.steps[0].statements[0].starts_with("CREATE TABLE posts"), "{:?}", ran.steps[0].statements);
    }

    #[test]
    fn errors_are_worded_as_alembic_words_them() {
        let mut s = blog();
        let ran = s.run_line("downgrade -1");
        assert_eq!(ran.entry.exit_code, 255);
        assert_eq!(ran.entry.failed.as_deref(), Some("Relative revision -1 didn't produce 1 migrations"));
        let ran = s.run_line("upgrade nope");
        assert_eq!(ran.entry.failed.as_deref(), Some("Can't locate revision identified by 'nope'"));
    }

    #[test]
    fn usage_errors_exit_2_with_argparse_text() {
        let ran = blog().run_line("frobnicate");
        assert_eq!(ran.entry.exit_code, 2);
        assert!(ran.entry.stderr()[3].starts_with("alembic: error: argument {branches,"), "{:?}", ran.entry.stderr());
        assert!(ran.entry.stderr()[3].contains("}: invalid choice: 'frobnicate'"));
        assert_eq!(blog().run_line("show 'x").entry.exit_code, 2);
    }
}
#[cfg(test)]
mod rehearsal_tests {
    use super::*;
    use crate::scenarios::bundled as find;

    #[test]
    fn rehearsal_reports_on_a_copy() {
        let mut s = Session::open(&Project::bundled(find("blog").unwrap())).unwrap();
        s.run_line("upgrade +1");
        let r = s.rehearse(&["downgrade base".to_string()]).unwrap();
        assert_eq!(r.rows_before, ["b10900000001"]);
        assert!(r.rows_after.is_empty(), "{r:?}");
        assert_eq!(r.losses.len(), 1, "{r:?}");
        assert_eq!(s.database().version_rows().unwrap(), ["b10900000001"]);
        let r = s.rehearse(&["upgrade head".to_string()]).unwrap();
        assert_eq!(r.failed, None);
        // The archive step drops deleted_at and deletes the archived post.
        let lost: Vec<String> = r.losses.iter().map(Loss::describe).collect();
        assert_eq!(lost, ["column posts.deleted_at is dropped with its 1 non-null value", "1 row of posts is deleted"]);
    }
}

#[cfg(test)]
mod database_file_tests {
    use super::*;
    use crate::scenarios::bundled as find;

    fn project_with(bytes: Vec<u8>) -> Project {
        Project { database: Some(bytes), ..Project::bundled(find("blog").unwrap()) }
    }

    #[test]
    fn a_wal_mode_file_opens_and_garbage_is_refused() {
        let path = std::env::temp_dir().join(format!("wal-{}.sqlite", std::process::id()));
        let _ = std::fs::remove_file(&path);
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).unwrap();
            conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);").unwrap();
        }
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(bytes[18..20], [2, 2]);
        let s = Session::open(&project_with(bytes)).unwrap();
        let x: i64 = s.database().conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
        let err = Session::open(&project_with(b"SQLite format 3\0 but not really".to_vec())).err().unwrap();
        assert!(err.to_string().starts_with("the database file could not be opened: "), "{err}");
    }

    /// The tables of a SQLite file, read by SQLite itself from the bytes.
    fn tables(bytes: &[u8]) -> Vec<String> {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.deserialize_read_exact(rusqlite::MAIN_DB, bytes, bytes.len(), true).unwrap();
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
        let names = stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<Vec<String>>>().unwrap();
        names
    }

    #[test]
    fn the_download_is_what_alembic_would_leave_unless_the_record_is_asked_for() {
        let mut s = Session::open(&Project::bundled(find("blog").unwrap())).unwrap();
        s.run_line("upgrade head");
        let live = s.database_bytes().unwrap();
        assert!(tables(&live).contains(&applied::APPLIED_TABLE.to_string()));
        let download = s.database_download(false).unwrap();
        let expected: Vec<String> = tables(&live).into_iter().filter(|t| t != applied::APPLIED_TABLE).collect();
        assert_eq!(tables(&download), expected);
        assert!(expected.contains(&"alembic_version".to_string()) && expected.contains(&"posts".to_string()), "{expected:?}");
        // Vacuumed: no free page still holds the record's rows (its hashes).
        let hash = script_sha256(&s.files()[0].1);
        let holds = |bytes: &[u8]| bytes.windows(hash.len()).any(|w| w == hash.as_bytes());
        assert!(holds(&live) && !holds(&download));
        // Asked for: the live file as it is. The live database still has its record.
        assert_eq!(s.database_download(true).unwrap(), live);
        assert_eq!(s.database_bytes().unwrap(), live);
        // A database without the record keeps what it has.
        let mut plain = Session::open(&Project { database: Some(download.clone()), ..Project::bundled(find("blog").unwrap()) }).unwrap();
        assert_eq!(tables(&plain.database_download(false).unwrap()), expected);
    }
}
