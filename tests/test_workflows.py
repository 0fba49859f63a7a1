"""CI: the GitHub workflows and the pre-commit hooks say what they must, and are valid.

The workflows are validated against GitHub's workflow schema as vendored by check-jsonschema
(``--builtin-schema vendor.github-workflows``), so the test needs no network: every HTTP(S)
request is pointed at a closed local port, so that one would fail at once instead of hanging.
Beyond the schema, the tests assert what matters to the project: that pull requests get
annotations, tests with a browser that never skips, a strict build kept as an artifact, and that
merges publish to GitHub Pages one at a time with pinned actions.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"

#: A request to anywhere goes to the discard port on this machine and is refused at once.
_NOWHERE = "http://127.0.0.1:9"
OFFLINE = {
    **os.environ,
    "HTTP_PROXY": _NOWHERE,
    "HTTPS_PROXY": _NOWHERE,
    "http_proxy": _NOWHERE,
    "https_proxy": _NOWHERE,
    "NO_PROXY": "",
    "no_proxy": "",
}

#: ``owner/repo[/path]@vN[.N[.N]]`` or ``@<40-hex commit>``; a local ``./action`` needs no pin.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")


# --- reading ------------------------------------------------------------------------------------


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


@cache
def load(path: Path) -> dict[str, Any]:
    """A YAML file as data. PyYAML follows YAML 1.1, where the key ``on`` is the boolean True."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    if True in data:
        data["on"] = data.pop(True)
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The ``on:`` events as a mapping, whichever of its three YAML forms was written."""
    on = workflow["on"]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def jobs(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result = workflow["jobs"]
    assert isinstance(result, dict)
    return result


def all_steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, job in jobs(workflow).items():
        for step in job.get("steps", []):
            yield name, step


def command(step: dict[str, Any]) -> str:
    """A step's shell command with its whitespace and line continuations folded to single spaces."""
    return " ".join(str(step.get("run", "")).replace("\\\n", " ").split())


def find(job: dict[str, Any], *, run: str | None = None, uses: str | None = None) -> int:
    """The index of the first step of ``job`` whose command matches ``run``, or using ``uses``."""
    for index, step in enumerate(job.get("steps", [])):
        if run is not None and re.search(run, command(step)):
            return index
        if uses is not None and str(step.get("uses", "")).split("@")[0] == uses:
            return index
    raise AssertionError(f"no step {f'runs {run!r}' if run else f'uses {uses!r}'}")


def job_with(workflow: dict[str, Any], *, run: str | None = None, uses: str | None = None) -> str:
    """The name of the job that has a step matching ``run`` or ``uses``."""
    for name, job in jobs(workflow).items():
        try:
            find(job, run=run, uses=uses)
        except AssertionError:
            continue
        return name
    wanted = f"running {run!r}" if run else f"using {uses!r}"
    raise AssertionError(f"no job has a step {wanted}")


def step_env(workflow: dict[str, Any], job: dict[str, Any], step: dict[str, Any]) -> dict[str, Any]:
    """The environment a step sees from the workflow, its job and itself (the innermost wins)."""
    return {**workflow.get("env", {}), **job.get("env", {}), **step.get("env", {})}


def python_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=OFFLINE, capture_output=True, text=True, timeout=120)


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    result = python_run("-m", "check_jsonschema", *args)
    if "No module named check_jsonschema" in result.stderr:
        pytest.fail("check-jsonschema is missing: it is in the dev extras; run `make setup`")
    return result


# --- every workflow -----------------------------------------------------------------------------


def test_the_workflows_exist() -> None:
    assert PULL_REQUEST in workflow_files()
    assert PUBLISH in workflow_files()


def test_workflows_are_valid_against_githubs_workflow_schema() -> None:
    files = [str(path.relative_to(ROOT)) for path in workflow_files()]
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_does_reject_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: x\n", encoding="utf-8")
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(broken))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "runs-on" in result.stdout


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_version(path: Path) -> None:
    workflow = load(path)
    used = [str(step["uses"]) for _, step in all_steps(workflow) if "uses" in step]
    used += [str(job["uses"]) for job in jobs(workflow).values() if "uses" in job]
    assert used
    unpinned = [ref for ref in used if not ref.startswith("./") and not PINNED.match(ref)]
    assert not unpinned, f"pin these to @vN or a commit: {unpinned}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_python_is_one_the_project_supports_and_pip_is_cached(path: Path) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    supported = SpecifierSet(pyproject["project"]["requires-python"])
    workflow = load(path)
    for name, job in jobs(workflow).items():
        if not any("make setup" in command(step) for step in job.get("steps", [])):
            continue
        versions = []
        container = job.get("container")
        image = container.get("image") if isinstance(container, dict) else container
        if image:
            match = re.match(r"^(?:docker\.io/)?(?:library/)?python:(\d+\.\d+)", str(image))
            assert match, f"{name}: container {image!r} is not an official python image"
            versions.append(match.group(1))
        cached = False
        for step in job["steps"]:
            action = str(step.get("uses", "")).split("@")[0]
            with_ = step.get("with", {})
            if action == "actions/setup-python":
                versions.append(str(with_["python-version"]))
                assert with_.get("cache") == "pip", f"{name}: setup-python does not cache pip"
                assert with_.get("cache-dependency-path") == "pyproject.toml", name
                cached = True
            elif action == "actions/cache":
                assert "hashFiles('pyproject.toml')" in str(with_.get("key")), name
                cached = True
        assert versions, f"{name}: no Python version is chosen"
        for version in versions:
            assert version in supported, f"{name}: Python {version} is outside {supported}"
        assert cached, f"{name}: pip's downloads are not cached"


# --- pull requests ------------------------------------------------------------------------------


def test_pull_requests_trigger_the_checks_and_nothing_else_does() -> None:
    assert set(triggers(load(PULL_REQUEST))) == {"pull_request", "workflow_dispatch"}


def test_pull_request_workflow_may_only_read() -> None:
    workflow = load(PULL_REQUEST)
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in jobs(workflow).values())


def test_a_new_push_cancels_the_superseded_run_of_the_same_pull_request() -> None:
    concurrency = load(PULL_REQUEST)["concurrency"]
    assert concurrency["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in concurrency["group"]


def test_pull_requests_get_the_checkers_problems_as_annotations() -> None:
    workflow = load(PULL_REQUEST)
    name = job_with(workflow, run=r"build\.py check\b.*--format[ =]github\b")
    job = jobs(workflow)[name]
    assert find(job, run=r"^make setup$") < find(job, run=r"build\.py check\b")


def test_pull_requests_check_the_canonical_form_and_lint() -> None:
    workflow = load(PULL_REQUEST)
    job_with(workflow, run=r"build\.py fmt --check\b")
    job_with(workflow, run=r"(^|&& )make lint\b")


def test_pull_requests_run_every_test_with_the_browser_required() -> None:
    workflow = load(PULL_REQUEST)
    name = job_with(workflow, run=r"(^|&& )make test\b")
    job = jobs(workflow)[name]
    test = find(job, run=r"(^|&& )make test\b")
    env = step_env(workflow, job, job["steps"][test])
    assert str(env.get("CHRONOLOGY_REQUIRE_BROWSER")) == "1", "browser tests could skip in CI"
    chromium = find(job, run=r"apt-get install\b.*\bchromium\b")
    assert chromium < test, "Chromium is installed after the tests that need it"


@pytest.mark.example  # a copy that holds another chronology removes the setting (docs/own-chronology.md)
def test_pull_requests_run_the_tests_of_the_example_required() -> None:
    workflow = load(PULL_REQUEST)
    name = job_with(workflow, run=r"(^|&& )make test\b")
    job = jobs(workflow)[name]
    env = step_env(workflow, job, job["steps"][find(job, run=r"(^|&& )make test\b")])
    assert str(env.get("CHRONOLOGY_REQUIRE_EXAMPLE")) == "1", "the example's tests could skip in CI"


def test_pull_requests_build_the_site_strictly_and_keep_it() -> None:
    workflow = load(PULL_REQUEST)
    name = job_with(workflow, run=r"build\.py build\b.*--strict\b")
    job = jobs(workflow)[name]
    build = find(job, run=r"build\.py build\b.*--strict\b")
    upload = find(job, uses="actions/upload-artifact")
    assert build < upload
    assert str(job["steps"][upload]["with"]["path"]).rstrip("/") == "site"


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_every_checkout_fetches_the_whole_history(path: Path) -> None:
    # The feeds and the calendar date each entry by its file's last commit (history.py): a clone
    # one commit deep dates every file at that commit, so each push would re-date every entry.
    workflow = load(path)
    checkouts = [
        step
        for job in jobs(workflow).values()
        for step in job["steps"]
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("fetch-depth") == 0, step


# --- publication --------------------------------------------------------------------------------


def test_only_pushes_to_main_publish() -> None:
    on = triggers(load(PUBLISH))
    assert set(on) <= {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


def test_publication_has_the_permissions_pages_needs_and_no_more() -> None:
    workflow = load(PUBLISH)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_one_publication_at_a_time_and_none_is_cut_short() -> None:
    assert load(PUBLISH)["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_publication_checks_then_builds_strictly_and_reproducibly() -> None:
    workflow = load(PUBLISH)
    name = job_with(workflow, uses="actions/upload-pages-artifact")
    job = jobs(workflow)[name]
    epoch = find(job, run=r"SOURCE_DATE_EPOCH=\$\(git log -1 --format=%ct\)")
    check = find(job, run=r"build\.py check\b")
    build = find(job, run=r"build\.py build\b.*--strict\b")
    configure = find(job, uses="actions/configure-pages")
    upload = find(job, uses="actions/upload-pages-artifact")
    assert epoch < build and check < build < upload and configure < upload
    assert str(job["steps"][upload]["with"]["path"]).rstrip("/") == "site"


def test_publication_deploys_with_the_official_pages_action() -> None:
    workflow = load(PUBLISH)
    build = job_with(workflow, uses="actions/upload-pages-artifact")
    name = job_with(workflow, uses="actions/deploy-pages")
    assert name != build
    job = jobs(workflow)[name]
    needs = job["needs"]
    assert build in ([needs] if isinstance(needs, str) else needs)
    step = job["steps"][find(job, uses="actions/deploy-pages")]
    assert job["environment"]["name"] == "github-pages"
    assert job["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"


# --- pre-commit ---------------------------------------------------------------------------------

#: What pre-commit accepts in a configuration with local hooks (from its documentation), so that a
#: misspelt key fails here instead of being ignored. check-jsonschema vendors no pre-commit schema
#: yet; when a version does, the test below uses it too.
# fmt: off
_LANGUAGES = [
    "conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail", "golang", "haskell",
    "julia", "lua", "node", "perl", "pygrep", "python", "r", "ruby", "rust", "script", "swift",
    "system", "unsupported", "unsupported_script",
]
# fmt: on
_STRINGS = {"type": "array", "items": {"type": "string"}}
PRE_COMMIT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["repos"],
    "additionalProperties": False,
    "properties": {
        "repos": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/repo"}},
        "default_install_hook_types": _STRINGS,
        "default_language_version": {"type": "object"},
        "default_stages": _STRINGS,
        "files": {"type": "string", "format": "regex"},
        "exclude": {"type": "string", "format": "regex"},
        "fail_fast": {"type": "boolean"},
        "minimum_pre_commit_version": {"type": "string"},
        "ci": {"type": "object"},
    },
    "$defs": {
        "repo": {
            "type": "object",
            "required": ["repo", "hooks"],
            "additionalProperties": False,
            "properties": {
                "repo": {"type": "string"},
                "rev": {"type": "string"},
                "hooks": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/hook"}},
            },
        },
        "hook": {
            "type": "object",
            "required": ["id", "name", "entry", "language"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"},
                "name": {"type": "string"},
                "entry": {"type": "string"},
                "language": {"enum": _LANGUAGES},
                "alias": {"type": "string"},
                "args": _STRINGS,
                "additional_dependencies": _STRINGS,
                "always_run": {"type": "boolean"},
                "description": {"type": "string"},
                "exclude": {"type": "string", "format": "regex"},
                "exclude_types": _STRINGS,
                "fail_fast": {"type": "boolean"},
                "files": {"type": "string", "format": "regex"},
                "language_version": {"type": "string"},
                "log_file": {"type": "string"},
                "minimum_pre_commit_version": {"type": "string"},
                "pass_filenames": {"type": "boolean"},
                "require_serial": {"type": "boolean"},
                "stages": _STRINGS,
                "types": _STRINGS,
                "types_or": _STRINGS,
                "verbose": {"type": "boolean"},
            },
        },
    },
}


def hooks() -> dict[str, dict[str, Any]]:
    config = load(PRE_COMMIT)
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_config_is_valid() -> None:
    config = load(PRE_COMMIT)
    jsonschema.validate(config, PRE_COMMIT_SCHEMA, format_checker=jsonschema.FormatChecker())
    help_text = check_jsonschema("--help").stdout
    if "vendor.pre-commit-config" in help_text:
        result = check_jsonschema("--builtin-schema", "vendor.pre-commit-config", str(PRE_COMMIT))
        assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hooks_are_local_and_download_nothing() -> None:
    config = load(PRE_COMMIT)
    assert all(repo["repo"] == "local" for repo in config["repos"])
    for hook_id, hook in hooks().items():
        assert hook["language"] == "system", hook_id
        assert "additional_dependencies" not in hook, hook_id
        assert shlex.split(hook["entry"])[0].startswith(".venv/bin/"), hook_id


def test_pre_commit_checks_the_data_the_formatting_and_the_python() -> None:
    entries = {hook_id: " ".join(shlex.split(hook["entry"])) for hook_id, hook in hooks().items()}
    data = [h for h, entry in entries.items() if entry == ".venv/bin/python build.py check"]
    fmt = [h for h, entry in entries.items() if entry == ".venv/bin/python build.py fmt --check"]
    assert data and fmt
    for hook_id in data + fmt:
        hook = hooks()[hook_id]
        assert hook["pass_filenames"] is False, f"{hook_id}: the checker reads the whole project"
        for changed in ("events/x.yaml", "actors/x.yaml", "places/x.yaml", "seeds/x.txt"):
            assert re.search(hook["files"], changed), f"{hook_id} misses {changed}"
        for other in ("chronology/check.py", "docs/events/x.md", "README.md"):
            assert not re.search(hook["files"], other), f"{hook_id} runs on {other}"
    on_python = [
        shlex.split(hook["entry"])
        for hook in hooks().values()
        if "python" in hook.get("types", []) + hook.get("types_or", [])
    ]
    assert any(words[:2] == [".venv/bin/ruff", "check"] for words in on_python)
    assert any(words[:3] == [".venv/bin/ruff", "format", "--check"] for words in on_python)
    assert any(words[0] == ".venv/bin/mypy" for words in on_python)


@pytest.mark.parametrize("hook_id", sorted(hooks()))
def test_pre_commit_hook_entries_are_real_commands(hook_id: str) -> None:
    words = [*shlex.split(hooks()[hook_id]["entry"]), *hooks()[hook_id].get("args", [])]
    tool = Path(words[0]).name
    if tool == "python":
        assert words[1] == "build.py", words
        subcommand, flags = words[2], words[3:]
        listed = python_run("build.py", "--help")
        assert listed.returncode == 0, listed.stderr
        assert re.search(rf"^\s+{re.escape(subcommand)}\s", listed.stdout, re.M), (
            f"build.py has no '{subcommand}' command:\n{listed.stdout}"
        )
        helped = python_run("build.py", subcommand, "--help")
    else:
        # The tool comes from the same environment as the tests: ruff and mypy run as modules.
        subcommands = [word for word in words[1:] if not word.startswith("-")]
        flags = [word.split("=")[0] for word in words[1:] if word.startswith("-")]
        helped = python_run("-m", tool, *subcommands, "--help")
    assert helped.returncode == 0, helped.stdout + helped.stderr
    for flag in flags:
        assert re.search(rf"(^|[\s,\[]){re.escape(flag)}\b", helped.stdout, re.M), (
            f"'{' '.join(words)}': no {flag} in its --help"
        )


@pytest.mark.example  # as above
def test_ci_runs_the_tests_of_the_example_required() -> None:
    # .ci/run, as the pull-request workflow: the tests that pin the example chronology fail, never
    # skip, should it be gone (tests/conftest.py).
    lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert "export CHRONOLOGY_REQUIRE_EXAMPLE=1" in lines
    assert lines.index("export CHRONOLOGY_REQUIRE_EXAMPLE=1") < lines.index("make test")
