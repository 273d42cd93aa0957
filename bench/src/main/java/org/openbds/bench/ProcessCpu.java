package org.openbds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes, read from Linux's {@code /proc}, to say which side of a benchmark spent it. */
final class ProcessCpu {
  private ProcessCpu() {}

  /**
   * CPU seconds (user + system) used so far by a process, by this one, and by the whole machine (every process, the
   * kernel's interrupt work included), in that order; zeros where /proc is missing. The machine's figure less the
   * other two is what other work took while a benchmark ran.
   */
  static double[] ofProcessSelfAndMachine(long pid) {
    return new double[] {secondsOf(String.valueOf(pid)), secondsOf("self"), machineSeconds()};
  }

  private static double machineSeconds() {
    try {
      // first line of /proc/stat: "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+", -1);
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7}) {
        busy += Long.parseLong(f[i]);
      }
      return busy / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
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
