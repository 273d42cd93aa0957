package org.openbds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.forensics.evidence.CaseFileException;
import org.openbds.forensics.evidence.EvidenceCase;
import org.openbds.forensics.evidence.EvidenceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bds evidence}: the evidence report of a case file ({@code bds trace --out}) as one self-contained HTML file,
 * and printed to PDF with headless Chromium. Reads only the case file: no warehouse, no node.
 */
@Command(
    name = "evidence",
    description = "Write the evidence report of a case file (bds trace --out): one self-contained HTML page with every hop, the"
        + " frontier, the labels and how to re-check each step against any node; --pdf prints it with headless Chromium.")
final class EvidenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CASE_FILE", description = "The case file (JSON) that bds trace --out wrote.")
  Path caseFile;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report (HTML) here.")
  Path out;

  @Option(names = "--pdf", paramLabel = "FILE", description = "Print the report to this PDF with headless Chromium (apt-get install chromium).")
  Path pdf;

  @Option(names = "--chromium", paramLabel = "PATH", defaultValue = "/usr/bin/chromium", description = "The Chromium to print with (default: ${DEFAULT-VALUE}).")
  Path chromium;

  @Option(names = "--pdf-timeout", paramLabel = "SECONDS", defaultValue = "900", description = "Give up printing after this many seconds (default: ${DEFAULT-VALUE}; Chromium prints about 12 pages a second).")
  int pdfTimeout;

  @Override
  public Integer call() {
    if (out == null && pdf == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "say where the report goes: --out report.html, --pdf report.pdf, or both");
    }
    if (pdfTimeout < 1) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--pdf-timeout must be at least 1 second, not " + pdfTimeout);
    }
    Path html = out == null ? null : out.toAbsolutePath().normalize();
    Path printed = pdf == null ? null : pdf.toAbsolutePath().normalize();
    ChromiumPdfPrinter printer = new ChromiumPdfPrinter(chromium, Duration.ofSeconds(pdfTimeout));
    // what cannot work fails before anything is written
    if (html != null) {
      ReportCommand.checkWritable(html);
    }
    if (printed != null) {
      ReportCommand.checkWritable(printed);
      printer.requireInstalled();
    }
    EvidenceReport report = read(caseFile);
    byte[] page = report.html().getBytes(StandardCharsets.UTF_8);
    PrintWriter stdout = spec.commandLine().getOut();
    EvidenceCase c = report.evidenceCase();
    stdout.printf("evidence report of %s (SHA-256 %s): %s, %,d transactions, %,d frontier entries%n", caseFile, c.sha256(), c.chain().id(),
        c.steps().size(), c.frontier().size());
    if (report.disagreements() > 0) {
      spec.commandLine().getErr().printf("warning: %,d figure(s) of %s do not agree with its own arithmetic; the report marks them%n",
          report.disagreements(), caseFile);
    }
    if (html != null) {
      ReportCommand.write(html, page);
      stdout.printf("wrote %s (%,d bytes)%n", html, page.length);
    }
    if (printed != null) {
      printed(printer, html, page, printed);
      stdout.printf("printed %s%n", printed);
    }
    return 0;
  }

  private static EvidenceReport read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "no case file " + file, e);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read the case file " + file + ": " + e.getMessage(), e);
    }
    try {
      return EvidenceReport.read(bytes);
    } catch (CaseFileException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, file + ": " + e.getMessage(), e);
    }
  }

  /** Prints the page written at {@code html}, or when there is none, from a temporary copy. */
  private void printed(ChromiumPdfPrinter printer, Path html, byte[] page, Path pdf) {
    if (html != null) {
      printer.print(html, pdf);
      return;
    }
    Path temporary;
    try {
      temporary = Files.createTempFile("bds-evidence-", ".html");
      Files.write(temporary, page);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write the report to a temporary file for printing: " + e.getMessage(), e);
    }
    try {
      printer.print(temporary, pdf);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        // the PDF is printed or its failure reported; a stray temporary page is only clutter, and is named
        spec.commandLine().getErr().println("warning: cannot delete the temporary page " + temporary + ": " + e.getMessage());
      }
    }
  }
}
