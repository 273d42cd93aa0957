// ECharts, only the parts the app uses (line and bar charts, axes, legend, tooltip, zoom), drawn on canvas.
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, TitleComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  points: [string, number | null][];
}

const charts = new WeakMap<HTMLElement, echarts.ECharts>();

export function drawChart(el: HTMLElement, series: ChartSeries[], options: { kind?: "line" | "bar"; log?: boolean; compact?: boolean; time?: boolean } = {}): echarts.ECharts {
  const chart = charts.get(el) ?? echarts.init(el, undefined, { renderer: "canvas" });
  charts.set(el, chart);
  const compact = options.compact ?? false;
  chart.setOption(
    {
      animation: false,
      tooltip: compact ? undefined : { trigger: "axis" },
      legend: compact || series.length < 2 ? undefined : { type: "scroll", top: 0 },
      grid: compact ? { left: 0, right: 0, top: 2, bottom: 2 } : { left: 60, right: 20, top: series.length > 1 ? 30 : 10, bottom: 50 },
      // a time axis places each point at its date, so series with different days line up and gaps show as gaps
      xAxis: options.time ? { type: "time", show: !compact } : { type: "category", show: !compact, boundaryGap: options.kind === "bar" },
      yAxis: { type: options.log ? "log" : "value", show: !compact, scale: true },
      dataZoom: compact ? undefined : [{ type: "inside" }, { type: "slider", height: 18, bottom: 8 }],
      series: series.map((s) => ({
        name: s.name,
        type: options.kind ?? "line",
        showSymbol: false,
        data: s.points,
        lineStyle: { width: compact ? 1 : 2 },
      })),
    },
    { notMerge: true },
  );
  return chart;
}

export function chartImage(el: HTMLElement): string | null {
  return charts.get(el)?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }) ?? null;
}

window.addEventListener("resize", () => {
  document.querySelectorAll<HTMLElement>(".chart").forEach((el) => charts.get(el)?.resize());
});
