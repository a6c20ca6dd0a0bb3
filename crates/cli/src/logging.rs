//! The migration log on stderr, formatted as the ini's `[formatter_generic]` says
//! (`%(levelname)-5.5s [%(name)s] %(message)s` in Alembic's templates), at the level of
//! `[logger_alembic]`.

use engine::command::{Level, LogRecord};
use engine::config::IniFile;

pub struct Logger {
    /// `None`: the ini has no logging set-up, so Alembic would print nothing.
    format: Option<String>,
    level: Level,
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
        Logger { format, level }
    }

    pub fn render(&self, record: &LogRecord) -> Option<String> {
        let format = self.format.as_deref()?;
        (record.level >= self.level).then(|| percent_format(format, record))
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

    #[test]
    fn formats_like_python_logging() {
        let record = LogRecord { level: Level::Info, logger: "alembic.runtime.migration", message: "Running upgrade  -> a".into() };
        assert_eq!(
            percent_format("%(levelname)-5.5s [%(name)s] %(message)s", &record),
            "INFO  [alembic.runtime.migration] Running upgrade  -> a"
        );
        let warning = LogRecord { level: Level::Warning, ..record };
        assert_eq!(percent_format("%(levelname)-5.5s|", &warning), "WARNI|");
    }
}
