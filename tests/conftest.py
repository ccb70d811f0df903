import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# the suite checks the reference (fp32) encoder on every machine; the pipeline's default,
# bf16 where the CPU has it (lagebild.encoder.default_precision), has tests of its own
os.environ.setdefault("LAGEBILD_PRECISION", "fp32")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
