package org.openbds.xrp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.BlockSource;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.Reconciler;
import org.openbds.api.SplitOptions;
import org.openbds.xrp.binary.HashedLedgerIntegrity;
import org.openbds.xrp.codec.XrpLedgerDecoder;
import org.openbds.xrp.rpc.RippledNodeSource;
import org.openbds.xrp.source.LedgerFileSource;
import org.openbds.xrp.split.XrpSplitter;
import org.openbds.xrp.verify.XrpReconciler;

/** The XRP Ledger: mainnet, testnet and devnet, read from rippled or from recorded ledger answers. */
public final class XrpFamily implements ChainFamily {
  public static final ChainId XRP = new ChainId("xrp");
  /** Each network's NetworkID: transactions of other networks are refused. */
  private static final Map<String, Long> NETWORK_IDS = Map.of("mainnet", 0L, "testnet", 1L, "devnet", 2L);

  @Override
  public String name() {
    return "xrp";
  }

  @Override
  public List<ChainId> chains() {
    return List.of(XRP);
  }

  @Override
  public List<String> networks(ChainId chain) {
    return List.of("mainnet", "testnet", "devnet");
  }

  @Override
  public ChainSupport open(ChainId chain, String network, SplitOptions options) {
    Long networkId = NETWORK_IDS.get(network);
    if (networkId == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "xrp has no network '" + network + "'; known: mainnet, testnet, devnet");
    }
    XrpSplitter splitter = new XrpSplitter(new XrpLedgerDecoder(networkId, HashedLedgerIntegrity.standard()));
    return new ChainSupport() {
      @Override
      public ChainId chain() {
        return chain;
      }

      @Override
      public String network() {
        return network;
      }

      @Override
      public String unit() {
        return "drop";
      }

      @Override
      public XrpSplitter splitter() {
        return splitter;
      }

      @Override
      public BlockSource blockFiles(Path path, OptionalLong startHeight) {
        return LedgerFileSource.open(path);
      }

      @Override
      public NodeSource node(NodeSettings settings) {
        return RippledNodeSource.open(settings);
      }

      @Override
      public Reconciler reconciler(NodeSettings settings) {
        return XrpReconciler.open(settings);
      }
    };
  }
}
