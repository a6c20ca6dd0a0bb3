//! Time travel: the steps the user took, and after each one a snapshot of everything the
//! page shows (the database serialised, the revision files, the applied texts, the
//! environment), so any point can be restored exactly. Taking a new step from an earlier
//! point does not lose the steps after it: they are kept as a branch, which can be taken
//! back (its steps replayed from where it left the line).

use share::Step;

use crate::session::ConsoleEntry;
use crate::sql_log::SqlStep;

/// Everything needed to put the page back as it was after a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Shared with the frame before when the step did not change the database (a `history`,
    /// an edit, a failed command): a long session keeps one copy per change, not per step.
    pub database: std::rc::Rc<[u8]>,
    pub files: Vec<(String, String)>,
    pub applied: Vec<(String, String, String)>,
    pub production: bool,
    /// How much of the transcript and of the SQL log existed then.
    pub transcript_len: usize,
    pub sql_log_len: usize,
}

/// Steps that followed point `from` before another step was taken there.
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    pub from: usize,
    pub steps: Vec<Step>,
}

/// Frame 0 is the start; frame `n` follows step `n - 1`. `at` is the frame shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub steps: Vec<Step>,
    frames: Vec<Frame>,
    at: usize,
    /// The whole transcript and SQL log of the timeline, including the steps after `at`.
    pub transcript: Vec<ConsoleEntry>,
    pub sql_log: Vec<SqlStep>,
    /// The futures left by taking a step at an earlier point, oldest first.
    pub branches: Vec<Branch>,
}

impl Timeline {
    pub fn start(frame: Frame) -> Timeline {
        Timeline { steps: Vec::new(), frames: vec![frame], at: 0, transcript: Vec::new(), sql_log: Vec::new(), branches: Vec::new() }
    }

    /// Keeps the steps after the current point as a branch (before a step is taken here).
    pub fn branch_off(&mut self) {
        if self.at < self.steps.len() {
            self.branches.push(Branch { from: self.at, steps: self.steps[self.at..].to_vec() });
        }
    }

    /// Records `step` taken at the current point, and the frame after it. Steps after the
    /// current point are dropped first (`branch_off` keeps them).
    /// `transcript` and `sql_log` are the page's, which extend what the timeline held at the
    /// current point: only the new entries are copied (a replay of many steps stays linear).
    pub fn record(&mut self, step: Step, frame: Frame, transcript: &[ConsoleEntry], sql_log: &[SqlStep]) {
        let (t0, s0) = (self.frames[self.at].transcript_len, self.frames[self.at].sql_log_len);
        self.steps.truncate(self.at);
        self.frames.truncate(self.at + 1);
        self.steps.push(step);
        self.frames.push(frame);
        self.at += 1;
        self.transcript.truncate(t0);
        self.transcript.extend_from_slice(transcript.get(t0..).unwrap_or_default());
        self.sql_log.truncate(s0);
        self.sql_log.extend_from_slice(sql_log.get(s0..).unwrap_or_default());
    }

    /// The steps up to the current point (what a share link carries).
    pub fn steps_so_far(&self) -> &[Step] {
        &self.steps[..self.at]
    }

    pub fn at(&self) -> usize {
        self.at
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Moves to frame `to` (clamped) and returns it.
    pub fn go(&mut self, to: usize) -> &Frame {
        self.at = to.min(self.steps.len());
        &self.frames[self.at]
    }

    pub fn frame(&self) -> &Frame {
        &self.frames[self.at]
    }

    /// Whether there is a start frame yet (a default timeline has none).
    pub fn is_started(&self) -> bool {
        !self.frames.is_empty()
    }

    /// Steps between two points, as the log shows them (for the note after travelling).
    pub fn steps_between(&self, from: usize, to: usize) -> &[Step] {
        let (a, b) = if from <= to { (from, to) } else { (to, from) };
        &self.steps[a.min(self.steps.len())..b.min(self.steps.len())]
    }
}

/// How the log names a step.
pub fn describe(step: &Step) -> String {
    match step {
        Step::Run { lines, .. } => lines.join(" && "),
        Step::Sql(sql) => format!("SQL: {}", sql.trim()),
        Step::Edit { path, .. } => format!("edit {}", path.rsplit('/').next().unwrap_or(path)),
        Step::Production(true) => "environment: production".into(),
        Step::Production(false) => "environment: development".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(n: u8) -> Frame {
        Frame { database: vec![n].into(), files: Vec::new(), applied: Vec::new(), production: false, transcript_len: 0, sql_log_len: 0 }
    }

    fn sql(s: &str) -> Step {
        Step::Sql(s.into())
    }

    #[test]
    fn branching_off_keeps_the_future_once() {
        let mut t = Timeline::start(frame(0));
        t.record(sql("a"), frame(1), &[], &[]);
        t.record(sql("b"), frame(2), &[], &[]);
        t.branch_off();
        assert!(t.branches.is_empty(), "nothing ahead at the end");
        t.go(0);
        t.branch_off();
        t.record(sql("c"), frame(3), &[], &[]);
        assert_eq!(t.branches, [Branch { from: 0, steps: vec![sql("a"), sql("b")] }]);
        assert_eq!(t.steps, [sql("c")]);
    }

    #[test]
    fn going_back_and_taking_a_new_step_drops_the_future() {
        let mut t = Timeline::start(frame(0));
        t.record(sql("a"), frame(1), &[], &[]);
        t.record(sql("b"), frame(2), &[], &[]);
        assert_eq!((t.at(), t.len()), (2, 2));
        assert_eq!(*t.go(1).database, [1]);
        assert_eq!(t.steps_so_far(), [sql("a")]);
        // Forward again is still possible until a new step is taken.
        assert_eq!(*t.go(5).database, [2]);
        t.go(1);
        t.record(sql("c"), frame(3), &[], &[]);
        assert_eq!(t.steps, [sql("a"), sql("c")]);
        assert_eq!(*t.go(2).database, [3]);
        assert_eq!(*t.go(0).database, [0]);
        assert_eq!(t.steps_between(2, 0), [sql("a"), sql("c")]);
    }
}
