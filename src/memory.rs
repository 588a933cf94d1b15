//! The server's memory and glibc's allocator, which by default keeps much of what the server
//! frees rather than giving it back to the system. Measured for issue 26, with `make bench`.

/// glibc gives each thread that allocates an arena of its own (up to eight per core) and, once
/// a large block has been freed, raises the sizes below which freed memory is kept rather than
/// returned. Under load the server's memory then grew by 23 MB and stayed there (39.9 to
/// 62.9 MB); with two arenas and fixed 128 KB thresholds it grew by 3.9 MB, with no loss of
/// throughput we could measure. Call before the runtime starts, when no other thread has an
/// arena yet.
pub fn keep_freed_memory_returnable() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Memory freed in the middle of the heap stays resident: the trim threshold only reaches its
/// top. After a burst of work (pre-rendering every page at brotli's best level on every core, a
/// round of reminders, a load whose last connection has closed) this gives it back: 2.4 MB
/// after start-up (26.8 to 24.4 MB).
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}
