package org.openbds.metrics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML report and its SVG charts, rendered from hand-made data. */
class ReportRendererTest {
  private static final CoinUnit LTC = new CoinUnit("LTC", "litoshi", 8);
  private static final CoinUnit ETH = new CoinUnit("ETH", "wei", 18);

  @Test
  void amountsAreWrittenExactlyInCoins() {
    assertThat(FigureFormatter.amount(new BigDecimal("1"), LTC)).isEqualTo("0.00000001 LTC");
    assertThat(FigureFormatter.amount(new BigDecimal("0E-10"), LTC)).isEqualTo("0 LTC");
    assertThat(FigureFormatter.amount(new BigDecimal("8400000000000000.0000000000"), LTC)).isEqualTo("84,000,000 LTC");
    // beyond a long and beyond a double's 53 bits: every digit stays
    assertThat(FigureFormatter.amount(new BigDecimal("123456789012345678901234567"), ETH)).isEqualTo("123,456,789.012345678901234567 ETH");
    assertThat(FigureFormatter.amount(new BigDecimal("9007199254740993"), LTC)).isEqualTo("90,071,992.54740993 LTC");
    // a mean keeps two places below the base unit, rounded half-even
    assertThat(FigureFormatter.amount(new BigDecimal("12345.6789012345"), LTC)).isEqualTo("0.0001234568 LTC");
    assertThat(FigureFormatter.count(new BigDecimal("1234567.0000000000"))).isEqualTo("1,234,567");
    assertThat(FigureFormatter.count(new BigDecimal("12.345"))).isEqualTo("12.34");
    assertThat(FigureFormatter.percent(new BigDecimal("12.35"))).isEqualTo("12.4%");
    assertThat(FigureFormatter.change(new BigDecimal("150"), new BigDecimal("100"))).contains("+50.0%");
    assertThat(FigureFormatter.change(new BigDecimal("50"), new BigDecimal("200"))).contains("\u221275.0%");
    assertThat(FigureFormatter.change(new BigDecimal("50"), BigDecimal.ZERO)).isEmpty();
    assertThat(FigureFormatter.grouped("-1234567.5")).isEqualTo("\u22121,234,567.5");
  }

  @Test
  void keyFiguresSumTheMonthAndCompareWithTheMonthBefore() {
    ReportFixture f = new ReportFixture().everyDay("TxCnt", ReportFixture.MONTH, 1000).everyDay("TxCnt", ReportFixture.MONTH.minusMonths(1), 500);
    f.everyDay("BlkCnt", ReportFixture.MONTH, 144).everyDay("FeeTotNtv", ReportFixture.MONTH, 123_456_789);
    f.put("AdrTotCnt", "", "2026-10-30", "900").put("AdrTotCnt", "", "2026-10-31", "1000").put("AdrTotCnt", "", "2026-09-30", "800");
    String html = ChainReportHtml.render(f.data());
    assertThat(card(html, "TxCnt")).contains("31,000").contains("September 2026: 15,000").contains("+106.7%");
    assertThat(card(html, "BlkCnt")).contains("4,464");
    // 31 days of 123,456,789 litoshi
    assertThat(card(html, "FeeTotNtv")).contains("38.27160459 LTC");
    assertThat(card(html, "AdrTotCnt")).contains("1,000").contains("September 2026: 800").contains("+25.0%");
    assertThat(html).contains("<title>LTC operating report \u2014 October 2026</title>");
  }

  @Test
  void everythingFromDataIsEscaped() {
    ReportFixture f = new ReportFixture().everyDay("BlkCnt", ReportFixture.MONTH, 10);
    String hostile = "<script>alert(\"pwned\")</script>&'";
    f.put("BlkCntByPool", hostile, "2026-10-01", "7").put("BlkCntByPool", "F2Pool", "2026-10-01", "3");
    f.catalog.put("TxCnt", new ReportData.MetricInfo("TxCnt", "<img src=x onerror=alert(1)>", "count", "a </dd><script>x</script>"));
    f.everyDay("TxCnt", ReportFixture.MONTH, 5);
    String html = ChainReportHtml.render(f.data());
    assertThat(html).doesNotContain("<script").doesNotContain("<img");
    assertThat(html).contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&amp;&#39;");
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
    // the pool table: 7 of the month's 310 blocks, then the blocks no pool claims
    assertThat(html).contains("<td class=\"num\">7</td><td class=\"num\">2.3%</td>").contains("not attributed to a pool");
  }

  @Test
  void aMonthWithoutValuesSaysWhatIsMissingAndWhy() {
    ReportFixture f = new ReportFixture();
    f.storedVersions = java.util.Set.of();
    f.metricsTip = Optional.empty();
    String html = ChainReportHtml.render(f.data());
    assertThat(html).doesNotContain("<svg").doesNotContain("class=\"card\"");
    String notes = section(html, "coverage");
    assertThat(notes).contains("Left out, no stored values in October 2026: AdrActCnt").contains("TxCnt");
    assertThat(notes).contains("Left out, not in this build&#39;s bitcoin catalog:").contains("AdrRetPct").contains("BlkCntByPool").contains("SplyCur");
    assertThat(notes).contains("No metric values are stored for October 2026.").contains("No metric values have been computed for ltc yet.");
    assertThat(section(html, "charts")).contains("Charts left out for want of data: Transactions per day");
    assertThat(section(html, "cohorts")).contains("No retention cohorts");
  }

  @Test
  void coverageNotesNameGapsPartialDaysVersionsAndStaleness() {
    ReportFixture f = new ReportFixture().everyDay("BlkCnt", ReportFixture.MONTH, 144);
    f.blocksByDay.remove(LocalDate.of(2026, 10, 13));
    f.blocksByDay.keySet().removeIf(d -> d.isBefore(LocalDate.of(2026, 9, 25)));
    f.first = ReportFixture.block(900, "2026-09-25T10:00:00");
    f.last = ReportFixture.block(4000, "2026-10-20T12:34:56");
    f.blocksByDay.keySet().removeIf(d -> d.isAfter(LocalDate.of(2026, 10, 20)));
    f.checkpoint = Optional.of(new ReportData.BlockId(4000, ReportFixture.hash(4000)));
    f.metricsTip = Optional.of(new ReportData.BlockId(3990, ReportFixture.hash(3990)));
    f.storedVersions = java.util.Set.of("000000000000", ReportFixture.VERSION);
    String notes = section(ChainReportHtml.render(f.data()), "coverage");
    assertThat(notes).contains("October 2026 has blocks on 19 of its 31 days");
    assertThat(notes).contains("No blocks on 1 day within the warehouse&#39;s range: 2026-10-13.");
    assertThat(notes).contains("The warehouse ends at block 4,000 at 2026-10-20 12:34:56 UTC: 2026-10-20 may be a partial day");
    assertThat(notes).contains("September 2026, which has blocks on only 6 of its 30 days");
    assertThat(notes).contains("computed with catalog versions 000000000000, abc123def456; this program&#39;s catalog is abc123def456");
    assertThat(notes).contains("behind the warehouse: computed over the blocks up to 3,990, while the checkpoint is at 4,000 (10 blocks not counted)");

    f.metricsTip = f.checkpoint;
    f.storedVersions = java.util.Set.of(ReportFixture.VERSION);
    notes = section(ChainReportHtml.render(f.data()), "coverage");
    assertThat(notes).contains("The stored values are current: computed over the blocks up to 4,000").contains("catalog version abc123def456, this program");
  }

  @Test
  void retentionCohortsMakeAHeatMap() {
    ReportFixture f = new ReportFixture().everyDay("BlkCnt", ReportFixture.MONTH, 1);
    f.cohorts =
        List.of(
            new ReportData.Cohort(YearMonth.of(2026, 8), Optional.of(new BigDecimal("1200")), new TreeMap<>(Map.of(1, new BigDecimal("40"), 2, new BigDecimal("25.55")))),
            new ReportData.Cohort(YearMonth.of(2026, 9), Optional.empty(), new TreeMap<>(Map.of(1, new BigDecimal("100")))));
    String cohorts = section(ChainReportHtml.render(f.data()), "cohorts");
    assertThat(cohorts).contains("<th>2026-08</th><td class=\"num\">1,200</td>");
    assertThat(cohorts).contains("title=\"2026-08 cohort, active in 2026-10: 25.6%\">25.6%</td>");
    assertThat(cohorts).contains("background:rgb(31,95,168);color:#fff");
    assertThat(count(cohorts, "class=\"heat\"")).isEqualTo(3);
    assertThat(count(cohorts, "class=\"heat none\"")).isEqualTo(1);
  }

  @Test
  void chartGeometryFollowsTheValues() throws Exception {
    YearMonth month = YearMonth.of(2026, 2);
    TreeMap<LocalDate, BigDecimal> bars = new TreeMap<>();
    bars.put(month.atDay(1), new BigDecimal("5"));
    bars.put(month.atDay(2), new BigDecimal("10"));
    bars.put(month.atDay(28), new BigDecimal("0"));
    bars.put(LocalDate.of(2026, 3, 1), new BigDecimal("1000000")); // outside the month: ignored
    TreeMap<LocalDate, BigDecimal> line = new TreeMap<>();
    for (int d : new int[] {1, 2, 3, 7, 8}) {
      line.put(month.atDay(d), new BigDecimal(d));
    }
    SvgChart chart =
        new SvgChart(
            "Sizes <&>", month, "things", true,
            List.of(new SvgChart.Plotted("bars", ReportPlan.Style.BAR, bars), new SvgChart.Plotted("line", ReportPlan.Style.LINE, line)),
            Function.identity(), v -> v.toPlainString() + " things");
    Document svg = xml(chart.render());
    Element root = svg.getDocumentElement();
    assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + SvgChart.WIDTH + " " + SvgChart.HEIGHT);
    assertThat(root.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Sizes <&>");

    List<Element> rects = marks(svg, "rect", "bar");
    assertThat(rects).hasSize(3);
    double baseline = SvgChart.HEIGHT - SvgChart.BOTTOM;
    double band = (double) (SvgChart.WIDTH - SvgChart.LEFT - SvgChart.RIGHT) / 28;
    for (Element r : rects) {
      double x = d(r, "x");
      double y = d(r, "y");
      double h = d(r, "height");
      assertThat(x).isBetween((double) SvgChart.LEFT, (double) SvgChart.WIDTH - SvgChart.RIGHT);
      assertThat(y).isGreaterThanOrEqualTo(SvgChart.TOP);
      assertThat(y + h).isCloseTo(baseline, within(0.11));
      assertThat(d(r, "width")).isGreaterThan(0).isLessThan(band);
    }
    // the 10 is twice as tall as the 5, the 0 has no height; the axis runs 0..10
    assertThat(d(rects.get(1), "height")).isCloseTo(2 * d(rects.get(0), "height"), within(0.2));
    assertThat(d(rects.get(1), "height")).isCloseTo(baseline - SvgChart.TOP, within(0.11));
    assertThat(d(rects.get(2), "height")).isZero();
    assertThat(rects.get(0).getElementsByTagName("title").item(0).getTextContent()).isEqualTo("2026-02-01 \u2014 bars: 5 things");
    // day 28 sits in the last band
    assertThat(d(rects.get(2), "x")).isGreaterThan(SvgChart.LEFT + band * 27);

    List<Element> paths = marks(svg, "path", "line");
    assertThat(paths).hasSize(1);
    // days 1-3 joined, a gap, then days 7-8
    String dPath = paths.get(0).getAttribute("d");
    assertThat(dPath.chars().filter(c -> c == 'M').count()).isEqualTo(2);
    assertThat(dPath.chars().filter(c -> c == 'L').count()).isEqualTo(3);
    assertThat(marks(svg, "circle", "point")).hasSize(5);

    List<String> ticks = new ArrayList<>();
    NodeList texts = svg.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      if (t.getAttribute("class").equals("tick y")) {
        ticks.add(t.getTextContent());
      }
    }
    assertThat(ticks).containsExactly("0", "2", "4", "6", "8", "10");
  }

  @Test
  void axesUseRoundTicksAndShortLabels() {
    assertThat(SvgChart.axis(0, 0.00012).ticks()).extracting(SvgChart::tickLabel).containsExactly("0", "0.00002", "0.00004", "0.00006", "0.00008", "0.0001", "0.00012");
    SvgChart.Axis supply = SvgChart.axis(83_990_000, 84_000_000);
    assertThat(supply.min()).isLessThanOrEqualTo(83_990_000);
    assertThat(supply.max()).isGreaterThanOrEqualTo(84_000_000);
    assertThat(SvgChart.tickLabel(new BigDecimal("84000000"))).isEqualTo("84M");
    assertThat(SvgChart.tickLabel(new BigDecimal("2500"))).isEqualTo("2,500");
    assertThat(SvgChart.tickLabel(new BigDecimal("25000"))).isEqualTo("25k");
  }

  private static String card(String html, String metric) {
    int start = html.indexOf("<div class=\"card\" data-metric=\"" + metric + "\"");
    assertThat(start).as("a card for " + metric).isNotNegative();
    return html.substring(start, html.indexOf("<div class=\"id\">", start));
  }

  private static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertThat(start).as("section " + id).isNotNegative();
    return html.substring(start, html.indexOf("</section>", start));
  }

  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static Document xml(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> marks(Document svg, String tag, String cls) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = svg.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if ((" " + e.getAttribute("class") + " ").contains(" " + cls + " ")) {
        out.add(e);
      }
    }
    return out;
  }

  private static double d(Element e, String attribute) {
    return Double.parseDouble(e.getAttribute(attribute));
  }
}
