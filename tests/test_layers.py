"""The code keeps its four layers (pyproject.toml's import-linter contracts)."""

import subprocess
import sys
from pathlib import Path

from conftest import subprocess_env

ROOT = Path(__file__).parents[1]


def test_the_layer_contracts_hold():
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as lint; lint()",
         "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, cwd=ROOT, env=subprocess_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_the_package_top_level_holds_only_its_entry_points():
    package = ROOT / "src" / "nordefco_cli"
    modules = sorted(path.name for path in package.glob("*.py"))
    layers = sorted(path.name for path in package.iterdir() if path.is_dir()
                    and (path / "__init__.py").exists())
    assert modules == ["__init__.py", "__main__.py"]
    assert layers == ["cli", "core", "data", "render"]
