"""An SOP as a print-friendly web page a manager can hand to the team (every text escaped by render.escape)."""

from __future__ import annotations

import re
from typing import Any

from .checks.sop import SECTION_LABELS, STEP_KINDS, read_sop
from .render import escape

STYLE = ("body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;line-height:1.45;color:#111}"
         "h1{font-size:1.6em}h2{font-size:1.15em;margin-top:1.4em;border-bottom:1px solid #999}"
         "pre{white-space:pre-wrap;background:#f4f4f4;padding:.6em;border:1px solid #ccc}"
         "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3em .5em;text-align:left;"
         "vertical-align:top}@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}")


def sop_page(value: Any) -> str:
    """A whole HTML page for the SOP in ``value``: sections, a table of steps, review, escalation, data rules."""
    title = escape(read_sop(value)["title"].strip() or "SOP", 300)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{STYLE}</style></head><body>{sop_body(value)}</body></html>\n")


def sop_body(value: Any) -> str:
    """The SOP as the page shows it, without the page around it: what the form's preview shows the learner."""
    sop = read_sop(value)

    def text(name: str) -> str:
        body = sop[name].strip()
        return f"<p>{escape(body, 20_000)}</p>".replace("\n", "<br>") if body else "<p><em>(not filled in)</em></p>"

    title = escape(sop["title"].strip() or "SOP", 300)
    meta = " · ".join(f"{SECTION_LABELS[k]}: {escape(sop[k].strip(), 200)}" for k in ("owner", "version",
                                                                                      "review_date") if sop[k].strip())
    parts = [f"<h1>{title}</h1>", f"<p><em>{meta}</em></p>" if meta else ""]
    for name in ("purpose", "trigger", "inputs"):
        parts.append(f"<h2>{SECTION_LABELS[name]}</h2>{text(name)}")
    prompt = sop["prompt"].strip()
    parts.append(f"<h2>{SECTION_LABELS['prompt']}</h2>"
                 + (f"<pre>{escape(prompt, 20_000)}</pre>" if prompt else "<p><em>(not filled in)</em></p>"))
    slots = list(dict.fromkeys(re.findall(r"\{([A-Za-z][\w ]{0,30})\}", prompt)))[:3]
    if slots:  # '{notes}' means nothing to a colleague who never built the prompt
        where = "; ".join(f"where it says {{{name}}}, paste the actual {name.replace('_', ' ')}" for name in slots)
        parts.append(f"<p><em>{escape(where[:1].upper() + where[1:], 500)}.</em></p>")
    for name in ("expected_output", "quality_checks"):
        parts.append(f"<h2>{SECTION_LABELS[name]}</h2>{text(name)}")
    rows = "".join(f"<tr><td>{s.number}</td><td>{escape(s.actor, 300)}</td><td>{escape(STEP_KINDS.get(s.kind, ''))}"
                   f"</td><td>{escape(s.action, 5000)}</td><td>{escape(s.result, 2000)}</td></tr>" for s in sop.steps)
    parts.append('<h2>Steps</h2><table><thead><tr><th scope="col">#</th><th scope="col">Who</th>'
                 '<th scope="col">Kind</th><th scope="col">What they do</th><th scope="col">Result</th></tr></thead>'
                 f"<tbody>{rows}</tbody></table>" if rows else "<h2>Steps</h2><p><em>(no steps yet)</em></p>")
    parts.append(f"<h2>Review</h2><p>{escape(sop['review_who'].strip() or '(nobody named)', 500)}"
                 f"{' · ' + escape(sop['review_when'].strip(), 500) if sop['review_when'].strip() else ''}</p>")
    for name in ("escalation", "data_rules"):
        parts.append(f"<h2>{SECTION_LABELS[name]}</h2>{text(name)}")
    return "".join(parts)
