"""``nnlab run``'s terminal matplotlib: the book's plotting calls drawn with plotext."""

from __future__ import annotations

import re

from book_run import nnlab_run, write_script

SIGMOID_PLOT = """
    import numpy as np
    import matplotlib.pylab as plt

    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    x = np.arange(-5.0, 5.0, 0.1)
    plt.plot(x, sigmoid(x), label="sigmoid")
    plt.plot(x, np.maximum(0, x) / 5, "r--", label="relu / 5")
    plt.xlim(-6, 6)
    plt.ylim(-0.1, 1.1)
    plt.xlabel("x axis")
    plt.ylabel("y axis")
    plt.title("Sigmoid and ReLU")
    plt.legend()
    plt.grid()
    plt.grid()
    plt.figure()
    plt.show()
    print("after show:", sigmoid(0.0))
"""


def plot_lines(stdout: str) -> list[str]:
    return stdout.splitlines()


def test_the_books_plot_calls_draw_in_the_terminal(tmp_path):
    write_script(tmp_path / "sigmoid.py", SIGMOID_PLOT)
    result = nnlab_run("sigmoid.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = plot_lines(result.stdout)
    assert lines[-1] == "after show: 0.5"
    chart = "\n".join(lines[:-1])
    assert lines[0].strip() == "Sigmoid and ReLU"
    assert "sigmoid" in chart and "relu / 5" in chart  # the legend
    assert "x axis" in lines[-2] and lines[-2].startswith("y axis")
    # ylim(-0.1, 1.1) and xlim(-6, 6) set the axes' ends.
    y_ticks = [float(m) for m in re.findall(r"^\s*(-?\d+\.\d+)┤", chart, re.M)]
    assert (y_ticks[0], y_ticks[-1]) == (1.1, -0.1)
    x_ticks = lines[-3].split()
    assert (float(x_ticks[0]), float(x_ticks[-1])) == (-6.0, 6.0)
    assert len(max(lines, key=len)) <= 80  # fits the 80-column terminal
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes
    assert "▀" in chart or "▄" in chart  # the curves themselves
    assert result.stderr.splitlines() == [
        "nnlab run: plt.grid() is not drawn in the terminal; the script goes on",
        "nnlab run: plt.figure() is not drawn in the terminal; the script goes on",
    ]


def test_colour_terminal_gets_coloured_series(tmp_path):
    write_script(tmp_path / "sigmoid.py", SIGMOID_PLOT)
    result = nnlab_run("sigmoid.py", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert "\x1b[38;5;4m" in result.stdout  # blue, the first series as in matplotlib
    assert "\x1b[38;5;1m" in result.stdout  # "r--": red


def test_scatter_places_points_and_skips_inf(tmp_path):
    write_script(
        tmp_path / "scatter.py",
        """
        import numpy as np
        import matplotlib.pyplot as plt
        plt.scatter(np.array([0.0, 10.0, 5.0]), np.array([0.0, 10.0, np.inf]))
        plt.show()
        """,
    )
    result = nnlab_run("scatter.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("•") == 2  # the inf point is left out, as matplotlib does


IMSHOW = """
    import numpy as np
    import matplotlib.pyplot as plt
    img = np.array([[0, 64, 128, 255],
                    [255, 128, 64, 0],
                    [0, 0, 0, 0],
                    [255, 255, 255, 255]], dtype=np.uint8)
    plt.imshow(img, cmap="gray")
    plt.show()
    plt.imshow(np.array([[0.0, 1.0], [np.nan, 0.5]]))
    plt.title("second")
    plt.show()
"""


def test_imshow_greyscale_as_characters_when_not_a_terminal(tmp_path):
    write_script(tmp_path / "img.py", IMSHOW)
    result = nnlab_run("img.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # Two pixel rows per line, each column their mean grey on " .:-=+*#%@".
    # nan shows as black: the second image is (0 + nan→0) / 2 and (1 + 0.5) / 2.
    assert result.stdout.splitlines() == ["=--=", "====", "second", " #"]


def test_imshow_in_grey_half_blocks_on_a_colour_terminal(tmp_path):
    write_script(tmp_path / "img.py", IMSHOW)
    result = nnlab_run("img.py", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    first = result.stdout.splitlines()[0]
    cells = re.findall(r"\x1b\[38;2;(\d+);\d+;\d+;48;2;(\d+);\d+;\d+m(▀+)", first)
    # Top pixel as the glyph's colour, bottom pixel as its background (64 grey levels).
    assert [(int(top), int(bottom)) for top, bottom, _ in cells] == [
        (0, 255),
        (65, 130),
        (130, 65),
        (255, 0),
    ]


def test_other_matplotlib_modules_are_skipped_with_one_line(tmp_path):
    write_script(
        tmp_path / "show_img.py",
        """
        from matplotlib.image import imread
        import matplotlib
        matplotlib.use("Agg")
        img = imread("lena.png")
        print("went on", img)
        """,
    )
    result = nnlab_run("show_img.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "went on None\n"
    assert result.stderr.splitlines() == [
        "nnlab run: matplotlib.use() is not drawn in the terminal; the script goes on",
        "nnlab run: matplotlib.image.imread() is not drawn in the terminal; the script goes on",
    ]


FAKE_MATPLOTLIB = "def show():\n    print('real matplotlib window')\n"


def test_a_display_with_matplotlib_installed_keeps_the_real_one(tmp_path):
    site = tmp_path / "site"
    write_script(site / "matplotlib" / "__init__.py", "")
    write_script(site / "matplotlib" / "pyplot.py", FAKE_MATPLOTLIB)
    write_script(tmp_path / "s.py", "import matplotlib.pyplot as plt\nplt.show()\n")
    env = {"PYTHONPATH": str(site), "DISPLAY": ":0"}
    assert nnlab_run("s.py", cwd=tmp_path, env=env).stdout == "real matplotlib window\n"
    forced = nnlab_run("--terminal-plots", "s.py", cwd=tmp_path, env=env)
    assert forced.stdout == "" and forced.returncode == 0
    no_display = nnlab_run("s.py", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert no_display.stdout == ""
