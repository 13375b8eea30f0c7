"""Live updates: a watcher that tells an open window another connection changed the database."""

from storage.live.watch import CHANNEL, Change, Watcher, watch

__all__ = ["CHANNEL", "Change", "Watcher", "watch"]
