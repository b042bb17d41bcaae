"""Type aliases of the public API.

* ``numpy.typing.ArrayLike`` marks an input that is converted with ``np.asarray``: a number, a
  nested list or an array, broadcast against the other inputs.
* :data:`Real` marks a number or an array used as it is (arithmetic on it directly): a float or
  an ``np.ndarray``, not a list.
"""

from __future__ import annotations

import numpy as np

#: A float or an array of floats, broadcast against the other inputs (not converted from a list).
Real = float | np.ndarray

__all__ = ["Real"]
