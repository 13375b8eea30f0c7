"""Set-up helpers run by the Makefile and CI, outside the application."""
