package org.openbds.ethereum.split;

import org.openbds.api.CapturedRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbds.ethereum.codec.EtlData;
import org.openbds.ethereum.codec.TraceStyle;
import org.openbds.ethereum.profile.EthChainProfile;
import org.openbds.ethereum.profile.RewardSchedule;

/**
 * Blocks that include uncles (ommers), split with their chain's {@link RewardSchedule}: a row of {@code uncles} per
 * uncle (its hash from the block, its number and miner from the node facts, the reward its miner got), an
 * {@code uncle_reward} balance change to each uncle's miner, and the including miner's {@code block_reward} with 1/32
 * of the static reward per uncle on top. None of ethereum-etl's recorded blocks has an uncle, so these blocks are
 * hand-made (no transactions, placeholder header); every expected amount is worked out in wei in the comments.
 */
class EthUncleRowsTest {
  private static final RewardSchedule ETH = EthChainProfile.load("eth").network("mainnet").rewards();
  private static final RewardSchedule ETC = EthChainProfile.load("etc").network("mainnet").rewards();
  private static final String MINER = "0x00000000000000000000000000000000000000e0";
  private static final String UNCLE_MINER_A = "0x00000000000000000000000000000000000000a0";
  private static final String UNCLE_MINER_B = "0x00000000000000000000000000000000000000b0";

  /**
   * Ethereum block 1,000,000 (Frontier: 5 ETH) with uncles at 999,999 and 999,998. An uncle's miner gets
   * (uncle number + 8 − block number) × 5 ETH / 8: 7 × 5 / 8 = 4.375 ETH and 6 × 5 / 8 = 3.75 ETH. The block's miner
   * gets 5 ETH + 2 × 5 ETH / 32 = 5 + 0.3125 = 5.3125 ETH.
   */
  @Test
  void frontierUnclesEarnByTheirDistance() {
    CapturedRows rows = split(ETH, 1_000_000, List.of(new NativeBalanceChanges.Uncle(999_999, UNCLE_MINER_A),
        new NativeBalanceChanges.Uncle(999_998, UNCLE_MINER_B)));
    assertUncles(rows, 1_000_000, List.of(
        uncle(0, 999_999, UNCLE_MINER_A, "4375000000000000000"),
        uncle(1, 999_998, UNCLE_MINER_B, "3750000000000000000")));
    assertRewards(rows, "5312500000000000000");
  }

  /**
   * Ethereum block 7,280,000 (Constantinople: 2 ETH) with an uncle six blocks back: (7,279,994 + 8 − 7,280,000) = 2,
   * 2 × 2 ETH / 8 = 0.5 ETH to its miner; the block's miner gets 2 ETH + 2 ETH / 32 = 2.0625 ETH.
   */
  @Test
  void constantinopleUncleSixBlocksBack() {
    CapturedRows rows = split(ETH, 7_280_000, List.of(new NativeBalanceChanges.Uncle(7_279_994, UNCLE_MINER_A)));
    assertUncles(rows, 7_280_000, List.of(uncle(0, 7_279_994, UNCLE_MINER_A, "500000000000000000")));
    assertRewards(rows, "2062500000000000000");
  }

  /**
   * Ethereum Classic block 5,000,001, the first of era 2 under ECIP-1017: the static reward is 5 ETC × 4/5 = 4 ETC, an
   * uncle's miner gets 4 ETC / 32 = 0.125 ETC whatever its distance (here one back, which in era 1 would have given
   * 7/8); a second uncle, five back, gets the same. Both were mined by one address, which gets a change for each. The
   * block's miner gets 4 + 2 × 4 / 32 = 4.25 ETC.
   */
  @Test
  void classicUnclesFromTheSecondEraEarnAThirtySecond() {
    CapturedRows rows = split(ETC, 5_000_001, List.of(new NativeBalanceChanges.Uncle(5_000_000, UNCLE_MINER_A),
        new NativeBalanceChanges.Uncle(4_999_996, UNCLE_MINER_A)));
    assertUncles(rows, 5_000_001, List.of(
        uncle(0, 5_000_000, UNCLE_MINER_A, "125000000000000000"),
        uncle(1, 4_999_996, UNCLE_MINER_A, "125000000000000000")));
    assertRewards(rows, "4250000000000000000");
  }

  private record ExpectedUncle(int index, long number, String miner, BigInteger reward) {}

  private static ExpectedUncle uncle(int index, long number, String miner, String rewardWei) {
    return new ExpectedUncle(index, number, miner, new BigInteger(rewardWei));
  }

  /** One {@code uncles} row and one {@code uncle_reward} change per uncle, in the block's order; the uncle count in the block row. */
  private static void assertUncles(CapturedRows rows, long number, List<ExpectedUncle> expected) {
    List<Map<String, Object>> uncles = rows.rows(EthTables.UNCLES);
    assertThat(uncles).hasSameSizeAs(expected);
    for (ExpectedUncle u : expected) {
      assertThat(uncles.get(u.index())).containsEntry("block_number", number).containsEntry("uncle_index", u.index())
          .containsEntry("hash", uncleHash(u.index())).containsEntry("uncle_number", u.number())
          .containsEntry("miner", u.miner()).containsEntry("reward", u.reward());
    }
    assertThat(rows.row(EthTables.BLOCKS)).containsEntry("uncle_count", expected.size());
    List<Map<String, Object>> rewards = rows.rows(EthTables.BALANCE_CHANGES).stream().filter(c -> c.get("kind").equals("uncle_reward")).toList();
    assertThat(rewards.stream().map(c -> c.get("address") + " " + c.get("delta")))
        .containsExactlyElementsOf(expected.stream().map(u -> u.miner() + " " + u.reward()).toList());
    assertThat(rewards).allSatisfy(c -> assertThat(c).containsEntry("block_number", number)
        .containsEntry("transaction_index", null).containsEntry("transaction_hash", null));
  }

  /**
   * The block's miner gets {@code blockRewardWei}; with no transaction, the rewards are the block's only changes
   * besides the opening balances of the addresses first seen.
   */
  private static void assertRewards(CapturedRows rows, String blockRewardWei) {
    List<Map<String, Object>> changes = rows.rows(EthTables.BALANCE_CHANGES);
    assertThat(changes).filteredOn(c -> c.get("kind").equals("block_reward")).singleElement()
        .satisfies(c -> assertThat(c).containsEntry("address", MINER).containsEntry("delta", new BigInteger(blockRewardWei)));
    assertThat(changes).allSatisfy(c -> assertThat(c.get("kind")).isIn("opening", "block_reward", "uncle_reward"));
  }

  private static CapturedRows split(RewardSchedule rewards, long number, List<NativeBalanceChanges.Uncle> uncles) {
    ObjectNode block = EtlData.JSON.createObjectNode();
    block.put("number", "0x" + Long.toHexString(number));
    block.put("hash", "0x" + "ab".repeat(32));
    block.put("parentHash", "0x" + "aa".repeat(32));
    block.put("nonce", "0x0000000000000042");
    block.put("sha3Uncles", "0x" + "cc".repeat(32));
    block.put("logsBloom", "0x" + "0".repeat(512));
    for (String root : List.of("transactionsRoot", "stateRoot", "receiptsRoot")) {
      block.put(root, "0x" + "00".repeat(32));
    }
    block.put("miner", MINER);
    block.put("difficulty", "0x1");
    block.put("size", "0x21c");
    block.put("extraData", "0x");
    block.put("gasLimit", "0x2fefd8");
    block.put("gasUsed", "0x0");
    block.put("timestamp", "0x55ba467c");
    block.putArray("transactions");
    ArrayNode hashes = block.putArray("uncles");
    for (int i = 0; i < uncles.size(); i++) {
      hashes.add(uncleHash(i));
    }
    return SplitterRun.split(rewards, block, EtlData.JSON.createArrayNode(), TraceStyle.NONE, null, uncles, Map.of()).rows();
  }

  private static String uncleHash(int index) {
    return "0x" + String.format("%02x", 0xd0 + index).repeat(32);
  }
}
