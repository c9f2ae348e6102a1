"""The load runner behind ``textbots-tui load``: the scripts of ``run`` played by Locust users.

Locust patches the standard library with gevent when it is imported, so it is imported only in the processes
it drives (started by :mod:`textbots_tui.load.launcher`), never in the TUI, the in-process simulator or the
test process. Only the modules named ``locust*`` and ``gevent_bridge`` import locust or gevent
(``tests/load/test_isolation.py`` checks every import of the package).

- ``plan``: what a Locust process is told to do (scripts, target, rate cap, run time), by its
  environment.
- ``picker``: which scenario a user plays next (weighted round robin).
- ``report``: the final table and the exit code, from the run's summary; no Locust needed to read it.
- ``launcher``: the parent side: the simulator process, the Locust processes, the summary.
- ``gevent_bridge``: an asyncio loop in a real thread that greenlets wait on.
- ``locust_user``, ``locust_summary``, ``locustfile``: the Locust side.
"""
