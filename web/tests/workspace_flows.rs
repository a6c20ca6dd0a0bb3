//! The safety flows through the workspace reducer, as the page drives them: edits and new
//! revisions, drift after editing an applied file and its three fixes, confirmations for
//! data loss, revisions with no way back and production downgrades, and SQL previews.
//! Runs natively and in headless Chromium.

use web::scenarios::SCENARIOS;
use web::state::{act, Action, Workspace};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

macro_rules! both {
    ($($name:ident $body:block)*) => {$(
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        fn $name() $body
    )*};
}

fn run(ws: Workspace, line: &str) -> Workspace {
    ws.apply(act::run(line.into()))
}

/// Confirms when the page asks (an upgrade from an empty database loses nothing).
fn settle(ws: Workspace) -> Workspace {
    if ws.pending.is_some() {
        ws.apply(act::confirm(String::new()))
    } else {
        ws
    }
}

fn confirm(ws: Workspace) -> Workspace {
    assert!(ws.pending.is_some(), "nothing to confirm");
    ws.apply(act::confirm(String::new()))
}

const FIRST: &str = "alembic/versions/b10900000001_create_posts.py";

both! {
    drift_is_reported_and_reverted {
        let ws = run(Workspace::open(SCENARIOS, "blog"), "upgrade +1");
        assert!(ws.pending.is_none() && ws.drift.is_empty());
        let text = ws.file_text(FIRST).unwrap();
        let edited = text.replace("sa.String(200)", "sa.String(300)");
        let ws = ws.apply(Action::Edit { path: FIRST.into(), text: edited.clone() });
        assert_eq!(ws.drift.len(), 1);
        assert_eq!(ws.drift[0].revision, "b10900000001");
        assert_eq!(ws.drift[0].applied_text, text);
        assert_eq!(ws.drift[0].current_text.as_deref(), Some(edited.as_str()));
        let ws = ws.apply(Action::RevertEdit("b10900000001".into()));
        assert!(ws.drift.is_empty());
        assert_eq!(ws.file_text(FIRST).unwrap(), text);
    }

    drift_fixed_by_downgrade_and_reapply {
        let ws = run(Workspace::open(SCENARIOS, "blog"), "upgrade +1");
        let text = ws.file_text(FIRST).unwrap().replace("sa.String(200)", "sa.String(300)");
        let ws = ws.apply(Action::Edit { path: FIRST.into(), text });
        // Downgrading past the revision drops posts and its rows: confirm first.
        let ws = ws.apply(act::run_lines(vec!["downgrade base".into(), "upgrade b10900000001".into()]));
        let pending = ws.pending.clone().expect("data loss asks first");
        assert!(pending.rehearsal.losses.iter().any(|l| l.describe().starts_with("table posts is dropped")), "{pending:?}");
        let ws = confirm(ws);
        assert!(ws.drift.is_empty(), "{:?}", ws.drift);
        assert_eq!(ws.snapshot.version_rows, ["b10900000001"]);
        let posts = ws.snapshot.tables.iter().find(|t| t.name == "posts").unwrap();
        assert!(posts.columns.iter().any(|c| c.type_ == "VARCHAR(300)"));
    }

    drift_fixed_by_a_follow_up_revision {
        let ws = run(Workspace::open(SCENARIOS, "blog"), "upgrade head");
        assert!(ws.pending.is_none(), "nothing to lose in an empty database");
        let text = ws.file_text(FIRST).unwrap().replace("sa.String(200)", "sa.String(300)");
        let ws = ws.apply(Action::Edit { path: FIRST.into(), text }).apply(act::follow_up("b10900000001".into()));
        assert!(ws.drift.is_empty());
        assert_eq!(ws.graph.nodes.len(), 5);
        let new = &ws.graph.nodes[0];
        assert!(new.is_head && new.down_revisions == ["b10900000004"], "{new:?}");
        assert_eq!(new.message, "follow-up to b10900000001");
        let text = ws.file_text(ws.editing.as_deref().unwrap()).unwrap();
        assert!(text.contains("# + ") && text.contains("sa.String(300)"), "{text}");
    }

    add_revision_revises_the_head_and_runs {
        let ws = Workspace::open(SCENARIOS, "blog").apply(act::add_revision("add email".into()));
        assert_eq!(ws.graph.nodes.len(), 5);
        let node = ws.graph.nodes[0].clone();
        assert_eq!(node.id.len(), 12);
        assert_eq!((node.message.as_str(), node.down_revisions.as_slice()), ("add email", &["b10900000004".to_string()][..]));
        assert!(!node.no_way_back, "the untouched template does nothing either way: nothing to undo");
        assert_eq!(ws.selected.as_deref(), Some(node.id.as_str()));
        assert!(ws.editing.as_deref().unwrap().ends_with("_add_email.py"));
        let ws = settle(run(ws, "upgrade head"));
        assert_eq!(ws.snapshot.version_rows, vec![node.id]);
    }

    edits_that_break_loading_keep_the_graph {
        let ws = Workspace::open(SCENARIOS, "blog");
        let text = ws.file_text(FIRST).unwrap().replace("down_revision: Union[str, Sequence[str], None] = None", "down_revision = 'nope'");
        let ws = ws.apply(Action::Edit { path: FIRST.into(), text });
        assert_eq!(ws.graph.nodes.len(), 4);
        assert!(ws.load_error.as_deref().is_some_and(|e| e.contains("nope")), "{:?}", ws.load_error);
    }

    merge_revision_joins_two_heads {
        let ws = Workspace::open(SCENARIOS, "labels_depends_on");
        let heads: Vec<String> = ws.graph.nodes.iter().filter(|n| n.is_head).map(|n| n.id.clone()).collect();
        assert_eq!(heads.len(), 2);
        let ws = ws.apply(act::add_revision("merge heads".into()));
        let merge = &ws.graph.nodes.iter().find(|n| n.message == "merge heads").unwrap();
        assert!(merge.is_merge_point && merge.is_head);
        assert_eq!(ws.graph.nodes.iter().filter(|n| n.is_head).count(), 1);
    }

    no_way_back_asks_before_crossing {
        let ws = run(Workspace::open(SCENARIOS, "no_downgrade"), "upgrade head");
        assert!(ws.pending.is_none(), "upgrades lose nothing here");
        let ws = run(ws, "downgrade -1");
        let pending = ws.pending.clone().expect("crossing a revision with no way back asks");
        assert_eq!(pending.rehearsal.no_way_back, ["0d0000000002 lower-case every email"]);
        let ws = ws.apply(Action::Cancel);
        assert_eq!(ws.snapshot.version_rows, ["0d0000000002"]);
        assert_eq!(confirm(run(ws, "downgrade -1")).snapshot.version_rows, ["0d0000000001"]);
    }

    production_downgrade_base_needs_the_target_typed {
        let ws = run(Workspace::open(SCENARIOS, "blog"), "upgrade head").apply(Action::SetProduction(true));
        let ws = run(ws, "downgrade base");
        let pending = ws.pending.clone().unwrap();
        assert!(pending.production);
        assert_eq!(pending.type_to_confirm.as_deref(), Some("base"));
        let ws = ws.apply(act::confirm("bas".into()));
        assert!(ws.pending.as_ref().is_some_and(|p| p.mistyped));
        assert_eq!(ws.snapshot.version_rows, ["b10900000004"]);
        let ws = ws.apply(act::confirm("base".into()));
        assert!(ws.pending.is_none() && ws.snapshot.version_rows.is_empty());
        // Every production downgrade shows its report first, even one that loses nothing.
        let ws = run(run(ws, "upgrade +2"), "downgrade -1");
        let pending = ws.pending.clone().unwrap();
        assert!(pending.production && pending.type_to_confirm.is_none() && pending.rehearsal.losses.len() == 1, "{pending:?}");
        let ws = run(ws.apply(Action::Cancel).apply(Action::SetProduction(false)), "upgrade +1");
        assert!(ws.pending.is_none(), "development: a downgrade that loses nothing runs at once");
    }

    preview_suggests_the_range_alembic_needs_only_when_it_works {
        let ws = run(Workspace::open(SCENARIOS, "blog"), "upgrade head").apply(Action::Preview(Some("downgrade -1".into())));
        let preview = ws.preview.clone().unwrap().unwrap();
        assert_eq!(preview.line, "downgrade -1 --sql");
        assert_eq!(preview.entry.failed.as_deref(), Some("downgrade with --sql requires <fromrev>:<torev>"));
        let (_, command, entry) = preview.suggestion.unwrap();
        assert_eq!(command, "downgrade b10900000004:b10900000003 --sql");
        assert_eq!((entry.exit_code, &entry.failed), (0, &None), "the suggested range runs");
        assert!(entry.stdout().contains("DROP TABLE post_archive;"), "{}", entry.stdout());
        // From b10900000002 every range back or up crosses a batch block, which Alembic cannot
        // print offline: no command is offered, and the reason is given.
        let ws = settle(run(ws, "downgrade b10900000002"));
        assert_eq!(ws.snapshot.version_rows, ["b10900000002"], "previews never touch the database");
        for line in ["downgrade -1", "upgrade head"] {
            let ws = ws.clone().apply(Action::Preview(Some(line.into())));
            let (why, command, _) = ws.preview.clone().unwrap().unwrap().suggestion.unwrap();
            assert_eq!(command, "", "{line}: {why}");
            assert!(why.starts_with("No --sql command works from the current state (b10900000002)") && why.contains("\"copy_from\" argument of the batch_alter_table()"), "{why}");
        }
        // What the preview says fails does fail.
        let ws = run(ws, "downgrade b10900000002:b10900000001 --sql");
        assert!(ws.transcript.last().unwrap().failed.as_deref().unwrap().contains("copy_from"));
    }
}
