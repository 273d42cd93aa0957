package org.openbds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.labels.Label;
import org.openbds.forensics.labels.LabelFile;
import org.openbds.forensics.labels.LabelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds labels}: labels of addresses (exchange, mixer, sanctioned, victim, suspect…) with their source. */
@Command(
    name = "labels",
    description = "Labels of addresses, with source, author and date: import them from YAML, list them.",
    subcommands = {LabelsCommand.Import.class, LabelsCommand.ListLabels.class})
final class LabelsCommand {
  @ParentCommand BdsCommand parent;

  @Command(name = "import", description = "Import labels from a YAML file (see docs/forensics.md); the same label again replaces it.")
  static final class Import implements Callable<Integer> {
    @ParentCommand LabelsCommand labels;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The YAML file.")
    Path file;

    @Override
    public Integer call() {
      List<Label> read;
      try {
        read = LabelFile.read(file);
      } catch (IllegalArgumentException e) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
      }
      try (Warehouse warehouse = Warehouses.open(labels.parent)) {
        int replaced = new LabelStore(warehouse).importLabels(read);
        spec.commandLine().getOut().printf("%,d labels imported from %s (%,d replaced labels already there)%n", read.size(), file, replaced);
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List the labels: chain, address, category, name, source, author, date, note.")
  static final class ListLabels implements Callable<Integer> {
    @ParentCommand LabelsCommand labels;
    @Spec CommandSpec spec;

    @Option(names = "--chain", description = "Only this chain's.")
    String chain;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Warehouse warehouse = Warehouses.open(labels.parent)) {
        for (Label l : Investigations.labels(warehouse, Optional.ofNullable(chain))) {
          out.printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%n", l.chain(), l.address(), l.category(), l.name(), l.source(), l.author(), l.added(),
              l.note().orElse(""));
        }
      }
      return 0;
    }
  }
}
