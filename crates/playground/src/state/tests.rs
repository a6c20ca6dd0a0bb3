//! The workspace's actions, run natively on the bundled scenarios.

use super::*;

/// When the tests' commands ran (2024-03-01 09:00 UTC) and the ids their new revisions get.
const AT_MS: i64 = 1_709_283_600_000;

fn blog() -> Workspace {
    Workspace::open(crate::scenarios::from_migrations_dir(), "blog")
}

fn run_line(line: &str) -> Action {
    Action::Run { line: line.into(), at_ms: AT_MS }
}

fn confirm(typed: &str) -> Action {
    Action::Confirm { typed: typed.into(), at_ms: AT_MS }
}

/// Runs each line, confirming it when the page asks.
fn run(ws: Workspace, lines: &[&str]) -> Workspace {
    lines.iter().fold(ws, |ws, line| {
        let ws = ws.apply(run_line(line));
        if ws.pending.is_some() {
            ws.apply(confirm(""))
        } else {
            ws
        }
    })
}

#[test]
fn opens_the_blog_with_nothing_applied() {
    let ws = blog();
    assert_eq!(ws.project.name, "blog");
    assert_eq!(ws.graph.nodes.len(), 4);
    assert!(ws.snapshot.tables.is_empty() && ws.transcript.is_empty() && ws.error.is_none());
}

#[test]
fn upgrade_and_downgrade_move_the_database() {
    let ws = run(blog(), &["upgrade head"]);
    assert_eq!(ws.transcript[0].failed, None, "{:?}", ws.transcript[0].stderr());
    assert_eq!(ws.snapshot.version_rows, ["b10900000004"]);
    assert_eq!(ws.applied().len(), 4);
    let names: Vec<&str> = ws.snapshot.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["alembic_version", "post_archive", "posts"]);
    // One SQL group per revision step, named as the log names it.
    let titles: Vec<&str> = ws.sql_log.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles[0], "upgrade  -> b10900000001, create posts");
    assert_eq!(titles.len(), 4);
    let ws = run(ws, &["downgrade -1"]);
    assert_eq!(ws.snapshot.version_rows, ["b10900000003"]);
    let ws = run(ws, &["downgrade base"]);
    assert!(ws.snapshot.version_rows.is_empty());
    assert_eq!(ws.applied().len(), 0);
}

#[test]
fn sql_mode_prints_without_touching_the_database() {
    let ws = run(blog(), &["upgrade b10900000002 --sql"]);
    assert_eq!(ws.transcript[0].failed, None, "{:?}", ws.transcript[0].stderr());
    assert!(ws.transcript[0].stdout().contains("CREATE TABLE posts"));
    assert!(ws.snapshot.tables.is_empty());
    assert_eq!(ws.sql_log.len(), 2);
    assert!(ws.sql_log.iter().all(|s| s.offline && !s.failed));
    // The version table's DDL, printed before the first step, belongs to it.
    assert!(ws.sql_log[0].statements[0].starts_with("CREATE TABLE alembic_version"));
}

#[test]
fn history_skips_repeats_and_blank_lines() {
    let ws = run(blog(), &["heads", "heads", "  ", "current"]);
    assert_eq!(ws.history, ["heads", "current"]);
    assert_eq!(ws.transcript.len(), 3);
}

#[test]
fn failed_commands_are_in_the_transcript() {
    let ws = run(blog(), &["upgrade nope"]);
    assert_eq!(ws.transcript[0].failed.as_deref(), Some("Can't locate revision identified by 'nope'"));
}

#[test]
fn select_and_open_another_scenario() {
    let ws = blog().apply(Action::Select(Some("b10900000002".into())));
    assert_eq!(ws.selected.as_deref(), Some("b10900000002"));
    let ws = run(ws, &["upgrade head"]).apply(Action::Open("team_branches".into()));
    assert_eq!(ws.project.name, "team_branches");
    assert!(ws.snapshot.version_rows.is_empty() && ws.transcript.is_empty() && ws.selected.is_none());
}

#[test]
fn sql_box_runs_on_the_live_database() {
    let ws = run(blog(), &["upgrade +1"]).apply(Action::Sql("SELECT title FROM posts ORDER BY id".into()));
    match &ws.sql_box {
        Some((_, SqlBoxResult::Rows(grid))) => assert_eq!(grid.rows, [["Hello"], ["Spam"], ["World"]]),
        other => panic!("{other:?}"),
    }
    let ws = ws.apply(Action::Sql("DELETE FROM posts WHERE id = 2".into()));
    assert_eq!(ws.sql_box.as_ref().unwrap().1, SqlBoxResult::Changed(1));
    assert_eq!(ws.snapshot.tables.iter().find(|t| t.name == "posts").unwrap().row_count, 2);
    assert_eq!(ws.sql_log.last().unwrap().title, "SQL box");
}

/// The rows of `posts`, by title (read directly: an SQL-box query would be a step).
fn titles(ws: &Workspace) -> Vec<String> {
    let session = ws.session.as_ref().unwrap().borrow();
    let mut stmt = session.database().conn.prepare("SELECT title FROM posts ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn every_step_is_on_the_timeline_and_travel_restores_it() {
    let ws = run(blog(), &["upgrade +1", "upgrade +1"]);
    let ws = ws.apply(Action::Sql("INSERT INTO posts (title) VALUES ('mine')".into()));
    assert_eq!((ws.at, ws.steps), (3, 3));
    assert_eq!(ws.step_names(), ["upgrade +1", "upgrade +1", "SQL: INSERT INTO posts (title) VALUES ('mine')"]);
    let back = ws.clone().apply(Action::Travel(1));
    assert_eq!(back.snapshot.version_rows, ["b10900000001"]);
    assert_eq!((back.at, back.transcript.len(), back.sql_log.len()), (1, 1, 1));
    assert!(!titles(&back).contains(&"mine".to_string()));
    // Forward again: the row is back, and so is the second upgrade's console entry.
    let fwd = back.apply(Action::Travel(3));
    assert_eq!(fwd.snapshot.version_rows, ["b10900000002"]);
    assert_eq!(fwd.transcript.len(), 2);
    assert!(titles(&fwd).contains(&"mine".to_string()));
    let start = fwd.apply(Action::Travel(0));
    assert!(start.snapshot.tables.is_empty() && start.transcript.is_empty());
}

#[test]
fn travelling_back_over_a_data_losing_downgrade_brings_the_rows_back() {
    let ws = run(blog(), &["upgrade +1", "downgrade base"]);
    assert!(ws.snapshot.tables.iter().all(|t| t.name != "posts"));
    let back = ws.apply(Action::Travel(1));
    assert_eq!(titles(&back), ["Hello", "Spam", "World"]);
    let note = back.travel_note.as_deref().unwrap();
    assert!(note.contains("table posts is back with its 3 rows"), "{note}");
    assert!(note.contains("Real Alembic could not do this"), "{note}");
}

/// Twelve steps, back four, a new command: the four are kept as a branch, not deleted.
#[test]
fn a_new_step_after_going_back_keeps_the_steps_ahead_as_a_branch() {
    let lines = ["upgrade +1", "upgrade +1", "current", "upgrade +1", "history", "downgrade -1"];
    let ws = run(blog(), &[&lines[..], &lines[..]].concat());
    assert_eq!(ws.steps, 12);
    let after_twelve = ws.snapshot.clone();
    let ws = run(ws.apply(Action::Travel(8)), &["heads"]);
    assert_eq!((ws.at, ws.steps, ws.branches), (9, 9, 1));
    assert_eq!(ws.branch_list(), [(8, vec!["current".to_string(), "upgrade +1".into(), "history".into(), "downgrade -1".into()])]);
    // Taken back: the line is the twelve steps again, and `heads` is the branch now.
    let ws = ws.apply(Action::RestoreBranch(0));
    assert_eq!((ws.at, ws.steps), (12, 12));
    assert_eq!(ws.snapshot, after_twelve);
    assert_eq!(ws.branch_list(), [(8, vec!["heads".to_string()])]);
}

#[test]
fn typing_in_one_file_is_one_step() {
    let ws = blog();
    let path = "alembic/versions/b10900000004_archive.py".to_string();
    let text = ws.file_text(&path).unwrap();
    let ws = ws.apply(Action::Edit { path: path.clone(), text: format!("{text}#") });
    let ws = ws.apply(Action::Edit { path: path.clone(), text: format!("{text}##") });
    assert_eq!(ws.steps, 1);
    assert_eq!(ws.file_text(&path).unwrap(), format!("{text}##"));
    let ws = ws.apply(Action::Travel(0));
    assert_eq!(ws.file_text(&path).unwrap(), text);
}

/// What a link carries, opened in a fresh page, gives the same page.
#[test]
fn a_replay_ends_where_the_user_did() {
    let ws = run(blog(), &["upgrade head"]).apply(Action::Sql("INSERT INTO posts (title) VALUES ('x')".into()));
    let ws = run(ws.apply(Action::SetProduction(true)), &["downgrade -1", "history"]);
    let again = Workspace::replay(ws.catalogue, ws.saved());
    assert_eq!(again.snapshot, ws.snapshot);
    assert_eq!(again.transcript, ws.transcript);
    assert_eq!(again.sql_log, ws.sql_log);
    assert_eq!(again.graph, ws.graph);
    assert_eq!(again.drift, ws.drift);
    assert_eq!((again.production, again.at, again.steps), (true, ws.at, ws.steps));
    // Through the link codec too.
    let link = share::to_link(&ws.scenario());
    let opened = blog().apply(Action::OpenLink(format!("#{link}")));
    assert_eq!(opened.snapshot, ws.snapshot);
    assert_eq!(opened.transcript, ws.transcript);
}

#[test]
fn a_bad_link_or_import_changes_nothing() {
    let ws = run(blog(), &["upgrade +1"]);
    let after = ws.clone().apply(Action::OpenLink("#v1/not-a-link".into()));
    assert!(after.notice.as_deref().unwrap().starts_with("This link could not be opened: "), "{:?}", after.notice);
    assert_eq!((after.snapshot.clone(), after.steps), (ws.snapshot.clone(), 1));
    let after = ws.clone().apply(Action::Import(Err("x.zip: damaged".into())));
    assert_eq!(after.notice.as_deref(), Some("The import failed: x.zip: damaged. Nothing was changed."));
    let not_a_db = crate::import::Imported::Database { name: "x.sqlite".into(), bytes: b"SQLite format 3\0garbage".to_vec() };
    let after = ws.clone().apply(Action::Import(Ok(not_a_db)));
    assert!(after.notice.as_deref().unwrap().contains("x.sqlite: the database file could not be opened"), "{:?}", after.notice);
    assert_eq!(after.snapshot, ws.snapshot);
}

#[test]
fn an_imported_database_is_where_the_project_starts() {
    let ws = run(blog(), &["upgrade +1"]);
    let bytes = ws.database_file(false).unwrap();
    let ws = blog().apply(Action::Import(Ok(crate::import::Imported::Database { name: "prod.sqlite".into(), bytes })));
    assert_eq!(ws.notice, None);
    assert_eq!(ws.snapshot.version_rows, ["b10900000001"]);
    assert_eq!(ws.steps, 0);
    assert_eq!(titles(&ws), ["Hello", "Spam", "World"]);
}

#[test]
fn share_says_when_a_link_would_be_too_long() {
    let ws = blog().apply(Action::Share);
    assert!(matches!(&ws.link, Some(Ok(l)) if l.starts_with("v1/")));
    let big: String = (0..40_000u32).map(|i| char::from_u32(0x4e00 + (i * 7919) % 20000).unwrap()).collect();
    let ws = ws.apply(Action::AddRevision { message: "big".into(), id: "0123456789ab".into(), at_ms: AT_MS });
    let path = ws.editing.clone().unwrap();
    let text = ws.file_text(&path).unwrap();
    let ws = ws.apply(Action::Edit { path, text: format!("{text}# {big}\n") }).apply(Action::Share);
    assert!(matches!(ws.link, Some(Err(n)) if n > MAX_LINK), "{:?}", ws.link.as_ref().map(|l| l.as_ref().map(|s| s.len())));
}

#[test]
fn a_stamp_asks_first_in_production_only() {
    let ws = blog().apply(run_line("stamp b10900000002"));
    assert!(ws.pending.is_none());
    assert_eq!(ws.snapshot.version_rows, ["b10900000002"]);
    let ws = blog().apply(Action::SetProduction(true)).apply(run_line("stamp head"));
    let pending = ws.pending.clone().expect("production asks before a stamp");
    assert!(pending.stamp && pending.rehearsal.losses.is_empty());
    assert_eq!(pending.rehearsal.rows_after, ["b10900000004"]);
    assert!(ws.snapshot.version_rows.is_empty());
    let ws = ws.apply(confirm(""));
    assert_eq!(ws.snapshot.version_rows, ["b10900000004"]);
    // Printing the SQL changes nothing, so it does not ask.
    assert!(ws.apply(run_line("stamp base --sql")).pending.is_none());
}

#[test]
fn warming_up_leaves_the_page_as_it_was() {
    let ws = run(blog(), &["upgrade +1"]);
    let before = (ws.snapshot.clone(), ws.transcript.clone(), ws.steps);
    ws.warm_up();
    let ws = ws.apply(Action::Select(None));
    assert_eq!((ws.snapshot.clone(), ws.transcript.clone(), ws.steps), before);
    assert_eq!(titles(&ws), ["Hello", "Spam", "World"]);
}

#[test]
fn every_change_unsettles_the_trailing_panels_until_the_page_settles_them() {
    let ws = blog().apply(Action::Settle);
    assert!(ws.settled);
    // Settling what is settled changes nothing: the page does not render again.
    assert!(ws.unchanged_by(&Action::Settle));
    let upgraded = ws.apply(run_line("upgrade +1"));
    assert!(!upgraded.settled && upgraded.transcript.len() == 1);
    assert!(!upgraded.unchanged_by(&Action::Settle));
    // A change that shows nothing new still asks for a settle (the page always gets one).
    let selected = upgraded.apply(Action::Settle).apply(Action::Select(None));
    assert!(!selected.settled);
    let settled = selected.apply(Action::Settle);
    assert!(settled.settled && settled.transcript.len() == 1 && settled.snapshot.version_rows == ["b10900000001"]);
}

#[test]
fn verify_lists_check_findings_until_the_next_step() {
    let ws = blog().apply(Action::Open("no_downgrade".into())).apply(Action::Verify);
    let verified = ws.verified.clone().expect("ran").expect("checked");
    assert!(verified.findings.iter().any(|f| f.code == "empty-downgrade"), "{verified:?}");
    // A step changes what was checked: the panel asks to run it again.
    assert!(run(ws, &["upgrade +1"]).verified.is_none());
}

/// What can be imported can be saved and reopened: a database that would not come back from
/// the browser's storage is refused at once, and the workspace stays as it was.
#[test]
fn an_import_too_large_to_reopen_is_refused_at_once() {
    let ws = run(blog(), &["upgrade +1"]);
    let mut huge = b"SQLite format 3\0".to_vec();
    huge.resize(65 << 20, 0);
    let refused = ws.clone().apply(Action::Import(Ok(crate::import::Imported::Database { name: "big.sqlite".into(), bytes: huge })));
    let notice = refused.notice.clone().unwrap_or_default();
    assert!(notice.starts_with("The import failed: it is too large to keep in this browser"), "{notice}");
    assert_eq!(refused.snapshot, ws.snapshot);
    // A database that fits is taken (a copy of the blog's own, saved and reopened).
    let bytes = ws.database_file(false).unwrap();
    let taken = ws.apply(Action::Import(Ok(crate::import::Imported::Database { name: "copy.sqlite".into(), bytes })));
    assert_eq!((taken.notice.clone(), taken.snapshot.version_rows.clone()), (None, vec!["b10900000001".to_string()]));
}

fn labels(ws: &Workspace) -> Vec<String> {
    ws.shelf.borrow().entries().iter().map(|e| e.label()).collect()
}

/// On the blog, `upgrade +2`, edit a revision, pick another scenario, pick the blog again:
/// the edit and the steps are still there.
#[test]
fn picking_another_scenario_keeps_the_workspace_as_it_was_left() {
    let path = "alembic/versions/b10900000004_archive.py".to_string();
    let ws = run(blog(), &["upgrade +2"]);
    let text = format!("{}# mine\n", ws.file_text(&path).unwrap());
    let ws = ws.apply(Action::Edit { path: path.clone(), text: text.clone() });
    let (snapshot, transcript) = (ws.snapshot.clone(), ws.transcript.clone());
    let other = ws.apply(Action::Open("team_branches".into()));
    assert_eq!(other.project.name, "team_branches");
    assert_eq!((other.steps, other.transcript.len()), (0, 0));
    assert_eq!(labels(&other), ["blog", "team_branches"]);
    let other = run(other, &["upgrade heads"]);
    let back = other.apply(Action::Open("blog".into()));
    assert_eq!(back.project.name, "blog");
    assert_eq!(back.file_text(&path).as_deref(), Some(text.as_str()));
    assert_eq!((back.steps, back.at), (2, 2));
    assert_eq!(back.snapshot, snapshot);
    assert_eq!(back.transcript, transcript);
    // And team_branches kept its upgrade.
    let id = back.shelf.borrow().entries()[1].id;
    let tb = back.apply(Action::Switch(id));
    assert_eq!(tb.steps, 1);
    assert_eq!(labels(&tb), ["blog", "team_branches"]);
}

#[test]
fn a_link_or_an_import_opens_beside_the_others_under_its_own_name() {
    let ws = run(blog(), &["upgrade +1"]);
    let mut project = (*ws.project).clone();
    project.name = "myapp".into();
    let link = share::to_link(&project.scenario(vec![share::Step::Run { lines: vec!["upgrade head".into()], at_ms: AT_MS }]));
    let opened = ws.apply(Action::OpenLink(link));
    assert_eq!(opened.snapshot.version_rows, ["b10900000004"]);
    assert_eq!(labels(&opened), ["blog", "myapp (shared link)"]);
    assert_eq!(opened.readme_html(), "", "a project that only shares a name has no bundled README");
    let imported =
        crate::import::Imported::Project { project: crate::project::Project { name: "repo-main".into(), ..project }, left_out: Vec::new() };
    let ws = opened.apply(Action::Import(Ok(imported)));
    assert_eq!(labels(&ws), ["blog", "myapp (shared link)", "repo-main (imported)"]);
    assert_eq!(ws.shelf.borrow().current().name, "repo-main");
    // The blog is still as it was left.
    let blog_id = ws.shelf.borrow().entries()[0].id;
    let back = ws.apply(Action::Switch(blog_id));
    assert_eq!((back.steps, back.snapshot.version_rows.clone()), (1, vec!["b10900000001".to_string()]));
    assert!(!back.readme_html().is_empty());
}

#[test]
fn removing_a_workspace_is_undone_by_undo() {
    let ws = run(blog(), &["upgrade +1"]).apply(Action::Open("team_branches".into()));
    let blog_id = ws.shelf.borrow().entries()[0].id;
    // Removing one that is not open.
    let ws = ws.apply(Action::Remove(blog_id));
    assert_eq!(labels(&ws), ["team_branches"]);
    assert_eq!(ws.shelf.borrow().removed().map(|e| e.label()), Some("blog".into()));
    let ws = ws.apply(Action::UndoRemove);
    assert_eq!(labels(&ws), ["blog", "team_branches"]);
    assert!(ws.shelf.borrow().removed().is_none());
    // Removing the open one opens its neighbour; undo brings it back as it was.
    let ws = ws.apply(Action::Switch(blog_id)).apply(Action::Remove(blog_id));
    assert_eq!(ws.project.name, "team_branches");
    let ws = ws.apply(Action::UndoRemove).apply(Action::Switch(blog_id));
    assert_eq!(ws.steps, 1);
    // Removing the last one leaves a fresh blog, and the removed one can still come back.
    let other = ws.shelf.borrow().entries()[1].id;
    let ws = ws.apply(Action::Remove(other)).apply(Action::Remove(blog_id));
    assert_eq!((labels(&ws), ws.steps), (vec!["blog".to_string()], 0));
    let ws = ws.apply(Action::UndoRemove);
    assert_eq!(labels(&ws), ["blog", "blog"]);
}

#[test]
fn a_saved_workspace_on_the_shelf_is_replayed_when_opened() {
    let left = run(blog(), &["upgrade head", "downgrade -1"]);
    let ws = blog();
    let id = ws.shelf.borrow_mut().keep_saved("blog copy", Origin::Imported, left.saved());
    assert_eq!(ws.shelf.borrow().saved(id), Some(left.saved()));
    let opened = ws.apply(Action::Switch(id));
    assert_eq!((opened.snapshot.clone(), opened.steps), (left.snapshot.clone(), 2));
    // The one left is live on the shelf now: its version tells the page when to save it.
    let first = opened.shelf.borrow().entries()[0].id;
    assert!(opened.shelf.borrow().version(first).is_some());
    assert_eq!(opened.shelf.borrow().saved(first).map(|l| l.steps.len()), Some(0));
}

#[test]
fn a_fresh_database_says_the_version_table_does_not_exist_yet() {
    let ws = blog();
    assert_eq!(ws.snapshot.version_text(), "(does not exist yet)");
    let ws = run(ws, &["upgrade +1"]);
    assert_eq!(ws.snapshot.version_text(), "b10900000001");
    let ws = run(ws, &["downgrade base"]);
    assert_eq!(ws.snapshot.version_text(), "(empty)");
}

/// Only what would really be lost asks: `downgrade base` over empty tables does not.
#[test]
fn a_downgrade_over_empty_tables_does_not_ask() {
    // The blog's first revision seeds three posts: emptied, the table holds nothing.
    let ws = run(blog(), &["upgrade +1"]).apply(Action::Sql("DELETE FROM posts".into())).apply(run_line("downgrade base"));
    assert!(ws.pending.is_none(), "{:?}", ws.pending);
    assert_eq!(ws.snapshot.version_text(), "(empty)");
    let ws = run(ws, &["upgrade +1"]).apply(Action::Sql("DELETE FROM posts WHERE id > 1".into()));
    let ws = ws.apply(run_line("downgrade base"));
    let pending = ws.pending.expect("a table with a row asks");
    assert_eq!(
        pending.rehearsal.losses.iter().map(|l| l.describe()).collect::<Vec<_>>(),
        ["table posts is dropped with its 1 row (3 non-null values)"]
    );
}

#[test]
fn an_absolute_script_location_is_run_from_the_imported_folder_or_refused() {
    let ws = run(blog(), &["upgrade +1"]);
    // The blog's files as picked from a folder, alembic.ini written by `alembic init` elsewhere.
    let picked = |location: &str| -> Vec<crate::import::PickedFile> {
        let ini = |t: &str| t.replace("script_location = %(here)s/alembic", &format!("script_location = {location}"));
        let files = ws.project.files.iter().map(|(p, t)| (format!("myapp/{p}"), if p == "alembic.ini" { ini(t) } else { t.clone() }));
        files.map(|(p, t)| (p, t.into_bytes())).collect()
    };
    let import = |location: &str| Action::Import(crate::import::import(picked(location), &ws.project));

    let opened = ws.clone().apply(import("/home/ana/work/myapp/alembic"));
    assert_eq!(opened.notice.as_deref(), Some("script_location /home/ana/work/myapp/alembic is absolute: using alembic/ from the import."));
    assert!(opened.project.file("alembic.ini").unwrap().contains("script_location = /home/ana/work/myapp/alembic"));
    let opened = run(opened, &["upgrade head"]);
    assert_eq!((opened.error.clone(), opened.snapshot.version_rows.clone()), (None, vec!["b10900000004".to_string()]));

    let refused = ws.clone().apply(import(r"D:\srv\elsewhere\migrations"));
    let notice = refused.notice.as_deref().unwrap();
    assert!(notice.starts_with(r"The import failed: alembic.ini's script_location D:\srv\elsewhere\migrations is an absolute path and the picked files do not contain it"), "{notice}");
    assert_eq!((refused.snapshot.clone(), refused.steps, labels(&refused)), (ws.snapshot.clone(), 1, labels(&ws)));
}

#[test]
fn an_upgrade_that_will_fail_on_what_is_already_there_is_said_before_it_runs() {
    // A downgrade() that restored nothing left `posts`: upgrading again would fail.
    let path = "alembic/versions/b10900000001_create_posts.py".to_string();
    let ws = blog();
    let text = ws.file_text(&path).unwrap().replace("    op.drop_table(\"posts\")", "    pass");
    let ws = run(ws.apply(Action::Edit { path, text }), &["upgrade +1"]);
    assert_eq!(ws.blocked, [], "applied: nothing to warn about");
    let ws = run(ws, &["downgrade base"]);
    assert_eq!(ws.snapshot.version_rows, Vec::<String>::new());
    let blocked = &ws.blocked;
    assert_eq!(blocked.len(), 1, "{blocked:?}");
    assert_eq!(
        (blocked[0].revision.as_str(), blocked[0].error(), blocked[0].no_way_back),
        ("b10900000001", "table posts already exists".into(), true)
    );
    // And it is right: the upgrade fails with SQLite's words, as the warning said.
    let ws = run(ws, &["upgrade +1"]);
    let failed = ws.transcript.last().and_then(|e| e.failed.clone()).unwrap_or_default();
    assert!(failed.contains("table posts already exists"), "{failed}");

    // An existing database stamped back to base (as when adopting one): the same warning,
    // without blaming a downgrade.
    let ws = run(blog(), &["upgrade +1", "stamp base"]);
    assert_eq!(ws.blocked.iter().map(|b| (b.revision.as_str(), b.no_way_back)).collect::<Vec<_>>(), [("b10900000001", false)]);
    assert_eq!(run(ws, &["downgrade base"]).blocked.len(), 1, "nothing changed: still blocked");
}

#[test]
fn an_import_says_which_files_it_left_out() {
    let files: Vec<(String, Vec<u8>)> = Project::bundled(crate::scenarios::bundled("blog").unwrap())
        .files
        .into_iter()
        .map(|(p, t)| (format!("blog/{p}"), t.into_bytes()))
        .chain([("blog/docs/logo.png".to_string(), vec![0x89, b'P', 0xff]), ("blog/docs/b.bin".to_string(), vec![0xfe])])
        .collect();
    let template = Project::bundled(crate::scenarios::bundled("blog").unwrap());
    let ws = blog().apply(Action::Import(crate::import::import(files, &template)));
    assert_eq!(
        ws.notice.as_deref(),
        Some("docs/logo.png and 1 more left out: not text, and the page keeps text files only (an export will not have them).")
    );
    assert_eq!(ws.graph.nodes.len(), 4);
}
