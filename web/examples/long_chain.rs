//! `upgrade head` of a long chain through the page's whole workspace, natively: what the
//! app's console does (the guard's rehearsal on a copy, the engine, the applied record, the
//! panels' snapshot, the timeline's frame). The in-browser figure is logged by
//! `web/tests/upgrade_in_browser.rs`.
//!   cargo run -p web --example long_chain --release [-- revisions]
use std::time::Instant;

use web::state::Workspace;

#[path = "../tests/support/long_chain.rs"]
mod long_chain;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let t = Instant::now();
    let ws = Workspace::start(web::scenarios::SCENARIOS, long_chain::project(n));
    println!("open {n} revisions: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let ws = long_chain::upgrade_head(ws);
    let total = t.elapsed().as_secs_f64() * 1e3;
    long_chain::check_at_head(&ws, n);
    println!("upgrade head: {total:.1} ms, {:.3} ms per revision", total / n as f64);
}
