"""Tests of the set-up helpers in tools/."""
