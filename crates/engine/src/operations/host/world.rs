//! What a revision file reads of the outside world through pylite's standard library: the
//! clock (`time.time()`, `datetime.now()`), randomness (`uuid.uuid4()`), and where its
//! `logging` records go (the command's log, shown with the ini's logging configuration).
//! The engine reads no clock and no entropy itself: the caller provides them
//! (`Runner::with_clock`), as it provides the applied record's time.

use std::borrow::Cow;

use crate::command::{Level, LogRecord};

/// The clock and randomness a run's revision files see, and the records they logged.
#[derive(Clone, Debug, Default)]
pub struct ScriptWorld {
    /// Unix time in milliseconds, the same for the whole command (as one `datetime.now()`
    /// per command would be); `None`: the program gave no clock, and reading it fails.
    pub clock_ms: Option<i64>,
    /// A splitmix64 generator's state, advanced across the command's migrations so no two
    /// `uuid4()` repeat; `None`: no randomness.
    rng: Option<u64>,
    /// Records logged since the last `take_log`.
    log: Vec<LogRecord>,
}

impl ScriptWorld {
    /// A world at `clock_ms` whose randomness starts from `seed`. The same seed gives the
    /// same UUIDs: a replayed command (the page replays steps with their clock) makes the
    /// same rows.
    pub fn new(clock_ms: i64, seed: u64) -> ScriptWorld {
        ScriptWorld { clock_ms: Some(clock_ms), rng: Some(seed), log: Vec::new() }
    }

    pub fn now(&self) -> Option<f64> {
        self.clock_ms.map(|ms| ms as f64 / 1000.0)
    }

    pub fn random(&mut self, buf: &mut [u8]) -> bool {
        let Some(state) = self.rng.as_mut() else { return false };
        for chunk in buf.chunks_mut(8) {
            *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = *state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
        true
    }

    pub fn log(&mut self, logger: &str, level: u32, message: &str) {
        self.log.push(LogRecord {
            level: Level::from_number(level),
            logger: Cow::Owned(logger.to_string()),
            message: message.to_string(),
            printed_before: 0,
        });
    }

    /// The records logged since the last call.
    pub fn take_log(&mut self) -> Vec<LogRecord> {
        std::mem::take(&mut self.log)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn randomness_is_seeded_and_keeps_advancing() {
        let (mut a, mut b) = (ScriptWorld::new(0, 7), ScriptWorld::new(0, 7));
        let (mut x, mut y, mut z) = ([0u8; 16], [0u8; 16], [0u8; 16]);
        assert!(a.random(&mut x) && b.random(&mut y) && a.random(&mut z));
        assert_eq!(x, y, "one seed, one sequence");
        assert_ne!(x, z, "the next draw differs");
        assert!(!ScriptWorld::default().random(&mut x), "no seed, no randomness");
    }
}
