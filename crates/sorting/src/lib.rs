//! Stable sorting with one compiled sort for every element type and order.
//!
//! The standard library's `sort*` methods are generic over the element and the comparison,
//! so each call site compiles its own copy of the sort (3–6 KB of wasm each: 75 KB of the
//! page's code for 18 of them, 16.6 KB gzip; BENCHMARKS.md). Here only a permutation of
//! indices is sorted, once, by a merge sort behind a `dyn` comparison, and
//! applied by one loop of swaps; the code per call site is two small closures (compare two
//! elements, swap two). O(n log n) comparisons and at most n swaps, plus one `Vec<usize>`
//! of the slice's length.
//!
//! Every function is stable (equal elements keep their order), so it also serves where an
//! unstable sort was enough.

use std::cmp::Ordering;

/// Sorts `v` in ascending order, stably.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` by the order of `key(element)`, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by `compare`, stably. An inconsistent `compare` leaves the elements in an
/// unspecified order.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_positions(v.len(), &mut |a, b| compare(&v[a], &v[b]));
    permute(order, &mut |a, b| v.swap(a, b));
}

/// The positions `0..len` in the stable order `compare` gives them: the one compiled sort,
/// a bottom-up merge sort (the standard stable sort here cost ~5 KB more of the page's code).
#[inline(never)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            merge(&order[start..middle], &order[middle..end], &mut merged[start..end], compare);
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Merges two sorted runs into `out`; on a tie the left run's element comes first, which
/// keeps the sort stable.
fn merge(left: &[usize], right: &[usize], out: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    let (mut l, mut r) = (0, 0);
    for slot in out {
        let take_left = r == right.len() || (l < left.len() && compare(left[l], right[r]) != Ordering::Greater);
        if take_left {
            *slot = left[l];
            l += 1;
        } else {
            *slot = right[r];
            r += 1;
        }
    }
}

/// Moves the element at `order[k]` to position `k`, for every `k`, by swaps along each cycle
/// of the permutation.
#[inline(never)]
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        // Each swap puts the element `at` wants in place; the one that was there moves on to
        // the next position of the cycle, until the cycle closes at `start`.
        while order[at] != DONE {
            let from = std::mem::replace(&mut order[at], DONE);
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A small generator: the same pseudo-random lists each run.
        let mut seed = 0x2545_f491_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in [0, 1, 2, 3, 7, 20, 21, 100, 1000, 5000] {
            // Pairs whose keys repeat, so stability shows in the second field.
            let v: Vec<(u64, usize)> = (0..len).map(|i| (next() % 10, i)).collect();
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "len {len}");
        }
    }

    #[test]
    fn equal_elements_keep_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn sorts_owned_values_and_reversed_orders() {
        let mut names: Vec<String> = ["delta", "alpha", "charlie", "bravo"].map(String::from).to_vec();
        sort(&mut names);
        assert_eq!(names, ["alpha", "bravo", "charlie", "delta"]);
        sort_by(&mut names, |a, b| b.cmp(a));
        assert_eq!(names, ["delta", "charlie", "bravo", "alpha"]);
    }

    #[test]
    fn an_inconsistent_order_loses_no_element() {
        // pylite's `sorted` answers `Equal` once a comparison fails; any answer must be safe.
        let mut v: Vec<u32> = (0..500).collect();
        let mut flip = false;
        sort_by(&mut v, |_, _| {
            flip = !flip;
            if flip {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        });
        v.sort_unstable();
        assert_eq!(v, (0..500).collect::<Vec<_>>());
    }

    #[test]
    fn every_permutation_of_four_is_undone() {
        // Every cycle shape of a small permutation goes through `permute`.
        let all = (0..4 * 4 * 4 * 4).map(|n| [n % 4, n / 4 % 4, n / 16 % 4, n / 64]);
        let permutations: Vec<[u32; 4]> = all.filter(|p| (0..4).all(|x| p.contains(&x))).collect();
        assert_eq!(permutations.len(), 24);
        for p in permutations {
            let mut v = p;
            sort(&mut v);
            assert_eq!(v, [0, 1, 2, 3], "from {p:?}");
        }
    }
}
