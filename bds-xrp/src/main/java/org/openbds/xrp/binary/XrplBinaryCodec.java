package org.openbds.xrp.binary;

import static java.util.Objects.requireNonNull;
import static org.openbds.xrp.binary.XrplAddressCodec.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical binary form of XRP Ledger objects (transactions, their metadata, ledger entries) from the JSON that
 * rippled prints, API v1 or v2. This is what the network hashes, so a transaction's hash and a ledger's transaction
 * tree can be checked against what the node claims.
 *
 * <p>Keys that start with a lower-case letter ({@code hash}, {@code meta}, {@code metaData}, {@code validated},
 * {@code ledger_index}, {@code date}, {@code inLedger}, {@code ctid}, {@code owner_funds}, {@code delivered_amount},
 * {@code parsed_memo_type}…) are annotations the server adds; every protocol field is UpperCamelCase, so they are
 * skipped. So is {@code DeliverMax}, API v2's name for a Payment's {@code Amount}, serialized as Amount when Amount
 * itself is absent. Any other name the protocol does not define fails with {@code MALFORMED_BLOCK} naming it.
 *
 * <p>Stateless and thread-safe. The JSON given is only read.
 */
public final class XrplBinaryCodec {
  private static final XrplBinaryCodec STANDARD = new XrplBinaryCodec(XrplDefinitions.standard());
  private static final int OBJECT_END = 0xE1;
  private static final int ARRAY_END = 0xF1;

  private final XrplDefinitions definitions;
  private final XrplFieldWriter fieldWriter;

  public XrplBinaryCodec(XrplDefinitions definitions) {
    this.definitions = requireNonNull(definitions, "definitions is null");
    this.fieldWriter = new XrplFieldWriter(definitions, this);
  }

  /** The codec over the protocol definitions shipped with this module. */
  public static XrplBinaryCodec standard() {
    return STANDARD;
  }

  /** A transaction's binary form: the blob whose hash is the transaction id. */
  public byte[] serializeTransaction(JsonNode transaction) {
    requireObject(transaction, "transaction");
    List<Entry> entries = entries(transaction, "");
    JsonNode deliverMax = transaction.get("DeliverMax");
    if (deliverMax != null && !transaction.has("Amount")) {
      entries.add(new Entry(field("Amount", "Amount"), deliverMax, "DeliverMax"));
    }
    return write(entries);
  }

  /** A transaction's metadata (printed as {@code meta}, or by older servers under another key) in binary form. */
  public byte[] serializeMetadata(JsonNode metadata) {
    requireObject(metadata, "meta");
    return write(entries(metadata, "meta."));
  }

  /** Any object (a ledger entry, for instance) in binary form, without an end marker. */
  public byte[] serializeObject(JsonNode object) {
    requireObject(object, "object");
    return write(entries(object, ""));
  }

  /** The variable-length prefix of a field of {@code length} bytes: one, two or three bytes. */
  public static byte[] lengthPrefix(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    if (length <= 192) {
      return new byte[] {(byte) length};
    }
    if (length <= 12_480) {
      int n = length - 193;
      return new byte[] {(byte) (193 + (n >>> 8)), (byte) n};
    }
    if (length <= 918_744) {
      int n = length - 12_481;
      return new byte[] {(byte) (241 + (n >>> 16)), (byte) (n >>> 8), (byte) n};
    }
    throw new IllegalArgumentException("too long for a length prefix: " + length);
  }

  /** The fields of a nested object followed by its end marker. */
  void writeInnerObject(JsonNode object, String path, ByteArrayOutputStream out) {
    requireObject(object, path);
    write(entries(object, path + "."), out);
    out.write(OBJECT_END);
  }

  /** An array of one-key wrapper objects ({@code [{"Memo": {...}}, ...]}) followed by its end marker. */
  void writeArray(JsonNode array, String path, ByteArrayOutputStream out) {
    if (!array.isArray()) {
      throw malformed(path, "expected an array, got " + array);
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      String at = path + "[" + i + "]";
      if (!element.isObject() || element.size() != 1) {
        throw malformed(at, "an array element is an object with one field, got " + element);
      }
      Map.Entry<String, JsonNode> inner = element.properties().iterator().next();
      XrplField field = field(inner.getKey(), at + "." + inner.getKey());
      if (!field.type().equals("STObject")) {
        throw malformed(at, "an array element must be an object field, not " + field.type());
      }
      field.writeId(out);
      writeInnerObject(inner.getValue(), at + "." + inner.getKey(), out);
    }
    out.write(ARRAY_END);
  }

  private List<Entry> entries(JsonNode object, String prefix) {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String name = e.getKey();
      if (isAnnotation(name)) {
        continue;
      }
      Optional<XrplField> field = definitions.field(name);
      if (field.isEmpty()) {
        throw malformed(prefix + name, "unknown field " + name);
      }
      entries.add(new Entry(field.get(), e.getValue(), prefix + name));
    }
    return entries;
  }

  private byte[] write(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    write(entries, out);
    return out.toByteArray();
  }

  /** The entries in canonical order into {@code out}: nested objects write straight into their parent's stream. */
  private void write(List<Entry> entries, ByteArrayOutputStream out) {
    entries.sort((a, b) -> XrplField.CANONICAL_ORDER.compare(a.field(), b.field()));
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      if (i > 0 && XrplField.CANONICAL_ORDER.compare(entries.get(i - 1).field(), entry.field()) == 0) {
        throw malformed(entry.path(), "field given twice");
      }
      entry.field().writeId(out);
      fieldWriter.write(entry.field(), entry.value(), entry.path(), out);
    }
  }

  private static boolean isAnnotation(String name) {
    return name.isEmpty() || Character.isLowerCase(name.charAt(0)) || name.equals("DeliverMax");
  }

  private XrplField field(String name, String path) {
    return definitions.field(name).orElseThrow(() -> malformed(path, "unknown field " + name));
  }

  private static void requireObject(JsonNode node, String path) {
    requireNonNull(node, path + " is null");
    if (!node.isObject()) {
      throw malformed(path, "expected an object, got " + node.getNodeType());
    }
  }

  private record Entry(XrplField field, JsonNode value, String path) {}
}
