//! Lessons: an Alembic project, a start, a goal checked against the end state, hints and a
//! solution (`format`); a lesson played through the page's reducer (`play`); the goal
//! checked with the same code for the page and the CLI (`goal`); an attempt written down for
//! the CLI (`script`); the course read from `lessons/` (`course`).

pub mod course;
pub mod format;
pub mod goal;
pub mod play;
pub mod progress;
pub mod script;

pub use format::{Lesson, Move, Predicate};
pub use goal::{check, describe, Unmet};
pub use play::{Attempt, Now, Refused};
