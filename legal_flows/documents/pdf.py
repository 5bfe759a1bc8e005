"""PDF copies by LibreOffice headless: one profile per worker process, many files per call.

TECH-NOTES §6: a soffice start costs ~1.5 s and a document ~0.1 s after that, and two
instances sharing a profile serialise or fail silently, so each process uses its own profile
and converts a whole batch in one call. How many run at once across workers is a Prefect
global concurrency limit (`legal-flows-libreoffice`).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from legal_flows.documents.errors import DocumentError
from legal_flows.documents.unbreakable import keep_tokens_whole

TIMEOUT_SECONDS = 600  # a batch's LibreOffice run
# One document alone, when its batch failed and is converted again in smaller parts: a
# document that hangs LibreOffice is found without waiting the batch's time for each part.
SINGLE_TIMEOUT_SECONDS = 120
# TECH-NOTES §6: without an alias LibreOffice falls back to a CJK *sans* for 宋体/仿宋.
SERIF = "Noto Serif CJK SC"
WORD_SERIF_FONTS = ("宋体", "仿宋", "仿宋_GB2312", "SimSun", "FangSong", "STSong", "STFangsong")


class PdfConverter:
    def __init__(self, profile_root: Path, soffice: str | None = None) -> None:
        found = soffice or shutil.which("soffice") or shutil.which("libreoffice")
        if not found:
            raise DocumentError(
                "PDF needs LibreOffice: `soffice` is not on PATH "
                "(Debian: apt-get install libreoffice-writer-nogui fonts-noto-cjk)"
            )
        self.soffice = found
        self.profile = profile_root / f"libreoffice-{os.getpid()}"

    @staticmethod
    def _font_aliases(folder: Path) -> Path:
        """Court fonts by the names Word uses (宋体, 仿宋) map to a CJK serif that is installed."""
        aliases = "".join(
            f'<alias binding="same"><family>{name}</family>'
            f"<prefer><family>{SERIF}</family></prefer></alias>"
            for name in WORD_SERIF_FONTS
        )
        path = folder / "fonts.conf"
        path.write_text(
            '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
            f"{aliases}</fontconfig>",
            encoding="utf-8",
        )
        return path

    def convert(self, documents: dict[str, bytes]) -> dict[str, bytes]:
        """{name: docx bytes} -> {name: pdf bytes}, in one LibreOffice run."""
        if not documents:
            return {}
        with tempfile.TemporaryDirectory(prefix="lf-pdf-") as work:
            source, target = Path(work, "in"), Path(work, "out")
            source.mkdir()
            for name, data in documents.items():
                (source / f"{name}.docx").write_bytes(keep_tokens_whole(data))
            command = [
                self.soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={self.profile.resolve().as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(target),
                *sorted(str(p) for p in source.iterdir()),
            ]
            env = {
                **os.environ,
                "HOME": work,  # LibreOffice insists on a writable HOME
                "FONTCONFIG_FILE": str(self._font_aliases(Path(work))),
            }
            seconds = SINGLE_TIMEOUT_SECONDS if len(documents) == 1 else TIMEOUT_SECONDS
            try:
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=seconds, env=env
                )
            except subprocess.TimeoutExpired:
                raise DocumentError(
                    "LibreOffice did not finish in {seconds} s", seconds=seconds
                ) from None
            converted = {name: target / f"{name}.pdf" for name in documents}
            missing = [name for name, path in converted.items() if not path.is_file()]
            if missing:
                detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                raise DocumentError(
                    "LibreOffice converted nothing for {name}: {detail}",
                    name=missing[0],
                    detail=detail[0],
                )
            return {name: path.read_bytes() for name, path in converted.items()}

    def convert_each(
        self, documents: dict[str, bytes]
    ) -> tuple[dict[str, bytes], dict[str, DocumentError]]:
        """Like `convert`, but a batch LibreOffice fails or hangs on is converted again in
        halves, down to single documents: every document that can be made is, and each one
        that cannot is returned with its error. A few bad documents cost a few runs each
        (log₂ of the batch), not one run per document of the batch."""
        try:
            return self.convert(documents), {}
        except DocumentError as exc:
            if len(documents) <= 1:
                return {}, dict.fromkeys(documents, exc)
        names = sorted(documents)
        made: dict[str, bytes] = {}
        failed: dict[str, DocumentError] = {}
        for part in (names[: len(names) // 2], names[len(names) // 2 :]):
            done, not_done = self.convert_each({name: documents[name] for name in part})
            made |= done
            failed |= not_done
        return made, failed
