//! `upgrade head` of a 1,000-revision chain, ours against real Alembic in one run, with the
//! SQLite file on tmpfs (`/dev/shm` when present). Two workloads, each step doing DDL, DML and
//! its version-table update in its own transaction:
//! - `columns`: ten tables, then every revision adds a column to one of them and inserts a row
//!   (a schema that stays small, as in most projects);
//! - `tables`: every revision creates a new table and inserts a row (the schema grows to
//!   1,000 tables, and SQLite's own DDL cost grows with it);
//! - `rows`: one table, then every revision is a data migration (an INSERT and an UPDATE),
//!   which shows the engine's own cost per step with little SQLite work.
//!
//! `cargo bench -p alembic-playground --bench upgrade` (`REVISIONS=n` changes the size).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn upgrade_body(workload: &str, i: usize) -> String {
    match (workload, i) {
        ("rows", i) if i >= 1 => format!(
            "    op.execute(\"INSERT INTO t0 (id, name) VALUES ({i} + 1000, 'row {i}')\")\n    op.execute(\"UPDATE t0 SET name = name || '!' WHERE id = {i}\")\n"
        ),
        ("columns", i) if i >= 10 => format!(
            "    op.add_column('t{t}', sa.Column('c{i}', sa.Integer(), nullable=True))\n    op.execute(\"INSERT INTO t{t} (name, c{i}) VALUES ('row {i}', {i})\")\n",
            t = i % 10
        ),
        _ => format!(
            "    op.create_table('t{i}', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(50)))\n    op.execute(\"INSERT INTO t{i} (id, name) VALUES (1, 'row {i}')\")\n"
        ),
    }
}

fn write_project(root: &Path, revisions: usize, workload: &str) {
    let versions = root.join("migrations/versions");
    std::fs::create_dir_all(&versions).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let template = repo.join("tests/scenarios/ro_linear/project");
    std::fs::copy(template.join("alembic.ini"), root.join("alembic.ini")).unwrap();
    std::fs::copy(template.join("migrations/env.py"), root.join("migrations/env.py")).unwrap();
    for i in 0..revisions {
        let down = if i == 0 { "None".to_string() } else { format!("'{:012x}'", i - 1) };
        let text = format!(
            "\"\"\"step {i}\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n\
             revision = '{i:012x}'\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n\n\
             def upgrade():\n{}\n\n\
             def downgrade():\n    pass\n",
            upgrade_body(workload, i)
        );
        std::fs::write(versions.join(format!("{i:012x}_step.py")), text).unwrap();
    }
}

fn run(program: &Path, project: &Path) -> Duration {
    let _ = std::fs::remove_file(project.join("test.db"));
    let start = Instant::now();
    let out = Command::new(program).args(["-c", "alembic.ini", "upgrade", "head"]).current_dir(project).output().unwrap();
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{} failed: {}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn main() {
    let revisions: usize = std::env::var("REVISIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let ours = PathBuf::from(env!("CARGO_BIN_EXE_alembic-playground"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let alembic = std::env::var_os("ALEMBIC").map(PathBuf::from).unwrap_or_else(|| repo.join(".venv/bin/alembic"));
    let per = |d: Duration| d.as_secs_f64() * 1e3 / revisions as f64;
    println!("`upgrade head` of {revisions} revisions, SQLite on {}; ours: median of 5", base.display());
    println!("| workload | alembic-playground | per revision | alembic 1.20.1 | per revision | ratio |");
    println!("|---|---|---|---|---|---|");
    for workload in ["rows", "columns", "tables"] {
        let root = base.join(format!("alembic-playground-upgrade-{workload}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        write_project(&root, revisions, workload);
        let mut times: Vec<Duration> = (0..5).map(|_| run(&ours, &root)).collect();
        times.sort();
        let t_ours = times[2];
        let (alembic_ms, alembic_per, ratio) = if alembic.exists() {
            let t = run(&alembic, &root);
            (
                format!("{:.0} ms", t.as_secs_f64() * 1e3),
                format!("{:.3} ms", per(t)),
                format!("{:.1}×", t.as_secs_f64() / t_ours.as_secs_f64()),
            )
        } else {
            ("(no alembic)".into(), String::new(), String::new())
        };
        println!("| {workload} | {:.0} ms | {:.3} ms | {alembic_ms} | {alembic_per} | {ratio} |", t_ours.as_secs_f64() * 1e3, per(t_ours));
        let _ = std::fs::remove_dir_all(&root);
    }
}
