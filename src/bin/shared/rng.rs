//! xorshift64*: the benchmarks' own seeded PRNG (the core has no randomness), shared by the
//! bench binaries with `#[path = "shared/rng.rs"] mod rng;`.

pub struct Rng(pub u64);

#[allow(dead_code)] // each bench uses part of it
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}
