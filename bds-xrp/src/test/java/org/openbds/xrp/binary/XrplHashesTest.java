package org.openbds.xrp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.xrp.binary.XrplBinaryCodecTest.json;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;

class XrplHashesTest {
  private static final XrplHashes HASHES = new XrplHashes(XrplBinaryCodec.standard());

  @Test
  void aLedgerWithoutTransactionsHasTheZeroTree() {
    assertThat(HASHES.transactionTreeRoot(List.of())).isEqualTo(Hash32.ZERO);
  }

  /** Mainnet ledger 82681623 as a Clio server printed it. */
  @Test
  void headerHashOfAMainnetLedger() {
    Hash32 hash =
        XrplHashes.ledgerHeaderHash(
            82_681_623L,
            99_988_406_188_847_858L,
            Hash32.parse("674FF6C68956E06CB9628833677C3DD71824C87C0AEFB487984CF98C3964DAEE"),
            Hash32.parse("11EE9C448D6B07B88A80B4FC7935B485E513816B3B47D0976CE9F51E7CF10A85"),
            Hash32.parse("39D34D858A0FD652143ED84B67A09193772DE0CCEBD2D63619E679293B7A3388"),
            748_569_570L,
            748_569_571L,
            10,
            0);
    assertThat(hash).isEqualTo(Hash32.parse("3787026448652A36491493C1202A443B2A6CC6022599BB0B25DDB0802DD7F1E7"));
  }

  @Test
  void treeRootDoesNotDependOnTheOrderOfTransactions() {
    XrplTransactionEntry a = entry(1);
    XrplTransactionEntry b = entry(2);
    XrplTransactionEntry c = entry(3);
    Hash32 root = HASHES.transactionTreeRoot(List.of(a, b, c));
    assertThat(HASHES.transactionTreeRoot(List.of(c, a, b))).isEqualTo(root);
    assertThat(HASHES.transactionTreeRoot(List.of(a, b))).isNotEqualTo(root);
  }

  @Test
  void transactionHashCoversEveryField() {
    Hash32 one = HASHES.transactionHash(json("{\"TransactionType\":\"Payment\",\"Sequence\":1}"));
    Hash32 two = HASHES.transactionHash(json("{\"TransactionType\":\"Payment\",\"Sequence\":2}"));
    assertThat(one).isNotEqualTo(two);
  }

  private static XrplTransactionEntry entry(int sequence) {
    return new XrplTransactionEntry(
        json("{\"TransactionType\":\"Payment\",\"Sequence\":" + sequence + "}"),
        json("{\"TransactionIndex\":" + sequence + ",\"TransactionResult\":\"tesSUCCESS\",\"AffectedNodes\":[]}"));
  }
}
