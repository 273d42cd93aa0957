package org.openbds.forensics.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openbds.forensics.evidence.EvidenceCase.AccountFrontier;
import org.openbds.forensics.evidence.EvidenceCase.AccountStep;
import org.openbds.forensics.evidence.EvidenceCase.Chain;
import org.openbds.forensics.evidence.EvidenceCase.FrontierEntry;
import org.openbds.forensics.evidence.EvidenceCase.Input;
import org.openbds.forensics.evidence.EvidenceCase.Model;
import org.openbds.forensics.evidence.EvidenceCase.Output;
import org.openbds.forensics.evidence.EvidenceCase.Request;
import org.openbds.forensics.evidence.EvidenceCase.Step;
import org.openbds.forensics.evidence.EvidenceCase.Summary;
import org.openbds.forensics.evidence.EvidenceCase.Transfer;
import org.openbds.forensics.evidence.EvidenceCase.UtxoFrontier;
import org.openbds.forensics.evidence.EvidenceCase.UtxoStep;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.Taint;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.Trace;

/**
 * Reads a case file strictly: UTF-8 JSON, one object, no duplicate keys, format {@value CaseFile#FORMAT}, and every
 * required field present with its type — hashes as hex, amounts as exact integers. Fields it does not know are left
 * alone, so that a later writer may add some.
 */
final class CaseFileReader {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private static final Pattern UTXO_HASH = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern ACCOUNT_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern ACCOUNT_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern ASSET = Pattern.compile("native|0x[0-9a-fA-F]{40}");
  private static final Pattern REASON = Pattern.compile("[a-z][a-z_]*");
  private static final List<String> UTXO_REASONS = Arrays.stream(Trace.Reason.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList();
  private static final List<String> DIRECTIONS = List.of("forward", "backward");
  private static final List<String> MODELS = List.of("poison", "haircut", "fifo");
  private static final List<String> KINDS = List.of("native", "internal", "token");

  private final Model model;

  private CaseFileReader(Model model) {
    this.model = model;
  }

  /** The case file in {@code bytes}; throws {@link CaseFileException} naming the first faulty field. */
  static EvidenceCase read(byte[] bytes) {
    String sha256 = sha256(bytes);
    CaseFileField root = new CaseFileField(parse(decode(bytes)), "");
    String format = root.get("format").text();
    if (!format.equals(CaseFile.FORMAT)) {
      throw root.get("format").wrong(CaseFile.FORMAT + " (this reads no other format)");
    }
    Model model = root.optional("model").map(m -> Model.valueOf(m.oneOf(List.of("utxo", "account")).toUpperCase(Locale.ROOT))).orElse(Model.UTXO);
    return new CaseFileReader(model).evidence(root, sha256);
  }

  private EvidenceCase evidence(CaseFileField root, String sha256) {
    CaseFileField chain = root.get("chain");
    Chain c = new Chain(
        chain.get("id").text(Pattern.compile("[a-z0-9][a-z0-9_-]*"), "a chain id such as ltc or eth"), chain.get("network").text(),
        chain.get("tip_height").integer(0, Long.MAX_VALUE), chain.get("tip_hash").text(hash(), hashDescription()));
    List<Step> steps = new ArrayList<>();
    for (CaseFileField s : root.get("steps").array()) {
      steps.add(model == Model.UTXO ? utxoStep(s) : accountStep(s));
    }
    List<FrontierEntry> frontier = new ArrayList<>();
    for (CaseFileField f : root.get("frontier").array()) {
      frontier.add(model == Model.UTXO ? utxoFrontier(f) : accountFrontier(f));
    }
    Map<String, List<String>> labels = new LinkedHashMap<>();
    root.get("labels").fields().forEach((address, list) -> labels.put(address, list.array().stream().map(CaseFileField::text).toList()));
    return new EvidenceCase(sha256, model, root.get("created_at").instant(), root.get("software").text(), c, request(root.get("request")),
        summary(root.get("summary"), model), steps, frontier, labels);
  }

  private Request request(CaseFileField r) {
    Map<String, String> stops = new LinkedHashMap<>();
    r.get("stop_at").fields().forEach((address, note) -> stops.put(address, note.text()));
    List<String> start = new ArrayList<>();
    Optional<CaseFileField> starts = model == Model.UTXO ? Optional.of(r.get("start")) : r.optional("start");
    for (CaseFileField s : starts.map(CaseFileField::array).orElse(List.of())) {
      start.add(model == Model.UTXO ? outpoint(s).toString() : s.text());
    }
    Optional<String> asset = model == Model.ACCOUNT ? Optional.of(r.get("asset").text(ASSET, "native or a token contract's address (0x and 40 hex digits)"))
        : Optional.empty();
    return new Request(
        r.get("from").text(), Direction.valueOf(r.get("direction").oneOf(DIRECTIONS).toUpperCase(Locale.ROOT)),
        TaintModel.valueOf(r.get("taint_model").oneOf(MODELS).toUpperCase(Locale.ROOT)), (int) r.get("hops").integer(1, Integer.MAX_VALUE),
        r.get("min_value").units(), r.optional("until").map(CaseFileField::instant), r.optional("since").map(CaseFileField::instant), Map.copyOf(stops),
        r.get("max_transactions").integer(1, Long.MAX_VALUE), List.copyOf(start), asset);
  }

  private static Summary summary(CaseFileField s, Model model) {
    return new Summary(
        s.get("started").amount(), s.get("frontier").amount(), s.get("fees").amount(), s.get("transactions").integer(0, Long.MAX_VALUE),
        s.get(model == Model.UTXO ? "frontier_outputs" : "frontier_accounts").integer(0, Long.MAX_VALUE), s.get("truncated").bool(), s.get("balances").bool());
  }

  private UtxoStep utxoStep(CaseFileField s) {
    List<Input> inputs = new ArrayList<>();
    for (CaseFileField i : s.get("inputs").array()) {
      inputs.add(new Input(i.get("vin").index(), outpoint(i.get("spends")), i.optional("address").map(CaseFileField::text), i.get("value").units(),
          taint(i), ranges(i)));
    }
    List<Output> outputs = new ArrayList<>();
    for (CaseFileField o : s.get("outputs").array()) {
      outputs.add(new Output(o.get("vout").index(), o.optional("address").map(CaseFileField::text), o.get("value").units(), taint(o), ranges(o)));
    }
    return new UtxoStep(s.get("hop").index(), s.get("txid").text(hash(), hashDescription()), s.get("block_height").integer(0, Long.MAX_VALUE),
        s.get("block_hash").text(hash(), hashDescription()), s.get("time").instant(), s.get("fee").units(), s.get("fee_taint").amount(),
        inputs, outputs);
  }

  private AccountStep accountStep(CaseFileField s) {
    List<Transfer> transfers = new ArrayList<>();
    for (CaseFileField t : s.get("transfers").array()) {
      transfers.add(new Transfer(t.get("index").index(), t.get("kind").oneOf(KINDS),
          t.get("asset").text(ASSET, "native or a token contract's address (0x and 40 hex digits)"), accountAddress(t.get("from")),
          accountAddress(t.get("to")), t.get("value").units(), taint(t)));
    }
    return new AccountStep(s.get("hop").index(), s.get("txid").text(hash(), hashDescription()), s.get("block_height").integer(0, Long.MAX_VALUE),
        s.get("block_hash").text(hash(), hashDescription()), s.get("time").instant(), s.get("fee").units(), s.get("fee_taint").amount(), transfers);
  }

  private UtxoFrontier utxoFrontier(CaseFileField f) {
    return new UtxoFrontier(outpoint(f.get("output")), f.optional("address").map(CaseFileField::text), f.get("value").units(), f.get("taint").amount(),
        ranges(f), f.get("hop").index(), f.get("reason").oneOf(UTXO_REASONS), f.optional("note").map(CaseFileField::text));
  }

  private static AccountFrontier accountFrontier(CaseFileField f) {
    return new AccountFrontier(accountAddress(f.get("address")),
        f.get("asset").text(ASSET, "native or a token contract's address (0x and 40 hex digits)"), f.get("value").units(), f.get("taint").amount(),
        f.get("hop").index(), f.get("reason").text(REASON, "a reason in lowercase words joined by _"), f.optional("note").map(CaseFileField::text));
  }

  private static Optional<Rational> taint(CaseFileField f) {
    return f.optional("taint").map(CaseFileField::amount);
  }

  /** FIFO's tainted positions {@code [[start, end], …]} in a value, when the file gives them. */
  private static List<Taint.Range> ranges(CaseFileField f) {
    List<Taint.Range> out = new ArrayList<>();
    for (CaseFileField r : f.optional("taint_ranges").map(CaseFileField::array).orElse(List.of())) {
      List<CaseFileField> ends = r.array();
      if (ends.size() != 2) {
        throw r.wrong("a range [start, end]");
      }
      long start = ends.get(0).integer(0, Long.MAX_VALUE);
      long end = ends.get(1).integer(start, Long.MAX_VALUE);
      out.add(new Taint.Range(start, end));
    }
    return List.copyOf(out);
  }

  private static Outpoint outpoint(CaseFileField f) {
    String text = f.text();
    try {
      return Outpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw f.wrong("an output written txid:vout (" + e.getMessage() + ")", e);
    }
  }

  private static String accountAddress(CaseFileField f) {
    return f.text(ACCOUNT_ADDRESS, "an address (0x and 40 hex digits)");
  }

  private Pattern hash() {
    return model == Model.UTXO ? UTXO_HASH : ACCOUNT_HASH;
  }

  private String hashDescription() {
    return model == Model.UTXO ? "a hash of 64 hex digits" : "a hash of 0x and 64 hex digits";
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new CaseFileException("", "not a case file: the file is not UTF-8 text", e);
    }
  }

  private static JsonNode parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new CaseFileException("", "not a case file: not JSON: " + e.getOriginalMessage().replaceAll("\\p{Cntrl}", "?") + where, e);
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new CaseFileException("", "not a case file: a case file is one JSON object");
    }
    return root;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
