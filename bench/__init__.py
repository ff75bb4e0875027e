"""mesaform's benchmarks: ``python -m bench`` (``make bench``) runs each in turn.

Each benchmark is a module listed in :data:`bench.__main__.BENCHMARKS` with a
``TITLE`` and a ``run(seconds: float) -> None`` that prints its figures; speed is
measured here, never asserted in the tests.
"""
