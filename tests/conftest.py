"""Settings for the whole suite."""

from hypothesis import settings

# No per-example time limit: CI machines and a shared laptop are slower than the one a
# deadline would be tuned on, and speed is the benchmarks' job (benchmarks/), not the tests'.
settings.register_profile("communique", deadline=None)
settings.load_profile("communique")
