//! A lesson as a teacher writes it: `lessons/NN-id/lesson.json` (read with serde) beside its
//! story, `story.md`. The project is named (a folder of `migrations/` or `lessons/projects/`);
//! start, solution and attempts are the same moves the learner makes in the page.

use serde::{Deserialize, Serialize};

/// One lesson, its files already read (a `write` move's `file` replaced by its text).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub title: String,
    /// The Alembic project it opens: a name the course resolves to its files.
    pub project: String,
    /// Markdown, from `story.md` when the JSON has none.
    #[serde(default)]
    pub story: String,
    /// Replayed before the learner starts.
    #[serde(default)]
    pub start: Vec<Move>,
    /// Every predicate must hold, in this order; the first one not met is reported.
    pub goal: Vec<Predicate>,
    /// Shown one at a time, in order.
    #[serde(default)]
    pub hints: Vec<String>,
    pub solution: Vec<Move>,
    /// Command words refused in this lesson (`stamp` where the point is to merge).
    #[serde(default)]
    pub disabled: Vec<String>,
    /// How many moves a good solution needs.
    pub par: usize,
}

/// What a learner (or the start, or the solution) does: a console line, a statement in the
/// SQL box, a file replaced or edited, the environment switched.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Move {
    /// A console line: any Alembic command, or `revision -m "…"` / `merge heads -m "…"`.
    Line(String),
    Sql {
        sql: String,
    },
    /// Replace a file's text (a new file when the path is new); `file` names a file beside
    /// lesson.json whose text the course reads into `text`.
    Write {
        write: String,
        #[serde(default)]
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        file: Option<String>,
    },
    /// Replace the one occurrence of `replace` in a file with `with`.
    Edit {
        edit: String,
        replace: String,
        with: String,
    },
    Production {
        production: bool,
    },
}

/// One thing the end state must show. Checked against the database, the revision files and
/// the environment, never against the commands typed.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Predicate {
    /// alembic_version holds exactly these revisions (none: nothing applied).
    Version(Vec<String>),
    /// alembic_version holds exactly the revisions with these messages (revisions the learner
    /// writes have ids nobody can know in advance).
    VersionMessages(Vec<String>),
    /// The revision files have this many heads.
    Heads(usize),
    /// alembic_version holds every head of the revision files, and nothing else.
    AtHeads,
    /// The schema is the one a fresh database gets from `upgrade REV` with the files as they
    /// are now.
    SchemaAt(String),
    /// A query's result, as text (cells joined by `|`, rows by newlines), equals `equals`.
    Rows {
        sql: String,
        equals: String,
        means: String,
    },
    /// The file differs from the project as it was opened (before the start's edits).
    FileChanged(String),
    /// The file is as the project had it when it was opened: what other databases ran.
    FileUnchanged(String),
    /// Every applied revision's file is as it was when it was applied.
    NoDrift,
    Production(bool),
    /// On a copy of the database, downgrading REV and upgrading it again gives the schemas a
    /// fresh database has at REV's parent and at REV.
    RoundTrip(String),
    /// On a copy of the database, `downgrade` to REV's parent fails and leaves the copy at
    /// REV: the revision says it cannot be undone instead of pretending.
    DowngradeRefused(String),
    /// The revision files load (no syntax or graph error left).
    FilesLoad,
}
