//! Many short lists of indexes in two vectors (compressed sparse rows): the per-actor and
//! per-event lists the browser follows. One allocation for all of them instead of one per
//! list, which a library of 10,000 briefings has hundreds of thousands of, and a warm start
//! decodes as two flat vectors. Indexes and offsets take 32 bits: half the memory of `usize`
//! (1.5 MB at 1,000 briefings), and no library comes near four billion items.

use std::ops::Index;

use serde::{Deserialize, Serialize};

/// Lists of indexes: list `i` is `values[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lists {
    offsets: Vec<u32>,
    values: Vec<u32>,
}

impl Default for Lists {
    fn default() -> Self {
        Self {
            offsets: vec![0],
            values: Vec::new(),
        }
    }
}

impl Lists {
    /// How many lists there are.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether there are no lists.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the lists hold together (offsets in order, starting at 0 and ending at the
    /// values' end) and every value is below `bound`: read from the cache, they must not be
    /// able to index out of range.
    pub(crate) fn is_sound(&self, bound: usize) -> bool {
        self.offsets.first() == Some(&0)
            && self.offsets.last().map(|&end| end as usize) == Some(self.values.len())
            && self.offsets.windows(2).all(|w| w[0] <= w[1])
            && self.values.iter().all(|&v| (v as usize) < bound)
    }
}

impl Lists {
    /// `n` lists from (list, value) pairs (see [`pair`]), each list's values in the order
    /// they come: counted first, then written in place, so that nothing is allocated per
    /// list.
    pub(crate) fn from_pairs(n: usize, pairs: &[(u32, u32)]) -> Self {
        let mut starts = vec![0usize; n + 1];
        for &(list, _) in pairs {
            starts[list as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut values = vec![0; pairs.len()];
        let mut next = starts.clone();
        for &(list, value) in pairs {
            let at = &mut next[list as usize];
            values[*at] = value;
            *at += 1;
        }
        Self {
            offsets: starts.into_iter().map(narrow).collect(),
            values,
        }
    }

    /// Sorts each list and leaves out its repeated values.
    pub(crate) fn dedup_each(&mut self) {
        let (mut kept, mut start) = (0, 0);
        for i in 0..self.len() {
            let end = self.offsets[i + 1] as usize;
            self.values[start..end].sort_unstable();
            let first = kept;
            // `kept` never passes `j`: a value is moved back or kept, never ahead.
            for j in start..end {
                let v = self.values[j];
                if kept == first || self.values[kept - 1] != v {
                    self.values[kept] = v;
                    kept += 1;
                }
            }
            self.offsets[i + 1] = narrow(kept);
            start = end;
        }
        self.values.truncate(kept);
    }

    /// Sorts each list by `key`, keeping the order of values whose keys are equal.
    pub(crate) fn sort_each_by_key<K: Ord>(&mut self, key: impl Fn(u32) -> K) {
        for i in 0..self.len() {
            let (start, end) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
            self.values[start..end].sort_by_key(|&v| key(v));
        }
    }
}

impl Index<usize> for Lists {
    type Output = [u32];

    fn index(&self, i: usize) -> &[u32] {
        &self.values[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// Lists from one vector each: what the tests write their lists as.
#[cfg(test)]
impl From<Vec<Vec<usize>>> for Lists {
    fn from(lists: Vec<Vec<usize>>) -> Self {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        let mut values = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        offsets.push(0);
        for list in lists {
            values.extend(list.into_iter().map(narrow));
            offsets.push(narrow(values.len()));
        }
        Self { offsets, values }
    }
}

/// An index or a count in 32 bits. A library has far fewer items than that: one that did
/// not would fail [`Lists::is_sound`] rather than read another item.
pub(crate) fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A (list, value) pair for [`Lists::from_pairs`], in half the room of two `usize`s: the
/// pairs of a big library's lists are made side by side.
pub(crate) fn pair(list: usize, value: usize) -> (u32, u32) {
    (narrow(list), narrow(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_back_as_they_went_in() {
        let input = vec![vec![3, 1], vec![], vec![7], vec![]];
        let lists = Lists::from(input.clone());
        assert_eq!(lists.len(), 4);
        assert_eq!(&lists[0], &[3, 1]);
        assert!(lists[1].is_empty());
        assert_eq!(&lists[2], &[7]);
        let back: Vec<Vec<usize>> = (0..lists.len())
            .map(|i| lists[i].iter().map(|&v| v as usize).collect())
            .collect();
        assert_eq!(back, input);
        assert!(lists.is_sound(8));
        assert!(!lists.is_sound(7), "a value out of range");
        assert!(Lists::default().is_empty() && Lists::default().is_sound(0));
        // An index beyond 32 bits cannot pass for another item, as a cut to 32 bits would.
        let huge = Lists::from(vec![vec![(1 << 32) + 5]]);
        assert!(
            !huge.is_sound(10),
            "kept as the largest index, out of range"
        );
        let broken = Lists {
            offsets: vec![0, 2, 1],
            values: vec![0, 0],
        };
        assert!(!broken.is_sound(1), "offsets out of order");
        let short = Lists {
            offsets: vec![0, 3],
            values: vec![0, 0],
        };
        assert!(!short.is_sound(1), "an offset past the values");
    }

    #[test]
    fn lists_from_pairs_keep_the_order_the_pairs_come_in() {
        let pairs = [(2, 9), (0, 4), (2, 1), (0, 4), (3, 0), (2, 9)];
        let lists = Lists::from_pairs(5, &pairs);
        let expected = Lists::from(vec![vec![4, 4], vec![], vec![9, 1, 9], vec![0], vec![]]);
        assert_eq!(lists, expected);
        assert!(lists.is_sound(10));
        assert_eq!(Lists::from_pairs(0, &[]), Lists::default());
    }

    #[test]
    fn each_list_is_sorted_and_its_repeats_left_out() {
        let input = vec![
            vec![5, 1, 5, 3, 1],
            vec![],
            vec![2, 2, 2],
            vec![8, 0],
            vec![7],
        ];
        let mut lists = Lists::from(input.clone());
        lists.dedup_each();
        let expected: Vec<Vec<usize>> = input
            .into_iter()
            .map(|mut l| {
                l.sort_unstable();
                l.dedup();
                l
            })
            .collect();
        assert_eq!(lists, Lists::from(expected));
        assert!(lists.is_sound(9));
        // By a key, values of equal keys keep their order: 4 and 0 share a key.
        let mut lists = Lists::from(vec![vec![4, 3, 0, 9], vec![1]]);
        lists.sort_each_by_key(|v| v % 4 == 0);
        assert_eq!(lists, Lists::from(vec![vec![3, 9, 4, 0], vec![1]]));
    }
}
