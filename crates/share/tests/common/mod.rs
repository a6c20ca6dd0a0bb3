//! Scenarios from projects on disk, shared by the tests and the `link_lengths` example.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use share::{Scenario, Step};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A project's text files as the web app holds them: alembic.ini, alembic/env.py,
/// alembic/script.py.mako and alembic/versions/*.py, relative to the project, sorted.
pub fn project_files(dir: &Path, versions_only: bool) -> Vec<(String, String)> {
    let mut paths: Vec<String> = std::fs::read_dir(dir.join("alembic/versions"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".py"))
        .map(|name| format!("alembic/versions/{name}"))
        .collect();
    if !versions_only {
        paths.extend(["alembic.ini", "alembic/env.py", "alembic/script.py.mako"].map(String::from));
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(dir.join(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
            (path, text)
        })
        .collect()
}

pub fn project(name: &str, dir: &Path, versions_only: bool) -> Scenario {
    Scenario { name: name.into(), files: project_files(dir, versions_only), database: None, steps: vec![] }
}

/// What the v1 fixture holds: the bundled blog, upgraded, a row added, one step down, then
/// the production switch. The insert names is_featured: at head it is NOT NULL without a
/// default (b10900000003 dropped it).
pub fn blog_with_steps() -> Scenario {
    let mut s = project("blog", &repo_root().join("migrations/blog"), false);
    s.steps = vec![
        Step::Run { lines: vec!["upgrade head".into()], at_ms: 1_764_000_000_000 },
        Step::Sql("INSERT INTO posts (title, is_featured) VALUES ('shared', 0)".into()),
        Step::Run { lines: vec!["downgrade -1".into()], at_ms: 1_764_000_060_000 },
        Step::Production(true),
    ];
    s
}

pub fn sixty_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sixty")
}

/// The 60 revision files as `alembic revision -m` wrote them, before make_sixty_revisions.py
/// filled in their bodies: each upgrade()/downgrade() back to the template's `pass`.
pub fn sixty_as_generated() -> Scenario {
    let mut s = project("sixty", &sixty_dir(), true);
    for (_, text) in &mut s.files {
        let up = text.find("def upgrade() -> None:\n").expect("upgrade()");
        let down = text.find("\n\n\ndef downgrade() -> None:\n").expect("downgrade()");
        *text = format!(
            "{}def upgrade() -> None:\n    \"\"\"Upgrade schema.\"\"\"\n    pass\n\n\n\
             def downgrade() -> None:\n    \"\"\"Downgrade schema.\"\"\"\n    pass\n",
            &text[..up]
        );
        assert!(up < down);
    }
    s
}
