"""`publish serve`: a process that has paid the start-up once and runs batch commands as copies
of itself (a fork server), so a `publish all` of a few documents starts at its first document.

What it holds warm is what does not depend on the user's files, or is keyed by their content:
the pipeline's and the renderers' imports, weasyprint's, the default styles' parsed CSS, fonts
and DOCX reference (cached by the style's fingerprint: an edited style is loaded anew), the
compiled rule patterns (the regular-expression cache is keyed by the pattern), fontconfig's
font list. Each command runs in a fresh fork of that state, in the caller's folder, environment
and umask, writing to the caller's own stdout and stderr (served.py sends the descriptors), so
a run behaves as one started by hand: same output folder lock, same incremental state, same exit
status. The server runs nothing itself after its warm-up and starts no thread, so each fork is
a clean copy. It ends after `idle` seconds without a command (0: never), on SIGTERM or SIGINT,
or on `publish serve --stop`.

The socket is in a folder only this user can enter (served.socket_folder), and a connection from
another user is refused (SO_PEERCRED): the server runs commands as its own user.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from . import served
from .errors import EXIT_USAGE, PublishError

IDLE_SECONDS = 900.0  # a server left by a scheduled run lives until the next few runs
_POLL_SECONDS = 1.0  # how often finished runs are reaped while some run


class ServeError(PublishError):
    exit_code = EXIT_USAGE


def _log(message: str) -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} serve[{os.getpid()}] {message}", file=sys.stderr)
    sys.stderr.flush()


def warm_up() -> None:
    """Load what every run would load first (see the module's docstring); no thread may be left
    running after it, and no child process (a fork would share it)."""
    from . import batch, catalogue, cli, flow, jobs  # noqa: F401
    from .clean import load_rules
    from .fonts import installed_faces
    from .render import registry
    from .render.pdf import _stylesheet
    from .render.weasyprint_load import load as load_weasyprint
    from .settings import Settings
    from .styles import load_styles
    from .warm import warm

    registry()
    installed_faces()
    load_rules()
    load_weasyprint()
    try:
        settings = Settings()
        styles = load_styles(dict(settings.style_names()))
    except PublishError:  # no usable default styles here: runs load their own
        return
    warm(settings.formats, styles)
    # A small page read, cleaned, structured and checked for glyphs: the cleaning and heading
    # modules' patterns (compiled on first use) and the styles' character maps.
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "warm.txt"
        page.write_text(_WARM_PAGE, "utf-8")
        flow.check_glyphs(flow.prepare(page, "warm", load_rules()), styles.values(), False)
    catalogue.Library(settings, styles.get("html")).prepare()  # thumbnails' and index's libraries
    # A first page laid out in each print style: Pango's font map and the faces' HarfBuzz data
    # are loaded once here, not in every run's first PDF.
    from weasyprint import HTML

    for style in {s for f, s in styles.items() if f == "pdf"}:
        css, fonts = _stylesheet(style)
        sample = "<h1>标题 Title</h1><p>正文，“引号”：1234 text。</p>"
        HTML(string=sample).write_pdf(stylesheets=[css], font_config=fonts)


_WARM_PAGE = """关于做好年度工作总结的通知
发布时间：2025-08-01 来源：办公室

各部门：
一、总体要求
（一）认真总结。1. 全面回顾一年来的工作，总结经验，查找不足。
二、时间安排
请于12月20日前报送。

猜你喜欢
"""


def serve(idle: float = IDLE_SECONDS, ready: Callable[[], None] | None = None) -> None:
    """Serve until idle for `idle` seconds (0: never), SIGTERM or SIGINT, or a stop request."""
    key = served.server_key()
    path = served.socket_path(key, create=True)
    if path is None:
        raise ServeError(
            "no private folder for the server's socket (it must be this user's, mode 0700): "
            f"{served.socket_folder() or os.environ.get('XDG_RUNTIME_DIR') or '~/.cache/publish/serve'}"
        )
    if _ping(path) is not None:
        raise ServeError(f"a server for this code and environment runs already ({path})")
    started = time.monotonic()
    warm_up()
    if threading.active_count() > 1:  # a fork would copy a thread's locks, not the thread
        raise ServeError("the warm-up left a thread running; not serving")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    with served.address(staging) as where:
        listener.bind(where)
    os.replace(staging, path)  # a stale socket of a server that died is replaced at once
    listener.listen(16)
    identity = os.stat(path).st_ino

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    _log(f"ready in {time.monotonic() - started:.2f} s on {path} (idle {idle:g} s)")
    if ready is not None:
        ready()
    runs: dict[int, float] = {}
    last = time.monotonic()
    try:
        while True:
            for pid in list(runs):
                done, status, usage = os.wait4(pid, os.WNOHANG)
                if done:
                    code = os.waitstatus_to_exitcode(status)
                    _log(
                        f"run {pid} ended ({code}) after {time.monotonic() - runs.pop(pid):.2f} s,"
                        f" peak RSS {usage.ru_maxrss / 1024:.0f} MB"
                    )
                    last = time.monotonic()
            if idle and not runs and time.monotonic() - last >= idle:
                _log("idle: stopping")
                return
            wait = _POLL_SECONDS if runs or idle else None
            if idle and not runs:
                wait = max(0.0, last + idle - time.monotonic())
            if not select.select([listener], [], [], wait)[0]:
                continue
            connection, _ = listener.accept()
            if _take(connection, listener, runs):
                return
            last = time.monotonic()
    finally:
        listener.close()
        try:
            if os.stat(path).st_ino == identity:  # ours still, not a newer server's
                path.unlink()
        except OSError:
            pass


def _take(connection: socket.socket, listener: socket.socket, runs: dict[int, float]) -> bool:
    """Answer one connection: a run (forked), a stop (True) or a ping."""
    fds: list[int] = []
    try:
        if served.peer_uid(connection) != os.getuid():
            _log("refused a connection from another user")
            return False
        connection.settimeout(10)
        request, fds = served.receive_message(connection, fds=3)
        op = (request or {}).get("op")
        if op == "stop":
            served.send_message(connection, {"stopping": os.getpid()})
            _log("stop requested")
            return True
        if op == "ping":
            served.send_message(connection, {"pid": os.getpid()})
            return False
        if op != "run" or len(fds) != 3 or request is None:
            return False
        pid = os.fork()
        if pid == 0:  # nothing raised here may unwind into the server's frames
            try:
                listener.close()
                _run(connection, request, fds)
            finally:
                os._exit(1)
        runs[pid] = time.monotonic()
        _log(f"run {pid}: publish {' '.join(request['argv'])} in {request['cwd']}")
        return False
    except (OSError, ValueError, KeyError, TypeError) as exc:
        _log(f"a bad request: {exc}")
        return False
    finally:
        for fd in fds:
            os.close(fd)
        connection.close()


def _run(connection: socket.socket, request: dict, fds: list[int]) -> None:
    """In the fork: become the caller's run, run the command, send its status, exit."""
    code = 1
    try:
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in zip((0, 1, 2), fds, strict=True):
            os.dup2(fd, target)
            os.close(fd)
        fds.clear()
        sys.stdin = open(0, closefd=False)
        sys.stdout = open(1, "w", closefd=False, encoding="utf-8", errors="backslashreplace")
        sys.stderr = open(2, "w", closefd=False, encoding="utf-8", errors="backslashreplace")
        os.chdir(request["cwd"])
        os.umask(int(request["umask"]))
        served.apply_limits(request["limits"])  # `nice publish all` runs niced
        os.environ.clear()
        os.environ.update(request["env"])
        time.tzset()
        tempfile.tempdir = None  # TMPDIR as the caller has it
        sys.argv = ["publish", *request["argv"]]
        served.send_message(connection, {"pid": os.getpid()})
        # The caller gone (killed), the run stops as for SIGTERM: placed work is kept.
        threading.Thread(target=_end_with_caller, args=(connection,), daemon=True).start()
        from .cli import app

        try:
            app(args=request["argv"], prog_name="publish")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if isinstance(exc.code, str):
                print(exc.code, file=sys.stderr)
    except BaseException:  # a run's failure never reaches the server
        traceback.print_exc()
        code = 1
    finally:
        # The caller closes the connection once it has the status: that must not stop us now.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            served.send_message(connection, {"exit": code})
        except (OSError, ValueError):
            pass
        os._exit(code)


def _end_with_caller(connection: socket.socket) -> None:
    try:
        connection.settimeout(None)
        while connection.recv(1):
            pass
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def _request(path: Path, op: str, answer_key: str, timeout: float) -> int | None:
    """Ask the server on path for op; the int its answer gives under answer_key (None: no
    server answers, or no such answer). Raises OSError when nothing listens on path."""
    sock = served.connect(path, timeout=timeout)
    try:
        served.send_message(sock, {"op": op})
        answer, _ = served.receive_message(sock)
        return int(answer[answer_key]) if answer else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    finally:
        sock.close()


def _ping(path: Path) -> int | None:
    """The pid of the server listening on path (None: none answers)."""
    try:
        return _request(path, "ping", "pid", timeout=2)
    except OSError:
        return None


def running_server() -> tuple[int | None, int]:
    """The pid of the server the commands here would use (None: none), and how many other
    sockets of this user's servers there are."""
    path = served.socket_path(served.server_key())
    folder = served.socket_folder()
    others = len([p for p in folder.glob("*.sock") if p != path]) if folder is not None else 0
    if path is None or not path.exists():
        return None, others
    return _ping(path), others


def stop_servers() -> list[int]:
    """Stop this user's servers (of any code or environment: an upgrade leaves the old one
    idling); their pids."""
    folder = served.socket_folder()
    stopped = []
    for path in sorted(folder.glob("*.sock")) if folder is not None else []:
        try:
            pid = _request(path, "stop", "stopping", timeout=10)
        except OSError:
            path.unlink(missing_ok=True)  # nothing listens: a dead server's socket
            continue
        if pid is not None:
            stopped.append(pid)
    return stopped


def detach(idle: float, log: Path) -> int:
    """Start a server in the background (its own session, output to log); return its pid once
    it listens. Raises ServeError with the server's reason when it did not start."""
    read_end, write_end = os.pipe()
    first = os.fork()
    if first == 0:  # the intermediate process: a session of its own, then the server
        os.close(read_end)
        os.setsid()
        if os.fork() != 0:
            os._exit(0)
        code = 0
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(out, 1)
            os.dup2(out, 2)
            # Nothing else of the starter's: a pipe it holds open must see its end.
            os.closerange(3, write_end)
            os.closerange(write_end + 1, os.sysconf("SC_OPEN_MAX"))

            def ready() -> None:
                os.write(write_end, f"ready {os.getpid()}\n".encode())
                os.close(write_end)

            serve(idle, ready)
        except BaseException as exc:  # told to the waiting parent
            reason = str(exc) if isinstance(exc, PublishError) else repr(exc)
            try:
                os.write(write_end, f"failed {reason}\n".encode())
            except OSError:
                pass
            code = 1
        os._exit(code)
    os.close(write_end)
    os.waitpid(first, 0)
    answer = b""
    while chunk := os.read(read_end, 4096):
        answer += chunk
    os.close(read_end)
    word, _, rest = answer.decode(errors="replace").strip().partition(" ")
    if word != "ready":
        raise ServeError(rest or f"the server did not start (see {log})")
    return int(rest)
