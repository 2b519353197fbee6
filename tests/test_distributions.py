"""What a release publishes, built as `python3 dev.py dist` builds it and
installed the way its users install it, each into a fresh consumer project:

- the npm package latinno-case-schema, from `require` and from `import`,
  compiled with Ajv in strict mode with the vocabulary docs/using-the-schema.md
  documents, validating a good and a bad case; its types under `tsc --strict`
  (module and moduleResolution nodenext) for a CommonJS (.cts) and an ES-module
  (.mts) consumer: a valid case compiles, a wrong code does not;
- the wheel in a fresh virtual environment, under `mypy --strict`: a valid
  case dict is accepted, a wrong code is not;
- `twine check` on the wheel and the sdist, and `cffconvert --validate` on
  CITATION.cff (cffconvert from its own lock, requirements/releases/).

The distributions are built once per session (conftest.python_distributions,
and the npm tarball below). The npm installs are offline: the tarball is
unpacked into the consumer's node_modules as npm would, beside the packages of
tests/js (Ajv, TypeScript) linked in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest
import yaml
from test_schema_javascript import readme_example

from latinno_lint.data import citation, export, typegen
from latinno_lint.schema import format_version

import nodejs
from conftest import ROOT, dev_module

CASES = sorted((ROOT / "cases").rglob("*.yaml"))
IN_CI = os.environ.get("CI", "").lower() in ("true", "1")


def case_data() -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in CASES]


def transnational() -> dict:
    case = dict(case_data()[0], id="a-transnational-case", country="transnational", countries=["PE", "BO"])
    case.pop("related", None)
    return case


def bad_case() -> dict:
    case = case_data()[0]
    case["institutional_design"] = dict(case["institutional_design"], frequency="regularly")
    return case


def documented_vocabulary() -> set:
    """The keywords docs/using-the-schema.md's Ajv example declares."""
    return set(re.findall(r'"([^"]+)"', readme_example().split("addVocabulary(", 1)[1].split(")", 1)[0]))


# --- the Python distributions ----------------------------------------------------


def test_twine_check_passes_on_the_wheel_and_the_sdist(python_distributions):
    paths = [str(python_distributions["wheel"]), str(python_distributions["sdist"])]
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *paths], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_build_is_reproducible(python_distributions, tmp_path):
    """Built again, the sdist and the wheel are the same bytes: every time in
    them is the last commit's (SOURCE_DATE_EPOCH)."""
    again = dev_module().build_python(Path(sys.executable), tmp_path)
    for path in again:
        first = python_distributions["wheel" if path.suffix == ".whl" else "sdist"]
        assert path.name == first.name and path.read_bytes() == first.read_bytes(), path.name


@pytest.fixture(scope="module")
def consumer_venv(python_distributions, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed and nothing else
    (its dependencies are not needed to type-check against it)."""
    env = tmp_path_factory.mktemp("consumer") / "venv"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check", "install", "--quiet", "--no-deps", str(python_distributions["wheel"])],
        check=True,
    )
    return python


def mypy(python: Path, folder: Path, code: str) -> subprocess.CompletedProcess:
    (folder / "consumer.py").write_text(code, encoding="utf-8")
    (folder / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")  # not this repository's settings
    command = [sys.executable, "-m", "mypy", "--python-executable", str(python), "--strict", "--no-incremental", "--config-file", "mypy.ini", "consumer.py"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300)


# What the schema rejects, each a case that a type checker must reject too, with
# words its error must hold: the wrong value where the checker names it.
REJECTED = {
    "wrong_code": (bad_case(), ["regularly"]),
    "wrong_country": ({**transnational(), "countries": ["PE", "XX"]}, []),
    "transnational_without_countries": ({k: v for k, v in transnational().items() if k != "countries"}, []),  # the schema's if/then
    "countries_of_a_national_case": ({**case_data()[0], "countries": ["PE", "BO"]}, []),  # ... and its else
    "unknown_key": ({**case_data()[0], "colour": "red"}, []),  # additionalProperties: false
}


def python_consumer(cases: dict) -> str:
    """One annotated assignment per case, each on a line of its own (line 3 on)."""
    return "from latinno_lint.types import Case\n\n" + "".join(f"{name}: Case = {case!r}\n" for name, case in cases.items())


def errors_by_line(output: str, pattern: str) -> dict[int, str]:
    """A checker's errors by line number (continuation lines joined to their error)."""
    found: dict[int, str] = {}
    line = 0
    for text in output.splitlines():
        match = re.match(pattern, text)
        if match:
            line = int(match[1])
            found[line] = found.get(line, "") + text + "\n"
        elif text.startswith(" ") and line:
            found[line] += text + "\n"
    return found


def test_mypy_strict_accepts_valid_case_dicts_from_the_installed_wheel(consumer_venv, tmp_path):
    cases = {f"case_{i}": case for i, case in enumerate([*case_data(), transnational()])}
    done = mypy(consumer_venv, tmp_path, python_consumer(cases))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def test_mypy_strict_rejects_what_the_schema_rejects(consumer_venv, tmp_path):
    done = mypy(consumer_venv, tmp_path, python_consumer({name: case for name, (case, _) in REJECTED.items()}))
    assert done.returncode == 1, done.stdout + done.stderr
    errors = errors_by_line(done.stdout, r"consumer\.py:(\d+): error:")
    for line, (name, (_case, words)) in enumerate(REJECTED.items(), start=3):
        assert line in errors, f"mypy accepts {name}: {done.stdout}"
        for word in words:
            assert word in errors[line], (name, errors[line])
    assert set(errors) == set(range(3, 3 + len(REJECTED))), done.stdout


# --- CITATION.cff ---------------------------------------------------------------


@pytest.fixture(scope="module")
def cffconvert(tmp_path_factory) -> Path:
    """cffconvert 2, from requirements/releases/: it asks for jsonschema<4, so it
    lives in an environment of its own. docopt has no wheel: everything else is
    installed first, then docopt is built with that setuptools."""
    lock = ROOT / "requirements" / "releases" / "cffconvert-2.0.0.txt"
    entries = re.split(r"\n(?=\S)", lock.read_text(encoding="utf-8").strip())
    folder = tmp_path_factory.mktemp("cffconvert")
    wheels, sources = folder / "wheels.txt", folder / "sources.txt"
    wheels.write_text("\n".join(e for e in entries if not e.startswith("docopt==")) + "\n", encoding="utf-8")
    sources.write_text("\n".join(e for e in entries if e.startswith("docopt==")) + "\n", encoding="utf-8")
    env = folder / "venv"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    base = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check", "install", "--quiet", "--no-deps", "--require-hashes"]
    for command in ([*base, "--only-binary", ":all:", "-r", str(wheels)], [*base, "--no-build-isolation", "-r", str(sources)]):
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            why = f"cffconvert could not be installed from {lock.relative_to(ROOT)}: {done.stderr.strip()[-500:]}"
            if IN_CI:
                pytest.fail(why)
            pytest.skip(why)
    return python.parent / ("cffconvert.exe" if os.name == "nt" else "cffconvert")


@pytest.mark.slow
def test_cffconvert_validates_the_citation(cffconvert, tmp_path):
    """CITATION.cff is valid Citation File Format 1.2.0 as cffconvert 2 reads it."""
    done = subprocess.run([str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid according to schema version 1.2.0" in done.stdout + done.stderr
    broken = tmp_path / "CITATION.cff"  # the validator does reject: without authors
    broken.write_text(re.sub(r"^authors:\n(?:- .*\n)+", "", (ROOT / "CITATION.cff").read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    assert "\nauthors:" not in broken.read_text(encoding="utf-8")
    done = subprocess.run([str(cffconvert), "--validate", "-i", str(broken)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0, done.stdout + done.stderr


def test_the_data_package_carries_the_same_citation():
    committed = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    descriptor = export.datapackage("cases.csv")
    assert descriptor["citation"] == committed == citation.citation()
    assert descriptor["sources"] == [{"title": "Pogrebinschi, Thamy. (2017). LATINNO Dataset. Berlin: WZB Berlin Social Science Center.", "path": "https://www.latinno.net"}]


# --- the npm package -------------------------------------------------------------


@pytest.fixture(scope="module")
def npm_tarball(tmp_path_factory) -> Path:
    nodejs.require("npm")
    return dev_module().build_npm(Path(sys.executable), tmp_path_factory.mktemp("npm"))


@pytest.fixture
def consumer(npm_tarball, tmp_path) -> Path:
    """A fresh project: the tarball unpacked into node_modules, as npm installs
    it, and the packages of tests/js (Ajv, TypeScript) linked beside it."""
    project = tmp_path / "consumer"
    modules = project / "node_modules"
    modules.mkdir(parents=True)
    (project / "package.json").write_text(json.dumps({"name": "consumer", "private": True}), encoding="utf-8")
    for package in nodejs.MODULES.iterdir():
        if not package.name.startswith("."):
            (modules / package.name).symlink_to(package, target_is_directory=True)
    with tarfile.open(npm_tarball) as archive:
        archive.extractall(project / "unpacked", filter="data")
    (project / "unpacked" / "package").rename(modules / typegen.NPM_NAME)
    return project


def node(project: Path, script: str, name: str, payload) -> dict:
    (project / name).write_text(script, encoding="utf-8")
    done = subprocess.run(["node", name], cwd=project, input=json.dumps(payload), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_tarball_is_the_package_the_generator_writes(npm_tarball):
    with tarfile.open(npm_tarball) as archive:
        files = {member.name.removeprefix("package/"): archive.extractfile(member).read().decode() for member in archive.getmembers() if member.isfile()}  # type: ignore[union-attr]
    assert files == typegen.npm_package()
    manifest = json.loads(files["package.json"])
    assert manifest["version"] == format_version() and npm_tarball.name == f"{typegen.NPM_NAME}-{format_version()}.tgz"
    assert files["case.schema.json"] == (ROOT / "schema" / "case.schema.json").read_text(encoding="utf-8")
    for condition in ("require", "import"):
        assert "types" in manifest["exports"]["."][condition], condition


def test_the_readme_compiles_with_the_documented_ajv_vocabulary():
    """The npm README's three lines declare the vocabulary that
    docs/using-the-schema.md documents."""
    readme = typegen.npm_package()["README.md"]
    [block] = re.findall(r"```js\n(const Ajv2020.*?)```", readme, re.S)
    assert block == typegen.ajv_example() and len(block.splitlines()) == 3
    declared = set(re.findall(r'"([^"]+)"', block.split("addVocabulary(", 1)[1].split(")", 1)[0]))
    assert declared == documented_vocabulary() == set(typegen.annotation_keywords())


REQUIRE = (
    typegen.ajv_example()
    + """
const payload = JSON.parse(require("fs").readFileSync(0, "utf8"));
const results = payload.map((data) => (validate(data) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`)));
const json = require("latinno-case-schema/case.schema.json");
console.log(JSON.stringify({ results, id: schema.$id, same: json === schema }));
"""
)

IMPORT = """import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { schema } from "latinno-case-schema";

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addVocabulary(VOCABULARY);
const validate = ajv.compile(schema);
const payload = JSON.parse(readFileSync(0, "utf8"));
const results = payload.map((data) => (validate(data) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`)));
const required = createRequire(import.meta.url)("latinno-case-schema").schema;
console.log(JSON.stringify({ results, id: schema.$id, same: required === schema }));
"""


@pytest.mark.parametrize("how", ["require", "import"])
def test_the_package_compiles_with_ajv_strict_and_validates(consumer, how):
    if how == "require":
        script, name = REQUIRE, "consumer.cjs"  # the README's three lines, as written
    else:
        script, name = IMPORT.replace("VOCABULARY", json.dumps(sorted(documented_vocabulary()))), "consumer.mjs"
    out = node(consumer, script, name, [*case_data(), transnational(), bad_case(), {k: v for k, v in transnational().items() if k != "countries"}])
    good, bad, no_countries = out["results"][: len(CASES) + 1], out["results"][-2], out["results"][-1]
    assert good == [[]] * (len(CASES) + 1)
    assert bad == ["/institutional_design/frequency must be equal to one of the allowed values"]
    assert "must have required property 'countries'" in " ".join(no_countries)
    assert out["id"] == f"urn:latinno-lint:schema:case:{format_version()}"
    assert out["same"] is True  # one schema object, whichever way it is loaded


def tsc(project: Path, source: str, extension: str) -> subprocess.CompletedProcess:
    name = f"consumer.{extension}"
    (project / name).write_text(source, encoding="utf-8")
    config = {"compilerOptions": {"strict": True, "module": "nodenext", "moduleResolution": "nodenext", "noEmit": True, "types": [], "listFiles": True}, "files": [name]}
    (project / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    compiler = project / "node_modules" / "typescript" / "bin" / "tsc"
    return subprocess.run(["node", str(compiler), "-p", "tsconfig.json"], cwd=project, capture_output=True, text=True, timeout=300)


def typescript_consumer(cases: dict) -> str:
    """One annotated constant per case, each on a line of its own (line 4 on), and the schema's $id."""
    head = 'import { schema } from "latinno-case-schema";\nimport type { Case } from "latinno-case-schema";\n\n'
    body = "".join(f"export const {name}: Case = {json.dumps(case, ensure_ascii=False)};\n" for name, case in cases.items())
    return head + body + f'export const id: "urn:latinno-lint:schema:case:{format_version()}" = schema.$id;\n'


@pytest.mark.parametrize("extension, declarations", [("cts", "index.d.cts"), ("mts", "index.d.mts")])
def test_tsc_strict_accepts_valid_cases_and_rejects_what_the_schema_rejects(consumer, extension, declarations):
    """One compilation: the valid cases first (no error on their lines), then
    each rejected case on its line, with an error there."""
    valid = {f"case_{i}": case for i, case in enumerate([*case_data(), transnational()])}
    done = tsc(consumer, typescript_consumer({**valid, **{name: case for name, (case, _) in REJECTED.items()}}), extension)
    assert done.returncode != 0, done.stdout
    errors = errors_by_line(done.stdout, rf"consumer\.{extension}\((\d+),\d+\): error TS")
    first = 4 + len(valid)
    assert min(errors) >= first, f"tsc rejects a valid case: {done.stdout}"
    for line, (name, (_case, words)) in enumerate(REJECTED.items(), start=first):
        assert line in errors, f"tsc accepts {name}: {done.stdout}"
        for word in words:
            assert f'"{word}"' in errors[line], (name, errors[line])
    assert set(errors) == set(range(first, first + len(REJECTED))), done.stdout
    # each kind of consumer reads the types of its own condition (require, import)
    read = {Path(line).name for line in done.stdout.splitlines() if typegen.NPM_NAME in line}
    assert read == {declarations}, done.stdout


def test_the_docs_install_the_current_format_from_npm():
    page = (ROOT / "docs" / "using-the-schema.md").read_text(encoding="utf-8")
    assert f"npm install {typegen.NPM_NAME}@{format_version()}" in page
    assert "pip install latinno-lint" in page
