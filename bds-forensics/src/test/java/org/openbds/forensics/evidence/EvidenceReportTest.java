package org.openbds.forensics.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.forensics.evidence.CaseFiles.HOSTILE_ADDRESS;
import static org.openbds.forensics.evidence.CaseFiles.HOSTILE_NOTE;
import static org.openbds.forensics.evidence.CaseFiles.UTXO;
import static org.openbds.forensics.evidence.CaseFiles.at;
import static org.openbds.forensics.evidence.CaseFiles.bytes;
import static org.openbds.forensics.evidence.CaseFiles.edited;
import static org.openbds.forensics.evidence.CaseFiles.hex;
import static org.openbds.forensics.evidence.CaseFiles.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openbds.forensics.taint.Rational;

/** The evidence report of a hand-made UTXO case: every figure, hop and re-check line, escaping, and the arithmetic it redoes. */
class EvidenceReportTest {
  private static final String TX1 = hex("a");
  private static final String TX2 = hex("d");
  private static final List<String> TAGS = List.of("!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "footer", "section", "h1",
      "h2", "h3", "p", "dl", "dt", "dd", "span", "div", "table", "caption", "thead", "tbody", "tr", "th", "td");

  @Test
  void theHeaderParametersAndSummaryShowTheCaseExactly() throws Exception {
    EvidenceReport report = EvidenceReport.read(bytes(UTXO));
    String html = report.html();
    String text = text(html);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(UTXO)));
    assertThat(report.evidenceCase().sha256()).isEqualTo(sha);
    assertThat(report.disagreements()).isZero();
    assertThat(text)
        .contains("Trace from ltc1qstart")
        .contains("chain ltc (network regtest)")
        .contains("warehouse tip height 150")
        .contains("warehouse tip hash " + hex("c"))
        .contains("software OpenBDS 0.1.0")
        .contains("created at 2026-11-20 10:00:00 UTC")
        .contains("case file SHA-256 " + sha)
        .contains("every figure re-added from the case file agrees with it");
    assertThat(text)
        .contains("direction forward: where the funds went")
        .contains("taint model haircut")
        .contains("Haircut: a transaction passes on the tainted share of what it spends.")
        .contains("hops 2 transaction(s) deep at most")
        .contains("minimum value 1000 (0.00001000 LTC)")
        .contains("since not set")
        .contains("until 2026-11-01 00:00:00 UTC")
        .contains("max transactions 100000")
        .contains("start " + hex("1") + ":0")
        .contains(HOSTILE_ADDRESS + " " + HOSTILE_NOTE);
    assertThat(text)
        .contains("started 100000000 (1.00000000 LTC)")
        .contains("frontier 99986667 (0.99986667 LTC)")
        .contains("fees 13333 (0.00013333 LTC)")
        .contains("transactions 2")
        .contains("frontier outputs 3")
        .contains("truncated no")
        .contains("balances yes: started = frontier + fees, exactly")
        .contains("✓ transactions: 2 steps listed (the summary says 2)")
        .contains("✓ frontier taint: the entries' taint adds up to 99986667 (the summary says 99986667)")
        .contains("✓ fees: the steps' fee taint adds up to 13333 (the summary says 13333)")
        .contains("✓ balance: frontier + fees = 100000000 = started 100000000 (the summary says balances: true)");
  }

  @Test
  void everyHopShowsItsTransactionBlockInputsAndOutputs() {
    String text = text(EvidenceReport.read(bytes(UTXO)).html());
    // a time just before midnight UTC stays on its UTC day (the tests run in another zone)
    assertThat(text).contains("Hop 1 · transaction " + TX1 + " block height 101 block hash " + hex("b1") + " time 2026-10-31 23:30:00 UTC"
        + " fee 10000 (0.00010000 LTC) fee taint 6667 (0.00006667 LTC)");
    assertThat(text).contains("0 " + hex("1") + ":0 ltc1qstart 100000000 1.00000000 LTC 100000000 1.00000000 LTC");
    assertThat(text).contains("1 " + hex("2") + ":1 ltc1qother 50000000 0.50000000 LTC —");
    assertThat(text).contains("0 ltc1qmule suspect: Mule (osint, analyst, 2026-11-20) 120000000 1.20000000 LTC 80000000 0.80000000 LTC");
    assertThat(text).contains("1 ltc1qchange 29990000 0.29990000 LTC 19993333 0.19993333 LTC");
    assertThat(text).contains("Hop 2 · transaction " + TX2 + " block height 102 block hash " + hex("b2") + " time 2026-11-01 08:00:05 UTC");
    assertThat(text).contains("0 " + HOSTILE_ADDRESS + " exchange: Evil & Co <img src=x onerror=alert(2)> (list, analyst, 2026-11-20) 100000000");
    assertThat(text).contains("Frontier").contains(TX1 + ":1 ltc1qchange 29990000 0.29990000 LTC 19993333 0.19993333 LTC 1 unspent")
        .contains(TX2 + ":0 " + HOSTILE_ADDRESS).contains("66666667 0.66666667 LTC 2 stop_address " + HOSTILE_NOTE)
        .contains(TX2 + ":1 ltc1qlast 19990000 0.19990000 LTC 13326667 0.13326667 LTC 2 hop_limit");
    assertThat(text).contains("Labels").contains("ltc1qmule suspect: Mule (osint, analyst, 2026-11-20)");
  }

  @Test
  void eachStepSaysWhichNodeCallsAndArithmeticReCheckIt() {
    String text = text(EvidenceReport.read(bytes(UTXO)).html());
    assertThat(text).contains("getblockhash 150 → " + hex("c"));
    assertThat(text).contains("getblockhash 101 → " + hex("b1"));
    assertThat(text).contains("getblockheader " + hex("b1") + " → \"height\": 101, \"time\": 1793489400 (2026-10-31 23:30:00 UTC)");
    assertThat(text).contains("getrawtransaction " + TX1 + " true " + hex("b1") + " → \"txid\": \"" + TX1 + "\", \"blockhash\": \"" + hex("b1") + "\"");
    assertThat(text).contains("vin[1]: \"txid\": \"" + hex("2") + "\", \"vout\": 1");
    assertThat(text).contains("vout[1]: \"value\": 0.29990000, \"scriptPubKey\": {\"address\": \"ltc1qchange\"}");
    assertThat(text).contains("getrawtransaction " + hex("2") + " true → vout[1]: \"value\": 0.50000000, \"scriptPubKey\": {\"address\": \"ltc1qother\"}");
    assertThat(text).contains("inputs: 100000000 + 50000000 = 150000000").contains("outputs: 120000000 + 29990000 = 149990000")
        .contains("✓ fee = 150000000 − 149990000 = 10000 (the case says 10000)");
    assertThat(text).contains("taint, haircut forward: tainted inputs: vin 0 100000000 = 100000000")
        .contains("✓ vout 0: 120000000 × 100000000 / 150000000 = 80000000 remainder 0 → 80000000 (the case says 80000000)")
        .contains("✓ vout 1: 29990000 × 100000000 / 150000000 = 19993333 remainder 50000000 → 19993333 (the case says 19993333)")
        .contains("✓ fee: 10000 × 100000000 / 150000000 = 6666 remainder 100000000 → 6667 (the case says 6667)")
        .contains("✓ conserved: 80000000 + 19993333 + 6667 = 100000000 = tainted inputs 100000000");
    // hop 2: three equal remainders, the two units left go to the earlier parts
    assertThat(text).contains("the 2 unit(s) left go one each to the largest remainders, the earlier on a tie (vout 0, vout 1)")
        .contains("✓ vout 0: 100000000 × 80000000 / 120000000 = 66666666 remainder 80000000 → 66666667 (the case says 66666667)")
        .contains("✓ fee: 10000 × 80000000 / 120000000 = 6666 remainder 80000000 → 6666 (the case says 6666)");
    assertThat(text).contains("gettxout " + TX1 + " 1 → \"value\": 0.29990000, \"scriptPubKey\": {\"address\": \"ltc1qchange\"}");
    assertThat(text).doesNotContain("gettxout " + TX2).doesNotContain("DOES NOT AGREE").doesNotContain("DO NOT AGREE");
  }

  @Test
  void hostileTextStaysTextAndThePageFetchesNothing() {
    String html = EvidenceReport.read(bytes(UTXO)).html();
    assertThat(html).doesNotContain(HOSTILE_ADDRESS).doesNotContain("<img").doesNotContain("<script").doesNotContain("http://")
        .doesNotContain("https://").doesNotContain("url(").doesNotContain("@import");
    // every tag is one the report writes, with only the attributes it writes: nothing to fetch, nothing to run
    Matcher tags = Pattern.compile("<(/?)([a-zA-Z0-9!]+)([^>]*)>").matcher(html);
    while (tags.find()) {
      assertThat(tags.group(2)).isIn(TAGS);
      assertThat(tags.group(3).replaceAll("\\s*(class|id|lang|charset|http-equiv|content|name)=\"[^\"<>]*\"", "").trim()).isIn("", "html");
    }
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("Evil &amp; Co &lt;img src=x onerror=alert(2)&gt;");
    assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    byte[] quotes = edited(UTXO, root -> at(root, "/request").put("from", "\"><svg onload=alert(3)>\u0007"));
    String attack = EvidenceReport.read(quotes).html();
    assertThat(attack).doesNotContain("<svg").contains("&quot;&gt;&lt;svg onload=alert(3)&gt;\uFFFD");
  }

  @Test
  void aFigureTheFileGetsWrongIsMarked() {
    byte[] fee = edited(UTXO, root -> at(root, "/steps/0").put("fee", 9999));
    // the fee itself, and the haircut shares a fee of 9999 would give: the unit left over goes to vout 1, not the fee
    assertThat(EvidenceReport.read(fee).disagreements()).isEqualTo(3);
    String text = text(EvidenceReport.read(fee).html());
    assertThat(text).contains("✗ DOES NOT AGREE: fee = 150000000 − 149990000 = 10000 (the case says 9999)")
        .contains("figure(s) of the case file DO NOT AGREE with its own arithmetic");
    byte[] taint = edited(UTXO, root -> at(root, "/steps/0/outputs/1").put("taint", "19993334"));
    assertThat(text(EvidenceReport.read(taint).html()))
        .contains("✗ DOES NOT AGREE: vout 1: 29990000 × 100000000 / 150000000 = 19993333 remainder 50000000 → 19993333 (the case says 19993334)")
        .contains("✗ DOES NOT AGREE: conserved: 80000000 + 19993334 + 6667 = 100000001 ≠ tainted inputs 100000000");
    byte[] summary = edited(UTXO, root -> at(root, "/summary").put("transactions", 3).put("balances", false));
    assertThat(text(EvidenceReport.read(summary).html()))
        .contains("✗ DOES NOT AGREE: transactions: 2 steps listed (the summary says 3)")
        .contains("✗ DOES NOT AGREE: balance: frontier + fees = 100000000 = started 100000000 (the summary says balances: false)");
  }

  @Test
  void fifoPositionsAreRedoneThroughTheStream() {
    // vin 0 (100) clean, vin 1 (200) tainted at [50, 200): the stream's tainted positions are [150, 300); vout 0 takes
    // [0, 120) (clean), vout 1 [120, 290) (tainted [30, 170) of it: 140), the fee [290, 300) (10)
    byte[] fifo = edited(UTXO, root -> {
      at(root, "/request").put("taint_model", "fifo");
      ArrayNode steps = (ArrayNode) root.get("steps");
      steps.remove(1);
      at(root, "/steps/0").put("fee", 10).put("fee_taint", "10");
      at(root, "/steps/0/inputs/0").put("value", 100).putNull("taint");
      at(root, "/steps/0/inputs/1").put("value", 200).put("taint", "150").putArray("taint_ranges").addArray().add(50).add(200);
      at(root, "/steps/0/outputs/0").put("value", 120).putNull("taint");
      at(root, "/steps/0/outputs/1").put("value", 170).put("taint", "140").putArray("taint_ranges").addArray().add(30).add(170);
    });
    String text = text(EvidenceReport.read(fifo).html());
    assertThat(text).contains("First in, first out: a transaction's inputs are laid end to end in input order")
        .contains("stream: vin 0 [0, 100), vin 1 [100, 300); tainted positions: [150, 300)")
        .contains("✓ vout 0 takes [0, 120): tainted 0 (the case says 0)")
        .contains("✓ vout 1 takes [120, 290): tainted 140 at [30, 170) (the case says 140 at [30, 170))")
        .contains("✓ fee takes [290, 300): tainted 10 at [0, 10) (the case says 10)")
        .contains("✓ conserved: 0 + 140 + 10 = 150 = tainted inputs 150")
        .contains("170 0.00000170 LTC 140 0.00000140 LTC FIFO [30, 170)");
    byte[] moved = edited(new String(fifo, java.nio.charset.StandardCharsets.UTF_8),
        root -> ((ArrayNode) at(root, "/steps/0/outputs/1").get("taint_ranges").get(0)).set(0, 29).set(1, 169));
    assertThat(text(EvidenceReport.read(moved).html()))
        .contains("✗ DOES NOT AGREE: vout 1 takes [120, 290): tainted 140 at [30, 170) (the case says 140 at [29, 169))");
  }

  @Test
  void backwardHaircutAndPoisonShareTheTracedAmountOverTheInputs() {
    // one step: vout 0 (250 of 290 out) traced whole; inputs 100 and 200: 250 × 100 / 300 = 83 r 100, 250 × 200 / 300 = 166 r 200 → 167
    byte[] haircut = edited(UTXO, root -> {
      at(root, "/request").put("direction", "backward");
      ((ArrayNode) root.get("steps")).remove(1);
      at(root, "/steps/0").put("fee", 10).put("fee_taint", "0");
      at(root, "/steps/0/inputs/0").put("value", 100).put("taint", "83");
      at(root, "/steps/0/inputs/1").put("value", 200).put("taint", "167");
      at(root, "/steps/0/outputs/0").put("value", 250).put("taint", "250");
      at(root, "/steps/0/outputs/1").put("value", 40).putNull("taint");
    });
    String text = text(EvidenceReport.read(haircut).html());
    assertThat(text).contains("direction backward: where the funds came from").contains("Haircut, backward: the traced amount")
        .contains("✓ fee taint: backward, nothing is traced into the fee: 0 (the case says 0)")
        .contains("traced outputs: vout 0 250 = 250")
        .contains("✓ vin 0: 100 × 250 / 300 = 83 remainder 100 → 83 (the case says 83)")
        .contains("✓ vin 1: 200 × 250 / 300 = 166 remainder 200 → 167 (the case says 167)")
        .contains("✓ conserved: 83 + 167 = 250 = traced outputs 250");
    byte[] poison = edited(new String(haircut, java.nio.charset.StandardCharsets.UTF_8), root -> {
      at(root, "/request").put("taint_model", "poison");
      at(root, "/steps/0/inputs/1").put("taint", "200");
    });
    assertThat(text(EvidenceReport.read(poison).html())).contains("Poison, backward: every input")
        .contains("✓ vin 1: tainted whole: 200 (the case says 200)")
        .contains("✗ DOES NOT AGREE: vin 0: tainted whole: 100 (the case says 83)")
        .doesNotContain("conserved");
  }

  @Test
  void anAmountBeyondSixtyFourBitsAndAnExactFractionReadExactly() {
    byte[] big = edited(UTXO, root -> at(root, "/summary").put("started", "18446744073709551616").put("frontier", "1/3"));
    EvidenceReport report = EvidenceReport.read(big);
    assertThat(report.evidenceCase().summary().started()).isEqualTo(new Rational(BigInteger.TWO.pow(64), BigInteger.ONE));
    assertThat(report.evidenceCase().summary().frontier()).isEqualTo(new Rational(BigInteger.ONE, BigInteger.valueOf(3)));
    assertThat(text(report.html())).contains("started 18446744073709551616 (184467440737.09551616 LTC)")
        .contains("frontier 1/3 (≈ 0.00000000 LTC)");
  }

  @Test
  void theSameCaseFileGivesTheSameReport() {
    assertThat(EvidenceReport.read(bytes(UTXO)).html()).isEqualTo(EvidenceReport.read(bytes(UTXO)).html());
  }
}
