"""What a person watching a corpus run sees: a progress bar (rich) with articles/s, the
time left where the number of inputs can be known beforehand, and failures so far."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from .run import FAILED, OnOutcome
from .sources import TEXT_SUFFIXES


def estimate_total(inputs: Iterable[str]) -> Optional[int]:
    """How many articles the inputs hold, where counting is cheap (files in folders,
    lines of plain JSON Lines); None when any input cannot be counted (WARC, gzip, stdin)."""
    total = 0
    for arg in inputs:
        path = Path(arg)
        if arg == "-" or not path.exists():
            return None
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(TEXT_SUFFIXES))
        elif path.name.lower().endswith(".jsonl"):
            total += _count_lines(path)
        elif path.name.lower().endswith(TEXT_SUFFIXES):
            total += 1
        else:
            return None
    return total


def _count_lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as fh:
        for line in fh:
            count += bool(line.strip())
    return count


class _Rate(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "– articles/s", style="progress.data.speed")


@contextmanager
def progress_display(total: Optional[int], console: Optional[Console] = None) -> Iterator[OnOutcome]:
    """A live bar on stderr; yields the callback that a CorpusRun calls per input."""
    console = console or Console(stderr=True)
    columns = [TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(), _Rate(),
               TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn()]
    if total is not None:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("run", total=total, failed=0)
        failed = 0

        def on_outcome(outcome: str, reason: Optional[str]) -> None:
            nonlocal failed
            failed += outcome == FAILED
            progress.update(task, advance=1, failed=failed)

        yield on_outcome
