package org.openbds.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the bds command line in-process and captures what it prints. */
final class Cli {
  record Result(int exitCode, String out, String err) {}

  private Cli() {}

  static Result run(Path data, String... args) {
    List<String> all = new ArrayList<>(List.of("--data", data.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BdsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(new String[0]));
    return new Result(code, out.toString(), err.toString());
  }
}
