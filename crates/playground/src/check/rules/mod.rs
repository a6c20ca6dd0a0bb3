//! The rules, one pass per module. Each returns findings; `check::check` merges them.

pub mod data;
pub mod drift;
pub mod history;
pub mod no_way_back;
pub mod offline;
pub mod stairway;
