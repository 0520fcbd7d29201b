//! The crate's one union-find (disjoint sets over `0..n`), shared by dedup's clusters and
//! alias merging.
//!
//! Path halving, and the smaller index always becomes the root: the root of a set is its
//! smallest member, so a partition's labels never depend on the order of the unions (dedup
//! names each cluster by its smallest document index this way).

use crate::hash::FastMap;

/// Disjoint sets over `0..n`.
#[derive(Debug, Clone)]
pub struct UnionFind(Vec<u32>);

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> Self {
        UnionFind((0..n as u32).collect())
    }

    /// The smallest member of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let up = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = up;
            x = up;
        }
        x
    }

    /// Joins the sets of `a` and `b`.
    pub fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi as usize] = lo;
        }
    }

    /// Joins every pair of items that share a key.
    pub fn union_by<K: std::hash::Hash + Eq>(&mut self, items: impl Iterator<Item = (K, u32)>) {
        let mut first: FastMap<K, u32> = FastMap::default();
        for (k, id) in items {
            match first.get(&k) {
                Some(&f) => self.union(f, id),
                None => {
                    first.insert(k, id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_smallest_members_whatever_the_order() {
        let mut a = UnionFind::new(6);
        a.union(5, 3);
        a.union(3, 4);
        a.union(1, 2);
        let mut b = UnionFind::new(6);
        b.union(4, 3);
        b.union(2, 1);
        b.union(3, 5);
        let ra: Vec<u32> = (0..6).map(|i| a.find(i)).collect();
        let rb: Vec<u32> = (0..6).map(|i| b.find(i)).collect();
        assert_eq!(ra, [0, 1, 1, 3, 3, 3]);
        assert_eq!(ra, rb);
    }

    #[test]
    fn union_by_joins_shared_keys() {
        let mut u = UnionFind::new(4);
        u.union_by([("x", 3), ("y", 1), ("x", 0), ("y", 2)].into_iter());
        assert_eq!((0..4).map(|i| u.find(i)).collect::<Vec<_>>(), [0, 1, 1, 0]);
    }
}
