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

impl Index<usize> for Lists {
    type Output = [u32];

    fn index(&self, i: usize) -> &[u32] {
        &self.values[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

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
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
}
