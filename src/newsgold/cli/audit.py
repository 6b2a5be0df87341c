"""``newsgold audit``: corpus-wide consistency checks that report and never edit."""

from __future__ import annotations

import argparse
from typing import Any

from newsgold import jsonio
from newsgold.audit import CATALOGUE, AuditReport, audit
from newsgold.cli._common import add_format_option, add_root_option, emit, repository
from newsgold.progress import Progress


def register(sub: Any) -> None:
    """Add the audit subcommand."""
    p = sub.add_parser(
        "audit",
        help="list inconsistent or suspicious annotations across the corpus",
        description=(
            "Compare annotations across the corpus and with the guidelines: strings annotated "
            "with different types or values, likely missed entity mentions, coreference chains "
            "whose mentions disagree, relative dates far from the publication date, figure "
            "units, and guideline rules no schema checks. Reports only; edits nothing. Exit 0 "
            "when there are only warnings and hints, 1 when a hard rule of the guidelines is "
            "broken (an incident of severity error). Checks and rules: docs/audit.md."
        ),
    )
    p.add_argument(
        "--status",
        choices=["gold", "draft"],
        help="audit only annotations of this status (default: gold and draft)",
    )
    add_root_option(p)
    add_format_option(p, "report")
    p.set_defaults(func=run)


def render_text(report: AuditReport) -> str:
    """One line per incident, each id's rule once, and a summary with the counts per id."""
    lines = [i.line() for i in report.incidents]
    seen = sorted({i.id for i in report.incidents})
    if seen:
        lines.append("")
        lines += [f"  {pid} ({CATALOGUE[pid][0]}): {CATALOGUE[pid][1]}" for pid in seen]
    statuses = ", ".join(f"{n} {name}" for name, n in report.statuses.items()) or "none"
    severities = ", ".join(f"{n} {name}" for name, n in report.severities().items())
    per_id = ", ".join(f"{pid} {n}" for pid, n in report.counts().items() if n)
    verdict = "AUDIT OK" if report.ok else "AUDIT FAILED (hard-rule errors)"
    lines.append(
        f"{verdict}: {report.documents} document(s) audited ({statuses}); "
        f"{severities}" + (f"; {per_id}" if per_id else "")
    )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Audit and print the report; exit 1 only on errors."""
    root = repository(args.root)
    report = audit(root, args.status, Progress("audit"))
    if args.format == "json":
        emit(jsonio.dumps(report.to_dict()))
    else:
        print(render_text(report))
    return 0 if report.ok else 1
