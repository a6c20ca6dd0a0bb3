//! The learner's progress as the page keeps it in the browser's storage: the lessons solved
//! (with the commands used) and the lesson open now (with the timeline step it started at).
//! One line each, `solved<TAB>id<TAB>moves` and `open<TAB>id<TAB>start`, after a `v1` line;
//! anything unreadable is dropped, never an error: progress is a convenience.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Lesson ids solved, with the fewest commands used, in the order solved.
    pub solved: Vec<(String, usize)>,
    /// The lesson in progress and the timeline position its start ended at.
    pub open: Option<(String, usize)>,
    /// The course map was seen (a first visit opens it).
    pub seen: bool,
}

impl Progress {
    pub fn parse(text: &str) -> Progress {
        let mut p = Progress::default();
        let mut lines = text.lines();
        if lines.next() != Some("v1") {
            return p;
        }
        p.seen = true;
        for line in lines {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["solved", id, moves] => {
                    if let Ok(m) = moves.parse() {
                        p.solve(id, m);
                    }
                }
                ["open", id, start] => p.open = start.parse().ok().map(|s| (id.to_string(), s)),
                _ => {}
            }
        }
        p
    }

    pub fn to_text(&self) -> String {
        let mut out = String::from("v1\n");
        for (id, moves) in &self.solved {
            out.push_str(&format!("solved\t{id}\t{moves}\n"));
        }
        if let Some((id, start)) = &self.open {
            out.push_str(&format!("open\t{id}\t{start}\n"));
        }
        out
    }

    /// Records a solution; a better one replaces a worse.
    pub fn solve(&mut self, id: &str, moves: usize) {
        match self.solved.iter_mut().find(|(s, _)| s == id) {
            Some((_, m)) => *m = (*m).min(moves),
            None => self.solved.push((id.to_string(), moves)),
        }
    }

    pub fn is_solved(&self, id: &str) -> bool {
        self.solved.iter().any(|(s, _)| s == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_back_what_it_wrote_and_drops_garbage() {
        let mut p = Progress { seen: true, ..Progress::default() };
        p.solve("chain", 3);
        p.solve("chain", 1);
        p.solve("steps", 2);
        p.open = Some(("rollback".into(), 1));
        let text = p.to_text();
        assert_eq!(text, "v1\nsolved\tchain\t1\nsolved\tsteps\t2\nopen\trollback\t1\n");
        assert_eq!(Progress::parse(&text), p);
        assert_eq!(Progress::parse("v1\nsolved\tx\tmany\nwhat\n"), Progress { seen: true, ..Progress::default() });
        assert_eq!(Progress::parse("garbage"), Progress::default());
        assert!(!Progress::parse("").seen);
    }
}
