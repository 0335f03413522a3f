"""Affine matrices as PDF writes them: [a b c d e f], row vectors, `m1 × m2` applies m1 first."""

from __future__ import annotations

import math

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m1: Matrix, m2: Matrix) -> Matrix:
    """m1 × m2: the transformation m1 followed by m2 (PDF's `cm` sets CTM = M × CTM)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def from_operands(values: list[object]) -> Matrix:
    """Six numbers from a PDF array or operand list; identity when malformed."""
    try:
        numbers = [float(v) for v in values]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return IDENTITY
    if len(numbers) != 6 or not all(math.isfinite(n) for n in numbers):
        return IDENTITY
    return (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5])


def axis_lengths(m: Matrix) -> tuple[float, float]:
    """Lengths of the unit x and y vectors under m (an image's placed width and height)."""
    return math.hypot(m[0], m[1]), math.hypot(m[2], m[3])


def transform_point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """A point under m."""
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def rect_to_rect(source: tuple[float, float, float, float],
                 target: tuple[float, float, float, float]) -> Matrix:
    """The scale-and-move that maps box `source` onto box `target` (annotation appearances)."""
    sx0, sy0, sx1, sy1 = source
    tx0, ty0, tx1, ty1 = target
    width, height = sx1 - sx0, sy1 - sy0
    scale_x = (tx1 - tx0) / width if width else 1.0
    scale_y = (ty1 - ty0) / height if height else 1.0
    return (scale_x, 0.0, 0.0, scale_y, tx0 - sx0 * scale_x, ty0 - sy0 * scale_y)
