//! Results handed from the threads that feed the workers to the assembly,
//! a batch at a time.
//!
//! A channel wakes its receiver for every message. The assembly catches up
//! with the workers after every file, so it waited on each of them: on two
//! cores busy with two workers, each wake-up preempted a worker (600
//! files: 600 wake-ups, and as many context switches). Here a sender wakes
//! the receiver only when a batch is full or when it leaves; the receiver
//! also takes what has come when its wait times out, so a display it keeps
//! going is never more than that timeout behind.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Items waiting for the receiver, and how many senders are left.
struct State<T> {
    items: Vec<T>,
    senders: usize,
}

/// A queue that wakes its one receiver a batch at a time.
pub(crate) struct Inbox<T> {
    state: Mutex<State<T>>,
    ready: Condvar,
    batch: usize,
}

/// What [`Inbox::receive`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Received {
    /// Items were moved into the buffer.
    Items,
    /// The wait timed out with nothing to take.
    Timeout,
    /// Every sender has left and every item was taken.
    Closed,
}

impl<T> Inbox<T> {
    /// An inbox that wakes its receiver every `batch` items.
    pub(crate) fn new(batch: usize) -> Arc<Inbox<T>> {
        let state = Mutex::new(State { items: Vec::new(), senders: 0 });
        Arc::new(Inbox { state, ready: Condvar::new(), batch: batch.max(1) })
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new sender: the inbox stays open until every sender is dropped.
    pub(crate) fn sender(self: &Arc<Self>) -> Sender<T> {
        self.lock().senders += 1;
        Sender { inbox: Arc::clone(self) }
    }

    /// Waits up to `wait` for a full batch (or for the last sender to
    /// leave) and moves every waiting item into `into`; when the wait
    /// times out, takes what has come.
    pub(crate) fn receive(&self, into: &mut Vec<T>, wait: Duration) -> Received {
        let deadline = Instant::now() + wait;
        let mut state = self.lock();
        loop {
            let full = state.items.len() >= self.batch;
            let left = deadline.saturating_duration_since(Instant::now());
            if full || state.senders == 0 || left.is_zero() {
                if !state.items.is_empty() {
                    into.append(&mut state.items);
                    return Received::Items;
                }
                return if state.senders == 0 { Received::Closed } else { Received::Timeout };
            }
            state = self.ready.wait_timeout(state, left).unwrap_or_else(PoisonError::into_inner).0;
        }
    }
}

/// One sending side of an [`Inbox`].
pub(crate) struct Sender<T> {
    inbox: Arc<Inbox<T>>,
}

impl<T> Sender<T> {
    /// Queues `item`; wakes the receiver when it completes a batch.
    pub(crate) fn send(&self, item: T) {
        let mut state = self.inbox.lock();
        state.items.push(item);
        if state.items.len() >= self.inbox.batch {
            drop(state);
            self.inbox.ready.notify_one();
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        self.inbox.lock().senders -= 1;
        self.inbox.ready.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(30);

    #[test]
    fn a_batch_a_timeout_and_the_last_sender() {
        let inbox = Inbox::new(3);
        let mut got = Vec::new();
        {
            let tx = inbox.sender();
            for i in 0..4 {
                tx.send(i);
            }
            // A full batch is there: no wait.
            assert_eq!(inbox.receive(&mut got, LONG), Received::Items);
            assert_eq!(got, [0, 1, 2, 3]);
            tx.send(4);
            // Less than a batch: taken when the wait times out.
            let started = Instant::now();
            assert_eq!(inbox.receive(&mut got, Duration::from_millis(50)), Received::Items);
            assert!(started.elapsed() >= Duration::from_millis(50));
            assert_eq!(got, [0, 1, 2, 3, 4]);
            assert_eq!(inbox.receive(&mut got, Duration::from_millis(10)), Received::Timeout);
            tx.send(5);
        }
        // The last sender left: what remains comes at once, then the end.
        assert_eq!(inbox.receive(&mut got, LONG), Received::Items);
        assert_eq!(got, [0, 1, 2, 3, 4, 5]);
        assert_eq!(inbox.receive(&mut got, LONG), Received::Closed);
    }

    #[test]
    fn senders_on_threads_deliver_everything_once() {
        let inbox = Inbox::new(8);
        let mut got = Vec::new();
        std::thread::scope(|scope| {
            for t in 0..4 {
                let tx = inbox.sender();
                scope.spawn(move || {
                    for i in 0..1000 {
                        tx.send(t * 1000 + i);
                        if i % 97 == 0 {
                            std::thread::yield_now();
                        }
                    }
                });
            }
            while inbox.receive(&mut got, LONG) != Received::Closed {}
        });
        got.sort_unstable();
        assert_eq!(got, (0..4000).collect::<Vec<_>>());
    }

    #[test]
    fn the_receiver_is_woken_by_the_batch_not_the_timeout() {
        let inbox = Inbox::new(2);
        let tx = inbox.sender();
        let mut got = Vec::new();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                std::thread::sleep(Duration::from_millis(20));
                tx.send(1);
                tx.send(2);
            });
            let started = Instant::now();
            assert_eq!(inbox.receive(&mut got, LONG), Received::Items);
            assert!(started.elapsed() < LONG / 2, "woken by the full batch");
        });
        assert_eq!(got, [1, 2]);
    }
}
