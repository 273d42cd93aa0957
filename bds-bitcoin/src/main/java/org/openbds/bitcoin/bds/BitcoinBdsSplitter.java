package org.openbds.bitcoin.bds;


import java.util.ArrayList;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ForeignFormatSplitter;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.script.OutputScript;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.bitcoin.split.ClassifiedBlock;

/**
 * Splits blocks whose payload is a message of the original BDS product: {@link #decode} reads the message into the
 * block our codec would have decoded and classifies it with the {@link BitcoinSplitter}, which does everything else
 * (tables, in-memory state, resolving inputs, rollback), so that the rows are those of our own splitter.
 *
 * <p>Addresses are derived from the output scripts exactly as for blocks read from a node; where the message states
 * addresses too, they must agree (for CashAddr, compared without the {@code bitcoincash:} prefix), otherwise the
 * message is a {@link ErrorCode#MALFORMED_BLOCK} naming the transaction and output.
 *
 * <p>Threading as for {@link BitcoinSplitter}: {@link #decode} is thread-safe, the rest belongs to one thread.
 */
public final class BitcoinBdsSplitter extends ForeignFormatSplitter<ClassifiedBlock> {
  private final BitcoinSplitter splitter;
  private final BitcoinBdsDecoder decoder;

  public BitcoinBdsSplitter(BitcoinSplitter splitter) {
    super(splitter);
    this.splitter = splitter;
    this.decoder = new BitcoinBdsDecoder(splitter.profile(), splitter.storesInputScripts());
  }

  @Override
  public ClassifiedBlock decode(SourceBlock source) {
    BitcoinBdsDecoder.Decoded decoded = decoder.decode(source.payload(), source.origin());
    BitcoinBlock block = decoded.block();
    if (block.height() != source.height() || !block.hash().equals(source.hash()) || !block.parent().equals(source.parent())) {
      throw new BdsException(
          ErrorCode.MALFORMED_BLOCK,
          source.origin() + ": the message is block " + block.height() + " " + block.hash() + " (parent " + block.parent()
              + "), expected " + source.height() + " " + source.hash() + " (parent " + source.parent() + ")");
    }
    ClassifiedBlock classified = splitter.classify(block);
    checkAddresses(classified, decoded.statedAddresses(), source.origin());
    return classified;
  }

  private static void checkAddresses(ClassifiedBlock classified, List<List<List<String>>> stated, String origin) {
    OutputScript[][] scripts = classified.scripts();
    for (int t = 0; t < scripts.length; t++) {
      for (int o = 0; o < scripts[t].length; o++) {
        List<String> given = stated.get(t).get(o);
        if (given == null) {
          continue;
        }
        List<String> derived = scripts[t][o].addresses();
        if (!withoutPrefixes(given).equals(withoutPrefixes(derived))) {
          throw new BdsException(
              ErrorCode.MALFORMED_BLOCK,
              origin + ": tx[" + t + "] (" + classified.txids()[t] + ").vout[" + o + "]: the message's addresses " + given
                  + " are not those of its script_pubkey (" + scripts[t][o].type().sqlName() + " " + derived + ")");
        }
      }
    }
  }

  /** CashAddr addresses with or without their network prefix ({@code bitcoincash:qp…} and {@code qp…}) alike. */
  private static List<String> withoutPrefixes(List<String> addresses) {
    List<String> out = new ArrayList<>(addresses.size());
    for (String a : addresses) {
      out.add(a.substring(a.indexOf(':') + 1));
    }
    return out;
  }









  /** The splitter that resolves and writes the rows. */
  public BitcoinSplitter splitter() {
    return splitter;
  }
}
