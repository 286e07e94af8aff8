"""Generated docs stay in step with the code."""

from pipeline import clidoc


def test_readme_cli_reference_matches_help():
    readme = clidoc.README.read_text("utf-8")
    block = clidoc.current_block(readme)
    assert block is not None, "README.md lacks the CLI reference markers"
    assert block == clidoc.reference(), "README's CLI reference drifted: run `make docs`"


def test_readme_shows_the_two_setup_commands_first():
    readme = clidoc.README.read_text("utf-8")
    first_block = readme[: readme.index("##", readme.index("##") + 2)]
    assert "make run" in first_block and "make test" in first_block
