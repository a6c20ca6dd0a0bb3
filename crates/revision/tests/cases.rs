//! Every case of `revision_cases.json` (observed on Alembic 1.20.1) and our extra cases.

mod common;

#[test]
fn alembic_revision_cases() {
    common::run_table(include_str!("data/revision_cases.json"));
}

#[test]
fn extra_cases() {
    common::run_table(include_str!("data/extra_cases.json"));
}

/// `REVISION_CASES_FILE=path cargo test -p revision --test cases -- external` runs any case
/// file (e.g. random graphs from `gen_random_cases.py` filled in by `verify_cases.py --fill`).
/// The failure message lists every failing case id; `REVISION_CASES_REPORT=out.txt` also
/// writes each failure (`id: message`) to a file.
#[test]
fn external_cases() {
    if let Ok(path) = std::env::var("REVISION_CASES_FILE") {
        common::run_table(&std::fs::read_to_string(path).unwrap());
    }
}
