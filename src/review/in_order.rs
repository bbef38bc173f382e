//! Reading many interview files on every core while handling them one at
//! a time, in order.
//!
//! Parsing the YAML is nearly all the work of reading an archive (export
//! `--all`, building the index from nothing), and it parallelises
//! perfectly; what is done with each interview (writing it out, adding it
//! to the index) must keep the files' order and happen on one thread.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

/// How many results may wait, read ahead of the one being handled, at
/// most: what memory holds beyond one interview per thread.
pub(crate) const READ_AHEAD: usize = 32;

/// The most threads that read: more cores than this only contend for the
/// disk.
const MOST_THREADS: usize = 4;

/// Calls `read` on every one of `inputs` on one thread per core, and
/// `take` on each result on this thread, in the order of `inputs`, as soon
/// as it and every one before it are read. Readers stay within
/// [`READ_AHEAD`] of the result being taken. The first error of `take`
/// stops the readers and is returned.
pub(crate) fn map_in_order<I, T, E>(
    inputs: &[I],
    read: impl Fn(&I) -> T + Sync,
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
    T: Send,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MOST_THREADS)
        .min(inputs.len());
    if threads <= 1 {
        return inputs.iter().try_for_each(|input| take(read(input)));
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results were taken, for the readers not to run too far ahead.
    let taken = (Mutex::new(0usize), Condvar::new());
    let (results, arrived) = mpsc::sync_channel::<(usize, T)>(READ_AHEAD);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let results = results.clone();
            let (next, stop, taken, read) = (&next, &stop, &taken, &read);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    {
                        let (count, moved) = taken;
                        let mut count = count.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= *count + READ_AHEAD && !stop.load(Ordering::Relaxed) {
                            count = moved.wait(count).unwrap_or_else(PoisonError::into_inner);
                        }
                    }
                    if stop.load(Ordering::Relaxed) || results.send((i, read(input))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(results);
        let mut waiting = BTreeMap::new();
        let mut count = 0;
        let mut outcome = Ok(());
        for (i, result) in arrived.iter() {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&count) {
                outcome = take(result);
                count += 1;
                *taken.0.lock().unwrap_or_else(PoisonError::into_inner) = count;
                taken.1.notify_all();
                if outcome.is_err() {
                    break;
                }
            }
            if outcome.is_err() {
                break;
            }
        }
        // Readers waiting for room, or to hand a result over, are let go.
        stop.store(true, Ordering::Relaxed);
        taken.1.notify_all();
        drop(arrived);
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_readers_stay_close() {
        let inputs: Vec<usize> = (0..500).collect();
        let read_at = Mutex::new(Vec::new());
        let mut taken = Vec::new();
        let outcome: Result<(), ()> = map_in_order(
            &inputs,
            |&i| {
                read_at.lock().unwrap().push(i);
                i * 2
            },
            |x| {
                // When the result of input n is taken, no input past
                // n + READ_AHEAD (and one per thread in flight) was read.
                let n = x / 2;
                let furthest = read_at.lock().unwrap().iter().copied().max().unwrap();
                assert!(
                    furthest <= n + READ_AHEAD + MOST_THREADS,
                    "{furthest} read at {n}"
                );
                taken.push(x);
                Ok(())
            },
        );
        assert_eq!(outcome, Ok(()));
        assert_eq!(taken, (0..500).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_stops_everything_and_comes_back() {
        let inputs: Vec<usize> = (0..10_000).collect();
        let read = AtomicUsize::new(0);
        let outcome = map_in_order(
            &inputs,
            |&i| {
                read.fetch_add(1, Ordering::Relaxed);
                i
            },
            |i| if i == 3 { Err("full disk") } else { Ok(()) },
        );
        assert_eq!(outcome, Err("full disk"));
        assert!(read.load(Ordering::Relaxed) < 100, "readers stopped");
    }
}
