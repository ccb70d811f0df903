"""SpanIndex answers as a scan over every span would, on random spans."""
import random

from lagebild.spans import SpanIndex


def test_span_index_agrees_with_a_scan():
    rnd = random.Random(3)
    spans = [(s, s + rnd.randint(1, 30), k) for k, s in enumerate(rnd.randint(0, 2000) for _ in range(400))]
    index = SpanIndex(spans)
    for _ in range(500):
        a = rnd.randint(0, 2050)
        b = a + rnd.randint(0, 40)
        assert sorted(index.overlapping(a, b)) == sorted(x for x in spans if x[0] < b and x[1] > a)
        assert index.any_overlapping(a, b) == any(x[0] < b and x[1] > a for x in spans)
        assert sorted(index.containing(a, b)) == sorted(x for x in spans if x[0] <= a and b <= x[1] and x[0] < b and x[1] > a)
        assert sorted(index.inside(a, b)) == sorted(x for x in spans if a <= x[0] and x[1] <= b and x[0] < b and x[1] > a)
    assert SpanIndex([]).overlapping(0, 10) == []
