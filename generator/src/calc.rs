//! `sotay calc …`: the calculator core, natively, on the command line.
use clap::Args;

/// Arguments of `sotay calc`. Placeholder until the engine lands.
#[derive(Debug, Args)]
pub struct CalcArgs {
    /// Sub-command and its arguments.
    #[arg(trailing_var_arg = true)]
    pub rest: Vec<String>,
}

/// Run `sotay calc`; returns the process exit code (0 ok, 2 bad input).
pub fn run(_args: CalcArgs) -> i32 {
    eprintln!("sotay calc: chưa có (not implemented yet)");
    2
}
