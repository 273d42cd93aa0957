package org.openbds.ethereum.split;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.codec.EthPayload;
import org.openbds.ethereum.codec.JsonBytes;
import org.openbds.ethereum.codec.TraceStyle;
import org.openbds.ethereum.token.TokenHolding;
import org.openbds.ethereum.token.TokenStandard;

/**
 * What a source delivers for one Ethereum-family block: the node's answers in the {@link EthPayload} layout plus a
 * {@code "facts"} object with the {@link NodeFacts}: {@code {"uncles": [{"number": n, "miner": "0x…"}], "openings":
 * {"0x…": "<decimal wei>"}, "tokenCalls": {"0x…": {"name": "0x…" | null, "symbol": …, "decimals": …,
 * "totalSupply": …}}, "tokenOpenings": [{"token": "0x…", "standard": "ERC20" | "ERC721" | "ERC1155", "holder": "0x…" | null,
 * "tokenId": "<decimal>" | null, "heldBy": "0x…" | null, "amount": "<decimal>" | null}]}} — an opening without
 * {@code heldBy} and {@code amount} is one the contract gave no usable answer for.
 */
public record EthSourcePayload(EthBlockBundle bundle, NodeFacts facts) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CALLS = List.of("name", "symbol", "decimals", "totalSupply");
  private static final byte[] FACTS_KEY = ",\"facts\":".getBytes(StandardCharsets.UTF_8);

  public EthSourcePayload {
    requireNonNull(bundle, "bundle is null");
    requireNonNull(facts, "facts is null");
  }

  /** Decodes the node's answers alone (what a source needs to work out which facts to read). */
  public static EthBlockBundle bundle(JsonNode block, JsonNode receipts, TraceStyle style, JsonNode traces, String origin) {
    return EthPayload.decode(EthPayload.tree(block, receipts, style, traces), origin);
  }

  public static byte[] encode(JsonNode block, JsonNode receipts, TraceStyle style, JsonNode traces, NodeFacts facts) {
    return encode(EthPayload.Part.of(block), EthPayload.Part.of(receipts), style, EthPayload.Part.of(traces), facts);
  }

  /** The payload: the node's answers (copied as the node sent them where their bytes are known) and the facts. */
  public static byte[] encode(EthPayload.Part block, EthPayload.Part receipts, TraceStyle style, EthPayload.Part traces, NodeFacts facts) {
    int known = 0;
    for (EthPayload.Part p : List.of(block, receipts, traces)) {
      known += p.bytes().map(JsonBytes::length).orElse(0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(known + 4096);
    EthPayload.writeOpen(out, block, receipts, style, traces);
    out.writeBytes(FACTS_KEY);
    try {
      out.writeBytes(JSON.writeValueAsBytes(factsTree(facts)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree to memory cannot fail", e);
    }
    out.write('}');
    return out.toByteArray();
  }

  private static ObjectNode factsTree(NodeFacts facts) {
    ObjectNode f = JSON.createObjectNode();
    ArrayNode uncles = f.putArray("uncles");
    for (NativeBalanceChanges.Uncle u : facts.uncles()) {
      uncles.addObject().put("number", u.number()).put("miner", u.miner());
    }
    ObjectNode openings = f.putObject("openings");
    facts.openings().forEach((address, wei) -> openings.put(address, wei.toString()));
    ObjectNode tokens = f.putObject("tokenCalls");
    facts.tokenCalls().forEach((address, calls) -> {
      ObjectNode c = tokens.putObject(address);
      List<Optional<String>> answers = List.of(calls.name(), calls.symbol(), calls.decimals(), calls.totalSupply());
      for (int i = 0; i < CALLS.size(); i++) {
        c.set(CALLS.get(i), answers.get(i).<JsonNode>map(JSON.getNodeFactory()::textNode).orElse(NullNode.getInstance()));
      }
    });
    ArrayNode holdings = f.putArray("tokenOpenings");
    for (NodeFacts.TokenOpening o : facts.tokenOpenings().values()) {
      ObjectNode h = holdings.addObject();
      h.put("token", o.holding().token()).put("standard", o.holding().standard().name());
      h.put("holder", o.holding().holder().orElse(null));
      h.put("tokenId", o.holding().tokenId().map(BigInteger::toString).orElse(null));
      h.put("heldBy", o.held().map(TokenHolding.Held::holder).orElse(null));
      h.put("amount", o.held().map(held -> held.amount().toString()).orElse(null));
    }
    return f;
  }

  /** @throws BdsException {@link ErrorCode#MALFORMED_BLOCK} naming {@code origin} for anything but a payload {@link #encode} wrote */
  public static EthSourcePayload decode(byte[] payload, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw malformed(origin, "not a JSON payload: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw malformed(origin, "the payload is not a JSON object");
    }
    EthBlockBundle bundle = EthPayload.decode(root, origin);
    JsonNode f = root.get("facts");
    if (f == null || !f.isObject()) {
      throw malformed(origin, "the payload has no facts");
    }
    List<NativeBalanceChanges.Uncle> uncles = new ArrayList<>();
    for (JsonNode u : array(f, "uncles", origin)) {
      if (!u.path("number").canConvertToExactIntegral() || !u.path("miner").isTextual()) {
        throw malformed(origin, "an uncle needs a number and a miner: " + u);
      }
      uncles.add(new NativeBalanceChanges.Uncle(u.get("number").asLong(), u.get("miner").asText()));
    }
    if (uncles.size() != bundle.block().uncles().size()) {
      throw malformed(origin, uncles.size() + " uncle miners for " + bundle.block().uncles().size() + " uncles");
    }
    Map<String, BigInteger> openings = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object(f, "openings", origin).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        openings.put(e.getKey(), new BigInteger(e.getValue().asText("")));
      } catch (NumberFormatException x) {
        throw malformed(origin, "opening balance of " + e.getKey() + " is not an integer: " + e.getValue());
      }
    }
    Map<String, NodeFacts.TokenCalls> tokenCalls = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object(f, "tokenCalls", origin).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<Optional<String>> answers = new ArrayList<>();
      for (String call : CALLS) {
        JsonNode a = e.getValue().get(call);
        if (a == null || !(a.isNull() || a.isTextual())) {
          throw malformed(origin, "token " + e.getKey() + ": " + call + " must be a hex string or null");
        }
        answers.add(a.isNull() ? Optional.empty() : Optional.of(a.asText()));
      }
      tokenCalls.put(e.getKey(), new NodeFacts.TokenCalls(answers.get(0), answers.get(1), answers.get(2), answers.get(3)));
    }
    Map<String, NodeFacts.TokenOpening> tokenOpenings = new LinkedHashMap<>();
    for (JsonNode o : array(f, "tokenOpenings", origin)) {
      NodeFacts.TokenOpening opening = tokenOpening(o, origin);
      tokenOpenings.put(opening.holding().key(), opening);
    }
    return new EthSourcePayload(bundle, new NodeFacts(uncles, openings, tokenCalls, tokenOpenings));
  }

  private static NodeFacts.TokenOpening tokenOpening(JsonNode o, String origin) {
    try {
      TokenHolding holding =
          new TokenHolding(text(o, "token").orElseThrow(), TokenStandard.valueOf(text(o, "standard").orElseThrow()), text(o, "holder"),
              text(o, "tokenId").map(BigInteger::new));
      Optional<String> heldBy = text(o, "heldBy");
      Optional<BigInteger> amount = text(o, "amount").map(BigInteger::new);
      if (heldBy.isPresent() != amount.isPresent()) {
        throw malformed(origin, "a token opening needs both heldBy and amount, or neither: " + o);
      }
      return new NodeFacts.TokenOpening(holding, heldBy.map(h -> new TokenHolding.Held(h, amount.orElseThrow())));
    } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
      throw malformed(origin, "not a token opening: " + o);
    }
  }

  /** A string member, empty when null; anything else is malformed (thrown as an IllegalArgumentException). */
  private static Optional<String> text(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || !(v.isNull() || v.isTextual())) {
      throw new IllegalArgumentException(name);
    }
    return v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static JsonNode array(JsonNode f, String name, String origin) {
    JsonNode a = f.get(name);
    if (a == null || !a.isArray()) {
      throw malformed(origin, "facts." + name + " must be an array");
    }
    return a;
  }

  private static JsonNode object(JsonNode f, String name, String origin) {
    JsonNode o = f.get(name);
    if (o == null || !o.isObject()) {
      throw malformed(origin, "facts." + name + " must be an object");
    }
    return o;
  }

  private static BdsException malformed(String origin, String problem) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": " + problem);
  }
}
