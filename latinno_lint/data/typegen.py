"""The types of a case, generated from the schema for other projects: Python
TypedDicts (``latinno_lint/types.py``) and TypeScript declarations (the npm
package ``latinno-case-schema``), and the rest of that npm package.

One walk over the schema (:func:`declarations`) turns it into named types; two
emitters write them out (:func:`python_module`, :func:`typescript`), so that
the two languages cannot disagree. The codes come from
:mod:`latinno_lint.vocabulary`; the keys, which of them are required, the lists
and the objects from the schema itself:

- every ``$defs`` entry and every object or list of codes is a named type;
- a list of codes is a union of literals (``Literal[...]``, ``"a" | "b"``);
- an optional key is ``NotRequired`` (``key?:``); ``additionalProperties:
  false`` is what TypedDicts and TypeScript's object literals check anyway;
- the root's ``if``/``then``/``else`` ("a key with this code requires that
  key, any other code forbids it": ``country: transnational`` and
  ``countries``) makes ``Case`` a union of two types, one for each branch.
  Another shape of ``if`` is refused (:class:`TypegenError`), so a schema
  change that the types cannot follow fails its drift test.

What types cannot say (patterns, lengths, year ranges, unique items, the
least number of items) only a validator checks. Nothing here prints;
``python3 dev.py generate`` writes the committed files (:func:`committed`)
and ``python3 dev.py dist`` the npm package (:func:`npm_package`).
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

from .. import vocabulary
from ..schema import schema, schema_text
from . import citation

NPM_NAME = "latinno-case-schema"
PYTHON_MODULE = "latinno_lint/types.py"
ROOT_NAME = "Case"
# the command that writes the committed files, named in their headers
COMMAND = "python3 dev.py generate"


class TypegenError(ValueError):
    """The schema uses a construct that the generated types cannot express."""


# --- the walk: the schema to named types -------------------------------------


@dataclass(frozen=True)
class Prim:
    name: str  # string, integer, number or boolean


@dataclass(frozen=True)
class Ref:
    name: str  # a declared type


@dataclass(frozen=True)
class Literals:
    values: tuple


@dataclass(frozen=True)
class Array:
    item: object


@dataclass(frozen=True)
class Union:
    members: tuple


@dataclass(frozen=True)
class Prop:
    key: str
    type: object
    required: bool
    doc: str


@dataclass(frozen=True)
class Obj:
    props: tuple
    base: str = ""  # the declared object whose keys this one has too


@dataclass
class Decl:
    name: str
    type: object
    doc: str


def pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def _doc(node: dict) -> str:
    title, description = node.get("title", ""), node.get("description", "")
    return f"{title}: {description}" if title and description else title or description


class _Walk:
    def __init__(self, root: dict):
        self.root = root
        self.decls: dict[str, Decl] = {}
        self.codes = {id(node): codes for _where, node, codes in vocabulary.code_lists(root)}

    def declare(self, name: str, node: dict, build) -> Ref:
        if name not in self.decls:
            self.decls[name] = Decl(name, None, node_doc(node, self.codes.get(id(node), ())))
            self.decls[name].type = build()
        return Ref(name)

    def define(self, name: str) -> Ref:
        node = self.root["$defs"][name]
        return self.declare(pascal(name), node, lambda: self.type_of(node, pascal(name), named=True))

    def type_of(self, node, hint: str, named: bool = False):
        """The type of a schema node; ``hint`` names it when it is declared."""
        if node is True:
            return Prim("unknown")
        ref = node.get("$ref", "")
        if ref:
            if not ref.startswith("#/$defs/"):
                raise TypegenError(f"{hint}: a $ref outside the schema's $defs ({ref})")
            return self.define(ref[len("#/$defs/") :])
        if id(node) in self.codes:
            literals = Literals(tuple(code.value for code in self.codes[id(node)]))
            return literals if named else self.declare(hint, node, lambda: literals)
        if "enum" in node or "const" in node:
            raise TypegenError(f"{hint}: values listed without {vocabulary.CODES_KEYWORD}")
        kind = node.get("type")
        if kind == "object":
            return self.declare(hint, node, lambda: self.object_of(node, hint)) if not named else self.object_of(node, hint)
        if kind == "array":
            items = node.get("items", True)
            return Array(self.type_of(items, hint + ("Code" if isinstance(items, dict) and id(items) in self.codes else "Item")))
        if kind in ("string", "integer", "number", "boolean"):
            return Prim(kind)
        raise TypegenError(f"{hint}: no type the generated types know ({json.dumps(node)[:80]})")

    def object_of(self, node: dict, hint: str, leave_out: tuple = ()) -> Obj:
        if node.get("additionalProperties") is not False:
            raise TypegenError(f"{hint}: an object that allows other keys")
        required = set(node.get("required", ()))
        props = []
        for key, sub in node.get("properties", {}).items():
            if key in leave_out:
                continue
            props.append(Prop(key, self.type_of(sub, pascal(key)), key in required, _doc(sub) if isinstance(sub, dict) else ""))
        return Obj(tuple(props))


def node_doc(node: dict, codes: tuple) -> str:
    doc = _doc(node)
    old = [f"{code.value!r} (replaced by {code.replaced_by!r})" if code.replaced_by is not None else repr(code.value) for code in codes if code.deprecated]
    if old:
        doc += f" Deprecated: {', '.join(old)}."
    return doc


def _conditional(root: dict) -> tuple[str, object, str] | None:
    """(key, value, other key) for the root's "``key`` is ``value`` requires
    ``other``, any other value forbids it", or None when there is no ``if``."""
    if "if" not in root:
        return None
    shape = f"the root's if/then/else must read 'key K const V requires key R, otherwise forbids R', not {json.dumps({k: root.get(k) for k in ('if', 'then', 'else')})[:200]}"
    condition, then, otherwise = root.get("if"), root.get("then"), root.get("else")
    if not (isinstance(condition, dict) and isinstance(then, dict) and isinstance(otherwise, dict)):
        raise TypegenError(shape)
    try:
        [(key, test)] = condition["properties"].items()
        value = test["const"]
        [other] = then["required"]
        negated = otherwise["not"]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise TypegenError(shape) from error
    if condition.get("required") != [key] or set(test) != {"const"} or negated.get("required") != [other] or set(then) - {"properties", "required"} or set(otherwise) != {"not"}:
        raise TypegenError(shape)
    return key, value, other


def declarations(root: dict | None = None) -> list[Decl]:
    """The named types of a case, each after the types it uses, ``Case`` last."""
    root = schema() if root is None else root
    walk = _Walk(root)
    conditional = _conditional(root)
    if conditional is None:
        walk.declare(ROOT_NAME, root, lambda: walk.object_of(root, ROOT_NAME))
    else:
        key, value, other = conditional
        required = set(root.get("required", ()))
        fields_name, branch = f"{ROOT_NAME}Fields", f"{pascal(str(value))}{ROOT_NAME}"
        walk.decls[fields_name] = Decl(fields_name, walk.object_of(root, fields_name, leave_out=(key, other)), f"The keys every {root.get('title', 'case')} may have, whatever its {key}.")
        other_type = walk.type_of(root["properties"][other], pascal(other))
        values = walk.type_of(root["properties"][key], pascal(key))
        declared = walk.decls[values.name].type if isinstance(values, Ref) else None
        codes = declared.values if isinstance(declared, Literals) else ()
        rest = tuple(c for c in codes if c != value)
        same = next((d.name for d in walk.decls.values() if isinstance(d.type, Literals) and d.type.values == rest), None)
        if not rest or len(rest) == len(codes):
            raise TypegenError(f"the root's if names {key}: {value!r}, which is not one of {key}'s codes")
        rest_type = Ref(same) if same else Literals(rest)

        def prop(k: str, t: object, req: bool) -> Prop:
            return Prop(k, t, req, _doc(root["properties"][k]))

        branch_doc = f"A case whose {key} is {value!r}: it names its {other}."
        walk.decls[branch] = Decl(branch, Obj((prop(key, Literals((value,)), key in required), prop(other, other_type, True)), base=fields_name), branch_doc)
        not_branch = f"Non{branch}"
        absent = Prop(other, Prim("never"), False, f"Only a case whose {key} is {value!r} has {other}.")
        walk.decls[not_branch] = Decl(not_branch, Obj((prop(key, rest_type, key in required), absent), base=fields_name), f"A case whose {key} is not {value!r}: it has no {other}.")
        walk.decls[ROOT_NAME] = Decl(ROOT_NAME, Union((Ref(branch), Ref(not_branch))), f"{root.get('title', 'A case')}: a {branch} or a {not_branch}, by its {key}.")
    return _ordered(walk.decls)


def _refs(kind) -> list[str]:
    if isinstance(kind, Ref):
        return [kind.name]
    if isinstance(kind, Array):
        return _refs(kind.item)
    if isinstance(kind, Union):
        return [name for member in kind.members for name in _refs(member)]
    if isinstance(kind, Obj):
        return ([kind.base] if kind.base else []) + [name for p in kind.props for name in _refs(p.type)]
    return []


def _ordered(decls: dict[str, Decl]) -> list[Decl]:
    """Every declaration after the ones it uses (Python evaluates aliases at import)."""
    done: dict[str, Decl] = {}

    def visit(name: str) -> None:
        if name in done:
            return
        for used in _refs(decls[name].type):
            visit(used)
        done[name] = decls[name]

    for name in decls:
        visit(name)
    return list(done.values())


# --- Python ------------------------------------------------------------------


def _py(kind) -> str:
    if isinstance(kind, Prim):
        return {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "unknown": "object"}[kind.name]
    if isinstance(kind, Ref):
        return kind.name
    if isinstance(kind, Literals):
        return f"Literal[{', '.join(json.dumps(v) if isinstance(v, str) else repr(v) for v in kind.values)}]"
    if isinstance(kind, Array):
        return f"list[{_py(kind.item)}]"
    if isinstance(kind, Union):
        return " | ".join(_py(m) for m in kind.members)
    raise TypegenError(f"no Python type for {kind!r}")


def _comment(text: str, indent: str = "") -> list[str]:
    return [indent + "# " + line for line in textwrap.wrap(text, 100 - len(indent), break_on_hyphens=False)] if text else []


def python_module(root: dict | None = None) -> str:
    """The text of ``latinno_lint/types.py``."""
    root = schema() if root is None else root
    lines = [
        f'"""The types of a LATINNO case (format {root["x-latinno-format-version"]}), for type checkers:',
        "",
        "    from latinno_lint.types import Case",
        "",
        '    case: Case = {"id": "x", "name": "X", "country": "PE", "description": "...", "means": ["deliberation"]}',
        "",
        "The codes are ``Literal`` types and the optional keys ``NotRequired``, so that",
        "mypy or pyright reject a wrong code or key; what types cannot say (patterns,",
        "lengths, year ranges, unique items) only the schema's validator checks.",
        "",
        f"Generated from schema/case.schema.json ({root['$id']}) by ``{COMMAND}``",
        "(latinno_lint/data/typegen.py, which writes the npm package's TypeScript",
        "types from the same walk). Do not edit: tests/test_types.py fails when this",
        'file and the schema disagree."""',
        "",
        "from typing import Literal, NotRequired, TypedDict",
    ]
    for decl in declarations(root):
        lines += ["", ""] if isinstance(decl.type, Obj) else [""]
        if isinstance(decl.type, Obj):
            lines.append(f"class {decl.name}({decl.type.base or 'TypedDict'}):")
            lines += _comment(decl.doc, "    ")
            for prop in decl.type.props:
                if prop.type == Prim("never"):
                    continue  # a TypedDict has no way to say "never this key"; leaving it out forbids it in a literal
                lines += _comment(prop.doc, "    ")
                kind = _py(prop.type)
                lines.append(f"    {prop.key}: {kind if prop.required else f'NotRequired[{kind}]'}")
            if not any(p.type != Prim("never") for p in decl.type.props):
                lines.append("    pass")
            lines.append("")
        else:
            lines += _comment(decl.doc)
            lines.append(f"{decl.name} = {_py(decl.type)}")
    text = "\n".join(lines).rstrip("\n") + "\n"
    return re.sub(r"\n{4,}", "\n\n\n", text.replace("\n\n\n\n", "\n\n\n"))


# --- TypeScript --------------------------------------------------------------


def _ts(kind) -> str:
    if isinstance(kind, Prim):
        return {"integer": "number"}.get(kind.name, kind.name)
    if isinstance(kind, Ref):
        return kind.name
    if isinstance(kind, Literals):
        return " | ".join(json.dumps(v) for v in kind.values)
    if isinstance(kind, Array):
        item = _ts(kind.item)
        return f"{item}[]" if re.fullmatch(r"\w+", item) else f"({item})[]"
    if isinstance(kind, Union):
        return " | ".join(_ts(m) for m in kind.members)
    raise TypegenError(f"no TypeScript type for {kind!r}")


def _jsdoc(text: str, indent: str = "") -> list[str]:
    if not text:
        return []
    text = text.replace("*/", "*\\/")
    return [f"{indent}/**", *(f"{indent} * {line}" for line in textwrap.wrap(text, 100, break_on_hyphens=False)), f"{indent} */"]


def typescript(root: dict | None = None) -> str:
    """The TypeScript declarations of the npm package (index.d.cts and index.d.mts)."""
    root = schema() if root is None else root
    lines = [
        f"// The types of a LATINNO case (format {root['x-latinno-format-version']}), generated from case.schema.json",
        f"// ({root['$id']}) by latinno-lint (`{COMMAND}`, latinno_lint/data/typegen.py); do not edit.",
        "// What types cannot say (patterns, lengths, year ranges, unique items) only a validator checks.",
    ]
    for decl in declarations(root):
        lines.append("")
        lines += _jsdoc(decl.doc)
        if isinstance(decl.type, Obj):
            lines.append(f"export interface {decl.name}{f' extends {decl.type.base}' if decl.type.base else ''} {{")
            for prop in decl.type.props:
                lines += _jsdoc(prop.doc, "  ")
                lines.append(f"  {prop.key}{'' if prop.required else '?'}: {_ts(prop.type)};")
            lines.append("}")
        else:
            lines.append(f"export type {decl.name} = {_ts(decl.type)};")
    lines += [
        "",
        "/** The case schema (JSON Schema 2020-12), as case.schema.json holds it. */",
        "export declare const schema: {",
        f"  readonly $id: {json.dumps(root['$id'])};",
        f'  readonly "x-latinno-format-version": {json.dumps(root["x-latinno-format-version"])};',
        "  readonly [keyword: string]: unknown;",
        "};",
    ]
    return "\n".join(lines) + "\n"


# --- the files --------------------------------------------------------------


def committed() -> dict[str, str]:
    """The generated files that the repository holds, by path: what
    ``python3 dev.py generate`` writes and the drift tests compare."""
    return {PYTHON_MODULE: python_module(), "CITATION.cff": citation.cff(), "LICENSE": license_text()}


def license_text() -> str:
    """The licence pyproject.toml names (citation.LICENSE), as the repository, the
    wheel and the npm package carry it."""
    return _MIT.format(holders=", ".join(a["name"] for a in citation.AUTHORS))


def annotation_keywords(root: dict | None = None) -> list[str]:
    """The schema's keywords that are not JSON Schema's own (``x-latinno-*``,
    ``markdownEnumDescriptions``): the vocabulary a strict validator is told
    about (Ajv's ``addVocabulary``), in the order of their first use."""
    found: dict[str, None] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.startswith(("x-", "markdown")):
                    found[key] = None
                elif key not in ("enum", "const"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema() if root is None else root)
    return list(found)


_MIT = """MIT License

Copyright (c) {holders}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def ajv_example(root: dict | None = None) -> str:
    """The npm package README's three lines that compile the schema with Ajv in strict mode."""
    keywords = ", ".join(json.dumps(k) for k in annotation_keywords(root))
    return (
        f'const Ajv2020 = require("ajv/dist/2020"), addFormats = require("ajv-formats"), {{ schema }} = require("{NPM_NAME}");\n'
        f"const ajv = addFormats(new Ajv2020({{ strict: true, allErrors: true }})).addVocabulary([{keywords}]);\n"
        "const validate = ajv.compile(schema); // validate(data) is true or false, validate.errors says why\n"
    )


def _readme(root: dict) -> str:
    version = root["x-latinno-format-version"]
    return f"""# {NPM_NAME}

The LATINNO case-file schema, format {version} (`{root["$id"]}`): a JSON Schema
(draft 2020-12) for one democratic innovation documented by LATINNO
(Innovations for Democracy in Latin America, WZB Berlin), with TypeScript
types generated from it. The package's version is the format's version. It
is built from the schema of {citation.NAME} and never edited by hand.

```sh
npm install {NPM_NAME}@{version}
```

```js
const {{ schema }} = require("{NPM_NAME}");  // CommonJS
import {{ schema }} from "{NPM_NAME}";       // ES modules
// the JSON itself: "{NPM_NAME}/case.schema.json"
```

## Validating with Ajv (strict mode)

The schema compiles with Ajv 8 in strict mode, with `ajv-formats` for
`format: "date"`. Its own keywords (`x-latinno-*`, and
`markdownEnumDescriptions` for editors) are documentation, not constraints:
declare them with `addVocabulary`. In three lines (`npm install ajv ajv-formats`):

```js
{ajv_example(root)}```

Read case files with a YAML 1.2 reader such as the `yaml` package.

## TypeScript

```ts
import type {{ Case }} from "{NPM_NAME}";

const ok: Case = {{ id: "x", name: "X", country: "PE", description: "...", institutional_design: {{ frequency: "regular" }} }};
```

The codes are string-literal unions and the optional keys optional, so a wrong
code is a compile error. The types resolve for CommonJS and ES-module consumers
(`moduleResolution: "nodenext"` or `"bundler"`). What types cannot say
(patterns, lengths, year ranges, unique items) only a validator checks.

## Citing

{citation.reference_text(citation.LATINNO_DATASET)} The schema and its tools:
{citation.NAME} (see its CITATION.cff).

License: {citation.LICENSE}.
"""


def npm_package(root: dict | None = None) -> dict[str, str]:
    """The files of the npm package, by name: the schema as the repository
    holds it, its types, the CommonJS and ES-module entry points, README and LICENSE."""
    if root is None:
        root, text = schema(), schema_text()
    else:
        text = json.dumps(root, ensure_ascii=False, indent=2) + "\n"
    version = root["x-latinno-format-version"]
    header = f"// {NPM_NAME} {version}: generated from case.schema.json by latinno-lint (`python3 dev.py dist`); do not edit.\n"
    manifest = {
        "name": NPM_NAME,
        "version": version,
        "description": f"The LATINNO case-file schema (format {version}, JSON Schema 2020-12) with TypeScript types, from latinno-lint.",
        "license": citation.LICENSE,
        "author": ", ".join(a["name"] for a in citation.AUTHORS),
        "keywords": ["latinno", "json-schema", "democratic-innovation", "typescript"],
        "main": "./index.cjs",
        "types": "./index.d.cts",
        "exports": {
            ".": {
                "import": {"types": "./index.d.mts", "default": "./index.mjs"},
                "require": {"types": "./index.d.cts", "default": "./index.cjs"},
            },
            "./case.schema.json": "./case.schema.json",
            "./package.json": "./package.json",
        },
        "files": ["case.schema.json", "index.cjs", "index.mjs", "index.d.cts", "index.d.mts"],
        "sideEffects": False,
    }
    types = typescript(root)
    return {
        "package.json": json.dumps(manifest, indent=2) + "\n",
        "case.schema.json": text,
        # one object for both: the ES module re-exports what the CommonJS one loads
        "index.cjs": header + '"use strict";\n\nexports.schema = require("./case.schema.json");\n',
        "index.mjs": header + 'import cjs from "./index.cjs";\n\nexport const schema = cjs.schema;\n',
        "index.d.cts": types,
        "index.d.mts": types,
        "README.md": _readme(root),
        "LICENSE": license_text(),
    }
