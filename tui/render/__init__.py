"""Pure renderers: NumPy arrays in, Rich ``Text`` out (no Textual imports here), and text
laid out by terminal cells. Import the module you need: this package loads nothing, so
its NumPy-free modules (``cells``, ``line_breaks``) stay cheap for the command line."""
