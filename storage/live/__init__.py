"""Live updates: a watcher that tells an open window another connection changed the database."""

from storage.live.watch import CHANNEL, Change, SqliteWatcher, Watcher, watch

__all__ = ["CHANNEL", "Change", "SqliteWatcher", "Watcher", "watch"]
