"""Shared test helpers are pytest plugins (tests/plugins/): test modules never import a fixture,
and import helpers by package path, so pytest alone decides which fixture a test gets."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _is_fixture(value: object) -> bool:
    # pytest >= 8.4 wraps fixtures in FixtureFunctionDefinition; older ones mark the function.
    return hasattr(value, "_fixture_function_marker") or hasattr(value, "_pytestfixturefunction")


def import_problems(path: Path) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        where = f"{path.name}, line {node.lineno}"
        top = node.module.split(".", 1)[0]
        if (TESTS / f"{top}.py").is_file() or (TESTS / top).is_dir():
            problems.append(f"{where}: 'from {node.module} import' relies on tests/ being on sys.path; "
                            f"import 'tests.{node.module}' instead")
            continue
        if top != "tests":
            continue
        module = importlib.import_module(node.module)
        for alias in node.names:
            if _is_fixture(getattr(module, alias.name, None)):
                problems.append(f"{where}: fixture '{alias.name}' is imported from {node.module}; drop the import "
                                "and name it as a test argument (tests/conftest.py registers the plugins)")
    return problems


def test_no_test_module_imports_a_fixture_or_a_helper_by_bare_name():
    problems = [problem for path in sorted(TESTS.glob("test_*.py")) for problem in import_problems(path)]
    assert problems == []


def test_an_imported_fixture_and_a_bare_helper_import_are_named(tmp_path):
    module = tmp_path / "test_example.py"
    module.write_text(
        "from tests.plugins.speech import FakeEngine, real_engine\n"
        "def test_x():\n"
        "    from plugins.packs import make_pack\n",
        encoding="utf-8",
    )
    problems = import_problems(module)
    assert len(problems) == 2
    assert problems[0].startswith("test_example.py, line 1: fixture 'real_engine' is imported from tests.plugins.speech")
    assert problems[1].startswith("test_example.py, line 3: 'from plugins.packs import' relies on tests/ being on sys.path")
