//! The `briefing` binary: parse the arguments and hand off.

/// Loading allocates many small strings; mimalloc makes that about a third cheaper than the
/// system allocator and keeps per-thread arenas from inflating peak memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (v3's `mi_option_e`; `libmimalloc-sys` names no
/// constant for it). A test below checks it by its default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays committed before it goes back to the system, in ms. v3's
/// default is a second (and ten for whole arenas), so what a load frees on one thread and
/// leaves idle on another, such as the parse trees of a cold start, stayed in RSS: a cold
/// start at 1,000 briefings peaked at 254 MB, 179 MB with 10 ms; a warm one at 114 MB,
/// 107 MB. Ten is v2's default.
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Sets mimalloc's options. Called first thing in `main`, before any other thread exists.
#[allow(unsafe_code)] // reason: a foreign call that only sets an integer option
fn tune_allocator() {
    // SAFETY: `mi_option_set` stores an integer; no other thread runs yet to read it.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) }
}

/// Gives what this thread's heap holds free back to the system, including what other
/// threads freed of it (see [`briefing::model::set_memory_release`]).
#[allow(unsafe_code)] // reason: a foreign call with no arguments to uphold
fn collect_freed() {
    // SAFETY: `mi_collect` only tidies the calling thread's own heap.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn main() -> std::process::ExitCode {
    tune_allocator();
    briefing::model::set_memory_release(collect_freed);
    briefing::cli::main()
}

#[cfg(test)]
mod tests {
    /// The option number is mimalloc v3's purge delay, whose default is a second: a mimalloc
    /// whose options were renumbered fails here rather than quietly setting another one.
    #[test]
    #[allow(unsafe_code)] // reason: reads an integer option
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads an integer; nothing sets options in this test binary.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
