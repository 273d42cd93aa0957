package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/metrics.md is generated from the catalog; this keeps the committed file in step with the SQL files. */
class MetricCatalogDocTest {
  @Test
  void committedCatalogDocumentMatchesTheCatalog() throws IOException {
    Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs/metrics.md");
    assertThat(Files.exists(doc)).as("docs/metrics.md exists").isTrue();
    assertThat(Files.readString(doc))
        .as("docs/metrics.md is out of date: regenerate it with ./bds metrics docs > docs/metrics.md")
        .isEqualTo(MetricCatalogDoc.markdown(MetricCatalog.load()));
  }

  @Test
  void everyMetricHasItsQueryInTheDocument() {
    MetricCatalog catalog = MetricCatalog.load();
    String md = MetricCatalogDoc.markdown(catalog);
    for (MetricDefinition m : catalog.all()) {
      assertThat(md).contains("#### " + m.id() + " — " + m.name());
      assertThat(md).contains(MetricCatalogDoc.sql(m, catalog));
    }
  }
}
