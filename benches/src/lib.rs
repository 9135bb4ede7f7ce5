//! Shared fixtures for the criterion benchmarks in `benches/benches/`.
//!
//! Each benchmark group (`rtp/parse`, `rtcp/parse`, ...) measures rtcinspect and the
//! incumbent crates on the same input and the same work, so the ratios in the README
//! come from one run.
