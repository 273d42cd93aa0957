package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/tables.md is generated from the table definitions; this keeps the committed file in step with the code. */
class SchemaDocumentationTest {
  @Test
  void committedTablesDocumentMatchesTheCode() throws IOException {
    Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs/tables.md");
    assertThat(Files.readString(doc))
        .as("docs/tables.md is out of date: regenerate it with ./bds schema > docs/tables.md")
        .isEqualTo(SchemaCommand.markdown());
  }
}
