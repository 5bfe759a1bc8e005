"""Reading a configuration file in TOML: a missing file or a syntax error named in one line."""

import tomllib
from pathlib import Path
from typing import Any

from legal_flows.services.errors import InputError


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The file's tables; `what` names it in the refusal ("policy", "creditors")."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("{path}: no such {what} file", path=path, what=what) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            "{file}: not valid TOML ({problem})", file=path.name, problem=exc
        ) from None
