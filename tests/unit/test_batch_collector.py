"""A batch run's collector setting lasts as long as the run, however many overlap."""

import gc
import threading
import weakref

from legal_flows.flows.runtime import BATCH_GC_THRESHOLD, batch_collector


def test_a_run_freezes_what_was_there_and_the_last_run_to_end_puts_the_collector_back():
    before = gc.get_threshold()
    with batch_collector():
        assert gc.get_freeze_count() > 0  # the start-up objects are out of full collections
        assert gc.get_threshold() == BATCH_GC_THRESHOLD
        with batch_collector():  # a second run in the same process (the portal's)
            pass
        assert gc.get_threshold() == BATCH_GC_THRESHOLD  # the first is still running
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_runs_in_two_threads_leave_the_collector_as_it_was():
    before = gc.get_threshold()
    inside, release = threading.Barrier(3), threading.Event()

    def run() -> None:
        with batch_collector():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert gc.get_threshold() == BATCH_GC_THRESHOLD
    release.set()
    for t in threads:
        t.join()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_a_run_keeps_no_fresh_garbage_and_does_not_walk_the_old_objects_to_start():
    a, b = _Node(), _Node()
    a.other, b.other = b, a  # a cycle: gone only when the collector finds it
    gone = weakref.ref(a)
    del a, b
    gc.disable()  # no automatic collection meanwhile (another thread's allocations)
    try:
        full = gc.get_stats()[2]["collections"]
        with batch_collector():
            assert gone() is None  # the garbage made just before the run is not frozen with it
            assert gc.get_stats()[2]["collections"] == full  # no full collection to start
    finally:
        gc.enable()
