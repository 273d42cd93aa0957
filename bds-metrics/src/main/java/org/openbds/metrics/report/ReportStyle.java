package org.openbds.metrics.report;

/**
 * The report's style sheet, inlined in the document. System fonts only (a report must not fetch a font), colours that
 * survive printing in black and white, and a print layout that keeps charts and tables whole.
 */
final class ReportStyle {
  static final String CSS =
      """
      :root{--ink:#1c2733;--muted:#5b6876;--line:#d9e0e7;--panel:#f6f8fa;--accent:#2563a8;--warn:#a4540b}
      *{box-sizing:border-box}
      body{margin:0;padding:24px 32px 40px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;max-width:1280px}
      h1{font-size:26px;margin:0 0 4px}
      h2{font-size:19px;margin:34px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
      p.sub{margin:0 0 12px;color:var(--muted)}
      p.lead{margin:0 0 12px;color:var(--muted)}
      p.absent{color:var(--warn);font-size:13px;margin:8px 0}
      code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12.5px}
      dl.facts{display:flex;flex-wrap:wrap;gap:8px 28px;margin:0 0 12px}
      dl.facts div{min-width:0}
      dl.facts dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
      dl.facts dd{margin:0;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
      nav{display:flex;flex-wrap:wrap;gap:6px 16px;padding:8px 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
      nav a{color:var(--accent);text-decoration:none}
      .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px}
      .card{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
      .card .label{font-size:12.5px;color:var(--muted)}
      .card .value{font-size:20px;font-weight:600;margin:2px 0;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
      .card .was{font-size:12.5px;color:var(--muted);font-variant-numeric:tabular-nums}
      .card .id{font-size:11px;color:var(--muted);font-family:ui-monospace,Menlo,Consolas,monospace;margin-top:4px}
      .change{font-weight:600;margin-left:4px}
      .change.up{color:#1f7a45}.change.down{color:#b3261e}.change.flat{color:var(--muted)}
      .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
      figure.chart-box{margin:0;border:1px solid var(--line);border-radius:6px;padding:10px 12px;break-inside:avoid}
      figure.chart-box figcaption{font-weight:600;margin-bottom:4px}
      svg.chart{width:100%;height:auto;display:block}
      svg.chart text{font-size:12px;fill:var(--muted)}
      svg.chart .legend text{fill:var(--ink)}
      svg.chart .grid{stroke:#e6ebf0;stroke-width:1}
      svg.chart .axis{stroke:#8a96a3;stroke-width:1}
      svg.chart .bar:hover,svg.chart .point:hover{opacity:.7}
      details{margin-top:6px;font-size:12.5px}
      summary{cursor:pointer;color:var(--accent)}
      table{border-collapse:collapse;font-variant-numeric:tabular-nums}
      th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
      thead th{font-size:12.5px;color:var(--muted);font-weight:600}
      .num{text-align:right}
      table.numbers td,table.numbers th{padding:2px 8px}
      td.share{width:180px}
      td.share span{display:block;height:10px;background:var(--accent);border-radius:2px;min-width:1px}
      tr.rest td{color:var(--muted)}
      table.cohorts td.heat{text-align:right;min-width:58px;border:1px solid #fff}
      table.cohorts td.none{background:#fafbfc}
      ul.notes{padding-left:0;list-style:none}
      ul.notes li{padding:6px 10px 6px 12px;margin:4px 0;border-left:4px solid var(--line);background:var(--panel);overflow-wrap:anywhere}
      ul.notes li.warn{border-left-color:var(--warn)}
      dl.definitions dt{margin-top:8px;font-weight:600}
      dl.definitions dd{margin:2px 0 0 0;color:var(--muted)}
      .unit{font-weight:400;color:var(--muted)}
      footer{margin-top:36px;font-size:12px;color:var(--muted)}
      @media print{body{padding:0;max-width:none}nav{display:none}details{display:none}.charts{grid-template-columns:1fr 1fr}section{break-inside:auto}}
      """;

  private ReportStyle() {}
}
