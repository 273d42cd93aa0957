package org.openbds.forensics.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.forensics.evidence.CaseFiles.at;
import static org.openbds.forensics.evidence.CaseFiles.bytes;
import static org.openbds.forensics.evidence.CaseFiles.edited;
import static org.openbds.forensics.evidence.CaseFiles.text;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.openbds.forensics.evidence.EvidenceCase.AccountStep;
import org.openbds.forensics.evidence.EvidenceCase.Model;

/** The evidence report of a hand-made account-model (Ethereum) case: transfers, wei beyond 64 bits, JSON-RPC re-checks. */
class EvidenceReportAccountTest {
  static final String THIEF = "0x1111111111111111111111111111111111111111";
  static final String MULE = "0x2222222222222222222222222222222222222222";
  static final String MIXER = "0x3333333333333333333333333333333333333333";
  static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
  static final String TX = "0x" + "ab".repeat(32);
  static final String BLOCK = "0x" + "cd".repeat(32);
  static final String TIP = "0x" + "ef".repeat(32);

  /**
   * One transaction at block 19,000,000: the thief sends 1.5 ETH to the mule (native), a call inside it moves
   * 123456789012345678901234567890 wei (more than 64 bits) on to the mixer (internal), and 1,000,000 base units of USDT
   * go along (token, untainted). Fee 0.00042 ETH.
   */
  static final String ACCOUNT = """
      {
        "format": "openbds-case/1",
        "model": "account",
        "created_at": "2026-11-21T09:15:00Z",
        "software": "OpenBDS 0.2.0",
        "chain": {"id": "eth", "network": "mainnet", "tip_height": 19000100, "tip_hash": "%5$s"},
        "request": {
          "from": "%1$s", "asset": "native", "direction": "forward", "taint_model": "poison", "hops": 3, "min_value": "0",
          "until": null, "since": "2026-11-01T00:00:00Z", "stop_at": {"%3$s": "mixer: <b>Tornado</b> & friends"},
          "max_transactions": 5000
        },
        "summary": {"started": "1500000000000000000", "frontier": "123456789012345678901234567890", "fees": "420000000000000",
                    "transactions": 1, "frontier_accounts": 1, "truncated": false, "balances": false},
        "steps": [
          {"hop": 1, "txid": "%6$s", "block_height": 19000000, "block_hash": "%7$s", "time": "2026-11-02T03:04:05Z",
           "fee": "420000000000000", "fee_taint": "420000000000000",
           "transfers": [
             {"index": 0, "kind": "native", "asset": "native", "from": "%1$s", "to": "%2$s", "value": "1500000000000000000",
              "taint": "1500000000000000000"},
             {"index": 1, "kind": "internal", "asset": "native", "from": "%2$s", "to": "%3$s", "value": "123456789012345678901234567890",
              "taint": "123456789012345678901234567890"},
             {"index": 2, "kind": "token", "asset": "%4$s", "from": "%2$s", "to": "%3$s", "value": 1000000, "taint": null}]}
        ],
        "labels": {"%3$s": ["mixer: <b>Tornado</b> & friends (osint, analyst, 2026-11-20)"]},
        "frontier": [
          {"address": "%3$s", "asset": "native", "value": "123456789012345678901234567890", "hop": 1, "reason": "stop_address",
           "note": "mixer: <b>Tornado</b> & friends", "taint": "123456789012345678901234567890"}
        ]
      }
      """.formatted(THIEF, MULE, MIXER, USDT, TIP, TX, BLOCK);

  @Test
  void anAccountCaseReadsWithItsTransfersAndExactWei() {
    EvidenceReport report = EvidenceReport.read(bytes(ACCOUNT));
    assertThat(report.evidenceCase().model()).isEqualTo(Model.ACCOUNT);
    AccountStep step = (AccountStep) report.evidenceCase().steps().get(0);
    assertThat(step.transfers().get(1).value()).isEqualTo(new BigInteger("123456789012345678901234567890"));
    String text = text(report.html());
    assertThat(text).contains("OpenBDS evidence report · account model").contains("Trace from " + THIEF).contains("chain eth (network mainnet)")
        .contains("warehouse tip height 19000100").contains("warehouse tip hash " + TIP).contains("software OpenBDS 0.2.0")
        .contains("created at 2026-11-21 09:15:00 UTC");
    assertThat(text).contains("asset native").contains("taint model poison")
        .contains("Poison: once an address holds tainted funds, every transfer out of it is tainted in full.")
        .contains("since 2026-11-01 00:00:00 UTC").contains("until not set").contains("max transactions 5000")
        .contains(MIXER + " mixer: <b>Tornado</b> & friends");
    assertThat(text).contains("started 1500000000000000000 (1.500000000000000000 ETH)")
        .contains("frontier 123456789012345678901234567890 (123456789012.345678901234567890 ETH)")
        .contains("fees 420000000000000 (0.000420000000000000 ETH)").contains("frontier entries 1")
        .contains("balances no: started ≠ frontier + fees (poison overstates: an upper bound)");
    assertThat(text).contains("Hop 1 · transaction " + TX + " block height 19000000 block hash " + BLOCK + " time 2026-11-02 03:04:05 UTC");
    assertThat(text).contains("0 native native " + THIEF + " " + MULE + " 1500000000000000000 1.500000000000000000 ETH 1500000000000000000")
        .contains("1 internal native " + MULE + " " + MIXER + " mixer: <b>Tornado</b> & friends (osint, analyst, 2026-11-20)"
            + " 123456789012345678901234567890 123456789012.345678901234567890 ETH")
        .contains("2 token " + USDT + " " + MULE + " " + MIXER);
    // a token's decimals are not in the case file: its amounts stay in base units
    assertThat(text).contains(" 1000000 — ").doesNotContain("0.000000000001000000 ETH");
    assertThat(text).contains(MIXER + " mixer: <b>Tornado</b> & friends (osint, analyst, 2026-11-20) native 123456789012345678901234567890"
            + " 123456789012.345678901234567890 ETH 123456789012345678901234567890")
        .contains("1 stop_address mixer: <b>Tornado</b> & friends");
  }

  @Test
  void eachStepSaysWhichJsonRpcCallsReCheckIt() {
    String text = text(EvidenceReport.read(bytes(ACCOUNT)).html());
    assertThat(text).contains("eth_getBlockByNumber [\"0x121eb24\", false] → \"hash\": \"" + TIP + "\"");
    assertThat(text).contains("eth_getBlockByNumber [\"0x121eac0\", false] → \"hash\": \"" + BLOCK + "\", \"timestamp\": \"0x6ae7fda5\""
        + " (2026-11-02 03:04:05 UTC)");
    assertThat(text).contains("eth_getTransactionByHash [\"" + TX + "\"] → \"blockNumber\": \"0x121eac0\", \"blockHash\": \"" + BLOCK + "\"")
        .contains("transfer 0 (native): \"from\": \"" + THIEF + "\", \"to\": \"" + MULE + "\", \"value\": \"0x14d1120d7b160000\" (1500000000000000000 wei)");
    assertThat(text).contains("eth_getTransactionReceipt [\"" + TX + "\"] → \"status\": \"0x1\"; \"gasUsed\" × \"effectiveGasPrice\" = 420000000000000 wei");
    assertThat(text).contains("debug_traceTransaction [\"" + TX + "\", {\"tracer\": \"callTracer\"}]")
        .contains("transfer 1 (internal): \"from\": \"" + MULE + "\", \"to\": \"" + MIXER + "\", \"value\": \"0x18ee90ff6c373e0ee4e3f0ad2\"");
    assertThat(text).contains("topics [" + AccountRecheck.TRANSFER_TOPIC + ", from, to]")
        .contains("transfer 2 (token): \"address\": \"" + USDT + "\", topics[1] 0x0000000000000000000000002222222222222222222222222222222222222222"
            + ", topics[2] 0x0000000000000000000000003333333333333333333333333333333333333333, \"data\": 0x"
            + "0".repeat(59) + "f4240 (1000000)");
    assertThat(text).contains("✓ transfer 0: poison taints it whole: 1500000000000000000 (the case says 1500000000000000000)")
        .contains("✓ transfer 2: tainted 0 of its 1000000 (no more than its value)")
        .contains("✓ fee taint 420000000000000 of the fee 420000000000000 (no more than the fee)");
    assertThat(text).contains("eth_getBalance [\"" + MIXER + "\", \"0x121eb24\"] → the balance of " + MIXER);
    assertThat(text).doesNotContain("DOES NOT AGREE").doesNotContain("getrawtransaction");
  }

  @Test
  void aTokenFrontierIsCheckedWithBalanceOfAndATaintAboveItsValueIsMarked() {
    byte[] token = edited(ACCOUNT, root -> {
      at(root, "/request").put("asset", USDT).put("taint_model", "haircut");
      at(root, "/summary").put("frontier", "600000");
      at(root, "/frontier/0").put("asset", USDT).put("value", 1000000).put("taint", "600000");
      at(root, "/steps/0/transfers/2").put("taint", "1000001");
    });
    String text = text(EvidenceReport.read(token).html());
    assertThat(text).contains("asset " + USDT).contains("Haircut: an address's balance mixes tainted and clean funds")
        .contains("eth_call [{\"to\": \"" + USDT + "\", \"data\": \"0x70a08231" + "0".repeat(24) + "3333333333333333333333333333333333333333\"}, \"0x121eb24\"]")
        .contains("frontier 600000 base units of " + USDT).contains("✓ frontier taint: the entries' taint adds up to 600000")
        .contains("✗ DOES NOT AGREE: transfer 2: tainted 1000001 of its 1000000: MORE than its value");
  }
}
