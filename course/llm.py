"""Optional live model calls: send a learner's prompt to an AI service and bring its answer back.

The course works fully offline; a live run is an extra that whoever runs the course can switch on by
setting environment variables before JupyterLab starts:

- ``OPENAI_BASE_URL``: the address of an OpenAI-compatible service, e.g. ``https://api.openai.com/v1``
  (required: without it live runs are off)
- ``OPENAI_API_KEY``: the key for that service (optional: a per-learner gateway may need none)
- ``COURSE_LLM_MODEL``: which model to ask (optional; any model the service offers will do)

``run_prompt`` never raises. Whatever goes wrong (no answer in time, a refused key, a busy service, a reply
that makes no sense) comes back as a ``RunResult`` whose ``text`` is a plain message a learner can act on.
It needs the optional extra ``pip install "ai-adoption-course[llm]"``; the OpenAI client is only imported
when a call is made, so the rest of the course never depends on it.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT = 30.0
MAX_PROMPT_CHARS = 100_000
NO_KEY = "no-key-set"  # sent when no key is configured: the client insists on one, a keyless gateway ignores it

KINDS = ("ok", "not_configured", "not_installed", "empty", "too_long", "no_key", "refused", "timeout",
         "rate_limited", "unreachable", "bad_response")
"""Every ``RunResult.kind``: "ok" for an answer, the rest name what stopped the run."""

OFFLINE = "carry on without it: the course works fully offline."
MESSAGES = {
    "not_configured": "Live AI runs are not set up here, so your prompt was not sent; the course works fully "
                      "offline without them.",
    "not_installed": 'Live AI runs need the optional extra, installed with pip install "ai-adoption-course[llm]": '
                     "ask whoever runs your course, or " + OFFLINE,
    "empty": "There is no prompt to send yet: write your prompt first, then run it.",
    "no_key": "The AI service asks for a key and none is set up here. Ask whoever runs your course for access, "
              "or " + OFFLINE,
    "refused": "The AI service refused the request: the key or the access to this model was not accepted. Ask "
               "whoever runs your course, or " + OFFLINE,
    "rate_limited": "The AI service is busy or its usage limit has been reached. Wait a minute and try again, "
                    "or " + OFFLINE,
    "unreachable": "The AI service could not be reached. Check your connection and try again, or " + OFFLINE,
    "bad_response": "The AI service sent back an answer the course could not read. Try again, or " + OFFLINE,
}
EMPTY_ANSWER = "The AI service sent back an empty answer. Try again, or " + OFFLINE

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Endpoint:
    """Where live runs go: the service address, the model, and the key (never shown when printed)."""

    base_url: str
    model: str = DEFAULT_MODEL
    api_key: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class RunResult:
    """What a live run gives back.

    ``ok`` is True when the AI answered; ``text`` is then its answer, and otherwise one plain message that
    says what happened and what to do. ``kind`` names the outcome for code (see ``KINDS``).
    """

    ok: bool
    text: str
    kind: str


def endpoint_from_env(env: Mapping[str, str] = os.environ) -> Endpoint | None:
    """The endpoint the environment sets up, or None when live runs are not configured."""
    base_url = (env.get("OPENAI_BASE_URL") or "").strip()
    if not base_url:
        return None
    key = (env.get("OPENAI_API_KEY") or "").strip() or None
    model = (env.get("COURSE_LLM_MODEL") or "").strip() or DEFAULT_MODEL
    return Endpoint(base_url=base_url, model=model, api_key=key)


def run_prompt(prompt: str, endpoint: Endpoint | None, *, timeout: float = DEFAULT_TIMEOUT) -> RunResult:
    """Send ``prompt`` to the AI service and return its answer, or a plain message saying why not.

    Empty prompts and prompts over ``MAX_PROMPT_CHARS`` characters are never sent. One try only, waiting at
    most ``timeout`` seconds. Never raises.
    """
    seconds = timeout if _is_positive_number(timeout) else DEFAULT_TIMEOUT
    try:
        return _run(prompt, endpoint, seconds)
    except Exception:  # the last safety net: a learner never sees a traceback
        logger.debug("Live model call failed unexpectedly", exc_info=True)
        return _failed("bad_response")


def _run(prompt: Any, endpoint: Endpoint | None, seconds: float) -> RunResult:
    if endpoint is None or not str(endpoint.base_url or "").strip():
        return _failed("not_configured")
    text = "" if prompt is None else prompt if isinstance(prompt, str) else str(prompt)
    if not text.strip():
        return _failed("empty")
    if len(text) > MAX_PROMPT_CHARS:
        return RunResult(False, f"Your prompt is {len(text):,} characters long, more than the "
                                f"{MAX_PROMPT_CHARS:,} a live run accepts, so it was not sent. Shorten the "
                                f"input and try again.", "too_long")
    try:
        import openai
    except Exception:  # not installed, or installed but broken
        logger.debug("The openai package could not be imported", exc_info=True)
        return _failed("not_installed")

    try:
        with openai.OpenAI(base_url=endpoint.base_url.strip(), api_key=endpoint.api_key or NO_KEY,
                           max_retries=0, timeout=seconds) as client:
            completion = client.chat.completions.create(
                model=endpoint.model or DEFAULT_MODEL,
                messages=[{"role": "user", "content": text}],
                timeout=seconds,
            )
    except Exception as problem:
        logger.debug("Live model call failed", exc_info=True)
        return _explain(problem, openai, endpoint, seconds)

    answer = _answer_text(completion)
    if answer is None:
        return _failed("bad_response")
    if not answer.strip():
        return RunResult(False, EMPTY_ANSWER, "bad_response")
    return RunResult(True, answer.strip(), "ok")


def _explain(problem: Exception, openai: Any, endpoint: Endpoint, seconds: float) -> RunResult:
    """Turn what the client raised into the plain result a learner sees."""
    if isinstance(problem, openai.AuthenticationError):
        return _failed("no_key" if endpoint.api_key is None else "refused")
    if isinstance(problem, openai.PermissionDeniedError):
        return _failed("refused")
    if isinstance(problem, openai.RateLimitError):
        return _failed("rate_limited")
    if isinstance(problem, openai.APITimeoutError):  # before APIConnectionError: it is a kind of it
        return RunResult(False, f"The AI service did not answer within {_seconds(seconds)}. Try again, or "
                                + OFFLINE, "timeout")
    if isinstance(problem, openai.APIConnectionError):
        return _failed("unreachable")
    if isinstance(problem, openai.APIStatusError):
        return RunResult(False, f"The AI service could not run the request (error {problem.status_code}). "
                                "Try again, or " + OFFLINE, "bad_response")
    return _failed("bad_response")


def _answer_text(completion: Any) -> str | None:
    """The answer's text, or None when the reply is not a chat completion with text in it."""
    try:
        content = completion.choices[0].message.content
    except (AttributeError, IndexError, KeyError, TypeError):
        return None
    return content if isinstance(content, str) else None


def _failed(kind: str) -> RunResult:
    return RunResult(False, MESSAGES[kind], kind)


def _is_positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def _seconds(value: float) -> str:
    return "1 second" if value == 1 else f"{value:g} seconds"
