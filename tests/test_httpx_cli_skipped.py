"""httpx comes without its own command-line tool (click, rich, pygments), which still works when called."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import textbots_tui
import httpx
loaded = {name: name in sys.modules for name in ("rich", "pygments", "click")}
stand_in = sys.modules["httpx._main"]
try:
    httpx.main(["--help"])
except SystemExit as exit_:
    code = exit_.code
real = sys.modules["httpx._main"]
seen = {"loaded": loaded, "code": code, "replaced": real is not stand_in, "rich": "rich" in sys.modules}
print(json.dumps(seen))
"""


def test_httpx_loads_without_its_tool_and_the_tool_still_runs() -> None:
    command = [sys.executable, "-c", PROBE]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["loaded"] == {"rich": False, "pygments": False, "click": False}
    # Called, httpx's tool is the real one: it prints its help and exits 0.
    assert seen["code"] == 0 and seen["replaced"] and seen["rich"]
    assert "Usage" in done.stdout
