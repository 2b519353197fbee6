"""The README's JavaScript example, run as written with node: Ajv 8 in strict
mode compiles the schema the documented way and validates a case file."""

from __future__ import annotations

import os
import re
import subprocess

import nodejs
from conftest import ROOT


def readme_example() -> str:
    """The one ```js block of the README's "From JavaScript (Ajv)" section."""
    readme = (ROOT / "docs" / "using-the-schema.md").read_text(encoding="utf-8")
    section = readme.split("### From JavaScript (Ajv)", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```js\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the section holds one JavaScript example"
    return blocks[0]


def _run(tmp_path, code: str) -> subprocess.CompletedProcess:
    script = tmp_path / "example.cjs"
    script.write_text(code, encoding="utf-8")
    # run from the repository root, as the example says; its packages come from tests/js
    env = dict(os.environ, NODE_PATH=str(nodejs.MODULES))
    return subprocess.run(["node", str(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_the_readme_example_validates_a_case(tmp_path):
    nodejs.require()
    done = _run(tmp_path, readme_example())
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_readme_example_reports_an_invalid_case(tmp_path):
    nodejs.require()
    bad = tmp_path / "bad.yaml"
    original = ROOT / "cases" / "peru" / "open-government-action-plan.yaml"
    bad.write_text(original.read_text(encoding="utf-8").replace("frequency: regular", "frequency: regularly").replace("co_governance: true", "co_governance: yes"), encoding="utf-8")
    code = readme_example().replace('"cases/peru/open-government-action-plan.yaml"', repr(str(bad)).replace("'", '"'))
    done = _run(tmp_path, code)
    assert done.returncode == 1, done
    assert "/institutional_design/frequency must be equal to one of the allowed values" in done.stdout
    assert "/institutional_design/co_governance must be equal to one of the allowed values" in done.stdout  # YAML 1.2: 'yes' is text


def test_the_example_declares_every_annotation_keyword_the_schema_uses():
    """Strict mode refuses a keyword it does not know: the example's list must
    hold every keyword of the schema that is not JSON Schema's own."""
    declared = set(re.findall(r'"([^"]+)"', readme_example().split("addVocabulary(", 1)[1].split(")", 1)[0]))
    from latinno_lint.schema import load_schema

    used = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key.startswith("x-") or key.startswith("markdown"):
                    used.add(key)
                elif key != "enum" and key != "const":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema())
    assert used == declared
