"""Work functions for tests/test_isolate.py, imported by the child processes pipeline.isolate
starts (the tests put this folder on PYTHONPATH)."""

from __future__ import annotations

import os
import re
import time


def setup(context: dict):
    if context.get("fail"):
        raise ValueError("cannot prepare: " + context["fail"])
    pattern = re.compile(context.get("pattern", "x"))

    def work(request: dict):
        if request.get("sleep"):
            time.sleep(request["sleep"])
        if request.get("raise"):
            raise RuntimeError(request["raise"])
        if request.get("exit"):
            os._exit(3)
        if request.get("print"):
            print("noise on stdout")
        return {"pid": os.getpid(), "match": bool(pattern.search(request.get("text", "")))}

    return work
