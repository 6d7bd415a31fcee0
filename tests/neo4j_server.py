"""A real Neo4j 5.26 for the test suite, without Docker.

`start_neo4j()` builds the launcher in tools/neo4j with Maven (only when the build is
missing or older than its sources), starts it with Java, and yields its Bolt URI. The
launcher prints `bolt://127.0.0.1:PORT` once Bolt is up and stops when its stdin closes,
so even a test run that is killed leaves no server behind.

Where `java` or `mvn` is missing, `Neo4jUnavailable` is raised. It is a
`unittest.SkipTest`, which pytest reports as a skip with the reason wherever it is
raised (fixture or test), so the Neo4j tests show up as skipped, never as passed.
A failed build or start is a real error (`Neo4jLauncherError`), not a skip.

`PLANKG_TEST_NEO4J_URI=bolt://…` uses a server that is already running instead.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER_DIR = ROOT / "tools" / "neo4j"
MAIN_CLASS = "org.plankg.neo4j.Launcher"
ENV_URI = "PLANKG_TEST_NEO4J_URI"
ENV_HEAP = "PLANKG_TEST_NEO4J_HEAP"
BUILD_TIMEOUT = 1800.0  # the first build downloads ~120 MB of jars from Maven Central
STOP_GRACE = 30.0
_BUILT_STAMP = "plankg-built.stamp"
_CDS_ARCHIVE = "launcher.jsa"
_JAR = "plankg-neo4j-launcher.jar"


class Neo4jUnavailable(unittest.SkipTest):
    """This machine cannot run the test server (no Java or no Maven); the reason says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Neo4jLauncherError(RuntimeError):
    """The launcher failed to build or to start although Java and Maven are present."""


def _tools() -> tuple[str, str]:
    java, mvn = shutil.which("java"), shutil.which("mvn")
    missing = [name for name, path in (("java", java), ("mvn", mvn)) if path is None]
    if missing:
        raise Neo4jUnavailable(
            f"Neo4j tests need Java 17+ and Maven on PATH to run Neo4j 5.26 from {LAUNCHER_DIR}; "
            f"not found: {', '.join(missing)} (or set {ENV_URI}=bolt://… to use a running server)"
        )
    return java, mvn  # type: ignore[return-value]


def _sources() -> list[Path]:
    return [LAUNCHER_DIR / "pom.xml", *(p for p in (LAUNCHER_DIR / "src").rglob("*") if p.is_file())]


def needs_build() -> bool:
    """True when target/ lacks a finished build or is older than pom.xml or a source file."""
    stamp = LAUNCHER_DIR / "target" / _BUILT_STAMP
    if not stamp.exists():
        return True
    built = stamp.stat().st_mtime
    return any(p.stat().st_mtime > built for p in _sources())


def build(java: str | None = None, mvn: str | None = None, timeout: float = BUILD_TIMEOUT) -> None:
    """Compile the launcher, copy its runtime jars into target/lib and record its class
    archive, if out of date.

    A file lock keeps two test sessions from running Maven on the same tree at once.
    """
    if java is None or mvn is None:
        java, mvn = _tools()
    target = LAUNCHER_DIR / "target"
    target.mkdir(exist_ok=True)
    with open(target / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not needs_build():
            return
        (target / _BUILT_STAMP).unlink(missing_ok=True)
        # A stale lib/ would keep jars a changed pom.xml no longer wants.
        shutil.rmtree(target / "lib", ignore_errors=True)
        try:
            done = subprocess.run(
                [mvn, "-q", "-B", "package"],
                cwd=LAUNCHER_DIR,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            raise Neo4jLauncherError(
                f"{LAUNCHER_DIR / 'pom.xml'}: `mvn package` did not finish in {timeout:.0f} s"
            ) from exc
        if done.returncode != 0:
            raise Neo4jLauncherError(
                f"{LAUNCHER_DIR / 'pom.xml'}: `mvn -q -B package` failed with status "
                f"{done.returncode}:\n{done.stdout}{done.stderr}"
            )
        _train_class_archive(java)
        (target / _BUILT_STAMP).touch()


def _train_class_archive(java: str, timeout: float = 300) -> None:
    """Record the classes a start loads into a CDS archive (best effort).

    Neo4j loads thousands of classes on start; mapping them from an archive instead of
    parsing the jars cut the time to ready by about a third here. Without an archive (a
    JVM that cannot make one) the launcher starts the same way, only slower.
    """
    archive = LAUNCHER_DIR / "target" / _CDS_ARCHIVE
    archive.unlink(missing_ok=True)
    train = command(java, with_archive=False)
    # Before "-cp": after the -Xlog options of command(), so the CDS chatter stays off.
    cp_at = train.index("-cp")
    train[cp_at:cp_at] = [f"-XX:ArchiveClassesAtExit={archive}", "-Xlog:cds=off,cds+dynamic=off"]
    with tempfile.TemporaryDirectory(prefix="plankg-neo4j-cds-") as tmp:
        stderr_path = Path(tmp) / "stderr.log"
        with open(stderr_path, "wb") as stderr:
            proc = subprocess.Popen(
                train, cwd=LAUNCHER_DIR, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
            )
        try:
            _await_uri(proc, timeout, stderr_path)  # up: its start-up classes are loaded
        except Neo4jLauncherError:
            pass  # the real start will report the problem, with its stderr
        finally:
            _stop(proc, grace=120)  # the archive is written as the JVM exits
    if proc.returncode != 0:
        archive.unlink(missing_ok=True)


def command(java: str, *, with_archive: bool = True) -> list[str]:
    target = LAUNCHER_DIR / "target"
    archive = target / _CDS_ARCHIVE
    # The jar, not target/classes: class archives (CDS) accept jars only on the class path.
    classpath = os.pathsep.join([str(target / _JAR), str(target / "lib" / "*")])
    heap = os.environ.get(ENV_HEAP, "512m")
    options = [
        "-Xms64m",
        f"-Xmx{heap}",
        # One GC thread and no parallel collector: the machine is shared with the tests.
        "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError",
        # JVM log lines default to stdout, which carries only the URI: send them to stderr.
        "-Xlog:disable",
        "-Xlog:all=warning:stderr",
    ]
    if with_archive and archive.exists():
        options.append(f"-XX:SharedArchiveFile={archive}")
    return [java, *options, "-cp", classpath, MAIN_CLASS]


def _tail(path: Path, limit: int = 4000) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return text[-limit:] if text.strip() else "(nothing on stderr)"


@contextlib.contextmanager
def start_neo4j(timeout: float = 300) -> Iterator[str]:
    """Yield the Bolt URI of a fresh, empty Neo4j 5.26 (auth off), stopped on exit.

    `timeout` bounds the wait for the server to be ready, not the Maven build.
    """
    existing = os.environ.get(ENV_URI)
    if existing:
        yield existing
        return

    java, mvn = _tools()
    build(java, mvn)

    with tempfile.TemporaryDirectory(prefix="plankg-neo4j-") as tmp:
        stderr_path = Path(tmp) / "stderr.log"
        with open(stderr_path, "wb") as stderr:
            # stderr to a file, not a pipe: nobody drains a pipe while tests run, and a
            # full pipe would stall the server.
            proc = subprocess.Popen(
                command(java),
                cwd=LAUNCHER_DIR,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
        try:
            uri = _await_uri(proc, timeout, stderr_path)
            yield uri
        finally:
            _stop(proc)


def _await_uri(proc: subprocess.Popen, timeout: float, stderr_path: Path) -> str:
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            lines.put(raw.decode("utf-8", errors="replace").strip())
        lines.put(None)

    threading.Thread(target=read, name="neo4j-launcher-stdout", daemon=True).start()
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        try:
            line = lines.get(timeout=max(remaining, 0.01))
        except queue.Empty:
            raise Neo4jLauncherError(
                f"{MAIN_CLASS} printed no Bolt URI within {timeout:.0f} s; its stderr:\n"
                f"{_tail(stderr_path)}"
            ) from None
        if line is None:
            status = proc.wait()
            raise Neo4jLauncherError(
                f"{MAIN_CLASS} exited with status {status} before Neo4j was ready; its stderr:\n"
                f"{_tail(stderr_path)}"
            )
        if line.startswith("bolt://"):
            return line


def _stop(proc: subprocess.Popen, grace: float = STOP_GRACE) -> None:
    # End of stdin is the launcher's signal to shut Neo4j down cleanly.
    with contextlib.suppress(OSError):
        assert proc.stdin is not None
        proc.stdin.close()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()
