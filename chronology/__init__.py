"""A chronology: events written from sources, checked, and rendered into a cross-linked timeline site."""

import os

# Shapely brings NumPy, whose OpenBLAS starts a thread for each other core when it loads, and
# keeps them for the life of the process. Nothing here does linear algebra, and work is shared
# among the cores by forking, which is done only from a process running no other thread
# (``workers.can_share``): so OpenBLAS is asked to start none. A user's own setting is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
