//! Alembic command lines (`upgrade head --sql`, `history -r base:head -v`) parsed with
//! argparse's rules as Alembic's CLI declares them: options between positionals,
//! `--opt=value`, unique long-option prefixes, `-vi` clusters, and `-1` taken as a value (no
//! option looks like a negative number). Shared by the CLI (process arguments) and the web
//! console (a typed line, split with `split_line`); a usage error is exit code 2 in the CLI.

use std::fmt;

/// One parsed invocation.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Invocation {
    pub config: Option<String>,
    pub name: Option<String>,
    pub x_args: Vec<String>,
    pub raiseerr: bool,
    pub quiet: bool,
    pub command: Command,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub enum Command {
    #[default]
    None,
    Version,
    Heads {
        verbose: bool,
        resolve_dependencies: bool,
    },
    Branches {
        verbose: bool,
    },
    History {
        rev_range: Option<String>,
        verbose: bool,
        indicate_current: bool,
    },
    Show {
        rev: String,
    },
    Current {
        verbose: bool,
        check_heads: bool,
    },
    Upgrade {
        revision: String,
        sql: bool,
        tag: Option<String>,
    },
    Downgrade {
        revision: String,
        sql: bool,
        tag: Option<String>,
    },
    Stamp {
        revisions: Vec<String>,
        sql: bool,
        tag: Option<String>,
        purge: bool,
    },
}

/// An argparse usage error: the parser's usage, then `PROG: error: MESSAGE`; exit code 2.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError {
    /// The parser that reports it: `alembic`, or a subcommand's `alembic upgrade`.
    pub prog: String,
    pub message: String,
}

/// The command choices as argparse names the positional: `{branches,...,upgrade}`.
const CHOICES: &str =
    "{branches,check,current,downgrade,edit,ensure_version,heads,history,init,list_templates,merge,revision,show,stamp,upgrade}";

/// Each subparser's arguments in its usage line, as argparse wraps them on an 80-column
/// terminal (Alembic 1.20.1).
const SUB_USAGES: &[(&str, &str)] = &[
    ("alembic heads", "[-h] [-v] [--resolve-dependencies]"),
    ("alembic branches", "[-h] [-v]"),
    ("alembic history", "[-h] [-r REV_RANGE] [-v] [-i]"),
    ("alembic show", "[-h] rev"),
    ("alembic current", "[-h] [-c] [-v]"),
    ("alembic upgrade", "[-h] [--sql] [--tag TAG] revision"),
    ("alembic downgrade", "[-h] [--sql] [--tag TAG] revision"),
    ("alembic stamp", "[-h] [--sql] [--tag TAG] [--purge]\n                     revisions [revisions ...]"),
];

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prog = &self.prog;
        match SUB_USAGES.iter().find(|(p, _)| p == prog) {
            Some((_, arguments)) => write!(f, "usage: {prog} {arguments}")?,
            None => write!(f, "usage: alembic [-h] [--version] [-c CONFIG] [-n NAME] [-x X] [--raiseerr] [-q]\n               {CHOICES}\n               ...")?,
        }
        write!(f, "\n{prog}: error: {}", self.message)
    }
}

/// An option a (sub)parser accepts: its spellings and whether it takes a value.
struct Opt {
    short: Option<&'static str>,
    long: &'static str,
    takes_value: bool,
}

const fn flag(short: Option<&'static str>, long: &'static str) -> Opt {
    Opt { short, long, takes_value: false }
}
const fn valued(short: Option<&'static str>, long: &'static str) -> Opt {
    Opt { short, long, takes_value: true }
}

const MAIN_OPTS: &[Opt] = &[
    valued(Some("-c"), "--config"),
    valued(Some("-n"), "--name"),
    valued(Some("-x"), "-x"),
    flag(None, "--raiseerr"),
    flag(Some("-q"), "--quiet"),
    flag(None, "--version"),
];

const COMMANDS: &[&str] = &[
    "branches",
    "check",
    "current",
    "downgrade",
    "edit",
    "ensure_version",
    "heads",
    "history",
    "init",
    "list_templates",
    "merge",
    "revision",
    "show",
    "stamp",
    "upgrade",
];

const HEADS_OPTS: &[Opt] = &[flag(Some("-v"), "--verbose"), flag(None, "--resolve-dependencies")];
const BRANCHES_OPTS: &[Opt] = &[flag(Some("-v"), "--verbose")];
const HISTORY_OPTS: &[Opt] = &[valued(Some("-r"), "--rev-range"), flag(Some("-v"), "--verbose"), flag(Some("-i"), "--indicate-current")];
const CURRENT_OPTS: &[Opt] = &[flag(Some("-v"), "--verbose"), flag(Some("-c"), "--check-heads")];
const MIGRATE_OPTS: &[Opt] = &[flag(None, "--sql"), valued(None, "--tag")];
const STAMP_OPTS: &[Opt] = &[flag(None, "--sql"), valued(None, "--tag"), flag(None, "--purge")];

fn sub_opts(command: &str) -> &'static [Opt] {
    match command {
        "heads" => HEADS_OPTS,
        "branches" => BRANCHES_OPTS,
        "history" => HISTORY_OPTS,
        "current" => CURRENT_OPTS,
        "upgrade" | "downgrade" => MIGRATE_OPTS,
        "stamp" => STAMP_OPTS,
        _ => &[],
    }
}

/// argparse's `_negative_number_matcher`: `-1`, `-2.5`, `-.5`.
fn looks_negative_number(arg: &str) -> bool {
    let Some(rest) = arg.strip_prefix('-') else { return false };
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(a, b)| (a, Some(b)));
    match frac {
        None => !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()),
        Some(f) => int.bytes().all(|b| b.is_ascii_digit()) && !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()),
    }
}

fn is_option_like(arg: &str) -> bool {
    arg.starts_with('-') && arg != "-" && !looks_negative_number(arg)
}

/// What `scan` found: (option name, value) pairs, positionals, and options it does not know
/// (argparse's extras), in order, each argument with its index; and how many arguments it read.
struct Scanned {
    found: Vec<(&'static str, Option<String>)>,
    positionals: Vec<(usize, String)>,
    unknown: Vec<(usize, String)>,
    consumed: usize,
}

/// Parses options and positionals of one (sub)parser.
fn scan(prog: &str, args: &[String], opts: &[Opt], stop_at_first_positional: bool) -> Result<Scanned, UsageError> {
    let err = |message: String| UsageError { prog: prog.to_string(), message };
    let mut found = Vec::new();
    let mut positionals = Vec::new();
    let mut unknown = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" {
            positionals.extend(args.iter().cloned().enumerate().skip(i + 1));
            i = args.len();
            break;
        }
        if !is_option_like(arg) {
            if stop_at_first_positional {
                break;
            }
            positionals.push((i, arg.clone()));
            i += 1;
            continue;
        }
        if arg.starts_with("--") {
            let (name, inline) = arg.split_once('=').map_or((arg.as_str(), None), |(n, v)| (n, Some(v.to_string())));
            let exact = opts.iter().find(|o| o.long == name);
            let candidates: Vec<&Opt> = match exact {
                Some(o) => vec![o],
                None => opts.iter().filter(|o| o.long.starts_with("--") && o.long.starts_with(name)).collect(),
            };
            let opt = match candidates.as_slice() {
                [one] => *one,
                [] => {
                    unknown.push((i, arg.clone()));
                    i += 1;
                    continue;
                }
                many => {
                    let names: Vec<&str> = many.iter().map(|o| o.long).collect();
                    return Err(err(format!("ambiguous option: {name} could match {}", names.join(", "))));
                }
            };
            i += 1;
            if opt.takes_value {
                let value = match inline {
                    Some(v) => v,
                    None if i < args.len() && !is_option_like(&args[i]) => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => return Err(err(format!("argument {}: expected one argument", display(opt)))),
                };
                found.push((opt.long, Some(value)));
            } else if inline.is_some() {
                return Err(err(format!("argument {}: ignored explicit argument '{}'", display(opt), inline.unwrap())));
            } else {
                found.push((opt.long, None));
            }
            continue;
        }
        // Short options, possibly clustered (`-vi`) or with an attached value (`-rA:B`).
        let chars = arg[1..].char_indices();
        i += 1;
        for (at, c) in chars {
            let short = format!("-{c}");
            let Some(opt) = opts.iter().find(|o| o.short == Some(short.as_str()) || o.long == short) else {
                unknown.push((i - 1, arg.clone()));
                break;
            };
            if opt.takes_value {
                let attached = &arg[1 + at + c.len_utf8()..];
                let value = if !attached.is_empty() {
                    attached.strip_prefix('=').unwrap_or(attached).to_string()
                } else if i < args.len() && !is_option_like(&args[i]) {
                    i += 1;
                    args[i - 1].clone()
                } else {
                    return Err(err(format!("argument {}: expected one argument", display(opt))));
                };
                found.push((opt.long, Some(value)));
                break;
            }
            found.push((opt.long, None));
        }
    }
    Ok(Scanned { found, positionals, unknown, consumed: i })
}

fn display(opt: &Opt) -> String {
    match opt.short {
        Some(s) if s != opt.long => format!("{s}/{}", opt.long),
        _ => opt.long.to_string(),
    }
}

pub fn parse(args: &[String]) -> Result<Invocation, UsageError> {
    let prog = "alembic".to_string();
    let err = |message: String| UsageError { prog: prog.clone(), message };
    let Scanned { found, unknown: mut extras, consumed, .. } = scan(&prog, args, MAIN_OPTS, true)?;
    let mut inv = Invocation::default();
    for (name, value) in found {
        match name {
            "--config" => inv.config = value,
            "--name" => inv.name = value,
            "-x" => inv.x_args.extend(value),
            "--raiseerr" => inv.raiseerr = true,
            "--quiet" => inv.quiet = true,
            "--version" => inv.command = Command::Version,
            _ => unreachable!("only main options are scanned"),
        }
    }
    // Arguments no parser took, in the order typed: the main parser reports them last.
    let unrecognized = |extras: Vec<(usize, String)>| -> UsageError {
        let typed: Vec<&str> = (0..args.len()).filter_map(|i| extras.iter().find(|(at, _)| *at == i)).map(|(_, w)| w.as_str()).collect();
        err(format!("unrecognized arguments: {}", typed.join(" ")))
    };
    if inv.command == Command::Version {
        return Ok(inv);
    }
    let Some(command) = args.get(consumed) else {
        return Err(if extras.is_empty() { err("too few arguments".into()) } else { unrecognized(extras) });
    };
    if !COMMANDS.contains(&command.as_str()) {
        return Err(err(format!(
            "argument {CHOICES}: invalid choice: '{command}' (choose from {})",
            COMMANDS.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ")
        )));
    }
    let sub_prog = format!("alembic {command}");
    let sub = scan(&sub_prog, &args[consumed + 1..], sub_opts(command), false)?;
    let at = consumed + 1;
    extras.extend(sub.unknown.into_iter().map(|(i, w)| (at + i, w)));
    let (found, positionals) = (sub.found, sub.positionals);
    let sub_err = |message: String| UsageError { prog: sub_prog.clone(), message };
    let has = |name: &str| found.iter().any(|(n, _)| *n == name);
    let value = |name: &str| found.iter().rev().find(|(n, _)| *n == name).and_then(|(_, v)| v.clone());
    // The positionals a subcommand takes; the rest join the extras.
    let mut taken = 0;
    let mut one_positional = |what: &str| -> Result<String, UsageError> {
        taken = 1;
        match positionals.first() {
            Some((_, one)) => Ok(one.clone()),
            None => Err(sub_err(format!("the following arguments are required: {what}"))),
        }
    };
    inv.command = match command.as_str() {
        "heads" => Command::Heads { verbose: has("--verbose"), resolve_dependencies: has("--resolve-dependencies") },
        "branches" => Command::Branches { verbose: has("--verbose") },
        "history" => {
            Command::History { rev_range: value("--rev-range"), verbose: has("--verbose"), indicate_current: has("--indicate-current") }
        }
        "current" => Command::Current { verbose: has("--verbose"), check_heads: has("--check-heads") },
        "show" => Command::Show { rev: one_positional("rev")? },
        "upgrade" => Command::Upgrade { revision: one_positional("revision")?, sql: has("--sql"), tag: value("--tag") },
        "downgrade" => Command::Downgrade { revision: one_positional("revision")?, sql: has("--sql"), tag: value("--tag") },
        "stamp" => {
            if positionals.is_empty() {
                return Err(sub_err("the following arguments are required: revisions".into()));
            }
            taken = positionals.len();
            Command::Stamp {
                revisions: positionals.iter().map(|(_, w)| w.clone()).collect(),
                sql: has("--sql"),
                tag: value("--tag"),
                purge: has("--purge"),
            }
        }
        other => return Err(err(format!("the '{other}' command is not available in alembic-playground"))),
    };
    extras.extend(positionals.into_iter().skip(taken).map(|(i, w)| (at + i, w)));
    if !extras.is_empty() {
        return Err(unrecognized(extras));
    }
    Ok(inv)
}

/// Splits a typed line into words as a POSIX shell would for plain and quoted words.
pub fn split_line(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            None => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if let Some(q) = quote {
        return Err(format!("unterminated {q} quote"));
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: &str) -> Result<Invocation, UsageError> {
        parse(&line.split_whitespace().map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn options_values_and_negative_numbers() {
        let inv = p("-c alembic.ini history -r base:current -v").unwrap();
        assert_eq!(inv.config.as_deref(), Some("alembic.ini"));
        // `-1:current` is not a negative number, so argparse takes it for an option.
        assert_eq!(p("history -r -1:current").unwrap_err().message, "argument -r/--rev-range: expected one argument");
        assert_eq!(
            p("history --rev-range=-1:current -vi").unwrap().command,
            Command::History { rev_range: Some("-1:current".into()), verbose: true, indicate_current: true }
        );
        assert_eq!(p("downgrade -1").unwrap().command, Command::Downgrade { revision: "-1".into(), sql: false, tag: None });
        assert_eq!(p("heads --verb --resolve").unwrap().command, Command::Heads { verbose: true, resolve_dependencies: true });
    }

    #[test]
    fn splits_typed_lines() {
        assert_eq!(split_line("upgrade  head --sql").unwrap(), ["upgrade", "head", "--sql"]);
        assert_eq!(split_line("stamp 'a b' \"c\"").unwrap(), ["stamp", "a b", "c"]);
        assert!(split_line("show 'x").is_err());
    }

    #[test]
    fn usage_errors() {
        assert_eq!(p("show a b").unwrap_err().message, "unrecognized arguments: b");
        assert_eq!(p("show").unwrap_err().message, "the following arguments are required: rev");
        assert!(p("frobnicate").unwrap_err().message.starts_with("argument {branches,check,"), "{}", p("frobnicate").unwrap_err());
        assert_eq!(
            p("upgrade head extra --bogus").unwrap_err().to_string().lines().last(),
            Some("alembic: error: unrecognized arguments: extra --bogus")
        );
        assert_eq!(p("upgrade --bogus").unwrap_err().message, "the following arguments are required: revision");
        assert_eq!(p("current -c").unwrap().command, Command::Current { verbose: false, check_heads: true });
        assert_eq!(p("history -r").unwrap_err().message, "argument -r/--rev-range: expected one argument");
        assert_eq!(
            p("stamp a b --purge").unwrap().command,
            Command::Stamp { revisions: vec!["a".into(), "b".into()], sql: false, tag: None, purge: true }
        );
    }
}
