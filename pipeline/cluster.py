"""Which Dask cluster a run uses: `--cluster ADDRESS`, or PUBLISH_CLUSTER in the environment.

    tcp://host:8786     a running scheduler (`dask scheduler`), also tls://, ws://, wss://;
                        a bare host:port means tcp://
    local:N             a LocalCluster of N worker processes (one thread each) on this machine,
                        started for the run and stopped after it: for trying it out

Nothing here imports dask: without the option a run never does (pipeline/executors/dask.py is
imported only when a cluster is asked for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import OptionError

ENV = "PUBLISH_CLUSTER"
OPTION = "--cluster"
SCHEMES = ("tcp", "tls", "ws", "wss")
_REMOTE = re.compile(
    r"^(?:(?P<scheme>[a-z]+)://)?(?P<host>\[[0-9a-fA-F:.]+\]|[^\s/:]+):(?P<port>\d{1,5})$"
)


@dataclass(frozen=True)
class Cluster:
    scheduler: str | None = None  # the scheduler's address, e.g. tcp://10.0.0.5:8786
    local_workers: int = 0  # local:N: worker processes of a LocalCluster started for the run

    def __str__(self) -> str:
        return self.scheduler or f"local:{self.local_workers}"


def parse_cluster(value: str) -> Cluster:
    """A cluster address as given on the command line or in PUBLISH_CLUSTER."""
    text = value.strip()
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise OptionError(OPTION, f"{value!r}: local:N needs a number of workers, e.g. local:2")
        return Cluster(local_workers=int(count))
    match = _REMOTE.match(text)
    if not match or (match["scheme"] or "tcp") not in SCHEMES or not 0 < int(match["port"]) < 65536:
        raise OptionError(
            OPTION,
            f"{value!r} is not a scheduler address (tcp://host:8786) nor local:N",
        )
    return Cluster(scheduler=f"{match['scheme'] or 'tcp'}://{match['host']}:{match['port']}")
