//! `upgrade head` of a 1,000-revision chain, ours against real Alembic in one run, with the
//! SQLite file on tmpfs (`/dev/shm` when present). Each revision creates a table and inserts
//! a row, so every step does DDL, DML and its version-table update in its own transaction.
//!
//! `cargo bench -p alembic-playground --bench upgrade` (`REVISIONS=n` changes the size).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn write_project(root: &Path, revisions: usize) {
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
             def upgrade():\n    op.create_table('t{i}', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(50)))\n\
             \x20   op.execute(\"INSERT INTO t{i} (id, name) VALUES (1, 'row {i}')\")\n\n\n\
             def downgrade():\n    op.drop_table('t{i}')\n"
        );
        std::fs::write(versions.join(format!("{i:012x}_step.py")), text).unwrap();
    }
}

fn run(program: &Path, project: &Path) -> Duration {
    let _ = std::fs::remove_file(project.join("test.db"));
    let start = Instant::now();
    let out = Command::new(program).args(["-c", "alembic.ini", "upgrade", "head"]).current_dir(project).output().unwrap();
    let took = start.elapsed();
    assert!(out.status.success(), "{} failed: {}{}", program.display(), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    took
}

fn main() {
    let revisions: usize = std::env::var("REVISIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let root = base.join(format!("alembic-playground-upgrade-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    write_project(&root, revisions);
    let ours = PathBuf::from(env!("CARGO_BIN_EXE_alembic-playground"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let alembic = std::env::var_os("ALEMBIC").map(PathBuf::from).unwrap_or_else(|| repo.join(".venv/bin/alembic"));
    let mut times: Vec<Duration> = (0..5).map(|_| run(&ours, &root)).collect();
    times.sort();
    let t_ours = times[2];
    println!("`upgrade head` of {revisions} revisions (create table + insert each), SQLite on {}", base.display());
    println!("| tool | time | per revision |");
    println!("|---|---|---|");
    let per = |d: Duration| d.as_secs_f64() * 1e3 / revisions as f64;
    println!("| alembic-playground (median of 5) | {:.0} ms | {:.3} ms |", t_ours.as_secs_f64() * 1e3, per(t_ours));
    if alembic.exists() {
        let t_alembic = run(&alembic, &root);
        println!("| alembic 1.20.1 | {:.0} ms | {:.3} ms |", t_alembic.as_secs_f64() * 1e3, per(t_alembic));
        println!("ratio: {:.1}×", t_alembic.as_secs_f64() / t_ours.as_secs_f64());
    }
    let _ = std::fs::remove_dir_all(&root);
}
