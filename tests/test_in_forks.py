"""Work shared out among forked processes (`perlen.workers.in_forks`, and
`beside`, which begins it before this process joins): results in order,
failures raised here in order, no fork beside another thread."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest
from perlen import workers


def square_with_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_results_come_in_order_from_every_process(forks):
    # Each process waits at its first item until all three have one (else
    # one could finish them all before the others have started).
    arrived = multiprocessing.get_context("fork").Barrier(3)
    waited: set[int] = set()

    def square_together(number: int) -> tuple[int, int]:
        if os.getpid() not in waited:
            waited.add(os.getpid())
            arrived.wait(60)
        return square_with_pid(number)

    results = list(workers.in_forks(square_together, range(400), 3, minimum=10))
    assert [square for square, _ in results] == [n * n for n in range(400)]
    assert len(forks) == 2
    assert len({pid for _, pid in results}) == 3


def fails_at_seven(number: int) -> int:
    if number == 7:
        raise ValueError(f"kaputt bei {number}")
    return number


def test_a_failing_item_raises_here_after_the_items_before_it(forks):
    seen = []
    with pytest.raises(ValueError, match="kaputt bei 7"):
        for result in workers.in_forks(fails_at_seven, range(100), 2, minimum=5):
            seen.append(result)
    assert forks
    assert seen == list(range(7))


def unpicklable(number: int):
    return lambda: number


def test_results_that_do_not_pickle_are_computed_here(forks):
    results = list(workers.in_forks(unpicklable, range(60), 2, minimum=5))
    assert forks
    assert [result() for result in results] == list(range(60))


def test_few_items_or_another_thread_mean_no_fork(fork_starts):
    assert list(workers.in_forks(fails_at_seven, range(5), 2, minimum=5)) == list(
        range(5)
    )
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = list(workers.in_forks(square_with_pid, range(400), 2))
    finally:
        stop.set()
        other.join()
    assert {pid for _, pid in results} == {os.getpid()}
    assert fork_starts == []


def test_a_child_that_dies_leaves_its_items_to_this_process(forks):
    parent = os.getpid()

    def dies_in_a_child(number: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        return number

    assert list(workers.in_forks(dies_in_a_child, range(50), 2, minimum=5)) == list(
        range(50)
    )
    assert forks


def test_beside_works_while_this_process_does_other_work(forks, tmp_path):
    """The forked process finishes every item while this one, inside the
    block, waits for that; joining then computes nothing here."""
    done = multiprocessing.get_context("fork").Event()

    def square_then_tell(number: int) -> tuple[int, int]:
        if number == 299:
            done.set()
        return square_with_pid(number)

    with workers.beside(square_then_tell, range(300), 2, minimum=10) as results:
        assert done.wait(60), "the forked process did not work beside this one"
        joined = results()
    assert len(forks) == 1
    assert [square for square, _ in joined] == [n * n for n in range(300)]
    assert {pid for _, pid in joined} == {forks[0].pid}


def test_leaving_beside_early_stops_its_processes(forks):
    started = multiprocessing.get_context("fork").Event()

    def slow(number: int) -> int:
        started.set()
        threading.Event().wait(60)
        return number

    with pytest.raises(RuntimeError), workers.beside(slow, range(40), 2, minimum=5):
        assert started.wait(60)
        raise RuntimeError("eine Prüfung scheitert")
    assert forks
    assert not any(process.is_alive() for process in forks)


def in_forked_process_with_pid(number: int) -> tuple[bool, int]:
    return workers.in_forked_process(), os.getpid()


def test_a_forked_process_knows_it_is_one(forks):
    """True in a process `Forked` started (which may forget what it keeps
    for later), False in the build's."""
    with workers.beside(
        in_forked_process_with_pid, range(50), 2, minimum=10
    ) as results:
        forks[0].join(60)  # it takes every item before this one joins
        joined = results()
    assert not workers.in_forked_process()
    assert joined == [(True, forks[0].pid)] * 50
