package org.openbds.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Reads the catalog's SQL files: a header of {@code -- key: value} lines (a comment line without a key continues the
 * previous value), then the SQL body.
 */
final class MetricFiles {
  private static final Pattern HEADER = Pattern.compile("^--\\s?([a-z_]+):\\s?(.*)$");

  private MetricFiles() {}

  /** A parsed file: its header values in order and its body. */
  record Parsed(String path, Map<String, String> header, String body) {
    String require(String key) {
      String v = header.get(key);
      if (v == null || v.isBlank()) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, path + ": the header has no '" + key + "'");
      }
      return v;
    }

    String optional(String key, String fallback) {
      String v = header.get(key);
      return v == null || v.isBlank() ? fallback : v;
    }
  }

  static Parsed parse(String path, String text) {
    Map<String, String> header = new LinkedHashMap<>();
    String last = null;
    String[] lines = text.split("\n", -1);
    int i = 0;
    for (; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      if (!line.startsWith("--")) {
        break;
      }
      Matcher m = HEADER.matcher(line);
      if (m.matches() && !line.startsWith("--  ")) {
        last = m.group(1);
        if (header.containsKey(last)) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, path + ": '" + last + "' appears twice in the header");
        }
        header.put(last, m.group(2).strip());
      } else if (last != null) {
        String more = line.substring(2).strip();
        header.put(last, (header.get(last) + " " + more).strip());
      }
    }
    StringBuilder body = new StringBuilder();
    for (; i < lines.length; i++) {
      body.append(lines[i]).append('\n');
    }
    return new Parsed(path, header, body.toString().strip());
  }

  /** The statements of a body, split at lines ending in a semicolon (comment lines never end a statement). */
  static List<String> statements(String body) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : body.split("\n")) {
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";") && !line.strip().startsWith("--")) {
        String s = current.toString().strip();
        out.add(s.substring(0, s.length() - 1).strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  /** The text of every {@code .sql} resource directly under {@code folder}, by path, in name order. */
  static Map<String, String> list(String folder) {
    return list(folder, ".sql");
  }

  /** The text of every resource ending in {@code suffix} directly under {@code folder}, by path, in name order. */
  static Map<String, String> list(String folder, String suffix) {
    Map<String, String> out = new TreeMap<>();
    ClassLoader loader = MetricFiles.class.getClassLoader();
    try {
      // only this module's own copy of the catalog: another jar on the class path (an older build) must not add files
      String self = String.valueOf(MetricFiles.class.getResource("MetricFiles.class"));
      String base = self.substring(0, self.length() - "org/openbds/metrics/MetricFiles.class".length());
      Enumeration<URL> roots = loader.getResources(folder);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        if (!root.toString().startsWith(base)) {
          continue;
        }
        if ("file".equals(root.getProtocol())) {
          try (var files = Files.list(Path.of(root.toURI()))) {
            for (Path p : (Iterable<Path>) files::iterator) {
              if (p.getFileName().toString().endsWith(suffix)) {
                out.put(folder + "/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8));
              }
            }
          }
        } else if ("jar".equals(root.getProtocol())) {
          JarURLConnection connection = (JarURLConnection) root.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
              JarEntry e = entries.nextElement();
              String name = e.getName();
              if (name.startsWith(folder + "/") && name.endsWith(suffix) && name.indexOf('/', folder.length() + 1) < 0) {
                try (InputStream in = jar.getInputStream(e)) {
                  out.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
              }
            }
          }
        } else {
          throw new BdsException(ErrorCode.INVALID_CONFIG, "cannot list the metric files at " + root);
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read the metric files under " + folder + ": " + e.getMessage(), e);
    }
    return out;
  }
}
