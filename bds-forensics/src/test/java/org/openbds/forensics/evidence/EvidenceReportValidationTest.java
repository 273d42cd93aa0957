package org.openbds.forensics.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openbds.forensics.evidence.CaseFiles.UTXO;
import static org.openbds.forensics.evidence.CaseFiles.at;
import static org.openbds.forensics.evidence.CaseFiles.bytes;
import static org.openbds.forensics.evidence.CaseFiles.edited;
import static org.openbds.forensics.evidence.EvidenceReportAccountTest.ACCOUNT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A file that is not a case file is refused with a typed error naming the field at fault. */
class EvidenceReportValidationTest {

  @Test
  void aFileThatIsNotJsonOrNotUtf8OrNotAnObjectIsRefusedAsAWhole() {
    assertRefused(bytes("{\"format\": "), "", "not a case file: not JSON");
    assertRefused(bytes("<html>case</html>"), "", "not JSON");
    assertRefused(new byte[] {'{', '"', (byte) 0xff, '"', '}'}, "", "not UTF-8");
    assertRefused(bytes("[1, 2]"), "", "a case file is one JSON object");
    assertRefused(bytes(""), "", "a case file is one JSON object");
    assertRefused(bytes(UTXO + " {}"), "", "not JSON");
    assertRefused(bytes("{\"format\": \"openbds-case/1\", \"format\": \"openbds-case/1\"}"), "", "Duplicate field 'format'");
  }

  @Test
  void anotherFormatOrModelIsRefused() {
    assertRefused(utxo(r -> r.put("format", "openbds-case/2")), "format", "must be openbds-case/1 (this reads no other format), not \"openbds-case/2\"");
    assertRefused(utxo(r -> r.remove("format")), "format", "the field is missing");
    assertRefused(utxo(r -> r.put("format", 1)), "format", "must be text, not 1");
    assertRefused(utxo(r -> r.put("model", "plasma")), "model", "must be one of utxo, account, not \"plasma\"");
  }

  @Test
  void eachRequiredFieldMissingOrGarbledIsNamed() {
    assertRefused(utxo(r -> r.remove("created_at")), "created_at", "the field is missing");
    assertRefused(utxo(r -> r.put("created_at", "yesterday")), "created_at", "must be an instant such as 2026-10-31T12:00:00Z");
    assertRefused(utxo(r -> at(r, "/chain").remove("tip_height")), "chain.tip_height", "the field is missing");
    assertRefused(utxo(r -> at(r, "/chain").put("tip_height", -1)), "chain.tip_height", "must be an integer from 0 to");
    assertRefused(utxo(r -> at(r, "/chain").put("tip_hash", "00")), "chain.tip_hash", "must be a hash of 64 hex digits");
    assertRefused(utxo(r -> at(r, "/chain").put("id", "<b>")), "chain.id", "a chain id");
    assertRefused(utxo(r -> at(r, "/request").put("direction", "sideways")), "request.direction", "must be one of forward, backward");
    assertRefused(utxo(r -> at(r, "/request").put("taint_model", "lifo")), "request.taint_model", "must be one of poison, haircut, fifo");
    assertRefused(utxo(r -> at(r, "/request").put("hops", 0)), "request.hops", "must be an integer from 1 to");
    assertRefused(utxo(r -> at(r, "/request").put("hops", "2")), "request.hops", "must be an integer");
    assertRefused(utxo(r -> at(r, "/request").put("min_value", -1)), "request.min_value", "a whole number of base units");
    assertRefused(utxo(r -> at(r, "/request").put("until", "soon")), "request.until", "an instant");
    assertRefused(utxo(r -> at(r, "/request").putArray("stop_at")), "request.stop_at", "must be an object");
    assertRefused(utxo(r -> at(r, "/request").putArray("start").add("abc")), "request.start[0]", "an output written txid:vout");
    assertRefused(utxo(r -> at(r, "/request").remove("start")), "request.start", "the field is missing");
    assertRefused(utxo(r -> at(r, "/summary").put("started", 1.5)), "summary.started", "an amount of base units");
    assertRefused(utxo(r -> at(r, "/summary").put("started", "1/0")), "summary.started", "an amount of base units");
    assertRefused(utxo(r -> at(r, "/summary").put("balances", "yes")), "summary.balances", "must be true or false, not \"yes\"");
    assertRefused(utxo(r -> at(r, "/summary").putNull("fees")), "summary.fees", "must not be null");
    assertRefused(utxo(r -> r.remove("steps")), "steps", "the field is missing");
    assertRefused(utxo(r -> r.putObject("steps")), "steps", "must be an array");
    assertRefused(utxo(r -> at(r, "/steps/1").remove("txid")), "steps[1].txid", "the field is missing");
    assertRefused(utxo(r -> at(r, "/steps/1").put("txid", "zz")), "steps[1].txid", "must be a hash of 64 hex digits, not \"zz\"");
    assertRefused(utxo(r -> at(r, "/steps/0").put("time", 1793489400)), "steps[0].time", "must be text");
    assertRefused(utxo(r -> at(r, "/steps/0").put("fee", "10 000")), "steps[0].fee", "a whole number of base units");
    assertRefused(utxo(r -> at(r, "/steps/0/inputs/1").put("value", 1.5)), "steps[0].inputs[1].value", "a whole number of base units");
    assertRefused(utxo(r -> at(r, "/steps/0/inputs/1").put("value", -5)), "steps[0].inputs[1].value", "not negative");
    assertRefused(utxo(r -> at(r, "/steps/0/inputs/0").put("spends", "x:1")), "steps[0].inputs[0].spends", "a txid must be 64 hex digits");
    assertRefused(utxo(r -> at(r, "/steps/0/outputs/0").put("vout", -1)), "steps[0].outputs[0].vout", "an integer from 0");
    assertRefused(utxo(r -> at(r, "/steps/0/outputs/0").put("taint", "lots")), "steps[0].outputs[0].taint", "an amount of base units");
    assertRefused(utxo(r -> at(r, "/steps/0/outputs/0").putArray("taint_ranges").addArray().add(5)), "steps[0].outputs[0].taint_ranges[0]",
        "a range [start, end]");
    assertRefused(utxo(r -> at(r, "/steps/0/outputs/0").putArray("taint_ranges").addArray().add(5).add(4)), "steps[0].outputs[0].taint_ranges[0][1]",
        "an integer from 5");
    assertRefused(utxo(r -> at(r, "/frontier/2").put("reason", "vanished")), "frontier[2].reason", "must be one of unspent, mined, hop_limit");
    assertRefused(utxo(r -> at(r, "/frontier/0").put("output", "nothing")), "frontier[0].output", "an output written txid:vout");
    assertRefused(utxo(r -> at(r, "/frontier/0").putNull("taint")), "frontier[0].taint", "must not be null");
    assertRefused(utxo(r -> at(r, "/labels").put("ltc1qmule", "suspect")), "labels.ltc1qmule", "must be an array");
  }

  @Test
  void anAccountCaseIsHeldToItsOwnShape() {
    assertRefused(account(r -> at(r, "/request").remove("asset")), "request.asset", "the field is missing");
    assertRefused(account(r -> at(r, "/request").put("asset", "usdt")), "request.asset", "native or a token contract's address");
    assertRefused(account(r -> at(r, "/chain").put("tip_hash", "ef".repeat(32))), "chain.tip_hash", "a hash of 0x and 64 hex digits");
    assertRefused(account(r -> at(r, "/steps/0/transfers/0").put("kind", "magic")), "steps[0].transfers[0].kind",
        "must be one of native, internal, token, not \"magic\"");
    assertRefused(account(r -> at(r, "/steps/0/transfers/1").put("to", "<script>")), "steps[0].transfers[1].to", "an address (0x and 40 hex digits)");
    assertRefused(account(r -> at(r, "/steps/0/transfers/1").put("value", "1e30")), "steps[0].transfers[1].value", "a whole number of base units");
    assertRefused(account(r -> at(r, "/steps/0").remove("transfers")), "steps[0].transfers", "the field is missing");
    assertRefused(account(r -> at(r, "/frontier/0").remove("asset")), "frontier[0].asset", "the field is missing");
    assertRefused(account(r -> at(r, "/frontier/0").put("reason", "Stop Here")), "frontier[0].reason", "a reason in lowercase words");
  }

  @Test
  void fieldsTheReaderDoesNotKnowAreLeftAlone() {
    EvidenceReport report = EvidenceReport.read(utxo(r -> {
      r.put("comment", "added by a later writer");
      at(r, "/steps/0").put("weight", 561);
    }));
    assertThat(report.evidenceCase().steps()).hasSize(2);
  }

  private static byte[] utxo(Consumer<ObjectNode> change) {
    return edited(UTXO, change);
  }

  private static byte[] account(Consumer<ObjectNode> change) {
    return edited(ACCOUNT, change);
  }

  private static void assertRefused(byte[] file, String field, String message) {
    CaseFileException e = catchThrowableOfType(CaseFileException.class, () -> EvidenceReport.read(file));
    assertThat(e).as("refused, at %s", field).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).startsWith(field.isEmpty() ? "" : field + ": ").contains(message);
  }
}
