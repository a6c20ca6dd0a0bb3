//! `alembic-playground lesson --list | ID [--solution | --try FILE] [--course DIR]`: the
//! course of `playground::lessons` without a browser, for teachers' CI and ours. Each move
//! prints what the page's console shows (with the explanation under a FAILED line); the
//! goal is checked by the same code as the page's. Exit 0 when the goal is met, 1 naming the
//! first predicate that is not, 2 for a bad lesson, course or attempt file.

use std::path::PathBuf;
use std::process::ExitCode;

use playground::explain::{self, Context};
use playground::lessons::course::{Course, CourseLesson};
use playground::lessons::{self, script, Attempt, Move};

pub const USAGE: &str = "usage: alembic-playground lesson [--course DIR] (--list | ID [--solution | --try FILE])";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct LessonArgs {
    pub course: Option<String>,
    pub list: bool,
    pub id: Option<String>,
    pub solution: bool,
    pub try_file: Option<String>,
}

/// `Some` when the first argument is `lesson`; then the arguments or a usage error.
pub fn parse(argv: &[String]) -> Option<Result<LessonArgs, String>> {
    if argv.first().map(String::as_str) != Some("lesson") {
        return None;
    }
    let mut args = LessonArgs::default();
    let mut rest = argv[1..].iter();
    let usage = |why: &str| Err(format!("{USAGE}\nerror: {why}"));
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--list" => args.list = true,
            "--solution" => args.solution = true,
            "--try" => match rest.next() {
                Some(f) => args.try_file = Some(f.clone()),
                None => return Some(usage("argument --try: expected a file")),
            },
            "--course" => match rest.next() {
                Some(d) => args.course = Some(d.clone()),
                None => return Some(usage("argument --course: expected a folder")),
            },
            flag if flag.starts_with('-') => return Some(usage(&format!("unrecognized argument: {flag}"))),
            id if args.id.is_none() => args.id = Some(id.to_string()),
            extra => return Some(usage(&format!("unrecognized argument: {extra}"))),
        }
    }
    let ok = if args.list {
        args.id.is_none() && !args.solution && args.try_file.is_none()
    } else {
        args.id.is_some() && !(args.solution && args.try_file.is_some())
    };
    if !ok {
        return Some(usage("give --list, or a lesson id with at most one of --solution and --try FILE"));
    }
    Some(Ok(args))
}

fn load(args: &LessonArgs) -> Result<Course, String> {
    match &args.course {
        // A teacher's own folder: its projects in DIR/projects, or in migrations/ beside it.
        Some(dir) => {
            let dir = PathBuf::from(dir);
            let migrations = dir.parent().map(|p| p.join("migrations")).unwrap_or_default();
            Course::load(&dir, &migrations)
        }
        None => Course::of_repository(),
    }
    .map_err(|e| e.to_string())
}

fn bad(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

pub fn run(args: &LessonArgs) -> ExitCode {
    let course = match load(args) {
        Ok(c) => c,
        Err(e) => return bad(&e),
    };
    if args.list {
        for l in &course.lessons {
            println!("{}\t{}", l.id, l.lesson.title);
        }
        return ExitCode::SUCCESS;
    }
    let id = args.id.as_deref().unwrap_or_default();
    let Some(cl) = course.find(id) else {
        return bad(&format!("no lesson {id:?} (`alembic-playground lesson --list` lists them)"));
    };
    let moves = if args.solution {
        cl.lesson.solution.clone()
    } else if let Some(file) = &args.try_file {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => return bad(&format!("{file}: {e}")),
        };
        match script::parse(&text) {
            Ok(m) => m,
            Err(e) => return bad(&format!("{file}: {e}")),
        }
    } else {
        show(cl);
        return ExitCode::SUCCESS;
    };
    play(cl, &moves)
}

/// The lesson as the page's panel shows it: title, story, goal, hints.
fn show(cl: &CourseLesson) {
    let l = &cl.lesson;
    println!("{}\n\n{}\nGoal:", l.title, l.story.trim_end());
    for p in &l.goal {
        println!("  - {}", lessons::describe(p));
    }
    println!("Par: {} command{}", l.par, if l.par == 1 { "" } else { "s" });
    if !l.disabled.is_empty() {
        println!("Switched off: {}", l.disabled.join(", "));
    }
}

fn play(cl: &CourseLesson, moves: &[Move]) -> ExitCode {
    let mut attempt = match Attempt::begin(playground::scenarios::from_migrations_dir(), cl.project.clone(), &cl.lesson) {
        Ok(a) => a,
        Err(e) => return bad(&format!("lesson {}: {e}", cl.id)),
    };
    for mv in moves {
        let before = attempt.ws.transcript.len();
        let now = attempt.auto_now();
        let played = attempt.play(mv, now);
        match mv {
            Move::Line(line) => println!("$ {line}"),
            Move::Sql { sql } => println!("SQL> {sql}"),
            Move::Write { write, .. } => println!("(wrote {write})"),
            Move::Edit { edit, .. } => println!("(edited {edit})"),
            Move::Production { production } => println!("(environment: {})", if *production { "production" } else { "development" }),
        }
        if let Err(refused) = played {
            println!("refused: {refused}");
            continue;
        }
        if before == attempt.ws.transcript.len() {
            if let (Move::Line(_), Some(path)) = (mv, &attempt.ws.editing) {
                println!("(wrote {path})");
            }
        }
        for entry in &attempt.ws.transcript[before..] {
            // Both streams as the console shows them, in order (the lesson's transcript).
            print!("{}", entry.terminal());
            let cx = Context { graph: &attempt.ws.graph, version_rows: &attempt.ws.snapshot.version_rows };
            if let Some(e) = explain::explain(entry, &cx) {
                println!("  why: {}", e.text);
                if let Some(line) = e.try_instead {
                    println!("  try: {line}");
                }
            }
        }
    }
    match lessons::check(&cl.lesson.goal, &attempt.ws) {
        Ok(()) => {
            println!("goal met in {} move{} (par {})", attempt.moves, if attempt.moves == 1 { "" } else { "s" }, cl.lesson.par);
            ExitCode::SUCCESS
        }
        Err(unmet) => {
            println!("goal {} {unmet}", unmet.index + 1);
            ExitCode::from(1)
        }
    }
}
