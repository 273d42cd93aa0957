package org.openbds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes, read from Linux's {@code /proc}, to say which side of a benchmark spent it. */
final class ProcessCpu {
  private ProcessCpu() {}

  /** CPU seconds (user + system) used so far by a process and by this one, in that order; zeros where /proc is missing. */
  static double[] ofProcessAndSelf(long pid) {
    return new double[] {secondsOf(String.valueOf(pid)), secondsOf("self")};
  }

  private static double secondsOf(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      // fields 14 and 15 of stat (utime, stime) in clock ticks, conventionally 100 per second on Linux
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
