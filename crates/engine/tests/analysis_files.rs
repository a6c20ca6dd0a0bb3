//! The analysis over every revision file of the bundled projects and the golden scenarios:
//! it never panics, and a few facts known about these projects hold.

use std::path::{Path, PathBuf};

use engine::analysis::{analyse, analyse_module, Analysis, DropKind, NoWayBack};
use engine::script::load_script;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `*.py` under a `versions` folder below `dir`.
fn revision_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            revision_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") && path.components().any(|c| c.as_os_str() == "versions") {
            out.push(path);
        }
    }
}

/// `(path relative to the repository, analysis)` of every revision file.
fn all() -> Vec<(String, Analysis)> {
    let root = root();
    let mut files = Vec::new();
    revision_files(&root.join("migrations"), &mut files);
    revision_files(&root.join("tests/scenarios"), &mut files);
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let rel = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            // Files that do not load (the error scenarios) are still analysed.
            let analysis = match load_script(&rel, &text) {
                Ok(script) => analyse(&script),
                Err(_) => analyse_module(&pylite::parse(&text).module, false),
            };
            let _ = analysis.diagnostics();
            (rel, analysis)
        })
        .collect()
}

fn find<'a>(all: &'a [(String, Analysis)], suffix: &str) -> &'a Analysis {
    &all.iter().find(|(p, _)| p.ends_with(suffix)).unwrap_or_else(|| panic!("no {suffix}")).1
}

#[test]
fn every_revision_file_is_analysed_and_known_facts_hold() {
    let all = all();
    assert!(all.len() > 120, "{}", all.len());

    // no_downgrade: lower-casing emails cannot be undone; its downgrade is `pass`.
    let lower = find(&all, "no_downgrade/alembic/versions/0d0000000002_lowercase_emails.py");
    assert_eq!(lower.downgrade.no_way_back(), Some(NoWayBack::Empty));
    assert!(!lower.upgrade.only_adds() && lower.upgrade.changes_data());
    let diags: Vec<&str> = lower.diagnostics().iter().map(|d| d.code).collect();
    assert!(diags.contains(&"downgrade-empty") && diags.contains(&"upgrade-changes-data"), "{diags:?}");
    let create = find(&all, "no_downgrade/alembic/versions/0d0000000001_create_users.py");
    assert!(create.upgrade.only_adds());
    assert_eq!(
        create.downgrade.drops().map(|(d, _)| (d.kind, d.name.clone())).collect::<Vec<_>>(),
        [(DropKind::Table, Some("users".into()))]
    );

    // team_branches: the merge does nothing and is not flagged.
    let merge = find(&all, "team_branches/alembic/versions/04_merge.py");
    assert!(merge.merge);
    assert_eq!(merge.downgrade.no_way_back(), None);
    assert!(merge.diagnostics().is_empty(), "{:?}", merge.diagnostics());
    for (path, a) in all.iter().filter(|(p, _)| p.starts_with("migrations/team_branches/")) {
        assert_eq!(a.downgrade.no_way_back(), None, "{path}");
    }

    // The real-world patterns: the connection, a batch without copy_from.
    let normalize = find(&all, "op_real_world_patterns/project/migrations/versions/a2_normalize.py");
    assert!(normalize.upgrade.inspects_database() && normalize.upgrade.changes_data() && normalize.breaks_offline());
    let index = find(&all, "op_real_world_patterns/project/migrations/versions/a3_index.py");
    assert!(index.upgrade.batch_without_copy_from() && !index.upgrade.only_adds());
    let dropped: Vec<_> = index.downgrade.drops().map(|(d, _)| (d.kind, d.name.clone(), d.table.clone())).collect();
    assert!(dropped.contains(&(DropKind::Column, Some("slug".into()), Some("accounts".into()))), "{dropped:?}");
    let accounts = find(&all, "op_real_world_patterns/project/migrations/versions/a1_accounts.py");
    assert!(accounts.upgrade.only_adds(), "{:?}", accounts.upgrade.findings);

    // The bundled blog: creating posts only adds.
    assert!(find(&all, "migrations/blog/alembic/versions/b10900000001_create_posts.py").upgrade.only_adds());
}
