//! The long chain of the 1,000-revision benchmarks (a data migration: revision 0 creates
//! `items` and inserts row 1; every later one inserts its row and updates row 1), shared by
//! `upgrade_in_browser.rs` and `examples/long_chain.rs`.
#![allow(dead_code)]

use playground::project::Project;
use web::state::{act, Workspace};

pub fn rev_id(i: usize) -> String {
    format!("{i:012x}")
}

/// The chain's revision files as `(path, text)`, as the page holds a scenario's files.
pub fn chain(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let down = if i == 0 { "None".to_string() } else { format!("'{}'", rev_id(i - 1)) };
            let body = if i == 0 {
                "    op.create_table('items', sa.Column('id', sa.Integer(), primary_key=True), \
                 sa.Column('name', sa.String(50)), sa.Column('hits', sa.Integer()))\n    \
                 op.execute(\"INSERT INTO items (id, name, hits) VALUES (1, 'row 0', 0)\")\n"
                    .to_string()
            } else {
                format!(
                    "    op.execute(\"INSERT INTO items (id, name, hits) VALUES ({id}, 'row {i}', 0)\")\n    \
                     op.execute(\"UPDATE items SET hits = hits + 1 WHERE id = 1\")\n",
                    id = i + 1
                )
            };
            let text = format!(
                "\"\"\"step {i}\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n\
                 revision = '{rev}'\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n\n\
                 def upgrade():\n{body}\n\n\
                 def downgrade():\n    pass\n",
                rev = rev_id(i)
            );
            (format!("alembic/versions/{}_step_{i}.py", rev_id(i)), text)
        })
        .collect()
}

/// The chain as a page project: the blog scenario's `alembic.ini` and `env.py` around it.
pub fn project(n: usize) -> Project {
    let mut files: Vec<(String, String)> =
        Project::bundled(playground::scenarios::find(web::scenarios::SCENARIOS, "blog").expect("the blog is bundled"))
            .files
            .into_iter()
            .filter(|(path, _)| !path.contains("/versions/"))
            .collect();
    files.extend(chain(n));
    Project { name: "long chain".into(), files, database: None }
}

/// `upgrade head` as the page's console runs it, confirming when the page asks.
pub fn upgrade_head(ws: Workspace) -> Workspace {
    let ws = ws.apply(act::run("upgrade head".into()));
    if ws.pending.is_some() {
        ws.apply(act::confirm(String::new()))
    } else {
        ws
    }
}

/// The version table is at the chain's head and every step is in the SQL log.
pub fn check_at_head(ws: &Workspace, n: usize) {
    assert_eq!(ws.snapshot.version_rows, [rev_id(n - 1)], "{:?}", ws.transcript.last());
    assert_eq!(ws.sql_log.iter().filter(|s| s.title.starts_with("upgrade ")).count(), n);
}
