//! How long saving an interview takes: `cargo bench --bench save` (divan).
//!
//! A keystroke's save is one append to the crash journal, whatever the size
//! of the interview: measured with a 30-question interview with ~2,000
//! characters of notes per question (a full call's worth), with 200 KB in
//! the current question, and with a 10,000-question bank. The whole file is
//! written (and flushed) on the flusher thread at most once a second; its
//! costs are measured too, on the 30-question interview.
//!
//! Every sample is one run (`sample_size = 1`), so divan's fastest and
//! slowest are single keystrokes or single writes.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Instant;

use divan::Bencher;
use divan::counter::BytesCount;

use phonescreen::interview::Record;
use phonescreen::store::Saver;
use phonescreen::store::testing::{sample_notes, sample_record};

fn main() {
    divan::main();
}

/// A full call: 30 questions in 5 sections, ~2,000 characters of notes each
/// (~97 KB of YAML).
fn full_call() -> Record {
    sample_record(30, 2000)
}

/// One keystroke's save (`Saver::save`: one journal append), typing into
/// the question at `index` of `record`.
mod keystroke {
    use super::*;

    /// Keys between two flushes; the flusher empties the journal at least
    /// once a second, so it never grows without end.
    const KEYS_PER_FLUSH: usize = 200;

    /// Types one character at a time and saves; each sample is one key (the
    /// character pushed onto the notes and its journal append). Every
    /// [`KEYS_PER_FLUSH`] keys the file is flushed and the journal emptied,
    /// untimed, between two samples.
    fn type_into(bencher: Bencher, record: Record, index: usize) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let path = tmp.path().join("20250304-101500-keys.yaml");
        let mut saver = Saver::new(&path, Arc::new(|| {}));
        let now = Instant::now();
        saver.start(&record, now).expect("start");
        let state = RefCell::new((record, saver, 0_usize));
        bencher
            .with_inputs(|| {
                let (record, saver, keys) = &mut *state.borrow_mut();
                *keys += 1;
                if (*keys).is_multiple_of(KEYS_PER_FLUSH) {
                    saver.flush_and_wait(record, now).expect("flush");
                }
                if (*keys).is_multiple_of(2) { 'a' } else { 'é' }
            })
            .bench_local_values(|key| {
                let (record, saver, _) = &mut *state.borrow_mut();
                record
                    .question_mut(index)
                    .expect("question")
                    .notes
                    .push(key);
                saver.save(record, &[index], now).expect("save");
            });
        let (_, saver, _) = state.into_inner();
        saver.close();
    }

    /// 30 questions x ~2,000 characters, typing in the 8th.
    #[divan::bench(sample_count = 2000, sample_size = 1)]
    fn notes_30q_x_2kb(bencher: Bencher) {
        type_into(bencher, full_call(), 7);
    }

    /// 200 KB of notes in the question being typed in (each append carries
    /// the edit; the notes go in whole once after each flush).
    #[divan::bench(sample_count = 2000, sample_size = 1)]
    fn long_200kb_in_question(bencher: Bencher) {
        let mut record = sample_record(13, 2000);
        record.question_mut(5).expect("q6").notes = sample_notes(200_000, 3);
        type_into(bencher, record, 5);
    }

    /// A 10,000-question bank, typing in question 5,001.
    #[divan::bench(sample_count = 2000, sample_size = 1)]
    fn bank_10000_questions(bencher: Bencher) {
        type_into(bencher, sample_record(10_000, 0), 5000);
    }
}

/// The whole file, on the flusher thread (the 30-question interview).
mod whole_file {
    use super::*;

    /// The interview formatted whole by our YAML writer.
    #[divan::bench(sample_count = 1000, sample_size = 1)]
    fn to_yaml(bencher: Bencher) {
        let record = full_call();
        let yaml = phonescreen::store::to_yaml(&record).expect("serializes");
        bencher
            .counter(BytesCount::of_str(&yaml))
            .bench_local(|| phonescreen::yaml::to_string(divan::black_box(&record)));
    }

    /// Written to a temporary file in the same folder and renamed over the
    /// interview file, without fsync.
    #[divan::bench(sample_count = 1000, sample_size = 1)]
    fn write_rename(bencher: Bencher) {
        let yaml = phonescreen::store::to_yaml(&full_call()).expect("serializes");
        let tmp = tempfile::tempdir().expect("temp dir");
        let path = tmp.path().join("raw.yaml");
        bencher.counter(BytesCount::of_str(&yaml)).bench_local(|| {
            phonescreen::store::write_atomic(&path, divan::black_box(yaml.as_bytes()), false)
                .expect("write");
        });
    }

    /// A key, then `Saver::flush_and_wait`: the file formatted, written,
    /// renamed, and it and its folder fsynced.
    #[divan::bench(sample_count = 300, sample_size = 1)]
    fn flush_fsync(bencher: Bencher) {
        type_and_flush(bencher, full_call(), 12);
    }

    /// Types a character into question `at` of `record`, then saves and
    /// waits for the flusher to have the file on the disk, once per sample.
    fn type_and_flush(bencher: Bencher, mut record: Record, at: usize) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let path = tmp.path().join("20250304-101500-flush.yaml");
        let mut saver = Saver::new(&path, Arc::new(|| {}));
        let now = Instant::now();
        saver.start(&record, now).expect("start");
        let mut keys = 0_usize;
        bencher.bench_local(|| {
            keys += 1;
            let q = record.question_mut(at).expect("the question");
            q.notes
                .push(if keys.is_multiple_of(2) { 'b' } else { '🙂' });
            saver.save(&record, &[at], now).expect("save");
            saver.flush_and_wait(&record, now).expect("flush");
        });
        saver.close();
    }

    /// [`flush_fsync`] on a 10,000-question bank (~1.75 MB of YAML), typing
    /// in question 5,001: the flusher formats again only the question that
    /// changed (`store::record_yaml::RecordText`).
    #[divan::bench(sample_count = 100, sample_size = 1)]
    fn flush_fsync_10000_questions(bencher: Bencher) {
        type_and_flush(bencher, sample_record(10_000, 0), 5000);
    }

    /// What the same flush would cost formatting the whole file every time:
    /// the 10,000-question interview formatted whole, written, renamed and
    /// fsynced.
    #[divan::bench(sample_count = 100, sample_size = 1)]
    fn format_whole_and_fsync_10000_questions(bencher: Bencher) {
        let mut record = sample_record(10_000, 0);
        let tmp = tempfile::tempdir().expect("temp dir");
        let path = tmp.path().join("20250304-101500-whole.yaml");
        let mut keys = 0_usize;
        bencher.bench_local(|| {
            keys += 1;
            let q = record.question_mut(5000).expect("question 5,001");
            q.notes
                .push(if keys.is_multiple_of(2) { 'b' } else { '🙂' });
            let yaml = phonescreen::store::to_yaml(&record).expect("serializes");
            phonescreen::store::write_atomic(&path, yaml.as_bytes(), true).expect("write");
        });
    }
}
