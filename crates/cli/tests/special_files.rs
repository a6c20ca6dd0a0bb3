//! A FIFO (or another non-regular file) among the revision files, or as `alembic.ini` or
//! `env.py`, is refused with a message naming it; it used to hang the CLI in `open`.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

/// Runs the CLI, killing it if it has not finished within ten seconds (a hang).
fn run_bounded(project: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alembic-playground"))
        .args(args)
        .current_dir(project)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run alembic-playground");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stdout = String::new();
            std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut stdout).unwrap();
            return (status.code().unwrap_or(-1), stdout);
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("alembic-playground {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn fifos_are_refused_not_read() {
    let src = repo_root().join("tests/scenarios/op_fail_halfway/project");
    let project = copy_project(&src, "fifo");
    let versions = project.join("migrations/versions");

    // A FIFO named like a revision file.
    let fifo = versions.join("x.py");
    mkfifo(&fifo);
    for args in [&["heads"][..], &["upgrade", "head"], &["history"]] {
        let (code, stdout) = run_bounded(&project, args);
        assert_eq!(code, 255, "{args:?}: {stdout}");
        assert!(
            stdout.contains(&format!("FAILED: {} is not a regular file (a FIFO); refusing to read it", fifo.display())),
            "{args:?}: {stdout}"
        );
    }
    assert!(!project.join("test.db").exists() || std::fs::metadata(project.join("test.db")).unwrap().len() == 0);

    // A symlink to a FIFO, named like a revision file.
    std::fs::remove_file(&fifo).unwrap();
    let outside = project.join("pipe");
    mkfifo(&outside);
    std::os::unix::fs::symlink(&outside, versions.join("y.py")).unwrap();
    let (code, stdout) = run_bounded(&project, &["heads"]);
    assert_eq!(code, 255, "{stdout}");
    assert!(stdout.contains("y.py is not a regular file (a FIFO)"), "{stdout}");
    std::fs::remove_file(versions.join("y.py")).unwrap();

    // A FIFO that is not named *.py is not a revision file: ignored, as Alembic does.
    mkfifo(&versions.join("notes"));
    let (code, stdout) = run_bounded(&project, &["heads"]);
    assert_eq!(code, 0, "{stdout}");

    // env.py and alembic.ini.
    let env = project.join("migrations/env.py");
    std::fs::remove_file(&env).unwrap();
    mkfifo(&env);
    let (code, stdout) = run_bounded(&project, &["heads"]);
    assert_eq!(code, 255, "{stdout}");
    assert!(stdout.contains("env.py is not a regular file (a FIFO)"), "{stdout}");
    let ini = project.join("alembic.ini");
    std::fs::remove_file(&ini).unwrap();
    mkfifo(&ini);
    let (code, stdout) = run_bounded(&project, &["heads"]);
    assert_ne!(code, 0, "{stdout}");
    assert!(stdout.contains("alembic.ini is not a regular file (a FIFO)"), "{stdout}");
    let _ = std::fs::remove_dir_all(&project);
}
