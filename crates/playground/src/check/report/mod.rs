//! The report's formats: rustc-style text, JSON, JUnit XML.

pub mod human;
pub mod json;
pub mod junit;
