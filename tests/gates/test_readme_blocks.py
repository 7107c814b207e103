"""Every fenced code block in README.md and in the Markdown pages under docs/ runs as written, so
the documentation can't drift from the code.

- ```python blocks run as standalone scripts, one subprocess each (at most two at a time), in a
  fresh folder holding a copy of the repository files the block names, with the test
  environment's JSII variables, this checkout first on ``PYTHONPATH`` and no AWS credentials.
  A block that builds an ``App`` must synthesize it: the cloud assembly has stacks with
  resources, the validation report holds nothing but the end-of-support warning ``W3696``, any
  construct warning is one the block's section mentions by id, and stderr holds nothing but the
  W3696 report. ``mypy``, with the
  repository's configuration, passes over all of them at once (each block a module), so a
  typed project can copy them.
- ```bash blocks: each command runs the way the page writes it, after ``source
  .venv/bin/activate`` (emulated by putting .venv/bin first on PATH), in such a folder
  (``cdk.out/`` is the app with every stack, ``-c legacyPinpoint=true``, synthesized once per
  session), except the commands in ``NOT_RUN``, each with the reason it can't run here and a
  check of what it references.
- ```json blocks must parse; unlabelled blocks are text, except the Layout block, whose paths
  must exist. Any other language fails until a runner is added here.

New pages and sections are picked up automatically; a failure names the file, the section, the
block's line and the tail of stderr. This is the only test that runs every block; don't add
another runner for a page (tests that assert what a particular block builds, such as
tests/unit/test_retire_doc.py, are about that block's content, not its running).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
README = REPO_ROOT / "README.md"
#: Every page whose blocks run: the front page and the documentation site's pages.
PAGES = [README, *sorted((REPO_ROOT / "docs").rglob("*.md"))]
VENV_BIN = Path(sys.executable).parent
WORKERS = 2  # the CI machine has two cores
TIMEOUT = 600


@dataclass(frozen=True)
class Block:
    page: str  # the file, relative to the repository root
    heading: str
    index: int  # 1-based, within the section
    line: int  # the page's line of the opening fence
    lang: str
    code: str
    section: str  # the section's whole text (prose and blocks)

    @property
    def id(self) -> str:
        return f"{self.page}:{self.heading}#{self.index}(line {self.line})"

    def where(self) -> str:
        return f"{self.page} line {self.line}, section {self.heading!r}, block {self.index}"


def readme_blocks(text: str, page: str = "README.md") -> list[Block]:
    """The fenced blocks of ``text``, each with its nearest heading and index under it."""
    blocks: list[Block] = []
    lines = text.splitlines()
    heading, counts, sections = "(top)", {}, {}
    fence: tuple[int, str] | None = None
    body: list[str] = []
    for number, line in enumerate(lines, start=1):
        if fence is None and line.startswith("#"):
            heading = line.lstrip("#").strip()
        sections.setdefault(heading, []).append(line)
        if fence is None and line.startswith("```"):
            fence, body = (number, line[3:].strip()), []
        elif fence is not None and line.startswith("```"):
            counts[heading] = counts.get(heading, 0) + 1
            counted = (heading, counts[heading], fence[0], fence[1], "\n".join(body), "")
            blocks.append(Block(page, *counted))
            fence = None
        elif fence is not None:
            body.append(line)
    return [
        Block(b.page, b.heading, b.index, b.line, b.lang, b.code, "\n".join(sections[b.heading]))
        for b in blocks
    ]


BLOCKS = [
    block
    for page in PAGES
    for block in readme_blocks(page.read_text(), str(page.relative_to(REPO_ROOT)))
]
PYTHON = [b for b in BLOCKS if b.lang == "python"]
BASH = [b for b in BLOCKS if b.lang in {"bash", "sh", "shell"}]
OTHER = [b for b in BLOCKS if b not in PYTHON and b not in BASH]

# --- the environment a user's shell would have, without AWS credentials ----------------------


def user_env(workspace: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CDK_"))}
    env["PATH"] = os.pathsep.join([str(VENV_BIN), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(VENV_BIN.parent)
    # This checkout's package, whatever the environment has installed (dev.py installs it
    # editable; a virtual environment shared between checkouts may hold another one).
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    env.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    env.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    missing = str(workspace / "no-aws-config")
    env.update(
        AWS_CONFIG_FILE=missing,
        AWS_SHARED_CREDENTIALS_FILE=missing,
        AWS_EC2_METADATA_DISABLED="true",
        CDK_OUTDIR=str(workspace / "readme.out"),
        # What `cdk synth` passes an app: cdk.json's context, the feature flags `cdk init` sets.
        CDK_CONTEXT_JSON=json.dumps(json.loads((REPO_ROOT / "cdk.json").read_text())["context"]),
        CDK_DISABLE_CLI_TELEMETRY="true",
    )
    return env


PATH_LIKE = re.compile(
    r"(?<![\w/:.-])((?:[\w.-]+/)*[\w.-]+\.(?:html|jsonl|json|csv|txt|py|ya?ml|gz))\b"
)
#: A relative folder path such as ``examples/codegen/export`` (copied whole when it exists).
FOLDER_LIKE = re.compile(r"(?<![\w/:.-])((?:[\w.-]+/)+[\w.-]*)")


def prepare_workspace(block: Block, workspace: Path, cdk_out: Path | None) -> None:
    """Copy into ``workspace`` the repository files ``block`` names (with the rest of their
    folder, e.g. a template's HTML file next to it); ``cdk.out/...`` comes from ``cdk_out``."""
    workspace.mkdir(parents=True, exist_ok=True)
    for name in PATH_LIKE.findall(block.code):
        if name.startswith("cdk.out/") and cdk_out is not None:
            if not (workspace / "cdk.out").exists():
                shutil.copytree(cdk_out, workspace / "cdk.out")
            continue
        source = REPO_ROOT / name
        if not source.is_file():
            continue  # an output the block writes, or a file it fails on (its run says so)
        target = workspace / name
        if source.parent == REPO_ROOT:
            shutil.copy(source, target)
        else:
            shutil.copytree(source.parent, target.parent, dirs_exist_ok=True)
    for name in FOLDER_LIKE.findall(block.code):
        source = REPO_ROOT / name.rstrip("/")
        if name.startswith(("cdk.out", ".")) or not source.is_dir():
            continue
        shutil.copytree(source, workspace / name.rstrip("/"), dirs_exist_ok=True)


def tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --- ```python blocks ---------------------------------------------------------------------

#: One warning of aws-cdk-lib's validation report on stderr (W3696 per Pinpoint resource, and
#: construct warnings): the message, indented lines, then the id to acknowledge it with.
REPORTED_WARNING = re.compile(r"WARNING .*?\n(?:   .*\n)*?   Acknowledge with '([^']+)'\n\n?")
REPORT_COPY = re.compile(r"A copy of this report can be found in: .*\n?")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    workspace: Path


def run_python_block(block: Block, workspace: Path) -> Run:
    prepare_workspace(block, workspace, None)
    script = workspace / "readme_block.py"
    script.write_text(block.code + "\n")
    result = subprocess.run(
        [sys.executable, script.name],
        cwd=workspace,
        env=user_env(workspace),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    # Tracebacks name the script's lines; say which lines of the page they are.
    stderr = re.sub(
        r'(File "[^"]*readme_block\.py", line )(\d+)',
        lambda m: f"{m[0]} ({block.page} line {block.line + int(m[2])})",
        result.stderr,
    )
    return Run(result.returncode, result.stdout, stderr, workspace)


@pytest.fixture(scope="module")
def python_runs(request, tmp_path_factory):
    """Start every selected python block, two subprocesses at a time; tests wait for theirs."""
    selected = {
        item.callspec.params["block"]
        for item in request.session.items
        if item.originalname == "test_python_block" and hasattr(item, "callspec")
    }
    futures: dict[Block, Future[Run]] = {}
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for block in PYTHON:
            if block in selected:
                workspace = tmp_path_factory.mktemp(f"readme-python-{block.line}")
                futures[block] = pool.submit(run_python_block, block, workspace)
        yield futures


def expected_warning(block: Block):
    """A substitution for REPORTED_WARNING: drops W3696 and warnings whose id the block's
    section mentions, keeps the others."""

    def substitute(match: re.Match[str]) -> str:
        return "" if explained(match[1], block) else match[0]

    return substitute


def explained(rule: str, block: Block) -> bool:
    """The end-of-support warning, or a warning the block's section names."""
    rule = rule.removeprefix("Annotation::").removeprefix("CloudFormation-Validate::")
    return rule == "W3696" or rule in block.section


def construct_warnings(outdir: Path) -> list[tuple[str, str]]:
    """(construct path, message) of every warning in the cloud assembly's metadata."""
    found = []
    for metadata in outdir.glob("*.metadata.json"):
        for path, entries in json.loads(metadata.read_text()).items():
            found += [(path, e["data"]) for e in entries if e["type"] == "aws:cdk:warning"]
    return found


@pytest.mark.parametrize("block", PYTHON, ids=[b.id for b in PYTHON])
def test_python_block(block: Block, python_runs) -> None:
    run = python_runs[block].result()
    where = block.where()
    assert run.returncode == 0, (
        f"{where} exits with {run.returncode}:\n{tail(run.stderr) or tail(run.stdout)}"
    )
    stderr = REPORT_COPY.sub("", REPORTED_WARNING.sub(expected_warning(block), run.stderr))
    assert not stderr.strip(), (
        f"{where} prints to stderr (beyond W3696 and the warnings its section explains):\n"
        f"{tail(stderr)}"
    )
    if "App(" not in block.code:
        return  # not a CDK app: running cleanly is the check
    outdir = run.workspace / "readme.out"
    assert (outdir / "manifest.json").is_file(), f"{where} builds an App but never synthesizes it"
    templates = list(outdir.glob("*.template.json"))
    assert templates, f"{where} synthesizes no stack"
    for template in templates:
        resources = json.loads(template.read_text()).get("Resources", {})
        assert resources, f"{where}: {template.name} has no resources"
    report = outdir / "validation-report.json"
    if report.is_file():
        for plugin in json.loads(report.read_text())["pluginReports"]:
            rules = {v["ruleName"] for v in plugin["violations"]}
            other = sorted(r for r in rules if not explained(r, block))
            assert not other, f"{where}: {plugin['pluginName']} reports {other}"
    for path, message in construct_warnings(outdir):
        ids = re.findall(r"\[ack: ([^\]]+)\]", message)
        assert ids and all(i in block.section for i in ids), (
            f"{where}: warning on {path} that its section doesn't mention: {message}"
        )


def test_python_blocks_pass_mypy(tmp_path: Path) -> None:
    """mypy, with the repository's configuration, over every python block at once (each block
    a module of its own), so a typed project can copy them. It runs from the repository root,
    with the root first on its path, so it checks against this checkout's package, and it shares
    ``.mypy_cache`` with the package's own mypy gate (aws-cdk-lib is analysed once)."""
    modules: dict[str, Block] = {}
    for block in PYTHON:
        name = re.sub(r"\W", "_", f"{block.page}_line{block.line}")
        modules[name] = block
        (tmp_path / f"{name}.py").write_text(block.code + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "pyproject.toml", str(tmp_path)],
        cwd=REPO_ROOT,
        env={**os.environ, "MYPYPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )

    def page_line(match: re.Match[str]) -> str:
        block = modules[match[1]]
        return f"{block.page} line {block.line + int(match[2])}"

    report = re.sub(r"[^\s:]*?(\w+)\.py:(\d+)", page_line, result.stdout)
    assert result.returncode == 0, f"mypy fails on the documentation's python blocks:\n{report}"


# --- ```bash blocks -----------------------------------------------------------------------

#: Commands the gate does not run, by prefix, with the reason; each is checked otherwise below.
NOT_RUN = {
    "python3 dev.py synth": "the quick start: CI runs `python3 dev.py test`, which sets up the "
    "same way, and tests/gates/test_cdk_cli.py runs the same `cdk synth`",
    "python3 dev.py test": "the quick start: it is CI's own command (.ci/run)",
    "source .venv/bin/activate": "emulated: the commands after it run with .venv/bin on PATH",
    "npx cdk bootstrap": "needs an AWS account; checked: the pinned CDK CLI is installed",
    "npx cdk deploy": "needs an AWS account; checked: its -c context keys are read by the "
    "default stacks (test_deploy_context_keys_reach_the_templates)",
    "aws pinpoint get-": "exports from an AWS account; checked: examples/codegen/export/ holds "
    "responses in that shape and the page's next command runs the importer on them",
    "aws pinpoint list-": "needs an AWS account; checked: tests/unit/test_retire_doc.py finds "
    "each of the retire page's commands in botocore's Pinpoint model",
    "aws pinpoint delete-": "deletes in an AWS account; checked as the list- commands are",
    "cdk diff Engagement": "the retire page's deploys need an AWS account; checked: "
    "tests/unit/test_retire_doc.py synthesizes both of the page's apps and asserts what each "
    "deploy would change",
    "cdk deploy Engagement": "needs an AWS account; checked as `cdk diff Engagement` is",
    "aws secretsmanager create-secret": "needs an AWS account; checked: the secret names are "
    "the defaults of the context keys the default app reads them from "
    "(test_deploy_context_keys_reach_the_templates)",
    "npx cdk synth -c legacyPinpoint=true": "the full_app fixture synthesizes the same app "
    "(every stack) for the gates, and tests/gates/test_cdk_cli.py runs the CLI's `cdk synth`",
    "pip install .": "installs into the environment running the tests; "
    "tests/gates/test_installed_wheel.py installs the built wheel into a fresh one instead",
    "pip install -e .": "the same; dev.py installs the clone this way (`pip install -e .[dev]`)",
    "python -m build": "tests/gates/test_installed_wheel.py runs it, installs the wheel into a "
    "fresh virtual environment and synthesizes the examples from it",
    "cdk synth": "the first app's commands: tests/gates/test_first_app.py runs them, with the "
    "pinned CDK CLI, in a folder holding the page's cdk.json and app.py",
    "cp cdk.out/Messaging.template.json": "the first app's commands (test_first_app.py)",
    "cdk diff --template": "the first app's commands (test_first_app.py)",
}


@dataclass(frozen=True)
class Command:
    block: Block
    line: int
    text: str


def bash_commands(block: Block) -> list[Command]:
    """The block's commands: continuation lines joined, comments dropped."""
    commands: list[Command] = []
    pending, start = "", 0
    for offset, raw in enumerate(block.code.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not pending:
            start = block.line + offset
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        text = (pending + line).strip()
        pending = ""
        if text:
            commands.append(Command(block, start, text))
    return commands


COMMANDS = [command for block in BASH for command in bash_commands(block)]
RUN = [c for c in COMMANDS if not any(c.text.startswith(p) for p in NOT_RUN)]
SKIPPED = [c for c in COMMANDS if c not in RUN]


def test_bash_commands_not_run_are_the_allow_list() -> None:
    """Each allow-listed command is still in the README (drop stale entries)."""
    used = {p for p in NOT_RUN if any(c.text.startswith(p) for c in SKIPPED)}
    assert used == set(NOT_RUN), f"NOT_RUN entries no README command uses: {set(NOT_RUN) - used}"


def test_the_commands_not_run_reference_what_exists() -> None:
    assert '".venv"' in (REPO_ROOT / "dev.py").read_text(), "dev.py no longer creates .venv"
    assert (REPO_ROOT / "node_modules" / ".bin" / "cdk").is_file(), "npx cdk: the CLI is missing"
    assert (REPO_ROOT / "dev.py").is_file()
    name = re.search(r'^name = "([^"]+)"', (REPO_ROOT / "pyproject.toml").read_text(), re.M)
    assert name, "pyproject.toml names no project"
    # The package is not on PyPI until a release is published: no page may say otherwise.
    from_index = [c.text for c in COMMANDS if re.search(rf"pip install {name[1]}\b", c.text)]
    assert not from_index, f"pages install {name[1]} from the package index: {from_index}"
    assert any(c.text.startswith("pip install .") for c in SKIPPED)
    # The secrets a deploy needs first are the ones the default app reads by default.
    from stacks import CONTEXT_KEYS

    created = {
        m[1] for c in SKIPPED for m in [re.search(r"create-secret --name (\S+)", c.text)] if m
    }
    read = {CONTEXT_KEYS[k].default for k in ("apnsTokenKeySecret", "fcmServiceJsonSecret")}
    assert created == read, f"the pages create {created}, the default app reads {read}"


@pytest.mark.parametrize("command", RUN, ids=[f"{c.block.heading}(line {c.line})" for c in RUN])
def test_bash_command(command: Command, full_app, tmp_path: Path) -> None:
    block = command.block
    where = f"{block.page} line {command.line}, section {block.heading!r}: {command.text}"
    run_bash_command(command, where, tmp_path, full_app.outdir)


#: examples/README.md: its commands run as written too (from the repository root, as it says).
EXAMPLES_README = REPO_ROOT / "examples" / "README.md"
EXAMPLE_COMMANDS = [
    command
    for block in readme_blocks(EXAMPLES_README.read_text())
    if block.lang in {"bash", "sh", "shell"}
    for command in bash_commands(block)
]


@pytest.mark.parametrize(
    "command", EXAMPLE_COMMANDS, ids=[f"examples(line {c.line})" for c in EXAMPLE_COMMANDS]
)
def test_examples_readme_command(command: Command, tmp_path: Path) -> None:
    where = f"examples/README.md line {command.line}: {command.text}"
    run_bash_command(command, where, tmp_path, None)


def run_bash_command(command: Command, where: str, workspace: Path, cdk_out: Path | None) -> None:
    """Run ``command`` in ``workspace`` (with the files it names copied in): it must exit 0
    and write each ``--out`` file it names."""
    block = Block(
        command.block.page, command.block.heading, 0, command.line, "bash", command.text, ""
    )
    prepare_workspace(block, workspace, cdk_out)
    result = subprocess.run(
        ["bash", "-c", command.text],
        cwd=workspace,
        env=user_env(workspace),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"{where}\nexits {result.returncode}:\n{tail(result.stderr)}"
    for output in re.findall(r"--out(?:put)?[ =](\S+)", command.text):
        written = workspace / output
        assert written.is_file() and written.stat().st_size, f"{where}\nwrites nothing to {output}"
    for script in re.findall(r"^python3? (\S+\.py)\b", command.text):
        if "App(" in (REPO_ROOT / script).read_text():  # a CDK app: it synthesizes a stack
            outdir = workspace / "readme.out"  # CDK_OUTDIR in user_env
            assert list(outdir.glob("*.template.json")), f"{where}\nsynthesizes no stack"


DEFAULT_APP_PAGE = REPO_ROOT / "docs" / "default-app.md"


def context_table() -> dict[str, str]:
    """The default-app page's context keys and their documented defaults (``none``: empty)."""
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \|", DEFAULT_APP_PAGE.read_text(), re.M)
    return {
        key: "" if default == "none" else default.strip("`")
        for key, default in rows
        if key[0].islower()
    }


def test_the_context_key_table_is_the_apps() -> None:
    """Every key the default app reads is documented with its default, and no other."""
    from stacks import CONTEXT_KEYS

    assert context_table() == {key: spec.default for key, spec in CONTEXT_KEYS.items()}


def test_deploy_context_keys_reach_the_templates(tmp_path: Path) -> None:
    """`cdk deploy -c key=value`: each documented key (and the page's example values) changes
    the synthesized templates; the flags are true/false."""
    import aws_cdk as cdk

    from stacks import add_default_stacks, cdk_json_context

    table = context_table()
    flags = {"pushChannels": "true", "legacyPinpoint": "true"}
    values = {
        "appName": "my-project",  # the page's deploy example
        "emailIdentity": "example.org",
        "apnsBundleId": "org.example.app",
        "apnsTeamId": "TEAM123456",
        "apnsKeyId": "KEY1234567",
        "apnsTokenKeySecret": "docs/apns-token-key",
        "fcmServiceJsonSecret": "docs/fcm-service-json",
        "fromAddress": "Docs <news@example.org>",
        "smsSenderId": "DocsCo",
        "webhookUrl": "https://hooks.docs.example.org/pinpoint",
        "alarmEmail": "alarms@docs.example.org",
        "connectInstanceArn": "arn:aws:connect:us-east-1:111122223333:instance/"
        "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        "connectSmsPhoneNumberArn": "arn:aws:sms-voice:us-east-1:111122223333:phone-number/"
        "phone-0123456789abcdef0123456789abcdef",
        "connectEmailAddress": "news@docs.example.org",
    }
    # The keys that matter only when the instance and the number are created (no
    # connectInstanceArn / connectSmsPhoneNumberArn): a second synth, without those two.
    when_created = {"connectInstanceAlias": "docs-example-news", "connectPhoneCountry": "CA"}
    assert set(values) | set(when_created) | set(flags) == set(table), (
        f"context keys changed: {sorted(table)}"
    )
    assert all(table[flag] in {"true", "false"} for flag in flags)
    deploy = next(c.text for c in SKIPPED if c.text.startswith("npx cdk deploy"))
    for key, value in re.findall(r"-c (\w+)=(\S+)", deploy):
        assert values.get(key) == value, f"{deploy}: -c {key} is not a documented key"
    imported = ("connectInstanceArn", "connectSmsPhoneNumberArn")
    templates = []
    for number, given in enumerate(
        [values, {k: v for k, v in values.items() if k not in imported} | when_created]
    ):
        context = {**cdk_json_context(), **given, **flags}
        app = cdk.App(context=context, outdir=str(tmp_path / str(number)))
        stacks = add_default_stacks(app, nag=False)
        assembly = app.synth()
        templates += [assembly.get_stack_by_name(s.stack_name).template for s in stacks]
    text = json.dumps(templates)
    values = {**values, **when_created}
    for key, value in values.items():
        assert value != table[key], f"-c {key}: use a value other than the default here"
        assert json.dumps(value)[1:-1] in text, f"-c {key}={value} does not reach any template"


# --- other blocks -------------------------------------------------------------------------


@pytest.mark.parametrize("block", OTHER, ids=[b.id for b in OTHER])
def test_other_block(block: Block) -> None:
    if block.lang == "json":
        json.loads(block.code)
    elif block.lang == "" and block.heading == "Layout":
        parent = ""
        for line in block.code.splitlines():
            if len(line) - len(line.lstrip()) > 2:
                continue  # a description's continuation line, not an entry
            name = line.split()[0]
            path = (parent + name) if line.startswith(" ") else name
            if not line.startswith(" "):
                parent = name if name.endswith("/") else ""
            assert (REPO_ROOT / path).exists(), f"{block.where()}: {path} does not exist"
    elif block.lang != "":
        pytest.fail(f"{block.where()}: no runner for ```{block.lang} blocks in this test")
