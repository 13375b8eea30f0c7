"""Tests of the detail pane's parts."""
