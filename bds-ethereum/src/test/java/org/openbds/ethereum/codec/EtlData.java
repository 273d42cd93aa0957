package org.openbds.ethereum.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openbds.api.Hash32;
import org.openbds.api.RealData;

/**
 * ethereum-etl's test resources ({@code ../shared/data/real/ethereum-etl}): recorded node answers
 * ({@code web3_response.<method>_<params>.json}, JSON-RPC envelopes) and the exporter's expected output. Tests that
 * use it are skipped, with a printed notice, where the data is absent.
 */
public final class EtlData {
  public static final ObjectMapper JSON = new ObjectMapper();

  private EtlData() {}

  /** The folder of one case, e.g. {@code case("test_export_traces_job", "block_with_error")}. */
  public static Path caseDir(String job, String name) {
    return RealData.dir("ethereum-etl").resolve(job).resolve(name);
  }

  /** The case folders of a job, sorted by name. */
  public static List<Path> cases(String job) {
    try (Stream<Path> dirs = Files.list(RealData.dir("ethereum-etl").resolve(job))) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recorded answers of a case whose file name starts with {@code web3_response.<method>}, sorted by name. */
  public static List<Path> answers(Path dir, String method) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("web3_response." + method)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The single recorded answer of {@code method} in a case. */
  public static Path answer(Path dir, String method) {
    List<Path> found = answers(dir, method);
    if (found.size() != 1) {
      throw new IllegalStateException(found.size() + " answers of " + method + " in " + dir);
    }
    return found.get(0);
  }

  /** The {@code result} of a recorded JSON-RPC answer. */
  public static JsonNode result(Path answer) {
    JsonNode envelope = read(answer);
    if (!envelope.has("result")) {
      throw new IllegalStateException("no result in " + answer);
    }
    return envelope.get("result");
  }

  public static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The transaction hashes a recorded {@code trace_block} answer names, by transaction position. */
  public static List<Hash32> transactionHashesOf(JsonNode parityTraces) {
    List<Hash32> hashes = new ArrayList<>();
    for (JsonNode trace : parityTraces) {
      JsonNode position = trace.get("transactionPosition");
      if (position != null && !position.isNull() && trace.get("traceAddress").isEmpty()) {
        if (position.intValue() != hashes.size()) {
          throw new IllegalStateException("top-level traces out of order at " + position);
        }
        hashes.add(Hash32.parse(trace.get("transactionHash").textValue().substring(2)));
      }
    }
    return List.copyOf(hashes);
  }

  /** The objects of a JSON-lines file (the exporter's {@code expected_*.json}). */
  public static List<JsonNode> jsonLines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(EtlData::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
