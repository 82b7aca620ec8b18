//! A run is a batch job, and tells the Linux scheduler so.
//!
//! The supervisor's threads wake for every file a worker finishes (its
//! reply arrives, the aggregates take it). Under the default policy each
//! wake-up preempts a worker at once: on two cores busy with two workers,
//! 600 files made about 2,600 context switches, most of them a worker
//! switched out in the middle of its file. `SCHED_BATCH` threads do not
//! preempt on wake-up; they run at the next tick or when a core is free.
//! Nothing in a run waits on that latency: a worker holds its next job
//! already, and the aggregates trail the workers by a few files. Measured
//! on 600 files, `-j 2`, outputs on tmpfs, 8 interleaved rounds: 1,100 to
//! 1,600 context switches, wall 328–437 ms (median 351) against 354–444
//! (median 413).
//!
//! The policy is inherited by every thread the run starts and by its
//! worker processes. Niceness is kept as jixiao was started with (`nice`
//! still ranks a run against other work); where the policy cannot be set,
//! the run goes on under the default one.

/// Sets `SCHED_BATCH` for the calling thread, keeping its niceness; call
/// it before the run starts its threads and workers. Returns whether the
/// policy is set.
#[cfg(target_os = "linux")]
pub fn schedule_as_batch_job() -> bool {
    use thread_priority::{
        set_thread_priority_and_policy, thread_native_id, NormalThreadSchedulePolicy, ThreadPriority,
        ThreadPriorityValue, ThreadSchedulePolicy,
    };
    let policy = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Batch);
    // thread-priority sets a niceness with the policy, mapped from its
    // 0–99 scale: the value that maps to the current niceness keeps it.
    let Ok(nice) = rustix::process::getpriority_process(None) else { return false };
    let same_nice = (0..=99u8)
        .filter_map(|v| ThreadPriorityValue::try_from(v).ok())
        .map(ThreadPriority::Crossplatform)
        .find(|p| p.to_posix(policy).ok() == Some(nice));
    same_nice.is_some_and(|priority| set_thread_priority_and_policy(thread_native_id(), priority, policy).is_ok())
}

/// Elsewhere the run keeps the default policy.
#[cfg(not(target_os = "linux"))]
pub fn schedule_as_batch_job() -> bool {
    false
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_thread_becomes_a_batch_job_with_its_niceness_and_passes_both_on() {
        std::thread::spawn(|| {
            // A niceness of its own first: a run started under `nice` keeps it.
            let start = rustix::process::getpriority_process(None).expect("nice");
            rustix::process::setpriority_process(None, (start + 3).min(19)).expect("renice");
            let nice = rustix::process::getpriority_process(None).expect("nice");
            assert!(schedule_as_batch_job(), "SCHED_BATCH needs no privilege");
            let batch =
                thread_priority::ThreadSchedulePolicy::Normal(thread_priority::NormalThreadSchedulePolicy::Batch);
            assert_eq!(thread_priority::thread_schedule_policy().ok(), Some(batch));
            assert_eq!(rustix::process::getpriority_process(None).ok(), Some(nice));
            // A thread it starts inherits both.
            std::thread::spawn(move || {
                assert_eq!(thread_priority::thread_schedule_policy().ok(), Some(batch));
                assert_eq!(rustix::process::getpriority_process(None).ok(), Some(nice));
            })
            .join()
            .expect("inherited");
        })
        .join()
        .expect("batch");
    }
}
