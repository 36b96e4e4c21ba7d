"""The prompt coach for a prompt typed as free text: it finds the elements, then gives the same kind of advice.

The coach reads the prompt sentence by sentence and sorts each sentence into elements (role, task, context,
format, constraints) by the cue words in the vocabulary file. It also says what it cannot judge: a prompt
that is only a link, only code, or in a language it does not read yet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .feedback import Feedback, Finding
from .personal_data import find_personal_data
from .prompt import as_text, vague_without_measure, vocabulary, words

ENGINE = "prompt-text/3"  # 2 and 3: tuned on labelled sets 2 and 3 (casual requests, labels, contradictions)

# Points a finding costs out of TOTAL. A kind costs points only where its false-alarm rate on the labelled
# prompts (tests/data/labelled_prompts.json) is under 5%; everything else is a suggestion.
COSTS: Mapping[str, float] = {
    "missing_task": 2, "missing_format": 2, "missing_constraints": 2, "vague_constraint": 1,
    "personal_data": 2, "contradiction": 1, "missing_context": 0, "missing_role": 0, "missing_input": 2,
    "missing_categories": 2,
}
TOTAL = 10.0
BLOCKING = {
    "missing_categories", "missing_input", "missing_task", "missing_format", "missing_constraints",
    "vague_constraint", "personal_data", "contradiction", "missing_context", "other_language", "only_url",
    "only_code", "empty", "unreadable",
}

DELIMITED = re.compile(r'("""|```|---+)\s*\n?(.*?)\n?\s*\1', re.S)
SLOT = re.compile(r"\{\s*\w+\s*\}|\[\s*\w[\w ]*\]")
ONLY_URL = re.compile(r"\s*(?:https?://|www\.)\S+\s*")
CODE_LINE = re.compile(r"^\s*(import |from \S+ import|def |class |print\(|select |insert |update |delete |"
                       r"from \w+\s*$|where |group by |order by |having |join |left join |limit \d|=[A-Z]+\(|"
                       r"[\w.\[\]'\"]+\s*=\s*\S|.*;\s*$|.*\)\s*$|[{}]\s*$)", re.I)
LABEL = re.compile(r"^\s*[-*•]?\s*([A-Za-z][A-Za-z' ]{1,20}):\s*(.*)$", re.S)
NUMBER = r"(?<![\w])(\d{1,6}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|a single|single)"
LIMIT = re.compile(NUMBER + r"\s+(?:words|bullets|bullet points|lines|sentences|characters|rows|items)\b"
                   r"|(?<!\w)(?:one|a single|exactly one|1)\s+[a-z]+\s+per\s+[a-z]+", re.I)
# "a note with three parts", "in 4 sections": a shape the result must have
PARTS = re.compile(NUMBER + r"[ -](?:parts|sections|columns|headings)\b", re.I)
NUMBERS = {"one": 1, "a single": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20}


def _count(token: str) -> int:
    return int(token) if token.isdigit() else NUMBERS[token.lower()]


def _starts(text: str, phrases: list[str]) -> bool:
    low = text.lower().lstrip(" -*•\t")
    return any(re.match(re.escape(p) + r"(?!\w)", low) for p in phrases)


def _has(text: str, phrases: list[str]) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", text, re.I) for p in phrases)


def instructions_only(text: str) -> str:
    """The prompt without the material it works on (delimited blocks and {slots})."""
    return SLOT.sub(" ", DELIMITED.sub(" ", text))


def sentences(text: str) -> list[str]:
    """The prompt cut into sentences and lines."""
    parts = []
    for line in text.splitlines():
        parts += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", line) if s.strip()]
    return parts


def sort_into_elements(text: str, language: str = "en") -> dict[str, list[str]]:
    """Each sentence of the instructions under the element(s) it speaks to."""
    cues = vocabulary(language)["free_text"]
    elements: dict[str, list[str]] = {k: [] for k in ("role", "task", "context", "format", "constraints")}
    greeting = re.compile(r"^(?:" + "|".join(map(re.escape, cues["greetings"])) + r")\b[\s,!.]*", re.I)
    for sentence in sentences(instructions_only(text)):
        sentence = greeting.sub("", sentence, count=1) or sentence  # "hi, can you ..." asks the same thing
        label = LABEL.match(sentence)
        if label:
            name = label.group(1).strip().lower()
            for element, names in cues["labels"].items():
                if name in names and element in elements:
                    elements[element].append(label.group(2))
            if name in {n for names in cues["labels"].values() for n in names}:
                sentence = label.group(2)
        if _starts(sentence, cues["role_starts"]):
            elements["role"].append(sentence)
        request = sentence
        for start in sorted(cues["request_starts"], key=len, reverse=True):
            if _starts(request, [start]):
                request = request.lstrip(" -*•\t")[len(start):].lstrip(" ,:")
                break
        # "As a trainer, write ..." or "From the notes below, list ...": the request follows a comma
        after_comma = sentence.split(",", 1)[1].strip() if "," in sentence[:100] else ""
        after_comma = re.sub(r"^(?:but|and|so|then)\s+", "", after_comma, flags=re.I)  # "…, but make it …"
        if (_starts(request, cues["task_verbs"]) or (request is not sentence and len(words(request)) >= 3)
                or _starts(after_comma, cues["task_verbs"])):
            elements["task"].append(sentence)
        if (_has(sentence, cues["format_cues_free_text"]) or re.search(NUMBER + r"[ -]sentences?\b", sentence, re.I)
                or PARTS.search(sentence)):
            elements["format"].append(sentence)
        strong = [c for c in cues["constraint_cues"] if " " in c or c in ("only", "never", "must", "exactly", "should")]
        if _starts(sentence, cues["constraint_cues"]) or _has(sentence, strong) or LIMIT.search(sentence):
            elements["constraints"].append(sentence)
        if _has(sentence, cues["context_cues"]):
            elements["context"].append(sentence)
    return elements


def is_english(text: str, language: str = "en") -> bool:
    tokens = [w.lower() for w in words(instructions_only(text))]
    if len(tokens) < 5:
        return True
    markers = set(vocabulary(language)["free_text"]["english_markers"])
    return sum(t in markers for t in tokens) / len(tokens) >= 0.12


def looks_like_code(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and sum(bool(CODE_LINE.match(line)) for line in lines) / len(lines) >= 0.6


def contradictions(text: str) -> list[str]:
    """Plain descriptions of instructions that cannot all be followed."""
    found = []
    low = instructions_only(text).lower()
    most = [int(n) for n in re.findall(r"(?:at most|no more than|not more than|maximum(?: of)?|max\.?|under|"
                                       r"fewer than|less than|in at most)\s+(\d+)\s+words", low)]
    least = [int(n) for n in re.findall(r"(?:at least|minimum(?: of)?|more than|over)\s+(\d+)\s+words", low)]
    if most and least and max(least) > min(most):
        found.append(f"at least {max(least)} words but at most {min(most)} words")
    unconditional = " ".join(s.lower() for s in sentences(instructions_only(text)) if not s.lower().startswith("if "))
    one_sentence = re.search(r"\b(?:one|a single|single|1)\s+sentence\b", unconditional)
    bullets = re.search(NUMBER + r"\s+(?:bullet points|bullets|headings|paragraphs)", low)
    if one_sentence and bullets and _count(bullets.group(1)) > 1:
        found.append(f"one sentence but also {bullets.group(0)}")
    everything = re.search(r"every detail|all (?:the )?details|do not leave anything out|don't leave anything "
                           r"out|covers? every point|everything in the original|every step in detail|"
                           r"in (?:full|great) detail|all (?:the )?exceptions", low)
    if everything and most and min(most) < 150:
        found.append(f"every detail in at most {min(most)} words")
    own_knowledge = re.search(r"your own (?:knowledge|recommendations?|opinions?|ideas|view)|from memory|"
                              r"from what you know", low)
    only_given = re.search(r"\bonly (?:use )?(?:information|facts|what is|what's)\b|\buse only\b", low)
    if own_knowledge and only_given:
        found.append(f"only the information given, but also {own_knowledge.group(0)}")
    for sentence in sentences(instructions_only(text)):  # "a single paragraph, and each decision as a bullet"
        low_sentence = sentence.lower()
        if (re.search(r"\b(?:one|a single|single|1)\s+paragraph\b", low_sentence)
                and re.search(r"\bbullet(?:s|ed)?\b", low_sentence)):
            found.append("a single paragraph but also bullet points")
            break
    if re.search(r"\bbullet(?: point)?s only\b|\bonly (?:as )?bullet(?: point)?s\b", low) and re.search(
            r"\b(?:flowing|continuous|running) (?:prose|text)\b|\bas prose\b|\bfull paragraphs\b", low):
        found.append("bullet points only, but also flowing prose")
    for left_out in re.finditer(r"\b(?:do not|don't|never) mention (?:any )?(\w+)", low):
        topic = left_out.group(1).rstrip("s")
        if len(topic) > 3 and re.search(r"\b(?:list|include|name|show|mention) (?:all |the |any )*(?:\w+ )?"
                                        + re.escape(topic) + r"s?\b", low[left_out.end():]):
            found.append(f"do not mention {left_out.group(1)}, but also list them")
            break
    closed = re.search(r"\bonly these\b|\bno other (?:categor|label)", low)
    new_label = re.search(r"\b(?:make up|invent)\s+(?:a |an )?(?:\w+ ){0,2}(?:category|label)\b|"
                          r"\b(?:create|add)\s+(?:a |an )?(?:\w+ )?new (?:category|label)\b", low)
    negated = new_label and re.search(r"\b(?:never|not|don't|do not|no need to)\s+(?:\w+\s+)?$",
                                      low[max(0, new_label.start() - 20):new_label.start()])
    if closed and new_label and not negated:
        found.append(f"only the categories given, but also '{new_label.group(0)}'")
    return found


def check_prompt_text(text: Any, language: str = "en", *, slot: str | None = None,
                      cases: Sequence[str] = (), required_terms: Sequence[str] = ()) -> Feedback:
    """Coach a free-text prompt: find its elements, then say what is missing or risky.

    With ``slot`` (e.g. "tickets"), the prompt must carry each of ``cases`` to the AI through ``{tickets}``;
    ``required_terms`` (e.g. the categories of a triage task) must each be named in the instructions.
    """
    if isinstance(text, dict | list | tuple):
        return _feedback([Finding("unreadable", "prompt", "This answer could not be read as a prompt",
                                  hints=("Type or paste your prompt as text.",), cost=TOTAL)])
    text = as_text(text)
    if not text.strip():
        return _feedback([Finding("empty", "prompt", "The prompt is empty",
                                  hints=("Start with the task: one sentence that says what the AI should do.",),
                                  cost=TOTAL)])
    can_not = _what_it_cannot_judge(text, language)
    if can_not:
        return _feedback([can_not])
    parts = sort_into_elements(text, language)
    findings = [f for rule in (_task, _format, _constraints, _context, _role) for f in rule(parts, text, language)]
    findings += _personal_data(text) + _contradictions(text) + _input(text, slot, cases)
    findings += _required(text, required_terms)
    return _feedback(findings, parts)


def _required(text, terms):
    instructions = instructions_only(text)
    missing = [t for t in terms if not re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", instructions, re.I)]
    if not missing:
        return []
    message = f"Name every category the AI may use; missing: {', '.join(missing)}"
    return [Finding("missing_categories", "format", message,
                    why="With a fixed list, results can be counted and compared; otherwise the AI invents labels.",
                    hints=("Which labels does your team's report use?",
                           f"For example: 'Use exactly one of: {', '.join(terms)}.'"),
                    cost=COSTS["missing_categories"])]


def _input(text, slot, cases):
    if not slot:
        return []
    marker = "{" + slot + "}"
    pattern = re.compile(r"\{\s*" + re.escape(slot) + r"\s*\}|\[\s*" + re.escape(slot) + r"\s*\]", re.I)
    reaches = all(case in pattern.sub(lambda _m, c=case: c, text) for case in cases) if cases else bool(
        pattern.search(text))
    if reaches:
        return []
    return [Finding("missing_input", "input", f"Type {marker} where the {slot} go, so the prompt works for any week",
                    why="A reusable prompt keeps the instructions fixed and only swaps the input.",
                    hints=(f"Where do this week's {slot} go in your prompt?",
                           f"For example: 'The {slot} are between the lines: --- {marker} ---'"),
                    cost=COSTS["missing_input"])]


def _what_it_cannot_judge(text: str, language: str) -> Finding | None:
    if ONLY_URL.fullmatch(text):
        return Finding("only_url", "prompt", "This is only a link: the AI cannot open it and the coach cannot judge it",
                       why="An AI assistant usually cannot see your intranet; it needs the instructions themselves.",
                       hints=("Write what you want done with the page, and paste the text it should work on.",),
                       cost=TOTAL)
    if looks_like_code(text):
        return Finding("only_code", "prompt", "This looks like code, not instructions to an AI assistant",
                       why="The coach judges prompts written in plain language; it cannot judge code.",
                       hints=("Say in a sentence what you want the code to do, and for whom.",), cost=TOTAL)
    if not is_english(text, language):
        return Finding("other_language", "prompt",
                       "The coach reads English prompts only so far, so it cannot judge this one",
                       why="Its word lists are English; a prompt in another language may be fine.",
                       hints=("Ask a colleague who reads the language to check it for role, task, format and "
                              "limits, or write an English version to practise here.",), cost=0)
    return None


def _task(parts, text, language):
    if parts["task"]:
        vague = vague_without_measure(" ".join(parts["task"]), language)
        if vague:
            return [Finding("vague_wording", "task", f"'{vague[0]}' is open to interpretation; say what it means here",
                            why="Specific words give the same result for everyone who runs the prompt.",
                            hints=("What would it look like to the person who reads the result?",))]
        return []
    return [Finding("missing_task", "task", "Say what the AI should do, starting with a verb",
                    why="Without a clear task the AI guesses, and every teammate gets a different result.",
                    hints=("What should come back to you?", "For example: 'Summarise the notes below for ...'"),
                    cost=COSTS["missing_task"])]


def _format(parts, text, language):
    if parts["format"]:
        return []
    return [Finding("missing_format", "output format", "Name the output format (bullets, a table, headings…)",
                    why="A set format makes results comparable and easy to check.",
                    hints=("Picture the finished result: is it a list, a table, a short email?",
                           "For example: 'Three headings: Decisions, Actions, Open questions.'"),
                    cost=COSTS["missing_format"])]


def _constraints(parts, text, language):
    if not parts["constraints"]:
        return [Finding("missing_constraints", "constraints", "Add at least one limit you can check, such as a "
                        "word limit", why="Limits keep the result inside what your team can use and check.",
                        hints=("How long may it be, and what must it never do?",
                               "For example: 'At most 150 words. Use only what is in the notes.'"),
                        cost=COSTS["missing_constraints"])]
    vague = vague_without_measure("\n".join(parts["constraints"]), language)
    if vague:
        return [Finding("vague_constraint", "constraints", f"Give a measure for '{vague[0]}' (words, bullets, lines)",
                        why="'Short' or 'clear' means something different to everyone; a number can be checked.",
                        hints=("How would a teammate check this in five seconds?",
                               f"For example: replace '{vague[0]}' with 'at most 120 words'."),
                        cost=COSTS["vague_constraint"])]
    return []


def _context(parts, text, language):
    if parts["context"]:
        return []
    return [Finding("missing_context", "context", "Add context: who the result is for and why",
                    why="Context tells the AI what matters, so it keeps the right details.",
                    hints=("Who will read the result, and what will they do with it?",),
                    cost=COSTS["missing_context"])]


def _role(parts, text, language):
    if parts["role"]:
        return []
    return [Finding("missing_role", "role", "Consider giving the AI a role",
                    why="A role sets the expertise and tone.",
                    hints=("For example: 'You are an experienced team lead in customer operations.'",),
                    cost=COSTS["missing_role"])]


def _personal_data(text):
    hits = find_personal_data(text, names=True)
    if not hits:
        return []
    return [Finding("personal_data", "prompt", f"Remove the {hits[0].kind} and use a placeholder instead",
                    why="Personal or customer data must never go into a prompt unless your company's rules allow "
                        "that tool.",
                    hints=("Would you be comfortable if this prompt were shown to another company?",
                           "Replace it with a placeholder such as [customer name]."),
                    cost=COSTS["personal_data"])]


def _contradictions(text):
    return [Finding("contradiction", "constraints", f"These instructions pull against each other: {c}",
                    why="The AI can only satisfy one of them, and you cannot predict which.",
                    hints=("Which of the two matters more for this task?",), cost=COSTS["contradiction"])
            for c in contradictions(text)[:1]]


def _feedback(findings: list[Finding], parts: dict[str, list[str]] | None = None) -> Feedback:
    earned = max(0.0, TOTAL - sum(f.cost for f in findings))
    passed = not ({f.kind for f in findings} & BLOCKING)
    problems = [f for f in findings if f.kind in BLOCKING]
    if not findings:
        summary = f"Your prompt has a task, context, a format and limits you can check ({earned:g} of {TOTAL:g})."
    elif not problems:
        summary = f"Your prompt works ({earned:g} of {TOTAL:g}). A suggestion below could still make it better."
    else:
        steps = "; ".join(f.message[0].lower() + f.message[1:] for f in problems[:3])
        summary = f"Your prompt earns {earned:g} of {TOTAL:g}. To improve it: {steps}."
    return Feedback(engine=ENGINE, earned=earned, total=TOTAL, passed=passed, findings=tuple(findings),
                    summary=summary)
