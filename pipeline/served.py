"""The `publish` command's entry: hand a batch command to a warm `publish serve` when one runs
for this code and this environment, else run it here.

A run started by hand or by a scheduler pays Python's start, the pipeline's imports and
weasyprint's (about a second) before its first document; a server (serve.py) has paid them
once, and forks a copy of itself per command. This module runs before every command, so it
imports nothing heavy: it finds the server's socket, sends the command line, the working folder,
the environment, the umask and this process's stdin, stdout and stderr (the descriptors
themselves), forwards Ctrl-C and SIGTERM to the run, and exits with the run's status.

A server is used only when everything that could make its run differ from one started here is
the same: the socket's name is a digest of the Python, the pipeline's files (size and time),
the installed packages' folders and the environment variables that reach the pipeline or its
libraries (`server_key`). A server of other code is simply not found, and idles out.
PUBLISH_SERVER=off never uses one; PUBLISH_SERVER=require fails when none answers;
PUBLISH_SERVER=start runs the command here when none answers and starts one for the next
commands (it idles out after 15 minutes without a command).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import resource
import signal
import socket
import struct
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The commands a server runs: the batches, where start-up is most of a small run's time.
SERVED_COMMANDS = frozenset({"all", "file"})
SWITCH = "PUBLISH_SERVER"  # off | require | start | (unset: use one when it runs)
# Environment variables that reach the pipeline or the libraries it loads at import time.
_ENV_PREFIXES = ("PUBLISH_", "FONTCONFIG", "XDG_", "LC_", "PYTHON", "PANGO", "GDK_", "HB_")
_ENV_NAMES = frozenset({"PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "SOURCE_DATE_EPOCH"})
_FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
EXIT_INTERRUPTED = 130


def relevant_environment(environ: dict[str, str] | os._Environ) -> dict[str, str]:
    return {
        name: value
        for name, value in environ.items()
        if name != SWITCH and (name in _ENV_NAMES or name.startswith(_ENV_PREFIXES))
    }


def server_key() -> str:
    """A digest of what a server's warm state depends on (see the module's docstring)."""
    digest = hashlib.sha256()
    digest.update(f"{sys.executable}\0{sys.version}\0{os.getuid()}\0".encode())
    package = Path(__file__).resolve().parent
    for root, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            stat = os.stat(os.path.join(root, name))
            digest.update(f"{root}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for entry in [*sys.path, *_FONT_FOLDERS]:  # installed packages, installed fonts
        entry = os.path.expanduser(entry)
        if entry.endswith(("-packages", "fonts")) and os.path.isdir(entry):
            digest.update(f"{entry}\0{os.stat(entry).st_mtime_ns}\0".encode())
    for name, value in sorted(relevant_environment(os.environ).items()):
        digest.update(f"{name}={value}\0".encode())
    return digest.hexdigest()[:20]


def socket_folder(create: bool = False) -> Path | None:
    """The folder of this user's server sockets: $XDG_RUNTIME_DIR/publish, else the cache's
    serve/ folder. None when it is not this user's alone (owned by another, open to others, a
    symbolic link): a socket there could be anyone's."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        folder = Path(runtime) / "publish"
    else:
        from .cache import cache_dir

        folder = cache_dir() / "serve"
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        stat = os.lstat(folder)
    except OSError:
        return None
    private = (stat.st_mode & 0o077) == 0 and stat.st_uid == os.getuid()
    return folder if private and os.path.isdir(folder) and not folder.is_symlink() else None


def socket_path(key: str, create: bool = False) -> Path | None:
    folder = socket_folder(create)
    return None if folder is None else folder / f"{key}.sock"


@contextmanager
def address(path: Path) -> Iterator[str]:
    """An address for path that fits a socket address (107 bytes): a deep folder is reached
    through an open descriptor of it (/proc/self/fd/N/name)."""
    if len(os.fsencode(path)) < 100:
        yield str(path)
        return
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{folder}/{path.name}"
    finally:
        os.close(folder)


def connect(path: Path, timeout: float | None = None) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        with address(path) as where:
            sock.connect(where)
    except OSError:
        sock.close()
        raise
    return sock


def peer_uid(sock: socket.socket) -> int:
    _pid, uid, _gid = struct.unpack(
        "3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    )
    return uid


def send_message(sock: socket.socket, message: dict, fds: list[int] | None = None) -> None:
    """A message: 4 bytes of length, then JSON; descriptors ride on its first byte."""
    body = json.dumps(message).encode()
    data = struct.pack("!I", len(body)) + body
    if fds:
        socket.send_fds(sock, [data[:1]], fds)
        data = data[1:]
    sock.sendall(data)


def receive_message(sock: socket.socket, fds: int = 0) -> tuple[dict | None, list[int]]:
    """The next message and the descriptors sent with it; (None, []) at the end."""
    received: list[int] = []
    if fds:
        first, received, _, _ = socket.recv_fds(sock, 1, fds)
    else:
        first = sock.recv(1)
    if not first:
        return None, received
    head = first + _exactly(sock, 3)
    (length,) = struct.unpack("!I", head)
    return json.loads(_exactly(sock, length)), received


def _exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("the other side closed mid-message")
        data += chunk
    return data


# The limits a run started by hand would have: its scheduling and its resource limits.
LIMITS = ("RLIMIT_AS", "RLIMIT_DATA", "RLIMIT_CPU", "RLIMIT_NOFILE", "RLIMIT_FSIZE", "RLIMIT_NPROC")


def process_limits() -> dict:
    """This process's niceness, CPUs and resource limits (sent to the server's run)."""
    return {
        "nice": os.getpriority(os.PRIO_PROCESS, 0),
        "cpus": sorted(os.sched_getaffinity(0)),
        "rlimits": {name: resource.getrlimit(getattr(resource, name)) for name in LIMITS},
    }


def apply_limits(limits: dict) -> None:
    """Take on a caller's limits where they are tighter than this process's (a process may
    lower its priority and its limits, never raise them)."""
    if limits["nice"] > os.getpriority(os.PRIO_PROCESS, 0):
        os.setpriority(os.PRIO_PROCESS, 0, limits["nice"])
    cpus = set(limits["cpus"]) & os.sched_getaffinity(0)
    if cpus:
        os.sched_setaffinity(0, cpus)
    for name, (soft, hard) in limits["rlimits"].items():
        kind = getattr(resource, name)
        own_soft, own_hard = resource.getrlimit(kind)
        hard = _tighter(hard, own_hard)
        resource.setrlimit(kind, (_tighter(_tighter(soft, own_soft), hard), hard))


def _tighter(a: int, b: int) -> int:
    infinite = resource.RLIM_INFINITY
    return b if a == infinite else a if b == infinite else min(a, b)


def command_of(argv: list[str]) -> str | None:
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    mode = os.environ.get(SWITCH, "")
    if mode != "off" and command_of(args) in SERVED_COMMANDS:
        code = hand_over(args, required=mode == "require")
        if code is not None:
            sys.exit(code)
        if mode == "start":
            start_in_background()
    from . import kept_patterns

    kept_patterns.install()  # before the modules that compile patterns as they load
    if wants_head_start(args):
        from . import head_start

        head_start.start()  # a worker importing weasyprint while the CLI loads
    from .cli import app

    if command_of(args) not in SERVED_COMMANDS:
        app(args=args, prog_name="publish")
        return
    try:
        app(args=args, prog_name="publish")
    except SystemExit as done:
        leave(done.code)


def leave(code: object) -> None:
    """End a batch run without tearing the interpreter down: its work is written and closed
    by now, and freeing every object of the pipeline's modules one by one took 70–90 ms, the
    last wait of a small run. The exit handlers still run (patterns kept, temporary folders
    removed), and the standard streams are flushed."""
    import atexit

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): printed, status 1, as the interpreter does
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


def wants_head_start(args: list[str]) -> bool:
    """A batch run here that may publish on this machine (not on a cluster, not for help)."""
    if command_of(args) not in SERVED_COMMANDS or os.environ.get("PUBLISH_HEAD_START") == "off":
        return False
    if os.environ.get("PUBLISH_CLUSTER"):
        return False
    return not any(arg in ("--help", "-h") or arg.startswith("--cluster") for arg in args)


def start_in_background() -> None:
    """Leave a server for the next commands (PUBLISH_SERVER=start): started beside this run,
    which does not wait for it; two started at once, the second finds the first and exits."""
    import subprocess

    subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--background"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def hand_over(args: list[str], required: bool = False) -> int | None:
    """The exit status of the command run by a warm server; None: no server took it (the
    caller runs it here)."""
    path = socket_path(server_key())
    sock = None
    try:
        if path is None:
            raise ConnectionError("no private socket folder")
        sock = connect(path)
        if peer_uid(sock) != os.getuid():
            raise ConnectionError("the socket's server is another user's")
        umask = os.umask(0)
        os.umask(umask)
        request = {
            "op": "run",
            "argv": args,
            "cwd": os.getcwd(),
            "env": dict(os.environ),
            "umask": umask,
            "limits": process_limits(),
        }
        send_message(sock, request, [0, 1, 2])
        started, _ = receive_message(sock)
        if started is None or "pid" not in started:
            raise ConnectionError("the server did not start the run")
    except (OSError, ValueError) as exc:
        if sock is not None:
            sock.close()
        if required:
            print(
                f"publish: no warm server answers ({exc}); PUBLISH_SERVER=require", file=sys.stderr
            )
            return 2
        return None
    return _follow(sock, int(started["pid"]))


def _follow(sock: socket.socket, pid: int) -> int | None:
    """Wait for the run's status, passing it Ctrl-C, SIGTERM and SIGHUP meanwhile."""
    forwarded: list[int] = []

    def forward(signum, frame):
        forwarded.append(signum)
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    try:
        finished, _ = receive_message(sock)
    except (OSError, ValueError):
        finished = None
    finally:
        sock.close()
    if finished is not None and "exit" in finished:
        return int(finished["exit"])
    if forwarded:  # stopped as asked: the next run finishes it
        return EXIT_INTERRUPTED if forwarded[0] == signal.SIGINT else 128 + forwarded[0]
    # The run ended without a status (killed from outside): what it placed is recorded, so
    # running the command here finishes the rest.
    print("publish: the warm server's run ended without a status; running here", file=sys.stderr)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(
            signum, signal.SIG_DFL if signum != signal.SIGINT else signal.default_int_handler
        )
    return None
