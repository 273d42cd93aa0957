package org.openbds.forensics.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/** Label files: defaults from the file, every mistake named, imports that replace and keep the rest. */
class LabelsTest {
  @TempDir Path dir;

  static final String FILE = """
      source: Example OSINT list, November 2026
      author: analyst@example.org
      date: 2026-11-20
      labels:
        - chain: ltc
          address: ltc1qexchange
          category: Exchange
          name: Example Exchange hot wallet
        - chain: ltc
          address: ltc1qmixer
          category: mixer
          name: Some mixer
          author: second@example.org
          date: 2026-11-21
          note: seen in three cases
      """;

  @Test
  void aFileGivesItsSourceAuthorAndDateToEveryLabelThatHasNone() {
    List<Label> labels = LabelFile.parse(FILE, "tags.yaml");
    assertThat(labels).containsExactly(
        new Label("ltc", "ltc1qexchange", "exchange", "Example Exchange hot wallet", "Example OSINT list, November 2026", "analyst@example.org",
            LocalDate.of(2026, 11, 20), Optional.empty()),
        new Label("ltc", "ltc1qmixer", "mixer", "Some mixer", "Example OSINT list, November 2026", "second@example.org", LocalDate.of(2026, 11, 21),
            Optional.of("seen in three cases")));
    assertThat(labels.get(0).describe()).isEqualTo("exchange: Example Exchange hot wallet (Example OSINT list, November 2026, analyst@example.org, 2026-11-20)");
  }

  @Test
  void everyMistakeIsNamedAndNothingIsTaken() {
    String bad = """
        source: s
        author: a
        date: 2026-11-20
        labels:
          - chain: ltc
            address: x
            category: bank
            name: n
          - chain: ltc
            category: exchange
            name: n
          - chain: ltc
            address: y
            category: exchange
            name: n
            date: yesterday
        """;
    assertThatThrownBy(() -> LabelFile.parse(bad, "bad.yaml"))
        .hasMessageContaining("3 mistakes, nothing imported")
        .hasMessageContaining("bad.yaml, label 1: no category 'bank'")
        .hasMessageContaining("bad.yaml, label 2: no address")
        .hasMessageContaining("bad.yaml, label 3: date 'yesterday' is not a date");
    assertThatThrownBy(() -> LabelFile.parse("author: a\ndate: 2026-01-01\nlabels:\n  - chain: ltc\n    address: x\n    category: exchange\n    name: n\n", "s.yaml"))
        .hasMessageContaining("s.yaml, label 1: no source (give one for the file or the label)");
    assertThatThrownBy(() -> LabelFile.parse("labels: [", "broken.yaml")).hasMessageContaining("broken.yaml is not valid YAML");
    assertThatThrownBy(() -> LabelFile.parse("source: s\nlabel: []\n", "typo.yaml")).hasMessageContaining("unknown field 'label'");
    assertThatThrownBy(() -> LabelFile.parse("source: s\nlabels: []\n", "empty.yaml")).hasMessageContaining("a list of at least one label");
  }

  @Test
  void importingReplacesTheSameLabelsAndKeepsTheRest() {
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("data"))) {
      LabelStore store = new LabelStore(warehouse);
      assertThat(store.list(Optional.empty())).isEmpty();
      assertThat(store.importLabels(LabelFile.parse(FILE, "tags.yaml"))).isZero();
      String update = FILE.replace("date: 2026-11-20", "date: 2026-11-25").replace("Some mixer", "Another mixer");
      // the exchange's label comes again (newer date): replaced; the mixer gets a second label beside the first
      assertThat(store.importLabels(LabelFile.parse(update, "tags2.yaml"))).isEqualTo(1);
      List<Label> all = store.list(Optional.of("ltc"));
      assertThat(all).extracting(Label::name).containsExactly("Example Exchange hot wallet", "Another mixer", "Some mixer");
      assertThat(all.get(0).added()).isEqualTo(LocalDate.of(2026, 11, 25));
      assertThat(store.byAddress("ltc", Set.of("exchange")).keySet()).containsExactly("ltc1qexchange");
      assertThat(store.byAddress("ltc", Set.of()).get("ltc1qmixer")).hasSize(2);
      assertThat(store.byAddress("btc", Set.of())).isEmpty();
    }
  }
}
