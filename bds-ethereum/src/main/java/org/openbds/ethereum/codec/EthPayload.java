package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The bytes an Ethereum source puts into a block's payload, and their decoding into an {@link EthBlockBundle}.
 *
 * <p>The payload is a UTF-8 JSON object holding the node's raw answers, so that decoding can change without
 * refetching: {@code {"block": <eth_getBlockByNumber(n, true) result>, "receipts": [<receipts in block order>],
 * "traceStyle": "parity"|"geth"|"none", "traces": <trace_block or debug_traceBlockByNumber result, or null>}}.
 *
 * <p>Thread-safe: decoding runs on several threads and shares one configured {@link ObjectMapper}, which Jackson
 * allows once configured.
 */
public final class EthPayload {
  /** Duplicate keys and trailing bytes are refused: either means the payload is not what a source wrote. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final byte[] BLOCK_KEY = "{\"block\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] RECEIPTS_KEY = ",\"receipts\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

  private EthPayload() {}

  /**
   * The payload of one block. {@code traces} must be null (or JSON null) exactly when {@code style} is
   * {@link TraceStyle#NONE}.
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} when the parts do not have the payload's shape
   */
  public static byte[] encode(JsonNode block, JsonNode receipts, TraceStyle style, JsonNode traces) {
    try {
      return JSON.writeValueAsBytes(tree(block, receipts, style, traces));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree to memory cannot fail", e);
    }
  }

  /**
   * The payload of one block as a JSON tree, for a source that adds parts of its own beside these (decoding ignores
   * them).
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} when the parts do not have the payload's shape
   */
  public static ObjectNode tree(JsonNode block, JsonNode receipts, TraceStyle style, JsonNode traces) {
    boolean noTraces = checkParts(block, receipts, style, traces);
    ObjectNode root = JSON.createObjectNode();
    root.set("block", block);
    root.set("receipts", receipts);
    root.put("traceStyle", styleName(style));
    root.set("traces", noTraces ? NullNode.getInstance() : traces);
    return root;
  }

  /**
   * One of the node's answers in a payload: its JSON tree, and the exact bytes the node sent it in where the client
   * kept them, which are then copied as they are instead of being written again from the tree. The bytes must be those
   * the tree was read from.
   */
  public record Part(JsonNode tree, Optional<JsonBytes> bytes) {
    public Part {
      requireNonNull(bytes, "bytes is null");
    }

    /** An answer known only as a tree (null or JSON null for no traces). */
    public static Part of(JsonNode tree) {
      return new Part(tree, Optional.empty());
    }
  }

  /**
   * Writes the payload of one block as {@link #encode} does, but without the closing brace, so that a source can add
   * parts of its own before closing it; answers whose bytes are known are copied rather than written from their trees.
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} when the parts do not have the payload's shape
   */
  public static void writeOpen(ByteArrayOutputStream out, Part block, Part receipts, TraceStyle style, Part traces) {
    boolean noTraces = checkParts(block.tree(), receipts.tree(), style, traces.tree());
    out.writeBytes(BLOCK_KEY);
    write(out, block);
    out.writeBytes(RECEIPTS_KEY);
    write(out, receipts);
    out.writeBytes((",\"traceStyle\":\"" + styleName(style) + "\",\"traces\":").getBytes(StandardCharsets.UTF_8));
    if (noTraces) {
      out.writeBytes(NULL);
    } else {
      write(out, traces);
    }
  }

  private static void write(ByteArrayOutputStream out, Part part) {
    if (part.bytes().isPresent()) {
      part.bytes().get().writeTo(out);
      return;
    }
    try {
      JSON.writeValue(out, part.tree());
    } catch (IOException e) {
      throw new IllegalStateException("writing a JSON tree to memory cannot fail", e);
    }
  }

  /** Checks the shape of a payload's parts; returns whether it has no traces. */
  private static boolean checkParts(JsonNode block, JsonNode receipts, TraceStyle style, JsonNode traces) {
    if (block == null || !block.isObject()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a payload's block is a JSON object");
    }
    if (receipts == null || !receipts.isArray()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a payload's receipts are a JSON array");
    }
    boolean noTraces = traces == null || traces.isNull();
    if (noTraces != (style == TraceStyle.NONE)) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT, "trace style " + styleName(style) + " with" + (noTraces ? "out" : "") + " traces");
    }
    return noTraces;
  }

  /**
   * Decodes a payload written by {@link #encode}. {@code origin} names it in messages (e.g. the chain and height).
   *
   * @throws BdsException {@link ErrorCode#MALFORMED_BLOCK} naming {@code origin} when the payload is not valid JSON,
   *     lacks a part, or holds node answers that do not decode (the message says which field)
   */
  public static EthBlockBundle decode(byte[] payload, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw malformed(origin, "not a JSON payload: " + why, e);
    }
    if (root == null || !root.isObject()) {
      throw malformed(origin, "the payload is not a JSON object: " + JsonFieldReader.describe(root), null);
    }
    return decode(root, origin);
  }

  /** Decodes a payload already parsed into a JSON object (parts other than the four of the layout are ignored). */
  public static EthBlockBundle decode(JsonNode root, String origin) {
    TraceStyle style = style(root, origin);
    JsonNode traces = root.get("traces");
    boolean noTraces = traces == null || traces.isNull();
    if (noTraces != (style == TraceStyle.NONE)) {
      throw malformed(
          origin, "trace style " + styleName(style) + " with" + (noTraces ? "out" : "") + " traces", null);
    }
    try {
      EthBlock block = EthBlockDecoder.decode(part(root, "block", origin));
      List<EthReceipt> receipts = EthReceiptDecoder.decode(block, part(root, "receipts", origin));
      Optional<List<EthTrace>> decodedTraces =
          style == TraceStyle.NONE ? Optional.empty() : Optional.of(EthTraceDecoder.decode(block, style, traces));
      return new EthBlockBundle(block, receipts, decodedTraces);
    } catch (BdsException e) {
      // the answers were checked when fetched: failing now means the stored payload is damaged or foreign
      throw malformed(origin, e.getMessage(), e);
    }
  }

  private static JsonNode part(JsonNode root, String name, String origin) {
    JsonNode part = root.get(name);
    if (part == null || part.isNull()) {
      throw malformed(origin, "the payload has no \"" + name + "\"", null);
    }
    return part;
  }

  private static TraceStyle style(JsonNode root, String origin) {
    JsonNode name = root.get("traceStyle");
    if (name != null && name.isTextual()) {
      for (TraceStyle style : TraceStyle.values()) {
        if (styleName(style).equals(name.textValue())) {
          return style;
        }
      }
    }
    throw malformed(
        origin, "traceStyle is parity, geth or none, got " + JsonFieldReader.describe(name), null);
  }

  private static String styleName(TraceStyle style) {
    return style.name().toLowerCase(Locale.ROOT);
  }

  private static BdsException malformed(String origin, String problem, Throwable cause) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": " + problem, cause);
  }
}
