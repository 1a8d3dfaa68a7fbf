// Draws the chart of the dyads, map and matrix pages with Vega-Lite (bundled, offline).
// The data come from the page's JSON twin: the same path with ".json", the same query.
"use strict";

(function () {
  const chart = document.getElementById("chart");
  if (!chart) { return; }
  const twin = window.location.pathname + ".json" + window.location.search;

  const periodFormats = { day: "%Y-%m-%d", week: "%Y-%m-%d", month: "%Y-%m", quarter: "%Y-%m", year: "%Y" };

  function timeSeries(data) {
    return {
      width: "container", height: 320,
      data: { values: data.series },
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "period", type: "temporal", title: data.interval,
             axis: { format: periodFormats[data.interval], tickCount: data.interval === "quarter" ? { interval: "month", step: 3 } : data.interval } },
        y: { field: "count", type: "quantitative", title: "events" },
        color: { field: "dyad", type: "nominal", title: "actor → recipient" },
        tooltip: [{ field: "dyad" }, { field: "period", type: "temporal" }, { field: "count" }]
      }
    };
  }

  function worldMap(data) {
    return {
      width: "container", height: 460,
      projection: { type: "equalEarth" },
      layer: [
        {
          data: { url: chart.dataset.geometry, format: { type: "topojson", feature: "countries" } },
          mark: { type: "geoshape", fill: "#e7eaf0", stroke: "#9aa3b2", strokeWidth: 0.5 }
        },
        {
          data: { values: data.places },
          mark: { type: "circle", color: "#c0392b", opacity: 0.7 },
          encoding: {
            longitude: { field: "lon", type: "quantitative" },
            latitude: { field: "lat", type: "quantitative" },
            size: { field: "count", type: "quantitative", title: "events", legend: { format: "d", tickMinStep: 1 } },
            tooltip: [{ field: "name" }, { field: "country" }, { field: "count" }]
          }
        }
      ]
    };
  }

  function matrix(data) {
    return {
      data: { values: data.cells },
      encoding: {
        x: { field: "recipient_country", type: "nominal", title: "recipient country", sort: data.countries },
        y: { field: "actor_country", type: "nominal", title: "actor country", sort: data.countries }
      },
      layer: [
        { mark: "rect", encoding: { color: { field: "count", type: "quantitative", scale: { type: "log" }, title: "events" },
                                    tooltip: [{ field: "actor_country" }, { field: "recipient_country" }, { field: "count" }] } },
        { mark: { type: "text", fontSize: 10 }, encoding: { text: { field: "count" } } }
      ]
    };
  }

  const builders = { dyads: timeSeries, map: worldMap, matrix: matrix };

  function showProblem(message) {
    chart.textContent = message;  // textContent: never parsed as HTML
    chart.classList.add("error");
  }

  fetch(twin)
    .then(function (response) {
      if (!response.ok) { throw new Error("the server answered " + response.status); }
      return response.json();
    })
    .then(function (data) {
      const spec = builders[chart.dataset.chart](data);
      // mode instead of a $schema URL: nothing in the page names another host
      return vegaEmbed(chart, spec, { mode: "vega-lite", actions: false, renderer: "svg" });
    })
    .then(function () { chart.dataset.rendered = "true"; })
    .catch(function (error) { showProblem("The chart could not be drawn: " + error.message); });
}());
