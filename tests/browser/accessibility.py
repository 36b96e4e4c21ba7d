"""axe-core (from npm, pinned in tests/browser/axe/) run inside the page, and its results made readable.

Two parts of a page are checked apart:
- the course's own content: rendered lesson text and every cell output (forms, feedback, tables, charts);
- JupyterLab's own chrome (menus, toolbars, file browser), which the course does not render. Its serious
  and critical findings are compared with a recorded baseline (axe_baseline.json), so a new one is noticed.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.browser.harness import ARTIFACTS

AXE_SCRIPT = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BASELINE = Path(__file__).parent / "axe_baseline.json"
COURSE_CONTENT = [".jp-Notebook .jp-MarkdownOutput", ".jp-Notebook .jp-OutputArea-output"]
SERIOUS = ("serious", "critical")

RUN_AXE = """async ([include, exclude]) => {
    const context = include ? {include: include.map(s => [s])} : {exclude: exclude.map(s => [s])};
    const result = await axe.run(context, {resultTypes: ['violations', 'passes']});
    const brief = rules => rules.map(rule => ({
        id: rule.id, impact: rule.impact, help: rule.help,
        nodes: rule.nodes.map(node => ({target: node.target.join(' '), summary: node.failureSummary || ''})),
    }));
    return {violations: brief(result.violations), passes: brief(result.passes)};
}"""


def load_axe(page) -> None:
    """Put axe-core into the page (once per page load)."""
    if not AXE_SCRIPT.exists():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `npm ci --prefix tests/browser/axe` (.ci/run does).")
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))


def check_course_content(page) -> dict:
    """axe-core on the course's own content only."""
    load_axe(page)
    return page.evaluate(RUN_AXE, [COURSE_CONTENT, None])


def check_lab_chrome(page) -> dict:
    """axe-core on everything except the course's own content: JupyterLab's menus, panels and toolbars."""
    load_axe(page)
    return page.evaluate(RUN_AXE, [None, COURSE_CONTENT])


def serious(result: dict) -> list[dict]:
    """The serious and critical violations of an axe result."""
    return [rule for rule in result["violations"] if rule["impact"] in SERIOUS]


def nodes_passing(result: dict, rule_id: str) -> int:
    """How many elements a rule checked and found fine (0 when the rule found nothing to check)."""
    return sum(len(rule["nodes"]) for rule in result["passes"] if rule["id"] == rule_id)


def describe(rules: list[dict]) -> str:
    """Violations as lines a person can act on."""
    lines = []
    for rule in rules:
        lines.append(f"{rule['impact']}: {rule['id']} ({rule['help']}), {len(rule['nodes'])} element(s)")
        lines += [f"    {node['target']}: {node['summary'].splitlines()[-1].strip()}" for node in rule["nodes"][:5]]
    return "\n".join(lines) or "none"


def baseline() -> dict[str, str]:
    """JupyterLab's own serious and critical findings, recorded once: rule id -> where it comes from."""
    return json.loads(BASELINE.read_text(encoding="utf-8"))["jupyterlab_chrome"]


def record(name: str, course: dict, chrome: dict) -> Path:
    """Keep both results in test-artifacts/axe/ for whoever reads the run."""
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    summary = {part: {"violations": [{k: rule[k] for k in ("id", "impact", "help")} | {"count": len(rule["nodes"])}
                                     for rule in result["violations"]],
                      "rules_passed": len(result["passes"])}
               for part, result in (("course_content", course), ("jupyterlab_chrome", chrome))}
    path.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return path
