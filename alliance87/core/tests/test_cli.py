import subprocess
import sys


def test_console_script_wraps_django_management_commands():
    result = subprocess.run(
        [sys.executable, "-m", "alliance87.cli", "help", "serve"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "gunicorn" in result.stdout
