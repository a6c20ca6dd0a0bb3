//! What a terminal shows for a command's result, as Alembic's CLI prints it: warnings and the
//! migration log on stderr (the log in the ini's `[formatter_generic]` format, at the level
//! of `[logger_alembic]`), the command's text on stdout, interleaved in the order written
//! (`--sql` logs each step before its SQL), and for an error its log record (once env.py has
//! set up logging) and located frame on stderr, then `FAILED: <message>` on stdout. The CLI
//! prints it; the page's console shows the same parts.

use super::invoke::Failure;
use super::{CommandError, Level, LogRecord, Output};
use crate::config::IniFile;

/// The log's format and levels, from the ini.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logger {
    /// `None`: the ini has no logging set-up, so Alembic would print nothing.
    format: Option<String>,
    /// The level of Alembic's own records when no configured logger covers them (as before
    /// per-logger levels: `[logger_alembic]`'s, else INFO).
    level: Level,
    /// `[logger_X]` sections with a level: (qualname, level); a record takes the level of
    /// the longest qualname that is its name or a dotted parent of it, as `logging` does.
    levels: Vec<(String, Level)>,
    /// `[logger_root]`'s level (Python's default: WARNING), for every other logger — a
    /// revision file's `logging.getLogger(__name__)`.
    root: Level,
}

/// The format of Alembic's ini templates.
pub const TEMPLATE_FORMAT: &str = "%(levelname)-5.5s [%(name)s] %(message)s";

/// A `level = ...` value of the ini; `None` for NOTSET (the logger defers to its parent).
fn parse_level(text: &str) -> Option<Level> {
    match text.trim().to_uppercase().as_str() {
        "NOTSET" | "" => None,
        "DEBUG" => Some(Level::Debug),
        "INFO" => Some(Level::Info),
        "WARN" | "WARNING" => Some(Level::Warning),
        "ERROR" => Some(Level::Error),
        "CRITICAL" | "FATAL" => Some(Level::Critical),
        _ => Some(Level::Info),
    }
}

impl Logger {
    pub fn from_ini(ini: &IniFile) -> Logger {
        let format = ini.raw("formatter_generic", "format").map(str::to_string);
        let level = match ini.raw("logger_alembic", "level").map(str::to_uppercase).as_deref() {
            Some("DEBUG") | Some("NOTSET") => Level::Debug,
            Some("WARN") | Some("WARNING") => Level::Warning,
            Some("ERROR") | Some("CRITICAL") => Level::Error,
            _ => Level::Info,
        };
        let mut levels = Vec::new();
        let mut root = Level::Warning;
        let keys = ini.raw("loggers", "keys").unwrap_or_default();
        for key in keys.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            let section = format!("logger_{key}");
            let Some(l) = ini.raw(&section, "level").and_then(parse_level) else { continue };
            if key == "root" {
                root = l;
            } else if let Some(q) = ini.raw(&section, "qualname").map(str::trim).filter(|q| !q.is_empty()) {
                levels.push((q.to_string(), l));
            }
        }
        Logger { format, level, levels, root }
    }

    /// What Alembic's ini templates set up: `TEMPLATE_FORMAT`, `alembic` at INFO,
    /// `sqlalchemy.engine` and the root at WARNING.
    pub fn template() -> Logger {
        Logger {
            format: Some(TEMPLATE_FORMAT.to_string()),
            level: Level::Info,
            levels: vec![("sqlalchemy.engine".into(), Level::Warning), ("alembic".into(), Level::Info)],
            root: Level::Warning,
        }
    }

    /// The level a record of `logger` must reach to be shown.
    fn threshold(&self, logger: &str) -> Level {
        let covers = |q: &str| logger == q || logger.strip_prefix(q).is_some_and(|rest| rest.starts_with('.'));
        match self.levels.iter().filter(|(q, _)| covers(q)).max_by_key(|(q, _)| q.len()) {
            Some((_, l)) => *l,
            None if covers("alembic") => self.level,
            None => self.root,
        }
    }

    /// The record's line, if the ini logs it.
    pub fn render(&self, record: &LogRecord) -> Option<String> {
        let format = self.format.as_deref()?;
        (record.level >= self.threshold(&record.logger)).then(|| percent_format(format, record))
    }
}

/// The stream a part of a command's output goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What a terminal shows for one command, in the order Alembic writes it: `parts`, then our
/// `frame` (stderr), then `FAILED: <failed>` (stdout).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Console {
    /// What was written, in order, each part to one stream: `UserWarning: ...` lines, the log
    /// lines and the command's text (nothing with `-q`) as written, then an error's log
    /// record (`ERROR [alembic.util.messaging] ...`). Lines end with `\n`.
    pub parts: Vec<(Stream, String)>,
    /// Where a failure happened in a revision file, rustc-style: our addition, which Alembic
    /// does not print (its traceback is elsewhere), so kept apart from `parts`.
    pub frame: Option<String>,
    /// The text after `FAILED: ` (`None` when the command succeeded, or with `-q`).
    pub failed: Option<String>,
    /// 0, or 255 (Alembic's `sys.exit(-1)`) for a failure, or 1 for a traceback.
    pub exit_code: u8,
    /// Where `fail` began writing (how many parts, and the last one's length): `crash` takes
    /// the failure's log record back out, since Python's traceback replaces it.
    failed_from: Option<(usize, usize)>,
}

/// Alembic's exit code for `CommandError`.
pub const FAILED_EXIT_CODE: u8 = 255;

impl Console {
    /// A command's result (`invoke::run`'s): its output, or what it printed before failing
    /// and the failure.
    pub fn of(result: &Result<Output, Failure>, quiet: bool, logger: &Logger) -> Console {
        let mut console = Console::default();
        match result {
            Ok(out) => console.output(out, quiet, logger),
            Err((error, partial)) => {
                if let Some(out) = partial {
                    console.output(out, quiet, logger);
                }
                // Only env.py sets up logging (`fileConfig`), and its `context.configure` logs
                // first: a command that logged nothing never ran env.py (`heads`, `show`, the
                // refusals of its arguments), and its error is printed, not logged.
                let logged = partial.as_ref().is_some_and(|out| !out.log.is_empty());
                console.fail_with(error, quiet, logged.then_some(logger));
            }
        }
        console
    }

    /// All that went to `stream`, in order.
    pub fn text(&self, stream: Stream) -> String {
        self.parts.iter().filter(|(s, _)| *s == stream).map(|(_, text)| text.as_str()).collect()
    }

    fn write(&mut self, stream: Stream, text: &str) {
        match self.parts.last_mut() {
            _ if text.is_empty() => {}
            Some((last, written)) if *last == stream => written.push_str(text),
            _ => self.parts.push((stream, text.to_string())),
        }
    }

    /// Warnings, then the log lines and the text (unless `quiet`) in the order written.
    pub fn output(&mut self, out: &Output, quiet: bool, logger: &Logger) {
        for warning in &out.warnings {
            self.write(Stream::Stderr, "UserWarning: ");
            self.write(Stream::Stderr, warning);
            self.write(Stream::Stderr, "\n");
        }
        let mut printed = 0;
        for record in &out.log {
            let upto = record.printed_before.clamp(printed, out.stdout.len());
            if let (false, Some(text)) = (quiet, out.stdout.get(printed..upto)) {
                self.write(Stream::Stdout, text);
                printed = upto;
            }
            if let Some(line) = logger.render(record) {
                self.write(Stream::Stderr, &line);
                self.write(Stream::Stderr, "\n");
            }
        }
        if !quiet {
            self.write(Stream::Stdout, out.stdout.get(printed..).unwrap_or_default());
        }
    }

    /// A command error: logged, its frame (if it has one), `FAILED:`.
    pub fn fail_with(&mut self, error: &CommandError, quiet: bool, logger: Option<&Logger>) {
        self.fail(&error.to_string(), error.render().as_deref(), quiet, logger);
    }

    /// Real Alembic's process when the failure is not its `CommandError`
    /// (`super::traceback::of`): no log record and no `FAILED:`, Python's traceback on
    /// stderr, exit 1. The CLI's alone: the page's console keeps `FAILED:`.
    pub fn crash(&mut self, traceback: String) {
        if let Some((parts, len)) = self.failed_from.take() {
            self.parts.truncate(parts);
            if let Some((_, last)) = self.parts.last_mut() {
                last.truncate(len);
            }
            self.parts.retain(|(_, text)| !text.is_empty());
        }
        self.frame = None;
        self.write(Stream::Stderr, &traceback);
        self.failed = None;
        self.exit_code = super::traceback::TRACEBACK_EXIT_CODE;
    }

    /// Alembic's `util.err`: the message logged (when there is a logger: an error before the
    /// ini was read has none), the located frame, `FAILED: <message>` unless `quiet`, exit 255.
    pub fn fail(&mut self, message: &str, frame: Option<&str>, quiet: bool, logger: Option<&Logger>) {
        self.failed_from = Some((self.parts.len(), self.parts.last().map_or(0, |(_, text)| text.len())));
        let record =
            LogRecord { level: Level::Error, logger: "alembic.util.messaging".into(), message: message.to_string(), printed_before: 0 };
        if let Some(line) = logger.and_then(|l| l.render(&record)) {
            self.write(Stream::Stderr, &line);
            self.write(Stream::Stderr, "\n");
        }
        self.frame = frame.map(str::to_string);
        if !quiet {
            self.failed = Some(message.to_string());
        }
        self.exit_code = FAILED_EXIT_CODE;
    }
}

/// Python's `%(key)[-][width][.precision]s` formatting for the fields a record has.
fn percent_format(format: &str, record: &LogRecord) -> String {
    let mut out = String::new();
    let mut rest = format;
    while let Some(at) = rest.find("%(") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(close) = after.find(')') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let key = &after[..close];
        let spec_end = after[close + 1..].find(|c: char| c.is_ascii_alphabetic()).map(|i| close + 1 + i);
        let Some(conv_at) = spec_end else {
            out.push_str(&rest[at..]);
            return out;
        };
        let spec = &after[close + 1..conv_at];
        let value = match key {
            "levelname" => record.level.name().to_string(),
            "name" => record.logger.to_string(),
            "message" => record.message.clone(),
            _ => String::new(),
        };
        let left = spec.starts_with('-');
        let spec = spec.trim_start_matches('-');
        let (width, precision) = spec.split_once('.').map_or((spec, None), |(w, p)| (w, Some(p)));
        let mut value: String = match precision.and_then(|p| p.parse::<usize>().ok()) {
            Some(p) => value.chars().take(p).collect(),
            None => value,
        };
        if let Ok(w) = width.parse::<usize>() {
            let pad = w.saturating_sub(value.chars().count());
            if left {
                value.push_str(&" ".repeat(pad));
            } else {
                value = format!("{}{value}", " ".repeat(pad));
            }
        }
        out.push_str(&value);
        rest = &after[conv_at + 1..];
    }
    out.push_str(rest);
    out.replace("%%", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn running(printed_before: usize) -> LogRecord {
        LogRecord {
            level: Level::Info,
            logger: "alembic.runtime.migration".into(),
            message: "Running upgrade  -> a".into(),
            printed_before,
        }
    }

    #[test]
    fn a_failure_shows_what_ran_before_it_then_the_error() {
        let out = Output {
            stdout: "CREATE TABLE v;\nCREATE TABLE t;\n".into(),
            warnings: vec!["careful".into()],
            log: vec![running(16)],
            ..Output::default()
        };
        let failure: Failure = (CommandError::Usage("no".into()), Some(Box::new(out.clone())));
        let console = Console::of(&Err(failure), false, &Logger::template());
        assert_eq!(
            console.parts,
            [
                (Stream::Stderr, "UserWarning: careful\n".to_string()),
                (Stream::Stdout, "CREATE TABLE v;\n".to_string()),
                (Stream::Stderr, "INFO  [alembic.runtime.migration] Running upgrade  -> a\n".to_string()),
                (Stream::Stdout, "CREATE TABLE t;\n".to_string()),
                (Stream::Stderr, "ERROR [alembic.util.messaging] no\n".to_string()),
            ]
        );
        assert_eq!(console.text(Stream::Stdout), "CREATE TABLE v;\nCREATE TABLE t;\n");
        assert_eq!((console.failed.as_deref(), console.exit_code), (Some("no"), 255));
        // Before env.py ran, nothing set up logging (nor logged anything): printed, not logged.
        let before_env: Failure = (CommandError::Usage("no".into()), Some(Box::new(Output { log: Vec::new(), ..out })));
        assert_eq!(Console::of(&Err(before_env), false, &Logger::template()).text(Stream::Stderr), "UserWarning: careful\n");
        let quiet = Console::of(&Ok(Output { stdout: "x\n".into(), ..Output::default() }), true, &Logger::template());
        assert_eq!(quiet, Console::default());
    }

    #[test]
    fn formats_like_python_logging() {
        let record = running(0);
        assert_eq!(
            percent_format("%(levelname)-5.5s [%(name)s] %(message)s", &record),
            "INFO  [alembic.runtime.migration] Running upgrade  -> a"
        );
        let warning = LogRecord { level: Level::Warning, ..record };
        assert_eq!(percent_format("%(levelname)-5.5s|", &warning), "WARNI|");
    }
}
