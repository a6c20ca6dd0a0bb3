//! CPython 3.11's "Did you mean" for a misspelt name (`Python/suggestions.c`): the closest
//! candidate by a Levenshtein distance where a case change costs 1 and any other edit 2,
//! within `(len(a) + len(b) + 3) * 2 // 6`; ties go to the first candidate in sorted order.

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_STRING_SIZE: usize = 40;
const MAX_CANDIDATE_ITEMS: usize = 750;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Levenshtein distance with CPython's costs, or `max + 1` once it exceeds `max`.
fn distance(a: &[u8], b: &[u8], max: usize) -> usize {
    if a == b {
        return 0;
    }
    if a.len().abs_diff(b.len()) * MOVE_COST > max {
        return max + 1;
    }
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j * MOVE_COST).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = (i + 1) * MOVE_COST;
        let mut row_min = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + substitution_cost(ca, cb);
            diagonal = row[j + 1];
            let value = substitute.min(diagonal + MOVE_COST).min(row[j] + MOVE_COST);
            row[j + 1] = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return max + 1;
        }
    }
    row[b.len()]
}

/// The suggestion CPython would print for `wrong` among `candidates` (any order).
pub fn did_you_mean<'a>(wrong: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if candidates.len() > MAX_CANDIDATE_ITEMS || wrong.len() > MAX_STRING_SIZE {
        return None;
    }
    let mut sorted = candidates.to_vec();
    sorting::sort(&mut sorted);
    let mut best_distance = wrong.len();
    let mut suggestion = None;
    for candidate in sorted {
        if candidate == wrong {
            continue;
        }
        let max = ((candidate.len() + wrong.len() + 3) * MOVE_COST / 6).min(best_distance.saturating_sub(1));
        let d = distance(wrong.as_bytes(), candidate.as_bytes(), max);
        if d > max {
            continue;
        }
        if suggestion.is_none() || d < best_distance {
            suggestion = Some(candidate);
            best_distance = d;
        }
    }
    suggestion
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_like_cpython() {
        let names = ["add_column", "create_index", "create_table", "drop_table", "execute"];
        assert_eq!(did_you_mean("create_tabel", &names), Some("create_table"));
        assert_eq!(did_you_mean("Execute", &names), Some("execute"));
        assert_eq!(did_you_mean("frobnicate", &names), None);
        assert_eq!(did_you_mean("drop_tables", &names), Some("drop_table"));
    }
}
