//! Finding entries by a string key in lists of hundreds (a 1,000-revision project's files,
//! applied records). Always the same map type, `HashMap<String, usize>`, the one the engine
//! already uses for revision ids: each new map or sort instantiation costs the wasm its own
//! copy of that code (about 1.5 KB gzip), and the page has a 700 KB budget.

use std::collections::HashMap;

/// Positions of keys.
pub struct Index(HashMap<String, usize>);

impl Index {
    /// `keys[i]` is found at `i`; with repeated keys, the first position.
    pub fn new(keys: Vec<&str>) -> Index {
        let mut map = HashMap::with_capacity(keys.len());
        for (i, key) in keys.into_iter().enumerate().rev() {
            map.insert(key.to_string(), i);
        }
        Index(map)
    }

    pub fn find(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::Index;

    #[test]
    fn finds_the_first_position_of_each_key() {
        let index = Index::new(vec!["b", "a", "c", "a"]);
        assert_eq!(
            [index.find("a"), index.find("b"), index.find("c"), index.find("d"), index.find("")],
            [Some(1), Some(0), Some(2), None, None]
        );
    }
}
