//! `alembic-playground [-c alembic.ini] check [--against-copy] [--seed FILE.sql]
//! [--format human|json] [--junit FILE]`: the safety checks of `playground::check` on a
//! throwaway database. Exit 0 clean, 1 with findings at error level, 2 for usage errors.

use std::process::ExitCode;

use playground::check::{self, report, CheckInput, Seed};

use crate::project_files::{self, Project};

pub const USAGE: &str =
    "usage: alembic-playground [-c CONFIG] [-n NAME] check [--against-copy] [--seed FILE.sql] [--format {human,json}] [--junit FILE]";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct CheckArgs {
    pub config: Option<String>,
    pub name: Option<String>,
    pub against_copy: bool,
    pub seed: Option<String>,
    pub json: bool,
    pub junit: Option<String>,
}

/// `Some` when the command word is `check` (after the global options); then the arguments or
/// a usage error.
pub fn parse(argv: &[String]) -> Option<Result<CheckArgs, String>> {
    let mut args = CheckArgs::default();
    let mut i = 0;
    // Global options before the command word.
    while i < argv.len() {
        let a = argv[i].as_str();
        let value = |i: usize| argv.get(i + 1).cloned();
        match a {
            "-c" | "--config" => args.config = value(i),
            "-n" | "--name" => args.name = value(i),
            "-x" => {}
            "check" => break,
            a if a.starts_with("--config=") => {
                args.config = Some(a["--config=".len()..].to_string());
                i += 1;
                continue;
            }
            a if a.starts_with('-') => {
                i += 1;
                continue;
            }
            _ => return None,
        }
        i += if a == "check" { 0 } else { 2 };
    }
    if argv.get(i).map(String::as_str) != Some("check") {
        return None;
    }
    let mut rest = argv[i + 1..].iter();
    while let Some(a) = rest.next() {
        let mut value = |flag: &str| rest.next().cloned().ok_or_else(|| format!("{USAGE}\nerror: argument {flag}: expected one argument"));
        match a.as_str() {
            "--against-copy" => args.against_copy = true,
            "--seed" => match value("--seed") {
                Ok(v) => args.seed = Some(v),
                Err(e) => return Some(Err(e)),
            },
            "--junit" => match value("--junit") {
                Ok(v) => args.junit = Some(v),
                Err(e) => return Some(Err(e)),
            },
            "--format" => match value("--format").as_deref() {
                Ok("json") => args.json = true,
                Ok("human") => args.json = false,
                Ok(other) => {
                    return Some(Err(format!("{USAGE}\nerror: argument --format: invalid choice: '{other}' (choose from 'human', 'json')")))
                }
                Err(e) => return Some(Err(e.clone())),
            },
            other => return Some(Err(format!("{USAGE}\nerror: unrecognized arguments: {other}"))),
        }
    }
    Some(Ok(args))
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let ini_path = args.config.clone().or_else(|| std::env::var("ALEMBIC_CONFIG").ok()).unwrap_or_else(|| "alembic.ini".to_string());
    let project = match Project::open(&ini_path, args.name.as_deref().unwrap_or("alembic")) {
        Ok(p) => p,
        Err(e) => return usage_error(&format!("error: {e}")),
    };
    let source = match project.script_source() {
        Ok(s) => s,
        Err(e) => return usage_error(&format!("error: {e}")),
    };
    let options = match &project.env {
        Ok(o) => o.clone(),
        Err(e) => return usage_error(&format!("error: {e}")),
    };
    let seed = match &args.seed {
        Some(path) => match project_files::read_text(path) {
            Ok(sql) => Some(Seed { name: path.clone(), sql }),
            Err(e) => return usage_error(&format!("error: {e}")),
        },
        None => None,
    };
    let copy = if args.against_copy {
        match project_files::read_database_copy(project.config.sqlalchemy_url.as_deref()) {
            Ok(bytes) => Some(bytes),
            Err(e) => return usage_error(&format!("error: {e}")),
        }
    } else {
        None
    };
    let mut found = check::check(&CheckInput { source, options, seed, copy, modules: project.python_modules() });
    found.relative_to(&project_files::project_root(&ini_path));
    if let Some(path) = &args.junit {
        if let Err(e) = project_files::write_text(path, &report::junit::render(&found)) {
            return usage_error(&format!("error: {e}"));
        }
    }
    let text = if args.json { report::json::render(&found) } else { report::human::render(&found) };
    print!("{text}");
    ExitCode::from(found.exit_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn finds_the_command_word_after_global_options() {
        let a = parse(&argv("-c x.ini check --seed s.sql --format json --junit r.xml")).unwrap().unwrap();
        assert_eq!(a.config.as_deref(), Some("x.ini"));
        assert_eq!(a.seed.as_deref(), Some("s.sql"));
        assert!(a.json);
        assert_eq!(a.junit.as_deref(), Some("r.xml"));
        assert!(parse(&argv("-c x.ini upgrade head")).is_none());
        assert!(parse(&argv("-c check upgrade head")).is_none(), "`check` as the value of -c is not the command");
        assert!(parse(&argv("check --format xml")).unwrap().is_err());
        assert!(parse(&argv("check --seed")).unwrap().is_err());
        assert!(parse(&argv("check --bogus")).unwrap().is_err());
    }
}
