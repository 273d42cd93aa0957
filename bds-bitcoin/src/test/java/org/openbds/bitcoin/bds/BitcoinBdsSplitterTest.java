package org.openbds.bitcoin.bds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openbds.api.SourceBlock;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.profile.NetworkParameters;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.bitcoin.split.ClassifiedBlock;

/**
 * The messages' path writes the rows of our own: a generated chain (segwit, multisig, P2PK, OP_RETURN, same-block
 * spends…) is read from its block files by our splitter and, block by block, written as the original product's
 * message, read back through {@link BitcoinBdsMessages} by a second splitter; both splitters must write the same rows.
 */
class BitcoinBdsSplitterTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"btc, false, false", "btc, true, true", "ltc, false, false", "bch, false, false", "doge, false, true", "bsv, true, false"})
  void theMessagesOfAGeneratedChainGiveTheRowsOfItsBlocks(String chain, boolean rawNodeNames, boolean storeInputScripts) {
    ChainProfile profile = ChainProfiles.load(chain);
    NetworkParameters network = profile.network(ChainProfiles.SYNTHETIC);
    new SyntheticChainGenerator(
            GeneratorConfig.defaults(profile, dir).withSeed(3).withTargetTransactions(1_500).withAverageTransactionsPerBlock(100)
                .withSpendablePoolSize(5_000))
        .generate();
    // witnesses retained by the reference splitter, so that the writer can put them in the messages
    BitcoinSplitter reference = new BitcoinSplitter(profile, network, true);
    BitcoinSplitter own = new BitcoinSplitter(profile, network, storeInputScripts);
    BitcoinSplitter underMessages = new BitcoinSplitter(profile, network, storeInputScripts);
    BitcoinBdsMessages messages = new BitcoinBdsMessages(underMessages);
    int blocks = 0;
    long transactions = 0;
    try (BlockFileSource source = BlockFileSource.open(dir, network, OptionalLong.empty())) {
      for (Iterator<SourceBlock> it = source.blocksAfter(Optional.empty()); it.hasNext(); ) {
        SourceBlock block = it.next();
        byte[] document = BdsDocumentWriter.bytes(BdsDocumentWriter.write(reference.decode(block), profile, rawNodeNames));
        SourceBlock envelope = messages.envelope(document, "message " + block.height());
        assertThat(envelope.ref()).isEqualTo(block.ref());
        assertThat(envelope.parent()).isEqualTo(block.parent());
        ClassifiedBlock fromMessage = messages.splitter().decode(envelope);
        ClassifiedBlock fromBytes = own.decode(block);
        var rows = RecordedRows.of(messages.splitter().resolve(fromMessage));
        assertThat(rows).as("rows of block %d", block.height()).isEqualTo(RecordedRows.of(own.resolve(fromBytes)));
        assertThat(rows.get("tx_outputs")).hasSizeGreaterThanOrEqualTo(fromMessage.transactionCount());
        blocks++;
        transactions += fromMessage.transactionCount();
      }
    }
    assertThat(blocks).isGreaterThan(10);
    assertThat(transactions).isEqualTo(1_500);
    assertThat(messages.splitter().counters()).isEqualTo(own.counters());
    assertThat(underMessages.unresolvedInputs()).isZero();
  }
}
