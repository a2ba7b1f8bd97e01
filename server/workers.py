"""Query runners: killable worker processes over read-only snapshots, or threads as a fallback.

The engine cannot cancel a running query, so queries run in worker
processes. Each worker opens a *snapshot* of the store read-only: a RocksDB
checkpoint (hard links) that the server process takes after each write it
makes. No process ever reads a directory another one writes, which is the
only way RocksDB defines read-only opens. A worker that overruns the time
limit is killed and replaced; the client gets 503 and the others go on.

Writes run in the server process, one at a time, then a new snapshot is
taken and idle workers reopen it before the write is answered, so a client
reads its own writes.

When no SERVICE endpoint is allowed (the default), each worker leaves the
network right after it starts: ``unshare(CLONE_NEWNET)`` puts it in a network
namespace of its own with no interface, so even a query that got past the
allow-list check in server/sparql.py cannot open a connection. Workers also
ask the kernel to kill them when the server dies (``PR_SET_PDEATHSIG``).

Each worker caps its own address space (``RLIMIT_AS``, the setting
ZONEGRAPH_QUERY_MEMORY) before it opens the store: a query that needs more
makes the engine abort (or Python raise MemoryError); the client gets 503
naming the setting, the worker is replaced and the others go on. Workers run
with ``MALLOC_ARENA_MAX=2`` (glibc would reserve an arena of address space per
thread, ~630 MiB for an open store instead of ~240) and ``RUST_BACKTRACE=0``.

Long queries never take every worker: ``quick`` workers are kept for quick
queries. A query that runs past ``quick_timeout`` seconds becomes *long*, and
may go on (up to the time limit) only while fewer than ``size - quick`` other
long queries run; otherwise it is stopped there (503 with ``Retry-After``).
So slow queries hold at most ``size - quick`` workers and a probe waits at
most about ``quick_timeout`` for one, while a quick query that merely
overlaps others is never cut short. At most ``max_queued`` requests wait for
a worker; the next one gets 503 with ``Retry-After`` at once. A warm spare
worker stands by, so a worker killed at a limit is replaced in milliseconds
rather than the second a new process takes to start.

Stores that cannot be snapshotted (in memory, remote) run queries in threads
of the server process instead: the time limit still answers the client, but
an in-memory query that overruns keeps its thread busy until it ends.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import ctypes
import itertools
import logging
import math
import os
import pickle
import resource
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from kg.attach import process_alive
from kg.errors import StoreError
from kg.store import Store, open_store
from server.execution import (
    QUERIES,
    Job,
    QueryAnswer,
    QueryJob,
    UpdateTrial,
    Wording,
    error,
    perform,
)

_HEADER = struct.Struct("!I")
# An answer: status (0 when no job was given), media type length, body length.
_ANSWER = struct.Struct("!HHQ")
_CANNOT_OPEN = 1  # the status of "the snapshot could not be opened"; the body says why
_NO_MEMORY = 2  # the status of a job that raised MemoryError
# The reader buffers answers up to this size without pausing the socket on every chunk.
_READ_LIMIT = 1 << 26
_CLONE_NEWNET, _CLONE_NEWUSER = 0x40000000, 0x10000000
_PR_SET_PDEATHSIG = 1
_NOT_ISOLATED = 2  # the exit status of a worker that was asked to isolate itself and could not
# How a worker dies when it runs out of memory: the engine aborts, or the kernel's OOM killer.
_OUT_OF_MEMORY = (-signal.SIGABRT, -signal.SIGKILL)
_WORKER_ENV = {"MALLOC_ARENA_MAX": "2", "RUST_BACKTRACE": "0"}
_log = logging.getLogger("zonegraph.workers")
_CRASHED = (500, "the query worker stopped while running the query; try again")


def _retry(seconds: float) -> tuple[tuple[str, str], ...]:
    return (("Retry-After", str(max(1, math.ceil(seconds)))),)


def _busy(say: Wording, size: int, timeout: float, retry: float) -> QueryAnswer:
    return error(
        503,
        f"all {size} {say.work} workers stayed busy for {timeout:g} s; try again later "
        f"(the limit is {say.workers})",
        _retry(retry),
    )


def _queue_full(say: Wording, size: int, queued: int, retry: float) -> QueryAnswer:
    return error(
        503,
        f"the server is busy: all {size} {say.work} workers are busy and {queued} more "
        f"requests are waiting ({say.queued}); try again later",
        _retry(retry),
    )


def _quick_overrun(quick_timeout: float, retry: float) -> QueryAnswer:
    return error(
        503,
        "the server is busy with long queries: they hold every worker but those kept for "
        f"quick queries (ZONEGRAPH_QUICK_WORKERS), and this one did not finish within "
        f"{quick_timeout:g} s (ZONEGRAPH_QUICK_TIMEOUT); try again later, or make it "
        "more selective",
        _retry(retry),
    )


def _overrun(say: Wording, timeout: float) -> QueryAnswer:
    return error(
        503,
        f"the {say.work} ran longer than {timeout:g} s, the time limit of this server "
        f"({say.timeout}), and was stopped; {say.advice}",
    )


def out_of_memory(memory: int, say: Wording = QUERIES) -> QueryAnswer:
    """The 503 of a job stopped at the memory cap of ``memory`` MiB (0: the machine's)."""
    cap = f"the limit of {memory} MiB per {say.work}" if memory else "the memory of the machine"
    return error(
        503,
        f"the {say.work} needed more memory than {cap} ({say.memory}) and was stopped; "
        f"{say.advice}",
    )


class Runner:
    """Runs query jobs with a concurrency limit and a time limit; serialises writes.

    ``quick``: workers that queries running past ``quick_timeout`` seconds never hold
    (at most ``size - 1``); ``max_queued``: requests that may wait for a worker.
    """

    def __init__(
        self,
        store: Store,
        size: int,
        timeout: float,
        memory: int = 0,
        *,
        quick: int = 1,
        quick_timeout: float = 0.5,
        max_queued: int = 16,
        wording: Wording = QUERIES,
    ) -> None:
        self.store, self.size, self.timeout = store, max(1, size), timeout
        self.say = wording
        self.memory = memory
        self.quick = max(0, min(quick, self.size - 1))
        self.quick_timeout = min(quick_timeout, timeout)
        self.max_queued = max(0, max_queued)
        self._write_lock = asyncio.Lock()

    async def start(self) -> None:
        """Get ready to answer queries."""

    async def run(self, job: QueryJob | Job) -> QueryAnswer:
        """Answer one query job."""
        raise NotImplementedError

    async def write(self, change: Callable[[Store], Any]) -> Any:
        """Apply ``change(store)`` in the server process, one writer at a time."""
        async with self.write_turn() as apply:
            return await apply(change)

    @contextlib.asynccontextmanager
    async def write_turn(self):
        """The one writer's turn, held across awaits (a validation in a worker, say).

        Yields ``apply``: ``await apply(change)`` runs ``change(store)`` in a thread and
        has the workers read the new state before it returns, as :meth:`write` does.
        """
        async with self._write_lock:

            async def apply(change: Callable[[Store], Any]) -> Any:
                result = await asyncio.to_thread(change, self.store)
                await self._after_write()
                return result

            yield apply

    async def try_update(
        self, update: str, base_iri: str | None, calls_out: bool
    ) -> QueryAnswer | None:
        """Run ``update`` on a copy of the store in a worker first; None when it cannot be.

        A 204 answer means it came through and may be applied; any other is the answer.
        """
        return None

    async def read(self, look: Callable[[Store], Any]) -> Any:
        """Run a cheap metadata read (graph list) off the event loop."""
        return await asyncio.to_thread(look, self.store)

    async def _after_write(self) -> None:
        pass

    async def close(self) -> None:
        """Stop workers and remove snapshots."""


class ThreadRunner(Runner):
    """Queries in threads of this process: for stores that cannot be snapshotted.

    No memory cap and no quick lane (a thread cannot be stopped); the queue is bounded.
    """

    def __init__(self, store: Store, size: int, timeout: float, memory: int = 0, **limits) -> None:
        super().__init__(store, size, timeout, memory, **limits)
        self._executor = ThreadPoolExecutor(self.size, thread_name_prefix="zonegraph-query")
        self._slots = asyncio.Semaphore(self.size)
        self._queued = 0

    async def run(self, job: QueryJob | Job) -> QueryAnswer:
        if self._slots.locked() and self._queued >= self.max_queued:
            return _queue_full(self.say, self.size, self._queued, self.timeout)
        self._queued += 1
        try:
            await asyncio.wait_for(self._slots.acquire(), self.timeout)
        except TimeoutError:
            return _busy(self.say, self.size, self.timeout, self.timeout)
        finally:
            self._queued -= 1
        try:
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(self._executor, perform, self.store, job)
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            return _overrun(self.say, self.timeout)
        finally:
            self._slots.release()

    async def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class _Worker:
    def __init__(self, proc: subprocess.Popen, reader, writer) -> None:
        self.proc, self.reader, self.writer = proc, reader, writer
        self.snapshot: str | None = None
        self.switched = False
        self.expired = False
        self.cut = False  # stopped at the quick limit: the long queries held their share

    async def ask(self, snapshot: str, job: QueryJob | None) -> QueryAnswer | None:
        payload = pickle.dumps((snapshot, job), protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.write(_HEADER.pack(len(payload)) + payload)
        self.switched = self.snapshot != snapshot
        self.snapshot = snapshot
        # Raw bytes, not a pickle: a large result is not copied again on the way.
        status, media_size, body_size = _ANSWER.unpack(await self.reader.readexactly(_ANSWER.size))
        media = (await self.reader.readexactly(media_size)).decode()
        body = await self.reader.readexactly(body_size)
        if status == _CANNOT_OPEN:
            raise StoreError(body.decode())
        if status == _NO_MEMORY:
            raise MemoryError
        return QueryAnswer(status, media, body) if status else None

    def expire(self) -> None:
        """Kill the worker at the time limit; its pending ask() then fails at once."""
        self.expired = True
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        self.writer.close()
        self.proc.wait()


class ProcessPool(Runner):
    """Jobs in ``size`` worker processes; queries each over a read-only snapshot of the store.

    Without a store (``store=None``) the workers open nothing and run jobs that need
    none (``Job``); ``warm_up`` is a job each new worker runs before its first one.
    """

    def __init__(
        self,
        store: Store | None,
        size: int,
        timeout: float,
        memory: int = 0,
        *,
        isolate: bool = False,
        warm_up: Job | None = None,
        **limits,
    ) -> None:
        super().__init__(store, size, timeout, memory, **limits)  # type: ignore[arg-type]
        self.isolate = isolate
        self._warm_up = warm_up
        self._started: asyncio.Lock | None = None
        self._dir: Path | None = None
        if store is not None:
            base = Path(store.location).resolve()
            _remove_stale(base)
            # Same file system as the store, so snapshots are hard links, not copies.
            self._dir = Path(
                tempfile.mkdtemp(prefix=f".{base.name}-snapshots-{os.getpid()}-", dir=base.parent)
            )
        self._generation = itertools.count()
        self._snapshot = ""
        # Idle workers as a stack: the most recently used one answers next, with its
        # RocksDB block cache and CPU caches warm; the others stay cold until load needs them.
        self._idle: list[_Worker] = []
        self._waiting: collections.deque[asyncio.Future[_Worker]] = collections.deque()
        self._workers: set[_Worker] = set()
        self._spawning: set[asyncio.Task] = set()
        # Running queries: worker -> deadline; the long ones (past quick_timeout).
        self._running: dict[_Worker, float] = {}
        self._long: set[_Worker] = set()
        # A started worker that takes the place of a killed one at once; ``_serving``
        # counts the workers in service (idle or busy), which ``size`` bounds.
        self._spare: _Worker | None = None
        self._serving = 0

    async def start(self) -> None:
        self._started = self._started or asyncio.Lock()
        async with self._started:
            if self._workers:
                return
            await self._start()

    async def _start(self) -> None:
        if self.store is not None:
            self._snapshot = await asyncio.to_thread(self._take_snapshot)
        if self.isolate and not await asyncio.to_thread(_can_isolate):
            _log.warning(
                "query workers cannot leave the network (unshare(CLONE_NEWNET) is not "
                "permitted here); SERVICE and LOAD are refused by the query check only"
            )
            self.isolate = False
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size + 1)))
        self._spare = workers.pop()
        self._serving = len(workers)
        for worker in workers:
            self._release(worker)

    def _take_snapshot(self) -> str:
        assert self._dir is not None, "a pool without a store takes no snapshots"
        path = self._dir / f"{next(self._generation):06d}"
        self.store.snapshot(path)
        return str(path)

    async def _spawn(self) -> _Worker:
        parent, child = socket.socketpair()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server.workers",
                str(child.fileno()),
                "isolated" if self.isolate else "networked",
                str(self.memory),
            ],
            pass_fds=[child.fileno()],
            stdin=subprocess.DEVNULL,
            env={**os.environ, **_WORKER_ENV},
        )
        child.close()
        reader, writer = await asyncio.open_unix_connection(sock=parent, limit=_READ_LIMIT)
        worker = _Worker(proc, reader, writer)
        self._workers.add(worker)
        try:
            # Open the store (and warm up) before the first job.
            await worker.ask(self._snapshot, self._warm_up)
        except BaseException:
            self._discard(worker)
            raise
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        self._workers.discard(worker)
        self._collect()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` (in service); the spare takes its place now, a new process follows."""
        self._discard(worker)
        self._serving -= 1
        spare, self._spare = self._spare, None
        if spare is not None and spare.proc.poll() is None:
            self._serving += 1
            self._release(spare)
        elif spare is not None:
            self._discard(spare)
            self._refill()
        self._refill()

    def _refill(self) -> None:
        """Start a worker in the background: into service if short of ``size``, else the spare."""
        task = asyncio.get_running_loop().create_task(self._respawn())
        self._spawning.add(task)
        task.add_done_callback(self._spawning.discard)

    async def _respawn(self) -> None:
        for delay in (0, 0.5, 2, 5):
            await asyncio.sleep(delay)
            with contextlib.suppress(StoreError, OSError, asyncio.IncompleteReadError):
                worker = await self._spawn()
                if self._serving < self.size:
                    self._serving += 1
                    self._release(worker)
                elif self._spare is None:
                    self._spare = worker
                else:
                    self._discard(worker)
                return

    def _release(self, worker: _Worker) -> None:
        """Hand ``worker`` to the longest-waiting request, or put it on the idle stack."""
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    async def _acquire(self, timeout: float) -> _Worker | None:
        """Wait for a worker, up to ``timeout`` seconds; None when none came free."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            return await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            return None
        except asyncio.CancelledError:
            # Handed a worker just as the client went away: pass it on, do not lose it.
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())
            raise
        finally:
            with contextlib.suppress(ValueError):
                self._waiting.remove(waiter)

    def _retry_after(self) -> float:
        """Seconds until a worker comes free at the latest: the nearest deadline of a query."""
        now = asyncio.get_running_loop().time()
        deadlines = [self._running[w] for w in self._long if w in self._running]
        return min(deadlines) - now if deadlines else 1

    async def run(self, job: QueryJob | Job) -> QueryAnswer:
        if self._started is None or self._started.locked():
            await self.start()  # started on first use, or still starting: wait for it
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        say = getattr(job, "wording", self.say)
        if self._idle:
            worker = self._idle.pop()
        elif len(self._waiting) >= self.max_queued:
            return _queue_full(say, self.size, len(self._waiting), self._retry_after())
        else:
            worker = await self._acquire(self.timeout)
        if worker is None:
            return _busy(say, self.size, self.timeout, self._retry_after())
        self._running[worker] = deadline
        # A timer kills the worker at the deadline, which ends the pending read at once;
        # another decides at the quick limit whether the query may go on as a long one.
        timers = [loop.call_at(max(deadline, loop.time() + 0.001), worker.expire)]
        if self.quick and loop.time() + self.quick_timeout < deadline:
            timers.append(loop.call_later(self.quick_timeout, self._turning_long, worker))
        healthy = False
        try:
            answer = await worker.ask(self._snapshot, job)
            healthy = not worker.expired
            return answer if healthy else self._stopped(worker, say)
        except MemoryError:
            # The worker caught it and answered, but its heap stays as the job left it, near
            # the cap: the next job would run out at once. It is replaced, like one that aborted.
            return out_of_memory(self.memory, say)
        except (asyncio.IncompleteReadError, ConnectionError, StoreError):
            if worker.expired:
                return self._stopped(worker, say)
            if await asyncio.to_thread(_exit_status, worker.proc) in _OUT_OF_MEMORY:
                return out_of_memory(self.memory, say)
            status, message = getattr(job, "crashed", _CRASHED)
            return error(status, message)
        finally:
            for timer in timers:
                timer.cancel()
            self._running.pop(worker, None)
            self._long.discard(worker)
            # A cancelled request (client gone) also leaves the worker mid-query: replace it.
            if healthy:
                self._release(worker)
                if worker.switched:
                    self._collect()
            else:
                self._replace(worker)

    async def try_update(
        self, update: str, base_iri: str | None, calls_out: bool
    ) -> QueryAnswer | None:
        if self.store is None:
            return None
        base = Path(self.store.location).resolve()
        # Named like the snapshot folders, so a killed server's trials are removed as stale.
        folder = tempfile.mkdtemp(
            prefix=f".{base.name}-snapshots-{os.getpid()}-trial-", dir=base.parent
        )
        copy = str(Path(folder) / "store")
        try:
            await asyncio.to_thread(self.store.snapshot, copy)
            return await self.run(UpdateTrial(copy, update, base_iri, calls_out))
        finally:
            await asyncio.to_thread(shutil.rmtree, folder, True)

    def _turning_long(self, worker: _Worker) -> None:
        """At the quick limit: go on as a long query, or stop if long ones hold their share."""
        if len(self._long) < self.size - self.quick:
            self._long.add(worker)
        else:
            worker.cut = True
            worker.expire()

    def _stopped(self, worker: _Worker, say: Wording) -> QueryAnswer:
        """The answer of a job whose worker was killed at a limit."""
        if worker.cut:
            return _quick_overrun(self.quick_timeout, self._retry_after())
        return _overrun(say, self.timeout)

    async def _after_write(self) -> None:
        self._snapshot = await asyncio.to_thread(self._take_snapshot)
        idle, self._idle = self._idle, []
        spare, self._spare = self._spare, None
        asked = idle + ([spare] if spare is not None else [])
        results = await asyncio.gather(
            *(w.ask(self._snapshot, None) for w in asked), return_exceptions=True
        )
        for worker, result in zip(asked, results, strict=True):
            if worker is spare and isinstance(result, BaseException):
                self._discard(worker)
                self._refill()
            elif worker is spare:
                self._spare = worker
            elif isinstance(result, BaseException):
                self._replace(worker)
            else:
                self._release(worker)
        self._collect()

    def _collect(self) -> None:
        """Remove snapshots that no worker has open any more."""
        if self._dir is None:
            return
        in_use = {w.snapshot for w in self._workers} | {self._snapshot}
        for path in self._dir.iterdir():
            if str(path) not in in_use:
                shutil.rmtree(path, ignore_errors=True)

    async def close(self) -> None:
        for task in list(self._spawning):
            task.cancel()
        for worker in list(self._workers):
            worker.kill()
        self._workers.clear()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)


def _remove_stale(base: Path) -> None:
    """Remove snapshot directories left by servers of this store that were killed."""
    for path in base.parent.glob(f".{base.name}-snapshots-*-*"):
        pid = path.name.removeprefix(f".{base.name}-snapshots-").split("-")[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _exit_status(proc: subprocess.Popen) -> int | None:
    """How a worker whose socket closed ended (negative: the signal), None if it runs on."""
    try:
        return proc.wait(2)
    except subprocess.TimeoutExpired:
        return None


def make_runner(
    store: Store, size: int, timeout: float, memory: int = 0, *, isolate: bool = False, **limits
) -> Runner:
    """Worker processes when the store can be snapshotted (on disk), threads otherwise.

    ``memory``: MiB of address space per worker, 0 for no cap. ``isolate``: the workers
    run without network (when no SERVICE endpoint is allowed). ``limits``: ``quick``,
    ``quick_timeout`` and ``max_queued`` of Runner.
    """
    if store.location != ":memory:" and Path(store.location).is_dir():
        return ProcessPool(store, size, timeout, memory, isolate=isolate, **limits)
    return ThreadRunner(store, size, timeout, memory, **limits)


def _read_exactly(stream, size: int) -> bytes:
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return data


def _send(sock: socket.socket, status: int, media: str, body: bytes) -> None:
    head = _ANSWER.pack(status, len(media), len(body)) + media.encode()
    if len(body) < 1 << 16:
        sock.sendall(head + body)  # one write, one wake-up of the server
    else:
        sock.sendall(head)
        sock.sendall(body)  # a large result is not copied


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def leave_network() -> bool:
    """Move this process into a new network namespace with no interface; False if not permitted.

    As root ``CLONE_NEWNET`` alone works; otherwise a new user namespace makes it permitted.
    """
    libc = _libc()
    return libc.unshare(_CLONE_NEWNET) == 0 or libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0


def _can_isolate() -> bool:
    """Whether a worker could leave the network here, tried in a short-lived child."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os._exit(0 if leave_network() else _NOT_ISOLATED)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _serve(fd: int, isolated: bool = False, memory: int = 0) -> None:
    """The worker loop: read (snapshot, job), answer, until the server closes the socket.

    ``memory``: the cap of this process's address space in MiB (0: none).
    """
    _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # die with the server, never run on
    if os.getppid() == 1:  # the server died before the line above took effect
        return
    if isolated and not leave_network():
        sys.exit(_NOT_ISOLATED)  # never run networked when asked not to
    if memory:
        cap = memory << 20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    sock = socket.socket(fileno=fd)
    stream = sock.makefile("rb")
    store, opened = None, None
    while True:
        try:
            (size,) = _HEADER.unpack(_read_exactly(stream, _HEADER.size))
            snapshot, job = pickle.loads(_read_exactly(stream, size))
        except EOFError:
            return
        if snapshot and snapshot != opened:
            store = None  # release the old snapshot before opening the new one
            try:
                store, opened = open_store(snapshot, read_only=True), snapshot
            except StoreError as e:
                opened = None
                _send(sock, _CANNOT_OPEN, "", str(e).encode())
                continue
        if job is None:
            _send(sock, 0, "", b"")
            continue
        try:
            answer = perform(store, job)
        except MemoryError:
            _send(sock, _NO_MEMORY, "", b"")
            continue
        except Exception as e:  # a bug in a job: answer it, and keep the worker
            answer = error(500, f"the {type(job).__name__} failed: {e}")
        _send(sock, answer.status, answer.media_type, answer.body)


if __name__ == "__main__":
    _serve(
        int(sys.argv[1]),
        isolated=sys.argv[2:3] == ["isolated"],
        memory=int(sys.argv[3]) if len(sys.argv) > 3 else 0,
    )
