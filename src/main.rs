//! The `briefing` binary: parse the arguments and hand off.

fn main() -> std::process::ExitCode {
    briefing::cli::main()
}
