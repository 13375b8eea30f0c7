"""The main window's parts, each with one job (``gui.mainwindow`` puts them together):
the records table and the pane following it, menus and record actions, filters,
navigation counts, draft recovery, background jobs, the trash notice."""

APP_NAME = "Accords"  # the title of the window and of its messages
