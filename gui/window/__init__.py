"""The main window's parts, each with one job (``gui.mainwindow`` puts them together):
menus and record actions, filters, navigation counts, draft recovery, background jobs."""

APP_NAME = "Accords"  # the title of the window and of its messages
