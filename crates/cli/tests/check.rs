//! `alembic-playground check`: goldens for every example and scenario project, the hazard
//! projects (tests/check/projects/) and their clean variants, exit codes and the three
//! formats through the binary. `UPDATE_GOLDEN=1` rewrites tests/check/golden/*.txt.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::*;

fn check(project: &Path, args: &[&str]) -> Run {
    let args: Vec<String> = std::iter::once("check").chain(args.iter().copied()).map(String::from).collect();
    run_cli(project, &args)
}

fn projects() -> Vec<(String, PathBuf)> {
    let root = repo_root();
    let mut out = Vec::new();
    for (dir, sub) in [("migrations", ""), ("tests/scenarios", "project")] {
        let mut names: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().flatten().filter(|e| e.path().is_dir()).collect();
        names.sort_by_key(|e| e.file_name());
        for e in names {
            let path = if sub.is_empty() { e.path() } else { e.path().join(sub) };
            if path.join("alembic.ini").exists() {
                out.push((format!("{}__{}", dir.replace('/', "_"), e.file_name().to_string_lossy()), path));
            }
        }
    }
    out
}

#[test]
fn goldens_for_every_project() {
    let golden_dir = repo_root().join("tests/check/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for (name, path) in projects() {
        let run = check(&path, &[]);
        let text = format!("exit: {}\n{}", run.exit_code, run.stdout);
        let file = golden_dir.join(format!("{name}.txt"));
        if update {
            std::fs::create_dir_all(&golden_dir).unwrap();
            std::fs::write(&file, &text).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            failures.push(format!("{name}: differs from {} (UPDATE_GOLDEN=1 rewrites)\n{text}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn json(project: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let run = check(project, &all);
    (run.exit_code, serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout)))
}

fn codes(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string()))
        .collect()
}

fn hazard(name: &str) -> PathBuf {
    repo_root().join("tests/check/projects").join(name)
}

#[test]
fn each_hazard_is_found_on_the_seeded_data_and_its_clean_variant_passes() {
    let cases = [
        ("fk_cascade", "batch-cascade-delete", "3 rows of books"),
        ("not_null", "not-null-without-default", "users has 3 rows"),
        ("unique_dups", "unique-on-duplicates", "1 duplicated value in 2 rows of users"),
        ("drop_add", "drop-add-column", "3 values of users.name lost"),
    ];
    for (project, code, note) in cases {
        let (exit, report) = json(&hazard(project), &["--seed", "seed.sql"]);
        assert_eq!(exit, 1, "{project}: {report}");
        let found =
            report["findings"].as_array().unwrap().iter().find(|f| f["code"] == code).unwrap_or_else(|| panic!("{project}: {report}"));
        assert_eq!(found["severity"], "error", "{project}");
        assert_eq!(found["revision"], "c0c000000002", "{project}");
        assert_eq!(found["file"], "alembic/versions/c0c000000002_change.py", "{project}");
        assert!(found["line"].as_u64().unwrap() > 20, "{project}: points into upgrade()/downgrade()");
        assert!(found["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains(note)), "{project}: {found}");

        let clean = format!("{project}_clean");
        let (exit, report) = json(&hazard(&clean), &["--seed", "seed.sql"]);
        assert_eq!(exit, 0, "{clean}: {report}");
        assert!(codes(&report).iter().all(|(c, s)| c != code && s != "error"), "{clean}: {report}");
    }
}

#[test]
fn without_data_the_schema_hazards_are_still_warned_and_counted_hazards_are_not() {
    let (exit, report) = json(&hazard("not_null"), &[]);
    assert_eq!(exit, 0);
    assert_eq!(codes(&report), [("not-null-without-default".to_string(), "warning".to_string())]);
    let (_, report) = json(&hazard("fk_cascade"), &[]);
    assert!(!codes(&report).iter().any(|(c, _)| c == "batch-cascade-delete"), "no rows, nothing cascades: {report}");
}

/// What real Alembic 1.20.1 did on tests/check/projects/fk_cascade with PRAGMA foreign_keys=ON
/// (tests/tools/fk_cascade_alembic.py): the upgrade succeeds and the child rows are gone.
/// Our count of the rows at risk must be what Alembic really deleted.
#[test]
fn fk_cascade_count_matches_what_real_alembic_deleted() {
    let golden = repo_root().join("tests/check/fk_cascade_alembic.json");
    let text = std::fs::read_to_string(&golden)
        .unwrap_or_else(|e| panic!("{}: {e} (recorded by tests/tools/fk_cascade_alembic.py)", golden.display()));
    let real: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(real["exit_code"], 0, "real Alembic finishes without error");
    let lost = real["books_before"].as_i64().unwrap() - real["books_after"].as_i64().unwrap();
    assert!(lost > 0);
    let (_, report) = json(&hazard("fk_cascade"), &["--seed", "seed.sql"]);
    let found = report["findings"].as_array().unwrap().iter().find(|f| f["code"] == "batch-cascade-delete").unwrap();
    assert!(found["notes"][0].as_str().unwrap().starts_with(&format!("{lost} rows of books")), "{found} vs {real}");
}

#[test]
fn noqa_on_the_line_silences_the_finding() {
    let project = copy_project(&hazard("unique_dups"), "check-noqa");
    let file = project.join("alembic/versions/c0c000000002_change.py");
    let text = std::fs::read_to_string(&file).unwrap();
    let (exit, _) = json(&project, &["--seed", "seed.sql"]);
    assert_eq!(exit, 1);
    std::fs::write(&file, text.replace("unique=True)", "unique=True)  # noqa: unique-on-duplicates")).unwrap();
    let (exit, report) = json(&project, &["--seed", "seed.sql"]);
    assert_eq!(exit, 0, "{report}");
    assert!(!codes(&report).iter().any(|(c, _)| c == "unique-on-duplicates"));
    let _ = std::fs::remove_dir_all(&project);
}

#[test]
fn exit_codes_and_formats() {
    let clean = repo_root().join("tests/scenarios/mg_linear/project");
    let run = check(&clean, &[]);
    assert_eq!(run.exit_code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "check: 0 errors, 0 warnings, 0 notes (5 revisions checked)\n");

    let failing = repo_root().join("migrations/fail_halfway");
    let run = check(&failing, &[]);
    assert_eq!(run.exit_code, 1);
    assert!(run.stdout.starts_with("error[upgrade-fails]: "), "{}", run.stdout);
    assert!(run.stdout.contains(" --> alembic/versions/fa1100000002_add_price.py:26:5\n"), "rustc-style location: {}", run.stdout);

    let (exit, report) = json(&failing, &[]);
    assert_eq!(exit, 1);
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["findings"][0]["line"], 26);
    assert_eq!(report["findings"][0]["column"], 5);

    for bad in [&["--format", "xml"][..], &["--seed"], &["--bogus"], &["--seed", "no-such-file.sql"]] {
        let run = check(&clean, bad);
        assert_eq!(run.exit_code, 2, "{bad:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    let run = check(&clean, &["--against-copy"]);
    assert_eq!(run.exit_code, 2, "no database file to copy: {}", run.stderr);
}

#[test]
fn junit_report_is_escaped_xml_with_a_case_per_revision() {
    let out = std::env::temp_dir().join(format!("check-junit-{}.xml", std::process::id()));
    let project = hazard("unique_dups");
    let run = check(&project, &["--seed", "seed.sql", "--junit", out.to_str().unwrap()]);
    assert_eq!(run.exit_code, 1);
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert_eq!(xml.matches("<testcase ").count(), 3, "history + 2 revisions: {xml}");
    assert!(xml.contains("<failure type=\"unique-on-duplicates\""), "{xml}");
    assert!(xml.contains("alembic/versions/c0c000000002_change.py:"), "{xml}");
    // The help text quotes code: quotes are escaped inside attributes and text.
    assert!(!xml.contains("(\"why\")") && !xml.contains("=\"member\""), "{xml}");
    assert_eq!(xml.matches("<testcase").count(), xml.matches("</testcase>").count());
    let _ = std::fs::remove_file(&out);
}

#[test]
fn against_copy_reports_drift_and_never_writes_the_database() {
    let project = copy_project(&repo_root().join("tests/scenarios/ro_linear/project"), "check-copy");
    assert_eq!(run_cli(&project, &shell_split("-x record_applied=true upgrade head")).exit_code, 0);
    let db = project.join("test.db");
    let before = std::fs::read(&db).unwrap();
    let (exit, report) = json(&project, &["--against-copy"]);
    assert_eq!(exit, 0, "{report}");
    assert!(codes(&report).iter().all(|(c, _)| !c.starts_with("applied-")), "{report}");

    let file = project.join("migrations/versions/2f00d00d0003_step_3.py");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n# edited after it was applied\n")).unwrap();
    let (exit, report) = json(&project, &["--against-copy"]);
    assert_eq!(exit, 1, "{report}");
    let drift = report["findings"].as_array().unwrap().iter().find(|f| f["code"] == "applied-script-changed").unwrap();
    assert_eq!(drift["revision"], "2f00d00d0003");
    assert_eq!(std::fs::read(&db).unwrap(), before, "check runs on a copy: the database file is byte-identical");
    let _ = std::fs::remove_dir_all(&project);
}

/// Revision files may import the project's own modules (`prepend_sys_path`): `check` runs them
/// with those modules, as `upgrade` does, and finds what it finds for the inline version.
#[test]
fn check_runs_revisions_that_import_the_projects_own_modules() {
    let inline = hazard("not_null_clean");
    let (_, expected) = json(&inline, &["--seed", "seed.sql"]);
    let project = copy_project(&inline, "check-modules");
    std::fs::create_dir_all(project.join("myapp")).unwrap();
    std::fs::write(project.join("myapp/__init__.py"), "").unwrap();
    std::fs::write(
        project.join("myapp/columns.py"),
        "import sqlalchemy as sa\n\n\ndef role():\n    return sa.Column(\"role\", sa.String(20), nullable=False, server_default=\"member\")\n",
    )
    .unwrap();
    let file = project.join("alembic/versions/c0c000000002_change.py");
    let text = std::fs::read_to_string(&file).unwrap();
    let inline_call = "op.add_column(\"users\", sa.Column(\"role\", sa.String(20), nullable=False, server_default=\"member\"))";
    assert!(text.contains(inline_call));
    let text = text
        .replace("import sqlalchemy as sa\n", "import sqlalchemy as sa\nfrom myapp.columns import role\n")
        .replace(inline_call, "op.add_column(\"users\", role())");
    std::fs::write(&file, text).unwrap();
    let (exit, report) = json(&project, &["--seed", "seed.sql"]);
    assert_eq!(exit, 0, "{report}");
    assert_eq!(codes(&report), codes(&expected), "{report}");
}
