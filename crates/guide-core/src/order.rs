//! One way to sort lists in the browser's bundles.
//!
//! Every `sort_by_key` on a new type compiles another copy of the standard library's sort, a few
//! KB of WASM each. Here each list is ranked by a number and the ranks are sorted: one sort
//! instance serves every caller, in O(n log n), and equal ranks keep their order.

/// Sorts `items` by `rank`, lowest first; items of equal rank keep their order.
pub fn sort_by_rank<T>(items: &mut Vec<T>, rank: impl Fn(&T) -> i128) {
    let mut ranks: Vec<(i128, usize)> = items
        .iter()
        .enumerate()
        .map(|(index, item)| (rank(item), index))
        .collect();
    // The index breaks ties, so an unstable sort is stable here.
    ranks.sort_unstable();
    let mut unsorted: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        ranks
            .into_iter()
            .filter_map(|(_, index)| unsorted[index].take()),
    );
}

/// A rank that orders by `first`, then by `second`.
pub fn rank_of_pair(first: i64, second: u64) -> i128 {
    (i128::from(first) << 64) | i128::from(second)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_ranks_keep_their_order() {
        let mut words = vec!["bb", "a", "cc", "d", "ee"];
        sort_by_rank(&mut words, |w| w.len() as i128);
        assert_eq!(words, ["a", "d", "bb", "cc", "ee"]);
    }

    #[test]
    fn pairs_order_by_their_first_part_then_their_second() {
        let mut pairs = vec![
            (5, 1),
            (-3, 9),
            (5, 0),
            (-3, u64::MAX),
            (i64::MIN, 0),
            (i64::MAX, 0),
        ];
        sort_by_rank(&mut pairs, |&(a, b)| rank_of_pair(a, b));
        assert_eq!(
            pairs,
            [
                (i64::MIN, 0),
                (-3, 9),
                (-3, u64::MAX),
                (5, 0),
                (5, 1),
                (i64::MAX, 0)
            ]
        );
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort_does(items in proptest::collection::vec((-5_i64..5, 0_u8..4), 0..60)) {
            let mut ours = items.clone();
            sort_by_rank(&mut ours, |&(key, _)| i128::from(key));
            let mut theirs = items;
            theirs.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, theirs);
        }
    }
}
