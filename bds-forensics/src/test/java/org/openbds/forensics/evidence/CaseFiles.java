package org.openbds.forensics.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Hand-made case files for the evidence report's tests, and what a reader sees of a report. */
final class CaseFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String HOSTILE_ADDRESS = "<script>alert(1)</script>";
  static final String HOSTILE_NOTE = "exchange: Evil & Co <img src=x onerror=alert(2)>";

  /**
   * A forward haircut trace over two hops of Litecoin. Hop 1 spends the stolen 1 LTC with 0.5 LTC of someone else's:
   * 100000000 tainted of 150000000 in; out 120000000 and 29990000, fee 10000. Haircut: 80000000, 19993333 (remainder
   * 50000000) and a fee of 6666 (remainder 100000000) take the unit left: 6667. Hop 2 spends the 80000000 tainted of
   * 120000000: out 100000000 and 19990000, fee 10000, every remainder 80000000, so the two units left go to the two
   * outputs: 66666667, 13326667, fee 6666.
   */
  static final String UTXO = """
      {
        "format": "openbds-case/1",
        "created_at": "2026-11-20T10:00:00Z",
        "software": "OpenBDS 0.1.0",
        "chain": {"id": "ltc", "network": "regtest", "tip_height": 150, "tip_hash": "%1$s"},
        "request": {
          "from": "ltc1qstart",
          "direction": "forward",
          "taint_model": "haircut",
          "hops": 2,
          "min_value": 1000,
          "until": "2026-11-01T00:00:00Z",
          "since": null,
          "stop_at": {"<script>alert(1)</script>": "exchange: Evil & Co <img src=x onerror=alert(2)>"},
          "max_transactions": 100000,
          "start": ["%2$s:0"]
        },
        "summary": {"started": "100000000", "frontier": "99986667", "fees": "13333", "transactions": 2, "frontier_outputs": 3,
                    "truncated": false, "balances": true},
        "steps": [
          {"hop": 1, "txid": "%3$s", "block_height": 101, "block_hash": "%4$s", "time": "2026-10-31T23:30:00Z", "fee": 10000,
           "fee_taint": "6667",
           "inputs": [
             {"vin": 0, "spends": "%2$s:0", "address": "ltc1qstart", "value": 100000000, "taint": "100000000"},
             {"vin": 1, "spends": "%5$s:1", "address": "ltc1qother", "value": 50000000, "taint": null}],
           "outputs": [
             {"vout": 0, "address": "ltc1qmule", "value": 120000000, "taint": "80000000"},
             {"vout": 1, "address": "ltc1qchange", "value": 29990000, "taint": "19993333"}]},
          {"hop": 2, "txid": "%6$s", "block_height": 102, "block_hash": "%7$s", "time": "2026-11-01T08:00:05Z", "fee": 10000,
           "fee_taint": "6666",
           "inputs": [
             {"vin": 0, "spends": "%3$s:0", "address": "ltc1qmule", "value": 120000000, "taint": "80000000"}],
           "outputs": [
             {"vout": 0, "address": "<script>alert(1)</script>", "value": 100000000, "taint": "66666667"},
             {"vout": 1, "address": "ltc1qlast", "value": 19990000, "taint": "13326667"}]}
        ],
        "labels": {
          "<script>alert(1)</script>": ["exchange: Evil & Co <img src=x onerror=alert(2)> (list, analyst, 2026-11-20)"],
          "ltc1qmule": ["suspect: Mule (osint, analyst, 2026-11-20)"]
        },
        "frontier": [
          {"output": "%3$s:1", "address": "ltc1qchange", "value": 29990000, "hop": 1, "reason": "unspent", "taint": "19993333"},
          {"output": "%6$s:0", "address": "<script>alert(1)</script>", "value": 100000000, "hop": 2, "reason": "stop_address",
           "note": "exchange: Evil & Co <img src=x onerror=alert(2)>", "taint": "66666667"},
          {"output": "%6$s:1", "address": "ltc1qlast", "value": 19990000, "hop": 2, "reason": "hop_limit", "taint": "13326667"}
        ]
      }
      """.formatted(hex("c"), hex("1"), hex("a"), hex("b1"), hex("2"), hex("d"), hex("b2"));

  private CaseFiles() {}

  /** 64 hex digits: {@code digits} repeated. */
  static String hex(String digits) {
    return digits.repeat(64 / digits.length());
  }

  static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code json} changed by {@code change}, written again. */
  static byte[] edited(String json, Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(json);
      change.accept(root);
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a test case file is not JSON", e);
    }
  }

  /** The object at {@code pointer} ({@code /steps/0/inputs/1}) of {@code root}. */
  static ObjectNode at(JsonNode root, String pointer) {
    return (ObjectNode) root.at(pointer);
  }

  /** What a reader of the page sees: its text, tags dropped and entities read. */
  static String text(String html) {
    return html.replaceAll("<style>[^<]*</style>", "").replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&").replaceAll("[ \\n]+", " ");
  }
}
