"""The two labellers' agreement on a new set, and the final set file with both labels and the resolutions.

    python labelled_set.py agreement SET_FOLDER
    python labelled_set.py convert SET_FOLDER KIND OUT --purpose "Held out: ..." [--resolved resolved.json]

SET_FOLDER holds the writer's ``items.json`` (the first labels) and the second labeller's ``second.json``; KIND is
criteria, prompts, cards, sops or team_messages; ``resolved.json`` maps an item id to {"flaws": [...], "ready":
bool, "why": "..."} (flaws and ready left out: the first labeller's labels stand, for the reason given). Every
verdict the two disagree on must be resolved before a set is written.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

RULES = Path(__file__).parent
FIELDS = {"criteria": ["task", "text"], "prompts": ["text"], "cards": ["card"], "sops": ["sop"],
          "team_messages": ["text"]}


def _read(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def agreement(first: list[dict], second: dict[str, dict]) -> dict:
    """Verdict agreement, Cohen's kappa on the verdict, and identical flaw lists, before any resolving."""
    n = len(first)
    same = sum(bool(item["ready"]) == bool(second[item["id"]]["ready"]) for item in first)
    identical = sum(sorted(item["flaws"]) == sorted(second[item["id"]]["flaws"]) for item in first)
    ready_first = sum(bool(item["ready"]) for item in first) / n
    ready_second = sum(bool(second[item["id"]]["ready"]) for item in first) / n
    chance = ready_first * ready_second + (1 - ready_first) * (1 - ready_second)
    kappa = (same / n - chance) / (1 - chance) if chance < 1 else 1.0
    return {"verdict": round(same / n, 4), "kappa": round(kappa, 2), "identical_flaws": identical, "items": n}


def show_agreement(folder: Path) -> None:
    first = _read(folder / "items.json")["items"]
    second = _read(folder / "second.json")
    for item in first:
        other = second[item["id"]]
        if bool(item["ready"]) != bool(other["ready"]) or sorted(item["flaws"]) != sorted(other["flaws"]):
            what = "VERDICT" if bool(item["ready"]) != bool(other["ready"]) else "flaws  "
            print(f"{what} {item['id']} first {item['flaws']} {item['ready']} | second {other['flaws']} "
                  f"{other['ready']}\n   1: {item.get('note', '')}\n   2: {other.get('note', '')}")
    found = agreement(first, second)
    print(f"verdict {found['verdict']:.1%}, kappa {found['kappa']:.2f}, identical flaws {found['identical_flaws']}"
          f"/{found['items']}")


def convert(folder: Path, kind: str, out: Path, purpose: str, resolved: dict[str, dict]) -> None:
    writer = _read(folder / "items.json")
    second = _read(folder / "second.json")
    items = []
    for item in writer["items"]:
        other = second[item["id"]]
        flaws, ready = item["flaws"], bool(item["ready"])
        labels = {"first": {"flaws": item["flaws"], "ready": ready, "note": item.get("note", "")},
                  "second": {"flaws": other["flaws"], "ready": bool(other["ready"]), "note": other.get("note", "")}}
        if item["id"] in resolved:
            fix = resolved[item["id"]]
            flaws, ready = fix.get("flaws", flaws), fix.get("ready", ready)
            labels["resolved"] = {"flaws": flaws, "ready": ready, "why": fix["why"]}
        elif ready != bool(other["ready"]):
            raise SystemExit(f"The two labellers disagree on {item['id']}: resolve it first.")
        items.append({"id": item["id"], "source": item["source"], "style": item["style"],
                      **{name: item[name] for name in FIELDS[kind]}, "flaws": flaws, "ready": ready, "labels": labels})
    found = agreement(writer["items"], second)
    n = found["items"]
    data = {"about": writer["about"], "purpose": purpose, "label_rules": (RULES / f"{kind}.md").read_text("utf-8"),
            "labellers": (f"Two helpers labelled every item independently from the written label rules (the writer, "
                          f"and a second helper who saw the items without labels, sources or notes); neither read the "
                          f"engine. Before resolving: the verdict (ready or not) agreed on "
                          f"{round(found['verdict'] * n)} of {n} items ({found['verdict']:.1%}), Cohen's kappa "
                          f"{found['kappa']:.2f}; identical flaw lists on {found['identical_flaws']} of {n}. "
                          f"Disagreements were resolved by reading the rules again (labels.resolved)."),
            "agreement": found, "items": items}
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(out, n, "items", f"{found['verdict']:.1%}", found["kappa"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    agree = commands.add_parser("agreement")
    agree.add_argument("folder", type=Path)
    write = commands.add_parser("convert")
    write.add_argument("folder", type=Path)
    write.add_argument("kind", choices=sorted(FIELDS))
    write.add_argument("out", type=Path)
    write.add_argument("--purpose", required=True)
    write.add_argument("--resolved", type=Path)
    args = parser.parse_args()
    if args.command == "agreement":
        show_agreement(args.folder)
    else:
        convert(args.folder, args.kind, args.out, args.purpose, _read(args.resolved) if args.resolved else {})


if __name__ == "__main__":
    main()
