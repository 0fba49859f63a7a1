"""A chronology: events written from sources, checked, and rendered into a cross-linked timeline site."""

import os

# Shapely brings NumPy, whose OpenBLAS starts threads when it loads (one for each other core, or
# as many as ``OPENBLAS_NUM_THREADS`` asks) and keeps them for the life of the process. Nothing
# here does linear algebra, and work is shared among the cores by forking, which is done only from
# a process running no other thread (``workers.can_share``): so OpenBLAS is asked to start none,
# whatever a user's environment asks of it for other programs, or the whole build would run on
# one core.
os.environ["OPENBLAS_NUM_THREADS"] = "1"

__version__ = "0.1.0"
