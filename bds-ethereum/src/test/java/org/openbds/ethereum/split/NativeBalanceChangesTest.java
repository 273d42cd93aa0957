package org.openbds.ethereum.split;

import org.openbds.api.CapturedRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.ethereum.codec.EthBlock;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.codec.EthBlockDecoder;
import org.openbds.ethereum.codec.EthReceipt;
import org.openbds.ethereum.codec.EthReceiptConformanceTest;
import org.openbds.ethereum.codec.EthReceiptDecoder;
import org.openbds.ethereum.codec.EthTrace;
import org.openbds.ethereum.codec.EthTransaction;
import org.openbds.ethereum.codec.EthWithdrawal;
import org.openbds.ethereum.codec.EtlData;
import org.openbds.ethereum.profile.EthChainProfile;
import org.openbds.ethereum.profile.RewardSchedule;

/**
 * Native balance changes of real mainnet block 483920 (proof of work, 5 ETH reward, four transactions, recorded node
 * answers) and of hand-made call trees for the rules the real block does not exercise.
 */
class NativeBalanceChangesTest {
  private static final RewardSchedule MAINNET = EthChainProfile.load("eth").network("mainnet").rewards();
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  private static EthBlockBundle block483920() {
    JsonNode blockJson = EtlData.result(EtlData.answer(EtlData.caseDir("test_export_blocks_job", "block_with_logs"), "eth_getBlockByNumber"));
    EthBlock block = EthBlockDecoder.decode(blockJson);
    Path receiptsDir = EtlData.caseDir("test_export_receipts_job", "receipts_with_logs");
    List<EthReceipt> receipts = EthReceiptDecoder.decode(block, EthReceiptConformanceTest.receiptsInBlockOrder(receiptsDir, block));
    return new EthBlockBundle(block, receipts, Optional.empty());
  }

  private static Map<String, BigInteger> byAddress(List<BalanceChange> changes) {
    Map<String, BigInteger> out = new HashMap<>();
    for (BalanceChange c : changes) {
      out.merge(c.address(), c.delta(), BigInteger::add);
    }
    return out;
  }

  @Test
  void realProofOfWorkBlockIssuesTheRewardAndMovesFeesToTheMiner() {
    EthBlockBundle bundle = block483920();
    EthBlock block = bundle.block();
    assertThat(block.uncles()).isEmpty();
    List<BalanceChange> changes = NativeBalanceChanges.of(bundle, List.of(), MAINNET);
    // fees move from senders to the miner and values between accounts: only the block reward is new money
    BigInteger total = changes.stream().map(BalanceChange::delta).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(total).isEqualTo(BigInteger.valueOf(5).multiply(ETHER));
    BigInteger fees = BigInteger.ZERO;
    for (int i = 0; i < block.transactions().size(); i++) {
      EthTransaction tx = block.transactions().get(i);
      BigInteger fee = BigInteger.valueOf(bundle.receipts().get(i).gasUsed()).multiply(tx.gasPrice().orElseThrow());
      fees = fees.add(fee);
      int index = i;
      assertThat(changes).filteredOn(c -> c.kind() == BalanceChange.Kind.FEE && c.transactionIndex().equals(Optional.of(index)))
          .singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo(tx.from());
            assertThat(c.delta()).isEqualTo(fee.negate());
          });
    }
    BigInteger minerGets = byAddress(changes).get(block.miner());
    BigInteger minerSpends = changes.stream().filter(c -> c.address().equals(block.miner()) && c.delta().signum() < 0)
        .map(BalanceChange::delta).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(minerGets.subtract(minerSpends)).isEqualTo(fees.add(BigInteger.valueOf(5).multiply(ETHER)));
    // without traces the top-level values of successful transactions are what moves
    BigInteger moved = changes.stream().filter(c -> c.kind() == BalanceChange.Kind.VALUE && c.delta().signum() > 0)
        .map(BalanceChange::delta).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(moved).isEqualTo(block.transactions().stream().map(EthTransaction::value).reduce(BigInteger.ZERO, BigInteger::add));
  }

  @Test
  void unclesEarnTheirMinersAndTheIncludingMinerANephewReward() {
    EthBlockBundle bundle = block483920();
    String uncleMiner = "0x00000000000000000000000000000000000000aa";
    List<BalanceChange> changes = NativeBalanceChanges.of(bundle, List.of(new NativeBalanceChanges.Uncle(483918, uncleMiner)), MAINNET);
    assertThat(changes).filteredOn(c -> c.kind() == BalanceChange.Kind.UNCLE_REWARD).singleElement()
        .satisfies(c -> assertThat(c.delta()).isEqualTo(ETHER.multiply(BigInteger.valueOf(30)).divide(BigInteger.valueOf(8))));
    assertThat(changes).filteredOn(c -> c.kind() == BalanceChange.Kind.BLOCK_REWARD).singleElement()
        .satisfies(c -> assertThat(c.delta()).isEqualTo(ETHER.multiply(BigInteger.valueOf(5)).add(ETHER.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(32)))));
  }

  private static EthTrace trace(EthTransaction tx, String type, String callType, String from, String to, long value, List<Integer> address, boolean reverted) {
    return new EthTrace(Optional.of(tx.hash()), Optional.of(tx.transactionIndex()), type, Optional.ofNullable(callType), Optional.empty(),
        Optional.of(from), Optional.of(to), BigInteger.valueOf(value), Optional.of("0x"), Optional.of("0x"), Optional.empty(), Optional.empty(),
        0, address, reverted ? Optional.of("Reverted") : Optional.empty(), reverted);
  }

  @Test
  void onlyFramesThatDidNotRevertAndMoveValueCount() {
    EthBlockBundle real = block483920();
    EthTransaction tx = real.block().transactions().get(0);
    String a = tx.from();
    String b = "0x00000000000000000000000000000000000000b0";
    String c = "0x00000000000000000000000000000000000000c0";
    String d = "0x00000000000000000000000000000000000000d0";
    List<EthTrace> traces = List.of(
        trace(tx, "call", "call", a, b, 100, List.of(), false),
        trace(tx, "call", "call", b, c, 40, List.of(0), false),
        trace(tx, "call", "call", b, d, 7, List.of(1), true), // reverted inner call: nothing moves
        trace(tx, "call", "delegatecall", b, d, 5, List.of(2), false), // runs d's code as b: no transfer
        trace(tx, "create", null, b, d, 3, List.of(3), false),
        trace(tx, "suicide", null, d, c, 3, List.of(3, 0), false));
    List<EthTransaction> one = List.of(tx);
    EthBlock block = withTransactions(real.block(), one);
    EthBlockBundle bundle = new EthBlockBundle(block, List.of(real.receipts().get(0)), Optional.of(traces));
    Map<String, BigInteger> values = new HashMap<>();
    for (BalanceChange ch : NativeBalanceChanges.of(bundle, List.of(), RewardSchedule.none())) {
      if (ch.kind() == BalanceChange.Kind.VALUE) {
        values.merge(ch.address(), ch.delta(), BigInteger::add);
      }
    }
    assertThat(values).containsEntry(a, BigInteger.valueOf(-100)).containsEntry(b, BigInteger.valueOf(57))
        .containsEntry(c, BigInteger.valueOf(43)).containsEntry(d, BigInteger.ZERO);
  }

  @Test
  void withABaseFeeTheMinerGetsOnlyTheTipAndTheRestIsBurnt() {
    EthBlockBundle real = block483920();
    EthTransaction tx = real.block().transactions().get(0);
    BigInteger price = tx.gasPrice().orElseThrow();
    BigInteger base = price.subtract(BigInteger.valueOf(1_000));
    EthBlock block = withBaseFee(withTransactions(real.block(), List.of(tx)), base);
    EthReceipt receipt = real.receipts().get(0);
    EthBlockBundle bundle = new EthBlockBundle(block, List.of(receipt), Optional.of(List.of()));
    List<BalanceChange> changes = NativeBalanceChanges.of(bundle, List.of(), RewardSchedule.none());
    BigInteger used = BigInteger.valueOf(receipt.gasUsed());
    assertThat(byAddress(changes).get(block.miner())).isEqualTo(used.multiply(BigInteger.valueOf(1_000)));
    BigInteger total = changes.stream().map(BalanceChange::delta).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(total).isEqualTo(used.multiply(base).negate());
    // a price below the base fee cannot be: the block is refused, not booked with a negative tip
    EthBlock impossible = withBaseFee(block, price.add(BigInteger.ONE));
    assertThatThrownBy(() -> NativeBalanceChanges.of(new EthBlockBundle(impossible, List.of(receipt), Optional.of(List.of())), List.of(), RewardSchedule.none()))
        .isInstanceOf(BdsException.class).hasMessageContaining("below the base fee");
  }

  @Test
  void withdrawalsCreditTheirAddressInWei() {
    EthBlock real = block483920().block();
    String a = "0x00000000000000000000000000000000000000a1";
    String b = "0x00000000000000000000000000000000000000b1";
    List<EthWithdrawal> withdrawals = List.of(
        new EthWithdrawal(7, 100, a, BigInteger.valueOf(45_762_059)),
        new EthWithdrawal(8, 101, b, BigInteger.ZERO), // nothing credited: no change
        new EthWithdrawal(9, 102, a, BigInteger.valueOf(32_000_000_000L))); // a full exit of 32 ETH
    EthBlock block = with(real, List.of(), real.baseFeePerGas(), real.gasUsed(), Optional.of(withdrawals));
    List<BalanceChange> changes = NativeBalanceChanges.of(new EthBlockBundle(block, List.of(), Optional.of(List.of())), List.of(), RewardSchedule.none());
    // 45,762,059 gwei × 10^9 = 45,762,059,000,000,000 wei; 32,000,000,000 gwei = 32 × 10^18 wei
    assertThat(changes).containsExactly(
        new BalanceChange(a, BalanceChange.Kind.WITHDRAWAL, new BigInteger("45762059000000000"), Optional.empty(), Optional.empty()),
        new BalanceChange(a, BalanceChange.Kind.WITHDRAWAL, ETHER.multiply(BigInteger.valueOf(32)), Optional.empty(), Optional.empty()));
  }

  /**
   * EIP-4844: a blob transaction's sender also pays {@code blob_gas_used * blob_gas_price}, which is burnt like the
   * base fee: the miner gets only the tip, the block's burnt fees and the transaction's burnt fee include it.
   */
  @Test
  void theBlobFeeIsPaidByTheSenderAndBurnt() {
    EthBlockBundle real = block483920();
    EthTransaction legacy = real.block().transactions().get(0);
    EthReceipt receipt = real.receipts().get(0);
    BigInteger gwei = BigInteger.TEN.pow(9);
    EthTransaction blobTx = new EthTransaction(legacy.hash(), legacy.nonce(), 0, legacy.from(), legacy.to(), legacy.value(), legacy.gas(),
        Optional.empty(), legacy.input(), 3, Optional.of(gwei.multiply(BigInteger.valueOf(60))), Optional.of(gwei),
        Optional.of(BigInteger.TEN), List.of(legacy.hash()), Optional.of(1L), 0, 0);
    // 50,853 gas at 50 gwei paid (base fee 49 gwei + 1 gwei tip); one blob: 131,072 blob gas at 7 wei
    EthReceipt blobReceipt = new EthReceipt(receipt.transactionHash(), 0, 50_853, 50_853, Optional.empty(), Optional.of(1), Optional.empty(),
        Optional.of(gwei.multiply(BigInteger.valueOf(50))), Optional.of(131_072L), Optional.of(BigInteger.valueOf(7)), receipt.logsBloom(), List.of());
    EthBlock block = with(real.block(), List.of(blobTx), Optional.of(gwei.multiply(BigInteger.valueOf(49))), 50_853, Optional.empty());
    EthBlockBundle bundle = new EthBlockBundle(block, List.of(blobReceipt), Optional.of(List.of()));
    List<BalanceChange> changes = NativeBalanceChanges.of(bundle, List.of(), RewardSchedule.none());

    // fee: 50,853 × 50 gwei = 2,542,650,000,000,000 wei, plus 131,072 × 7 = 917,504 wei of blob fee
    BigInteger fee = new BigInteger("2542650000917504");
    // the miner's tip: 50,853 × 1 gwei = 50,853,000,000,000 wei
    BigInteger tip = new BigInteger("50853000000000");
    // burnt: 50,853 × 49 gwei = 2,491,797,000,000,000 wei, plus the 917,504 wei blob fee
    BigInteger burnt = new BigInteger("2491797000917504");
    assertThat(NativeBalanceChanges.blobFee(blobReceipt)).isEqualTo(BigInteger.valueOf(917_504));
    assertThat(changes).containsExactly(
        new BalanceChange(legacy.from(), BalanceChange.Kind.FEE, fee.negate(), Optional.of(0), Optional.of(legacy.hash())),
        new BalanceChange(block.miner(), BalanceChange.Kind.MINER_FEE, tip, Optional.of(0), Optional.of(legacy.hash())));
    assertThat(fee.subtract(tip)).isEqualTo(burnt);

    // the rows: the transaction's fee and burnt fee, the block's burnt fees
    EthDecodedBlock decoded = new EthDecodedBlock(bundle, 0, changes, List.of(), List.of(), NodeFacts.none());
    CapturedRows rows = CapturedRows.of(new EthBlockRows(decoded, changes, List.of(), List.of(), RewardSchedule.none()), EthTables.TABLES);
    assertThat(rows.row(EthTables.TRANSACTIONS)).containsEntry("fee", fee).containsEntry("burnt_fee", burnt)
        .containsEntry("blob_gas_used", 131_072L).containsEntry("blob_gas_price", BigInteger.valueOf(7))
        .containsEntry("transaction_type", 3).containsEntry("blob_count", 1);
    assertThat(rows.row(EthTables.BLOCKS)).containsEntry("burnt_fees", burnt);
  }

  private static EthBlock with(EthBlock b, List<EthTransaction> txs, Optional<BigInteger> baseFee, long gasUsed, Optional<List<EthWithdrawal>> withdrawals) {
    return new EthBlock(b.number(), b.hash(), b.parentHash(), b.nonce(), b.sha3Uncles(), b.logsBloom(), b.transactionsRoot(), b.stateRoot(),
        b.receiptsRoot(), b.miner(), b.difficulty(), b.totalDifficulty(), b.size(), b.extraData(), b.gasLimit(), gasUsed, b.timestamp(),
        b.mixHash(), baseFee, b.withdrawalsRoot(), b.blobGasUsed(), b.excessBlobGas(), b.parentBeaconBlockRoot(), b.requestsHash(),
        b.uncles(), txs, withdrawals);
  }

  private static EthBlock withTransactions(EthBlock b, List<EthTransaction> txs) {
    return new EthBlock(b.number(), b.hash(), b.parentHash(), b.nonce(), b.sha3Uncles(), b.logsBloom(), b.transactionsRoot(), b.stateRoot(),
        b.receiptsRoot(), b.miner(), b.difficulty(), b.totalDifficulty(), b.size(), b.extraData(), b.gasLimit(), b.gasUsed(), b.timestamp(),
        b.mixHash(), b.baseFeePerGas(), b.withdrawalsRoot(), b.blobGasUsed(), b.excessBlobGas(), b.parentBeaconBlockRoot(), b.requestsHash(),
        b.uncles(), txs, b.withdrawals());
  }

  private static EthBlock withBaseFee(EthBlock b, BigInteger baseFee) {
    return new EthBlock(b.number(), b.hash(), b.parentHash(), b.nonce(), b.sha3Uncles(), b.logsBloom(), b.transactionsRoot(), b.stateRoot(),
        b.receiptsRoot(), b.miner(), b.difficulty(), b.totalDifficulty(), b.size(), b.extraData(), b.gasLimit(), b.gasUsed(), b.timestamp(),
        b.mixHash(), Optional.of(baseFee), b.withdrawalsRoot(), b.blobGasUsed(), b.excessBlobGas(), b.parentBeaconBlockRoot(), b.requestsHash(),
        b.uncles(), b.transactions(), b.withdrawals());
  }

}
