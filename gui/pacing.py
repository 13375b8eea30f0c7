"""The window's start-up pacing: no cyclic garbage collection until its first frame is drawn.

Starting the app creates a few hundred thousand objects that live as long as it does
(modules, classes, Qt wrappers, the schema). Scanning them for cycles while nothing is on
screen yet only delays the first frame (about a tenth of a second here), so `accords`
(``gui.launch.main``) pauses the collector before it imports the rest of Accords, and the
window resumes it after its first paint, with what start-up built moved out of later
collections (``gc.freeze``). A command resumes it at once. Imports nothing, so that the
pause starts before SQLAlchemy and Qt are loaded.
"""

from __future__ import annotations

import gc


class _Pause:
    held = False  # whether the collector is off because of hold_collection


def hold_collection() -> None:
    """Pause cyclic garbage collection for the start; ``resume_collection`` ends the pause."""
    if gc.isenabled():
        gc.disable()
        _Pause.held = True


def resume_collection() -> None:
    """End a pause begun by ``hold_collection``; does nothing if there was none."""
    if not _Pause.held:
        return
    _Pause.held = False
    gc.freeze()  # start-up's objects stay for the app's life: never scan them again
    gc.enable()


def thaw() -> None:
    """Let the collector scan start-up's objects again: the window that froze them closed,
    and garbage cycles among its objects must not outlive it (another database opened)."""
    gc.unfreeze()
