//! A lesson being played: the workspace after the start, then the learner's moves, each
//! through the page's own reducer (`Workspace::apply`), so the page and the CLI run a lesson
//! the same way. Commands the lesson disables are refused before they run.

use engine::command::line;

use super::format::{Lesson, Move};
use crate::project::Project;
use crate::scenarios::Catalogue;
use crate::state::{Action, Workspace};

/// What a move needs from the outside world: the time it happens (the applied record's
/// clock) and a fresh revision id, should it write a revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Now {
    pub at_ms: i64,
    pub fresh_id: String,
}

/// A move that did not run, and why (nothing changed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub struct Attempt {
    pub ws: Workspace,
    /// The learner's moves that ran and could change something (refused ones and looking —
    /// `history`, `current`, `heads`, `branches`, `show` — do not count): compared with par.
    pub moves: usize,
    disabled: Vec<String>,
    /// Revisions written by `auto_now`'s ids so far.
    minted: u64,
}

/// `revision -m MSG` or `merge [heads] -m MSG`: the two commands that write a file, which the
/// console itself does not run (they need a fresh id and the time).
fn writes_revision(text: &str) -> Option<Result<(bool, String), String>> {
    let words = line::split_line(text).ok()?;
    let words = if words.first().is_some_and(|w| w == "alembic") { &words[1..] } else { &words[..] };
    let merge = match words.first().map(String::as_str) {
        Some("revision") => false,
        Some("merge") => true,
        _ => return None,
    };
    let mut message = None;
    let mut rest = words[1..].iter();
    while let Some(w) = rest.next() {
        match w.as_str() {
            "-m" | "--message" => message = rest.next().cloned(),
            w if w.starts_with("--message=") => message = Some(w["--message=".len()..].to_string()),
            "heads" if merge => {}
            other => {
                return Some(Err(format!(
                    "`{other}` is not understood here: write `revision -m \"message\"` or `merge heads -m \"message\"`"
                )))
            }
        }
    }
    Some(message.ok_or_else(|| "give the new revision a message: `-m \"what it does\"`".to_string()).map(|m| (merge, m)))
}

/// The command word of a console line (`alembic` typed before it skipped).
pub fn command_word(text: &str) -> Option<String> {
    let words = line::split_line(text).ok()?;
    let words = if words.first().is_some_and(|w| w == "alembic") { &words[1..] } else { &words[..] };
    words.iter().find(|w| !w.starts_with('-')).cloned()
}

impl Attempt {
    /// Opens the lesson's project and replays its start. Any start move that fails makes the
    /// lesson bad: the learner would begin somewhere the teacher did not mean.
    pub fn begin(catalogue: Catalogue, project: Project, lesson: &Lesson) -> Result<Attempt, String> {
        let ws = Workspace::start(catalogue, project);
        if let Some(e) = ws.error.as_ref().or(ws.load_error.as_ref()) {
            return Err(format!("the project does not open: {e}"));
        }
        let mut attempt = Attempt { ws, moves: 0, disabled: Vec::new(), minted: 0 };
        for (n, mv) in lesson.start.iter().enumerate() {
            let now = Now { at_ms: START_MS + n as i64 * 60_000, fresh_id: format!("{:012x}", 0x5a00_0000_0000u64 + n as u64) };
            attempt.play(mv, now).map_err(|e| format!("start move {}: {e}", n + 1))?;
            if let Some(entry) = attempt.ws.transcript.last().filter(|e| e.exit_code != 0 && matches!(mv, Move::Line(_))) {
                return Err(format!(
                    "start move {} (`{}`) failed: {}",
                    n + 1,
                    entry.line,
                    entry.failed.clone().unwrap_or_else(|| entry.stderr().join(" "))
                ));
            }
        }
        attempt.moves = 0;
        attempt.disabled = lesson.disabled.clone();
        Ok(attempt)
    }

    /// Plays one move. A refused move changes nothing; a command that fails still counts (the
    /// console shows its FAILED line, as Alembic would).
    pub fn play(&mut self, mv: &Move, now: Now) -> Result<(), Refused> {
        let action = match mv {
            Move::Line(text) => {
                if let Some(word) = command_word(text).filter(|w| self.disabled.contains(w)) {
                    return Err(Refused(format!("`{word}` is switched off in this lesson: reach the goal another way")));
                }
                match writes_revision(text) {
                    Some(Err(e)) => return Err(Refused(e)),
                    Some(Ok((merge, message))) => self.new_revision(merge, message, now.clone())?,
                    None => Action::Run { line: text.clone(), at_ms: now.at_ms },
                }
            }
            Move::Sql { sql } => Action::Sql(sql.clone()),
            Move::Write { write, text, .. } => Action::Edit { path: write.clone(), text: text.clone() },
            Move::Edit { edit, replace, with } => {
                let text = self.ws.file_text(edit).ok_or_else(|| Refused(format!("there is no file {edit}")))?;
                match text.matches(replace.as_str()).count() {
                    1 => Action::Edit { path: edit.clone(), text: text.replacen(replace.as_str(), with, 1) },
                    0 => return Err(Refused(format!("{edit} does not contain {replace:?}"))),
                    n => return Err(Refused(format!("{edit} contains {replace:?} {n} times: say which one"))),
                }
            }
            Move::Production { production } => Action::SetProduction(*production),
        };
        let is_sql = matches!(action, Action::Sql(_));
        self.ws = self.ws.clone().apply(action);
        // The page asks before a guarded command; a written attempt has already decided.
        if let Some(pending) = self.ws.pending.clone() {
            let typed = pending.type_to_confirm.unwrap_or_default();
            self.ws = self.ws.clone().apply(Action::Confirm { typed, at_ms: now.at_ms });
        }
        if is_sql {
            if let Some((_, crate::inspect::SqlBoxResult::Error(e))) = &self.ws.sql_box {
                return Err(Refused(format!("the SQL box refused it: {e}")));
            }
        }
        let looks = matches!(mv, Move::Line(l) if command_word(l).is_some_and(|w| LOOKING.contains(&w.as_str())));
        if !looks {
            self.moves += 1;
        }
        Ok(())
    }

    /// A deterministic clock and id for replays without a user (the CLI, tests): a minute
    /// per move after the start, and ids `a7e000000001`, `a7e000000002`, ….
    pub fn auto_now(&mut self) -> Now {
        self.minted += 1;
        Now { at_ms: START_MS + 3_600_000 + self.moves as i64 * 60_000, fresh_id: format!("{:012x}", 0xa7e0_0000_0000u64 + self.minted) }
    }

    /// Plays every move with `auto_now`, collecting the refusals (move index, why).
    pub fn play_all(&mut self, moves: &[Move]) -> Vec<(usize, Refused)> {
        let mut refused = Vec::new();
        for (i, mv) in moves.iter().enumerate() {
            let now = self.auto_now();
            if let Err(e) = self.play(mv, now) {
                refused.push((i, e));
            }
        }
        refused
    }

    fn new_revision(&self, merge: bool, message: String, now: Now) -> Result<Action, Refused> {
        let heads = self.ws.graph.nodes.iter().filter(|n| n.is_head).count();
        if !merge && heads > 1 {
            // Alembic's own refusal (`alembic revision` on several heads).
            return Err(Refused(
                "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.".into(),
            ));
        }
        if merge && heads < 2 {
            return Err(Refused("there is only one head: nothing to merge".into()));
        }
        Ok(Action::AddRevision { message, id: now.fresh_id, at_ms: now.at_ms })
    }
}

/// The moves among `steps` (a workspace's timeline from the lesson's start) that count
/// against par: everything but looking. What the page shows as "commands used".
pub fn counted(steps: &[share::Step]) -> usize {
    steps
        .iter()
        .map(|s| match s {
            share::Step::Run { lines, .. } => {
                lines.iter().filter(|l| !command_word(l).is_some_and(|w| LOOKING.contains(&w.as_str()))).count()
            }
            _ => 1,
        })
        .sum()
}

/// Commands that only read: they never count against par.
const LOOKING: &[&str] = &["history", "current", "heads", "branches", "show"];

/// The clock a lesson starts at (2026-01-01 00:00 UTC): replays write the same times.
pub const START_MS: i64 = 1_767_225_600_000;
