//! `sotay serve` (placeholder replaced below).
use crate::pipeline::BuildOptions;

pub fn run(_opts: BuildOptions, _port: u16) -> i32 {
    1
}
