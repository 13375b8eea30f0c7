"""The screenshot tool renders as a larger font or a high-contrast theme would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from gui.contrast import high_contrast_palette
from gui.highcontrast import FRAMES
from gui.screenshot import follow_system

ROOT = Path(__file__).resolve().parents[2]


def test_a_larger_font_and_high_contrast_are_applied(qapp: QApplication) -> None:
    font, palette, sheet, style = (
        qapp.font(),
        qapp.palette(),
        qapp.styleSheet(),
        qapp.style().name(),
    )
    try:
        follow_system(qapp, font_scale=1.5, high_contrast=True)
        assert qapp.font().pointSizeF() == pytest.approx(font.pointSizeF() * 1.5)
        window = qapp.palette().color(QPalette.ColorRole.Window)
        assert window == high_contrast_palette().color(QPalette.ColorRole.Window)
        assert FRAMES in qapp.styleSheet()
    finally:
        qapp.setFont(font)
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
        qapp.setPalette(palette)


@pytest.mark.slow
def test_the_command_renders_in_high_contrast(tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "gui.screenshot", str(out), "--high-contrast"]
    subprocess.run([*command, "--font-scale", "1.5"], cwd=ROOT, env=env, check=True, timeout=120)
    image = QImage(str(out))
    assert not image.isNull()
    # Mostly the palette's black: sample a grid of pixels.
    samples = [
        QColor(image.pixel(x, y))
        for x in range(0, image.width(), 40)
        for y in range(0, image.height(), 40)
    ]
    black = sum(colour.lightness() < 20 for colour in samples)
    assert black > len(samples) / 2
    refused = subprocess.run(
        [*command, "--font-scale", "9"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert refused.returncode == 2 and "--font-scale" in refused.stderr
