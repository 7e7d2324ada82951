//! Sổ tay generator library: load content → model → render → write site.
//! The `sotay` binary (src/main.rs) is a thin CLI over this library.
