"""A time series of an aggregate table: PNG, or one self-contained HTML page.

Drawn with matplotlib (the `plot` extra). The HTML page embeds the PNG as a data: URI
and lists the plotted numbers in a table, so it opens offline and loads nothing from the
network. One line per group (the grouping fields' values joined with " / "); with more
than MAX_SERIES groups, the largest by total events are drawn and the rest summed as
"other".
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from pathlib import Path

import pandas

from eventcoder.errors import InputFormatError, MissingDependencyError

MAX_SERIES = 8
FREQUENCIES = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}
INSTALL_HINT = "plotting needs matplotlib: pip install 'eventcoder[plot]' (or pip install matplotlib)"


def load_pyplot():
    """matplotlib.pyplot on the file-only Agg backend, or MissingDependencyError saying how to install it."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only; never open a window
        import matplotlib.pyplot as pyplot
    except ImportError as error:
        raise MissingDependencyError(INSTALL_HINT) from error
    return pyplot


def series_table(table: pandas.DataFrame, by: Sequence[str], period: str = "month",
                 value: str = "events") -> pandas.DataFrame:
    """Every period from the first to the last as rows (0 where none happened), one column
    per group (the largest MAX_SERIES - 1, then "other")."""
    dated = table[table["period"].notna()].copy()
    dated["period"] = pandas.to_datetime(dated["period"])
    dated["group"] = dated[list(by)].astype(str).agg(" / ".join, axis=1) if by else "all events"
    wide = dated.pivot_table(index="period", columns="group", values=value, aggfunc="sum", fill_value=0)
    order = wide.sum().sort_values(ascending=False, kind="stable").index
    wide = wide[order]
    if wide.shape[1] > MAX_SERIES:
        kept = wide.iloc[:, :MAX_SERIES - 1]
        wide = kept.assign(other=wide.iloc[:, MAX_SERIES - 1:].sum(axis=1))
    every = pandas.date_range(wide.index.min(), wide.index.max(), freq=FREQUENCIES[period]) if len(wide) else wide.index
    return wide.reindex(every, fill_value=0)


def _png_bytes(wide: pandas.DataFrame, title: str) -> bytes:
    pyplot = load_pyplot()
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    figure, axes = pyplot.subplots(figsize=(9, 4.5), dpi=100)
    for column in wide.columns:
        axes.plot(wide.index, wide[column], marker="o", markersize=3, label=str(column))
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.set_title(title)
    axes.set_ylabel("events")
    axes.grid(alpha=0.3)
    if wide.shape[1] > 1:
        axes.legend(fontsize="small")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})  # no version stamp: same bytes per input
    pyplot.close(figure)
    return buffer.getvalue()


def _html_page(wide: pandas.DataFrame, title: str, png: bytes) -> str:
    image = base64.b64encode(png).decode("ascii")
    header = "".join(f"<th>{html.escape(str(c))}</th>" for c in ["period", *wide.columns])
    rows = "".join(
        "<tr><td>" + html.escape(period.strftime("%Y-%m-%d")) + "</td>" + "".join(f"<td>{int(v)}</td>" for v in values) + "</tr>"
        for period, values in zip(wide.index, wide.to_numpy()))
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><img alt=\"{html.escape(title)}\" src=\"data:image/png;base64,{image}\">"
            f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></body></html>\n")


def plot_aggregate(table: pandas.DataFrame, by: Sequence[str], output: str | Path, period: str = "month",
                   title: str = "Events") -> None:
    """Draw the aggregate table's events per period to output (.png, or .html / .htm)."""
    suffix = Path(output).suffix.lower()
    if suffix not in (".png", ".html", ".htm"):
        raise InputFormatError(f"{output}: a plot is written as .png or .html")
    wide = series_table(table, by, period)
    png = _png_bytes(wide, title)
    if suffix == ".png":
        Path(output).write_bytes(png)
    else:
        Path(output).write_text(_html_page(wide, title, png), encoding="utf-8")
