//! Links are untrusted: thousands of damaged versions of a valid link (cut, characters
//! changed, inserted, removed, swapped) must each give Ok or a ShareError, never a panic.
//! Deterministic: an xorshift with a fixed seed.

mod common;

use share::{from_link, to_link, Limits, Step};

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[test]
fn damaged_links_never_panic() {
    let mut scenario = common::blog_with_steps();
    scenario.steps.push(Step::Edit { path: scenario.files[4].0.clone(), text: scenario.files[4].1.replace("200", "300") });
    scenario.database = Some(b"SQLite format 3\0".repeat(20));
    let link = to_link(&scenario);
    assert_eq!(from_link(&link, &Limits::LINK), Ok(scenario.clone()));

    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut errors) = (0, std::collections::BTreeMap::new());
    for _ in 0..5_000 {
        let mut bytes = link.clone().into_bytes();
        for _ in 0..1 + rng.below(3) {
            let at = 3 + rng.below(bytes.len() - 3);
            match rng.below(6) {
                0 => bytes.truncate(at),
                1 => bytes[at] = ALPHABET[rng.below(64)],
                2 => bytes.insert(at, ALPHABET[rng.below(64)]),
                3 => {
                    bytes.remove(at);
                }
                4 => {
                    let other = 3 + rng.below(bytes.len() - 3);
                    bytes.swap(at, other);
                }
                _ => bytes[at] = rng.below(128) as u8,
            }
            if bytes.len() <= 3 {
                break;
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        match from_link(&text, &Limits::LINK) {
            Ok(_) => ok += 1,
            Err(e) => {
                assert!(!e.to_string().is_empty());
                let kind = format!("{e:?}").split([' ', '{', '(']).next().unwrap_or_default().to_string();
                *errors.entry(kind).or_insert(0) += 1;
            }
        }
    }
    // Most damage is caught (DEFLATE has no checksum, so some changes still decode).
    println!("ok {ok}, errors {errors:?}");
    assert!(errors.values().sum::<i32>() > 4_000, "ok {ok}, errors {errors:?}");
}
