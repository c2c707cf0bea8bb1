"""`bulletin schema`: generated from the table that validates; accepts the examples, rejects
the malformed fixtures a schema can judge."""
import datetime as dt
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from bulletin_cli.schema import spec_schema

from .helpers import EXAMPLE

FIXTURES = Path(__file__).parent / "fixtures"
# Problems a schema can see (the rest: real dates, duplicate keys, encodings, aliases, tags,
# control characters, are the loader's alone).
SCHEMA_JUDGES = [
    "bad_page_numbers", "bool_as_text", "empty_articles", "issue_float", "issue_zero",
    "missing_articles", "missing_required", "negative_copies", "non_numeric_copies", "long_title",
    "top_list", "top_scalar", "articles_mapping", "article_not_mapping", "headlines_not_list",
    "section_not_mapping", "bad_fonts",
]


def as_json(value):
    """YAML as an editor's schema validator sees it: dates are text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def load(path_or_text):
    text = path_or_text.read_text("utf-8") if isinstance(path_or_text, Path) else path_or_text
    return as_json(yaml.safe_load(text))


@pytest.fixture(scope="module")
def validator():
    schema = spec_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("source", [
    *sorted((EXAMPLE.parent).glob("*.yaml")),
    resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8"),
    *sorted((FIXTURES / "valid").glob("*.yaml")),
], ids=lambda s: getattr(s, "stem", "template"))
def test_schema_accepts_valid_specs(validator, source):
    if isinstance(source, Path) and source.read_bytes().startswith(b"\xef\xbb\xbf"):
        source = source.read_bytes()[3:].decode("utf-8")
    errors = [e.message for e in validator.iter_errors(load(source))]
    assert errors == []


@pytest.mark.parametrize("name", SCHEMA_JUDGES)
def test_schema_rejects_malformed_fixtures(validator, name):
    doc = load(FIXTURES / "invalid" / f"{name}.yaml")
    assert list(validator.iter_errors(doc)), f"{name} passed the schema"


ALL_SPECS = sorted([*(FIXTURES / "valid").glob("*.yaml"), *(FIXTURES / "invalid").glob("*.yaml"),
                    *EXAMPLE.parent.glob("*.yaml")])


@pytest.mark.parametrize("path", ALL_SPECS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_schema_and_loader_agree(validator, path):
    """What the loader accepts the schema accepts; what the schema judges, both refuse."""
    from bulletin_cli.errors import InputError
    from bulletin_cli.spec.reader import load_spec

    judged = path.stem in SCHEMA_JUDGES and path.parent.name == "invalid"
    try:
        load_spec(path)
        loader_ok = True
    except InputError:
        loader_ok = False
    if not (loader_ok or judged):
        return  # beyond a schema (dates, duplicates, aliases: PyYAML would expand a billion laughs)
    schema_errors = [e.message for e in validator.iter_errors(load(path.read_bytes().decode("utf-8-sig")))]
    assert loader_ok == (not judged)
    assert (schema_errors == []) == loader_ok, schema_errors


def test_schema_command_prints_the_schema():
    """What `bulletin schema` prints, judged on its own (not against spec_schema(), which made
    it): a valid JSON Schema that accepts the example, refuses the malformed fixtures a schema
    can judge and an unknown key, and requires the keys every spec has."""
    from typer.testing import CliRunner

    from bulletin_cli.cli import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    printed = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(printed)
    judge = jsonschema.Draft202012Validator(printed)
    example = load(EXAMPLE)
    assert list(judge.iter_errors(example)) == []
    passed = [n for n in SCHEMA_JUDGES
              if not list(judge.iter_errors(load(FIXTURES / "invalid" / f"{n}.yaml")))]
    assert passed == []
    assert list(judge.iter_errors({**example, "colour": "red"}))
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    issue = printed["else"]  # an issue of its own; `then`: one that extends a series file
    assert sorted(issue["required"]) == ["articles", "masthead"]
    template = load(resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8"))
    assert set(template) <= set(issue["properties"])  # every key `bulletin new` writes


def test_the_value_limit_the_schema_cannot_hold_is_stated_alike_in_it_and_the_readme():
    from bulletin_cli.spec.keys import MAX_NODES

    stated = f"{MAX_NODES:,} values (keys, list items"
    assert stated in spec_schema()["description"]
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text("utf-8").split())
    assert stated in readme
