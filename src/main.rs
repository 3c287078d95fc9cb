//! The `briefing` binary: parse the arguments and hand off.

/// Loading allocates many small strings; mimalloc makes that about a third cheaper than the
/// system allocator and keeps per-thread arenas from inflating peak memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    briefing::cli::main()
}
