"""Live model calls: answers come back, and every failure becomes a plain message, never an exception.

The calls go to a fake OpenAI-compatible server on 127.0.0.1 (tests/fake_openai_server.py); nothing leaves
this machine.
"""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course import llm
from course.llm import MAX_PROMPT_CHARS, Endpoint, RunResult, endpoint_from_env, run_prompt
from tests.fake_openai_server import FakeOpenAIServer, echo

pytestmark = pytest.mark.timeout(60)

KEY = "sk-test-secret-1234"
PROMPT = "Summarise the meeting notes below in three bullets."


@pytest.fixture(autouse=True)
def no_proxy_and_no_ambient_key(monkeypatch):
    """Keep calls on loopback and make sure nothing comes from the real environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
                 "OPENAI_API_KEY", "OPENAI_ADMIN_KEY", "OPENAI_BASE_URL", "OPENAI_CUSTOM_HEADERS",
                 "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server():
    with FakeOpenAIServer(slow_seconds=10) as fake:
        yield fake
    assert not fake.running


@pytest.fixture
def endpoint(server):
    return Endpoint(base_url=server.base_url, model="course-test-model", api_key=KEY)


def assert_plain_failure(result: RunResult, kind: str, server: FakeOpenAIServer | None = None) -> None:
    """Not ok, the right kind, and one short plain message: no traceback, no markup, no key, no address."""
    assert isinstance(result, RunResult)
    assert result.ok is False
    assert result.kind == kind
    assert result.kind in llm.KINDS
    text = result.text
    assert isinstance(text, str) and 20 < len(text) < 300
    assert text[0].isupper() and text.endswith(".")
    assert "\n" not in text and "<" not in text and ">" not in text
    for leak in ("Traceback", "Error", "Exception", "openai.", "{", KEY, "127.0.0.1"):
        assert leak not in text, f"{leak!r} should not be shown to a learner: {text!r}"
    if server is not None:
        assert str(server.port) not in text


def free_port() -> int:
    """A port on loopback that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- configuration --------------------------------------------------------------------------------------

@pytest.mark.parametrize("env", [{}, {"OPENAI_BASE_URL": ""}, {"OPENAI_BASE_URL": "   "},
                                 {"OPENAI_API_KEY": KEY, "COURSE_LLM_MODEL": "some-model"}])
def test_not_configured_without_a_base_url(env):
    assert endpoint_from_env(env) is None


def test_endpoint_from_env_reads_address_key_and_model():
    endpoint = endpoint_from_env({"OPENAI_BASE_URL": " http://gateway.example/v1 ", "OPENAI_API_KEY": KEY,
                                  "COURSE_LLM_MODEL": "team-model"})
    assert endpoint == Endpoint(base_url="http://gateway.example/v1", model="team-model", api_key=KEY)


def test_endpoint_needs_no_key_and_has_a_default_model():
    endpoint = endpoint_from_env({"OPENAI_BASE_URL": "http://gateway.example/v1", "OPENAI_API_KEY": " ",
                                  "COURSE_LLM_MODEL": ""})
    assert endpoint is not None
    assert endpoint.api_key is None
    assert endpoint.model == llm.DEFAULT_MODEL and endpoint.model


def test_endpoint_from_env_reads_the_process_environment_by_default(monkeypatch):
    assert endpoint_from_env() is None
    monkeypatch.setenv("OPENAI_BASE_URL", "http://gateway.example/v1")
    assert endpoint_from_env() == Endpoint(base_url="http://gateway.example/v1")


def test_printing_an_endpoint_never_shows_the_key():
    endpoint = Endpoint(base_url="http://gateway.example/v1", api_key=KEY)
    assert KEY not in repr(endpoint) and KEY not in str(endpoint)
    assert "gateway.example" in repr(endpoint)


def test_results_are_frozen():
    result = RunResult(True, "answer", "ok")
    with pytest.raises(AttributeError):
        result.ok = False


# --- answers ----------------------------------------------------------------------------------------------

def test_configured_endpoint_returns_the_answer_text(server, endpoint):
    result = run_prompt(PROMPT, endpoint, timeout=5)
    assert result == RunResult(True, echo(PROMPT), "ok")
    assert server.request_count == 1
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["body"]["model"] == "course-test-model"
    assert sent["body"]["messages"] == [{"role": "user", "content": PROMPT}]
    assert sent["headers"]["authorization"] == f"Bearer {KEY}"


def test_a_different_prompt_gives_a_different_answer(server, endpoint):
    first = run_prompt("Draft a short update for the team.", endpoint, timeout=5)
    second = run_prompt("List three risks of the new rota.", endpoint, timeout=5)
    assert first.ok and second.ok
    assert first.text == echo("Draft a short update for the team.")
    assert second.text == echo("List three risks of the new rota.")
    assert server.request_count == 2


def test_a_gateway_that_needs_no_key_still_answers(server):
    result = run_prompt(PROMPT, Endpoint(base_url=server.base_url), timeout=5)
    assert result.ok and result.text == echo(PROMPT)
    assert server.requests[0]["body"]["model"] == llm.DEFAULT_MODEL
    assert KEY not in server.requests[0]["headers"].get("authorization", "")


def test_the_longest_allowed_prompt_is_sent(server, endpoint):
    prompt = "word " * (MAX_PROMPT_CHARS // 5)
    assert len(prompt) == MAX_PROMPT_CHARS
    result = run_prompt(prompt, endpoint, timeout=10)
    assert result.ok and result.kind == "ok"
    assert server.request_count == 1


def test_a_prompt_that_is_not_text_is_sent_as_text(server, endpoint):
    result = run_prompt(12345, endpoint, timeout=5)
    assert result.ok and result.text == echo("12345")


def test_a_nonsense_timeout_falls_back_to_the_default(server, endpoint):
    for timeout in (0, -3, float("nan"), "soon", None):
        result = run_prompt(PROMPT, endpoint, timeout=timeout)
        assert result.ok, timeout
    assert server.request_count == 5


# --- failures from the service ---------------------------------------------------------------------------

@pytest.mark.parametrize(("mode", "kind"), [
    ("403", "refused"),
    ("429", "rate_limited"),
    ("500", "bad_response"),
    ("malformed", "bad_response"),
    ("no_choices", "bad_response"),
    ("no_content", "bad_response"),
])
def test_each_failure_mode_gives_a_plain_message(server, endpoint, mode, kind):
    server.mode = mode
    result = run_prompt(PROMPT, endpoint, timeout=5)
    assert_plain_failure(result, kind, server)
    assert server.request_count == 1, "one try only: the client must not retry"


def test_a_rejected_key_is_refused(server, endpoint):
    server.mode = "401"
    result = run_prompt(PROMPT, endpoint, timeout=5)
    assert_plain_failure(result, "refused", server)
    assert "key" in result.text


def test_a_missing_key_is_named_when_the_service_asks_for_one(server):
    server.mode = "401"
    result = run_prompt(PROMPT, Endpoint(base_url=server.base_url), timeout=5)
    assert_plain_failure(result, "no_key", server)
    assert "none is set up" in result.text


def test_messages_differ_by_failure(server, endpoint):
    texts = set()
    for mode in ("401", "429", "500", "malformed"):
        server.mode = mode
        texts.add(run_prompt(PROMPT, endpoint, timeout=5).text)
    assert len(texts) == 4


def test_a_server_error_says_its_number(server, endpoint):
    server.mode = "500"
    assert "error 500" in run_prompt(PROMPT, endpoint, timeout=5).text


def test_a_slow_service_times_out_quickly_with_a_plain_message(server, endpoint):
    server.mode = "slow"
    started = time.monotonic()
    result = run_prompt(PROMPT, endpoint, timeout=1)
    elapsed = time.monotonic() - started
    assert_plain_failure(result, "timeout", server)
    assert "within 1 second." in result.text
    assert "offline" in result.text
    assert 0.9 <= elapsed < 5, f"the 1-second timeout took {elapsed:.1f} s"
    assert server.request_count == 1


def test_the_timeout_is_shown_in_the_message(server, endpoint):
    server.mode = "slow"
    result = run_prompt(PROMPT, endpoint, timeout=1.5)
    assert result.kind == "timeout" and "within 1.5 seconds." in result.text


def test_an_unreachable_service_gives_a_plain_message():
    endpoint = Endpoint(base_url=f"http://127.0.0.1:{free_port()}/v1", api_key=KEY)
    result = run_prompt(PROMPT, endpoint, timeout=5)
    assert_plain_failure(result, "unreachable")


def test_an_unexpected_problem_inside_the_client_still_gives_a_plain_message(server, endpoint, monkeypatch):
    import openai

    def broken_client(*_args, **_kwargs):
        raise RuntimeError("something nobody planned for")

    monkeypatch.setattr(openai, "OpenAI", broken_client)
    result = run_prompt(PROMPT, endpoint, timeout=5)
    assert_plain_failure(result, "bad_response", server)
    assert "nobody planned" not in result.text
    assert server.request_count == 0


def test_a_prompt_that_cannot_even_be_read_gives_a_plain_message(server, endpoint):
    class Unreadable:
        def __str__(self):
            raise ValueError("cannot be shown")

    result = run_prompt(Unreadable(), endpoint, timeout=5)
    assert_plain_failure(result, "bad_response", server)
    assert server.request_count == 0


# --- prompts that are never sent --------------------------------------------------------------------------

def test_a_too_long_prompt_is_refused_without_calling_the_service(server, endpoint):
    result = run_prompt("x" * (MAX_PROMPT_CHARS + 1), endpoint, timeout=5)
    assert_plain_failure(result, "too_long", server)
    assert "100,001" in result.text and "100,000" in result.text
    assert server.request_count == 0


@pytest.mark.parametrize("prompt", ["", "   ", "\n\t \n", None])
def test_an_empty_prompt_is_not_sent(server, endpoint, prompt):
    result = run_prompt(prompt, endpoint, timeout=5)
    assert_plain_failure(result, "empty", server)
    assert server.request_count == 0


def test_not_configured_gives_a_plain_message(server):
    assert_plain_failure(run_prompt(PROMPT, None), "not_configured")
    assert_plain_failure(run_prompt(PROMPT, Endpoint(base_url="  ")), "not_configured")
    assert server.request_count == 0


def test_without_the_llm_extra_the_message_says_how_to_install_it(server, endpoint, monkeypatch):
    monkeypatch.setitem(sys.modules, "openai", None)  # makes "import openai" fail as if not installed
    result = run_prompt(PROMPT, endpoint, timeout=5)
    assert_plain_failure(result, "not_installed", server)
    assert 'pip install "ai-adoption-course[llm]"' in result.text
    assert server.request_count == 0


def test_importing_the_module_does_not_import_the_openai_client():
    code = "import sys, course.llm; print('openai' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"


def test_the_module_has_no_widgets_and_no_html():
    source = Path(llm.__file__).read_text(encoding="utf-8")
    assert "ipywidgets" not in source and "<p>" not in source and "<span" not in source


# --- the fake server itself -------------------------------------------------------------------------------

def test_the_fake_server_stops_listening_when_done():
    with FakeOpenAIServer() as fake:
        port = fake.port
        assert fake.running
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
    assert not fake.running
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
