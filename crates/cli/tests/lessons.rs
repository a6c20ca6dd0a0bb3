//! `alembic-playground lesson`: the list in course order, a solution replayed, an attempt file
//! met / not met / unreadable, and a teacher's own course with a broken lesson.

use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn lesson(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_alembic-playground")).arg("lesson").args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lesson-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_list_is_id_tab_title_in_course_order() {
    let run = lesson(&["--list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.len() >= 12, "{lines:?}");
    assert_eq!(lines[0], "chain\tThe chain and alembic_version");
    assert!(lines[9].starts_with("two-heads\t"), "{lines:?}");
}

#[test]
fn a_solution_meets_its_goal_and_says_so() {
    let run = lesson(&["two-heads", "--solution"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("$ merge heads -m \"merge alice and bob\"\n(wrote alembic/versions/"), "{}", run.stdout);
    assert!(run.stdout.ends_with("goal met in 2 moves (par 2)\n"), "{}", run.stdout);
}

#[test]
fn an_attempt_file_names_the_first_unmet_predicate_and_explains_failures() {
    let dir = temp("try");
    let file = dir.join("attempt.txt");
    std::fs::write(&file, "# at base\ndowngrade -1\nupgrade +1\n").unwrap();
    let run = lesson(&["1", "--try", file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("FAILED: Relative revision -1 didn't produce 1 migrations\n  why: Nothing is applied yet"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  try: upgrade head\n"), "{}", run.stdout);
    assert!(run.stdout.ends_with("goal 1 not yet: alembic_version holds b10900000004 — it holds b10900000001\n"), "{}", run.stdout);

    std::fs::write(&file, "upgrade +1\n!sql INSERT INTO posts (id, title) VALUES (9, 'mine')\nupgrade head\n").unwrap();
    let run = lesson(&["chain", "--try", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    std::fs::write(&file, "upgrade head\n!write alembic/versions/x.py\nrevision = 'x'\n").unwrap();
    let run = lesson(&["chain", "--try", file.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("attempt.txt: line 2: `!write alembic/versions/x.py` has no `!end` line"), "{}", run.stderr);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_ids_courses_and_arguments_exit_2() {
    assert_eq!(lesson(&["nope", "--solution"]).code, 2);
    assert_eq!(lesson(&["chain", "--solution", "--try", "x"]).code, 2);
    assert_eq!(lesson(&[]).code, 2);
    let dir = temp("course");
    std::fs::create_dir_all(dir.join("01-broken")).unwrap();
    std::fs::write(
        dir.join("01-broken/lesson.json"),
        "{\n  \"title\": \"x\",\n  \"project\": \"blog\",\n  \"goal\": [{\"hedas\": 1}]\n}\n",
    )
    .unwrap();
    let run = lesson(&["--course", dir.to_str().unwrap(), "--list"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("01-broken/lesson.json: line 4, column"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown variant `hedas`"), "{}", run.stderr);
    std::fs::remove_dir_all(dir).unwrap();
}
