//! A console entry in plain words: under a `FAILED:` line, what went wrong and, where one
//! exists, a command that works from here; after a command that did nothing, that it did
//! nothing. The console itself stays exactly as Alembic prints it; this is the card under it.

use crate::graph::GraphLayout;
use crate::session::ConsoleEntry;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub text: String,
    /// A command line that would work from here.
    pub try_instead: Option<String>,
}

fn says(text: impl Into<String>, try_instead: Option<String>) -> Option<Explanation> {
    Some(Explanation { text: text.into(), try_instead })
}

/// What the database and the files look like when the command ran: enough to say what would
/// work instead.
pub struct Context<'a> {
    pub graph: &'a GraphLayout,
    /// alembic_version's rows after the command.
    pub version_rows: &'a [String],
}

impl Context<'_> {
    fn heads(&self) -> Vec<&str> {
        self.graph.nodes.iter().filter(|n| n.is_head).map(|n| n.id.as_str()).collect()
    }

    fn node(&self, id: &str) -> Option<&crate::graph::GraphNode> {
        self.graph.nodes.iter().find(|n| n.id == id)
    }

    fn parent_of(&self, id: &str) -> Option<String> {
        let node = self.node(id)?;
        Some(match node.down_revisions.as_slice() {
            [] => "base".into(),
            [one] => one.clone(),
            _ => return None,
        })
    }
}

/// The words after the command word, and the command word (`alembic` typed before it skipped).
fn words(line: &str) -> (String, Vec<String>) {
    let words = engine::command::line::split_line(line).unwrap_or_default();
    let mut words =
        words.into_iter().skip_while(|w| w == "alembic").filter(|w| !w.starts_with('-') || w.starts_with("-1") || w.parse::<i64>().is_ok());
    let command = words.next().unwrap_or_default();
    (command, words.collect())
}

fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.split_once(prefix)?.1;
    rest.split('\'').next()
}

/// `None` when the entry needs no words beyond Alembic's own.
pub fn explain(entry: &ConsoleEntry, cx: &Context) -> Option<Explanation> {
    let (command, args) = words(&entry.line);
    let target = args.first().cloned().unwrap_or_default();
    let offline = entry.line.split_whitespace().any(|w| w == "--sql");
    if entry.exit_code == 2 && entry.line.split_whitespace().next() == Some("alembic") {
        let rest = entry.line["alembic".len()..].trim();
        return says(
            format!("This console already is the `alembic` command: type what follows it, `{rest}`."),
            Some(rest.to_string()).filter(|r| !r.is_empty()),
        );
    }
    let Some(failed) = &entry.failed else {
        return succeeded(entry, cx, &command, &target, offline);
    };
    let at_base = cx.version_rows.is_empty();
    if failed.starts_with("Relative revision") && failed.contains("didn't produce") {
        return if command == "downgrade" && at_base {
            says("Nothing is applied yet (alembic_version is empty), so there is nothing to roll back.", Some("upgrade head".into()))
        } else if command == "downgrade" {
            says(
                format!("There are fewer applied revisions below the database than `{target}` asks to undo. `downgrade base` undoes all of them."),
                Some("history -i".into()),
            )
        } else {
            says(
                format!(
                    "There are fewer revisions left above the database than `{target}` asks for. `upgrade head` goes as far as there is."
                ),
                Some("upgrade head".into()),
            )
        };
    }
    if failed.starts_with("Multiple head revisions are present") || failed.starts_with("Multiple heads are present") {
        let heads = cx.heads().join(" and ");
        return says(
            format!(
                "The history has more than one head ({heads}), so `head` does not say which. `upgrade heads` applies all of them; \
                 `merge heads -m \"…\"` joins them into one head again."
            ),
            Some(if command == "downgrade" { "history -i".into() } else { "upgrade heads".into() }),
        );
    }
    if let Some(id) = quoted_after(failed, "Can't locate revision identified by '") {
        return if args.iter().any(|a| a.contains(id)) {
            says(
                format!("No revision file has an id (or id beginning) `{id}`, and no branch is called that. `history` lists the ids."),
                Some("history".into()),
            )
        } else {
            let head = cx.heads().first().map_or("REV".to_string(), |h| h.to_string());
            says(
                format!(
                    "alembic_version holds `{id}`, which no revision file defines: its file is gone, or the database ran a branch this \
                     project does not have. Alembic cannot walk from there. If you know which revision the schema really matches, \
                     `stamp --purge REV` rewrites the version table without running anything."
                ),
                Some(format!("stamp --purge {head}")),
            )
        };
    }
    if failed.starts_with("downgrade with --sql requires") {
        let why = "Offline mode (--sql) does not read the database, so \"one step back\" has no starting point.";
        let Some(row) = cx.version_rows.first() else { return says(format!("{why} Nothing is applied yet either."), None) };
        if cx.node(row).is_some_and(|n| n.downgrade_needs_database) {
            return says(
                format!(
                    "{why} And no range works from here: the downgrade of {row} has a batch block, which on SQLite copies the \
                     table and offline has no table to read. It needs copy_from= in batch_alter_table() to print as SQL."
                ),
                None,
            );
        }
        return says(format!("{why} Give the range: FROM:TO."), cx.parent_of(row).map(|parent| format!("downgrade {row}:{parent} --sql")));
    }
    if failed.starts_with("Destination") && failed.contains("not a valid downgrade target") {
        return says(
            format!("`{target}` is not below where the database is (it is ahead, or on another branch): a downgrade only goes back. To move forward, upgrade."),
            Some(format!("upgrade {target}")),
        );
    }
    if failed.starts_with("Requested revision") && failed.contains("overlaps") {
        return says("Two of the revisions asked for are on the same line of history: name only the newer one.", Some("heads".into()));
    }
    if failed.contains("NotImplementedError") {
        return says(
            "The revision's downgrade() says it cannot be undone, and the playground rolled it back: nothing changed. Going back \
             needs a backup, or a new revision that moves forward.",
            None,
        );
    }
    if failed.contains("already exists") || failed.contains("duplicate column name") {
        return says(
            "The database already has what this migration creates: it was built without Alembic, or a downgrade did not remove \
             it. Nothing changed. If the schema already matches a revision, `stamp REV` records that without running it.",
            Some("history -i".into()),
        );
    }
    if failed.contains("in --sql mode") && failed.contains("batch mode") {
        return says(
            "Batch mode on SQLite copies the table, which needs the real table to read; offline mode has none. Preview this step \
             on the live database (the guard rehearses it on a copy) or pass copy_from= to batch_alter_table().",
            None,
        );
    }
    if failed.contains("no such table") || failed.contains("no such column") {
        return says(
            "The migration refers to a table or column the database does not have at this point. Nothing changed: the playground \
             rolled the migration back. Fix the revision file, then run the command again.",
            None,
        );
    }
    None
}

/// A command that ran but changed nothing, or printed from where the user did not expect.
fn succeeded(entry: &ConsoleEntry, cx: &Context, command: &str, target: &str, offline: bool) -> Option<Explanation> {
    if entry.exit_code != 0 || !matches!(command, "upgrade" | "downgrade") {
        return None;
    }
    if offline {
        return (command == "upgrade" && !target.contains(':') && !cx.version_rows.is_empty()).then(|| Explanation {
            text: "--sql does not read the database: this is the SQL from an empty database up to the target. For just the \
                   missing steps, give the range FROM:TO."
                .into(),
            try_instead: cx.version_rows.first().map(|row| format!("upgrade {row}:{target} --sql")),
        });
    }
    let ran = entry.stderr().iter().any(|l| l.contains("Running upgrade") || l.contains("Running downgrade"));
    if ran {
        return None;
    }
    let rows = if cx.version_rows.is_empty() {
        "nothing is applied".to_string()
    } else {
        format!("the database is at {}", cx.version_rows.join(", "))
    };
    says(format!("Nothing to do: {rows}, which is already where `{command} {target}` leads."), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;
    use crate::scenarios::bundled;
    use crate::state::{Action, Workspace};

    fn run(ws: Workspace, line: &str) -> (Workspace, Option<Explanation>) {
        let ws = ws.apply(Action::Run { line: line.into(), at_ms: 0 });
        let entry = ws.transcript.last().unwrap().clone();
        let explained = explain(&entry, &Context { graph: &ws.graph, version_rows: &ws.snapshot.version_rows });
        (ws, explained)
    }

    fn open(name: &str) -> Workspace {
        Workspace::start(crate::scenarios::from_migrations_dir(), Project::bundled(bundled(name).unwrap()))
    }

    #[test]
    fn failures_are_explained_with_a_command_that_works() {
        let (ws, e) = run(open("blog"), "downgrade -1");
        assert_eq!(ws.transcript[0].failed.as_deref(), Some("Relative revision -1 didn't produce 1 migrations"));
        let e = e.unwrap();
        assert!(e.text.starts_with("Nothing is applied yet"), "{e:?}");
        assert_eq!(e.try_instead.as_deref(), Some("upgrade head"));

        let (_, e) = run(open("blog"), "upgrade nope");
        assert_eq!(e.unwrap().try_instead.as_deref(), Some("history"));

        let fork = "revision = 'f0e000000005'\ndown_revision = 'b10900000003'\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n";
        let two_heads = open("blog").apply(Action::Edit { path: "alembic/versions/f0e000000005_fork.py".into(), text: fork.into() });
        let (_, e) = run(two_heads, "upgrade head");
        let e = e.unwrap();
        assert!(e.text.contains("(b10900000004 and f0e000000005)"), "{e:?}");
        assert_eq!(e.try_instead.as_deref(), Some("upgrade heads"));

        // b10900000004's downgrade prints offline; b10900000003's batch block cannot (Alembic
        // refuses it), so no range is offered there.
        let (ws, _) = run(open("blog"), "upgrade head");
        let (ws, e) = run(ws, "downgrade -1 --sql");
        let range = e.unwrap().try_instead.unwrap();
        assert_eq!(range, "downgrade b10900000004:b10900000003 --sql");
        let (ws, _) = run(ws, &range);
        assert_eq!(ws.transcript.last().unwrap().exit_code, 0, "{:?}", ws.transcript.last());
        // (Confirmed: the downgrade loses the archive.)
        let (ws, _) = run(ws, "downgrade -1");
        let ws = ws.apply(Action::Confirm { typed: String::new(), at_ms: 0 });
        assert_eq!(ws.snapshot.version_rows, ["b10900000003"]);
        let (ws, e) = run(ws, "downgrade -1 --sql");
        let e = e.unwrap();
        assert_eq!(e.try_instead, None);
        assert!(e.text.contains("copy_from="), "{e:?}");
        let (ws, _) = run(ws, "downgrade b10900000003:b10900000002 --sql");
        assert!(ws.transcript.last().unwrap().failed.as_deref().unwrap().contains("copy_from"));
    }

    #[test]
    fn a_typed_program_name_is_refused_as_alembic_refuses_it_and_explained() {
        let (ws, e) = run(open("blog"), "alembic upgrade head");
        assert_eq!(ws.transcript[0].exit_code, 2);
        assert!(ws.snapshot.version_rows.is_empty(), "nothing ran");
        let e = e.unwrap();
        assert_eq!(e.text, "This console already is the `alembic` command: type what follows it, `upgrade head`.");
        assert_eq!(e.try_instead.as_deref(), Some("upgrade head"));
    }

    #[test]
    fn a_database_naming_a_lost_revision_is_explained_apart_from_a_typo() {
        let (ws, _) = run(open("blog"), "upgrade head");
        let ws = ws.apply(Action::Sql("UPDATE alembic_version SET version_num = 'e5c4a0000005'".into()));
        let (_, e) = run(ws, "current");
        let e = e.unwrap();
        assert!(e.text.starts_with("alembic_version holds `e5c4a0000005`"), "{e:?}");
        assert_eq!(e.try_instead.as_deref(), Some("stamp --purge b10900000004"));
    }

    #[test]
    fn upgrade_at_head_says_nothing_to_do_and_the_console_stays_alembics() {
        let (ws, first) = run(open("blog"), "upgrade head");
        assert!(first.is_none());
        let (ws, e) = run(ws, "upgrade head");
        assert_eq!(e.unwrap().text, "Nothing to do: the database is at b10900000004, which is already where `upgrade head` leads.");
        // Alembic's own two lines, nothing added.
        assert_eq!(ws.transcript[1].stderr().len(), 2, "{:?}", ws.transcript[1].stderr());
        let (ws, _) = run(open("blog"), "upgrade +1");
        let (_, e) = run(ws, "upgrade b10900000002 --sql");
        assert_eq!(e.unwrap().try_instead.as_deref(), Some("upgrade b10900000001:b10900000002 --sql"));
    }
}
