"""A tiny stand-in for an OpenAI-compatible service, for tests only.

It listens on 127.0.0.1 on a free port, in a background thread, and answers POST /v1/chat/completions.
Set ``mode`` to choose how it answers:

- ``"ok"``: a valid chat.completion whose content echoes the prompt (see ``echo``)
- ``"401"``, ``"403"``, ``"429"``, ``"500"``: that HTTP error with an OpenAI-style error body
- ``"slow"``: waits ``slow_seconds`` before answering (longer than a test's client timeout)
- ``"malformed"``: status 200 with a body that is not JSON
- ``"no_choices"``: valid JSON that is not a chat completion (no ``choices``)
- ``"no_content"``: a chat completion whose message has no text (``content`` is null)

Every request is counted and kept (``requests``, header names in lower case), so a test can check what
was sent, or that nothing was.
Use it as a context manager; leaving the block stops the server and releases a slow answer.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHAT_PATH = "/v1/chat/completions"
MODES = ("ok", "401", "403", "429", "500", "slow", "malformed", "no_choices", "no_content")
ERRORS = {
    "401": ("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    "403": ("You are not allowed to use this model.", "invalid_request_error", "model_not_allowed"),
    "429": ("Rate limit reached. Please try again later.", "requests", "rate_limit_exceeded"),
    "500": ("The server had an error while processing your request.", "server_error", None),
}


def echo(prompt: str) -> str:
    """What the fake model answers: the prompt's word count and the prompt in capitals."""
    return f"ECHO ({len(prompt.split())} words): {prompt.upper()}"


class FakeOpenAIServer:
    """An OpenAI-compatible chat endpoint on loopback. ``base_url`` is what a client needs."""

    def __init__(self, mode: str = "ok", slow_seconds: float = 10.0) -> None:
        self.mode = mode
        self.slow_seconds = slow_seconds
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-openai", daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    def record(self, request: dict[str, Any]) -> None:
        with self._lock:
            self.requests.append(request)

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release any slow answer, stop serving and close the socket."""
        self._release.set()
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait_released(self, seconds: float) -> None:
        self._release.wait(seconds)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _handler_for(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = None
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.record({"path": self.path, "headers": headers, "body": body})
            if self.path != CHAT_PATH:
                self._send_json(404, _error("Not found.", "invalid_request_error", None))
                return
            mode = server.mode
            if mode in ERRORS:
                self._send_json(int(mode), _error(*ERRORS[mode]))
            elif mode == "malformed":
                self._send(200, b'{"id": "chatcmpl-1", "choices": [ this is not json', "application/json")
            elif mode == "no_choices":
                self._send_json(200, {"hello": "this is not a chat completion"})
            else:
                if mode == "slow":
                    server.wait_released(server.slow_seconds)
                prompt = _user_text(body)
                content = None if mode == "no_content" else echo(prompt)
                model = body.get("model", "") if isinstance(body, dict) else ""
                self._send_json(200, _completion(model, content))

        def _send_json(self, status: int, payload: dict[str, Any]) -> None:
            self._send(status, json.dumps(payload).encode("utf-8"), "application/json")

        def _send(self, status: int, data: bytes, content_type: str) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the slow mode); nothing to answer

    return Handler


def _user_text(body: Any) -> str:
    try:
        return next(m["content"] for m in body["messages"] if m.get("role") == "user")
    except (KeyError, TypeError, StopIteration):
        return ""


def _error(message: str, kind: str, code: str | None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def _completion(model: str, content: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake-1",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content, "refusal": None},
            "logprobs": None,
            "finish_reason": "stop",
        }],
        "usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10},
    }
