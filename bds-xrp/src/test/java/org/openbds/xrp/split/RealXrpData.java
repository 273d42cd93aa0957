package org.openbds.xrp.split;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.SourceBlock;
import org.openbds.api.RealData;
import org.openbds.xrp.codec.XrpLedgerDecoder;
import org.openbds.xrp.codec.XrpLedgerDecoder.LedgerHeader;

/** The recorded mainnet answers in {@code ../shared/data/real/xrp} and what its manifest says of each file. */
final class RealXrpData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RealXrpData() {}

  static Path root() {
    return RealData.dir("xrp");
  }

  /** One ledger the manifest lists: the file holding it and the figures checked independently. */
  record ManifestLedger(Path file, String relative, JsonNode ledger, JsonNode tx) {
    long index() {
      return ledger.get("index").asLong();
    }

    /** Whether the file holds the ledger's transactions (expanded, or an empty list). */
    boolean complete() {
      return ledger.path("expanded").asBoolean(false) || (ledger.has("ntx") && ledger.get("ntx").asInt() == 0 && ledger.has("expanded"));
    }
  }

  static List<ManifestLedger> ledgers() {
    Path root = root();
    List<ManifestLedger> out = new ArrayList<>();
    for (JsonNode entry : read(root.resolve("expected/manifest.json"))) {
      for (JsonNode l : entry.path("ledgers")) {
        String relative = entry.get("file").asText();
        out.add(new ManifestLedger(root.resolve(relative), relative, l, entry.get("tx")));
      }
    }
    return out;
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file as a source would deliver it. */
  static SourceBlock block(Path file) {
    byte[] payload = bytes(file);
    LedgerHeader h = XrpLedgerDecoder.header(XrpLedgerDecoder.parse(payload, file.toString()), file.toString());
    return new SourceBlock(h.index(), h.hash(), h.parent(), payload, file.toString());
  }
}
