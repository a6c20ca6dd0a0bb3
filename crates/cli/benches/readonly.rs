//! End-to-end speed of the read-only commands against real Alembic, in one run: a generated
//! 5,000-revision branchy history (two chains merging every 10 revisions) written as real
//! revision files; each command timed from process start (reading and parsing every file).
//!
//! `cargo bench -p alembic-playground --bench readonly` (real Alembic from `.venv`, which
//! `setup.sh` installs; `REVISIONS=n` changes the size).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn revision_file(id: &str, down: &[String], message: &str) -> String {
    let down_text = match down {
        [] => "None".to_string(),
        [one] => format!("'{one}'"),
        many => format!("({})", many.iter().map(|d| format!("'{d}'")).collect::<Vec<_>>().join(", ")),
    };
    format!(
        "\"\"\"{message}\n\nRevision ID: {id}\nRevises: {}\nCreate Date: 2024-05-01 12:00:00.000000\n\n\"\"\"\n\
         from typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n\
         # revision identifiers, used by Alembic.\nrevision: str = '{id}'\n\
         down_revision: Union[str, Sequence[str], None] = {down_text}\n\
         branch_labels: Union[str, Sequence[str], None] = None\n\
         depends_on: Union[str, Sequence[str], None] = None\n\n\n\
         def upgrade() -> None:\n    \"\"\"Upgrade schema.\"\"\"\n    op.add_column('t', sa.Column('c_{id}', sa.Integer(), nullable=True))\n\n\n\
         def downgrade() -> None:\n    \"\"\"Downgrade schema.\"\"\"\n    op.drop_column('t', 'c_{id}')\n",
        down.join(", ")
    )
}

/// Two chains from each merge point, merged again every 10 revisions.
fn write_project(root: &Path, revisions: usize) {
    let versions = root.join("migrations/versions");
    std::fs::create_dir_all(&versions).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let template = repo.join("tests/scenarios/ro_linear/project");
    std::fs::copy(template.join("alembic.ini"), root.join("alembic.ini")).unwrap();
    std::fs::copy(template.join("migrations/env.py"), root.join("migrations/env.py")).unwrap();
    let id = |n: usize| format!("{n:04x}{:08x}", n.wrapping_mul(2654435761) & 0xffff_ffff);
    let n = std::cell::Cell::new(0);
    let emit = |down: Vec<String>, msg: &str| {
        let rid = id(n.get());
        std::fs::write(versions.join(format!("{rid}_{}.py", n.get())), revision_file(&rid, &down, msg)).unwrap();
        n.set(n.get() + 1);
        rid
    };
    let mut tip = emit(vec![], "root");
    while n.get() + 10 <= revisions {
        let (mut a, mut b) = (tip.clone(), tip.clone());
        for _ in 0..5 {
            a = emit(vec![a], "left");
        }
        for _ in 0..4 {
            b = emit(vec![b], "right");
        }
        tip = emit(vec![a, b], "merge");
    }
    while n.get() < revisions {
        tip = emit(vec![tip], "tail");
    }
}

fn time(program: &Path, project: &Path, args: &[&str], runs: usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut lines = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new(program).arg("-c").arg("alembic.ini").args(args).current_dir(project).output().unwrap();
        times.push(start.elapsed());
        assert!(out.status.success(), "{} {args:?} failed: {}", program.display(), String::from_utf8_lossy(&out.stdout));
        lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
    }
    times.sort();
    (times[times.len() / 2], lines)
}

fn main() {
    let revisions: usize = std::env::var("REVISIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    // `BENCH_DIR=path` keeps the generated project there for a closer look.
    let keep = std::env::var_os("BENCH_DIR").map(PathBuf::from);
    let root = keep.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("alembic-playground-bench-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&root);
    write_project(&root, revisions);
    let ours = PathBuf::from(env!("CARGO_BIN_EXE_alembic-playground"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let alembic = std::env::var_os("ALEMBIC").map(PathBuf::from).unwrap_or_else(|| repo.join(".venv/bin/alembic"));
    println!("{revisions} revisions (two chains merging every 10), median of runs, process start to exit");
    println!("| command | alembic-playground | alembic 1.20.1 | ratio |");
    println!("|---|---|---|---|");
    for args in [&["heads"][..], &["history"][..]] {
        let (t_ours, lines_ours) = time(&ours, &root, args, 11);
        if alembic.exists() {
            let runs = std::env::var("ALEMBIC_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
            let (t_alembic, lines_alembic) = time(&alembic, &root, args, runs);
            assert_eq!(lines_ours, lines_alembic, "both print the same number of lines for {args:?}");
            println!(
                "| `{}` | {:.1} ms | {:.0} ms | {:.0}× |",
                args.join(" "),
                t_ours.as_secs_f64() * 1e3,
                t_alembic.as_secs_f64() * 1e3,
                t_alembic.as_secs_f64() / t_ours.as_secs_f64()
            );
        } else {
            println!("| `{}` | {:.1} ms | (no {}) | |", args.join(" "), t_ours.as_secs_f64() * 1e3, alembic.display());
        }
    }
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&root);
    }
}
