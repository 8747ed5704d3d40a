"""nnlab's screens: the main workbench screen and its modal dialogs."""
