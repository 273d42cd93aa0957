package org.openbds.ethereum.bds;


import org.openbds.api.BdsException;
import org.openbds.api.ForeignFormatSplitter;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.ethereum.split.EthDecodedBlock;
import org.openbds.ethereum.split.EthSplitter;

/**
 * Splits blocks whose payload is an Ethereum-family message of the original BDS product: {@link #decode} reads the
 * message ({@link EthBdsDecoder}), the {@link EthSplitter} does everything else, so that the rows are written by our
 * own splitter. Threading as for {@link EthSplitter}.
 */
public final class EthBdsSplitter extends ForeignFormatSplitter<EthDecodedBlock> {
  private final EthSplitter splitter;
  private final EthBdsDecoder decoder;

  public EthBdsSplitter(EthSplitter splitter) {
    super(splitter);
    this.splitter = splitter;
    this.decoder = new EthBdsDecoder(splitter.rewards());
  }

  @Override
  public EthDecodedBlock decode(SourceBlock source) {
    EthDecodedBlock block = decoder.decode(source.payload(), source.origin());
    if (!block.ref().equals(source.ref()) || !block.parent().equals(source.parent())) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, source.origin() + ": the message is block " + block.ref() + " (parent " + block.parent()
          + "), expected " + source.ref() + " (parent " + source.parent() + ")");
    }
    return block;
  }







}
