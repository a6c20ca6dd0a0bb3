//! Every lesson of the course: its solution meets the goal, and each plausible wrong attempt
//! written beside it (`lessons/NN-id/wrong/*.txt`) does not.

use playground::lessons::course::Course;
use playground::lessons::{check, script, Attempt};
use playground::scenarios;

#[test]
fn every_solution_meets_its_goal_and_every_wrong_attempt_does_not() {
    let course = Course::of_repository().unwrap();
    assert!(course.lessons.len() >= 12, "{} lessons", course.lessons.len());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
    let mut failures = Vec::new();
    for (n, cl) in course.lessons.iter().enumerate() {
        let begin = || Attempt::begin(scenarios::from_migrations_dir(), cl.project.clone(), &cl.lesson).unwrap();
        // Nothing done is never enough.
        if check(&cl.lesson.goal, &begin().ws).is_ok() {
            failures.push(format!("{}: the goal is met before the learner does anything", cl.id));
        }
        let mut solved = begin();
        let refused = solved.play_all(&cl.lesson.solution);
        if !refused.is_empty() {
            failures.push(format!("{}: the solution's moves are refused: {refused:?}", cl.id));
        }
        if let Err(unmet) = check(&cl.lesson.goal, &solved.ws) {
            let console: Vec<String> =
                solved.ws.transcript.iter().map(|e| format!("{} → {:?} {:?}", e.line, e.failed, e.stderr().last())).collect();
            failures.push(format!("{}: the solution does not meet the goal: {unmet}\n  {}", cl.id, console.join("\n  ")));
        }
        let dir = std::fs::read_dir(root.join(format!("{:02}-{}", n + 1, cl.id)).join("wrong")).unwrap();
        let mut wrong: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        wrong.sort();
        if wrong.len() < 2 {
            failures.push(format!("{}: only {} wrong attempts", cl.id, wrong.len()));
        }
        for path in wrong {
            let moves = script::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut attempt = begin();
            let refused = attempt.play_all(&moves);
            if refused.is_empty() && check(&cl.lesson.goal, &attempt.ws).is_ok() {
                failures.push(format!("{}: the wrong attempt {} meets the goal", cl.id, path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
