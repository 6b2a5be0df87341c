"""The validator's JSON report as Markdown for a pull request's job summary.

Run as ``python -m newsgold.contribute.ci validation.json --status N`` (N: the validator's exit
status); prints Markdown, typically appended to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsgold.validate.incidents import CATALOGUE, LEVEL_NAMES

MAX_ROWS = 200


def _cell(value: Any) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened."""
    flat = str(value).replace("\r", " ").replace("\n", " ")
    return flat.replace("\\", "\\\\").replace("|", "\\|")


def summary_markdown(report: dict[str, Any] | None, status: int) -> str:
    """Markdown for the job summary: verdict, counts per level, one row per incident."""
    if not isinstance(report, dict) or "incidents" not in report:
        return (
            "## newsgold validate: no report\n\n"
            f"The validator exited with status {status} without a JSON report "
            "(bad usage or a crash); see the step's log.\n"
        )
    valid = bool(report.get("valid")) and status == 0
    lines = [
        f"## newsgold validate: {'✅ valid' if valid else '❌ INVALID'}",
        "",
        f"{report.get('documents', 0)} document(s) checked, exit status {status}.",
        "",
        "| level | incidents |",
        "|---|---|",
    ]
    counts = report.get("counts") or {}
    lines += [f"| L{level} {name} | {counts.get(name, 0)} |" for level, name in LEVEL_NAMES.items()]
    incidents = report["incidents"]
    if incidents:
        lines += ["", "### Incidents", "", "| file | where | level | id | message |"]
        lines.append("|---|---|---|---|---|")
        for item in incidents[:MAX_ROWS]:
            lines.append(
                f"| `{_cell(item.get('file', ''))}` | `{_cell(item.get('pointer', ''))}` "
                f"| L{_cell(item.get('level', ''))} {_cell(item.get('severity', ''))} "
                f"| {_cell(item.get('id', ''))} | {_cell(item.get('message', ''))} |"
            )
        if len(incidents) > MAX_ROWS:
            more = len(incidents) - MAX_ROWS
            lines.append(f"\n… and {more} more; run `newsgold validate` locally.")
        ids = sorted({str(i.get("id")) for i in incidents if i.get("id") in CATALOGUE})
        if ids:
            lines += ["", "### What the rules say", ""]
            lines += [f"- **{pid}**: {CATALOGUE[pid][1]}" for pid in ids]
    lines += ["", "Reproduce locally with `newsgold validate` (see CONTRIBUTING.md)."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the Markdown summary of a validator report file."""
    parser = argparse.ArgumentParser(prog="python -m newsgold.contribute.ci", description=__doc__)
    parser.add_argument("report", type=Path, help="output of `newsgold validate --format json`")
    parser.add_argument("--status", type=int, default=0, help="the validator's exit status")
    args = parser.parse_args(argv)
    try:
        report = json.loads(args.report.read_text("utf-8"))
    except (OSError, ValueError):
        report = None
    sys.stdout.write(summary_markdown(report, args.status))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
