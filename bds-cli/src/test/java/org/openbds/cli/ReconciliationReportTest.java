package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openbds.api.ReconciliationCheck;

class ReconciliationReportTest {
  private static final ReconciliationCheck TIP =
      new ReconciliationCheck("tip.hash", "tip 172", 1, 0, "height 172: both 5308 (node tip 172)");
  private static final ReconciliationCheck FEE =
      new ReconciliationCheck("getblockstats.totalfee", "blocks 1..172", 172, 2, "height 115: node 22600, warehouse 22601 (first of 2)");

  private static String print(Consumer<PrintWriter> write) {
    StringWriter s = new StringWriter();
    write.accept(new PrintWriter(s, true));
    return s.toString();
  }

  @Test
  void tableAlignsColumnsAndEndsWithTheSummary() {
    ReconciliationReport report = new ReconciliationReport(List.of(TIP, FEE));
    assertThat(print(report::writeTable).lines())
        .containsExactly(
            "check                  | scope         | checked | mismatches | result | detail",
            "-----------------------+---------------+---------+------------+--------+-------",
            "tip.hash               | tip 172       |       1 |          0 | PASS   | height 172: both 5308 (node tip 172)",
            "getblockstats.totalfee | blocks 1..172 |     172 |          2 | FAIL   | height 115: node 22600, warehouse 22601 (first of 2)",
            "verify: 1 of 2 checks FAILED");
    assertThat(report.allPassed()).isFalse();
  }

  @Test
  void summaryCountsPassedChecks() {
    assertThat(new ReconciliationReport(List.of(TIP)).summary()).isEqualTo("verify: 1 check passed");
    assertThat(new ReconciliationReport(List.of(TIP, TIP)).summary()).isEqualTo("verify: 2 checks passed");
    assertThat(new ReconciliationReport(List.of(TIP, TIP)).allPassed()).isTrue();
    // a check that compared nothing did not pass
    assertThat(new ReconciliationReport(List.of(new ReconciliationCheck("x", "s", 0, 0, "nothing to compare"))).summary())
        .isEqualTo("verify: 1 of 1 check FAILED");
  }

  @Test
  void jsonCarriesEveryField() throws Exception {
    JsonNode json = new ObjectMapper().readTree(print(new ReconciliationReport(List.of(TIP, FEE))::writeJson));
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.get("summary").asText()).isEqualTo("verify: 1 of 2 checks FAILED");
    JsonNode fee = json.get("checks").get(1);
    assertThat(fee.get("name").asText()).isEqualTo("getblockstats.totalfee");
    assertThat(fee.get("scope").asText()).isEqualTo("blocks 1..172");
    assertThat(fee.get("checked").asLong()).isEqualTo(172);
    assertThat(fee.get("mismatches").asLong()).isEqualTo(2);
    assertThat(fee.get("passed").asBoolean()).isFalse();
    assertThat(fee.get("detail").asText()).isEqualTo(FEE.detail());
  }
}
