"""Generated docs stay in step with the code."""

from pipeline import gendocs
from pipeline.checks.registry import all_checks


def test_readme_cli_reference_matches_help():
    readme = gendocs.README.read_text("utf-8")
    block = gendocs.current_block(readme)
    assert block is not None, "README.md lacks the CLI reference markers"
    assert block == gendocs.reference(), "README's CLI reference drifted: run `make docs`"


def test_readme_shows_the_two_setup_commands_first():
    readme = gendocs.README.read_text("utf-8")
    first_block = readme[: readme.index("##", readme.index("##") + 2)]
    assert "make run" in first_block and "make test" in first_block


def test_checks_catalogue_matches_the_registry():
    assert gendocs.CHECKS_MD.read_text("utf-8") == gendocs.checks_catalogue(), (
        "docs/checks.md drifted from the registry: run `make docs`"
    )


def test_every_check_states_category_severity_source_need_and_false_positives():
    for spec in all_checks():
        assert spec.category and spec.severity and spec.scope, spec.id
        assert isinstance(spec.needs_source, bool), spec.id
        assert spec.title, f"{spec.id}: no title line"
        assert spec.false_positives.startswith("False positives"), f"{spec.id}: no FP notes"
